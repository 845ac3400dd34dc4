#pragma once
// Live search for interpreters in the booth: one query, answered on every keystroke, in a chosen
// direction (nl->ru, ru->nl, en->ru ...). A query is matched against the terms of the source
// language as it is being typed (a prefix of a term's search key, or of its transliteration key
// for Russian, so Latin input finds Cyrillic terms), and by the termbase's lookup (exact,
// inflected, transliterated, typo-tolerant). Each hit is one concept with the terms to say in
// the target language.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tolk/termbase/termbase.hpp"

namespace tolk::booth {

using termbase::Concept;
using text::Language;

struct Direction {
  Language from = Language::nl;
  Language to = Language::ru;
};
std::string to_string(Direction direction);  // "nl → ru"
// The directions the booth cycles through with one key, in order.
std::span<const Direction> booth_directions();

// A termbase the booth searches; both must outlive the BoothSearch.
struct BoothSource {
  const termbase::Termbase* termbase = nullptr;
  bool personal = false;  // the interpreter's own entries: marked on the card
};

enum class HitKind { lookup, prefix };

struct BoothHit {
  Concept entry;
  std::string matched;  // the source-language term that matched
  termbase::MatchKind kind = termbase::MatchKind::exact;
  bool prefix = false;  // found as a prefix of the term (still being typed)
  bool personal = false;
  double score = 0;
};

class BoothSearch {
 public:
  // Reads every concept's source-language keys once (sorted in memory for prefix search).
  explicit BoothSearch(std::span<const BoothSource> sources);

  // The best `limit` concepts for `query` in `direction`: lookup hits (exact, inflected,
  // transliterated, fuzzy) first, then terms the query is a prefix of (shortest first). Only
  // concepts with a term in the target language are returned.
  std::vector<BoothHit> search(std::string_view query, Direction direction,
                               std::size_t limit = 6) const;

 private:
  struct Key {
    std::string key;
    std::size_t source = 0;
    std::size_t concept_index = 0;
    std::size_t term_index = 0;
  };
  std::vector<BoothSource> sources_;
  std::vector<std::vector<Concept>> concepts_;  // per source
  // Per language: search keys, and for Russian also transliteration keys, sorted.
  std::vector<Key> keys_[3];
  std::vector<Key> translit_keys_;
};

}  // namespace tolk::booth
