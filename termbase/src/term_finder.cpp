#include "tolk/termbase/term_finder.hpp"

#include <unicode/uchar.h>

#include <algorithm>
#include <cstdint>
#include <unordered_map>

#include "tolk/text/morphology.hpp"
#include "tolk/text/normalize.hpp"
#include "tolk/text/segment.hpp"
#include "tolk/text/spelling.hpp"
#include "tolk/text/utf8.hpp"

namespace tolk::termbase {
namespace {

struct TermInfo {
  std::string concept_id;
  std::size_t term_index = 0;
  std::string text;
  TermStatus status = TermStatus::admitted;
  Language language = Language::en;
  bool case_sensitive = false;
};

bool has_capital(std::string_view utf8) {
  for (const char32_t c : text::to_code_points(utf8)) {
    if (u_isupper(static_cast<UChar32>(c)))
      return true;
  }
  return false;
}

// Abbreviations and acronyms ("OM", "WvS", "AWOL") match only as written: "om" is a Dutch word.
// One written in lower case ("военкомат", "теракт") has no case to keep and is matched inflected
// like any word.
bool is_case_sensitive(const Term& term) {
  if (!has_capital(term.text))
    return false;
  if (term.type == TermType::abbreviation || term.type == TermType::acronym)
    return true;
  const auto upper = std::count_if(term.text.begin(), term.text.end(),
                                   [](char c) { return c >= 'A' && c <= 'Z'; });
  return term.text.size() <= 6 && upper >= 2;
}

struct TokenKeys {
  std::string surface;             // the token's own search key
  std::vector<std::string> stems;  // search keys of its lemmas, most plausible first
};

// British and American spellings share their keys ("organisation" is read as "organization").
TokenKeys token_keys(std::string_view token, text::TokenKind kind, Language language) {
  if (kind != text::TokenKind::word)
    return {text::search_key(token, language), {}};
  const std::string spelling = text::matching_spelling(token, language);
  TokenKeys keys{text::search_key(spelling, language), {}};
  for (const std::string& stem : text::Dictionary::for_language(language).stems(spelling)) {
    keys.stems.push_back(text::search_key(stem, language));
  }
  return keys;
}

// Every key a token of the text may match under.
std::vector<std::string> all_keys(const TokenKeys& keys) {
  std::vector<std::string> all{keys.surface};
  for (const auto& stem : keys.stems) {
    if (std::find(all.begin(), all.end(), stem) == all.end())
      all.push_back(stem);
  }
  return all;
}

// Only white space or a hyphen may stand between the words of a multi-word term.
bool joins_words(std::string_view gap) {
  return std::all_of(gap.begin(), gap.end(), [](char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '-';
  });
}

// A hyphen written between two words without space ("pre-trial", "anti-propagandawet").
bool is_word_hyphen(std::string_view gap) {
  return gap == "-" || gap == "\u2010" || gap == "\u2011";
}

// For each token, the last token of the hyphenated word that starts there ("pre" in "pre-trial"
// reaches "trial"), or the token itself. Hyphenated words are also matched joined ("pretrial"),
// so that a term written with or without the hyphen is found either way.
std::vector<std::size_t> hyphenated_word_ends(std::string_view text,
                                              const std::vector<text::Token>& tokens) {
  std::vector<std::size_t> ends(tokens.size());
  for (std::size_t i = tokens.size(); i-- > 0;) {
    ends[i] = i;
    if (tokens[i].kind != text::TokenKind::word || i + 1 >= tokens.size() ||
        tokens[i + 1].kind != text::TokenKind::word)
      continue;
    if (is_word_hyphen(text.substr(tokens[i].end, tokens[i + 1].begin - tokens[i].end)))
      ends[i] = ends[i + 1];
  }
  return ends;
}

// The text of tokens[first..last] without the hyphens between them.
std::string joined_word(const std::vector<text::Token>& tokens, std::size_t first,
                        std::size_t last) {
  std::string joined;
  for (std::size_t i = first; i <= last; ++i)
    joined += tokens[i].text;
  return joined;
}

struct Candidate {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::uint32_t term = 0;
  bool inside_compound = false;
};

}  // namespace

struct TermFinder::Index {
  static constexpr std::uint32_t kNoNode = UINT32_MAX;
  std::vector<TermInfo> terms;
  std::unordered_map<std::string, std::uint32_t> token_ids;
  std::unordered_map<std::uint64_t, std::uint32_t> edges;  // (node << 32 | token id) -> child
  std::vector<std::vector<std::uint32_t>> outputs;         // node -> indexes into terms
  std::array<std::uint32_t, text::kSupportedLanguages.size()> roots{};

