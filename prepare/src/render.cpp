// The sheet as Markdown, HTML (printable), TSV and TBX (glossaries of the known concepts) and JSON.

#include <nlohmann/json.hpp>
#include <ostream>

#include "tolk/json/termbase_json.hpp"
#include "tolk/prepare/prepare.hpp"
#include "tolk/termbase/exchange.hpp"
#include "tolk/termbase/hearing_sheet.hpp"

namespace tolk::prepare {

namespace {

using termbase::escape_html;

// The terms of a language, preferred first, joined by "; ".
std::string terms_of(const Concept& entry, Language language) {
  return entry.joined_terms(language, "; ");
}

std::string note_of(const Concept& entry) {
  for (const auto* notes : {&entry.notes, &entry.definitions}) {
    if (const auto it = notes->find(Language::en); it != notes->end())
      return it->second;
    if (!notes->empty())
      return notes->begin()->second;
  }
  return {};
}

std::string domain_of(const KnownTerm& term, const SheetLabels& labels) {
  return term.entry.domains.empty() ? labels.no_domain : term.entry.domains.front();
}

std::string counts_line(const Sheet& sheet, const SheetLabels& labels) {
  return labels.known + ": " + std::to_string(sheet.known.size()) + " · " + labels.unknown + ": " +
         std::to_string(sheet.unknown.size()) + " · " + labels.figures + ": " +
         std::to_string(sheet.figures.size());
}

}  // namespace

void write_markdown(std::ostream& out, const Sheet& sheet, Order order,
                    std::span<const Language> languages, const SheetLabels& labels) {
  out << "# " << labels.title << "\n\n" << labels.files << ":";
  for (const std::string& file : sheet.files)
    out << " `" << file << '`';
  out << "\n\n" << counts_line(sheet, labels) << "\n\n## " << labels.known << "\n";
  std::string domain = "\x01";
  const auto header = [&] {
    out << "\n| # |";
    for (const Language language : languages)
      out << ' ' << text::language_code(language) << " |";
    out << ' ' << labels.legal_reference << " | " << labels.note << " | " << labels.frequency
        << " | " << labels.first << " | " << labels.context << " |\n|---|";
    for (std::size_t i = 0; i < languages.size(); ++i)
      out << "---|";
    out << "---|---|--:|---|---|\n";
  };
  if (order == Order::appearance)
    header();
  std::size_t number = 0;
  for (const KnownTerm& term : sheet.known) {
    if (order == Order::domain && domain_of(term, labels) != domain) {
      domain = domain_of(term, labels);
      out << "\n### " << domain << "\n";
      header();
    }
    out << "| " << ++number << " |";
    for (const Language language : languages)
      out << ' ' << termbase::markdown_table_cell(terms_of(term.entry, language)) << " |";
    out << ' ' << termbase::markdown_table_cell(term.entry.joined_references()) << " | "
        << (term.personal ? "**" + labels.own + "** " : "")
        << termbase::markdown_table_cell(note_of(term.entry)) << " | " << term.frequency << " | "
        << termbase::markdown_table_cell(to_string(term.first)) << " | "
        << termbase::markdown_table_cell(term.first.context) << " |\n";
  }
  out << "\n## " << labels.figures << "\n\n| " << labels.kind << " | " << labels.figure << " | "
      << labels.frequency << " | " << labels.first << " | " << labels.context << " | "
      << labels.resolves_to << " |\n|---|---|--:|---|---|---|\n";
  for (const Figure& figure : sheet.figures) {
    out << "| " << to_string(figure.kind) << " | " << termbase::markdown_table_cell(figure.text)
        << " | " << figure.frequency << " | "
        << termbase::markdown_table_cell(to_string(figure.first)) << " | "
        << termbase::markdown_table_cell(figure.first.context) << " | "
        << termbase::markdown_table_cell(figure.resolved) << " |\n";
  }
  out << "\n## " << labels.unknown << "\n\n| " << labels.term << " | " << labels.language << " | "
      << labels.frequency << " | " << labels.termhood << " | " << labels.first << " | "
      << labels.context << " |";
  for (const Language language : languages)
    out << ' ' << text::language_code(language) << " |";
  out << ' ' << labels.note << " |\n|---|---|--:|--:|---|---|";
  for (std::size_t i = 0; i < languages.size(); ++i)
    out << "---|";
  out << "---|\n";
  for (const UnknownTerm& term : sheet.unknown) {
    out << "| " << termbase::markdown_table_cell(term.text) << " | "
        << text::language_code(term.language) << " | " << term.frequency << " | " << term.termhood
        << " | " << termbase::markdown_table_cell(to_string(term.first)) << " | "
        << termbase::markdown_table_cell(term.first.context) << " |";
    for (std::size_t i = 0; i <= languages.size(); ++i)
      out << "   |";
    out << '\n';
  }
}

void write_html(std::ostream& out, const Sheet& sheet, Order order,
                std::span<const Language> languages, const SheetLabels& labels) {
  out << "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" << escape_html(labels.title)
      << "</title>\n<style>\n"
         "body{font-family:sans-serif;font-size:11pt;margin:1.5em}\n"
         "table{border-collapse:collapse;width:100%;margin-bottom:1.5em}\n"
         "th,td{border:1px solid #888;padding:3px 5px;vertical-align:top;text-align:left}\n"
         "th{background:#eee}\ntd.n{text-align:right}\ntd.fill{min-width:8em}\n"
         ".own{font-weight:bold;color:#063}\n.ctx{font-size:9pt;color:#333}\n"
         "@media print{@page{size:A4 landscape;margin:12mm}body{margin:0;font-size:9.5pt}"
         "thead{display:table-header-group}tr{page-break-inside:avoid}"
         "h2{page-break-before:always}h2.first{page-break-before:avoid}}\n"
         "</style></head><body>\n<h1>"
      << escape_html(labels.title) << "</h1>\n<p>" << escape_html(labels.files) << ':';
  for (const std::string& file : sheet.files)
    out << " <code>" << escape_html(file) << "</code>";
  out << "</p>\n<p>" << escape_html(counts_line(sheet, labels)) << "</p>\n<h2 class=\"first\">"
      << escape_html(labels.known) << "</h2>\n";
  const auto open_table = [&] {
    out << "<table><thead><tr><th>#</th>";
    for (const Language language : languages)
      out << "<th>" << text::language_code(language) << "</th>";
    out << "<th>" << escape_html(labels.legal_reference) << "</th><th>" << escape_html(labels.note)
        << "</th><th>" << escape_html(labels.frequency) << "</th><th>" << escape_html(labels.first)
        << "</th><th>" << escape_html(labels.context) << "</th></tr></thead><tbody>\n";
  };
  std::string domain = "\x01";
  bool open = false;
  if (order == Order::appearance) {
    open_table();
    open = true;
  }
  std::size_t number = 0;
  for (const KnownTerm& term : sheet.known) {
    if (order == Order::domain && domain_of(term, labels) != domain) {
      if (open)
        out << "</tbody></table>\n";
      domain = domain_of(term, labels);
      out << "<h3>" << escape_html(domain) << "</h3>\n";
      open_table();
      open = true;
    }
    out << "<tr><td class=\"n\">" << ++number << "</td>";
    for (const Language language : languages)
      out << "<td lang=\"" << text::language_code(language) << "\">"
          << escape_html(terms_of(term.entry, language)) << "</td>";
    out << "<td>" << escape_html(term.entry.joined_references()) << "</td><td>"
        << (term.personal ? "<span class=\"own\">" + escape_html(labels.own) + "</span> " : "")
        << escape_html(note_of(term.entry)) << "</td><td class=\"n\">" << term.frequency
        << "</td><td>" << escape_html(to_string(term.first)) << "</td><td class=\"ctx\">"
        << escape_html(term.first.context) << "</td></tr>\n";
  }
  if (open)
    out << "</tbody></table>\n";
  out << "<h2>" << escape_html(labels.figures) << "</h2>\n<table><thead><tr><th>"
      << escape_html(labels.kind) << "</th><th>" << escape_html(labels.figure) << "</th><th>"
      << escape_html(labels.frequency) << "</th><th>" << escape_html(labels.first) << "</th><th>"
      << escape_html(labels.context) << "</th><th>" << escape_html(labels.resolves_to)
      << "</th></tr></thead><tbody>\n";
  for (const Figure& figure : sheet.figures) {
    out << "<tr><td>" << to_string(figure.kind) << "</td><td>" << escape_html(figure.text)
        << "</td><td class=\"n\">" << figure.frequency << "</td><td>"
        << escape_html(to_string(figure.first)) << "</td><td class=\"ctx\">"
        << escape_html(figure.first.context) << "</td><td lang=\"ru\">"
        << escape_html(figure.resolved) << "</td></tr>\n";
  }
  out << "</tbody></table>\n<h2>" << escape_html(labels.unknown) << "</h2>\n<table><thead><tr><th>"
      << escape_html(labels.term) << "</th><th>" << escape_html(labels.language) << "</th><th>"
      << escape_html(labels.frequency) << "</th><th>" << escape_html(labels.termhood) << "</th><th>"
      << escape_html(labels.first) << "</th><th>" << escape_html(labels.context) << "</th>";
  for (const Language language : languages)
    out << "<th>" << text::language_code(language) << "</th>";
  out << "<th>" << escape_html(labels.note) << "</th></tr></thead><tbody>\n";
  for (const UnknownTerm& term : sheet.unknown) {
    out << "<tr><td>" << escape_html(term.text) << "</td><td>" << text::language_code(term.language)
        << "</td><td class=\"n\">" << term.frequency << "</td><td class=\"n\">" << term.termhood
        << "</td><td>" << escape_html(to_string(term.first)) << "</td><td class=\"ctx\">"
        << escape_html(term.first.context) << "</td>";
    for (std::size_t i = 0; i <= languages.size(); ++i)
      out << "<td class=\"fill\"></td>";
    out << "</tr>\n";
  }
  out << "</tbody></table>\n</body></html>\n";
}

void write_tsv(std::ostream& out, const Sheet& sheet, std::span<const Language> languages) {
  std::vector<Concept> concepts;
  for (const KnownTerm& term : sheet.known)
    concepts.push_back(term.entry);
  termbase::write_delimited_glossary(out, concepts, languages, '\t');
}

void write_tbx(std::ostream& out, const Sheet& sheet) {
  std::vector<Concept> concepts;
  for (const KnownTerm& term : sheet.known)
    concepts.push_back(term.entry);
  termbase::TbxWriteOptions options;
  options.title = "tolk preparation sheet";
  for (const std::string& file : sheet.files)
    options.source_description += (options.source_description.empty() ? "" : ", ") + file;
  termbase::write_tbx(out, concepts, options);
}

namespace {

nlohmann::json place_json(const Place& place) {
  return {{"file", place.file}, {"line", place.line}, {"context", place.context}};
}

}  // namespace

void write_json(std::ostream& out, const Sheet& sheet) {
  nlohmann::json known = nlohmann::json::array();
  for (const KnownTerm& term : sheet.known) {
    known.push_back({{"concept", tolk::json::concept_json(term.entry)},
                     {"termbase", term.termbase},
                     {"personal", term.personal},
                     {"frequency", term.frequency},
                     {"forms", term.forms},
                     {"first", place_json(term.first)}});
  }
  nlohmann::json unknown = nlohmann::json::array();
  for (const UnknownTerm& term : sheet.unknown) {
    unknown.push_back({{"text", term.text},
                       {"language", text::language_code(term.language)},
                       {"kind", term.kind},
                       {"frequency", term.frequency},
                       {"termhood", term.termhood},
                       {"first", place_json(term.first)}});
  }
  nlohmann::json figures = nlohmann::json::array();
  for (const Figure& figure : sheet.figures) {
    nlohmann::json entry{{"kind", to_string(figure.kind)},
                         {"text", figure.text},
                         {"frequency", figure.frequency},
                         {"first", place_json(figure.first)}};
    if (figure.reference) {
      entry["reference"] = {{"code", figure.reference->code},
                            {"article", figure.reference->article},
                            {"part", figure.reference->part}};
    }
    if (!figure.concept_id.empty())
      entry["concept"] = figure.concept_id;
    if (!figure.resolved.empty())
      entry["resolved"] = figure.resolved;
    figures.push_back(std::move(entry));
  }
  out << nlohmann::json{{"files", sheet.files},
                        {"counts",
                         {{"known", sheet.known.size()},
                          {"unknown", sheet.unknown.size()},
                          {"figures", sheet.figures.size()}}},
                        {"known", known},
                        {"unknown", unknown},
                        {"figures", figures}}
             .dump(2)
      << '\n';
}

}  // namespace tolk::prepare
