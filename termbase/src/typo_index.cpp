#include "typo_index.hpp"

#include <algorithm>
#include <limits>
#include <map>

#include "similarity.hpp"
#include "tolk/store/keys.hpp"

namespace tolk::termbase::typo {
namespace {

constexpr char32_t kPadFront = U'\u0002';
constexpr char32_t kPadBack = U'\u0003';
constexpr const char* kKeysName = "typo-keys";
constexpr const char* kStringsName = "typo-strings";
constexpr const char* kGramsName = "typo-grams";
constexpr unsigned kGramFlags = MDB_DUPSORT | MDB_DUPFIXED;
constexpr std::size_t kMaxLength = 0xFFFF;
constexpr std::size_t kPostingSize = 6;

void check(int code, std::string_view operation) {
  if (code != MDB_SUCCESS)
    throw store::LmdbError(code, operation);
}

MDB_val to_val(std::string_view bytes) {
  return MDB_val{bytes.size(), const_cast<char*>(bytes.data())};
}

std::string_view to_view(const MDB_val& value) {
  return {static_cast<const char*>(value.mv_data), value.mv_size};
}

using text::append_utf8;

using store::append_big_endian;

std::uint32_t read_big_endian(std::string_view bytes) {
  return static_cast<std::uint32_t>(store::read_big_endian(bytes));
}

std::string encode_id(std::uint32_t id) {
  std::string out;
  append_big_endian(out, id, 4);
  return out;
}

// LENGTH (2 bytes) ID (4 bytes): posting lists sort by length, then id.
std::string posting(std::size_t length, std::uint32_t id) {
  std::string out;
  append_big_endian(out, static_cast<std::uint32_t>(length), 2);
  append_big_endian(out, id, 4);
  return out;
}

struct Posting {
  std::size_t length = 0;
  std::uint32_t id = 0;
};

Posting parse_posting(std::string_view bytes) {
  if (bytes.size() != kPostingSize)
    throw store::LmdbError(MDB_CORRUPTED, "reading the typo index");
  Posting out;
  out.length = read_big_endian(bytes.substr(0, 2));
  out.id = read_big_endian(bytes.substr(2));
  return out;
}

std::string field_key(Field field, std::string_view rest) {
  std::string out(1, static_cast<char>(field));
  out.append(rest);
  return out;
}

class RawCursor {
 public:
  RawCursor(const store::Transaction& transaction, MDB_dbi dbi) {
    check(mdb_cursor_open(transaction.handle(), dbi, &cursor_), "mdb_cursor_open");
  }
  ~RawCursor() {
    if (cursor_ != nullptr)
      mdb_cursor_close(cursor_);
  }
  RawCursor(const RawCursor&) = delete;
  RawCursor& operator=(const RawCursor&) = delete;

  // False when there is no such entry.
  bool get(MDB_val& key, MDB_val& data, MDB_cursor_op operation) {
    const int code = mdb_cursor_get(cursor_, &key, &data, operation);
    if (code == MDB_NOTFOUND)
      return false;
    check(code, "mdb_cursor_get (typo index)");
    return true;
  }
  std::size_t count() {
    std::size_t duplicates = 0;
    check(mdb_cursor_count(cursor_, &duplicates), "mdb_cursor_count");
    return duplicates;
  }

