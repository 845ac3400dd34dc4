#include "tolk/text/morphology.hpp"

#include <algorithm>
#include <catch2/catch.hpp>

using namespace tolk::text;

// These tests use the Debian dictionaries (hunspell-nl, hunspell-en-us, hunspell-ru): they are
// part of what tolk runs on, and scripts/test installs them.

namespace {
bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}
}  // namespace

TEST_CASE("Russian case forms reach the lemma", "[morphology][ru]") {
  CHECK(lemma_sequence("иностранным агентом", Language::ru) ==
        std::vector<std::string>{"иностранный", "агент"});
  CHECK(lemma_sequence("иностранных агентов", Language::ru) ==
        std::vector<std::string>{"иностранный", "агент"});
  CHECK(lemma_sequence("Нежелательной организации", Language::ru) ==
        std::vector<std::string>{"нежелательный", "организация"});
  CHECK(lemma("дезертирства", Language::ru) == "дезертирство");
  CHECK(contains(stems("повестки", Language::ru), "повестка"));
}

TEST_CASE("Dutch plurals reach the singular", "[morphology][nl]") {
  CHECK(lemma("deserteurs", Language::nl) == "deserteur");
  CHECK(lemma("gewetensbezwaarden", Language::nl) == "gewetensbezwaarde");
  CHECK(contains(stems("contractsoldaten", Language::nl), "contractsoldaat"));
}

TEST_CASE("Dutch compounds are stemmed on their head", "[morphology][nl]") {
  CHECK(lemma("dienstplichtontduikers", Language::nl) == "dienstplichtontduiker");
  CHECK(lemma("dienstplicht", Language::nl) == "dienstplicht");  // Hunspell alone says "dienst"
  CHECK(lemma("oorlogsmisdaden", Language::nl) == "oorlogsmisdaad");
}

TEST_CASE("Dutch compounds split into modifier and head", "[morphology][nl]") {
  const auto split = split_compound("dienstplichtontduiking", Language::nl);
  REQUIRE(split.has_value());
  CHECK(split->parts == std::vector<std::string>{"dienstplicht", "ontduiking"});
  CHECK(split->linker.empty());

  const auto linked = split_compound("oorlogsmisdaden", Language::nl);
  REQUIRE(linked.has_value());
  CHECK(linked->parts == std::vector<std::string>{"oorlog", "misdaden"});
  CHECK(linked->linker == "s");

  CHECK(split_compound("Contractsoldaat", Language::nl)->parts ==
        std::vector<std::string>{"contract", "soldaat"});
  CHECK_FALSE(split_compound("deserteur", Language::nl).has_value());
  CHECK_FALSE(split_compound("agentom", Language::ru).has_value());
}

TEST_CASE("English inflections, not derivations", "[morphology][en]") {
  CHECK(lemma("deserters", Language::en) == "deserter");
  CHECK(lemma("conscripts", Language::en) == "conscript");
  CHECK(lemma("summonses", Language::en) == "summons");
  CHECK(lemma("prisoners", Language::en) == "prisoner");
  CHECK(lemma("organizations", Language::en) == "organization");
  CHECK(lemma("detained", Language::en) == "detain");
  CHECK(lemma("refused", Language::en) == "refuse");
  CHECK(lemma("being", Language::en) == "being");
}

TEST_CASE("English lemmas never strip a prefix", "[morphology][en]") {
  // Debian's en_US analyses "unit" as un- + "it"; as a lemma that would make every "It" a unit.
  CHECK(lemma("unit", Language::en) == "unit");
  CHECK(lemma("units", Language::en) == "unit");
  CHECK(lemma("It", Language::en) == "it");
  CHECK(stems("units", Language::en) == std::vector<std::string>{"unit"});
  CHECK(lemma("rearrested", Language::en) != "arrest");
}

TEST_CASE("misspelt Dutch compounds get no stems, and are read safely", "[morphology][nl]") {
  // Hunspell's stem() reads out of bounds on these (seen under ASan); spell() guards it.
  for (const char* typo : {"prijsstabiilsatie", "inspecteurrs-generaa"})
    CHECK(stems(typo, Language::nl).empty());
}

TEST_CASE("unknown words keep their lower-cased form", "[morphology]") {
  CHECK(stems("Meduza", Language::nl).empty());
  CHECK(lemma("Meduza", Language::nl) == "meduza");
  CHECK(stems("xyzzyq", Language::en).empty());
  CHECK(Dictionary::for_language(Language::nl).spell("dienstplicht"));
  CHECK_FALSE(Dictionary::for_language(Language::nl).spell("dienstplichtontduking"));
}

TEST_CASE("a dictionary is loaded once per process", "[morphology]") {
  CHECK(&Dictionary::for_language(Language::ru) == &Dictionary::for_language(Language::ru));
}

TEST_CASE("a missing dictionary file is a clear error", "[morphology]") {
  CHECK_THROWS_AS(Dictionary(Language::nl, "/nonexistent/nl.aff", "/nonexistent/nl.dic"),
                  DictionaryNotFoundError);
}
