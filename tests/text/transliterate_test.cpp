#include "tolk/text/transliterate.hpp"

#include <catch2/catch.hpp>

using namespace tolk::text;

TEST_CASE("BGN/PCGN and scholarly transliteration through ICU", "[translit]") {
  CHECK(cyrillic_to_latin("иностранный агент") == "inostrannyy agent");
  CHECK(cyrillic_to_latin("дезертирство") == "dezertirstvo");
  CHECK(cyrillic_to_latin("иностранный агент", LatinScheme::scholarly) == "inostrannyj agent");
  CHECK(latin_to_cyrillic("inostrannyj agent") == "иностранный агент");
}

TEST_CASE("every common Latin spelling reaches the key of the Cyrillic term", "[translit]") {
  const std::string key = translit_key("иностранный агент");
  CHECK(translit_key("inostrannyy agent") == key);  // BGN/PCGN
  CHECK(translit_key("inostrannyj agent") == key);  // scholarly
  CHECK(translit_key("inostranny agent") == key);   // informal
  CHECK(translit_key("inostrannyi agent") == key);  // LoC without ligature
  CHECK(translit_key("Inostrannij Agent") == key);
  CHECK(translit_key("dezertirstvo") == translit_key("дезертирство"));
  CHECK(translit_key("nezhelatelnaya organizatsiya") == translit_key("нежелательная организация"));
  CHECK(translit_key("nežel'natel'naja") != translit_key("нежелательная"));  // a real typo stays
  CHECK(translit_key("nezhelatel'naja organizacija") == translit_key("нежелательная организация"));
  CHECK(translit_key("Yevropeyskiy sud") == translit_key("Европейский суд"));
  CHECK(translit_key("shchit") == translit_key("щит"));
  CHECK(translit_key("ščit") == translit_key("щит"));
  CHECK(translit_key("voenkomat") == translit_key("военкомат"));
  CHECK(translit_key("khudozhnik") == translit_key("художник"));
  CHECK(translit_key("hudozhnik") == translit_key("художник"));
}

TEST_CASE("different words keep different keys", "[translit]") {
  CHECK(translit_key("агент") != translit_key("агентство"));
  CHECK(translit_key("шпионаж") != translit_key("измена"));
}

TEST_CASE("Cyrillic detection", "[translit]") {
  CHECK(has_cyrillic("art. 328 УК РФ"));
  CHECK_FALSE(has_cyrillic("artikel 328 WvS"));
}
