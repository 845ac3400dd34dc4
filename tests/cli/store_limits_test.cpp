// Stores that cannot be written, and stores that cannot grow, through the tolk program:
//   - a workspace on a read-only file system (a read-only bind mount: a CD, a read-only share);
//   - a read-only copy (every folder 0555, every file 0444), read by a user who may not write it
//     (as root, tolk runs as nobody through setpriv: permissions do not stop root);
//   - a full file system (a tmpfs of a few MiB);
//   - a file size limit (RLIMIT_FSIZE, prlimit --fsize), which needs no privilege.
// Reads must work, writes must fail with exit code 2 and a message that names the store, and
// nothing committed may be lost. A test that needs what this machine does not allow (mounting,
// changing user) says so and exits 77, which CTest reports as skipped.

#include <sys/mount.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>

#include "http_client.hpp"
#include "run_process.hpp"
#include "shipped_glossary.hpp"
#include "skip_test.hpp"
#include "temporary_directory.hpp"
#include "tolk_workspace.hpp"

using nlohmann::json;
using tolk::testing::ProcessResult;
using tolk::testing::run_process;
using tolk::testing::shell_quote;
using tolk::testing::TemporaryDirectory;
namespace fs = std::filesystem;

namespace {

const std::string kCatalog = "/usr/share/locale/nl/LC_MESSAGES/coreutils.mo";
const std::string kGlossary = std::string(TOLK_SOURCE_DIR) + "/glossaries/legal-nl-en-ru.json";
constexpr int kBatch = 200;
// Batches of kBatch units (the path needs no quoting).
const std::string kImportCatalog = "tm import --batch 200 " + kCatalog;

// "LANG=C.UTF-8 [PREFIX] tolk -d DATA ARGUMENTS"
ProcessResult run_tolk(const fs::path& data, const std::string& arguments,
                       const std::string& prefix = {}) {
  return run_process("LANG=C.UTF-8 " + prefix + shell_quote(TOLK_BINARY) + " -d " +
                     shell_quote(data.string()) + " " + arguments);
}

std::string read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// Every file of a workspace but LMDB's lock files (which readers may write), with its bytes.
std::map<std::string, std::string> snapshot(const fs::path& data) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(data)) {
    if (entry.is_regular_file() && entry.path().filename() != "lock.mdb")
      files[fs::relative(entry.path(), data).string()] = read_file(entry.path());
  }
  return files;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t found = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
    ++found;
  return found;
}

// A mount made for one test, undone at the end of its scope.
class Mount {
 public:
  // Nothing when mounting is not permitted here; `why` then says what failed.
  static std::optional<Mount> tmpfs(const fs::path& where, std::size_t bytes, std::string& why) {
    const std::string options = "size=" + std::to_string(bytes);
    if (::mount("tmpfs", where.c_str(), "tmpfs", 0, options.c_str()) != 0) {
      why = std::string("mount -t tmpfs: ") + std::strerror(errno);
      return std::nullopt;
    }
    return Mount(where);
  }
  static std::optional<Mount> read_only_bind(const fs::path& source, const fs::path& where,
                                             std::string& why) {
    if (::mount(source.c_str(), where.c_str(), nullptr, MS_BIND, nullptr) != 0) {
      why = std::string("mount --bind: ") + std::strerror(errno);
      return std::nullopt;
    }
    Mount mounted(where);
    if (::mount(nullptr, where.c_str(), nullptr, MS_REMOUNT | MS_BIND | MS_RDONLY, nullptr) != 0) {
      why = std::string("mount -o remount,ro,bind: ") + std::strerror(errno);
      return std::nullopt;
    }
    return mounted;
  }
  bool resize_tmpfs(std::size_t bytes) {
    const std::string options = "size=" + std::to_string(bytes);
    return ::mount(nullptr, where_.c_str(), nullptr, MS_REMOUNT, options.c_str()) == 0;
  }

