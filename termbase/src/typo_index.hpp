#pragma once
// The typo index of a termbase: which stored search keys may lie within a similarity threshold of
// a query, without comparing the query with every key. Private to the termbase library.
//
// Layout, in three LMDB databases of the termbase's environment:
//   typo-keys     FIELD KEY            -> ID (4 bytes, big-endian)
//   typo-strings  ID                   -> FIELD KEY
//   typo-grams    FIELD GRAM OCCURRENCE -> LENGTH ID, sorted duplicates of 6 bytes
//                 FIELD                 -> LENGTH ID of every key of the field (the length index)
// FIELD is one byte ('k' the search keys of terms-by-key, 't' the keys of terms-by-translit).
// GRAM is three code points of the key padded with two U+0002 in front and two U+0003 behind,
// OCCURRENCE (2 bytes) numbers repeated grams of one key, so that the shared grams of two keys as
// multisets are the shared (GRAM, OCCURRENCE) pairs as sets. LENGTH is the key's length in code
// points (2 bytes), so a posting list is sorted by length and a length range is one cursor range.
//
// Why no hit can be lost: similarity() accepts a key of n code points for a query of m when the
// edit distance is at most d = allowed_edit_distance(max(n, m)). Then |n - m| <= d (length
// filter), and the padded strings share at least max(n, m) + 2 - 3d grams (q-gram lemma, q = 3:
// the padded strings have length + 2 grams and one edit touches at most 3 of them). Of the query's
// m + 2 grams, a key sharing at least T of them shares one of any m + 3 - T of them (the rarest
// are taken); the other grams' lists are then merged with those keys (all lists are in posting
// order) for their exact count, and only the keys that reach their length's bound are read.
// Lengths where the bound is not positive are taken whole from the length index. Every candidate
// is then checked with similarity() itself, so the hits and scores are those of a scan of every
// key.

#include <lmdb.h>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tolk/store/lmdb.hpp"

namespace tolk::termbase::typo {

enum class Field : char {
  key = 'k',              // terms-by-key
  transliteration = 't',  // terms-by-translit
};

// A key whose entries in the term index changed: whether it still has any.
struct KeyChange {
  Field field = Field::key;
  std::string key;
  bool present = false;
};

struct KeyMatch {
  std::string key;  // as stored in the term index
  double score = 0;
};

class TypoIndex {
 public:
  // Opens (or with `create`, creates) the index's databases in the transaction's environment.
  static TypoIndex open(store::Transaction& transaction, bool create);
  // Whether the index's databases exist (a store of schema 1 has none).
  static bool exists(store::Transaction& transaction);

  // For each change, adds the key when present and not indexed, removes it when not present
  // and indexed. The grams of all added keys are written in key order, one list after another.
  void update(store::Transaction& transaction, std::span<const KeyChange> changes) const;

  // Every indexed key of `field` whose similarity() to `query` is at least `min_similarity`,
  // with that similarity, in key order (the order of the term index).
  std::vector<KeyMatch> search(const store::Transaction& transaction, Field field,
                               std::u32string_view query, double min_similarity) const;

  // Number of keys indexed.
  std::size_t size(const store::Transaction& transaction) const;

 private:
  TypoIndex(MDB_dbi keys, MDB_dbi strings, MDB_dbi grams)
      : keys_(keys), strings_(strings), grams_(grams) {}
  void remove(store::Transaction& transaction, Field field, std::string_view key,
              std::string_view id) const;

  MDB_dbi keys_ = 0;
  MDB_dbi strings_ = 0;
  MDB_dbi grams_ = 0;
};

// The padded gram keys (GRAM OCCURRENCE, without the field byte) of a string, one per gram.
std::vector<std::string> gram_tokens(std::u32string_view text);

}  // namespace tolk::termbase::typo
