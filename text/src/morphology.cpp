#include "tolk/text/morphology.hpp"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <hunspell/hunspell.hxx>
#include <mutex>
#include <sstream>
#include <unordered_map>

#include "icu_support.hpp"
#include "tolk/text/segment.hpp"

namespace tolk::text {
namespace fs = std::filesystem;
namespace {

std::vector<fs::path> dictionary_directories() {
  std::vector<fs::path> directories;
  if (const char* custom = std::getenv("TOLK_HUNSPELL_PATH"); custom && *custom) {
    std::stringstream list(custom);
    for (std::string entry; std::getline(list, entry, ':');) {
      if (!entry.empty())
        directories.emplace_back(entry);
    }
  }
  directories.emplace_back("/usr/share/hunspell");
  directories.emplace_back("/usr/share/myspell/dicts");
  directories.emplace_back("/usr/share/myspell");
  return directories;
}

std::vector<std::string_view> dictionary_names(Language language) {
  switch (language) {
    case Language::nl:
      return {"nl_NL", "nl"};
    case Language::en:
      return {"en_US", "en_GB"};
    case Language::ru:
      return {"ru_RU"};
  }
  return {};
}

// Hunspell's compound flag in the `info` result of spell().
constexpr int kSpellCompound = 1;

constexpr std::size_t kMinimumPartLength = 3;  // code points; shorter parts are noise ("ei", "en")
constexpr std::array<std::string_view, 4> kDutchLinkers = {"en", "s", "-", ""};

std::size_t code_points(std::string_view utf8) {
  return static_cast<std::size_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

}  // namespace

DictionaryNotFoundError::DictionaryNotFoundError(Language language, const std::string& searched)
    : std::runtime_error(
          "no Hunspell dictionary for '" + std::string(language_code(language)) + "' (searched " +
          searched + "; install the Debian package hunspell-" +
          (language == Language::en ? std::string("en-us") : std::string(language_code(language))) +
          " or set TOLK_HUNSPELL_PATH)") {}

struct Dictionary::Impl {
  Language language;
  fs::path affix_file;
  icu::Locale locale;
  std::unique_ptr<Hunspell> hunspell;
  std::string encoding;  // empty when the dictionary is UTF-8
  mutable std::mutex mutex;
  mutable std::unordered_map<std::string, std::vector<std::string>> stem_cache;
  mutable std::unordered_map<std::string, int> spell_cache;  // -1 unknown, else Hunspell info
  // A long-running server sees unbounded vocabulary: a full cache starts again rather than grow
  // (a few hundred thousand words cover any case file; a refill costs one Hunspell call a word).
  static constexpr std::size_t kMaxCachedWords = 200'000;

  template <typename Cache>
  static void make_room(Cache& cache) {
    if (cache.size() >= kMaxCachedWords)
      cache.clear();
  }

  std::string lower(std::string_view word) const {
    icu::UnicodeString text = icu_support::to_unicode(word);
    text.toLower(locale);
    return icu_support::to_utf8(text);
  }
  std::string to_dictionary(const std::string& utf8) const {
    if (encoding.empty())
      return utf8;
    const icu::UnicodeString text = icu_support::to_unicode(utf8);
    const int32_t size = text.extract(0, text.length(), nullptr, 0, encoding.c_str());
    std::string out(static_cast<std::size_t>(size), '\0');
    text.extract(0, text.length(), out.data(), static_cast<uint32_t>(size), encoding.c_str());
    return out;
  }
  std::string from_dictionary(const std::string& bytes) const {
    if (encoding.empty())
      return bytes;
    return icu_support::to_utf8(
        icu::UnicodeString(bytes.data(), static_cast<int32_t>(bytes.size()), encoding.c_str()));
  }

  // Hunspell's verdict on a lower-cased word: -1 unknown, else its info flags. Caller holds mutex.
  int spell_info(const std::string& word) const {
    if (const auto hit = spell_cache.find(word); hit != spell_cache.end())
      return hit->second;
    int info = 0;
    const bool known = hunspell->spell(to_dictionary(word), &info);
    make_room(spell_cache);
    return spell_cache[word] = known ? info : -1;
  }
  bool is_simple_word(const std::string& word) const {
    const int info = spell_info(word);
    return info >= 0 && (info & kSpellCompound) == 0;
  }

  std::vector<std::string> raw_stems(const std::string& word) const {
    std::vector<std::string> result;
    // Hunspell 1.7.1's stem() reads past its buffer on some misspelt Dutch compounds
    // ("prijsstabiilsatie"); spell() does not, and a word it rejects has no stems anyway.
    if (spell_info(word) < 0)
      return result;
    for (const std::string& stem : hunspell->stem(to_dictionary(word))) {
      std::string lowered = lower(from_dictionary(stem));
      if (std::find(result.begin(), result.end(), lowered) == result.end()) {
        result.push_back(std::move(lowered));
      }
    }
    return result;
  }

