// The typo index: indexed fuzzy lookup gives exactly the hits and scores of comparing the query
// with every key, for random typos of the shipped glossary's terms and of a synthetic termbase
// built from the Hunspell dictionaries' words; and a schema-1 store is upgraded when opened.

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <random>
#include <set>

#include "preferred_term.hpp"
#include "temporary_directory.hpp"
#include "tolk/store/lmdb.hpp"
#include "tolk/termbase/exchange.hpp"
#include "tolk/termbase/termbase.hpp"
#include "tolk/text/normalize.hpp"
#include "tolk/text/transliterate.hpp"
#include "tolk/text/utf8.hpp"

using namespace tolk::termbase;
using tolk::testing::preferred_term;
namespace text = tolk::text;

namespace {

// --- An independent reference: plain UTF-8 decoding and a full Levenshtein table. ---

std::u32string decode(std::string_view utf8) {
  std::u32string out;
  for (std::size_t i = 0; i < utf8.size();) {
    const auto byte = static_cast<unsigned char>(utf8[i]);
    const std::size_t length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4;
    char32_t c = length == 1   ? byte
                 : length == 2 ? byte & 0x1Fu
                 : length == 3 ? byte & 0x0Fu
                               : byte & 0x07u;
    for (std::size_t k = 1; k < length && i + k < utf8.size(); ++k)
      c = (c << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3Fu);
    out.push_back(c);
    i += length;
  }
  return out;
}

std::string encode(std::u32string_view code_points) {
  return tolk::text::to_utf8(code_points);
}

std::size_t levenshtein(std::u32string_view a, std::u32string_view b) {
  std::vector<std::size_t> previous(b.size() + 1);
  std::vector<std::size_t> current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j)
    previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      current[j] = std::min(
          {previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    }
    std::swap(previous, current);
  }
  return previous[b.size()];
}

// The similarity the lookup promises: 1 - distance / longer length, when the distance is at most
// floor((1 - min) * longer).
std::optional<double> reference_similarity(std::u32string_view a, std::u32string_view b,
                                           double min_similarity) {
  const std::size_t longer = std::max(a.size(), b.size());
  if (longer == 0)
    return 1.0;
  const double allowed = std::floor((1.0 - min_similarity) * static_cast<double>(longer));
  const std::size_t length_difference = std::max(a.size(), b.size()) - std::min(a.size(), b.size());
  if (static_cast<double>(length_difference) > allowed)  // the distance is at least that
    return std::nullopt;
  const std::size_t distance = levenshtein(a, b);
  if (static_cast<double>(distance) > allowed)
    return std::nullopt;
  return 1.0 - static_cast<double>(distance) / static_cast<double>(longer);
}

constexpr double kFuzzyScale = 0.85;  // the scale of fuzzy scores in termbase.cpp

// The keys of every term, computed once from the concepts alone. Keys longer than the term index
// stores whole (320 bytes, then cut and hashed) are left out: the queries here are short enough
// never to come near them.
struct Reference {
  struct KeyedTerm {
    std::string concept_id;
    Language language = Language::en;
    std::u32string normalized;
    std::u32string transliteration;
  };
  std::vector<KeyedTerm> terms;

  explicit Reference(std::span<const Concept> concepts) {
    for (const Concept& entry : concepts) {
      for (const Term& term : entry.terms) {
        const TermKeys keys = term_keys(term.text, term.language);
        KeyedTerm keyed;
        keyed.concept_id = entry.id;
        keyed.language = term.language;
        if (keys.normalized.size() <= 320)
          keyed.normalized = decode(keys.normalized);
        if (keys.transliteration.size() <= 320)
          keyed.transliteration = decode(keys.transliteration);
        terms.push_back(std::move(keyed));
      }
    }
  }

  // Concept id -> the best fuzzy score over its terms.
  std::map<std::string, double> fuzzy(std::string_view raw_query,
                                      const LookupOptions& options) const {
    const std::string query = text::to_nfc(raw_query);
    const Language first = options.language.value_or(text::kSupportedLanguages.front());
    const std::u32string normalized = decode(text::search_key(query, first));
    const std::u32string transliteration = decode(text::translit_key(query));
    const bool cyrillic_query = text::has_cyrillic(query);
    std::map<std::string, double> best;
    for (const KeyedTerm& term : terms) {
      if (options.language && term.language != *options.language)
        continue;
      std::optional<double> score;
      if (!term.normalized.empty())
        score = reference_similarity(term.normalized, normalized, options.min_similarity);
      if (!cyrillic_query && !term.transliteration.empty()) {
        if (const auto other = reference_similarity(term.transliteration, transliteration,
                                                    options.min_similarity)) {
          score = std::max(score.value_or(0.0), *other);
        }
      }
      if (score) {
        auto [slot, fresh] = best.emplace(term.concept_id, *score);
        if (!fresh)
          slot->second = std::max(slot->second, *score);
      }
    }
    for (auto& [id, score] : best)
      score *= kFuzzyScale;
    return best;
  }
};

