#pragma once
// Spelling variants of one word that a translator reads as the same word, mapped to one spelling
// so that matching bridges them: British and American English ("organisation"/"organization",
// "defence"/"defense", "honour"/"honor", "centre"/"center", "travelled"/"traveled",
// "judgement"/"judgment", "programme"/"program", "catalogue"/"catalog", "analyse"/"analyze").
//
// Term recognition, lookup and the checks apply it to both sides (the termbase's terms and the
// text), so it only has to be deterministic, not a dictionary of variants: a British form is
// rewritten by the rules below, and the rewrite is kept only when Debian's en-US Hunspell
// dictionary rejects the original and accepts the result. Words that are spelt alike in both
// standards ("advise", "filled", "four") are never touched.
//
// Hyphenation variants ("pre-trial"/"pretrial", "anti-propagandawet"/"antipropagandawet") are a
// matter of tokens, not of one word: the term finder and lookup join hyphenated words.

#include <string>
#include <string_view>

#include "tolk/text/language.hpp"

namespace tolk::text {

// The spelling `word` is matched by: for English the American form (lower-cased) where the word
// is a British form of it; otherwise, and for other languages, the word as it is. Safe to call
// from any thread.
std::string matching_spelling(std::string_view word, Language language);

// The word with every hyphen between letters removed ("pre-trial" -> "pretrial",
// "anti-propagandawet" -> "antipropagandawet"); other text unchanged.
std::string without_word_hyphens(std::string_view text);

}  // namespace tolk::text
