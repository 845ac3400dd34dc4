#include "tolk/tm/fuzzy.hpp"

#include <algorithm>
#include <limits>

#include "tolk/text/language.hpp"
#include "tolk/text/normalize.hpp"
#include "tolk/text/segment.hpp"

namespace tolk::tm {
namespace {

constexpr std::string_view kNumberKey = "\x01#";
constexpr std::size_t kNumberPenaltyCap = 5;

text::Language rules_for(std::string_view language) {
  return text::parse_language(language).value_or(text::Language::en);
}

std::string_view tag_kind_name(InlineTag::Kind kind) {
  switch (kind) {
    case InlineTag::Kind::begin_paired:
      return "bpt";
    case InlineTag::Kind::end_paired:
      return "ept";
    case InlineTag::Kind::placeholder:
      return "ph";
    case InlineTag::Kind::isolated:
      return "it";
    case InlineTag::Kind::highlight_open:
      return "hi";
    case InlineTag::Kind::highlight_close:
      return "/hi";
  }
  return "?";
}

}  // namespace

SegmentAnalysis analyze_text(std::string_view text, std::string_view language) {
  const text::Language rules = rules_for(primary_language(language));
  SegmentAnalysis analysis;
  analysis.text = std::string(text);
  analysis.collapsed_text = text::collapse_white_space(text);
  for (const text::Token& token : text::tokenize(analysis.text, rules, text::Punctuation::keep)) {
    if (token.kind == text::TokenKind::punctuation) {
      analysis.punctuation.append(token.text);
      continue;
    }
    SegmentAnalysis::Word word;
    word.text = std::string(token.text);
    word.begin = token.begin;
    word.end = token.end;
    word.is_number = token.kind == text::TokenKind::number;
    word.key = word.is_number ? std::string(kNumberKey) : text::search_key(token.text, rules);
    if (word.key.empty())
      continue;  // a token made only of invisible characters
    analysis.words.push_back(std::move(word));
  }
  return analysis;
}

SegmentAnalysis analyze_segment(const Segment& segment, std::string_view language) {
  SegmentAnalysis analysis = analyze_text(segment.text, language);
  analysis.tags.reserve(segment.tags.size());
  for (const InlineTag& tag : segment.tags)
    analysis.tags.push_back(std::string(tag_kind_name(tag.kind)) + "@" +
                            std::to_string(tag.position));
  return analysis;
}

int base_score_bound(std::size_t common, std::size_t query_length, std::size_t candidate_length) {
  const std::size_t longest = std::max(query_length, candidate_length);
  if (longest == 0)
    return 100;
  return static_cast<int>((100 * std::min(common, longest)) / longest);
}

MatchScore score_match(const SegmentAnalysis& query, const SegmentAnalysis& candidate) {
  const std::size_t n = query.words.size();
  const std::size_t m = candidate.words.size();
  // Full table: segments are short, and the alignment is needed for numbers and repairs.
  std::vector<std::uint32_t> table((n + 1) * (m + 1));
  const auto at = [&](std::size_t i, std::size_t j) -> std::uint32_t& {
    return table[i * (m + 1) + j];
  };
  for (std::size_t i = 0; i <= n; ++i)
    at(i, 0) = static_cast<std::uint32_t>(i);
  for (std::size_t j = 0; j <= m; ++j)
    at(0, j) = static_cast<std::uint32_t>(j);
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const std::uint32_t substitution =
          at(i - 1, j - 1) + (query.words[i - 1].key == candidate.words[j - 1].key ? 0U : 1U);
      at(i, j) = std::min({substitution, at(i - 1, j) + 1, at(i, j - 1) + 1});
    }
  }

  MatchScore result;
  result.edit_distance = at(n, m);
  const std::size_t longest = std::max(n, m);
  result.base =
      longest == 0 ? 100 : static_cast<int>((100 * (longest - result.edit_distance)) / longest);

  result.alignment.assign(n, static_cast<std::size_t>(-1));
  std::size_t i = n;
  std::size_t j = m;
  while (i > 0 && j > 0) {
    const bool same = query.words[i - 1].key == candidate.words[j - 1].key;
    if (at(i, j) == at(i - 1, j - 1) + (same ? 0U : 1U)) {
      result.alignment[i - 1] = j - 1;
      if (same) {
        const auto& q = query.words[i - 1];
        const auto& c = candidate.words[j - 1];
        if (q.text != c.text) {
          if (q.is_number)
            ++result.numbers_differing;
          else
            result.case_differs = true;
        }
      }
      --i;
      --j;
    } else if (at(i, j) == at(i - 1, j) + 1) {
      --i;
    } else {
      --j;
    }
  }

  result.punctuation_differs = query.punctuation != candidate.punctuation;
  result.tags_differ = query.tags != candidate.tags;
  result.identical = query.text == candidate.text && !result.tags_differ;
  if (result.identical) {
    result.score = 100;
    result.base = 100;
    return result;
  }
  result.whitespace_differs = query.collapsed_text == candidate.collapsed_text;
  const std::size_t penalties =
      std::min(result.numbers_differing, kNumberPenaltyCap) + (result.case_differs ? 1U : 0U) +
      (result.punctuation_differs ? 1U : 0U) + (result.tags_differ ? 1U : 0U) +
      (result.whitespace_differs ? 1U : 0U);
  const int penalised = result.base - static_cast<int>(penalties);
  result.score = std::clamp(penalised, 0, 99);
  return result;
}

std::size_t bounded_edit_distance(std::span<const std::uint32_t> a,
                                  std::span<const std::uint32_t> b, std::size_t limit) {
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  if ((n > m ? n - m : m - n) > limit)
    return limit + 1;
  if (n == 0 || m == 0)
    return std::max(n, m);
  std::vector<std::size_t> previous(m + 1);
  std::vector<std::size_t> current(m + 1);
  for (std::size_t j = 0; j <= m; ++j)
    previous[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    current[0] = i;
    std::size_t row_minimum = current[0];
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      current[j] = std::min({substitution, previous[j] + 1, current[j - 1] + 1});
      row_minimum = std::min(row_minimum, current[j]);
    }
    if (row_minimum > limit)
      return limit + 1;
    std::swap(previous, current);
  }
  return std::min(previous[m], limit + 1);
}

}  // namespace tolk::tm
