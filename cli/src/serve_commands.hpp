#pragma once

#include <CLI/CLI.hpp>

#include "command_support.hpp"

namespace tolk::cli {

// tolk serve: the HTTP API and the web pages over the workspace.
void add_serve_commands(CLI::App& app, const GlobalOptions& global, int& exit_code);

}  // namespace tolk::cli
