// Several processes, each with several threads, match and search a TM while one process imports
// into it. An Importer commits one LMDB write transaction per batch, so a reader must see every
// unit whole and every batch complete or absent. The units check themselves: unit i of batch b
// has "Zaak i" and the batch's number (900000 + b) in its Dutch source, and its English target
// names b, i and a checksum of the source; every batch has kBatchSize units and batches are
// committed in order. The readers are this test binary again, running the hidden test case below;
// each prints its throughput.

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <iostream>
#include <mutex>
#include <random>
#include <set>
#include <span>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "reader_processes.hpp"
#include "run_process.hpp"
#include "temporary_directory.hpp"
#include "tolk/tm/translation_memory.hpp"

using namespace tolk::tm;

namespace {

constexpr std::size_t kBatchSize = 400;
#if defined(__SANITIZE_ADDRESS__)
constexpr int kDefaultBatches = 4;  // the sanitizer build is several times slower
#else
constexpr int kDefaultBatches = 10;
#endif
constexpr int kReaders = 3;
constexpr int kThreadsPerReader = 2;
constexpr int kBatchMarkerBase = 900000;

using tolk::testing::environment_value;

// TOLK_TM_CONCURRENCY_BATCHES makes a longer run, for the throughput figures of bench/README.md.
int batch_count() {
  const std::string value = environment_value("TOLK_TM_CONCURRENCY_BATCHES");
  return value.empty() ? kDefaultBatches : std::max(2, std::stoi(value));
}

std::uint64_t checksum(std::string_view text) {  // FNV-1a
  std::uint64_t hash = 14695981039346656037ULL;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return hash;
}

// 2,700 made-up words of three syllables: units share few words, as real sentences do, so that
// a match reads a handful of candidates (a vocabulary of a few dozen words would make every unit
// a candidate of every query).
const std::vector<std::string>& vocabulary() {
  static const std::vector<std::string> words = [] {
    const std::vector<std::string> syllables = {"ka",  "be",   "ro",  "mi",  "tu",
                                                "len", "der",  "sto", "vri", "gel",
                                                "pa",  "hout", "zon", "wi",  "mar"};
    std::vector<std::string> made;
    for (const std::string& first : syllables)
      for (const std::string& second : syllables)
        for (const std::string& third : syllables)
          made.push_back(first + second + third);
    return made;
  }();
  return words;
}

// The Dutch source of unit `index` of batch `batch`: its number, the batch's number and twelve
// words drawn from the vocabulary; `changed` replaces the fourth of them.
std::string source_text(int batch, std::size_t index, bool changed = false) {
  std::mt19937 random(static_cast<unsigned>(batch * 100003 + static_cast<int>(index)));
  const auto& words = vocabulary();
  std::uniform_int_distribution<std::size_t> pick(0, words.size() - 1);
  std::string text = "Zaak " + std::to_string(index + 1) + " van partij " +
                     std::to_string(kBatchMarkerBase + batch) + ":";
  for (int word = 0; word < 12; ++word) {
    const std::size_t chosen = pick(random);
    text += ' ' + (changed && word == 3 ? std::string("onderzoek") : words[chosen]);
  }
  return text + ".";
}

std::string target_text(int batch, std::size_t index, const std::string& source) {
  std::ostringstream text;
  text << "Record " << index << " of batch " << batch << ", checksum " << std::hex
       << checksum(source) << '.';
  return text.str();
}

TranslationUnit make_unit(int batch, std::size_t index) {
  TranslationUnit unit;
  unit.tuid = "b" + std::to_string(batch) + "-" + std::to_string(index);
  unit.source_language = "nl";
  Variant source;
  source.language = "nl";
  source.segment.text = source_text(batch, index);
  Variant target;
  target.language = "en";
  target.segment.text = target_text(batch, index, source.segment.text);
  unit.variants = {source, target};
  return unit;
}

struct UnitCheck {
  bool whole = false;
  int batch = -1;
  std::size_t index = 0;
  std::string problem;
};

// Whether a unit read back is one of make_unit's, whole: two variants, the target's batch, index
// and checksum agreeing with the source.
UnitCheck check_unit(const TranslationUnit& unit) {
  UnitCheck result;
  const Variant* source = find_variant(unit, "nl");
  const Variant* target = find_variant(unit, "en");
  if (unit.variants.size() != 2 || source == nullptr || target == nullptr) {
    result.problem = "unit " + unit.tuid + " lacks a variant";
    return result;
  }
  std::istringstream parse(target->segment.text);
  std::string record, of, batch_word;
  std::size_t index = 0;
  int batch = -1;
  parse >> record >> index >> of >> batch_word >> batch;
  if (record != "Record" || batch < 0) {
    result.problem = "unit " + unit.tuid + ": unreadable target '" + target->segment.text + "'";
    return result;
  }
  const std::string expected_source = source_text(batch, index);
  if (source->segment.text != expected_source ||
      target->segment.text != target_text(batch, index, expected_source) ||
      unit.tuid != "b" + std::to_string(batch) + "-" + std::to_string(index)) {
    result.problem = "unit " + unit.tuid + " is not whole: '" + source->segment.text + "' / '" +
                     target->segment.text + "'";
    return result;
  }
  result.whole = true;
  result.batch = batch;
  result.index = index;
  return result;
}

struct ReaderTally {
  std::size_t matches = 0;            // match() calls
  std::size_t matched_units = 0;      // units they returned, each checked
  std::size_t concordances = 0;       // concordance() calls
  std::size_t concordance_hits = 0;   // hits they returned, each checked
  std::set<std::size_t> unit_counts;  // distinct TM sizes seen
  std::vector<std::string> problems;
};

enum class Role { matches, concordance };

// One reader thread: until `done` exists, match an edited source of a random unit, or search the
// concordance for a random batch's number, and check every unit returned. The batch is one of
// those committed or the one being written. Every tenth time, and first, the size of the TM is
// checked: whole batches only, never shrinking, as many Dutch and English variants as units.
void read_until_done(const TranslationMemory& memory, const std::filesystem::path& done,
                     int batches, Role role, unsigned seed, ReaderTally& tally) {
  std::mt19937 random(seed);
  MatchOptions match_options;
  match_options.source_language = "nl";
  match_options.target_language = "en";
  match_options.min_score = 70;
  match_options.max_results = 5;
  ConcordanceOptions concordance_options;
  concordance_options.language = "nl";
  concordance_options.max_results = kBatchSize * 2;
  const auto problem = [&](std::string text) {
    if (tally.problems.size() < 20)
      tally.problems.push_back(std::move(text));
  };
  std::size_t last_count = 0;
  int visible = 0;  // batches 0 .. visible - 1 are committed (a lower bound between checks)
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(150);
  for (std::size_t iteration = 0; !std::filesystem::exists(done); ++iteration) {
    if (std::chrono::steady_clock::now() > deadline) {
      problem("the writer did not finish in time");
      return;
    }
    if (iteration % 10 == 0) {
      const TranslationMemoryStatistics statistics = memory.statistics();
      const std::size_t units = statistics.units;
      tally.unit_counts.insert(units);
      if (units % kBatchSize != 0)
        problem("the TM holds " + std::to_string(units) + " units: not whole batches");
      if (units < last_count)
        problem("the TM shrank from " + std::to_string(last_count) + " to " +
                std::to_string(units));
      for (const auto& [language, count] : statistics.variants_per_language) {
        if (count != units)
          problem(std::to_string(units) + " units but " + std::to_string(count) + " " + language +
                  " variants in one snapshot");
      }
      last_count = units;
      visible = static_cast<int>(units / kBatchSize);
    }
    const int batch = std::uniform_int_distribution<int>(0, std::min(visible, batches - 1))(random);

    if (role == Role::matches) {
      const std::size_t index =
          std::uniform_int_distribution<std::size_t>(0, kBatchSize - 1)(random);
      const auto matches = memory.match(source_text(batch, index, true), match_options);
      ++tally.matches;
      bool found = false;
      for (const Match& match : matches) {
        ++tally.matched_units;
        const UnitCheck checked = check_unit(match.unit);
        if (!checked.whole) {
          problem("match: " + checked.problem);
          continue;
        }
        if (match.source != source_text(checked.batch, checked.index) ||
            match.target != find_variant(match.unit, "en")->segment.text)
          problem("match of unit " + match.unit.tuid + ": source or target not the unit's");
        found = found || (checked.batch == batch && checked.index == index);
      }
      // A committed batch stays: a unit of a batch seen before is always found.
      if (batch < visible && !found)
        problem("unit b" + std::to_string(batch) + "-" + std::to_string(index) +
                " of a committed batch was not matched");
      continue;
    }

    const auto hits =
        memory.concordance(std::to_string(kBatchMarkerBase + batch), concordance_options);
    ++tally.concordances;
    tally.concordance_hits += hits.size();
    if (!hits.empty() && hits.size() != kBatchSize)
      problem("concordance of batch " + std::to_string(batch) + ": " + std::to_string(hits.size()) +
              " units, a batch has " + std::to_string(kBatchSize));
    if (batch < visible && hits.size() != kBatchSize)
      problem("concordance of the committed batch " + std::to_string(batch) + ": " +
              std::to_string(hits.size()) + " units");
    std::set<std::size_t> indexes;
    for (const ConcordanceHit& hit : hits) {
      const UnitCheck checked = check_unit(hit.unit);
      if (!checked.whole)
        problem("concordance: " + checked.problem);
      else if (checked.batch != batch)
        problem("concordance of batch " + std::to_string(batch) + " found " + hit.unit.tuid);
      else
        indexes.insert(checked.index);
    }
    if (indexes.size() != hits.size())
      problem("concordance of batch " + std::to_string(batch) + ": a unit twice");
  }
}

}  // namespace

