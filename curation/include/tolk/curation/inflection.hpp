#pragma once
// Inflected forms generated from a Hunspell dictionary's own affix rules, to check that term
// recognition finds a term in the forms a text uses.
//
// Hunspell's generate(word, example) needs morphological descriptions in the affix file, which
// Debian's ru_RU (hunspell-ru) does not have: it returns nothing. So generation by example is done
// here on the rules themselves: the suffix rule that derives the example from its dictionary entry
// ("агент" -> "агентом": strip nothing, add "ом", flag K) is applied to the word when the word's
// entry carries the same flag and meets the rule's condition ("дезертирство" has K, but the rule
// for "-о" entries adds "м"; so examples are chosen with the same ending as the word, see
// inflect_like). Every generated form is one that Hunspell itself accepts.

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tolk/text/language.hpp"

namespace tolk::curation {

class AffixInflector {
 public:
  // Reads a Hunspell .aff/.dic pair in UTF-8 with one-character flags (as hunspell-ru). Only
  // suffix rules (SFX) are used. Throws std::runtime_error when the files cannot be read or are
  // in another encoding.
  AffixInflector(const std::filesystem::path& affix_file,
                 const std::filesystem::path& dictionary_file);
  ~AffixInflector();
  AffixInflector(AffixInflector&&) noexcept;
  AffixInflector& operator=(AffixInflector&&) noexcept;

  // The inflector over the dictionary text::Dictionary::for_language(language) uses.
  static AffixInflector for_language(text::Language language);

  // Whether `entry` is a dictionary entry (as written, or in lower case).
  bool knows(std::string_view entry) const;

  // The flags of an entry ("K" for "агент"), empty when it is not one.
  std::string flags(std::string_view entry) const;

  // Every form the suffix rules derive from the entry, the entry itself left out, in rule order.
  std::vector<std::string> forms(std::string_view entry) const;

  // The form of `entry` made by the rule that makes `example_form` from `example_entry`: same
  // flag, same stripped and added letters, and the entry meets the rule's condition. Nothing when
  // no such rule applies. inflect_like("дело", "агент", "агентом") finds nothing (the "-о" nouns
  // of flag K add "м", not "ом"); inflect_like("уклонение", "решение", "решением") gives
  // "уклонением".
  std::optional<std::string> inflect_like(std::string_view entry, std::string_view example_entry,
                                          std::string_view example_form) const;

 private:
  struct Rules;
  std::unique_ptr<Rules> rules_;
};

}  // namespace tolk::curation
