#include "tolk/tm/translation_memory.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "temporary_directory.hpp"
#include "tolk/tm/exchange.hpp"
#include "tolk/tm/fuzzy.hpp"

namespace {

using tolk::testing::TemporaryDirectory;
using namespace tolk::tm;

TranslationUnit make_unit(std::string source_language, std::string source,
                          std::string target_language, std::string target,
                          std::string context = {}) {
  TranslationUnit unit;
  unit.source_language = source_language;
  Variant from;
  from.language = std::move(source_language);
  from.segment.text = std::move(source);
  Variant to;
  to.language = std::move(target_language);
  to.segment.text = std::move(target);
  unit.variants = {from, to};
  unit.context = std::move(context);
  return unit;
}

MatchOptions nl_to_en(int min_score = 70) {
  MatchOptions options;
  options.source_language = "nl";
  options.target_language = "en";
  options.min_score = min_score;
  return options;
}

// Sentences of the Dutch country report (ambtsbericht-rusland-2025.nl.txt) with translations.
std::vector<TranslationUnit> report_units() {
  return {
      make_unit("nl",
                "Dienstplichtontduiking (artikel 328 WvS) kan gedurende een mobilisatieperiode "
                "worden bestraft.",
                "en",
                "Draft evasion (Article 328 of the Criminal Code) can be punished during a "
                "mobilisation period."),
      make_unit("nl",
                "Desertie (artikel 338 WvS) kan gedurende een mobilisatieperiode worden "
                "bestraft.",
                "en",
                "Desertion (Article 338 of the Criminal Code) can be punished during a "
                "mobilisation period."),
      make_unit("nl", "Het weigeren van een bevel is strafbaar gesteld in artikel 332 WvS.", "en",
                "Refusing an order is an offence under Article 332 of the Criminal Code."),
      make_unit("nl", "Ongeoorloofde afwezigheid is strafbaar gesteld in artikel 337 WvS.", "en",
                "Absence without leave is an offence under Article 337 of the Criminal Code.",
                "report 4.1"),
  };
}

}  // namespace

TEST_CASE("units are stored, read back, replaced and erased", "[tm]") {
  TemporaryDirectory directory;
  auto memory = TranslationMemory::open(directory.path() / "tm", true);
  const auto units = report_units();
  const AddResult first = memory.add(units);
  CHECK(first.added == 4);
  CHECK(memory.statistics().units == 4);

  // The same units again: identical, nothing added.
  const AddResult again = memory.add(units);
  CHECK(again.identical == 4);
  CHECK(again.added == 0);

  // A new translation of a stored source replaces it (keep newest) or joins it (keep all).
  auto changed = units[2];
  changed.variants[1].segment.text = "Refusal to obey an order is punishable under Article 332.";
  CHECK(memory.add(std::span(&changed, 1)).replaced == 1);
  CHECK(memory.statistics().units == 4);
  changed.variants[1].segment.text = "Refusing to obey an order: Article 332 of the Criminal Code.";
  CHECK(memory.add(std::span(&changed, 1), DuplicatePolicy::keep_all).added == 1);
  CHECK(memory.statistics().units == 5);

  std::vector<std::uint64_t> ids;
  memory.for_each([&](const TranslationUnit& unit) { ids.push_back(unit.id); });
  REQUIRE(ids.size() == 5);
  const auto stored = memory.get(ids.front());
  REQUIRE(stored);
  CHECK(stored->variants == units[0].variants);

  CHECK(memory.erase(ids.front()));
  CHECK_FALSE(memory.get(ids.front()));
  CHECK_FALSE(memory.erase(ids.front()));
  CHECK(memory.statistics().units == 4);
  // The erased unit is gone from the indexes too.
  const auto matches = memory.match(units[0].variants[0].segment.text, nl_to_en(100));
  CHECK(matches.empty());

  // Reopening keeps everything.
  memory = TranslationMemory::open(directory.path() / "tm");
  CHECK(memory.statistics().units == 4);
}

TEST_CASE("a unit needs two variants with text", "[tm]") {
  TemporaryDirectory directory;
  auto memory = TranslationMemory::open(directory.path() / "tm", true);
  auto unit = make_unit("nl", "Desertie", "en", "");
  unit.origin_file = "legal.tmx";
  unit.origin_line = 12;
  CHECK_THROWS_WITH(memory.add(std::span(&unit, 1)), Catch::Contains("legal.tmx:12"));
  CHECK(memory.statistics().units == 0);
}

