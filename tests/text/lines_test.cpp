// Line breaks and the line index: the numbers `tolk prepare` and curation cite must be the line
// numbers an editor shows, whatever the file's line ends.
#include "tolk/text/lines.hpp"

#include <catch2/catch.hpp>
#include <string>

using tolk::text::LineIndex;
using tolk::text::unify_line_breaks;

TEST_CASE("CR LF and lone CR become LF; listed bytes are dropped", "[text][lines]") {
  CHECK(unify_line_breaks("een\r\ntwee\rdrie\nvier") == "een\ntwee\ndrie\nvier");
  CHECK(unify_line_breaks("\r\r\n\n") == "\n\n\n");
  CHECK(unify_line_breaks("pagina 1\fpagina 2\r\n", "\f") == "pagina 1pagina 2\n");
  CHECK(unify_line_breaks(std::string("a\0b", 3), std::string_view("\0", 1)) == "ab");
  CHECK(unify_line_breaks("Статья 328\r\nУК РФ") == "Статья 328\nУК РФ");
  CHECK(unify_line_breaks("").empty());
}

TEST_CASE("a line index gives the line of an offset and the text of a line", "[text][lines]") {
  const std::string text = "artikel 328\r\nWvS\n\nlaatste";
  const LineIndex index(text);
  CHECK(index.line_count() == 4);
  CHECK(index.line_of(0) == 1);
  CHECK(index.line_of(text.find("WvS")) == 2);
  CHECK(index.line_of(text.find("laatste")) == 4);
  CHECK(index.line(text, 1) == "artikel 328");  // without the CR
  CHECK(index.line(text, 3).empty());
  CHECK(index.line(text, 4) == "laatste");
  CHECK(index.line(text, 5).empty());
  CHECK(index.line_begin(2, text.size()) == text.find("WvS"));
  CHECK(index.line_begin(9, text.size()) == text.size());
}
