// `tolk tm ...` end to end: the real binary on a real Debian catalog, the shipped glossary, and
// TMX checked by xmllint against the TMX 1.4b DTD from Debian's OmegaT.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "run_process.hpp"
#include "temporary_directory.hpp"
#include "tolk_workspace.hpp"

using nlohmann::json;
using tolk::testing::run_process;
using tolk::testing::shell_quote;
using tolk::testing::TemporaryDirectory;

namespace {

using Workspace = tolk::testing::TolkWorkspace;

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

const char* const kCatalog = "/usr/share/locale/nl/LC_MESSAGES/coreutils.mo";

}  // namespace

TEST_CASE("tm import, info, match and concordance on Debian's coreutils catalog", "[cli][tm]") {
  Workspace workspace;
  const auto imported = workspace.run("tm import --json " + shell_quote(kCatalog));
  REQUIRE(imported.exit_code == 0);
  const json summary = json::parse(imported.out);
  CHECK(summary["added"].get<int>() > 500);
  CHECK(summary["issues"].empty());

  const auto info = workspace.run("tm info --json");
  REQUIRE(info.exit_code == 0);
  CHECK(json::parse(info.out)["languages"]["nl"].get<int>() == summary["units"].get<int>());

  // A real msgid, with one word changed.
  auto match = workspace.run("tm match --json --from en --to nl 'cannot remove directory %s'");
  REQUIRE(match.exit_code == 0);
  json matches = json::parse(match.out)["matches"];
  REQUIRE_FALSE(matches.empty());
  int previous = 101;
  for (const auto& found : matches) {
    CHECK(found["score"].get<int>() >= 70);
    CHECK(found["score"].get<int>() <= previous);
    previous = found["score"].get<int>();
    CHECK(found["source"].get<std::string>().find("cannot") != std::string::npos);
  }

  match = workspace.run("tm match --from en --to nl --min 95 'zzz qqq xxx'");
  CHECK(match.exit_code == 1);

  const auto concordance = workspace.run("tm concordance --json --lang en directories");
  REQUIRE(concordance.exit_code == 0);
  const json hits = json::parse(concordance.out)["hits"];
  REQUIRE_FALSE(hits.empty());
  for (const auto& hit : hits) {
    const std::string text = hit["text"];
    const auto begin = hit["highlights"][0]["begin"].get<std::size_t>();
    const auto end = hit["highlights"][0]["end"].get<std::size_t>();
    const std::string marked = text.substr(begin, end - begin);
    CHECK((marked == "directory" || marked == "directories" || marked == "Directory" ||
           marked == "Directories"));
  }
}

TEST_CASE("tm export writes TMX 1.4b that the DTD validates and tolk reads back", "[cli][tm]") {
  Workspace workspace;
  REQUIRE(workspace.run("tm import " + shell_quote(kCatalog)).exit_code == 0);
  const auto tmx = workspace.directory.path() / "export.tmx";
  REQUIRE(workspace.run("tm export -o " + shell_quote(tmx.string())).exit_code == 0);

  // The DTD ships inside Debian's OmegaT; it is extracted here, not kept in the project.
  const auto dtd = workspace.directory.path() / "tmx14.dtd";
  const auto extracted = run_process(
      "/usr/bin/python3 -c \"import zipfile,sys; sys.stdout."
      "buffer.write(zipfile.ZipFile('/usr/share/omegat/OmegaT.jar')"
      ".read('schemas/tmx14.dtd'))\" > " +
      shell_quote(dtd.string()));
  REQUIRE(extracted.exit_code == 0);
  const auto valid = run_process("xmllint --noout --dtdvalid " + shell_quote(dtd.string()) + " " +
                                 shell_quote(tmx.string()));
  CHECK(valid.err == "");
  CHECK(valid.exit_code == 0);

  Workspace second;
  const auto again = second.run("tm import --json " + shell_quote(tmx.string()));
  REQUIRE(again.exit_code == 0);
  const auto first_info = json::parse(workspace.run("tm info --json").out);
  const auto second_info = json::parse(second.run("tm info --json").out);
  CHECK(first_info["units"] == second_info["units"]);
  CHECK(first_info["distinct_words"] == second_info["distinct_words"]);
}

