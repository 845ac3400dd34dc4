// Explicit glosses: a quoted original ("Russisch: ..."), an English rendering ("In het Engels
// wordt ... aangeduid als “...”"), an abbreviation and its expansion, a rendering in brackets
// after a term ("veiligheidsapparaat (“siloviki”)"), and the rows of a list of abbreviations.
// A gloss in a footnote belongs to the expression the footnote number is attached to in the
// running text, which is looked up.

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <optional>

#include "document.hpp"
#include "tolk/text/transliterate.hpp"

namespace tolk::curation {
namespace {

using detail::Document;

constexpr std::size_t kFootnoteSearchLines = 150;  // a footnote and its number share a page

constexpr std::array<std::string_view, 14> kConnectors = {
    "van", "voor", "de", "der", "het", "of", "for", "the", "and", "en", "on", "in", "по", "и"};

constexpr std::array<std::string_view, 22> kNotGlosses = {
    "zie",    "paragraaf", "par",       "art", "artikel", "artikelen", "artt",  "lid",
    "see",    "cf",        "ru",        "en",  "nl",      "inclusief", "onder", "bijvoorbeeld",
    "hierna", "inclusive", "including", "e.g", "i.e",     "ook"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& words, std::string_view key) {
  return std::find(words.begin(), words.end(), key) != words.end();
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
    text.remove_suffix(1);
  return text;
}

// "SCP", "WvS", "RFERL", "ЕПП": one word, two or more capitals, at most eight letters.
bool is_abbreviation(std::string_view word) {
  std::size_t letters = 0;
  std::size_t capitals = 0;
  for (std::size_t i = 0; i < word.size();) {
    std::size_t length = 1;
    const char32_t c = detail::code_point_at(word, i, length);
    if (!detail::is_letter(c))
      return false;
    ++letters;
    if (detail::is_upper(c))
      ++capitals;
    i += length;
  }
  return capitals >= 2 && letters <= 8;
}

// "Single Conscription Point" and "SCP" begin with the same letter; "Development" and "OECD" do
// not, so that is not the expansion.
bool same_initial(std::string_view expansion, std::string_view abbreviation) {
  std::size_t length = 1;
  const char32_t a = detail::code_point_at(expansion, 0, length);
  const char32_t b = detail::code_point_at(abbreviation, 0, length);
  return u_toupper(static_cast<UChar32>(a)) == u_toupper(static_cast<UChar32>(b));
}

// The capitalised name before token `paren`: "Single Conscription Point (SCP)".
std::string capitalised_run_before(const Document& document, std::size_t paren) {
  std::size_t first = paren;
  std::size_t last = paren;
  std::size_t words = 0;
  bool capitalised = false;
  for (std::size_t j = paren; j-- > 0 && words < 7;) {
    const std::string_view gap = document.gap_before(j + 1);
    if (std::count(gap.begin(), gap.end(), '\n') > 1 || !document.is_word(j))
      break;
    const bool upper = detail::starts_upper(document.tokens()[j].text);
    if (!upper && !(words > 0 && contains(kConnectors, document.key(j))))
      break;
    capitalised = capitalised || upper;
    if (last == paren)
      last = j;
    first = j;
    ++words;
  }
  while (first < last && contains(kConnectors, document.key(first)))
    ++first;
  if (!capitalised || last == paren)
    return {};
  return detail::tidy_phrase(document.span_text(first, last));
}

// The token that closes the bracket opened at `open`, within `limit` tokens.
std::optional<std::size_t> closing_bracket(const Document& document, std::size_t open,
                                           std::size_t limit) {
  for (std::size_t j = open + 1; j < document.size() && j <= open + limit; ++j) {
    if (document.is_mark(j, "("))
      return std::nullopt;
    if (document.is_mark(j, ")"))
      return j;
  }
  return std::nullopt;
}

struct Anchor {
  std::string expression;
  Evidence evidence;
  std::vector<termbase::LegalReference> references;
};

class GlossFinder {
 public:
  explicit GlossFinder(const SourceText& source)
      : document_(source), references_(detail::locate_article_references(document_, 40)) {}

