#pragma once
// What the command implementations share: the options every command knows, language choice,
// JSON printing.

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "tolk/termbase/termbase.hpp"
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

// The workspace's termbase `name`, opened for reading only (LMDB read-only: it works on a store
// that cannot be written); a UsageError that says how to make one when it is missing.
termbase::Termbase open_existing_termbase(const GlobalOptions& global, const std::string& name);

// The interpreter's own termbase `personal` (see `tolk term add`), searched beside `main`: nothing
// when it does not exist, when `personal` is empty, or when it is `main` itself.
std::optional<termbase::Termbase> open_personal_termbase(const GlobalOptions& global,
                                                         const std::string& personal,
                                                         const std::string& main);

}  // namespace tolk::cli
