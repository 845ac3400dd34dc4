#include "tolk/tm/translation_memory.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <map>
#include <set>
#include <unordered_map>
#include <utility>

#include "tolk/store/keys.hpp"
#include "tolk/text/language.hpp"
#include "tolk/text/morphology.hpp"
#include "tolk/text/normalize.hpp"
#include "unit_codec.hpp"

namespace tolk::tm {
namespace {

using store::append_big_endian;

// LMDB keys are at most 511 bytes; longer word keys (URLs, code) are cut and completed by a hash.
constexpr std::size_t kMaxKeyText = 400;
constexpr std::uint32_t kUnknownTokenBase = 0xFFFFFFFFU;

std::uint64_t fnv1a(std::string_view bytes) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

std::string bounded_text(std::string_view text) {
  if (text.size() <= kMaxKeyText)
    return std::string(text);
  std::string out(text.substr(0, kMaxKeyText));
  append_big_endian(out, fnv1a(text), 8);
  return out;
}

std::string language_prefix(std::string_view primary) {
  std::string out(primary);
  out.push_back('\0');
  return out;
}

std::string unit_key(std::uint32_t id) {
  std::string key;
  append_big_endian(key, id, 4);
  return key;
}

std::uint32_t unit_number(std::string_view key) {
  return static_cast<std::uint32_t>(store::read_big_endian(key.substr(0, 4)));
}

std::string signature_key(std::uint32_t id, std::string_view primary) {
  return unit_key(id) + std::string(primary);
}

std::string token_key(std::string_view primary, std::string_view word_key) {
  return language_prefix(primary) + bounded_text(word_key);
}

std::string posting_key(std::string_view primary, std::uint32_t token, std::size_t length) {
  std::string key = language_prefix(primary);
  append_big_endian(key, token, 4);
  append_big_endian(key, std::min<std::size_t>(length, 0xFFFF), 2);
  return key;
}

std::string lemma_key(std::string_view primary, std::string_view lemma) {
  return language_prefix(primary) + bounded_text(lemma);
}

std::string exact_key(std::string_view primary, std::string_view text) {
  std::string key = language_prefix(primary);
  append_big_endian(key, fnv1a(text), 8);
  return key;
}

struct TokenRecord {
  std::uint32_t id = 0;
  std::uint32_t units = 0;  // how many unit variants contain the token
};

std::string encode_token(const TokenRecord& record) {
  std::string out;
  append_big_endian(out, record.id, 4);
  append_big_endian(out, record.units, 4);
  return out;
}

TokenRecord decode_token(std::string_view bytes) {
  if (bytes.size() != 8)
    throw TranslationMemoryError("corrupt token record");
  TokenRecord record;
  record.id = unit_number(bytes.substr(0, 4));
  record.units = unit_number(bytes.substr(4, 4));
  return record;
}

std::vector<std::uint32_t> decode_signature(std::string_view bytes) {
  if (bytes.size() % 4 != 0)
    throw TranslationMemoryError("corrupt signature record");
  std::vector<std::uint32_t> ids(bytes.size() / 4);
  if (!ids.empty())  // an empty segment's sequence: no bytes, and memcpy takes no null pointer
    std::memcpy(ids.data(), bytes.data(), bytes.size());
  return ids;
}

std::string encode_signature(const std::vector<std::uint32_t>& ids) {
  std::string out(ids.size() * 4, '\0');
  if (!ids.empty())
    std::memcpy(out.data(), ids.data(), out.size());
  return out;
}

std::optional<text::Language> supported_language(std::string_view primary) {
  return text::parse_language(primary);
}

// The concordance key of a word: its lemma in nl, en and ru; its search key elsewhere.
std::string word_lemma(const SegmentAnalysis::Word& word, std::optional<text::Language> language) {
  if (word.is_number || !language)
    return word.is_number ? word.text : word.key;
  return text::lemma(word.text, *language);
}

// The variants a unit is indexed under: the first of each primary language, with text.
std::vector<std::pair<std::string, const Variant*>> indexed_variants(const TranslationUnit& unit) {
  std::vector<std::pair<std::string, const Variant*>> out;
  for (const Variant& variant : unit.variants) {
    if (variant.segment.text.empty())
      continue;
    std::string primary = primary_language(variant.language);
    const bool seen = std::any_of(out.begin(), out.end(),
                                  [&](const auto& entry) { return entry.first == primary; });
    if (!seen)
      out.emplace_back(std::move(primary), &variant);
  }
  return out;
}

const Variant* source_variant(const TranslationUnit& unit) {
  if (!unit.source_language.empty() && unit.source_language != "*all*") {
    if (const Variant* variant = find_variant(unit, unit.source_language))
      return variant;
  }
  return unit.variants.empty() ? nullptr : &unit.variants.front();
}

std::set<std::string> primary_languages(const TranslationUnit& unit) {
  std::set<std::string> languages;
  for (const Variant& variant : unit.variants)
    languages.insert(primary_language(variant.language));
  return languages;
}

bool same_texts(const TranslationUnit& a, const TranslationUnit& b) {
  if (a.variants.size() != b.variants.size())
    return false;
  for (const Variant& variant : a.variants) {
    const Variant* other = find_variant(b, variant.language);
    if (!other || other->segment != variant.segment)
      return false;
  }
  return true;
}

std::string describe(const TranslationUnit& unit) {
  if (unit.origin_file.empty())
    return "unit";
  return unit.origin_file + ":" + std::to_string(unit.origin_line);
}

struct Ranked {
  int score = 0;
  std::uint32_t id = 0;
};

// Best first: higher score, then the more recent unit.
bool ranks_before(const Ranked& a, const Ranked& b) {
  return a.score != b.score ? a.score > b.score : a.id > b.id;
}

}  // namespace

AddResult& AddResult::operator+=(const AddResult& other) {
  added += other.added;
  replaced += other.replaced;
  identical += other.identical;
  return *this;
}

struct TranslationMemory::State {
  store::Environment environment;
  store::Database meta;
  store::Database units;
  store::Database signatures;
  store::Database tokens;
  store::Database postings;
  store::Database lemmas;
  store::Database exact;
};

namespace {

// One write transaction's view of the TM: the databases, and the token table's changes, kept
// in memory until the end so that a token's count is written once per transaction.
class WriteSession {
 public:
  WriteSession(TranslationMemory::State& state, store::Transaction& transaction)
      : state_(state), transaction_(transaction) {
    next_unit_ = read_counter("next-unit", 1);
    next_token_ = read_counter("next-token", 1);
  }