  std::vector<Gloss> find() {
    find_originals();
    find_renderings();
    find_abbreviations_in_text();
    find_parenthesised();
    find_abbreviation_list();
    std::stable_sort(glosses_.begin(), glosses_.end(), [](const Gloss& a, const Gloss& b) {
      return a.evidence.line < b.evidence.line;
    });
    return std::move(glosses_);
  }

 private:
  const Document document_;
  const std::vector<detail::LocatedReference> references_;
  std::vector<Gloss> glosses_;

  std::string_view text() const { return document_.text(); }

  void add(GlossKind kind, std::string term, Language term_language, std::string gloss,
           Language gloss_language, bool transliterated, std::size_t offset,
           const std::optional<Anchor>& anchor = std::nullopt) {
    Gloss entry;
    entry.kind = kind;
    entry.term = std::move(term);
    entry.term_language = term_language;
    entry.gloss = std::move(gloss);
    entry.gloss_language = gloss_language;
    entry.transliterated = transliterated;
    entry.evidence = document_.evidence_at(offset);
    if (anchor) {
      entry.term_evidence.push_back(anchor->evidence);
      entry.references = anchor->references;
    }
    glosses_.push_back(std::move(entry));
  }

  // The number of the footnote that line `line` belongs to, if it is in one: the footnote starts
  // with its number and runs on over the following non-empty lines.
  std::optional<std::string> footnote_number(std::size_t line) const {
    for (std::size_t l = line; l >= 1 && line - l <= 6; --l) {
      const std::string_view content = trim(document_.lines().line(text(), l));
      if (content.empty())
        return std::nullopt;
      std::size_t digits = 0;
      while (digits < content.size() && is_digit(content[digits]))
        ++digits;
      if (digits >= 1 && digits <= 3 && digits < content.size() && content[digits] == ' ')
        return std::string(content.substr(0, digits));
    }
    return std::nullopt;
  }

  // Where footnote `number` is called in the running text before `before`: the digits glued to
  // the preceding word or mark ("register”11", "(SCP)37", "roebel40").
  std::optional<std::size_t> footnote_call(std::string_view number, std::size_t before) const {
    const std::size_t first_line = document_.lines().line_of(before);
    std::size_t from = before;
    while (from > 0) {
      const std::size_t hit = text().rfind(number, from - 1);
      if (hit == std::string_view::npos || hit == 0)
        break;
      from = hit;
      if (document_.lines().line_of(hit) + kFootnoteSearchLines < first_line)
        break;
      const std::size_t end = hit + number.size();
      if (end < text().size() &&
          (is_digit(text()[end]) ||
           (text()[end] == '.' && end + 1 < text().size() && is_digit(text()[end + 1])))) {
        continue;
      }
      std::size_t start = 0;
      const char32_t previous = detail::code_point_before(text(), hit, start);
      if (previous < 0x80 && is_digit(static_cast<char>(previous)))
        continue;
      const bool glued_mark = previous == U')' || previous == U'”' || previous == U'’' ||
                              previous == U'"' || previous == U'»';
      const bool after_point = previous == U'.' || previous == U',' || previous == U';';
      if (after_point && start > 0 && is_digit(text()[start - 1]))
        continue;  // "2.1", "30.000"
      if (!glued_mark && !after_point && !detail::is_letter(previous))
        continue;
      // The number that starts a footnote line is the footnote itself, not its call.
      const std::size_t line = document_.lines().line_of(hit);
      if (trim(document_.lines().line(text(), line)).starts_with(number) &&
          document_.lines().line_begin(line, text().size()) + 3 > hit) {
        continue;
      }
      return hit;
    }
    return std::nullopt;
  }

  std::vector<termbase::LegalReference> references_between(std::size_t begin,
                                                           std::size_t end) const {
    std::vector<termbase::LegalReference> found;
    for (const auto& located : references_) {
      if (located.begin >= begin && located.begin < end &&
          !located.reference.reference.code.empty())
        found.push_back(located.reference.reference);
    }
    return found;
  }

