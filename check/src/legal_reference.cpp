#include "tolk/check/legal_reference.hpp"

#include <algorithm>
#include <array>

#include "tolk/text/segment.hpp"

namespace tolk::check {
namespace {

using text::Token;
using text::TokenKind;

// ASCII and Russian Cyrillic lower case; enough for the keywords compared here.
std::string lower(std::string_view word) {
  std::string out(word);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const auto byte = static_cast<unsigned char>(out[i]);
    if (byte >= 'A' && byte <= 'Z') {
      out[i] = static_cast<char>(byte - 'A' + 'a');
    } else if (byte == 0xD0 && i + 1 < out.size()) {
      const auto next = static_cast<unsigned char>(out[i + 1]);
      if (next >= 0x90 && next <= 0x9F) {  // А..П -> а..п
        out[i + 1] = static_cast<char>(next + 0x20);
      } else if (next >= 0xA0 && next <= 0xAF) {  // Р..Я -> р..я
        out[i] = static_cast<char>(0xD1);
        out[i + 1] = static_cast<char>(next - 0x20);
      } else if (next == 0x81) {  // Ё -> ё
        out[i] = static_cast<char>(0xD1);
        out[i + 1] = static_cast<char>(0x91);
      }
      ++i;
    }
  }
  return out;
}

template <std::size_t N>
bool is_one_of(std::string_view word, const std::array<std::string_view, N>& words) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

constexpr std::array<std::string_view, 16> kArticleWords{
    "artikel", "artikelen", "art",    "artt",   "article", "articles", "arts",   "ст",
    "статья",  "статьи",    "статье", "статью", "статьей", "статьёй",  "статей", "статьями"};
constexpr std::array<std::string_view, 10> kPartWords{
    "lid", "leden", "part", "parts", "ч", "часть", "части", "частью", "частей", "частями"};
constexpr std::array<std::string_view, 7> kListWords{",", "en", "and", "и", "&", "-", "–"};

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// "1.000" and "1,000" -> "1000"; "330.1", "20.3.3" and "14.07.2022" unchanged.
std::string normalize_number(std::string_view number) {
  const auto separator = number.find_first_of(".,");
  if (separator == std::string_view::npos || separator == 0 || separator > 3)
    return std::string(number);
  std::string digits(number.substr(0, separator));
  std::size_t at = separator;
  while (at < number.size()) {
    if (number[at] != '.' && number[at] != ',')
      return std::string(number);
    const auto next = number.find_first_of(".,", at + 1);
    const auto group =
        number.substr(at + 1, (next == std::string_view::npos ? number.size() : next) - at - 1);
    if (group.size() != 3)
      return std::string(number);
    digits += group;
    at = next == std::string_view::npos ? number.size() : next;
  }
  return digits;
}

class Scanner {
 public:
  Scanner(std::string_view text, text::Language language)
      : tokens_(text::tokenize(text, language, text::Punctuation::keep)) {
    words_.reserve(tokens_.size());
    for (const Token& token : tokens_)
      words_.push_back(lower(token.text));
  }