  std::uint32_t new_node() {
    outputs.emplace_back();
    return static_cast<std::uint32_t>(outputs.size() - 1);
  }
  std::uint32_t intern(const std::string& key) {
    return token_ids.try_emplace(key, static_cast<std::uint32_t>(token_ids.size())).first->second;
  }
  std::uint32_t child(std::uint32_t node, std::uint32_t token) const {
    const auto hit = edges.find((static_cast<std::uint64_t>(node) << 32) | token);
    return hit == edges.end() ? kNoNode : hit->second;
  }
  void insert(Language language, const std::vector<std::string>& path, std::uint32_t term) {
    std::uint32_t node = roots[static_cast<std::size_t>(language)];
    for (const std::string& key : path) {
      const std::uint32_t token = intern(key);
      const std::uint64_t edge = (static_cast<std::uint64_t>(node) << 32) | token;
      auto found = edges.find(edge);
      if (found == edges.end())
        found = edges.emplace(edge, new_node()).first;
      node = found->second;
    }
    auto& here = outputs[node];
    if (std::find(here.begin(), here.end(), term) == here.end())
      here.push_back(term);
  }
  // Known token ids of the keys, unknown keys dropped: they cannot continue any path.
  std::vector<std::uint32_t> known(const std::vector<std::string>& keys) const {
    std::vector<std::uint32_t> ids;
    for (const auto& key : keys) {
      if (const auto hit = token_ids.find(key); hit != token_ids.end())
        ids.push_back(hit->second);
    }
    return ids;
  }
};

TermFinder::TermFinder(std::span<const Concept> concepts) : index_(std::make_unique<Index>()) {
  for (auto& root : index_->roots)
    root = index_->new_node();
  for (const Concept& entry : concepts) {
    for (std::size_t i = 0; i < entry.terms.size(); ++i) {
      const Term& term = entry.terms[i];
      const auto term_number = static_cast<std::uint32_t>(index_->terms.size());
      index_->terms.push_back(
          {entry.id, i, term.text, term.status, term.language, is_case_sensitive(term)});
      const auto tokens = text::tokenize(term.text, term.language);
      const auto word_ends = hyphenated_word_ends(term.text, tokens);
      // Each path twice: the hyphenated words as written and joined.
      for (const bool join : {false, true}) {
        std::vector<std::string> surface;
        std::vector<std::string> lemmas;
        for (std::size_t t = 0; t < tokens.size(); ++t) {
          const std::size_t last = join ? word_ends[t] : t;
          const auto keys = last == t ? token_keys(tokens[t].text, tokens[t].kind, term.language)
                                      : token_keys(joined_word(tokens, t, last),
                                                   text::TokenKind::word, term.language);
          surface.push_back(keys.surface);
          lemmas.push_back(keys.stems.empty() ? keys.surface : keys.stems.front());
          t = last;
        }
        if (surface.empty())
          continue;
        index_->insert(term.language, surface, term_number);
        index_->insert(term.language, lemmas, term_number);
      }
    }
  }
}

TermFinder::~TermFinder() = default;
TermFinder::TermFinder(TermFinder&&) noexcept = default;
TermFinder& TermFinder::operator=(TermFinder&&) noexcept = default;

std::size_t TermFinder::term_count() const {
  return index_->terms.size();
}

std::vector<TermHit> TermFinder::find(std::string_view text, Language language) const {
  const Index& index = *index_;
  const auto tokens = text::tokenize(text, language);
  std::vector<std::vector<std::uint32_t>> candidates;
  candidates.reserve(tokens.size());
  for (const text::Token& token : tokens) {
    candidates.push_back(index.known(all_keys(token_keys(token.text, token.kind, language))));
  }
  // A hyphenated word starting at a token, read as one joined word: its last token and its keys.
  const auto word_ends = hyphenated_word_ends(text, tokens);
  std::vector<std::vector<std::uint32_t>> joined_candidates(tokens.size());
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (word_ends[i] != i) {
      joined_candidates[i] = index.known(all_keys(
          token_keys(joined_word(tokens, i, word_ends[i]), text::TokenKind::word, language)));
    }
  }

  std::vector<Candidate> found;
  const std::uint32_t root = index.roots[static_cast<std::size_t>(language)];
  struct Step {
    std::uint32_t node;
    std::size_t next;  // index of the next token
  };
  for (std::size_t start = 0; start < tokens.size(); ++start) {
    std::vector<Step> stack{{root, start}};
    while (!stack.empty()) {
      const Step step = stack.back();
      stack.pop_back();
      if (step.next >= tokens.size())
        continue;
      if (step.next > start &&
          !joins_words(text.substr(tokens[step.next - 1].end,
                                   tokens[step.next].begin - tokens[step.next - 1].end))) {
        continue;
      }
      const auto follow = [&](const std::vector<std::uint32_t>& keys, std::size_t last) {
        for (const std::uint32_t token : keys) {
          const std::uint32_t node = index.child(step.node, token);
          if (node == Index::kNoNode)
            continue;
          for (const std::uint32_t term : index.outputs[node]) {
            found.push_back({tokens[start].begin, tokens[last].end, term, false});
          }
          stack.push_back({node, last + 1});
        }
      };
      follow(candidates[step.next], step.next);
      if (word_ends[step.next] != step.next)
        follow(joined_candidates[step.next], word_ends[step.next]);
    }
  }

