// `tolk serve` end to end: the real program on a free loopback port, over a workspace with the
// shipped glossary and a small TM of sentences from the Dutch country report
// (tests/tm/data/ambtsbericht-nl-en-ru.tmx); every endpoint, and the security rules.
#include <catch2/catch.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>

#include "http_client.hpp"
#include "run_process.hpp"
#include "temporary_directory.hpp"

using nlohmann::json;
using tolk::testing::HttpResponse;
using tolk::testing::ServerProcess;
using tolk::testing::shell_quote;
using tolk::testing::Socket;
using tolk::testing::TemporaryDirectory;
using tolk::testing::url_encode;

namespace {

// One workspace for every test case: init, the shipped glossary, the sample TM.
class Workspace {
 public:
  Workspace() {
    const std::string tolk =
        "LANG=C.UTF-8 " + shell_quote(TOLK_BINARY) + " -d " + shell_quote(data()) + " ";
    const std::string source = TOLK_SOURCE_DIR;
    for (const std::string& command :
         {std::string("init"),
          "term import " + shell_quote(source + "/glossaries/legal-nl-en-ru.json"),
          "tm import " + shell_quote(source + "/tests/tm/data/ambtsbericht-nl-en-ru.tmx")}) {
      const auto result = tolk::testing::run_process(tolk + command);
      // tm import reports the sample's deliberately bad units with exit code 1.
      if (result.exit_code > 1)
        throw std::runtime_error("tolk " + command + ": " + result.err);
    }
  }
  std::string data() const { return (directory_.path() / "data").string(); }

 private:
  TemporaryDirectory directory_;
};

Workspace& shared_workspace() {
  static Workspace workspace;
  return workspace;
}

ServerProcess& shared_server() {
  static ServerProcess server(TOLK_BINARY, shared_workspace().data());
  return server;
}

json body_of(const HttpResponse& response) {
  INFO(response.body);
  return json::parse(response.body);
}

std::string first_concept(const std::string& query, const std::string& extra = {}) {
  const auto response =
      shared_server().request("GET", "/api/v1/lookup?q=" + url_encode(query) + extra);
  REQUIRE(response.status == 200);
  const json hits = body_of(response)["hits"];
  return hits.empty() ? std::string() : hits[0]["concept"]["id"].get<std::string>();
}

}  // namespace

// Compressing costs 20-50 ms per answer (brotli at its highest quality) and saves nothing on
// loopback: the page and every keystroke's search would wait for it.
TEST_CASE("answers are sent uncompressed even to a client that accepts brotli and gzip", "[http]") {
  for (const std::string target : {"/", "/assets/app.js", "/api/v1/lookup?q=desertie"}) {
    const auto response = shared_server().request("GET", target, {}, {"Accept-Encoding: br, gzip"});
    INFO(target);
    REQUIRE(response.status == 200);
    CHECK_FALSE(response.header("Content-Encoding").has_value());
    CHECK(response.body.size() == std::stoul(response.header("Content-Length").value_or("0")));
  }
  CHECK(shared_server()
            .request("GET", "/api/v1/lookup?q=desertie", {}, {"Accept-Encoding: br"})
            .body.find("uk-338-desertion") != std::string::npos);
}

TEST_CASE("health names the version and the stores", "[http]") {
  const auto response = shared_server().request("GET", "/api/v1/health");
  REQUIRE(response.status == 200);
  CHECK(response.header("Content-Type").value_or("").starts_with("application/json"));
  const json health = body_of(response);
  CHECK(health["version"] == "0.1.0");
  CHECK(health["termbases"] == json::array({"legal"}));
  CHECK(health["tms"] == json::array({"legal"}));
}

TEST_CASE("lookup finds inflected, transliterated and misspelt terms", "[http]") {
  CHECK(first_concept("иностранным агентом") == "foreign-agent");
  CHECK(first_concept("inostrannyy agent") == "foreign-agent");
  CHECK(first_concept("dezertirstvo") == "uk-338-desertion");
  CHECK(first_concept("dienstplichtontduking") == "uk-328-evasion-of-service");
  CHECK(first_concept("desertion", "&lang=en&limit=1") == "uk-338-desertion");

  const auto response = shared_server().request(
      "GET", "/api/v1/lookup?q=" + url_encode("inostrannyy agent") + "&limit=1");
  const json answer = body_of(response);
  CHECK(answer["query"] == "inostrannyy agent");
  REQUIRE(answer["hits"].size() == 1);
  CHECK(answer["hits"][0]["match"] == "transliterated");
  CHECK(answer["hits"][0]["matched_term"]["text"] == "иностранный агент");

  CHECK(body_of(shared_server().request("GET", "/api/v1/lookup?q=qqqqzzzz"))["hits"].empty());
  CHECK(shared_server().request("GET", "/api/v1/lookup").status == 400);
  CHECK(shared_server().request("GET", "/api/v1/lookup?q=x&lang=de").status == 400);
  CHECK(shared_server().request("GET", "/api/v1/lookup?q=x&limit=0").status == 400);
  // Invalid UTF-8 in the query.
  const auto invalid = shared_server().request("GET", "/api/v1/lookup?q=%C3%28");
  CHECK(invalid.status == 400);
  CHECK(body_of(invalid)["error"]["code"] == "bad_request");
}

