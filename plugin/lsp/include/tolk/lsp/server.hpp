#pragma once
// The language server: LSP 3.17 requests and notifications translated into calls of the
// termbase, TM and check libraries. It knows nothing of the byte stream (jsonrpc.hpp frames it,
// run_stdio() drives it), so the tests can talk to it message by message.
//
// What it offers:
//   - diagnostics (debounced): deprecated and superseded terms in plain text, with the preferred
//     term; in bilingual files (XLIFF, PO, TSV) the findings of `tolk check` on the target;
//   - hover on a term: the concept card (nl | en | ru, status, legal reference, definition,
//     citation);
//   - completion: termbase terms by prefix and by transliteration ("inostr" offers
//     "иностранный агент"), and TM matches for the current line or segment;
//   - code actions: replace a deprecated term with the preferred one; ignore a finding (a line in
//     FILE.tolkignore, the ignore file of `tolk check`).

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "tolk/check/checker.hpp"
#include "tolk/text/language.hpp"

namespace tolk::lsp {

// The workspace configuration: from the command line, then initializationOptions, then
// workspace/didChangeConfiguration (each overrides the keys it names). JSON keys in brackets.
struct Settings {
  std::vector<std::string> termbases{"legal"};  // ["termbases"]
  std::vector<std::string> tms;                 // ["tms"]
  // The language of every plain-text document ["language"]; unset: from the languageId, the file
  // name ("x.ru.txt", "x.nl.md"), else detected (Cyrillic: ru; Latin: nl or en by common words).
  std::optional<text::Language> language;
  // For bilingual files without languages, and the target of TM completion
  // ["sourceLanguage"], ["targetLanguage"].
  std::optional<text::Language> source_language;
  std::optional<text::Language> target_language;
  std::set<std::string> checks;                         // ["checks"]; empty: the defaults
  std::map<std::string, check::Severity> severities;    // ["severities"]: {"id": "error"}
  int debounce_milliseconds = 300;                      // ["debounce"]
  std::size_t max_diagnostics_bytes = 2 * 1024 * 1024;  // ["maxDiagnosticsBytes"]
};

// Applies the keys present in `value` (an object, or one with a "tolk" member as VS Code sends
// it) to `settings`. Returns one message per value that was refused; the others still apply.
std::vector<std::string> apply_settings(const nlohmann::json& value, Settings& settings);

struct ServerOptions {
  std::filesystem::path data_directory;  // the tolk workspace
  Settings settings;
  // Translates a message template (the CLI passes its gettext catalog); identity when unset.
  std::function<std::string(const char*)> translate;
};

class Server {
 public:
  using Clock = std::chrono::steady_clock;

  explicit Server(ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // One message body as received. Returns what to send: the response (for a request, also for
  // one that fails) and notifications. Malformed JSON gives a -32700 response with a null id.
  std::vector<nlohmann::json> handle(std::string_view body, Clock::time_point now = Clock::now());
  std::vector<nlohmann::json> handle_message(const nlohmann::json& message,
                                             Clock::time_point now = Clock::now());

  // Diagnostics of documents changed at least the debounce time before `now`.
  std::vector<nlohmann::json> publish_due_diagnostics(Clock::time_point now);
  // When the next debounced publication is due, if one is pending.
  std::optional<Clock::time_point> next_deadline() const;

  bool exit_requested() const;
  // 0 when "exit" followed "shutdown", else 1 (LSP 3.17).
  int exit_code() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Reads framed messages from `input_fd` and writes responses to `output_fd` until "exit" or the
// end of the input. Returns the exit code: 0 after shutdown and exit, 1 when the client left
// without them.
int run_stdio(Server& server, int input_fd, int output_fd);

}  // namespace tolk::lsp
