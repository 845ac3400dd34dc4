// The booth's answer time per keystroke: every prefix of real queries (the glossary's Dutch terms,
// Latin spellings of its Russian terms, misspelt Dutch terms) through booth::BoothSearch (what
// `tolk booth` runs) and through http::Service::handle on GET /api/v1/booth (what the /booth page
// of `tolk serve` asks for, the request parsed and the JSON written, without the socket), with the
// shipped glossary and with the glossary plus 50,000 synthetic concepts (synthetic_termbase.hpp);
// beside it, the full queries through `tolk term lookup` (a process per query, start included).
// Prints Markdown tables for bench/README.md.
//
//   booth_bench --glossary glossaries/legal-nl-en-ru.json --tolk build/release/bin/tolk
//               [--concepts 50000] [--work DIR] [--reuse] [--slowest N] [--no-process]

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "synthetic_termbase.hpp"
#include "tolk/booth/booth_search.hpp"
#include "tolk/http/service.hpp"
#include "tolk/store/workspace.hpp"
#include "tolk/termbase/exchange.hpp"
#include "tolk/termbase/termbase.hpp"
#include "tolk/text/transliterate.hpp"

namespace fs = std::filesystem;
using tolk::booth::BoothSearch;
using tolk::termbase::Concept;
using tolk::termbase::Termbase;
using tolk::text::Direction;
using tolk::text::Language;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::string_view kUsage =
    "usage: booth_bench [--glossary FILE] [--tolk BINARY] [--concepts N] [--work DIR]\n"
    "                   [--reuse] [--slowest N] [--no-process]\n"
    "  --glossary FILE  the shipped glossary (default glossaries/legal-nl-en-ru.json)\n"
    "  --tolk BINARY    tolk, timed as a process per query (default build/release/bin/tolk)\n"
    "  --concepts N     synthetic concepts added to the glossary (default 50000)\n"
    "  --work DIR       where the termbases are built (default $TMPDIR/tolk-booth-bench)\n"
    "  --reuse          keep the termbases a previous run built in DIR (same N)\n"
    "  --slowest N      also print the N slowest keystrokes of each termbase and the whole\n"
    "                   queries whose concept is not found\n"
    "  --no-process     skip `tolk term lookup`\n";

struct Options {
  fs::path glossary = "glossaries/legal-nl-en-ru.json";
  fs::path tolk = "build/release/bin/tolk";
  fs::path work = fs::temp_directory_path() / "tolk-booth-bench";
  std::size_t concepts = 50000;
  bool reuse = false;
  std::size_t slowest = 0;
  bool process = true;
};

Options parse_options(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string option = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc)
        throw std::invalid_argument(option + " needs a value");
      return argv[++i];
    };
    if (option == "--help" || option == "-h") {
      std::cout << kUsage;
      std::exit(0);
    } else if (option == "--glossary") {
      options.glossary = value();
    } else if (option == "--tolk") {
      options.tolk = value();
    } else if (option == "--concepts") {
      options.concepts = std::stoul(value());
    } else if (option == "--work") {
      options.work = value();
    } else if (option == "--reuse") {
      options.reuse = true;
    } else if (option == "--slowest") {
      options.slowest = std::stoul(value());
    } else if (option == "--no-process") {
      options.process = false;
    } else {
      throw std::invalid_argument("unknown option " + option + "\n" + std::string(kUsage));
    }
  }
  return options;
}

struct Query {
  std::string text;
  Direction direction;
  std::string concept_id;  // the concept it was made from
};

