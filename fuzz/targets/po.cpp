// gettext PO reader on arbitrary bytes (from a file, as the reader takes a path), lenient and
// strict, with and without a target language given.
#include <cstdint>
#include <optional>
#include <string>

#include "fuzz_input.hpp"
#include "tolk/text/utf8.hpp"
#include "tolk/tm/exchange.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tolk::tm;
  static tolk::fuzz::InputFile input(".po");
  const auto& file = input.write(tolk::fuzz::as_view(data, size));
  for (const auto strictness : {Strictness::lenient, Strictness::strict}) {
    for (const auto& target : {std::optional<std::string>(), std::optional<std::string>("nl")}) {
      try {
        ReadOptions options;
        options.strictness = strictness;
        read_po(
            file, [](TranslationUnit&&) {}, "en", target, options);
      } catch (const ImportError&) {
      } catch (const tolk::text::InvalidUtf8Error&) {
      }
    }
  }
  return 0;
}