  Mount(Mount&& other) noexcept : where_(std::move(other.where_)) { other.where_.clear(); }
  Mount& operator=(Mount&&) = delete;
  Mount(const Mount&) = delete;
  Mount& operator=(const Mount&) = delete;
  ~Mount() {
    if (!where_.empty())
      ::umount2(where_.c_str(), MNT_DETACH);
  }

 private:
  explicit Mount(fs::path where) : where_(std::move(where)) {}
  fs::path where_;
};

// A workspace with Debian's coreutils catalog as TM (1,769 units) and the shipped glossary as
// termbase (every concept of the shipped glossary).
void fill_workspace(const fs::path& data) {
  REQUIRE(run_tolk(data, kImportCatalog).exit_code == 0);
  REQUIRE(run_tolk(data, "term import " + shell_quote(kGlossary)).exit_code == 0);
}

struct Counts {
  int units = 0;
  int concepts = 0;
};

// The TM's units and the termbase's concepts, after checking that their indexes agree.
Counts verified_counts(const fs::path& data, const std::string& prefix = {}) {
  Counts counts;
  const auto tm = run_tolk(data, "tm verify --json", prefix);
  INFO("tm verify: " << tm.out << tm.err);
  REQUIRE(tm.exit_code == 0);
  const json tm_report = json::parse(tm.out);
  CHECK(tm_report["consistent"] == true);
  counts.units = tm_report["units"].get<int>();
  const auto term = run_tolk(data, "term verify --json", prefix);
  INFO("term verify: " << term.out << term.err);
  REQUIRE(term.exit_code == 0);
  const json term_report = json::parse(term.out);
  CHECK(term_report["consistent"] == true);
  counts.concepts = term_report["concepts"].get<int>();
  return counts;
}

// "setpriv --reuid=65534" -> {"setpriv", "--reuid=65534"}
std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> words;
  std::istringstream in(text);
  for (std::string word; in >> word;)
    words.push_back(word);
  return words;
}

// `tolk serve` on a workspace that cannot be written (run with `prefix`): lookups, matches and
// concordance answer; adding a unit is refused with 409 and the reason; the TM keeps its units.
void check_server_reads_and_refuses_writes(const fs::path& data, const std::string& prefix) {
  tolk::testing::ServerProcess server(TOLK_BINARY, data.string(), {}, "127.0.0.1",
                                      words_of(prefix));
  const auto lookup = server.request("GET", "/api/v1/lookup?q=dienstplichtontduiking");
  REQUIRE(lookup.status == 200);
  CHECK(lookup.body.find("dienstplichtontduiking") != std::string::npos);
  const auto match = server.request("POST", "/api/v1/tm/match",
                                    json{{"segment", "cannot remove directory %s"},
                                         {"source_language", "en"},
                                         {"target_language", "nl"}}
                                        .dump());
  INFO(match.body);
  REQUIRE(match.status == 200);
  CHECK_FALSE(json::parse(match.body)["matches"].empty());
  const auto concordance = server.request("GET", "/api/v1/tm/concordance?q=directories&lang=en");
  INFO(concordance.body);
  REQUIRE(concordance.status == 200);
  CHECK_FALSE(json::parse(concordance.body)["hits"].empty());

  const auto added = server.request("POST", "/api/v1/tm/units",
                                    json{{"source", "read-only"},
                                         {"target", "alleen-lezen"},
                                         {"source_language", "en"},
                                         {"target_language", "nl"}}
                                        .dump());
  INFO(added.body);
  CHECK(added.status == 409);
  const json error = json::parse(added.body)["error"];
  CHECK(error["code"] == "read_only");
  CHECK(error["message"].get<std::string>().find((data / "tms" / "legal").string()) !=
        std::string::npos);
  CHECK(server.stop() == 0);
}

