#pragma once
// Fuzzy match scores as CAT tools compute them: a word-level edit distance over the text layer's
// tokens, normalised to 0..100, with small penalties for differences that the edit distance does
// not see. The formula (also in README.md):
//
//   tokens   the words, numbers and symbols of the segment (text::tokenize, punctuation left
//            out); each is compared by its search key (case, diacritics, quote and dash forms
//            folded), every number by the class "number" (its value is a placeable)
//   base     floor(100 * (1 - D / max(n_query, n_candidate))), D = word-level Levenshtein
//            distance (insertion, deletion, substitution of one token: cost 1)
//   penalty  1 per aligned number whose value differs (at most 5; tolk repairs them in the
//            target), 1 when words differ only in case or diacritics, 1 when the punctuation
//            differs, 1 when the inline tags differ, 1 when only white space differs
//   score    max(0, base - penalties); 100 only for the identical segment (same text, same
//            tags); 101 for the identical segment whose stored context equals the query's
//
// A candidate's score can never exceed its base, and the base can never exceed
// floor(100 * common / max(n_query, n_candidate)) where `common` counts the tokens the two share
// (as multisets): the bound the TM's index uses to skip candidates without losing a match.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tolk/tm/unit.hpp"

namespace tolk::tm {

// A segment prepared for scoring.
struct SegmentAnalysis {
  struct Word {
    std::string key;        // what the edit distance compares: search key, or "\x01#" for numbers
    std::string text;       // as written
    std::size_t begin = 0;  // UTF-8 byte offsets in the segment text
    std::size_t end = 0;
    bool is_number = false;
  };
  std::string text;
  std::vector<Word> words;
  std::string punctuation;        // the punctuation tokens, concatenated
  std::string collapsed_text;     // text with white space runs as one space, trimmed
  std::vector<std::string> tags;  // the inline tags' kinds and positions, as compared
};

// `language` is a BCP 47 tag; any language is accepted (the text layer's word rules for nl, en
// and ru; ICU's default rules for the others).
SegmentAnalysis analyze_segment(const Segment& segment, std::string_view language);
SegmentAnalysis analyze_text(std::string_view text, std::string_view language);

struct MatchScore {
  int score = 0;  // 0..101
  int base = 0;   // before penalties
  std::size_t edit_distance = 0;
  std::size_t numbers_differing = 0;
  bool case_differs = false;
  bool punctuation_differs = false;
  bool tags_differ = false;
  bool whitespace_differs = false;
  bool identical = false;
  // For each query word, the index of the candidate word it is aligned with (substitution or
  // equal), or npos when inserted.
  std::vector<std::size_t> alignment;
};

MatchScore score_match(const SegmentAnalysis& query, const SegmentAnalysis& candidate);

// Word-level Levenshtein distance between two token sequences; stops as soon as the distance is
// known to exceed `limit` and then returns limit + 1.
std::size_t bounded_edit_distance(std::span<const std::uint32_t> a,
                                  std::span<const std::uint32_t> b, std::size_t limit);

// The largest base score possible for sequences of these lengths sharing `common` tokens.
int base_score_bound(std::size_t common, std::size_t query_length, std::size_t candidate_length);

}  // namespace tolk::tm
