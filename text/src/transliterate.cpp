#include "tolk/text/transliterate.hpp"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <array>
#include <map>
#include <memory>

#include "icu_support.hpp"

namespace tolk::text {
namespace {

using icu_support::check;

// ICU transliterators are expensive to build and not documented as thread-safe for concurrent
// use, so each thread keeps its own, built on first use.
const icu::Transliterator& transliterator(const char* id) {
  thread_local std::map<std::string, std::unique_ptr<icu::Transliterator>> cache;
  auto& slot = cache[id];
  if (!slot) {
    UErrorCode status = U_ZERO_ERROR;
    slot.reset(icu::Transliterator::createInstance(icu::UnicodeString::fromUTF8(id), UTRANS_FORWARD,
                                                   status));
    check(status, std::string("Transliterator::createInstance ") + id);
  }
  return *slot;
}

std::string run(const char* id, std::string_view utf8) {
  icu::UnicodeString text = icu_support::to_unicode(utf8);
  transliterator(id).transliterate(text);
  return icu_support::to_utf8(text);
}

// The Cyrillic half of translit_key: each Russian letter to a plain Latin spelling. Several of
// these are then folded further by fold_latin, together with whatever the user typed.
std::string_view cyrillic_skeleton(UChar32 c) {
  static constexpr std::array<std::string_view, 32> kLetters = {
      "a", "b", "v", "g", "d", "e",  "zh", "z",  "i",  "i",    "k", "l", "m", "n", "o",  "p",
      "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "",  "y", "",  "e", "yu", "ya"};
  if (c >= 0x0430 && c <= 0x044F)
    return kLetters[static_cast<std::size_t>(c - 0x0430)];
  if (c == 0x0451)
    return "e";  // ё
  if (c == 0x0456)
    return "i";  // і (pre-1918 and Ukrainian)
  if (c == 0x0454)
    return "e";  // є
  if (c == 0x0457)
    return "i";  // ї
  if (c == 0x045E)
    return "u";  // ў
  return {};
}

// Latin letters with a háček or similar that stand for a digraph in the plain schemes.
std::string_view latin_digraph(UChar32 c) {
  switch (c) {
    case 0x0161:  // š
      return "sh";
    case 0x017E:  // ž
      return "zh";
    case 0x010D:  // č
    case 0x0107:  // ć
      return "ch";
    case 0x015D:  // ŝ (ISO 9 щ)
      return "shch";
    default:
      return {};
  }
}

// Builds a new string rather than replacing in place (GCC 12 warns falsely on in-place replace).
void replace_all(std::string& text, std::string_view from, std::string_view to) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  for (std::size_t hit; (hit = text.find(from, pos)) != std::string::npos;
       pos = hit + from.size()) {
    out.append(text, pos, hit - pos);
    out.append(to);
  }
  out.append(text, pos);
  text = std::move(out);
}

// Folds the spellings that differ between schemes onto one. Applied to both sides of a
// comparison, so a lossy rule only merges, never separates.
std::string fold_latin(std::string text) {
  replace_all(text, "shch", "\x01");  // щ: shch (BGN), šč, sch, shh (informal)
  replace_all(text, "sch", "\x01");
  replace_all(text, "shh", "\x01");
  replace_all(text, "\x01", "sc");
  replace_all(text, "kh", "h");  // х: kh (BGN), h, x (informal)
  replace_all(text, "x", "h");
  replace_all(text, "tz", "c");  // ц: ts (BGN), c (scholarly), tz (German-style)
  replace_all(text, "ts", "c");
  replace_all(text, "w", "v");
  replace_all(text, "j", "i");  // й, ы, и, and the y/j/i of я ю ё е: one letter i
  replace_all(text, "y", "i");
  replace_all(text, "ie", "e");  // BGN "ye" for е after vowels and at the start
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (!out.empty() && out.back() == c && c != ' ')
      continue;  // double letters are optional
    out.push_back(c);
  }
  return out;
}

}  // namespace

std::string cyrillic_to_latin(std::string_view utf8, LatinScheme scheme) {
  return run(scheme == LatinScheme::bgn_pcgn ? "Russian-Latin/BGN" : "Cyrillic-Latin", utf8);
}

std::string latin_to_cyrillic(std::string_view utf8) {
  return run("Latin-Cyrillic", utf8);
}

bool has_cyrillic(std::string_view utf8) {
  const icu::UnicodeString text = icu_support::to_unicode(utf8);
  for (int32_t i = 0; i < text.length();) {
    const UChar32 c = text.char32At(i);
    i += U16_LENGTH(c);
    UErrorCode status = U_ZERO_ERROR;
    if (uscript_getScript(c, &status) == USCRIPT_CYRILLIC && u_isalpha(c))
      return true;
  }
  return false;
}

std::string translit_key(std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* casefold =
      icu::Normalizer2::getInstance(nullptr, "nfkc_cf", UNORM2_COMPOSE, status);
  check(status, "Normalizer2 nfkc_cf");
  const icu::UnicodeString folded = casefold->normalize(icu_support::to_unicode(utf8), status);
  check(status, "Normalizer2::normalize");

  std::string latin;
  bool pending_space = false;
  for (int32_t i = 0; i < folded.length();) {
    const UChar32 c = folded.char32At(i);
    i += U16_LENGTH(c);
    if (!u_isalnum(c)) {
      // Apostrophes and primes (soft and hard signs in transliteration) vanish; everything else
      // that is not a letter or digit separates words.
      const bool sign = c == '\'' || c == 0x2019 || c == 0x02B9 || c == 0x02BA || c == 0x02BC ||
                        c == '"' || c == 0x201D || c == 0x2032 || c == 0x2033 || c == '`';
      if (!sign)
        pending_space = !latin.empty();
      continue;
    }
    if (pending_space) {
      latin.push_back(' ');
      pending_space = false;
    }
    if (const auto skeleton = cyrillic_skeleton(c);
        !skeleton.empty() || (c >= 0x0430 && c <= 0x045F)) {
      latin.append(skeleton);
    } else if (const auto digraph = latin_digraph(c); !digraph.empty()) {
      latin.append(digraph);
    } else if (c < 0x80) {
      latin.push_back(static_cast<char>(c));
    } else {
      // Other accented Latin letters lose their marks (ë, è, é -> e; â -> a; ǎ -> a).
      icu::UnicodeString decomposed;
      UErrorCode nfd_status = U_ZERO_ERROR;
      const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(nfd_status);
      check(nfd_status, "Normalizer2 nfd");
      decomposed = nfd->normalize(icu::UnicodeString(c), nfd_status);
      check(nfd_status, "Normalizer2::normalize");
      const UChar32 first = decomposed.char32At(0);
      if (first < 0x80) {
        latin.push_back(static_cast<char>(first));
      } else {
        latin.append(icu_support::to_utf8(icu::UnicodeString(first)));
      }
    }
  }
  return fold_latin(std::move(latin));
}

}  // namespace tolk::text
