// tolk and OmegaT 3.6 (Debian's omegat package) together: `tolk export omegat` writes a project
// that OmegaT translates headless from tolk's TM, and the OmegaT plugin, loaded by OmegaT's own
// plugin loader, answers from a running `tolk serve`.
//
// The document is two sentences of the Dutch country report (../shared/corpus,
// ambtsbericht-rusland-2025.nl.txt:373 and :2752-2753) and a heading (:1394) that the TM does not
// hold; the English translations are made of the shipped glossary's preferred terms.

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "run_process.hpp"
#include "skip_test.hpp"
#include "temporary_directory.hpp"

extern char** environ;

namespace {

namespace fs = std::filesystem;
using tolk::testing::run_process;
using tolk::testing::shell_quote;
using tolk::testing::TemporaryDirectory;

const std::string kSentence328 =
    "Dienstplichtontduiking is strafbaar onder artikel 328 Wetboek van Strafrecht (WvS).";
const std::string kTranslation328 =
    "Evasion of military service is punishable under Article 328 of the Criminal Code of the "
    "Russian Federation.";
const std::string kSentenceAgents =
    "Een van de kernstukken van de wetgeving die de activiteiten van het maatschappelijk "
    "middenveld onderdrukte, was de Wet op buitenlandse agenten.";
const std::string kTranslationAgents =
    "One of the key pieces of the legislation that suppressed the activities of civil society was "
    "the Law on Control of the Activities of Persons under Foreign Influence.";
const std::string kHeadingNotInTm = "Desertie – artikel 338 WvS";
const std::string kRussianOfSentence328 =
    "Уклонение от военной службы наказывается по статье 328 Уголовного кодекса РФ.";

// The OmegaT tests need Debian's omegat package (OmegaT 3.6 and a Java runtime). Without it a test
// case says so and is skipped (the program exits 77, which CTest reports as "Skipped").
bool omegat_missing() {
  for (const char* needed : {TOLK_OMEGAT_JAR, TOLK_OMEGAT_LAUNCHER, TOLK_JAVA}) {
    if (!fs::exists(needed)) {
      tolk::testing::skip_test(std::string(needed) +
                               " not found (install Debian's omegat package)");
      return true;
    }
  }
  return false;
}

std::string read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_file(const fs::path& file, const std::string& text) {
  std::ofstream(file, std::ios::binary) << text;
}

std::string tolk_command(const fs::path& workspace, const std::string& arguments) {
  return shell_quote(TOLK_BINARY) + " -d " + shell_quote(workspace.string()) + " " + arguments;
}

// A workspace with the shipped glossary as termbase "legal" and a TM "legal" holding the
// document's two sentences in English and one of them in Russian; made once per process (the
// glossary import is the slow part), read-only for the tests.
fs::path make_workspace(const fs::path& scratch) {
  const fs::path workspace = scratch / "tolk-data";
  const auto glossary = run_process(
      tolk_command(workspace, "term import " + shell_quote(std::string(TOLK_SOURCE_DIR) +
                                                           "/glossaries/legal-nl-en-ru.json")));
  REQUIRE(glossary.exit_code == 0);
  write_file(scratch / "nl-en.tsv", kSentence328 + "\t" + kTranslation328 + "\n" + kSentenceAgents +
                                        "\t" + kTranslationAgents + "\n");
  write_file(scratch / "nl-ru.tsv", kSentence328 + "\t" + kRussianOfSentence328 + "\n");
  const auto english = run_process(tolk_command(
      workspace, "tm import --from nl --to en " + shell_quote((scratch / "nl-en.tsv").string())));
  INFO(english.err);
  REQUIRE(english.exit_code == 0);
  const auto russian = run_process(tolk_command(
      workspace, "tm import --from nl --to ru " + shell_quote((scratch / "nl-ru.tsv").string())));
  INFO(russian.err);
  REQUIRE(russian.exit_code == 0);
  return workspace;
}

const fs::path& shared_workspace() {
  static TemporaryDirectory scratch;
  static const fs::path workspace = make_workspace(scratch.path());
  return workspace;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t found = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
    ++found;
  return found;
}

// A child process (tolk serve) stopped with SIGTERM at the end of the scope.
class ChildProcess {
 public:
  ChildProcess(const std::vector<std::string>& arguments, const fs::path& log) {
    std::vector<char*> argv;
    for (const std::string& argument : arguments)
      argv.push_back(const_cast<char*>(argument.c_str()));
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    if (posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ) != 0)
      pid_ = -1;
    posix_spawn_file_actions_destroy(&actions);
  }
  ~ChildProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      int status = 0;
      waitpid(pid_, &status, 0);
    }
  }
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  bool running() const { return pid_ > 0 && waitpid(pid_, nullptr, WNOHANG) == 0; }

 private:
  pid_t pid_ = -1;
};

