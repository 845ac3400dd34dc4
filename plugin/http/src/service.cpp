#include "tolk/http/service.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <filesystem>
#include <limits>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "assets.hpp"
#include "request_target.hpp"
#include "tolk/booth/booth_search.hpp"
#include "tolk/check/checker.hpp"
#include "tolk/check/document.hpp"
#include "tolk/io/strings.hpp"
#include "tolk/json/check_json.hpp"
#include "tolk/json/termbase_json.hpp"
#include "tolk/json/tm_json.hpp"
#include "tolk/store/lmdb.hpp"
#include "tolk/store/workspace.hpp"
#include "tolk/termbase/exchange.hpp"
#include "tolk/termbase/hearing_sheet.hpp"
#include "tolk/termbase/termbase.hpp"
#include "tolk/text/language.hpp"
#include "tolk/text/utf8.hpp"
#include "tolk/tm/repair.hpp"
#include "tolk/tm/translation_memory.hpp"
#include "tolk/tm/unit.hpp"

namespace tolk::http {
namespace {

using nlohmann::json;

// A request the client got wrong: answered with its status and message.
class RequestError : public std::runtime_error {
 public:
  RequestError(int status, const std::string& message)
      : std::runtime_error(message), status_(status) {}
  int status() const { return status_; }

 private:
  int status_;
};

std::optional<std::string_view> find_header(
    const std::vector<std::pair<std::string, std::string>>& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (io::equal_ignoring_ascii_case(key, name))
      return std::string_view(value);
  }
  return std::nullopt;
}

std::string error_code(int status) {
  switch (status) {
    case 401:
      return "unauthorized";
    case 403:
      return "forbidden";
    case 404:
      return "not_found";
    case 409:
      return "read_only";
    case 413:
    case 414:
    case 431:
      return "too_large";
    default:
      return status >= 500 ? "internal" : "bad_request";
  }
}

std::string dump(const json& value) {
  // Stored texts are valid UTF-8; replacing rather than throwing keeps a damaged record from
  // turning an answer into a 500.
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

Response json_response(const json& value, int status = 200) {
  Response response;
  response.status = status;
  response.content_type = "application/json; charset=utf-8";
  response.body = dump(value);
  return response;
}

// Constant time in the length of the expected token: the comparison does not stop at the first
// differing byte.
bool same_token(std::string_view given, std::string_view expected) {
  unsigned char difference = given.size() == expected.size() ? 0 : 1;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const char g = i < given.size() ? given[i] : '\0';
    difference = static_cast<unsigned char>(difference | (g ^ expected[i]));
  }
  return difference == 0;
}

// "host", "host:port", "[v6]", "[v6]:port" -> host (lower case, v6 without brackets) and port
// (0 when absent); nothing when malformed.
struct Authority {
  std::string host;
  int port = 0;
};
std::optional<Authority> parse_authority(std::string_view text) {
  Authority authority;
  std::string_view port;
  if (text.starts_with('[')) {
    const auto close = text.find(']');
    if (close == std::string_view::npos)
      return std::nullopt;
    authority.host = io::to_lower_ascii(text.substr(1, close - 1));
    const std::string_view rest = text.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':')
        return std::nullopt;
      port = rest.substr(1);
    }
  } else {
    const auto colon = text.find(':');
    if (colon != std::string_view::npos) {
      if (text.find(':', colon + 1) != std::string_view::npos)
        return std::nullopt;
      port = text.substr(colon + 1);
      text = text.substr(0, colon);
    }
    authority.host = io::to_lower_ascii(text);
  }
  if (authority.host.empty())
    return std::nullopt;
  if (!port.empty()) {
    const auto [end, error] =
        std::from_chars(port.data(), port.data() + port.size(), authority.port);
    if (error != std::errc() || end != port.data() + port.size() || authority.port <= 0 ||
        authority.port > 65535)
      return std::nullopt;
  }
  return authority;
}

bool is_page_path(std::string_view path) {
  return path == "/" || path == "/booth" || path.starts_with("/assets/");
}

std::string content_type_of(std::string_view name) {
  if (name.ends_with(".html"))
    return "text/html; charset=utf-8";
  if (name.ends_with(".js"))
    return "text/javascript; charset=utf-8";
  if (name.ends_with(".css"))
    return "text/css; charset=utf-8";
  if (name.ends_with(".json"))
    return "application/json; charset=utf-8";
  if (name.ends_with(".svg"))
    return "image/svg+xml";
  return "application/octet-stream";
}

