#include "tolk/text/language.hpp"

#include <algorithm>
#include <cctype>
#include <set>

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

Direction parse_direction(std::string_view text) {
  const auto dash = text.find('-');
  const auto from = parse_language(text.substr(0, dash));
  const auto to =
      dash == std::string_view::npos ? std::nullopt : parse_language(text.substr(dash + 1));
  if (!from || !to || *from == *to || text.find('-', dash + 1) != std::string_view::npos)
    throw std::invalid_argument("'" + std::string(text) +
                                "' is not a direction such as nl-ru (nl, en or ru, two different)");
  return {*from, *to};
}

std::string to_string(Direction direction) {
  return std::string(language_code(direction.from)) + '-' +
         std::string(language_code(direction.to));
}

Language detect_language(std::string_view text, std::span<const Language> candidates) {
  const auto allowed = [&](Language language) {
    return std::find(candidates.begin(), candidates.end(), language) != candidates.end();
  };
  text = text.substr(0, 64 * 1024);
  std::size_t cyrillic = 0;
  std::size_t latin = 0;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte == 0xD0 || byte == 0xD1)  // the lead bytes of the Russian alphabet
      ++cyrillic;
    else if ((byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z'))
      ++latin;
  }
  if (allowed(Language::ru) &&
      (cyrillic > latin || (!allowed(Language::nl) && !allowed(Language::en))))
    return Language::ru;
  static const std::set<std::string, std::less<>> dutch{
      "de", "het", "een",  "van",  "en",    "is",   "dat", "niet",
      "op", "met", "voor", "zijn", "wordt", "werd", "bij", "aan"};
  static const std::set<std::string, std::less<>> english{
      "the",  "of",  "and", "a",   "to",   "is", "that", "not", "on",
      "with", "for", "are", "was", "were", "by", "be",   "in"};
  std::size_t nl = 0;
  std::size_t en = 0;
  std::string word;
  const auto count = [&] {
    nl += dutch.contains(word) ? 1U : 0U;
    en += english.contains(word) ? 1U : 0U;
    word.clear();
  };
  for (const char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
      word += static_cast<char>(c | 0x20);
    else if (!word.empty())
      count();
  }
  if (!word.empty())
    count();
  if (allowed(Language::nl) && (nl >= en || !allowed(Language::en)))
    return Language::nl;
  if (allowed(Language::en))
    return Language::en;
  return candidates.empty() ? Language::nl : candidates.front();
}

}  // namespace tolk::text
