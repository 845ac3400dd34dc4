#include "input.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <stdexcept>

#include "tolk/text/utf8.hpp"

namespace tolk::cli {

InputText read_input(const std::string& path) {
  InputText input;
  std::ostringstream buffer;
  if (path.empty() || path == "-") {
    input.name = "<stdin>";
    buffer << std::cin.rdbuf();
  } else {
    input.name = path;
    std::ifstream file(path, std::ios::binary);
    if (!file) {
      throw std::runtime_error(path + ": cannot open: " + std::strerror(errno));
    }
    buffer << file.rdbuf();
    if (file.bad())
      throw std::runtime_error(path + ": read error");
  }
  const std::string bytes = std::move(buffer).str();
  text::validate_utf8(bytes, input.name);
  input.bytes = std::string(text::strip_bom(bytes));
  return input;
}

}  // namespace tolk::cli
