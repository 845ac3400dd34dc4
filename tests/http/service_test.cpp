// The HTTP service without sockets: the routes against the OpenAPI document, and the request
// rules (Host, Origin, token, size, targets) on Service::handle, over a workspace with the
// shipped glossary.
#include "tolk/http/service.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <span>

#include "assets.hpp"
#include "preferred_term.hpp"
#include "request_target.hpp"
#include "temporary_directory.hpp"
#include "tolk/store/workspace.hpp"
#include "tolk/termbase/exchange.hpp"
#include "tolk/termbase/termbase.hpp"

using nlohmann::json;
using tolk::http::Request;
using tolk::http::Service;
using tolk::http::ServiceOptions;

namespace {

struct Fixture {
  tolk::testing::TemporaryDirectory directory;
  std::filesystem::path data = directory.path() / "data";
  Fixture() {
    const auto workspace = tolk::store::Workspace::create_or_open(data, "tolk test");
    const auto glossary = tolk::termbase::read_glossary_json(
        std::string(TOLK_SOURCE_DIR) + "/glossaries/legal-nl-en-ru.json",
        tolk::termbase::Strictness::strict);
    tolk::termbase::Termbase::open(workspace.termbase_directory("legal"), true)
        .put(glossary.concepts);
  }
  Service service(std::string token = {}, std::string host = "127.0.0.1") const {
    ServiceOptions options;
    options.data_directory = data;
    options.port = 8377;
    options.host = std::move(host);
    options.token = std::move(token);
    options.max_body_bytes = 4096;
    return Service(options);
  }
};

Request get(std::string target, std::vector<std::pair<std::string, std::string>> headers = {}) {
  Request request;
  request.method = "GET";
  request.target = std::move(target);
  request.headers = std::move(headers);
  if (!request.header("Host"))
    request.headers.emplace_back("Host", "127.0.0.1:8377");
  return request;
}

}  // namespace

TEST_CASE("the OpenAPI document lists exactly the routes the service answers", "[http]") {
  const auto document = tolk::http::find_asset("openapi.json");
  REQUIRE(document);
  const json openapi = json::parse(*document);
  CHECK(openapi["openapi"].get<std::string>().rfind("3.0", 0) == 0);
  std::set<std::pair<std::string, std::string>> documented;
  for (const auto& [path, operations] : openapi["paths"].items()) {
    for (const auto& [method, operation] : operations.items()) {
      std::string upper = method;
      for (char& c : upper)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      documented.emplace(upper, path);
      CHECK(operation.contains("responses"));
    }
  }
  std::set<std::pair<std::string, std::string>> served;
  for (const auto& route : Service::routes())
    served.emplace(std::string(route.method), std::string(route.path));
  CHECK(documented == served);
  // Every route of the fixed contract is there.
  for (const auto& route :
       std::vector<std::pair<std::string, std::string>>{{"GET", "/api/v1/health"},
                                                        {"GET", "/api/v1/lookup"},
                                                        {"GET", "/api/v1/booth"},
                                                        {"GET", "/api/v1/concepts/{id}"},
                                                        {"POST", "/api/v1/recognize"},
                                                        {"POST", "/api/v1/tm/match"},
                                                        {"GET", "/api/v1/tm/concordance"},
                                                        {"POST", "/api/v1/check"},
                                                        {"GET", "/api/v1/glossary"},
                                                        {"POST", "/api/v1/tm/units"},
                                                        {"GET", "/openapi.json"},
                                                        {"GET", "/"},
                                                        {"GET", "/booth"}})
    CHECK(served.contains(route));
}

TEST_CASE("request targets are decoded per segment", "[http]") {
  using tolk::http::parse_target;
  const auto parsed = parse_target("/api/v1/concepts/a%2Fb?q=%D0%B0+b&lang=ru&&x");
  REQUIRE(parsed);
  CHECK(parsed->segments == std::vector<std::string>{"api", "v1", "concepts", "a/b"});
  REQUIRE(parsed->query.size() == 3);
  CHECK(parsed->query[0] == std::pair<std::string, std::string>{"q", "а b"});
  CHECK(parsed->query[2] == std::pair<std::string, std::string>{"x", ""});
  CHECK_FALSE(parse_target("api/v1"));
  CHECK_FALSE(parse_target("/a%2"));
  CHECK_FALSE(parse_target("/a?q=%g0"));
  CHECK_FALSE(parse_target("http://example.org/"));
  CHECK(parse_target("/")->segments == std::vector<std::string>{""});
}

