// ImportError, issue formatting, and the XML escaping the writers share.

#include "exchange_support.hpp"

#include <system_error>

namespace tolk::tm {
using exchange_support::concat;

namespace {

std::string join_reasons(const std::vector<ImportIssue>& issues) {
  std::string message;
  for (const ImportIssue& issue : issues) {
    if (!message.empty()) {
      message += '\n';
    }
    message += to_string(issue);
  }
  return message.empty() ? std::string("import failed") : message;
}

}  // namespace

ImportError::ImportError(std::vector<ImportIssue> issues)
    : std::runtime_error(join_reasons(issues)), issues_(std::move(issues)) {}

std::string to_string(const ImportIssue& issue) {
  if (issue.line == 0) {
    return concat(issue.file, ": ", issue.reason);
  }
  return concat(issue.file, ":", std::to_string(issue.line), ": ", issue.reason);
}

namespace exchange_support {

std::size_t file_size_or_zero(const std::filesystem::path& file) {
  std::error_code error;
  const auto size = std::filesystem::file_size(file, error);
  return error ? 0 : static_cast<std::size_t>(size);
}

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// The length of the well-formed UTF-8 sequence at the start of `text`, or 0 when it is not one
// (overlong forms, surrogates and values above U+10FFFF are not).
std::size_t utf8_sequence_length(std::string_view text) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(0);
  std::size_t length = 0;
  char32_t value = 0;
  if (lead < 0x80) {
    return 1;
  }
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    value = lead & 0x1Fu;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    value = lead & 0x0Fu;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    value = lead & 0x07u;
  } else {
    return 0;
  }
  if (text.size() < length) {
    return 0;
  }
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0u) != 0x80u) {
      return 0;
    }
    value = (value << 6) | (byte(i) & 0x3Fu);
  }
  const bool overlong = (length == 3 && value < 0x800) || (length == 4 && value < 0x10000);
  const bool surrogate = value >= 0xD800 && value <= 0xDFFF;
  if (overlong || surrogate || value > 0x10FFFF) {
    return 0;
  }
  return length;
}

void append_escaped(std::string& out, std::string_view text, bool attribute) {
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80) {
      const std::size_t length = utf8_sequence_length(text.substr(i));
      const std::string_view sequence = text.substr(i, length);
      // U+FFFE and U+FFFF are not XML characters.
      if (length == 0 || sequence == "\xEF\xBF\xBE" || sequence == "\xEF\xBF\xBF") {
        out += kReplacement;
        i += length == 0 ? 1 : length;
      } else {
        out += sequence;
        i += length;
      }
      continue;
    }
    ++i;
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '\r':
        out += "&#13;";
        break;
      case '"':
        out += attribute ? "&quot;" : "\"";
        break;
      case '\n':
        out += attribute ? "&#10;" : "\n";
        break;
      case '\t':
        out += attribute ? "&#9;" : "\t";
        break;
      default:
        if (byte < 0x20) {
          out += kReplacement;
        } else {
          out += c;
        }
    }
  }
}

}  // namespace

void append_escaped_text(std::string& out, std::string_view text) {
  append_escaped(out, text, false);
}

void append_escaped_attribute(std::string& out, std::string_view text) {
  append_escaped(out, text, true);
}

std::string language_as_recorded(std::string_view tag) {
  const std::string_view trimmed = trim(tag);
  if (trimmed == "*all*") {
    return std::string(trimmed);
  }
  return normalize_language_tag(trimmed);
}

}  // namespace exchange_support
}  // namespace tolk::tm
