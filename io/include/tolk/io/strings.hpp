#pragma once
// Small text and file helpers of the exchange readers and writers.

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace tolk::io {

// Joins text pieces without the `"literal" + std::string` form that GCC 12 warns on wrongly
// (-Wrestrict, GCC bug 105329).
template <typename... Pieces>
std::string concat(const Pieces&... pieces) {
  std::string joined;
  (joined.append(std::string_view(pieces)), ...);
  return joined;
}

// `text` without leading and trailing spaces, tabs, CR and LF.
std::string_view trim(std::string_view text);

// ASCII letters compared or lowered without regard to case (protocol names: HTTP headers, hosts).
bool equal_ignoring_ascii_case(std::string_view a, std::string_view b);
std::string to_lower_ascii(std::string_view text);

// "%XX" escapes decoded (and '+' as a space when `plus_is_space`, as in HTML form queries);
// nothing when an escape is malformed.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space = false);

// The whole file; ImportError naming it when it cannot be opened.
std::string read_whole_file(const std::filesystem::path& file);

// The size of a file, or 0 when it cannot be determined.
std::size_t file_size_or_zero(const std::filesystem::path& file);

// The last component of a path ("name only"), as imported units record their origin.
std::string file_name_only(std::string_view source_name);

}  // namespace tolk::io
