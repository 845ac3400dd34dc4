// prepare/: known concepts, unknown candidates and figures of the case in each format, with the
// shipped glossary, and the sheet's renderers.

#include "tolk/prepare/prepare.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "tolk/documents/document.hpp"
#include "tolk/termbase/exchange.hpp"

namespace {

namespace docs = tolk::documents;
namespace prep = tolk::prepare;
namespace tb = tolk::termbase;
using tolk::text::Language;

std::string data(const std::string& name) {
  return std::string(TOLK_SOURCE_DIR) + "/tests/prepare/data/" + name;
}

const std::vector<tb::Concept>& glossary() {
  static const std::vector<tb::Concept> concepts =
      tb::read_glossary_json(std::string(TOLK_SOURCE_DIR) + "/glossaries/legal-nl-en-ru.json")
          .concepts;
  return concepts;
}

prep::Sheet sheet_of(const std::string& name, std::span<const prep::TermSource> sources = {}) {
  const std::vector<docs::Document> documents{docs::read_document(data(name))};
  prep::PrepareOptions options;
  options.stop_list = prep::default_stop_list();
  const std::vector<prep::TermSource> shipped{{"legal", glossary(), false}};
  return prep::prepare_sheet(documents, sources.empty() ? shipped : sources, options);
}

const prep::KnownTerm* known(const prep::Sheet& sheet, const std::string& id) {
  for (const auto& term : sheet.known)
    if (term.entry.id == id)
      return &term;
  return nullptr;
}

const prep::UnknownTerm* unknown(const prep::Sheet& sheet, const std::string& text) {
  for (const auto& term : sheet.unknown)
    if (term.text == text)
      return &term;
  return nullptr;
}

const prep::Figure* figure(const prep::Sheet& sheet, const std::string& text) {
  for (const auto& entry : sheet.figures)
    if (entry.text == text)
      return &entry;
  return nullptr;
}

}  // namespace

TEST_CASE("the case's known concepts, unknown terms and figures in all four formats", "[prepare]") {
  for (const std::string name : {"case.nl.txt", "case.pdf", "case.docx", "case.odt"}) {
    INFO(name);
    const prep::Sheet sheet = sheet_of(name);
    const bool pdf = name == "case.pdf";  // its lines wrap: other line numbers

    // Known: found inflected ("dienstplichtigen"), in the heading, as an abbreviation (WvS).
    const auto* evasion = known(sheet, "uk-328-evasion-of-service");
    REQUIRE(evasion);
    CHECK(evasion->frequency ==
          3);  // "Dienstplichtontduiking" twice, "ontduiken van de dienstplicht"
    CHECK(prep::to_string(evasion->first) == data(name) + ":1");
    CHECK(evasion->first.context == "Dienstplichtontduiking en desertie");
    const auto* desertion = known(sheet, "uk-338-desertion");
    REQUIRE(desertion);
    CHECK(desertion->frequency == 3);
    const auto* conscript = known(sheet, "conscript");
    REQUIRE(conscript);
    CHECK(std::find(conscript->forms.begin(), conscript->forms.end(), "dienstplichtigen") !=
          conscript->forms.end());
    CHECK(known(sheet, "military-unit"));
    CHECK(known(sheet, "deprivation-of-liberty"));
    CHECK(known(sheet, "fine"));
    CHECK(known(sheet, "criminal-code-rf"));
    // The procedural vocabulary of the glossary: "verdachten", "misdrijf", "advocaat", and
    // "rechtbank" as the head of "garnizoensrechtbank".
    CHECK(known(sheet, "suspect"));
    CHECK(known(sheet, "crime"));
    CHECK(known(sheet, "lawyer"));
    CHECK(sheet.known.size() == 12);
    // In order of first appearance.
    CHECK(sheet.known.front().entry.id == "uk-328-evasion-of-service");
    CHECK(sheet.known.back().entry.id == "district-court");

    // Unknown: the terms the glossary does not have, with their frequency; general words and
    // phrases made of a known term and a general word are not listed.
    const auto* court = unknown(sheet, "garnizoensrechtbank");
    REQUIRE(court);
    CHECK(court->frequency == 3);
    CHECK(court->kind == "compound");
    CHECK(court->first.line == (pdf ? 11u : 7u));
    CHECK_THAT(court->first.context, Catch::Contains("garnizoensrechtbank van Moskou"));
    const auto* service = unknown(sheet, "vervangende burgerdienst");
    REQUIRE(service);
    CHECK(service->frequency == 2);
    CHECK(service->termhood > 3.0);
    CHECK_FALSE(unknown(sheet, "jaar detentie"));
    CHECK_FALSE(unknown(sheet, "dienstplichtontduiking"));
    for (const auto& term : sheet.unknown)
      CHECK(term.frequency >= 2);

    // Figures: articles resolved to their concept with the statutory title, a date, an amount,
    // a name.
    const auto* article = figure(sheet, "artikel 328 WvS");
    REQUIRE(article);
    CHECK(article->kind == prep::FigureKind::article);
    CHECK(article->concept_id == "uk-328-evasion-of-service");
    CHECK(article->resolved ==
          "УК РФ ст. 328: Уклонение от прохождения военной и альтернативной гражданской службы");
    CHECK(article->first.line == 2);
    const auto* part = figure(sheet, "artikel 328 lid 1");
    REQUIRE(part);
    CHECK(part->concept_id == "uk-328-1-evasion-of-call-up");
    CHECK_THAT(part->resolved, Catch::StartsWith("УК РФ ст. 328 ч. 1: уклонение от призыва"));
    const auto* desertion_article = figure(sheet, "artikel 338 WvS");
    REQUIRE(desertion_article);
    CHECK(desertion_article->resolved == "УК РФ ст. 338: Дезертирство");
    const auto* date = figure(sheet, "12 maart 2024");
    REQUIRE(date);
    CHECK(date->kind == prep::FigureKind::date);
    CHECK(date->first.line == (pdf ? 11u : 7u));
    const auto* amount = figure(sheet, "100.000 roebel");
    REQUIRE(amount);
    CHECK(amount->kind == prep::FigureKind::amount);
    const auto* name_figure = figure(sheet, "Ivan Petrov");
    REQUIRE(name_figure);
    CHECK(name_figure->kind == prep::FigureKind::name);
    CHECK(sheet.figures.size() == 6);  // no capitalised general words taken for names
  }
}

