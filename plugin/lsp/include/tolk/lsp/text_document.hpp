#pragma once
// An open document as the server keeps it: UTF-8 text, with positions converted from and to LSP's
// (line, UTF-16 code unit) pairs. Changes arrive as whole texts or as ranges to replace.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tolk::lsp {

struct Position {
  std::size_t line = 0;       // 0-based
  std::size_t character = 0;  // UTF-16 code units from the start of the line

  bool operator==(const Position&) const = default;
};

struct Range {
  Position start;
  Position end;

  bool operator==(const Range&) const = default;
};

// The byte offset of `position` in `text`. A line past the end maps to the end of the text, a
// character past the end of its line to the end of that line (as LSP asks); a position inside a
// surrogate pair or a UTF-8 sequence is moved to the character's start.
std::size_t byte_offset(std::string_view text, Position position);
// The position of byte `offset` (clamped to the text) as LSP counts it.
Position position_at(std::string_view text, std::size_t offset);

class TextDocument {
 public:
  TextDocument(std::string uri, std::string language_id, long version, std::string text);

  const std::string& uri() const { return uri_; }
  const std::string& language_id() const { return language_id_; }
  long version() const { return version_; }
  const std::string& text() const { return text_; }

  // Replaces `range` (or the whole text) with `new_text`.
  void replace(const Range& range, std::string_view new_text);
  void replace_all(std::string new_text);
  void set_version(long version) { version_ = version; }

  // Byte range [begin, end) of line `line` without its line break; an empty range at the end of
  // the text for a line past the end.
  std::pair<std::size_t, std::size_t> line_bytes(std::size_t line) const;
  // As the free functions, in O(log lines + line length): the line starts are kept.
  std::size_t byte_offset(Position position) const;
  Position position_at(std::size_t offset) const;

 private:
  std::string uri_;
  std::string language_id_;
  long version_ = 0;
  std::string text_;
  std::vector<std::size_t> line_starts_;  // byte offset of every line's first byte

  void index_lines();
};

// The local path of a file: URI ("file:///home/a%20b/x.po" -> "/home/a b/x.po"), or "" for
// other schemes.
std::string uri_to_path(std::string_view uri);

}  // namespace tolk::lsp
