#pragma once
// `tolk check`: terminology QA on a bilingual file (XLIFF, TMX, PO, TSV or two aligned texts)
// against a workspace termbase, reported as text, JSON or SARIF.

#include <CLI/CLI.hpp>

#include "command_support.hpp"

namespace tolk::cli {

void add_check_commands(CLI::App& app, const GlobalOptions& global, int& exit_code);

}  // namespace tolk::cli
