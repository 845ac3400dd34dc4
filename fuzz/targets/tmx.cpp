// TMX reader on arbitrary bytes, lenient and strict. Oracles besides the sanitizers: every unit
// handed out has at least two variants of valid UTF-8, and what was read survives a round trip
// through the TMX writer (an export tolk writes must import again, unit for unit).
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <vector>

#include "fuzz_input.hpp"
#include "tolk/text/utf8.hpp"
#include "tolk/tm/exchange.hpp"

namespace {

std::vector<tolk::tm::TranslationUnit> read(std::string_view xml, tolk::tm::Strictness strictness) {
  std::vector<tolk::tm::TranslationUnit> units;
  tolk::tm::ReadOptions options;
  options.strictness = strictness;
  tolk::tm::read_tmx_text(
      xml, "fuzz.tmx",
      [&units](tolk::tm::TranslationUnit&& unit) {
        if (unit.variants.size() < 2)
          std::abort();
        for (const auto& variant : unit.variants)
          if (tolk::text::find_invalid_utf8(variant.segment.text))
            std::abort();
        units.push_back(std::move(unit));
      },
      options);
  return units;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto xml = tolk::fuzz::as_view(data, size);
  try {
    read(xml, tolk::tm::Strictness::strict);
  } catch (const tolk::tm::ImportError&) {
  }
  std::vector<tolk::tm::TranslationUnit> units;
  try {
    units = read(xml, tolk::tm::Strictness::lenient);
  } catch (const tolk::tm::ImportError&) {
    return 0;
  }
  std::ostringstream exported;
  {
    tolk::tm::TmxWriter writer(exported, {});
    for (const auto& unit : units)
      writer.write(unit);
  }
  const auto again = read(exported.str(), tolk::tm::Strictness::strict);
  if (again.size() != units.size())
    std::abort();
  return 0;
}
