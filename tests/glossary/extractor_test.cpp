// The corpus extractor (curation/): article references, quotations, glosses, candidates and
// alignments, on example lines and on the real corpus.

#include <algorithm>
#include <catch2/catch.hpp>

#include "glossary_support.hpp"

using namespace tolk;
using curation::Evidence;
using curation::SourceText;
using text::Language;

namespace {

constexpr const char* kReport = "ambtsbericht-rusland-2025.nl.txt";

SourceText example(Language language, std::string text) {
  SourceText source;
  source.file = std::string("example.") + std::string(text::language_code(language)) + ".txt";
  source.language = language;
  source.text = std::move(text);
  return source;
}

std::vector<std::string> references_of(const std::vector<curation::ArticleReference>& found) {
  std::vector<std::string> out;
  for (const auto& article : found)
    out.push_back(termbase::to_string(article.reference));
  return out;
}

const curation::ArticleReference* reference_at(std::size_t line, const std::string& reference) {
  for (const auto& article : testing::corpus().extraction.articles) {
    if (article.evidence.file == kReport && article.evidence.line == line &&
        termbase::to_string(article.reference) == reference) {
      return &article;
    }
  }
  return nullptr;
}

}  // namespace

TEST_CASE("article references in Dutch, English and Russian", "[extract]") {
  const auto dutch = curation::find_article_references(example(
      Language::nl,
      "Dat viel onder artikelen 207.3 en 280.3 WvS, en (lid 2, artikel 6.21 CAO).\n"
      "Ongeoorloofde afwezigheid (artikel 337 WvS, “AWOL”) en artt. 272, 273 en\n274.1 WvS.\n"));
  CHECK(references_of(dutch) == std::vector<std::string>{"UK RF 207.3", "UK RF 280.3",
                                                         "KoAP RF 6.21 part 2", "UK RF 337",
                                                         "UK RF 272", "UK RF 273", "UK RF 274.1"});
  REQUIRE(dutch.size() == 7);
  CHECK(dutch[2].text == "lid 2, artikel 6.21 CAO");
  CHECK(dutch[3].evidence == Evidence{"example.nl.txt", 2});
  CHECK(dutch[3].description == "Ongeoorloofde afwezigheid");
  CHECK(dutch[6].text == "artt. 272, 273 en 274.1 WvS");
  CHECK(dutch[6].evidence.line == 2);

  const auto english = curation::find_article_references(example(
      Language::en,
      "He was charged under Article 330.1 of the Criminal Code and fined under Article 20.3.3 of "
      "the Code of Administrative Offences; part 1 of Article 328 of the Criminal Code.\n"));
  CHECK(references_of(english) ==
        std::vector<std::string>{"UK RF 330.1", "KoAP RF 20.3.3", "UK RF 328 part 1"});

  const auto russian = curation::find_article_references(
      example(Language::ru,
              "Осужден по ч. 1 ст. 328 УК РФ, затем по статьям 207.3 и 280.3 УК РФ и по ст. "
              "20.3.3 КоАП РФ (Федеральный закон от 14.07.2022 № 260-ФЗ).\n"));
  CHECK(references_of(russian) == std::vector<std::string>{"UK RF 328 part 1", "UK RF 207.3",
                                                           "UK RF 280.3", "KoAP RF 20.3.3",
                                                           "FZ 260-FZ"});
  REQUIRE(russian.size() == 5);
  CHECK(russian[0].text == "ч. 1 ст. 328 УК РФ");
  CHECK(russian[4].text == "№ 260-ФЗ");
  CHECK(russian[4].language == Language::ru);
}

TEST_CASE("a bare article takes the code of its context, a name is not an article", "[extract]") {
  const auto found = curation::find_article_references(
      example(Language::nl,
              "Het Wetboek van Strafrecht voorzag in:\n\n• Artikel 280: openbaar oproepen tot "
              "extremistische activiteiten;\n\nVolgens ARTICLE 19 en Article 19 was dat zo.\n"));
  REQUIRE(found.size() == 1);
  CHECK(termbase::to_string(found[0].reference) == "UK RF 280");
  CHECK(found[0].code_inferred);
  CHECK(found[0].description == "openbaar oproepen tot extremistische activiteiten");
}