TEST_CASE("Service::handle applies the Host, Origin, token and size rules", "[http]") {
  const Fixture fixture;
  const Service service = fixture.service();
  CHECK(service.handle(get("/api/v1/health")).status == 200);
  CHECK(service.handle(get("/api/v1/health", {{"host", "localhost:8377"}})).status == 200);
  CHECK(service.handle(get("/api/v1/health", {{"Host", "[::1]:8377"}})).status == 200);
  CHECK(service.handle(get("/api/v1/health", {{"Host", "evil.example:8377"}})).status == 403);
  CHECK(service.handle(get("/api/v1/health", {{"Host", "127.0.0.1:8378"}})).status == 403);
  CHECK(service.handle(get("/api/v1/health", {{"Host", "127.0.0.1"}})).status == 403);
  CHECK(service.handle(get("/api/v1/health", {{"Host", "127.0.0.1:x"}})).status == 403);
  Request no_host = get("/api/v1/health");
  no_host.headers.clear();
  CHECK(service.handle(no_host).status == 400);

  const auto foreign = service.handle(get("/api/v1/health", {{"Origin", "http://evil.example"}}));
  CHECK(foreign.status == 403);
  CHECK_FALSE(foreign.header("Access-Control-Allow-Origin"));
  CHECK(service.handle(get("/api/v1/health", {{"Origin", "null"}})).status == 403);
  CHECK(service.handle(get("/api/v1/health", {{"Origin", "https://127.0.0.1:8377"}})).status ==
        403);
  CHECK(service.handle(get("/api/v1/health", {{"Origin", "http://127.0.0.1:8377"}})).status == 200);
  CHECK(service.handle(get("/api/v1/health", {{"Sec-Fetch-Site", "cross-site"}})).status == 403);

  Request post = get("/api/v1/recognize");
  post.method = "POST";
  post.body = "{\"text\": \"" + std::string(5000, 'a') + "\"}";
  CHECK(service.handle(post).status == 413);
  post.body = "{\"text\": \"desertie\", \"language\": \"nl\"}";
  const auto recognized = service.handle(post);
  REQUIRE(recognized.status == 200);
  CHECK(json::parse(recognized.body)["hits"][0]["concept"] == "uk-338-desertion");

  Request put = get("/api/v1/health");
  put.method = "PUT";
  CHECK(service.handle(put).status == 405);
  Request head = get("/api/v1/health");
  head.method = "HEAD";
  CHECK(service.handle(head).status == 200);
  Request wrong_method = get("/api/v1/recognize");
  CHECK(service.handle(wrong_method).status == 405);

  // Traversal gets nothing from outside the embedded set.
  for (const std::string target :
       {"/../etc/passwd", "/assets/..%2F..%2Fetc%2Fpasswd", "/assets/%2e%2e", "/assets/index.html",
        "/assets/openapi.json", "/index.html", "/booth/"})
    CHECK(service.handle(get(target)).status == 404);

  // No TM in this workspace yet: the TM endpoints say so.
  const auto concordance = service.handle(get("/api/v1/tm/concordance?q=desertie&lang=nl"));
  CHECK(concordance.status == 404);
  CHECK(json::parse(concordance.body)["error"]["code"] == "not_found");
}

TEST_CASE("a token is required off loopback and checked when given", "[http]") {
  const Fixture fixture;
  CHECK_THROWS_AS(fixture.service("", "0.0.0.0"), tolk::http::ServiceError);
  CHECK_THROWS_AS(fixture.service("", "192.168.1.10"), tolk::http::ServiceError);
  CHECK(tolk::http::is_loopback_host("127.0.0.2"));
  CHECK(tolk::http::is_loopback_host("::1"));
  CHECK_FALSE(tolk::http::is_loopback_host("127.0.0.256"));
  CHECK_FALSE(tolk::http::is_loopback_host("127.example.org"));

  const Service service = fixture.service("t0ken", "0.0.0.0");
  CHECK(service.handle(get("/api/v1/health")).status == 401);
  CHECK(service.handle(get("/api/v1/health", {{"Authorization", "Bearer t0ke"}})).status == 401);
  CHECK(service.handle(get("/api/v1/health", {{"Authorization", "Bearer t0kenn"}})).status == 401);
  CHECK(service.handle(get("/api/v1/health", {{"Authorization", "t0ken"}})).status == 401);
  CHECK(service.handle(get("/api/v1/health", {{"Authorization", "Bearer t0ken"}})).status == 200);
  CHECK(service.handle(get("/")).status == 200);
  CHECK(service.handle(get("/assets/app.js")).status == 200);
}