TEST_CASE("scores follow the documented formula", "[tm]") {
  TemporaryDirectory directory;
  auto memory = TranslationMemory::open(directory.path() / "tm", true);
  memory.add(report_units());

  SECTION("identical: 100, with the same context: 101") {
    const std::string source = "Ongeoorloofde afwezigheid is strafbaar gesteld in artikel 337 WvS.";
    auto matches = memory.match(source, nl_to_en());
    REQUIRE_FALSE(matches.empty());
    CHECK(matches[0].score.score == 100);
    CHECK(matches[0].target ==
          "Absence without leave is an offence under Article 337 of the Criminal Code.");
    auto options = nl_to_en();
    options.context = "report 4.1";
    matches = memory.match(source, options);
    REQUIRE_FALSE(matches.empty());
    CHECK(matches[0].score.score == 101);
  }
  SECTION("a different article number costs one point: 99, not 100") {
    const auto matches = memory.match(
        "Ongeoorloofde afwezigheid is strafbaar gesteld in artikel 338 WvS.", nl_to_en());
    REQUIRE_FALSE(matches.empty());
    CHECK(matches[0].score.base == 100);
    CHECK(matches[0].score.numbers_differing == 1);
    CHECK(matches[0].score.score == 99);
  }
  SECTION("case and punctuation cost one point each") {
    auto matches = memory.match(
        "ongeoorloofde afwezigheid is strafbaar gesteld in artikel 337 WvS.", nl_to_en());
    REQUIRE_FALSE(matches.empty());
    CHECK(matches[0].score.case_differs);
    CHECK(matches[0].score.score == 99);
    matches = memory.match("Ongeoorloofde afwezigheid is strafbaar gesteld in artikel 337 WvS",
                           nl_to_en());
    REQUIRE_FALSE(matches.empty());
    CHECK(matches[0].score.punctuation_differs);
    CHECK(matches[0].score.score == 99);
    matches = memory.match("Ongeoorloofde  afwezigheid is strafbaar gesteld in artikel 337 WvS.",
                           nl_to_en());
    REQUIRE_FALSE(matches.empty());
    CHECK(matches[0].score.whitespace_differs);
    CHECK(matches[0].score.score == 99);
  }
  SECTION("one word of ten replaced: floor(100 * 9 / 10) = 90") {
    // "Dienstplichtontduiking artikel 328 WvS kan gedurende een mobilisatieperiode worden
    // bestraft": 10 words and numbers; Desertie replaces one, and 338 is a placeable.
    const auto matches = memory.match(
        "Dienstplichtontduiking (artikel 328 WvS) kan gedurende een mobilisatieperiode worden "
        "bestraft.",
        nl_to_en());
    REQUIRE(matches.size() == 2);
    CHECK(matches[0].score.score == 100);
    CHECK(matches[1].score.edit_distance == 1);
    CHECK(matches[1].score.base == 90);
    CHECK(matches[1].score.score == 89);  // and 338 for 328
    CHECK(matches[1].target.starts_with("Desertion"));
  }
  SECTION("below the minimum: nothing") {
    CHECK(memory.match("Het Openbaar Ministerie vervolgt de verdachte.", nl_to_en()).empty());
  }
}

TEST_CASE("word-level edit distance is bounded and exact", "[tm]") {
  const std::vector<std::uint32_t> a{1, 2, 3, 4, 5};
  const std::vector<std::uint32_t> b{1, 3, 4, 6, 5, 7};
  CHECK(bounded_edit_distance(a, b, 10) == 3);
  CHECK(bounded_edit_distance(a, b, 3) == 3);
  CHECK(bounded_edit_distance(a, b, 2) == 3);  // limit + 1
  CHECK(bounded_edit_distance(a, {}, 10) == 5);
  CHECK(base_score_bound(4, 5, 6) == 66);
}

TEST_CASE("concordance finds inflected forms and substrings, with highlights", "[tm]") {
  TemporaryDirectory directory;
  auto memory = TranslationMemory::open(directory.path() / "tm", true);
  memory.add(report_units());
  std::vector<TranslationUnit> more{
      make_unit("en", "The authorities used legislation on foreign agents against critics.", "nl",
                "De autoriteiten gebruikten de wetgeving over buitenlandse agenten tegen critici."),
      make_unit("ru", "Его признали иностранным агентом в 2023 году.", "en",
                "He was designated a foreign agent in 2023."),
  };
  memory.add(more);

  ConcordanceOptions options;
  options.language = "en";
  auto hits = memory.concordance("foreign agent", options);
  REQUIRE(hits.size() == 2);
  for (const auto& hit : hits) {
    REQUIRE(hit.highlights.size() == 1);
    const auto [begin, end] = hit.highlights[0];
    const std::string marked = hit.text.substr(begin, end - begin);
    CHECK((marked == "foreign agents" || marked == "foreign agent"));
  }

  options.language = "ru";
  hits = memory.concordance("иностранный агент", options);
  REQUIRE(hits.size() == 1);
  const auto [begin, end] = hits[0].highlights.at(0);
  CHECK(hits[0].text.substr(begin, end - begin) == "иностранным агентом");

  options.language = "nl";
  options.mode = ConcordanceOptions::Mode::substring;
  hits = memory.concordance("plichtontduik", options);
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].text.starts_with("Dienstplichtontduiking"));
  hits = memory.concordance("artikel 33", options);
  CHECK(hits.size() == 3);  // 338, 332 and 337, not 328
}