TEST_CASE("a match that differs by a term and an article number is repaired from the termbase",
          "[cli][tm][repair]") {
  Workspace workspace;
  REQUIRE(workspace
              .run("term import " +
                   shell_quote(std::string(TOLK_SOURCE_DIR) + "/glossaries/legal-nl-en-ru.json"))
              .exit_code == 0);
  // Report line 560: "Dienstplichtontduiking (artikel 328 WvS) kan gedurende een
  // mobilisatieperiode ..."
  REQUIRE(workspace
              .run("tm add --from nl --to en 'Dienstplichtontduiking (artikel 328 WvS) kan "
                   "gedurende een mobilisatieperiode worden bestraft.' 'Draft evasion (Article "
                   "328 of the Criminal Code) can be punished during a mobilisation period.'")
              .exit_code == 0);
  const auto match = workspace.run(
      "tm match --json --from nl --to en 'Desertie (artikel 338 WvS) kan gedurende een "
      "mobilisatieperiode worden bestraft.'");
  REQUIRE(match.exit_code == 0);
  const json best = json::parse(match.out)["matches"].at(0);
  CHECK(best["score"].get<int>() == 89);
  CHECK(best["target"] ==
        "Draft evasion (Article 328 of the Criminal Code) can be punished during a mobilisation "
        "period.");
  CHECK(best["proposed_target"] ==
        "Desertion (Article 338 of the Criminal Code) can be punished during a mobilisation "
        "period.");
  REQUIRE(best["repairs"].size() == 2);
  CHECK(best["repairs"][0]["kind"] == "placeable");
  CHECK(best["repairs"][1]["kind"] == "term");
  CHECK(best["repairs"][1]["concept"] == "uk-338-desertion");

  const auto plain = workspace.run(
      "tm match --json --no-repair --from nl --to en 'Desertie (artikel 338 WvS) kan gedurende "
      "een mobilisatieperiode worden bestraft.'");
  CHECK(json::parse(plain.out)["matches"][0]["proposed_target"] ==
        json::parse(plain.out)["matches"][0]["target"]);
}

TEST_CASE("tm pretranslate fills empty XLIFF 1.2 targets and keeps the rest", "[cli][tm]") {
  Workspace workspace;
  REQUIRE(workspace
              .run("tm add --from nl --to en 'Het weigeren van een bevel is strafbaar gesteld in "
                   "artikel 332 WvS.' 'Refusing an order is an offence under Article 332 of the "
                   "Criminal Code.'")
              .exit_code == 0);
  const auto xliff = workspace.directory.path() / "report.xlf";
  const std::string document =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n"
      "  <file original=\"report.txt\" source-language=\"nl\" target-language=\"en\" "
      "datatype=\"plaintext\">\n"
      "    <body>\n"
      "      <trans-unit id=\"1\">\n"
      "        <source>Het weigeren van een bevel is strafbaar gesteld in artikel 332 "
      "WvS.</source>\n"
      "      </trans-unit>\n"
      "      <trans-unit id=\"2\">\n"
      "        <source>Het weigeren van een bevel is strafbaar gesteld in artikel 334 "
      "WvS.</source>\n"
      "        <target></target>\n"
      "      </trans-unit>\n"
      "      <trans-unit id=\"3\">\n"
      "        <source>Onbekende zin zonder enige overeenkomst.</source>\n"
      "      </trans-unit>\n"
      "    </body>\n"
      "  </file>\n"
      "</xliff>\n";
  std::ofstream(xliff, std::ios::binary) << document;
  const auto output = workspace.directory.path() / "report.en.xlf";
  const auto result = workspace.run("tm pretranslate --json " + shell_quote(xliff.string()) +
                                    " -o " + shell_quote(output.string()));
  REQUIRE(result.exit_code == 0);
  const json summary = json::parse(result.out);
  CHECK(summary["segments"] == 3);
  CHECK(summary["filled"] == 2);
  const std::string filled = read_file(output);
  CHECK_THAT(filled, Catch::Contains("Refusing an order is an offence under Article 332 of the "
                                     "Criminal Code."));
  // The 99% match has its article number repaired.
  CHECK_THAT(filled, Catch::Contains("Refusing an order is an offence under Article 334 of the "
                                     "Criminal Code."));
  CHECK_THAT(filled, Catch::Contains("<source>Onbekende zin zonder enige overeenkomst.</source>"));
  CHECK(read_file(xliff) == document);  // the input is untouched without --in-place

  CHECK(workspace.run("tm pretranslate " + shell_quote(xliff.string())).exit_code == 2);
}