  std::uint32_t insert(const TranslationUnit& unit) {
    if (next_unit_ == 0xFFFFFFFFU)
      throw TranslationMemoryError("the translation memory is full (2^32 units)");
    const std::uint32_t id = next_unit_++;
    TranslationUnit stored = unit;
    stored.id = id;
    state_.units.put(transaction_, unit_key(id), codec::encode(stored));
    for (const auto& [primary, variant] : indexed_variants(stored))
      index_variant(id, primary, *variant, +1);
    return id;
  }

  void remove(std::uint32_t id) {
    const auto bytes = state_.units.get(transaction_, unit_key(id));
    if (!bytes)
      return;
    const TranslationUnit unit = codec::decode(*bytes);
    for (const auto& [primary, variant] : indexed_variants(unit))
      index_variant(id, primary, *variant, -1);
    state_.units.erase(transaction_, unit_key(id));
  }

  std::vector<std::uint32_t> same_source(const TranslationUnit& unit) {
    std::vector<std::uint32_t> ids;
    if (const Variant* source = source_variant(unit))
      state_.exact.read_integers(
          transaction_, exact_key(primary_language(source->language), source->segment.text), ids);
    return ids;
  }

  std::optional<TranslationUnit> load(std::uint32_t id) {
    const auto bytes = state_.units.get(transaction_, unit_key(id));
    if (!bytes)
      return std::nullopt;
    TranslationUnit unit = codec::decode(*bytes);
    unit.id = id;
    return unit;
  }

  void finish() {
    // A token no unit contains any more keeps its record, so that its number stays stable.
    for (const auto& [key, record] : changed_tokens_)
      state_.tokens.put(transaction_, key, encode_token(record));
    write_counter("next-unit", next_unit_);
    write_counter("next-token", next_token_);
  }

 private:
  std::uint32_t read_counter(std::string_view name, std::uint32_t fallback) {
    const auto value = state_.meta.get(transaction_, name);
    return value ? unit_number(*value) : fallback;
  }
  void write_counter(std::string_view name, std::uint32_t value) {
    std::string bytes;
    append_big_endian(bytes, value, 4);
    state_.meta.put(transaction_, name, bytes);
  }

  TokenRecord& token(std::string_view primary, std::string_view word_key) {
    std::string key = token_key(primary, word_key);
    if (auto found = changed_tokens_.find(key); found != changed_tokens_.end())
      return found->second;
    TokenRecord record;
    if (const auto stored = state_.tokens.get(transaction_, key)) {
      record = decode_token(*stored);
    } else {
      record.id = next_token_++;
    }
    return changed_tokens_.emplace(std::move(key), record).first->second;
  }

  // direction +1 indexes the variant, -1 removes it from the indexes.
  void index_variant(std::uint32_t id, const std::string& primary, const Variant& variant,
                     int direction) {
    const SegmentAnalysis analysis = analyze_segment(variant.segment, variant.language);
    const auto language = supported_language(primary);
    std::vector<std::uint32_t> signature;
    signature.reserve(analysis.words.size());
    std::map<std::uint32_t, TokenRecord*> distinct;
    for (const SegmentAnalysis::Word& word : analysis.words) {
      TokenRecord& record = token(primary, word.key);
      signature.push_back(record.id);
      distinct.emplace(record.id, &record);
    }
    const std::size_t length = signature.size();
    for (const auto& [token_id, record] : distinct) {
      const std::string key = posting_key(primary, token_id, length);
      if (direction > 0) {
        state_.postings.add_integer(transaction_, key, id);
        ++record->units;
      } else if (state_.postings.erase_integer(transaction_, key, id) && record->units > 0) {
        --record->units;
      }
    }
    std::set<std::string> lemmas;
    for (const SegmentAnalysis::Word& word : analysis.words)
      lemmas.insert(word_lemma(word, language));
    for (const std::string& lemma : lemmas) {
      if (direction > 0)
        state_.lemmas.add_integer(transaction_, lemma_key(primary, lemma), id);
      else
        state_.lemmas.erase_integer(transaction_, lemma_key(primary, lemma), id);
    }
    const std::string exact = exact_key(primary, variant.segment.text);
    if (direction > 0) {
      state_.exact.add_integer(transaction_, exact, id);
      state_.signatures.put(transaction_, signature_key(id, primary), encode_signature(signature));
    } else {
      state_.exact.erase_integer(transaction_, exact, id);
      state_.signatures.erase(transaction_, signature_key(id, primary));
    }
  }

