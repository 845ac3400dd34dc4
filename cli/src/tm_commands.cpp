#include "tm_commands.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>

#include "exit_codes.hpp"
#include "input.hpp"
#include "messages.hpp"
#include "tolk/json/tm_json.hpp"
#include "tolk/store/workspace.hpp"
#include "tolk/termbase/termbase.hpp"
#include "tolk/text/utf8.hpp"
#include "tolk/tm/exchange.hpp"
#include "tolk/tm/repair.hpp"
#include "tolk/tm/translation_memory.hpp"
#include "tolk_version.hpp"

namespace tolk::cli {
namespace {

using nlohmann::json;

constexpr const char* kDefaultMemory = "legal";

struct MemoryChoice {
  std::string name = kDefaultMemory;
};

void add_memory_option(CLI::App& command, MemoryChoice& choice) {
  command.add_option("-m,--tm", choice.name,
                     tr("Translation memory name in the workspace (default: legal)"));
}

// With `create` (import, add): for writing, created when absent. Otherwise for reading only
// (LMDB read-only), so that the read commands work on a store that cannot be written.
tm::TranslationMemory open_memory(const GlobalOptions& global, const MemoryChoice& choice,
                                  bool create) {
  store::require_valid_store_name(choice.name);
  const auto workspace =
      create ? store::Workspace::create_or_open(global.data_directory, "tolk " TOLK_VERSION)
             : store::Workspace::open_existing(global.data_directory);
  const auto directory = workspace.translation_memory_directory(choice.name);
  if (!create && !std::filesystem::exists(directory / "data.mdb")) {
    throw UsageError(tr("no translation memory") + " '" + choice.name + "' " + tr("in") + ' ' +
                     global.data_directory + " (" + tr("import one with 'tolk tm import FILE'") +
                     ')');
  }
  return create ? tm::TranslationMemory::open(directory, true)
                : tm::TranslationMemory::open_for_reading(directory);
}

// The termbase that term repair uses, when the workspace has one.
std::optional<tm::Terminology> open_terminology(const GlobalOptions& global,
                                                const std::string& name) {
  if (name.empty())
    return std::nullopt;
  try {
    const auto workspace = store::Workspace::open_existing(global.data_directory);
    const auto directory = workspace.termbase_directory(name);
    if (!std::filesystem::exists(directory / "data.mdb"))
      return std::nullopt;
    return tm::Terminology(termbase::Termbase::open_for_reading(directory).all());
  } catch (const store::WorkspaceError&) {
    return std::nullopt;
  }
}

std::string format_of(const std::string& requested, const std::string& path) {
  if (requested != "auto")
    return requested;
  const auto extension = std::filesystem::path(path).extension().string();
  if (extension == ".tmx" || extension == ".xml")
    return "tmx";
  if (extension == ".po" || extension == ".pot")
    return "po";
  if (extension == ".mo" || extension == ".gmo")
    return "mo";
  if (extension == ".tsv" || extension == ".txt" || extension == ".tab")
    return "tsv";
  throw UsageError(path + ": " + tr("cannot tell the format from the file name: give --format"));
}

// Progress of a long import on a terminal: units, units per second, and the time left.
class ProgressLine {
 public:
  ProgressLine() : enabled_(isatty(STDERR_FILENO) != 0) {}
  void update(std::size_t units, std::size_t bytes_read, std::size_t bytes_total) {
    if (!enabled_)
      return;
    const auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(250))
      return;
    last_ = now;
    const double seconds = std::chrono::duration<double>(now - start_).count();
    const double rate = seconds > 0 ? static_cast<double>(units) / seconds : 0;
    std::fprintf(stderr, "\r%zu %s, %.0f %s", units, tr("units").c_str(), rate,
                 tr("units/s").c_str());
    if (bytes_total > 0 && bytes_read > 0 && bytes_read < bytes_total) {
      const double left =
          seconds * static_cast<double>(bytes_total - bytes_read) / static_cast<double>(bytes_read);
      std::fprintf(stderr, ", %.0f%%, %s %.0f s   ",
                   100.0 * static_cast<double>(bytes_read) / static_cast<double>(bytes_total),
                   tr("ETA").c_str(), left);
    }
    shown_ = true;
  }
  void done() {
    if (shown_)
      std::fputs("\n", stderr);
  }

