#pragma once
// Where the lines of a text start, so that a byte offset gives its 1-based line in O(log lines)
// and a line number its bytes. The index holds offsets only: the caller passes the text again.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tolk::text {

// `text` with CR LF and lone CR turned into LF, so that line numbers are those every editor
// shows; `drop` lists further bytes to leave out (a PDF's form feeds, say).
std::string unify_line_breaks(std::string_view text, std::string_view drop = {});

class LineIndex {
 public:
  explicit LineIndex(std::string_view text);

  std::size_t line_count() const { return starts_.size(); }
  // The 1-based line that holds byte `offset`.
  std::size_t line_of(std::size_t offset) const;
  // The first byte of 1-based `line`; `end` (the text's size) for 0 or a line past the last.
  std::size_t line_begin(std::size_t line, std::size_t end) const;
  // 1-based `line` of `text` without its line break (LF or CRLF); empty past the last line.
  std::string_view line(std::string_view text, std::size_t line) const;

 private:
  std::vector<std::size_t> starts_;
};

}  // namespace tolk::text
