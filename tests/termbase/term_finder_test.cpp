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
