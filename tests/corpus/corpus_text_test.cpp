// The text layer on the real corpus: the Dutch country report and the English Amnesty texts.

#include <algorithm>
#include <catch2/catch.hpp>

#include "corpus_support.hpp"
#include "tolk/text/morphology.hpp"
#include "tolk/text/normalize.hpp"
#include "tolk/text/segment.hpp"
#include "tolk/text/transliterate.hpp"
#include "tolk/text/utf8.hpp"

using namespace tolk::text;
using tolk::testing::corpus_lines;
using tolk::testing::read_corpus;

namespace {
constexpr const char* kReport = "ambtsbericht-rusland-2025.nl.txt";

std::vector<std::string> sentence_texts(const std::string& text, Language language) {
  std::vector<std::string> out;
  for (const Sentence& sentence : split_sentences(text, language))
    out.emplace_back(sentence.text);
  return out;
}
}  // namespace

TEST_CASE("every corpus file is UTF-8 and tokenises with exact byte offsets", "[corpus]") {
  const auto names = tolk::testing::corpus_file_names();
  REQUIRE(names.size() >= 5);
  for (const std::string& name : names) {
    const std::string text = read_corpus(name);
    REQUIRE_NOTHROW(validate_utf8(text, name));
    const Language language = name.find(".nl.") != std::string::npos ? Language::nl : Language::en;
    const auto tokens = tokenize(text, language, Punctuation::keep);
    CHECK(tokens.size() > 100);
    std::size_t previous_end = 0;
    for (const Token& token : tokens) {
      REQUIRE(token.begin >= previous_end);
      REQUIRE(text.substr(token.begin, token.end - token.begin) == token.text);
      previous_end = token.end;
    }
  }
}

TEST_CASE("a passage with artikel 337, 332 and 338 WvS has seven sentences", "[corpus][segment]") {
  // Report lines 1380-1398: three sentences on AWOL charges, two on other provisions, then the
  // heading "Desertie – artikel 338 WvS" (no full stop, so it joins the next sentence) and a
  // sentence that ends in footnote 145, glued to its full stop by the PDF.
  const auto sentences = sentence_texts(corpus_lines(kReport, 1380, 1398), Language::nl);
  REQUIRE(sentences.size() == 7);
  CHECK_THAT(sentences[0],
             Catch::StartsWith("Volgens onderzoek") && Catch::EndsWith("(artikel 332 WvS)."));
  CHECK_THAT(sentences[1], Catch::Contains("(artikel 337 WvS), waarbij"));
  CHECK_THAT(sentences[2], Catch::EndsWith("kalendermaand.144"));
  CHECK(sentences[4] == "Deze \nwerden minder vaak tegengeworpen.");
  CHECK_THAT(sentences[5], Catch::StartsWith("Desertie – artikel 338 WvS") &&
                               Catch::EndsWith("vijftien jaar.145"));
  CHECK_THAT(sentences[6], Catch::StartsWith("Het verschil met ongeoorloofde afwezigheid"));
}

TEST_CASE("\"art. 21.5 CAO\" does not end a sentence", "[corpus][segment]") {
  const auto sentences = sentence_texts(corpus_lines(kReport, 387, 396), Language::nl);
  REQUIRE(sentences.size() == 4);
  CHECK_THAT(sentences[2], Catch::EndsWith("roebel40 (art. 21.5 CAO)."));
}

TEST_CASE("article numbers 207.3, 205.2 and 280.3 stay inside one sentence", "[corpus][segment]") {
  const auto sentences = sentence_texts(corpus_lines(kReport, 3622, 3629), Language::nl);
  REQUIRE(sentences.size() == 2);
  CHECK_THAT(sentences[0], Catch::Contains("(artikel 207.3 WvS, 347") &&
                               Catch::Contains("(artikel 205.2 WvS, 226") &&
                               Catch::EndsWith("verdachten).370"));
  CHECK(sentences[1] ==
        "Brandstichting bij een rekruteringskantoor leidde tot een aanklacht \n"
        "voor terrorisme.371");
}

TEST_CASE("no sentence of the report starts inside an article reference", "[corpus][segment]") {
  const std::string report = read_corpus(kReport);
  const auto sentences = split_sentences(report, Language::nl);
  CHECK(sentences.size() > 1500);
  for (const Sentence& sentence : sentences) {
    const auto words = tokenize(sentence.text.substr(0, 40), Language::nl);
    if (words.size() < 2)
      continue;
    INFO(sentence.text.substr(0, 80));
    // "21.5 CAO ..." or "328 WvS ..." at the start would mean a break after "art." or "artikel".
    const bool starts_with_reference =
        words[0].kind == TokenKind::number && (words[1].text == "WvS" || words[1].text == "CAO");
    CHECK_FALSE(starts_with_reference);
  }
}

TEST_CASE("the Russian register name quoted in the report lemmatises word by word",
          "[corpus][morphology]") {
  // Report line 157: "Russisch: Единый реестр сведений о гражданах, подлежащих первоначальной
  // постановке на воинский учет, ..."
  const std::string line = corpus_lines(kReport, 157, 158);
  const auto start = line.find("Единый");
  REQUIRE(start != std::string::npos);
  const auto lemmas = lemma_sequence(line.substr(start), Language::ru);
  REQUIRE(lemmas.size() >= 8);
  CHECK(lemmas[0] == "единый");
  CHECK(lemmas[1] == "реестр");
  CHECK(lemmas[2] == "сведение");
  CHECK(lemmas[4] == "гражданин");
  CHECK(lemmas[6] == "первоначальный");
  CHECK(lemmas[7] == "постановка");
}

TEST_CASE("Dutch legal vocabulary of the report reaches its lemmas and parts",
          "[corpus][morphology]") {
  const std::string report = read_corpus(kReport);
  for (const char* form : {"dienstplichtontduiking", "dienstplichtigen", "gewetensbezwaarden",
                           "rekruteringskantoor"}) {
    INFO(form);
    CHECK(report.find(form) != std::string::npos);
  }
  // Hunspell takes the nominalised adjective to the adjective; both forms meet there.
  CHECK(lemma("dienstplichtigen", Language::nl) == "dienstplichtig");
  CHECK(lemma("dienstplichtige", Language::nl) == "dienstplichtig");
  CHECK(split_compound("rekruteringskantoor", Language::nl)->parts ==
        std::vector<std::string>{"rekrutering", "kantoor"});
  CHECK(split_compound("dienstplichtontduiking", Language::nl)->parts ==
        std::vector<std::string>{"dienstplicht", "ontduiking"});
}

TEST_CASE("English designations of the Amnesty report reach their lemmas", "[corpus][morphology]") {
  const std::string amnesty = read_corpus("amnesty-russia-2024.en.txt");
  REQUIRE(amnesty.find("\"foreign agents\", \"undesirable organizations\"") != std::string::npos);
  CHECK(lemma_sequence("foreign agents", Language::en) ==
        std::vector<std::string>{"foreign", "agent"});
  CHECK(lemma_sequence("undesirable organizations", Language::en) ==
        std::vector<std::string>{"undesirable", "organization"});
  CHECK(search_key("“foreign agents”", Language::en) == "\"foreign agents\"");
}
