#pragma once
// Repairing a fuzzy match's target so that it translates the query rather than the stored
// source:
//   - placeables: a number or article number that differs between the query and the stored
//     source ("artikel 338" for "artikel 328") is replaced in the target, when the stored
//     number stands exactly once in the target;
//   - terms: where the query has a termbase term of one concept and the stored source, at the
//     aligned place, a term of another, the target's term of that other concept is replaced by
//     the preferred target-language term of the query's concept ("desertie" for
//     "dienstplichtontduiking": "draft evasion" becomes "desertion").
// What was changed is listed, so a translator sees it; what could not be repaired is counted.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tolk/termbase/concept.hpp"
#include "tolk/termbase/term_finder.hpp"
#include "tolk/tm/fuzzy.hpp"
#include "tolk/tm/translation_memory.hpp"

namespace tolk::tm {

// The termbase as term repair needs it: recognition, and a concept's terms by id.
class Terminology {
 public:
  explicit Terminology(std::vector<termbase::Concept> concepts);
  ~Terminology();
  Terminology(Terminology&&) noexcept;
  Terminology& operator=(Terminology&&) noexcept;

  std::vector<termbase::TermHit> find(std::string_view text, text::Language language) const;
  const termbase::Concept* concept_by_id(std::string_view id) const;

 private:
  struct Index;
  std::unique_ptr<Index> index_;
};

struct Repair {
  enum class Kind { placeable, term };
  Kind kind = Kind::placeable;
  std::string query_text;   // what the query has ("338", "desertie")
  std::string stored_text;  // what the stored source had ("328", "dienstplichtontduiking")
  std::string replaced;     // the target's text that was replaced ("328", "draft evasion")
  std::string replacement;  // what it was replaced with ("338", "desertion")
  std::string concept_id;   // term repairs: the query's concept
};

struct RepairedTarget {
  std::string text;
  std::vector<Repair> repairs;
  std::size_t unrepaired = 0;  // differing placeables or terms that could not be placed
};

// `score` is score_match(query, stored_source). Term repair needs `terminology` and languages
// the text layer knows; without them only placeables are repaired.
RepairedTarget repair_target(const SegmentAnalysis& query, const SegmentAnalysis& stored_source,
                             const MatchScore& score, std::string_view target,
                             std::string_view source_language, std::string_view target_language,
                             const Terminology* terminology = nullptr);

// The target a match proposes: an exact match's (100, 101) as stored, a fuzzy match's repaired.
// `query` is analyze_text(query, options.source_language).
RepairedTarget repair_match(const SegmentAnalysis& query, const Match& match,
                            const MatchOptions& options, const Terminology* terminology = nullptr);

}  // namespace tolk::tm
