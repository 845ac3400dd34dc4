#pragma once
// `tolk text ...`: the text layer on a file or standard input, to show and debug it.

#include <CLI/CLI.hpp>

namespace tolk::cli {

void add_text_commands(CLI::App& app, int& exit_code);

}  // namespace tolk::cli
