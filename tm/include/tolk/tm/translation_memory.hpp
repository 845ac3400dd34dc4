#pragma once
// A translation memory stored in LMDB: translation units and the indexes that answer a CAT
// tool's questions at once on millions of units.
//
//   units        unit number -> the unit (every variant, tags, properties, notes, dates)
//   signatures   unit number + language -> the source's word keys as token numbers
//   tokens       language + word key -> token number and how many units contain it
//   postings     language + token number + segment length in words -> unit numbers
//   lemmas       language + lemma -> unit numbers (concordance, any inflected form)
//   exact        language + hash of the text -> unit numbers (exact matches, duplicates)
//   meta         schema version, next unit number
//
// Fuzzy matching selects candidates with a prefix filter over the postings: a unit that can
// reach the minimum score shares enough words with the query that it must contain one of the
// query's rarest words, and its length lies in a range the minimum allows; the candidates are then
// ranked by the bound their shared words allow, and scored exactly (fuzzy.hpp) until no
// remaining candidate can enter the top results. The result is the same as scoring every unit
// (match_exhaustively, which the tests compare against).
//
// Writes: add() is one transaction. An Importer commits every `batch_size` units; an import that
// is killed leaves the TM with the units of the batches committed before, never a half-written
// unit or an index that disagrees with the units. Several processes may read while one writes.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "tolk/store/lmdb.hpp"
#include "tolk/tm/fuzzy.hpp"
#include "tolk/tm/unit.hpp"

namespace tolk::tm {

inline constexpr int kTranslationMemorySchemaVersion = 1;

class TranslationMemoryError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// What happens when a unit arrives whose source text (in its source language) is already in the
// TM with the same languages:
enum class DuplicatePolicy {
  keep_newest,  // the arriving unit replaces the stored one (an import is newer than the TM)
  keep_all,     // both are kept; only a unit identical in every variant is skipped
};

struct AddResult {
  std::size_t added = 0;
  std::size_t replaced = 0;   // (keep_newest) stored units replaced by an arriving one
  std::size_t identical = 0;  // arriving units identical to a stored one, not added again
  AddResult& operator+=(const AddResult& other);
};

struct MatchOptions {
  std::string source_language;  // primary subtag or full tag: "nl", "en-US"
  std::string target_language;
  int min_score = 70;  // 1..101
  std::size_t max_results = 5;
  std::string context;  // the query's context: an identical unit with this context scores 101
};

struct Match {
  TranslationUnit unit;
  std::string source;  // the unit's source-language text
  std::string target;  // the unit's target-language text
  MatchScore score;    // score.score is the match value, 0..101
};

struct ConcordanceOptions {
  std::string language;  // the side searched
  enum class Mode {
    words,     // the query's words in sequence, any inflected form (lemmas)
    substring  // the query as a case-insensitive substring of the text
  } mode = Mode::words;
  std::size_t max_results = 20;
};

struct ConcordanceHit {
  TranslationUnit unit;
  std::string text;  // the searched side's text
  // UTF-8 byte ranges of `text` that matched, in order.
  std::vector<std::pair<std::size_t, std::size_t>> highlights;
};

struct TranslationMemoryStatistics {
  std::size_t units = 0;
  std::vector<std::pair<std::string, std::size_t>> variants_per_language;  // by primary subtag
  std::size_t distinct_words = 0;
  std::size_t store_bytes = 0;
};

class Importer;

// Throws TranslationMemoryError (naming the unit's file and line) unless the unit has two or more
// variants with text (not only white space), each with a language.
void require_valid(const TranslationUnit& unit);

class TranslationMemory {
 public:
  // Opens the TM in `directory`, creating it when `create` and absent.
  static TranslationMemory open(const std::filesystem::path& directory, bool create = false);
  // Opens an existing TM for matches, concordance, export and checks only: LMDB read-only
  // (MDB_RDONLY), so that it works on a store that cannot be written (a read-only share, a CD)
  // and never waits for a writer. add() and erase() then throw store::LmdbError.
  static TranslationMemory open_for_reading(const std::filesystem::path& directory);
  TranslationMemory(TranslationMemory&&) noexcept;
  TranslationMemory& operator=(TranslationMemory&&) noexcept;
  ~TranslationMemory();

  const std::filesystem::path& directory() const;

  // Adds units in one transaction; units need two or more variants with text.
  AddResult add(std::span<const TranslationUnit> units,
                DuplicatePolicy policy = DuplicatePolicy::keep_newest);
  bool erase(std::uint64_t id);
  std::optional<TranslationUnit> get(std::uint64_t id) const;
  // In unit number order (the order of addition).
  void for_each(const std::function<void(const TranslationUnit&)>& visit) const;
  TranslationMemoryStatistics statistics() const;

  // Checks that the indexes agree with the units: every unit's word sequence, postings, lemma
  // and exact entries are there, and nothing else is. Reads everything; for tests and repairs.
  struct Verification {
    std::size_t units = 0;
    std::size_t postings = 0;
    std::vector<std::string> problems;  // empty when consistent (at most 100 are listed)
  };
  Verification verify() const;

  // What a match search did, for benchmarks: postings read, candidates whose bound reached the
  // threshold, and candidates scored exactly.
  struct SearchCounters {
    std::size_t posting_entries = 0;
    std::size_t candidates = 0;
    std::size_t scored = 0;
  };

  // The best matches for `query`, best first (score, then the most recent unit). Safe to call
  // from several threads at once.
  std::vector<Match> match(const Segment& query, const MatchOptions& options,
                           SearchCounters* counters = nullptr) const;
  std::vector<Match> match(std::string_view query, const MatchOptions& options,
                           SearchCounters* counters = nullptr) const;
  // The same answer computed by scoring every unit: the reference for tests and benchmarks.
  std::vector<Match> match_exhaustively(const Segment& query, const MatchOptions& options) const;
  // The same answer from a scan of every unit's stored word sequence with the bound and early
  // exit but without the index: the "exhaustive C++ scan" of the benchmarks.
  std::vector<Match> match_by_scan(const Segment& query, const MatchOptions& options) const;

  std::vector<ConcordanceHit> concordance(std::string_view query,
                                          const ConcordanceOptions& options) const;

  struct State;

 private:
  friend class Importer;
  explicit TranslationMemory(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

struct ImportOptions {
  DuplicatePolicy duplicates = DuplicatePolicy::keep_newest;
  std::size_t batch_size = 10000;  // units per write transaction
};

// Adds units arriving one by one (from a streaming reader), committing every batch.
class Importer {
 public:
  Importer(TranslationMemory& memory, ImportOptions options = {});
  ~Importer();  // an unfinished batch is abandoned: the TM keeps the batches committed before
  Importer(const Importer&) = delete;
  Importer& operator=(const Importer&) = delete;

  // Throws TranslationMemoryError for a unit that cannot be stored (fewer than two variants
  // with text, a variant without language); the batch is not affected.
  void add(TranslationUnit&& unit);
  AddResult finish();  // commits the last batch
  const AddResult& progress() const { return total_; }

 private:
  void flush();
  TranslationMemory& memory_;
  ImportOptions options_;
  std::vector<TranslationUnit> pending_;
  AddResult total_;
};

}  // namespace tolk::tm
