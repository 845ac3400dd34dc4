// tolk prepare and tolk term add, through the program.

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "run_process.hpp"
#include "temporary_directory.hpp"

using tolk::testing::run_process;
using tolk::testing::shell_quote;

namespace {

tolk::testing::ProcessResult tolk_cli(const std::string& arguments) {
  return run_process("LANG=C.UTF-8 " + shell_quote(TOLK_BINARY) + " " + arguments);
}

std::string data(const std::string& name) {
  const std::filesystem::path file =
      std::filesystem::path(TOLK_SOURCE_DIR) / "tests" / "prepare" / "data" / name;
  return shell_quote(file.string());
}

struct Workspace {
  tolk::testing::TemporaryDirectory directory;
  std::string data = shell_quote((directory.path() / "tolk-data").string());
  tolk::testing::ProcessResult import =
      tolk_cli("--data " + data + " term import " +
               shell_quote(std::string(TOLK_SOURCE_DIR) + "/glossaries/legal-nl-en-ru.json"));
};

}  // namespace

TEST_CASE("tolk prepare writes the sheet of every readable file and names the others",
          "[prepare][cli]") {
  Workspace workspace;
  REQUIRE(workspace.import.exit_code == 0);
  const auto out = (workspace.directory.path() / "sheet.md").string();
  const auto result = tolk_cli("--data " + workspace.data + " prepare " + data("case.odt") + " " +
                               data("damaged.pdf") + " -o " + shell_quote(out));
  CHECK(result.exit_code == 2);  // a file could not be read
  CHECK_THAT(result.err, Catch::Contains("damaged.pdf: ") && Catch::Contains("Known terms: 12"));
  std::ifstream file(out);
  std::stringstream sheet;
  sheet << file.rdbuf();
  CHECK_THAT(sheet.str(), Catch::Contains("case.odt:2") &&
                              Catch::Contains("УК РФ ст. 328: Уклонение от прохождения") &&
                              Catch::Contains("| garnizoensrechtbank | nl | 3 |"));

  const auto json = tolk_cli("--data " + workspace.data + " prepare " + data("case.nl.txt") +
                             " --format json --langs nl,ru");
  CHECK(json.exit_code == 0);
  const auto parsed = nlohmann::json::parse(json.out);
  CHECK(parsed["counts"]["known"] == 12);
  CHECK(parsed["counts"]["figures"] == 6);

  const auto tbx =
      tolk_cli("--data " + workspace.data + " prepare " + data("case.pdf") + " --format tbx");
  CHECK(tbx.exit_code == 0);
  CHECK_THAT(tbx.out, Catch::Contains("<tbx ") && Catch::Contains("uk-338-desertion"));

  const auto none = tolk_cli("--data " + workspace.data + " prepare " + data("entity.docx"));
  CHECK(none.exit_code == 2);
  CHECK_THAT(none.err, Catch::Contains("entity.docx: word/document.xml"));
}

TEST_CASE("tolk term add keeps the interpreter's own entries in the personal termbase",
          "[prepare][cli]") {
  Workspace workspace;
  REQUIRE(workspace.import.exit_code == 0);
  const auto added = tolk_cli("--data " + workspace.data +
                              " term add --nl garnizoensrechtbank --ru 'гарнизонный военный суд' "
                              "--en 'garrison military court' --note 'first instance for "
                              "servicemen' --json");
  REQUIRE(added.exit_code == 0);
  const auto concept_json = nlohmann::json::parse(added.out);
  CHECK(concept_json["termbase"] == "personal");
  CHECK(concept_json["concept"]["id"] == "own-garnizoensrechtbank");

  // Looked up together with the shipped termbase, inflected, and marked as the interpreter's.
  const auto lookup =
      tolk_cli("--data " + workspace.data + " term lookup garnizoensrechtbanken --json");
  REQUIRE(lookup.exit_code == 0);
  const auto hits = nlohmann::json::parse(lookup.out)["hits"];
  REQUIRE(!hits.empty());
  CHECK(hits[0]["own"] == true);
  CHECK(hits[0]["termbase"] == "personal");
  const auto shipped = tolk_cli("--data " + workspace.data + " term lookup desertie");
  CHECK_THAT(shipped.out, Catch::Contains("uk-338-desertion"));
  CHECK_THAT(shipped.out, !Catch::Contains("[own entry]"));

  // The sheet now lists it as known and marked, no longer as unknown.
  const auto sheet = tolk_cli("--data " + workspace.data + " prepare " + data("case.nl.txt"));
  CHECK(sheet.exit_code == 0);
  CHECK_THAT(sheet.out, Catch::Contains("**own entry** first instance for servicemen"));
  CHECK_THAT(sheet.out, !Catch::Contains("| garnizoensrechtbank | nl |"));

  const auto empty = tolk_cli("--data " + workspace.data + " term add --note x");
  CHECK(empty.exit_code == 2);
}
