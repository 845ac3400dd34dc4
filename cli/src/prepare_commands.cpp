#include "prepare_commands.hpp"

#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "exit_codes.hpp"
#include "messages.hpp"
#include "tolk/documents/document.hpp"
#include "tolk/prepare/prepare.hpp"
#include "tolk/store/workspace.hpp"
#include "tolk/termbase/termbase.hpp"

namespace tolk::cli {
namespace {

struct PrepareCommandOptions {
  std::vector<std::string> files;
  std::string languages = "nl,en,ru";
  std::string format = "md";
  std::string output = "-";
  std::string order = "appearance";
  std::string termbase = "legal";
  std::string personal = "personal";
  std::string stop_list;
  std::size_t min_frequency = 2;
};

std::vector<text::Language> parse_languages(const std::string& list) {
  std::vector<text::Language> languages;
  std::stringstream stream(list);
  std::string code;
  while (std::getline(stream, code, ',')) {
    if (code.empty())
      continue;
    const text::Language language = text::require_language(code);
    if (std::find(languages.begin(), languages.end(), language) == languages.end())
      languages.push_back(language);
  }
  if (languages.empty())
    throw UsageError(tr("--langs needs at least one language"));
  return languages;
}

prepare::SheetLabels translated_labels() {
  prepare::SheetLabels labels;
  labels.title = tr("Preparation sheet");
  labels.known = tr("Known terms");
  labels.unknown = tr("Unknown terms (to research)");
  labels.figures = tr("Figures");
  labels.files = tr("Files");
  labels.frequency = tr("count");
  labels.first = tr("first");
  labels.context = tr("context");
  labels.legal_reference = tr("legal reference");
  labels.note = tr("note");
  labels.own = tr("own entry");
  labels.termhood = tr("termhood");
  labels.kind = tr("kind");
  labels.resolves_to = tr("resolves to");
  labels.figure = tr("figure");
  labels.term = tr("term");
  labels.language = tr("lang");
  labels.no_domain = tr("other");
  return labels;
}

int run_prepare(const GlobalOptions& global, const PrepareCommandOptions& options) {
  prepare::PrepareOptions prepare_options;
  prepare_options.languages = parse_languages(options.languages);
  prepare_options.order =
      options.order == "domain" ? prepare::Order::domain : prepare::Order::appearance;
  prepare_options.min_frequency = options.min_frequency;
  prepare_options.stop_list = prepare::default_stop_list();
  if (!options.stop_list.empty()) {
    for (std::string& word : prepare::read_stop_list(options.stop_list))
      prepare_options.stop_list.push_back(std::move(word));
  }

  // The shipped termbase is required; the interpreter's own one is searched when it exists.
  const std::vector<termbase::Concept> shipped =
      open_existing_termbase(global, options.termbase).all();
  std::vector<termbase::Concept> personal;
  if (const auto own = open_personal_termbase(global, options.personal, options.termbase))
    personal = own->all();
  std::vector<prepare::TermSource> sources{{options.termbase, shipped, false}};
  if (!personal.empty())
    sources.push_back({options.personal, personal, true});

  std::vector<std::filesystem::path> paths(options.files.begin(), options.files.end());
  const documents::ReadResult read = documents::read_documents(paths);
  for (const documents::DocumentError& failure : read.failures)
    std::cerr << "tolk: " << tr("error") << ": " << failure.what() << '\n';
  if (read.documents.empty())
    return kError;

  const prepare::Sheet sheet = prepare::prepare_sheet(read.documents, sources, prepare_options);

  std::ofstream file;
  if (options.output != "-") {
    file.open(options.output, std::ios::binary);
    if (!file)
      throw std::runtime_error(options.output + ": " + tr("cannot write"));
  }
  std::ostream& out = options.output == "-" ? std::cout : file;
  const auto labels = translated_labels();
  if (options.format == "md")
    prepare::write_markdown(out, sheet, prepare_options.order, prepare_options.languages, labels);
  else if (options.format == "html")
    prepare::write_html(out, sheet, prepare_options.order, prepare_options.languages, labels);
  else if (options.format == "tsv")
    prepare::write_tsv(out, sheet, prepare_options.languages);
  else if (options.format == "tbx")
    prepare::write_tbx(out, sheet);
  else
    prepare::write_json(out, sheet);
  out.flush();
  if (!out)
    throw std::runtime_error(options.output + ": " + tr("write error"));
  if (options.output != "-") {
    std::cerr << tr("Known terms") << ": " << sheet.known.size() << ", " << tr("unknown terms")
              << ": " << sheet.unknown.size() << ", " << tr("figures") << ": "
              << sheet.figures.size() << " -> " << options.output << '\n';
  }
  return read.failures.empty() ? kSuccess : kError;
}

}  // namespace

void add_prepare_commands(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto options = std::make_shared<PrepareCommandOptions>();
  CLI::App* command = app.add_subcommand(
      "prepare",
      tr("Preparation sheet for a hearing from text, PDF, DOCX or ODT files: the termbase "
         "concepts found in them, unknown term candidates and the figures (articles, laws, "
         "dates, amounts, names), each with FILE:LINE and context"));
  command->add_option("files", options->files, tr("Files to read (text, PDF, DOCX, ODT)"))
      ->required();
  command->add_option("--langs", options->languages,
                      tr("Languages of the sheet's columns and of the files (default nl,en,ru)"));
  command->add_option("--format", options->format, tr("md (default), html, tsv, tbx or json"))
      ->check(CLI::IsMember({"md", "html", "tsv", "tbx", "json"}));
  command->add_option("-o,--output", options->output, tr("Write to this file (default: stdout)"));
  command
      ->add_option("--order", options->order,
                   tr("Known terms by first appearance (default) or by domain"))
      ->check(CLI::IsMember({"appearance", "domain"}));
  command->add_option("-t,--termbase", options->termbase,
                      tr("The shipped termbase (default: legal)"));
  command->add_option("--personal", options->personal,
                      tr("The interpreter's own termbase, searched too when it exists (default: "
                         "personal)"));
  command->add_option("--stop-list", options->stop_list,
                      tr("More words kept out of the unknown terms (one per line)"));
  command->add_option("--min-frequency", options->min_frequency,
                      tr("How often an unknown candidate must recur (default 2)"));
  command->callback([&global, options, &exit_code] { exit_code = run_prepare(global, *options); });
}

}  // namespace tolk::cli
