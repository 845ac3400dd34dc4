#include "tolk/text/normalize.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <algorithm>

#include "icu_support.hpp"
#include "tolk/text/utf8.hpp"

namespace tolk::text {
namespace {

using icu_support::check;

const icu::Normalizer2& normalizer(const char* name, UNormalization2Mode mode) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* instance = icu::Normalizer2::getInstance(nullptr, name, mode, status);
  check(status, "Normalizer2::getInstance");
  return *instance;  // owned by ICU, valid for the process
}

const icu::Normalizer2& nfc() {
  return normalizer("nfc", UNORM2_COMPOSE);
}
const icu::Normalizer2& nfd() {
  return normalizer("nfc", UNORM2_DECOMPOSE);
}
const icu::Normalizer2& nfkc_casefold() {
  return normalizer("nfkc_cf", UNORM2_COMPOSE);
}

bool is_quotation_mark(UChar32 c) {
  switch (c) {
    case 0x0022:  // "
    case 0x00AB:  // «
    case 0x00BB:  // »
    case 0x201C:  // “
    case 0x201D:  // ”
    case 0x201E:  // „
    case 0x201F:  // ‟
    case 0x2033:  // ″ (typed for a closing quote)
    case 0x2039:  // ‹
    case 0x203A:  // ›
    case 0x275D:  // ❝
    case 0x275E:  // ❞
    case 0x301D:  // 〝
    case 0x301E:  // 〞
    case 0xFF02:  // ＂
      return true;
    default:
      return false;
  }
}

bool is_apostrophe(UChar32 c) {
  switch (c) {
    case 0x0027:  // '
    case 0x0060:  // `
    case 0x00B4:  // ´
    case 0x02B9:  // ʹ (modifier prime, soft sign in transliteration)
    case 0x02BB:  // ʻ
    case 0x02BC:  // ʼ
    case 0x2018:  // ‘
    case 0x2019:  // ’
    case 0x201A:  // ‚
    case 0x201B:  // ‛
    case 0x2032:  // ′
    case 0xFF07:  // ＇
      return true;
    default:
      return false;
  }
}

bool is_dash(UChar32 c) {
  switch (c) {
    case 0x002D:  // -
    case 0x2010:  // ‐
    case 0x2011:  // non-breaking hyphen
    case 0x2012:  // ‒
    case 0x2013:  // –
    case 0x2014:  // —
    case 0x2015:  // ―
    case 0x2212:  // −
    case 0xFE58:  // ﹘
    case 0xFE63:  // ﹣
    case 0xFF0D:  // －
      return true;
    default:
      return false;
  }
}

bool is_invisible(UChar32 c) {
  return c == 0x00AD || (c >= 0x200B && c <= 0x200F) || c == 0x2060 || c == 0xFEFF || c == 0x034F ||
         c == 0x180E;
}

struct KeyRules {
  bool fold_diacritics = false;
};

// One pass over code points: punctuation unified, invisibles dropped, white space collapsed and,
// for search keys, Latin diacritics and the diaeresis of ё removed. Expects decomposed input when
// fold_diacritics is set, so that marks arrive as separate code points.
icu::UnicodeString rewrite(const icu::UnicodeString& input, KeyRules rules) {
  icu::UnicodeString out;
  bool pending_space = false;
  UScriptCode base_script = USCRIPT_COMMON;
  UChar32 base = 0;
  for (int32_t i = 0; i < input.length();) {
    const UChar32 c = input.char32At(i);
    i += U16_LENGTH(c);
    if (is_invisible(c))
      continue;
    if (u_isUWhiteSpace(c)) {
      pending_space = !out.isEmpty();
      continue;
    }
    if (rules.fold_diacritics && u_charType(c) == U_NON_SPACING_MARK) {
      const bool latin_mark = base_script == USCRIPT_LATIN;
      const bool yo_diaeresis = (base == 0x0435 || base == 0x0415) && c == 0x0308;
      if (latin_mark || yo_diaeresis)
        continue;
      out.append(c);
      continue;
    }
    if (pending_space) {
      out.append(static_cast<UChar>(u' '));
      pending_space = false;
    }
    UErrorCode status = U_ZERO_ERROR;
    base_script = uscript_getScript(c, &status);
    base = c;
    if (is_quotation_mark(c)) {
      out.append(static_cast<UChar>(u'"'));
    } else if (is_apostrophe(c)) {
      out.append(static_cast<UChar>(u'\''));
    } else if (is_dash(c)) {
      out.append(static_cast<UChar>(u'-'));
    } else {
      out.append(c);
    }
  }
  return out;
}

icu::UnicodeString apply(const icu::Normalizer2& form, const icu::UnicodeString& text) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString result = form.normalize(text, status);
  check(status, "Normalizer2::normalize");
  return result;
}

}  // namespace

std::string to_nfc(std::string_view utf8) {
  return icu_support::to_utf8(apply(nfc(), icu_support::to_unicode(utf8)));
}

std::string search_key(std::string_view utf8, Language /*language*/) {
  const icu::UnicodeString folded = apply(nfkc_casefold(), icu_support::to_unicode(utf8));
  const icu::UnicodeString rewritten =
      rewrite(apply(nfd(), folded), KeyRules{.fold_diacritics = true});
  return icu_support::to_utf8(apply(nfc(), rewritten));
}

std::string unify_punctuation(std::string_view utf8) {
  const icu::UnicodeString composed = apply(nfc(), icu_support::to_unicode(utf8));
  return icu_support::to_utf8(rewrite(composed, KeyRules{.fold_diacritics = false}));
}

std::string collapse_white_space(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  bool pending_space = false;
  for (const char c : utf8) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space)
      out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

std::string with_initial_case_of(std::string_view replacement, std::string_view original) {
  const std::u32string wanted = to_code_points(original);
  std::u32string out = to_code_points(replacement);
  const auto letter = std::find_if(wanted.begin(), wanted.end(),
                                   [](char32_t c) { return u_isalpha(static_cast<UChar32>(c)); });
  if (out.empty() || letter == wanted.end())
    return std::string(replacement);
  const auto c = static_cast<UChar32>(*letter);
  const auto first = static_cast<UChar32>(out.front());
  if (u_isupper(c))
    out.front() = static_cast<char32_t>(u_toupper(first));
  else if (u_islower(c))
    out.front() = static_cast<char32_t>(u_tolower(first));
  return to_utf8(out);
}

}  // namespace tolk::text
