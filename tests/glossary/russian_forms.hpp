#pragma once
// Inflected forms of a Russian term, generated from Hunspell's affix rules (ru_RU.aff/.dic) by
// example (see curation/inflection.hpp for why not Hunspell::generate): the genitive,
// instrumental and dative of the head noun are made with the rule that makes the same case of an
// example word of the same flag and ending ("дело" -> "делом" gives "дезертирство" ->
// "дезертирством"). Adjectives before the head take the same case in their own gender and number.
// Words after the head (dependents such as "от призыва на военную службу") do not change, as in
// Russian. Only the example words are written here; every form comes from the dictionary.

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tolk/curation/inflection.hpp"
#include "tolk/text/morphology.hpp"
#include "tolk/text/transliterate.hpp"

namespace tolk::testing {

enum class Number { singular, plural };
enum class Gender { masculine, feminine, neuter };

struct Example {
  std::string_view entry;  // a dictionary entry
  std::string_view form;   // the form of this case
};

struct CaseExamples {
  std::string_view name;
  std::vector<Example> nouns_singular;
  std::vector<Example> nouns_plural;
  std::array<std::vector<Example>, 3> adjectives_singular;  // by Gender
  std::vector<Example> adjectives_plural;
};

// Example words of the inflection classes of hunspell-ru: nouns of flags K, I, N, G, O and the
// singular-only J, H, F; adjectives of flag A. The example's form is the one case named.
inline const std::vector<CaseExamples>& case_examples() {
  static const std::vector<CaseExamples> cases = {
      {"genitive",
       {{"агент", "агента"},
        {"дело", "дела"},
        {"решение", "решения"},
        {"книга", "книги"},
        {"организация", "организации"},
        {"неделя", "недели"},
        {"связь", "связи"},
        {"музей", "музея"},
        {"присяга", "присяги"},
        {"гражданин", "гражданина"},
        {"статья", "статьи"},
        {"деятельность", "деятельности"},
        {"мужество", "мужества"},
        {"терпение", "терпения"},
        {"героизм", "героизма"},
        {"багаж", "багажа"},
        {"эволюция", "эволюции"},
        {"молодежь", "молодежи"},
        {"череп", "черепа"}},
       {{"агент", "агентов"},
        {"решение", "решений"},
        {"книга", "книг"},
        {"организация", "организаций"},
        {"ценность", "ценностей"},
        {"музей", "музеев"},
        {"повестка", "повесток"}},
       {{{{"новый", "нового"},
          {"русский", "русского"},
          {"молодой", "молодого"},
          {"синий", "синего"}},
         {{"новый", "новой"}, {"русский", "русской"}, {"синий", "синей"}},
         {{"новый", "нового"},
          {"русский", "русского"},
          {"молодой", "молодого"},
          {"синий", "синего"}}}},
       {{"новый", "новых"}, {"русский", "русских"}, {"молодой", "молодых"}, {"синий", "синих"}}},
      {"instrumental",
       {{"агент", "агентом"},
        {"дело", "делом"},
        {"решение", "решением"},
        {"книга", "книгой"},
        {"организация", "организацией"},
        {"неделя", "неделей"},
        {"связь", "связью"},
        {"музей", "музеем"},
        {"присяга", "присягой"},
        {"гражданин", "гражданином"},
        {"статья", "статьей"},
        {"деятельность", "деятельностью"},
        {"мужество", "мужеством"},
        {"терпение", "терпением"},
        {"героизм", "героизмом"},
        {"эволюция", "эволюцией"},
        {"молодежь", "молодежью"},
        {"сутки", "сутками"},
        {"череп", "черепом"}},
       {{"агент", "агентами"},
        {"дело", "делами"},
        {"решение", "решениями"},
        {"книга", "книгами"},
        {"организация", "организациями"},
        {"ценность", "ценностями"},
        {"музей", "музеями"},
        {"сутки", "сутками"},
        {"повестка", "повестками"}},
       {{{{"новый", "новым"}, {"русский", "русским"}, {"молодой", "молодым"}, {"синий", "синим"}},
         {{"новый", "новой"}, {"русский", "русской"}, {"синий", "синей"}},
         {{"новый", "новым"}, {"русский", "русским"}, {"молодой", "молодым"}, {"синий", "синим"}}}},
       {{"новый", "новыми"},
        {"русский", "русскими"},
        {"молодой", "молодыми"},
        {"синий", "синими"}}},
      {"dative",
       {{"агент", "агенту"},
        {"дело", "делу"},
        {"решение", "решению"},
        {"книга", "книге"},
        {"организация", "организации"},
        {"неделя", "неделе"},
        {"связь", "связи"},
        {"музей", "музею"},
        {"присяга", "присяге"},
        {"гражданин", "гражданину"},
        {"статья", "статье"},
        {"деятельность", "деятельности"},
        {"мужество", "мужеству"},
        {"терпение", "терпению"},
        {"героизм", "героизму"},
        {"багаж", "багажу"},
        {"эволюция", "эволюции"},
        {"молодежь", "молодежи"},
        {"сутки", "суткам"},
        {"череп", "черепу"}},
       {{"агент", "агентам"},
        {"дело", "делам"},
        {"решение", "решениям"},
        {"книга", "книгам"},
        {"организация", "организациям"},
        {"ценность", "ценностям"},
        {"музей", "музеям"},
        {"сутки", "суткам"},
        {"повестка", "повесткам"}},
       {{{{"новый", "новому"},
          {"русский", "русскому"},
          {"молодой", "молодому"},
          {"синий", "синему"}},
         {{"новый", "новой"}, {"русский", "русской"}, {"синий", "синей"}},
         {{"новый", "новому"},
          {"русский", "русскому"},
          {"молодой", "молодому"},
          {"синий", "синему"}}}},
       {{"новый", "новым"}, {"русский", "русским"}, {"молодой", "молодым"}, {"синий", "синим"}}},
  };
  return cases;
}

// The nominative plural, to tell a plural term ("пытки", "традиционные ценности") from a
// singular one.
inline const std::vector<Example>& nominative_plural_examples() {
  static const std::vector<Example> examples = {{"агент", "агенты"},
                                                {"дело", "дела"},
                                                {"решение", "решения"},
                                                {"книга", "книги"},
                                                {"организация", "организации"},
                                                {"ценность", "ценности"},
                                                {"музей", "музеи"},
                                                {"связь", "связи"}};
  return examples;
}

inline bool ends_with_any(std::string_view word, std::initializer_list<std::string_view> endings) {
  for (const std::string_view ending : endings) {
    if (word.ends_with(ending))
      return true;
  }
  return false;
}

inline bool is_preposition(std::string_view word) {
  for (const std::string_view preposition :
       {"по", "в", "во", "на", "с", "со", "от", "о", "об", "для", "к", "за", "из", "под", "при"}) {
    if (word == preposition)
      return true;
  }
  return false;
}

inline bool is_adjective(std::string_view word) {
  return ends_with_any(word, {"ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие"});
}

struct InflectedTerm {
  std::vector<std::string> forms;  // the whole term in other cases, distinct from the term
  std::string skipped;             // why there are none, if so
};

class RussianInflector {
 public:
  RussianInflector()
      : affixes_(curation::AffixInflector::for_language(text::Language::ru)),
        dictionary_(text::Dictionary::for_language(text::Language::ru)) {}

