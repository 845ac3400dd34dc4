// `tolk glossary build` and `tolk corpus extract`, run as a user runs them.

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "glossary_support.hpp"
#include "run_process.hpp"
#include "temporary_directory.hpp"
#include "tolk/termbase/hearing_sheet.hpp"

using tolk::testing::run_process;
using tolk::testing::shell_quote;
namespace fs = std::filesystem;

namespace {

tolk::testing::ProcessResult tolk_cli(const std::string& arguments) {
  return run_process("LC_ALL=C.UTF-8 " + shell_quote(TOLK_BINARY) + " " + arguments);
}

std::string read_file(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream buffer;
  buffer << file.rdbuf();
  return buffer.str();
}

}  // namespace

TEST_CASE("tolk glossary build writes TBX, OmegaT glossaries and hearing sheets", "[cli]") {
  tolk::testing::TemporaryDirectory directory;
  const fs::path out = directory.path() / "glossaries";
  const auto result =
      tolk_cli("glossary build " + shell_quote(tolk::testing::glossary_source().string()) +
               " --out " + shell_quote(out.string()) + " --json");
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  const auto summary = nlohmann::json::parse(result.out);
  CHECK(summary["concepts"] >= 400);
  CHECK(summary["domains"].size() == 13);

  // The TBX file reads back to the same concepts.
  const auto tbx = tolk::termbase::read_tbx(out / "legal-nl-en-ru.tbx");
  CHECK(tbx.issues.empty());
  CHECK(tbx.concepts.size() == summary["concepts"].get<std::size_t>());

  // OmegaT glossaries in both directions of every pair.
  for (const char* pair : {"nl-en", "nl-ru", "en-ru", "en-nl", "ru-nl", "ru-en"}) {
    INFO(pair);
    CHECK(fs::file_size(out / "omegat" / (std::string("legal-") + pair + ".txt")) > 1000);
  }
  CHECK_THAT(read_file(out / "omegat" / "legal-nl-ru.txt"),
             Catch::Contains("desertie\tдезертирство"));

  // A hearing sheet per domain, HTML and Markdown, with every concept of its domain.
  const auto& concepts = tolk::testing::glossary().concepts();
  std::set<std::string> domains;
  for (const auto& entry : concepts)
    domains.insert(entry.domains.begin(), entry.domains.end());
  for (const std::string& domain : domains) {
    const std::string html = read_file(out / "hearing-sheets" / (domain + ".html"));
    const std::string markdown = read_file(out / "hearing-sheets" / (domain + ".md"));
    CHECK_THAT(html, Catch::Contains("@media print") && Catch::Contains("</html>"));
    for (const auto& entry : concepts) {
      if (std::find(entry.domains.begin(), entry.domains.end(), domain) == entry.domains.end())
        continue;
      INFO(domain << ": " << entry.id);
      CHECK(html.find("id=\"" + domain + "--" + entry.id + "\"") != std::string::npos);
      const auto* dutch = entry.preferred_term(tolk::text::Language::nl);
      if (dutch != nullptr)
        CHECK(html.find(tolk::termbase::escape_html(dutch->text)) != std::string::npos);
    }
    CHECK_THAT(markdown, Catch::StartsWith("# ") && Catch::Contains("| nl | en | ru |"));
  }
  CHECK(fs::exists(out / "hearing-sheets" / "all.html"));
  // The unverified Russian wording is marked.
  CHECK_THAT(read_file(out / "hearing-sheets" / "military-service.html"),
             Catch::Contains("class=\"legend\""));
}

TEST_CASE("tolk glossary build refuses a missing source and an unknown domain", "[cli]") {
  tolk::testing::TemporaryDirectory directory;
  const auto missing = tolk_cli("glossary build /nonexistent/glossary.json --out " +
                                shell_quote(directory.path().string()));
  CHECK(missing.exit_code == 2);
  CHECK_THAT(missing.err, Catch::Contains("/nonexistent/glossary.json"));
  const auto domain =
      tolk_cli("glossary build " + shell_quote(tolk::testing::glossary_source().string()) +
               " --out " + shell_quote(directory.path().string()) + " --domain no-such-domain");
  CHECK(domain.exit_code == 2);
  CHECK_THAT(domain.err, Catch::Contains("no-such-domain"));
}

TEST_CASE("tolk corpus extract --json lists findings with FILE:LINE", "[corpus][cli]") {
  const auto result = tolk_cli("corpus extract --json " + shell_quote(TOLK_CORPUS_DIR));
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  const auto parsed = nlohmann::json::parse(result.out);
  CHECK(parsed["files"].size() == 5);
  CHECK(parsed["counts"]["article_references"].get<int>() > 80);
  bool found = false;
  for (const auto& article : parsed["article_references"]) {
    if (article["evidence"] == "ambtsbericht-rusland-2025.nl.txt:373" &&
        article["reference"] == "UK RF 328") {
      found = true;
      CHECK(article["line"] == 373);
      CHECK(article["code_inferred"] == false);
    }
  }
  CHECK(found);
  bool agents = false;
  for (const auto& quotation : parsed["quotations"])
    agents = agents || quotation["text"] == "foreign agent’s law";
  CHECK(agents);
  CHECK(parsed["glosses"].size() > 20);
  CHECK(parsed["candidates"].size() > 50);
  CHECK(parsed["alignments"].size() > 40);

  tolk::testing::TemporaryDirectory directory;
  const fs::path file = directory.path() / "candidates.txt";
  const auto text = tolk_cli("corpus extract " + shell_quote(TOLK_CORPUS_DIR) + " -o " +
                             shell_quote(file.string()));
  CHECK(text.exit_code == 0);
  CHECK_THAT(read_file(file),
             Catch::StartsWith("== Article references (") && Catch::Contains("== Alignments ("));
}

TEST_CASE("tolk corpus extract reports a missing corpus folder", "[cli]") {
  const auto result = tolk_cli("corpus extract /nonexistent/corpus");
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.err, Catch::Contains("/nonexistent/corpus"));
}
