#pragma once
// `tolk glossary build`: the files made from a glossary source (glossaries/*.json) without a
// store: TBX-Basic, OmegaT glossaries per language pair, and printable hearing sheets per domain.

#include <CLI/CLI.hpp>

namespace tolk::cli {

void add_glossary_commands(CLI::App& app, int& exit_code);

}  // namespace tolk::cli
