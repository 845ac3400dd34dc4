#pragma once
// Reading and writing termbases in the formats translators exchange: TBX (ISO 30042:2019
// TBX-Basic, and the older martif TBX-Basic), the glossaries CAT tools use (OmegaT's
// tab-separated source/target/comment, and CSV/TSV with a header row of language codes), and
// tolk's own reviewable glossary source (glossaries/*.json, schema "tolk-glossary/1").
//
// Readers stream, keep going past a bad entry and report it with file, line and reason; in strict
// mode the first problem refuses the whole file. XML is parsed without entity expansion, without
// DTD loading and without network access.

#include <filesystem>
#include <iosfwd>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "tolk/io/import_issue.hpp"
#include "tolk/termbase/concept.hpp"

namespace tolk::termbase {

// Issues, strictness and ImportError are the ones every tolk reader shares (io/import_issue.hpp).
using io::ImportError;
using io::ImportIssue;
using io::Strictness;
using io::to_string;

struct ImportResult {
  std::vector<Concept> concepts;    // the entries that were read correctly, in file order
  std::vector<ImportIssue> issues;  // the entries that were skipped, and why
};

// TBX: <tbx type="TBX-Basic" style="dca"> (v3) and <martif type="TBX-Basic"> (v2) are read.
ImportResult read_tbx(const std::filesystem::path& file,
                      Strictness strictness = Strictness::lenient);
ImportResult read_tbx_text(std::string_view xml, std::string_view source_name,
                           Strictness strictness = Strictness::lenient);

struct TbxWriteOptions {
  std::string title = "tolk termbase";
  std::string source_description;  // written to the header's sourceDesc, if not empty
};
// Writes TBX-Basic v3 (ISO 30042:2019, DCA style), UTF-8.
void write_tbx(std::ostream& out, std::span<const Concept> concepts,
               const TbxWriteOptions& options = {});

// Delimited glossaries.
//  - OmegaT: "source<TAB>target<TAB>comment", no header; the languages are given.
//  - Multi-column: a header row naming languages ("nl,en,ru" or "nl\ten\tru"; other columns such as
//    "note", "domain", "id" are kept as the concept's note, domain and id). The delimiter is taken
//    from the header (tab, comma or semicolon); CSV quoting (RFC 4180) is understood.
ImportResult read_omegat_glossary(const std::filesystem::path& file, Language source,
                                  Language target, Strictness strictness = Strictness::lenient);
ImportResult read_delimited_glossary(const std::filesystem::path& file,
                                     Strictness strictness = Strictness::lenient);
// One line per concept that has a term in both languages: preferred (else first) source term,
// preferred target term, and a comment with the legal reference and the definition.
void write_omegat_glossary(std::ostream& out, std::span<const Concept> concepts, Language source,
                           Language target);
// Header row of `languages` plus "id", "domain", "legal", "note"; one row per concept, preferred
// terms; CSV with RFC 4180 quoting when `delimiter` is ',', else TSV.
void write_delimited_glossary(std::ostream& out, std::span<const Concept> concepts,
                              std::span<const Language> languages, char delimiter = '\t');

// tolk's glossary source format (see glossaries/README.md).
ImportResult read_glossary_json(const std::filesystem::path& file,
                                Strictness strictness = Strictness::lenient);

}  // namespace tolk::termbase
