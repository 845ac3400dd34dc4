#include "tolk/text/segment.hpp"

#include <algorithm>
#include <catch2/catch.hpp>

using namespace tolk::text;

namespace {

std::vector<std::string> texts(const std::vector<Token>& tokens) {
  std::vector<std::string> out;
  for (const auto& token : tokens)
    out.emplace_back(token.text);
  return out;
}

std::vector<std::string> texts(const std::vector<Sentence>& sentences) {
  std::vector<std::string> out;
  for (const auto& sentence : sentences)
    out.emplace_back(sentence.text);
  return out;
}

}  // namespace

TEST_CASE("words carry byte offsets into the original text", "[segment]") {
  const std::string_view text = "Осужден по ст. 328 УК РФ";
  const auto tokens = tokenize(text, Language::ru);
  REQUIRE(texts(tokens) == std::vector<std::string>{"Осужден", "по", "ст", "328", "УК", "РФ"});
  for (const auto& token : tokens) {
    CHECK(text.substr(token.begin, token.end - token.begin) == token.text);
  }
  CHECK(tokens[3].kind == TokenKind::number);
  CHECK(tokens[0].kind == TokenKind::word);
}

TEST_CASE("article numbers stay one token", "[segment]") {
  const auto tokens = tokenize("artikel 282.2 en 20.3.3 CAO, lid 2", Language::nl);
  CHECK(texts(tokens) ==
        std::vector<std::string>{"artikel", "282.2", "en", "20.3.3", "CAO", "lid", "2"});
}

TEST_CASE("punctuation can be kept as tokens", "[segment]") {
  const auto tokens = tokenize("(artikel 337 WvS, “AWOL”)", Language::nl, Punctuation::keep);
  CHECK(texts(tokens) ==
        std::vector<std::string>{"(", "artikel", "337", "WvS", ",", "“", "AWOL", "”", ")"});
  CHECK(std::count_if(tokens.begin(), tokens.end(), [](const Token& token) {
          return token.kind == TokenKind::punctuation;
        }) == 5);
}

TEST_CASE("no sentence break after Dutch legal abbreviations", "[segment]") {
  const auto sentences = split_sentences(
      "De boete is verhoogd (art. 21.5 CAO). Zie de brief d.d. 5 november 2024 en nr. 12 e.a. "
      "Het besluit volgde ca. 3 maanden later.",
      Language::nl);
  CHECK(texts(sentences) ==
        std::vector<std::string>{"De boete is verhoogd (art. 21.5 CAO).",
                                 "Zie de brief d.d. 5 november 2024 en nr. 12 e.a. Het besluit "
                                 "volgde ca. 3 maanden later."});
}

TEST_CASE("no sentence break after Russian legal abbreviations", "[segment]") {
  const auto sentences =
      split_sentences("Осужден по ч. 1 ст. 328 УК РФ. Суд назначил п. 3 приговора.", Language::ru);
  CHECK(texts(sentences) ==
        std::vector<std::string>{"Осужден по ч. 1 ст. 328 УК РФ.", "Суд назначил п. 3 приговора."});
}

TEST_CASE("no sentence break after English abbreviations and initials", "[segment]") {
  const auto sentences = split_sentences(
      "He was charged under Art. 207.3 of the Criminal Code. See No. 5 on p. 12. "
      "V. Putin signed it.",
      Language::en);
  CHECK(texts(sentences) ==
        std::vector<std::string>{"He was charged under Art. 207.3 of the Criminal Code.",
                                 "See No. 5 on p. 12.", "V. Putin signed it."});
}

TEST_CASE("wrapped lines join, empty lines separate", "[segment]") {
  const std::string text =
      "Dienstplichtontduiking (artikel 328 WvS) kan\ngedurende een periode\n\nNieuwe alinea";
  const auto wrapped = split_sentences(text, Language::nl);
  REQUIRE(wrapped.size() == 2);
  CHECK(wrapped[0].text == "Dienstplichtontduiking (artikel 328 WvS) kan\ngedurende een periode");
  CHECK(wrapped[1].begin == text.find("Nieuwe"));
  const auto hard =
      split_sentences(text, Language::nl, SentenceOptions{.lines_are_wrapped = false});
  CHECK(hard.size() == 3);
}

TEST_CASE("footnote numbers glued to a full stop end the sentence", "[segment]") {
  const auto sentences = split_sentences(
      "Met maximaal vijftien jaar.145 Het verschil is de opzet. Zie (artikel 280.3 WvS, 214 "
      "verdachten).370 Brandstichting volgde.",
      Language::nl);
  CHECK(texts(sentences) == std::vector<std::string>{"Met maximaal vijftien jaar.145",
                                                     "Het verschil is de opzet.",
                                                     "Zie (artikel 280.3 WvS, 214 verdachten).370",
                                                     "Brandstichting volgde."});
}

TEST_CASE("the abbreviation lists hold the corpus abbreviations", "[segment]") {
  const auto dutch = sentence_abbreviations(Language::nl);
  for (const std::string_view abbreviation : {"art.", "nr.", "d.d.", "e.a.", "p.", "ca.", "ст."}) {
    CHECK(std::find(dutch.begin(), dutch.end(), abbreviation) != dutch.end());
  }
}

TEST_CASE("lines without their terminators", "[segment][lines]") {
  using tolk::text::split_lines;
  CHECK(split_lines("").empty());
  CHECK(split_lines("artikel 328 WvS\r\nartikel 338 WvS\n") ==
        std::vector<std::string_view>{"artikel 328 WvS", "artikel 338 WvS"});
  CHECK(split_lines("a\n\nb") == std::vector<std::string_view>{"a", "", "b"});
}
