// The glossaries/ JSON import (schema tolk-glossary/1) on arbitrary bytes, lenient and strict.
#include <cstdint>

#include "fuzz_input.hpp"
#include "tolk/termbase/exchange.hpp"
#include "tolk/text/utf8.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tolk::termbase;
  static tolk::fuzz::InputFile input(".json");
  const auto& file = input.write(tolk::fuzz::as_view(data, size));
  for (const auto strictness : {Strictness::lenient, Strictness::strict}) {
    try {
      read_glossary_json(file, strictness);
    } catch (const ImportError&) {
    } catch (const tolk::text::InvalidUtf8Error&) {
    }
  }
  return 0;
}