std::vector<Query> real_queries(const std::vector<Concept>& glossary) {
  std::vector<Query> queries;
  std::mt19937 random(7);
  for (const Concept& entry : glossary) {
    const auto* nl = entry.preferred_term(Language::nl);
    const auto* ru = entry.preferred_term(Language::ru);
    if (nl)
      queries.push_back({nl->text, {Language::nl, Language::ru}, entry.id});
    if (ru)
      queries.push_back(
          {tolk::text::cyrillic_to_latin(ru->text), {Language::ru, Language::nl}, entry.id});
    if (nl && nl->text.size() > 6) {
      std::string typo = nl->text;
      typo.erase(std::uniform_int_distribution<std::size_t>(1, typo.size() - 2)(random), 1);
      queries.push_back({typo, {Language::nl, Language::ru}, entry.id});
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

std::string milliseconds(double value) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(value < 1 ? 3 : 1) << value;
  return out.str();
}

void row(const std::string& termbase, const std::string& what, const std::vector<double>& ms) {
  std::cout << "| " << termbase << " | " << what << " | " << ms.size() << " | "
            << milliseconds(percentile(ms, 0.5)) << " | " << milliseconds(percentile(ms, 0.95))
            << " | " << milliseconds(percentile(ms, 0.99)) << " | "
            << milliseconds(*std::max_element(ms.begin(), ms.end())) << " |\n";
}

struct Keystroke {
  std::string query;  // the text typed so far
  Direction direction;
  const Query* of = nullptr;
  bool last = false;  // the whole query
};

// Every prefix of every query that ends on a whole character: what the booth sees key by key.
std::vector<Keystroke> keystrokes(const std::vector<Query>& queries) {
  std::vector<Keystroke> out;
  for (const Query& query : queries) {
    for (std::size_t length = 1; length <= query.text.size(); ++length) {
      if (length < query.text.size() &&
          (static_cast<unsigned char>(query.text[length]) & 0xC0) == 0x80)
        continue;
      out.push_back(
          {query.text.substr(0, length), query.direction, &query, length == query.text.size()});
    }
  }
  return out;
}

// The page's request for what has been typed (encodeURIComponent, as booth.js sends it).
std::string booth_target(const Keystroke& key) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string target = "/api/v1/booth?q=";
  for (const char c : key.query) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
        (byte >= '0' && byte <= '9') || c == '-' || c == '_' || c == '.' || c == '~') {
      target += c;
    } else {
      target += '%';
      target += kHex[byte >> 4];
      target += kHex[byte & 0xF];
    }
  }
  return target + "&direction=" + tolk::text::to_string(key.direction) + "&limit=6";
}

void print_slowest(const std::vector<Keystroke>& keys, const std::vector<double>& ms,
                   std::size_t count) {
  std::vector<std::size_t> order(ms.size());
  for (std::size_t i = 0; i < order.size(); ++i)
    order[i] = i;
  count = std::min(count, order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(count), order.end(),
                    [&](std::size_t a, std::size_t b) { return ms[a] > ms[b]; });
  for (std::size_t i = 0; i < count; ++i)
    std::cerr << "  " << milliseconds(ms[order[i]]) << " ms  "
              << tolk::text::to_string(keys[order[i]].direction) << "  '" << keys[order[i]].query
              << "'\n";
}

// How often the concept a query was made from is among the hits: at the whole query, and at
// the keystrokes on the way (a few letters begin many terms, so not at every one).
struct Found {
  std::size_t whole = 0, whole_found = 0, typed = 0, typed_found = 0;
  std::vector<const Keystroke*> missed;  // whole queries whose concept is not found

  void count(const Keystroke& key, const std::vector<tolk::booth::BoothHit>& hits) {
    const bool found = std::any_of(hits.begin(), hits.end(), [&](const auto& hit) {
      return hit.entry.id == key.of->concept_id;
    });
    ++typed;
    typed_found += found ? 1 : 0;
    if (key.last) {
      ++whole;
      whole_found += found ? 1 : 0;
      if (!found)
        missed.push_back(&key);
    }
  }
  std::string line(const std::string& name) const {
    return name + ": the query's concept is found at " + std::to_string(whole_found) + " of " +
           std::to_string(whole) + " whole queries and at " + std::to_string(typed_found) + " of " +
           std::to_string(typed) + " keystrokes";
  }
};

