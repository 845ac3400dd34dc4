#include "document.hpp"

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>

#include "tolk/text/morphology.hpp"
#include "tolk/text/normalize.hpp"
#include "tolk/text/transliterate.hpp"

namespace tolk::curation::detail {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\v';
}

// Words that open a phrase rather than belong to it: the description of "voor ongeoorloofde
// afwezigheid (artikel 337 WvS)" starts after "voor".
constexpr std::array<std::string_view, 20> kDutchBoundaries = {
    "voor", "wegens", "onder",  "en",  "of",  "zoals", "bijvoorbeeld", "waaronder", "als", "is",
    "was",  "werd",   "werden", "kan", "kon", "na",    "bij",          "door",      "om",  "ook"};
constexpr std::array<std::string_view, 15> kEnglishBoundaries = {
    "for", "under", "and",  "or", "with", "by",   "including", "such",
    "as",  "was",   "were", "is", "are",  "when", "after"};
constexpr std::array<std::string_view, 8> kRussianBoundaries = {"по",       "за", "и",  "или",
                                                                "согласно", "в",  "на", "с"};
constexpr std::array<std::string_view, 6> kArticles = {"de", "het", "een", "the", "a", "an"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& words, std::string_view key) {
  return std::find(words.begin(), words.end(), key) != words.end();
}

bool is_boundary_word(std::string_view key, Language language) {
  switch (language) {
    case Language::nl:
      return contains(kDutchBoundaries, key);
    case Language::en:
      return contains(kEnglishBoundaries, key);
    case Language::ru:
      return contains(kRussianBoundaries, key);
  }
  return false;
}

bool blank_line_in(std::string_view gap) {
  const auto first = gap.find('\n');
  if (first == std::string_view::npos)
    return false;
  const auto second = gap.find('\n', first + 1);
  return second != std::string_view::npos;
}

}  // namespace

std::string tidy_phrase(std::string phrase) {
  for (const std::string_view article : kArticles) {
    if (phrase.size() > article.size() + 1 && phrase[article.size()] == ' ') {
      std::string first = phrase.substr(0, article.size());
      std::transform(first.begin(), first.end(), first.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      if (first == article) {
        phrase.erase(0, article.size() + 1);
        break;
      }
    }
  }
  for (const std::string_view quote : {"“", "”", "‘", "’", "\"", "«", "»", "„"}) {
    while (phrase.starts_with(quote))
      phrase.erase(0, quote.size());
    while (phrase.ends_with(quote))
      phrase.erase(phrase.size() - quote.size());
  }
  return collapse_whitespace(phrase);
}

Document::Document(const SourceText& source)
    : source_(&source),
      lines_(source.text),
      tokens_(text::tokenize(source.text, source.language, text::Punctuation::keep)) {
  keys_.reserve(tokens_.size());
  for (const text::Token& token : tokens_) {
    keys_.push_back(token.kind == text::TokenKind::word || token.kind == text::TokenKind::number
                        ? text::search_key(token.text, source.language)
                        : std::string(token.text));
  }
}

const std::string& Document::key(std::size_t i) const {
  static const std::string empty;
  return i < keys_.size() ? keys_[i] : empty;
}

bool Document::is_word(std::size_t i) const {
  return i < tokens_.size() && tokens_[i].kind == text::TokenKind::word;
}

bool Document::is_number(std::size_t i) const {
  return i < tokens_.size() && tokens_[i].kind == text::TokenKind::number;
}

bool Document::is_mark(std::size_t i, std::string_view mark) const {
  return i < tokens_.size() &&
         (tokens_[i].kind == text::TokenKind::punctuation ||
          tokens_[i].kind == text::TokenKind::symbol) &&
         tokens_[i].text == mark;
}

std::string_view Document::gap_before(std::size_t i) const {
  if (i == 0 || i >= tokens_.size())
    return {};
  return text().substr(tokens_[i - 1].end, tokens_[i].begin - tokens_[i - 1].end);
}

std::size_t Document::token_at(std::size_t offset) const {
  return static_cast<std::size_t>(
      std::lower_bound(tokens_.begin(), tokens_.end(), offset,
                       [](const text::Token& token, std::size_t at) { return token.begin < at; }) -
      tokens_.begin());
}

Evidence Document::evidence_at(std::size_t offset) const {
  return {source_->file, lines_.line_of(offset)};
}

std::string Document::span_text(std::size_t first, std::size_t last) const {
  if (first > last || last >= tokens_.size())
    return {};
  return collapse_whitespace(
      text().substr(tokens_[first].begin, tokens_[last].end - tokens_[first].begin));
}

std::string collapse_whitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  bool joined = false;  // "niet-\nopvolgen": a line break right after a hyphen joins the words
  for (std::size_t i = 0; i < text.size();) {
    std::size_t length = 1;
    const char32_t c = code_point_at(text, i, length);
    if (is_space(text[i]) || c == U'\u00A0') {
      if (text[i] == '\n' && !pending_space && out.size() >= 2 && out.back() == '-' &&
          out[out.size() - 2] != ' ') {
        joined = true;
      }
      pending_space = !out.empty() && !joined;
    } else {
      if (pending_space)
        out.push_back(' ');
      pending_space = false;
      joined = false;
      out.append(text.substr(i, length));
    }
    i += length;
  }
  return out;
}

