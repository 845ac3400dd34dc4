#pragma once
// `tolk prepare FILE...`: the preparation sheet for a hearing, from the files the interpreter was
// sent (text, PDF, DOCX, ODT).

#include <CLI/CLI.hpp>

#include "command_support.hpp"

namespace tolk::cli {

void add_prepare_commands(CLI::App& app, const GlobalOptions& global, int& exit_code);

}  // namespace tolk::cli