const std::string* param(const ParsedTarget& target, std::string_view name) {
  for (const auto& [key, value] : target.query) {
    if (key == name)
      return &value;
  }
  return nullptr;
}

std::size_t number_param(const ParsedTarget& target, std::string_view name, std::size_t fallback,
                         std::size_t low, std::size_t high) {
  const std::string* text = param(target, name);
  if (text == nullptr || text->empty())
    return fallback;
  std::size_t value = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc() || end != text->data() + text->size() || value < low || value > high)
    throw RequestError(400, std::string(name) + " must be a number from " + std::to_string(low) +
                                " to " + std::to_string(high));
  return value;
}

constexpr std::size_t kNoLimit = std::numeric_limits<std::size_t>::max();

// The query "q": present, not empty, valid UTF-8, at most `max_bytes` long; `meaning` says
// what it is in the error.
const std::string& query_param(const ParsedTarget& target, std::string_view meaning,
                               std::size_t max_bytes = 512) {
  const std::string* query = param(target, "q");
  if (query == nullptr || query->empty())
    throw RequestError(400, "q (" + std::string(meaning) + ") is missing");
  if (query->size() > max_bytes)
    throw RequestError(400, "q is longer than " + std::to_string(max_bytes) + " bytes");
  text::validate_utf8(*query, "q");
  return *query;
}

std::optional<text::Language> language_param(const std::string* tag, std::string_view what) {
  if (tag == nullptr || tag->empty())
    return std::nullopt;
  const auto language = text::parse_language(*tag);
  if (!language)
    throw RequestError(400, std::string(what) + ": unknown language '" + *tag + "' (nl, en or ru)");
  return language;
}

json parse_body(const Request& request) {
  json body = json::parse(request.body, nullptr, false);
  if (body.is_discarded())
    throw RequestError(400, "the body is not JSON");
  if (!body.is_object())
    throw RequestError(400, "the body must be a JSON object");
  return body;
}

std::string string_field(const json& body, const char* name, bool required = true) {
  const auto found = body.find(name);
  if (found == body.end() || found->is_null()) {
    if (required)
      throw RequestError(400, std::string("\"") + name + "\" is missing");
    return {};
  }
  if (!found->is_string())
    throw RequestError(400, std::string("\"") + name + "\" must be a string");
  return found->get<std::string>();
}

long long integer_field(const json& body, const char* name, long long fallback, long long low,
                        long long high) {
  const auto found = body.find(name);
  if (found == body.end() || found->is_null())
    return fallback;
  if (!found->is_number_integer() || found->get<long long>() < low ||
      found->get<long long>() > high)
    throw RequestError(400, std::string("\"") + name + "\" must be a whole number from " +
                                std::to_string(low) + " to " + std::to_string(high));
  return found->get<long long>();
}

// A TM language tag: "nl", "en-GB", "ru_RU": letters, digits, '-' and '_'.
std::string tag_field(const json& body, const char* name) {
  std::string tag = string_field(body, name);
  const bool valid =
      !tag.empty() && tag.size() <= 35 && std::all_of(tag.begin(), tag.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '_';
      });
  if (!valid)
    throw RequestError(400, std::string("\"") + name + "\" is not a language tag");
  return tag;
}

std::vector<std::string> split_list(std::string_view list) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= list.size()) {
    const auto comma = std::min(list.find(',', start), list.size());
    const std::string_view item = io::trim(list.substr(start, comma - start));
    if (!item.empty())
      out.emplace_back(item);
    start = comma + 1;
  }
  return out;
}

struct RouteEntry {
  std::string_view method;
  std::string_view path;  // segments; "{name}" takes one segment
};

// The routes in the order they are documented. Pages first, then the API.
constexpr RouteEntry kRoutes[] = {
    {"GET", "/"},
    {"GET", "/booth"},
    {"GET", "/assets/{file}"},
    {"GET", "/openapi.json"},
    {"GET", "/api/v1/health"},
    {"GET", "/api/v1/lookup"},
    {"GET", "/api/v1/booth"},
    {"GET", "/api/v1/concepts/{id}"},
    {"GET", "/api/v1/domains"},
    {"POST", "/api/v1/recognize"},
    {"POST", "/api/v1/tm/match"},
    {"GET", "/api/v1/tm/concordance"},
    {"POST", "/api/v1/tm/units"},
    {"POST", "/api/v1/check"},
    {"GET", "/api/v1/glossary"},
};

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> segments;
  std::size_t start = 1;  // after the leading '/'
  while (start <= path.size()) {
    const auto slash = std::min(path.find('/', start), path.size());
    segments.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return segments;
}

