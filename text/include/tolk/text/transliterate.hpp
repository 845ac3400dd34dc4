#pragma once
// Transliteration between Cyrillic and Latin, for display and for matching.
//
// Display uses ICU's transforms: "Russian-Latin/BGN" (BGN/PCGN 1947, the scheme of maps,
// passports of the past and the English press: "inostrannyy agent") and "Cyrillic-Latin"
// (ISO 9 / scholarly with diacritics: "inostrannyj agent").
//
// Matching cannot rely on one scheme, because users type whatever they learnt. translit_key maps
// Cyrillic and every common Latin spelling of it to one lossy Latin skeleton (documented in
// transliterate.cpp and README.md), so that "inostrannyy agent", "inostrannyj agent",
// "inostranny agent" and "иностранный агент" share a key.

#include <string>
#include <string_view>

namespace tolk::text {

enum class LatinScheme {
  bgn_pcgn,  // дезертирство -> dezertirstvo, иностранный -> inostrannyy, щ -> shch
  scholarly,  // ISO 9 via ICU Cyrillic-Latin: иностранный -> inostrannyj, щ -> ŝ
};

// Cyrillic letters are transliterated; all other characters pass through.
std::string cyrillic_to_latin(std::string_view utf8, LatinScheme scheme = LatinScheme::bgn_pcgn);

// Latin text read as a transliteration of Russian, back to Cyrillic (ICU Latin-Russian/BGN).
std::string latin_to_cyrillic(std::string_view utf8);

// True when the text holds at least one Cyrillic letter.
bool has_cyrillic(std::string_view utf8);

// The matching skeleton: lower case, Latin letters only, same for Cyrillic and for its Latin
// spellings in BGN/PCGN, scholarly (ISO 9, ISO R9, LoC) and informal schemes.
std::string translit_key(std::string_view utf8);

}  // namespace tolk::text
