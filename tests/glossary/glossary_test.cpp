// The shipped glossary (glossaries/legal-nl-en-ru.json) checked against the corpus: every article
// the Dutch report cites has a concept, every quoted designation of the English texts is a term
// or stands on the stop list with a reason, and every citation points at a line that holds the
// term. Each test prints what it found wrong, with FILE:LINE.

#include <algorithm>
#include <catch2/catch.hpp>
#include <iostream>
#include <set>
#include <sstream>

#include "glossary_support.hpp"

using namespace tolk;
using text::Language;

namespace {

constexpr const char* kReport = "ambtsbericht-rusland-2025.nl.txt";

// A concept whose legal reference is the cited one; a reference to a part also matches the
// concept of the whole article.
const termbase::Concept* concept_for(const termbase::LegalReference& cited) {
  const termbase::Concept* whole = nullptr;
  for (const auto& entry : testing::glossary().concepts()) {
    for (const auto& reference : entry.legal_references) {
      if (reference.code != cited.code || reference.article != cited.article)
        continue;
      if (reference.part == cited.part)
        return &entry;
      if (reference.part.empty())
        whole = &entry;
    }
  }
  return whole;
}

std::string trimmed(std::string_view text) {
  while (!text.empty() && text.front() == ' ')
    text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ')
    text.remove_suffix(1);
  return std::string(text);
}

Language language_of_file(const std::string& file) {
  return file.find(".nl.") != std::string::npos   ? Language::nl
         : file.find(".ru.") != std::string::npos ? Language::ru
                                                  : Language::en;
}

// Quotation marks, and the "’s" of a plural or possessive ("AWOL’s"), do not hide a term.
std::string without_quotes(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const auto rest = text.substr(i);
    bool dropped = false;
    for (const std::string_view mark : {"“", "”", "„", "«", "»", "‘", "\""}) {
      if (rest.starts_with(mark)) {
        i += mark.size();
        dropped = true;
        break;
      }
    }
    if (dropped)
      continue;
    if (rest.starts_with("’")) {
      const auto after = rest.substr(std::string_view("’").size());
      const auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
      if (after.starts_with("s") && (after.size() == 1 || !letter(after[1]))) {
        i += std::string_view("’s").size();
        continue;
      }
      if (after.empty() || !letter(after.front())) {
        i += std::string_view("’").size();
        continue;
      }
    }
    out.push_back(text[i]);
    ++i;
  }
  return out;
}

// The search key without spaces and hyphens: "propaganda-wet166" holds "propagandawet".
std::string compact_key(std::string_view text, Language language) {
  std::string key = text::search_key(text, language);
  std::erase_if(key, [](char c) { return c == ' ' || c == '-'; });
  return key;
}

bool found_in(const termbase::Concept& entry, const std::string& text, Language language) {
  const std::string plain = without_quotes(text);
  const auto hits = testing::glossary().finder_for(entry).find(plain, language);
  if (std::any_of(hits.begin(), hits.end(),
                  [&](const termbase::TermHit& hit) { return hit.concept_id == entry.id; })) {
    return true;
  }
  // Lemma comparison misses a few forms (a hyphenated spelling, a glued footnote number, a plural
  // Hunspell reads as a verb: "oproepen"); the term as a string inside the text still counts.
  const std::string key = compact_key(plain, language);
  return std::any_of(entry.terms.begin(), entry.terms.end(), [&](const termbase::Term& term) {
    return term.language == language &&
           key.find(compact_key(term.text, language)) != std::string::npos;
  });
}

// The extractor found, on this line, an article reference that is the concept's.
bool cites_reference(const termbase::Concept& entry, const std::string& file, std::size_t line) {
  for (const auto& article : testing::corpus().extraction.articles) {
    if (article.evidence.file != file || article.evidence.line != line)
      continue;
    for (const auto& reference : entry.legal_references) {
      if (reference.code == article.reference.code &&
          reference.article == article.reference.article)
        return true;
    }
  }
  return false;
}

}  // namespace

TEST_CASE("the glossary is read whole, at least 400 concepts in thirteen domains", "[glossary]") {
  const auto& concepts = testing::glossary().concepts();
  CHECK(concepts.size() >= 400);
  std::set<std::string> domains;
  for (const auto& entry : concepts)
    domains.insert(entry.domains.begin(), entry.domains.end());
  CHECK(domains.size() == 13);
}

TEST_CASE("every WvS and CAO article the Dutch report cites has a concept", "[corpus][glossary]") {
  std::size_t checked = 0;
  std::ostringstream offenders;
  for (const auto& article : testing::corpus().extraction.articles) {
    if (article.evidence.file != kReport || article.reference.code.empty())
      continue;
    ++checked;
    if (concept_for(article.reference) == nullptr) {
      offenders << "  " << curation::to_string(article.evidence) << ": "
                << termbase::to_string(article.reference) << " (\"" << article.text
                << "\") has no concept with that legal reference\n";
    }
  }
  const std::string report = offenders.str();
  if (!report.empty())
    std::cout << "Articles without a concept:\n" << report;
  CHECK(checked > 80);
  CHECK(report.empty());
}