// Matches `segments` (decoded) against a route template; fills the {parameter}.
bool match_route(std::string_view pattern, const std::vector<std::string>& segments,
                 std::string& parameter) {
  const auto parts = split_path(pattern);
  if (parts.size() != segments.size())
    return false;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (parts[i].starts_with('{')) {
      if (segments[i].empty())
        return false;
      parameter = segments[i];
    } else if (parts[i] != segments[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::optional<std::string_view> Request::header(std::string_view name) const {
  return find_header(headers, name);
}

std::optional<std::string_view> Response::header(std::string_view name) const {
  return find_header(headers, name);
}

bool is_loopback_host(std::string_view host) {
  const std::string lower = io::to_lower_ascii(host);
  if (lower == "localhost" || lower == "::1" || lower == "[::1]")
    return true;
  // 127.0.0.0/8 written as a dotted quad.
  if (!lower.starts_with("127."))
    return false;
  int parts = 0;
  std::size_t start = 0;
  while (start <= lower.size()) {
    const auto dot = std::min(lower.find('.', start), lower.size());
    const std::string_view part = std::string_view(lower).substr(start, dot - start);
    int value = -1;
    const auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), value);
    if (part.empty() || error != std::errc() || end != part.data() + part.size() || value < 0 ||
        value > 255)
      return false;
    ++parts;
    start = dot + 1;
  }
  return parts == 4;
}

Response error_response(int status, std::string_view message) {
  Response response = json_response(
      {{"error", {{"code", error_code(status)}, {"message", std::string(message)}}}}, status);
  if (status == 401)
    response.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"tolk\"");
  return response;
}

struct Service::State {
  ServiceOptions options;
  store::Workspace workspace;
  std::optional<termbase::Termbase> termbase;
  std::optional<termbase::Termbase> personal_termbase;  // searched by the booth only
  std::set<std::string> allowed_hosts;                  // lower case, IPv6 without brackets

  // The TM, opened at start or created by the first unit added; readers take the pointer under
  // the mutex and then work without it (LMDB read transactions never wait for the writer).
  mutable std::mutex memory_mutex;
  mutable std::shared_ptr<tm::TranslationMemory> memory;
  // Why the TM cannot be written here (a read-only file system or copy), empty when it can: it is
  // then opened for reading, and adding a unit answers 409 with this reason.
  std::string memory_read_only_reason;

  // Built once, on first use: every concept, lemmatised for recognition, term repair and checks.
  mutable std::once_flag terminology_built;
  mutable std::vector<termbase::Concept> concepts;
  mutable std::unique_ptr<tm::Terminology> terminology;
  mutable std::unique_ptr<check::Checker> checker;

  // The booth's live search (the /booth page), built once on first use: its keys in memory.
  mutable std::once_flag booth_built;
  mutable std::unique_ptr<booth::BoothSearch> booth_search;

  explicit State(ServiceOptions given)
      : options(std::move(given)),
        workspace(store::Workspace::open_existing(options.data_directory)) {}

  void build_terminology() const {
    std::call_once(terminology_built, [this] {
      if (!termbase)
        return;
      concepts = termbase->all();
      terminology = std::make_unique<tm::Terminology>(concepts);
      checker = std::make_unique<check::Checker>(concepts);
    });
  }

  const booth::BoothSearch& require_booth_search() const {
    const termbase::Termbase& source = require_termbase();
    std::call_once(booth_built, [&] {
      std::vector<booth::BoothSource> sources = {{&source, false}};
      if (personal_termbase)
        sources.push_back({&*personal_termbase, true});
      booth_search = std::make_unique<booth::BoothSearch>(sources);
    });
    return *booth_search;
  }

  const termbase::Termbase& require_termbase() const {
    if (!termbase)
      throw RequestError(404, "no termbase '" + options.termbase + "' in the workspace");
    return *termbase;
  }

