#pragma once
// UTF-8 validation and offset arithmetic. Every text that enters tolk passes validate_utf8 first,
// so that the layers above can rely on well-formed input.

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace tolk::text {

// Where a byte sequence stops being well-formed UTF-8.
struct Utf8Defect {
  std::size_t byte_offset = 0;  // 0-based offset of the first byte of the bad sequence
  std::size_t line = 0;         // 1-based line that holds it
  std::size_t column = 0;       // 1-based column in code points on that line
};

// Returns the first defect, or nothing when `bytes` is well-formed UTF-8 (overlong forms,
// surrogates and code points above U+10FFFF are defects).
std::optional<Utf8Defect> find_invalid_utf8(std::string_view bytes);

class InvalidUtf8Error : public std::runtime_error {
 public:
  InvalidUtf8Error(std::string source_name, Utf8Defect defect);
  const std::string& source_name() const { return source_name_; }
  const Utf8Defect& defect() const { return defect_; }

 private:
  std::string source_name_;
  Utf8Defect defect_;
};

// Throws InvalidUtf8Error ("FILE: invalid UTF-8 at byte offset N (line L, column C)").
void validate_utf8(std::string_view bytes, std::string_view source_name);

// Drops a leading byte-order mark, if any.
std::string_view strip_bom(std::string_view bytes);

// Number of UTF-16 code units needed for `utf8` (editors and LSP count positions in these).
std::size_t utf16_length(std::string_view utf8);

// Number of code points in `utf8`.
std::size_t code_point_count(std::string_view utf8);

}  // namespace tolk::text
