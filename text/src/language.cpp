#include "tolk/text/language.hpp"

#include <algorithm>
#include <cctype>

namespace tolk::text {

std::string_view language_code(Language language) {
  switch (language) {
    case Language::nl:
      return "nl";
    case Language::en:
      return "en";
    case Language::ru:
      return "ru";
  }
  return "und";
}

std::string_view icu_locale_id(Language language) {
  switch (language) {
    case Language::nl:
      return "nl_NL";
    case Language::en:
      return "en_US";
    case Language::ru:
      return "ru_RU";
  }
  return "";
}

std::optional<Language> parse_language(std::string_view tag) {
  // The primary subtag ends at the first '-', '_', '.' or '@' (BCP 47 or POSIX locale names).
  const auto end = tag.find_first_of("-_.@");
  std::string primary(tag.substr(0, end));
  std::transform(primary.begin(), primary.end(), primary.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const Language language : kSupportedLanguages) {
    if (primary == language_code(language)) {
      return language;
    }
  }
  // Three-letter ISO 639-2 codes that TBX and TMX files from older tools use.
  if (primary == "nld" || primary == "dut")
    return Language::nl;
  if (primary == "eng")
    return Language::en;
  if (primary == "rus")
    return Language::ru;
  return std::nullopt;
}

UnknownLanguageError::UnknownLanguageError(std::string_view tag)
    : std::invalid_argument("unknown language '" + std::string(tag) + "' (supported: nl, en, ru)") {
}

Language require_language(std::string_view tag) {
  if (const auto language = parse_language(tag)) {
    return *language;
  }
  throw UnknownLanguageError(tag);
}

}  // namespace tolk::text