  std::shared_ptr<tm::TranslationMemory> require_memory() const {
    std::lock_guard lock(memory_mutex);
    if (!memory)
      throw RequestError(
          404, "no translation memory '" + options.translation_memory + "' in the workspace");
    return memory;
  }

  std::shared_ptr<tm::TranslationMemory> memory_for_writing() const {
    const std::string name = "the translation memory '" + options.translation_memory + "'";
    if (!memory_read_only_reason.empty())
      throw RequestError(409, name + " cannot be written here: " + memory_read_only_reason);
    std::lock_guard lock(memory_mutex);
    if (!memory) {
      try {
        memory = std::make_shared<tm::TranslationMemory>(tm::TranslationMemory::open(
            workspace.translation_memory_directory(options.translation_memory), true));
      } catch (const store::LmdbError& error) {
        if (!is_read_only_error(error.code()))
          throw;
        throw RequestError(409, name + " cannot be created here: " + error.what());
      } catch (const std::filesystem::filesystem_error& error) {
        if (!is_read_only_error(error.code().value()))
          throw;
        throw RequestError(409, name + " cannot be created here: " + error.what());
      }
    }
    return memory;
  }

  static bool is_read_only_error(int code) { return code == EACCES || code == EROFS; }

  // The TM for writing when it may be written, else for reading, with the reason kept.
  void open_memory(const std::filesystem::path& directory) {
    try {
      memory = std::make_shared<tm::TranslationMemory>(tm::TranslationMemory::open(directory));
    } catch (const store::LmdbError& error) {
      if (!is_read_only_error(error.code()))
        throw;
      memory = std::make_shared<tm::TranslationMemory>(
          tm::TranslationMemory::open_for_reading(directory));
      memory_read_only_reason = error.what();
    }
  }

  bool host_allowed(const Authority& authority) const {
    if (authority.port != 0 ? authority.port != options.port : options.port != 80)
      return false;
    return allowed_hosts.contains(authority.host);
  }

  Response dispatch(const Request& request, const ParsedTarget& target) const;
  Response health() const;
  Response lookup(const ParsedTarget& target) const;
  Response booth_lookup(const ParsedTarget& target) const;
  Response concept_by_id(const std::string& id) const;
  Response domains() const;
  Response recognize(const Request& request) const;
  Response match(const Request& request) const;
  Response concordance(const ParsedTarget& target) const;
  Response add_unit(const Request& request) const;
  Response check_texts(const Request& request) const;
  Response glossary(const ParsedTarget& target) const;
};

Service::Service(ServiceOptions options) {
  if (options.token.empty() && !is_loopback_host(options.host)) {
    throw ServiceError("listening on " + options.host +
                       " (not a loopback address) needs a token (--token or $TOLK_TOKEN)");
  }
  if (options.port < 0 || options.port > 65535)
    throw ServiceError("port " + std::to_string(options.port) + " is out of range");
  store::require_valid_store_name(options.termbase);
  store::require_valid_store_name(options.translation_memory);
  state_ = std::make_unique<State>(std::move(options));
  State& state = *state_;
  const auto& given = state.options;
  std::string bound = io::to_lower_ascii(given.host);
  if (bound.size() > 2 && bound.front() == '[' && bound.back() == ']')
    bound = bound.substr(1, bound.size() - 2);
  // A wildcard address names no host; the loopback names and --allow-host ones remain.
  if (bound != "0.0.0.0" && bound != "::")
    state.allowed_hosts.insert(bound);
  for (const char* name : {"localhost", "127.0.0.1", "::1"})
    state.allowed_hosts.insert(name);
  for (const auto& name : given.allowed_hosts)
    state.allowed_hosts.insert(io::to_lower_ascii(name));

  const auto termbase_directory = state.workspace.termbase_directory(given.termbase);
  if (std::filesystem::exists(termbase_directory / "data.mdb"))
    state.termbase.emplace(termbase::Termbase::open_for_reading(termbase_directory));
  if (!given.personal_termbase.empty() && given.personal_termbase != given.termbase) {
    store::require_valid_store_name(given.personal_termbase);
    const auto personal_directory = state.workspace.termbase_directory(given.personal_termbase);
    if (std::filesystem::exists(personal_directory / "data.mdb"))
      state.personal_termbase.emplace(termbase::Termbase::open_for_reading(personal_directory));
  }
  const auto memory_directory =
      state.workspace.translation_memory_directory(given.translation_memory);
  if (std::filesystem::exists(memory_directory / "data.mdb"))
    state.open_memory(memory_directory);
}

