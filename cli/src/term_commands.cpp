#include "term_commands.hpp"

#include <fstream>
#include <iostream>
#include <memory>
#include <optional>

#include "exit_codes.hpp"
#include "input.hpp"
#include "messages.hpp"
#include "tolk/json/termbase_json.hpp"
#include "tolk/store/workspace.hpp"
#include "tolk/termbase/exchange.hpp"
#include "tolk/termbase/term_finder.hpp"
#include "tolk/termbase/termbase.hpp"
#include "tolk/text/normalize.hpp"
#include "tolk/text/utf8.hpp"
#include "tolk_version.hpp"

namespace tolk::cli {
namespace {

using nlohmann::json;
using tolk::json::status_label;
namespace tb = termbase;

constexpr const char* kDefaultTermbase = "legal";
// The interpreter's own entries (`tolk term add`), searched together with the shipped termbase.
constexpr const char* kPersonalTermbase = "personal";

struct TermbaseChoice {
  std::string name = kDefaultTermbase;
};

tb::Termbase open_termbase(const GlobalOptions& global, const TermbaseChoice& choice, bool create) {
  if (!create)
    return open_existing_termbase(global, choice.name);
  const auto workspace =
      store::Workspace::create_or_open(global.data_directory, "tolk " TOLK_VERSION);
  return tb::Termbase::open(workspace.termbase_directory(choice.name), true);
}

void add_termbase_option(CLI::App& command, TermbaseChoice& choice) {
  command.add_option("-t,--termbase", choice.name,
                     tr("Termbase name in the workspace (default: legal)"));
}

std::string format_of(const std::string& requested, const std::string& path) {
  if (requested != "auto")
    return requested;
  const auto extension = std::filesystem::path(path).extension().string();
  if (extension == ".tbx" || extension == ".xml")
    return "tbx";
  if (extension == ".json")
    return "json";
  if (extension == ".csv")
    return "csv";
  if (extension == ".tsv" || extension == ".txt" || extension == ".utf8")
    return "tsv";
  throw UsageError(path + ": cannot tell the format from the file name: give --format");
}

void print_card(const tb::Concept& entry) {
  std::cout << entry.id;
  for (const auto& domain : entry.domains)
    std::cout << "  [" << domain << ']';
  for (const auto& reference : entry.legal_references)
    std::cout << "  " << tb::titled(reference);
  std::cout << '\n';
  for (const text::Language language : text::kSupportedLanguages) {
    const auto terms = entry.terms_in(language);
    if (terms.empty())
      continue;
    std::cout << "  " << text::language_code(language) << "  ";
    for (std::size_t i = 0; i < terms.size(); ++i) {
      const tb::Term& term = *terms[i];
      std::cout << (i ? "; " : "") << term.text;
      if (term.status != tb::TermStatus::admitted) {
        std::cout << " (" << status_label(term.status) << ')';
      }
      if (term.verification == tb::Verification::unverified)
        std::cout << " [" << tr("unverified") << ']';
    }
    std::cout << '\n';
  }
  if (const auto definition = entry.definitions.find(text::Language::en);
      definition != entry.definitions.end()) {
    std::cout << "  " << tr("definition") << ": " << definition->second << '\n';
  }
  for (const auto& [language, note] : entry.notes) {
    std::cout << "  " << tr("note") << " (" << text::language_code(language) << "): " << note
              << '\n';
  }
  for (const auto& citation : entry.citations) {
    std::cout << "  " << tr("cited") << ": " << citation.file << ':' << citation.line << "  \""
              << citation.quote << "\"\n";
  }
}

struct ImportOptions {
  std::vector<std::string> files;
  std::string format = "auto";
  std::string source_language;
  std::string target_language;
  bool strict = false;
  bool json = false;
  TermbaseChoice termbase;
};

int run_import(const GlobalOptions& global, const ImportOptions& options) {
  const auto strictness = options.strict ? tb::Strictness::strict : tb::Strictness::lenient;
  std::vector<tb::Concept> concepts;
  std::vector<tb::ImportIssue> issues;
  for (const std::string& file : options.files) {
    const std::string format = format_of(options.format, file);
    tb::ImportResult result;
    if (format == "tbx") {
      result = tb::read_tbx(file, strictness);
    } else if (format == "json") {
      result = tb::read_glossary_json(file, strictness);
    } else if (format == "omegat") {
      if (options.source_language.empty() || options.target_language.empty()) {
        throw UsageError(tr("an OmegaT glossary needs --from and --to"));
      }
      result =
          tb::read_omegat_glossary(file, text::require_language(options.source_language),
                                   text::require_language(options.target_language), strictness);
    } else {
      result = tb::read_delimited_glossary(file, strictness);
    }
    concepts.insert(concepts.end(), std::make_move_iterator(result.concepts.begin()),
                    std::make_move_iterator(result.concepts.end()));
    issues.insert(issues.end(), result.issues.begin(), result.issues.end());
  }
  tb::Termbase termbase = open_termbase(global, options.termbase, true);
  // All files in one transaction: nothing is stored unless everything that was read is.
  std::size_t added = 0;
  try {
    added = termbase.put(concepts);
  } catch (const store::LmdbError&) {
    std::cerr << "tolk: " << tr("nothing of the import was stored; the termbase is as it was")
              << '\n';
    throw;
  }
  const auto statistics = termbase.statistics();
  if (options.json) {
    json problems = json::array();
    for (const auto& issue : issues) {
      problems.push_back({{"file", issue.file}, {"line", issue.line}, {"reason", issue.reason}});
    }
    print_json({{"termbase", options.termbase.name},
                {"read", concepts.size()},
                {"added", added},
                {"replaced", concepts.size() - added},
                {"issues", problems},
                {"concepts", statistics.concepts}});
  } else {
    for (const auto& issue : issues)
      std::cerr << "tolk: " << tb::to_string(issue) << '\n';
    std::cout << tr("Imported") << ' ' << concepts.size() << ' ' << tr("concepts") << " (" << added
              << ' ' << tr("new") << ", " << concepts.size() - added << ' ' << tr("replaced")
              << "), " << issues.size() << ' ' << tr("skipped with a problem") << "; "
              << tr("termbase") << " '" << options.termbase.name << "' " << tr("now holds") << ' '
              << statistics.concepts << ' ' << tr("concepts") << ".\n";
  }
  return issues.empty() ? kSuccess : kFindings;
}

struct ExportOptions {
  std::string format = "tbx";
  std::string output = "-";
  std::string source_language = "nl";
  std::string target_language = "en";
  TermbaseChoice termbase;
};

int run_export(const GlobalOptions& global, const ExportOptions& options) {
  const tb::Termbase termbase = open_termbase(global, options.termbase, false);
  const std::vector<tb::Concept> concepts = termbase.all();
  std::ofstream file;
  if (options.output != "-") {
    file.open(options.output, std::ios::binary);
    if (!file)
      throw std::runtime_error(options.output + ": cannot write");
  }
  std::ostream& out = options.output == "-" ? std::cout : file;
  if (options.format == "tbx") {
    tb::TbxWriteOptions tbx;
    tbx.title = "tolk termbase " + options.termbase.name;
    tb::write_tbx(out, concepts, tbx);
  } else if (options.format == "omegat") {
    tb::write_omegat_glossary(out, concepts, text::require_language(options.source_language),
                              text::require_language(options.target_language));
  } else {
    const std::vector<text::Language> languages(text::kSupportedLanguages.begin(),
                                                text::kSupportedLanguages.end());
    tb::write_delimited_glossary(out, concepts, languages, options.format == "csv" ? ',' : '\t');
  }
  if (!out)
    throw std::runtime_error(options.output + ": write error");
  return kSuccess;
}

struct LookupOptions {
  std::string query;
  std::string language;
  std::size_t limit = 5;
  bool exact = false;
  bool json = false;
  TermbaseChoice termbase;
  std::string personal = kPersonalTermbase;
};

int run_lookup(const GlobalOptions& global, const LookupOptions& options) {
  text::validate_utf8(options.query, "query");
  const tb::Termbase termbase = open_termbase(global, options.termbase, false);
  tb::LookupOptions lookup;
  lookup.limit = options.limit;
  lookup.fuzzy = !options.exact;
  if (!options.language.empty())
    lookup.language = text::require_language(options.language);
  struct Hit {
    tb::LookupHit hit;
    bool own = false;
  };
  std::vector<Hit> hits;
  for (auto& hit : termbase.lookup(options.query, lookup))
    hits.push_back({std::move(hit), false});
  if (const auto personal =
          open_personal_termbase(global, options.personal, options.termbase.name)) {
    for (auto& hit : personal->lookup(options.query, lookup))
      hits.push_back({std::move(hit), true});
    // Best first; on a tie the interpreter's own entry first.
    std::stable_sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
      if (a.hit.score != b.hit.score)
        return a.hit.score > b.hit.score;
      return a.own && !b.own;
    });
    if (hits.size() > options.limit)
      hits.resize(options.limit);
  }
  if (options.json) {
    json out = json::array();
    for (const auto& [hit, own] : hits) {
      json entry = tolk::json::lookup_hit_json(hit);
      entry["termbase"] = own ? options.personal : options.termbase.name;
      entry["own"] = own;
      out.push_back(std::move(entry));
    }
    print_json({{"query", options.query}, {"hits", out}});
  } else {
    if (hits.empty())
      std::cerr << "tolk: " << tr("no concept found for") << " '" << options.query << "'\n";
    for (const auto& [hit, own] : hits) {
      std::cout << '[' << tb::to_string(hit.kind) << ' ' << static_cast<int>(hit.score * 100 + 0.5)
                << "] " << (own ? "[" + tr("own entry") + "] " : "")
                << hit.entry.terms[hit.term_index].text << '\n';
      print_card(hit.entry);
      std::cout << '\n';
    }
  }
  return hits.empty() ? kFindings : kSuccess;
}

