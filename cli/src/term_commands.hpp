#pragma once
// `tolk term ...`: import, export, look up and recognise terms in a workspace termbase.

#include <CLI/CLI.hpp>

#include "command_support.hpp"

namespace tolk::cli {

void add_term_commands(CLI::App& app, const GlobalOptions& global, int& exit_code);

}  // namespace tolk::cli