char32_t code_point_at(std::string_view text, std::size_t offset, std::size_t& length) {
  const auto lead = static_cast<unsigned char>(text[offset]);
  std::size_t count = 1;
  char32_t value = lead;
  if (lead >= 0xF0) {
    count = 4;
    value = static_cast<char32_t>(lead & 0x07u);
  } else if (lead >= 0xE0) {
    count = 3;
    value = static_cast<char32_t>(lead & 0x0Fu);
  } else if (lead >= 0xC0) {
    count = 2;
    value = static_cast<char32_t>(lead & 0x1Fu);
  }
  if (offset + count > text.size()) {
    length = 1;
    return lead;
  }
  for (std::size_t i = 1; i < count; ++i) {
    value =
        (value << 6) | static_cast<char32_t>(static_cast<unsigned char>(text[offset + i]) & 0x3Fu);
  }
  length = count;
  return value;
}

char32_t code_point_before(std::string_view text, std::size_t offset, std::size_t& start) {
  if (offset == 0) {
    start = 0;
    return 0;
  }
  start = offset - 1;
  while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80)
    --start;
  std::size_t length = 1;
  return code_point_at(text, start, length);
}

bool is_letter(char32_t c) {
  return u_isalpha(static_cast<UChar32>(c)) != 0;
}

bool is_upper(char32_t c) {
  return u_isupper(static_cast<UChar32>(c)) != 0;
}

bool is_quote_mark(std::string_view token) {
  return token == "\"" || token == "“" || token == "”" || token == "‘" || token == "’" ||
         token == "«" || token == "»" || token == "„" || token == "'";
}

bool starts_upper(std::string_view word) {
  if (word.empty())
    return false;
  std::size_t length = 1;
  return is_upper(code_point_at(word, 0, length));
}

std::string lower_case(std::string_view text, Language language) {
  icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  unicode.toLower(icu::Locale(std::string(text::icu_locale_id(language)).c_str()));
  std::string out;
  unicode.toUTF8String(out);
  return out;
}

namespace {

// A hyphen inside a word, also at a line end ("niet-\nopvolgen").
bool inner_hyphen(const Document& document, std::size_t j) {
  if (document.tokens()[j].text != "-" || !document.gap_before(j).empty())
    return false;
  const std::string_view after = document.gap_before(j + 1);
  return after.empty() || after.find('\n') != std::string_view::npos;
}

bool skippable_mark(const Document& document, std::size_t j) {
  return document.tokens()[j].kind == text::TokenKind::punctuation &&
         (is_quote_mark(document.tokens()[j].text) || inner_hyphen(document, j));
}

}  // namespace

std::string words_before(const Document& document, std::size_t delimiter, std::size_t max_words) {
  // A bullet or heading line is taken whole; running text is cut at the word that opens the
  // phrase ("voor", "wegens", "and").
  for (const bool whole_line : {true, false}) {
    std::size_t first = delimiter;
    std::size_t last = delimiter;
    std::size_t words = 0;
    bool line_start = false;
    // The whole-line pass looks one word further, to see whether the line is longer.
    // Running text is cut shorter than a heading or bullet: six words at most.
    const std::size_t limit = whole_line ? max_words + 1 : std::min<std::size_t>(max_words, 6);
    for (std::size_t j = delimiter; j-- > 0 && words < limit;) {
      const std::string_view gap = document.gap_before(j + 1);
      if (blank_line_in(gap) || (words > 0 && gap.find('\n') != std::string_view::npos &&
                                 starts_upper(document.tokens()[j + 1].text))) {
        line_start = true;
        break;
      }
      if (document.is_word(j)) {
        if (!whole_line && is_boundary_word(document.key(j), document.language()))
          break;
        if (last == delimiter)
          last = j;
        first = j;
        ++words;
      } else if (skippable_mark(document, j)) {
        continue;
      } else {
        line_start = document.tokens()[j].text == "•" || document.is_mark(j, "-") ||
                     document.is_mark(j, "–");
        break;
      }
      if (j == 0)
        line_start = true;
    }
    if (whole_line && !(line_start && words > 0 && words <= max_words))
      continue;
    if (words == 0)
      return {};
    return tidy_phrase(document.span_text(first, last));
  }
  return {};
}

std::string words_after(const Document& document, std::size_t first, std::size_t max_words) {
  std::size_t begin = document.size();
  std::size_t last = document.size();
  std::size_t words = 0;
  for (std::size_t j = first; j < document.size() && words < max_words; ++j) {
    if (j > first && blank_line_in(document.gap_before(j)))
      break;
    if (document.is_word(j)) {
      if (begin == document.size())
        begin = j;
      last = j;
      ++words;
    } else if (skippable_mark(document, j)) {
      continue;
    } else {
      break;
    }
  }
  if (words == 0)
    return {};
  return tidy_phrase(document.span_text(begin, last));
}

LanguageGuess guess_language(std::string_view expression, Language document_language) {
  if (text::has_cyrillic(expression))
    return {Language::ru, false};
  std::size_t dutch = 0;
  std::size_t english = 0;
  std::size_t words = 0;
  for (const text::Token& token : text::tokenize(expression, document_language)) {
    if (token.kind != text::TokenKind::word)
      continue;
    ++words;
    if (text::Dictionary::for_language(Language::nl).spell(token.text))
      ++dutch;
    if (text::Dictionary::for_language(Language::en).spell(token.text))
      ++english;
  }
  if (words > 0 && dutch == 0 && english == 0)
    return {Language::ru, true};
  if (document_language == Language::nl && dutch == words)
    return {Language::nl, false};
  if (document_language == Language::en && english == words)
    return {Language::en, false};
  return {english > dutch ? Language::en : Language::nl, false};
}

}  // namespace tolk::curation::detail