// --- Typos. ---

std::string with_typos(std::string_view original, std::mt19937& random, int edits) {
  std::u32string word = decode(original);
  const std::u32string alphabet = word.empty() ? std::u32string(U"abc") : word;
  for (int edit = 0; edit < edits && !word.empty(); ++edit) {
    const auto pick = [&](std::size_t size) {
      return std::uniform_int_distribution<std::size_t>(0, size - 1)(random);
    };
    switch (std::uniform_int_distribution<int>(0, 3)(random)) {
      case 0:  // deletion
        word.erase(pick(word.size()), 1);
        break;
      case 1:  // insertion
        word.insert(pick(word.size() + 1), 1, alphabet[pick(alphabet.size())]);
        break;
      case 2:  // substitution
        word[pick(word.size())] = alphabet[pick(alphabet.size())];
        break;
      default:  // transposition of neighbours
        if (word.size() >= 2) {
          const std::size_t at = pick(word.size() - 1);
          std::swap(word[at], word[at + 1]);
        }
        break;
    }
  }
  return encode(word);
}

// --- Termbases. ---

const std::vector<Concept>& glossary() {
  static const std::vector<Concept> concepts =
      read_glossary_json(std::string(TOLK_SOURCE_DIR) + "/glossaries/legal-nl-en-ru.json",
                         Strictness::strict)
          .concepts;
  return concepts;
}

// Lower-case words of a Hunspell dictionary (the word before '/'), at least 3 letters, no digits.
std::vector<std::string> dictionary_words(const std::string& file) {
  std::ifstream in(file);
  std::vector<std::string> words;
  std::string line;
  std::getline(in, line);  // the count
  while (std::getline(in, line)) {
    std::string word = line.substr(0, line.find_first_of("/\t "));
    if (word.size() < 3 || word.size() > 24)
      continue;
    if (std::any_of(word.begin(), word.end(), [](char c) {
          const auto u = static_cast<unsigned char>(c);
          return (u < 0x80 && !(c >= 'a' && c <= 'z')) || (u >= 'A' && u <= 'Z');
        })) {
      continue;
    }
    words.push_back(std::move(word));
  }
  return words;
}

// `count` concepts with a 1-3 word term in nl, en and ru from the dictionaries; every fifth also
// gets a variant one edit away from its Dutch term, so that near keys crowd each other.
std::vector<Concept> synthetic_concepts(std::size_t count, unsigned seed) {
  const std::vector<std::string> nl = dictionary_words("/usr/share/hunspell/nl.dic");
  const std::vector<std::string> en = dictionary_words("/usr/share/hunspell/en_US.dic");
  const std::vector<std::string> ru = dictionary_words("/usr/share/hunspell/ru_RU.dic");
  REQUIRE(nl.size() > 1000);
  REQUIRE(en.size() > 1000);
  REQUIRE(ru.size() > 1000);
  std::mt19937 random(seed);
  const auto phrase = [&](const std::vector<std::string>& words) {
    const int length = std::uniform_int_distribution<int>(1, 3)(random);
    std::string out;
    for (int i = 0; i < length; ++i) {
      const auto at = std::uniform_int_distribution<std::size_t>(0, words.size() - 1)(random);
      out += (out.empty() ? "" : " ") + words[at];
    }
    return out;
  };
  std::vector<Concept> concepts;
  for (std::size_t i = 0; i < count; ++i) {
    Concept entry;
    entry.id = "syn-" + std::to_string(i);
    entry.terms.push_back(preferred_term(phrase(nl), Language::nl));
    entry.terms.push_back(preferred_term(phrase(en), Language::en));
    entry.terms.push_back(preferred_term(phrase(ru), Language::ru));
    if (i % 5 == 0)
      entry.terms.push_back(
          preferred_term(with_typos(entry.terms[0].text, random, 1), Language::nl));
    concepts.push_back(std::move(entry));
  }
  return concepts;
}

// --- Comparison. ---