struct AddOptions {
  std::string id;
  std::vector<std::string> nl;
  std::vector<std::string> en;
  std::vector<std::string> ru;
  std::string note;
  std::string note_language = "en";
  std::vector<std::string> domains;
  std::vector<std::string> legal;
  bool json = false;
  TermbaseChoice termbase{kPersonalTermbase};
};

// "own-" and the first term's search key with every run of other characters as one hyphen.
std::string own_id(const tb::Concept& entry) {
  std::string id = "own-";
  const tb::Term& first = entry.terms.front();
  bool hyphen = false;
  for (const char c : text::search_key(first.text, first.language)) {
    const auto byte = static_cast<unsigned char>(c);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || byte >= 0x80) {
      if (hyphen && id.size() > 4)
        id += '-';
      hyphen = false;
      id += c;
    } else {
      hyphen = true;
    }
  }
  return id;
}

int run_add(const GlobalOptions& global, const AddOptions& options) {
  tb::Concept entry;
  for (const auto& [language, texts] :
       {std::pair{text::Language::nl, &options.nl}, std::pair{text::Language::en, &options.en},
        std::pair{text::Language::ru, &options.ru}}) {
    for (std::size_t i = 0; i < texts->size(); ++i) {
      text::validate_utf8((*texts)[i], "term");
      tb::Term term;
      term.text = text::to_nfc((*texts)[i]);
      term.language = language;
      term.status = i == 0 ? tb::TermStatus::preferred : tb::TermStatus::admitted;
      term.source = "own entry";
      if (term.text.empty())
        throw UsageError(tr("a term cannot be empty"));
      entry.terms.push_back(std::move(term));
    }
  }
  if (entry.terms.empty())
    throw UsageError(tr("give at least one term: --nl, --en or --ru"));
  for (const std::string& reference : options.legal) {
    const auto parsed = tb::parse_legal_reference(reference);
    if (!parsed)
      throw UsageError(reference + ": " +
                       tr("not a legal reference (e.g. 'artikel 328 lid 1 WvS')"));
    entry.legal_references.push_back(*parsed);
  }
  if (!options.note.empty()) {
    text::validate_utf8(options.note, "note");
    entry.notes[text::require_language(options.note_language)] = options.note;
  }
  entry.domains = options.domains;
  entry.id = options.id.empty() ? own_id(entry) : options.id;
  tb::Termbase termbase = open_termbase(global, options.termbase, true);
  const std::size_t added = termbase.put(std::span<const tb::Concept>(&entry, 1));
  if (options.json) {
    print_json({{"termbase", options.termbase.name},
                {"added", added == 1},
                {"concept", tolk::json::concept_json(entry)}});
  } else {
    std::cout << (added ? tr("Added") : tr("Replaced")) << ' ' << entry.id << " (" << tr("termbase")
              << " '" << options.termbase.name << "')\n";
    print_card(entry);
  }
  return kSuccess;
}

