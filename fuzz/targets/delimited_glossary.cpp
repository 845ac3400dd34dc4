// The CSV/TSV glossary readers (multi-column with a header row, and OmegaT's three columns) on
// arbitrary bytes, lenient and strict.
#include <cstdint>

#include "fuzz_input.hpp"
#include "tolk/termbase/exchange.hpp"
#include "tolk/text/utf8.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tolk::termbase;
  static tolk::fuzz::InputFile input(".csv");
  const auto& file = input.write(tolk::fuzz::as_view(data, size));
  for (const auto strictness : {Strictness::lenient, Strictness::strict}) {
    try {
      read_delimited_glossary(file, strictness);
    } catch (const ImportError&) {
    } catch (const tolk::text::InvalidUtf8Error&) {
    }
    try {
      read_omegat_glossary(file, tolk::text::Language::nl, tolk::text::Language::en, strictness);
    } catch (const ImportError&) {
    } catch (const tolk::text::InvalidUtf8Error&) {
    }
  }
  return 0;
}
