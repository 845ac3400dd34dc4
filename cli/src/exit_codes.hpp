#pragma once
// The process exit codes of every tolk command.

namespace tolk::cli {

enum ExitCode : int {
  kSuccess = 0,
  kFindings = 1,  // the command ran and found something to report, or nothing where one was asked
  kError = 2,     // bad usage, unreadable or invalid input, a store that cannot be opened
};

}  // namespace tolk::cli
