#include "icu_support.hpp"

#include <unicode/errorcode.h>

#include <limits>
#include <stdexcept>

namespace tolk::text::icu_support {

void check(UErrorCode status, std::string_view what) {
  if (U_FAILURE(status)) {
    throw std::runtime_error(std::string(what) + ": ICU error " + u_errorName(status));
  }
}

icu::UnicodeString to_unicode(std::string_view utf8) {
  return icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
}

std::string to_utf8(const icu::UnicodeString& text) {
  std::string out;
  text.toUTF8String(out);
  return out;
}

UTextPointer open_utf8_text(std::string_view utf8) {
  if (utf8.size() > static_cast<std::size_t>(std::numeric_limits<int64_t>::max())) {
    throw std::length_error("text too large for ICU");
  }
  UErrorCode status = U_ZERO_ERROR;
  UText* text = utext_openUTF8(nullptr, utf8.data(), static_cast<int64_t>(utf8.size()), &status);
  UTextPointer owned(text);
  check(status, "utext_openUTF8");
  return owned;
}

}  // namespace tolk::text::icu_support