struct FindOptions {
  std::string input = "-";
  std::string language;
  bool json = false;
  TermbaseChoice termbase;
};

int run_find(const GlobalOptions& global, const FindOptions& options) {
  const InputText input = read_input(options.input);
  const text::Language language = resolve_language(options.language, input.bytes);
  const tb::Termbase termbase = open_termbase(global, options.termbase, false);
  const std::vector<tb::Concept> concepts = termbase.all();
  const tb::TermFinder finder(concepts);
  const auto hits = finder.find(input.bytes, language);
  if (options.json) {
    json out = json::array();
    for (const auto& hit : hits) {
      out.push_back(tolk::json::term_hit_json(hit));
    }
    print_json({{"input", input.name}, {"language", text::language_code(language)}, {"hits", out}});
  } else {
    for (const auto& hit : hits) {
      std::cout << input.name << ':' << hit.line << ':' << hit.column << '\t' << hit.matched_text
                << '\t' << hit.concept_id << '\t' << hit.term << " (" << status_label(hit.status)
                << ')' << (hit.inside_compound ? "\t[compound]" : "") << '\n';
    }
  }
  return hits.empty() ? kFindings : kSuccess;
}

struct ShowOptions {
  std::vector<std::string> ids;
  bool json = false;
  TermbaseChoice termbase;
};

