// documents/: the four formats interpreters are sent, as numbered lines.

#include <catch2/catch.hpp>
#include <string>

#include "tolk/documents/document.hpp"
#include "tolk/text/segment.hpp"

namespace {

namespace docs = tolk::documents;

std::string data(const std::string& name) {
  return std::string(TOLK_SOURCE_DIR) + "/tests/prepare/data/" + name;
}

std::string line_of(const docs::Document& document, std::size_t number) {
  const auto lines = tolk::text::split_lines(document.text);
  return number >= 1 && number <= lines.size() ? std::string(lines[number - 1]) : std::string();
}

}  // namespace

TEST_CASE("text, DOCX and ODT keep the case's lines: one line per paragraph", "[documents]") {
  for (const auto& [name, format] :
       {std::pair{"case.nl.txt", docs::Format::text}, std::pair{"case.docx", docs::Format::docx},
        std::pair{"case.odt", docs::Format::odt}}) {
    INFO(name);
    const docs::Document document = docs::read_document(data(name));
    CHECK(document.format == format);
    CHECK(document.file == data(name));
    CHECK(line_of(document, 1) == "Dienstplichtontduiking en desertie");
    // In the DOCX the heading of line 2 is a bold run of its own: the runs join without a gap.
    CHECK(line_of(document, 2) ==
          "Dienstplichtontduiking (artikel 328 WvS) kan gedurende een mobilisatieperiode worden "
          "bestraft met maximaal twee jaar detentie.");
    CHECK(line_of(document, 7) ==
          "De advocaat Ivan Petrov diende op 12 maart 2024 een verzoek in bij de "
          "garnizoensrechtbank van Moskou.");
    CHECK(tolk::text::split_lines(document.text).size() == 9);
  }
}

TEST_CASE("PDF text comes from poppler, line by line as laid out", "[documents]") {
  const docs::Document document = docs::read_document(data("case.pdf"));
  CHECK(document.format == docs::Format::pdf);
  CHECK(line_of(document, 1) == "Dienstplichtontduiking en desertie");
  CHECK_THAT(line_of(document, 2), Catch::StartsWith("Dienstplichtontduiking (artikel 328 WvS)"));
  CHECK_THAT(document.text, Catch::Contains("Ivan Petrov diende op 12 maart 2024") &&
                                Catch::Contains("100.000 roebel"));
}

TEST_CASE("a file that cannot be read is named in a clear error; the others are read",
          "[documents]") {
  const auto result =
      docs::read_documents({data("entity.docx"), data("case.odt"), data("damaged.pdf"),
                            data("absent.txt"), data("case.nl.txt")});
  REQUIRE(result.documents.size() == 2);
  CHECK(result.documents[0].format == docs::Format::odt);
  CHECK(result.documents[1].format == docs::Format::text);
  REQUIRE(result.failures.size() == 3);
  CHECK(result.failures[0].file() == data("entity.docx"));
  CHECK_THAT(std::string(result.failures[0].what()),
             Catch::StartsWith(data("entity.docx") + ": word/document.xml") &&
                 Catch::Contains("entities"));
  CHECK_THAT(std::string(result.failures[1].what()),
             Catch::StartsWith(data("damaged.pdf") + ": ") && Catch::Contains("PDF"));
  CHECK_THAT(std::string(result.failures[2].what()), Catch::Contains("no such file"));
}

TEST_CASE("a text file is read with CR LF line ends unified and bounded in size", "[documents]") {
  docs::ReadLimits limits;
  const docs::Document whole = docs::read_document(data("case.nl.txt"), limits);
  CHECK(whole.text.find('\r') == std::string::npos);
  limits.max_text_bytes = whole.text.size() - 1;
  CHECK_THROWS_WITH(docs::read_document(data("case.nl.txt"), limits),
                    Catch::StartsWith(data("case.nl.txt") + ": larger than the limit of " +
                                      std::to_string(limits.max_text_bytes) + " bytes"));
}

TEST_CASE("zip members are bounded in size", "[documents]") {
  docs::ReadLimits limits;
  limits.max_member_bytes = 100;  // the case's document.xml is larger
  CHECK_THROWS_WITH(docs::read_document(data("case.docx"), limits),
                    Catch::Contains("word/document.xml is larger than the limit"));
}
