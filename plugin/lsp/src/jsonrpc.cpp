#include "tolk/lsp/jsonrpc.hpp"

#include <algorithm>
#include <cctype>

#include "tolk/io/strings.hpp"

namespace tolk::lsp {
namespace {

ParsedMessage invalid(std::size_t consumed, std::string error) {
  ParsedMessage result;
  result.status = ParsedMessage::Status::invalid;
  result.consumed = consumed;
  result.error = std::move(error);
  return result;
}

}  // namespace

ParsedMessage parse_message(std::string_view buffer) {
  // Bytes before a header (the rest of a body whose length was wrong, stray line breaks) are
  // skipped up to the next "Content-", so that one bad message does not end the session.
  static constexpr std::string_view kPrefix = "Content-";
  const std::size_t compared = std::min(buffer.size(), kPrefix.size());
  if (!io::equal_ignoring_ascii_case(buffer.substr(0, compared), kPrefix.substr(0, compared))) {
    const auto next = buffer.find(kPrefix, 1);
    if (next != std::string_view::npos)
      return invalid(next, "bytes outside a message were skipped");
    // Keep a tail that may be the start of the next header.
    const std::size_t keep = std::min(buffer.size() - 1, kPrefix.size() - 1);
    return invalid(buffer.size() - keep, "bytes outside a message were skipped");
  }

  const auto header_end = buffer.find("\r\n\r\n");
  if (header_end == std::string_view::npos) {
    if (buffer.size() > kMaxHeaderBytes)
      return invalid(buffer.size(), "header block too long");
    return {};
  }
  const std::size_t body_begin = header_end + 4;
  if (header_end > kMaxHeaderBytes)
    return invalid(body_begin, "header block too long");

  bool have_length = false;
  std::size_t length = 0;
  std::string_view headers = buffer.substr(0, header_end);
  while (!headers.empty()) {
    const auto line_end = headers.find("\r\n");
    const std::string_view line = headers.substr(0, line_end);
    headers =
        line_end == std::string_view::npos ? std::string_view{} : headers.substr(line_end + 2);
    const auto colon = line.find(':');
    if (colon == std::string_view::npos)
      return invalid(body_begin, "header line without ':'");
    const std::string_view name = io::trim(line.substr(0, colon));
    const std::string_view value = io::trim(line.substr(colon + 1));
    if (!io::equal_ignoring_ascii_case(name, "Content-Length"))
      continue;  // Content-Type and unknown headers are allowed and ignored
    if (value.empty() || value.size() > 12 || !std::all_of(value.begin(), value.end(), [](char c) {
          return std::isdigit(static_cast<unsigned char>(c));
        })) {
      return invalid(body_begin, "Content-Length is not a number");
    }
    length = 0;
    for (const char c : value)
      length = length * 10 + static_cast<std::size_t>(c - '0');
    have_length = true;
  }
  if (!have_length)
    return invalid(body_begin, "no Content-Length header");
  if (length > kMaxContentLength)
    return invalid(body_begin, "Content-Length exceeds the limit of " +
                                   std::to_string(kMaxContentLength) + " bytes");
  if (buffer.size() - body_begin < length)
    return {};
  ParsedMessage result;
  result.status = ParsedMessage::Status::complete;
  result.consumed = body_begin + length;
  result.body = buffer.substr(body_begin, length);
  return result;
}

std::string frame_message(const nlohmann::json& message) {
  // Invalid UTF-8 from a document must not make dump() throw: replace it.
  const std::string body = message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

nlohmann::json error_response(const nlohmann::json& id, int code, std::string_view message) {
  return {{"jsonrpc", "2.0"},
          {"id", id},
          {"error", {{"code", code}, {"message", std::string(message)}}}};
}

nlohmann::json result_response(const nlohmann::json& id, nlohmann::json result) {
  return {{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}};
}

nlohmann::json notification(std::string_view method, nlohmann::json params) {
  return {{"jsonrpc", "2.0"}, {"method", std::string(method)}, {"params", std::move(params)}};
}

}  // namespace tolk::lsp
