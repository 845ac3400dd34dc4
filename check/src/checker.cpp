#include "tolk/check/checker.hpp"

#include <algorithm>
#include <array>
#include <iterator>
#include <map>
#include <stdexcept>
#include <unordered_map>

#include "tolk/check/legal_reference.hpp"
#include "tolk/termbase/term_finder.hpp"
#include "tolk/text/morphology.hpp"
#include "tolk/text/normalize.hpp"
#include "tolk/text/segment.hpp"
#include "tolk/text/utf8.hpp"

namespace tolk::check {
namespace {

using termbase::Concept;
using termbase::TermHit;
using termbase::TermStatus;
using text::Language;

constexpr std::array<CheckInfo, 9> kChecks{{
    {"missing-term", Severity::warning, true,
     "A termbase term of the source has none of its concept's target terms in the target."},
    {"deprecated-term", Severity::warning, true,
     "The target uses a deprecated or superseded term; the preferred term should be used."},
    {"inconsistent-term", Severity::warning, true,
     "One source concept is rendered with different target terms across the file."},
    {"inconsistent-segment", Severity::warning, true,
     "The same source segment is translated differently across the file."},
    {"legal-reference", Severity::error, true,
     "Article and part numbers, federal laws, code names or other numbers of the source do not "
     "match the target."},
    {"untranslated", Severity::warning, true,
     "The segment has no target, or the target is still in the source language's script."},
    {"empty-target", Severity::error, true, "The target is empty."},
    {"same-as-source", Severity::warning, true,
     "The target is identical to the source although the languages differ."},
    {"spelling", Severity::info, false,
     "A word of the target is not in the Hunspell dictionary (termbase terms excluded)."},
}};

std::size_t check_rank(std::string_view id) {
  for (std::size_t i = 0; i < kChecks.size(); ++i) {
    if (kChecks[i].id == id)
      return i;
  }
  return kChecks.size();
}

bool has_cyrillic(std::string_view text) {
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte == 0xD0 || byte == 0xD1)
      return true;
  }
  return false;
}

bool has_latin(std::string_view text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); });
}

bool is_blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

std::string join(const std::vector<std::string>& items, std::string_view separator,
                 std::size_t limit = 5) {
  std::string out;
  for (std::size_t i = 0; i < items.size() && i < limit; ++i) {
    if (i)
      out += separator;
    out += items[i];
  }
  if (items.size() > limit)
    out += std::string(separator) + "...";
  return out;
}

// Article numbers and the like as a label ("article 328") for messages.
struct ReferenceDifference {
  std::vector<std::string> missing;  // in the source, not in the target
  std::vector<std::string> extra;    // in the target, not in the source
};

ReferenceDifference difference(const std::vector<std::string>& source,
                               const std::vector<std::string>& target) {
  ReferenceDifference out;
  std::set_difference(source.begin(), source.end(), target.begin(), target.end(),
                      std::back_inserter(out.missing));
  std::set_difference(target.begin(), target.end(), source.begin(), source.end(),
                      std::back_inserter(out.extra));
  return out;
}

void remove_one(std::vector<std::string>& from, const std::string& value) {
  if (const auto found = std::find(from.begin(), from.end(), value); found != from.end())
    from.erase(found);
}

enum class ReferenceKind { article, part, law };

std::string reference_label(ReferenceKind kind, const std::string& value, Language language) {
  switch (kind) {
    case ReferenceKind::article:
      return (language == Language::nl   ? "artikel "
              : language == Language::en ? "Article "
                                         : "ст. ") +
             value;
    case ReferenceKind::part:
      return (language == Language::nl   ? "lid "
              : language == Language::en ? "part "
                                         : "ч. ") +
             value;
    case ReferenceKind::law:
      return value + (language == Language::ru ? "-ФЗ" : "-FZ");
  }
  return value;
}

// One segment's rendering of a source concept in the target.
struct Rendering {
  std::string key;      // lemma keys of the target terms, sorted, joined
  std::string display;  // the termbase terms, joined
  bool preferred = false;
};

