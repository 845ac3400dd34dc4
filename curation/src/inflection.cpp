#include "tolk/curation/inflection.hpp"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

#include "tolk/text/morphology.hpp"
#include "tolk/text/utf8.hpp"

namespace tolk::curation {
namespace fs = std::filesystem;
namespace {

std::u32string lower(const std::u32string& text) {
  icu::UnicodeString unicode;
  for (const char32_t c : text)
    unicode.append(static_cast<UChar32>(c));
  unicode.toLower(icu::Locale("ru"));
  std::string utf8;
  unicode.toUTF8String(utf8);
  return tolk::text::to_code_points(utf8);
}

// One element of a Hunspell condition: a letter, "." (any), or a bracket class [abc] / [^abc].
struct ConditionElement {
  std::u32string letters;
  bool negated = false;
  bool any = false;

  bool matches(char32_t c) const {
    if (any)
      return true;
    const bool listed = letters.find(c) != std::u32string::npos;
    return negated ? !listed : listed;
  }
};

struct SuffixRule {
  char32_t flag = 0;
  std::u32string strip;
  std::u32string add;
  std::vector<ConditionElement> condition;  // matched against the end of the entry

  bool applies_to(const std::u32string& entry) const {
    if (entry.size() < condition.size() || entry.size() <= strip.size() ||
        !entry.ends_with(strip)) {
      return false;
    }
    const std::size_t offset = entry.size() - condition.size();
    for (std::size_t i = 0; i < condition.size(); ++i) {
      if (!condition[i].matches(entry[offset + i]))
        return false;
    }
    return true;
  }
  std::u32string apply(const std::u32string& entry) const {
    return entry.substr(0, entry.size() - strip.size()) + add;
  }
};

std::vector<ConditionElement> parse_condition(const std::u32string& text) {
  std::vector<ConditionElement> elements;
  for (std::size_t i = 0; i < text.size(); ++i) {
    ConditionElement element;
    if (text[i] == U'.') {
      element.any = true;
    } else if (text[i] == U'[') {
      std::size_t j = i + 1;
      if (j < text.size() && text[j] == U'^') {
        element.negated = true;
        ++j;
      }
      while (j < text.size() && text[j] != U']')
        element.letters.push_back(text[j++]);
      i = j;
    } else {
      element.letters.push_back(text[i]);
    }
    elements.push_back(std::move(element));
  }
  return elements;
}

std::vector<std::string> split_fields(const std::string& line) {
  std::istringstream stream(line);
  std::vector<std::string> fields;
  for (std::string field; stream >> field;)
    fields.push_back(field);
  return fields;
}

}  // namespace

struct AffixInflector::Rules {
  std::unordered_map<char32_t, std::vector<SuffixRule>> by_flag;
  std::unordered_map<std::u32string, std::u32string> entries;  // entry -> its flags

