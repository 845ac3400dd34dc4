#pragma once
// `tolk corpus extract`: candidate terms and proposed alignments from the source corpus, with
// their evidence (FILE:LINE), for curating the glossary.

#include <CLI/CLI.hpp>

namespace tolk::cli {

void add_corpus_commands(CLI::App& app, int& exit_code);

}  // namespace tolk::cli
