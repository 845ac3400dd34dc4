#pragma once
// `tolk init` and `tolk info`: the embedded store and the resources tolk runs on.

#include <CLI/CLI.hpp>

#include "command_support.hpp"

namespace tolk::cli {

void add_workspace_commands(CLI::App& app, const GlobalOptions& global, int& exit_code);

}  // namespace tolk::cli
