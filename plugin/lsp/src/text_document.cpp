#include "tolk/lsp/text_document.hpp"

#include <algorithm>

#include "tolk/io/strings.hpp"
#include "tolk/text/utf8.hpp"

namespace tolk::lsp {
namespace {

// The length of the UTF-8 sequence at `offset`; 1 for a stray byte, so that invalid text still
// advances.
std::size_t sequence_length(std::string_view text, std::size_t offset) {
  return std::max<std::size_t>(text::utf8_sequence_length(text, offset), 1);
}

// Start of line `line` (0-based), or npos when the text has fewer lines.
std::size_t line_start(std::string_view text, std::size_t line) {
  std::size_t offset = 0;
  for (std::size_t current = 0; current < line; ++current) {
    const auto newline = text.find('\n', offset);
    if (newline == std::string_view::npos)
      return std::string_view::npos;
    offset = newline + 1;
  }
  return offset;
}

std::size_t line_end(std::string_view text, std::size_t start) {
  auto end = text.find('\n', start);
  if (end == std::string_view::npos)
    end = text.size();
  if (end > start && text[end - 1] == '\r')
    --end;
  return end;
}

// The byte offset of UTF-16 unit `character` in the line that starts at `start`.
std::size_t offset_in_line(std::string_view text, std::size_t start, std::size_t character) {
  const std::size_t end = line_end(text, start);
  std::size_t offset = start;
  std::size_t units = 0;
  while (offset < end) {
    const std::size_t length = std::min(sequence_length(text, offset), end - offset);
    const std::size_t width = length == 4 ? 2 : 1;  // outside the BMP: a surrogate pair
    if (units + width > character)
      break;
    units += width;
    offset += length;
  }
  return offset;
}

// UTF-16 units from `start` to `offset`.
std::size_t units_between(std::string_view text, std::size_t start, std::size_t offset) {
  std::size_t units = 0;
  for (std::size_t at = start; at < offset;) {
    const std::size_t length = std::min(sequence_length(text, at), text.size() - at);
    units += length == 4 ? 2 : 1;
    at += length;
  }
  return units;
}

}  // namespace

std::size_t byte_offset(std::string_view text, Position position) {
  const std::size_t start = line_start(text, position.line);
  return start == std::string_view::npos ? text.size()
                                         : offset_in_line(text, start, position.character);
}

Position position_at(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  Position position;
  std::size_t start = 0;
  for (std::size_t newline;
       (newline = text.find('\n', start)) != std::string_view::npos && newline < offset;) {
    ++position.line;
    start = newline + 1;
  }
  position.character = units_between(text, start, offset);
  return position;
}

TextDocument::TextDocument(std::string uri, std::string language_id, long version, std::string text)
    : uri_(std::move(uri)),
      language_id_(std::move(language_id)),
      version_(version),
      text_(std::move(text)) {
  index_lines();
}

void TextDocument::index_lines() {
  line_starts_.assign(1, 0);
  for (std::size_t newline = text_.find('\n'); newline != std::string::npos;
       newline = text_.find('\n', newline + 1))
    line_starts_.push_back(newline + 1);
}

void TextDocument::replace(const Range& range, std::string_view new_text) {
  std::size_t begin = byte_offset(range.start);
  std::size_t end = byte_offset(range.end);
  if (end < begin)
    std::swap(begin, end);
  text_.replace(begin, end - begin, new_text);
  index_lines();
}

void TextDocument::replace_all(std::string new_text) {
  text_ = std::move(new_text);
  index_lines();
}

std::pair<std::size_t, std::size_t> TextDocument::line_bytes(std::size_t line) const {
  if (line >= line_starts_.size())
    return {text_.size(), text_.size()};
  return {line_starts_[line], line_end(text_, line_starts_[line])};
}

std::size_t TextDocument::byte_offset(Position position) const {
  if (position.line >= line_starts_.size())
    return text_.size();
  return offset_in_line(text_, line_starts_[position.line], position.character);
}

Position TextDocument::position_at(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  // The last line that starts at or before `offset`.
  const auto next = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const auto line = static_cast<std::size_t>(next - line_starts_.begin()) - 1;
  return {line, units_between(text_, line_starts_[line], offset)};
}

std::string uri_to_path(std::string_view uri) {
  static constexpr std::string_view kScheme = "file://";
  if (!uri.starts_with(kScheme))
    return {};
  uri.remove_prefix(kScheme.size());
  // "file://host/path": only the local host is a path here.
  if (!uri.starts_with('/')) {
    const auto slash = uri.find('/');
    if (slash == std::string_view::npos || uri.substr(0, slash) != "localhost")
      return {};
    uri.remove_prefix(slash);
  }
  // A malformed escape is kept as written rather than refusing the document.
  return io::percent_decode(uri).value_or(std::string(uri));
}

}  // namespace tolk::lsp