  // English inflections undone by rule, each candidate checked with the dictionary. Hunspell's
  // own en_US stems are derivational ("prisoners" -> "prison", "refused" -> "fuse"), which is
  // wrong for terminology, so these come first.
  std::optional<std::string> english_inflection_base(const std::string& word) const {
    struct Rule {
      std::string_view suffix;
      std::string_view replacement;
    };
    static constexpr std::array<Rule, 16> kRules = {{{"'s", ""},
                                                     {"ies", "y"},
                                                     {"sses", "ss"},
                                                     {"ses", "s"},
                                                     {"xes", "x"},
                                                     {"ches", "ch"},
                                                     {"shes", "sh"},
                                                     {"s", ""},
                                                     {"ied", "y"},
                                                     {"ed", "e"},
                                                     {"ed", ""},
                                                     {"ing", "e"},
                                                     {"ing", ""},
                                                     {"men", "man"},
                                                     {"ves", "f"},
                                                     {"ves", "fe"}}};
    for (const Rule& rule : kRules) {
      if (!word.ends_with(rule.suffix) || word.size() < rule.suffix.size() + 2)
        continue;
      if (rule.suffix == "s" && word.ends_with("ss"))
        continue;
      const std::string base =
          word.substr(0, word.size() - rule.suffix.size()) + std::string(rule.replacement);
      if (spell_info(base) >= 0)
        return base;
    }
    // Doubled final consonant: "committed" -> "commit", "detaining" is handled above.
    for (const std::string_view suffix : {"ed", "ing"}) {
      if (word.size() > suffix.size() + 3 && word.ends_with(suffix)) {
        const std::string base = word.substr(0, word.size() - suffix.size());
        if (base[base.size() - 1] == base[base.size() - 2]) {
          const std::string single = base.substr(0, base.size() - 1);
          if (spell_info(single) >= 0)
            return single;
        }
      }
    }
    return std::nullopt;
  }

  // Hunspell's stems, most plausible lemma first: the word itself when it is a lemma; for
  // English, the rule-based base; then stems that are their own stem (a lemma is a fixed point of
  // stemming: "soldaat" is, "soldate" is not), longer shared beginnings with the word first.
  std::vector<std::string> ranked_stems(const std::string& word) const {
    std::vector<std::string> stems = raw_stems(word);
    if (language == Language::en) {
      // English inflects at the end only: a stem that does not begin as the word does is the
      // word without a prefix, another word ("unit" is not un- + "it", "units" not "it").
      std::erase_if(stems, [&](const std::string& stem) {
        return stem.empty() || word.empty() || stem.front() != word.front();
      });
    }
    if (std::find(stems.begin(), stems.end(), word) != stems.end()) {
      std::stable_partition(stems.begin(), stems.end(), [&](const auto& s) { return s == word; });
      return stems;
    }
    if (language == Language::en) {
      if (const auto base = english_inflection_base(word)) {
        std::erase(stems, *base);
        stems.insert(stems.begin(), *base);
        return stems;
      }
    }
    const auto shared_prefix = [&](const std::string& stem) {
      return static_cast<std::size_t>(
          std::mismatch(stem.begin(), stem.end(), word.begin(), word.end()).first - stem.begin());
    };
    std::vector<std::pair<bool, std::size_t>> keys;
    std::vector<std::size_t> order(stems.size());
    for (std::size_t i = 0; i < stems.size(); ++i) {
      const auto again = raw_stems(stems[i]);
      keys.emplace_back(std::find(again.begin(), again.end(), stems[i]) != again.end(),
                        shared_prefix(stems[i]));
      order[i] = i;
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return keys[a] > keys[b]; });
    std::vector<std::string> ranked;
    for (const std::size_t i : order)
      ranked.push_back(std::move(stems[i]));
    return ranked;
  }

  // Longest simple head first; the modifier may be any known word, itself a compound or not,
  // joined by one of the Dutch linking morphemes. Caller holds mutex.
  std::optional<CompoundSplit> split(const std::string& word) const {
    if (language != Language::nl || is_simple_word(word))
      return std::nullopt;
    for (std::size_t cut = 1; cut < word.size(); ++cut) {
      if ((static_cast<unsigned char>(word[cut]) & 0xC0) == 0x80)
        continue;
      const std::string head = word.substr(cut);
      if (code_points(head) < kMinimumPartLength || !is_simple_word(head))
        continue;
      const std::string_view modifier(word.data(), cut);
      // Linkers are tried longest first and "none" last, so that "staatsgreep" is staat+s+greep
      // even though the dictionary also knows "staats".
      for (const std::string_view linker : kDutchLinkers) {
        if (!modifier.ends_with(linker))
          continue;
        const std::string stem(modifier.substr(0, modifier.size() - linker.size()));
        if (code_points(stem) < kMinimumPartLength || spell_info(stem) < 0)
          continue;
        return CompoundSplit{{stem, head}, std::string(linker)};
      }
    }
    return std::nullopt;
  }