Service::~Service() = default;
Service::Service(Service&&) noexcept = default;
Service& Service::operator=(Service&&) noexcept = default;

const ServiceOptions& Service::options() const {
  return state_->options;
}

void Service::warm_up() const {
  state_->build_terminology();
  if (state_->termbase)
    state_->require_booth_search();
}

std::vector<Route> Service::routes() {
  std::vector<Route> out;
  for (const auto& route : kRoutes)
    out.push_back({route.method, route.path});
  return out;
}

std::optional<Response> Service::refuse(const Request& request) const {
  const State& state = *state_;
  // The Host header must name this server: a page from elsewhere whose name was re-pointed at
  // 127.0.0.1 (DNS rebinding) sends its own name.
  const auto host = request.header("Host");
  if (!host)
    return error_response(400, "the Host header is missing");
  const auto authority = parse_authority(*host);
  if (!authority || !state.host_allowed(*authority))
    return error_response(403,
                          "the Host header '" + std::string(*host) + "' does not name this server");
  // No cross-origin requests: a browser names the page's origin on every request that is not a
  // plain navigation; only this server's own pages may call it.
  if (const auto origin = request.header("Origin")) {
    bool same = false;
    if (origin->starts_with("http://")) {
      const auto origin_authority = parse_authority(origin->substr(7));
      same = origin_authority && state.host_allowed(*origin_authority);
    }
    if (!same)
      return error_response(
          403, "cross-origin requests are refused (Origin " + std::string(*origin) + ")");
  }
  if (const auto site = request.header("Sec-Fetch-Site"); site && *site == "cross-site")
    return error_response(403, "cross-site requests are refused");

  if (request.method != "GET" && request.method != "HEAD" && request.method != "POST") {
    Response response = error_response(405, "method " + request.method + " is not allowed");
    response.headers.emplace_back("Allow", "GET, HEAD, POST");
    return response;
  }
  const std::string_view path =
      std::string_view(request.target)
          .substr(0, std::min(request.target.find('?'), request.target.size()));
  // The pages hold no data and a browser cannot add a header when it opens them; everything
  // else needs the token when one is set.
  if (!state.options.token.empty() && !is_page_path(path)) {
    const auto authorization = request.header("Authorization");
    const bool valid = authorization && authorization->starts_with("Bearer ") &&
                       same_token(authorization->substr(7), state.options.token);
    if (!valid)
      return error_response(401, "this server needs \"Authorization: Bearer <token>\"");
  }
  if (const auto length = request.header("Content-Length")) {
    std::size_t announced = 0;
    const auto [end, error] =
        std::from_chars(length->data(), length->data() + length->size(), announced);
    if (error == std::errc::result_out_of_range ||
        (error == std::errc() && end == length->data() + length->size() &&
         announced > state.options.max_body_bytes))
      return error_response(413, "the body is larger than " +
                                     std::to_string(state.options.max_body_bytes) + " bytes");
  }
  return std::nullopt;
}

Response Service::handle(const Request& request) const {
  Response response;
  try {
    if (auto refusal = refuse(request)) {
      response = std::move(*refusal);
    } else if (request.body.size() > state_->options.max_body_bytes) {
      response = error_response(413, "the body is larger than " +
                                         std::to_string(state_->options.max_body_bytes) + " bytes");
    } else {
      const auto target = parse_target(request.target);
      if (!target)
        response = error_response(400, "malformed request target");
      else
        response = state_->dispatch(request, *target);
    }
  } catch (const RequestError& error) {
    response = error_response(error.status(), error.what());
  } catch (const text::InvalidUtf8Error& error) {
    response = error_response(400, error.what());
  } catch (const text::UnknownLanguageError& error) {
    response = error_response(400, error.what());
  } catch (const check::DocumentError& error) {
    response = error_response(400, error.what());
  } catch (const std::exception& error) {
    response = error_response(500, error.what());
  } catch (...) {
    response = error_response(500, "unexpected error");
  }
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  response.headers.emplace_back("Referrer-Policy", "no-referrer");
  response.headers.emplace_back("Cache-Control", "no-store");
  const bool page = response.content_type.starts_with("text/html");
  // Pages load only their own scripts and styles and are framed only by themselves (the hearing
  // sheet preview); no other site may frame them.
  response.headers.emplace_back(
      "Content-Security-Policy",
      page ? "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
             "frame-ancestors 'self'; base-uri 'none'; form-action 'self'"
           : "default-src 'none'; frame-ancestors 'none'");
  return response;
}

