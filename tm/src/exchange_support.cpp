// What the TM readers share beyond io/: the language tag as recorded.

#include "exchange_support.hpp"

#include "tolk/io/strings.hpp"

namespace tolk::tm::exchange_support {

std::string language_as_recorded(std::string_view tag) {
  const std::string_view trimmed = io::trim(tag);
  if (trimmed == "*all*") {
    return std::string(trimmed);
  }
  return normalize_language_tag(trimmed);
}

}  // namespace tolk::tm::exchange_support