// On a workspace that cannot be written (at `data`, run with `prefix`): every read command works
// and every write command fails with exit code 2 and a message naming the store.
void check_reads_work_and_writes_fail(const fs::path& data, const std::string& prefix,
                                      const fs::path& scratch) {
  const Counts counts = verified_counts(data, prefix);
  CHECK(counts.units == 1769);
  CHECK(static_cast<std::size_t>(counts.concepts) == tolk::testing::shipped_concept_count());

  const auto info = run_tolk(data, "tm info --json", prefix);
  REQUIRE(info.exit_code == 0);
  CHECK(json::parse(info.out)["units"].get<int>() == 1769);
  const auto match =
      run_tolk(data, "tm match --json --from en --to nl 'cannot remove directory %s'", prefix);
  INFO(match.err);
  REQUIRE(match.exit_code == 0);
  CHECK_FALSE(json::parse(match.out)["matches"].empty());
  const auto concordance = run_tolk(data, "tm concordance --json --lang en directories", prefix);
  REQUIRE(concordance.exit_code == 0);
  CHECK_FALSE(json::parse(concordance.out)["hits"].empty());
  const auto tmx = run_tolk(data, "tm export", prefix);
  REQUIRE(tmx.exit_code == 0);
  CHECK(count(tmx.out, "</tu>") == 1769);
  const auto lookup = run_tolk(data, "term lookup --json dienstplichtontduiking", prefix);
  REQUIRE(lookup.exit_code == 0);
  CHECK(lookup.out.find("dienstplichtontduiking") != std::string::npos);
  const auto tbx = run_tolk(data, "term export --format tbx", prefix);
  REQUIRE(tbx.exit_code == 0);
  CHECK(count(tbx.out, "<conceptEntry ") == tolk::testing::shipped_concept_count());

  // The writes: refused, naming the store.
  const fs::path exported = scratch / "exported.tmx";
  std::ofstream(exported, std::ios::binary) << tmx.out;
  const std::string tm_store = (data / "tms" / "legal").string();
  const std::string termbase_store = (data / "termbases" / "legal").string();
  for (const auto& [arguments, store] : std::vector<std::pair<std::string, std::string>>{
           {"tm import " + shell_quote(exported.string()), tm_store},
           {"tm import " + shell_quote(kCatalog), tm_store},
           {"tm add --from en --to nl 'read-only' 'alleen-lezen'", tm_store},
           {"term import " + shell_quote(kGlossary), termbase_store},
           {"term add -t legal --nl alleen-lezen --en read-only", termbase_store}}) {
    const auto refused = run_tolk(data, arguments, prefix);
    INFO(arguments << ": " << refused.out << refused.err);
    CHECK(refused.exit_code == 2);
    CHECK(refused.err.find("tolk: error: cannot open the store in " + store + " for writing") !=
          std::string::npos);
  }
  check_server_reads_and_refuses_writes(data, prefix);
  CHECK(verified_counts(data, prefix).units == 1769);
}

// Runs a program as nobody when this process is root (setpriv), else as it is; nothing when that
// is not possible here.
std::optional<std::string> unprivileged_prefix(std::string& why) {
  if (::geteuid() != 0)
    return std::string();
  const std::string prefix = "setpriv --reuid=65534 --regid=65534 --clear-groups ";
  const auto probe = run_process(prefix + shell_quote(TOLK_BINARY) + " --version");
  if (probe.exit_code != 0) {
    why = "cannot run tolk as an unprivileged user (setpriv): " + probe.err;
    return std::nullopt;
  }
  return prefix;
}

// Folders 0555 and files 0444: nobody may write, everybody may read.
void make_read_only(const fs::path& root) {
  const auto read_only = [](const fs::path& path) {
    fs::permissions(
        path, fs::is_directory(path)
                  ? fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                        fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec
                  : fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  };
  for (const auto& entry : fs::recursive_directory_iterator(root))
    read_only(entry.path());
  read_only(root);
}

void make_writable(const fs::path& root) {
  fs::permissions(root, fs::perms::owner_all, fs::perm_options::add);
  for (const auto& entry : fs::recursive_directory_iterator(root))
    fs::permissions(entry.path(), fs::perms::owner_all, fs::perm_options::add);
}

// The first number of a message "tolk: N units of this import were stored before the error".
int units_reported_stored(const std::string& errors) {
  const std::string marker = " units of this import were stored before the error";
  const auto end = errors.find(marker);
  if (end == std::string::npos)
    return -1;
  const auto begin = errors.rfind("tolk: ", end);
  return begin == std::string::npos ? -1 : std::stoi(errors.substr(begin + 6, end - begin - 6));
}

}  // namespace