struct Occurrence {
  std::size_t segment = 0;
  std::string source_term;
  Rendering rendering;
};

}  // namespace

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::info:
      return "info";
    case Severity::warning:
      return "warning";
    case Severity::error:
      return "error";
  }
  return "warning";
}

std::optional<Severity> parse_severity(std::string_view text) {
  if (text == "info" || text == "note")
    return Severity::info;
  if (text == "warning")
    return Severity::warning;
  if (text == "error")
    return Severity::error;
  return std::nullopt;
}

std::span<const CheckInfo> all_checks() {
  return kChecks;
}

const CheckInfo* find_check(std::string_view id) {
  for (const CheckInfo& info : kChecks) {
    if (info.id == id)
      return &info;
  }
  return nullptr;
}

IgnoreList IgnoreList::parse(std::string_view content) {
  IgnoreList list;
  for (const std::string_view line : text::split_lines(content)) {
    if (line.empty() || line.front() == '#')
      continue;
    Rule rule;
    const auto first = line.find('\t');
    rule.check = std::string(line.substr(0, first));
    if (first != std::string_view::npos) {
      const auto second = line.find('\t', first + 1);
      rule.segment = std::string(line.substr(first + 1, second - first - 1));
      if (second != std::string_view::npos)
        rule.text = std::string(line.substr(second + 1));
    }
    if (rule.segment.empty())
      rule.segment = "*";
    list.rules_.push_back(std::move(rule));
  }
  return list;
}

bool IgnoreList::ignores(const Finding& finding) const {
  return std::any_of(rules_.begin(), rules_.end(), [&finding](const Rule& rule) {
    return (rule.check == finding.check || rule.check == "*") &&
           (rule.segment == "*" || rule.segment == finding.segment_id) &&
           (rule.text.empty() || rule.text == "*" || rule.text == finding.subject);
  });
}

struct Checker::Impl {
  std::vector<Concept> concepts;
  std::unordered_map<std::string, std::size_t> by_id;
  termbase::TermFinder finder;
  std::set<std::string> enabled;
  std::map<std::string, Severity> severities;

  Impl(std::span<const Concept> entries, CheckOptions options)
      : concepts(entries.begin(), entries.end()), finder(entries) {
    for (std::size_t i = 0; i < concepts.size(); ++i)
      by_id.emplace(concepts[i].id, i);
    if (options.enabled.empty()) {
      for (const CheckInfo& info : kChecks) {
        if (info.default_enabled)
          enabled.emplace(info.id);
      }
    } else {
      for (const std::string& id : options.enabled) {
        if (!find_check(id))
          throw std::invalid_argument("unknown check '" + id + "'");
        enabled.insert(id);
      }
    }
    for (const auto& [id, severity] : options.severities) {
      if (!find_check(id))
        throw std::invalid_argument("unknown check '" + id + "'");
      severities[id] = severity;
    }
  }

  bool on(std::string_view id) const { return enabled.count(std::string(id)) != 0; }

  Severity severity_of(std::string_view id) const {
    if (const auto found = severities.find(std::string(id)); found != severities.end())
      return found->second;
    const CheckInfo* info = find_check(id);
    return info ? info->severity : Severity::warning;
  }

  const Concept* concept_of(const std::string& id) const {
    const auto found = by_id.find(id);
    return found == by_id.end() ? nullptr : &concepts[found->second];
  }
};

Checker::Checker(std::span<const Concept> concepts, CheckOptions options)
    : impl_(std::make_unique<Impl>(concepts, std::move(options))) {}
Checker::~Checker() = default;
Checker::Checker(Checker&&) noexcept = default;
Checker& Checker::operator=(Checker&&) noexcept = default;

