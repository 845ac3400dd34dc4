#include "tolk/io/strings.hpp"

#include <fstream>
#include <sstream>
#include <system_error>

#include "tolk/io/import_issue.hpp"

namespace tolk::io {

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos)
    return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

std::string read_whole_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in)
    throw ImportError({{file.string(), 0, "cannot open the file"}});
  std::ostringstream content;
  content << in.rdbuf();
  return std::move(content).str();
}

std::size_t file_size_or_zero(const std::filesystem::path& file) {
  std::error_code error;
  const auto size = std::filesystem::file_size(file, error);
  return error ? 0 : static_cast<std::size_t>(size);
}

std::string file_name_only(std::string_view source_name) {
  const std::filesystem::path path{std::string(source_name)};
  const std::string name = path.filename().string();
  return name.empty() ? std::string(source_name) : name;
}

}  // namespace tolk::io