 private:
  MDB_cursor* cursor_ = nullptr;
};

std::optional<std::string_view> get(const store::Transaction& transaction, MDB_dbi dbi,
                                    std::string_view key) {
  MDB_val k = to_val(key);
  MDB_val value{};
  const int code = mdb_get(transaction.handle(), dbi, &k, &value);
  if (code == MDB_NOTFOUND)
    return std::nullopt;
  check(code, "mdb_get (typo index)");
  return to_view(value);
}

void put(store::Transaction& transaction, MDB_dbi dbi, std::string_view key,
         std::string_view value) {
  MDB_val k = to_val(key);
  MDB_val v = to_val(value);
  store::check_write(mdb_put(transaction.handle(), dbi, &k, &v, 0), "mdb_put (typo index)",
                     transaction.handle());
}

void erase(store::Transaction& transaction, MDB_dbi dbi, std::string_view key,
           std::optional<std::string_view> value = std::nullopt) {
  MDB_val k = to_val(key);
  MDB_val v{};
  if (value)
    v = to_val(*value);
  const int code = mdb_del(transaction.handle(), dbi, &k, value ? &v : nullptr);
  if (code != MDB_NOTFOUND)
    store::check_write(code, "mdb_del (typo index)", transaction.handle());
}

MDB_dbi open_dbi(store::Transaction& transaction, const char* name, unsigned flags) {
  MDB_dbi dbi = 0;
  check(mdb_dbi_open(transaction.handle(), name, flags, &dbi),
        std::string("opening database '") + name + "'");
  return dbi;
}

// Per candidate length: whether a key of that length can be within the allowed distance of the
// query, and how many padded grams it must share with it (max(n, m) + 2 - 3d, maybe <= 0).
struct LengthRule {
  bool admissible = false;
  long long min_shared = 0;
};

}  // namespace

std::vector<std::string> gram_tokens(std::u32string_view text) {
  std::u32string padded;
  padded.reserve(text.size() + 4);
  padded.append(2, kPadFront);
  padded.append(text);
  padded.append(2, kPadBack);
  std::map<std::u32string_view, std::uint32_t> seen;
  std::vector<std::string> tokens;
  tokens.reserve(padded.size() - 2);
  const std::u32string_view view(padded);
  for (std::size_t i = 0; i + 3 <= view.size(); ++i) {
    const std::u32string_view gram = view.substr(i, 3);
    const std::uint32_t occurrence = ++seen[gram];
    std::string token;
    for (const char32_t c : gram)
      append_utf8(token, c);
    append_big_endian(token, std::min<std::uint32_t>(occurrence, 0xFFFF), 2);
    tokens.push_back(std::move(token));
  }
  return tokens;
}

TypoIndex TypoIndex::open(store::Transaction& transaction, bool create) {
  const unsigned create_flag = create ? MDB_CREATE : 0U;
  return TypoIndex(open_dbi(transaction, kKeysName, create_flag),
                   open_dbi(transaction, kStringsName, create_flag),
                   open_dbi(transaction, kGramsName, create_flag | kGramFlags));
}

bool TypoIndex::exists(store::Transaction& transaction) {
  MDB_dbi dbi = 0;
  const int code = mdb_dbi_open(transaction.handle(), kGramsName, kGramFlags, &dbi);
  if (code == MDB_NOTFOUND)
    return false;
  check(code, std::string("opening database '") + kGramsName + "'");
  return true;
}

std::size_t TypoIndex::size(const store::Transaction& transaction) const {
  MDB_stat stat{};
  check(mdb_stat(transaction.handle(), keys_, &stat), "mdb_stat (typo index)");
  return static_cast<std::size_t>(stat.ms_entries);
}

void TypoIndex::update(store::Transaction& transaction, std::span<const KeyChange> changes) const {
  // New keys get ids above the highest in use.
  std::uint32_t next = 1;
  {
    RawCursor cursor(transaction, strings_);
    MDB_val k{};
    MDB_val v{};
    if (cursor.get(k, v, MDB_LAST))
      next = read_big_endian(to_view(k)) + 1;
  }
  // Gram key -> (length << 32 | id) of the keys added, written list by list at the end.
  std::map<std::string, std::vector<std::uint64_t>> additions;
  for (const KeyChange& change : changes) {
    const std::string full = field_key(change.field, change.key);
    const auto indexed = get(transaction, keys_, full);
    if (!change.present && indexed) {
      const std::string id_bytes(*indexed);
      remove(transaction, change.field, change.key, id_bytes);
      continue;
    }
    if (!change.present || indexed)
      continue;
    const std::u32string code_points = to_code_points(change.key);
    if (code_points.size() > kMaxLength)
      throw store::LmdbError(MDB_BAD_VALSIZE, "indexing a key of more than 65535 characters");
    if (next == 0)  // wrapped around
      throw store::LmdbError(MDB_MAP_FULL, "the typo index has run out of key ids");
    const std::uint32_t id = next++;
    const std::string id_bytes = encode_id(id);
    put(transaction, keys_, full, id_bytes);
    put(transaction, strings_, id_bytes, full);
    const std::uint64_t entry = (static_cast<std::uint64_t>(code_points.size()) << 32) | id;
    additions[field_key(change.field, {})].push_back(entry);
    for (const std::string& token : gram_tokens(code_points))
      additions[field_key(change.field, token)].push_back(entry);
  }
  for (auto& [gram, entries] : additions) {
    std::sort(entries.begin(), entries.end());
    for (const std::uint64_t entry : entries) {
      put(transaction, grams_, gram,
          posting(static_cast<std::size_t>(entry >> 32), static_cast<std::uint32_t>(entry)));
    }
  }
}

void TypoIndex::remove(store::Transaction& transaction, Field field, std::string_view key,
                       std::string_view id) const {
  const std::u32string code_points = to_code_points(key);
  const std::string entry = posting(code_points.size(), read_big_endian(id));
  erase(transaction, grams_, field_key(field, {}), entry);
  for (const std::string& token : gram_tokens(code_points))
    erase(transaction, grams_, field_key(field, token), entry);
  erase(transaction, strings_, id);
  erase(transaction, keys_, field_key(field, key));
}

std::vector<KeyMatch> TypoIndex::search(const store::Transaction& transaction, Field field,
                                        std::u32string_view query, double min_similarity) const {
  std::vector<KeyMatch> matches;
  RawCursor cursor(transaction, grams_);
  const std::string all_key = field_key(field, {});

  // The longest key indexed bounds the lengths to consider.
  std::size_t longest = 0;
  {
    MDB_val k = to_val(all_key);
    MDB_val v{};
    if (!cursor.get(k, v, MDB_SET))
      return matches;
    if (!cursor.get(k, v, MDB_LAST_DUP))
      return matches;
    longest = parse_posting(to_view(v)).length;
  }

  const std::size_t m = query.size();
  std::vector<LengthRule> rules(longest + 1);
  std::optional<long long> least_positive;  // the smallest positive number of shared grams
  std::size_t grams_low = SIZE_MAX, grams_high = 0, whole_low = SIZE_MAX, whole_high = 0;
  for (std::size_t n = 0; n <= longest; ++n) {
    const std::size_t longer = std::max(n, m);
    const auto allowed = allowed_edit_distance(longer, min_similarity);
    if (!allowed || (n > m ? n - m : m - n) > *allowed)
      continue;
    LengthRule& rule = rules[n];
    rule.admissible = true;
    rule.min_shared = static_cast<long long>(longer) + 2 - 3 * static_cast<long long>(*allowed);
    if (rule.min_shared > 0) {
      least_positive = std::min(least_positive.value_or(rule.min_shared), rule.min_shared);
      grams_low = std::min(grams_low, n);
      grams_high = n;
    } else {
      whole_low = std::min(whole_low, n);
      whole_high = n;
    }
  }

  // A posting as one number, LENGTH << 32 | ID: the order of the posting lists.
  const auto packed = [](std::size_t length, std::uint32_t id) {
    return static_cast<std::uint64_t>(length) << 32 | id;
  };
  const auto length_of = [](std::uint64_t entry) { return static_cast<std::size_t>(entry >> 32); };

  // Visits the postings of `key` from `first` to `last` (packed), a page of duplicates at a time
  // (MDB_GET_MULTIPLE: the lists are DUPFIXED), in order.
  const auto walk = [&](std::string_view key, std::uint64_t first, std::uint64_t last, auto visit) {
    const std::string start =
        posting(length_of(first), static_cast<std::uint32_t>(first & 0xFFFFFFFFU));
    MDB_val k = to_val(key);
    MDB_val v = to_val(start);
    if (!cursor.get(k, v, MDB_GET_BOTH_RANGE))
      return;
    MDB_val page{};
    if (!cursor.get(k, page, MDB_GET_MULTIPLE))
      return;
    if (page.mv_data == nullptr)
      page = v;  // a single posting is stored without a page of duplicates
    for (;;) {
      const std::string_view bytes = to_view(page);
      if (bytes.size() % kPostingSize != 0)
        throw store::LmdbError(MDB_CORRUPTED, "reading the typo index");
      for (std::size_t at = 0; at < bytes.size(); at += kPostingSize) {
        const Posting entry = parse_posting(bytes.substr(at, kPostingSize));
        const std::uint64_t value = packed(entry.length, entry.id);
        if (value < first)
          continue;  // the page begins before the position asked for
        if (value > last)
          return;
        visit(value);
      }
      page = MDB_val{};
      if (!cursor.get(k, page, MDB_NEXT_MULTIPLE))
        return;
    }
  };

  std::vector<std::uint32_t> candidates;
  // Lengths where the gram count cannot exclude a key: every key of such a length.
  if (whole_low <= whole_high) {
    walk(all_key, packed(whole_low, 0), packed(whole_high, UINT32_MAX), [&](std::uint64_t entry) {
      const LengthRule& rule = rules[length_of(entry)];
      if (rule.admissible && rule.min_shared <= 0)
        candidates.push_back(static_cast<std::uint32_t>(entry));
    });
  }

  // The other lengths: the keys that hold one of the rarest m + 3 - T grams (T the least positive
  // bound), then their exact count of shared grams from the other, commoner grams' lists, merged
  // with them in posting order. Only the keys that reach their bound are read and compared.
  if (least_positive) {
    struct Token {
      std::string key;
      std::size_t frequency = 0;
    };
    std::vector<Token> tokens;
    for (std::string& token : gram_tokens(query)) {
      Token entry;
      entry.key = field_key(field, token);
      MDB_val k = to_val(entry.key);
      MDB_val v{};
      entry.frequency = cursor.get(k, v, MDB_SET) ? cursor.count() : 0;
      tokens.push_back(std::move(entry));
    }
    std::sort(tokens.begin(), tokens.end(), [](const Token& a, const Token& b) {
      return a.frequency != b.frequency ? a.frequency < b.frequency : a.key < b.key;
    });

    const auto total = static_cast<long long>(tokens.size());  // m + 2
    const long long prefix = std::max<long long>(0, total - *least_positive + 1);
    const std::uint64_t first = packed(grams_low, 0);
    const std::uint64_t last = packed(grams_high, UINT32_MAX);
    std::vector<std::uint64_t> found;
    for (long long i = 0; i < prefix; ++i) {
      const Token& token = tokens[static_cast<std::size_t>(i)];
      if (token.frequency == 0)
        continue;
      walk(token.key, first, last, [&](std::uint64_t entry) {
        const LengthRule& rule = rules[length_of(entry)];
        if (rule.admissible && rule.min_shared > 0)
          found.push_back(entry);
      });
    }

    std::sort(found.begin(), found.end());
    struct Counted {
      std::uint64_t entry = 0;
      long long shared = 0;
    };
    std::vector<Counted> counted;
    for (const std::uint64_t entry : found) {
      if (!counted.empty() && counted.back().entry == entry)
        ++counted.back().shared;
      else
        counted.push_back({entry, 1});
    }

    // Keeps the keys that can still reach their bound with `left` lists to go.
    const auto keep_reachable = [&](long long left) {
      std::erase_if(counted, [&](const Counted& key) {
        return key.shared + left < rules[length_of(key.entry)].min_shared;
      });
    };
    keep_reachable(total - prefix);
    for (long long i = prefix; i < total && !counted.empty(); ++i) {
      const Token& token = tokens[static_cast<std::size_t>(i)];
      if (token.frequency > 0) {
        auto next = counted.begin();
        walk(token.key, counted.front().entry, counted.back().entry, [&](std::uint64_t entry) {
          while (next != counted.end() && next->entry < entry)
            ++next;
          if (next != counted.end() && next->entry == entry)
            ++next->shared;
        });
      }
      keep_reachable(total - i - 1);
    }
    for (const Counted& key : counted)
      candidates.push_back(static_cast<std::uint32_t>(key.entry));
  }

  // Every candidate is checked as a full scan would check it.
  for (const std::uint32_t id : candidates) {
    const auto stored = get(transaction, strings_, encode_id(id));
    if (!stored || stored->empty() || (*stored)[0] != static_cast<char>(field))
      throw store::LmdbError(MDB_CORRUPTED, "reading the typo index");
    const std::string_view key = stored->substr(1);
    if (const auto score = similarity(to_code_points(key), query, min_similarity)) {
      KeyMatch match;
      match.key = std::string(key);
      match.score = *score;
      matches.push_back(std::move(match));
    }
  }
  std::sort(matches.begin(), matches.end(),
            [](const KeyMatch& a, const KeyMatch& b) { return a.key < b.key; });
  return matches;
}

}  // namespace tolk::termbase::typo
