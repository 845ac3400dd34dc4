#pragma once
// Live search for interpreters in the booth: one query, answered on every keystroke, in a chosen
// direction (nl->ru, ru->nl, en->ru ...). A query is matched against the terms of the source
// language as it is being typed (a prefix of a term's search key, or of its transliteration key
// for Russian, so Latin input finds Cyrillic terms), and by the termbase's lookup (exact,
// inflected, transliterated, typo-tolerant). Each hit is one concept with the terms to say in
// the target language.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tolk/termbase/termbase.hpp"

namespace tolk::booth {

using termbase::Concept;
using text::Language;

// "nl-ru" as text::parse_direction reads it.
using text::Direction;
std::string label(Direction direction);  // "nl → ru", as the booth shows it
// The directions the booth cycles through with one key, in order.
std::span<const Direction> booth_directions();

// A termbase the booth searches; both must outlive the BoothSearch.
struct BoothSource {
  const termbase::Termbase* termbase = nullptr;
  bool personal = false;  // the interpreter's own entries: marked on the card
};

struct BoothHit {
  Concept entry;
  std::size_t term_index = 0;  // the source-language term that matched, in entry.terms
  std::string matched;         // its text
  termbase::MatchKind kind = termbase::MatchKind::exact;
  bool prefix = false;  // found as a prefix of the term (still being typed)
  bool personal = false;
  double score = 0;
  std::size_t source = 0;  // the index of the BoothSource it came from
};

class BoothSearch {
 public:
  // Reads every concept's source-language keys once (sorted in memory for prefix search), and
  // loads the dictionaries the lookup stems with, so that the first keystroke does not wait.
  // The termbases are read once: concepts added later are not searched.
  explicit BoothSearch(std::span<const BoothSource> sources);

  // The best `limit` concepts for `query` in `direction`, each once, and only concepts with a
  // term in the target language: first the lookup's hits (exact, inflected, transliterated;
  // else typo-tolerant, unless the terms the query begins already fill the limit) by score, the
  // interpreter's own entries first on a tie; then the terms the query begins, the shortest
  // first (then in key order).
  std::vector<BoothHit> search(std::string_view query, Direction direction,
                               std::size_t limit = 6) const;

  // The lookup runs from this many bytes of search key on, the typo-tolerant one from
  // kMinFuzzyBytes: before that the prefixes say more.
  static constexpr std::size_t kMinLookupBytes = 3;
  static constexpr std::size_t kMinFuzzyBytes = 5;

 private:
  struct Key {
    std::string key;
    std::uint32_t source = 0;
    std::uint32_t concept_index = 0;
    std::uint32_t term_index = 0;
    std::uint8_t languages = 0;  // a bit per language the concept has a term in
  };
  // The keys that begin with `prefix`, best first, at most `wanted` distinct concepts with a
  // term in `to`; `keys` sorted by key.
  void best_prefixed(const std::vector<Key>& keys, const std::string& prefix, Language to,
                     std::size_t wanted, std::vector<const Key*>& best) const;

  std::vector<BoothSource> sources_;
  std::vector<std::vector<Concept>> concepts_;  // per source
  // Per language: search keys, and for Russian also transliteration keys, sorted.
  std::vector<Key> keys_[3];
  std::vector<Key> translit_keys_;
};

}  // namespace tolk::booth