  // Terms inside Dutch compounds: the modifier at the start of the word, the head at its end.
  if (language == Language::nl) {
    const text::Dictionary& dictionary = text::Dictionary::for_language(language);
    for (const text::Token& token : tokens) {
      if (token.kind != text::TokenKind::word)
        continue;
      const auto split = dictionary.split_compound(token.text);
      if (!split || split->parts.size() != 2)
        continue;
      const std::string& modifier = split->parts.front();
      const std::string& head = split->parts.back();
      const std::size_t length = token.end - token.begin;
      const auto offer = [&](const std::string& part, std::size_t begin, std::size_t end) {
        const auto keys = all_keys(token_keys(part, text::TokenKind::word, language));
        for (const std::uint32_t id : index.known(keys)) {
          const std::uint32_t node = index.child(root, id);
          if (node == Index::kNoNode)
            continue;
          for (const std::uint32_t term : index.outputs[node])
            found.push_back({begin, end, term, true});
        }
      };
      if (modifier.size() < length)
        offer(modifier, token.begin, token.begin + modifier.size());
      if (head.size() < length)
        offer(head, token.end - head.size(), token.end);
    }
  }

  // Longest first, then earliest; a candidate that overlaps an accepted one is dropped, unless it
  // covers exactly the same text (one term may belong to several concepts).
  std::stable_sort(found.begin(), found.end(), [](const Candidate& a, const Candidate& b) {
    const std::size_t la = a.end - a.begin;
    const std::size_t lb = b.end - b.begin;
    if (la != lb)
      return la > lb;
    if (a.begin != b.begin)
      return a.begin < b.begin;
    return a.inside_compound < b.inside_compound;
  });
  std::vector<Candidate> accepted;
  for (const Candidate& candidate : found) {
    const TermInfo& info = index.terms[candidate.term];
    // As written, but inflected endings may follow ("ЕПП" in "ЕППа" is not a case change).
    if (info.case_sensitive &&
        !text.substr(candidate.begin, candidate.end - candidate.begin).starts_with(info.text)) {
      continue;
    }
    bool keep = true;
    for (const Candidate& other : accepted) {
      const bool same_span = other.begin == candidate.begin && other.end == candidate.end;
      const bool overlaps = candidate.begin < other.end && other.begin < candidate.end;
      const bool same_concept =
          index.terms[other.term].concept_id == index.terms[candidate.term].concept_id;
      if ((overlaps && !same_span) || (same_span && same_concept)) {
        keep = false;
        break;
      }
    }
    if (keep)
      accepted.push_back(candidate);
  }
  std::sort(accepted.begin(), accepted.end(), [](const Candidate& a, const Candidate& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.term < b.term;
  });

  // Positions for editors: UTF-16 offsets and line/column, counted in one pass.
  std::vector<TermHit> hits;
  std::size_t position = 0;
  std::size_t utf16 = 0;
  std::size_t line = 1;
  std::size_t line_start_utf16 = 0;
  const auto advance_to = [&](std::size_t target) {
    for (; position < target; ++position) {
      const auto byte = static_cast<unsigned char>(text[position]);
      if ((byte & 0xC0) == 0x80)
        continue;
      utf16 += byte >= 0xF0 ? 2 : 1;
      if (byte == '\n') {
        ++line;
        line_start_utf16 = utf16;
      }
    }
  };
  for (const Candidate& candidate : accepted) {
    advance_to(candidate.begin);
    const TermInfo& info = index.terms[candidate.term];
    TermHit hit;
    hit.concept_id = info.concept_id;
    hit.term_index = info.term_index;
    hit.term = info.text;
    hit.status = info.status;
    hit.language = info.language;
    hit.matched_text = std::string(text.substr(candidate.begin, candidate.end - candidate.begin));
    hit.inside_compound = candidate.inside_compound;
    hit.begin = candidate.begin;
    hit.end = candidate.end;
    hit.utf16_begin = utf16;
    hit.utf16_end = utf16 + text::utf16_length(hit.matched_text);
    hit.line = line;
    hit.column = utf16 - line_start_utf16 + 1;
    hits.push_back(std::move(hit));
  }
  return hits;
}

}  // namespace tolk::termbase
