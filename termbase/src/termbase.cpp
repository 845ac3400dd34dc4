#include "tolk/termbase/termbase.hpp"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>
#include <set>

#include "concept_codec.hpp"
#include "similarity.hpp"
#include "tolk/text/morphology.hpp"
#include "tolk/text/normalize.hpp"
#include "tolk/text/segment.hpp"
#include "tolk/text/spelling.hpp"
#include "tolk/text/transliterate.hpp"
#include "typo_index.hpp"

namespace tolk::termbase {
namespace {

using store::Cursor;
using store::Database;
using store::Transaction;

constexpr std::string_view kConcepts = "concepts";
constexpr std::string_view kByKey = "terms-by-key";
constexpr std::string_view kByLemma = "terms-by-lemma";
constexpr std::string_view kByTransliteration = "terms-by-translit";
constexpr std::string_view kMeta = "meta";
constexpr std::size_t kMaxLemmaAlternatives = 4;

// Scores of the match kinds; a fuzzy hit scales its similarity below every exact kind.
constexpr double kScoreExact = 1.0;
constexpr double kScoreNormalized = 0.98;
constexpr double kScoreInflected = 0.95;
constexpr double kScoreTransliterated = 0.9;
constexpr double kScoreFuzzyScale = 0.85;

struct Indexes {
  Database concepts;
  Database by_key;
  Database by_lemma;
  Database by_transliteration;
  Database meta;
  typo::TypoIndex typo;
};

Indexes open_indexes(Transaction& transaction, store::OpenMode mode) {
  return Indexes{Database::open(transaction, kConcepts, mode),
                 Database::open(transaction, kByKey, mode),
                 Database::open(transaction, kByLemma, mode),
                 Database::open(transaction, kByTransliteration, mode),
                 Database::open(transaction, kMeta, mode),
                 typo::TypoIndex::open(transaction, mode == store::OpenMode::create)};
}

// The search keys whose index entries a change touched; the typo index follows them at the end.
using TouchedKeys = std::set<std::pair<typo::Field, std::string>>;

// LMDB keys hold at most 511 bytes; statutory titles can be longer. A long key is cut at a
// character boundary and completed by a hash of the whole, so equal keys still meet.
std::string storable_key(std::string_view key) {
  constexpr std::size_t kMaxKeyBytes = 320;
  if (key.size() <= kMaxKeyBytes)
    return std::string(key);
  std::size_t cut = kMaxKeyBytes - 20;
  while (cut > 0 && (static_cast<unsigned char>(key[cut]) & 0xC0) == 0x80)
    --cut;
  char hash[20];
  std::snprintf(hash, sizeof hash, "\x01%016zx", std::hash<std::string_view>{}(key));
  return std::string(key.substr(0, cut)) + hash;
}

// Index entries are "KEY \0 CONCEPT-ID \0 TERM-INDEX" with an empty value, so that all entries of
// a key are one contiguous range.
std::string index_key(std::string_view key, std::string_view id, std::size_t term_index) {
  std::string out = storable_key(key);
  out.push_back('\0');
  out.append(id);
  out.push_back('\0');
  out.append(std::to_string(term_index));
  return out;
}

struct EntryRef {
  std::string id;
  std::size_t term_index = 0;
};

std::optional<EntryRef> parse_entry(std::string_view raw, std::string_view key) {
  if (raw.size() <= key.size() || raw.substr(0, key.size()) != key || raw[key.size()] != '\0') {
    return std::nullopt;
  }
  raw.remove_prefix(key.size() + 1);
  const auto separator = raw.find('\0');
  if (separator == std::string_view::npos)
    return std::nullopt;
  return EntryRef{std::string(raw.substr(0, separator)),
                  static_cast<std::size_t>(std::stoul(std::string(raw.substr(separator + 1))))};
}

std::vector<EntryRef> entries_with_key(const Transaction& transaction, const Database& index,
                                       std::string_view full_key) {
  std::vector<EntryRef> found;
  if (full_key.empty())
    return found;
  const std::string key = storable_key(full_key);
  Cursor cursor(transaction, index);
  std::string prefix(key);
  prefix.push_back('\0');
  for (auto item = cursor.seek(prefix); item; item = cursor.next()) {
    const auto parsed = parse_entry(item->key, key);
    if (!parsed)
      break;
    found.push_back(*parsed);
  }
  return found;
}

bool has_entries(const Transaction& transaction, const Database& index, std::string_view key) {
  Cursor cursor(transaction, index);
  std::string prefix(key);
  prefix.push_back('\0');
  const auto item = cursor.seek(prefix);
  return item && item->key.substr(0, prefix.size()) == prefix;
}

// The distinct keys of a term index, in order.
std::vector<std::string> distinct_keys(const Transaction& transaction, const Database& index) {
  std::vector<std::string> keys;
  Cursor cursor(transaction, index);
  for (auto item = cursor.first(); item; item = cursor.next()) {
    const std::string_view key = item->key.substr(0, item->key.find('\0'));
    if (keys.empty() || keys.back() != key)
      keys.emplace_back(key);
  }
  return keys;
}

const Database& index_of(const Indexes& indexes, typo::Field field) {
  return field == typo::Field::key ? indexes.by_key : indexes.by_transliteration;
}

// Adds to the typo index the keys that gained their first entry, and removes those that lost
// their last one.
void update_typo_index(Transaction& transaction, const Indexes& indexes,
                       const TouchedKeys& touched) {
  std::vector<typo::KeyChange> changes;
  changes.reserve(touched.size());
  for (const auto& [field, key] : touched) {
    typo::KeyChange change;
    change.field = field;
    change.key = key;
    change.present = has_entries(transaction, index_of(indexes, field), key);
    changes.push_back(std::move(change));
  }
  indexes.typo.update(transaction, changes);
}

// Schema 1 had no typo index: it is built from the term indexes.
void build_typo_index(Transaction& transaction, const Indexes& indexes) {
  std::vector<typo::KeyChange> changes;
  for (const typo::Field field : {typo::Field::key, typo::Field::transliteration}) {
    for (std::string& key : distinct_keys(transaction, index_of(indexes, field))) {
      typo::KeyChange change;
      change.field = field;
      change.key = std::move(key);
      change.present = true;
      changes.push_back(std::move(change));
    }
  }
  indexes.typo.update(transaction, changes);
}

template <typename Visit>
void for_each_entry(const Transaction& transaction, const Database& index, Visit visit) {
  Cursor cursor(transaction, index);
  for (auto item = cursor.first(); item; item = cursor.next())
    visit(item->key);
}

std::vector<std::string> lemma_keys(std::string_view text, Language language);

// Every lemma key made again from the stored concepts, after the way lemma keys are made changed.
void rebuild_lemma_index(Transaction& transaction, Indexes& indexes) {
  std::vector<std::string> stale;
  for_each_entry(transaction, indexes.by_lemma,
                 [&](std::string_view key) { stale.emplace_back(key); });
  for (const std::string& key : stale)
    indexes.by_lemma.erase(transaction, key);
  std::vector<Concept> concepts;
  {
    Cursor cursor(transaction, indexes.concepts);
    for (auto item = cursor.first(); item; item = cursor.next())
      concepts.push_back(codec::decode(item->value));
  }
  for (const Concept& entry : concepts) {
    for (std::size_t i = 0; i < entry.terms.size(); ++i) {
      const Term& term = entry.terms[i];
      for (const std::string& key : lemma_keys(term.text, term.language))
        indexes.by_lemma.put(transaction, index_key(key, entry.id, i), {});
    }
  }
}

void index_concept(Transaction& transaction, Indexes& indexes, const Concept& entry, bool add,
                   TouchedKeys& touched) {
  for (std::size_t i = 0; i < entry.terms.size(); ++i) {
    const Term& term = entry.terms[i];
    const TermKeys keys = term_keys(term.text, term.language);
    const auto apply = [&](Database& index, const std::string& key) {
      if (key.empty())
        return;
      if (&index == &indexes.by_key) {
        touched.emplace(typo::Field::key, storable_key(key));
      } else if (&index == &indexes.by_transliteration) {
        touched.emplace(typo::Field::transliteration, storable_key(key));
      }
      if (add) {
        index.put(transaction, index_key(key, entry.id, i), {});
      } else {
        index.erase(transaction, index_key(key, entry.id, i));
      }
    };
    apply(indexes.by_key, keys.normalized);
    for (const std::string& lemma_key : keys.lemma_keys)
      apply(indexes.by_lemma, lemma_key);
    apply(indexes.by_transliteration, keys.transliteration);
  }
}

std::vector<std::vector<std::string>> lemma_alternatives(std::string_view text, Language language) {
  const text::Dictionary& dictionary = text::Dictionary::for_language(language);
  std::vector<std::vector<std::string>> alternatives;
  for (const text::Token& token : text::tokenize(text, language)) {
    std::vector<std::string> options;
    // British and American spellings have the same lemma keys.
    const std::string spelling = token.kind == text::TokenKind::word
                                     ? text::matching_spelling(token.text, language)
                                     : std::string(token.text);
    if (token.kind == text::TokenKind::word) {
      for (const std::string& stem : dictionary.stems(spelling)) {
        options.push_back(text::search_key(stem, language));
      }
    }
    if (options.empty())
      options.push_back(text::search_key(spelling, language));
    alternatives.push_back(std::move(options));
  }
  return alternatives;
}

// Up to kMaxLemmaAlternatives lemma sequences: the first stems, then one alternative at a time.
std::vector<std::string> lemma_keys_as_written(std::string_view text, Language language) {
  const auto alternatives = lemma_alternatives(text, language);
  if (alternatives.empty())
    return {};
  const auto join = [](const std::vector<std::string>& words) {
    std::string out;
    for (const auto& word : words)
      out += (out.empty() ? "" : " ") + word;
    return out;
  };
  std::vector<std::string> first;
  for (const auto& options : alternatives)
    first.push_back(options.front());
  std::vector<std::string> keys{join(first)};
  for (std::size_t position = 0; position < alternatives.size(); ++position) {
    for (std::size_t option = 1; option < alternatives[position].size(); ++option) {
      if (keys.size() >= kMaxLemmaAlternatives)
        return keys;
      auto variant = first;
      variant[position] = alternatives[position][option];
      if (std::find(keys.begin(), keys.end(), join(variant)) == keys.end()) {
        keys.push_back(join(variant));
      }
    }
  }
  return keys;
}

// The lemma keys of the text as written and, where it has hyphenated words, of the text with
// them joined: "pre-trial detention" and "pretrial detention" share a key.
std::vector<std::string> lemma_keys(std::string_view text, Language language) {
  auto keys = lemma_keys_as_written(text, language);
  const std::string joined = text::without_word_hyphens(text);
  if (joined != text) {
    for (std::string& key : lemma_keys_as_written(joined, language)) {
      if (std::find(keys.begin(), keys.end(), key) == keys.end())
        keys.push_back(std::move(key));
    }
  }
  return keys;
}

}  // namespace

std::string_view to_string(MatchKind kind) {
  switch (kind) {
    case MatchKind::exact:
      return "exact";
    case MatchKind::normalized:
      return "normalized";
    case MatchKind::inflected:
      return "inflected";
    case MatchKind::transliterated:
      return "transliterated";
    case MatchKind::fuzzy:
      return "fuzzy";
  }
  return "?";
}

TermKeys term_keys(std::string_view text, Language language) {
  TermKeys keys;
  keys.normalized = text::search_key(text, language);
  keys.lemma_keys = lemma_keys(text, language);
  if (text::has_cyrillic(text))
    keys.transliteration = text::translit_key(text);
  return keys;
}

namespace {

store::EnvironmentOptions termbase_environment_options(bool read_only) {
  store::EnvironmentOptions options;
  // TOLK_TERMBASE_MAP_SIZE (bytes) changes LMDB's bound of the termbase's size (1 GiB): a small
  // map is how the tests fill a termbase up (MDB_MAP_FULL).
  if (const auto limit = store::map_size_from_environment("TOLK_TERMBASE_MAP_SIZE"))
    options.map_size = *limit;
  options.read_only = read_only;
  return options;
}

// The schema version recorded in the meta database (the current one for a new termbase).
int schema_version(const std::filesystem::path& directory, std::optional<std::string_view> schema) {
  int version = kTermbaseSchemaVersion;
  if (schema) {
    try {
      version = std::stoi(std::string(*schema));
    } catch (const std::exception&) {
      throw TermbaseError(directory.string() + ": unreadable termbase schema version '" +
                          std::string(*schema) + "'; rebuild it with tolk term import");
    }
  }
  if (version > kTermbaseSchemaVersion) {
    throw TermbaseError(directory.string() + " was written by a newer tolk (termbase schema " +
                        std::to_string(version) + ")");
  }
  if (version < 1) {
    throw TermbaseError(directory.string() + ": unknown termbase schema " +
                        std::to_string(version) + "; rebuild it with tolk term import");
  }
  return version;
}

// Opens every database of a read-only termbase once, in a read transaction that is committed so
// that the environment keeps the handles. LMDB forbids opening databases from concurrent
// transactions: without this, the first lookups of several threads would each open them (and
// race on LMDB's table of names).
store::Environment with_databases_opened(store::Environment environment) {
  Transaction transaction = Transaction::begin_read(environment);
  open_indexes(transaction, store::OpenMode::existing);
  transaction.commit();
  return environment;
}

}  // namespace

Termbase::Termbase(store::Environment environment) : environment_(std::move(environment)) {}

Termbase Termbase::open(const std::filesystem::path& directory, bool create) {
  if (!create && !std::filesystem::exists(directory / "data.mdb")) {
    throw TermbaseError("no termbase in " + directory.string());
  }
  store::Environment environment =
      store::Environment::open(directory, termbase_environment_options(false));
  Transaction transaction = Transaction::begin_write(environment);
  Indexes indexes = open_indexes(transaction, store::OpenMode::create);
  const auto schema = indexes.meta.get(transaction, "schema-version");
  const int version = schema_version(directory, schema);
  // Schema 1 -> 2: the typo index (typo-keys, typo-strings, typo-grams) is built in place.
  if (version < 2)
    build_typo_index(transaction, indexes);
  // Schema 2 -> 3: lemma keys bridge British and American spellings and hyphenated words.
  if (schema && version < 3)
    rebuild_lemma_index(transaction, indexes);
  if (!schema || version < kTermbaseSchemaVersion)
    indexes.meta.put(transaction, "schema-version", std::to_string(kTermbaseSchemaVersion));
  transaction.commit();
  return Termbase(std::move(environment));
}

Termbase Termbase::open_for_reading(const std::filesystem::path& directory) {
  if (!std::filesystem::exists(directory / "data.mdb")) {
    throw TermbaseError("no termbase in " + directory.string());
  }
  bool current = false;
  {
    store::Environment environment =
        store::Environment::open(directory, termbase_environment_options(true));
    {
      Transaction transaction = Transaction::begin_read(environment);
      const auto meta = Database::open_if_exists(transaction, kMeta);
      if (meta) {
        const auto schema = meta->get(transaction, "schema-version");
        current = schema && schema_version(directory, schema) == kTermbaseSchemaVersion;
      }
    }
    if (current)
      return Termbase(with_databases_opened(std::move(environment)));
  }
  // An older schema is upgraded once, in a write transaction (the environment above is closed
  // first: LMDB wants one environment per store and process).
  try {
    open(directory);
  } catch (const store::LmdbError& error) {
    throw TermbaseError("the termbase in " + directory.string() +
                        " is of an older schema that must be upgraded once where it can be "
                        "written (" +
                        error.what() + ")");
  }
  return Termbase(with_databases_opened(
      store::Environment::open(directory, termbase_environment_options(true))));
}

std::size_t Termbase::put(std::span<const Concept> concepts) {
  Transaction transaction = Transaction::begin_write(environment_);
  Indexes indexes = open_indexes(transaction, store::OpenMode::existing);
  std::size_t added = 0;
  TouchedKeys touched;
  for (const Concept& entry : concepts) {
    if (entry.id.empty())
      throw TermbaseError("a entry without an id cannot be stored");
    if (const auto old = indexes.concepts.get(transaction, entry.id)) {
      index_concept(transaction, indexes, codec::decode(*old), false, touched);
    } else {
      ++added;
    }
    indexes.concepts.put(transaction, entry.id, codec::encode(entry));
    index_concept(transaction, indexes, entry, true, touched);
  }
  update_typo_index(transaction, indexes, touched);
  transaction.commit();
  return added;
}

bool Termbase::erase(std::string_view id) {
  const std::string owned(id);
  return erase(std::span<const std::string>(&owned, 1)) == 1;
}

std::size_t Termbase::erase(std::span<const std::string> ids) {
  Transaction transaction = Transaction::begin_write(environment_);
  Indexes indexes = open_indexes(transaction, store::OpenMode::existing);
  std::size_t erased = 0;
  TouchedKeys touched;
  for (const std::string& id : ids) {
    const auto old = indexes.concepts.get(transaction, id);
    if (!old)
      continue;
    index_concept(transaction, indexes, codec::decode(*old), false, touched);
    indexes.concepts.erase(transaction, id);
    ++erased;
  }
  if (erased == 0)
    return 0;
  update_typo_index(transaction, indexes, touched);
  transaction.commit();
  return erased;
}

std::optional<Concept> Termbase::get(std::string_view id) const {
  Transaction transaction = Transaction::begin_read(environment_);
  const Database concepts = Database::open(transaction, kConcepts, store::OpenMode::existing);
  const auto bytes = concepts.get(transaction, id);
  if (!bytes)
    return std::nullopt;
  return codec::decode(*bytes);
}

void Termbase::for_each(const std::function<void(const Concept&)>& visit) const {
  Transaction transaction = Transaction::begin_read(environment_);
  const Database concepts = Database::open(transaction, kConcepts, store::OpenMode::existing);
  Cursor cursor(transaction, concepts);
  for (auto item = cursor.first(); item; item = cursor.next())
    visit(codec::decode(item->value));
}

std::vector<Concept> Termbase::all() const {
  std::vector<Concept> concepts;
  for_each([&](const Concept& entry) { concepts.push_back(entry); });
  return concepts;
}

TermbaseStatistics Termbase::statistics() const {
  Transaction transaction = Transaction::begin_read(environment_);
  Indexes indexes = open_indexes(transaction, store::OpenMode::existing);
  TermbaseStatistics statistics;
  statistics.concepts = indexes.concepts.size(transaction);
  statistics.terms = indexes.by_key.size(transaction);
  statistics.index_entries = statistics.terms + indexes.by_lemma.size(transaction) +
                             indexes.by_transliteration.size(transaction);
  statistics.typo_keys = indexes.typo.size(transaction);
  return statistics;
}

Termbase::Verification Termbase::verify() const {
  Verification result;
  const auto problem = [&](std::string text) {
    if (result.problems.size() < 100)
      result.problems.push_back(std::move(text));
  };
  Transaction transaction = Transaction::begin_read(environment_);
  Indexes indexes = open_indexes(transaction, store::OpenMode::existing);
  // The entries each index must hold, computed from the concepts as put() writes them.
  std::set<std::string> expected_by_key;
  std::set<std::string> expected_by_lemma;
  std::set<std::string> expected_by_transliteration;
  Cursor cursor(transaction, indexes.concepts);
  for (auto item = cursor.first(); item; item = cursor.next()) {
    Concept entry;
    try {
      entry = codec::decode(item->value);
    } catch (const std::exception& error) {
      problem("concept " + std::string(item->key) + ": " + error.what());
      continue;
    }
    ++result.concepts;
    if (entry.id != item->key)
      problem("concept " + std::string(item->key) + " is stored under another id ('" + entry.id +
              "')");
    for (std::size_t i = 0; i < entry.terms.size(); ++i) {
      const TermKeys keys = term_keys(entry.terms[i].text, entry.terms[i].language);
      if (!keys.normalized.empty())
        expected_by_key.insert(index_key(keys.normalized, entry.id, i));
      for (const std::string& lemma_key : keys.lemma_keys) {
        if (!lemma_key.empty())
          expected_by_lemma.insert(index_key(lemma_key, entry.id, i));
      }
      if (!keys.transliteration.empty())
        expected_by_transliteration.insert(index_key(keys.transliteration, entry.id, i));
    }
  }
  const auto compare = [&](std::string_view name, const Database& index,
                           const std::set<std::string>& expected) {
    std::size_t stored = 0;
    for_each_entry(transaction, index, [&](std::string_view key) {
      ++stored;
      if (!expected.contains(std::string(key)))
        problem(std::string(name) + ": an entry for no term of a stored concept");
    });
    result.index_entries += stored;
    if (stored != expected.size())
      problem(std::string(name) + ": " + std::to_string(stored) + " entries stored, " +
              std::to_string(expected.size()) + " expected from the concepts");
  };
  compare("term index", indexes.by_key, expected_by_key);
  compare("lemma index", indexes.by_lemma, expected_by_lemma);
  compare("transliteration index", indexes.by_transliteration, expected_by_transliteration);
  const std::size_t distinct = distinct_keys(transaction, indexes.by_key).size() +
                               distinct_keys(transaction, indexes.by_transliteration).size();
  if (indexes.typo.size(transaction) != distinct)
    problem("typo index: " + std::to_string(indexes.typo.size(transaction)) + " keys, " +
            std::to_string(distinct) + " distinct keys in the term indexes");
  return result;
}

std::vector<LookupHit> Termbase::lookup(std::string_view query,
                                        const LookupOptions& options) const {
  const std::string text = text::to_nfc(query);
  Transaction transaction = Transaction::begin_read(environment_);
  Indexes indexes = open_indexes(transaction, store::OpenMode::existing);

  std::map<std::string, LookupHit> best;  // by concept id
  std::map<std::string, Concept> loaded;
  const auto concept_of = [&](const std::string& id) -> const Concept* {
    if (const auto hit = loaded.find(id); hit != loaded.end())
      return &hit->second;
    const auto bytes = indexes.concepts.get(transaction, id);
    if (!bytes)
      return nullptr;
    return &loaded.emplace(id, codec::decode(*bytes)).first->second;
  };
  const auto offer = [&](const EntryRef& ref, MatchKind kind, double score) {
    const Concept* entry = concept_of(ref.id);
    if (entry == nullptr || ref.term_index >= entry->terms.size())
      return;
    const Term& term = entry->terms[ref.term_index];
    if (options.language && term.language != *options.language)
      return;
    if (kind == MatchKind::normalized && term.text == text) {
      kind = MatchKind::exact;
      score = kScoreExact;
    }
    auto& slot = best[ref.id];
    if (slot.entry.id.empty() || score > slot.score) {
      slot = LookupHit{*entry, ref.term_index, kind, score};
    }
  };

  const std::vector<Language> languages =
      options.language ? std::vector<Language>{*options.language}
                       : std::vector<Language>(text::kSupportedLanguages.begin(),
                                               text::kSupportedLanguages.end());
  const std::string normalized = text::search_key(text, languages.front());
  for (const EntryRef& ref : entries_with_key(transaction, indexes.by_key, normalized)) {
    offer(ref, MatchKind::normalized, kScoreNormalized);
  }
  std::set<std::string> lemma_queries;
  for (const Language language : languages) {
    for (std::string& key : lemma_keys(text, language))
      lemma_queries.insert(std::move(key));
  }
  for (const std::string& key : lemma_queries) {
    for (const EntryRef& ref : entries_with_key(transaction, indexes.by_lemma, key)) {
      offer(ref, MatchKind::inflected, kScoreInflected);
    }
  }
  const std::string transliteration = text::translit_key(text);
  for (const EntryRef& ref :
       entries_with_key(transaction, indexes.by_transliteration, transliteration)) {
    offer(ref, MatchKind::transliterated, kScoreTransliterated);
  }

  if (best.empty() && options.fuzzy && !options.exhaustive_fuzzy) {
    // Typos: the typo index gives every stored key within the similarity threshold, in key
    // order, so the entries are offered in the order of the full scan below.
    const auto search = [&](typo::Field field, const std::u32string& wanted) {
      const Database& index = index_of(indexes, field);
      for (const typo::KeyMatch& match :
           indexes.typo.search(transaction, field, wanted, options.min_similarity)) {
        for (const EntryRef& ref : entries_with_key(transaction, index, match.key))
          offer(ref, MatchKind::fuzzy, kScoreFuzzyScale * match.score);
      }
    };
    search(typo::Field::key, to_code_points(normalized));
    if (!text::has_cyrillic(text))
      search(typo::Field::transliteration, to_code_points(transliteration));
  } else if (best.empty() && options.fuzzy) {
    // The reference: every stored key against the query's, by bounded edit distance.
    const auto scan = [&](const Database& index, const std::u32string& wanted) {
      for_each_entry(transaction, index, [&](std::string_view raw) {
        const std::string_view key = raw.substr(0, raw.find('\0'));
        const auto score = similarity(to_code_points(key), wanted, options.min_similarity);
        if (!score)
          return;
        if (const auto ref = parse_entry(raw, key)) {
          offer(*ref, MatchKind::fuzzy, kScoreFuzzyScale * *score);
        }
      });
    };
    scan(indexes.by_key, to_code_points(normalized));
    if (!text::has_cyrillic(text))
      scan(indexes.by_transliteration, to_code_points(transliteration));
  }

  std::vector<LookupHit> hits;
  for (auto& [id, hit] : best)
    hits.push_back(std::move(hit));
  std::stable_sort(hits.begin(), hits.end(),
                   [](const LookupHit& a, const LookupHit& b) { return a.score > b.score; });
  if (hits.size() > options.limit)
    hits.resize(options.limit);
  return hits;
}

}  // namespace tolk::termbase