TEST_CASE("the booth's endpoint answers each keystroke as tolk booth does", "[http][booth]") {
  const Fixture fixture;
  const Service service = fixture.service();
  const auto booth = [&](const std::string& target) {
    const auto response = service.handle(get("/api/v1/booth?" + target));
    INFO(target << ": " << response.body);
    REQUIRE(response.status == 200);
    return json::parse(response.body);
  };
  const auto ids = [](const json& answer) {
    std::vector<std::string> out;
    for (const auto& hit : answer["hits"])
      out.push_back(hit["concept"]["id"].get<std::string>());
    return out;
  };
  // Latin letters find the Russian term, typed letter by letter.
  const json latin = booth("q=dezertirstvo&direction=ru-nl");
  CHECK(latin["direction"] == "ru-nl");
  REQUIRE_FALSE(latin["hits"].empty());
  CHECK(latin["hits"][0]["concept"]["id"] == "uk-338-desertion");
  CHECK(latin["hits"][0]["matched_term"]["text"] == "дезертирство");
  const json partial = booth("q=dezert&direction=ru-nl");
  REQUIRE_FALSE(partial["hits"].empty());
  CHECK(partial["hits"][0]["match"] == "prefix");
  // A typo (a letter missing) still finds its concept.
  CHECK(ids(booth("q=dienstplichtontduking&direction=nl-ru")).front() ==
        "uk-328-evasion-of-service");
  // Only concepts with a term in the target language: this one has no Russian term yet.
  const auto laundering = "q=" + std::string("witwassen%20voor%20een%20rechtspersoon");
  CHECK(ids(booth(laundering + "&direction=nl-en")).front() ==
        "koap-15-27-3-legal-entity-laundering");
  for (const auto& id : ids(booth(laundering + "&direction=nl-ru")))
    CHECK(id != "koap-15-27-3-legal-entity-laundering");
  CHECK(booth("q=de&direction=nl-ru&limit=2")["hits"].size() <= 2);

  // A bad direction is an error that names it, not a silent default.
  const auto bad = service.handle(get("/api/v1/booth?q=desertie&direction=nl-de"));
  CHECK(bad.status == 400);
  CHECK(bad.body.find("nl-de") != std::string::npos);
  CHECK(service.handle(get("/api/v1/booth?q=desertie")).status == 400);
  CHECK(service.handle(get("/api/v1/booth?direction=nl-ru")).status == 400);
  CHECK(service.handle(get("/api/v1/booth?q=x&direction=nl-ru&limit=0")).status == 400);
  CHECK(service.handle(get("/api/v1/booth?q=%C3%28&direction=nl-ru")).status == 400);
}

TEST_CASE("the booth's endpoint searches the interpreter's own termbase too, marked as own",
          "[http][booth]") {
  const Fixture fixture;
  using tolk::termbase::Language;
  tolk::termbase::Concept own;
  own.id = "own-keuringsarts";
  using tolk::testing::preferred_term;
  own.terms = {preferred_term("keuringsarts", Language::nl),
               preferred_term("examining physician", Language::en)};
  // Every store is open once at a time in this process (LMDB's rule): each handle below is closed
  // before the next opens the same store.
  {
    const auto workspace = tolk::store::Workspace::open_existing(fixture.data);
    tolk::termbase::Termbase::open(workspace.termbase_directory("personal"), true)
        .put(std::span(&own, 1));
  }

  const auto hits_of = [](const Service& service, const std::string& target) {
    const auto response = service.handle(get("/api/v1/booth?" + target));
    INFO(target << ": " << response.body);
    REQUIRE(response.status == 200);
    return json::parse(response.body)["hits"];
  };
  {
    const Service service = fixture.service();
    const json typed = hits_of(service, "q=keuringsa&direction=nl-en");
    REQUIRE_FALSE(typed.empty());
    CHECK(typed[0]["concept"]["id"] == "own-keuringsarts");
    CHECK(typed[0]["own"] == true);
    const json shipped = hits_of(service, "q=desertie&direction=nl-ru");
    REQUIRE_FALSE(shipped.empty());
    CHECK(shipped[0]["own"] == false);
  }

  // Without a personal termbase (--personal ''), only the shipped one is searched.
  ServiceOptions options;
  options.data_directory = fixture.data;
  options.port = 8377;
  options.personal_termbase.clear();
  const Service without(options);
  for (const auto& hit : hits_of(without, "q=keuringsa&direction=nl-en"))
    CHECK(hit["concept"]["id"] != "own-keuringsarts");
}
