#include "tolk/io/import_issue.hpp"

#include "tolk/io/strings.hpp"

namespace tolk::io {
namespace {

std::string join_reasons(const std::vector<ImportIssue>& issues) {
  std::string message;
  for (const ImportIssue& issue : issues) {
    if (!message.empty())
      message += '\n';
    message += to_string(issue);
  }
  return message.empty() ? std::string("import failed") : message;
}

}  // namespace

ImportError::ImportError(std::vector<ImportIssue> issues)
    : std::runtime_error(join_reasons(issues)), issues_(std::move(issues)) {}

std::string to_string(const ImportIssue& issue) {
  if (issue.line == 0)
    return concat(issue.file, ": ", issue.reason);
  return concat(issue.file, ":", std::to_string(issue.line), ": ", issue.reason);
}

}  // namespace tolk::io
