// The language server's JSON-RPC framing (Content-Length headers) on arbitrary bytes: the buffer
// is parsed message after message as the server does, and the parser must keep its promises:
// never past the buffer, always progress unless more bytes are needed.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "fuzz_input.hpp"
#include "tolk/lsp/jsonrpc.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using tolk::lsp::ParsedMessage;
  std::string_view buffer = tolk::fuzz::as_view(data, size);
  while (!buffer.empty()) {
    const ParsedMessage message = tolk::lsp::parse_message(buffer);
    if (message.status == ParsedMessage::Status::incomplete)
      break;
    if (message.consumed == 0 || message.consumed > buffer.size())
      std::abort();
    if (message.status == ParsedMessage::Status::complete &&
        (message.body.data() < buffer.data() ||
         message.body.data() + message.body.size() > buffer.data() + message.consumed))
      std::abort();
    buffer.remove_prefix(message.consumed);
  }
  return 0;
}
