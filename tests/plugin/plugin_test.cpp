// libtolk.so through its C interface: called directly (errors, threads), through the C example
// host, through Python ctypes, and compiled from an installed tree with pkg-config.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "run_process.hpp"
#include "temporary_directory.hpp"
#include "tolk.h"

using nlohmann::json;
using tolk::testing::run_process;
using tolk::testing::shell_quote;
using tolk::testing::TemporaryDirectory;

namespace {

// A workspace made by the CLI: the shipped glossary, and one unit from the Dutch report.
struct Stores {
  TemporaryDirectory directory;
  std::filesystem::path data = directory.path() / "data";
  Stores() {
    const std::string tolk =
        "LANG=C.UTF-8 " + shell_quote(TOLK_BINARY) + " -d " + shell_quote(data.string()) + " ";
    REQUIRE(
        run_process(tolk + "term import " +
                    shell_quote(std::string(TOLK_SOURCE_DIR) + "/glossaries/legal-nl-en-ru.json"))
            .exit_code == 0);
    REQUIRE(run_process(tolk +
                        "tm add --from nl --to en 'Dienstplichtontduiking (artikel 328 WvS) kan "
                        "gedurende een mobilisatieperiode worden bestraft.' 'Draft evasion "
                        "(Article 328 of the Criminal Code) can be punished during a "
                        "mobilisation period.'")
                .exit_code == 0);
  }
  std::string termbase() const { return (data / "termbases" / "legal").string(); }
  std::string tm() const { return (data / "tms" / "legal").string(); }
};

json take(char* text) {
  REQUIRE(text != nullptr);
  json parsed = json::parse(text);
  tolk_free(text);
  return parsed;
}

const char* const kQuery =
    "Desertie (artikel 338 WvS) kan gedurende een mobilisatieperiode "
    "worden bestraft.";

}  // namespace

TEST_CASE("the C interface looks up, recognises and matches", "[plugin]") {
  Stores stores;
  tolk_termbase* termbase = nullptr;
  REQUIRE(tolk_termbase_open(stores.termbase().c_str(), &termbase) == TOLK_OK);
  char* answer = nullptr;
  REQUIRE(tolk_termbase_lookup(termbase, "иностранным агентом", "ru", 3, &answer) == TOLK_OK);
  json lookup = take(answer);
  CHECK(lookup["hits"][0]["match"] == "inflected");
  CHECK(lookup["hits"][0]["concept"]["id"].get<std::string>().find("foreign-agent") !=
        std::string::npos);

  REQUIRE(tolk_termbase_find_terms(termbase, "Hij werd vervolgd wegens desertie.", "nl", &answer) ==
          TOLK_OK);
  json found = take(answer);
  CHECK(found["hits"][0]["concept"] == "uk-338-desertion");
  CHECK(found["hits"][0]["utf16_begin"] == 25);

  tolk_tm* tm = nullptr;
  REQUIRE(tolk_tm_open(stores.tm().c_str(), 0, &tm) == TOLK_OK);
  REQUIRE(tolk_tm_match(tm, kQuery, "nl", "en", 70, 5, termbase, &answer) == TOLK_OK);
  json matched = take(answer);
  CHECK(matched["matches"][0]["proposed_target"] ==
        "Desertion (Article 338 of the Criminal Code) can be punished during a mobilisation "
        "period.");
  CHECK(tolk_tm_match(tm, "Geheel andere zin.", "nl", "en", 90, 5, nullptr, &answer) ==
        TOLK_NOT_FOUND);
  CHECK(take(answer)["matches"].empty());

  CHECK(tolk_tm_add(tm, "Desertie is strafbaar.", "Desertion is an offence.", "nl", "en") ==
        TOLK_OK);
  REQUIRE(tolk_tm_match(tm, "Desertie is strafbaar.", "nl", "en", 100, 1, nullptr, &answer) ==
          TOLK_OK);
  CHECK(take(answer)["matches"][0]["score"] == 100);
  tolk_tm_close(tm);
  tolk_termbase_close(termbase);
}

