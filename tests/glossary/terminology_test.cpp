// What a legal translator relies on in the shipped glossary: Russian wording read in the text of
// the law (with its source in glossaries/ru-sources.tsv), terms as they stand in running text,
// article titles in the legal reference, and no ordinary word taken for a term.

#include <unicode/uchar.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "glossary_support.hpp"
#include "tolk/text/morphology.hpp"
#include "tolk/text/segment.hpp"
#include "tolk/text/utf8.hpp"

using namespace tolk;
using termbase::Language;

namespace {

struct SourceRow {
  std::size_t line = 0;
  std::string concept_id;
  std::string term;
  std::string statute;
  std::string article;
  std::string where_read;
  std::string quote;
};

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> cells;
  std::stringstream stream(line);
  for (std::string cell; std::getline(stream, cell, '\t');)
    cells.push_back(cell);
  return cells;
}

const std::vector<SourceRow>& source_rows() {
  static const std::vector<SourceRow> rows = [] {
    std::vector<SourceRow> read;
    std::ifstream file(std::filesystem::path(TOLK_SOURCE_DIR) / "glossaries" / "ru-sources.tsv");
    REQUIRE(file.good());
    std::string header;
    std::getline(file, header);
    REQUIRE(header == "concept\tterm\tstatute\tarticle\twhere_read\tquote");
    std::size_t number = 1;
    for (std::string line; std::getline(file, line);) {
      ++number;
      if (line.empty())
        continue;
      const auto cells = split_tabs(line);
      INFO("ru-sources.tsv:" << number);
      REQUIRE(cells.size() == 6);
      read.push_back({number, cells[0], cells[1], cells[2], cells[3], cells[4], cells[5]});
    }
    return read;
  }();
  return rows;
}

bool is_capital(char32_t c) {
  return u_isupper(static_cast<UChar32>(c));
}

// Where a source row says it was read: a public repository at a commit, a line of the corpus, or
// a VERIFIED row of ../shared/notes/ru-statutes.md.
bool names_a_place(const std::string& where) {
  const auto at = where.find('@');
  if (at != std::string::npos) {
    const auto colon = where.find(':', at);
    return where.find('/') < at && colon == at + 41 && colon + 1 < where.size();
  }
  return where.starts_with("corpus:") || where.starts_with("ru-statutes.md: ");
}

// The search keys of a text's words and their lemmas.
std::vector<std::vector<std::string>> word_keys(std::string_view text) {
  std::vector<std::vector<std::string>> words;
  for (const auto& token : text::tokenize(text, Language::ru)) {
    if (token.kind != text::TokenKind::word)
      continue;
    std::vector<std::string> keys{text::search_key(token.text, Language::ru)};
    for (const auto& stem : text::stems(token.text, Language::ru))
      keys.push_back(text::search_key(stem, Language::ru));
    words.push_back(std::move(keys));
  }
  return words;
}

// Every word of the term stands in the quote in some inflected form: the same lemma, or the same
// stem with another ending (Hunspell does not know every word of the law: "реадмиссии"). Where
// recognition cannot say it, because the term has a comma inside ("документ, удостоверяющий
// личность") or a word Hunspell lacks, this decides.
bool words_stand_in(std::string_view term, std::string_view quote) {
  const auto wanted = word_keys(term);
  const auto present = word_keys(quote);
  const auto same_word = [](const std::vector<std::string>& a, const std::vector<std::string>& b) {
    for (const auto& x : a) {
      for (const auto& y : b) {
        if (x == y)
          return true;
        const auto points_x = text::to_code_points(x);
        const auto points_y = text::to_code_points(y);
        const std::size_t shorter = std::min(points_x.size(), points_y.size());
        const std::size_t stem = std::max<std::size_t>(4, shorter >= 3 ? shorter - 3 : 0);
        if (shorter >= stem &&
            std::equal(points_x.begin(), points_x.begin() + static_cast<long>(stem),
                       points_y.begin()))
          return true;
      }
    }
    return false;
  };
  return !wanted.empty() && std::all_of(wanted.begin(), wanted.end(), [&](const auto& word) {
    return std::any_of(present.begin(), present.end(),
                       [&](const auto& candidate) { return same_word(word, candidate); });
  });
}