// Indexed and exhaustive lookup agree hit for hit; and where the hits are fuzzy, they are the
// reference's concepts and scores. Returns whether the lookup went fuzzy.
bool check_query(const Termbase& termbase, const Reference& reference, const std::string& query,
                 LookupOptions options) {
  INFO("query: " << query << ", min_similarity " << options.min_similarity
                 << (options.language ? ", one language" : ""));
  options.limit = SIZE_MAX;
  options.exhaustive_fuzzy = false;
  const auto indexed = termbase.lookup(query, options);
  options.exhaustive_fuzzy = true;
  const auto scanned = termbase.lookup(query, options);
  REQUIRE(indexed.size() == scanned.size());
  for (std::size_t i = 0; i < indexed.size(); ++i) {
    CHECK(indexed[i].entry.id == scanned[i].entry.id);
    CHECK(indexed[i].term_index == scanned[i].term_index);
    CHECK(indexed[i].kind == scanned[i].kind);
    CHECK(indexed[i].score == scanned[i].score);
  }
  if (!indexed.empty() && indexed.front().kind != MatchKind::fuzzy)
    return false;
  const auto expected = reference.fuzzy(query, options);
  std::map<std::string, double> got;
  for (const LookupHit& hit : indexed)
    got.emplace(hit.entry.id, hit.score);
  REQUIRE(got.size() == expected.size());
  for (const auto& [id, score] : expected) {
    INFO("concept " << id);
    REQUIRE(got.count(id) == 1);
    CHECK(got.at(id) == Approx(score).epsilon(1e-12));
  }
  return true;
}

struct Store {
  tolk::testing::TemporaryDirectory directory;
  Termbase termbase;
  explicit Store(std::span<const Concept> concepts)
      : termbase(Termbase::open(directory.path() / "tb", true)) {
    termbase.put(concepts);
  }
};

