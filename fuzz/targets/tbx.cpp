// TBX reader on arbitrary bytes, lenient and strict. Oracle besides the sanitizers: the concepts
// read survive a round trip through the TBX writer (tolk's own export must import again).
#include <cstdint>
#include <cstdlib>
#include <sstream>

#include "fuzz_input.hpp"
#include "tolk/termbase/exchange.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tolk::termbase;
  const auto xml = tolk::fuzz::as_view(data, size);
  try {
    read_tbx_text(xml, "fuzz.tbx", Strictness::strict);
  } catch (const ImportError&) {
  }
  ImportResult result;
  try {
    result = read_tbx_text(xml, "fuzz.tbx", Strictness::lenient);
  } catch (const ImportError&) {
    return 0;
  }
  std::ostringstream exported;
  write_tbx(exported, result.concepts);
  const auto again = read_tbx_text(exported.str(), "export.tbx", Strictness::strict);
  if (again.concepts.size() != result.concepts.size())
    std::abort();
  return 0;
}
