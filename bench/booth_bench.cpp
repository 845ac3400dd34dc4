// The booth's answer time per keystroke: every prefix of real queries (the glossary's Dutch terms,
// Latin spellings of its Russian terms, misspelt Dutch terms) through booth::BoothSearch, with the
// shipped glossary and with the glossary plus 50,000 synthetic concepts (synthetic_termbase.hpp);
// beside it, the full queries through `tolk term lookup` (a process per query, start included).
// Prints Markdown tables for bench/README.md.
//
//   booth_bench --glossary glossaries/legal-nl-en-ru.json --tolk build/release/bin/tolk
//               [--concepts 50000] [--work DIR]

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "synthetic_termbase.hpp"
#include "tolk/booth/booth_search.hpp"
#include "tolk/termbase/exchange.hpp"
#include "tolk/termbase/termbase.hpp"
#include "tolk/text/transliterate.hpp"

namespace fs = std::filesystem;
using tolk::booth::BoothSearch;
using tolk::booth::Direction;
using tolk::termbase::Concept;
using tolk::termbase::Termbase;
using tolk::text::Language;
using Clock = std::chrono::steady_clock;

namespace {

struct Query {
  std::string text;
  Direction direction;
};

std::vector<Query> real_queries(const std::vector<Concept>& glossary) {
  std::vector<Query> queries;
  std::mt19937 random(7);
  for (const Concept& entry : glossary) {
    const auto* nl = entry.preferred_term(Language::nl);
    const auto* ru = entry.preferred_term(Language::ru);
    if (nl)
      queries.push_back({nl->text, {Language::nl, Language::ru}});
    if (ru)
      queries.push_back({tolk::text::cyrillic_to_latin(ru->text), {Language::ru, Language::nl}});
    if (nl && nl->text.size() > 6) {
      std::string typo = nl->text;
      typo.erase(std::uniform_int_distribution<std::size_t>(1, typo.size() - 2)(random), 1);
      queries.push_back({typo, {Language::nl, Language::ru}});
    }
  }
  return queries;
}

double percentile(std::vector<double> values, double p) {
  if (values.empty())
    return 0;
  std::sort(values.begin(), values.end());
  return values[std::min(values.size() - 1,
                         static_cast<std::size_t>(p * static_cast<double>(values.size())))];
}

void row(const std::string& termbase, const std::string& what, const std::vector<double>& ms) {
  std::cout << "| " << termbase << " | " << what << " | " << ms.size() << " | "
            << percentile(ms, 0.5) << " | " << percentile(ms, 0.99) << " | "
            << *std::max_element(ms.begin(), ms.end()) << " |\n";
}

}  // namespace

int main(int argc, char** argv) {
  fs::path glossary_file = "glossaries/legal-nl-en-ru.json";
  fs::path tolk = "build/release/bin/tolk";
  fs::path work = fs::temp_directory_path() / "tolk-booth-bench";
  std::size_t count = 50000;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string option = argv[i];
    if (option == "--glossary")
      glossary_file = argv[i + 1];
    else if (option == "--tolk")
      tolk = argv[i + 1];
    else if (option == "--concepts")
      count = std::stoul(argv[i + 1]);
    else if (option == "--work")
      work = argv[i + 1];
  }
  const auto glossary = tolk::termbase::read_glossary_json(glossary_file).concepts;
  const auto queries = real_queries(glossary);
  fs::remove_all(work);
  std::cout
      << "| termbase | keystrokes | n | p50 ms | p99 ms | max ms |\n|---|---|--:|--:|--:|--:|\n";
  for (const auto& [name, concepts] :
       {std::pair<std::string, std::vector<Concept>>{"glossary", glossary},
        {"glossary + " + std::to_string(count),
         tolk::bench::synthetic_concepts(count, glossary)}}) {
    const fs::path directory = work / name;
    {
      Termbase store = Termbase::open(directory, true);
      store.put(concepts);
    }
    const Termbase store = Termbase::open(directory);
    const tolk::booth::BoothSource source{&store, false};
    const BoothSearch search({&source, 1});
    std::vector<double> all;
    for (const Query& query : queries) {
      for (std::size_t length = 1; length <= query.text.size(); ++length) {
        if (length < query.text.size() &&
            (static_cast<unsigned char>(query.text[length]) & 0xC0) == 0x80)
          continue;  // not a whole character yet
        const auto start = Clock::now();
        const auto hits = search.search(query.text.substr(0, length), query.direction);
        all.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
        if (hits.size() > 100)
          return 1;  // keeps the call from being optimised away
      }
    }
    row(name, "every prefix of " + std::to_string(queries.size()) + " queries", all);
  }
  // The same full queries through the CLI: one process per query, as a script would.
  std::cout << "\n| termbase | `tolk term lookup` (process) | n | p50 ms | p99 ms | max ms |\n"
               "|---|---|--:|--:|--:|--:|\n";
  for (const std::string& name : {std::string("glossary"), "glossary + " + std::to_string(count)}) {
    const fs::path data = work / ("cli-" + std::to_string(name.size()));
    // A workspace first (init refuses a folder that holds anything), then the termbase in it.
    if (std::system(("'" + tolk.string() + "' --data '" + data.string() + "' init >/dev/null 2>&1")
                        .c_str()) != 0)
      return 1;
    fs::create_directories(data / "termbases");
    fs::create_directory_symlink(fs::absolute(work / name), data / "termbases" / "legal");
    if (std::system(("'" + tolk.string() + "' --data '" + data.string() +
                     "' term lookup desertie >/dev/null")
                        .c_str()) != 0)
      return 1;  // the workspace must answer before anything is timed
    std::vector<double> ms;
    for (std::size_t i = 0; i < queries.size(); i += 6) {
      const auto start = Clock::now();
      const std::string command = "'" + tolk.string() + "' --data '" + data.string() +
                                  "' term lookup '" + queries[i].text + "' >/dev/null 2>&1";
      if (std::system(command.c_str()) < 0)
        return 1;
      ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    row(name, "full queries", ms);
  }
  return 0;
}
