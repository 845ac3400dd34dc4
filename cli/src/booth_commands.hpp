#pragma once
// `tolk booth`: live term search in the terminal (ncurses), for interpreters in the booth.

#include <CLI/CLI.hpp>

#include "command_support.hpp"

namespace tolk::cli {

void add_booth_commands(CLI::App& app, const GlobalOptions& global, int& exit_code);

}  // namespace tolk::cli
