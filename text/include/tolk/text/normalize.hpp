#pragma once
// Unicode normalisation: the form text is stored in, and the key it is searched by.

#include <string>
#include <string_view>

#include "tolk/text/language.hpp"

namespace tolk::text {

// Canonical composition (NFC): the form in which tolk stores every text.
std::string to_nfc(std::string_view utf8);

// The search key of a text in `language`. Two texts that a translator would call "the same
// term" get the same key:
//   - compatibility normalisation and full case folding (NFKC_Casefold: "ﬁ" -> "fi", "Straße" ->
//     "strasse"); default-ignorable characters vanish (soft hyphen, zero-width space and joiners,
//     word joiner, byte-order mark);
//   - diacritics on Latin letters are removed ("geëmigreerd" -> "geemigreerd", "café" -> "cafe");
//     Cyrillic keeps its letters except that ё becomes е (й stays й);
//   - every quotation mark becomes ", every apostrophe-like mark becomes ', every dash, hyphen and
//     minus sign becomes -;
//   - runs of white space become one space; leading and trailing space is dropped.
// The language is accepted for future language-specific rules; today the key is the same for
// every language, so that a term's key does not depend on which language the text was tagged.
std::string search_key(std::string_view utf8, Language language);

// Only the punctuation and white-space part of search_key: quotes, apostrophes and dashes
// unified, invisible characters dropped, white space collapsed; letters and case untouched.
std::string unify_punctuation(std::string_view utf8);

// `replacement` with its first letter in the case of `original`'s first letter: a term put in
// place of a word keeps the case of the text ("Дезертирство" at a sentence start, "дезертирство"
// in mid-sentence). Callers keep names as they are.
std::string with_initial_case_of(std::string_view replacement, std::string_view original);

// Runs of ASCII white space (space, tab, LF, CR, FF, VT) as one space, none at either end;
// everything else untouched.
std::string collapse_white_space(std::string_view utf8);

}  // namespace tolk::text
