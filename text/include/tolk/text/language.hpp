#pragma once
// The languages tolk knows, and how they are written in language codes.

#include <array>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

namespace tolk::text {

enum class Language { nl, en, ru };

inline constexpr std::array<Language, 3> kSupportedLanguages{Language::nl, Language::en,
                                                             Language::ru};

// "nl", "en" or "ru": the ISO 639-1 code, also the BCP 47 primary subtag.
std::string_view language_code(Language language);

// The ICU locale id used for case mapping and break iteration ("nl_NL", "en_US", "ru_RU").
std::string_view icu_locale_id(Language language);

// Accepts a BCP 47 tag or a POSIX locale name: "nl", "NL", "nl-BE", "ru_RU.UTF-8", "en-GB".
// Returns nothing for a language tolk does not support.
std::optional<Language> parse_language(std::string_view tag);

class UnknownLanguageError : public std::invalid_argument {
 public:
  explicit UnknownLanguageError(std::string_view tag);
};

// As parse_language, but throws UnknownLanguageError naming the tag.
Language require_language(std::string_view tag);

// A translation direction: terms of one language answered in another (the booth, the drill).
struct Direction {
  Language from = Language::nl;
  Language to = Language::ru;

  bool operator==(const Direction&) const = default;
};

// "nl-ru" -> {nl, ru} (each side as parse_language reads it). Throws std::invalid_argument,
// naming the text, for anything else, a side tolk does not support, or the same language twice.
Direction parse_direction(std::string_view text);
// "nl-ru": the form parse_direction reads.
std::string to_string(Direction direction);

// The language a text is mostly written in, among `candidates`: Russian when Cyrillic letters
// outnumber Latin ones, else Dutch or English by their commonest function words (a tie is Dutch,
// the language most of tolk's users write in). Reads at most the first 64 KiB.
Language detect_language(std::string_view text,
                         std::span<const Language> candidates = kSupportedLanguages);

}  // namespace tolk::text