TEST_CASE("a workspace on a read-only file system is read, and writes to it fail clearly",
          "[cli][store][read-only]") {
  TemporaryDirectory scratch;
  const fs::path data = scratch.path() / "data";
  const fs::path mounted = scratch.path() / "read-only";
  fs::create_directories(mounted);
  std::string why;
  // Mount first, to skip before the work.
  auto probe = Mount::tmpfs(mounted, 1 << 20, why);
  if (!probe) {
    tolk::testing::skip_test("mounting is not permitted here (" + why + ")");
    return;
  }
  probe.reset();
  fill_workspace(data);
  const auto before = snapshot(data);

  {
    auto read_only = Mount::read_only_bind(data, mounted, why);
    REQUIRE(read_only);
    // Root cannot write it either.
    CHECK_FALSE(std::ofstream(mounted / "probe").is_open());
    check_reads_work_and_writes_fail(mounted, "", scratch.path());
    // Where no workspace can be created at all.
    const auto refused = run_tolk(mounted / "new", "tm add --from en --to nl a b");
    CHECK(refused.exit_code == 2);
    CHECK(refused.err.find((mounted / "new").string()) != std::string::npos);
  }
  CHECK(snapshot(data) == before);
  CHECK(verified_counts(data).units == 1769);
}

TEST_CASE("a read-only copy of a workspace is read, and writes to it fail clearly",
          "[cli][store][read-only]") {
  std::string why;
  const auto prefix = unprivileged_prefix(why);
  if (!prefix) {
    tolk::testing::skip_test(why);
    return;
  }
  TemporaryDirectory scratch;
  fs::permissions(scratch.path(), fs::perms::all, fs::perm_options::replace);
  const fs::path data = scratch.path() / "data";
  fill_workspace(data);
  // A copy as from a read-only share: no write permission anywhere, lock files included.
  make_read_only(data);
  const auto before = snapshot(data);
  check_reads_work_and_writes_fail(data, *prefix, scratch.path());
  CHECK(snapshot(data) == before);
  make_writable(data);
  CHECK(verified_counts(data).units == 1769);
}