  TranslationMemory::State& state_;
  store::Transaction& transaction_;
  std::uint32_t next_unit_ = 1;
  std::uint32_t next_token_ = 1;
  std::unordered_map<std::string, TokenRecord> changed_tokens_;
};

bool has_text(const Segment& segment) {
  return segment.text.find_first_not_of(" \t\r\n\f\v") != std::string::npos;
}

}  // namespace

void require_valid(const TranslationUnit& unit) {
  std::size_t with_text = 0;
  for (const Variant& variant : unit.variants) {
    if (variant.language.empty())
      throw TranslationMemoryError(describe(unit) + ": a variant has no language");
    if (has_text(variant.segment))
      ++with_text;
  }
  if (with_text < 2)
    throw TranslationMemoryError(describe(unit) + ": a unit needs two variants with text");
}

TranslationMemory::TranslationMemory(std::unique_ptr<State> state) : state_(std::move(state)) {}
TranslationMemory::TranslationMemory(TranslationMemory&&) noexcept = default;
TranslationMemory& TranslationMemory::operator=(TranslationMemory&&) noexcept = default;
TranslationMemory::~TranslationMemory() = default;

namespace {

store::EnvironmentOptions memory_environment_options(bool read_only) {
  store::EnvironmentOptions options;
  options.map_size = std::size_t{1} << 36;  // 64 GiB of address space; the file grows as needed
  // TOLK_TM_MAP_SIZE (bytes) lowers that bound: valgrind cannot reserve 64 GiB, and a small map
  // is how the tests fill a store up (MDB_MAP_FULL).
  if (const auto limit = store::map_size_from_environment("TOLK_TM_MAP_SIZE"))
    options.map_size = *limit;
  options.read_only = read_only;
  return options;
}

void require_schema(const std::filesystem::path& directory,
                    std::optional<std::string_view> version) {
  if (version && *version != std::to_string(kTranslationMemorySchemaVersion)) {
    throw TranslationMemoryError(
        "the translation memory in " + directory.string() + " has schema version " +
        std::string(*version) + "; this tolk reads version " +
        std::to_string(kTranslationMemorySchemaVersion) +
        ": export it to TMX with the tolk that wrote it and import it again");
  }
}

}  // namespace

TranslationMemory TranslationMemory::open(const std::filesystem::path& directory, bool create) {
  if (!create && !std::filesystem::exists(directory / "data.mdb"))
    throw TranslationMemoryError("no translation memory in " + directory.string());
  store::Environment environment =
      store::Environment::open(directory, memory_environment_options(false));
  auto transaction = store::Transaction::begin_write(environment);
  auto meta = store::Database::open(transaction, "meta");
  const auto version = meta.get(transaction, "schema");
  require_schema(directory, version);
  if (!version)
    meta.put(transaction, "schema", std::to_string(kTranslationMemorySchemaVersion));
  using store::ValueKind;
  auto state = std::make_unique<State>(
      State{std::move(environment), meta, store::Database::open(transaction, "units"),
            store::Database::open(transaction, "signatures"),
            store::Database::open(transaction, "tokens"),
            store::Database::open(transaction, "postings", store::OpenMode::create,
                                  ValueKind::sorted_integers),
            store::Database::open(transaction, "lemmas", store::OpenMode::create,
                                  ValueKind::sorted_integers),
            store::Database::open(transaction, "exact", store::OpenMode::create,
                                  ValueKind::sorted_integers)});
  transaction.commit();
  return TranslationMemory(std::move(state));
}

TranslationMemory TranslationMemory::open_for_reading(const std::filesystem::path& directory) {
  if (!std::filesystem::exists(directory / "data.mdb"))
    throw TranslationMemoryError("no translation memory in " + directory.string());
  store::Environment environment =
      store::Environment::open(directory, memory_environment_options(true));
  auto transaction = store::Transaction::begin_read(environment);
  const auto open = [&](std::string_view name) {
    auto database = store::Database::open_if_exists(transaction, name);
    if (!database) {
      throw TranslationMemoryError("the translation memory in " + directory.string() +
                                   " is incomplete (no '" + std::string(name) +
                                   "' database): it was never opened for writing by tolk");
    }
    return *database;
  };
  auto meta = open("meta");
  require_schema(directory, meta.get(transaction, "schema"));
  auto state = std::make_unique<State>(State{std::move(environment), meta, open("units"),
                                             open("signatures"), open("tokens"), open("postings"),
                                             open("lemmas"), open("exact")});
  transaction.commit();  // a read transaction's commit keeps the database handles it opened
  return TranslationMemory(std::move(state));
}

const std::filesystem::path& TranslationMemory::directory() const {
  return state_->environment.directory();
}

AddResult TranslationMemory::add(std::span<const TranslationUnit> units, DuplicatePolicy policy) {
  for (const TranslationUnit& unit : units)
    require_valid(unit);
  auto transaction = store::Transaction::begin_write(state_->environment);
  WriteSession session(*state_, transaction);
  AddResult result;
  for (const TranslationUnit& unit : units) {
    bool identical = false;
    std::vector<std::uint32_t> replace;
    const std::set<std::string> languages = primary_languages(unit);
    const Variant* source = source_variant(unit);
    for (const std::uint32_t other : session.same_source(unit)) {
      const auto stored = session.load(other);
      if (!stored)
        continue;
      const Variant* stored_source = find_variant(*stored, source->language);
      if (!stored_source || stored_source->segment.text != source->segment.text ||
          primary_languages(*stored) != languages)
        continue;
      if (same_texts(*stored, unit)) {
        identical = true;
        break;
      }
      if (policy == DuplicatePolicy::keep_newest)
        replace.push_back(other);
    }
    if (identical) {
      ++result.identical;
      continue;
    }
    for (const std::uint32_t other : replace)
      session.remove(other);
    session.insert(unit);
    if (replace.empty())
      ++result.added;
    else
      ++result.replaced;
  }
  session.finish();
  transaction.commit();
  return result;
}

bool TranslationMemory::erase(std::uint64_t id) {
  if (id == 0 || id > 0xFFFFFFFFU)
    return false;
  auto transaction = store::Transaction::begin_write(state_->environment);
  WriteSession session(*state_, transaction);
  if (!session.load(static_cast<std::uint32_t>(id)))
    return false;
  session.remove(static_cast<std::uint32_t>(id));
  session.finish();
  transaction.commit();
  return true;
}

std::optional<TranslationUnit> TranslationMemory::get(std::uint64_t id) const {
  if (id == 0 || id > 0xFFFFFFFFU)
    return std::nullopt;
  auto transaction = store::Transaction::begin_read(state_->environment);
  const auto bytes = state_->units.get(transaction, unit_key(static_cast<std::uint32_t>(id)));
  if (!bytes)
    return std::nullopt;
  TranslationUnit unit = codec::decode(*bytes);
  unit.id = id;
  return unit;
}

void TranslationMemory::for_each(const std::function<void(const TranslationUnit&)>& visit) const {
  auto transaction = store::Transaction::begin_read(state_->environment);
  store::Cursor cursor(transaction, state_->units);
  for (auto entry = cursor.first(); entry; entry = cursor.next()) {
    TranslationUnit unit = codec::decode(entry->value);
    unit.id = unit_number(entry->key);
    visit(unit);
  }
}

TranslationMemory::Verification TranslationMemory::verify() const {
  Verification result;
  const auto problem = [&](std::string text) {
    if (result.problems.size() < 100)
      result.problems.push_back(std::move(text));
  };
  auto transaction = store::Transaction::begin_read(state_->environment);
  std::size_t signatures = 0;
  std::size_t lemma_entries = 0;
  std::size_t exact_entries = 0;
  std::map<std::string, std::uint32_t> units_per_token;
  store::Cursor cursor(transaction, state_->units);
  for (auto entry = cursor.first(); entry; entry = cursor.next()) {
    const std::uint32_t id = unit_number(entry->key);
    const std::string name = "unit " + std::to_string(id);
    TranslationUnit unit;
    try {
      unit = codec::decode(entry->value);
    } catch (const TranslationMemoryError& error) {
      problem(name + ": " + error.what());
      continue;
    }
    ++result.units;
    for (const auto& [primary, variant] : indexed_variants(unit)) {
      ++signatures;
      const SegmentAnalysis analysis = analyze_segment(variant->segment, variant->language);
      std::vector<std::uint32_t> expected;
      std::set<std::uint32_t> distinct;
      for (const SegmentAnalysis::Word& word : analysis.words) {
        const std::string key = token_key(primary, word.key);
        const auto stored = state_->tokens.get(transaction, key);
        if (!stored) {
          problem(name + ": no token record for a word of its " + primary + " text");
          continue;
        }
        const TokenRecord record = decode_token(*stored);
        expected.push_back(record.id);
        if (distinct.insert(record.id).second)
          ++units_per_token[key];
      }
      const auto signature = state_->signatures.get(transaction, signature_key(id, primary));
      if (!signature || decode_signature(*signature) != expected)
        problem(name + ": its " + primary + " word sequence is missing or differs");
      for (const std::uint32_t token : distinct) {
        ++result.postings;
        if (!state_->postings.contains_integer(
                transaction, posting_key(primary, token, analysis.words.size()), id))
          problem(name + ": a posting of its " + primary + " text is missing");
      }
      std::set<std::string> lemmas;
      for (const SegmentAnalysis::Word& word : analysis.words)
        lemmas.insert(word_lemma(word, supported_language(primary)));
      for (const std::string& lemma : lemmas) {
        ++lemma_entries;
        if (!state_->lemmas.contains_integer(transaction, lemma_key(primary, lemma), id))
          problem(name + ": a concordance entry of its " + primary + " text is missing");
      }
      ++exact_entries;
      if (!state_->exact.contains_integer(transaction, exact_key(primary, variant->segment.text),
                                          id))
        problem(name + ": its " + primary + " exact-match entry is missing");
    }
  }
  const auto compare = [&](std::string_view what, std::size_t stored, std::size_t expected) {
    if (stored != expected)
      problem(std::string(what) + ": " + std::to_string(stored) + " stored, " +
              std::to_string(expected) + " expected from the units");
  };
  compare("word sequences", state_->signatures.size(transaction), signatures);
  compare("postings", state_->postings.size(transaction), result.postings);
  compare("concordance entries", state_->lemmas.size(transaction), lemma_entries);
  compare("exact-match entries", state_->exact.size(transaction), exact_entries);
  store::Cursor tokens(transaction, state_->tokens);
  for (auto entry = tokens.first(); entry; entry = tokens.next()) {
    const auto found = units_per_token.find(std::string(entry->key));
    const std::uint32_t expected = found == units_per_token.end() ? 0 : found->second;
    if (decode_token(entry->value).units != expected)
      problem("a token's unit count disagrees with the postings");
  }
  return result;
}

TranslationMemoryStatistics TranslationMemory::statistics() const {
  TranslationMemoryStatistics statistics;
  auto transaction = store::Transaction::begin_read(state_->environment);
  statistics.units = state_->units.size(transaction);
  statistics.distinct_words = state_->tokens.size(transaction);
  std::map<std::string, std::size_t> per_language;
  store::Cursor cursor(transaction, state_->signatures);
  for (auto entry = cursor.first(); entry; entry = cursor.next())
    ++per_language[std::string(entry->key.substr(4))];
  statistics.variants_per_language.assign(per_language.begin(), per_language.end());
  std::error_code error;
  statistics.store_bytes =
      static_cast<std::size_t>(std::filesystem::file_size(directory() / "data.mdb", error));
  return statistics;
}

namespace {

struct QueryTokens {
  std::vector<std::uint32_t> ids;  // per query word; unknown words get ids no unit has
  struct Distinct {
    std::uint32_t id = 0;
    std::size_t occurrences = 0;
    std::uint32_t units = 0;  // 0 for a word no unit has
    bool known = false;
  };
  std::vector<Distinct> rarest_first;
};

QueryTokens query_tokens(const TranslationMemory::State& state,
                         const store::Transaction& transaction, const SegmentAnalysis& query,
                         std::string_view primary) {
  QueryTokens out;
  std::map<std::string, std::uint32_t> unknown;
  std::map<std::uint32_t, QueryTokens::Distinct> distinct;
  for (const SegmentAnalysis::Word& word : query.words) {
    const auto stored = state.tokens.get(transaction, token_key(primary, word.key));
    QueryTokens::Distinct entry;
    if (stored) {
      const TokenRecord record = decode_token(*stored);
      entry.id = record.id;
      entry.units = record.units;
      entry.known = true;
    } else {
      const auto [it, inserted] =
          unknown.emplace(word.key, kUnknownTokenBase - static_cast<std::uint32_t>(unknown.size()));
      entry.id = it->second;
    }
    out.ids.push_back(entry.id);
    auto [slot, inserted] = distinct.emplace(entry.id, entry);
    ++slot->second.occurrences;
  }
  for (const auto& [id, entry] : distinct)
    out.rarest_first.push_back(entry);
  std::stable_sort(out.rarest_first.begin(), out.rarest_first.end(),
                   [](const auto& a, const auto& b) {
                     if (a.known != b.known)
                       return !a.known;  // a word no unit has costs nothing to look up
                     return a.units < b.units;
                   });
  return out;
}

// How many tokens two sequences share, counted as multisets. `sorted_query` is sorted.
std::size_t shared_tokens(std::span<const std::uint32_t> sorted_query,
                          std::vector<std::uint32_t>& candidate) {
  std::sort(candidate.begin(), candidate.end());
  std::size_t common = 0;
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < sorted_query.size() && j < candidate.size()) {
    if (sorted_query[i] < candidate[j]) {
      ++i;
    } else if (candidate[j] < sorted_query[i]) {
      ++j;
    } else {
      ++common;
      ++i;
      ++j;
    }
  }
  return common;
}

// The smallest number of shared tokens with which a candidate of `length` words reaches
// `score`: 100 * common >= score * max(query, length).
std::size_t required_common(int score, std::size_t query_length, std::size_t length) {
  const std::size_t longest = std::max(query_length, length);
  const auto needed = static_cast<std::size_t>(std::max(score, 0)) * longest;
  return (needed + 99) / 100;
}

// The largest edit distance with which a candidate still reaches `score`.
std::size_t allowed_distance(int score, std::size_t query_length, std::size_t length) {
  const std::size_t longest = std::max(query_length, length);
  const std::size_t common = required_common(score, query_length, length);
  return common > longest ? 0 : longest - common;
}

void validate(const MatchOptions& options) {
  if (options.source_language.empty() || options.target_language.empty())
    throw TranslationMemoryError("a match needs a source and a target language");
  if (options.min_score < 1 || options.min_score > 101)
    throw TranslationMemoryError("the minimum score must be between 1 and 101");
}

// Scores one stored unit against the query; nothing when it lacks either language.
std::optional<Match> score_unit(TranslationUnit unit, const SegmentAnalysis& query,
                                const MatchOptions& options) {
  const Variant* source = find_variant(unit, options.source_language);
  const Variant* target = find_variant(unit, options.target_language);
  if (!source || !target || source->segment.text.empty() || target->segment.text.empty())
    return std::nullopt;
  Match match;
  match.score = score_match(query, analyze_segment(source->segment, source->language));
  if (match.score.identical && !options.context.empty() && unit.context == options.context)
    match.score.score = 101;
  match.source = source->segment.text;
  match.target = target->segment.text;
  match.unit = std::move(unit);
  return match;
}

// Keeps the best `limit` matches.
class TopMatches {
 public:
  explicit TopMatches(std::size_t limit) : limit_(limit) {}
  bool full() const { return matches_.size() >= limit_; }
  int lowest() const { return matches_.back().score.score; }
  void offer(Match match) {
    const Ranked rank{match.score.score, static_cast<std::uint32_t>(match.unit.id)};
    const auto position = std::find_if(matches_.begin(), matches_.end(), [&](const Match& present) {
      return ranks_before(rank,
                          Ranked{present.score.score, static_cast<std::uint32_t>(present.unit.id)});
    });
    if (position == matches_.end() && full())
      return;
    matches_.insert(position, std::move(match));
    if (matches_.size() > limit_)
      matches_.pop_back();
  }
  std::vector<Match> take() { return std::move(matches_); }