TEST_CASE("quotations: straight, typographic, and apostrophes inside words", "[extract]") {
  const auto found = curation::find_quotations(
      example(Language::en,
              "The ‘foreign agent’s law’ and \"undesirable organizations\" and “war\ncensorship”.\n"
              "An ‘unclosed quote and «Роскомнадзор».\n"));
  std::vector<std::string> texts;
  for (const auto& quotation : found)
    texts.push_back(quotation.text);
  CHECK(texts == std::vector<std::string>{"foreign agent’s law", "undesirable organizations",
                                          "war censorship", "Роскомнадзор"});
  CHECK(found[2].evidence.line == 1);
  CHECK(found[3].evidence.line == 3);
}

TEST_CASE("article references in the Dutch report, with FILE:LINE", "[corpus][extract]") {
  // Line 373: "Dienstplichtontduiking is strafbaar onder artikel 328 Wetboek van Strafrecht (WvS)."
  REQUIRE(reference_at(373, "UK RF 328") != nullptr);
  CHECK_FALSE(reference_at(373, "UK RF 328")->code_inferred);
  // Line 392: "(art. 21.5 CAO)"; 1350: "artikel 332, paragraaf 2.1 WvS"; 1428: "№ 260-ФЗ".
  CHECK(reference_at(392, "KoAP RF 21.5") != nullptr);
  CHECK(reference_at(1350, "UK RF 332 part 2.1") != nullptr);
  REQUIRE(reference_at(1428, "FZ 260-FZ") != nullptr);
  CHECK(reference_at(1428, "FZ 260-FZ")->language == Language::ru);
  // Line 2705: "(artt. 272, 273, 274 en 274.1 WvS)", four references on one line.
  for (const char* reference : {"UK RF 272", "UK RF 273", "UK RF 274", "UK RF 274.1"})
    CHECK(reference_at(2705, reference) != nullptr);
  // Line 1394, a heading: "Desertie – artikel 338 WvS".
  REQUIRE(reference_at(1394, "UK RF 338") != nullptr);
  CHECK(reference_at(1394, "UK RF 338")->description == "Desertie");
  // Lines 1756 and 1770: bullets without a code under "Het Wetboek van Strafrecht" and "Het
  // Wetboek van Administratieve Overtredingen".
  REQUIRE(reference_at(1756, "UK RF 280") != nullptr);
  CHECK(reference_at(1756, "UK RF 280")->code_inferred);
  CHECK(reference_at(1770, "KoAP RF 20.3") != nullptr);
  // Line 2053: "(lid 2, artikel 6.21)".
  CHECK(reference_at(2053, "KoAP RF 6.21 part 2") != nullptr);
  // Line 3339 names the NGO "ARTICLE 19": not a provision.
  const auto& articles = testing::corpus().extraction.articles;
  CHECK(std::none_of(articles.begin(), articles.end(),
                     [](const auto& article) { return article.reference.article == "19"; }));
  CHECK(articles.size() > 80);
}

TEST_CASE("glosses in the report: the Russian original and the English name of the register",
          "[corpus][extract]") {
  const auto& glosses = testing::corpus().extraction.glosses;
  const auto at = [&](std::size_t line, curation::GlossKind kind) -> const curation::Gloss* {
    for (const auto& gloss : glosses) {
      if (gloss.evidence.file == kReport && gloss.evidence.line == line && gloss.kind == kind)
        return &gloss;
    }
    return nullptr;
  };
  // Footnote 11 (lines 157-160) explains the register quoted at line 132 ("...moeten staan”11").
  const auto* original = at(157, curation::GlossKind::original);
  REQUIRE(original != nullptr);
  CHECK(original->gloss_language == Language::ru);
  CHECK_THAT(original->gloss, Catch::StartsWith("Единый реестр сведений о гражданах") &&
                                  Catch::EndsWith("обязанных состоять на воинском учете"));
  CHECK_THAT(original->term, Catch::StartsWith("Uniform Militair Register"));
  CHECK(original->term_evidence == std::vector<Evidence>{{kReport, 132}});
  const auto* english = at(160, curation::GlossKind::rendering);
  REQUIRE(english != nullptr);
  CHECK(english->gloss == "Unified Register of Military Registration");
  // Footnote 141: "aangeduid met de afkorting AWOL (Absent WithOut Leave)", attached to the
  // heading at line 1336 that cites article 337.
  const auto* awol = at(1364, curation::GlossKind::rendering);
  REQUIRE(awol != nullptr);
  CHECK(awol->term == "Ongeoorloofde afwezigheid van de eenheid");
  CHECK(awol->gloss == "Absent WithOut Leave");
  REQUIRE(awol->references.size() == 1);
  CHECK(termbase::to_string(awol->references.front()) == "UK RF 337");
  // Line 1089: "veiligheidsapparaat (“siloviki”)", Russian in Latin letters.
  const auto* siloviki = at(1089, curation::GlossKind::parenthesised);
  REQUIRE(siloviki != nullptr);
  CHECK(siloviki->gloss == "siloviki");
  CHECK(siloviki->transliterated);
  CHECK_THAT(siloviki->term, Catch::EndsWith("veiligheidsapparaat"));
  // Section 4.2, the list of abbreviations: "CAO   Code of Administrative Offences".
  const auto* cao = at(4340, curation::GlossKind::abbreviation_list);
  REQUIRE(cao != nullptr);
  CHECK(cao->gloss == "CAO");
  CHECK(cao->term == "Code of Administrative Offences");
  CHECK(cao->term_language == Language::en);
}

