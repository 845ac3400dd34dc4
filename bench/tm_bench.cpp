// Translation-memory benchmark: TMX import speed and store size, then fuzzy top-k latency and
// recall of the index against the scan of every unit, on held-out real segments that are edited
// the way a new segment differs from an old one. Prints a table; with --dump writes the units,
// queries and true top-k as TSV for the comparison with other engines (bench/compare_tm.py).
//
//   tm_bench --tmx build/real-tm/en-nl.tmx --from en --to nl --store /tmp/tm-en-nl
//            [--queries 200] [--min 70] [--max 5] [--dump DIR] [--exhaustive N]

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "tolk/tm/exchange.hpp"
#include "tolk/tm/fuzzy.hpp"
#include "tolk/tm/translation_memory.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using namespace tolk::tm;

struct Arguments {
  std::string tmx;
  std::string from = "en";
  std::string to = "nl";
  std::string store;
  std::size_t queries = 200;
  int min_score = 70;
  std::size_t max_results = 5;
  std::string dump;
  std::size_t exhaustive = 0;
};

Arguments parse(int argc, char** argv) {
  Arguments arguments;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << flag << " needs a value\n";
        std::exit(2);
      }
      return argv[++i];
    };
    if (flag == "--tmx")
      arguments.tmx = value();
    else if (flag == "--from")
      arguments.from = value();
    else if (flag == "--to")
      arguments.to = value();
    else if (flag == "--store")
      arguments.store = value();
    else if (flag == "--queries")
      arguments.queries = std::stoul(value());
    else if (flag == "--min")
      arguments.min_score = std::stoi(value());
    else if (flag == "--max")
      arguments.max_results = std::stoul(value());
    else if (flag == "--dump")
      arguments.dump = value();
    else if (flag == "--exhaustive")
      arguments.exhaustive = std::stoul(value());
    else {
      std::cerr << "usage: tm_bench --tmx FILE --store DIR [--from en] [--to nl] [--queries N] "
                   "[--min 70] [--max 5] [--dump DIR] [--exhaustive N]\n";
      std::exit(2);
    }
  }
  if (arguments.tmx.empty() || arguments.store.empty()) {
    std::cerr << "tm_bench: --tmx and --store are required\n";
    std::exit(2);
  }
  return arguments;
}

double milliseconds(Clock::duration duration) {
  return std::chrono::duration<double, std::milli>(duration).count();
}

double percentile(std::vector<double> values, double p) {
  if (values.empty())
    return 0;
  std::sort(values.begin(), values.end());
  const auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
  return values[std::min(index, values.size() - 1)];
}

// A new segment differs from a stored one by a word deleted, replaced or inserted.
std::string edited(const std::string& text, const std::string& language, std::mt19937& random,
                   const std::vector<std::string>& vocabulary) {
  const SegmentAnalysis analysis = analyze_text(text, language);
  if (analysis.words.size() < 2)
    return text;
  const auto& word = analysis.words[random() % analysis.words.size()];
  std::string out = text;
  const std::string other = vocabulary.empty() ? "new" : vocabulary[random() % vocabulary.size()];
  switch (random() % 3) {
    case 0:
      out.erase(word.begin, word.end - word.begin);
      break;
    case 1:
      out.replace(word.begin, word.end - word.begin, other);
      break;
    default:
      out.insert(word.begin, other + " ");
      break;
  }
  return out;
}