TEST_CASE("imports onto a full file system fail clearly and keep what was committed",
          "[cli][store][disk-full]") {
  TemporaryDirectory scratch;
  const fs::path disk = scratch.path() / "disk";
  fs::create_directories(disk);
  std::string why;
  // 3 MiB: room for the glossary's termbase (1.2 MiB) and a few batches of the TM.
  auto mounted = Mount::tmpfs(disk, 3 << 20, why);
  if (!mounted) {
    tolk::testing::skip_test("mounting a tmpfs is not permitted here (" + why + ")");
    return;
  }
  const fs::path data = disk / "data";
  REQUIRE(run_tolk(data, "term import " + shell_quote(kGlossary)).exit_code == 0);
  const std::string glossary_tbx = run_tolk(data, "term export --format tbx").out;

  const auto full = run_tolk(data, kImportCatalog);
  INFO(full.out << full.err);
  CHECK(full.exit_code == 2);
  CHECK(full.err.find("tolk: error: cannot write the store in " +
                      (data / "tms" / "legal").string()) != std::string::npos);
  CHECK(full.err.find("KiB free on its file system") != std::string::npos);
  // Whole batches were kept, as many as the message says.
  Counts counts = verified_counts(data);
  CHECK(counts.units > 0);
  CHECK(counts.units < 1769);
  CHECK(counts.units % kBatch == 0);
  CHECK(units_reported_stored(full.err) == counts.units);
  CHECK(static_cast<std::size_t>(counts.concepts) == tolk::testing::shipped_concept_count());

  // Whatever room is left, taken: the termbase cannot change either.
  {
    std::ofstream filler(disk / "filler", std::ios::binary);
    const std::string block(4096, 'x');
    while (filler.write(block.data(), static_cast<std::streamsize>(block.size())))
      ;
  }
  const auto term = run_tolk(data, "term import " + shell_quote(kGlossary));
  INFO(term.out << term.err);
  CHECK(term.exit_code == 2);
  CHECK(term.err.find((data / "termbases" / "legal").string()) != std::string::npos);
  CHECK(term.err.find("nothing of the import was stored") != std::string::npos);
  // Reads still work on the full disk, and nothing changed.
  CHECK(count(run_tolk(data, "tm export").out, "</tu>") == static_cast<std::size_t>(counts.units));
  CHECK(run_tolk(data, "term export --format tbx").out == glossary_tbx);
  CHECK(verified_counts(data).units == counts.units);

  // With room again, the import completes.
  fs::remove(disk / "filler");
  REQUIRE(mounted->resize_tmpfs(std::size_t{64} << 20));
  REQUIRE(run_tolk(data, kImportCatalog).exit_code == 0);
  counts = verified_counts(data);
  CHECK(counts.units == 1769);
  CHECK(static_cast<std::size_t>(counts.concepts) == tolk::testing::shipped_concept_count());
}

TEST_CASE("imports past the file size limit fail clearly and keep what was committed",
          "[cli][store][disk-full]") {
  // RLIMIT_FSIZE needs no privilege: a write past it fails (EFBIG, or a short write), as on a
  // full disk. tolk ignores SIGXFSZ, so it reports the error instead of being killed.
  if (run_process("prlimit --version").exit_code != 0) {
    tolk::testing::skip_test("prlimit (util-linux) is not installed");
    return;
  }
  tolk::testing::TolkWorkspace workspace;
  const fs::path data = workspace.data();
  const std::string limited = "prlimit --fsize=2097152 ";  // 2 MiB per file
  const auto full = run_tolk(data, kImportCatalog, limited);
  INFO(full.out << full.err);
  CHECK(full.exit_code == 2);
  CHECK(full.err.find("tolk: error: cannot write the store in " +
                      (data / "tms" / "legal").string()) != std::string::npos);
  const auto units = json::parse(run_tolk(data, "tm verify --json").out);
  CHECK(units["consistent"] == true);
  const int kept = units["units"].get<int>();
  CHECK(kept > 0);
  CHECK(kept < 1769);
  CHECK(kept % kBatch == 0);
  CHECK(units_reported_stored(full.err) == kept);

  // A termbase import (one transaction) that would grow its file past the limit: nothing of it.
  REQUIRE(run_tolk(data, "term import " + shell_quote(kGlossary)).exit_code == 0);
  const auto termbase_file = data / "termbases" / "legal" / "data.mdb";
  const std::string before = run_tolk(data, "term export --format tbx").out;
  const auto term =
      run_tolk(data, "term import " + shell_quote(kGlossary),
               "prlimit --fsize=" + std::to_string(fs::file_size(termbase_file)) + " ");
  INFO(term.out << term.err);
  CHECK(term.exit_code == 2);
  CHECK(term.err.find("nothing of the import was stored") != std::string::npos);
  CHECK(term.err.find((data / "termbases" / "legal").string()) != std::string::npos);
  CHECK(run_tolk(data, "term export --format tbx").out == before);
  const Counts counts = verified_counts(data);
  CHECK(counts.units == kept);
  CHECK(static_cast<std::size_t>(counts.concepts) == tolk::testing::shipped_concept_count());

  // Without the limit, the import completes.
  REQUIRE(run_tolk(data, kImportCatalog).exit_code == 0);
  CHECK(verified_counts(data).units == 1769);
}
