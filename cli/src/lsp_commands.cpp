#include "lsp_commands.hpp"

#include <unistd.h>

#include <filesystem>
#include <memory>

#include "messages.hpp"
#include "tolk/lsp/server.hpp"

namespace tolk::cli {
namespace {

struct LspCommandOptions {
  std::vector<std::string> termbases{"legal"};
  std::vector<std::string> tms;
  std::string language;
  std::string target_language;
  int debounce = 300;
  bool stdio = false;
};

std::optional<text::Language> optional_language(const std::string& tag) {
  if (tag.empty())
    return std::nullopt;
  return text::require_language(tag);
}

int run_lsp(const GlobalOptions& global, const LspCommandOptions& options) {
  lsp::ServerOptions server_options;
  server_options.data_directory = std::filesystem::absolute(global.data_directory);
  server_options.settings.termbases = options.termbases;
  server_options.settings.tms = options.tms;
  server_options.settings.language = optional_language(options.language);
  server_options.settings.target_language = optional_language(options.target_language);
  server_options.settings.debounce_milliseconds = options.debounce;
  server_options.translate = [](const char* message) { return tr(message); };
  lsp::Server server(std::move(server_options));
  // Standard output carries the protocol alone; anything else goes to standard error.
  return lsp::run_stdio(server, STDIN_FILENO, STDOUT_FILENO);
}

}  // namespace

void add_lsp_commands(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto options = std::make_shared<LspCommandOptions>();
  CLI::App* command = app.add_subcommand(
      "lsp", tr("Language server for editors (LSP over stdio): term diagnostics, hover, "
                "completion and code actions from the workspace"));
  command->add_option("-t,--termbase", options->termbases,
                      tr("Termbase name in the workspace (repeatable; default: legal)"));
  command->add_option("--tm", options->tms,
                      tr("Translation memory for completion (repeatable; default: none)"));
  command->add_option("--lang", options->language,
                      tr("Language of every plain-text document (default: from the editor, the "
                         "file name, or detected)"));
  command->add_option("--target-lang", options->target_language,
                      tr("Target language of TM completion and bilingual files"));
  command
      ->add_option("--debounce", options->debounce,
                   tr("Milliseconds after the last change before diagnostics (default 300)"))
      ->check(CLI::Range(0, 60000));
  command->add_flag("--stdio", options->stdio,
                    tr("Talk LSP on standard input and output (the only transport; accepted "
                       "because editors pass it)"));
  command->callback([&global, &exit_code, options] { exit_code = run_lsp(global, *options); });
}

}  // namespace tolk::cli
