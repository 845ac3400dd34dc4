#pragma once
// How every reader of an exchange file (TBX, glossaries, TMX, PO/MO, TSV, XLIFF) reports what it
// could not read: an issue per skipped entry with file, line and reason; in strict mode the first
// issue refuses the whole file.

#include <cstddef>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace tolk::io {

struct ImportIssue {
  std::string file;
  std::size_t line = 0;  // 1-based; 0 when the problem concerns the whole file
  std::string reason;
  // The file stops being readable here (not well-formed, invalid UTF-8): nothing after `line`
  // was read. A tool that must see the whole file (tolk check) treats it as invalid input.
  bool rest_unread = false;
};

// "FILE:LINE: reason", or "FILE: reason" for the whole file.
std::string to_string(const ImportIssue& issue);

enum class Strictness {
  lenient,  // skip a bad entry, report it, keep the rest
  strict,   // refuse the whole file at the first problem
};

// Thrown when a file cannot be read at all (missing, not well-formed at the top level, wrong
// root element), or in strict mode at the first problem. Carries the issues found.
class ImportError : public std::runtime_error {
 public:
  explicit ImportError(std::vector<ImportIssue> issues);
  const std::vector<ImportIssue>& issues() const { return issues_; }

 private:
  std::vector<ImportIssue> issues_;
};

// Collects the issues of one file and applies the strictness.
class IssueLog {
 public:
  IssueLog(std::string file, Strictness strictness, std::vector<ImportIssue>& issues)
      : file_(std::move(file)), strictness_(strictness), issues_(issues) {}

  // A bad entry: recorded (lenient) or the whole file refused (strict).
  void report(std::size_t line, std::string reason) {
    issues_.push_back({file_, line, std::move(reason)});
    if (strictness_ == Strictness::strict)
      throw ImportError(issues_);
  }
  // The file stops being readable at `line`: what came before is kept (lenient) or the whole
  // file refused (strict).
  void report_rest_unread(std::size_t line, std::string reason) {
    issues_.push_back({file_, line, std::move(reason), true});
    if (strictness_ == Strictness::strict)
      throw ImportError(issues_);
  }
  // The file cannot be read at all: throws whatever the strictness.
  [[noreturn]] void refuse(std::size_t line, std::string reason) {
    issues_.push_back({file_, line, std::move(reason)});
    throw ImportError(issues_);
  }
  const std::string& file() const { return file_; }

 private:
  std::string file_;
  Strictness strictness_;
  std::vector<ImportIssue>& issues_;
};

}  // namespace tolk::io
