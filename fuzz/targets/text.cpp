// The text layer on arbitrary bytes: UTF-8 validation, normalisation, segmentation,
// transliteration, stemming. Every function must survive any bytes (the sanitizers watch memory
// and undefined behaviour); for valid UTF-8 input the results are checked too: valid UTF-8 out,
// token and sentence offsets inside the text and matching their views, code point conversions
// that round-trip.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "fuzz_input.hpp"
#include "tolk/text/language.hpp"
#include "tolk/text/morphology.hpp"
#include "tolk/text/normalize.hpp"
#include "tolk/text/segment.hpp"
#include "tolk/text/transliterate.hpp"
#include "tolk/text/utf8.hpp"

namespace {

using namespace tolk::text;

void require(bool condition) {
  if (!condition)
    std::abort();
}

void require_utf8(std::string_view text, bool input_valid) {
  if (input_valid)
    require(!find_invalid_utf8(text));
}

bool inside(std::string_view part, std::string_view whole) {
  return part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0)
    return 0;
  // The first byte picks the language, the rest is the text.
  const Language language = kSupportedLanguages[data[0] % kSupportedLanguages.size()];
  const auto text = tolk::fuzz::as_view(data + 1, size - 1);

  const auto defect = find_invalid_utf8(text);
  const bool valid = !defect;
  try {
    validate_utf8(text, "fuzz");
    require(valid);
  } catch (const InvalidUtf8Error& error) {
    require(!valid);
    require(error.defect().byte_offset == defect->byte_offset);
    require(defect->byte_offset < text.size());
  }
  const auto without_bom = strip_bom(text);
  require(inside(without_bom, text));

  if (valid) {
    const auto code_points = to_code_points(text);
    require(code_points.size() == code_point_count(text));
    require(to_utf8(code_points) == text);
    require(utf16_length(text) >= code_points.size());
  }

  require_utf8(to_nfc(text), valid);
  require_utf8(search_key(text, language), valid);
  require_utf8(unify_punctuation(text), valid);
  require_utf8(collapse_white_space(text), valid);
  require_utf8(cyrillic_to_latin(text), valid);
  require_utf8(cyrillic_to_latin(text, LatinScheme::scholarly), valid);
  require_utf8(latin_to_cyrillic(text), valid);
  require_utf8(translit_key(text), valid);
  has_cyrillic(text);

  for (const auto line : split_lines(text))
    require(inside(line, text));
  for (const auto punctuation : {Punctuation::drop, Punctuation::keep}) {
    for (const auto& token : tokenize(text, language, punctuation)) {
      require(token.begin <= token.end && token.end <= text.size());
      require(token.text == text.substr(token.begin, token.end - token.begin));
    }
  }
  for (const bool wrapped : {true, false}) {
    for (const auto& sentence : split_sentences(text, language, {wrapped})) {
      require(sentence.begin <= sentence.end && sentence.end <= text.size());
      require(sentence.text == text.substr(sentence.begin, sentence.end - sentence.begin));
    }
  }

  // Stemming is the slowest part: one word, bounded in length, as the callers pass it.
  if (valid && text.size() <= 64) {
    try {
      for (const auto& stem : stems(text, language))
        require_utf8(stem, true);
      require_utf8(lemma(text, language), true);
      split_compound(text, language);
      lemma_sequence(text, language);
    } catch (const DictionaryNotFoundError&) {
    }
  }
  return 0;
}
