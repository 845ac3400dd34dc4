// The termbase engine at scale, printed as Markdown tables (run it with bench/run-termbase-bench):
//  - term recognition (TermFinder::find) over >= 10 MB of nl, en and ru text, with the shipped
//    glossary and with a synthetic termbase of 50,000 concepts, beside `grep -F -f` on the same
//    term list and text;
//  - Termbase::lookup latency (p50/p99) for exact, normalised, inflected, transliterated and
//    misspelt queries, the misspelt ones through the typo index and by the exhaustive scan;
//  - the time to put the 50,000 concepts in one transaction, and the size of the store.
//
// The synthetic termbase: 1-4-word terms in nl, en and ru drawn from the Hunspell dictionaries'
// words (/usr/share/hunspell), plus the glossary's concepts so that real terms occur in the text.
// The texts: the corpus files of a language repeated to the target size; for Russian, which the
// corpus only quotes, a file given on the command line (gettext messages, see the script) with
// the glossary's Russian terms and citation quotes mixed in.

#include <sys/resource.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <iterator>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "synthetic_termbase.hpp"
#include "tolk/store/lmdb.hpp"
#include "tolk/termbase/exchange.hpp"
#include "tolk/termbase/term_finder.hpp"
#include "tolk/termbase/termbase.hpp"
#include "tolk/text/normalize.hpp"
#include "tolk/text/transliterate.hpp"
#include "tolk/text/utf8.hpp"

namespace fs = std::filesystem;
using namespace tolk::termbase;
using tolk::text::Language;

