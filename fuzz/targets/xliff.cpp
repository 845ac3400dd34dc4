// XLIFF 1.2 / 2.x: the pair reader and the pre-translation writer on arbitrary bytes. Oracle
// besides the sanitizers: a pre-translated document is XLIFF the reader accepts again.
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>

#include "fuzz_input.hpp"
#include "tolk/tm/xliff_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tolk::tm;
  const auto xml = tolk::fuzz::as_view(data, size);
  try {
    read_xliff_text(xml, "fuzz.xlf", [](XliffPair&&) {});
  } catch (const ImportError&) {
  }
  std::string output;
  try {
    pretranslate_xliff(
        xml, "fuzz.xlf",
        [](const XliffSegment& segment) -> std::optional<XliffFill> {
          // Every other segment, a fill with characters that need escaping.
          if (segment.line % 2 == 0)
            return std::nullopt;
          return XliffFill{segment.source_text + " <&\"'>", 87, "tm:fuzz#1"};
        },
        output);
  } catch (const ImportError&) {
    return 0;
  }
  try {
    read_xliff_text(output, "pretranslated.xlf", [](XliffPair&&) {});
  } catch (const ImportError&) {
    std::abort();  // tolk wrote an XLIFF document it cannot read
  }
  return 0;
}