  std::vector<std::string> stems(const std::string& word) const {
    if (const auto hit = stem_cache.find(word); hit != stem_cache.end())
      return hit->second;
    std::vector<std::string> result;
    if (language == Language::nl && !is_simple_word(word)) {
      // Hunspell stems a Dutch compound on its first part ("dienstplicht" -> "dienst"); the
      // lemma of a compound is its modifier with the lemma of its head.
      if (const auto parts = split(word)) {
        const std::string prefix = parts->parts.front() + parts->linker;
        for (const std::string& head : ranked_stems(parts->parts.back())) {
          result.push_back(prefix + head);
        }
      }
    }
    if (result.empty())
      result = ranked_stems(word);
    make_room(stem_cache);
    return stem_cache[word] = result;
  }
};

Dictionary::Dictionary(Language language, const fs::path& affix_file,
                       const fs::path& dictionary_file)
    : impl_(std::make_unique<Impl>()) {
  for (const auto& file : {affix_file, dictionary_file}) {
    if (!fs::is_regular_file(file)) {
      throw DictionaryNotFoundError(language, file.string());
    }
  }
  impl_->language = language;
  impl_->affix_file = affix_file;
  impl_->locale = icu::Locale(std::string(icu_locale_id(language)).c_str());
  impl_->hunspell = std::make_unique<Hunspell>(affix_file.c_str(), dictionary_file.c_str());
  std::string encoding = impl_->hunspell->get_dict_encoding();
  std::transform(encoding.begin(), encoding.end(), encoding.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (encoding != "UTF-8" && encoding != "UTF8")
    impl_->encoding = encoding;
}

Dictionary::~Dictionary() = default;

const Dictionary& Dictionary::for_language(Language language) {
  static std::array<std::once_flag, kSupportedLanguages.size()> loaded;
  static std::array<std::unique_ptr<Dictionary>, kSupportedLanguages.size()> dictionaries;
  const auto index = static_cast<std::size_t>(language);
  std::call_once(loaded[index], [&] {
    std::string searched;
    for (const fs::path& directory : dictionary_directories()) {
      for (const std::string_view name : dictionary_names(language)) {
        const fs::path affix = directory / (std::string(name) + ".aff");
        const fs::path words = directory / (std::string(name) + ".dic");
        if (fs::is_regular_file(affix) && fs::is_regular_file(words)) {
          dictionaries[index] = std::make_unique<Dictionary>(language, affix, words);
          return;
        }
        searched += (searched.empty() ? "" : ", ") + affix.string();
      }
    }
    throw DictionaryNotFoundError(language, searched);
  });
  return *dictionaries[index];
}

Language Dictionary::language() const {
  return impl_->language;
}

const fs::path& Dictionary::affix_file() const {
  return impl_->affix_file;
}

bool Dictionary::spell(std::string_view word) const {
  const std::lock_guard lock(impl_->mutex);
  return impl_->hunspell->spell(impl_->to_dictionary(std::string(word)));
}

std::vector<std::string> Dictionary::stems(std::string_view word) const {
  const std::string lowered = impl_->lower(word);
  const std::lock_guard lock(impl_->mutex);
  return impl_->stems(lowered);
}

std::string Dictionary::lemma(std::string_view word) const {
  auto found = stems(word);
  return found.empty() ? impl_->lower(word) : std::move(found.front());
}

std::optional<CompoundSplit> Dictionary::split_compound(std::string_view word) const {
  const std::string lowered = impl_->lower(word);
  const std::lock_guard lock(impl_->mutex);
  return impl_->split(lowered);
}

std::vector<std::string> stems(std::string_view word, Language language) {
  return Dictionary::for_language(language).stems(word);
}

std::string lemma(std::string_view word, Language language) {
  return Dictionary::for_language(language).lemma(word);
}

std::optional<CompoundSplit> split_compound(std::string_view word, Language language) {
  return Dictionary::for_language(language).split_compound(word);
}

std::vector<std::string> lemma_sequence(std::string_view text, Language language) {
  const Dictionary& dictionary = Dictionary::for_language(language);
  std::vector<std::string> lemmas;
  for (const Token& token : tokenize(text, language)) {
    lemmas.push_back(token.kind == TokenKind::word ? dictionary.lemma(token.text)
                                                   : std::string(token.text));
  }
  return lemmas;
}

}  // namespace tolk::text