int run_show(const GlobalOptions& global, const ShowOptions& options) {
  const tb::Termbase termbase = open_termbase(global, options.termbase, false);
  json out = json::array();
  int code = kSuccess;
  const auto show = [&](const tb::Concept& entry) {
    if (options.json) {
      out.push_back(tolk::json::concept_json(entry));
    } else {
      print_card(entry);
    }
  };
  if (options.ids.empty()) {
    termbase.for_each(show);
  } else {
    for (const std::string& id : options.ids) {
      if (const auto entry = termbase.get(id)) {
        show(*entry);
      } else {
        std::cerr << "tolk: " << tr("no concept with id") << " '" << id << "'\n";
        code = kFindings;
      }
    }
  }
  if (options.json)
    print_json(out);
  return code;
}

struct VerifyOptions {
  bool json = false;
  TermbaseChoice termbase;
};

int run_verify(const GlobalOptions& global, const VerifyOptions& options) {
  const tb::Termbase termbase = open_termbase(global, options.termbase, false);
  const auto verification = termbase.verify();
  if (options.json) {
    print_json({{"termbase", options.termbase.name},
                {"concepts", verification.concepts},
                {"index_entries", verification.index_entries},
                {"consistent", verification.problems.empty()},
                {"problems", verification.problems}});
  } else {
    for (const auto& problem : verification.problems)
      std::cerr << "tolk: " << problem << '\n';
    std::cout << verification.concepts << ' ' << tr("concepts") << ", "
              << verification.index_entries << ' ' << tr("index entries") << ": "
              << (verification.problems.empty() ? tr("the indexes agree with the concepts")
                                                : tr("the indexes disagree with the concepts"))
              << '\n';
  }
  return verification.problems.empty() ? kSuccess : kFindings;
}

}  // namespace

