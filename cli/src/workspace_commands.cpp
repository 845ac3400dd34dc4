#include "workspace_commands.hpp"

#include <unicode/uvernum.h>

#include <iostream>
#include <memory>

#include "exit_codes.hpp"
#include "first_run.hpp"
#include "messages.hpp"
#include "tolk/store/workspace.hpp"
#include "tolk/text/morphology.hpp"
#include "tolk_version.hpp"

namespace tolk::cli {
namespace {

using nlohmann::json;

json workspace_json(const store::WorkspaceInfo& info) {
  return {
      {"directory", info.directory.string()}, {"schema_version", info.schema_version},
      {"created_at", info.created_at},        {"created_by", info.created_by},
      {"termbases", info.termbases},          {"translation_memories", info.translation_memories}};
}

void print_workspace(const store::WorkspaceInfo& info) {
  std::cout << tr("Workspace") << ": " << info.directory.string() << '\n'
            << "  " << tr("schema") << ": " << info.schema_version << '\n'
            << "  " << tr("created") << ": " << info.created_at << " (" << info.created_by << ")\n"
            << "  " << tr("termbases") << ": " << info.termbases.size() << '\n'
            << "  " << tr("translation memories") << ": " << info.translation_memories.size()
            << '\n';
}

struct InitOptions {
  bool json = false;
  bool empty = false;
};

int run_init(const GlobalOptions& global, const InitOptions& options) {
  const bool existed = std::filesystem::exists(global.data_directory);
  const auto workspace =
      store::Workspace::create_or_open(global.data_directory, "tolk " TOLK_VERSION);
  // A new workspace starts with the shipped glossary, unless --empty.
  std::optional<std::size_t> loaded;
  if (!existed && !options.empty)
    loaded = load_shipped_glossary(workspace);
  const store::WorkspaceInfo info = workspace.info();
  if (options.json) {
    json out = workspace_json(info);
    out["created"] = !existed;
    out["shipped_glossary_concepts"] = loaded ? json(*loaded) : json(nullptr);
    print_json(out);
  } else {
    std::cout << (existed ? tr("Opened the existing workspace") : tr("Created a new workspace"))
              << ".\n";
    if (loaded)
      std::cout << tr("Loaded the shipped glossary into termbase 'legal'") << " (" << *loaded << ' '
                << tr("concepts") << ").\n";
    print_workspace(info);
  }
  return kSuccess;
}

struct InfoOptions {
  bool json = false;
};

int run_info(const GlobalOptions& global, const InfoOptions& options) {
  bool complete = true;
  json dictionaries = json::object();
  for (const text::Language language : text::kSupportedLanguages) {
    const std::string code(text::language_code(language));
    try {
      dictionaries[code] = text::Dictionary::for_language(language).affix_file().string();
    } catch (const text::DictionaryNotFoundError& error) {
      dictionaries[code] = nullptr;
      complete = false;
      if (!options.json)
        std::cerr << "tolk: " << error.what() << '\n';
    }
  }
  json workspace = nullptr;
  try {
    workspace = workspace_json(store::Workspace::open_existing(global.data_directory).info());
  } catch (const store::WorkspaceError& error) {
    complete = false;
    if (!options.json)
      std::cerr << "tolk: " << error.what() << '\n';
  }
  if (options.json) {
    print_json({{"version", TOLK_VERSION},
                {"icu", U_ICU_VERSION},
                {"hunspell_dictionaries", dictionaries},
                {"workspace", workspace}});
  } else {
    std::cout << "tolk " << TOLK_VERSION << " (ICU " << U_ICU_VERSION << ")\n"
              << tr("Hunspell dictionaries") << ":\n";
    for (const auto& [code, path] : dictionaries.items()) {
      std::cout << "  " << code << ": "
                << (path.is_null() ? tr("missing") : path.get<std::string>()) << '\n';
    }
    if (!workspace.is_null()) {
      print_workspace(store::Workspace::open_existing(global.data_directory).info());
    }
  }
  return complete ? kSuccess : kFindings;
}

}  // namespace

void add_workspace_commands(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto init = std::make_shared<InitOptions>();
  CLI::App* init_command = app.add_subcommand(
      "init", tr("Create the workspace (the embedded LMDB store) in the --data folder"));
  init_command->add_flag("--json", init->json, tr("Print JSON"));
  init_command->add_flag("--empty", init->empty,
                         tr("Do not load the shipped glossary into the new workspace"));
  init_command->callback([&global, init, &exit_code] { exit_code = run_init(global, *init); });

  auto info = std::make_shared<InfoOptions>();
  CLI::App* info_command = app.add_subcommand(
      "info",
      tr("Show the workspace and the dictionaries tolk uses; exit code 1 if one is missing"));
  info_command->add_flag("--json", info->json, tr("Print JSON"));
  info_command->callback([&global, info, &exit_code] { exit_code = run_info(global, *info); });
}

}  // namespace tolk::cli
