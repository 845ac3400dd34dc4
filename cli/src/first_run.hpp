#pragma once
// Where the workspace is when nobody says, and what a new user finds in it: the first command run
// without a workspace creates one in $XDG_DATA_HOME/tolk with the shipped glossary loaded, so
// that `tolk term lookup deserteur` answers on first try.

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

#include "command_support.hpp"
#include "tolk/store/workspace.hpp"

namespace tolk::cli {

// The workspace folder when --data is not given: $TOLK_DATA; else a `tolk-data` folder in the
// current folder or the nearest parent that has one; else $XDG_DATA_HOME/tolk
// (~/.local/share/tolk); `tolk-data` when there is no home either.
std::string default_data_directory();

// The shipped glossary (glossaries/legal-nl-en-ru.json): $TOLK_GLOSSARY, else
// <program>/../share/tolk/glossaries/legal-nl-en-ru.json (installed, and in the build tree).
std::optional<std::filesystem::path> shipped_glossary();

// Loads the shipped glossary into the workspace's termbase `legal`; the number of concepts, or
// nothing when no shipped glossary is installed.
std::optional<std::size_t> load_shipped_glossary(const store::Workspace& workspace);

// When the workspace was not chosen (`chosen`: --data was given; or $TOLK_DATA is set) and does
// not exist yet: creates it with the shipped glossary and says so on standard error.
void create_default_workspace_if_missing(const GlobalOptions& global, bool chosen);

}  // namespace tolk::cli
