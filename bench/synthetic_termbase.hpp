#pragma once
// The synthetic termbase of the benchmarks: the glossary plus `count` concepts whose nl, en and
// ru terms (1-4 words) are drawn from the Hunspell dictionaries' word lists, with a fixed seed.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "tolk/termbase/concept.hpp"

namespace tolk::bench {

using termbase::Concept;
using termbase::Term;
using termbase::TermStatus;
using text::Language;

inline std::vector<std::string> dictionary_words(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::vector<std::string> words;
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    std::string word = line.substr(0, line.find_first_of("/\t "));
    if (word.size() < 3 || word.size() > 30)
      continue;
    const bool plain = std::all_of(word.begin(), word.end(), [](char c) {
      const auto u = static_cast<unsigned char>(c);
      return u >= 0x80 || (c >= 'a' && c <= 'z') || c == '-';
    });
    if (plain)
      words.push_back(std::move(word));
  }
  return words;
}

inline std::vector<Concept> synthetic_concepts(std::size_t count,
                                               const std::vector<Concept>& glossary) {
  const std::map<Language, std::vector<std::string>> words{
      {Language::nl, dictionary_words("/usr/share/hunspell/nl.dic")},
      {Language::en, dictionary_words("/usr/share/hunspell/en_US.dic")},
      {Language::ru, dictionary_words("/usr/share/hunspell/ru_RU.dic")}};
  std::mt19937 random(50000);
  std::discrete_distribution<int> lengths({30, 40, 20, 10});  // 1, 2, 3, 4 words
  std::vector<Concept> concepts(glossary);
  for (std::size_t i = 0; i < count; ++i) {
    Concept entry;
    entry.id = "syn-" + std::to_string(i);
    for (const auto& [language, list] : words) {
      Term term;
      term.language = language;
      term.status = TermStatus::preferred;
      const int length = lengths(random) + 1;
      for (int w = 0; w < length; ++w) {
        const auto at = std::uniform_int_distribution<std::size_t>(0, list.size() - 1)(random);
        term.text += (w == 0 ? "" : " ") + list[at];
      }
      entry.terms.push_back(std::move(term));
    }
    concepts.push_back(std::move(entry));
  }
  return concepts;
}

}  // namespace tolk::bench
