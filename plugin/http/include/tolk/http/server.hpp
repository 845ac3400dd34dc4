#pragma once
// tolk's HTTP server: the Service (service.hpp) on a socket, with cpp-httplib's thread pool,
// read and write timeouts, and the body size limit.

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "tolk/http/service.hpp"

namespace tolk::http {

struct ServerOptions {
  std::size_t threads = 16;            // connections served at once; more wait in a queue
  int read_timeout_seconds = 10;       // a client that sends nothing for this long is dropped
  int write_timeout_seconds = 10;      // one that reads nothing for this long too
  int keep_alive_timeout_seconds = 3;  // an idle kept-alive connection holds a thread this long
  // One line per request (method, target, status, bytes, milliseconds); empty: no log.
  std::function<void(const std::string&)> log;
};

class Server {
 public:
  // Binds to service.options().host and port (port 0: any free port). Throws ServiceError when
  // the address cannot be bound.
  Server(ServiceOptions service_options, ServerOptions options = {});
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  int port() const;         // the bound port
  std::string url() const;  // http://host:port/
  const Service& service() const;

  // Serves until stop() is called (from another thread or a signal-handling thread).
  void run();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tolk::http