TEST_CASE("concept cards carry legal references and citations", "[http]") {
  const auto response = shared_server().request("GET", "/api/v1/concepts/uk-338-desertion");
  REQUIRE(response.status == 200);
  // at(): a key the card lacks fails the test (operator[] on a const json is undefined then).
  const json card = body_of(response);
  CHECK(card.at("id") == "uk-338-desertion");
  CHECK(card.at("legal").dump().find("338") != std::string::npos);
  CHECK_FALSE(card.at("citations").empty());
  CHECK_FALSE(card.at("terms").empty());

  const auto missing = shared_server().request("GET", "/api/v1/concepts/no-such-concept");
  CHECK(missing.status == 404);
  CHECK(body_of(missing)["error"]["code"] == "not_found");
}

TEST_CASE("recognize finds terms in running text", "[http]") {
  const auto response = shared_server().request(
      "POST", "/api/v1/recognize",
      json{{"text", "Hij werd veroordeeld wegens desertie en dienstplichtontduiking."},
           {"language", "nl"}}
          .dump());
  REQUIRE(response.status == 200);
  const json hits = body_of(response)["hits"];
  REQUIRE(hits.size() == 2);
  CHECK(hits[0]["concept"] == "uk-338-desertion");
  CHECK(hits[1]["concept"] == "uk-328-evasion-of-service");
  CHECK(hits[1]["begin"] == 40);

  // Without a language: every language, in text order (here an inflected Russian term).
  const json any = body_of(shared_server().request(
      "POST", "/api/v1/recognize", json{{"text", "Его признали иностранным агентом."}}.dump()));
  REQUIRE_FALSE(any["hits"].empty());
  CHECK(any["hits"][0]["concept"] == "foreign-agent");

  CHECK(shared_server().request("POST", "/api/v1/recognize", "{\"text\": 5}").status == 400);
  CHECK(shared_server().request("POST", "/api/v1/recognize", "not json").status == 400);
}

TEST_CASE("TM match repairs the article number; concordance marks the hits", "[http]") {
  const auto response = shared_server().request(
      "POST", "/api/v1/tm/match",
      json{{"segment",
            "Dienstplichtontduiking is strafbaar onder artikel 338 Wetboek van Strafrecht (WvS)."},
           {"source_language", "nl"},
           {"target_language", "en"}}
          .dump());
  REQUIRE(response.status == 200);
  const json matches = body_of(response)["matches"];
  REQUIRE_FALSE(matches.empty());
  CHECK(matches[0]["score"].get<int>() >= 90);
  CHECK(matches[0]["score"].get<int>() < 100);
  CHECK(matches[0]["proposed_target"].get<std::string>().find("Article 338") != std::string::npos);

  const auto concordance =
      shared_server().request("GET", "/api/v1/tm/concordance?q=dienstplichtontduiking&lang=nl");
  REQUIRE(concordance.status == 200);
  const json hits = body_of(concordance)["hits"];
  REQUIRE_FALSE(hits.empty());
  CHECK(hits[0]["highlights"][0]["begin"] == 0);
  CHECK(hits[0]["highlights"][0]["end"] == 22);
  CHECK(shared_server().request("GET", "/api/v1/tm/concordance?q=x").status == 400);
}

