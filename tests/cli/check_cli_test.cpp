// `tolk check` end to end: the real binary on the sample XLIFF and PO files of tests/check/data
// against the shipped glossary, in text, JSON and SARIF.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "run_process.hpp"
#include "temporary_directory.hpp"
#include "tolk_workspace.hpp"

using nlohmann::json;
using tolk::testing::run_process;
using tolk::testing::shell_quote;
using tolk::testing::TemporaryDirectory;

namespace {

const std::filesystem::path kData = std::filesystem::path(TOLK_SOURCE_DIR) / "tests/check/data";

struct CheckWorkspace : tolk::testing::TolkWorkspace {
  CheckWorkspace() {
    const auto imported = run("term import " + shell_quote(std::string(TOLK_SOURCE_DIR) +
                                                           "/glossaries/legal-nl-en-ru.json"));
    REQUIRE(imported.exit_code == 0);
  }
  // A copy of a sample with one replacement in it.
  std::filesystem::path mutate(const char* name, const std::string& from, const std::string& to) {
    std::ifstream in(kData / name, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    std::string content = bytes.str();
    const auto at = content.find(from);
    REQUIRE(at != std::string::npos);
    content.replace(at, from.size(), to);
    const auto path = directory.path() / name;
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }
};

}  // namespace

TEST_CASE("tolk check passes the clean samples", "[cli][check]") {
  CheckWorkspace workspace;
  for (const char* name : {"sample.nl-en.xlf", "sample.nl-ru.xlf"}) {
    const auto result = workspace.run("check " + shell_quote((kData / name).string()));
    INFO(result.out << result.err);
    CHECK(result.exit_code == 0);
    CHECK(result.out.find("12 segments checked, 0 errors, 0 warnings") != std::string::npos);
  }
  const auto po =
      workspace.run("check --from nl " + shell_quote((kData / "sample.nl-en.po").string()));
  CHECK(po.exit_code == 0);
}

TEST_CASE("tolk check reports a changed article number, in text and JSON", "[cli][check]") {
  CheckWorkspace workspace;
  const auto file = workspace.mutate("sample.nl-en.xlf", "(Article 328 of", "(Article 338 of");
  const auto text = workspace.run("check " + shell_quote(file.string()));
  INFO(text.out << text.err);
  CHECK(text.exit_code == 1);
  CHECK(text.out.find("segment s1") != std::string::npos);
  CHECK(text.out.find("[legal-reference] the source has artikel 328 but the target has "
                      "Article 338") != std::string::npos);
  CHECK(text.out.find("1 errors") != std::string::npos);

  const auto result = workspace.run("check --json " + shell_quote(file.string()));
  REQUIRE(result.exit_code == 1);
  const json report = json::parse(result.out);
  CHECK(report["source_language"] == "nl");
  CHECK(report["target_language"] == "en");
  REQUIRE(report["findings"].size() == 1);
  CHECK(report["findings"][0]["check"] == "legal-reference");
  CHECK(report["findings"][0]["segment"] == "s1");
  CHECK(report["findings"][0]["severity"] == "error");
  CHECK(report["findings"][0]["line"].get<int>() > 1);
  CHECK(report["summary"]["errors"] == 1);

  // Options: --checks, --fail-on, --severity, the ignore file next to the document.
  CHECK(workspace.run("check --checks missing-term " + shell_quote(file.string())).exit_code == 0);
  CHECK(workspace.run("check --severity legal-reference=info " + shell_quote(file.string()))
            .exit_code == 0);
  CHECK(
      workspace
          .run("check --fail-on info --severity legal-reference=info " + shell_quote(file.string()))
          .exit_code == 1);
  std::ofstream(file.string() + ".tolkignore") << "legal-reference\ts1\tartikel 328\n";
  CHECK(workspace.run("check " + shell_quote(file.string())).exit_code == 0);
}

TEST_CASE("tolk check writes SARIF 2.1.0", "[cli][check]") {
  CheckWorkspace workspace;
  const auto file = workspace.mutate("sample.nl-ru.xlf", "Статья 338 УК РФ", "Статья 328 УК РФ");
  const auto result = workspace.run("check --format sarif " + shell_quote(file.string()));
  INFO(result.out << result.err);
  REQUIRE(result.exit_code == 1);
  const json sarif = json::parse(result.out);
  CHECK(sarif["version"] == "2.1.0");
  CHECK(sarif.contains("$schema"));
  REQUIRE(sarif["runs"].is_array());
  REQUIRE(sarif["runs"].size() == 1);
  const json& run = sarif["runs"][0];
  CHECK(run["tool"]["driver"]["name"] == "tolk");
  std::vector<std::string> rule_ids;
  for (const auto& rule : run["tool"]["driver"]["rules"]) {
    REQUIRE(rule.contains("id"));
    CHECK(rule["shortDescription"].contains("text"));
    rule_ids.push_back(rule["id"]);
  }
  CHECK(std::find(rule_ids.begin(), rule_ids.end(), "missing-term") != rule_ids.end());
  CHECK(std::find(rule_ids.begin(), rule_ids.end(), "legal-reference") != rule_ids.end());
  REQUIRE(run["results"].size() == 1);
  const json& finding = run["results"][0];
  CHECK(finding["ruleId"] == "legal-reference");
  CHECK(finding["level"] == "error");
  CHECK(finding["message"]["text"].get<std::string>().find("artikel 338") != std::string::npos);
  CHECK(rule_ids.at(finding["ruleIndex"].get<std::size_t>()) == "legal-reference");
  const json& location = finding["locations"][0]["physicalLocation"];
  CHECK(location["artifactLocation"]["uri"].get<std::string>().find("sample.nl-ru.xlf") !=
        std::string::npos);
  CHECK(location["region"]["startLine"].get<int>() > 1);
  CHECK(result.err.find("1 errors") != std::string::npos);
}

TEST_CASE("tolk check: usage errors and refused input exit with 2", "[cli][check]") {
  CheckWorkspace workspace;
  CHECK(
      workspace
          .run("check --checks no-such-check " + shell_quote((kData / "sample.nl-en.xlf").string()))
          .exit_code == 2);
  CHECK(workspace
            .run("check --severity missing-term=loud " +
                 shell_quote((kData / "sample.nl-en.xlf").string()))
            .exit_code == 2);
  CHECK(workspace.run("check /nonexistent/file.xlf").exit_code == 2);
  const auto bomb = workspace.directory.path() / "bomb.xlf";
  std::ofstream(bomb) << "<?xml version=\"1.0\"?>\n<!DOCTYPE xliff [<!ENTITY a \"aaaa\">]>\n"
                         "<xliff version=\"1.2\"><file source-language=\"nl\" "
                         "target-language=\"en\"><body/></file></xliff>\n";
  const auto refused = workspace.run("check " + shell_quote(bomb.string()));
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("entit") != std::string::npos);
  CHECK(workspace
            .run("check --termbase missing " + shell_quote((kData / "sample.nl-en.xlf").string()))
            .exit_code == 2);
}