Response Service::State::dispatch(const Request& request, const ParsedTarget& target) const {
  std::string parameter;
  bool path_known = false;
  const RouteEntry* route = nullptr;
  const std::string method = request.method == "HEAD" ? "GET" : request.method;
  for (const auto& candidate : kRoutes) {
    std::string value;
    if (!match_route(candidate.path, target.segments, value))
      continue;
    path_known = true;
    if (candidate.method == method) {
      route = &candidate;
      parameter = value;
      break;
    }
  }
  if (!route) {
    if (!path_known)
      return error_response(404, "no such page or endpoint");
    Response response = error_response(405, "method " + request.method + " is not allowed here");
    response.headers.emplace_back("Allow", method == "GET" ? "POST" : "GET, HEAD");
    return response;
  }
  const std::string_view path = route->path;
  const auto asset = [](std::string_view name) {
    const auto content = find_asset(name);
    if (!content)
      return error_response(404, "no such page or endpoint");
    Response response;
    response.content_type = content_type_of(name);
    response.body = std::string(*content);
    return response;
  };
  if (path == "/")
    return asset("index.html");
  if (path == "/booth")
    return asset("booth.html");
  if (path == "/assets/{file}")
    return parameter.ends_with(".html") || parameter == "openapi.json" ? asset("")
                                                                       : asset(parameter);
  if (path == "/openapi.json")
    return asset("openapi.json");
  if (path == "/api/v1/health")
    return health();
  if (path == "/api/v1/lookup")
    return lookup(target);
  if (path == "/api/v1/booth")
    return booth_lookup(target);
  if (path == "/api/v1/concepts/{id}")
    return concept_by_id(parameter);
  if (path == "/api/v1/domains")
    return domains();
  if (path == "/api/v1/recognize")
    return recognize(request);
  if (path == "/api/v1/tm/match")
    return match(request);
  if (path == "/api/v1/tm/concordance")
    return concordance(target);
  if (path == "/api/v1/tm/units")
    return add_unit(request);
  if (path == "/api/v1/check")
    return check_texts(request);
  return glossary(target);
}

Response Service::State::health() const {
  const auto info = workspace.info();
  return json_response({{"version", TOLK_HTTP_VERSION},
                        {"termbases", info.termbases},
                        {"tms", info.translation_memories},
                        {"termbase", options.termbase},
                        {"tm", options.translation_memory}});
}

Response Service::State::lookup(const ParsedTarget& target) const {
  const std::string& query = query_param(target, "the text to look up");
  termbase::LookupOptions lookup;
  lookup.limit = number_param(target, "limit", 10, 1, options.max_lookup_limit);
  lookup.language = language_param(param(target, "lang"), "lang");
  const auto hits = require_termbase().lookup(query, lookup);
  json out = json::array();
  for (const auto& hit : hits)
    out.push_back(tolk::json::lookup_hit_json(hit));
  return json_response({{"query", query}, {"hits", out}});
}

Response Service::State::booth_lookup(const ParsedTarget& target) const {
  const std::string& query = query_param(target, "the text typed so far");
  const std::string* direction_text = param(target, "direction");
  text::Direction direction;
  try {
    direction = text::parse_direction(direction_text ? *direction_text : "");
  } catch (const std::invalid_argument& error) {
    throw RequestError(400, std::string("direction: ") + error.what());
  }
  const std::size_t limit = number_param(target, "limit", 6, 1, options.max_lookup_limit);
  json out = json::array();
  for (const auto& hit : require_booth_search().search(query, direction, limit)) {
    out.push_back(
        {{"match", hit.prefix ? std::string_view("prefix") : termbase::to_string(hit.kind)},
         {"score", hit.score},
         {"own", hit.personal},
         {"matched_term", tolk::json::term_json(hit.entry.terms[hit.term_index])},
         {"concept", tolk::json::concept_json(hit.entry)}});
  }
  return json_response(
      {{"query", query}, {"direction", text::to_string(direction)}, {"hits", out}});
}