TEST_CASE("the C interface checks a segment pair against the termbase", "[plugin][check]") {
  Stores stores;
  tolk_termbase* termbase = nullptr;
  REQUIRE(tolk_termbase_open(stores.termbase().c_str(), &termbase) == TOLK_OK);
  char* answer = nullptr;
  // The source names desertion under article 338; the target speaks of draft evasion under 328.
  REQUIRE(tolk_check_segment(termbase, kQuery,
                             "Draft evasion (Article 328 of the Criminal Code) can be punished "
                             "during a mobilisation period.",
                             "nl", "en", &answer) == TOLK_OK);
  const json findings = take(answer)["findings"];
  std::vector<std::string> checks;
  for (const auto& finding : findings) {
    checks.push_back(finding["check"].get<std::string>());
    CHECK_FALSE(finding["message"].get<std::string>().empty());
  }
  CHECK(std::find(checks.begin(), checks.end(), "missing-term") != checks.end());
  CHECK(std::find(checks.begin(), checks.end(), "legal-reference") != checks.end());

  CHECK(tolk_check_segment(termbase, kQuery,
                           "Desertion (Article 338 of the Criminal Code) can be punished during "
                           "a mobilisation period.",
                           "nl", "en", &answer) == TOLK_NOT_FOUND);
  CHECK(take(answer)["findings"].empty());
  CHECK(tolk_check_segment(termbase, kQuery, nullptr, "nl", "en", &answer) ==
        TOLK_INVALID_ARGUMENT);
  CHECK(tolk_check_segment(termbase, kQuery, "x", "nl", "xx", &answer) == TOLK_INVALID_ARGUMENT);
  tolk_termbase_close(termbase);
}

TEST_CASE("the C interface reports errors by status and message, never by exception", "[plugin]") {
  Stores stores;
  tolk_termbase* termbase = nullptr;
  CHECK(tolk_termbase_open("/nonexistent/termbase", &termbase) == TOLK_STORE_ERROR);
  CHECK(termbase == nullptr);
  CHECK(std::string(tolk_last_error()).find("/nonexistent/termbase") != std::string::npos);
  CHECK(tolk_termbase_open(nullptr, &termbase) == TOLK_INVALID_ARGUMENT);

  REQUIRE(tolk_termbase_open(stores.termbase().c_str(), &termbase) == TOLK_OK);
  CHECK(std::string(tolk_last_error()).empty());
  char* answer = nullptr;
  CHECK(tolk_termbase_lookup(termbase, "de\xFF", nullptr, 3, &answer) == TOLK_INVALID_ARGUMENT);
  CHECK(answer == nullptr);
  CHECK(std::string(tolk_last_error()).find("invalid UTF-8") != std::string::npos);
  CHECK(tolk_termbase_lookup(termbase, "agent", "de", 3, &answer) == TOLK_INVALID_ARGUMENT);
  CHECK(tolk_termbase_lookup(nullptr, "agent", nullptr, 3, &answer) == TOLK_INVALID_ARGUMENT);
  CHECK(tolk_termbase_lookup(termbase, "agent", nullptr, 3, nullptr) == TOLK_INVALID_ARGUMENT);

  tolk_tm* tm = nullptr;
  REQUIRE(tolk_tm_open(stores.tm().c_str(), 0, &tm) == TOLK_OK);
  CHECK(tolk_tm_match(tm, kQuery, "nl", "en", 0, 5, nullptr, &answer) == TOLK_INVALID_ARGUMENT);
  CHECK(tolk_tm_add(tm, "Alleen bron", "", "nl", "en") == TOLK_INVALID_ARGUMENT);
  tolk_tm_close(tm);
  tolk_termbase_close(termbase);
  tolk_free(nullptr);
}