namespace {

struct Options {
  fs::path corpus = "../shared/corpus";
  fs::path glossary = "glossaries/legal-nl-en-ru.json";
  fs::path russian_text;  // optional
  fs::path work = "/tmp/termbase-bench";
  std::size_t concepts = 50000;
  std::size_t text_bytes = 10u << 20;
  std::size_t queries = 300;
  std::size_t exhaustive_queries = 60;
  int grep_timeout = 60;
};

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double cpu_seconds(int who) {
  rusage usage{};
  getrusage(who, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw std::runtime_error("cannot read " + path.string());
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string format(double value, int precision) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(precision) << value;
  return out.str();
}

std::string thousands(std::size_t value) {
  std::string digits = std::to_string(value);
  for (auto at = static_cast<std::ptrdiff_t>(digits.size()) - 3; at > 0; at -= 3)
    digits.insert(static_cast<std::size_t>(at), ",");
  return digits;
}

// --- Texts. ---

// Documents of a language: the corpus files (or the given file), repeated to `bytes`.
std::vector<std::string> documents(const std::vector<std::string>& sources, std::size_t bytes) {
  std::vector<std::string> out;
  std::size_t total = 0;
  while (total < bytes) {
    for (const std::string& source : sources) {
      out.push_back(source);
      total += source.size();
    }
  }
  return out;
}

std::vector<std::string> language_sources(const Options& options, Language language,
                                          const std::vector<Concept>& glossary) {
  std::vector<std::string> sources;
  if (language == Language::ru) {
    // Russian: the gettext messages, with the glossary's Russian terms and quotes every 20 lines.
    std::vector<std::string> inserts;
    for (const Concept& entry : glossary) {
      for (const Term& term : entry.terms) {
        if (term.language == Language::ru)
          inserts.push_back("Согласно материалам дела, " + term.text + " упоминается в решении.");
        for (const Citation& citation : term.citations) {
          if (citation.language == Language::ru)
            inserts.push_back(citation.quote);
        }
      }
    }
    std::string mixed;
    std::istringstream lines(read_file(options.russian_text));
    std::size_t count = 0;
    std::size_t next = 0;
    for (std::string line; std::getline(lines, line);) {
      mixed += line + "\n";
      if (++count % 20 == 0 && !inserts.empty())
        mixed += inserts[next++ % inserts.size()] + "\n";
    }
    sources.push_back(std::move(mixed));
    return sources;
  }
  const std::string suffix = language == Language::nl ? ".nl.txt" : ".en.txt";
  std::vector<fs::path> files;
  for (const auto& item : fs::directory_iterator(options.corpus)) {
    const std::string name = item.path().filename().string();
    if (name.size() > suffix.size() && name.ends_with(suffix))
      files.push_back(item.path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files)
    sources.push_back(read_file(file));
  return sources;
}

std::size_t word_count(std::string_view text) {
  std::size_t words = 0;
  bool in_word = false;
  for (const char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (!space && !in_word)
      ++words;
    in_word = !space;
  }
  return words;
}

// --- The synthetic termbase. ---

// dictionary_words and synthetic_concepts: synthetic_termbase.hpp (shared with booth_bench).

// --- grep. ---

struct GrepResult {
  std::string count = "-";
  double seconds = 0;
  double cpu = 0;
};

// Runs `grep FLAGS -f TERMS TEXT` in C.UTF-8 under `timeout`. The count is grep's own (-c) or,
// with `occurrences`, the number of lines it printed (-o).
GrepResult run_grep(const std::string& flags, const fs::path& terms, const fs::path& text,
                    bool occurrences, int timeout, const fs::path& scratch) {
  GrepResult result;
  const double cpu_before = cpu_seconds(RUSAGE_CHILDREN);
  const auto start = Clock::now();
  const std::string command = "LC_ALL=C.UTF-8 timeout " + std::to_string(timeout) + " grep " +
                              flags + " -f '" + terms.string() + "' '" + text.string() + "' > '" +
                              scratch.string() + "' 2>/dev/null; echo $?";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr)
    return result;
  std::string out;
  char buffer[256];
  for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;)
    out.append(buffer, n);
  pclose(pipe);
  result.seconds = seconds_since(start);
  result.cpu = cpu_seconds(RUSAGE_CHILDREN) - cpu_before;
  const int status = std::atoi(out.c_str());
  if (status == 124) {
    result.count = "timed out";
  } else if (status > 1) {
    result.count = "grep failed (status " + std::to_string(status) + ")";
  } else if (occurrences) {
    std::ifstream in(scratch, std::ios::binary);
    result.count = thousands(static_cast<std::size_t>(
        std::count(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>(), '\n')));
  } else {
    std::ifstream in(scratch);
    std::size_t count = 0;
    in >> count;
    result.count = thousands(count);
  }
  fs::remove(scratch);
  return result;
}

// --- Lookups. ---

struct Latency {
  double p50 = 0;
  double p99 = 0;
  std::size_t queries = 0;
  std::size_t as_intended = 0;  // first hit of the kind the query was made for
};

Latency measure(const Termbase& termbase, const std::vector<std::string>& queries,
                MatchKind intended, const LookupOptions& options) {
  std::vector<double> micros;
  Latency latency;
  for (const std::string& query : queries) {
    const auto start = Clock::now();
    const auto hits = termbase.lookup(query, options);
    micros.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
    if (!hits.empty() && hits.front().kind == intended)
      ++latency.as_intended;
  }
  std::sort(micros.begin(), micros.end());
  latency.queries = micros.size();
  if (!micros.empty()) {
    latency.p50 = micros[micros.size() / 2];
    latency.p99 = micros[std::min(micros.size() - 1, micros.size() * 99 / 100)];
  }
  return latency;
}

std::string typo_of(const std::string& text, std::mt19937& random) {
  std::u32string word;  // decode
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    const std::size_t length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4;
    char32_t c = length == 1   ? byte
                 : length == 2 ? byte & 0x1Fu
                 : length == 3 ? byte & 0x0Fu
                               : byte & 0x07u;
    for (std::size_t k = 1; k < length && i + k < text.size(); ++k)
      c = (c << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3Fu);
    word.push_back(c);
    i += length;
  }
  if (word.size() < 2)
    return text;
  const auto at = std::uniform_int_distribution<std::size_t>(0, word.size() - 2)(random);
  switch (std::uniform_int_distribution<int>(0, 3)(random)) {
    case 0:
      word.erase(at, 1);
      break;
    case 1:
      word.insert(at, 1, word[at + 1]);
      break;
    case 2:
      word[at] = word[at] == U'e' ? U'a' : U'e';
      break;
    default:
      std::swap(word[at], word[at + 1]);
      break;
  }
  return tolk::text::to_utf8(word);
}

