#pragma once
// `tolk export`: the workspace's TM and termbase written into a CAT tool's project folder
// (OmegaT), ready to use without an import step.

#include <CLI/CLI.hpp>

#include "command_support.hpp"

namespace tolk::cli {

void add_export_commands(CLI::App& app, const GlobalOptions& global, int& exit_code);

}  // namespace tolk::cli