  const curation::AffixInflector& affixes() const { return affixes_; }

  // The forms of `term` in the cases of case_examples().
  InflectedTerm inflect(std::string_view term) const {
    InflectedTerm result;
    std::vector<std::string> words;
    for (std::size_t begin = 0; begin < term.size();) {
      const auto end = term.find(' ', begin);
      words.emplace_back(term.substr(begin, end - begin));
      if (end == std::string_view::npos)
        break;
      begin = end + 1;
    }
    std::vector<std::optional<Entry>> entries;
    for (const std::string& word : words)
      entries.push_back(entry_of(word));
    // Adjectives carry hunspell-ru's adjective flag A; an unknown word goes by its ending.
    const auto adjective = [&](std::size_t i) {
      const bool ending = is_adjective(lower_case(bare(words[i])));
      if (!entries[i])
        return ending;
      return ending && affixes_.flags(entries[i]->entry).find('A') != std::string::npos;
    };
    // An adverb before the head ("заведомо ложная информация") has no forms and stays.
    const auto invariable = [&](std::size_t i) {
      return entries[i] && affixes_.forms(entries[i]->entry).empty();
    };
    std::size_t head = 0;
    while (head < words.size() &&
           (adjective(head) || (invariable(head) && head + 1 < words.size())))
      ++head;
    // Adjectives alone, or before a preposition, are a noun made from an adjective
    // ("военнослужащий по призыву", "Уполномоченный по правам человека").
    const bool substantive =
        head == words.size() || (head > 0 && is_preposition(lower_case(bare(words[head]))));
    if (!substantive && !entries[head]) {
      result.skipped = "Hunspell does not know '" + bare(words[head]) + "'";
      return result;
    }
    std::string failed;
    for (const CaseExamples& examples : case_examples()) {
      std::vector<std::string> inflected = words;
      if (!substantive) {
        const auto& noun_examples = entries[head]->number == Number::plural
                                        ? examples.nouns_plural
                                        : examples.nouns_singular;
        const auto noun = inflect_word(entries[head]->entry, noun_examples);
        if (!noun) {
          failed = bare(words[head]);
          continue;
        }
        inflected[head] = restore(words[head], *noun);
      }
      bool complete = true;
      for (std::size_t i = 0; i < head && complete; ++i) {
        if (invariable(i))
          continue;
        const std::string word = lower_case(bare(words[i]));
        const Number number = ends_with_any(word, {"ые", "ие"}) ? Number::plural : Number::singular;
        const Gender gender = ends_with_any(word, {"ая", "яя"})   ? Gender::feminine
                              : ends_with_any(word, {"ое", "ее"}) ? Gender::neuter
                                                                  : Gender::masculine;
        const auto& adjective_examples =
            number == Number::plural
                ? examples.adjectives_plural
                : examples.adjectives_singular[static_cast<std::size_t>(gender)];
        // "призывная" has the stems "призывной" and "призывный"; the one that inflects wins.
        std::optional<std::string> form;
        for (const std::string& candidate : candidate_entries(words[i])) {
          if ((form = inflect_word(candidate, adjective_examples)))
            break;
        }
        if (form) {
          inflected[i] = restore(words[i], *form);
        } else {
          complete = false;
          failed = bare(words[i]);
        }
      }
      if (!complete)
        continue;
      std::string form;
      for (const std::string& word : inflected)
        form += (form.empty() ? "" : " ") + word;
      if (form != term &&
          std::find(result.forms.begin(), result.forms.end(), form) == result.forms.end()) {
        result.forms.push_back(form);
      }
    }
    if (result.forms.empty()) {
      result.skipped = failed.empty()
                           ? "no other case differs from the term"
                           : "Hunspell's affix rules give no other case of '" + failed + "'";
    }
    return result;
  }

