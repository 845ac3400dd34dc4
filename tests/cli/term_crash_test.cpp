// Crash safety of `tolk term import`: a large TBX (the shipped glossary, scaled up) imported and
// killed with SIGKILL at random moments. A termbase import is one LMDB write transaction, so after
// every kill the store must open, `tolk term verify` must find the indexes in agreement with the
// concepts, and it must hold exactly the state before the import or the whole import.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "run_process.hpp"
#include "shipped_glossary.hpp"
#include "temporary_directory.hpp"
#include "tolk_workspace.hpp"

using nlohmann::json;
using tolk::testing::run_process;
using tolk::testing::shell_quote;
using tolk::testing::TemporaryDirectory;

namespace {

using Workspace = tolk::testing::TolkWorkspace;

const std::string kGlossary = std::string(TOLK_SOURCE_DIR) + "/glossaries/legal-nl-en-ru.json";

// The shipped glossary exported as TBX with every concept repeated `copies` times under new ids.
void write_scaled_tbx(const std::filesystem::path& file, int copies) {
  Workspace source;
  REQUIRE(source.run("term import " + shell_quote(kGlossary)).exit_code == 0);
  const auto exported = source.run("term export --format tbx");
  REQUIRE(exported.exit_code == 0);
  const std::string& text = exported.out;
  const auto body_begin = text.find("<conceptEntry ");
  const auto body_end = text.rfind("</body>");
  REQUIRE(body_begin != std::string::npos);
  REQUIRE(body_end != std::string::npos);
  const std::string entries = text.substr(body_begin, body_end - body_begin);
  std::ofstream out(file, std::ios::binary);
  out << text.substr(0, body_begin);
  const std::string marker = "<conceptEntry id=\"";
  for (int copy = 0; copy < copies; ++copy) {
    std::string renamed;
    std::size_t at = 0;
    for (std::size_t found = entries.find(marker); found != std::string::npos;
         found = entries.find(marker, at)) {
      const std::size_t id_end = entries.find('"', found + marker.size());
      renamed += entries.substr(at, id_end - at) + "-" + std::to_string(copy);
      at = id_end;
    }
    renamed += entries.substr(at);
    out << renamed;
  }
  out << text.substr(body_end);
}

}  // namespace

TEST_CASE("a term import killed at random moments leaves the termbase before or after it",
          "[cli][termbase][crash]") {
  TemporaryDirectory scratch;
  const auto tbx = scratch.path() / "large.tbx";
  write_scaled_tbx(tbx, 40);  // the shipped concepts x 40

  // Before: the shipped glossary alone. After: that and the whole TBX.
  Workspace reference;
  REQUIRE(reference.run("term import " + shell_quote(kGlossary)).exit_code == 0);
  const auto before =
      json::parse(reference.run("term verify --json").out)["concepts"].get<std::size_t>();
  REQUIRE(reference.run("term import " + shell_quote(tbx.string())).exit_code == 0);
  const json complete = json::parse(reference.run("term verify --json").out);
  REQUIRE(complete["consistent"] == true);
  const auto after = complete["concepts"].get<std::size_t>();
  REQUIRE(after == before + tolk::testing::shipped_concept_count() * 40);

  std::mt19937 random(1234);
  int killed_before = 0;
  int killed_after = 0;
  for (int round = 0; round < 8; ++round) {
    Workspace workspace;
    REQUIRE(workspace.run("term import " + shell_quote(kGlossary)).exit_code == 0);
    const auto delay_ms = 50 + random() % 3000;
    const std::string command = workspace.command() + "term import " + shell_quote(tbx.string()) +
                                " > /dev/null 2>&1 & pid=$!; sleep " +
                                std::to_string(static_cast<double>(delay_ms) / 1000.0) +
                                "; kill -KILL $pid 2>/dev/null; wait $pid 2>/dev/null; true";
    REQUIRE(run_process(command).exit_code == 0);
    const auto verified = workspace.run("term verify --json");
    INFO("killed after " << delay_ms << " ms: " << verified.out << verified.err);
    REQUIRE(verified.exit_code == 0);
    const json report = json::parse(verified.out);
    CHECK(report["consistent"] == true);
    const auto concepts = report["concepts"].get<std::size_t>();
    CHECK((concepts == before || concepts == after));
    (concepts == before ? killed_before : killed_after) += 1;
    // The term commands work on what is there.
    const auto lookup = workspace.run("term lookup --json dienstplichtontduiking");
    CHECK(lookup.exit_code == 0);
    CHECK(workspace.run("term show --json").exit_code == 0);
    // And an import after the crash completes.
    REQUIRE(workspace.run("term import " + shell_quote(tbx.string())).exit_code == 0);
    CHECK(json::parse(workspace.run("term verify --json").out)["concepts"].get<std::size_t>() ==
          after);
  }
  INFO("killed before the commit: " << killed_before << ", after: " << killed_after);
  CHECK(killed_before > 0);
}