  // The expression a footnote is attached to, for a gloss at `offset` inside the footnote.
  std::optional<Anchor> anchor_of(std::size_t offset) const {
    const std::size_t line = document_.lines().line_of(offset);
    const auto number = footnote_number(line);
    if (!number)
      return std::nullopt;
    std::size_t footnote_line = line;
    while (footnote_line > 1 &&
           !trim(document_.lines().line(text(), footnote_line)).starts_with(*number + " ")) {
      --footnote_line;
    }
    const auto call =
        footnote_call(*number, document_.lines().line_begin(footnote_line, text().size()));
    if (!call)
      return std::nullopt;
    Anchor anchor;
    anchor.evidence = document_.evidence_at(*call);
    std::size_t start = 0;
    const char32_t previous = detail::code_point_before(text(), *call, start);
    if (previous == U'”' || previous == U'"' || previous == U'’' || previous == U'»') {
      // The quotation that ends at the call.
      const std::size_t window = *call > 600 ? *call - 600 : 0;
      std::size_t open = std::string_view::npos;
      constexpr std::array<std::string_view, 5> openers = {"“", "\"", "‘", "«", "„"};
      for (const std::string_view opener : openers) {
        const std::size_t hit = text().rfind(opener, start == 0 ? 0 : start - 1);
        if (hit != std::string_view::npos && hit >= window &&
            (open == std::string_view::npos || hit > open)) {
          open = hit;
          anchor.expression = detail::collapse_whitespace(
              text().substr(hit + opener.size(), start - hit - opener.size()));
        }
      }
      if (open != std::string_view::npos) {
        anchor.evidence = document_.evidence_at(open);
        return anchor;
      }
      return std::nullopt;
    }
    if (previous == U')') {
      const std::size_t close_token = document_.token_at(start);
      std::size_t open_token = close_token;
      while (open_token > 0 && close_token - open_token < 20 && !document_.is_mark(open_token, "("))
        --open_token;
      if (!document_.is_mark(open_token, "("))
        return std::nullopt;
      anchor.references = references_between(document_.tokens()[open_token].begin, start);
      const bool abbreviation = close_token == open_token + 2 &&
                                document_.is_word(open_token + 1) &&
                                is_abbreviation(document_.tokens()[open_token + 1].text);
      anchor.expression = abbreviation ? capitalised_run_before(document_, open_token)
                                       : detail::words_before(document_, open_token, 8);
      if (anchor.expression.empty())
        return std::nullopt;
      anchor.evidence = document_.evidence_at(document_.tokens()[open_token].begin);
      return anchor;
    }
    if (detail::is_letter(previous)) {
      const std::size_t token = document_.token_at(*call + 1) - 1;
      if (token < document_.size()) {
        std::string word(document_.tokens()[token].text);
        while (!word.empty() && is_digit(word.back()))
          word.pop_back();
        anchor.expression = word;
        return word.empty() ? std::nullopt : std::optional<Anchor>(anchor);
      }
    }
    return std::nullopt;
  }

  // "Russisch: Единый реестр ..." and "Engels: ...".
  void find_originals() {
    for (std::size_t i = 0; i + 2 < document_.size(); ++i) {
      const std::string& key = document_.key(i);
      const bool russian = key == "russisch" || key == "russian";
      const bool english = key == "engels" || key == "english";
      if ((!russian && !english) || !document_.is_mark(i + 1, ":"))
        continue;
      std::size_t last = i + 1;
      bool cyrillic = false;
      for (std::size_t j = i + 2; j < document_.size() && j < i + 60; ++j) {
        if (document_.is_mark(j, ".") || document_.is_mark(j, ";") || document_.is_mark(j, ")"))
          break;
        const std::string_view gap = document_.gap_before(j);
        if (std::count(gap.begin(), gap.end(), '\n') > 1)
          break;
        if (russian && document_.is_word(j)) {
          const bool here = text::has_cyrillic(document_.tokens()[j].text);
          if (!here && cyrillic)
            break;  // "... на военную службу EPP; website ..."
          cyrillic = cyrillic || here;
        }
        last = j;
      }
      if (last <= i + 1 || (russian && !cyrillic))
        continue;
      const std::size_t offset = document_.tokens()[i + 2].begin;
      const auto anchor = anchor_of(offset);
      std::string term = anchor ? anchor->expression : std::string();
      if (term.empty() && i > 0 && document_.is_mark(i - 1, "("))
        term = detail::words_before(document_, i - 1, 6);
      add(GlossKind::original, std::move(term), document_.language(),
          document_.span_text(i + 2, last), russian ? Language::ru : Language::en, false, offset,
          anchor);
    }
  }

