#pragma once
// What the command implementations share: the options every command knows, language choice,
// JSON printing.

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "tolk/text/language.hpp"

namespace tolk::cli {

struct GlobalOptions {
  std::string data_directory;  // --data, $TOLK_DATA, or ./tolk-data
};

// A usage error found after parsing (a bad combination of options): exit code 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// "--lang auto" (the default) means Russian for Cyrillic text; Latin text needs an explicit
// language, because Dutch and English cannot be told apart reliably from a word or two.
text::Language resolve_language(const std::string& option, std::string_view sample);

// Adds "--lang" to a command, with the language codes the option accepts.
CLI::Option* add_language_option(CLI::App& command, std::string& target, bool allow_auto = true);

void print_json(const nlohmann::json& value);

}  // namespace tolk::cli
