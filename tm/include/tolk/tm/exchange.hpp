#pragma once
// Reading and writing translation memories in the formats CAT tools exchange: TMX 1.4b, gettext
// PO and MO catalogs, tab-separated pairs; and filling XLIFF 1.2 / 2.x targets.
//
// Readers stream: each unit is handed to a sink as soon as it is read, so a TMX of millions of
// units is never held in memory. A malformed unit is reported (file, line, reason) and skipped;
// in strict mode the first problem throws. XML is parsed with libxml2's reader without entity
// expansion, without loading DTDs and without network access; a document that declares entities
// is refused.

#include <cstddef>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "tolk/io/import_issue.hpp"
#include "tolk/tm/unit.hpp"

namespace tolk::tm {

// Issues, strictness and ImportError are the ones every tolk reader shares (io/import_issue.hpp).
using io::ImportError;
using io::ImportIssue;
using io::Strictness;
using io::to_string;

using UnitSink = std::function<void(TranslationUnit&&)>;

struct ReadOptions {
  Strictness strictness = Strictness::lenient;
  // Called now and then with the bytes read so far and the file's size (for progress display).
  std::function<void(std::size_t bytes_read, std::size_t bytes_total)> progress;
};

struct ReadSummary {
  std::size_t units = 0;            // handed to the sink
  std::vector<ImportIssue> issues;  // units skipped, and why
  std::string source_language;      // TMX header srclang; PO: the catalog's source ("en")
};

// TMX 1.4b (also reads 1.1-1.4). Units with fewer than two non-empty variants are reported.
ReadSummary read_tmx(const std::filesystem::path& file, const UnitSink& sink,
                     const ReadOptions& options = {});
ReadSummary read_tmx_text(std::string_view xml, std::string_view source_name, const UnitSink& sink,
                          const ReadOptions& options = {});

// gettext catalogs: msgid -> msgstr (msgstr[0] for plurals, msgid_plural as a second unit),
// msgctxt as context; untranslated and fuzzy entries and the header are skipped. The target
// language comes from the header's "Language:" field, else from `target_language`, else the
// file is refused. The source language is `source_language` (gettext's msgids are English).
ReadSummary read_po(const std::filesystem::path& file, const UnitSink& sink,
                    std::string_view source_language = "en",
                    std::optional<std::string> target_language = std::nullopt,
                    const ReadOptions& options = {});
// The same from a catalog in memory (an editor's buffer); `source_name` stands for the file.
ReadSummary read_po_text(std::string_view content, std::string_view source_name,
                         const UnitSink& sink, std::string_view source_language = "en",
                         std::optional<std::string> target_language = std::nullopt,
                         const ReadOptions& options = {});
// An MO file has no lines: its units' origin_line (and its issues' line) is the entry's 1-based
// index in the file's string tables.
ReadSummary read_mo(const std::filesystem::path& file, const UnitSink& sink,
                    std::string_view source_language = "en",
                    std::optional<std::string> target_language = std::nullopt,
                    const ReadOptions& options = {});

// "source<TAB>target" per line (a third column is kept as a note); a first line that names two
// language codes ("nl<TAB>en") is a header and sets the languages.
ReadSummary read_tsv_pairs(const std::filesystem::path& file, const UnitSink& sink,
                           std::string_view source_language, std::string_view target_language,
                           const ReadOptions& options = {});
ReadSummary read_tsv_pairs_text(std::string_view content, std::string_view source_name,
                                const UnitSink& sink, std::string_view source_language,
                                std::string_view target_language, const ReadOptions& options = {});

// Writes TMX 1.4b, UTF-8, valid against the TMX 1.4b DTD: a header, then one <tu> per unit.
struct TmxHeader {
  std::string source_language = "*all*";  // header srclang
  std::string creation_tool = "tolk";
  std::string creation_tool_version;
  std::string segment_type = "sentence";
  std::string admin_language = "en";
  std::string data_type = "plaintext";
};
class TmxWriter {
 public:
  TmxWriter(std::ostream& out, const TmxHeader& header);  // writes the prologue and header
  void write(const TranslationUnit& unit);
  void finish();  // writes the closing tags; also done by the destructor if not called
  ~TmxWriter();
  TmxWriter(const TmxWriter&) = delete;
  TmxWriter& operator=(const TmxWriter&) = delete;

 private:
  std::ostream& out_;
  bool finished_ = false;
};

// XLIFF pre-translation. Every segment whose target is missing or empty is offered to `fill`
// (its source text with the inline codes removed, and its context: XLIFF 1.2 resname or id,
// XLIFF 2 unit name or id); a returned fill becomes the target, with the state and match quality
// each standard allows (1.2: state="translated" or "needs-review-translation" below 100,
// state-qualifier, alt-trans match-quality / 2.x: state="translated" or "initial", mtc:matches
// is not used). Everything else is kept byte for byte.
struct XliffSegment {
  std::string source_text;  // inline codes removed
  std::size_t inline_codes = 0;
  std::string context;
  std::size_t line = 0;
};
struct XliffFill {
  std::string target_text;  // plain text; the source's inline codes are re-inserted as the
                            // implementation documents
  int score = 0;            // 0..101
  std::string origin;       // e.g. "tm:legal#1234", written where the standard has a place for it
};
struct XliffSummary {
  std::string version;  // "1.2", "2.0", "2.1"
  std::string source_language;
  std::string target_language;
  std::size_t segments = 0;
  std::size_t already_translated = 0;
  std::size_t filled = 0;
  std::vector<ImportIssue> issues;
};
using XliffFiller = std::function<std::optional<XliffFill>(const XliffSegment&)>;
// Returns the new document in `output`. A document that cannot be processed (not well-formed,
// declaring entities, not UTF-8, not XLIFF 1.x/2.x) throws ImportError and leaves `output` alone.
XliffSummary pretranslate_xliff(std::string_view document, std::string_view source_name,
                                const XliffFiller& fill, std::string& output);

}  // namespace tolk::tm
