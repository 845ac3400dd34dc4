#include "tolk/text/spelling.hpp"

#include <array>
#include <cctype>

#include "tolk/text/morphology.hpp"

namespace tolk::text {
namespace {

struct Rewrite {
  std::string_view british;   // ending of the British form
  std::string_view american;  // what replaces it
  std::size_t min_stem;       // letters that must stand before the ending
};

// Endings of British spellings and their American forms, longest first within a family. Each
// rewrite is only a proposal: the en-US dictionary decides (see the header).
constexpr auto kRewrites = std::to_array<Rewrite>({
    // -isation / -ise / -yse
    {"isations", "izations", 2},
    {"isation", "ization", 2},
    {"ising", "izing", 2},
    {"isers", "izers", 2},
    {"ised", "ized", 2},
    {"ises", "izes", 2},
    {"iser", "izer", 2},
    {"ise", "ize", 2},
    {"ysing", "yzing", 2},
    {"ysed", "yzed", 2},
    {"yses", "yzes", 2},
    {"yse", "yze", 2},
    // -our
    {"ourites", "orites", 3},
    {"ourite", "orite", 3},
    {"ourable", "orable", 3},
    {"ouring", "oring", 3},
    {"oured", "ored", 3},
    {"ourers", "orers", 3},
    {"ourer", "orer", 3},
    {"ourful", "orful", 3},
    {"ourless", "orless", 3},
    {"ours", "ors", 3},
    {"our", "or", 3},
    // -ence (defence, offence, licence, pretence)
    {"ences", "enses", 2},
    {"ence", "ense", 2},
    // -tre / -bre (centre, metre, theatre, fibre)
    {"tres", "ters", 2},
    {"tred", "tered", 2},
    {"tre", "ter", 2},
    {"bres", "bers", 2},
    {"bre", "ber", 2},
    // doubled l before a suffix (travelled, cancelling, counsellor, labelled)
    {"llings", "lings", 3},
    {"lling", "ling", 3},
    {"llers", "lers", 3},
    {"ller", "ler", 3},
    {"llors", "lors", 3},
    {"llor", "lor", 3},
    {"lled", "led", 3},
    // judgement, acknowledgement
    {"dgements", "dgments", 2},
    {"dgement", "dgment", 2},
    // programme, catalogue, dialogue, analogue
    {"mmes", "ms", 3},
    {"mme", "m", 3},
    {"ogues", "ogs", 3},
    {"ogue", "og", 3},
    // enrolment, fulfilment (-ae- and -oe-, as in paediatric or manoeuvre, are not endings and are
    // left alone)
    {"lments", "llments", 3},
    {"lment", "llment", 3},
    // -ogramme
    {"grammes", "grams", 2},
    {"gramme", "gram", 2},
    // sceptic
    {"sceptic", "skeptic", 0},
    {"sceptical", "skeptical", 0},
    {"scepticism", "skepticism", 0},
});

bool is_ascii_word(std::string_view word) {
  for (const char c : word) {
    if (!std::isalpha(static_cast<unsigned char>(c)))
      return false;
  }
  return !word.empty();
}

}  // namespace

std::string matching_spelling(std::string_view word, Language language) {
  if (language != Language::en || word.size() < 4 || !is_ascii_word(word))
    return std::string(word);
  std::string lowered(word);
  for (char& c : lowered)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const Dictionary& dictionary = Dictionary::for_language(Language::en);
  bool checked_original = false;
  for (const Rewrite& rewrite : kRewrites) {
    if (lowered.size() < rewrite.british.size() + rewrite.min_stem ||
        !lowered.ends_with(rewrite.british)) {
      continue;
    }
    if (!checked_original) {
      if (dictionary.spell(lowered))
        return std::string(word);
      checked_original = true;
    }
    std::string american = lowered.substr(0, lowered.size() - rewrite.british.size());
    american += rewrite.american;
    if (dictionary.spell(american))
      return american;
  }
  return std::string(word);
}

std::string without_word_hyphens(std::string_view text) {
  const auto hyphen_at = [&](std::size_t i) -> std::size_t {
    for (const std::string_view hyphen : {"-", "\u2010", "\u2011"}) {
      if (text.substr(i).starts_with(hyphen))
        return hyphen.size();
    }
    return 0;
  };
  const auto is_word_byte = [](char c) {
    return static_cast<unsigned char>(c) >= 0x80 || std::isalnum(static_cast<unsigned char>(c));
  };
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = hyphen_at(i);
    if (length > 0 && !out.empty() && is_word_byte(out.back()) && i + length < text.size() &&
        is_word_byte(text[i + length])) {
      i += length;
      continue;
    }
    out += text[i];
    ++i;
  }
  return out;
}

}  // namespace tolk::text