  // "In het Engels wordt het register aangeduid als “Unified Register of Military Registration”".
  void find_renderings() {
    for (std::size_t i = 2; i + 3 < document_.size(); ++i) {
      if (document_.key(i) != "engels" || document_.key(i - 1) != "het" ||
          document_.key(i - 2) != "in") {
        continue;
      }
      std::size_t verb = i + 1;
      if (document_.key(verb) != "wordt" && document_.key(verb) != "worden")
        continue;
      std::size_t called = verb + 1;
      while (called < document_.size() && called < verb + 10 &&
             document_.key(called) != "aangeduid")
        ++called;
      if (document_.key(called) != "aangeduid" || document_.key(called + 1) != "als")
        continue;
      const std::size_t open = called + 2;
      if (open >= document_.size() || !detail::is_quote_mark(document_.tokens()[open].text))
        continue;
      std::size_t close = open + 1;
      while (close < document_.size() && close < open + 20 &&
             !detail::is_quote_mark(document_.tokens()[close].text)) {
        ++close;
      }
      if (close >= document_.size() || close == open + 1 ||
          !detail::is_quote_mark(document_.tokens()[close].text)) {
        continue;
      }
      const std::size_t offset = document_.tokens()[open].begin;
      const auto anchor = anchor_of(offset);
      std::string term =
          anchor
              ? anchor->expression
              : (called > verb + 1 ? detail::tidy_phrase(document_.span_text(verb + 1, called - 1))
                                   : std::string());
      add(GlossKind::rendering, std::move(term), document_.language(),
          document_.span_text(open + 1, close - 1), Language::en, false, offset, anchor);
    }
  }

  // "de afkorting AWOL (Absent WithOut Leave)": the abbreviation with its expansion, and in a
  // footnote also the expression the footnote explains, rendered by the expansion.
  void find_abbreviations_in_text() {
    for (std::size_t i = 0; i + 3 < document_.size(); ++i) {
      const std::string& key = document_.key(i);
      if (key != "afkorting" && key != "abbreviation" && key != "acronym")
        continue;
      const std::size_t abbreviation = i + 1;
      if (!document_.is_word(abbreviation) ||
          !is_abbreviation(document_.tokens()[abbreviation].text) ||
          !document_.is_mark(abbreviation + 1, "(")) {
        continue;
      }
      const auto close = closing_bracket(document_, abbreviation + 1, 10);
      if (!close || *close < abbreviation + 3)
        continue;
      const std::string expansion = document_.span_text(abbreviation + 2, *close - 1);
      const auto guess = detail::guess_language(expansion, document_.language());
      const std::size_t offset = document_.tokens()[abbreviation].begin;
      add(GlossKind::abbreviation, expansion, guess.language,
          std::string(document_.tokens()[abbreviation].text), document_.language(), false, offset);
      if (const auto anchor = anchor_of(offset)) {
        add(GlossKind::rendering, anchor->expression, document_.language(), expansion,
            guess.language, guess.transliterated, offset, anchor);
      }
    }
  }