 private:
  std::size_t limit_;
  std::vector<Match> matches_;
};

// A candidate with its bound: the best base score the tokens it shares with the query allow.
struct Bounded {
  int bound = 0;
  std::uint32_t id = 0;
  std::vector<std::uint32_t> signature;
};

void consider_candidate(std::uint32_t id, std::string_view signature_bytes,
                        std::span<const std::uint32_t> sorted_query, int threshold,
                        std::vector<Bounded>& out) {
  Bounded entry;
  entry.id = id;
  entry.signature = decode_signature(signature_bytes);
  std::vector<std::uint32_t> sorted = entry.signature;
  const std::size_t common = shared_tokens(sorted_query, sorted);
  const std::size_t query_length = sorted_query.size();
  if (common < required_common(threshold, query_length, entry.signature.size()))
    return;
  entry.bound = base_score_bound(common, query_length, entry.signature.size());
  out.push_back(std::move(entry));
}

// One fuzzy search: the query, its tokens, and the best matches so far. The index and the scan
// differ only in how they find candidates; both hand them to best_of.
class FuzzySearch {
 public:
  FuzzySearch(const TranslationMemory::State& state, const Segment& query,
              const MatchOptions& options)
      : state_(state),
        options_(options),
        primary_(primary_language(options.source_language)),
        analysis_(analyze_segment(query, options.source_language)),
        transaction_(store::Transaction::begin_read(state.environment)),
        top_(options.max_results),
        tokens_(query_tokens(state, transaction_, analysis_, primary_)),
        sorted_query_(tokens_.ids),
        threshold_(std::min(options.min_score, 100)) {
    std::sort(sorted_query_.begin(), sorted_query_.end());
  }

