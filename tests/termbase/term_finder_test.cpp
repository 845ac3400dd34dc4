// Term recognition in running text with the shipped glossary.

#include "tolk/termbase/term_finder.hpp"

#include <catch2/catch.hpp>

#include "tolk/termbase/exchange.hpp"

using namespace tolk::termbase;

namespace {

const TermFinder& finder() {
  static const std::vector<Concept> concepts =
      read_glossary_json(std::string(TOLK_SOURCE_DIR) + "/glossaries/legal-nl-en-ru.json",
                         Strictness::strict)
          .concepts;
  static const TermFinder built(concepts);
  return built;
}

const TermHit* hit_for(const std::vector<TermHit>& hits, std::string_view concept_id) {
  for (const auto& hit : hits) {
    if (hit.concept_id == concept_id)
      return &hit;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("inflected Russian multi-word terms are found with their offsets", "[finder]") {
  const std::string text = "Его признали иностранным агентом, а фонд — нежелательной организацией.";
  const auto hits = finder().find(text, Language::ru);
  const TermHit* agent = hit_for(hits, "foreign-agent");
  REQUIRE(agent != nullptr);
  CHECK(agent->matched_text == "иностранным агентом");
  CHECK(agent->term == "иностранный агент");
  CHECK(text.substr(agent->begin, agent->end - agent->begin) == agent->matched_text);
  CHECK(agent->utf16_begin == 13);  // "Его признали " is 13 UTF-16 code units
  CHECK(agent->utf16_end == 13 + 19);
  CHECK(agent->line == 1);
  CHECK(agent->column == 14);
  const TermHit* undesirable = hit_for(hits, "undesirable-organisation");
  REQUIRE(undesirable != nullptr);
  CHECK(undesirable->matched_text == "нежелательной организацией");
}

TEST_CASE("UTF-16 positions count characters outside the BMP twice", "[finder]") {
  const std::string text = "𝄞 x\nDe desertie";
  const auto hits = finder().find(text, Language::nl);
  const TermHit* desertion = hit_for(hits, "uk-338-desertion");
  REQUIRE(desertion != nullptr);
  CHECK(desertion->line == 2);
  CHECK(desertion->column == 4);
  CHECK(desertion->utf16_begin == 8);  // 𝄞 is a surrogate pair (2), then " x\n" (3) and "De " (3)
}

TEST_CASE("the longest term wins where terms overlap", "[finder]") {
  const auto hits = finder().find("wegens ongeoorloofde afwezigheid van de eenheid", Language::nl);
  REQUIRE(hits.size() == 1);
  CHECK(hits.front().concept_id == "uk-337-awol");
  CHECK(hits.front().matched_text == "ongeoorloofde afwezigheid van de eenheid");
}

TEST_CASE("terms are found inside Dutch compounds and in inflected Dutch forms", "[finder]") {
  const auto hits = finder().find(
      "De dienstplichtontduikers vreesden de dienstplichtontduikingszaken en de "
      "mobilisatieperiode.",
      Language::nl);
  const TermHit* evader = hit_for(hits, "draft-evader");
  REQUIRE(evader != nullptr);
  CHECK(evader->matched_text == "dienstplichtontduikers");
  CHECK_FALSE(evader->inside_compound);
  const TermHit* evasion = hit_for(hits, "uk-328-evasion-of-service");
  REQUIRE(evasion != nullptr);
  CHECK(evasion->inside_compound);
  CHECK(evasion->matched_text == "dienstplichtontduiking");
}

TEST_CASE("abbreviations match only as written", "[finder]") {
  const auto hits =
      finder().find("Het OM vervolgde om tien uur wegens AWOL en awol.", Language::nl);
  std::vector<std::string> matched;
  for (const auto& hit : hits)
    matched.push_back(hit.matched_text);
  CHECK(std::count(matched.begin(), matched.end(), "OM") == 1);
  CHECK(std::count(matched.begin(), matched.end(), "om") == 0);
  CHECK(std::count(matched.begin(), matched.end(), "AWOL") == 1);
  CHECK(std::count(matched.begin(), matched.end(), "awol") == 0);
}

TEST_CASE("English designations of the Amnesty report are recognised", "[finder]") {
  const auto hits = finder().find(
      "The authorities used legislation on \"foreign agents\", \"undesirable organizations\" and "
      "\"war censorship\" to persecute civil society.",
      Language::en);
  CHECK(hit_for(hits, "foreign-agent") != nullptr);
  CHECK(hit_for(hits, "undesirable-organisation") != nullptr);
  CHECK(hit_for(hits, "war-censorship") != nullptr);
}

namespace {

Concept concept_with(std::string id, std::vector<std::pair<Language, std::string>> texts,
                     TermType type = TermType::full_form) {
  Concept entry;
  entry.id = std::move(id);
  for (auto& [language, text] : texts) {
    Term term;
    term.language = language;
    term.text = std::move(text);
    term.status = TermStatus::preferred;
    term.type = type;
    entry.terms.push_back(std::move(term));
  }
  return entry;
}

std::vector<std::string> matched(const TermFinder& terms, std::string_view text,
                                 Language language) {
  std::vector<std::string> out;
  for (const TermHit& hit : terms.find(text, language))
    out.push_back(hit.concept_id + ":" + hit.matched_text);
  return out;
}

}  // namespace

TEST_CASE("British and American spellings find each other's terms", "[finder][variants]") {
  const std::vector<Concept> concepts{
      concept_with("banned", {{Language::en, "banned organisation"}}),
      concept_with("defence-ministry", {{Language::en, "Defense Ministry"}}),
      concept_with("mobilised", {{Language::en, "mobilised"}})};
  const TermFinder terms(concepts);
  CHECK(matched(terms, "a banned organization and banned organisations", Language::en) ==
        std::vector<std::string>{"banned:banned organization", "banned:banned organisations"});
  CHECK(matched(terms, "The Defence Ministry said", Language::en) ==
        std::vector<std::string>{"defence-ministry:Defence Ministry"});
  CHECK(matched(terms, "relatives were mobilized", Language::en) ==
        std::vector<std::string>{"mobilised:mobilized"});
}

TEST_CASE("hyphenated words match their joined spelling both ways", "[finder][variants]") {
  const std::vector<Concept> concepts{
      concept_with("pretrial", {{Language::en, "pretrial detention"}}),
      concept_with("antiterror", {{Language::nl, "anti-terrorismewetgeving"}}),
      concept_with("propaganda", {{Language::nl, "antipropagandawet"}})};
  const TermFinder terms(concepts);
  CHECK(matched(terms, "pre-trial detention was extended", Language::en) ==
        std::vector<std::string>{"pretrial:pre-trial detention"});
  CHECK(matched(terms, "pretrial detention", Language::en) ==
        std::vector<std::string>{"pretrial:pretrial detention"});
  CHECK(matched(terms, "de antiterrorismewetgeving en de anti-propagandawet", Language::nl) ==
        std::vector<std::string>{"antiterror:antiterrorismewetgeving",
                                 "propaganda:anti-propagandawet"});
}

TEST_CASE("a lower-case abbreviation is found inflected, an upper-case one as written",
          "[finder][variants]") {
  const std::vector<Concept> concepts{
      concept_with("commissariat", {{Language::ru, "военкомат"}}, TermType::abbreviation),
      concept_with("prosecution", {{Language::nl, "OM"}}, TermType::abbreviation),
      concept_with("epp", {{Language::ru, "ЕПП"}}, TermType::abbreviation)};
  const TermFinder terms(concepts);
  // Before: an abbreviation had to stand exactly as written, so "военкомата" was never found.
  CHECK(matched(terms, "Сотрудники военкомата пришли в военкомате", Language::ru) ==
        std::vector<std::string>{"commissariat:военкомата", "commissariat:военкомате"});
  CHECK(matched(terms, "om tien uur bij het OM", Language::nl) ==
        std::vector<std::string>{"prosecution:OM"});
  CHECK(matched(terms, "в ЕПП, не в епп", Language::ru) == std::vector<std::string>{"epp:ЕПП"});
}
