#pragma once
// A bilingual document as the checks see it: segments with a source and a target text, read from
// XLIFF 1.2/2.x, TMX, gettext PO, tab-separated pairs, or two plain-text files aligned line by
// line.

#include <cstddef>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "tolk/text/language.hpp"
#include "tolk/tm/exchange.hpp"

namespace tolk::check {

struct BilingualSegment {
  std::string id;        // XLIFF id, TMX tuid, PO msgctxt or line; never empty
  std::size_t line = 0;  // 1-based line in the file (the source file for aligned text)
  std::string source;
  std::string target;
  bool has_target = true;  // false: XLIFF segment without a <target>
};

struct BilingualDocument {
  std::string name;  // the file as given
  text::Language source_language = text::Language::nl;
  text::Language target_language = text::Language::en;
  std::vector<BilingualSegment> segments;
  std::vector<tm::ImportIssue> issues;  // what the reader skipped
};

enum class InputFormat { xliff, tmx, po, tsv };

// The format by the file name: .xlf/.xliff/.sdlxliff, .tmx, .po/.pot, .tsv/.tab/.txt.
std::optional<InputFormat> format_from_name(const std::filesystem::path& file);

// Thrown when a document cannot be read or its languages are unknown.
class DocumentError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads `file`. `from` and `to` override (XLIFF, TMX, TSV header) or supply (PO source, TSV) the
// languages; a language missing from both throws DocumentError.
BilingualDocument read_document(const std::filesystem::path& file, InputFormat format,
                                std::optional<text::Language> from = std::nullopt,
                                std::optional<text::Language> to = std::nullopt);
// The same from text in memory (an editor's unsaved buffer); `name` stands for the file in the
// document and its issues.
BilingualDocument read_document_text(std::string_view content, std::string name, InputFormat format,
                                     std::optional<text::Language> from = std::nullopt,
                                     std::optional<text::Language> to = std::nullopt);

// Two plain-text files, line n of one translated by line n of the other; empty lines on both
// sides are skipped, a line count that differs is reported as an issue.
BilingualDocument read_aligned_text(const std::filesystem::path& source_file,
                                    const std::filesystem::path& target_file, text::Language from,
                                    text::Language to);

// The same from texts in memory (an editor's buffers, an HTTP request); `name` stands for the
// file in the document and its issues.
BilingualDocument aligned_text_document(std::string_view source_text, std::string_view target_text,
                                        text::Language from, text::Language to,
                                        std::string name = "text");

}  // namespace tolk::check