TEST_CASE("tolk check on a file cut off half-way reports what it read and exits with 2",
          "[cli][check]") {
  CheckWorkspace workspace;
  // The sample without its closing tags and with a broken element after the first unit.
  std::ifstream in(kData / "sample.nl-en.xlf", std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::string content = bytes.str();
  const auto cut = content.find("</trans-unit>");
  REQUIRE(cut != std::string::npos);
  content = content.substr(0, cut + 13) + "\n<trans-unit id=\"broken\"\n";
  const auto path = workspace.directory.path() / "cut.nl-en.xlf";
  std::ofstream(path, std::ios::binary) << content;

  const auto result = workspace.run("check --json " + shell_quote(path.string()));
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("cut.nl-en.xlf:") != std::string::npos);
  CHECK(result.err.find("not well-formed XML") != std::string::npos);
  CHECK(result.err.find("read up to that point") != std::string::npos);
  // The unit before the break was checked.
  CHECK(json::parse(result.out)["segments"].get<int>() == 1);
}

TEST_CASE("tolk check on two aligned text files", "[cli][check]") {
  CheckWorkspace workspace;
  const auto source = workspace.directory.path() / "nl.txt";
  const auto target = workspace.directory.path() / "ru.txt";
  std::ofstream(source) << "Desertie – artikel 338 WvS\n";
  std::ofstream(target) << "Дезертирство – ст. 338 УК РФ\n";
  const auto args = shell_quote(source.string()) + " " + shell_quote(target.string());
  CHECK(workspace.run("check --from nl --to ru " + args).exit_code == 0);
  CHECK(workspace.run("check " + args).exit_code == 2);
}
