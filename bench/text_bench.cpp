// Throughput of the text layer on the Dutch country report (4,346 lines, ~300 KB).

#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>

#include "tolk/text/morphology.hpp"
#include "tolk/text/normalize.hpp"
#include "tolk/text/segment.hpp"
#include "tolk/text/transliterate.hpp"

namespace {

using namespace tolk::text;

const std::string& report() {
  static const std::string text = [] {
    std::ifstream file(std::string(TOLK_CORPUS_DIR) + "/ambtsbericht-rusland-2025.nl.txt",
                       std::ios::binary);
    std::stringstream buffer;
    buffer << file.rdbuf();
    return buffer.str();
  }();
  return text;
}

void set_bytes(benchmark::State& state, std::size_t bytes) {
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(bytes));
}

void BM_tokenize(benchmark::State& state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(tokenize(report(), Language::nl));
  set_bytes(state, report().size());
}

void BM_split_sentences(benchmark::State& state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(split_sentences(report(), Language::nl));
  set_bytes(state, report().size());
}

void BM_search_key_per_word(benchmark::State& state) {
  const auto tokens = tokenize(report(), Language::nl);
  for (auto _ : state) {
    for (const Token& token : tokens)
      benchmark::DoNotOptimize(search_key(token.text, Language::nl));
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(tokens.size()));
}

void BM_lemma_per_word_cached(benchmark::State& state) {
  const auto tokens = tokenize(report(), Language::nl);
  const Dictionary& dictionary = Dictionary::for_language(Language::nl);
  for (const Token& token : tokens)
    dictionary.lemma(token.text);  // warm the cache
  for (auto _ : state) {
    for (const Token& token : tokens)
      benchmark::DoNotOptimize(dictionary.lemma(token.text));
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(tokens.size()));
}

void BM_translit_key(benchmark::State& state) {
  const std::string phrase = "Единый реестр сведений о гражданах, подлежащих постановке на учет";
  for (auto _ : state)
    benchmark::DoNotOptimize(translit_key(phrase));
  set_bytes(state, phrase.size());
}

}  // namespace

BENCHMARK(BM_tokenize)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_split_sentences)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_search_key_per_word)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_lemma_per_word_cached)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_translit_key)->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
