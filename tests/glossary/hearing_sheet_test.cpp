// Hearing sheets (termbase/hearing_sheet.hpp): escaping, print style, domains, order, and the
// mark on unverified Russian wording.

#include "tolk/termbase/hearing_sheet.hpp"

#include <catch2/catch.hpp>
#include <sstream>

using namespace tolk::termbase;
using tolk::text::Language;

namespace {

Term term(Language language, std::string text, TermStatus status = TermStatus::preferred,
          Verification verification = Verification::verified) {
  Term out;
  out.language = language;
  out.text = std::move(text);
  out.status = status;
  out.verification = verification;
  return out;
}

std::vector<Concept> sample() {
  Concept desertion;
  desertion.id = "uk-338-desertion";
  desertion.domains = {"criminal-code"};
  desertion.legal_references = {{"UK RF", "338", "", ""}};
  desertion.terms = {term(Language::nl, "desertie"), term(Language::en, "desertion"),
                     term(Language::ru, "Дезертирство")};
  desertion.definitions[Language::en] = "Leaving the unit <for good> & not returning.";
  Concept awol;
  awol.id = "uk-337-awol";
  awol.domains = {"criminal-code"};
  awol.legal_references = {{"UK RF", "337", "", ""}};
  awol.terms = {term(Language::nl, "ongeoorloofde afwezigheid"), term(Language::en, "AWOL"),
                term(Language::ru, "СОЧ", TermStatus::preferred, Verification::unverified),
                term(Language::nl, "weglopen", TermStatus::deprecated)};
  awol.notes[Language::en] = "Report says \"AWOL\" | keep it.";
  Concept summons;
  summons.id = "summons";
  summons.domains = {"military-service"};
  summons.terms = {term(Language::nl, "oproep"), term(Language::en, "summons")};
  return {desertion, awol, summons};
}

}  // namespace

TEST_CASE("escape_html escapes the five special characters", "[hearing-sheet]") {
  CHECK(escape_html("<a href=\"x\">Tom & Jerry's</a>") ==
        "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
  CHECK(escape_html("Дезертирство") == "Дезертирство");
}

TEST_CASE("the HTML hearing sheet is self-contained, printable and escaped", "[hearing-sheet]") {
  const auto concepts = sample();
  HearingSheetOptions options;
  options.title = "Zitting <1>";
  options.domain_titles["criminal-code"] = "Wetboek van Strafrecht / Criminal Code";
  std::ostringstream out;
  write_hearing_sheet_html(out, concepts, options);
  const std::string html = out.str();
  CHECK_THAT(html, Catch::StartsWith("<!DOCTYPE html>") && Catch::Contains("@media print") &&
                       Catch::Contains("@page") && Catch::Contains("<title>Zitting &lt;1&gt;"));
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("<link") == std::string::npos);
  CHECK(html.find("src=") == std::string::npos);
  CHECK(html.find("http") == std::string::npos);
  CHECK_THAT(html, Catch::Contains("Leaving the unit &lt;for good&gt; &amp; not returning."));
  CHECK_THAT(html, Catch::Contains("Report says &quot;AWOL&quot; | keep it."));
  CHECK_THAT(html, Catch::Contains("Wetboek van Strafrecht / Criminal Code"));
  CHECK_THAT(html, Catch::Contains("<span class=\"preferred unverified\"") &&
                       Catch::Contains("СОЧ<span class=\"mark\">†</span>"));
  CHECK_THAT(html, Catch::Contains("class=\"other deprecated\""));
  CHECK_THAT(html, Catch::Contains("<th>legal reference</th><th>note</th>"));
  CHECK_THAT(html, Catch::Contains("class=\"legend\""));
  // Every domain, sorted by key; alphabetical rows: "desertie" before "ongeoorloofde".
  const auto criminal = html.find("id=\"domain-criminal-code\"");
  const auto military = html.find("id=\"domain-military-service\"");
  REQUIRE(criminal != std::string::npos);
  REQUIRE(military != std::string::npos);
  CHECK(criminal < military);
  CHECK(html.find("uk-338-desertion") < html.find("uk-337-awol"));
}

TEST_CASE("hearing sheet options: domains, languages, order", "[hearing-sheet]") {
  const auto concepts = sample();
  HearingSheetOptions options;
  options.domains = {"criminal-code"};
  options.languages = {Language::ru, Language::nl};
  options.order = HearingSheetOrder::legal_reference;
  std::ostringstream out;
  write_hearing_sheet_markdown(out, concepts, options);
  const std::string markdown = out.str();
  CHECK(markdown.find("summons") == std::string::npos);
  CHECK_THAT(markdown, Catch::Contains("| ru | nl | legal reference | note |"));
  // By article: 337 before 338.
  CHECK(markdown.find("СОЧ") < markdown.find("Дезертирство"));
  CHECK_THAT(markdown, Catch::Contains("**СОЧ** †"));
  CHECK_THAT(markdown, Catch::Contains("Report says \"AWOL\" \\| keep it."));
  CHECK_THAT(markdown, Catch::Contains("~~weglopen~~"));
  const auto rows = hearing_sheet_rows(concepts, "criminal-code", options);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0]->id == "uk-337-awol");
}
