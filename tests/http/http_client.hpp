#pragma once
// What the HTTP tests need to drive a real `tolk serve`: the process (started on a free port,
// stopped with SIGTERM) and a client over plain sockets that sends exactly the bytes it is given,
// so that malformed and hostile requests can be sent too.

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace tolk::testing {

// A socket, closed at the end of the scope.
class Socket {
 public:
  Socket(const std::string& address, int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0)
      throw std::runtime_error("socket() failed");
    sockaddr_in peer{};
    peer.sin_family = AF_INET;
    peer.sin_port = htons(static_cast<std::uint16_t>(port));
    ::inet_pton(AF_INET, address.c_str(), &peer.sin_addr);
    if (::connect(fd_, reinterpret_cast<const sockaddr*>(&peer), sizeof peer) != 0) {
      ::close(fd_);
      throw std::runtime_error("cannot connect to " + address + ":" + std::to_string(port));
    }
  }
  ~Socket() { ::close(fd_); }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;

  // Sends everything it can; false when the server closed the connection first.
  bool send_all(const std::string& bytes) const {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
      const ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n <= 0)
        return false;
      sent += static_cast<std::size_t>(n);
    }
    return true;
  }

  // Tells the server that nothing more comes (it answers what it has, then closes).
  void finish_sending() const { ::shutdown(fd_, SHUT_WR); }

  // Reads until the server closes the connection or `seconds` pass without data.
  std::string receive_all(int seconds = 20) const {
    std::string out;
    char buffer[8192];
    for (;;) {
      pollfd descriptor{fd_, POLLIN, 0};
      if (::poll(&descriptor, 1, seconds * 1000) <= 0)
        break;
      const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n <= 0)
        break;
      out.append(buffer, static_cast<std::size_t>(n));
    }
    return out;
  }

 private:
  int fd_ = -1;
};

struct HttpResponse {
  int status = 0;  // 0: no answer
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  std::optional<std::string> header(const std::string& name) const {
    for (const auto& [key, value] : headers) {
      if (key.size() == name.size() &&
          std::equal(key.begin(), key.end(), name.begin(),
                     [](char a, char b) { return std::tolower(a) == std::tolower(b); }))
        return value;
    }
    return std::nullopt;
  }
};

inline HttpResponse parse_response(const std::string& raw) {
  HttpResponse response;
  const auto end_of_head = raw.find("\r\n\r\n");
  if (raw.rfind("HTTP/1.", 0) != 0 || end_of_head == std::string::npos)
    return response;
  response.status = std::stoi(raw.substr(9, 3));
  std::size_t line = raw.find("\r\n") + 2;
  while (line < end_of_head) {
    const auto next = raw.find("\r\n", line);
    const std::string text = raw.substr(line, next - line);
    const auto colon = text.find(':');
    if (colon != std::string::npos) {
      std::string value = text.substr(colon + 1);
      while (!value.empty() && value.front() == ' ')
        value.erase(0, 1);
      response.headers.emplace_back(text.substr(0, colon), value);
    }
    line = next + 2;
  }
  response.body = raw.substr(end_of_head + 4);
  return response;
}

// `tolk serve` on a free port of `host`, with the workspace `data`; stopped with SIGTERM.
// `launcher`: a program and its arguments that run tolk (setpriv, to run it as another user).
class ServerProcess {
 public:
  ServerProcess(const std::string& binary, const std::string& data,
                std::vector<std::string> extra = {}, const std::string& host = "127.0.0.1",
                std::vector<std::string> launcher = {})
      : host_(host) {
    int output[2];
    if (::pipe(output) != 0)
      throw std::runtime_error("pipe() failed");
    std::vector<std::string> arguments = std::move(launcher);
    for (const std::string& argument :
         {binary, std::string("-d"), data, std::string("serve"), std::string("--host"), host,
          std::string("--port"), std::string("0")})
      arguments.push_back(argument);
    arguments.insert(arguments.end(), extra.begin(), extra.end());
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(output[1], STDOUT_FILENO);
      ::close(output[0]);
      ::close(output[1]);
      std::vector<char*> argv;
      for (auto& argument : arguments)
        argv.push_back(argument.data());
      argv.push_back(nullptr);
      ::setenv("LANG", "C.UTF-8", 1);
      ::unsetenv("TOLK_TOKEN");
      ::execvp(argv[0], argv.data());
      ::_exit(127);
    }
    ::close(output[1]);
    output_ = output[0];
    // The first line names the URL: "tolk serve: listening on http://127.0.0.1:PORT/".
    const std::string line = read_line(60);
    const auto colon = line.rfind(':');
    if (line.find("http://") == std::string::npos || colon == std::string::npos)
      throw std::runtime_error("tolk serve did not start: '" + line + "'");
    port_ = std::stoi(line.substr(colon + 1));
    url_ = line.substr(line.find("http://"));
  }
  ~ServerProcess() {
    if (pid_ > 0)
      stop();
    if (output_ >= 0)
      ::close(output_);
  }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  int port() const { return port_; }
  const std::string& host() const { return host_; }
  const std::string& url() const { return url_; }
  std::string authority() const { return host_ + ":" + std::to_string(port_); }

  // True while the process runs.
  bool alive() const { return pid_ > 0 && ::waitpid(pid_, nullptr, WNOHANG) == 0; }

  // SIGTERM, then the exit status (-1 when it did not exit normally).
  int stop() {
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  // Sends raw bytes on a new connection and reads the answer.
  // `finish`: half-close after sending, so that a server waiting for the rest of a malformed
  // request sees the end at once.
  HttpResponse exchange(const std::string& raw, bool finish = false) const {
    Socket socket(host_, port_);
    socket.send_all(raw);
    if (finish)
      socket.finish_sending();
    return parse_response(socket.receive_all());
  }

  HttpResponse request(const std::string& method, const std::string& target,
                       const std::string& body = {},
                       const std::vector<std::string>& headers = {}) const {
    std::string raw = method + " " + target + " HTTP/1.1\r\n";
    bool has_host = false;
    for (const auto& header : headers) {
      raw += header + "\r\n";
      has_host = has_host || header.rfind("Host:", 0) == 0;
    }
    if (!has_host)
      raw += "Host: " + authority() + "\r\n";
    raw += "Connection: close\r\n";
    if (!body.empty() || method == "POST")
      raw += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
             "\r\n";
    raw += "\r\n" + body;
    return exchange(raw);
  }

 private:
  std::string read_line(int seconds) {
    std::string line;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (std::chrono::steady_clock::now() < deadline) {
      pollfd descriptor{output_, POLLIN, 0};
      if (::poll(&descriptor, 1, 1000) <= 0)
        continue;
      char c = 0;
      if (::read(output_, &c, 1) != 1)
        break;
      if (c == '\n')
        return line;
      line += c;
    }
    return line;
  }

  std::string host_;
  pid_t pid_ = -1;
  int output_ = -1;
  int port_ = 0;
  std::string url_;
};

// "a b" -> "a%20b", every byte outside [A-Za-z0-9-._~] escaped.
inline std::string url_encode(const std::string& text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (const char byte : text) {
    const auto c = static_cast<unsigned char>(byte);
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

}  // namespace tolk::testing
