#pragma once
// The request-target of an HTTP request ("/api/v1/concepts/desertion?x=1") split into decoded
// path segments and query parameters.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tolk::http {

struct ParsedTarget {
  std::vector<std::string> segments;  // "/a/b%2Fc" -> {"a", "b/c"}; "/" -> {""}
  std::vector<std::pair<std::string, std::string>> query;  // in order; '+' is a space
};

// Nothing when the target is not origin-form (does not start with '/') or has a bad %-escape.
// Decoding per segment keeps an encoded '/' inside its segment, so "%2F.." cannot climb.
std::optional<ParsedTarget> parse_target(std::string_view target);

}  // namespace tolk::http