void add_term_commands(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  CLI::App* term = app.add_subcommand(
      "term", tr("The termbase: import, export, look up, recognise terms in text, show concepts"));
  term->require_subcommand(1);

  auto import = std::make_shared<ImportOptions>();
  CLI::App* import_command = term->add_subcommand(
      "import", tr("Import TBX, tolk JSON, OmegaT or CSV/TSV glossaries (one transaction; a "
                   "concept with an existing id replaces it)"));
  import_command->add_option("files", import->files, tr("Files to import"))->required();
  import_command
      ->add_option("--format", import->format,
                   tr("auto (from the file name), tbx, json, omegat, csv, tsv"))
      ->check(CLI::IsMember({"auto", "tbx", "json", "omegat", "csv", "tsv"}));
  import_command->add_option("--from", import->source_language,
                             tr("OmegaT glossary: source language"));
  import_command->add_option("--to", import->target_language,
                             tr("OmegaT glossary: target language"));
  import_command->add_flag(
      "--strict", import->strict,
      tr("Refuse a whole file at its first problem (default: skip bad entries, "
         "report them, exit code 1)"));
  import_command->add_flag("--json", import->json, tr("Print JSON"));
  add_termbase_option(*import_command, import->termbase);
  import_command->callback(
      [&global, import, &exit_code] { exit_code = run_import(global, *import); });

  auto export_options = std::make_shared<ExportOptions>();
  CLI::App* export_command = term->add_subcommand(
      "export", tr("Export the termbase as TBX-Basic, an OmegaT glossary, CSV or TSV"));
  export_command
      ->add_option("--format", export_options->format, tr("tbx (default), omegat, csv, tsv"))
      ->check(CLI::IsMember({"tbx", "omegat", "csv", "tsv"}));
  export_command->add_option("-o,--output", export_options->output,
                             tr("Output file (default: standard output)"));
  export_command->add_option("--from", export_options->source_language,
                             tr("OmegaT glossary: source language"));
  export_command->add_option("--to", export_options->target_language,
                             tr("OmegaT glossary: target language"));
  add_termbase_option(*export_command, export_options->termbase);
  export_command->callback(
      [&global, export_options, &exit_code] { exit_code = run_export(global, *export_options); });

  auto lookup = std::make_shared<LookupOptions>();
  CLI::App* lookup_command = term->add_subcommand(
      "lookup",
      tr("Find concepts by a term in any form: exact, inflected, transliterated, or with a typo"));
  lookup_command->add_option("query", lookup->query, tr("The term to look up"))->required();
  lookup_command->add_option("-l,--lang", lookup->language, tr("Only terms of this language"));
  lookup_command->add_option("-n,--limit", lookup->limit,
                             tr("At most this many concepts (default 5)"));
  lookup_command->add_flag("--exact", lookup->exact, tr("No typo-tolerant matching"));
  lookup_command->add_flag("--json", lookup->json, tr("Print JSON"));
  add_termbase_option(*lookup_command, lookup->termbase);
  lookup_command->add_option("--personal", lookup->personal,
                             tr("The interpreter's own termbase, searched too when it exists and "
                                "its hits marked (default: personal; '' for none)"));
  lookup_command->callback(
      [&global, lookup, &exit_code] { exit_code = run_lookup(global, *lookup); });

  auto add = std::make_shared<AddOptions>();
  CLI::App* add_command = term->add_subcommand(
      "add", tr("Add the interpreter's own entry (an unknown term of a preparation sheet) to the "
                "personal termbase, searched together with the shipped one"));
  add_command->add_option("--nl", add->nl,
                          tr("Dutch term (repeat for more; the first is preferred)"));
  add_command->add_option("--en", add->en, tr("English term"));
  add_command->add_option("--ru", add->ru, tr("Russian term"));
  add_command->add_option("--note", add->note, tr("A note shown with the concept"));
  add_command->add_option("--note-lang", add->note_language,
                          tr("Language of the note (default en)"));
  add_command->add_option("--domain", add->domains, tr("Subject field"));
  add_command->add_option("--legal", add->legal,
                          tr("Legal reference, e.g. 'artikel 328 lid 1 WvS' or 'ст. 328 УК РФ'"));
  add_command->add_option("--id", add->id, tr("Concept id (default: own- and the first term)"));
  add_command->add_flag("--json", add->json, tr("Print JSON"));
  add_command->add_option("-t,--termbase", add->termbase.name,
                          tr("Termbase name in the workspace (default: personal)"));
  add_command->callback([&global, add, &exit_code] { exit_code = run_add(global, *add); });

  auto find = std::make_shared<FindOptions>();
  CLI::App* find_command = term->add_subcommand(
      "find", tr("Find every termbase term in a text, inflected forms and compounds included"));
  find_command->add_option("input", find->input, tr("Text file, or - for standard input"));
  add_language_option(*find_command, find->language);
  find_command->add_flag("--json", find->json,
                         tr("Print JSON with byte, UTF-16 and line/column positions"));
  add_termbase_option(*find_command, find->termbase);
  find_command->callback([&global, find, &exit_code] { exit_code = run_find(global, *find); });

  auto show = std::make_shared<ShowOptions>();
  CLI::App* show_command =
      term->add_subcommand("show", tr("Print concepts by id (all when none is given)"));
  show_command->add_option("ids", show->ids, tr("Concept ids"));
  show_command->add_flag("--json", show->json, tr("Print JSON"));
  add_termbase_option(*show_command, show->termbase);
  show_command->callback([&global, show, &exit_code] { exit_code = run_show(global, *show); });

  auto verify = std::make_shared<VerifyOptions>();
  CLI::App* verify_command = term->add_subcommand(
      "verify", tr("Check that the indexes agree with the concepts (exit code 1 if not)"));
  verify_command->add_flag("--json", verify->json, tr("Print JSON"));
  add_termbase_option(*verify_command, verify->termbase);
  verify_command->callback(
      [&global, verify, &exit_code] { exit_code = run_verify(global, *verify); });
}

}  // namespace tolk::cli