  const SegmentAnalysis& analysis() const { return analysis_; }
  const std::string& primary() const { return primary_; }
  const QueryTokens& tokens() const { return tokens_; }
  int threshold() const { return threshold_; }
  const store::Transaction& transaction() const { return transaction_; }

  // Scores a stored unit exactly and keeps it if it ranks among the best.
  void offer(std::uint32_t id) {
    const auto bytes = state_.units.get(transaction_, unit_key(id));
    if (!bytes)
      return;
    TranslationUnit unit = codec::decode(*bytes);
    unit.id = id;
    if (auto match = score_unit(std::move(unit), analysis_, options_);
        match && match->score.score >= options_.min_score)
      top_.offer(std::move(*match));
  }

  // A unit whose stored word sequence is `signature_bytes`, if the tokens it shares with the
  // query allow the threshold.
  void consider(std::uint32_t id, std::string_view signature_bytes,
                std::vector<Bounded>& out) const {
    consider_candidate(id, signature_bytes, sorted_query_, threshold_, out);
  }

  // Scores the candidates best bound first, until none left can enter the top results.
  std::vector<Match> best_of(std::vector<Bounded>& bounded,
                             TranslationMemory::SearchCounters& count) {
    std::sort(bounded.begin(), bounded.end(), [](const Bounded& a, const Bounded& b) {
      return ranks_before(Ranked{a.bound, a.id}, Ranked{b.bound, b.id});
    });
    const std::span<const std::uint32_t> query = tokens_.ids;
    for (const Bounded& entry : bounded) {
      const int needed = top_.full() ? std::max(top_.lowest(), threshold_) : threshold_;
      // Ties go to the more recent unit, and candidates come in that order: one whose bound is
      // below the lowest kept score cannot enter, nor can any after it.
      if (entry.bound < needed)
        break;
      const std::size_t limit = allowed_distance(needed, query.size(), entry.signature.size());
      if (bounded_edit_distance(query, entry.signature, limit) > limit)
        continue;
      ++count.scored;
      offer(entry.id);
    }
    return top_.take();
  }

