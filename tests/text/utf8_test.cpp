#include "tolk/text/utf8.hpp"

#include <catch2/catch.hpp>

using namespace tolk::text;

TEST_CASE("well-formed UTF-8 in three scripts passes", "[utf8]") {
  CHECK_FALSE(find_invalid_utf8("dienstplichtontduiking").has_value());
  CHECK_FALSE(find_invalid_utf8("иностранный агент").has_value());
  CHECK_FALSE(find_invalid_utf8("geëmigreerd – “AWOL” 𝄞").has_value());
}

TEST_CASE("ill-formed UTF-8 is located by byte offset, line and column", "[utf8]") {
  const std::string text = "eerste regel\nагент \xC3\x28 rest";
  const auto defect = find_invalid_utf8(text);
  REQUIRE(defect.has_value());
  CHECK(defect->byte_offset == 13 + 11);  // "агент " is 11 bytes
  CHECK(defect->line == 2);
  CHECK(defect->column == 7);
}

TEST_CASE("overlong forms, surrogates and truncated sequences are defects", "[utf8]") {
  CHECK(find_invalid_utf8("\xC0\xAF").has_value());          // overlong '/'
  CHECK(find_invalid_utf8("\xED\xA0\x80").has_value());      // UTF-16 surrogate
  CHECK(find_invalid_utf8("\xF4\x90\x80\x80").has_value());  // above U+10FFFF
  CHECK(find_invalid_utf8("abc\xE2\x82").has_value());       // cut off at the end
  CHECK(find_invalid_utf8("\xFF").has_value());
}

TEST_CASE("validate_utf8 names the source in its error", "[utf8]") {
  CHECK_THROWS_WITH(validate_utf8("ok\xFF", "case.txt"),
                    "case.txt: invalid UTF-8 at byte offset 2 (line 1, column 3)");
  CHECK_NOTHROW(validate_utf8("ok", "case.txt"));
}

TEST_CASE("UTF-16 lengths count surrogate pairs outside the BMP", "[utf8]") {
  CHECK(utf16_length("агент") == 5);
  CHECK(utf16_length("a𝄞b") == 4);
  CHECK(code_point_count("a𝄞b") == 3);
  CHECK(strip_bom("\xEF\xBB\xBFtekst") == "tekst");
}
