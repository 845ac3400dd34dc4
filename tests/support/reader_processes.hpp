#pragma once
// The reader side of a concurrency test: child processes that each run one test case of this same
// test program while the parent writes. Each child is told where to write a "ready" file
// (TOLK_READER_READY) once its store is open; start_reader_processes returns when every child is
// ready, or after 30 s (a child that failed to start is then reported by its result).

#include <chrono>
#include <filesystem>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "run_process.hpp"

namespace tolk::testing {

// `count` processes of this program running the test case `test_case`, each with `environment`
// ("NAME=VALUE ...", quoted) and its own ready file in `folder`. The results are futures: reading
// them waits for the processes.
inline std::vector<std::future<ProcessResult>> start_reader_processes(
    int count, const std::filesystem::path& folder, const std::string& environment,
    const std::string& test_case) {
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe");
  std::vector<std::future<ProcessResult>> readers;
  std::vector<std::filesystem::path> ready_files;
  for (int i = 0; i < count; ++i) {
    const auto ready = folder / ("ready-" + std::to_string(i));
    ready_files.push_back(ready);
    const std::string command = environment + " TOLK_READER_READY=" + shell_quote(ready) + " " +
                                shell_quote(self) + " " + shell_quote(test_case) +
                                " --use-colour no";
    readers.push_back(std::async(std::launch::async, [command] { return run_process(command); }));
  }
  const auto started = std::chrono::steady_clock::now();
  for (const auto& ready : ready_files) {
    while (!std::filesystem::exists(ready) &&
           std::chrono::steady_clock::now() - started < std::chrono::seconds(30)) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
  return readers;
}

}  // namespace tolk::testing
