#include "command_support.hpp"

#include <filesystem>
#include <iostream>

#include "messages.hpp"
#include "tolk/store/workspace.hpp"
#include "tolk/text/transliterate.hpp"

namespace tolk::cli {

text::Language resolve_language(const std::string& option, std::string_view sample) {
  if (option != "auto")
    return text::require_language(option);
  if (text::has_cyrillic(sample))
    return text::Language::ru;
  throw UsageError(
      tr("cannot tell whether the text is Dutch or English: give --lang nl or --lang en"));
}

CLI::Option* add_language_option(CLI::App& command, std::string& target, bool allow_auto) {
  target = allow_auto ? "auto" : "";
  auto* option = command.add_option(
      "-l,--lang", target,
      allow_auto ? tr("Language of the text: nl, en, ru, or auto (Cyrillic means ru)")
                 : tr("Language of the text: nl, en or ru"));
  if (!allow_auto)
    option->required();
  option->check([allow_auto](const std::string& value) -> std::string {
    if (allow_auto && value == "auto")
      return {};
    return text::parse_language(value) ? std::string() : "unknown language '" + value + "'";
  });
  return option;
}

void print_json(const nlohmann::json& value) {
  std::cout << value.dump(2) << '\n';
}

termbase::Termbase open_existing_termbase(const GlobalOptions& global, const std::string& name) {
  const auto workspace = store::Workspace::open_existing(global.data_directory);
  const auto directory = workspace.termbase_directory(name);
  if (name.empty() || !std::filesystem::exists(directory / "data.mdb")) {
    throw UsageError("no termbase '" + name + "' in " + global.data_directory +
                     " (import one with 'tolk term import FILE')");
  }
  return termbase::Termbase::open_for_reading(directory);
}

std::optional<termbase::Termbase> open_personal_termbase(const GlobalOptions& global,
                                                         const std::string& personal,
                                                         const std::string& main) {
  if (personal.empty() || personal == main)
    return std::nullopt;
  const auto workspace = store::Workspace::open_existing(global.data_directory);
  const auto directory = workspace.termbase_directory(personal);
  if (!std::filesystem::exists(directory / "data.mdb"))
    return std::nullopt;
  return termbase::Termbase::open_for_reading(directory);
}

}  // namespace tolk::cli
