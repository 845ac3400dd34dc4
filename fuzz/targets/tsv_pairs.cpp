// Tab-separated pairs reader on arbitrary bytes, lenient and strict.
#include <cstdint>

#include "fuzz_input.hpp"
#include "tolk/text/utf8.hpp"
#include "tolk/tm/exchange.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tolk::tm;
  static tolk::fuzz::InputFile input(".tsv");
  const auto& file = input.write(tolk::fuzz::as_view(data, size));
  for (const auto strictness : {Strictness::lenient, Strictness::strict}) {
    try {
      ReadOptions options;
      options.strictness = strictness;
      read_tsv_pairs(
          file, [](TranslationUnit&&) {}, "nl", "en", options);
    } catch (const ImportError&) {
    } catch (const tolk::text::InvalidUtf8Error&) {
    }
  }
  return 0;
}
