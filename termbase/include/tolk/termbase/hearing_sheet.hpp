#pragma once
// Printable hearing sheets: per domain, one table row per concept with its terms in each language
// (preferred first), the legal reference and a note, for interpreters preparing a hearing.
// Russian wording that was not checked against the statute is marked. HTML output is one
// self-contained page (inline style sheet with print rules: A4 landscape, one domain per page,
// table headers repeated, no external resources); Markdown output is GitHub-style tables.

#include <iosfwd>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tolk/termbase/concept.hpp"

namespace tolk::termbase {

enum class HearingSheetOrder {
  source,           // as given
  alphabetical,     // by the preferred term of HearingSheetOptions::sort_language
  legal_reference,  // by code and article number; concepts without one last, alphabetically
};

// The fixed words of a sheet, to be translated by the caller.
struct HearingSheetLabels {
  std::string legal_reference = "legal reference";
  std::string note = "note";
  std::string unverified = "unverified Russian wording: not checked against the statute";
  std::string deprecated = "deprecated";
  std::string concepts = "concepts";
};

struct HearingSheetOptions {
  std::string title = "Hearing sheet";
  std::string subtitle;              // a line under the title (source, date), if not empty
  std::vector<std::string> domains;  // these domains, in this order; empty: all, sorted by key
  std::map<std::string, std::string> domain_titles;  // heading per domain key (else the key)
  std::vector<Language> languages{Language::nl, Language::en, Language::ru};  // term columns
  HearingSheetOrder order = HearingSheetOrder::alphabetical;
  Language sort_language = Language::nl;
  bool other_terms = true;  // list the other terms under the preferred one
  Language note_language = Language::en;
  bool definition_as_note = true;  // show the definition where a concept has no note
  HearingSheetLabels labels;
};

void write_hearing_sheet_html(std::ostream& out, std::span<const Concept> concepts,
                              const HearingSheetOptions& options = {});
void write_hearing_sheet_markdown(std::ostream& out, std::span<const Concept> concepts,
                                  const HearingSheetOptions& options = {});

// The concepts of one domain as the sheet lists them (filtered and ordered by the options).
std::vector<const Concept*> hearing_sheet_rows(std::span<const Concept> concepts,
                                               std::string_view domain,
                                               const HearingSheetOptions& options);

// & < > " ' as character references.
std::string escape_html(std::string_view text);
// Text for one cell of a Markdown table: '|' escaped, line breaks as spaces.
std::string markdown_table_cell(std::string_view text);

}  // namespace tolk::termbase
