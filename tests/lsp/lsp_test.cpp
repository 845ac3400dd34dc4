// The language server against the real `tolk lsp` process over pipes, on a workspace with the
// shipped glossary, and its framing and position functions on their own.

#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "lsp_process.hpp"
#include "run_process.hpp"
#include "temporary_directory.hpp"
#include "tolk/lsp/jsonrpc.hpp"
#include "tolk/lsp/server.hpp"
#include "tolk/lsp/text_document.hpp"

using nlohmann::json;
using tolk::testing::LspProcess;
using tolk::testing::shell_quote;

namespace {

struct Workspace {
  tolk::testing::TemporaryDirectory directory;
  std::string data = (directory.path() / "tolk-data").string();
  int import_exit =
      tolk::testing::run_process(
          shell_quote(TOLK_BINARY) + " --data " + shell_quote(data) + " term import " +
          shell_quote(std::string(TOLK_SOURCE_DIR) + "/glossaries/legal-nl-en-ru.json"))
          .exit_code;
};

Workspace& workspace() {
  static Workspace shared;
  REQUIRE(shared.import_exit == 0);
  return shared;
}

std::string uri_of(const std::string& name) {
  return "file://" + (workspace().directory.path() / name).string();
}

std::unique_ptr<LspProcess> start_server(const std::string& log_name) {
  return std::make_unique<LspProcess>(
      TOLK_BINARY,
      std::vector<std::string>{"--data", workspace().data, "lsp", "--stdio", "--debounce", "50"},
      (workspace().directory.path() / log_name).string());
}

json initialize(LspProcess& server, json options = json::object()) {
  const int id = server.request("initialize", {{"processId", nullptr},
                                               {"rootUri", nullptr},
                                               {"capabilities", json::object()},
                                               {"initializationOptions", std::move(options)}});
  auto response = server.response(id);
  REQUIRE(response);
  server.notify("initialized", json::object());
  return *response;
}

void open(LspProcess& server, const std::string& uri, const std::string& language_id,
          const std::string& text) {
  server.notify("textDocument/didOpen",
                {{"textDocument",
                  {{"uri", uri}, {"languageId", language_id}, {"version", 1}, {"text", text}}}});
}

json position(std::size_t line, std::size_t character) {
  return {{"line", line}, {"character", character}};
}

json at(const std::string& uri, std::size_t line, std::size_t character) {
  return {{"textDocument", {{"uri", uri}}}, {"position", position(line, character)}};
}

bool has_label(const json& items, const std::string& label) {
  for (const auto& item : items) {
    if (item["label"] == label)
      return true;
  }
  return false;
}

const json* item_with_label(const json& items, const std::string& label) {
  for (const auto& item : items) {
    if (item["label"] == label)
      return &item;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("parse_message frames, waits for more bytes, and refuses broken headers", "[lsp]") {
  using tolk::lsp::parse_message;
  using Status = tolk::lsp::ParsedMessage::Status;
  const std::string two = "Content-Length: 2\r\n\r\n{}Content-Length: 4\r\n\r\nnull";
  const auto first = parse_message(two);
  REQUIRE(first.status == Status::complete);
  CHECK(first.body == "{}");
  const auto second = parse_message(std::string_view(two).substr(first.consumed));
  CHECK(second.status == Status::complete);
  CHECK(second.body == "null");

  CHECK(parse_message("Content-Len").status == Status::incomplete);
  CHECK(parse_message("Content-Length: 10\r\n\r\n{}").status == Status::incomplete);
  CHECK(parse_message("content-length: 2\r\nContent-Type: application/vscode-jsonrpc; "
                      "charset=utf-8\r\n\r\n[]")
            .body == "[]");

  const auto not_a_number = parse_message("Content-Length: -3\r\n\r\n{}");
  CHECK(not_a_number.status == Status::invalid);
  CHECK(not_a_number.consumed == 22);
  const auto too_large = parse_message("Content-Length: 99999999999\r\n\r\n");
  CHECK(too_large.status == Status::invalid);
  CHECK(parse_message("Content-Type: x\r\n\r\n").status == Status::invalid);
  // Bytes outside a frame are skipped up to the next header.
  const auto garbage = parse_message("xyz}Content-Length: 2\r\n\r\n{}");
  CHECK(garbage.status == Status::invalid);
  CHECK(garbage.consumed == 4);
  const auto long_garbage = parse_message(std::string(tolk::lsp::kMaxHeaderBytes + 1, 'x'));
  CHECK(long_garbage.status == Status::invalid);
  CHECK(long_garbage.consumed > 0);
}

TEST_CASE("positions count UTF-16 code units: Cyrillic is one, an emoji two", "[lsp]") {
  using tolk::lsp::byte_offset;
  using tolk::lsp::Position;
  using tolk::lsp::position_at;
  const std::string text = "ab\n😀 агент\r\nx";
  // "😀" is 4 bytes and 2 UTF-16 units; "а" is 2 bytes and 1 unit.
  CHECK(byte_offset(text, {1, 0}) == 3);
  CHECK(byte_offset(text, {1, 2}) == 7);
  CHECK(byte_offset(text, {1, 1}) == 3);  // inside the surrogate pair: the character's start
  CHECK(byte_offset(text, {1, 3}) == 8);
  CHECK(byte_offset(text, {1, 4}) == 10);
  CHECK(byte_offset(text, {1, 99}) == 18);  // past the end of the line: before "\r\n"
  CHECK(byte_offset(text, {7, 0}) == text.size());
  CHECK(position_at(text, 10) == Position{1, 4});
  CHECK(position_at(text, text.size()) == Position{2, 1});

  tolk::lsp::TextDocument document("file:///a%20b/x.ru.txt", "plaintext", 1, text);
  document.replace({{1, 3}, {1, 8}}, "иноагент");
  CHECK(document.text() == "ab\n😀 иноагент\r\nx");
  CHECK(tolk::lsp::uri_to_path(document.uri()) == "/a b/x.ru.txt");
}

TEST_CASE("a conversation: diagnostics, hover, completion and code actions", "[lsp][process]") {
  auto server = start_server("conversation.log");
  const json init = initialize(*server);
  const json& capabilities = init["result"]["capabilities"];
  CHECK(capabilities["textDocumentSync"]["change"] == 2);
  CHECK(capabilities["hoverProvider"] == true);
  CHECK(capabilities["codeActionProvider"].is_object());

  // English: a deprecated term after a character outside the BMP (two UTF-16 units).
  const std::string english = uri_of("notes.en.txt");
  open(*server, english, "plaintext", "😀 The foreign agent’s law was adopted in 2014.\n");
  auto diagnostics = server->diagnostics(english);
  REQUIRE(diagnostics);
  auto list = (*diagnostics)["params"]["diagnostics"];
  REQUIRE(list.size() == 1);
  CHECK(list[0]["code"] == "deprecated-term");
  CHECK(list[0]["severity"] == 2);
  CHECK(list[0]["range"]["start"] == position(0, 7));
  CHECK(list[0]["range"]["end"] == position(0, 26));
  CHECK_THAT(
      list[0]["message"].get<std::string>(),
      Catch::Contains("Law on Control of the Activities of Persons under Foreign Influence"));

  // An incremental change before the term moves it.
  server->notify("textDocument/didChange",
                 {{"textDocument", {{"uri", english}, {"version", 2}}},
                  {"contentChanges",
                   json::array({{{"range", {{"start", position(0, 7)}, {"end", position(0, 7)}}},
                                 {"text", "so-called "}}})}});
  diagnostics = server->diagnostics(english);
  REQUIRE(diagnostics);
  CHECK((*diagnostics)["params"]["version"] == 2);
  list = (*diagnostics)["params"]["diagnostics"];
  REQUIRE(list.size() == 1);
  CHECK(list[0]["range"]["start"] == position(0, 17));
  CHECK(list[0]["range"]["end"] == position(0, 36));

  // The code action replaces it with the preferred term.
  int id = server->request("textDocument/codeAction", {{"textDocument", {{"uri", english}}},
                                                       {"range", list[0]["range"]},
                                                       {"context", {{"diagnostics", list}}}});
  auto actions = server->response(id);
  REQUIRE(actions);
  const json* replace = nullptr;
  for (const auto& action : (*actions)["result"]) {
    if (action.contains("edit"))
      replace = &action;
  }
  REQUIRE(replace != nullptr);
  const json& edit = (*replace)["edit"]["changes"][english][0];
  CHECK(edit["newText"] == "Law on Control of the Activities of Persons under Foreign Influence");
  CHECK(edit["range"]["start"] == position(0, 17));
  CHECK(edit["range"]["end"] == position(0, 36));
  CHECK((*replace)["kind"] == "quickfix");

  // "Ignore" writes the rule into notes.en.txt.tolkignore (tolk check's ignore file) and the
  // diagnostic goes away.
  const json* ignore = nullptr;
  for (const auto& action : (*actions)["result"]) {
    if (action.contains("command") && action["command"]["command"] == "tolk.ignore")
      ignore = &action;
  }
  REQUIRE(ignore != nullptr);
  id = server->request(
      "workspace/executeCommand",
      {{"command", "tolk.ignore"}, {"arguments", (*ignore)["command"]["arguments"]}});
  REQUIRE(server->response(id));
  diagnostics = server->diagnostics(english);
  REQUIRE(diagnostics);
  CHECK((*diagnostics)["params"]["diagnostics"].empty());
  const auto ignore_file = workspace().directory.path() / "notes.en.txt.tolkignore";
  REQUIRE(std::filesystem::exists(ignore_file));
  std::ifstream ignore_stream(ignore_file);
  std::string rule;
  std::getline(ignore_stream, rule);
  CHECK(rule == "deprecated-term\t*\tforeign agent’s law");
  std::filesystem::remove(ignore_file);

  // Russian: hover over an inflected term after an emoji.
  const std::string russian = uri_of("notes.ru.txt");
  open(*server, russian, "plaintext", "😀 Он признан иностранным агентом.\n");
  diagnostics = server->diagnostics(russian);
  REQUIRE(diagnostics);
  CHECK((*diagnostics)["params"]["diagnostics"].empty());
  id = server->request("textDocument/hover", at(russian, 0, 20));
  auto hover = server->response(id);
  REQUIRE(hover);
  REQUIRE((*hover)["result"].is_object());
  CHECK((*hover)["result"]["range"]["start"] == position(0, 14));
  CHECK((*hover)["result"]["range"]["end"] == position(0, 33));
  const std::string card = (*hover)["result"]["contents"]["value"];
  CHECK_THAT(card, Catch::Contains("иностранный агент") && Catch::Contains("foreign agent") &&
                       Catch::Contains("buitenlandse agent") && Catch::Contains("255-FZ") &&
                       Catch::Contains("Definition") && Catch::Contains("ambtsbericht"));
  id = server->request("textDocument/hover", at(russian, 0, 5));  // "Он": no term
  hover = server->response(id);
  REQUIRE(hover);
  CHECK((*hover)["result"].is_null());

  // Completion by transliteration on a new line, then by prefix in Cyrillic.
  server->notify("textDocument/didChange",
                 {{"textDocument", {{"uri", russian}, {"version", 2}}},
                  {"contentChanges",
                   json::array({{{"range", {{"start", position(1, 0)}, {"end", position(1, 0)}}},
                                 {"text", "inostr"}}})}});
  id = server->request("textDocument/completion", at(russian, 1, 6));
  auto completion = server->response(id);
  REQUIRE(completion);
  const json* agent = item_with_label((*completion)["result"]["items"], "иностранный агент");
  REQUIRE(agent != nullptr);
  CHECK((*agent)["textEdit"]["range"]["start"] == position(1, 0));
  CHECK((*agent)["textEdit"]["range"]["end"] == position(1, 6));
  CHECK_THAT((*agent)["filterText"].get<std::string>(), Catch::StartsWith("inostr"));

  server->notify(
      "textDocument/didChange",
      {{"textDocument", {{"uri", russian}, {"version", 3}}},
       {"contentChanges", json::array({{{"text", "😀 Он признан иностранным агентом.\nиностр"}}})}});
  id = server->request("textDocument/completion", at(russian, 1, 6));
  completion = server->response(id);
  REQUIRE(completion);
  CHECK(has_label((*completion)["result"]["items"], "иностранный агент"));
  CHECK_FALSE(has_label((*completion)["result"]["items"], "foreign agent"));

  // A bilingual TSV file gets the checker's findings on its target.
  const std::string tsv = uri_of("hearing.tsv");
  open(*server, tsv, "plaintext",
       "nl\ten\nHij werd veroordeeld wegens desertie.\tHe was convicted of draft evasion.\n");
  diagnostics = server->diagnostics(tsv);
  REQUIRE(diagnostics);
  list = (*diagnostics)["params"]["diagnostics"];
  REQUIRE_FALSE(list.empty());
  bool missing = false;
  for (const auto& diagnostic : list) {
    if (diagnostic["code"] == "missing-term") {
      missing = true;
      // On the target column, after the tab.
      CHECK(diagnostic["range"]["start"] == position(1, 38));
      CHECK_THAT(diagnostic["message"].get<std::string>(), Catch::Contains("desertion"));
    }
  }
  CHECK(missing);

  // Unknown methods and bad parameters are answered, not fatal.
  id = server->request("tolk/doesNotExist", json::object());
  auto unknown = server->response(id);
  REQUIRE(unknown);
  CHECK((*unknown)["error"]["code"] == -32601);
  id = server->request("textDocument/hover", {{"textDocument", {{"uri", russian}}}});
  auto bad = server->response(id);
  REQUIRE(bad);
  CHECK((*bad)["error"]["code"] == -32602);

  id = server->request("shutdown", nullptr);
  auto shutdown = server->response(id);
  REQUIRE(shutdown);
  CHECK(shutdown->contains("result"));
  server->notify("exit", nullptr);
  const auto status = server->wait();
  REQUIRE(status);
  CHECK(WIFEXITED(*status));
  CHECK(WEXITSTATUS(*status) == 0);
}

TEST_CASE("workspace configuration changes severities and the language", "[lsp][process]") {
  auto server = start_server("configuration.log");
  initialize(*server, {{"severities", {{"deprecated-term", "error"}}}});
  const std::string uri = uri_of("memo.txt");  // no language in the name: detected
  open(*server, uri, "plaintext", "The foreign agent’s law is cited by the court.\n");
  auto diagnostics = server->diagnostics(uri);
  REQUIRE(diagnostics);
  REQUIRE((*diagnostics)["params"]["diagnostics"].size() == 1);
  CHECK((*diagnostics)["params"]["diagnostics"][0]["severity"] == 1);

  server->notify("workspace/didChangeConfiguration",
                 {{"settings", {{"tolk", {{"severities", {{"deprecated-term", "info"}}}}}}}});
  diagnostics = server->diagnostics(uri);
  REQUIRE(diagnostics);
  REQUIRE((*diagnostics)["params"]["diagnostics"].size() == 1);
  CHECK((*diagnostics)["params"]["diagnostics"][0]["severity"] == 3);

  // Forced to Dutch, the English term is no longer found.
  server->notify("workspace/didChangeConfiguration",
                 {{"settings", {{"language", "nl"}, {"checks", json::array({"nonsense"})}}}});
  auto warning = server->read_until(
      [](const json& m) { return m.value("method", "") == "window/showMessage"; });
  REQUIRE(warning);
  CHECK_THAT((*warning)["params"]["message"].get<std::string>(), Catch::Contains("nonsense"));
  diagnostics = server->diagnostics(uri);
  REQUIRE(diagnostics);
  CHECK((*diagnostics)["params"]["diagnostics"].empty());
}

TEST_CASE("malformed JSON-RPC gets error responses and the session goes on", "[lsp][process]") {
  auto server = start_server("malformed.log");
  // Before initialize a request is refused.
  int id = server->request("textDocument/hover", at("file:///x", 0, 0));
  auto early = server->response(id);
  REQUIRE(early);
  CHECK((*early)["error"]["code"] == -32002);
  initialize(*server);

  const auto is_error = [](const json& m) { return m.contains("error") && m["id"].is_null(); };
  server->write_raw("Content-Length: 9\r\n\r\n{\"bad\": }");
  auto parse_error = server->read_until(is_error);
  REQUIRE(parse_error);
  CHECK((*parse_error)["error"]["code"] == -32700);

  server->write_raw("Content-Length: twelve\r\n\r\n");
  auto length_error = server->read_until(is_error);
  REQUIRE(length_error);
  CHECK((*length_error)["error"]["code"] == -32700);
  CHECK_THAT((*length_error)["error"]["message"].get<std::string>(),
             Catch::Contains("Content-Length"));

  server->write_raw("Content-Length: 999999999999\r\n\r\n");
  auto huge_length = server->read_until(is_error);
  REQUIRE(huge_length);
  CHECK((*huge_length)["error"]["code"] == -32700);

  server->write_raw("Content-Length: 5\r\n\r\n[1,2]");
  auto not_object = server->read_until(is_error);
  REQUIRE(not_object);
  CHECK((*not_object)["error"]["code"] == -32600);

  // Still alive and answering.
  id = server->request("workspace/symbol", {{"query", "x"}});
  auto unknown = server->response(id);
  REQUIRE(unknown);
  CHECK((*unknown)["error"]["code"] == -32601);
}

TEST_CASE("a huge document is held and answered, diagnostics are bounded", "[lsp][process]") {
  auto server = start_server("huge.log");
  initialize(*server);
  std::string text;
  const std::string line = "Он признан иностранным агентом по статье 330.1 УК РФ.\n";
  while (text.size() < 3 * 1024 * 1024)
    text += line;
  const std::size_t lines = text.size() / line.size();
  const std::string uri = uri_of("huge.ru.txt");
  open(*server, uri, "plaintext", text);
  auto diagnostics = server->diagnostics(uri);
  REQUIRE(diagnostics);
  const auto& list = (*diagnostics)["params"]["diagnostics"];
  REQUIRE(list.size() == 1);
  CHECK(list[0]["severity"] == 3);
  CHECK_THAT(list[0]["message"].get<std::string>(), Catch::Contains("maxDiagnosticsBytes"));

  const int id = server->request("textDocument/hover", at(uri, lines - 1, 20));
  const auto hover = server->response(id);
  REQUIRE(hover);
  REQUIRE((*hover)["result"].is_object());
  CHECK((*hover)["result"]["range"]["start"] == position(lines - 1, 11));
}

TEST_CASE("a client that closes the stream abruptly ends the server cleanly", "[lsp][process]") {
  auto server = start_server("abrupt.log");
  initialize(*server);
  open(*server, uri_of("abrupt.ru.txt"), "plaintext", "иностранный агент\n");
  server->write_raw("Content-Length: 100\r\n\r\n{\"jsonrpc\": \"2.0\", \"id\"");
  server->close_input();
  const auto status = server->wait();
  REQUIRE(status);
  REQUIRE(WIFEXITED(*status));       // no signal, no sanitizer abort
  CHECK(WEXITSTATUS(*status) == 1);  // LSP: 1 when the client left without shutdown
  // 1 is also what a sanitizer report exits with: the log must not hold one.
  std::ifstream log(workspace().directory.path() / "abrupt.log");
  const std::string errors((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
  CHECK_THAT(errors, !Catch::Contains("Sanitizer") && !Catch::Contains("runtime error"));
}

TEST_CASE("completion offers TM matches for the current segment", "[lsp][process]") {
  const auto added = tolk::testing::run_process(
      shell_quote(TOLK_BINARY) + " --data " + shell_quote(workspace().data) +
      " tm add 'Hij werd veroordeeld wegens desertie (artikel 338 WvS).' 'He was convicted of "
      "desertion (Article 338 of the Criminal Code).' --from nl --to en");
  REQUIRE(added.exit_code == 0);
  LspProcess server(TOLK_BINARY,
                    {"--data", workspace().data, "lsp", "--tm", "legal", "--target-lang", "en"},
                    (workspace().directory.path() / "tm.log").string());
  initialize(server);
  const std::string uri = uri_of("dossier.tsv");
  // The stored unit differs in the article and the offence: the target is repaired.
  open(server, uri, "plaintext",
       "nl\ten\nHij werd veroordeeld wegens dienstplichtontduiking (artikel 328 WvS).\t\n");
  const int id = server.request("textDocument/completion", at(uri, 1, 70));
  const auto completion = server.response(id);
  REQUIRE(completion);
  const json* match = nullptr;
  for (const auto& item : (*completion)["result"]["items"]) {
    if (item["data"]["source"] == "tm")
      match = &item;
  }
  REQUIRE(match != nullptr);
  CHECK_THAT((*match)["label"].get<std::string>(), Catch::Contains("328"));
  CHECK_THAT((*match)["detail"].get<std::string>(), Catch::Contains("desertie (artikel 338 WvS)"));
  CHECK((*match)["textEdit"]["range"]["start"] == position(1, 70));
}

TEST_CASE("parse_message on random bytes: never past the buffer, always progress", "[lsp]") {
  using tolk::lsp::parse_message;
  using Status = tolk::lsp::ParsedMessage::Status;
  std::mt19937 random(20261123);
  const std::vector<std::string> pieces{"Content-Length: ",
                                        "Content-Type: x",
                                        "\r\n",
                                        "\r\n\r\n",
                                        "12",
                                        "0",
                                        "99999999999999",
                                        "{}",
                                        ":",
                                        " ",
                                        "\xff",
                                        "content-length:3",
                                        "Content-",
                                        "\n"};
  for (int round = 0; round < 20000; ++round) {
    std::string buffer;
    const int count = static_cast<int>(random() % 12);
    for (int i = 0; i < count; ++i) {
      if (random() % 4 == 0)
        buffer += static_cast<char>(random() % 256);
      else
        buffer += pieces[random() % pieces.size()];
    }
    // Drain the buffer as the transport does.
    std::string_view rest = buffer;
    for (int step = 0; step < 1000 && !rest.empty(); ++step) {
      const auto parsed = parse_message(rest);
      if (parsed.status == Status::incomplete)
        break;
      REQUIRE(parsed.consumed > 0);
      REQUIRE(parsed.consumed <= rest.size());
      if (parsed.status == Status::complete) {
        REQUIRE(parsed.body.data() >= rest.data());
        REQUIRE(parsed.body.data() + parsed.body.size() <= rest.data() + rest.size());
      }
      rest.remove_prefix(parsed.consumed);
    }
  }
}

TEST_CASE("the server answers any message shape without throwing", "[lsp]") {
  tolk::testing::TemporaryDirectory directory;
  tolk::lsp::ServerOptions options;
  options.data_directory = directory.path() / "absent";  // no workspace: no terms, still a server
  tolk::lsp::Server server(std::move(options));
  // Ignore rules land beside the document: keep it in the temporary folder.
  const std::string uri = "file://" + (directory.path() / "a.ru.txt").string();
  const auto init = server.handle(R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{}})");
  REQUIRE_FALSE(init.empty());
  CHECK(init.front()["result"]["capabilities"]["hoverProvider"] == true);
  // The missing workspace is reported to the user, not fatal.
  bool reported = false;
  for (const auto& message : init)
    reported = reported || message.value("method", "") == "window/showMessage";
  CHECK(reported);

  std::mt19937 random(7);
  const std::vector<std::string> methods{"textDocument/didOpen",
                                         "textDocument/didChange",
                                         "textDocument/hover",
                                         "textDocument/completion",
                                         "textDocument/codeAction",
                                         "workspace/executeCommand",
                                         "workspace/didChangeConfiguration",
                                         "textDocument/didClose",
                                         "initialize",
                                         "nope"};
  const std::vector<json> values{
      nullptr,
      1,
      -1,
      "x",
      json::array(),
      json::object(),
      1e300,
      true,
      {{"uri", uri}},
      {{"line", 0}, {"character", 4}},
      {{"line", -5}, {"character", 99999999}},
      {{"start", {{"line", 0}, {"character", 9}}}, {"end", {{"line", 0}, {"character", 2}}}}};
  const auto any = [&] { return values[random() % values.size()]; };
  server.handle_message({{"jsonrpc", "2.0"},
                         {"method", "textDocument/didOpen"},
                         {"params",
                          {{"textDocument",
                            {{"uri", uri},
                             {"languageId", "ru"},
                             {"version", 1},
                             {"text", "😀 иностранный агент"}}}}}});
  for (int round = 0; round < 3000; ++round) {
    json message = {{"jsonrpc", "2.0"}, {"method", methods[random() % methods.size()]}};
    if (random() % 2)
      message["id"] = round;
    json params = {{"textDocument", random() % 3 ? json{{"uri", uri}} : any()},
                   {"position", any()},
                   {"range", any()},
                   {"contentChanges", json::array({{{"range", any()}, {"text", "агент 😀"}}})},
                   {"command", random() % 2 ? json("tolk.ignore") : any()},
                   {"arguments", json::array({any()})},
                   {"settings", {{"severities", any()}, {"checks", any()}, {"language", any()}}}};
    if (random() % 5 == 0)
      params = any();
    message["params"] = params;
    std::vector<json> replies;
    REQUIRE_NOTHROW(replies = server.handle(message.dump()));
    if (message.contains("id")) {
      REQUIRE_FALSE(replies.empty());
      CHECK((replies.front().contains("result") || replies.front().contains("error")));
    }
    REQUIRE_NOTHROW(
        server.publish_due_diagnostics(tolk::lsp::Server::Clock::now() + std::chrono::hours(1)));
  }
}