TEST_CASE("an import killed at random moments leaves whole batches and consistent indexes",
          "[cli][tm][crash]") {
  // 24,000 distinct units made from Debian's coreutils messages, imported in batches of 500.
  TemporaryDirectory scratch;
  const auto tmx = scratch.path() / "large.tmx";
  {
    Workspace source;
    REQUIRE(source.run("tm import " + shell_quote(kCatalog)).exit_code == 0);
    const auto exported = source.run("tm export");
    REQUIRE(exported.exit_code == 0);
    const std::string& text = exported.out;
    const auto body_begin = text.find("<tu ");
    const auto body_end = text.rfind("</body>");
    REQUIRE(body_begin != std::string::npos);
    std::string units = text.substr(body_begin, body_end - body_begin);
    std::ofstream out(tmx, std::ios::binary);
    out << text.substr(0, body_begin);
    std::size_t written = 0;
    for (int copy = 0; written < 24000; ++copy) {
      // Each copy's segments end with their copy number, so no two units are the same.
      std::string numbered;
      std::size_t at = 0;
      for (std::size_t end = units.find("</seg>"); end != std::string::npos;
           end = units.find("</seg>", at)) {
        numbered += units.substr(at, end - at) + " #" + std::to_string(copy) + "</seg>";
        at = end + 6;
      }
      numbered += units.substr(at);
      std::size_t count = 0;
      for (std::size_t p = numbered.find("<tu "); p != std::string::npos;
           p = numbered.find("<tu ", p + 1))
        ++count;
      out << numbered;
      written += count;
    }
    out << "</body>\n</tmx>\n";
  }

  // What the whole import holds, for a kill that came after the last batch.
  Workspace complete;
  REQUIRE(complete.run("tm import --batch 500 " + shell_quote(tmx.string())).exit_code == 0);
  const auto total = json::parse(complete.run("tm info --json").out)["units"].get<std::size_t>();
  REQUIRE(total > 20000);

  std::mt19937 random(97);
  for (int round = 0; round < 5; ++round) {
    Workspace workspace;
    REQUIRE(workspace.run("init").exit_code == 0);
    const auto delay_ms = 300 + random() % 4700;
    // The import runs in the background and is killed without warning.
    const std::string command = workspace.command() + "tm import --batch 500 " +
                                shell_quote(tmx.string()) + " > /dev/null 2>&1 & pid=$!; sleep " +
                                std::to_string(static_cast<double>(delay_ms) / 1000.0) +
                                "; kill -KILL $pid 2>/dev/null; wait $pid 2>/dev/null; true";
    REQUIRE(run_process(command).exit_code == 0);
    const auto verified = workspace.run("tm verify --json");
    if (verified.exit_code == 2 && verified.err.find("no translation memory") != std::string::npos)
      continue;  // killed before the store was created
    INFO("killed after " << delay_ms << " ms: " << verified.out << verified.err);
    REQUIRE(verified.exit_code == 0);
    const json report = json::parse(verified.out);
    CHECK(report["consistent"] == true);
    const auto units = report["units"].get<std::size_t>();
    CHECK((units % 500 == 0 || units == total));
  }
}
