#pragma once
// Test programs whose tests read data from outside the repository (the corpus in ../shared) name
// that folder with one static RequiredData. When the folder is absent, the shared main()
// (catch_main.cpp) runs only the tests without `tag` (none when `tag` is empty), says so, and
// exits 77 once they pass, which CTest reports as skipped: a bare clone still passes visibly.

#include <string>

namespace tolk::testing {

struct RequiredData {
  RequiredData(std::string folder, std::string tag);
};

}  // namespace tolk::testing
