#pragma once
// A workspace in a temporary folder and the tolk program (TOLK_BINARY) run on it in the C.UTF-8
// locale, so that its messages are the English ones the tests look for.

#include <filesystem>
#include <string>

#include "run_process.hpp"
#include "temporary_directory.hpp"

#ifndef TOLK_BINARY
#error "a test that runs tolk defines TOLK_BINARY (the path of the program)"
#endif

namespace tolk::testing {

struct TolkWorkspace {
  TemporaryDirectory directory;

  std::string data() const { return (directory.path() / "data").string(); }
  // "LANG=C.UTF-8 tolk -d DATA ": the start of a shell command line.
  std::string command() const {
    return "LANG=C.UTF-8 " + shell_quote(TOLK_BINARY) + " -d " + shell_quote(data()) + " ";
  }
  ProcessResult run(const std::string& arguments, const std::string& input = {}) const {
    return run_process(command() + arguments, input);
  }
};

}  // namespace tolk::testing
