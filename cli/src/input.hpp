#pragma once
// Reading the text a command works on, from a file or standard input.

#include <string>

namespace tolk::cli {

struct InputText {
  std::string name;   // the file name as given, or "<stdin>"
  std::string bytes;  // well-formed UTF-8, byte-order mark removed
};

// Reads `path` ("-" or empty for standard input) and checks it is UTF-8. Throws
// std::runtime_error naming the file, or text::InvalidUtf8Error with the byte offset.
InputText read_input(const std::string& path);

}  // namespace tolk::cli
