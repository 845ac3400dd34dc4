#include "tolk/text/normalize.hpp"

#include <catch2/catch.hpp>

using namespace tolk::text;

TEST_CASE("NFC composes decomposed input", "[normalize]") {
  CHECK(to_nfc("gee\xCC\x88migreerd") == "geëmigreerd");
  CHECK(to_nfc("е\xCC\x88") == "ё");
}

TEST_CASE("search keys fold case fully", "[normalize]") {
  CHECK(search_key("Dienstplichtontduiking", Language::nl) == "dienstplichtontduiking");
  CHECK(search_key("ИНОСТРАННЫЙ АГЕНТ", Language::ru) == "иностранный агент");
  CHECK(search_key("Straße", Language::nl) == "strasse");  // full, not simple, case folding
}

TEST_CASE("search keys drop Latin diacritics but keep Cyrillic letters except ё", "[normalize]") {
  CHECK(search_key("geëmigreerd", Language::nl) == "geemigreerd");
  CHECK(search_key("café één", Language::nl) == "cafe een");
  CHECK(search_key("Ёлка", Language::ru) == "елка");
  CHECK(search_key("военный", Language::ru) == "военный");  // й keeps its breve
  CHECK(search_key("уклонение от прохождения военной службы", Language::ru) ==
        "уклонение от прохождения военной службы");
}

TEST_CASE("search keys unify quotes, apostrophes and dashes", "[normalize]") {
  CHECK(search_key("“AWOL”", Language::en) == "\"awol\"");
  CHECK(search_key("«иноагент»", Language::ru) == "\"иноагент\"");
  CHECK(search_key("AWOL’s", Language::nl) == "awol's");
  CHECK(search_key("Krim‐Tataren", Language::nl) == "krim-tataren");  // U+2010 hyphen
  CHECK(search_key("2022–2024", Language::nl) == "2022-2024");        // en dash
}

TEST_CASE("search keys drop soft hyphens and zero-width characters", "[normalize]") {
  CHECK(search_key("dienst\u00ADplicht", Language::nl) == "dienstplicht");
  CHECK(search_key("ino\u200Bagent", Language::ru) == "inoagent");
  CHECK(search_key("\uFEFFagent", Language::en) == "agent");
}

TEST_CASE("search keys collapse white space", "[normalize]") {
  CHECK(search_key("  foreign \t agent\n", Language::en) == "foreign agent");
  CHECK(search_key("foreign\u00A0agent", Language::en) == "foreign agent");
}

TEST_CASE("unify_punctuation keeps letters and case", "[normalize]") {
  CHECK(unify_punctuation("„Ongewenste” organisatie – art.") ==
        "\"Ongewenste\" organisatie - art.");
}

TEST_CASE("a replacement takes the case of the word it replaces", "[normalize][case]") {
  // Before, a capitalised term went into mid-sentence as it was ("Организация деятельности").
  CHECK(with_initial_case_of("Организация деятельности", "организацию") ==
        "организация деятельности");
  CHECK(with_initial_case_of("дезертирство", "Дезертирство") == "Дезертирство");
  CHECK(with_initial_case_of("Ёлка", "ёлка") == "ёлка");
  CHECK(with_initial_case_of("desertion", "Desertion") == "Desertion");
  CHECK(with_initial_case_of("Desertion", "desertie") == "desertion");
  CHECK(with_initial_case_of("OM", "123") == "OM");
  CHECK(with_initial_case_of("", "X") == "");
}