sockaddr_in loopback(std::uint16_t port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return address;
}

// A port nobody listens on now (the kernel's choice for port 0).
std::uint16_t free_port() {
  const int socket_fd = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(socket_fd >= 0);
  sockaddr_in address = loopback(0);
  REQUIRE(bind(socket_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  socklen_t length = sizeof address;
  REQUIRE(getsockname(socket_fd, reinterpret_cast<sockaddr*>(&address), &length) == 0);
  close(socket_fd);
  return ntohs(address.sin_port);
}

bool accepts_connections(std::uint16_t port) {
  const int socket_fd = socket(AF_INET, SOCK_STREAM, 0);
  if (socket_fd < 0)
    return false;
  sockaddr_in address = loopback(port);
  const bool connected =
      connect(socket_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  close(socket_fd);
  return connected;
}

std::vector<std::string> lines_starting(const std::string& text, const std::string& prefix) {
  std::vector<std::string> found;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(prefix, 0) == 0)
      found.push_back(line);
  }
  return found;
}

}  // namespace

TEST_CASE("tolk export omegat writes a project with the pair's TMX and an OmegaT glossary",
          "[export]") {
  if (omegat_missing())
    return;
  TemporaryDirectory scratch;
  const fs::path& workspace = shared_workspace();
  const fs::path project = scratch.path() / "project";

  const auto exported = run_process(tolk_command(
      workspace, "export omegat --from nl --to en --json " + shell_quote(project.string())));
  INFO(exported.err);
  REQUIRE(exported.exit_code == 0);
  CHECK(exported.out.find("\"created\": true") != std::string::npos);
  for (const char* folder : {"source", "target", "tm", "glossary", "dictionary", "omegat"})
    CHECK(fs::is_directory(project / folder));
  const std::string project_file = read_file(project / "omegat.project");
  CHECK(project_file.find("<project version=\"1.0\">") != std::string::npos);
  CHECK(project_file.find("<source_lang>nl</source_lang>") != std::string::npos);
  CHECK(project_file.find("<target_lang>en</target_lang>") != std::string::npos);

  // The TMX holds the two nl-en units, each with only its Dutch and English variants: the
  // Russian variant of the first sentence is not part of the pair.
  const std::string tmx = read_file(project / "tm" / "tolk-legal-nl-en.tmx");
  CHECK(tmx.find("<tmx version=\"1.4\">") != std::string::npos);
  CHECK(tmx.find("srclang=\"nl\"") != std::string::npos);
  CHECK(count(tmx, "<tu ") + count(tmx, "<tu>") == 2);
  CHECK(tmx.find(kTranslation328) != std::string::npos);
  CHECK(tmx.find("Уклонение") == std::string::npos);

  // The glossary: one tab-separated line per concept with terms in both languages.
  const std::string glossary = read_file(project / "glossary" / "tolk-legal-nl-en.utf8");
  CHECK(glossary.find("dienstplichtontduiking\tevasion of military service") != std::string::npos);
  CHECK(glossary.find("buitenlandse agent\tforeign agent") != std::string::npos);
  CHECK(count(glossary, "\n") > 150);

  SECTION("an existing project keeps its project file and gets the files again") {
    const auto again = run_process(tolk_command(
        workspace, "export omegat --from nl --to en " + shell_quote(project.string())));
    CHECK(again.exit_code == 0);
    CHECK(again.out.find("Created") == std::string::npos);
    CHECK(read_file(project / "omegat.project") == project_file);
  }
  SECTION("a project for another pair is refused before anything is written") {
    const auto other = run_process(tolk_command(
        workspace, "export omegat --from nl --to ru " + shell_quote(project.string())));
    CHECK(other.exit_code == 2);
    CHECK(other.err.find("omegat.project: the project translates nl to en, not nl to ru") !=
          std::string::npos);
    CHECK_FALSE(fs::exists(project / "tm" / "tolk-legal-nl-ru.tmx"));
  }
  SECTION("a project's own folders are used, as its omegat.project names them") {
    const fs::path own = scratch.path() / "own";
    fs::create_directories(own);
    write_file(
        own / "omegat.project",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<omegat>\n  <project version=\"1.0\">\n"
        "    <source_dir>__DEFAULT__</source_dir>\n    <target_dir>__DEFAULT__</target_dir>\n"
        "    <tm_dir>../memories</tm_dir>\n    <glossary_dir>terms</glossary_dir>\n"
        "    <source_lang>NL-NL</source_lang>\n    <target_lang>EN-GB</target_lang>\n"
        "  </project>\n</omegat>\n");
    const auto used = run_process(
        tolk_command(workspace, "export omegat --from nl --to en " + shell_quote(own.string())));
    INFO(used.err);
    CHECK(used.exit_code == 0);
    CHECK(fs::exists(scratch.path() / "memories" / "tolk-legal-nl-en.tmx"));
    CHECK(fs::exists(own / "terms" / "tolk-legal-nl-en.utf8"));
  }
  SECTION("a project file that is not well-formed is reported with its line") {
    const fs::path broken = scratch.path() / "broken";
    fs::create_directories(broken);
    write_file(broken / "omegat.project", "<omegat>\n<project version=\"1.0\">\n</omegat>\n");
    const auto refused = run_process(
        tolk_command(workspace, "export omegat --from nl --to en " + shell_quote(broken.string())));
    CHECK(refused.exit_code == 2);
    CHECK(refused.err.find("omegat.project:3:") != std::string::npos);
  }
  SECTION("a missing TM is reported; the glossary is still written") {
    const fs::path other = scratch.path() / "other";
    const auto missing = run_process(tolk_command(
        workspace, "export omegat --from nl --to ru --tm none " + shell_quote(other.string())));
    CHECK(missing.exit_code == 1);
    CHECK(missing.err.find("no translation memory 'none'") != std::string::npos);
    CHECK(fs::exists(other / "glossary" / "tolk-legal-nl-ru.utf8"));
    CHECK(fs::is_empty(other / "tm"));
  }
}

