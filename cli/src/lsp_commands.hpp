#pragma once
// `tolk lsp`: the language server (LSP 3.17 over stdio) for editors: diagnostics, hover,
// completion and code actions from the workspace's termbases, TMs and checks.

#include <CLI/CLI.hpp>

#include "command_support.hpp"

namespace tolk::cli {

void add_lsp_commands(CLI::App& app, const GlobalOptions& global, int& exit_code);

}  // namespace tolk::cli
