#include "command_support.hpp"

#include <iostream>

#include "messages.hpp"
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

}  // namespace tolk::cli
