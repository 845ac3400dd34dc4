#include "first_run.hpp"

#include <cstdlib>
#include <iostream>

#include "messages.hpp"
#include "tolk/termbase/exchange.hpp"
#include "tolk/termbase/termbase.hpp"
#include "tolk_version.hpp"

namespace tolk::cli {
namespace fs = std::filesystem;

namespace {

constexpr const char* kShippedTermbase = "legal";

std::optional<fs::path> nearest_tolk_data() {
  std::error_code error;
  fs::path folder = fs::current_path(error);
  if (error)
    return std::nullopt;
  for (;;) {
    if (fs::is_directory(folder / "tolk-data", error))
      return folder / "tolk-data";
    if (!folder.has_parent_path() || folder.parent_path() == folder)
      return std::nullopt;
    folder = folder.parent_path();
  }
}

const char* environment(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : nullptr;
}

}  // namespace

std::string default_data_directory() {
  if (const char* configured = environment("TOLK_DATA"))
    return configured;
  if (const auto found = nearest_tolk_data())
    return found->string();
  if (const char* data_home = environment("XDG_DATA_HOME"))
    return (fs::path(data_home) / "tolk").string();
  if (const char* home = environment("HOME"))
    return (fs::path(home) / ".local" / "share" / "tolk").string();
  return "tolk-data";
}

std::optional<fs::path> shipped_glossary() {
  if (const char* configured = environment("TOLK_GLOSSARY"))
    return fs::path(configured);
  std::error_code error;
  const fs::path self = fs::read_symlink("/proc/self/exe", error);
  if (error)
    return std::nullopt;
  const fs::path installed =
      self.parent_path().parent_path() / "share" / "tolk" / "glossaries" / "legal-nl-en-ru.json";
  if (fs::is_regular_file(installed, error))
    return installed;
  return std::nullopt;
}

std::optional<std::size_t> load_shipped_glossary(const store::Workspace& workspace) {
  const auto glossary = shipped_glossary();
  if (!glossary)
    return std::nullopt;
  const auto concepts =
      termbase::read_glossary_json(*glossary, termbase::Strictness::strict).concepts;
  auto termbase = termbase::Termbase::open(workspace.termbase_directory(kShippedTermbase), true);
  termbase.put(concepts);
  return concepts.size();
}

void create_default_workspace_if_missing(const GlobalOptions& global, bool chosen) {
  if (chosen || environment("TOLK_DATA") != nullptr || fs::exists(global.data_directory))
    return;
  const auto workspace =
      store::Workspace::create_or_open(global.data_directory, "tolk " TOLK_VERSION);
  const auto loaded = load_shipped_glossary(workspace);
  std::cerr << "tolk: " << tr("created the workspace") << ' ' << global.data_directory;
  if (loaded)
    std::cerr << ' ' << tr("with the shipped glossary") << " (" << *loaded << ' ' << tr("concepts")
              << ")";
  std::cerr << '\n';
}

}  // namespace tolk::cli
