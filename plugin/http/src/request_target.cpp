#include "request_target.hpp"

#include <algorithm>

#include "tolk/io/strings.hpp"

namespace tolk::http {
std::optional<ParsedTarget> parse_target(std::string_view target) {
  if (target.empty() || target.front() != '/')
    return std::nullopt;
  const auto question = target.find('?');
  const std::string_view path = target.substr(0, question);
  ParsedTarget parsed;
  std::size_t start = 1;
  while (start <= path.size()) {
    const auto slash = std::min(path.find('/', start), path.size());
    auto segment = io::percent_decode(path.substr(start, slash - start), false);
    if (!segment)
      return std::nullopt;
    parsed.segments.push_back(std::move(*segment));
    start = slash + 1;
  }
  if (question == std::string_view::npos)
    return parsed;
  const std::string_view query = target.substr(question + 1);
  start = 0;
  while (start <= query.size()) {
    const auto amp = std::min(query.find('&', start), query.size());
    const std::string_view pair = query.substr(start, amp - start);
    start = amp + 1;
    if (pair.empty())
      continue;
    const auto equals = pair.find('=');
    auto key = io::percent_decode(pair.substr(0, equals), true);
    auto value = io::percent_decode(
        equals == std::string_view::npos ? std::string_view() : pair.substr(equals + 1), true);
    if (!key || !value)
      return std::nullopt;
    parsed.query.emplace_back(std::move(*key), std::move(*value));
  }
  return parsed;
}

}  // namespace tolk::http