TEST_CASE("one handle serves several threads at once", "[plugin][threads]") {
  Stores stores;
  tolk_termbase* termbase = nullptr;
  tolk_tm* tm = nullptr;
  REQUIRE(tolk_termbase_open(stores.termbase().c_str(), &termbase) == TOLK_OK);
  REQUIRE(tolk_tm_open(stores.tm().c_str(), 0, &tm) == TOLK_OK);
  std::vector<int> failures(4, 0);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < failures.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        char* answer = nullptr;
        if (tolk_termbase_lookup(termbase, "desertie", "nl", 3, &answer) != TOLK_OK)
          ++failures[t];
        tolk_free(answer);
        if (tolk_termbase_find_terms(termbase, "иностранным агентом", "ru", &answer) != TOLK_OK)
          ++failures[t];
        tolk_free(answer);
        if (tolk_tm_match(tm, kQuery, "nl", "en", 70, 5, termbase, &answer) != TOLK_OK)
          ++failures[t];
        tolk_free(answer);
        if (t == 0 &&
            tolk_tm_add(tm, ("Zin nummer " + std::to_string(i)).c_str(),
                        ("Sentence number " + std::to_string(i)).c_str(), "nl", "en") != TOLK_OK)
          ++failures[t];
      }
    });
  }
  for (auto& thread : threads)
    thread.join();
  for (const int failed : failures)
    CHECK(failed == 0);
  tolk_tm_close(tm);
  tolk_termbase_close(termbase);
}

#ifndef TOLK_SANITIZED
TEST_CASE("the C example host and a Python ctypes host use the library", "[plugin][hosts]") {
  Stores stores;
  const std::string arguments = shell_quote(stores.termbase()) + " 'иностранным агентом' " +
                                shell_quote(stores.tm()) + " " + shell_quote(kQuery) + " nl en";
  const auto c_host = run_process(shell_quote(TOLK_EXAMPLE_BINARY) + " " + arguments);
  CHECK(c_host.exit_code == 0);
  CHECK_THAT(c_host.out, Catch::Contains("\"match\":\"inflected\"") &&
                             Catch::Contains("Desertion (Article 338 of the Criminal Code)"));

  const auto python_host =
      run_process("/usr/bin/python3 " +
                  shell_quote(std::string(TOLK_SOURCE_DIR) + "/plugin/examples/lookup.py") + " " +
                  shell_quote(TOLK_LIBRARY) + " " + arguments);
  CHECK(python_host.err == "");
  CHECK(python_host.exit_code == 0);
  CHECK_THAT(python_host.out, Catch::Contains("\"match\": \"inflected\"") &&
                                  Catch::Contains("\"proposed_target\": \"Desertion (Article 338"));
}

TEST_CASE("an installed libtolk is found with pkg-config and CMake", "[plugin][install]") {
  TemporaryDirectory prefix;
  const auto installed = run_process("cmake --install " + shell_quote(TOLK_BUILD_DIR) +
                                     " --prefix " + shell_quote(prefix.path().string()));
  REQUIRE(installed.exit_code == 0);
  const auto root = prefix.path();
  CHECK(std::filesystem::exists(root / "include" / "tolk.h"));
  CHECK(std::filesystem::exists(root / "lib" / "cmake" / "tolk" / "tolkConfig.cmake"));
  const auto program = root / "lookup";
  const auto compiled = run_process(
      "PKG_CONFIG_PATH=" + shell_quote((root / "lib" / "pkgconfig").string()) + " cc -std=c11 " +
      shell_quote(std::string(TOLK_SOURCE_DIR) + "/plugin/examples/lookup.c") +
      " $(PKG_CONFIG_PATH=" + shell_quote((root / "lib" / "pkgconfig").string()) +
      " pkg-config --cflags --libs tolk) -o " + shell_quote(program.string()));
  REQUIRE(compiled.err == "");
  REQUIRE(compiled.exit_code == 0);
  Stores stores;
  const auto ran = run_process("LD_LIBRARY_PATH=" + shell_quote((root / "lib").string()) + " " +
                               shell_quote(program.string()) + " " +
                               shell_quote(stores.termbase()) + " desertie");
  CHECK(ran.exit_code == 0);
  CHECK_THAT(ran.out, Catch::Contains("uk-338-desertion"));
}
#endif  // TOLK_SANITIZED