std::vector<Finding> Checker::check(const BilingualDocument& document,
                                    const IgnoreList& ignore) const {
  const Impl& self = *impl_;
  const Language source_language = document.source_language;
  const Language target_language = document.target_language;
  const bool languages_differ = source_language != target_language;
  std::vector<std::pair<std::size_t, Finding>> found;

  auto add = [&](std::size_t index, std::string_view check, std::string subject, std::string what,
                 std::string expected) {
    const BilingualSegment& segment = document.segments[index];
    Finding finding;
    finding.check = std::string(check);
    finding.severity = self.severity_of(check);
    finding.segment_id = segment.id;
    finding.line = segment.line;
    finding.subject = std::move(subject);
    finding.found = std::move(what);
    finding.expected = std::move(expected);
    found.emplace_back(index, std::move(finding));
  };

  // Lemma keys of termbase terms, for comparing renderings ("foreign agents" = "foreign agent").
  std::map<std::pair<std::string, std::size_t>, std::string> term_keys;
  auto term_key = [&](const TermHit& hit) -> const std::string& {
    auto [position, inserted] = term_keys.try_emplace({hit.concept_id, hit.term_index});
    if (inserted) {
      const auto lemmas = text::lemma_sequence(hit.term, hit.language);
      position->second = lemmas.empty() ? text::search_key(hit.term, hit.language)
                                        : join(lemmas, " ", lemmas.size());
    }
    return position->second;
  };

  std::map<std::string, std::vector<Occurrence>> renderings;  // by source concept id
  std::map<std::string, std::vector<std::pair<std::size_t, std::string>>> translations;

  for (std::size_t index = 0; index < document.segments.size(); ++index) {
    const BilingualSegment& segment = document.segments[index];
    if (is_blank(segment.source))
      continue;
    if (!segment.has_target) {
      if (self.on("untranslated"))
        add(index, "untranslated", "", "", "");
      continue;
    }
    if (is_blank(segment.target)) {
      if (self.on("empty-target"))
        add(index, "empty-target", "", "", "");
      continue;
    }
    const std::string source_key = text::search_key(segment.source, source_language);
    const std::string target_key = text::search_key(segment.target, target_language);
    if (languages_differ && source_key == target_key &&
        (has_latin(segment.source) || has_cyrillic(segment.source))) {
      if (self.on("same-as-source"))
        add(index, "same-as-source", "", "", "");
      continue;
    }
    if (self.on("untranslated") && languages_differ) {
      const bool cyrillic_expected = target_language == Language::ru;
      const bool left_in_script =
          cyrillic_expected ? (!has_cyrillic(segment.target) && has_latin(segment.target) &&
                               has_latin(segment.source))
                            : (source_language == Language::ru && has_cyrillic(segment.target) &&
                               !has_latin(segment.target));
      if (left_in_script) {
        add(index, "untranslated", "", "", "");
        continue;
      }
    }
    translations[source_key].emplace_back(index, target_key);

    const bool term_checks = self.on("missing-term") || self.on("deprecated-term") ||
                             self.on("inconsistent-term") || self.on("spelling");
    std::vector<TermHit> source_hits;
    std::vector<TermHit> target_hits;
    if (term_checks) {
      source_hits = self.finder.find(segment.source, source_language);
      target_hits = self.finder.find(segment.target, target_language);
    }
    std::set<std::string> source_concepts;
    for (const TermHit& hit : source_hits)
      source_concepts.insert(hit.concept_id);
    std::map<std::string, std::vector<const TermHit*>> target_by_concept;
    for (const TermHit& hit : target_hits)
      target_by_concept[hit.concept_id].push_back(&hit);

    std::set<std::string> reported;
    for (const TermHit& hit : source_hits) {
      if (!reported.insert(hit.concept_id).second)
        continue;
      const Concept* entry = self.concept_of(hit.concept_id);
      if (entry == nullptr || entry->terms_in(target_language).empty())
        continue;
      const auto in_target = target_by_concept.find(hit.concept_id);
      Rendering rendering;
      if (in_target != target_by_concept.end()) {
        std::set<std::string> keys;
        std::set<std::string> shown;
        for (const TermHit* target_hit : in_target->second) {
          keys.insert(term_key(*target_hit));
          shown.insert(target_hit->term);
          rendering.preferred = rendering.preferred || target_hit->status == TermStatus::preferred;
        }
        rendering.key = join(std::vector<std::string>(keys.begin(), keys.end()), "|", keys.size());
        rendering.display =
            join(std::vector<std::string>(shown.begin(), shown.end()), "; ", shown.size());
      } else {
        const termbase::Term* preferred = entry->preferred_term(target_language);
        if (self.on("missing-term"))
          add(index, "missing-term", hit.matched_text, "", preferred ? preferred->text : "");
        // Rendered as another concept: the target's concepts the source does not explain.
        std::set<std::string> keys;
        std::set<std::string> shown;
        for (const auto& [id, hits] : target_by_concept) {
          if (source_concepts.count(id))
            continue;
          keys.insert("=" + id);
          shown.insert(hits.front()->term);
        }
        rendering.key = join(std::vector<std::string>(keys.begin(), keys.end()), "|", keys.size());
        rendering.display =
            join(std::vector<std::string>(shown.begin(), shown.end()), "; ", shown.size());
      }
      if (!rendering.key.empty()) {
        Occurrence occurrence;
        occurrence.segment = index;
        occurrence.source_term = hit.term;
        occurrence.rendering = std::move(rendering);
        // An abbreviation in the source ("WvS") may stay one in the target ("UK RF"), where the
        // full name is written out in full: the two are compared separately.
        const termbase::Term& source_term = entry->terms[hit.term_index];
        const bool short_form = source_term.type == termbase::TermType::abbreviation ||
                                source_term.type == termbase::TermType::acronym ||
                                source_term.type == termbase::TermType::short_form;
        renderings[hit.concept_id + (short_form ? "#short" : "")].push_back(std::move(occurrence));
      }
    }

    if (self.on("deprecated-term")) {
      for (const TermHit& hit : target_hits) {
        const Concept* entry = self.concept_of(hit.concept_id);
        if (entry == nullptr)
          continue;
        // The finder reports the first term with the hit's lemmas; a deprecated spelling that
        // differs only in form ("foreign agent's law") is recognised by its search key.
        std::string deprecated;
        if (hit.status == TermStatus::deprecated || hit.status == TermStatus::superseded) {
          deprecated = hit.term;
        } else {
          const std::string key = text::search_key(hit.matched_text, target_language);
          for (const termbase::Term* term : entry->terms_in(target_language)) {
            if ((term->status == TermStatus::deprecated ||
                 term->status == TermStatus::superseded) &&
                text::search_key(term->text, target_language) == key) {
              deprecated = term->text;
            }
          }
        }
        if (deprecated.empty())
          continue;
        const termbase::Term* preferred = entry->preferred_term(target_language);
        add(index, "deprecated-term", deprecated, hit.matched_text,
            preferred && preferred->text != deprecated ? preferred->text : "");
      }
    }

    if (self.on("legal-reference")) {
      ReferenceSet source = extract_references(segment.source, source_language);
      ReferenceSet target = extract_references(segment.target, target_language);
      std::vector<std::string> numbers_source = source.numbers;
      std::vector<std::string> numbers_target = target.numbers;
      // References are quoted as each language writes them: "artikel 328", "Article 328",
      // "ст. 328".
      auto compare = [&](const std::vector<std::string>& in_source,
                         const std::vector<std::string>& in_target, ReferenceKind kind) {
        const auto diff = difference(in_source, in_target);
        for (const auto& value : diff.missing) {
          std::vector<std::string> instead;
          for (const auto& other : diff.extra)
            instead.push_back(reference_label(kind, other, target_language));
          add(index, "legal-reference", reference_label(kind, value, source_language),
              join(instead, ", "), reference_label(kind, value, target_language));
          remove_one(numbers_source, value);
        }
        for (const auto& value : diff.extra) {
          if (diff.missing.empty())
            add(index, "legal-reference", "", reference_label(kind, value, target_language), "");
          remove_one(numbers_target, value);
        }
      };
      compare(source.articles, target.articles, ReferenceKind::article);
      compare(source.parts, target.parts, ReferenceKind::part);
      compare(source.laws, target.laws, ReferenceKind::law);
      for (const auto& code : source.codes) {
        if (std::find(target.codes.begin(), target.codes.end(), code) == target.codes.end()) {
          add(index, "legal-reference", std::string(code_name(code, source_language)), "",
              std::string(code_name(code, target_language)));
        }
      }
      for (const auto& code : target.codes) {
        if (std::find(source.codes.begin(), source.codes.end(), code) == source.codes.end())
          add(index, "legal-reference", "", std::string(code_name(code, target_language)), "");
      }
      const auto numbers = difference(numbers_source, numbers_target);
      for (const auto& value : numbers.missing) {
        add(index, "legal-reference", value, join(numbers.extra, ", "), value);
      }
      if (numbers.missing.empty()) {
        for (const auto& value : numbers.extra)
          add(index, "legal-reference", "", value, "");
      }
    }

    if (self.on("spelling")) {
      const text::Dictionary& dictionary = text::Dictionary::for_language(target_language);
      for (const text::Token& token : text::tokenize(segment.target, target_language)) {
        if (token.kind != text::TokenKind::word || token.text.size() < 2)
          continue;
        const bool in_term =
            std::any_of(target_hits.begin(), target_hits.end(), [&token](const TermHit& hit) {
              return token.begin < hit.end && hit.begin < token.end;
            });
        const bool has_digit = std::any_of(token.text.begin(), token.text.end(),
                                           [](char c) { return c >= '0' && c <= '9'; });
        const bool upper_latin = std::all_of(token.text.begin(), token.text.end(),
                                             [](char c) { return !(c >= 'a' && c <= 'z'); }) &&
                                 has_latin(token.text);
        if (in_term || has_digit || upper_latin)
          continue;
        if (!dictionary.spell(token.text))
          add(index, "spelling", std::string(token.text), "", "");
      }
    }
  }

  if (self.on("inconsistent-term")) {
    for (const auto& [concept_id, occurrences] : renderings) {
      std::map<std::string, std::vector<const Occurrence*>> by_key;
      for (const Occurrence& occurrence : occurrences)
        by_key[occurrence.rendering.key].push_back(&occurrence);
      if (by_key.size() < 2)
        continue;
      // The rendering most segments use; on a tie, one with the preferred term.
      const std::vector<const Occurrence*>* majority = nullptr;
      for (const auto& [key, group] : by_key) {
        if (majority == nullptr || group.size() > majority->size() ||
            (group.size() == majority->size() && group.front()->rendering.preferred &&
             !majority->front()->rendering.preferred)) {
          majority = &group;
        }
      }
      std::vector<std::string> majority_ids;
      for (const Occurrence* occurrence : *majority) {
        if (majority_ids.size() > 5)
          break;  // the message names a few
        const std::string& id = document.segments[occurrence->segment].id;
        if (std::find(majority_ids.begin(), majority_ids.end(), id) == majority_ids.end())
          majority_ids.push_back(id);
      }
      for (const auto& [key, group] : by_key) {
        if (&group == majority)
          continue;
        for (const Occurrence* occurrence : group) {
          add(occurrence->segment, "inconsistent-term", occurrence->source_term,
              occurrence->rendering.display, majority->front()->rendering.display);
          found.back().second.others = join(majority_ids, ", ");
        }
      }
    }
  }

  if (self.on("inconsistent-segment")) {
    for (const auto& [source_key, group] : translations) {
      std::map<std::string, std::vector<std::size_t>> by_target;
      for (const auto& [index, target_key] : group)
        by_target[target_key].push_back(index);
      if (by_target.size() < 2)
        continue;
      const std::vector<std::size_t>* majority = nullptr;
      for (const auto& [key, indexes] : by_target) {
        if (majority == nullptr || indexes.size() > majority->size())
          majority = &indexes;
      }
      std::vector<std::string> majority_ids;
      for (const std::size_t index : *majority) {
        if (majority_ids.size() > 5)
          break;
        majority_ids.push_back(document.segments[index].id);
      }
      for (const auto& [key, indexes] : by_target) {
        if (&indexes == majority)
          continue;
        for (const std::size_t index : indexes) {
          add(index, "inconsistent-segment", "", document.segments[index].target,
              document.segments[majority->front()].target);
          found.back().second.others = join(majority_ids, ", ");
        }
      }
    }
  }

  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
    if (a.first != b.first)
      return a.first < b.first;
    return check_rank(a.second.check) < check_rank(b.second.check);
  });
  std::vector<Finding> out;
  out.reserve(found.size());
  for (auto& [index, finding] : found) {
    if (!ignore.ignores(finding))
      out.push_back(std::move(finding));
  }
  return out;
}

}  // namespace tolk::check