  std::vector<Match> take() { return top_.take(); }

 private:
  const TranslationMemory::State& state_;
  const MatchOptions& options_;
  std::string primary_;
  SegmentAnalysis analysis_;
  store::Transaction transaction_;
  TopMatches top_;
  QueryTokens tokens_;
  std::vector<std::uint32_t> sorted_query_;
  int threshold_;
};

}  // namespace

std::vector<Match> TranslationMemory::match(std::string_view query, const MatchOptions& options,
                                            SearchCounters* counters) const {
  Segment segment;
  segment.text = std::string(query);
  return match(segment, options, counters);
}

std::vector<Match> TranslationMemory::match(const Segment& query, const MatchOptions& options,
                                            SearchCounters* counters) const {
  validate(options);
  if (options.max_results == 0)
    return {};
  SearchCounters local;
  SearchCounters& count = counters ? *counters : local;
  count = SearchCounters{};
  FuzzySearch search(*state_, query, options);
  const std::string& primary = search.primary();
  const auto& transaction = search.transaction();

  const std::size_t query_length = search.analysis().words.size();
  if (query_length == 0) {
    // Nothing to index by (only punctuation): only the identical text can match.
    std::vector<std::uint32_t> ids;
    state_->exact.read_integers(transaction, exact_key(primary, query.text), ids);
    for (const std::uint32_t id : ids)
      search.offer(id);
    return search.take();
  }

  // Prefix filter: a candidate needs `minimum_common` shared tokens, so it contains at least one
  // of the rarest tokens whose occurrences leave fewer than that many outside the prefix.
  const int threshold = search.threshold();
  const std::size_t minimum_common =
      std::max<std::size_t>(1, required_common(threshold, query_length, 0));
  const std::size_t shortest = (static_cast<std::size_t>(threshold) * query_length + 99) / 100;
  const std::size_t longest = (100 * query_length) / static_cast<std::size_t>(threshold);
  std::vector<std::uint32_t> candidates;
  std::size_t outside_prefix = query_length;
  for (const QueryTokens::Distinct& token : search.tokens().rarest_first) {
    if (outside_prefix < minimum_common)
      break;
    outside_prefix -= token.occurrences;
    if (!token.known)
      continue;
    for (std::size_t length = std::max<std::size_t>(shortest, 1); length <= longest; ++length)
      state_->postings.read_integers(transaction, posting_key(primary, token.id, length),
                                     candidates);
  }
  count.posting_entries = candidates.size();
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());

  std::vector<Bounded> bounded;
  for (const std::uint32_t id : candidates) {
    if (const auto bytes = state_->signatures.get(transaction, signature_key(id, primary)))
      search.consider(id, *bytes, bounded);
  }
  count.candidates = bounded.size();
  return search.best_of(bounded, count);
}

