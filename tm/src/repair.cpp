#include "tolk/tm/repair.hpp"

#include <algorithm>
#include <optional>
#include <unordered_map>

#include "tolk/text/language.hpp"
#include "tolk/text/segment.hpp"

namespace tolk::tm {

struct Terminology::Index {
  std::vector<termbase::Concept> concepts;
  std::unordered_map<std::string, std::size_t> by_id;
  termbase::TermFinder finder;
  explicit Index(std::vector<termbase::Concept> all) : concepts(std::move(all)), finder(concepts) {
    for (std::size_t i = 0; i < concepts.size(); ++i)
      by_id.emplace(concepts[i].id, i);
  }
};

Terminology::Terminology(std::vector<termbase::Concept> concepts)
    : index_(std::make_unique<Index>(std::move(concepts))) {}
Terminology::~Terminology() = default;
Terminology::Terminology(Terminology&&) noexcept = default;
Terminology& Terminology::operator=(Terminology&&) noexcept = default;

std::vector<termbase::TermHit> Terminology::find(std::string_view text,
                                                 text::Language language) const {
  return index_->finder.find(text, language);
}

const termbase::Concept* Terminology::concept_by_id(std::string_view id) const {
  const auto found = index_->by_id.find(std::string(id));
  return found == index_->by_id.end() ? nullptr : &index_->concepts[found->second];
}

namespace {

struct Edit {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string replacement;
};

bool overlaps(const Edit& a, const Edit& b) {
  return a.begin < b.end && b.begin < a.end;
}

// "Draft evasion" replaced by "desertion" at the start of a sentence: "Desertion".
std::string with_initial_case_of(std::string replacement, std::string_view replaced) {
  if (!replacement.empty() && !replaced.empty() && replaced[0] >= 'A' && replaced[0] <= 'Z' &&
      replacement[0] >= 'a' && replacement[0] <= 'z')
    replacement[0] = static_cast<char>(replacement[0] - 'a' + 'A');
  return replacement;
}

// The indexes of the words of `analysis` inside [begin, end).
std::vector<std::size_t> words_within(const SegmentAnalysis& analysis, std::size_t begin,
                                      std::size_t end) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < analysis.words.size(); ++i) {
    if (analysis.words[i].begin >= begin && analysis.words[i].end <= end)
      out.push_back(i);
    else if (analysis.words[i].begin < end && analysis.words[i].end > begin)
      out.push_back(i);  // a compound that contains the term
  }
  return out;
}

void repair_placeables(const SegmentAnalysis& query, const SegmentAnalysis& stored,
                       const MatchScore& score, const SegmentAnalysis& target,
                       std::vector<Edit>& edits, RepairedTarget& result) {
  std::vector<bool> used(target.words.size(), false);
  for (std::size_t i = 0; i < query.words.size() && i < score.alignment.size(); ++i) {
    const std::size_t j = score.alignment[i];
    if (j >= stored.words.size())
      continue;
    const auto& q = query.words[i];
    const auto& s = stored.words[j];
    if (!q.is_number || !s.is_number || q.text == s.text)
      continue;
    std::optional<std::size_t> place;
    std::size_t occurrences = 0;
    for (std::size_t t = 0; t < target.words.size(); ++t) {
      if (target.words[t].is_number && target.words[t].text == s.text && !used[t]) {
        ++occurrences;
        if (!place)
          place = t;
      }
    }
    if (occurrences != 1) {
      ++result.unrepaired;
      continue;
    }
    used[*place] = true;
    Edit edit;
    edit.begin = target.words[*place].begin;
    edit.end = target.words[*place].end;
    edit.replacement = q.text;
    edits.push_back(edit);
    Repair repair;
    repair.kind = Repair::Kind::placeable;
    repair.query_text = q.text;
    repair.stored_text = s.text;
    repair.replaced = s.text;
    repair.replacement = q.text;
    result.repairs.push_back(std::move(repair));
  }
}

