// The figures of a document: article references and federal-law numbers (found by the corpus
// extractor and resolved to termbase concepts), dates, amounts of money, and names of people.

#include <algorithm>
#include <map>
#include <regex>
#include <tuple>

#include "internal.hpp"
#include "tolk/check/legal_reference.hpp"
#include "tolk/curation/extract.hpp"
#include "tolk/text/morphology.hpp"
#include "tolk/text/normalize.hpp"
#include "tolk/text/segment.hpp"

namespace tolk::prepare {

std::string_view to_string(FigureKind kind) {
  switch (kind) {
    case FigureKind::article:
      return "article";
    case FigureKind::law:
      return "law";
    case FigureKind::date:
      return "date";
    case FigureKind::amount:
      return "amount";
    case FigureKind::name:
      return "name";
  }
  return "date";
}

namespace detail {
namespace {

// The domain that holds a code's own provisions in the glossary.
std::string_view statute_domain(std::string_view code) {
  if (code == "UK RF")
    return "criminal-code";
  if (code == "KoAP RF")
    return "administrative-code";
  return "laws";
}

// The concept for a reference: the same code and article with the same part, else the whole
// article, else any part of it; among equals the statute's own concept (its domain is the code's)
// before concepts that merely cite the article.
const Concept* resolve(const termbase::LegalReference& reference,
                       std::span<const TermSource> termbases) {
  const Concept* best = nullptr;
  int best_rank = 1000;
  for (const TermSource& source : termbases) {
    for (const Concept& entry : source.concepts) {
      const bool statute = std::find(entry.domains.begin(), entry.domains.end(),
                                     statute_domain(reference.code)) != entry.domains.end();
      for (const termbase::LegalReference& own : entry.legal_references) {
        if (own.code != reference.code || own.article != reference.article)
          continue;
        const int match = own.part == reference.part ? 0 : own.part.empty() ? 1 : 2;
        const int rank = match * 2 + (statute ? 0 : 1);
        if (rank < best_rank) {
          best_rank = rank;
          best = &entry;
        }
      }
    }
  }
  return best;
}

std::string russian_citation(const termbase::LegalReference& reference) {
  if (reference.code == "FZ")
    return "№ " + reference.article + (reference.article.ends_with("-FZ") ? "" : "-ФЗ");
  std::string out(check::code_name(reference.code, Language::ru));
  out += " ст. " + reference.article;
  if (!reference.part.empty())
    out += " ч. " + reference.part;
  return out;
}

const std::regex& date_pattern() {
  // 12 maart 2024, 1 januari 2024, 12 March 2024, March 12, 2024, 12 марта 2024, maart 2023,
  // 2024-03-12, 12.03.2024, 12-03-2024.
  static const std::regex pattern(
      "(\\b[0-3]?[0-9] )?"
      "(januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
      "January|February|March|April|May|June|July|August|September|October|November|December|"
      "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)"
      "( [0-3]?[0-9],)? (19|20)[0-9]{2}( г\\.| года)?"
      "|\\b(19|20)[0-9]{2}-[01][0-9]-[0-3][0-9]\\b"
      "|\\b[0-3]?[0-9][./-][01]?[0-9][./-](19|20)[0-9]{2}\\b");
  return pattern;
}

const std::regex& amount_pattern() {
  static const std::regex pattern(
      "(€|\\$|EUR |USD |RUB )[0-9][0-9.,  ]*[0-9]( (miljoen|miljard|million|billion))?"
      "|\\b[0-9][0-9.,  ]*( (miljoen|miljard|million|billion|thousand|duizend|тыс\\.|тысяч|млн|"
      "млрд))? ?(euro|roebel|roebels|roubles|rubles|rouble|ruble|dollar|dollars|рублей|рубля|"
      "рубль|руб\\.|евро|долларов|€|\\$)");
  return pattern;
}

bool starts_upper(std::string_view word) {
  if (word.empty())
    return false;
  const auto first = static_cast<unsigned char>(word[0]);
  if (first >= 'A' && first <= 'Z')
    return true;
  // Cyrillic capitals А..Я (D0 90..D0 AF) and Ё (D0 81).
  if (first == 0xD0 && word.size() > 1) {
    const auto second = static_cast<unsigned char>(word[1]);
    return (second >= 0x90 && second <= 0xAF) || second == 0x81;
  }
  return false;
}

bool all_upper(std::string_view word) {
  for (const char c : word)
    if (c >= 'a' && c <= 'z')
      return false;
  return word.size() < 2 || static_cast<unsigned char>(word[0]) < 0x80;
}

// A word of general language, in the document's language or in English (reports cite English
// titles in Title Case: "Russia Ramps Up Fines" is not a name).
bool general_word(std::string_view word, Language language) {
  for (const Language dictionary_language : {language, Language::en}) {
    const auto& dictionary = text::Dictionary::for_language(dictionary_language);
    const std::string lower = text::search_key(word, dictionary_language);
    if (dictionary.spell(lower) && !dictionary.stems(lower).empty())
      return true;
  }
  return false;
}

void find_names(const documents::Document& document, std::size_t index, Language language,
                const Lines& lines, std::vector<Figure>& out) {
  const std::vector<text::Token> tokens = text::tokenize(document.text, language);
  std::size_t i = 0;
  while (i < tokens.size()) {
    if (tokens[i].kind != text::TokenKind::word || !starts_upper(tokens[i].text) ||
        all_upper(tokens[i].text)) {
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    while (j < tokens.size() && tokens[j].kind == text::TokenKind::word &&
           starts_upper(tokens[j].text) && !all_upper(tokens[j].text) && j - i < 4) {
      const std::string_view gap(document.text.data() + tokens[j - 1].end,
                                 tokens[j].begin - tokens[j - 1].end);
      if (gap != " ")
        break;
      ++j;
    }
    // Capitalised general words (a sentence's first word, a heading) are not part of a name.
    std::size_t first = i;
    std::size_t last = j;
    while (first < last && general_word(tokens[first].text, language))
      ++first;
    while (last > first && general_word(tokens[last - 1].text, language))
      --last;
    if (last - first >= 2) {
      Figure figure;
      figure.kind = FigureKind::name;
      figure.text =
          document.text.substr(tokens[first].begin, tokens[last - 1].end - tokens[first].begin);
      figure.first = place_at(document, index, lines, tokens[first].begin, figure.text.size());
      out.push_back(std::move(figure));
    }
    i = j;
  }
}

// std::regex backtracks and recurses per character: it is run line by line, and a line longer
// than kPatternWindow bytes (a PDF page without breaks, a hostile file) in windows cut at spaces,
// so that time and stack depth stay bounded whatever the document.
constexpr std::size_t kPatternWindow = 4096;

void find_pattern(const documents::Document& document, std::size_t index, const Lines& lines,
                  const std::regex& pattern, FigureKind kind, std::vector<Figure>& out) {
  const std::string_view text = document.text;
  for (std::size_t number = 1; number <= lines.line_count(); ++number) {
    const std::string_view line = lines.line(text, number);
    const std::size_t line_start = lines.line_begin(number, text.size());
    for (std::size_t begin = 0; begin < line.size();) {
      std::size_t end = std::min(line.size(), begin + kPatternWindow);
      if (end < line.size()) {
        const std::size_t space = line.rfind(' ', end);
        if (space != std::string_view::npos && space > begin)
          end = space;
      }
      const std::string_view window = line.substr(begin, end - begin);
      for (auto it = std::cregex_iterator(window.data(), window.data() + window.size(), pattern);
           it != std::cregex_iterator(); ++it) {
        Figure figure;
        figure.kind = kind;
        figure.text = text::collapse_white_space(it->str());
        const auto offset = line_start + begin + static_cast<std::size_t>(it->position());
        figure.first =
            place_at(document, index, lines, offset, static_cast<std::size_t>(it->length()));
        out.push_back(std::move(figure));
      }
      begin = end;
    }
  }
}

}  // namespace

std::vector<Figure> find_figures(const documents::Document& document, std::size_t index,
                                 const Lines& lines, Language language,
                                 std::span<const TermSource> termbases) {
  std::vector<Figure> out;
  // A report cites the same article many times: each is resolved once.
  std::map<std::tuple<std::string, std::string, std::string>, const Concept*> resolved;
  const curation::SourceText source{document.file, language, document.text};
  for (const curation::ArticleReference& reference : curation::find_article_references(source)) {
    Figure figure;
    figure.kind = reference.reference.code == "FZ" ? FigureKind::law : FigureKind::article;
    figure.text = reference.text;
    figure.reference = reference.reference;
    // The extractor gives the line; the context is pointed at the reference on it.
    const std::size_t start = lines.line_begin(reference.evidence.line, document.text.size());
    const std::string_view line = lines.line(document.text, reference.evidence.line);
    const std::size_t at =
        line.find(reference.text.substr(0, std::min<std::size_t>(5, reference.text.size())));
    figure.first = place_at(document, index, lines, start + (at == std::string_view::npos ? 0 : at),
                            reference.text.size());
    if (!reference.reference.code.empty()) {
      const auto key = std::tuple(reference.reference.code, reference.reference.article,
                                  reference.reference.part);
      auto [known, added] = resolved.try_emplace(key, nullptr);
      if (added)
        known->second = resolve(reference.reference, termbases);
      if (const Concept* entry = known->second) {
        figure.concept_id = entry->id;
        figure.resolved = russian_citation(reference.reference);
        // The article's official title where the glossary has it, else its Russian term.
        const auto own =
            std::find_if(entry->legal_references.begin(), entry->legal_references.end(),
                         [&](const termbase::LegalReference& reference_of_entry) {
                           return reference_of_entry.code == reference.reference.code &&
                                  reference_of_entry.article == reference.reference.article &&
                                  !reference_of_entry.title.empty();
                         });
        if (own != entry->legal_references.end())
          figure.resolved += ": " + own->title;
        else if (const termbase::Term* term = entry->preferred_term(Language::ru))
          figure.resolved += ": " + term->text;
      } else {
        figure.resolved = russian_citation(reference.reference);
      }
    }
    out.push_back(std::move(figure));
  }
  find_pattern(document, index, lines, date_pattern(), FigureKind::date, out);
  find_pattern(document, index, lines, amount_pattern(), FigureKind::amount, out);
  find_names(document, index, language, lines, out);
  std::stable_sort(out.begin(), out.end(), [](const Figure& a, const Figure& b) {
    return a.first.offset < b.first.offset;
  });
  return out;
}

}  // namespace detail
}  // namespace tolk::prepare