  const std::u32string* flags_of(const std::u32string& entry) const {
    if (const auto hit = entries.find(entry); hit != entries.end())
      return &hit->second;
    if (const auto hit = entries.find(lower(entry)); hit != entries.end())
      return &hit->second;
    return nullptr;
  }
  std::u32string entry_form(const std::u32string& entry) const {
    return entries.contains(entry) ? entry : lower(entry);
  }
};

AffixInflector::AffixInflector(const fs::path& affix_file, const fs::path& dictionary_file)
    : rules_(std::make_unique<Rules>()) {
  std::ifstream affix(affix_file);
  if (!affix)
    throw std::runtime_error(affix_file.string() + ": cannot open");
  for (std::string line; std::getline(affix, line);) {
    const auto fields = split_fields(line);
    if (fields.size() >= 2 && fields[0] == "SET" && fields[1] != "UTF-8")
      throw std::runtime_error(affix_file.string() + ": not UTF-8 (" + fields[1] + ")");
    if (fields.size() >= 2 && fields[0] == "FLAG")
      throw std::runtime_error(affix_file.string() + ": only one-character flags are read");
    // "SFX K 0 ом [^цейожьшщч]"; the header "SFX K Y 55" has four fields.
    if (fields.size() < 5 || fields[0] != "SFX")
      continue;
    const std::u32string flag = tolk::text::to_code_points(fields[1]);
    if (flag.size() != 1)
      continue;
    SuffixRule rule;
    rule.flag = flag.front();
    rule.strip = fields[2] == "0" ? std::u32string() : tolk::text::to_code_points(fields[2]);
    std::string add = fields[3];
    if (const auto slash = add.find('/'); slash != std::string::npos)
      add.resize(slash);  // continuation classes are not followed
    rule.add = add == "0" ? std::u32string() : tolk::text::to_code_points(add);
    rule.condition = parse_condition(tolk::text::to_code_points(fields[4]));
    rules_->by_flag[rule.flag].push_back(std::move(rule));
  }
  std::ifstream words(dictionary_file);
  if (!words)
    throw std::runtime_error(dictionary_file.string() + ": cannot open");
  bool first = true;
  for (std::string line; std::getline(words, line);) {
    if (first) {
      first = false;  // the entry count
      continue;
    }
    const std::string entry_field = line.substr(0, line.find_first_of(" \t"));
    const auto slash = entry_field.find('/');
    const std::u32string entry = tolk::text::to_code_points(entry_field.substr(0, slash));
    if (entry.empty())
      continue;
    const std::u32string flags = slash == std::string::npos
                                     ? std::u32string()
                                     : tolk::text::to_code_points(entry_field.substr(slash + 1));
    rules_->entries[entry] += flags;
  }
}

AffixInflector::~AffixInflector() = default;
AffixInflector::AffixInflector(AffixInflector&&) noexcept = default;
AffixInflector& AffixInflector::operator=(AffixInflector&&) noexcept = default;

AffixInflector AffixInflector::for_language(text::Language language) {
  const fs::path affix = text::Dictionary::for_language(language).affix_file();
  fs::path words = affix;
  words.replace_extension(".dic");
  return AffixInflector(affix, words);
}

bool AffixInflector::knows(std::string_view entry) const {
  return rules_->flags_of(tolk::text::to_code_points(entry)) != nullptr;
}

std::string AffixInflector::flags(std::string_view entry) const {
  const auto* flags = rules_->flags_of(tolk::text::to_code_points(entry));
  return flags ? tolk::text::to_utf8(*flags) : std::string();
}

std::vector<std::string> AffixInflector::forms(std::string_view entry) const {
  const std::u32string word = rules_->entry_form(tolk::text::to_code_points(entry));
  const auto* flags = rules_->flags_of(word);
  std::vector<std::string> out;
  if (flags == nullptr)
    return out;
  for (const char32_t flag : *flags) {
    const auto rules = rules_->by_flag.find(flag);
    if (rules == rules_->by_flag.end())
      continue;
    for (const SuffixRule& rule : rules->second) {
      if (!rule.applies_to(word))
        continue;
      const std::string form = tolk::text::to_utf8(rule.apply(word));
      if (form != tolk::text::to_utf8(word) && std::find(out.begin(), out.end(), form) == out.end())
        out.push_back(form);
    }
  }
  return out;
}

std::optional<std::string> AffixInflector::inflect_like(std::string_view entry,
                                                        std::string_view example_entry,
                                                        std::string_view example_form) const {
  const std::u32string word = rules_->entry_form(tolk::text::to_code_points(entry));
  const std::u32string example = rules_->entry_form(tolk::text::to_code_points(example_entry));
  const std::u32string target = lower(tolk::text::to_code_points(example_form));
  const auto* word_flags = rules_->flags_of(word);
  const auto* example_flags = rules_->flags_of(example);
  if (word_flags == nullptr || example_flags == nullptr)
    return std::nullopt;
  for (const char32_t flag : *example_flags) {
    if (word_flags->find(flag) == std::u32string::npos)
      continue;
    const auto rules = rules_->by_flag.find(flag);
    if (rules == rules_->by_flag.end())
      continue;
    for (const SuffixRule& used : rules->second) {
      if (!used.applies_to(example) || used.apply(example) != target)
        continue;
      // The same change (same letters stripped and added) of the same flag, for this word.
      for (const SuffixRule& rule : rules->second) {
        if (rule.strip == used.strip && rule.add == used.add && rule.applies_to(word))
          return tolk::text::to_utf8(rule.apply(word));
      }
    }
  }
  return std::nullopt;
}

}  // namespace tolk::curation
