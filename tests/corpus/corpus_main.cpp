// The corpus tests need ../shared/corpus beside the project. Without it they are skipped with a
// visible message (exit code 77, which CTest reports as "Skipped"), so a bare clone still passes.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#include <filesystem>
#include <iostream>

int main(int argc, char** argv) {
  if (!std::filesystem::is_directory(TOLK_CORPUS_DIR)) {
    std::cout << "SKIPPED: corpus not found at " << TOLK_CORPUS_DIR
              << " (clone the project beside shared/ to run the corpus tests)\n";
    return 77;
  }
  return Catch::Session().run(argc, argv);
}