struct QuerySets {
  std::vector<std::string> exact, normalized, inflected, transliterated, typo;
};

// Queries made from the terms of `concepts` (sampled evenly), each for one match kind.
QuerySets make_queries(const std::vector<Concept>& concepts, std::size_t count) {
  QuerySets sets;
  std::mt19937 random(7);
  std::vector<const Term*> terms;
  std::vector<const Term*> russian;
  std::vector<const Term*> english;
  for (const Concept& entry : concepts) {
    for (const Term& term : entry.terms) {
      terms.push_back(&term);
      if (term.language == Language::ru)
        russian.push_back(&term);
      if (term.language == Language::en)
        english.push_back(&term);
    }
  }
  const auto sample = [&](const std::vector<const Term*>& from) {
    return from[std::uniform_int_distribution<std::size_t>(0, from.size() - 1)(random)];
  };
  for (std::size_t i = 0; i < count; ++i) {
    sets.exact.push_back(sample(terms)->text);
    std::string upper = sample(english)->text;
    std::transform(upper.begin(), upper.end(), upper.begin(),
                   [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c; });
    sets.normalized.push_back(upper);
    sets.inflected.push_back(sample(english)->text + "s");
    sets.transliterated.push_back(tolk::text::cyrillic_to_latin(sample(russian)->text));
    sets.typo.push_back(typo_of(sample(terms)->text, random));
  }
  return sets;
}

// --- Store size. ---

std::uintmax_t directory_bytes(const fs::path& directory) {
  std::uintmax_t bytes = 0;
  for (const auto& item : fs::directory_iterator(directory)) {
    if (item.is_regular_file())
      bytes += item.file_size();
  }
  return bytes;
}

std::map<std::string, std::size_t> database_bytes(const fs::path& directory) {
  std::map<std::string, std::size_t> out;
  auto environment = tolk::store::Environment::open(directory);
  auto transaction = tolk::store::Transaction::begin_read(environment);
  for (const char* name : {"concepts", "terms-by-key", "terms-by-lemma", "terms-by-translit",
                           "typo-keys", "typo-strings", "typo-grams"}) {
    MDB_dbi dbi = 0;
    if (mdb_dbi_open(transaction.handle(), name, 0, &dbi) != MDB_SUCCESS)
      continue;
    MDB_stat stat{};
    mdb_stat(transaction.handle(), dbi, &stat);
    out[name] = static_cast<std::size_t>(stat.ms_psize) *
                (stat.ms_branch_pages + stat.ms_leaf_pages + stat.ms_overflow_pages);
  }
  return out;
}

std::string megabytes(std::size_t bytes) {
  return format(static_cast<double>(bytes) / (1 << 20), 1) + " MB";
}

Options parse(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string argument = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc)
        throw std::runtime_error(argument + " needs a value");
      return argv[++i];
    };
    if (argument == "--corpus") {
      options.corpus = value();
    } else if (argument == "--glossary") {
      options.glossary = value();
    } else if (argument == "--russian-text") {
      options.russian_text = value();
    } else if (argument == "--work") {
      options.work = value();
    } else if (argument == "--concepts") {
      options.concepts = std::stoul(value());
    } else if (argument == "--text-mb") {
      options.text_bytes = std::stoul(value()) << 20;
    } else if (argument == "--queries") {
      options.queries = std::stoul(value());
    } else if (argument == "--exhaustive-queries") {
      options.exhaustive_queries = std::stoul(value());
    } else if (argument == "--grep-timeout") {
      options.grep_timeout = std::stoi(value());
    } else {
      throw std::runtime_error("unknown option " + argument +
                               " (--corpus DIR --glossary FILE --russian-text FILE --work DIR "
                               "--concepts N --text-mb N --queries N --exhaustive-queries N "
                               "--grep-timeout S)");
    }
  }
  return options;
}

}  // namespace

