#include "tolk/text/utf8.hpp"

#include <cstdint>

namespace tolk::text {
namespace {

bool is_continuation(char c) {
  return (static_cast<std::uint8_t>(c) & 0xC0) == 0x80;
}

}  // namespace

std::size_t utf8_sequence_length(std::string_view bytes, std::size_t pos) {
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

std::u32string to_code_points(std::string_view utf8) {
  std::u32string out;
  out.reserve(utf8.size());
  for (std::size_t pos = 0; pos < utf8.size();) {
    const std::size_t length = utf8_sequence_length(utf8, pos);
    if (length == 0) {
      out.push_back(U'\uFFFD');
      ++pos;
      continue;
    }
    const auto byte = [&](std::size_t i) {
      return static_cast<std::uint32_t>(static_cast<std::uint8_t>(utf8[pos + i]));
    };
    static constexpr std::uint32_t kLeadMask[] = {0, 0x7F, 0x1F, 0x0F, 0x07};
    std::uint32_t value = byte(0) & kLeadMask[length];
    for (std::size_t i = 1; i < length; ++i)
      value = (value << 6) | (byte(i) & 0x3F);
    out.push_back(static_cast<char32_t>(value));
    pos += length;
  }
  return out;
}

void append_utf8(std::string& out, char32_t code_point) {
  auto value = static_cast<std::uint32_t>(code_point);
  if (value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
    value = 0xFFFD;
  const auto put = [&](std::uint32_t byte) { out.push_back(static_cast<char>(byte)); };
  if (value < 0x80) {
    put(value);
  } else if (value < 0x800) {
    put(0xC0 | (value >> 6));
    put(0x80 | (value & 0x3F));
  } else if (value < 0x10000) {
    put(0xE0 | (value >> 12));
    put(0x80 | ((value >> 6) & 0x3F));
    put(0x80 | (value & 0x3F));
  } else {
    put(0xF0 | (value >> 18));
    put(0x80 | ((value >> 12) & 0x3F));
    put(0x80 | ((value >> 6) & 0x3F));
    put(0x80 | (value & 0x3F));
  }
}

std::string to_utf8(std::u32string_view code_points) {
  std::string out;
  out.reserve(code_points.size());
  for (const char32_t c : code_points)
    append_utf8(out, c);
  return out;
}

std::optional<Utf8Defect> find_invalid_utf8(std::string_view bytes) {
  std::size_t line = 1;
  std::size_t column = 1;
  std::size_t pos = 0;
  while (pos < bytes.size()) {
    const std::size_t length = utf8_sequence_length(bytes, pos);
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