 private:
  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_{};
};

struct ImportCommand {
  std::vector<std::string> files;
  std::string format = "auto";
  std::string source_language;
  std::string target_language;
  std::string duplicates = "keep-newest";
  std::size_t batch = 10000;
  bool strict = false;
  bool json = false;
  MemoryChoice memory;
};

int run_import(const GlobalOptions& global, const ImportCommand& command) {
  tm::TranslationMemory memory = open_memory(global, command.memory, true);
  tm::ImportOptions options;
  options.batch_size = command.batch;
  options.duplicates = command.duplicates == "keep-all" ? tm::DuplicatePolicy::keep_all
                                                        : tm::DuplicatePolicy::keep_newest;
  const auto started = std::chrono::steady_clock::now();
  std::vector<tm::ImportIssue> issues;
  std::size_t read = 0;
  tm::AddResult total;
  for (const std::string& file : command.files) {
    const std::string format = format_of(command.format, file);
    ProgressLine progress;
    tm::Importer importer(memory, options);
    tm::ReadOptions read_options;
    read_options.strictness = command.strict ? tm::Strictness::strict : tm::Strictness::lenient;
    std::size_t units_read = 0;
    read_options.progress = [&](std::size_t bytes_read, std::size_t bytes_total) {
      progress.update(units_read, bytes_read, bytes_total);
    };
    const auto read_file = [&](const tm::UnitSink& sink, const tm::ReadOptions& how) {
      if (format == "tmx")
        return tm::read_tmx(file, sink, how);
      if (format == "po" || format == "mo") {
        const std::string source = command.source_language.empty() ? "en" : command.source_language;
        std::optional<std::string> target;
        if (!command.target_language.empty())
          target = command.target_language;
        return format == "po" ? tm::read_po(file, sink, source, target, how)
                              : tm::read_mo(file, sink, source, target, how);
      }
      if (command.source_language.empty() || command.target_language.empty())
        throw UsageError(tr("a TSV file needs --from and --to (or a header row naming them)"));
      return tm::read_tsv_pairs(file, sink, command.source_language, command.target_language, how);
    };
    if (command.strict) {
      // A whole file or nothing: read it once to find a problem before anything is stored.
      tm::ReadOptions check;
      check.strictness = tm::Strictness::strict;
      read_file([](tm::TranslationUnit&&) {}, check);
    }
    // A store that cannot take more (a full disk or map) stops the import: say what it kept.
    const auto report_stored = [&] {
      const std::size_t stored =
          total.added + total.replaced + importer.progress().added + importer.progress().replaced;
      std::cerr << "tolk: " << stored << ' '
                << tr("units of this import were stored before the error, in whole batches; "
                      "they are kept")
                << '\n';
    };
    tm::ReadSummary summary;
    try {
      summary = read_file(
          [&](tm::TranslationUnit&& unit) {
            ++units_read;
            const std::size_t line = unit.origin_line;
            try {
              importer.add(std::move(unit));
            } catch (const tm::TranslationMemoryError& error) {
              tm::ImportIssue issue;
              issue.file = file;
              issue.line = line;
              issue.reason = error.what();
              issues.push_back(std::move(issue));
            }
          },
          read_options);
      total += importer.finish();
    } catch (const store::LmdbError&) {
      report_stored();
      throw;
    }
    progress.done();
    read += summary.units;
    issues.insert(issues.end(), summary.issues.begin(), summary.issues.end());
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const auto statistics = memory.statistics();
  if (command.json) {
    print_json({{"tm", command.memory.name},
                {"read", read},
                {"added", total.added},
                {"replaced", total.replaced},
                {"identical", total.identical},
                {"issues", tolk::json::issues_json(issues)},
                {"units", statistics.units},
                {"seconds", seconds}});
  } else {
    for (const auto& issue : issues)
      std::cerr << "tolk: " << tm::to_string(issue) << '\n';
    std::cout << tr("Read") << ' ' << read << ' ' << tr("units") << ": " << total.added << ' '
              << tr("new") << ", " << total.replaced << ' ' << tr("replaced") << ", "
              << total.identical << ' ' << tr("already stored") << ", " << issues.size() << ' '
              << tr("skipped with a problem") << "; " << tr("translation memory") << " '"
              << command.memory.name << "' " << tr("now holds") << ' ' << statistics.units << ' '
              << tr("units") << ".\n";
  }
  return issues.empty() ? kSuccess : kFindings;
}

struct ExportCommand {
  std::string output = "-";
  MemoryChoice memory;
};

int run_export(const GlobalOptions& global, const ExportCommand& command) {
  const tm::TranslationMemory memory = open_memory(global, command.memory, false);
  std::ofstream file;
  if (command.output != "-") {
    file.open(command.output, std::ios::binary);
    if (!file)
      throw std::runtime_error(command.output + ": " + tr("cannot write"));
  }
  std::ostream& out = command.output == "-" ? std::cout : file;
  tm::TmxHeader header;
  header.creation_tool_version = TOLK_VERSION;
  tm::TmxWriter writer(out, header);
  memory.for_each([&](const tm::TranslationUnit& unit) { writer.write(unit); });
  writer.finish();
  out.flush();
  if (!out)
    throw std::runtime_error(command.output + ": " + tr("write error"));
  return kSuccess;
}

struct MatchCommand {
  std::string segment;
  std::string source_language;
  std::string target_language;
  int min_score = 70;
  std::size_t max_results = 5;
  std::string context;
  std::string termbase = "legal";
  bool no_repair = false;
  bool json = false;
  MemoryChoice memory;
};

int run_match(const GlobalOptions& global, const MatchCommand& command) {
  text::validate_utf8(command.segment, "segment");
  const tm::TranslationMemory memory = open_memory(global, command.memory, false);
  tm::MatchOptions options;
  options.source_language = command.source_language;
  options.target_language = command.target_language;
  options.min_score = command.min_score;
  options.max_results = command.max_results;
  options.context = command.context;
  const auto matches = memory.match(command.segment, options);
  std::optional<tm::Terminology> terminology;
  if (!command.no_repair && !matches.empty() && matches.front().score.score < 100)
    terminology = open_terminology(global, command.termbase);
  const tm::SegmentAnalysis query = tm::analyze_text(command.segment, command.source_language);

  json out = json::array();
  for (const tm::Match& match : matches) {
    tm::RepairedTarget repaired;
    repaired.text = match.target;
    if (!command.no_repair)
      repaired = tm::repair_match(query, match, options, terminology ? &*terminology : nullptr);
    if (command.json) {
      out.push_back(tolk::json::match_json(match, repaired));
    } else {
      std::cout << '[' << match.score.score << "] " << match.source << '\n'
                << "      " << match.target << '\n';
      if (repaired.text != match.target) {
        std::cout << "   -> " << repaired.text << '\n';
        for (const auto& repair : repaired.repairs)
          std::cout << "      " << tr("repaired") << ": " << repair.replaced << " -> "
                    << repair.replacement << " (" << repair.stored_text << " -> "
                    << repair.query_text << ")\n";
      }
    }
  }
  if (command.json)
    print_json({{"segment", command.segment}, {"matches", out}});
  else if (matches.empty())
    std::cerr << "tolk: " << tr("no match at or above") << ' ' << command.min_score << '\n';
  return matches.empty() ? kFindings : kSuccess;
}

struct ConcordanceCommand {
  std::string query;
  std::string language;
  bool substring = false;
  std::size_t max_results = 20;
  bool json = false;
  MemoryChoice memory;
};

int run_concordance(const GlobalOptions& global, const ConcordanceCommand& command) {
  text::validate_utf8(command.query, "query");
  const tm::TranslationMemory memory = open_memory(global, command.memory, false);
  tm::ConcordanceOptions options;
  options.language = command.language;
  options.mode = command.substring ? tm::ConcordanceOptions::Mode::substring
                                   : tm::ConcordanceOptions::Mode::words;
  options.max_results = command.max_results;
  const auto hits = memory.concordance(command.query, options);
  const bool color = !command.json && isatty(STDOUT_FILENO) != 0;
  json out = json::array();
  for (const auto& hit : hits) {
    if (command.json) {
      out.push_back(tolk::json::concordance_hit_json(hit));
      continue;
    }
    // Hits marked with [[...]], or in bold on a terminal.
    std::string marked;
    std::size_t at = 0;
    for (const auto& [begin, end] : hit.highlights) {
      marked += hit.text.substr(at, begin - at);
      marked += color ? "\033[1m" : "[[";
      marked += hit.text.substr(begin, end - begin);
      marked += color ? "\033[0m" : "]]";
      at = end;
    }
    marked += hit.text.substr(at);
    std::cout << '#' << hit.unit.id << "  " << marked << '\n';
    for (const auto& variant : hit.unit.variants) {
      if (tm::primary_language(variant.language) != tm::primary_language(command.language))
        std::cout << "      " << variant.language << ": " << variant.segment.text << '\n';
    }
  }
  if (command.json)
    print_json({{"query", command.query}, {"language", command.language}, {"hits", out}});
  return hits.empty() ? kFindings : kSuccess;
}

struct PretranslateCommand {
  std::string file;
  std::string output;
  bool in_place = false;
  int min_score = 75;
  std::string source_language;
  std::string target_language;
  std::string termbase = "legal";
  bool json = false;
  MemoryChoice memory;
};

int run_pretranslate(const GlobalOptions& global, const PretranslateCommand& command) {
  if (command.in_place == !command.output.empty())
    throw UsageError(tr("give either -o FILE or --in-place"));
  const InputText input = read_input(command.file);
  const tm::TranslationMemory memory = open_memory(global, command.memory, false);
  std::optional<tm::Terminology> terminology;
  tm::XliffSummary summary;
  std::string output;
  // The languages come from the document unless given; the filler learns them on first call.
  std::string source = command.source_language;
  std::string target = command.target_language;
  const auto fill = [&](const tm::XliffSegment& segment) -> std::optional<tm::XliffFill> {
    tm::MatchOptions options;
    options.source_language = source;
    options.target_language = target;
    options.min_score = command.min_score;
    options.max_results = 1;
    options.context = segment.context;
    const auto matches = memory.match(segment.source_text, options);
    if (matches.empty())
      return std::nullopt;
    const tm::Match& best = matches.front();
    tm::XliffFill result;
    result.score = best.score.score;
    result.target_text = best.target;
    result.origin = "tolk:" + command.memory.name + "#" + std::to_string(best.unit.id);
    if (best.score.score < 100) {
      if (!terminology)
        terminology = open_terminology(global, command.termbase);
      result.target_text = tm::repair_match(tm::analyze_text(segment.source_text, source), best,
                                            options, terminology ? &*terminology : nullptr)
                               .text;
    }
    return result;
  };
  if (source.empty() || target.empty()) {
    // A first pass reads the languages from the document.
    std::string ignored;
    const auto languages = tm::pretranslate_xliff(
        input.bytes, input.name, [](const tm::XliffSegment&) { return std::nullopt; }, ignored);
    if (source.empty())
      source = languages.source_language;
    if (target.empty())
      target = languages.target_language;
    if (source.empty() || target.empty())
      throw UsageError(input.name + ": " +
                       tr("the document names no source or target language: give --from and --to"));
  }
  summary = tm::pretranslate_xliff(input.bytes, input.name, fill, output);
  const std::string destination = command.in_place ? command.file : command.output;
  {
    const std::string temporary = destination + ".tolk-tmp";
    std::ofstream file(temporary, std::ios::binary);
    file << output;
    file.close();
    if (!file)
      throw std::runtime_error(temporary + ": " + tr("write error"));
    std::filesystem::rename(temporary, destination);
  }
  if (command.json) {
    print_json({{"file", command.file},
                {"output", destination},
                {"version", summary.version},
                {"source_language", source},
                {"target_language", target},
                {"segments", summary.segments},
                {"already_translated", summary.already_translated},
                {"filled", summary.filled},
                {"issues", tolk::json::issues_json(summary.issues)}});
  } else {
    for (const auto& issue : summary.issues)
      std::cerr << "tolk: " << tm::to_string(issue) << '\n';
    std::cout << destination << ": " << summary.filled << ' ' << tr("of") << ' '
              << summary.segments - summary.already_translated << ' '
              << tr("empty segments filled from the translation memory") << " ("
              << summary.already_translated << ' ' << tr("already translated") << ").\n";
  }
  return summary.issues.empty() ? kSuccess : kFindings;
}

struct InfoCommand {
  bool json = false;
  MemoryChoice memory;
};

int run_info(const GlobalOptions& global, const InfoCommand& command) {
  const tm::TranslationMemory memory = open_memory(global, command.memory, false);
  const auto statistics = memory.statistics();
  if (command.json) {
    json languages = json::object();
    for (const auto& [language, count] : statistics.variants_per_language)
      languages[language] = count;
    print_json({{"tm", command.memory.name},
                {"units", statistics.units},
                {"languages", languages},
                {"distinct_words", statistics.distinct_words},
                {"store_bytes", statistics.store_bytes}});
  } else {
    std::cout << tr("translation memory") << " '" << command.memory.name
              << "': " << statistics.units << ' ' << tr("units") << '\n';
    for (const auto& [language, count] : statistics.variants_per_language)
      std::cout << "  " << language << ": " << count << '\n';
    std::cout << "  " << tr("distinct words") << ": " << statistics.distinct_words << '\n'
              << "  " << tr("store size") << ": " << statistics.store_bytes / 1024 << " KiB\n";
  }
  return kSuccess;
}

struct VerifyCommand {
  bool json = false;
  MemoryChoice memory;
};

int run_verify(const GlobalOptions& global, const VerifyCommand& command) {
  const tm::TranslationMemory memory = open_memory(global, command.memory, false);
  const auto verification = memory.verify();
  if (command.json) {
    print_json({{"tm", command.memory.name},
                {"units", verification.units},
                {"postings", verification.postings},
                {"consistent", verification.problems.empty()},
                {"problems", verification.problems}});
  } else {
    for (const auto& problem : verification.problems)
      std::cerr << "tolk: " << problem << '\n';
    std::cout << verification.units << ' ' << tr("units") << ", " << verification.postings << ' '
              << tr("postings") << ": "
              << (verification.problems.empty() ? tr("the indexes agree with the units")
                                                : tr("the indexes disagree with the units"))
              << '\n';
  }
  return verification.problems.empty() ? kSuccess : kFindings;
}

struct AddCommand {
  std::string source;
  std::string target;
  std::string source_language;
  std::string target_language;
  std::string context;
  bool json = false;
  MemoryChoice memory;
};

int run_add(const GlobalOptions& global, const AddCommand& command) {
  text::validate_utf8(command.source, "source");
  text::validate_utf8(command.target, "target");
  tm::TranslationMemory memory = open_memory(global, command.memory, true);
  tm::TranslationUnit unit;
  unit.source_language = tm::normalize_language_tag(command.source_language);
  tm::Variant source;
  source.language = unit.source_language;
  source.segment.text = command.source;
  tm::Variant target;
  target.language = tm::normalize_language_tag(command.target_language);
  target.segment.text = command.target;
  unit.variants = {source, target};
  unit.context = command.context;
  const auto result = memory.add(std::span(&unit, 1));
  if (command.json)
    print_json(
        {{"added", result.added}, {"replaced", result.replaced}, {"identical", result.identical}});
  else
    std::cout << (result.identical  ? tr("already stored")
                  : result.replaced ? tr("replaced")
                                    : tr("added"))
              << '\n';
  return kSuccess;
}

}  // namespace

void add_tm_commands(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  CLI::App* tm_command = app.add_subcommand(
      "tm", tr("The translation memory: import, export, fuzzy match, concordance, XLIFF "
               "pre-translation"));
  tm_command->require_subcommand(1);

  auto import = std::make_shared<ImportCommand>();
  CLI::App* import_command = tm_command->add_subcommand(
      "import", tr("Import TMX 1.4b, gettext PO/MO or TSV pairs; commits every --batch units, so "
                   "an interrupted import keeps whole batches only"));
  import_command->add_option("files", import->files, tr("Files to import"))->required();
  import_command
      ->add_option("--format", import->format, tr("auto (from the file name), tmx, po, mo, tsv"))
      ->check(CLI::IsMember({"auto", "tmx", "po", "mo", "tsv"}));
  import_command->add_option("--from", import->source_language,
                             tr("Source language (TSV; PO/MO msgid language, default en)"));
  import_command->add_option("--to", import->target_language,
                             tr("Target language (TSV; PO/MO when the header names none)"));
  import_command
      ->add_option("--duplicates", import->duplicates,
                   tr("keep-newest (default): a unit with the same source text and languages "
                      "replaces the stored one; keep-all: both are kept. Identical units are "
                      "never stored twice"))
      ->check(CLI::IsMember({"keep-newest", "keep-all"}));
  import_command->add_option("--batch", import->batch, tr("Units per transaction (default 10000)"))
      ->check(CLI::PositiveNumber);
  import_command->add_flag("--strict", import->strict,
                           tr("Refuse a file at its first problem (default: skip bad units, "
                              "report them, exit code 1)"));
  import_command->add_flag("--json", import->json, tr("Print JSON"));
  add_memory_option(*import_command, import->memory);
  import_command->callback(
      [&global, import, &exit_code] { exit_code = run_import(global, *import); });

  auto export_options = std::make_shared<ExportCommand>();
  CLI::App* export_command =
      tm_command->add_subcommand("export", tr("Export the translation memory as TMX 1.4b"));
  export_command->add_option("-o,--output", export_options->output,
                             tr("Output file (default: standard output)"));
  add_memory_option(*export_command, export_options->memory);
  export_command->callback(
      [&global, export_options, &exit_code] { exit_code = run_export(global, *export_options); });

  auto match = std::make_shared<MatchCommand>();
  CLI::App* match_command = tm_command->add_subcommand(
      "match", tr("Fuzzy matches for a segment, best first, with numbers and terms repaired in "
                  "the proposed target"));
  match_command->add_option("segment", match->segment, tr("The segment to translate"))->required();
  match_command->add_option("--from", match->source_language, tr("Source language"))->required();
  match_command->add_option("--to", match->target_language, tr("Target language"))->required();
  match_command->add_option("--min", match->min_score, tr("Minimum score, 1-101 (default 70)"))
      ->check(CLI::Range(1, 101));
  match_command->add_option("--max", match->max_results, tr("Most matches shown (default 5)"));
  match_command->add_option("--context", match->context,
                            tr("The segment's context: an identical unit with it scores 101"));
  match_command->add_option("-t,--termbase", match->termbase,
                            tr("Termbase for term repair (default: legal)"));
  match_command->add_flag("--no-repair", match->no_repair, tr("Show stored targets as they are"));
  match_command->add_flag("--json", match->json, tr("Print JSON"));
  add_memory_option(*match_command, match->memory);
  match_command->callback([&global, match, &exit_code] { exit_code = run_match(global, *match); });

  auto concordance = std::make_shared<ConcordanceCommand>();
  CLI::App* concordance_command = tm_command->add_subcommand(
      "concordance", tr("Units whose text contains the query (any inflected form, or a "
                        "substring with --substring), with the hits marked"));
  concordance_command->add_option("query", concordance->query, tr("Words to find"))->required();
  concordance_command->add_option("--lang", concordance->language, tr("The side searched"))
      ->required();
  concordance_command->add_flag("--substring", concordance->substring,
                                tr("Find the query inside words too"));
  concordance_command->add_option("--max", concordance->max_results,
                                  tr("Most hits shown (default 20)"));
  concordance_command->add_flag("--json", concordance->json, tr("Print JSON"));
  add_memory_option(*concordance_command, concordance->memory);
  concordance_command->callback(
      [&global, concordance, &exit_code] { exit_code = run_concordance(global, *concordance); });

  auto pretranslate = std::make_shared<PretranslateCommand>();
  CLI::App* pretranslate_command = tm_command->add_subcommand(
      "pretranslate", tr("Fill the empty targets of an XLIFF 1.2 or 2.x file from the "
                         "translation memory, keeping everything else as it is"));
  pretranslate_command->add_option("file", pretranslate->file, tr("The XLIFF file"))->required();
  pretranslate_command->add_option("-o,--output", pretranslate->output, tr("Write to this file"));
  pretranslate_command->add_flag("--in-place", pretranslate->in_place,
                                 tr("Replace the file itself"));
  pretranslate_command
      ->add_option("--min", pretranslate->min_score, tr("Minimum score, 1-101 (default 75)"))
      ->check(CLI::Range(1, 101));
  pretranslate_command->add_option("--from", pretranslate->source_language,
                                   tr("Source language (default: from the document)"));
  pretranslate_command->add_option("--to", pretranslate->target_language,
                                   tr("Target language (default: from the document)"));
  pretranslate_command->add_option("-t,--termbase", pretranslate->termbase,
                                   tr("Termbase for term repair (default: legal)"));
  pretranslate_command->add_flag("--json", pretranslate->json, tr("Print JSON"));
  add_memory_option(*pretranslate_command, pretranslate->memory);
  pretranslate_command->callback(
      [&global, pretranslate, &exit_code] { exit_code = run_pretranslate(global, *pretranslate); });

  auto info = std::make_shared<InfoCommand>();
  CLI::App* info_command =
      tm_command->add_subcommand("info", tr("Units, languages and size of a translation memory"));
  info_command->add_flag("--json", info->json, tr("Print JSON"));
  add_memory_option(*info_command, info->memory);
  info_command->callback([&global, info, &exit_code] { exit_code = run_info(global, *info); });

  auto verify = std::make_shared<VerifyCommand>();
  CLI::App* verify_command = tm_command->add_subcommand(
      "verify", tr("Check that the indexes agree with the units (exit code 1 if not)"));
  verify_command->add_flag("--json", verify->json, tr("Print JSON"));
  add_memory_option(*verify_command, verify->memory);
  verify_command->callback(
      [&global, verify, &exit_code] { exit_code = run_verify(global, *verify); });

  auto add = std::make_shared<AddCommand>();
  CLI::App* add_command = tm_command->add_subcommand("add", tr("Store one confirmed translation"));
  add_command->add_option("source", add->source, tr("Source text"))->required();
  add_command->add_option("target", add->target, tr("Target text"))->required();
  add_command->add_option("--from", add->source_language, tr("Source language"))->required();
  add_command->add_option("--to", add->target_language, tr("Target language"))->required();
  add_command->add_option("--context", add->context, tr("The segment's context"));
  add_command->add_flag("--json", add->json, tr("Print JSON"));
  add_memory_option(*add_command, add->memory);
  add_command->callback([&global, add, &exit_code] { exit_code = run_add(global, *add); });
}

}  // namespace tolk::cli
