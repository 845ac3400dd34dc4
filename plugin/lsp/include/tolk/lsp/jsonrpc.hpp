#pragma once
// JSON-RPC 2.0 framing as LSP uses it on a byte stream: a header block ("Content-Length: N",
// optionally "Content-Type: ..."), an empty line, then N bytes of JSON. The parser is a pure
// function over the bytes received so far, so that the transport, the tests and a fuzz target all
// drive the same code.

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace tolk::lsp {

// A header block longer than this is not LSP: it is refused rather than buffered for ever.
inline constexpr std::size_t kMaxHeaderBytes = 16 * 1024;
// The largest message body accepted (a document of this size is already far beyond a text a
// translator edits; the limit keeps a wrong Content-Length from allocating gigabytes).
inline constexpr std::size_t kMaxContentLength = 64 * 1024 * 1024;

struct ParsedMessage {
  enum class Status {
    complete,    // `body` holds one message; drop `consumed` bytes
    incomplete,  // more bytes are needed; nothing is consumed
    invalid,     // a broken header: drop `consumed` bytes, report `error`, read on
  };
  Status status = Status::incomplete;
  std::size_t consumed = 0;
  std::string_view body;  // points into the buffer given
  std::string error;
};

// Looks at the start of `buffer` for one framed message. Never throws, never reads past the
// buffer; `consumed` is always > 0 unless the status is `incomplete`.
ParsedMessage parse_message(std::string_view buffer);

// The framed form of a message: header and body.
std::string frame_message(const nlohmann::json& message);

// JSON-RPC and LSP error codes.
namespace error_code {
inline constexpr int parse_error = -32700;
inline constexpr int invalid_request = -32600;
inline constexpr int method_not_found = -32601;
inline constexpr int invalid_params = -32602;
inline constexpr int internal_error = -32603;
inline constexpr int server_not_initialized = -32002;
inline constexpr int request_failed = -32803;
}  // namespace error_code

nlohmann::json error_response(const nlohmann::json& id, int code, std::string_view message);
nlohmann::json result_response(const nlohmann::json& id, nlohmann::json result);
nlohmann::json notification(std::string_view method, nlohmann::json params);

}  // namespace tolk::lsp
