#include "tolk/text/segment.hpp"

#include <unicode/brkiter.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <string>

#include "icu_support.hpp"
#include "tolk/text/normalize.hpp"

namespace tolk::text {
namespace {

using icu_support::check;

enum class BreakKind { word, sentence };

// Break iterators are costly to create; each thread keeps one per language and kind.
icu::BreakIterator& break_iterator(BreakKind kind, Language language) {
  thread_local std::map<std::pair<BreakKind, Language>, std::unique_ptr<icu::BreakIterator>> cache;
  auto& slot = cache[{kind, language}];
  if (!slot) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Locale locale(std::string(icu_locale_id(language)).c_str());
    slot.reset(kind == BreakKind::word
                   ? icu::BreakIterator::createWordInstance(locale, status)
                   : icu::BreakIterator::createSentenceInstance(locale, status));
    check(status, "BreakIterator::create");
  }
  return *slot;
}

// Sets `iterator` on `text` for the duration of a scope; the UText must outlive its use.
class IteratorOnText {
 public:
  IteratorOnText(icu::BreakIterator& iterator, std::string_view text)
      : iterator_(iterator), text_(icu_support::open_utf8_text(text)) {
    UErrorCode status = U_ZERO_ERROR;
    iterator_.setText(text_.get(), status);
    check(status, "BreakIterator::setText");
  }
  ~IteratorOnText() {
    // Leave the cached iterator on an empty string so it holds no pointer into `text`.
    iterator_.setText(icu::UnicodeString());
  }
  IteratorOnText(const IteratorOnText&) = delete;
  IteratorOnText& operator=(const IteratorOnText&) = delete;
  icu::BreakIterator* operator->() { return &iterator_; }

 private:
  icu::BreakIterator& iterator_;
  icu_support::UTextPointer text_;
};

UChar32 first_code_point(std::string_view text) {
  UChar32 c = 0;
  int32_t index = 0;
  U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), index, static_cast<int32_t>(text.size()),
          c);
  return c;
}

bool is_blank(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) {
                       return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
                              c == '\v';
                     }) ||
         u_isUWhiteSpace(first_code_point(text));
}

TokenKind classify(int32_t rule_status, std::string_view text) {
  if (rule_status >= UBRK_WORD_NUMBER && rule_status < UBRK_WORD_NUMBER_LIMIT) {
    return TokenKind::number;
  }
  if (rule_status >= UBRK_WORD_LETTER)
    return TokenKind::word;
  return u_ispunct(first_code_point(text)) ? TokenKind::punctuation : TokenKind::symbol;
}

constexpr std::array<std::string_view, 23> kCommonAbbreviations = {
    "art.", "artt.", "no.", "nos.", "nr.", "p.",  "pp.", "para.", "par.", "ca.", "cf.", "vs.",
    "e.g.", "i.e.",  "ст.", "ч.",   "п.",  "пп.", "г.",  "гг.",   "стр.", "см.", "№."};
constexpr std::array<std::string_view, 21> kDutchAbbreviations = {
    "d.d.", "e.a.",   "o.a.", "m.b.t.", "i.v.m.", "bijv.", "bv.",   "zgn.", "z.g.", "jl.", "resp.",
    "vgl.", "t.a.v.", "m.n.", "mr.",    "dhr.",   "mw.",   "prof.", "dr.",  "blz.", "jo."};
constexpr std::array<std::string_view, 19> kEnglishAbbreviations = {
    "mr.",  "mrs.", "ms.",  "dr.",  "prof.", "st.", "jan.", "feb.", "aug.",   "sept.",
    "oct.", "nov.", "dec.", "fig.", "sec.",  "ch.", "vol.", "ed.",  "approx."};
constexpr std::array<std::string_view, 11> kRussianAbbreviations = {
    "т.е.", "др.", "им.", "ул.", "обл.", "руб.", "млн.", "млрд.", "тыс.", "ред.", "прим."};

template <std::size_t N>
void append(std::vector<std::string_view>& list, const std::array<std::string_view, N>& items) {
  list.insert(list.end(), items.begin(), items.end());
}

const std::vector<std::string_view>& abbreviation_list(Language language) {
  static const auto lists = [] {
    std::array<std::vector<std::string_view>, 3> result;
    for (const Language each : kSupportedLanguages) {
      auto& list = result[static_cast<std::size_t>(each)];
      append(list, kCommonAbbreviations);
      if (each == Language::nl)
        append(list, kDutchAbbreviations);
      if (each == Language::en)
        append(list, kEnglishAbbreviations);
      if (each == Language::ru)
        append(list, kRussianAbbreviations);
    }
    return result;
  }();
  return lists[static_cast<std::size_t>(language)];
}

bool is_abbreviation(std::string_view candidate, Language language) {
  const std::string key = search_key(candidate, language);
  const auto& list = abbreviation_list(language);
  return std::any_of(list.begin(), list.end(),
                     [&](std::string_view abbreviation) { return key == abbreviation; });
}

