#pragma once
// Morphology with Hunspell and the Debian dictionaries (hunspell-nl, hunspell-en-us, hunspell-ru):
// spelling, stems (lemmas), lemma sequences of multi-word terms, Dutch compound splitting.
//
// A dictionary is loaded once per process, on first use, and its results are cached. Hunspell
// objects are not thread-safe, so each Dictionary serialises calls with its own mutex; the
// functions here may be called from any thread.

#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "tolk/text/language.hpp"

namespace tolk::text {

class DictionaryNotFoundError : public std::runtime_error {
 public:
  DictionaryNotFoundError(Language language, const std::string& searched);
};

// A compound split into its modifier and its head: "dienstplichtontduiking" -> {"dienstplicht",
// "ontduiking"}; "oorlogsmisdaden" -> {"oorlog", "misdaden"} with linker "s".
struct CompoundSplit {
  std::vector<std::string> parts;  // modifier part(s) then head, linking morphemes removed
  std::string linker;              // "s", "en", "-" or empty: what joined the last two parts
};

class Dictionary {
 public:
  // Loads `affix_file` and `dictionary_file` (Hunspell format, any encoding it declares).
  Dictionary(Language language, const std::filesystem::path& affix_file,
             const std::filesystem::path& dictionary_file);
  ~Dictionary();
  Dictionary(const Dictionary&) = delete;
  Dictionary& operator=(const Dictionary&) = delete;

  // The process-wide dictionary of a language, loaded on first use from the directories in
  // $TOLK_HUNSPELL_PATH (colon-separated), then /usr/share/hunspell and /usr/share/myspell/dicts.
  // Throws DictionaryNotFoundError when no dictionary for the language is installed.
  static const Dictionary& for_language(Language language);

  Language language() const;
  const std::filesystem::path& affix_file() const;

  // Whether Hunspell accepts the word (in any case form it allows).
  bool spell(std::string_view word) const;

  // The lemmas Hunspell gives for a word, most plausible first, lower-cased; empty when the word
  // is unknown. Dutch compounds are stemmed on their head: "dienstplichtontduikers" ->
  // "dienstplichtontduiker".
  std::vector<std::string> stems(std::string_view word) const;

  // The first stem, or the lower-cased word itself when Hunspell does not know it.
  std::string lemma(std::string_view word) const;

  // Splits a compound into modifier and head where both are dictionary words (the head a simple
  // word, possibly inflected); nothing for a word that is not such a compound. Dutch only; other
  // languages return nothing.
  std::optional<CompoundSplit> split_compound(std::string_view word) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Shorthands over Dictionary::for_language.
std::vector<std::string> stems(std::string_view word, Language language);
std::string lemma(std::string_view word, Language language);
std::optional<CompoundSplit> split_compound(std::string_view word, Language language);

// The lemma of each word of a multi-word text, in order, punctuation left out:
// "иностранным агентом" -> {"иностранный", "агент"}.
std::vector<std::string> lemma_sequence(std::string_view text, Language language);

}  // namespace tolk::text