TEST_CASE("the index finds exactly what scoring every unit finds, on a real catalog", "[tm]") {
  // Debian's coreutils messages in Dutch: real, varied, and present on every Debian system.
  const std::filesystem::path catalog = "/usr/share/locale/nl/LC_MESSAGES/coreutils.mo";
  REQUIRE(std::filesystem::exists(catalog));
  TemporaryDirectory directory;
  auto memory = TranslationMemory::open(directory.path() / "tm", true);
  std::vector<TranslationUnit> units;
  read_mo(catalog, [&](TranslationUnit&& unit) { units.push_back(std::move(unit)); });
  REQUIRE(units.size() > 500);
  memory.add(units, DuplicatePolicy::keep_all);

  MatchOptions en_to_nl;
  en_to_nl.source_language = "en";
  en_to_nl.target_language = "nl";
  // Queries: stored sources edited the way a new segment differs from an old one.
  std::mt19937 random(20261123);
  std::size_t compared = 0;
  std::size_t with_matches = 0;
  for (int round = 0; round < 150; ++round) {
    const auto& unit = units[random() % units.size()];
    const Variant* source = find_variant(unit, "en");
    REQUIRE(source);
    std::string query = source->segment.text;
    const auto analysis = analyze_text(query, "en");
    if (analysis.words.size() >= 3) {
      const auto& word = analysis.words[random() % analysis.words.size()];
      switch (round % 3) {
        case 0:
          query.erase(word.begin, word.end - word.begin);
          break;
        case 1:
          query.replace(word.begin, word.end - word.begin, "archive");
          break;
        default:
          query.insert(word.begin, "new ");
          break;
      }
    }
    for (const int minimum : {50, 70, 90}) {
      MatchOptions options = en_to_nl;
      options.min_score = minimum;
      Segment segment;
      segment.text = query;
      const auto indexed = memory.match(segment, options);
      // Re-analysing every unit is slow: the full reference on a fifth of the queries, the
      // scan of the stored word sequences on all.
      const auto scanned = memory.match_by_scan(segment, options);
      const auto exhaustive =
          round % 5 == 0 ? memory.match_exhaustively(segment, options) : scanned;
      REQUIRE(indexed.size() == exhaustive.size());
      REQUIRE(scanned.size() == exhaustive.size());
      for (std::size_t i = 0; i < indexed.size(); ++i) {
        CHECK(indexed[i].unit.id == exhaustive[i].unit.id);
        CHECK(indexed[i].score.score == exhaustive[i].score.score);
        CHECK(scanned[i].unit.id == exhaustive[i].unit.id);
      }
      ++compared;
      with_matches += indexed.empty() ? 0U : 1U;
    }
  }
  CHECK(compared == 450);
  CHECK(with_matches > 200);
}

TEST_CASE("a TM opened for reading matches and refuses changes, naming the store",
          "[tm][read-only]") {
  TemporaryDirectory directory;
  const auto path = directory.path() / "tm";
  { TranslationMemory::open(path, true).add(report_units()); }
  TranslationMemory memory = TranslationMemory::open_for_reading(path);
  CHECK(memory.statistics().units == 4);
  CHECK(memory.verify().problems.empty());
  const auto matches = memory.match(
      "Desertie (artikel 338 WvS) kan gedurende een mobilisatieperiode bestraft worden.",
      nl_to_en());
  REQUIRE_FALSE(matches.empty());
  CHECK(matches.front().target.find("Desertion") == 0);
  ConcordanceOptions concordance;
  concordance.language = "nl";
  CHECK(memory.concordance("mobilisatieperiode", concordance).size() == 2);
  CHECK_THROWS_WITH(memory.add(report_units()),
                    Catch::Contains(path.string()) && Catch::Contains("opened for reading only"));
  CHECK_THROWS_AS(memory.erase(1), tolk::store::LmdbError);
  CHECK(memory.statistics().units == 4);
  CHECK_THROWS_AS(TranslationMemory::open_for_reading(directory.path() / "absent"),
                  TranslationMemoryError);
}
