// gettext PO reader on arbitrary bytes (see gettext_input.hpp).
#include "gettext_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static tolk::fuzz::InputFile input(".po");
  tolk::fuzz::read_gettext_bytes(
      input, data, size, [](const auto& file, const auto& target, const auto& options) {
        tolk::tm::read_po(
            file, [](tolk::tm::TranslationUnit&&) {}, "en", target, options);
      });
  return 0;
}
