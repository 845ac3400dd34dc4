#pragma once
// The gettext readers (PO, MO) take a path: the bytes go to a file, which is read lenient and
// strict, with and without a target language given. Only the readers' documented errors may
// leave them.

#include <cstdint>
#include <optional>
#include <string>

#include "fuzz_input.hpp"
#include "tolk/text/utf8.hpp"
#include "tolk/tm/exchange.hpp"

namespace tolk::fuzz {

template <typename Reader>
void read_gettext_bytes(InputFile& input, const std::uint8_t* data, std::size_t size,
                        Reader&& read) {
  const auto& file = input.write(as_view(data, size));
  for (const auto strictness : {tm::Strictness::lenient, tm::Strictness::strict}) {
    for (const auto& target : {std::optional<std::string>(), std::optional<std::string>("nl")}) {
      try {
        tm::ReadOptions options;
        options.strictness = strictness;
        read(file, target, options);
      } catch (const tm::ImportError&) {
      } catch (const text::InvalidUtf8Error&) {
      }
    }
  }
}

}  // namespace tolk::fuzz