TEST_CASE("a unit added over HTTP is matched at once", "[http]") {
  const json unit = {{"source", "De rechtbank sprak de verdachte vrij van desertie."},
                     {"target", "The court acquitted the defendant of desertion."},
                     {"source_language", "nl"},
                     {"target_language", "en"}};
  const auto added = shared_server().request("POST", "/api/v1/tm/units", unit.dump());
  REQUIRE(added.status == 201);
  CHECK(body_of(added)["stored"] == true);
  const auto again = shared_server().request("POST", "/api/v1/tm/units", unit.dump());
  CHECK(again.status == 201);
  CHECK(body_of(again)["stored"] == false);

  const auto match = shared_server().request(
      "POST", "/api/v1/tm/match",
      json{{"segment", unit["source"]}, {"source_language", "nl"}, {"target_language", "en"}}
          .dump());
  const json matches = body_of(match)["matches"];
  REQUIRE_FALSE(matches.empty());
  CHECK(matches[0]["score"] == 100);
  CHECK(matches[0]["target"] == unit["target"]);

  CHECK(shared_server()
            .request(
                "POST", "/api/v1/tm/units",
                json{{"source", "x"}, {"source_language", "nl"}, {"target_language", "en"}}.dump())
            .status == 400);
}

TEST_CASE("check reports a missing term as tolk check does", "[http]") {
  const auto response = shared_server().request(
      "POST", "/api/v1/check",
      json{{"source", "Hij is veroordeeld wegens desertie.\nDienstplichtontduiking is strafbaar."},
           {"target", "He was convicted of draft evasion.\nDraft evasion is punishable."},
           {"source_language", "nl"},
           {"target_language", "en"}}
          .dump());
  REQUIRE(response.status == 200);
  const json report = body_of(response);
  CHECK(report["segments"] == 2);
  REQUIRE(report["findings"].size() == 1);
  CHECK(report["findings"][0]["check"] == "missing-term");
  CHECK(report["findings"][0]["expected"] == "desertion");
  CHECK(report["findings"][0]["segment"] == "1");
}

TEST_CASE("the glossary in every format, by domain", "[http]") {
  const auto tbx = shared_server().request("GET", "/api/v1/glossary?format=tbx");
  REQUIRE(tbx.status == 200);
  CHECK(tbx.body.find("<tbx") != std::string::npos);
  CHECK(tbx.header("Content-Disposition").value_or("").find("legal.tbx") != std::string::npos);

  const auto tsv = shared_server().request("GET", "/api/v1/glossary?format=tsv&from=nl&to=ru");
  REQUIRE(tsv.status == 200);
  CHECK(tsv.body.rfind("id\tnl\tru\t", 0) == 0);

  const auto sheet =
      shared_server().request("GET", "/api/v1/glossary?format=sheet-html&domains=military-service");
  REQUIRE(sheet.status == 200);
  CHECK(sheet.body.find("<table") != std::string::npos);
  CHECK(sheet.body.find("alternatieve dienst") != std::string::npos);
  // Only that domain: a term of the speech offences is not on the sheet.
  CHECK(sheet.body.find("иностранный агент") == std::string::npos);

  const auto markdown = shared_server().request(
      "GET", "/api/v1/glossary?format=sheet-md&domains=designations,military-service");
  REQUIRE(markdown.status == 200);
  CHECK(markdown.body.find("| ") != std::string::npos);
  CHECK(markdown.body.find("иностранный агент") != std::string::npos);

  const auto omegat =
      shared_server().request("GET", "/api/v1/glossary?format=omegat&from=nl&to=en");
  REQUIRE(omegat.status == 200);
  CHECK(omegat.body.find("desertie\tdesertion") != std::string::npos);

  CHECK(shared_server().request("GET", "/api/v1/glossary?format=pdf").status == 400);
  CHECK(shared_server().request("GET", "/api/v1/glossary?format=tsv&from=nl").status == 400);
  CHECK(shared_server().request("GET", "/api/v1/glossary?format=tsv&domains=nope").status == 404);

  const json domains = body_of(shared_server().request("GET", "/api/v1/domains"))["domains"];
  CHECK(domains.size() >= 5);
}

TEST_CASE("the pages and the OpenAPI document are served from the program", "[http]") {
  const auto page = shared_server().request("GET", "/");
  REQUIRE(page.status == 200);
  CHECK(page.header("Content-Type").value_or("").starts_with("text/html"));
  CHECK(page.header("Content-Security-Policy").value_or("").find("default-src 'self'") !=
        std::string::npos);
  CHECK(shared_server().request("GET", "/booth").status == 200);
  CHECK(shared_server().request("GET", "/assets/app.js").status == 200);
  const auto openapi = shared_server().request("GET", "/openapi.json");
  REQUIRE(openapi.status == 200);
  CHECK(body_of(openapi)["openapi"].get<std::string>().rfind("3.0", 0) == 0);
}