int main(int argc, char** argv) try {
  const Options options = parse(argc, argv);
  std::cout << std::unitbuf;  // each row as soon as it is measured
  fs::remove_all(options.work);
  fs::create_directories(options.work);
  std::cerr << "reading the glossary and the dictionaries...\n";
  const std::vector<Concept> glossary =
      read_glossary_json(options.glossary, Strictness::strict).concepts;
  const std::vector<Concept> synthetic =
      tolk::bench::synthetic_concepts(options.concepts, glossary);

  // --- Build and size. ---
  std::cerr << "putting " << synthetic.size() << " concepts...\n";
  struct Built {
    std::string name;
    const std::vector<Concept>* concepts;
    fs::path directory;
    double put_seconds = 0;
    double put_cpu = 0;
  };
  std::vector<Built> built{{"glossary", &glossary, options.work / "tb-glossary", 0, 0},
                           {"synthetic " + thousands(options.concepts), &synthetic,
                            options.work / "tb-synthetic", 0, 0}};
  for (Built& termbase : built) {
    Termbase store = Termbase::open(termbase.directory, true);
    const double cpu_before = cpu_seconds(RUSAGE_SELF);
    const auto start = Clock::now();
    store.put(*termbase.concepts);
    termbase.put_seconds = seconds_since(start);
    termbase.put_cpu = cpu_seconds(RUSAGE_SELF) - cpu_before;
  }
  std::cout
      << "### Termbase build (one put, one transaction)\n\n"
      << "| termbase | concepts | terms | put, cpu | store (data.mdb) | of which typo index |\n"
      << "|---|---:|---:|---:|---:|---:|\n";
  for (const Built& termbase : built) {
    std::size_t terms = 0;
    for (const Concept& entry : *termbase.concepts)
      terms += entry.terms.size();
    const auto parts = database_bytes(termbase.directory);
    std::size_t typo = 0;
    for (const auto& [name, bytes] : parts) {
      if (name.starts_with("typo-"))
        typo += bytes;
    }
    std::cout << "| " << termbase.name << " | " << thousands(termbase.concepts->size()) << " | "
              << thousands(terms) << " | " << format(termbase.put_cpu, 2) << " s (wall "
              << format(termbase.put_seconds, 2) << ") | "
              << megabytes(directory_bytes(termbase.directory)) << " | " << megabytes(typo)
              << " |\n";
  }

  // --- Lookup latency. ---
  std::cout << "\n### Termbase::lookup latency (" << options.queries
            << " queries per row, one thread)\n\n"
            << "| termbase | query kind | p50 | p99 | first hit of that kind |\n"
            << "|---|---|---:|---:|---:|\n";
  for (const Built& termbase : built) {
    std::cerr << "lookups on " << termbase.name << "...\n";
    const Termbase store = Termbase::open(termbase.directory);
    const QuerySets sets = make_queries(*termbase.concepts, options.queries);
    LookupOptions indexed;
    LookupOptions exhaustive;
    exhaustive.exhaustive_fuzzy = true;
    store.lookup("warm-up", indexed);
    const std::vector<std::string> exhaustive_typos(
        sets.typo.begin(), sets.typo.begin() + static_cast<std::ptrdiff_t>(std::min(
                                                   sets.typo.size(), options.exhaustive_queries)));
    const std::vector<
        std::tuple<std::string, const std::vector<std::string>*, MatchKind, const LookupOptions*>>
        rows{{"exact", &sets.exact, MatchKind::exact, &indexed},
             {"normalised (upper case)", &sets.normalized, MatchKind::normalized, &indexed},
             {"inflected (English plural)", &sets.inflected, MatchKind::inflected, &indexed},
             {"transliterated (BGN Latin)", &sets.transliterated, MatchKind::transliterated,
              &indexed},
             {"typo, typo index", &sets.typo, MatchKind::fuzzy, &indexed},
             {"typo, exhaustive scan (before)", &exhaustive_typos, MatchKind::fuzzy, &exhaustive}};
    for (const auto& [label, queries, kind, lookup_options] : rows) {
      const Latency latency = measure(store, *queries, kind, *lookup_options);
      std::cout << "| " << termbase.name << " | " << label << " (" << latency.queries << ") | "
                << format(latency.p50, 0) << " µs | " << format(latency.p99, 0) << " µs | "
                << format(100.0 * static_cast<double>(latency.as_intended) /
                              static_cast<double>(std::max<std::size_t>(1, latency.queries)),
                          0)
                << " % |\n";
    }
  }

  // --- Term recognition against grep. ---
  std::cout
      << "\n### Term recognition: TermFinder::find against grep -F on the same terms and "
         "text\n\n"
      << "Throughput per CPU second of the process (the machine is shared); grep's times are "
         "its CPU time, its counts are grep's own.\n\n"
      << "| termbase | lang | text | terms | index build | find, cpu | words/s | MB/s | hits |"
      << " grep -F -c (lines) | grep -F -w -o (occurrences) | grep -F -i -c (lines) |"
      << " grep -F -i -w -o |\n"
      << "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
  for (const Built& termbase : built) {
    std::cerr << "term finder on " << termbase.name << "...\n";
    const auto build_start = Clock::now();
    const TermFinder finder(*termbase.concepts);
    const double build_seconds = seconds_since(build_start);
    for (const Language language : {Language::nl, Language::en, Language::ru}) {
      if (language == Language::ru && options.russian_text.empty())
        continue;
      const auto docs =
          documents(language_sources(options, language, glossary), options.text_bytes);
      std::size_t bytes = 0;
      std::size_t words = 0;
      const fs::path text_file =
          options.work / ("text." + std::string(tolk::text::language_code(language)));
      {
        std::ofstream out(text_file, std::ios::binary);
        for (const std::string& doc : docs) {
          bytes += doc.size();
          words += word_count(doc);
          out << doc;
        }
      }
      const fs::path terms_file =
          options.work / ("terms." + std::string(tolk::text::language_code(language)));
      std::size_t terms = 0;
      {
        std::ofstream out(terms_file, std::ios::binary);
        for (const Concept& entry : *termbase.concepts) {
          for (const Term& term : entry.terms) {
            if (term.language == language) {
              out << term.text << "\n";
              ++terms;
            }
          }
        }
      }
      std::cerr << "  find " << tolk::text::language_code(language) << "...\n";
      std::size_t hits = 0;
      const double cpu_before = cpu_seconds(RUSAGE_SELF);
      const auto start = Clock::now();
      for (const std::string& doc : docs)
        hits += finder.find(doc, language).size();
      const double wall = seconds_since(start);
      const double cpu = cpu_seconds(RUSAGE_SELF) - cpu_before;
      std::cerr << "  grep " << tolk::text::language_code(language) << "...\n";
      const std::string files = terms_file.string() + " " + text_file.string();
      const fs::path scratch = options.work / "grep.out";
      const GrepResult lines =
          run_grep("-F -c", terms_file, text_file, false, options.grep_timeout, scratch);
      const GrepResult occurrences =
          run_grep("-F -w -o", terms_file, text_file, true, options.grep_timeout, scratch);
      const GrepResult folded_lines =
          run_grep("-F -i -c", terms_file, text_file, false, options.grep_timeout, scratch);
      const GrepResult folded_occurrences =
          run_grep("-F -i -w -o", terms_file, text_file, true, options.grep_timeout, scratch);
      const auto cell = [&](const GrepResult& result) {
        if (result.count == "timed out")
          return "> " + std::to_string(options.grep_timeout) + " s";
        return result.count + " in " + format(result.cpu, 2) + " s";
      };
      std::cout << "| " << termbase.name << " | " << tolk::text::language_code(language) << " | "
                << megabytes(bytes) << " | " << thousands(terms) << " | "
                << format(build_seconds, 1) << " s | " << format(cpu, 2) << " s (wall "
                << format(wall, 2) << ") | "
                << thousands(static_cast<std::size_t>(static_cast<double>(words) / cpu)) << " | "
                << format(static_cast<double>(bytes) / (1 << 20) / cpu, 2) << " | "
                << thousands(hits) << " | " << cell(lines) << " | " << cell(occurrences) << " | "
                << cell(folded_lines) << " | " << cell(folded_occurrences) << " |\n";
    }
  }
  fs::remove_all(options.work);
  return 0;
} catch (const std::exception& error) {
  std::cerr << "termbase_bench: " << error.what() << "\n";
  return 2;
}