bool is_space_byte(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// The break that ICU proposes after `before` is wrong when `before` ends with an abbreviation
// or with an initial ("V."), as in "art. 328 УК РФ" or "ч. 1 ст. 337".
// A paragraph break (a line break that survived unwrapping) is never suppressed.
bool suppress_break_after(std::string_view before, Language language) {
  while (!before.empty() && is_space_byte(before.back())) {
    if (before.back() == '\n')
      return false;
    before.remove_suffix(1);
  }
  if (!before.ends_with('.'))
    return false;
  std::size_t start = before.size() - 1;
  while (start > 0 && !is_space_byte(before[start - 1]))
    --start;
  std::string_view last = before.substr(start);
  while (!last.empty() && (last.front() == '(' || last.front() == '[' || last.front() == '"')) {
    last.remove_prefix(1);
  }
  if (is_abbreviation(last, language))
    return true;
  // An initial: one upper-case letter and a period.
  const std::string_view letter = last.substr(0, last.size() - 1);
  const UChar32 c = first_code_point(letter);
  return !letter.empty() && U8_LENGTH(c) == static_cast<int32_t>(letter.size()) && u_isupper(c);
}

// A copy of `text` of the same length in which a line break inside a paragraph is a space.
std::string unwrap_lines(std::string_view text) {
  std::string copy(text);
  const auto neighbour_is_newline = [&](std::size_t i, int step) {
    for (auto j = static_cast<std::ptrdiff_t>(i) + step;
         j >= 0 && j < static_cast<std::ptrdiff_t>(copy.size()); j += step) {
      const char c = text[static_cast<std::size_t>(j)];
      if (c == '\n')
        return true;
      if (c != ' ' && c != '\t' && c != '\r')
        return false;
    }
    return true;  // the start or end of the text counts as a paragraph edge
  };
  for (std::size_t i = 0; i < copy.size(); ++i) {
    if (text[i] != '\n')
      continue;
    if (neighbour_is_newline(i, -1) || neighbour_is_newline(i, +1))
      continue;
    copy[i] = ' ';
    if (i > 0 && copy[i - 1] == '\r')
      copy[i - 1] = ' ';
  }
  return copy;
}

// PDF text glues footnote numbers to the end of a sentence: "vijftien jaar.145 Het verschil",
// "verdachten).370 Brandstichting". ICU never breaks between a period and digits, so these
// boundaries are added: after a period that follows a non-digit, 1 to 3 digits, white space, then
// an upper-case letter. Returns the byte offsets where the next sentence starts.
std::vector<std::size_t> footnote_boundaries(std::string_view text) {
  std::vector<std::size_t> boundaries;
  for (std::size_t dot = text.find('.'); dot != std::string_view::npos;
       dot = text.find('.', dot + 1)) {
    if (dot == 0 || is_space_byte(text[dot - 1]) ||
        (text[dot - 1] >= '0' && text[dot - 1] <= '9')) {
      continue;
    }
    std::size_t digits_end = dot + 1;
    while (digits_end < text.size() && text[digits_end] >= '0' && text[digits_end] <= '9') {
      ++digits_end;
    }
    const std::size_t digits = digits_end - dot - 1;
    if (digits == 0 || digits > 3)
      continue;
    std::size_t next = digits_end;
    while (next < text.size() && is_space_byte(text[next]))
      ++next;
    if (next == digits_end || next >= text.size())
      continue;
    if (u_isupper(first_code_point(text.substr(next))))
      boundaries.push_back(next);
  }
  return boundaries;
}

}  // namespace

std::vector<Token> tokenize(std::string_view text, Language language, Punctuation punctuation) {
  std::vector<Token> tokens;
  IteratorOnText words(break_iterator(BreakKind::word, language), text);
  int32_t start = words->first();
  for (int32_t end = words->next(); end != icu::BreakIterator::DONE;
       start = end, end = words->next()) {
    const auto begin = static_cast<std::size_t>(start);
    const auto stop = static_cast<std::size_t>(end);
    const std::string_view piece = text.substr(begin, stop - begin);
    const int32_t status = words->getRuleStatus();
    if (status < UBRK_WORD_NUMBER && is_blank(piece))
      continue;
    const TokenKind kind = classify(status, piece);
    if (punctuation == Punctuation::drop &&
        (kind == TokenKind::punctuation || kind == TokenKind::symbol)) {
      continue;
    }
    tokens.push_back(Token{piece, begin, stop, kind});
  }
  return tokens;
}

std::vector<Sentence> split_sentences(std::string_view text, Language language,
                                      SentenceOptions options) {
  const std::string unwrapped = options.lines_are_wrapped ? unwrap_lines(text) : std::string(text);
  std::vector<Sentence> sentences;
  const auto emit = [&](std::size_t begin, std::size_t end) {
    while (begin < end && is_space_byte(text[begin]))
      ++begin;
    while (end > begin && is_space_byte(text[end - 1]))
      --end;
    if (begin < end)
      sentences.push_back(Sentence{text.substr(begin, end - begin), begin, end});
  };
  std::vector<std::size_t> boundaries = footnote_boundaries(unwrapped);
  {
    IteratorOnText breaks(break_iterator(BreakKind::sentence, language), unwrapped);
    breaks->first();
    for (int32_t boundary = breaks->next(); boundary != icu::BreakIterator::DONE;
         boundary = breaks->next()) {
      const auto end = static_cast<std::size_t>(boundary);
      // The break that ICU proposes after an abbreviation or an initial is dropped.
      const std::string_view before = std::string_view(unwrapped).substr(0, end);
      if (end < text.size() && suppress_break_after(before, language))
        continue;
      boundaries.push_back(end);
    }
  }
  std::sort(boundaries.begin(), boundaries.end());
  std::size_t start = 0;
  for (const std::size_t end : boundaries) {
    if (end <= start)
      continue;
    emit(start, end);
    start = end;
  }
  if (start < text.size())
    emit(start, text.size());
  return sentences;
}

std::span<const std::string_view> sentence_abbreviations(Language language) {
  return abbreviation_list(language);
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const auto end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (line.ends_with('\r'))
      line.remove_suffix(1);
    lines.push_back(line);
    if (end == std::string_view::npos)
      break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

}  // namespace tolk::text