TEST_CASE("Host, Origin and path rules", "[http][security]") {
  ServerProcess& server = shared_server();
  // DNS rebinding: a name that is not this server.
  const auto rebound = server.request("GET", "/api/v1/health", {},
                                      {"Host: attacker.example:" + std::to_string(server.port())});
  CHECK(rebound.status == 403);
  CHECK(body_of(rebound)["error"]["code"] == "forbidden");
  CHECK(server.request("GET", "/api/v1/health", {}, {"Host: 127.0.0.1:1"}).status == 403);
  CHECK(server
            .request("GET", "/api/v1/health", {},
                     {"Host: localhost:" + std::to_string(server.port())})
            .status == 200);

  // Cross-origin: refused, and never a permissive CORS header.
  const auto foreign =
      server.request("GET", "/api/v1/health", {}, {"Origin: http://attacker.example"});
  CHECK(foreign.status == 403);
  CHECK_FALSE(foreign.header("Access-Control-Allow-Origin"));
  const auto foreign_post = server.request("POST", "/api/v1/tm/units",
                                           json{{"source", "a b"},
                                                {"target", "c d"},
                                                {"source_language", "nl"},
                                                {"target_language", "en"}}
                                               .dump(),
                                           {"Origin: http://attacker.example"});
  CHECK(foreign_post.status == 403);
  const auto preflight =
      server.request("OPTIONS", "/api/v1/tm/units", {},
                     {"Origin: http://attacker.example", "Access-Control-Request-Method: POST"});
  CHECK(preflight.status == 403);
  CHECK_FALSE(preflight.header("Access-Control-Allow-Origin"));
  const auto own = server.request("GET", "/api/v1/health", {},
                                  {"Origin: " + server.url().substr(0, server.url().size() - 1)});
  CHECK(own.status == 200);
  CHECK_FALSE(own.header("Access-Control-Allow-Origin"));

  // Path traversal: nothing outside the built-in pages.
  for (const std::string target :
       {"/../../../../etc/passwd", "/assets/../../etc/passwd", "/assets/..%2F..%2Fetc%2Fpasswd",
        "/assets/%2e%2e/%2e%2e/etc/passwd", "/assets/index.html", "/assets/",
        "/%2e%2e/openapi.json", "/assets/..", "/web/app.js"}) {
    const auto response =
        server.exchange("GET " + target + " HTTP/1.1\r\nHost: " + server.authority() +
                        "\r\nConnection: close\r\n\r\n");
    INFO(target);
    CHECK((response.status == 404 || response.status == 400));
    CHECK(response.body.find("root:") == std::string::npos);
  }
  CHECK(server.request("DELETE", "/api/v1/health").status == 405);
}

TEST_CASE("a body over the limit is refused with 413", "[http][security]") {
  ServerProcess& server = shared_server();
  const std::string big(2 * 1024 * 1024, 'a');
  const auto response = server.request("POST", "/api/v1/recognize", "{\"text\": \"" + big + "\"}");
  CHECK(response.status == 413);
  CHECK(body_of(response)["error"]["code"] == "too_large");
  // Announced but not sent: refused all the same.
  const auto announced =
      server.exchange("POST /api/v1/check HTTP/1.1\r\nHost: " + server.authority() +
                      "\r\nConnection: close\r\nContent-Length: 99999999999999999999\r\n\r\n");
  CHECK(announced.status == 413);
  // A body without a length (read to the end of the connection) or chunked is not taken.
  const auto chunked = server.exchange(
      "POST /api/v1/check HTTP/1.1\r\nHost: " + server.authority() +
      "\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n");
  CHECK(chunked.status == 411);
}

