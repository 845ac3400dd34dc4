// The OmegaT tests need Debian's omegat package (OmegaT 3.6 and a Java runtime). Without it they
// are skipped with a visible message (exit code 77, which CTest reports as "Skipped").
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
  for (const char* needed : {TOLK_OMEGAT_JAR, TOLK_OMEGAT_LAUNCHER, TOLK_JAVA}) {
    if (!std::filesystem::exists(needed)) {
      std::cout << "SKIPPED: " << needed << " not found (install Debian's omegat package)\n";
      return 77;
    }
  }
  // The plugin test drives a running `tolk serve`; a build without the server command skips it
  // visibly instead of failing on a command that does not exist.
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "[plugin]" &&
        std::system((std::string("'") + TOLK_BINARY + "' serve --help 2>&1 | grep -q 'tolk serve'")
                        .c_str()) != 0) {
      std::cout << "SKIPPED: this tolk has no 'serve' command\n";
      return 77;
    }
  }
  return Catch::Session().run(argc, argv);
}
