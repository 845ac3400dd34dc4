#include "tolk/lsp/text_document.hpp"

#include <algorithm>

namespace tolk::lsp {
namespace {

// The length of the UTF-8 sequence starting with `lead`; 1 for a stray byte, so that invalid
// text still advances.
std::size_t sequence_length(unsigned char lead) {
  if (lead < 0x80)
    return 1;
  if ((lead >> 5) == 0x6)
    return 2;
  if ((lead >> 4) == 0xE)
    return 3;
  if ((lead >> 3) == 0x1E)
    return 4;
  return 1;
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

}  // namespace

std::size_t byte_offset(std::string_view text, Position position) {
  const std::size_t start = line_start(text, position.line);
  if (start == std::string_view::npos)
    return text.size();
  const std::size_t end = line_end(text, start);
  std::size_t offset = start;
  std::size_t units = 0;
  while (offset < end) {
    const std::size_t length =
        std::min(sequence_length(static_cast<unsigned char>(text[offset])), end - offset);
    const std::size_t width = length == 4 ? 2 : 1;  // outside the BMP: a surrogate pair
    if (units + width > position.character)
      break;
    units += width;
    offset += length;
  }
  return offset;
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
  for (std::size_t at = start; at < offset;) {
    const std::size_t length =
        std::min(sequence_length(static_cast<unsigned char>(text[at])), text.size() - at);
    position.character += length == 4 ? 2 : 1;
    at += length;
  }
  return position;
}

TextDocument::TextDocument(std::string uri, std::string language_id, long version, std::string text)
    : uri_(std::move(uri)),
      language_id_(std::move(language_id)),
      version_(version),
      text_(std::move(text)) {}

void TextDocument::replace(const Range& range, std::string_view new_text) {
  std::size_t begin = byte_offset(range.start);
  std::size_t end = byte_offset(range.end);
  if (end < begin)
    std::swap(begin, end);
  text_.replace(begin, end - begin, new_text);
}

void TextDocument::replace_all(std::string new_text) {
  text_ = std::move(new_text);
}

std::pair<std::size_t, std::size_t> TextDocument::line_bytes(std::size_t line) const {
  const std::size_t start = line_start(text_, line);
  if (start == std::string_view::npos)
    return {text_.size(), text_.size()};
  return {start, line_end(text_, start)};
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
  std::string path;
  for (std::size_t i = 0; i < uri.size(); ++i) {
    const auto hex = [](char c) -> int {
      if (c >= '0' && c <= '9')
        return c - '0';
      if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
      if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
      return -1;
    };
    if (uri[i] == '%' && i + 2 < uri.size() && hex(uri[i + 1]) >= 0 && hex(uri[i + 2]) >= 0) {
      path += static_cast<char>(hex(uri[i + 1]) * 16 + hex(uri[i + 2]));
      i += 2;
    } else {
      path += uri[i];
    }
  }
  return path;
}

}  // namespace tolk::lsp