TEST_CASE("Dutch compounds of the legal vocabulary, with frequencies", "[corpus][extract]") {
  const auto& candidates = testing::corpus().extraction.candidates;
  const auto find = [&](const std::string& lemma) -> const curation::TermCandidate* {
    for (const auto& candidate : candidates) {
      if (candidate.lemma == lemma)
        return &candidate;
    }
    return nullptr;
  };
  const auto* evasion = find("dienstplichtontduiking");
  REQUIRE(evasion != nullptr);
  CHECK(evasion->kind == curation::CandidateKind::compound);
  CHECK(evasion->parts == std::vector<std::string>{"dienstplicht", "ontduiking"});
  CHECK(evasion->frequency >= 10);
  // Its evidence lines hold the word.
  const auto& report = testing::corpus().source(kReport);
  for (const auto& evidence : evasion->evidence) {
    CHECK_THAT(text::search_key(testing::line_of(report.text, evidence.line), Language::nl),
               Catch::Contains("dienstplichtontduiking"));
  }
  // "contractsoldaten" and "contractsoldaat" are one candidate.
  const auto* soldier = find("contractsoldaat");
  REQUIRE(soldier != nullptr);
  CHECK(soldier->frequency >= 20);
  const auto* prosecution = find("strafrechtelijk vervolging");
  REQUIRE(prosecution != nullptr);
  CHECK(prosecution->kind == curation::CandidateKind::phrase);
  CHECK(prosecution->text == "strafrechtelijke vervolging");
  const auto* agents = find("foreign agent");
  REQUIRE(agents != nullptr);
  CHECK(agents->language == Language::en);
}

TEST_CASE("alignments across languages by article, gloss and code", "[corpus][extract]") {
  const auto& alignments = testing::corpus().extraction.alignments;
  const auto find = [&](curation::AlignmentPivot pivot,
                        const std::string& key) -> const curation::Alignment* {
    for (const auto& alignment : alignments) {
      if (alignment.pivot == pivot && alignment.key == key)
        return &alignment;
    }
    return nullptr;
  };
  const auto has = [](const curation::Alignment& alignment, Language language,
                      const std::string& term) {
    const auto terms = alignment.terms.find(language);
    return terms != alignment.terms.end() &&
           std::find(terms->second.begin(), terms->second.end(), term) != terms->second.end();
  };
  const auto* awol = find(curation::AlignmentPivot::article, "UK RF 337");
  REQUIRE(awol != nullptr);
  CHECK(has(*awol, Language::nl, "ongeoorloofde afwezigheid van de eenheid"));
  CHECK(has(*awol, Language::en, "Absent WithOut Leave"));
  CHECK(std::find(awol->evidence.begin(), awol->evidence.end(), Evidence{kReport, 1364}) !=
        awol->evidence.end());
  const auto* code = find(curation::AlignmentPivot::code, "KoAP RF");
  REQUIRE(code != nullptr);
  CHECK(has(*code, Language::nl, "Wetboek van Administratieve Overtredingen"));
  CHECK(has(*code, Language::nl, "CAO"));
  CHECK(has(*code, Language::en, "Code of Administrative Offences"));
  const auto* point = find(curation::AlignmentPivot::gloss, "Single Conscription Point");
  REQUIRE(point != nullptr);
  CHECK(has(*point, Language::ru, "Единый пункт призыва на военную службу"));
  CHECK(has(*point, Language::nl, "SCP"));
  const auto* golos = find(curation::AlignmentPivot::name, "Golos");
  REQUIRE(golos != nullptr);
  CHECK(has(*golos, Language::en, "Golos"));
}
