// Spelling variants that matching bridges: British and American English, hyphenated words.

#include "tolk/text/spelling.hpp"

#include <catch2/catch.hpp>

using namespace tolk::text;

TEST_CASE("British spellings are matched by their American form", "[spelling][en]") {
  CHECK(matching_spelling("organisation", Language::en) == "organization");
  CHECK(matching_spelling("Organisations", Language::en) == "organizations");
  CHECK(matching_spelling("defence", Language::en) == "defense");
  CHECK(matching_spelling("offences", Language::en) == "offenses");
  CHECK(matching_spelling("honour", Language::en) == "honor");
  CHECK(matching_spelling("centre", Language::en) == "center");
  CHECK(matching_spelling("travelled", Language::en) == "traveled");
  CHECK(matching_spelling("judgement", Language::en) == "judgment");
  CHECK(matching_spelling("mobilised", Language::en) == "mobilized");
  CHECK(matching_spelling("criminalising", Language::en) == "criminalizing");
  CHECK(matching_spelling("programme", Language::en) == "program");
  CHECK(matching_spelling("catalogue", Language::en) == "catalog");
}

TEST_CASE("words spelt alike in both standards are left as they are", "[spelling][en]") {
  // Each of these matches a rewrite rule, but the original is an American word too (or the
  // rewrite is no word): "advise" is not "advize", "filled" is not "filed", "four" is not "for".
  for (const char* word : {"advise", "filled", "four", "hour", "fence", "science", "raise",
                           "exercise", "surprise", "killed", "programmes!"}) {
    INFO(word);
    CHECK(matching_spelling(word, Language::en) == word);
  }
  CHECK(matching_spelling("organization", Language::en) == "organization");
}

TEST_CASE("other languages keep their spelling", "[spelling]") {
  CHECK(matching_spelling("organisatie", Language::nl) == "organisatie");
  CHECK(matching_spelling("дезертирство", Language::ru) == "дезертирство");
}

TEST_CASE("hyphens between words are dropped, other hyphens kept", "[spelling]") {
  CHECK(without_word_hyphens("pre-trial detention") == "pretrial detention");
  CHECK(without_word_hyphens("anti-propagandawet") == "antipropagandawet");
  CHECK(without_word_hyphens("pre\u2010trial") == "pretrial");
  CHECK(without_word_hyphens("a - b") == "a - b");
  CHECK(without_word_hyphens("-x") == "-x");
  CHECK(without_word_hyphens("x-") == "x-");
}