// The term texts of the concepts of at most 80 code points, in order.
std::vector<std::pair<std::string, Language>> term_texts(std::span<const Concept> concepts) {
  std::vector<std::pair<std::string, Language>> out;
  for (const Concept& entry : concepts) {
    for (const Term& term : entry.terms) {
      if (decode(term.text).size() <= 80)
        out.emplace_back(term.text, term.language);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("typo index: random typos of the glossary's terms give the hits of a full scan",
          "[termbase][typo]") {
  Store store(glossary());
  const Reference reference(glossary());
  const auto terms = term_texts(glossary());
  std::mt19937 random(20261123);
  std::size_t fuzzy = 0;
  const double thresholds[] = {0.8, 0.8, 0.7, 0.9, 0.6};
  for (int round = 0; round < 250; ++round) {
    const auto& [term, language] =
        terms[std::uniform_int_distribution<std::size_t>(0, terms.size() - 1)(random)];
    const std::string query = with_typos(term, random, 1 + round % 3);
    LookupOptions options;
    options.min_similarity = thresholds[round % 5];
    if (round % 4 == 0)
      options.language = language;
    if (check_query(store.termbase, reference, query, options))
      ++fuzzy;
  }
  CHECK(fuzzy > 150);  // most typos are not another form of a term
}

TEST_CASE("typo index: a synthetic termbase of 2,500 concepts gives the hits of a full scan",
          "[termbase][typo]") {
  const std::vector<Concept> concepts = synthetic_concepts(2500, 7);
  Store store(concepts);
  const Reference reference(concepts);
  const auto terms = term_texts(concepts);
  // Seed 42 makes "prijsstabiilsatie", on which Hunspell 1.7.1's stem() reads a byte out of
  // bounds; the text layer asks spell() first, and the ASan build runs this test.
  std::mt19937 random(42);
  std::size_t fuzzy = 0;
  std::size_t with_hits = 0;
  const double thresholds[] = {0.8, 0.75, 0.85, 0.5, 0.9, 0.65};
  for (int round = 0; round < 180; ++round) {
    const auto& [term, language] =
        terms[std::uniform_int_distribution<std::size_t>(0, terms.size() - 1)(random)];
    const std::string query = with_typos(term, random, 1 + round % 2);
    LookupOptions options;
    options.min_similarity = thresholds[round % 6];
    if (round % 3 == 0)
      options.language = language;
    if (check_query(store.termbase, reference, query, options)) {
      ++fuzzy;
      options.limit = SIZE_MAX;
      if (!store.termbase.lookup(query, options).empty())
        ++with_hits;
    }
  }
  CHECK(fuzzy > 120);
  CHECK(with_hits > 80);
  // Short queries, where the gram count cannot exclude anything and lengths decide alone.
  for (const char* query : {"ab", "kat", "wet", "дом", "la", "x"}) {
    LookupOptions options;
    options.min_similarity = 0.3;
    check_query(store.termbase, reference, query, options);
  }
}

TEST_CASE("typo index follows replaced and erased concepts", "[termbase][typo]") {
  std::vector<Concept> concepts = synthetic_concepts(400, 11);
  Store store(concepts);
  const auto distinct_keys = [](std::span<const Concept> all) {
    std::set<std::string> keys;
    for (const Concept& entry : all) {
      for (const Term& term : entry.terms) {
        const TermKeys keys_of_term = term_keys(term.text, term.language);
        keys.insert("k" + keys_of_term.normalized);
        if (!keys_of_term.transliteration.empty())
          keys.insert("t" + keys_of_term.transliteration);
      }
    }
    return keys.size();
  };
  CHECK(store.termbase.statistics().typo_keys == distinct_keys(concepts));

  // Replace the first half with new terms, erase a quarter.
  std::vector<Concept> replacement = synthetic_concepts(200, 12);
  for (std::size_t i = 0; i < replacement.size(); ++i)
    replacement[i].id = concepts[i].id;
  store.termbase.put(replacement);
  std::vector<std::string> erased;
  for (std::size_t i = 300; i < 400; ++i)
    erased.push_back(concepts[i].id);
  CHECK(store.termbase.erase(erased) == 100);
  CHECK(store.termbase.erase(erased) == 0);
  std::vector<Concept> now(replacement);
  now.insert(now.end(), concepts.begin() + 200, concepts.begin() + 300);
  CHECK(store.termbase.statistics().typo_keys == distinct_keys(now));

  const Reference reference(now);
  std::mt19937 random(3);
  for (std::size_t i = 0; i < concepts.size(); i += 4) {  // old and erased terms are not found
    check_query(store.termbase, reference, with_typos(concepts[i].terms[0].text, random, 1), {});
  }
  for (std::size_t i = 0; i < now.size(); i += 3)
    check_query(store.termbase, reference, with_typos(now[i].terms[1].text, random, 1), {});

  std::vector<std::string> all;
  for (const Concept& entry : now)
    all.push_back(entry.id);
  CHECK(store.termbase.erase(all) == now.size());
  CHECK(store.termbase.statistics().typo_keys == 0);
  CHECK(store.termbase.statistics().index_entries == 0);
}

namespace {

// A termbase of the glossary made to look like schema 1: no typo databases, version "1".
void make_schema_1_termbase(const std::filesystem::path& path) {
  { Termbase::open(path, true).put(glossary()); }
  auto environment = tolk::store::Environment::open(path);
  auto transaction = tolk::store::Transaction::begin_write(environment);
  for (const char* name : {"typo-keys", "typo-strings", "typo-grams"}) {
    MDB_dbi dbi = 0;
    REQUIRE(mdb_dbi_open(transaction.handle(), name, 0, &dbi) == MDB_SUCCESS);
    REQUIRE(mdb_drop(transaction.handle(), dbi, 1) == MDB_SUCCESS);
  }
  auto meta = tolk::store::Database::open(transaction, "meta");
  meta.put(transaction, "schema-version", "1");
  transaction.commit();
}

}  // namespace

TEST_CASE("a termbase of schema 1 gets its typo index when opened", "[termbase][typo]") {
  tolk::testing::TemporaryDirectory directory;
  const auto path = directory.path() / "old";
  // Opened for writing, or for reading (then upgraded first, once).
  const bool for_reading = GENERATE(false, true);
  INFO((for_reading ? "open_for_reading" : "open"));
  make_schema_1_termbase(path);
  {
    const Termbase termbase = for_reading ? Termbase::open_for_reading(path) : Termbase::open(path);
    CHECK(termbase.statistics().typo_keys > 0);
    const auto hits = termbase.lookup("dienstplichtontduking");
    REQUIRE_FALSE(hits.empty());
    CHECK(hits.front().entry.id == "uk-328-evasion-of-service");
    CHECK(hits.front().kind == MatchKind::fuzzy);
    const Reference reference(glossary());
    check_query(termbase, reference, "undesireable organisation", {});
    check_query(termbase, reference, "inostranyj agnet", {});
  }
  auto environment = tolk::store::Environment::open(path);
  auto transaction = tolk::store::Transaction::begin_read(environment);
  const auto meta =
      tolk::store::Database::open(transaction, "meta", tolk::store::OpenMode::existing);
  CHECK(meta.get(transaction, "schema-version") == std::to_string(kTermbaseSchemaVersion));
}

TEST_CASE("a termbase of a newer schema is refused", "[termbase][typo]") {
  tolk::testing::TemporaryDirectory directory;
  const auto path = directory.path() / "new";
  { Termbase::open(path, true); }
  {
    auto environment = tolk::store::Environment::open(path);
    auto transaction = tolk::store::Transaction::begin_write(environment);
    auto meta = tolk::store::Database::open(transaction, "meta");
    meta.put(transaction, "schema-version", std::to_string(kTermbaseSchemaVersion + 1));
    transaction.commit();
  }
  CHECK_THROWS_WITH(Termbase::open(path), Catch::Contains("newer tolk"));
  CHECK_THROWS_WITH(Termbase::open_for_reading(path), Catch::Contains("newer tolk"));
}

TEST_CASE("typo index: the prefixes a booth sends of long terms give the hits of a full scan",
          "[termbase][typo]") {
  // The glossary, synthetic concepts, and 1,500 phrases that share most of their grams with the
  // glossary's long Dutch terms: posting lists of many LMDB pages, candidates by the thousand.
  std::vector<Concept> concepts = synthetic_concepts(1000, 11);
  const std::vector<Concept>& shipped = glossary();
  concepts.insert(concepts.end(), shipped.begin(), shipped.end());
  std::vector<std::string> long_terms;
  for (const Concept& entry : shipped) {
    if (const Term* term = entry.preferred_term(Language::nl); term && term->text.size() >= 25)
      long_terms.push_back(term->text);
  }
  REQUIRE(long_terms.size() >= 10);
  std::mt19937 random(1123);
  for (std::size_t i = 0; i < 1500; ++i) {
    Concept entry;
    entry.id = "crowd-" + std::to_string(i);
    std::string text = long_terms[i % long_terms.size()];
    text = with_typos(text.substr(0, text.size() * 2 / 3), random, 1 + i % 4) + " " +
           std::to_string(i);
    entry.terms.push_back(preferred_term(text, Language::nl));
    concepts.push_back(std::move(entry));
  }
  Store store(concepts);
  const Reference reference(concepts);
  std::size_t fuzzy = 0;
  for (std::size_t t = 0; t < long_terms.size(); t += 2) {
    const std::string& term = long_terms[t];
    const std::string typo = with_typos(term, random, 1);
    for (const std::string* text : {&term, &typo}) {
      for (std::size_t length = 12; length < text->size(); length += 7) {
        std::string query = text->substr(0, length);
        while (!query.empty() && (static_cast<unsigned char>(query.back()) & 0xC0) == 0x80)
          query.pop_back();  // whole characters only
        LookupOptions options;
        options.language = Language::nl;
        if (check_query(store.termbase, reference, query, options))
          ++fuzzy;
      }
    }
  }
  CHECK(fuzzy > 50);
}

TEST_CASE("a termbase of schema 2 gets lemma keys for spelling variants when opened",
          "[termbase][variants]") {
  tolk::testing::TemporaryDirectory directory;
  const auto path = directory.path() / "schema2";
  Concept entry;
  entry.id = "pretrial-detention";
  Term term;
  term.text = "pre-trial detention";
  term.language = Language::en;
  term.status = TermStatus::preferred;
  entry.terms = {term};
  { Termbase::open(path, true).put(std::vector<Concept>{entry}); }
  {
    // Schema 2 kept only the lemma keys of the text as written.
    auto environment = tolk::store::Environment::open(path);
    auto transaction = tolk::store::Transaction::begin_write(environment);
    MDB_dbi dbi = 0;
    REQUIRE(mdb_dbi_open(transaction.handle(), "terms-by-lemma", 0, &dbi) == MDB_SUCCESS);
    REQUIRE(mdb_drop(transaction.handle(), dbi, 0) == MDB_SUCCESS);
    auto meta = tolk::store::Database::open(transaction, "meta");
    meta.put(transaction, "schema-version", "2");
    transaction.commit();
  }
  const Termbase termbase = Termbase::open(path);
  const auto hits = termbase.lookup("pretrial detentions", {});
  REQUIRE(hits.size() == 1);
  CHECK(hits.front().entry.id == "pretrial-detention");
  CHECK(hits.front().kind == MatchKind::inflected);
  CHECK(termbase.lookup("Pre-trial detention", {}).size() == 1);
}
