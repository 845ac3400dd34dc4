#pragma once
// `tolk drill`: flash cards over a preparation sheet or a domain, with spaced repetition.

#include <CLI/CLI.hpp>

#include "command_support.hpp"

namespace tolk::cli {

void add_drill_commands(CLI::App& app, const GlobalOptions& global, int& exit_code);

}  // namespace tolk::cli
