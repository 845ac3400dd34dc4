// The byte stream side of the server: framed messages in from a file descriptor, out to another.
// One thread: poll() waits for input or for the next debounced diagnostics, whichever comes
// first, so nothing is shared between threads.

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <string>

#include "tolk/lsp/jsonrpc.hpp"
#include "tolk/lsp/server.hpp"

namespace tolk::lsp {
namespace {

// False when the client is gone (EPIPE and the like).
bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR)
        continue;
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

bool send(int fd, const std::vector<nlohmann::json>& messages) {
  for (const auto& message : messages) {
    if (!write_all(fd, frame_message(message)))
      return false;
  }
  return true;
}

}  // namespace

int run_stdio(Server& server, int input_fd, int output_fd) {
  // A client that closes its end must not kill the server with SIGPIPE: write() fails instead and
  // the loop ends.
  std::signal(SIGPIPE, SIG_IGN);
  std::string buffer;
  std::string chunk(1 << 20, '\0');
  for (;;) {
    int timeout = -1;
    if (const auto deadline = server.next_deadline()) {
      const auto wait =
          std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - Server::Clock::now());
      timeout = static_cast<int>(std::max<long long>(0, wait.count()));
    }
    pollfd input{input_fd, POLLIN, 0};
    const int ready = ::poll(&input, 1, timeout);
    if (ready < 0 && errno != EINTR)
      return 1;
    if (ready > 0) {
      const ssize_t received = ::read(input_fd, chunk.data(), chunk.size());
      if (received < 0 && errno != EINTR && errno != EAGAIN)
        return 1;
      if (received == 0)  // the client closed the stream without "exit"
        return server.exit_requested() ? server.exit_code() : 1;
      if (received > 0)
        buffer.append(chunk.data(), static_cast<std::size_t>(received));
      std::size_t start = 0;
      for (;;) {
        const ParsedMessage parsed = parse_message(std::string_view(buffer).substr(start));
        if (parsed.status == ParsedMessage::Status::incomplete)
          break;
        start += parsed.consumed;
        std::vector<nlohmann::json> replies;
        if (parsed.status == ParsedMessage::Status::invalid)
          replies.push_back(error_response(nullptr, error_code::parse_error, parsed.error));
        else
          replies = server.handle(parsed.body);
        if (!send(output_fd, replies))
          return 1;
        if (server.exit_requested())
          return server.exit_code();
      }
      buffer.erase(0, start);
    }
    if (!send(output_fd, server.publish_due_diagnostics(Server::Clock::now())))
      return 1;
  }
}

}  // namespace tolk::lsp
