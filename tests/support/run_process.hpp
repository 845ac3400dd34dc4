#pragma once
// Runs a program through the shell with optional standard input, and captures its output.

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "temporary_directory.hpp"

namespace tolk::testing {

struct ProcessResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// The value of an environment variable, empty when unset (child test processes read their
// parameters so).
inline std::string environment_value(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : std::string(value);
}

inline std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (const char c : text) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

// `command` is a shell command line (quote arguments with shell_quote).
inline ProcessResult run_process(const std::string& command, const std::string& input = {}) {
  TemporaryDirectory scratch;
  const auto input_file = scratch.path() / "stdin";
  const auto error_file = scratch.path() / "stderr";
  std::ofstream(input_file, std::ios::binary) << input;
  const std::string line =
      command + " <" + shell_quote(input_file) + " 2>" + shell_quote(error_file);
  ProcessResult result;
  FILE* pipe = popen(line.c_str(), "r");
  if (pipe == nullptr)
    return result;
  std::array<char, 4096> buffer{};
  for (std::size_t n; (n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0;) {
    result.out.append(buffer.data(), n);
  }
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream error_stream(error_file, std::ios::binary);
  std::stringstream errors;
  errors << error_stream.rdbuf();
  result.err = errors.str();
  return result;
}

}  // namespace tolk::testing