// Run by the test below in child processes, with TOLK_READER_TM, TOLK_READER_READY and
// TOLK_READER_DONE set.
TEST_CASE("tm reader process", "[.reader-process]") {
  const std::string directory = environment_value("TOLK_READER_TM");
  if (directory.empty())
    return;
  const std::filesystem::path done = environment_value("TOLK_READER_DONE");
  const TranslationMemory memory = TranslationMemory::open_for_reading(directory);
  const int batches = batch_count();
  std::vector<ReaderTally> tallies(kThreadsPerReader);
  const unsigned seed =
      static_cast<unsigned>(std::hash<std::string>{}(environment_value("TOLK_READER_READY")));
  // Load the dictionaries (Hunspell) before the clock starts.
  ConcordanceOptions warm_up;
  warm_up.language = "nl";
  memory.concordance("de rechtbank oordeelt", warm_up);
  std::ofstream(environment_value("TOLK_READER_READY")) << "ready\n";
  const auto started = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int thread = 0; thread < kThreadsPerReader; ++thread) {
    threads.emplace_back([&, thread] {
      read_until_done(memory, done, batches, thread % 2 == 0 ? Role::matches : Role::concordance,
                      seed + static_cast<unsigned>(thread),
                      tallies[static_cast<std::size_t>(thread)]);
    });
  }
  for (auto& thread : threads)
    thread.join();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  ReaderTally total;
  for (const ReaderTally& tally : tallies) {
    for (const std::string& problem : tally.problems)
      FAIL_CHECK(problem);
    total.matches += tally.matches;
    total.matched_units += tally.matched_units;
    total.concordances += tally.concordances;
    total.concordance_hits += tally.concordance_hits;
    total.unit_counts.insert(tally.unit_counts.begin(), tally.unit_counts.end());
  }
  // After the import: everything is there.
  CHECK(memory.statistics().units == kBatchSize * static_cast<std::size_t>(batches));
  std::size_t intermediate = 0;
  for (const std::size_t count : total.unit_counts)
    intermediate += count > 0 && count < kBatchSize * static_cast<std::size_t>(batches) ? 1 : 0;
  std::printf(
      "reader: %zu matches (%zu units checked), %zu concordance searches (%zu units checked), "
      "%zu TM sizes seen (%zu during the import), %.1f s, %.0f matches/s, %.1f searches/s\n",
      total.matches, total.matched_units, total.concordances, total.concordance_hits,
      total.unit_counts.size(), intermediate, seconds, static_cast<double>(total.matches) / seconds,
      static_cast<double>(total.concordances) / seconds);
}