std::string tsv_field(std::string text) {
  for (char& c : text)
    if (c == '\t' || c == '\n' || c == '\r')
      c = ' ';
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  const Arguments arguments = parse(argc, argv);
  std::vector<std::string> held_out;
  std::vector<std::string> vocabulary;
  std::size_t read = 0;
  double import_seconds = 0;
  const bool existing =
      std::filesystem::exists(std::filesystem::path(arguments.store) / "data.mdb");
  auto memory = TranslationMemory::open(arguments.store, true);

  // Every k-th unit with text on both sides is held out as a query; the rest is imported (unless
  // the store already holds them from an earlier run).
  {
    std::size_t total_units = 0;
    read_tmx(arguments.tmx, [&](TranslationUnit&&) { ++total_units; });
    const std::size_t stride = std::max<std::size_t>(1, total_units / (arguments.queries + 1));
    ImportOptions options;
    options.batch_size = 20000;
    options.duplicates = DuplicatePolicy::keep_all;
    Importer importer(memory, options);
    const auto started = Clock::now();
    std::mt19937 pick(7);
    read_tmx(arguments.tmx, [&](TranslationUnit&& unit) {
      const Variant* source = find_variant(unit, arguments.from);
      const Variant* target = find_variant(unit, arguments.to);
      if (!source || !target)
        return;
      const bool hold = held_out.size() < arguments.queries && read % stride == stride / 2;
      ++read;
      if (hold) {
        held_out.push_back(source->segment.text);
        return;
      }
      if (vocabulary.size() < 5000 && pick() % 50 == 0) {
        const auto words = analyze_text(source->segment.text, arguments.from).words;
        if (!words.empty() && !words.front().is_number)
          vocabulary.push_back(words.front().text);
      }
      if (!existing)
        importer.add(std::move(unit));
    });
    importer.finish();
    import_seconds = std::chrono::duration<double>(Clock::now() - started).count();
  }
  const auto statistics = memory.statistics();

  std::mt19937 random(20261123);
  std::vector<std::string> queries;
  for (const std::string& source : held_out)
    queries.push_back(edited(source, arguments.from, random, vocabulary));

  MatchOptions options;
  options.source_language = arguments.from;
  options.target_language = arguments.to;
  options.min_score = arguments.min_score;
  options.max_results = arguments.max_results;

  // Warm the map and the dictionaries once, as a running CAT tool has.
  for (const std::string& query : queries)
    memory.match(query, options);

  std::vector<double> indexed_ms;
  std::vector<double> scan_ms;
  std::vector<double> candidates;
  std::size_t truth_total = 0;
  std::size_t found_total = 0;
  std::size_t with_matches = 0;
  std::ofstream truth_file;
  if (!arguments.dump.empty()) {
    std::filesystem::create_directories(arguments.dump);
    truth_file.open(std::filesystem::path(arguments.dump) / "truth.tsv");
    std::ofstream query_file(std::filesystem::path(arguments.dump) / "queries.tsv");
    for (const std::string& query : queries)
      query_file << tsv_field(query) << '\n';
    std::ofstream unit_file(std::filesystem::path(arguments.dump) / "units.tsv");
    memory.for_each([&](const TranslationUnit& unit) {
      const Variant* source = find_variant(unit, arguments.from);
      const Variant* target = find_variant(unit, arguments.to);
      if (source && target)
        unit_file << unit.id << '\t' << tsv_field(source->segment.text) << '\t'
                  << tsv_field(target->segment.text) << '\n';
    });
  }
  for (std::size_t q = 0; q < queries.size(); ++q) {
    Segment segment;
    segment.text = queries[q];
    TranslationMemory::SearchCounters counters;
    auto started = Clock::now();
    const auto indexed = memory.match(segment, options, &counters);
    indexed_ms.push_back(milliseconds(Clock::now() - started));
    candidates.push_back(static_cast<double>(counters.candidates));
    started = Clock::now();
    const auto scanned = memory.match_by_scan(segment, options);
    scan_ms.push_back(milliseconds(Clock::now() - started));
    truth_total += scanned.size();
    with_matches += scanned.empty() ? 0U : 1U;
    for (const Match& truth : scanned) {
      found_total += std::any_of(indexed.begin(), indexed.end(),
                                 [&](const Match& m) { return m.unit.id == truth.unit.id; })
                         ? 1U
                         : 0U;
    }
    if (truth_file.is_open()) {
      truth_file << q;
      for (const Match& truth : scanned)
        truth_file << '\t' << truth.unit.id << ':' << truth.score.score;
      truth_file << '\n';
    }
  }

  std::size_t exhaustive_mismatches = 0;
  for (std::size_t q = 0; q < std::min(arguments.exhaustive, queries.size()); ++q) {
    Segment segment;
    segment.text = queries[q];
    const auto full = memory.match_exhaustively(segment, options);
    const auto indexed = memory.match(segment, options);
    bool same = full.size() == indexed.size();
    for (std::size_t i = 0; same && i < full.size(); ++i)
      same = full[i].unit.id == indexed[i].unit.id;
    exhaustive_mismatches += same ? 0 : 1;
  }

  const double recall =
      truth_total == 0 ? 1.0 : static_cast<double>(found_total) / static_cast<double>(truth_total);
  const auto qps = [](const std::vector<double>& ms) {
    double sum = 0;
    for (const double v : ms)
      sum += v;
    return sum > 0 ? 1000.0 * static_cast<double>(ms.size()) / sum : 0;
  };
  std::printf("TM %s (%s -> %s): %zu units, %zu distinct %s words, store %.1f MiB\n",
              arguments.tmx.c_str(), arguments.from.c_str(), arguments.to.c_str(), statistics.units,
              statistics.distinct_words, arguments.from.c_str(),
              static_cast<double>(statistics.store_bytes) / (1024.0 * 1024.0));
  if (!existing)
    std::printf("import: %zu units in %.1f s = %.0f units/s\n", read - held_out.size(),
                import_seconds,
                static_cast<double>(read - held_out.size()) / std::max(import_seconds, 1e-9));
  std::printf("queries: %zu held-out segments, edited; top-%zu, min %d; %zu have matches\n",
              queries.size(), arguments.max_results, arguments.min_score, with_matches);
  std::printf("%-26s %10s %10s %10s %12s\n", "engine", "p50 ms", "p99 ms", "queries/s", "recall");
  std::printf("%-26s %10.3f %10.3f %10.0f %12.4f\n", "tolk index + exact score",
              percentile(indexed_ms, 0.5), percentile(indexed_ms, 0.99), qps(indexed_ms), recall);
  std::printf("%-26s %10.3f %10.3f %10.0f %12s\n", "tolk scan of every unit",
              percentile(scan_ms, 0.5), percentile(scan_ms, 0.99), qps(scan_ms), "1 (truth)");
  std::printf("candidates scored per query: p50 %.0f, p99 %.0f\n", percentile(candidates, 0.5),
              percentile(candidates, 0.99));
  if (arguments.exhaustive > 0)
    std::printf("full re-analysis of every unit on %zu queries: %zu differ from the index\n",
                std::min(arguments.exhaustive, queries.size()), exhaustive_mismatches);
  return 0;
}
