#pragma once
// A corpus file prepared for scanning: its tokens (punctuation kept), their search keys, and the
// line index that turns byte offsets into FILE:LINE evidence. Shared by the extractors.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "tolk/curation/extract.hpp"
#include "tolk/text/lines.hpp"
#include "tolk/text/segment.hpp"

namespace tolk::curation::detail {

using LineIndex = text::LineIndex;

class Document {
 public:
  explicit Document(const SourceText& source);

  const SourceText& source() const { return *source_; }
  std::string_view text() const { return source_->text; }
  Language language() const { return source_->language; }
  const LineIndex& lines() const { return lines_; }
  const std::vector<text::Token>& tokens() const { return tokens_; }
  std::size_t size() const { return tokens_.size(); }

  // The search key of token i (case-folded, diacritics removed); empty past the end.
  const std::string& key(std::size_t i) const;
  bool is_word(std::size_t i) const;
  bool is_number(std::size_t i) const;
  // Token i is the punctuation or symbol `mark`.
  bool is_mark(std::size_t i, std::string_view mark) const;
  bool is_key(std::size_t i, std::string_view word) const { return i < size() && key(i) == word; }
  // The bytes between tokens i-1 and i (white space).
  std::string_view gap_before(std::size_t i) const;
  // The first token that begins at or after `offset`.
  std::size_t token_at(std::size_t offset) const;

  Evidence evidence_at(std::size_t offset) const;
  // The text from the start of token `first` to the end of token `last`, white space collapsed.
  std::string span_text(std::size_t first, std::size_t last) const;

 private:
  const SourceText* source_;
  LineIndex lines_;
  std::vector<text::Token> tokens_;
  std::vector<std::string> keys_;
};

// White space runs (line breaks included) as one space, none at the ends.
std::string collapse_whitespace(std::string_view text);

// Unicode helpers over UTF-8.
char32_t code_point_at(std::string_view text, std::size_t offset, std::size_t& length);
char32_t code_point_before(std::string_view text, std::size_t offset, std::size_t& start);
bool is_letter(char32_t c);
bool is_upper(char32_t c);
bool is_quote_mark(std::string_view token);
bool starts_upper(std::string_view word);
std::string lower_case(std::string_view text, Language language);

// The reference scanner with byte offsets, for the other extractors.
struct LocatedReference {
  ArticleReference reference;
  std::size_t begin = 0;  // byte offsets of the reference text
  std::size_t end = 0;
};
std::vector<LocatedReference> locate_article_references(const Document& document,
                                                        std::size_t context_lines);

// A mention of a code by name ("WvS", "Wetboek van Strafrecht", "УК РФ").
struct CodeMention {
  std::string code;  // "UK RF" or "KoAP RF"
  std::string text;
  std::size_t begin = 0;
  std::size_t first_token = 0;
  std::size_t end_token = 0;  // one past the last token
};
std::vector<CodeMention> find_code_mentions(const Document& document);

// The words that end just before token `delimiter` (a bracket, a dash): a whole bullet or
// heading line of up to `max_words` words, else at most six words of running text back to a
// boundary (punctuation, a word that opens the phrase such as "voor", an empty line). Leading
// articles are dropped. Empty when there are none.
std::string words_before(const Document& document, std::size_t delimiter, std::size_t max_words);
// The same forwards from token `first`.
std::string words_after(const Document& document, std::size_t first, std::size_t max_words);

// Drops a leading article ("de", "het", "een", "the", "a", "an") and quotation marks around a
// phrase, and collapses its white space.
std::string tidy_phrase(std::string phrase);

// Which language a short expression is in, from Hunspell: Cyrillic is Russian; Latin words that
// neither the Dutch nor the English dictionary knows are Russian in transliteration.
struct LanguageGuess {
  Language language = Language::en;
  bool transliterated = false;
};
LanguageGuess guess_language(std::string_view expression, Language document_language);

}  // namespace tolk::curation::detail