std::vector<Match> TranslationMemory::match_by_scan(const Segment& query,
                                                    const MatchOptions& options) const {
  validate(options);
  FuzzySearch search(*state_, query, options);
  std::vector<Bounded> bounded;
  store::Cursor cursor(search.transaction(), state_->signatures);
  for (auto entry = cursor.first(); entry; entry = cursor.next()) {
    if (entry->key.substr(4) == search.primary())
      search.consider(unit_number(entry->key), entry->value, bounded);
  }
  SearchCounters count;
  return search.best_of(bounded, count);
}

std::vector<Match> TranslationMemory::match_exhaustively(const Segment& query,
                                                         const MatchOptions& options) const {
  validate(options);
  const SegmentAnalysis analysis = analyze_segment(query, options.source_language);
  TopMatches top(options.max_results);
  for_each([&](const TranslationUnit& unit) {
    if (auto match = score_unit(unit, analysis, options);
        match && match->score.score >= options.min_score)
      top.offer(std::move(*match));
  });
  return top.take();
}

std::vector<ConcordanceHit> TranslationMemory::concordance(
    std::string_view query, const ConcordanceOptions& options) const {
  if (options.language.empty())
    throw TranslationMemoryError("a concordance search needs the language of the side searched");
  const std::string primary = primary_language(options.language);
  const auto language = supported_language(primary);
  const SegmentAnalysis analysis = analyze_text(query, options.language);
  if (analysis.words.empty() || options.max_results == 0)
    return {};
  auto transaction = store::Transaction::begin_read(state_->environment);

  // Candidates: units that contain every word of the query (by lemma), or, for a substring,
  // every word of the query that is a whole word in the middle of it.
  std::vector<std::string> query_lemmas;
  for (const SegmentAnalysis::Word& word : analysis.words)
    query_lemmas.push_back(word_lemma(word, language));

  std::vector<std::uint32_t> candidates;
  bool first = true;
  const auto intersect_with = [&](std::vector<std::uint32_t> ids) {
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    if (first) {
      candidates = std::move(ids);
      first = false;
      return;
    }
    std::vector<std::uint32_t> both;
    std::set_intersection(candidates.begin(), candidates.end(), ids.begin(), ids.end(),
                          std::back_inserter(both));
    candidates = std::move(both);
  };

  std::string query_key;
  if (options.mode == ConcordanceOptions::Mode::words) {
    for (const std::string& lemma : query_lemmas) {
      std::vector<std::uint32_t> ids;
      state_->lemmas.read_integers(transaction, lemma_key(primary, lemma), ids);
      intersect_with(std::move(ids));
    }
  } else {
    query_key = text::search_key(query, language.value_or(text::Language::en));
    // Every word of the query but the first and last is a whole word of the text; the first
    // and last may be parts of words, found among the stored words that contain them.
    const std::size_t n = analysis.words.size();
    for (std::size_t i = 0; i < n; ++i) {
      const std::string& key = analysis.words[i].key;
      std::vector<std::uint32_t> ids;
      const bool partial = i == 0 || i + 1 == n;
      std::vector<std::uint32_t> token_ids;
      if (!partial) {
        if (const auto stored = state_->tokens.get(transaction, token_key(primary, key)))
          token_ids.push_back(decode_token(*stored).id);
      } else {
        const std::string prefix = language_prefix(primary);
        store::Cursor cursor(transaction, state_->tokens);
        for (auto entry = cursor.seek(prefix); entry && entry->key.starts_with(prefix);
             entry = cursor.next()) {
          const std::string_view word = entry->key.substr(prefix.size());
          const bool fits = n == 1   ? word.find(key) != std::string_view::npos
                            : i == 0 ? word.ends_with(key)
                                     : word.starts_with(key);
          if (fits)
            token_ids.push_back(decode_token(entry->value).id);
        }
      }
      for (const std::uint32_t token : token_ids) {
        std::string prefix = language_prefix(primary);
        append_big_endian(prefix, token, 4);
        store::Cursor cursor(transaction, state_->postings);
        for (auto entry = cursor.seek(prefix); entry && entry->key.starts_with(prefix);
             entry = cursor.next_key()) {
          state_->postings.read_integers(transaction, entry->key, ids);
        }
      }
      intersect_with(std::move(ids));
    }
  }

  std::vector<ConcordanceHit> hits;
  for (auto id = candidates.rbegin(); id != candidates.rend(); ++id) {
    const auto bytes = state_->units.get(transaction, unit_key(*id));
    if (!bytes)
      continue;
    TranslationUnit unit = codec::decode(*bytes);
    unit.id = *id;
    const Variant* variant = find_variant(unit, primary);
    if (!variant)
      continue;
    const SegmentAnalysis text = analyze_segment(variant->segment, variant->language);
    ConcordanceHit hit;
    hit.text = variant->segment.text;
    const std::size_t n = query_lemmas.size();
    if (options.mode == ConcordanceOptions::Mode::words) {
      std::vector<std::string> lemmas;
      for (const SegmentAnalysis::Word& word : text.words)
        lemmas.push_back(word_lemma(word, language));
      for (std::size_t start = 0; start + n <= lemmas.size(); ++start) {
        if (std::equal(query_lemmas.begin(), query_lemmas.end(),
                       lemmas.begin() + static_cast<std::ptrdiff_t>(start)))
          hit.highlights.emplace_back(text.words[start].begin, text.words[start + n - 1].end);
      }
    } else {
      // Search the words' keys joined by spaces, and map a hit back to the words it covers.
      std::string joined;
      std::vector<std::size_t> word_at;  // joined offset -> word index
      for (std::size_t w = 0; w < text.words.size(); ++w) {
        if (w > 0) {
          joined.push_back(' ');
          word_at.push_back(w);
        }
        // Numbers are one class in the keys; here their digits count.
        const SegmentAnalysis::Word& word = text.words[w];
        const std::string& form = word.is_number ? word.text : word.key;
        joined += form;
        word_at.insert(word_at.end(), form.size(), w);
      }
      for (std::size_t at = joined.find(query_key); at != std::string::npos && !query_key.empty();
           at = joined.find(query_key, at + 1)) {
        const std::size_t first_word = word_at[at];
        const std::size_t last_word = word_at[at + query_key.size() - 1];
        hit.highlights.emplace_back(text.words[first_word].begin, text.words[last_word].end);
      }
    }
    if (hit.highlights.empty())
      continue;
    hit.unit = std::move(unit);
    hits.push_back(std::move(hit));
    if (hits.size() >= options.max_results)
      break;
  }
  return hits;
}

Importer::Importer(TranslationMemory& memory, ImportOptions options)
    : memory_(memory), options_(options) {
  if (options_.batch_size == 0)
    options_.batch_size = 1;
  pending_.reserve(options_.batch_size);
}

Importer::~Importer() = default;

void Importer::add(TranslationUnit&& unit) {
  require_valid(unit);
  pending_.push_back(std::move(unit));
  if (pending_.size() >= options_.batch_size)
    flush();
}

void Importer::flush() {
  if (pending_.empty())
    return;
  total_ += memory_.add(pending_, options_.duplicates);
  pending_.clear();
}

AddResult Importer::finish() {
  flush();
  return total_;
}

}  // namespace tolk::tm
