#pragma once
// Segmentation with ICU break iterators: words and sentences. Offsets are UTF-8 byte offsets
// into the text that was passed in; every Token and Sentence views that text.

#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

#include "tolk/text/language.hpp"

namespace tolk::text {

enum class TokenKind {
  word,         // letters, with inner apostrophes and periods ("d.d", "’s")
  number,       // digits with inner separators: "328", "282.2", "20.3.3", "1.000"
  punctuation,  // . , ; : ( ) quotes dashes ...
  symbol,       // anything else that is not white space: § № % ...
};

struct Token {
  std::string_view text;
  std::size_t begin = 0;  // byte offset of the first byte
  std::size_t end = 0;    // byte offset one past the last byte
  TokenKind kind = TokenKind::word;
};

enum class Punctuation { drop, keep };

// The tokens of `text` in order, white space left out.
std::vector<Token> tokenize(std::string_view text, Language language,
                            Punctuation punctuation = Punctuation::drop);

struct Sentence {
  std::string_view text;  // without the white space that follows it
  std::size_t begin = 0;
  std::size_t end = 0;
};

struct SentenceOptions {
  // Text extracted from PDF wraps lines inside sentences. When set, a single line break counts as
  // a space and only an empty line ends a paragraph; when unset, every line break ends one.
  bool lines_are_wrapped = true;
};

// Sentences of `text`. Does not break after the legal abbreviations of the language ("art.",
// "nr.", "d.d.", "ст.", "ч.", "No.", ...), after initials ("V. Poetin"), nor inside article
// numbers such as "282.2" or "20.3.3".
std::vector<Sentence> split_sentences(std::string_view text, Language language,
                                      SentenceOptions options = {});

// The lines of `text` without their terminators (LF or CR LF). A final line break ends the last
// line; it does not start an empty one.
std::vector<std::string_view> split_lines(std::string_view text);

// The abbreviations (with their final period) after which split_sentences never breaks.
std::span<const std::string_view> sentence_abbreviations(Language language);

}  // namespace tolk::text