 private:
  struct Entry {
    std::string entry;
    Number number = Number::singular;
  };

  curation::AffixInflector affixes_;
  const text::Dictionary& dictionary_;

  static std::string bare(std::string_view word) {
    while (!word.empty() && (word.back() == ',' || word.back() == ')' || word.back() == '.'))
      word.remove_suffix(1);
    while (!word.empty() && word.front() == '(')
      word.remove_prefix(1);
    return std::string(word);
  }

  static std::string lower_case(const std::string& word) {
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(word);
    text.toLower(icu::Locale("ru"));
    std::string out;
    text.toUTF8String(out);
    return out;
  }

  // Every dictionary entry a word of the term may belong to.
  std::vector<std::string> candidate_entries(const std::string& written) const {
    const std::string word = lower_case(bare(written));
    if (affixes_.knows(word))
      return {word};
    std::vector<std::string> entries;
    for (const std::string& stem : dictionary_.stems(word)) {
      if (affixes_.knows(stem))
        entries.push_back(stem);
    }
    return entries;
  }

  // The dictionary entry of a word of the term, and whether the word is its plural.
  std::optional<Entry> entry_of(const std::string& written) const {
    const std::string word = lower_case(bare(written));
    if (affixes_.knows(word))
      return Entry{word, Number::singular};
    for (const std::string& stem : dictionary_.stems(word)) {
      if (!affixes_.knows(stem))
        continue;
      for (const Example& example : nominative_plural_examples()) {
        if (affixes_.inflect_like(stem, example.entry, example.form) == word)
          return Entry{stem, Number::plural};
      }
      return Entry{stem, Number::singular};
    }
    return std::nullopt;
  }

  std::optional<std::string> inflect_word(const std::string& entry,
                                          const std::vector<Example>& examples) const {
    for (const Example& example : examples) {
      const auto form = affixes_.inflect_like(entry, example.entry, example.form);
      if (form && dictionary_.spell(*form))
        return form;
    }
    return std::nullopt;
  }

  // The generated form with the written word's capital and punctuation.
  static std::string restore(const std::string& written, const std::string& form) {
    const std::string word = bare(written);
    const auto at = written.find(word);
    std::string out = form;
    const icu::UnicodeString original = icu::UnicodeString::fromUTF8(word);
    if (original.length() > 0 && u_isupper(original.char32At(0))) {
      icu::UnicodeString text = icu::UnicodeString::fromUTF8(form);
      text.replace(0, text.moveIndex32(0, 1),
                   icu::UnicodeString(static_cast<UChar32>(u_toupper(text.char32At(0)))));
      out.clear();
      text.toUTF8String(out);
    }
    return written.substr(0, at) + out + written.substr(at + word.size());
  }
};

}  // namespace tolk::testing
