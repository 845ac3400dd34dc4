// The OmegaT tests need Debian's omegat package (OmegaT 3.6 and a Java runtime). Without it they
// are skipped with a visible message (exit code 77, which CTest reports as "Skipped").
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#include <filesystem>
#include <iostream>

int main(int argc, char** argv) {
  for (const char* needed : {TOLK_OMEGAT_JAR, TOLK_OMEGAT_LAUNCHER, TOLK_JAVA}) {
    if (!std::filesystem::exists(needed)) {
      std::cout << "SKIPPED: " << needed << " not found (install Debian's omegat package)\n";
      return 77;
    }
  }
  return Catch::Session().run(argc, argv);
}