  // "term (gloss)": a rendering in another language, or an abbreviation after its expansion.
  void find_parenthesised() {
    for (std::size_t open = 1; open + 2 < document_.size(); ++open) {
      if (!document_.is_mark(open, "("))
        continue;
      const auto close = closing_bracket(document_, open, 12);
      if (!close || *close == open + 1)
        continue;
      std::size_t words = 0;
      bool usable = true;
      for (std::size_t j = open + 1; j < *close && usable; ++j) {
        if (document_.is_word(j)) {
          ++words;
          const std::string_view word = document_.tokens()[j].text;
          usable = std::none_of(word.begin(), word.end(), [](char c) {
            return is_digit(c) || c == '.' || c == '@' || c == '/';
          });
        } else if (!(document_.tokens()[j].kind == text::TokenKind::punctuation &&
                     (detail::is_quote_mark(document_.tokens()[j].text) ||
                      document_.tokens()[j].text == "-"))) {
          usable = false;  // numbers, commas, colons: references, dates, lists
        }
      }
      if (!usable || words == 0 || words > 8 || contains(kNotGlosses, document_.key(open + 1)) ||
          (detail::is_quote_mark(document_.tokens()[open + 1].text) &&
           contains(kNotGlosses, document_.key(open + 2)))) {
        continue;
      }
      // "de afkorting AWOL (Absent WithOut Leave)" is an abbreviation's expansion, found above.
      if (document_.is_word(open - 1) && is_abbreviation(document_.tokens()[open - 1].text))
        continue;
      const std::size_t offset = document_.tokens()[open].begin;
      const std::string content = detail::tidy_phrase(document_.span_text(open + 1, *close - 1));
      if (content.find("http") != std::string::npos || content.size() < 2 ||
          content.front() == '-' || content.back() == '-') {
        continue;
      }
      if (*close == open + 2 && is_abbreviation(content)) {
        std::string expansion = capitalised_run_before(document_, open);
        if (expansion.empty())
          expansion = detail::words_before(document_, open, 3);
        if (expansion.empty() || expansion == content || !same_initial(expansion, content))
          continue;
        const auto guess = detail::guess_language(expansion, document_.language());
        add(GlossKind::abbreviation, std::move(expansion), guess.language, content,
            text::has_cyrillic(content) ? Language::ru : document_.language(), false, offset);
        continue;
      }
      const auto guess = detail::guess_language(content, document_.language());
      if (guess.language == document_.language() && !guess.transliterated)
        continue;  // a synonym or an aside in the same language
      std::string term = detail::words_before(document_, open, 5);
      if (term.empty())
        continue;
      add(GlossKind::parenthesised, std::move(term), document_.language(), content, guess.language,
          guess.transliterated, offset);
    }
  }

  // "4.2 Afkortingen" and its rows "AWOL   Absent Without Leave".
  void find_abbreviation_list() {
    const auto& lines = document_.lines();
    for (std::size_t l = 1; l <= lines.line_count(); ++l) {
      const std::string_view heading = trim(lines.line(text(), l));
      std::size_t number = 0;
      while (number < heading.size() && (is_digit(heading[number]) || heading[number] == '.'))
        ++number;
      if (number == 0 || number >= heading.size() || heading[number] != ' ')
        continue;
      const std::string title = text::has_cyrillic(heading)
                                    ? std::string(trim(heading.substr(number)))
                                    : detail::collapse_whitespace(heading.substr(number));
      if (title != "Afkortingen" && title != "Lijst van afkortingen" && title != "Abbreviations" &&
          title != "List of abbreviations" && title != "Сокращения" &&
          title != "Список сокращений") {
        continue;
      }
      std::size_t misses = 0;
      for (std::size_t row = l + 1; row <= lines.line_count() && misses < 3; ++row) {
        const std::string_view content = trim(lines.line(text(), row));
        if (content.empty())
          continue;
        if (is_digit(content.front()))
          break;  // the next section
        std::size_t split = content.find('\t');
        if (split == std::string_view::npos)
          split = content.find("  ");
        if (split == std::string_view::npos ||
            content.substr(0, split).find(' ') != std::string_view::npos) {
          ++misses;
          continue;
        }
        misses = 0;
        const std::string abbreviation(content.substr(0, split));
        const std::string expansion(trim(content.substr(split)));
        if (expansion.empty())
          continue;
        const auto guess = detail::guess_language(expansion, document_.language());
        add(GlossKind::abbreviation_list, expansion, guess.language, abbreviation,
            document_.language(), false, lines.line_begin(row, text().size()));
      }
    }
  }
};

}  // namespace

std::string_view to_string(GlossKind kind) {
  switch (kind) {
    case GlossKind::original:
      return "original";
    case GlossKind::rendering:
      return "rendering";
    case GlossKind::parenthesised:
      return "parenthesised";
    case GlossKind::abbreviation:
      return "abbreviation";
    case GlossKind::abbreviation_list:
      return "abbreviation-list";
  }
  return "?";
}

std::vector<Gloss> find_glosses(const SourceText& source) {
  return GlossFinder(source).find();
}

}  // namespace tolk::curation
