// tolk: terminology base and translation memory for nl-en-ru legal translation.

#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <set>

#include "booth_commands.hpp"
#include "check_commands.hpp"
#include "command_support.hpp"
#include "corpus_commands.hpp"
#include "drill_commands.hpp"
#include "exit_codes.hpp"
#include "export_commands.hpp"
#include "first_run.hpp"
#include "glossary_commands.hpp"
#include "lsp_commands.hpp"
#include "messages.hpp"
#include "prepare_commands.hpp"
#include "serve_commands.hpp"
#include "term_commands.hpp"
#include "text_commands.hpp"
#include "tm_commands.hpp"
#include "tolk/cat/omegat_project.hpp"
#include "tolk/http/service.hpp"
#include "tolk/io/import_issue.hpp"
#include "tolk/store/lmdb.hpp"
#include "tolk/store/workspace.hpp"
#include "tolk/termbase/termbase.hpp"
#include "tolk/text/language.hpp"
#include "tolk/text/morphology.hpp"
#include "tolk/text/utf8.hpp"
#include "tolk_version.hpp"
#include "workspace_commands.hpp"

namespace tolk::cli {
namespace {

// Subcommands are listed under a group heading that CLI11 does not take from the labels.
void translate_subcommand_groups(CLI::App& app) {
  for (CLI::App* command : app.get_subcommands([](CLI::App*) { return true; })) {
    command->group(tr("Subcommands"));
    if (CLI::Option* help = command->get_help_ptr())
      help->group(tr("Options"));
    translate_subcommand_groups(*command);
  }
}

void translate_help_labels(CLI::App& app) {
  auto formatter = app.get_formatter();
  for (const char* label :
       {"Usage", "Options", "OPTIONS", "Subcommands", "SUBCOMMAND", "SUBCOMMANDS", "Positionals",
        "REQUIRED", "TEXT", "Excludes", "Needs"}) {
    formatter->label(label, tr(label));
  }
}

int report_error(const std::string& message) {
  std::cerr << "tolk: " << tr("error") << ": " << message << '\n';
  return kError;
}

int run(int argc, char** argv) {
  init_messages(argc > 0 ? argv[0] : nullptr);
  CLI::App app(tr("tolk: terminology base and translation memory for legal translation between "
                  "Dutch, English and Russian"),
               "tolk");
  app.option_defaults()->group(tr("Options"));
  app.set_help_flag("-h,--help", tr("Print this help message and exit"));
  app.set_version_flag("-V,--version", "tolk " TOLK_VERSION, tr("Print the version and exit"));
  translate_help_labels(app);
  app.require_subcommand(1);
  app.footer(
      tr("Exit codes: 0 success; 1 findings, or something asked for is missing; 2 error "
         "(usage, unreadable or invalid input, store). Run 'tolk COMMAND --help' for a "
         "command's options."));

  GlobalOptions global{default_data_directory()};
  CLI::Option* data_option = app.add_option(
      "-d,--data", global.data_directory,
      tr("Workspace folder (default: $TOLK_DATA, else ./tolk-data here or in a parent folder, "
         "else $XDG_DATA_HOME/tolk; created with the shipped glossary on first use)"));
  // Before any command that works on the workspace runs: a first use creates it.
  app.parse_complete_callback([&app, &global, data_option] {
    for (const CLI::App* command : app.get_subcommands()) {
      static const std::set<std::string> kWorkspaceCommands{
          "term", "tm", "check", "serve", "lsp", "prepare", "drill", "booth", "export"};
      if (kWorkspaceCommands.contains(command->get_name()))
        create_default_workspace_if_missing(global, data_option->count() > 0);
    }
  });

  int exit_code = kSuccess;
  add_workspace_commands(app, global, exit_code);
  add_term_commands(app, global, exit_code);
  add_tm_commands(app, global, exit_code);
  add_check_commands(app, global, exit_code);
  add_serve_commands(app, global, exit_code);
  add_lsp_commands(app, global, exit_code);
  add_prepare_commands(app, global, exit_code);
  add_drill_commands(app, global, exit_code);
  add_booth_commands(app, global, exit_code);
  add_text_commands(app, exit_code);
  add_corpus_commands(app, exit_code);
  add_glossary_commands(app, exit_code);
  add_export_commands(app, global, exit_code);
  translate_subcommand_groups(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& success) {
    return app.exit(success);
  } catch (const CLI::ParseError& error) {
    app.exit(error);
    return kError;
  } catch (const UsageError& error) {
    return report_error(error.what());
  } catch (const text::InvalidUtf8Error& error) {
    return report_error(error.what());
  } catch (const text::UnknownLanguageError& error) {
    return report_error(error.what());
  } catch (const text::DictionaryNotFoundError& error) {
    return report_error(error.what());
  } catch (const io::ImportError& error) {
    // Raised before anything of the file is stored: the store holds what it held before.
    for (const auto& issue : error.issues())
      std::cerr << "tolk: " << io::to_string(issue) << '\n';
    return report_error(tr("the file was refused; nothing of it was stored"));
  } catch (const cat::OmegatProjectError& error) {
    return report_error(error.what());
  } catch (const termbase::TermbaseError& error) {
    return report_error(error.what());
  } catch (const store::WorkspaceError& error) {
    return report_error(error.what());
  } catch (const store::LmdbError& error) {
    return report_error(error.what());
  } catch (const http::ServiceError& error) {
    return report_error(error.what());
  } catch (const std::exception& error) {
    return report_error(error.what());
  }
  return exit_code;
}

}  // namespace
}  // namespace tolk::cli

int main(int argc, char** argv) {
  // A write past the file size limit (ulimit -f) fails with EFBIG and is reported like a full
  // disk, instead of SIGXFSZ ending the process without a word.
  std::signal(SIGXFSZ, SIG_IGN);
  return tolk::cli::run(argc, argv);
}