TEST_CASE("OmegaT translates the exported project headless from tolk's TM", "[console]") {
  if (omegat_missing())
    return;
  TemporaryDirectory scratch;
  const fs::path& workspace = shared_workspace();
  const fs::path project = scratch.path() / "project";
  const auto exported = run_process(tolk_command(
      workspace, "export omegat --from nl --to en --auto " + shell_quote(project.string())));
  INFO(exported.err);
  REQUIRE(exported.exit_code == 0);
  REQUIRE(fs::exists(project / "tm" / "auto" / "tolk-legal-nl-en.tmx"));

  // One paragraph of two sentences (OmegaT segments it), and a heading the TM does not hold.
  write_file(project / "source" / "verslag.txt",
             kSentence328 + " " + kSentenceAgents + "\n\n" + kHeadingNotInTm + "\n");
  // OmegaT keeps its preferences in ~/.omegat: a home of its own keeps the test from the
  // user's and the user's from the test.
  const fs::path home = scratch.path() / "home";
  fs::create_directories(home);
  const auto omegat =
      run_process("JAVA_TOOL_OPTIONS=" +
                  shell_quote("-Duser.home=" + home.string() + " -Djava.awt.headless=true") + " " +
                  shell_quote(TOLK_OMEGAT_LAUNCHER) + " --mode=console-translate " +
                  shell_quote(project.string()));
  INFO("omegat stdout:\n" << omegat.out << "\nomegat stderr:\n" << omegat.err);
  REQUIRE(omegat.exit_code == 0);

  const std::string target = read_file(project / "target" / "verslag.txt");
  INFO("target/verslag.txt:\n" << target);
  CHECK(target.find(kTranslation328 + " " + kTranslationAgents) != std::string::npos);
  CHECK(target.find(kSentence328) == std::string::npos);
  // OmegaT copies a segment it has no translation for: the heading stays Dutch.
  CHECK(target.find(kHeadingNotInTm) != std::string::npos);
}

