#pragma once
// `tolk tm ...`: import, export, match, concordance and pre-translation on a workspace TM.

#include <CLI/CLI.hpp>

#include "command_support.hpp"

namespace tolk::cli {

void add_tm_commands(CLI::App& app, const GlobalOptions& global, int& exit_code);

}  // namespace tolk::cli