TEST_CASE("a slow client does not block others and malformed requests do not crash",
          "[http][security]") {
  ServerProcess& server = shared_server();
  {
    // Connections that send nothing, or half a request line, and wait.
    std::vector<std::unique_ptr<Socket>> idle;
    for (int i = 0; i < 4; ++i) {
      idle.push_back(std::make_unique<Socket>(server.host(), server.port()));
      if (i % 2 == 1)
        idle.back()->send_all("GET /api/v1/health HTT");
    }
    for (int i = 0; i < 3; ++i)
      CHECK(server.request("GET", "/api/v1/health").status == 200);
  }

  std::mt19937 random(20260123);
  const std::string host = "Host: " + server.authority() + "\r\n";
  std::vector<std::string> requests = {
      "\r\n\r\n",
      "GET\r\n\r\n",
      "GET / HTTP/9.9\r\n" + host + "\r\n",
      "GET /api/v1/health\r\n\r\n",
      "GET http://example.org/ HTTP/1.1\r\n" + host + "\r\n",
      "GET /api/v1/lookup?q=%zz HTTP/1.1\r\n" + host + "\r\n",
      "GET /api/v1/lookup?q=%ff%fe HTTP/1.1\r\n" + host + "\r\n",
      "GET /api/v1/concepts/%00 HTTP/1.1\r\n" + host + "\r\n",
      "GET /api/v1/health HTTP/1.1\r\n\r\n",  // no Host
      "POST /api/v1/recognize HTTP/1.1\r\n" + host + "Content-Length: -1\r\n\r\n",
      "POST /api/v1/recognize HTTP/1.1\r\n" + host + "Content-Length: 5\r\n\r\n{\"te",
      "POST /api/v1/tm/match HTTP/1.1\r\n" + host + "Content-Length: 14\r\n\r\n{\"segment\": [",
      "POST /api/v1/check HTTP/1.1\r\n" + host + "Content-Length: 4\r\n\r\nnull",
      "POST /api/v1/tm/units HTTP/1.1\r\n" + host +
          "Transfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
      "GET /api/v1/health HTTP/1.1\r\n" + host + "X-Long: " + std::string(20000, 'x') + "\r\n\r\n",
      "GET /" + std::string(10000, 'a') + " HTTP/1.1\r\n" + host + "\r\n",
      "GET /api/v1/health HTTP/1.1\r\n" + host + "Range: bytes=9-1,zz\r\n\r\n",
  };
  std::string many_headers = "GET /api/v1/health HTTP/1.1\r\n" + host;
  for (int i = 0; i < 2000; ++i)
    many_headers += "X-H" + std::to_string(i) + ": " + std::string(100, 'v') + "\r\n";
  requests.push_back(many_headers + "\r\n");
  for (int i = 0; i < 60; ++i) {
    std::string garbage(1 + random() % 600, '\0');
    for (char& c : garbage)
      c = static_cast<char>(random() % 256);
    requests.push_back(i % 2 == 0 ? garbage
                                  : "POST /api/v1/recognize HTTP/1.1\r\n" + host +
                                        "Content-Length: " + std::to_string(garbage.size()) +
                                        "\r\n\r\n" + garbage);
  }
  for (const auto& raw : requests) {
    const auto response = server.exchange(raw, true);
    if (response.status != 0) {
      CHECK(response.status >= 200);
      CHECK(response.status != 500);
    }
  }
  REQUIRE(server.alive());
  CHECK(server.request("GET", "/api/v1/health").status == 200);
}

TEST_CASE("a token is required off loopback, and on loopback when given", "[http][security]") {
  // Without a token, an address other than loopback is refused at start.
  const auto refused = tolk::testing::run_process("LANG=C.UTF-8 " + shell_quote(TOLK_BINARY) +
                                                  " -d " + shell_quote(shared_workspace().data()) +
                                                  " serve --host 0.0.0.0 --port 0");
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("token") != std::string::npos);

  const auto check_token = [](const ServerProcess& server) {
    const auto missing = server.request("GET", "/api/v1/health");
    CHECK(missing.status == 401);
    CHECK(body_of(missing)["error"]["code"] == "unauthorized");
    CHECK(server.request("GET", "/api/v1/health", {}, {"Authorization: Bearer wrong"}).status ==
          401);
    CHECK(server.request("GET", "/api/v1/health", {}, {"Authorization: Bearer s3cret-t0ken"})
              .status == 200);
    CHECK(server
              .request("POST", "/api/v1/recognize", "{\"text\": \"desertie\"}",
                       {"Authorization: Bearer s3cret-t0ken"})
              .status == 200);
    CHECK(server.request("GET", "/openapi.json").status == 401);
    // The page itself holds no data: a browser opens it, then sends the token from the page.
    CHECK(server.request("GET", "/").status == 200);
  };
  // 127.0.0.2 is loopback too on Linux, but is not the default address: the token is checked
  // the same way as on any other address.
  std::unique_ptr<ServerProcess> second;
  try {
    second = std::make_unique<ServerProcess>(TOLK_BINARY, shared_workspace().data(),
                                             std::vector<std::string>{"--token", "s3cret-t0ken"},
                                             "127.0.0.2");
  } catch (const std::exception&) {
    second = std::make_unique<ServerProcess>(TOLK_BINARY, shared_workspace().data(),
                                             std::vector<std::string>{"--token", "s3cret-t0ken"});
  }
  check_token(*second);
  CHECK(second->stop() == 0);
}

TEST_CASE("SIGTERM stops the server cleanly", "[http]") {
  ServerProcess server(TOLK_BINARY, shared_workspace().data());
  CHECK(server.request("GET", "/api/v1/health").status == 200);
  CHECK(server.stop() == 0);
}