std::set<std::string> concepts_found(const termbase::TermFinder& finder, std::string_view text,
                                     Language language) {
  std::set<std::string> found;
  for (const auto& hit : finder.find(text, language))
    found.insert(hit.concept_id);
  return found;
}

const termbase::TermFinder& whole_glossary() {
  static const termbase::TermFinder finder(testing::glossary().concepts());
  return finder;
}

}  // namespace

TEST_CASE("every verified Russian term has a source row whose quote of the law holds it",
          "[glossary][sources]") {
  std::map<std::pair<std::string, std::string>, const SourceRow*> by_term;
  for (const SourceRow& row : source_rows())
    by_term.emplace(std::pair{row.concept_id, row.term}, &row);
  std::size_t russian = 0;
  std::size_t verified = 0;
  for (const auto& entry : testing::glossary().concepts()) {
    for (const auto& term : entry.terms) {
      if (term.language != Language::ru)
        continue;
      ++russian;
      INFO(entry.id << ": " << term.text);
      if (term.verification == termbase::Verification::unverified) {
        CHECK_THAT(term.source, Catch::StartsWith("unverified: "));
        continue;
      }
      ++verified;
      const auto row = by_term.find({entry.id, term.text});
      REQUIRE(row != by_term.end());
      const SourceRow& source = *row->second;
      INFO("ru-sources.tsv:" << source.line << " " << source.where_read);
      CHECK(names_a_place(source.where_read));
      CHECK_FALSE(source.statute.empty());
      // The quote holds the term, in any inflected form (one concept's finder: no longer term of
      // another concept can hide it).
      termbase::Concept alone;
      alone.id = entry.id;
      alone.terms = {term};
      const termbase::TermFinder finder(std::span(&alone, 1));
      CHECK((!finder.find(source.quote, Language::ru).empty() ||
             words_stand_in(term.text, source.quote)));
    }
  }
  // Rows name concepts and terms that exist.
  for (const SourceRow& row : source_rows()) {
    INFO("ru-sources.tsv:" << row.line << " " << row.concept_id << ": " << row.term);
    const auto* entry = testing::glossary().find(row.concept_id);
    REQUIRE(entry != nullptr);
    CHECK(std::any_of(entry->terms.begin(), entry->terms.end(), [&](const auto& term) {
      return term.language == Language::ru && term.text == row.term;
    }));
  }
  INFO(verified << " of " << russian << " Russian terms verified");
  CHECK(russian >= 400);
  // The target is 95 %; 68 % is what the stored copies of the codes allowed (glossaries/README.md
  // says which laws are missing). The share may only grow.
  CHECK(verified * 100 >= russian * 68);
}

TEST_CASE("no term carries a qualifier in brackets", "[glossary]") {
  for (const auto& entry : testing::glossary().concepts()) {
    for (const auto& term : entry.terms) {
      INFO(entry.id << ": " << term.text);
      CHECK(term.text.find_first_of("()[]") == std::string::npos);
    }
  }
}

TEST_CASE("Russian terms are words of running text, not capitalised article titles", "[glossary]") {
  // A capital is kept for names (institutions, laws, a capital later in the term: "Верховный Суд
  // Российской Федерации") and abbreviations; every other term is written as it stands mid-text.
  for (const auto& entry : testing::glossary().concepts()) {
    const bool names = std::any_of(entry.domains.begin(), entry.domains.end(), [](const auto& d) {
      return d == "institutions" || d == "laws";
    });
    for (const auto& term : entry.terms) {
      if (term.language != Language::ru)
        continue;
      const auto letters = text::to_code_points(term.text);
      if (letters.empty() || !is_capital(letters.front()))
        continue;
      const bool abbreviation =
          term.type == termbase::TermType::abbreviation || term.type == termbase::TermType::acronym;
      const bool later_capital = std::any_of(letters.begin() + 1, letters.end(), is_capital);
      INFO(entry.id << ": " << term.text);
      CHECK((names || abbreviation || later_capital ||
             term.part_of_speech == termbase::PartOfSpeech::proper_noun));
    }
  }
}