#ifdef TOLK_OMEGAT_PLUGIN_JAR
TEST_CASE("OmegaT's plugin loader loads tolk's plugin, which answers from tolk serve", "[plugin]") {
  if (omegat_missing())
    return;
  // The plugin drives a running `tolk serve`: a build without the server command skips visibly
  // instead of failing on a command that does not exist.
  if (std::system(
          (shell_quote(TOLK_BINARY) + " serve --help 2>&1 | grep -q 'tolk serve'").c_str()) != 0) {
    tolk::testing::skip_test("this tolk has no 'serve' command");
    return;
  }
  TemporaryDirectory scratch;
  const fs::path& workspace = shared_workspace();

  // OmegaT 3.6 loads plugins from <config dir>/plugins, the config dir being ~/.omegat.
  const fs::path home = scratch.path() / "home";
  fs::create_directories(home / ".omegat" / "plugins");
  fs::copy_file(TOLK_OMEGAT_PLUGIN_JAR, home / ".omegat" / "plugins" / "tolk-omegat.jar");

  const std::uint16_t port = free_port();
  ChildProcess server({TOLK_BINARY, "-d", workspace.string(), "serve", "--host", "127.0.0.1",
                       "--port", std::to_string(port)},
                      scratch.path() / "serve.log");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!accepts_connections(port) && server.running() &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  INFO("tolk serve:\n" << read_file(scratch.path() / "serve.log"));
  REQUIRE(accepts_connections(port));

  // The MT segment differs from the stored one in the article number: tolk proposes the stored
  // translation with the number repaired.
  const std::string segment_338 =
      "Dienstplichtontduiking is strafbaar onder artikel 338 Wetboek van Strafrecht (WvS).";
  const auto driver = run_process(
      shell_quote(TOLK_JAVA) + " -Duser.home=" + shell_quote(home.string()) +
      " -Djava.awt.headless=true -Dtolk.url=http://127.0.0.1:" + std::to_string(port) + " -cp " +
      shell_quote(std::string(TOLK_OMEGAT_JAR) + ":" + TOLK_DRIVER_CLASSES) +
      " PluginDriver nl en " + shell_quote(kSentence328) + " " + shell_quote(segment_338));
  INFO("driver stdout:\n" << driver.out << "\ndriver stderr:\n" << driver.err);
  REQUIRE(driver.exit_code == 0);

  CHECK(
      driver.out.find("registered\tmachine-translation\torg.tolk.omegat.TolkMachineTranslation") !=
      std::string::npos);
  CHECK(driver.out.find("registered\tglossary\torg.tolk.omegat.TolkGlossary") != std::string::npos);

  const auto glossary = lines_starting(driver.out, "glossary\t");
  const auto has_entry = [&](const std::string& source, const std::string& target) {
    for (const std::string& line : glossary) {
      if (line.rfind("glossary\t" + source + "\t", 0) == 0 &&
          line.find(target) != std::string::npos)
        return true;
    }
    return false;
  };
  // The segment's own text is the entry's source, so OmegaT's pane keeps the entry.
  CHECK(has_entry("Dienstplichtontduiking", "evasion of military service"));
  CHECK(has_entry("Wetboek van Strafrecht", "Criminal Code of the Russian Federation"));
  // ... and OmegaT's pane, which filters with its own tokenizer, keeps them.
  CHECK(driver.out.find("pane\tDienstplichtontduiking\n") != std::string::npos);
  CHECK(driver.out.find("pane\tWetboek van Strafrecht\n") != std::string::npos);

  const auto mt = lines_starting(driver.out, "mt\t");
  REQUIRE(mt.size() == 1);
  const std::string repaired =
      "Evasion of military service is punishable under Article 338 of the Criminal Code of the "
      "Russian Federation.";
  CHECK(mt[0] == "mt\ttolk TM\t" + repaired + "\t" + repaired);
}
#endif
