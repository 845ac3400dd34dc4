#pragma once
// The number of concepts of the shipped glossary (glossaries/legal-nl-en-ru.json), for tests that
// check that a store holds all of it after import, crash or copy, whatever the curation added.

#include <cstddef>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

namespace tolk::testing {

inline std::size_t shipped_concept_count() {
  static const std::size_t count = [] {
    std::ifstream file(std::string(TOLK_SOURCE_DIR) + "/glossaries/legal-nl-en-ru.json");
    return nlohmann::json::parse(file).at("concepts").size();
  }();
  return count;
}

}  // namespace tolk::testing
