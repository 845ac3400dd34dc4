// The one main() of every test program (Catch2's implementation is compiled once, here).
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#include <filesystem>
#include <iostream>
#include <optional>

#include "required_data.hpp"
#include "skip_test.hpp"

namespace tolk::testing {
namespace {

bool& skipped() {
  static bool any = false;
  return any;
}

struct Requirement {
  std::string folder;
  std::string tag;
};

std::optional<Requirement>& requirement() {
  static std::optional<Requirement> registered;
  return registered;
}

}  // namespace

RequiredData::RequiredData(std::string folder, std::string tag) {
  requirement() = Requirement{std::move(folder), std::move(tag)};
}

void skip_test(std::string_view reason) {
  std::cout << "SKIPPED: " << reason << '\n';
  skipped() = true;
}

}  // namespace tolk::testing

int main(int argc, char** argv) {
  Catch::Session session;
  if (const int status = session.applyCommandLine(argc, argv); status != 0)
    return status;
  const auto& required = tolk::testing::requirement();
  const bool missing = required && !std::filesystem::is_directory(required->folder);
  if (missing) {
    if (required->tag.empty()) {
      std::cout << "SKIPPED: " << required->folder << " not found (clone the project beside "
                << "shared/ to run these tests)\n";
      return 77;
    }
    std::cout << "SKIPPED in part: " << required->folder << " not found; running only the tests "
              << "not tagged " << required->tag << '\n';
    session.configData().testsOrTags.emplace_back("~" + required->tag);
  }
  const int failures = session.run();
  return failures == 0 && (missing || tolk::testing::skipped()) ? 77 : failures;
}
