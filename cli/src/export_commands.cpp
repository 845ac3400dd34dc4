#include "export_commands.hpp"

#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <vector>

#include "exit_codes.hpp"
#include "messages.hpp"
#include "tolk/cat/omegat_project.hpp"
#include "tolk/store/workspace.hpp"
#include "tolk/termbase/termbase.hpp"
#include "tolk/tm/translation_memory.hpp"
#include "tolk_version.hpp"

namespace tolk::cli {
namespace {

namespace fs = std::filesystem;

struct OmegatCommand {
  std::string directory;
  std::string source_language;
  std::string target_language;
  std::string memory = "legal";
  std::string termbase = "legal";
  bool auto_insert = false;
  bool json = false;
};

int run_omegat(const GlobalOptions& global, const OmegatCommand& command) {
  cat::OmegatExportOptions options;
  options.source = text::require_language(command.source_language);
  options.target = text::require_language(command.target_language);
  if (options.source == options.target)
    throw UsageError(tr("--from and --to name the same language"));
  options.auto_insert = command.auto_insert;
  options.memory_name = command.memory;
  options.termbase_name = command.termbase;
  options.creation_tool_version = TOLK_VERSION;

  store::require_valid_store_name(command.memory);
  store::require_valid_store_name(command.termbase);
  const auto workspace = store::Workspace::open_existing(global.data_directory);
  // A store that is not there is reported and left out; the other one is still exported (a
  // project with only the glossary is useful), and the exit code says something was missing.
  int exit_code = kSuccess;
  std::optional<tm::TranslationMemory> memory;
  const fs::path memory_directory = workspace.translation_memory_directory(command.memory);
  if (fs::exists(memory_directory / "data.mdb")) {
    memory.emplace(tm::TranslationMemory::open_for_reading(memory_directory));
  } else {
    std::cerr << "tolk: " << tr("no translation memory") << " '" << command.memory << "' "
              << tr("in") << ' ' << global.data_directory << ": " << tr("no TMX written") << '\n';
    exit_code = kFindings;
  }
  std::vector<termbase::Concept> concepts;
  bool have_termbase = false;
  const fs::path termbase_directory = workspace.termbase_directory(command.termbase);
  if (fs::exists(termbase_directory / "data.mdb")) {
    concepts = termbase::Termbase::open_for_reading(termbase_directory).all();
    have_termbase = true;
  } else {
    std::cerr << "tolk: " << tr("no termbase") << " '" << command.termbase << "' " << tr("in")
              << ' ' << global.data_directory << ": " << tr("no glossary written") << '\n';
    exit_code = kFindings;
  }

  std::optional<std::span<const termbase::Concept>> glossary;
  if (have_termbase)
    glossary = std::span<const termbase::Concept>(concepts);
  const cat::OmegatExportSummary summary =
      cat::export_omegat_project(command.directory, memory ? &*memory : nullptr, glossary, options);

  if (command.json) {
    print_json({{"project", summary.project.directory.string()},
                {"created", summary.project_created},
                {"source_language", summary.project.source_language},
                {"target_language", summary.project.target_language},
                {"tmx", summary.tmx_file.string()},
                {"units", summary.units},
                {"glossary", summary.glossary_file.string()},
                {"glossary_entries", summary.glossary_entries}});
  } else {
    if (summary.project_created)
      std::cout << tr("Created the OmegaT project") << ' ' << summary.project.directory.string()
                << '\n';
    if (!summary.tmx_file.empty())
      std::cout << summary.tmx_file.string() << ": " << summary.units << ' ' << tr("units") << '\n';
    if (!summary.glossary_file.empty())
      std::cout << summary.glossary_file.string() << ": " << summary.glossary_entries << ' '
                << tr("glossary entries") << '\n';
  }
  return exit_code;
}

}  // namespace

void add_export_commands(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  CLI::App* export_command = app.add_subcommand(
      "export", tr("Write the TM and the termbase into a CAT tool's project folder"));
  export_command->require_subcommand(1);

  auto omegat = std::make_shared<OmegatCommand>();
  CLI::App* omegat_command = export_command->add_subcommand(
      "omegat",
      tr("Write an OmegaT project's tm/ (TMX 1.4b of the pair's units) and glossary/ (the "
         "termbase as an OmegaT glossary); creates the project when DIR has no omegat.project"));
  omegat_command->add_option("directory", omegat->directory, tr("The OmegaT project folder"))
      ->required();
  omegat_command->add_option("--from", omegat->source_language, tr("Source language"))->required();
  omegat_command->add_option("--to", omegat->target_language, tr("Target language"))->required();
  omegat_command->add_option("-m,--tm", omegat->memory,
                             tr("Translation memory name in the workspace (default: legal)"));
  omegat_command->add_option("-t,--termbase", omegat->termbase,
                             tr("Termbase name in the workspace (default: legal)"));
  omegat_command->add_flag(
      "--auto", omegat->auto_insert,
      tr("Write the TMX to tm/auto/, from where OmegaT inserts exact matches as translations"));
  omegat_command->add_flag("--json", omegat->json, tr("Print JSON"));
  omegat_command->callback(
      [&global, omegat, &exit_code] { exit_code = run_omegat(global, *omegat); });
}

}  // namespace tolk::cli
