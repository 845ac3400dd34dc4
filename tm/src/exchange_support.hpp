#pragma once
// Helpers shared by the TM readers and writers. Private to the tm library.
//
// The termbase library has a twin of concat/trim in termbase/src/exchange_support.hpp; both are
// private, so each library keeps its own rather than exporting string helpers through a public
// header.

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tolk/tm/exchange.hpp"

namespace tolk::tm::exchange_support {

// Joins text pieces without the `"literal" + std::string` form that GCC 12 warns on wrongly
// (-Wrestrict, GCC bug 105329).
template <typename... Pieces>
std::string concat(const Pieces&... pieces) {
  std::string joined;
  (joined.append(std::string_view(pieces)), ...);
  return joined;
}

inline std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) {
    return {};
  }
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

// The name a unit records as its origin: the last component of the path ("name only").
inline std::string file_name_only(std::string_view source_name) {
  const std::filesystem::path path{std::string(source_name)};
  const std::string name = path.filename().string();
  return name.empty() ? std::string(source_name) : name;
}

// The size of a file, or 0 when it cannot be determined.
std::size_t file_size_or_zero(const std::filesystem::path& file);

// Collects the issues of one import and applies the strictness: in strict mode the first issue
// throws ImportError; in lenient mode it is recorded and the reader goes on.
class IssueLog {
 public:
  IssueLog(std::string file, Strictness strictness, std::vector<ImportIssue>& issues)
      : file_(std::move(file)), strictness_(strictness), issues_(issues) {}

  void report(std::size_t line, std::string reason) {
    issues_.push_back({file_, line, std::move(reason)});
    if (strictness_ == Strictness::strict) {
      throw ImportError(issues_);
    }
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

// Calls the progress callback each time another ~1 MB has been read, and once at the end.
class ProgressMeter {
 public:
  static constexpr std::size_t kStep = std::size_t{1} << 20;

  ProgressMeter(const ReadOptions& options, std::size_t total) : options_(options), total_(total) {}
  void update(std::size_t bytes_read) {
    if (options_.progress && bytes_read >= next_) {
      options_.progress(bytes_read, total_);
      next_ = bytes_read + kStep;
    }
  }
  void finish(std::size_t bytes_read) {
    if (options_.progress) {
      options_.progress(bytes_read, total_);
    }
  }

 private:
  const ReadOptions& options_;
  std::size_t total_;
  std::size_t next_ = kStep;
};

// ---- Writing XML
// ---------------------------------------------------------------------------------

// Appends `text` as XML character data: & < > escaped, CR as &#13; (a raw CR would be read back
// as LF), and the characters XML 1.0 cannot hold at all (C0 controls other than TAB, LF, CR;
// U+FFFE, U+FFFF) replaced by U+FFFD, so that whatever a unit holds, the output is well-formed.
void append_escaped_text(std::string& out, std::string_view text);
// As append_escaped_text, for a value between double quotes: also " and TAB/LF as references
// (attribute value normalisation would turn them into spaces).
void append_escaped_attribute(std::string& out, std::string_view text);

// ---- Language tags
// -------------------------------------------------------------------------------

// A language tag as the readers record it: normalize_language_tag, but TMX's "*all*" unchanged.
std::string language_as_recorded(std::string_view tag);

}  // namespace tolk::tm::exchange_support
