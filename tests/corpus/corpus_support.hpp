#pragma once
// Reading the source corpus (../shared/corpus) in tests, by file and 1-based line numbers.

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace tolk::testing {

inline std::filesystem::path corpus_file(const std::string& name) {
  return std::filesystem::path(TOLK_CORPUS_DIR) / name;
}

inline std::string read_corpus(const std::string& name) {
  std::ifstream file(corpus_file(name), std::ios::binary);
  if (!file)
    throw std::runtime_error("cannot read corpus file " + name);
  std::stringstream buffer;
  buffer << file.rdbuf();
  return buffer.str();
}

// Lines first..last (1-based, inclusive) of a corpus file, each with its line break.
inline std::string corpus_lines(const std::string& name, std::size_t first, std::size_t last) {
  std::istringstream text(read_corpus(name));
  std::string out;
  std::size_t number = 0;
  for (std::string line; std::getline(text, line);) {
    ++number;
    if (number >= first && number <= last)
      out += line + "\n";
  }
  return out;
}

inline std::vector<std::string> corpus_file_names() {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(TOLK_CORPUS_DIR)) {
    if (entry.path().extension() == ".txt")
      names.push_back(entry.path().filename().string());
  }
  return names;
}

}  // namespace tolk::testing