Response Service::State::concept_by_id(const std::string& id) const {
  text::validate_utf8(id, "concept id");
  const auto entry = require_termbase().get(id);
  if (!entry)
    throw RequestError(404, "no concept with id '" + id + "'");
  return json_response(tolk::json::concept_json(*entry));
}

Response Service::State::domains() const {
  // From the concepts read once at start (the server never writes the termbase), not from a
  // walk over the store per request.
  require_termbase();
  build_terminology();
  std::map<std::string, std::size_t> counts;
  for (const auto& entry : concepts) {
    for (const auto& domain : entry.domains)
      ++counts[domain];
  }
  json out = json::array();
  for (const auto& [domain, count] : counts)
    out.push_back({{"domain", domain}, {"concepts", count}});
  return json_response({{"domains", out}});
}

Response Service::State::recognize(const Request& request) const {
  const json body = parse_body(request);
  const std::string input = string_field(body, "text");
  const std::string tag = string_field(body, "language", false);
  require_termbase();
  build_terminology();
  std::vector<termbase::TermHit> hits;
  if (const auto chosen = language_param(tag.empty() ? nullptr : &tag, "language")) {
    hits = terminology->find(input, *chosen);
  } else {
    // No language given: every language's terms, in text order.
    for (const auto language : text::kSupportedLanguages) {
      auto found = terminology->find(input, language);
      hits.insert(hits.end(), std::make_move_iterator(found.begin()),
                  std::make_move_iterator(found.end()));
    }
    std::stable_sort(hits.begin(), hits.end(), [](const auto& a, const auto& b) {
      return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
    });
  }
  json out = json::array();
  for (const auto& hit : hits)
    out.push_back(tolk::json::term_hit_json(hit));
  return json_response({{"hits", out}});
}

Response Service::State::match(const Request& request) const {
  const json body = parse_body(request);
  const std::string segment = string_field(body, "segment");
  tm::MatchOptions match_options;
  match_options.source_language = tag_field(body, "source_language");
  match_options.target_language = tag_field(body, "target_language");
  match_options.min_score = static_cast<int>(integer_field(body, "min_score", 70, 1, 101));
  match_options.max_results = static_cast<std::size_t>(integer_field(body, "limit", 5, 1, 50));
  match_options.context = string_field(body, "context", false);
  const auto matches = require_memory()->match(segment, match_options);
  const tm::Terminology* terms = nullptr;
  if (!matches.empty() && matches.front().score.score < 100 && termbase) {
    build_terminology();
    terms = terminology.get();
  }
  const tm::SegmentAnalysis query = tm::analyze_text(segment, match_options.source_language);
  json out = json::array();
  for (const auto& found : matches)
    out.push_back(
        tolk::json::match_json(found, tm::repair_match(query, found, match_options, terms)));
  return json_response({{"segment", segment}, {"matches", out}});
}

Response Service::State::concordance(const ParsedTarget& target) const {
  const std::string& query = query_param(target, "the words to find", kNoLimit);
  const std::string* language = param(target, "lang");
  if (language == nullptr || language->empty())
    throw RequestError(400, "lang (the side searched) is missing");
  language_param(language, "lang");
  tm::ConcordanceOptions concordance_options;
  concordance_options.language = *language;
  concordance_options.max_results = number_param(target, "limit", 20, 1, 200);
  const std::string* substring = param(target, "substring");
  if (substring != nullptr && (*substring == "1" || *substring == "true"))
    concordance_options.mode = tm::ConcordanceOptions::Mode::substring;
  const auto hits = require_memory()->concordance(query, concordance_options);
  json out = json::array();
  for (const auto& hit : hits)
    out.push_back(tolk::json::concordance_hit_json(hit));
  return json_response({{"query", query}, {"hits", out}});
}

Response Service::State::add_unit(const Request& request) const {
  const json body = parse_body(request);
  tm::TranslationUnit unit;
  unit.source_language = tm::normalize_language_tag(tag_field(body, "source_language"));
  tm::Variant source;
  source.language = unit.source_language;
  source.segment.text = string_field(body, "source");
  tm::Variant target;
  target.language = tm::normalize_language_tag(tag_field(body, "target_language"));
  target.segment.text = string_field(body, "target");
  unit.variants = {std::move(source), std::move(target)};
  unit.context = string_field(body, "context", false);
  try {
    tm::require_valid(unit);
  } catch (const tm::TranslationMemoryError& error) {
    throw RequestError(400, error.what());
  }
  const auto result = memory_for_writing()->add(std::span(&unit, 1));
  return json_response({{"stored", result.added + result.replaced > 0}}, 201);
}

