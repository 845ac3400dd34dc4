#include "tolk/booth/booth_search.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <tuple>

#include "tolk/text/morphology.hpp"
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

std::uint8_t bit(Language language) {
  return static_cast<std::uint8_t>(1U << slot(language));
}

}  // namespace

std::string label(Direction direction) {
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
      std::uint8_t languages = 0;
      for (const termbase::Term& term : concepts[c].terms)
        languages = static_cast<std::uint8_t>(languages | bit(term.language));
      for (std::size_t t = 0; t < concepts[c].terms.size(); ++t) {
        const termbase::Term& term = concepts[c].terms[t];
        const auto at = [&](std::string key) {
          return Key{std::move(key), static_cast<std::uint32_t>(s), static_cast<std::uint32_t>(c),
                     static_cast<std::uint32_t>(t), languages};
        };
        keys_[slot(term.language)].push_back(at(text::search_key(term.text, term.language)));
        if (term.language == Language::ru)
          translit_keys_.push_back(at(text::translit_key(term.text)));
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
  // The lookup stems with Hunspell: its dictionaries are loaded now (a tenth of a second each),
  // not on the first keystroke of each language.
  for (const Language language : text::kSupportedLanguages)
    text::Dictionary::for_language(language);
}

void BoothSearch::best_prefixed(const std::vector<Key>& keys, const std::string& prefix,
                                Language to, std::size_t wanted,
                                std::vector<const Key*>& best) const {
  // Shorter keys first: the term being typed comes up before the longer ones it begins.
  const auto before = [](const Key* a, const Key* b) {
    if (a->key.size() != b->key.size())
      return a->key.size() < b->key.size();
    return std::tie(a->key, a->source, a->concept_index, a->term_index) <
           std::tie(b->key, b->source, b->concept_index, b->term_index);
  };
  const std::uint8_t target = bit(to);
  for (auto it = std::lower_bound(keys.begin(), keys.end(), prefix,
                                  [](const Key&k, const std::string&p) { return k.key < p; });
       it != keys.end() && it->key.starts_with(prefix); ++it) {
    const Key* key = &*it;
    if ((key->languages & target) == 0)
      continue;
    if (best.size() == wanted && !before(key, best.back()))
      continue;
    // One place per concept: its best key.
    const auto same = std::find_if(best.begin(), best.end(), [&](const Key* other) {
      return other->source == key->source && other->concept_index == key->concept_index;
    });
    if (same != best.end()) {
      if (!before(key, *same))
        continue;
      best.erase(same);
    }
    best.insert(std::upper_bound(best.begin(), best.end(), key, before), key);
    if (best.size() > wanted)
      best.pop_back();
  }
}

std::vector<BoothHit> BoothSearch::search(std::string_view query, Direction direction,
                                          std::size_t limit) const {
  std::vector<BoothHit> hits;
  const std::string key = text::search_key(query, direction.from);
  if (key.empty() || limit == 0)
    return hits;

  // Terms the query begins: twice the limit, as the lookup may find some of them too.
  std::vector<const Key*> prefixed;
  best_prefixed(keys_[slot(direction.from)], key, direction.to, 2 * limit, prefixed);
  if (direction.from == Language::ru && !text::has_cyrillic(query))
    best_prefixed(translit_keys_, text::translit_key(query), direction.to, 2 * limit, prefixed);

  const auto known = [&](std::size_t source, const std::string& id) {
    return std::any_of(hits.begin(), hits.end(), [&](const BoothHit& hit) {
      return hit.source == source && hit.entry.id == id;
    });
  };
  if (key.size() >= kMinLookupBytes) {
    termbase::LookupOptions options;
    options.language = direction.from;
    options.limit = SIZE_MAX;  // the target language is asked for below, not by the termbase
    // Typos are looked for unless the terms the query begins fill the answer: those are what
    // is being typed, and the typo-tolerant lookup is the costliest step.
    options.fuzzy = key.size() >= kMinFuzzyBytes && prefixed.size() < limit;
    for (std::size_t s = 0; s < sources_.size(); ++s) {
      for (termbase::LookupHit& hit : sources_[s].termbase->lookup(query, options)) {
        if (hit.entry.preferred_term(direction.to) == nullptr)
          continue;
        BoothHit booth_hit;
        booth_hit.term_index = hit.term_index;
        booth_hit.matched = hit.entry.terms[hit.term_index].text;
        booth_hit.entry = std::move(hit.entry);
        booth_hit.kind = hit.kind;
        booth_hit.personal = sources_[s].personal;
        booth_hit.score = hit.score;
        booth_hit.source = s;
        hits.push_back(std::move(booth_hit));
      }
    }
    std::stable_sort(hits.begin(), hits.end(), [](const BoothHit& a, const BoothHit& b) {
      if (a.score != b.score)
        return a.score > b.score;
      return a.personal && !b.personal;
    });
    if (hits.size() > limit)
      hits.resize(limit);
  }

  for (const Key* k : prefixed) {
    if (hits.size() >= limit)
      break;
    const Concept& entry = concepts_[k->source][k->concept_index];
    if (known(k->source, entry.id))
      continue;
    BoothHit hit;
    hit.entry = entry;
    hit.term_index = k->term_index;
    hit.matched = entry.terms[k->term_index].text;
    hit.kind = termbase::MatchKind::normalized;
    hit.prefix = true;
    hit.personal = sources_[k->source].personal;
    hit.source = k->source;
    hits.push_back(std::move(hit));
  }
  return hits;
}

}  // namespace tolk::booth