TEST_CASE("the interpreter's own entries are searched with the shipped glossary and marked",
          "[prepare]") {
  tb::Concept own;
  own.id = "own-garnizoensrechtbank";
  for (const auto& [text, language] : {std::pair{"garnizoensrechtbank", Language::nl},
                                       std::pair{"гарнизонный военный суд", Language::ru}}) {
    tb::Term term;
    term.text = text;
    term.language = language;
    term.status = tb::TermStatus::preferred;
    own.terms.push_back(term);
  }
  const std::vector<tb::Concept> personal{own};
  const std::vector<prep::TermSource> sources{{"legal", glossary(), false},
                                              {"personal", personal, true}};
  const prep::Sheet sheet = sheet_of("case.nl.txt", sources);
  const auto* court = known(sheet, "own-garnizoensrechtbank");
  REQUIRE(court);
  CHECK(court->personal);
  CHECK(court->termbase == "personal");
  CHECK(court->frequency == 3);
  CHECK_FALSE(unknown(sheet, "garnizoensrechtbank"));
  CHECK(known(sheet, "uk-338-desertion"));

  std::ostringstream markdown;
  const std::vector<Language> languages{Language::nl, Language::en, Language::ru};
  prep::write_markdown(markdown, sheet, prep::Order::appearance, languages);
  CHECK_THAT(markdown.str(),
             Catch::Contains("| гарнизонный военный суд |") && Catch::Contains("**own entry**"));
}

TEST_CASE("the sheet as Markdown, printable HTML, TSV, TBX and JSON", "[prepare]") {
  const prep::Sheet sheet = sheet_of("case.docx");
  const std::vector<Language> languages{Language::nl, Language::ru};

  std::ostringstream markdown;
  prep::write_markdown(markdown, sheet, prep::Order::appearance, languages);
  const std::string md = markdown.str();
  CHECK_THAT(md, Catch::StartsWith("# Preparation sheet\n"));
  CHECK_THAT(md, Catch::Contains("Known terms: 12 · Unknown terms (to research): "));
  CHECK_THAT(md,
             Catch::Contains("| # | nl | ru | legal reference | note | count | first | context |"));
  CHECK_THAT(md, Catch::Contains("| 1 | dienstplichtontduiking; ontduiken van de dienstplicht"));
  // The unknown terms come last, with empty columns to fill in.
  CHECK(md.find("## Unknown terms") > md.find("## Figures"));
  CHECK_THAT(md, Catch::Contains("| garnizoensrechtbank | nl | 3 |"));
  CHECK_THAT(md, Catch::Contains("garnizoensrechtbank van Moskou. |   |   |   |\n"));

  std::ostringstream html;
  prep::write_html(html, sheet, prep::Order::domain, languages);
  CHECK_THAT(html.str(), Catch::StartsWith("<!DOCTYPE html>") && Catch::Contains("@media print") &&
                             Catch::Contains("<h3>criminal-code</h3>") &&
                             Catch::Contains("<td class=\"fill\"></td>") &&
                             Catch::Contains("УК РФ ст. 338: Дезертирство"));

  std::ostringstream tsv;
  prep::write_tsv(tsv, sheet, languages);
  const std::string tsv_text = tsv.str();
  CHECK_THAT(tsv_text, Catch::StartsWith("id\tnl\tru\tdomain\tlegal\tnote\n"
                                         "uk-328-evasion-of-service\tdienstplichtontduiking\t"));
  CHECK(std::count(tsv_text.begin(), tsv_text.end(), '\n') == 13);

  std::ostringstream tbx;
  prep::write_tbx(tbx, sheet);
  const auto back = tb::read_tbx_text(tbx.str(), "sheet.tbx", tb::Strictness::strict);
  REQUIRE(back.concepts.size() == 12);
  CHECK(back.concepts.front().id == "uk-328-evasion-of-service");

  std::ostringstream json;
  prep::write_json(json, sheet);
  const auto parsed = nlohmann::json::parse(json.str());
  CHECK(parsed["counts"]["known"] == 12);
  CHECK(parsed["figures"][0]["concept"] == "uk-328-evasion-of-service");
  CHECK(parsed["figures"][0]["first"]["line"] == 2);
}

TEST_CASE("document language: Cyrillic text is Russian, Latin text Dutch or English", "[prepare]") {
  const std::vector<Language> all{Language::nl, Language::en, Language::ru};
  CHECK(tolk::text::detect_language("Уклонение от призыва на военную службу", all) == Language::ru);
  CHECK(tolk::text::detect_language("De dienstplicht van de mannen is niet", all) == Language::nl);
  CHECK(tolk::text::detect_language("The evasion of the military service was", all) ==
        Language::en);
}