TEST_CASE("every quoted designation of the English texts is a term or on the stop list",
          "[corpus][glossary]") {
  const auto& fixture = testing::glossary();
  termbase::LookupOptions options;
  options.language = Language::en;
  options.fuzzy = false;
  std::set<std::string> used_stop_list;
  std::size_t checked = 0;
  std::size_t resolved = 0;
  std::ostringstream offenders;
  for (const auto& quotation : testing::corpus().extraction.quotations) {
    if (quotation.language != Language::en)
      continue;
    ++checked;
    const auto hits = fixture.termbase().lookup(quotation.text, options);
    const bool is_term = std::any_of(hits.begin(), hits.end(), [](const auto& hit) {
      return hit.kind == termbase::MatchKind::exact ||
             hit.kind == termbase::MatchKind::normalized ||
             hit.kind == termbase::MatchKind::inflected;
    });
    if (is_term) {
      ++resolved;
      continue;
    }
    const std::string key = text::unify_punctuation(trimmed(quotation.text));
    const auto stop = std::find_if(
        fixture.stop_list().begin(), fixture.stop_list().end(),
        [&](const auto& entry) { return text::unify_punctuation(trimmed(entry.text)) == key; });
    if (stop != fixture.stop_list().end()) {
      used_stop_list.insert(stop->text);
      continue;
    }
    offenders << "  " << curation::to_string(quotation.evidence) << ": \"" << quotation.text
              << "\" is neither a term nor on glossaries/designation-stoplist.tsv\n";
  }
  const std::string report = offenders.str();
  if (!report.empty())
    std::cout << "Quoted designations without a concept:\n" << report;
  for (const auto& entry : fixture.stop_list()) {
    if (!used_stop_list.contains(entry.text))
      WARN("stop-list entry not met as a quotation of at most 12 words: " << entry.text);
  }
  CHECK(checked > 50);
  CHECK(resolved > 40);
  CHECK(report.empty());
}

TEST_CASE("every citation points at a line that holds the term, or an inflected form of it",
          "[corpus][glossary]") {
  const auto& corpus = testing::corpus();
  std::size_t checked = 0;
  std::ostringstream offenders;
  for (const auto& entry : testing::glossary().concepts()) {
    for (const auto& citation : entry.citations) {
      ++checked;
      const std::string where = citation.file + ':' + std::to_string(citation.line);
      const auto source = std::find_if(corpus.sources.begin(), corpus.sources.end(),
                                       [&](const auto& s) { return s.file == citation.file; });
      if (source == corpus.sources.end()) {
        offenders << "  " << entry.id << ": " << where << ": no such corpus file\n";
        continue;
      }
      const std::string line = testing::line_of(source->text, citation.line);
      if (line.empty()) {
        offenders << "  " << entry.id << ": " << where << ": no such line\n";
        continue;
      }
      const Language language = citation.language.value_or(language_of_file(citation.file));
      // The quote stands on the line (case, quotation marks and dashes aside) ...
      if (text::search_key(line, language).find(text::search_key(citation.quote, language)) ==
          std::string::npos) {
        offenders << "  " << entry.id << ": " << where << ": the quote \"" << citation.quote
                  << "\" is not on the line\n";
        continue;
      }
      // ... and a term of the concept in that line, or in the quote, in any inflected form, or
      // the concept's article. A term the PDF wrapped over two lines is found with the line
      // before or after.
      const std::string before =
          citation.line > 1 ? testing::line_of(source->text, citation.line - 1) + '\n' + line
                            : line;
      const std::string after = line + '\n' + testing::line_of(source->text, citation.line + 1);
      if (!found_in(entry, line, language) && !found_in(entry, citation.quote, language) &&
          !found_in(entry, before, language) && !found_in(entry, after, language) &&
          !cites_reference(entry, citation.file, citation.line)) {
        offenders << "  " << entry.id << ": " << where << ": no " << text::language_code(language)
                  << " term of the concept (quote \"" << citation.quote << "\") in \"" << line
                  << "\"\n";
      }
    }
  }
  const std::string report = offenders.str();
  if (!report.empty())
    std::cout << "Citations that do not hold their term:\n" << report;
  CHECK(checked > 500);
  CHECK(report.empty());
}

TEST_CASE("the general words 'ongewenst' and 'undesirable' are not terms on their own",
          "[glossary]") {
  // Recognition would fire on every ordinary use of the adjective; the designation is the phrase.
  termbase::TermFinder finder(testing::glossary().concepts());
  CHECK(finder.find("Dat is een ongewenst effect van de wet.", Language::nl).empty());
  CHECK(finder.find("This had undesirable consequences for the family.", Language::en).empty());
  const auto declared = finder.find("De organisatie werd ongewenst verklaard.", Language::nl);
  REQUIRE(declared.size() == 1);
  CHECK(declared[0].concept_id == "undesirable-organisation");
  const auto english = finder.find("The group was declared undesirable in May.", Language::en);
  REQUIRE(english.size() == 1);
  CHECK(english[0].concept_id == "undesirable-organisation");
}
