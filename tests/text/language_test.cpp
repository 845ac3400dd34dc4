#include "tolk/text/language.hpp"

#include <catch2/catch.hpp>

using tolk::text::Language;

TEST_CASE("language tags in BCP 47, POSIX and ISO 639-2 forms resolve", "[language]") {
  CHECK(tolk::text::parse_language("nl") == Language::nl);
  CHECK(tolk::text::parse_language("nl-BE") == Language::nl);
  CHECK(tolk::text::parse_language("EN-GB") == Language::en);
  CHECK(tolk::text::parse_language("ru_RU.UTF-8") == Language::ru);
  CHECK(tolk::text::parse_language("rus") == Language::ru);
  CHECK(tolk::text::parse_language("dut") == Language::nl);
  CHECK_FALSE(tolk::text::parse_language("de").has_value());
  CHECK_FALSE(tolk::text::parse_language("").has_value());
}

TEST_CASE("an unsupported language is an error that names it", "[language]") {
  CHECK_THROWS_WITH(tolk::text::require_language("uk"), Catch::Contains("'uk'"));
  CHECK(tolk::text::language_code(Language::ru) == "ru");
}

TEST_CASE("a direction is two different supported languages, or an error naming the text",
          "[language]") {
  using tolk::text::Direction;
  CHECK(tolk::text::parse_direction("nl-ru") == Direction{Language::nl, Language::ru});
  CHECK(tolk::text::parse_direction("RU-en") == Direction{Language::ru, Language::en});
  CHECK(tolk::text::to_string(tolk::text::parse_direction("en-nl")) == "en-nl");
  CHECK_THROWS_WITH(tolk::text::parse_direction("nl-de"), Catch::Contains("'nl-de'"));
  CHECK_THROWS_AS(tolk::text::parse_direction("nl-nl"), std::invalid_argument);
  CHECK_THROWS_AS(tolk::text::parse_direction("nlru"), std::invalid_argument);
  CHECK_THROWS_AS(tolk::text::parse_direction("nl-ru-en"), std::invalid_argument);
  CHECK_THROWS_AS(tolk::text::parse_direction(""), std::invalid_argument);
  CHECK_THROWS_AS(tolk::text::parse_direction("nl-"), std::invalid_argument);
}
