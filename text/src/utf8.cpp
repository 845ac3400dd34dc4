#include "tolk/text/utf8.hpp"

#include <cstdint>

namespace tolk::text {
namespace {

// Length of the well-formed UTF-8 sequence at `bytes[pos]`, or 0 when it is ill-formed
// (Unicode 15, table 3-7: no overlongs, no surrogates, nothing above U+10FFFF).
std::size_t sequence_length(std::string_view bytes, std::size_t pos) {
  const auto byte = [&](std::size_t i) { return static_cast<std::uint8_t>(bytes[pos + i]); };
  const std::size_t available = bytes.size() - pos;
  const std::uint8_t lead = byte(0);
  const auto continuation = [&](std::size_t i, std::uint8_t low = 0x80, std::uint8_t high = 0xBF) {
    return i < available && byte(i) >= low && byte(i) <= high;
  };
  if (lead < 0x80)
    return 1;
  if (lead >= 0xC2 && lead <= 0xDF)
    return continuation(1) ? 2 : 0;
  if (lead == 0xE0)
    return continuation(1, 0xA0) && continuation(2) ? 3 : 0;
  if ((lead >= 0xE1 && lead <= 0xEC) || lead == 0xEE || lead == 0xEF) {
    return continuation(1) && continuation(2) ? 3 : 0;
  }
  if (lead == 0xED)
    return continuation(1, 0x80, 0x9F) && continuation(2) ? 3 : 0;
  if (lead == 0xF0)
    return continuation(1, 0x90) && continuation(2) && continuation(3) ? 4 : 0;
  if (lead >= 0xF1 && lead <= 0xF3) {
    return continuation(1) && continuation(2) && continuation(3) ? 4 : 0;
  }
  if (lead == 0xF4) {
    return continuation(1, 0x80, 0x8F) && continuation(2) && continuation(3) ? 4 : 0;
  }
  return 0;
}

bool is_continuation(char c) {
  return (static_cast<std::uint8_t>(c) & 0xC0) == 0x80;
}

}  // namespace

std::optional<Utf8Defect> find_invalid_utf8(std::string_view bytes) {
  std::size_t line = 1;
  std::size_t column = 1;
  std::size_t pos = 0;
  while (pos < bytes.size()) {
    const std::size_t length = sequence_length(bytes, pos);
    if (length == 0) {
      return Utf8Defect{pos, line, column};
    }
    if (bytes[pos] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    pos += length;
  }
  return std::nullopt;
}

InvalidUtf8Error::InvalidUtf8Error(std::string source_name, Utf8Defect defect)
    : std::runtime_error(source_name + ": invalid UTF-8 at byte offset " +
                         std::to_string(defect.byte_offset) + " (line " +
                         std::to_string(defect.line) + ", column " + std::to_string(defect.column) +
                         ")"),
      source_name_(std::move(source_name)),
      defect_(defect) {}

void validate_utf8(std::string_view bytes, std::string_view source_name) {
  if (const auto defect = find_invalid_utf8(bytes)) {
    throw InvalidUtf8Error(std::string(source_name), *defect);
  }
}

std::string_view strip_bom(std::string_view bytes) {
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  if (bytes.starts_with(kBom)) {
    bytes.remove_prefix(kBom.size());
  }
  return bytes;
}

std::size_t utf16_length(std::string_view utf8) {
  std::size_t units = 0;
  for (const char c : utf8) {
    const auto byte = static_cast<std::uint8_t>(c);
    if (is_continuation(c))
      continue;
    units += byte >= 0xF0 ? 2 : 1;  // four-byte sequences are outside the BMP: a surrogate pair
  }
  return units;
}

std::size_t code_point_count(std::string_view utf8) {
  std::size_t count = 0;
  for (const char c : utf8) {
    if (!is_continuation(c))
      ++count;
  }
  return count;
}

}  // namespace tolk::text