TEST_CASE("a TM import into a full store fails with a clear error and keeps whole batches",
          "[cli][tm][disk-full]") {
  // A 1 MiB LMDB map fills up after a few batches of Debian's coreutils catalog.
  Workspace workspace;
  const std::string catalog = "/usr/share/locale/nl/LC_MESSAGES/coreutils.mo";
  const std::string tolk = "TOLK_TM_MAP_SIZE=1048576 LANG=C.UTF-8 " + shell_quote(TOLK_BINARY) +
                           " -d " + shell_quote(workspace.data()) + " ";
  const auto full = run_process(tolk + "tm import --batch 200 " + shell_quote(catalog));
  INFO(full.out << full.err);
  CHECK(full.exit_code == 2);
  CHECK(full.err.find("MDB_MAP_FULL") != std::string::npos);
  // The store opens (with the default map as well) and holds whole, consistent batches.
  for (const std::string& prefix : {tolk, std::string()}) {
    const auto verified = prefix.empty() ? workspace.run("tm verify --json")
                                         : run_process(prefix + "tm verify --json");
    REQUIRE(verified.exit_code == 0);
    const json report = json::parse(verified.out);
    CHECK(report["consistent"] == true);
    CHECK(report["units"].get<int>() > 0);
    CHECK(report["units"].get<int>() % 200 == 0);
  }
  // With room again, the import completes.
  CHECK(workspace.run("tm import --batch 200 " + shell_quote(catalog)).exit_code == 0);
  CHECK(json::parse(workspace.run("tm verify --json").out)["consistent"] == true);
}

TEST_CASE("a term import into a full termbase fails with a clear error and changes nothing",
          "[cli][termbase][disk-full]") {
  Workspace workspace;
  REQUIRE(workspace.run("term import " + shell_quote(kGlossary)).exit_code == 0);
  const std::string before = workspace.run("term export --format tbx").out;
  TemporaryDirectory scratch;
  const auto tbx = scratch.path() / "large.tbx";
  write_scaled_tbx(tbx, 10);  // ten times the shipped concepts more

  // The smallest map LMDB allows is the size of what is stored: any growth fills it.
  const std::string tolk = "TOLK_TERMBASE_MAP_SIZE=65536 LANG=C.UTF-8 " + shell_quote(TOLK_BINARY) +
                           " -d " + shell_quote(workspace.data()) + " ";
  const auto full = run_process(tolk + "term import " + shell_quote(tbx.string()));
  INFO(full.out << full.err);
  CHECK(full.exit_code == 2);
  CHECK(full.err.find("MDB_MAP_FULL") != std::string::npos);
  CHECK(full.err.find("the store in " + workspace.data() + "/termbases/legal is full") !=
        std::string::npos);
  CHECK(full.err.find("nothing of the import was stored") != std::string::npos);
  // One transaction: the termbase is as it was, with the small map and with the default one.
  for (const std::string& prefix : {tolk, std::string()}) {
    const auto verified = prefix.empty() ? workspace.run("term verify --json")
                                         : run_process(prefix + "term verify --json");
    REQUIRE(verified.exit_code == 0);
    const json report = json::parse(verified.out);
    CHECK(report["consistent"] == true);
    CHECK(report["concepts"].get<std::size_t>() == tolk::testing::shipped_concept_count());
  }
  CHECK(workspace.run("term export --format tbx").out == before);

  // A map size that is not one is refused, naming the variable.
  const auto invalid = run_process("TOLK_TERMBASE_MAP_SIZE=1GB " + workspace.command() +
                                   "term lookup dienstplichtontduiking");
  CHECK(invalid.exit_code == 2);
  CHECK(invalid.err.find("TOLK_TERMBASE_MAP_SIZE='1GB'") != std::string::npos);

  // With the default map, the import completes.
  CHECK(workspace.run("term import " + shell_quote(tbx.string())).exit_code == 0);
  CHECK(json::parse(workspace.run("term verify --json").out)["concepts"].get<std::size_t>() ==
        tolk::testing::shipped_concept_count() * 11);
}
