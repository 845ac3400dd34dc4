#include "tolk/termbase/concept.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include "tolk/io/strings.hpp"
#include "tolk/text/normalize.hpp"

namespace tolk::termbase {
using io::trim;

std::vector<const Term*> Concept::terms_in(Language language) const {
  std::vector<const Term*> found;
  for (const Term& term : terms) {
    if (term.language == language) {
      found.push_back(&term);
    }
  }
  return found;
}

const Term* Concept::preferred_term(Language language) const {
  const auto in_language = terms_in(language);
  const auto preferred = std::find_if(in_language.begin(), in_language.end(), [](const Term* term) {
    return term->status == TermStatus::preferred;
  });
  if (preferred != in_language.end()) {
    return *preferred;
  }
  return in_language.empty() ? nullptr : in_language.front();
}

std::string Concept::joined_terms(Language language, std::string_view separator) const {
  std::string out;
  if (const Term* preferred = preferred_term(language))
    out = preferred->text;
  for (const Term* term : terms_in(language)) {
    if (term->text == out || term->status == TermStatus::deprecated)
      continue;
    if (!out.empty())
      out += separator;
    out += term->text;
  }
  return out;
}

std::string Concept::joined_references(std::string_view separator) const {
  std::string out;
  for (const LegalReference& reference : legal_references) {
    if (!out.empty())
      out += separator;
    out += to_string(reference);
  }
  return out;
}

std::string Concept::joined_titled_references(std::string_view separator) const {
  std::string out;
  for (const LegalReference& reference : legal_references) {
    if (!out.empty())
      out += separator;
    out += titled(reference);
  }
  return out;
}

namespace {

// One accepted spelling of an enumerator. The first entry of each table for a value is the name
// TBX-Basic writes; the later ones are tolk's short names and the spellings of older TBX files.
template <typename Enum>
struct Spelling {
  std::string_view text;
  Enum value;
};

constexpr std::array<Spelling<TermStatus>, 16> kStatusSpellings{{
    {"preferredTerm-admn-sts", TermStatus::preferred},
    {"admittedTerm-admn-sts", TermStatus::admitted},
    {"deprecatedTerm-admn-sts", TermStatus::deprecated},
    {"supersededTerm-admn-sts", TermStatus::superseded},
    {"preferred", TermStatus::preferred},
    {"admitted", TermStatus::admitted},
    {"deprecated", TermStatus::deprecated},
    {"superseded", TermStatus::superseded},
    // TBX v2 normativeAuthorization values and ISO 12620 synonyms.
    {"preferredTerm", TermStatus::preferred},
    {"admittedTerm", TermStatus::admitted},
    {"deprecatedTerm", TermStatus::deprecated},
    {"supersededTerm", TermStatus::superseded},
    {"standardizedTerm", TermStatus::preferred},
    {"standardizedTerm-admn-sts", TermStatus::preferred},
    {"legalTerm-admn-sts", TermStatus::preferred},
    {"regulatedTerm-admn-sts", TermStatus::preferred},
}};

// TBX-Basic has no termType for a transliteration; "transliteratedForm" and "transcribedForm"
// come from the full ISO 12620 picklist and are read but never written.
constexpr std::array<Spelling<TermType>, 13> kTypeSpellings{{
    {"fullForm", TermType::full_form},
    {"abbreviation", TermType::abbreviation},
    {"acronym", TermType::acronym},
    {"shortForm", TermType::short_form},
    {"variant", TermType::variant},
    {"phrase", TermType::phrase},
    {"transliteration", TermType::transliteration},
    {"transliteratedForm", TermType::transliteration},
    {"transcribedForm", TermType::transliteration},
    {"romanizedForm", TermType::transliteration},
    {"full form", TermType::full_form},
    {"short form", TermType::short_form},
    {"abbreviatedForm", TermType::abbreviation},
}};

constexpr std::array<Spelling<PartOfSpeech>, 9> kPartOfSpeechSpellings{{
    {"noun", PartOfSpeech::noun},
    {"properNoun", PartOfSpeech::proper_noun},
    {"verb", PartOfSpeech::verb},
    {"adjective", PartOfSpeech::adjective},
    {"adverb", PartOfSpeech::adverb},
    {"other", PartOfSpeech::other},
    {"phrase", PartOfSpeech::phrase},
    {"proper noun", PartOfSpeech::proper_noun},
    {"adj", PartOfSpeech::adjective},
}};

constexpr std::array<Spelling<Gender>, 8> kGenderSpellings{{
    {"masculine", Gender::masculine},
    {"feminine", Gender::feminine},
    {"neuter", Gender::neuter},
    {"other", Gender::other},
    {"m", Gender::masculine},
    {"f", Gender::feminine},
    {"n", Gender::neuter},
    {"otherGender", Gender::other},
}};

constexpr std::array<Spelling<GrammaticalNumber>, 6> kNumberSpellings{{
    {"singular", GrammaticalNumber::singular},
    {"plural", GrammaticalNumber::plural},
    {"other", GrammaticalNumber::other},
    {"sg", GrammaticalNumber::singular},
    {"pl", GrammaticalNumber::plural},
    {"otherNumber", GrammaticalNumber::other},
}};

bool equal_ignoring_ascii_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

template <typename Enum, std::size_t N>
std::optional<Enum> parse_spelling(const std::array<Spelling<Enum>, N>& spellings,
                                   std::string_view text) {
  text = trim(text);
  for (const auto& spelling : spellings) {
    if (equal_ignoring_ascii_case(spelling.text, text)) {
      return spelling.value;
    }
  }
  return std::nullopt;
}

template <typename Enum, std::size_t N>
std::string_view first_spelling(const std::array<Spelling<Enum>, N>& spellings, Enum value) {
  for (const auto& spelling : spellings) {
    if (spelling.value == value) {
      return spelling.text;
    }
  }
  return {};
}

}  // namespace

std::string_view to_string(TermStatus status) {
  return first_spelling(kStatusSpellings, status);
}

// TBX-Basic's termType picklist has no transliteration: it is written as "variant" (the TBX
// writer adds a note that keeps the difference for tolk).
std::string_view to_string(TermType type) {
  if (type == TermType::transliteration) {
    return "variant";
  }
  return first_spelling(kTypeSpellings, type);
}

// TBX-Basic's partOfSpeech picklist has no phrase: it is written as "other".
std::string_view to_string(PartOfSpeech part_of_speech) {
  if (part_of_speech == PartOfSpeech::phrase) {
    return "other";
  }
  return first_spelling(kPartOfSpeechSpellings, part_of_speech);
}

std::string_view to_string(Gender gender) {
  return first_spelling(kGenderSpellings, gender);
}

std::string_view to_string(GrammaticalNumber number) {
  return first_spelling(kNumberSpellings, number);
}

std::optional<TermStatus> parse_term_status(std::string_view text) {
  return parse_spelling(kStatusSpellings, text);
}
std::optional<TermType> parse_term_type(std::string_view text) {
  return parse_spelling(kTypeSpellings, text);
}
std::optional<PartOfSpeech> parse_part_of_speech(std::string_view text) {
  return parse_spelling(kPartOfSpeechSpellings, text);
}
std::optional<Gender> parse_gender(std::string_view text) {
  return parse_spelling(kGenderSpellings, text);
}
std::optional<GrammaticalNumber> parse_number(std::string_view text) {
  return parse_spelling(kNumberSpellings, text);
}

// ---- Legal references ---------------------------------------------------------------------------

namespace {

// The numbers of an article or part in order: "20.3.3" -> 20, 3, 3; "255-FZ" -> 255.
std::vector<unsigned long> article_numbers(std::string_view article) {
  std::vector<unsigned long> numbers;
  unsigned long value = 0;
  bool digits = false;
  for (const char c : article) {
    if (c >= '0' && c <= '9') {
      value = value * 10 + static_cast<unsigned long>(c - '0');
      digits = true;
      continue;
    }
    if (digits)
      numbers.push_back(value);
    value = 0;
    digits = false;
  }
  if (digits)
    numbers.push_back(value);
  return numbers;
}

}  // namespace

bool legal_order_less(const LegalReference& a, const LegalReference& b) {
  if (a.code != b.code)
    return a.code < b.code;
  const auto left = article_numbers(a.article);
  const auto right = article_numbers(b.article);
  if (left != right)
    return left < right;
  return article_numbers(a.part) < article_numbers(b.part);
}

std::string to_string(const LegalReference& reference) {
  std::string text = reference.code + " " + reference.article;
  if (!reference.part.empty()) {
    text += " part " + reference.part;
  }
  return text;
}

std::string titled(const LegalReference& reference) {
  std::string text = to_string(reference);
  if (!reference.title.empty())
    text += " «" + reference.title + "»";
  return text;
}

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// "328", "6.21", "20.3.3", "2.1": digits with inner periods.
bool is_article_number(std::string_view token) {
  if (token.empty() || !is_digit(token.front()) || !is_digit(token.back())) {
    return false;
  }
  return std::all_of(token.begin(), token.end(), [](char c) { return is_digit(c) || c == '.'; });
}

// "255-fz" or "255-фз" (search keys are lower case): the number of a federal law.
std::optional<std::string> federal_law_number(std::string_view token) {
  for (const std::string_view suffix : {std::string_view("-fz"), std::string_view("-фз")}) {
    if (token.size() > suffix.size() && token.ends_with(suffix)) {
      const auto number = token.substr(0, token.size() - suffix.size());
      if (std::all_of(number.begin(), number.end(), is_digit)) {
        return std::string(number) + "-FZ";
      }
    }
  }
  return std::nullopt;
}

// The search key (lower case, one kind of dash, single spaces) cut into words; parentheses and
// commas become words of their own so that "328(1)" reads as article 328 part 1. A period that
// ends a word is dropped ("ст." -> "ст", "6.21." -> "6.21").
std::vector<std::string> legal_words(std::string_view text) {
  std::string key = text::search_key(text, Language::en);
  std::string spaced;
  for (const char c : key) {
    if (c == '(' || c == ')' || c == ',' || c == ';' || c == ':') {
      spaced += ' ';
      spaced += c;
      spaced += ' ';
    } else {
      spaced += c;
    }
  }
  std::vector<std::string> words;
  std::size_t begin = 0;
  while (begin < spaced.size()) {
    const auto end = std::min(spaced.find(' ', begin), spaced.size());
    std::string word = spaced.substr(begin, end - begin);
    while (word.size() > 1 && word.back() == '.') {
      word.pop_back();
    }
    if (!word.empty()) {
      words.push_back(std::move(word));
    }
    begin = end + 1;
  }
  return words;
}

bool is_one_of(std::string_view word, std::initializer_list<std::string_view> choices) {
  return std::find(choices.begin(), choices.end(), word) != choices.end();
}

bool is_article_word(std::string_view word) {
  return is_one_of(word, {"article", "art", "artikel", "arts", "ст", "статья", "статьи", "статье",
                          "статьей", "статьёй"});
}

bool is_part_word(std::string_view word) {
  return is_one_of(word, {"part", "lid", "ч", "часть", "части", "частью", "paragraph", "para"});
}

// The code a word (with the words after it) names, if any.
std::optional<std::string> code_named_at(const std::vector<std::string>& words, std::size_t at) {
  const std::string_view word = words[at];
  const auto next = [&](std::size_t offset) -> std::string_view {
    return at + offset < words.size() ? std::string_view(words[at + offset]) : std::string_view();
  };
  if (is_one_of(word, {"uk", "ук", "wvs", "wvsr"})) {
    return "UK RF";
  }
  if (is_one_of(word, {"koap", "коап", "cao"})) {
    return "KoAP RF";
  }
  if (word == "criminal" && next(1) == "code") {
    return "UK RF";
  }
  if (word.starts_with("уголовн") && next(1).starts_with("кодекс")) {
    return "UK RF";
  }
  if (word == "administrative" && (next(1) == "offences" || next(1) == "offenses")) {
    return "KoAP RF";
  }
  if (word.starts_with("кодекс") && next(1) == "об" && next(2).starts_with("административн")) {
    return "KoAP RF";
  }
  if (word == "wetboek" && next(1) == "van") {
    if (next(2) == "strafrecht") {
      return "UK RF";
    }
    if (next(2).starts_with("administratieve")) {
      return "KoAP RF";
    }
  }
  return std::nullopt;
}

// tolk's own form "CODE ARTICLE[ part PART]", also for codes parse_legal_reference does not
// know by name (so that a reference tolk wrote reads back whatever its code): the code is made
// of letters and spaces only, the article starts with a digit.
std::optional<LegalReference> parse_canonical_form(std::string_view text) {
  LegalReference reference;
  if (const auto part_at = text.rfind(" part "); part_at != std::string_view::npos) {
    reference.part = std::string(text.substr(part_at + 6));
    text = text.substr(0, part_at);
    if (reference.part.empty() || reference.part.find(' ') != std::string::npos) {
      return std::nullopt;
    }
  }
  const auto space = text.rfind(' ');
  if (space == std::string_view::npos || space == 0) {
    return std::nullopt;
  }
  reference.code = std::string(text.substr(0, space));
  reference.article = std::string(text.substr(space + 1));
  const bool code_is_words = std::all_of(reference.code.begin(), reference.code.end(), [](char c) {
    return std::isalpha(static_cast<unsigned char>(c)) || c == ' ';
  });
  if (!code_is_words || reference.article.empty() || !is_digit(reference.article.front())) {
    return std::nullopt;
  }
  return reference;
}

}  // namespace

