#pragma once
// Helpers shared by the exchange readers and writers. Private to the termbase library.

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "tolk/termbase/exchange.hpp"

namespace tolk::termbase::exchange_support {

// Joins text pieces without the `"literal" + std::string` form that GCC 12 warns on wrongly
// (-Wrestrict, GCC bug 105329).
template <typename... Pieces>
std::string concat(const Pieces&... pieces) {
  std::string joined;
  (joined.append(std::string_view(pieces)), ...);
  return joined;
}

inline std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos)
    return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

// The whole file; ImportError naming it when it cannot be opened.
inline std::string read_whole_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in)
    throw ImportError({{file.string(), 0, "cannot open the file"}});
  std::ostringstream content;
  content << in.rdbuf();
  return std::move(content).str();
}

}  // namespace tolk::termbase::exchange_support