void repair_terms(const SegmentAnalysis& query, const SegmentAnalysis& stored,
                  const MatchScore& score, std::string_view target, text::Language source,
                  text::Language target_language, const Terminology& terminology,
                  std::vector<Edit>& edits, RepairedTarget& result) {
  const auto query_hits = terminology.find(query.text, source);
  if (query_hits.empty())
    return;
  const auto stored_hits = terminology.find(stored.text, source);
  const auto target_hits = terminology.find(target, target_language);
  for (const termbase::TermHit& hit : query_hits) {
    const auto covered = words_within(query, hit.begin, hit.end);
    std::vector<std::size_t> aligned;
    bool differs = false;
    for (const std::size_t i : covered) {
      const std::size_t j = i < score.alignment.size() ? score.alignment[i] : stored.words.size();
      if (j >= stored.words.size()) {
        differs = true;
        continue;
      }
      aligned.push_back(j);
      if (stored.words[j].key != query.words[i].key)
        differs = true;
    }
    if (!differs || aligned.empty())
      continue;
    // The stored source's term at the aligned place, of another concept.
    const termbase::TermHit* replaced_hit = nullptr;
    for (const termbase::TermHit& other : stored_hits) {
      if (other.concept_id == hit.concept_id)
        continue;
      const auto other_words = words_within(stored, other.begin, other.end);
      const bool meets = std::any_of(aligned.begin(), aligned.end(), [&](std::size_t j) {
        return std::find(other_words.begin(), other_words.end(), j) != other_words.end();
      });
      if (meets) {
        replaced_hit = &other;
        break;
      }
    }
    if (!replaced_hit)
      continue;
    const termbase::Concept* wanted = terminology.concept_by_id(hit.concept_id);
    const termbase::Term* replacement = wanted ? wanted->preferred_term(target_language) : nullptr;
    const termbase::TermHit* in_target = nullptr;
    for (const termbase::TermHit& candidate : target_hits) {
      if (candidate.concept_id == replaced_hit->concept_id) {
        in_target = &candidate;
        break;
      }
    }
    if (!replacement || !in_target) {
      ++result.unrepaired;
      continue;
    }
    Edit edit;
    edit.begin = in_target->begin;
    edit.end = in_target->end;
    edit.replacement = with_initial_case_of(replacement->text, in_target->matched_text);
    if (std::any_of(edits.begin(), edits.end(),
                    [&](const Edit& present) { return overlaps(present, edit); })) {
      ++result.unrepaired;
      continue;
    }
    Repair repair;
    repair.kind = Repair::Kind::term;
    repair.query_text = hit.matched_text;
    repair.stored_text = replaced_hit->matched_text;
    repair.replaced = in_target->matched_text;
    repair.replacement = edit.replacement;
    repair.concept_id = hit.concept_id;
    edits.push_back(std::move(edit));
    result.repairs.push_back(std::move(repair));
  }
}

}  // namespace

RepairedTarget repair_target(const SegmentAnalysis& query, const SegmentAnalysis& stored_source,
                             const MatchScore& score, std::string_view target,
                             std::string_view source_language, std::string_view target_language,
                             const Terminology* terminology) {
  RepairedTarget result;
  std::vector<Edit> edits;
  const SegmentAnalysis target_analysis = analyze_text(target, target_language);
  repair_placeables(query, stored_source, score, target_analysis, edits, result);
  const auto source = text::parse_language(primary_language(source_language));
  const auto destination = text::parse_language(primary_language(target_language));
  if (terminology && source && destination)
    repair_terms(query, stored_source, score, target, *source, *destination, *terminology, edits,
                 result);
  std::sort(edits.begin(), edits.end(),
            [](const Edit& a, const Edit& b) { return a.begin > b.begin; });
  result.text = std::string(target);
  for (const Edit& edit : edits)
    result.text.replace(edit.begin, edit.end - edit.begin, edit.replacement);
  return result;
}

RepairedTarget repair_match(const SegmentAnalysis& query, const Match& match,
                            const MatchOptions& options, const Terminology* terminology) {
  const Variant* stored = find_variant(match.unit, options.source_language);
  if (match.score.score >= 100 || stored == nullptr) {
    RepairedTarget unchanged;
    unchanged.text = match.target;
    return unchanged;
  }
  return repair_target(query, analyze_segment(stored->segment, stored->language), match.score,
                       match.target, options.source_language, options.target_language, terminology);
}

}  // namespace tolk::tm