std::optional<LegalReference> parse_legal_reference(std::string_view text) {
  text = trim(text);
  const auto words = legal_words(text);
  std::optional<std::string> code;
  std::string article;
  std::string part;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    const bool number_follows = i + 1 < words.size() && is_article_number(words[i + 1]);
    if (const auto law = federal_law_number(word)) {
      return LegalReference{"FZ", *law, "", ""};
    }
    if (!code) {
      code = code_named_at(words, i);
      // "UK RF 328 part 1": the article follows the code directly.
      if (code && article.empty()) {
        std::size_t after = i + 1;
        if (after < words.size() && is_one_of(words[after], {"rf", "рф"})) {
          ++after;
        }
        if (after < words.size() && is_article_number(words[after])) {
          article = words[after];
        }
      }
    }
    if (is_article_word(word) && number_follows && article.empty()) {
      article = words[i + 1];
    } else if (is_part_word(word) && number_follows && part.empty()) {
      part = words[i + 1];
    } else if (word == "(" && number_follows && i + 2 < words.size() && words[i + 2] == ")" &&
               !article.empty() && part.empty()) {
      part = words[i + 1];
    }
  }
  if (code && !article.empty()) {
    return LegalReference{*code, article, part, ""};
  }
  return parse_canonical_form(text);
}

}  // namespace tolk::termbase
