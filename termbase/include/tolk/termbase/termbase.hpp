#pragma once
// A termbase stored in LMDB: concepts, and the indexes that find them by a term's exact text,
// its search key, its lemmas (any inflected form) and its transliteration, plus typo-tolerant
// lookup. One LMDB environment per termbase folder; every change is one write transaction, so an
// import that fails half-way leaves the termbase as it was. Several processes may read while
// one writes.

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tolk/store/lmdb.hpp"
#include "tolk/termbase/concept.hpp"

namespace tolk::termbase {

// 2: the typo index; 3: lemma keys that bridge British/American spellings and hyphenated words
// (an older store is upgraded in place when opened).
inline constexpr int kTermbaseSchemaVersion = 3;

class TermbaseError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// How a lookup reached a concept, best first.
enum class MatchKind {
  exact,           // the query is a term, character for character
  normalized,      // same search key: case, diacritics, quotes, dashes, ё
  inflected,       // same lemmas: "иностранным агентом", "dienstplichtontduikers"
  transliterated,  // a Latin spelling of a Cyrillic term: "inostrannyy agent"
  fuzzy,           // a near miss: "dienstplichtontduking"
};
std::string_view to_string(MatchKind kind);

struct LookupHit {
  Concept entry;
  std::size_t term_index = 0;  // the matched term: entry.terms[term_index]
  MatchKind kind = MatchKind::exact;
  double score = 0;  // 1.0 exact ... lower for weaker kinds and for typos
};

struct LookupOptions {
  std::optional<Language> language;  // only terms of this language; all when unset
  std::size_t limit = 10;
  bool fuzzy = true;            // also look for near misses when nothing better matched
  double min_similarity = 0.8;  // for fuzzy hits: 1 - edit distance / length, in code points
  // Compare the query with every stored key instead of asking the typo index. Same hits, much
  // slower on a large termbase: the reference for tests and benchmarks.
  bool exhaustive_fuzzy = false;
};

struct TermbaseStatistics {
  std::size_t concepts = 0;
  std::size_t terms = 0;
  std::size_t index_entries = 0;
  std::size_t typo_keys = 0;  // distinct search and transliteration keys in the typo index
};

class Termbase {
 public:
  // Opens the termbase in `directory`, creating it when `create` and absent.
  static Termbase open(const std::filesystem::path& directory, bool create = false);
  // Opens an existing termbase for lookups, exports and checks only: LMDB read-only
  // (MDB_RDONLY), so that it works on a store that cannot be written (a read-only share, a CD)
  // and never waits for a writer. put() and erase() then throw store::LmdbError. A termbase of
  // an older schema is upgraded first, which needs it to be writable once.
  static Termbase open_for_reading(const std::filesystem::path& directory);

  Termbase(Termbase&&) noexcept = default;
  Termbase& operator=(Termbase&&) noexcept = default;

  const std::filesystem::path& directory() const { return environment_.directory(); }

  // Adds or replaces concepts (by id), all in one transaction. Returns how many were new.
  std::size_t put(std::span<const Concept> concepts);
  bool erase(std::string_view id);
  // Erases the concepts with these ids (absent ones are skipped), all in one transaction. Returns
  // how many were erased.
  std::size_t erase(std::span<const std::string> ids);
  std::optional<Concept> get(std::string_view id) const;
  void for_each(const std::function<void(const Concept&)>& visit) const;
  std::vector<Concept> all() const;
  TermbaseStatistics statistics() const;

  // Checks that the indexes agree with the concepts: every term's key, lemma and
  // transliteration entries are there and nothing else is, and the typo index holds exactly the
  // distinct keys. Reads everything, in one read transaction (a consistent snapshot even while
  // another process writes); for tests, crash checks and repairs.
  struct Verification {
    std::size_t concepts = 0;
    std::size_t index_entries = 0;
    std::vector<std::string> problems;  // empty when consistent (at most 100 are listed)
  };
  Verification verify() const;

  std::vector<LookupHit> lookup(std::string_view query, const LookupOptions& options = {}) const;

 private:
  explicit Termbase(store::Environment environment);
  store::Environment environment_;
};

// The keys under which a term is indexed; the lookup computes the same for the query.
struct TermKeys {
  std::string normalized;               // search_key
  std::vector<std::string> lemma_keys;  // lemma sequences joined by spaces (a few alternatives)
  std::string transliteration;          // translit_key, for Cyrillic terms only
};
TermKeys term_keys(std::string_view text, Language language);

}  // namespace tolk::termbase