int run(const Options& options) {
  const auto glossary = tolk::termbase::read_glossary_json(options.glossary).concepts;
  const auto queries = real_queries(glossary);
  const auto keys = keystrokes(queries);
  const std::string large = "glossary + " + std::to_string(options.concepts);
  if (!options.reuse)
    fs::remove_all(options.work);
  std::vector<std::string> found_lines;
  std::cout << "| termbase | keystrokes | n | p50 ms | p95 ms | p99 ms | max ms |\n"
               "|---|---|--:|--:|--:|--:|--:|\n";
  for (const std::string& name : {std::string("glossary"), large}) {
    const fs::path directory = options.work / name;
    if (!fs::exists(directory / "data.mdb")) {
      Termbase store = Termbase::open(directory, true);
      store.put(name == "glossary" ? glossary
                                   : tolk::bench::synthetic_concepts(options.concepts, glossary));
    }
    const Termbase store = Termbase::open(directory);
    const tolk::booth::BoothSource source{&store, false};
    const BoothSearch search({&source, 1});
    std::vector<double> all;
    all.reserve(keys.size());
    Found found;
    for (const Keystroke& key : keys) {
      const auto start = Clock::now();
      const auto hits = search.search(key.query, key.direction);
      all.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
      found.count(key, hits);
    }
    row(name, "BoothSearch::search, every prefix of " + std::to_string(queries.size()) + " queries",
        all);
    found_lines.push_back(found.line(name));
    if (options.slowest > 0) {
      for (const Keystroke* key : found.missed)
        std::cerr << "  not found: " << tolk::text::to_string(key->direction) << " '" << key->query
                  << "' (" << key->of->concept_id << ")\n";
    }
    if (options.slowest > 0) {
      std::cerr << "slowest keystrokes, " << name << ":\n";
      print_slowest(keys, all, options.slowest);
    }

    // The same keystrokes as the /booth page sends them to `tolk serve`.
    const fs::path data = options.work / ("serve-" + std::to_string(name.size()));
    if (!fs::exists(data)) {
      const auto workspace = tolk::store::Workspace::create_or_open(data, "booth_bench");
      fs::create_directories(workspace.termbase_directory("legal").parent_path());
      fs::create_directory_symlink(fs::absolute(directory), workspace.termbase_directory("legal"));
    }
    tolk::http::ServiceOptions service_options;
    service_options.data_directory = data;
    const tolk::http::Service service(service_options);
    service.warm_up();  // as `tolk serve` does before it listens
    tolk::http::Request request;
    request.method = "GET";
    request.headers = {{"Host", "127.0.0.1:8377"}};
    std::vector<double> served;
    served.reserve(keys.size());
    for (const Keystroke& key : keys) {
      request.target = booth_target(key);
      const auto start = Clock::now();
      const auto response = service.handle(request);
      served.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
      if (response.status != 200)
        throw std::runtime_error(request.target + ": " + std::to_string(response.status) + " " +
                                 response.body);
    }
    row(name, "Service::handle GET /api/v1/booth, the same keystrokes", served);
    if (options.slowest > 0) {
      std::cerr << "slowest requests, " << name << ":\n";
      print_slowest(keys, served, options.slowest);
    }
  }
  std::cout << "\n";
  for (const std::string& line : found_lines)
    std::cout << line << "\n";
  if (!options.process)
    return 0;
  // The same full queries through the CLI: one process per query, as a script would.
  std::cout << "\n| termbase | `tolk term lookup` (process) | n | p50 ms | p95 ms | p99 ms | max "
               "ms |\n|---|---|--:|--:|--:|--:|--:|\n";
  const std::string tolk = options.tolk.string();
  for (const std::string& name : {std::string("glossary"), large}) {
    const fs::path data = options.work / ("cli-" + std::to_string(name.size()));
    if (!fs::exists(data)) {
      // A workspace first (init refuses a folder that holds anything), then the termbase in it.
      if (std::system(
              ("'" + tolk + "' --data '" + data.string() + "' init >/dev/null 2>&1").c_str()) != 0)
        return 1;
      fs::create_directories(data / "termbases");
      fs::create_directory_symlink(fs::absolute(options.work / name), data / "termbases" / "legal");
    }
    if (std::system(
            ("'" + tolk + "' --data '" + data.string() + "' term lookup desertie >/dev/null")
                .c_str()) != 0)
      return 1;  // the workspace must answer before anything is timed
    std::vector<double> ms;
    for (std::size_t i = 0; i < queries.size(); i += 6) {
      const auto start = Clock::now();
      const std::string command = "'" + tolk + "' --data '" + data.string() + "' term lookup '" +
                                  queries[i].text + "' >/dev/null 2>&1";
      if (std::system(command.c_str()) < 0)
        return 1;
      ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    row(name, "full queries", ms);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(parse_options(argc, argv));
  } catch (const std::exception& error) {
    std::cerr << "booth_bench: " << error.what() << "\n";
    return 2;
  }
}