TEST_CASE("reader processes and threads see whole units and whole batches while a TM is imported",
          "[tm][concurrency]") {
  tolk::testing::TemporaryDirectory directory;
  const auto store = directory.path() / "tm";
  const auto done = directory.path() / "done";
  TranslationMemory memory = TranslationMemory::open(store, true);
  const int batches = batch_count();

  // The import: one batch per transaction. The first is committed before the readers start, so
  // that they have something to find from the start; the others while they read, with a pause
  // between batches so that the readers meet the TM at every size.
  ImportOptions options;
  options.batch_size = kBatchSize;
  Importer importer(memory, options);
  for (std::size_t i = 0; i < kBatchSize; ++i)
    importer.add(make_unit(0, i));  // the batch's last unit commits it
  REQUIRE(memory.statistics().units == kBatchSize);

  std::vector<std::future<tolk::testing::ProcessResult>> readers;
  // The readers stop when `done` exists: also when the writer fails (the futures' destructors
  // wait for the readers, and this one runs first).
  struct MarkDone {
    std::filesystem::path file;
    ~MarkDone() { std::ofstream(file) << "done\n"; }
  } mark_done{done};
  readers = tolk::testing::start_reader_processes(
      kReaders, directory.path(),
      "TOLK_READER_TM=" + tolk::testing::shell_quote(store) +
          " TOLK_READER_DONE=" + tolk::testing::shell_quote(done),
      "tm reader process");

  // Only the time spent writing counts towards units/s.
  std::chrono::duration<double> writing{0};
  for (int batch = 1; batch < batches; ++batch) {
    std::this_thread::sleep_for(std::chrono::milliseconds(40));
    const auto batch_started = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < kBatchSize; ++i)
      importer.add(make_unit(batch, i));
    writing += std::chrono::steady_clock::now() - batch_started;
    CHECK(importer.progress().added == kBatchSize * static_cast<std::size_t>(batch + 1));
  }
  CHECK(importer.finish().added == kBatchSize * static_cast<std::size_t>(batches));
  std::ofstream(done) << "done\n";  // (again at the end of the scope, harmless)
  const std::size_t written = kBatchSize * static_cast<std::size_t>(batches - 1);
  std::printf(
      "writer: %zu units in %d batches while %d processes of %d threads read, %.2f s "
      "writing, %.0f units/s\n",
      written, batches - 1, kReaders, kThreadsPerReader, writing.count(),
      static_cast<double>(written) / writing.count());

  std::size_t intermediate_states = 0;
  for (auto& reader : readers) {
    const tolk::testing::ProcessResult result = reader.get();
    INFO("reader output:\n" << result.out << result.err);
    CHECK(result.exit_code == 0);
    const auto summary = result.out.find("reader: ");
    REQUIRE(summary != std::string::npos);
    const std::string line = result.out.substr(summary, result.out.find('\n', summary) - summary);
    std::printf("%s\n", line.c_str());
    // Each reader matched and searched while the import ran (it started before and stopped when
    // the import was done).
    std::size_t matches = 0;
    std::size_t concordances = 0;
    std::size_t sizes = 0;
    std::size_t during = 0;
    std::size_t units_checked = 0;
    REQUIRE(std::sscanf(line.c_str(),
                        "reader: %zu matches (%zu units checked), %zu concordance "
                        "searches (%zu units checked), %zu TM sizes seen (%zu",
                        &matches, &units_checked, &concordances, &units_checked, &sizes,
                        &during) == 6);
    CHECK(matches > 0);
    CHECK(concordances > 0);
    intermediate_states += during;
  }
  // Between them, the readers met the TM half-imported.
  CHECK(intermediate_states > 0);
  const auto verification = memory.verify();
  CHECK(verification.problems.empty());
  CHECK(verification.units == kBatchSize * static_cast<std::size_t>(batches));
}
