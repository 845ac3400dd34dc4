// Language look-up in units, and the case conventions of BCP 47 (RFC 5646 section 2.1.1):
// language lower case, script title case, region upper case, everything after a singleton
// (extensions, private use) lower case.

#include "tolk/tm/unit.hpp"

#include <algorithm>
#include <cctype>

namespace tolk::tm {

namespace {

char lower(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}
char upper(char c) {
  return static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
}

bool all_alpha(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; });
}

template <typename UnitType>
auto find_variant_in(UnitType& unit, std::string_view language) -> decltype(&unit.variants[0]) {
  const std::string wanted = normalize_language_tag(language);
  // An exact tag wins over a variant that only shares the primary subtag, so that "nl-BE" finds
  // nl-BE in a unit that also holds nl-NL.
  for (auto& variant : unit.variants) {
    if (normalize_language_tag(variant.language) == wanted) {
      return &variant;
    }
  }
  const std::string primary = primary_language(language);
  for (auto& variant : unit.variants) {
    if (primary_language(variant.language) == primary) {
      return &variant;
    }
  }
  return nullptr;
}

}  // namespace

const Variant* find_variant(const TranslationUnit& unit, std::string_view language) {
  return find_variant_in(unit, language);
}

Variant* find_variant(TranslationUnit& unit, std::string_view language) {
  return find_variant_in(unit, language);
}

std::string normalize_language_tag(std::string_view tag) {
  while (!tag.empty() && std::isspace(static_cast<unsigned char>(tag.front()))) {
    tag.remove_prefix(1);
  }
  while (!tag.empty() && std::isspace(static_cast<unsigned char>(tag.back()))) {
    tag.remove_suffix(1);
  }
  // A POSIX locale name's codeset and modifier ("ru_RU.UTF-8", "sr_RS@latin") are no part of a
  // language tag.
  tag = tag.substr(0, tag.find_first_of(".@"));
  std::string result;
  bool first = true;
  bool after_singleton = false;
  std::size_t start = 0;
  while (start <= tag.size()) {
    auto end = tag.find_first_of("-_", start);
    if (end == std::string_view::npos) {
      end = tag.size();
    }
    std::string subtag(tag.substr(start, end - start));
    std::transform(subtag.begin(), subtag.end(), subtag.begin(), lower);
    if (!first) {
      result += '-';
      if (!after_singleton && subtag.size() == 2 && all_alpha(subtag)) {
        std::transform(subtag.begin(), subtag.end(), subtag.begin(), upper);
      } else if (!after_singleton && subtag.size() == 4 && all_alpha(subtag)) {
        subtag[0] = upper(subtag[0]);
      } else if (subtag.size() == 1) {
        after_singleton = true;
      }
    } else if (subtag.size() == 1) {
      after_singleton = true;  // "x-klingon", "i-default"
    }
    result += subtag;
    first = false;
    start = end + 1;
  }
  return result;
}

std::string primary_language(std::string_view tag) {
  std::string primary = normalize_language_tag(tag);
  const auto dash = primary.find('-');
  if (dash != std::string::npos) {
    primary.resize(dash);
  }
  return primary;
}

}  // namespace tolk::tm
