#include "tolk/http/server.hpp"

#include <httplib.h>

#include <chrono>
#include <optional>
#include <sstream>

namespace tolk::http {
namespace {

// The methods whose requests carry a body the service reads.
bool expects_body(const httplib::Request& request) {
  return request.method == "POST";
}

Request to_request(const httplib::Request& from, bool with_body) {
  Request request;
  request.method = from.method;
  request.target = from.target;
  for (const auto& [name, value] : from.headers)
    request.headers.emplace_back(name, value);
  if (with_body)
    request.body = from.body;
  return request;
}

void apply(const Response& from, httplib::Response& to) {
  to.status = from.status;
  for (const auto& [name, value] : from.headers)
    to.set_header(name, value);
  to.set_content(from.body,
                 from.content_type.empty() ? "application/octet-stream" : from.content_type);
}

// What cpp-httplib's own refusals mean, for the error body.
std::string reason(int status) {
  switch (status) {
    case 400:
      return "malformed request";
    case 404:
      return "no such page or endpoint";
    case 413:
      return "the body is too large";
    case 414:
      return "the request target is too long";
    case 416:
      return "bad Range header";
    default:
      return "request failed";
  }
}

std::string bracketed(const std::string& host) {
  return host.find(':') != std::string::npos ? "[" + host + "]" : host;
}

}  // namespace

struct Server::Impl {
  httplib::Server server;
  std::optional<Service> service;
  ServerOptions options;
  std::string host;
  int port = 0;
};

Server::Server(ServiceOptions service_options, ServerOptions options)
    : impl_(std::make_unique<Impl>()) {
  Impl& impl = *impl_;
  impl.options = std::move(options);
  impl.host = service_options.host;
  // Refuse a bad configuration (no token off loopback) before anything listens.
  if (service_options.token.empty() && !is_loopback_host(service_options.host))
    throw ServiceError("listening on " + service_options.host +
                       " (not a loopback address) needs a token (--token or $TOLK_TOKEN)");
  httplib::Server& server = impl.server;
  const std::size_t threads = std::max<std::size_t>(impl.options.threads, 2);
  // cpp-httplib takes ownership of the queue it is handed and deletes it when listening ends.
  server.new_task_queue = [threads] {
    return std::make_unique<httplib::ThreadPool>(threads).release();
  };
  server.set_read_timeout(impl.options.read_timeout_seconds, 0);
  server.set_write_timeout(impl.options.write_timeout_seconds, 0);
  server.set_keep_alive_timeout(impl.options.keep_alive_timeout_seconds);
  server.set_payload_max_length(service_options.max_body_bytes);
  // A response goes out as two writes (headers, body); without TCP_NODELAY the body of a response
  // on a kept-alive connection waits for the client's delayed ACK (40 ms on Linux), which a
  // browser's page load and every search keystroke would pay.
  server.set_tcp_nodelay(true);

  if (service_options.port == 0) {
    impl.port = server.bind_to_any_port(service_options.host);
    if (impl.port <= 0)
      throw ServiceError("cannot listen on " + service_options.host);
  } else {
    if (!server.bind_to_port(service_options.host, service_options.port))
      throw ServiceError("cannot listen on " + service_options.host + ":" +
                         std::to_string(service_options.port) +
                         " (in use, or not an address of this machine)");
    impl.port = service_options.port;
  }
  service_options.port = impl.port;
  impl.service.emplace(std::move(service_options));
  const Service& service = *impl.service;

  // Requests without a body are answered before cpp-httplib's own routing; a POST to one of the
  // service's POST routes has its body read first (at most max_body_bytes, else 413).
  const std::size_t max_body = service.options().max_body_bytes;
  server.set_pre_routing_handler(
      [&service, max_body](const httplib::Request& request, httplib::Response& response) {
        // No compressed responses: Debian's cpp-httplib compresses every text and JSON response
        // with brotli at its highest quality when the client accepts it, 20-50 ms per page asset
        // or search answer, which buys nothing on loopback. It decides from the request's
        // Accept-Encoding after the handler, and offers no switch; the request object is the
        // server's own (non-const) one, so the header is dropped here.
        const_cast<httplib::Request&>(request).headers.erase("Accept-Encoding");
        if (expects_body(request)) {
          bool known = false;
          for (const auto& route : Service::routes()) {
            if (route.method == "POST" && route.path == request.path)
              known = true;
          }
          if (known) {
            // cpp-httplib 0.11 reads a chunked body, or one without a length, into memory
            // without a limit: only bodies with a Content-Length are taken. A length far beyond
            // the limit is answered at once rather than read and discarded.
            if (request.has_header("Transfer-Encoding") || !request.has_header("Content-Length")) {
              apply(error_response(411, "send the body with a Content-Length"), response);
              return httplib::Server::HandlerResponse::Handled;
            }
            const std::string length = request.get_header_value("Content-Length");
            if (length.size() > 18 ||
                std::stoull("0" + length.substr(0, length.find_first_not_of("0123456789"))) >
                    16 * max_body) {
              apply(error_response(413, "the body is far larger than the limit"), response);
              return httplib::Server::HandlerResponse::Handled;
            }
            return httplib::Server::HandlerResponse::Unhandled;
          }
        }
        apply(service.handle(to_request(request, false)), response);
        return httplib::Server::HandlerResponse::Handled;
      });
  for (const auto& route : Service::routes()) {
    if (route.method != "POST")
      continue;
    // The route paths are literal (no parameters in POST routes), so the pattern is the path.
    server.Post(std::string(route.path),
                [&service](const httplib::Request& request, httplib::Response& response) {
                  apply(service.handle(to_request(request, true)), response);
                });
  }
  // What cpp-httplib answers itself (400 for a malformed request, 413, 414) gets the API's error
  // body.
  server.set_error_handler(httplib::Server::HandlerWithResponse(
      [](const httplib::Request&, httplib::Response& response) {
        if (!response.body.empty())
          return httplib::Server::HandlerResponse::Unhandled;
        apply(error_response(response.status, reason(response.status)), response);
        return httplib::Server::HandlerResponse::Handled;
      }));
  if (impl.options.log) {
    server.set_logger([log = impl.options.log](const httplib::Request& request,
                                               const httplib::Response& response) {
      std::ostringstream line;
      line << request.remote_addr << ' ' << request.method << ' ' << request.target << ' '
           << response.status << ' ' << response.body.size();
      log(line.str());
    });
  }
}

Server::~Server() {
  stop();
}

int Server::port() const {
  return impl_->port;
}

std::string Server::url() const {
  std::string host = impl_->host;
  if (host == "0.0.0.0" || host == "::")
    host = "127.0.0.1";
  return "http://" + bracketed(host) + ":" + std::to_string(impl_->port) + "/";
}

const Service& Server::service() const {
  return *impl_->service;
}

void Server::run() {
  impl_->server.listen_after_bind();
}

void Server::stop() {
  impl_->server.stop();
}

}  // namespace tolk::http
