// tolk drill: answers from standard input, progress kept in the workspace across runs, with the
// clock given on the command line.

#include "tolk/drill/drill.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "run_process.hpp"
#include "temporary_directory.hpp"

using tolk::testing::run_process;
using tolk::testing::shell_quote;

namespace {

tolk::testing::ProcessResult tolk_cli(const std::string& arguments, const std::string& input) {
  return run_process("LANG=C.UTF-8 " + shell_quote(TOLK_BINARY) + " " + arguments, input);
}

std::vector<std::string> concepts_of(const nlohmann::json& run) {
  std::vector<std::string> ids;
  for (const auto& card : run["cards"])
    ids.push_back(card["concept"].get<std::string>());
  return ids;
}

}  // namespace

TEST_CASE("tolk drill keeps its progress: the missed cards come first the next evening",
          "[drill][cli]") {
  tolk::testing::TemporaryDirectory directory;
  const std::string data = shell_quote((directory.path() / "tolk-data").string());
  REQUIRE(
      tolk_cli("--data " + data + " term import " +
                   shell_quote(std::string(TOLK_SOURCE_DIR) + "/glossaries/legal-nl-en-ru.json"),
               "")
          .exit_code == 0);
  const std::string sheet = shell_quote((directory.path() / "sheet.json").string());
  REQUIRE(
      tolk_cli("--data " + data + " prepare " +
                   shell_quote(std::string(TOLK_SOURCE_DIR) + "/tests/prepare/data/case.nl.txt") +
                   " --format json -o " + sheet,
               "")
          .exit_code == 0);
  const std::string drill = "--data " + data + " drill --sheet " + sheet + " --json -n 4 --now ";
  constexpr long kEvening = 1'700'000'000;

  // First evening: the sheet's first four concepts, in its order. Right, wrong (empty line),
  // right in another case and without ё-sensitivity, wrong.
  const auto first = tolk_cli(
      drill + std::to_string(kEvening),
      "уклонение от прохождения военной и альтернативной гражданской службы\n\nдезертирство\n"
      "уголовный кодекс\n");
  REQUIRE(first.exit_code == 0);
  const auto one = nlohmann::json::parse(first.out);
  CHECK(concepts_of(one) == std::vector<std::string>{"uk-328-evasion-of-service",
                                                     "uk-338-desertion", "criminal-code-rf",
                                                     "mobilisation"});
  CHECK(one["right"] == 1);  // "уклонение от призыва" is an admitted term of the first concept
  CHECK(one["cards"][0]["right"] == true);
  CHECK(one["cards"][1]["right"] == false);
  CHECK(one["cards"][2]["right"] == false);  // the answer was given to the wrong card
  CHECK(one["cards"][3]["right"] == false);
  CHECK(one["cards"][0]["box"] == 2);
  CHECK(one["cards"][1]["box"] == 1);

  // The next evening (one day later, the right card is due again too): the missed cards first,
  // then the right one, then the cards never drilled.
  const auto second = tolk_cli(drill + std::to_string(kEvening + 24 * 3600 + 60),
                               "дезертирство\nУголовный кодекс Российской Федерации\nмобилизация\n"
                               "уклонение от прохождения военной и альтернативной гражданской "
                               "службы\n");
  REQUIRE(second.exit_code == 0);
  const auto two = nlohmann::json::parse(second.out);
  CHECK(concepts_of(two) == std::vector<std::string>{"uk-338-desertion", "criminal-code-rf",
                                                     "mobilisation", "uk-328-evasion-of-service"});
  CHECK(two["right"] == 4);
  CHECK(two["cards"][3]["box"] == 3);

  // Ten minutes later nothing drilled is due: only the cards never drilled are left.
  const auto third = tolk_cli(drill + std::to_string(kEvening + 24 * 3600 + 600), "x\nx\nx\nx\n");
  const auto three = nlohmann::json::parse(third.out);
  for (const auto& id : concepts_of(three)) {
    CHECK(id != "uk-338-desertion");
    CHECK(id != "uk-328-evasion-of-service");
  }
  CHECK(concepts_of(three).front() == "deprivation-of-liberty");
}

TEST_CASE("drill directions are parsed strictly", "[drill]") {
  CHECK(tolk::drill::to_string(tolk::drill::parse_direction("ru-nl")) == "ru-nl");
  CHECK_THROWS(tolk::drill::parse_direction("nl-nl"));
  CHECK_THROWS(tolk::drill::parse_direction("nlru"));
}
