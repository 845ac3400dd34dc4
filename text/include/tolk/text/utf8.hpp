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

// Length of the well-formed UTF-8 sequence at `bytes[pos]`, or 0 when it is ill-formed
// (Unicode 15, table 3-7: no overlongs, no surrogates, nothing above U+10FFFF).
std::size_t utf8_sequence_length(std::string_view bytes, std::size_t pos);

// The code points of `utf8`; each ill-formed byte becomes U+FFFD.
std::u32string to_code_points(std::string_view utf8);
// Appends the UTF-8 form of `code_point` (a surrogate or a value above U+10FFFF as U+FFFD).
void append_utf8(std::string& out, char32_t code_point);
std::string to_utf8(std::u32string_view code_points);

}  // namespace tolk::text
