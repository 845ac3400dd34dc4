#include "tolk/booth/booth_search.hpp"

#include <algorithm>
#include <array>
#include <set>

#include "tolk/text/normalize.hpp"
#include "tolk/text/transliterate.hpp"

namespace tolk::booth {

namespace {

constexpr std::array kDirections{
    Direction{Language::nl, Language::ru}, Direction{Language::ru, Language::nl},
    Direction{Language::en, Language::ru}, Direction{Language::ru, Language::en},
    Direction{Language::nl, Language::en}, Direction{Language::en, Language::nl}};

std::size_t slot(Language language) {
  return static_cast<std::size_t>(language);
}

// Lookup (typo tolerance included) is worth its cost only once a few letters are typed; before
// that the prefix search says more.
constexpr std::size_t kMinLookupBytes = 3;
constexpr std::size_t kMinFuzzyBytes = 5;

}  // namespace

std::string to_string(Direction direction) {
  return std::string(text::language_code(direction.from)) + " → " +
         std::string(text::language_code(direction.to));
}

std::span<const Direction> booth_directions() {
  return kDirections;
}

BoothSearch::BoothSearch(std::span<const BoothSource> sources)
    : sources_(sources.begin(), sources.end()) {
  for (std::size_t s = 0; s < sources_.size(); ++s) {
    concepts_.push_back(sources_[s].termbase->all());
    const auto& concepts = concepts_.back();
    for (std::size_t c = 0; c < concepts.size(); ++c) {
      for (std::size_t t = 0; t < concepts[c].terms.size(); ++t) {
        const termbase::Term& term = concepts[c].terms[t];
        keys_[slot(term.language)].push_back({text::search_key(term.text, term.language), s, c, t});
        if (term.language == Language::ru)
          translit_keys_.push_back({text::translit_key(term.text), s, c, t});
      }
    }
  }
  const auto by_key = [](const Key& a, const Key& b) {
    return std::tie(a.key, a.source, a.concept_index, a.term_index) <
           std::tie(b.key, b.source, b.concept_index, b.term_index);
  };
  for (auto& keys : keys_)
    std::sort(keys.begin(), keys.end(), by_key);
  std::sort(translit_keys_.begin(), translit_keys_.end(), by_key);
}

std::vector<BoothHit> BoothSearch::search(std::string_view query, Direction direction,
                                          std::size_t limit) const {
  std::vector<BoothHit> hits;
  const std::string key = text::search_key(query, direction.from);
  if (key.empty() || limit == 0)
    return hits;
  std::set<std::pair<std::size_t, std::string>> seen;  // (source, concept id)
  const auto has_target = [&](const Concept& entry) {
    return entry.preferred_term(direction.to) != nullptr;
  };

  if (key.size() >= kMinLookupBytes) {
    termbase::LookupOptions options;
    options.language = direction.from;
    options.limit = limit;
    options.fuzzy = key.size() >= kMinFuzzyBytes;
    std::vector<BoothHit> found;
    for (std::size_t s = 0; s < sources_.size(); ++s) {
      for (termbase::LookupHit& hit : sources_[s].termbase->lookup(query, options)) {
        if (!has_target(hit.entry) || !seen.insert({s, hit.entry.id}).second)
          continue;
        BoothHit booth_hit;
        booth_hit.matched = hit.entry.terms[hit.term_index].text;
        booth_hit.entry = std::move(hit.entry);
        booth_hit.kind = hit.kind;
        booth_hit.personal = sources_[s].personal;
        booth_hit.score = hit.score;
        found.push_back(std::move(booth_hit));
      }
    }
    std::stable_sort(found.begin(), found.end(), [](const BoothHit& a, const BoothHit& b) {
      if (a.score != b.score)
        return a.score > b.score;
      return a.personal && !b.personal;
    });
    for (auto& hit : found)
      if (hits.size() < limit)
        hits.push_back(std::move(hit));
  }

  // Terms the query begins: the shortest first, so the term being typed comes up early.
  std::vector<const Key*> prefixed;
  const auto collect = [&](const std::vector<Key>& keys, const std::string& prefix) {
    for (auto it = std::lower_bound(keys.begin(), keys.end(), prefix,
                                    [](const Key&k, const std::string&p) { return k.key < p; });
         it != keys.end() && it->key.starts_with(prefix) && prefixed.size() < 64; ++it)
      prefixed.push_back(&*it);
  };
  collect(keys_[slot(direction.from)], key);
  if (direction.from == Language::ru && !text::has_cyrillic(query))
    collect(translit_keys_, text::translit_key(query));
  std::stable_sort(prefixed.begin(), prefixed.end(),
                   [](const Key* a, const Key* b) { return a->key.size() < b->key.size(); });
  for (const Key* k : prefixed) {
    if (hits.size() >= limit)
      break;
    const Concept& entry = concepts_[k->source][k->concept_index];
    if (!has_target(entry) || !seen.insert({k->source, entry.id}).second)
      continue;
    BoothHit hit;
    hit.entry = entry;
    hit.matched = entry.terms[k->term_index].text;
    hit.kind = termbase::MatchKind::normalized;
    hit.prefix = true;
    hit.personal = sources_[k->source].personal;
    hits.push_back(std::move(hit));
  }
  return hits;
}

}  // namespace tolk::booth
