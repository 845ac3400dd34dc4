#include "serve_commands.hpp"

#include <signal.h>

#include <atomic>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <memory>
#include <mutex>
#include <thread>

#include "exit_codes.hpp"
#include "messages.hpp"
#include "tolk/http/server.hpp"

namespace tolk::cli {
namespace {

struct ServeCommand {
  std::string host = "127.0.0.1";
  int port = 8377;
  std::string token;
  std::string termbase = "legal";
  std::string memory = "legal";
  std::string personal = "personal";
  std::vector<std::string> allowed_hosts;
  std::size_t threads = 16;
  std::size_t max_body = std::size_t{1} << 20;
  bool verbose = false;
};

// SIGINT and SIGTERM blocked in this thread for the object's life, and so in every thread
// started meanwhile (the server's): no handler ever runs inside cpp-httplib's code.
class BlockedStopSignals {
 public:
  BlockedStopSignals() {
    sigemptyset(&signals_);
    sigaddset(&signals_, SIGINT);
    sigaddset(&signals_, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals_, &previous_);
  }
  ~BlockedStopSignals() { pthread_sigmask(SIG_SETMASK, &previous_, nullptr); }
  BlockedStopSignals(const BlockedStopSignals&) = delete;
  BlockedStopSignals& operator=(const BlockedStopSignals&) = delete;
  const sigset_t& signals() const { return signals_; }

 private:
  sigset_t signals_{};
  sigset_t previous_{};
};

// One thread takes the blocked signals and stops the server.
class SignalStop {
 public:
  SignalStop(const BlockedStopSignals& blocked, http::Server& server) {
    waiter_ = std::thread([this, &signals = blocked.signals(), &server] {
      const timespec interval{0, 200'000'000};
      while (!done_) {
        if (sigtimedwait(&signals, nullptr, &interval) > 0) {
          received_ = true;
          server.stop();
          return;
        }
      }
    });
  }
  ~SignalStop() {
    done_ = true;
    waiter_.join();
  }
  SignalStop(const SignalStop&) = delete;
  SignalStop& operator=(const SignalStop&) = delete;
  bool received() const { return received_; }

 private:
  std::atomic<bool> done_{false};
  std::atomic<bool> received_{false};
  std::thread waiter_;
};

int run_serve(const GlobalOptions& global, const ServeCommand& command) {
  http::ServiceOptions service;
  service.data_directory = global.data_directory;
  service.host = command.host;
  service.port = command.port;
  service.token = command.token;
  if (service.token.empty()) {
    if (const char* token = std::getenv("TOLK_TOKEN"))
      service.token = token;
  }
  service.termbase = command.termbase;
  service.translation_memory = command.memory;
  service.personal_termbase = command.personal;
  service.allowed_hosts = command.allowed_hosts;
  service.max_body_bytes = command.max_body;
  if (service.token.empty() && !http::is_loopback_host(service.host))
    throw UsageError(
        tr("listening on an address other than loopback needs a token (--token or "
           "$TOLK_TOKEN)"));

  http::ServerOptions options;
  options.threads = command.threads;
  auto log_mutex = std::make_shared<std::mutex>();
  if (command.verbose) {
    options.log = [log_mutex](const std::string& line) {
      std::lock_guard lock(*log_mutex);
      std::cerr << "tolk serve: " << line << std::endl;
    };
  }
  // Signals are blocked before the server starts its threads, so that they inherit the mask.
  const BlockedStopSignals blocked;
  auto server = std::make_unique<http::Server>(std::move(service), std::move(options));
  SignalStop stop(blocked, *server);
  std::cout << tr("tolk serve: listening on") << ' ' << server->url() << std::endl;
  if (!server->service().options().token.empty())
    std::cout << tr("Open the page with the token:") << ' ' << server->url()
              << "#token=" << server->service().options().token << std::endl;
  // Recognition, checks and term repair need every concept lemmatised: built while the first
  // requests (lookups need none of it) are already answered.
  std::thread warm_up([&server] {
    try {
      server->service().warm_up();
    } catch (const std::exception& error) {
      std::cerr << "tolk serve: " << error.what() << std::endl;
    }
  });
  server->run();
  warm_up.join();
  std::cout << (stop.received() ? tr("tolk serve: stopped by a signal") : tr("tolk serve: stopped"))
            << std::endl;
  return kSuccess;
}

}  // namespace

void add_serve_commands(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto command = std::make_shared<ServeCommand>();
  CLI::App* serve = app.add_subcommand(
      "serve", tr("The HTTP API (JSON) and the web pages: search, concept cards, TM concordance, "
                  "hearing sheets, the interpreters' booth page"));
  serve->add_option("--host", command->host,
                    tr("Address to listen on (default 127.0.0.1; any other needs a token)"));
  serve->add_option("-p,--port", command->port, tr("Port (default 8377; 0: any free port)"))
      ->check(CLI::Range(0, 65535));
  serve->add_option("--token", command->token,
                    tr("Every API request must carry 'Authorization: Bearer TOKEN' (default: "
                       "$TOLK_TOKEN)"));
  serve->add_option("-t,--termbase", command->termbase,
                    tr("Termbase name in the workspace (default: legal)"));
  serve->add_option("-m,--tm", command->memory,
                    tr("Translation memory name in the workspace (default: legal)"));
  serve->add_option("--personal", command->personal,
                    tr("The interpreter's own termbase, searched too (default: personal)"));
  serve->add_option("--allow-host", command->allowed_hosts,
                    tr("Another name the Host header may give (repeatable)"));
  serve->add_option("--threads", command->threads, tr("Connections served at once (default 16)"))
      ->check(CLI::Range(2, 256));
  serve
      ->add_option("--max-body", command->max_body,
                   tr("Largest request body in bytes (default 1048576)"))
      ->check(CLI::Range(1024, 64 << 20));
  serve->add_flag("-v,--verbose", command->verbose, tr("Log one line per request to stderr"));
  serve->callback([&global, command, &exit_code] { exit_code = run_serve(global, *command); });
}

}  // namespace tolk::cli