  ReferenceSet scan() {
    ReferenceSet out;
    for (std::size_t i = 0; i < tokens_.size(); ++i) {
      const std::string& word = words_[i];
      if (tokens_[i].kind == TokenKind::number) {
        add_number(out, tokens_[i].text);
        std::size_t next = i + 1;
        if (next < tokens_.size() && (words_[next] == "-" || words_[next] == "‑"))
          ++next;
        if (next < tokens_.size() && (words_[next] == "fz" || words_[next] == "фз"))
          out.laws.push_back(std::string(tokens_[i].text));
        continue;
      }
      if (tokens_[i].kind != TokenKind::word)
        continue;
      if (is_one_of(word, kArticleWords)) {
        collect_numbers(i + 1, out.articles, &out.parts);
      } else if (is_one_of(word, kPartWords)) {
        collect_numbers(i + 1, out.parts, nullptr);
      } else if (word == "wvs" || word == "ук" || word == "strafwetboek" ||
                 (word == "uk" && word_at(i + 1) == "rf") ||
                 (word == "criminal" && word_at(i + 1) == "code") ||
                 (word == "wetboek" && word_at(i + 1) == "van" && word_at(i + 2) == "strafrecht") ||
                 (starts_with(word, "уголовн") && starts_with(word_at(i + 1), "кодекс"))) {
        add_code(out, "UK RF");
      } else if (word == "koap" || word == "коап" || word == "cao" ||
                 (word == "administrative" && starts_with(word_at(i + 1), "offen") &&
                  preceded_by(i, "code")) ||
                 (word == "administratieve" && word_at(i + 1) == "overtredingen" &&
                  preceded_by(i, "wetboek")) ||
                 (word == "административных" && word_at(i + 1) == "правонарушениях" &&
                  preceded_by(i, "кодекс"))) {
        add_code(out, "KoAP RF");
      }
    }
    std::sort(out.articles.begin(), out.articles.end());
    std::sort(out.parts.begin(), out.parts.end());
    std::sort(out.laws.begin(), out.laws.end());
    std::sort(out.numbers.begin(), out.numbers.end());
    return out;
  }

 private:
  std::string_view word_at(std::size_t i) const {
    return i < words_.size() ? std::string_view(words_[i]) : std::string_view();
  }

  // A word starting with `prefix` among the four words before `i`.
  bool preceded_by(std::size_t i, std::string_view prefix) const {
    for (std::size_t back = 1; back <= 4 && back <= i; ++back) {
      if (starts_with(words_[i - back], prefix))
        return true;
    }
    return false;
  }

  // A date written "14.07.2022" counts as its day and year, as "14 juli 2022" does.
  static void add_number(ReferenceSet& out, std::string_view number) {
    const auto first = number.find('.');
    const auto second = first == std::string_view::npos ? first : number.find('.', first + 1);
    const bool date = second != std::string_view::npos && first >= 1 && first <= 2 &&
                      second - first >= 2 && second - first <= 3 && number.size() == second + 5;
    if (date) {
      std::string_view day = number.substr(0, first);
      if (day.size() == 2 && day[0] == '0')
        day.remove_prefix(1);
      out.numbers.emplace_back(day);
      out.numbers.emplace_back(number.substr(second + 1));
      return;
    }
    out.numbers.push_back(normalize_number(number));
  }

  static void add_code(ReferenceSet& out, const char* code) {
    if (std::find(out.codes.begin(), out.codes.end(), code) == out.codes.end())
      out.codes.emplace_back(code);
  }

  // "328", "328, 329 en 330", "ст. 328", "Article 328(1)": numbers after a keyword.
  void collect_numbers(std::size_t i, std::vector<std::string>& into,
                       std::vector<std::string>* parts) {
    if (i < tokens_.size() && words_[i] == ".")
      ++i;
    while (i < tokens_.size() && tokens_[i].kind == TokenKind::number) {
      into.emplace_back(tokens_[i].text);
      ++i;
      // "328(1)": a part in brackets.
      if (parts && i + 2 < tokens_.size() && words_[i] == "(" &&
          tokens_[i + 1].kind == TokenKind::number && words_[i + 2] == ")") {
        parts->emplace_back(tokens_[i + 1].text);
        i += 3;
      }
      if (i + 1 < tokens_.size() && is_one_of(words_[i], kListWords) &&
          tokens_[i + 1].kind == TokenKind::number) {
        ++i;
      }
    }
  }

  std::vector<Token> tokens_;
  std::vector<std::string> words_;
};

}  // namespace

ReferenceSet extract_references(std::string_view text, text::Language language) {
  return Scanner(text, language).scan();
}

std::string_view code_name(std::string_view code, text::Language language) {
  const bool criminal = code == "UK RF";
  switch (language) {
    case text::Language::nl:
      return criminal ? "WvS" : "CAO";
    case text::Language::en:
      return criminal ? "Criminal Code" : "Code of Administrative Offences";
    case text::Language::ru:
      return criminal ? "УК РФ" : "КоАП РФ";
  }
  return code;
}

}  // namespace tolk::check
