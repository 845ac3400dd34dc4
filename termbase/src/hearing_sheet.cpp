#include "tolk/termbase/hearing_sheet.hpp"

#include <algorithm>
#include <ostream>
#include <set>

#include "tolk/text/normalize.hpp"

namespace tolk::termbase {
namespace {

constexpr std::string_view kUnverifiedMark = "†";

// The print style: A4 landscape, one domain per page, header row repeated on every page, rows
// not split across pages.
constexpr std::string_view kStyle =
    R"(body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10.5pt; margin: 1.5em; color: #000; background: #fff; }
h1 { font-size: 16pt; margin: 0 0 0.2em; }
p.subtitle { margin: 0 0 1em; color: #333; }
h2 { font-size: 13pt; margin: 1.2em 0 0.4em; border-bottom: 1px solid #444; }
h2 .count { font-weight: normal; font-size: 10pt; color: #444; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #999; padding: 0.25em 0.4em; vertical-align: top; text-align: left; }
th { background: #eee; }
td.legal { white-space: nowrap; }
td.legal .title { display: block; white-space: normal; font-size: 9pt; }
td.note { font-size: 9.5pt; }
.preferred { font-weight: bold; }
.other { display: block; font-size: 9pt; }
.deprecated { text-decoration: line-through; }
.unverified { font-style: italic; }
.mark { color: #a00; font-style: normal; }
p.legend { font-size: 9pt; margin-top: 0.6em; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { margin: 0; font-size: 9.5pt; }
  section.domain { break-before: page; }
  section.domain:first-of-type { break-before: auto; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}
)";

std::vector<std::string> selected_domains(std::span<const Concept> concepts,
                                          const HearingSheetOptions& options) {
  if (!options.domains.empty())
    return options.domains;
  std::set<std::string> all;
  for (const Concept& entry : concepts)
    all.insert(entry.domains.begin(), entry.domains.end());
  return {all.begin(), all.end()};
}

std::string domain_title(const std::string& domain, const HearingSheetOptions& options) {
  const auto hit = options.domain_titles.find(domain);
  return hit == options.domain_titles.end() ? domain : hit->second;
}

std::string sort_key(const Concept& entry, Language language) {
  const Term* term = entry.preferred_term(language);
  if (term == nullptr) {
    for (const Language other : text::kSupportedLanguages) {
      if ((term = entry.preferred_term(other)) != nullptr)
        break;
    }
  }
  return term == nullptr ? entry.id : text::search_key(term->text, language);
}

std::string note_text(const Concept& entry, const HearingSheetOptions& options) {
  if (const auto note = entry.notes.find(options.note_language); note != entry.notes.end())
    return note->second;
  if (options.definition_as_note) {
    if (const auto definition = entry.definitions.find(options.note_language);
        definition != entry.definitions.end()) {
      return definition->second;
    }
  }
  return {};
}

// The terms of a cell: the preferred one first, then the others unless only the preferred one is
// wanted.
std::vector<const Term*> cell_terms(const Concept& entry, Language language,
                                    const HearingSheetOptions& options) {
  std::vector<const Term*> terms;
  const Term* preferred = entry.preferred_term(language);
  if (preferred == nullptr)
    return terms;
  terms.push_back(preferred);
  if (!options.other_terms)
    return terms;
  for (const Term* term : entry.terms_in(language)) {
    if (term != preferred)
      terms.push_back(term);
  }
  return terms;
}

bool unverified(const Term& term) {
  return term.language == Language::ru && term.verification == Verification::unverified;
}

bool any_unverified(std::span<const Concept> concepts, const HearingSheetOptions& options) {
  for (const std::string& domain : selected_domains(concepts, options)) {
    for (const Concept* entry : hearing_sheet_rows(concepts, domain, options)) {
      for (const Language language : options.languages) {
        for (const Term* term : cell_terms(*entry, language, options)) {
          if (unverified(*term))
            return true;
        }
      }
    }
  }
  return false;
}

std::string escape_markdown(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '\\':
      case '|':
      case '*':
      case '_':
      case '`':
      case '[':
      case ']':
      case '<':
      case '>':
        out.push_back('\\');
        out.push_back(c);
        break;
      case '\n':
      case '\r':
      case '\t':
        out.push_back(' ');
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

}  // namespace

std::string markdown_table_cell(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n')
      out += ' ';
    else
      out += c;
  }
  return out;
}

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::vector<const Concept*> hearing_sheet_rows(std::span<const Concept> concepts,
                                               std::string_view domain,
                                               const HearingSheetOptions& options) {
  std::vector<const Concept*> rows;
  for (const Concept& entry : concepts) {
    if (std::find(entry.domains.begin(), entry.domains.end(), domain) != entry.domains.end())
      rows.push_back(&entry);
  }
  const auto alphabetical = [&](const Concept* a, const Concept* b) {
    const std::string left = sort_key(*a, options.sort_language);
    const std::string right = sort_key(*b, options.sort_language);
    return left != right ? left < right : a->id < b->id;
  };
  switch (options.order) {
    case HearingSheetOrder::source:
      break;
    case HearingSheetOrder::alphabetical:
      std::stable_sort(rows.begin(), rows.end(), alphabetical);
      break;
    case HearingSheetOrder::legal_reference:
      std::stable_sort(rows.begin(), rows.end(), [&](const Concept* a, const Concept* b) {
        if (a->legal_references.empty() != b->legal_references.empty())
          return b->legal_references.empty();
        if (!a->legal_references.empty()) {
          const LegalReference& left = a->legal_references.front();
          const LegalReference& right = b->legal_references.front();
          if (legal_order_less(left, right))
            return true;
          if (legal_order_less(right, left))
            return false;
        }
        return alphabetical(a, b);
      });
      break;
  }
  return rows;
}

void write_hearing_sheet_html(std::ostream& out, std::span<const Concept> concepts,
                              const HearingSheetOptions& options) {
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<title>" << escape_html(options.title) << "</title>\n<style>\n"
      << kStyle << "</style>\n</head>\n<body>\n<header>\n<h1>" << escape_html(options.title)
      << "</h1>\n";
  if (!options.subtitle.empty())
    out << "<p class=\"subtitle\">" << escape_html(options.subtitle) << "</p>\n";
  out << "</header>\n";
  for (const std::string& domain : selected_domains(concepts, options)) {
    const auto rows = hearing_sheet_rows(concepts, domain, options);
    if (rows.empty())
      continue;
    out << "<section class=\"domain\" id=\"domain-" << escape_html(domain) << "\">\n<h2>"
        << escape_html(domain_title(domain, options)) << " <span class=\"count\">(" << rows.size()
        << ' ' << escape_html(options.labels.concepts) << ")</span></h2>\n<table>\n<thead><tr>";
    for (const Language language : options.languages) {
      const auto code = text::language_code(language);
      out << "<th lang=\"" << code << "\">" << code << "</th>";
    }
    out << "<th>" << escape_html(options.labels.legal_reference) << "</th><th>"
        << escape_html(options.labels.note) << "</th></tr></thead>\n<tbody>\n";
    for (const Concept* entry : rows) {
      out << "<tr id=\"" << escape_html(domain) << "--" << escape_html(entry->id) << "\">";
      for (const Language language : options.languages) {
        out << "<td lang=\"" << text::language_code(language) << "\">";
        bool first = true;
        for (const Term* term : cell_terms(*entry, language, options)) {
          std::string classes = first ? "preferred" : "other";
          if (term->status == TermStatus::deprecated || term->status == TermStatus::superseded)
            classes += " deprecated";
          if (unverified(*term))
            classes += " unverified";
          out << "<span class=\"" << classes << "\"";
          if (term->status == TermStatus::deprecated || term->status == TermStatus::superseded)
            out << " title=\"" << escape_html(options.labels.deprecated) << "\"";
          else if (unverified(*term))
            out << " title=\"" << escape_html(options.labels.unverified) << "\"";
          out << '>' << escape_html(term->text);
          if (unverified(*term))
            out << "<span class=\"mark\">" << kUnverifiedMark << "</span>";
          out << "</span>";
          first = false;
        }
        out << "</td>";
      }
      out << "<td class=\"legal\">";
      for (std::size_t i = 0; i < entry->legal_references.size(); ++i) {
        const LegalReference& reference = entry->legal_references[i];
        out << (i > 0 ? "; " : "") << escape_html(to_string(reference));
        if (!reference.title.empty())
          out << "<span class=\"title\">«" << escape_html(reference.title) << "»</span>";
      }
      out << "</td><td class=\"note\">" << escape_html(note_text(*entry, options))
          << "</td></tr>\n";
    }
    out << "</tbody>\n</table>\n</section>\n";
  }
  if (any_unverified(concepts, options)) {
    out << "<p class=\"legend\"><span class=\"mark\">" << kUnverifiedMark << "</span> "
        << escape_html(options.labels.unverified) << "</p>\n";
  }
  out << "</body>\n</html>\n";
}

void write_hearing_sheet_markdown(std::ostream& out, std::span<const Concept> concepts,
                                  const HearingSheetOptions& options) {
  out << "# " << escape_markdown(options.title) << "\n\n";
  if (!options.subtitle.empty())
    out << escape_markdown(options.subtitle) << "\n\n";
  for (const std::string& domain : selected_domains(concepts, options)) {
    const auto rows = hearing_sheet_rows(concepts, domain, options);
    if (rows.empty())
      continue;
    out << "## " << escape_markdown(domain_title(domain, options)) << " (" << rows.size() << ' '
        << escape_markdown(options.labels.concepts) << ")\n\n|";
    for (const Language language : options.languages)
      out << ' ' << text::language_code(language) << " |";
    out << ' ' << escape_markdown(options.labels.legal_reference) << " | "
        << escape_markdown(options.labels.note) << " |\n|";
    for (std::size_t i = 0; i < options.languages.size() + 2; ++i)
      out << "---|";
    out << '\n';
    for (const Concept* entry : rows) {
      out << '|';
      for (const Language language : options.languages) {
        out << ' ';
        bool first = true;
        for (const Term* term : cell_terms(*entry, language, options)) {
          if (!first)
            out << "; ";
          const bool struck =
              term->status == TermStatus::deprecated || term->status == TermStatus::superseded;
          out << (first ? "**" : "") << (struck ? "~~" : "") << escape_markdown(term->text)
              << (struck ? "~~" : "") << (first ? "**" : "");
          if (unverified(*term))
            out << ' ' << kUnverifiedMark;
          first = false;
        }
        out << " |";
      }
      out << ' ' << escape_markdown(entry->joined_titled_references()) << " | "
          << escape_markdown(note_text(*entry, options)) << " |\n";
    }
    out << '\n';
  }
  if (any_unverified(concepts, options))
    out << kUnverifiedMark << ' ' << escape_markdown(options.labels.unverified) << '\n';
}

}  // namespace tolk::termbase
