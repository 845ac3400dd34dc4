#pragma once
// The HTTP API of tolk as a pure function: a parsed request in, a response out. No sockets here,
// so that the rules (routing, Host, Origin and token checks, limits, error bodies) are tested and
// fuzzed without a network; server.hpp puts it on a socket with cpp-httplib. The endpoints are a
// thin layer over termbase/, tm/, check/ and json/: the answers are the JSON forms the CLI prints
// with --json.

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tolk::http {

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // the request-target as received: path and query, percent-encoded
  std::vector<std::pair<std::string, std::string>> headers;  // names compared case-insensitively
  std::string body;

  // The first value of a header, or nothing.
  std::optional<std::string_view> header(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // besides Content-Type

  std::optional<std::string_view> header(std::string_view name) const;
};

struct ServiceOptions {
  std::filesystem::path data_directory;  // the workspace
  std::string termbase = "legal";
  std::string translation_memory = "legal";
  // The interpreter's own termbase (tolk term add): the booth searches it too and marks its
  // entries as own. Empty, or a termbase that does not exist: none.
  std::string personal_termbase = "personal";
  // Where the server listens: the Host header must name this address, localhost, or one of
  // allowed_hosts, and the port (no DNS rebinding).
  std::string host = "127.0.0.1";
  int port = 8377;
  std::vector<std::string> allowed_hosts;
  // Every API request must carry "Authorization: Bearer <token>" when this is not empty; it must
  // not be empty when `host` is not a loopback address (the constructor throws).
  std::string token;
  std::size_t max_body_bytes = std::size_t{1} << 20;
  std::size_t max_lookup_limit = 100;
};

class ServiceError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One route the service answers: "GET", "/api/v1/concepts/{id}".
struct Route {
  std::string_view method;
  std::string_view path;
};

// True for 127.0.0.0/8, ::1 and "localhost".
bool is_loopback_host(std::string_view host);

class Service {
 public:
  // Opens the workspace, its termbase and TM (each may be missing: the endpoints that need it
  // answer 404 until it exists; the TM is created by the first POST /api/v1/tm/units). Throws
  // ServiceError for a bad configuration, store::WorkspaceError without a workspace.
  explicit Service(ServiceOptions options);
  ~Service();
  Service(Service&&) noexcept;
  Service& operator=(Service&&) noexcept;

  // Answers one request. Safe to call from several threads at once; never throws (an unexpected
  // exception becomes a 500 with an error body). This is the function a fuzz target calls.
  Response handle(const Request& request) const;

  // The checks that need only the request line and headers (Host, Origin, token, method, size
  // announced by Content-Length): a refusal, or nothing when the request may go on. handle()
  // applies them too; a server calls this before reading a body it would refuse.
  std::optional<Response> refuse(const Request& request) const;

  // Builds what recognition, check and term repair need (every concept, lemmatised) now rather
  // than on the first request that needs it.
  void warm_up() const;

  const ServiceOptions& options() const;

  // Every route, pages included (the OpenAPI document lists exactly these).
  static std::vector<Route> routes();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// The error body of the API: {"error": {"code", "message"}} with the matching status.
Response error_response(int status, std::string_view message);

}  // namespace tolk::http
