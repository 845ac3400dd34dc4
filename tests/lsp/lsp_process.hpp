#pragma once
// `tolk lsp` as a child process on two pipes, spoken to in framed JSON-RPC, as an editor does.

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "tolk/lsp/jsonrpc.hpp"

extern char** environ;

namespace tolk::testing {

class LspProcess {
 public:
  // Runs `program` with `arguments`; its standard error goes to `stderr_file`.
  LspProcess(const std::string& program, const std::vector<std::string>& arguments,
             const std::string& stderr_file) {
    int to_child[2];
    int from_child[2];
    if (::pipe(to_child) != 0 || ::pipe(from_child) != 0)
      throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, to_child[0], 0);
    posix_spawn_file_actions_adddup2(&actions, from_child[1], 1);
    posix_spawn_file_actions_addopen(&actions, 2, stderr_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    posix_spawn_file_actions_addclose(&actions, to_child[1]);
    posix_spawn_file_actions_addclose(&actions, from_child[0]);
    std::vector<std::string> all{program};
    all.insert(all.end(), arguments.begin(), arguments.end());
    std::vector<char*> argv;
    for (auto& argument : all)
      argv.push_back(argument.data());
    argv.push_back(nullptr);
    const int spawned =
        posix_spawn(&pid_, program.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(to_child[0]);
    ::close(from_child[1]);
    input_ = to_child[1];
    output_ = from_child[0];
    if (spawned != 0)
      throw std::runtime_error("cannot start " + program);
    // Writing to a server that has exited must fail, not kill the test.
    ::signal(SIGPIPE, SIG_IGN);
  }

  ~LspProcess() {
    close_input();
    if (output_ >= 0)
      ::close(output_);
    if (pid_ > 0 && !exit_status_) {
      ::kill(pid_, SIGKILL);
      int status = 0;
      ::waitpid(pid_, &status, 0);
    }
  }

  LspProcess(const LspProcess&) = delete;
  LspProcess& operator=(const LspProcess&) = delete;

  bool write_raw(std::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t written = ::write(input_, bytes.data(), bytes.size());
      if (written <= 0)
        return false;
      bytes.remove_prefix(static_cast<std::size_t>(written));
    }
    return true;
  }

  bool send(const nlohmann::json& message) { return write_raw(lsp::frame_message(message)); }

  int request(const std::string& method, nlohmann::json params) {
    const int id = next_id_++;
    send({{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}});
    return id;
  }

  void notify(const std::string& method, nlohmann::json params) {
    send({{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}});
  }

  // The next message, or nothing when none came within `timeout` or the stream ended.
  std::optional<nlohmann::json> read(std::chrono::milliseconds timeout = std::chrono::seconds(60)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      const auto parsed = lsp::parse_message(buffer_);
      if (parsed.status == lsp::ParsedMessage::Status::complete) {
        auto message = nlohmann::json::parse(parsed.body);
        buffer_.erase(0, parsed.consumed);
        received_.push_back(message);
        return message;
      }
      if (parsed.status == lsp::ParsedMessage::Status::invalid)
        throw std::runtime_error("the server wrote a broken frame: " + parsed.error);
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0)
        return std::nullopt;
      pollfd ready{output_, POLLIN, 0};
      if (::poll(&ready, 1, static_cast<int>(left.count())) <= 0)
        return std::nullopt;
      char chunk[65536];
      const ssize_t n = ::read(output_, chunk, sizeof chunk);
      if (n <= 0)
        return std::nullopt;
      buffer_.append(chunk, static_cast<std::size_t>(n));
    }
  }

  // Reads until a message satisfies `predicate`; the ones before it are kept in received().
  std::optional<nlohmann::json> read_until(
      const std::function<bool(const nlohmann::json&)>& predicate,
      std::chrono::milliseconds timeout = std::chrono::seconds(60)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0)
        return std::nullopt;
      auto message = read(left);
      if (!message)
        return std::nullopt;
      if (predicate(*message))
        return message;
    }
  }

  std::optional<nlohmann::json> response(int id) {
    return read_until([id](const nlohmann::json& m) {
      return m.contains("id") && m["id"] == id && !m.contains("method");
    });
  }

  std::optional<nlohmann::json> diagnostics(const std::string& uri) {
    return read_until([&uri](const nlohmann::json& m) {
      return m.value("method", "") == "textDocument/publishDiagnostics" &&
             m["params"]["uri"] == uri;
    });
  }

  void close_input() {
    if (input_ >= 0) {
      ::close(input_);
      input_ = -1;
    }
  }

  // The raw wait status once the process has ended, or nothing after `timeout`.
  std::optional<int> wait(std::chrono::milliseconds timeout = std::chrono::seconds(60)) {
    if (exit_status_)
      return exit_status_;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        exit_status_ = status;
        return exit_status_;
      }
      ::usleep(20000);
    }
    return std::nullopt;
  }

  const std::vector<nlohmann::json>& received() const { return received_; }

 private:
  pid_t pid_ = -1;
  int input_ = -1;
  int output_ = -1;
  int next_id_ = 1;
  std::string buffer_;
  std::vector<nlohmann::json> received_;
  std::optional<int> exit_status_;
};

}  // namespace tolk::testing
