#pragma once
// Small RAII and conversion helpers around ICU, private to the text library.

#include <unicode/unistr.h>
#include <unicode/utext.h>
#include <unicode/utypes.h>

#include <memory>
#include <string>
#include <string_view>

namespace tolk::text::icu_support {

// Throws std::runtime_error naming `what` when `status` is a failure.
void check(UErrorCode status, std::string_view what);

icu::UnicodeString to_unicode(std::string_view utf8);
std::string to_utf8(const icu::UnicodeString& text);

struct UTextCloser {
  void operator()(UText* text) const { utext_close(text); }
};
using UTextPointer = std::unique_ptr<UText, UTextCloser>;

// A UText over UTF-8 bytes whose native indexes are byte offsets into `utf8`.
UTextPointer open_utf8_text(std::string_view utf8);

}  // namespace tolk::text::icu_support