TEST_CASE("article titles stand in the legal reference, the lemma in the terms", "[glossary]") {
  const auto* desertion = testing::glossary().find("uk-338-desertion");
  REQUIRE(desertion != nullptr);
  REQUIRE_FALSE(desertion->legal_references.empty());
  CHECK(desertion->legal_references.front().title == "Дезертирство");
  CHECK(desertion->preferred_term(Language::ru)->text == "дезертирство");
  std::size_t titled = 0;
  for (const auto& entry : testing::glossary().concepts()) {
    for (const auto& reference : entry.legal_references) {
      if (reference.title.empty())
        continue;
      ++titled;
      INFO(entry.id << ": " << reference.title);
      // The title is not a preferred term of its own concept.
      const auto* preferred = entry.preferred_term(Language::ru);
      CHECK((preferred == nullptr || preferred->text != reference.title));
    }
  }
  CHECK(titled >= 40);
}

TEST_CASE("ordinary sentences give exactly the expected concepts", "[glossary][precision]") {
  struct Sentence {
    Language language;
    const char* text;
    std::set<std::string> expected;
  };
  // The words that were over-general terms stand here in their ordinary sense.
  const std::vector<Sentence> sentences{
      {Language::ru, "Это нежелательные последствия для семьи.", {}},
      {Language::ru, "Большая часть населения живёт в городах.", {}},
      {Language::ru, "На складе был большой запас продуктов.", {}},
      {Language::ru, "Он подписал контракт на поставку мебели.", {}},
      {Language::en, "This had undesirable consequences for the family.", {}},
      {Language::en, "The unit price of bread rose again.", {}},
      {Language::en, "Smoking is prohibited in the building.", {}},
      {Language::en, "Volunteers cleaned the park on Sunday.", {}},
      {Language::nl, "Dat is een ongewenst effect van de nieuwe regel.", {}},
      {Language::nl, "Hij vroeg uitstel van betaling bij de bank.", {}},
      {Language::nl, "De eenheid van de familie stond voorop.", {}},
      {Language::nl, "Zij tekende een contract bij een nieuwe werkgever.", {}},
  };
  for (const Sentence& sentence : sentences) {
    INFO(sentence.text);
    CHECK(concepts_found(whole_glossary(), sentence.text, sentence.language) == sentence.expected);
  }
}

TEST_CASE("legal sentences name only their own concepts", "[glossary][precision]") {
  const auto found = [](std::string_view text, Language language) {
    return concepts_found(whole_glossary(), text, language);
  };
  // "часть 1 статьи 328" is a part of an article, not a military unit.
  {
    const auto hits = found("Он осуждён по части 1 статьи 328 УК РФ.", Language::ru);
    CHECK_FALSE(hits.contains("military-unit"));
  }
  // "militaire" is an adjective here, not the serviceman.
  {
    const auto hits = found("De zaak kwam voor de militaire rechtbank.", Language::nl);
    CHECK_FALSE(hits.contains("serviceman"));
  }
  // A sentence is not a conviction, and a sentence passed is not one either.
  {
    const auto hits = found("He was sentenced to six years.", Language::en);
    CHECK_FALSE(hits.contains("conviction"));
  }
  // One word, one concept: "terrorist" does not name two designations at once.
  for (const auto& hit : whole_glossary().find("a \"terrorist\" organization", Language::en)) {
    INFO(hit.concept_id << ": " << hit.matched_text);
    CHECK(hit.matched_text != "terrorist");
  }
}

TEST_CASE("spelling variants of the shipped terms are found in running text", "[glossary]") {
  const auto found = [](std::string_view text, Language language) {
    return concepts_found(whole_glossary(), text, language);
  };
  CHECK(found("It was reported that pre-trial detention was extended.", Language::en)
            .contains("pretrial-detention"));
  CHECK(found("The Defence Ministry said the unit had left.", Language::en)
            .contains("ministry-of-defence"));
  CHECK(found("Amnesty is a banned organization there.", Language::en)
            .contains("banned-organisation"));
  CHECK(found("De antipropagandawet werd uitgebreid.", Language::nl)
            .contains("fz-135-propaganda-law"));
  CHECK(
      found("Сотрудники военкомата пришли домой.", Language::ru).contains("military-commissariat"));
}
