#include "tolk/prepare/prepare.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <unordered_set>

#include "internal.hpp"
#include "tolk/curation/extract.hpp"
#include "tolk/io/strings.hpp"
#include "tolk/text/morphology.hpp"
#include "tolk/text/normalize.hpp"
#include "tolk/text/segment.hpp"

namespace tolk::prepare {

namespace detail {

extern const std::string_view kDefaultStopList;

namespace {

bool continuation_byte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

}  // namespace

Place place_at(const documents::Document& document, std::size_t index, const Lines& lines,
               std::size_t offset, std::size_t length) {
  // About 60 bytes either side on the same line, cut at a space and never inside a character.
  constexpr std::size_t kSide = 60;
  Place place;
  place.file = document.file;
  place.document = index;
  place.offset = offset;
  place.line = lines.line_of(offset);
  const std::string_view line = lines.line(document.text, place.line);
  const std::size_t line_start = lines.line_begin(place.line, document.text.size());
  const std::size_t at = offset - line_start;
  std::size_t begin = at > kSide ? at - kSide : 0;
  std::size_t end = std::min(line.size(), at + length + kSide);
  if (begin > 0) {
    const std::size_t space = line.find(' ', begin);
    begin = space != std::string_view::npos && space < at ? space + 1 : begin;
    while (begin > 0 && continuation_byte(line[begin]))
      --begin;
  }
  if (end < line.size()) {
    const std::size_t space = line.rfind(' ', end);
    end = space != std::string_view::npos && space > at + length ? space : end;
    while (end < line.size() && continuation_byte(line[end]))
      ++end;
  }
  place.context = (begin > 0 ? "… " : "") +
                  text::collapse_white_space(line.substr(begin, end - begin)) +
                  (end < line.size() ? " …" : "");
  return place;
}

}  // namespace detail

std::string to_string(const Place& place) {
  return place.file + ":" + std::to_string(place.line);
}

namespace {
std::string key_of(std::string_view text) {
  return text::search_key(text, Language::en);
}
}  // namespace

std::vector<std::string> parse_stop_list(std::string_view text) {
  std::vector<std::string> words;
  for (const std::string_view line : text::split_lines(text)) {
    const std::string entry = text::collapse_white_space(line.substr(0, line.find('#')));
    if (!entry.empty())
      words.push_back(key_of(entry));
  }
  return words;
}

std::vector<std::string> default_stop_list() {
  return parse_stop_list(detail::kDefaultStopList);
}

std::vector<std::string> read_stop_list(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in)
    throw documents::DocumentError(file, "cannot open the stop list");
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return parse_stop_list(bytes);
}

namespace {

bool before(const Place& a, const Place& b) {
  return std::tie(a.document, a.offset) < std::tie(b.document, b.offset);
}

// Whether every word of `candidate` is on the stop list, or the whole is.
bool stopped(const std::string& key, const std::set<std::string, std::less<>>& stop) {
  if (stop.contains(key))
    return true;
  std::size_t begin = 0;
  while (begin <= key.size()) {
    std::size_t end = key.find(' ', begin);
    if (end == std::string::npos)
      end = key.size();
    if (!stop.contains(key.substr(begin, end - begin)))
      return false;
    begin = end + 1;
  }
  return true;
}

bool has_legal_word(const std::string& key) {
  for (const std::string_view word : curation::default_legal_vocabulary())
    if (word.size() >= 4 && key.find(word) != std::string::npos)
      return true;
  return false;
}

double termhood(const curation::TermCandidate& candidate) {
  double score = std::log2(1.0 + static_cast<double>(candidate.frequency));
  const std::string key = key_of(candidate.text);
  if (has_legal_word(key))
    score += 1;
  const bool phrase = key.find(' ') != std::string::npos;
  if (phrase) {
    score += 0.5;
  } else {
    // A compound that general language (the Hunspell dictionary's own word list) does not have.
    const auto& dictionary = text::Dictionary::for_language(candidate.language);
    if (dictionary.stems(candidate.text).empty() || !dictionary.spell(candidate.text))
      score += 1;
  }
  return std::round(score * 100) / 100;
}

}  // namespace