Response Service::State::check_texts(const Request& request) const {
  const json body = parse_body(request);
  const std::string source = string_field(body, "source");
  const std::string target = string_field(body, "target");
  const std::string from_tag = tag_field(body, "source_language");
  const std::string to_tag = tag_field(body, "target_language");
  const auto from = language_param(&from_tag, "source_language");
  const auto to = language_param(&to_tag, "target_language");
  require_termbase();
  build_terminology();
  const auto document = check::aligned_text_document(source, target, *from, *to, "request");
  const auto findings = checker->check(document);
  return json_response(tolk::json::findings_json(document, findings));
}

Response Service::State::glossary(const ParsedTarget& target) const {
  const std::string* format_param = param(target, "format");
  const std::string format = format_param && !format_param->empty() ? *format_param : "tbx";
  if (format != "tbx" && format != "tsv" && format != "sheet-html" && format != "sheet-md" &&
      format != "omegat")
    throw RequestError(400, "format must be tbx, tsv, omegat, sheet-html or sheet-md");
  const auto from = language_param(param(target, "from"), "from");
  const auto to = language_param(param(target, "to"), "to");
  if (from.has_value() != to.has_value() || (format == "omegat" && !from))
    throw RequestError(400, "give both from and to (or neither)");
  std::vector<std::string> domains;
  if (const std::string* list = param(target, "domains"))
    domains = split_list(*list);

  std::vector<termbase::Concept> selected;
  require_termbase().for_each([&](const termbase::Concept& entry) {
    const bool wanted =
        domains.empty() || std::any_of(domains.begin(), domains.end(), [&](const auto& domain) {
          return std::find(entry.domains.begin(), entry.domains.end(), domain) !=
                 entry.domains.end();
        });
    if (wanted)
      selected.push_back(entry);
  });
  for (const auto& domain : domains) {
    const bool known = std::any_of(selected.begin(), selected.end(), [&](const auto& entry) {
      return std::find(entry.domains.begin(), entry.domains.end(), domain) != entry.domains.end();
    });
    if (!known)
      throw RequestError(404, "no concept in the domain '" + domain + "'");
  }
  std::vector<text::Language> languages(text::kSupportedLanguages.begin(),
                                        text::kSupportedLanguages.end());
  if (from)
    languages = {*from, *to};

  std::ostringstream out;
  Response response;
  std::string file = options.termbase;
  if (format == "tbx") {
    termbase::TbxWriteOptions tbx;
    tbx.title = "tolk termbase " + options.termbase;
    termbase::write_tbx(out, selected, tbx);
    response.content_type = "application/x-tbx+xml; charset=utf-8";
    file += ".tbx";
  } else if (format == "tsv") {
    termbase::write_delimited_glossary(out, selected, languages, '\t');
    response.content_type = "text/tab-separated-values; charset=utf-8";
    file += ".tsv";
  } else if (format == "omegat") {
    termbase::write_omegat_glossary(out, selected, *from, *to);
    response.content_type = "text/plain; charset=utf-8";
    file += "-" + std::string(text::language_code(*from)) + "-" +
            std::string(text::language_code(*to)) + ".txt";
  } else {
    termbase::HearingSheetOptions sheet;
    sheet.title = "Hearing sheet";
    sheet.subtitle =
        "termbase " + options.termbase + ", " + std::to_string(selected.size()) + " concepts";
    sheet.domains = domains;
    sheet.languages = languages;
    sheet.sort_language = languages.front();
    if (format == "sheet-html") {
      termbase::write_hearing_sheet_html(out, selected, sheet);
      response.content_type = "text/html; charset=utf-8";
      file += "-hearing-sheet.html";
    } else {
      termbase::write_hearing_sheet_markdown(out, selected, sheet);
      response.content_type = "text/markdown; charset=utf-8";
      file += "-hearing-sheet.md";
    }
  }
  response.body = out.str();
  const std::string* download = param(target, "download");
  const bool inline_page = format == "sheet-html" && !(download && *download == "1");
  response.headers.emplace_back(
      "Content-Disposition",
      std::string(inline_page ? "inline" : "attachment") + "; filename=\"" + file + "\"");
  return response;
}

}  // namespace tolk::http
