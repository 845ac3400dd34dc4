// Several processes read a termbase while one writes large batches to it. Every change is one
// LMDB write transaction, so a reader sees a batch whole or not at all: each batch puts
// kBatchSize concepts that carry the batch number (domain "batch-B") and a generation (the English
// note), a replace rewrites a whole batch with the next generation, and an erase removes a whole
// batch. The readers are this test binary again, running the hidden test case below.

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "reader_processes.hpp"
#include "run_process.hpp"
#include "temporary_directory.hpp"
#include "tolk/termbase/termbase.hpp"

using namespace tolk::termbase;

namespace {

constexpr std::size_t kBatchSize = 2000;
#if defined(__SANITIZE_ADDRESS__)
constexpr int kBatches = 3;  // the sanitizer build is several times slower
#else
constexpr int kBatches = 4;
#endif
constexpr int kReaders = 3;

std::string batch_domain(int batch) {
  return "batch-" + std::to_string(batch);
}

// The term that every concept of a batch has; a lookup of it returns the whole batch.
std::string batch_marker(int batch) {
  return "partij " + std::to_string(batch) + " merkteken";
}

std::vector<Concept> make_batch(int batch, int generation) {
  std::vector<Concept> concepts;
  concepts.reserve(kBatchSize);
  for (std::size_t i = 0; i < kBatchSize; ++i) {
    Concept entry;
    entry.id = "b" + std::to_string(batch) + "-" + std::to_string(i);
    entry.domains.push_back(batch_domain(batch));
    entry.notes[Language::en] = "generation " + std::to_string(generation);
    Term marker;
    marker.text = batch_marker(batch);
    marker.language = Language::nl;
    entry.terms.push_back(marker);
    Term own;
    own.text = "lid " + std::to_string(batch) + " " + std::to_string(i) + " generatie " +
               std::to_string(generation);
    own.language = Language::nl;
    entry.terms.push_back(own);
    Term english;
    english.text = "member " + std::to_string(i) + " of batch " + std::to_string(batch);
    english.language = Language::en;
    entry.terms.push_back(english);
    concepts.push_back(std::move(entry));
  }
  return concepts;
}

using tolk::testing::environment_value;

int batch_of(const Concept& entry) {
  REQUIRE(entry.domains.size() == 1);
  REQUIRE(entry.domains.front().rfind("batch-", 0) == 0);
  return std::stoi(entry.domains.front().substr(6));
}

}  // namespace

// Run by the test below in child processes, with TOLK_READER_TERMBASE and TOLK_READER_READY set.
TEST_CASE("termbase reader process", "[.reader-process]") {
  const std::string directory = environment_value("TOLK_READER_TERMBASE");
  if (directory.empty())
    return;
  const Termbase termbase = Termbase::open(directory);
  std::ofstream(environment_value("TOLK_READER_READY")) << "ready\n";

  std::mt19937 random(
      static_cast<unsigned>(std::hash<std::string>{}(environment_value("TOLK_READER_READY"))));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  std::size_t iterations = 0;
  std::size_t whole_batches_seen = 0;
  std::set<std::string> states;  // distinct (batch, generation) sets seen
  LookupOptions exact;
  exact.fuzzy = false;
  exact.limit = SIZE_MAX;
  LookupOptions fuzzy;
  fuzzy.limit = SIZE_MAX;
  while (!termbase.get("done")) {
    REQUIRE(std::chrono::steady_clock::now() < deadline);
    ++iterations;
    // All concepts in one read transaction: per batch all kBatchSize or none, one generation.
    std::map<int, std::pair<std::size_t, std::set<std::string>>> batches;
    termbase.for_each([&](const Concept& entry) {
      if (entry.id == "done")
        return;
      auto& [count, generations] = batches[batch_of(entry)];
      ++count;
      generations.insert(entry.notes.at(Language::en));
    });
    std::string state;
    for (const auto& [batch, seen] : batches) {
      INFO("batch " << batch);
      CHECK(seen.first == kBatchSize);
      CHECK(seen.second.size() == 1);
      ++whole_batches_seen;
      state += std::to_string(batch) + ":" + *seen.second.begin() + " ";
    }
    states.insert(state);
    // A lookup of one batch's shared term: the whole batch or nothing, of one generation.
    const int batch = std::uniform_int_distribution<int>(0, kBatches - 1)(random);
    const auto hits = termbase.lookup(batch_marker(batch), exact);
    CHECK((hits.empty() || hits.size() == kBatchSize));
    std::set<std::string> generations;
    for (const LookupHit& hit : hits) {
      CHECK(batch_of(hit.entry) == batch);
      generations.insert(hit.entry.notes.at(Language::en));
    }
    CHECK(generations.size() <= 1);
    // The typo index while it changes: a misspelt marker finds whole batches only.
    const auto near = termbase.lookup("partij " + std::to_string(batch) + " merktekn", fuzzy);
    std::map<int, std::size_t> per_batch;
    for (const LookupHit& hit : near)
      ++per_batch[batch_of(hit.entry)];
    for (const auto& [found_batch, count] : per_batch) {
      INFO("fuzzy, batch " << found_batch);
      CHECK(count == kBatchSize);
    }
    CHECK(termbase.statistics().concepts % kBatchSize <= 1);
    // Leave the writer some of the machine's two cores.
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  std::cout << "reader: " << iterations << " iterations, " << whole_batches_seen
            << " whole batches, " << states.size() << " distinct states\n";
}

TEST_CASE("several reader processes see whole batches while one process writes",
          "[termbase][concurrency]") {
  tolk::testing::TemporaryDirectory directory;
  const auto store = directory.path() / "tb";
  Termbase termbase = Termbase::open(store, true);

  auto readers = tolk::testing::start_reader_processes(
      kReaders, directory.path(), "TOLK_READER_TERMBASE=" + tolk::testing::shell_quote(store),
      "termbase reader process");

  // Batch b is put in round b, replaced (next generation) in round b + 1, erased in round b + 2.
  std::size_t erased = 0;
  for (int round = 0; round < kBatches + 2; ++round) {
    if (round < kBatches)
      CHECK(termbase.put(make_batch(round, 0)) == kBatchSize);
    if (round >= 1 && round - 1 < kBatches)
      CHECK(termbase.put(make_batch(round - 1, 1)) == 0);
    if (round >= 2) {
      std::vector<std::string> ids;
      for (const Concept& entry : make_batch(round - 2, 1))
        ids.push_back(entry.id);
      erased += termbase.erase(ids);
    }
  }
  CHECK(erased == kBatchSize * kBatches);
  Concept done;
  done.id = "done";
  Term term;
  term.text = "klaar";
  term.language = Language::nl;
  done.terms.push_back(term);
  termbase.put(std::span<const Concept>(&done, 1));

  for (auto& reader : readers) {
    const tolk::testing::ProcessResult result = reader.get();
    INFO("reader output:\n" << result.out << result.err);
    CHECK(result.exit_code == 0);
    const auto summary = result.out.find("reader: ");
    CHECK(summary != std::string::npos);
    if (summary != std::string::npos)  // how much of the writing it saw
      WARN(result.out.substr(summary, result.out.find('\n', summary) - summary));
  }
  CHECK(termbase.statistics().concepts == 1);
  CHECK(termbase.statistics().typo_keys == 1);
}