Sheet prepare_sheet(std::span<const documents::Document> documents,
                    std::span<const TermSource> termbases, const PrepareOptions& options) {
  Sheet sheet;
  std::vector<termbase::TermFinder> finders;
  finders.reserve(termbases.size());
  std::vector<std::map<std::string, const Concept*, std::less<>>> by_id(termbases.size());
  for (std::size_t t = 0; t < termbases.size(); ++t) {
    finders.emplace_back(termbases[t].concepts);
    for (const Concept& entry : termbases[t].concepts)
      by_id[t].emplace(entry.id, &entry);
  }

  std::map<std::pair<std::size_t, std::string>, KnownTerm> known;  // (termbase, concept id)
  std::vector<curation::SourceText> sources;
  std::vector<Figure> figures;
  const auto wanted = [&](Language language) {
    return std::find(options.languages.begin(), options.languages.end(), language) !=
           options.languages.end();
  };

  // Each document's line starts, built once: term hits, candidates and figures all need them.
  std::vector<detail::Lines> line_indexes;
  std::map<std::string, std::size_t, std::less<>> document_by_file;
  for (std::size_t index = 0; index < documents.size(); ++index) {
    line_indexes.emplace_back(documents[index].text);
    document_by_file.try_emplace(documents[index].file, index);
  }

  for (std::size_t index = 0; index < documents.size(); ++index) {
    const documents::Document& document = documents[index];
    sheet.files.push_back(document.file);
    const detail::Lines& lines = line_indexes[index];
    const Language main = text::detect_language(document.text, options.languages);
    std::vector<Language> languages{main};
    // Russian quoted in a Dutch or English report: Cyrillic terms are looked for too.
    if (main != Language::ru && wanted(Language::ru) &&
        document.text.find_first_of("\xD0\xD1") != std::string::npos)
      languages.push_back(Language::ru);
    for (std::size_t t = 0; t < termbases.size(); ++t) {
      for (const Language language : languages) {
        for (const termbase::TermHit& hit : finders[t].find(document.text, language)) {
          const auto found = by_id[t].find(hit.concept_id);
          if (found == by_id[t].end())
            continue;
          const Concept* entry = found->second;
          auto [it, added] = known.try_emplace({t, hit.concept_id});
          KnownTerm& term = it->second;
          const Place where =
              detail::place_at(document, index, lines, hit.begin, hit.end - hit.begin);
          if (added) {
            term.entry = *entry;
            term.termbase = termbases[t].name;
            term.personal = termbases[t].personal;
            term.first = where;
          } else if (before(where, term.first)) {
            term.first = where;
          }
          ++term.frequency;
          if (std::find(term.forms.begin(), term.forms.end(), hit.matched_text) == term.forms.end())
            term.forms.push_back(hit.matched_text);
        }
      }
    }
    if (main != Language::ru)
      sources.push_back({document.file, main, document.text});
    for (Figure& figure : detail::find_figures(document, index, lines, main, termbases))
      figures.push_back(std::move(figure));
  }

  // The interpreter's own entry for a concept the shipped termbase also has stays beside it:
  // both are listed, the own one marked.
  for (auto& [key, term] : known)
    sheet.known.push_back(std::move(term));
  std::stable_sort(sheet.known.begin(), sheet.known.end(),
                   [](const KnownTerm& a, const KnownTerm& b) { return before(a.first, b.first); });
  if (options.order == Order::domain) {
    std::stable_sort(sheet.known.begin(), sheet.known.end(),
                     [](const KnownTerm& a, const KnownTerm& b) {
                       const std::string da = a.entry.domains.empty() ? "~" : a.entry.domains[0];
                       const std::string db = b.entry.domains.empty() ? "~" : b.entry.domains[0];
                       return da < db;
                     });
  }

  // Unknown terms: the corpus extractor's recurring compounds and phrases, minus what a termbase
  // recognises as a whole and what the stop list keeps out.
  std::set<std::string, std::less<>> stop(options.stop_list.begin(), options.stop_list.end());
  curation::ExtractOptions extract;
  extract.min_frequency = options.min_frequency;
  extract.max_evidence = 1;
  for (const curation::TermCandidate& candidate :
       curation::find_term_candidates(sources, extract)) {
    if (!wanted(candidate.language))
      continue;
    const std::string key = key_of(candidate.text);
    if (stopped(key, stop))
      continue;
    // Known when a termbase recognises it whole, or everything of it but stop-list words
    // ("jaar detentie": "jaar" is general, "detentie" a known term).
    bool recognised = false;
    for (const auto& finder : finders) {
      std::vector<bool> covered(candidate.text.size(), false);
      for (const termbase::TermHit& hit : finder.find(candidate.text, candidate.language)) {
        if (hit.inside_compound)
          continue;
        for (std::size_t i = hit.begin; i < hit.end && i < covered.size(); ++i)
          covered[i] = true;
      }
      bool all = true;
      for (const text::Token& token : text::tokenize(candidate.text, candidate.language)) {
        if (token.kind != text::TokenKind::word || covered[token.begin])
          continue;
        if (!stop.contains(key_of(token.text)))
          all = false;
      }
      recognised = recognised || all;
    }
    if (recognised)
      continue;
    UnknownTerm term;
    term.text = candidate.text;
    term.language = candidate.language;
    term.kind = std::string(curation::to_string(candidate.kind));
    term.frequency = candidate.frequency;
    term.termhood = termhood(candidate);
    // The first place: the extractor's first evidence line, located in its document.
    const auto located = candidate.evidence.empty()
                             ? document_by_file.end()
                             : document_by_file.find(candidate.evidence.front().file);
    if (located != document_by_file.end()) {
      const std::size_t index = located->second;
      const documents::Document& document = documents[index];
      const detail::Lines& lines = line_indexes[index];
      const std::size_t number = candidate.evidence.front().line;
      const std::size_t start = lines.line_begin(number, document.text.size());
      // Point the context at the candidate where its first letters stand on the line.
      const std::string line = io::to_lower_ascii(lines.line(document.text, number));
      const std::size_t found =
          line.find(io::to_lower_ascii(std::string_view(candidate.text).substr(0, 5)));
      term.first = detail::place_at(document, index, lines,
                                    start + (found == std::string::npos ? 0 : found), 0);
    }
    sheet.unknown.push_back(std::move(term));
  }
  std::stable_sort(sheet.unknown.begin(), sheet.unknown.end(),
                   [](const UnknownTerm& a, const UnknownTerm& b) {
                     if (a.termhood != b.termhood)
                       return a.termhood > b.termhood;
                     return before(a.first, b.first);
                   });
  if (sheet.unknown.size() > options.max_unknown)
    sheet.unknown.resize(options.max_unknown);

  // Figures: one row per distinct figure, at its first place, with how often it stands.
  std::map<std::pair<FigureKind, std::string>, std::size_t> seen;
  for (Figure& figure : figures) {
    const auto key = std::make_pair(figure.kind, key_of(figure.text));
    if (const auto it = seen.find(key); it != seen.end()) {
      ++sheet.figures[it->second].frequency;
      continue;
    }
    seen.emplace(key, sheet.figures.size());
    figure.frequency = 1;
    sheet.figures.push_back(std::move(figure));
  }
  std::stable_sort(sheet.figures.begin(), sheet.figures.end(),
                   [](const Figure& a, const Figure& b) { return before(a.first, b.first); });
  return sheet;
}

}  // namespace tolk::prepare
