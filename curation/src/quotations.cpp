// Quoted text: the designations the English texts put in quotation marks ("foreign agents",
// ‘inspections’), and the scare quotes of the Dutch report.

#include <algorithm>

#include "document.hpp"

namespace tolk::curation {
namespace {

using detail::code_point_at;
using detail::code_point_before;
using detail::is_letter;

std::size_t count_words(std::string_view text) {
  std::size_t words = 0;
  bool in_word = false;
  for (const char c : text) {
    const bool space = c == ' ';
    if (!space && !in_word)
      ++words;
    in_word = !space;
  }
  return words;
}

// The offset of the closing mark for an opening mark that ends at `from`, or npos. `closers`
// are the marks that may close it; a ’ directly followed by a letter is an apostrophe
// (agent’s), not a closing mark. At most `max_newlines` line breaks may lie in between.
std::size_t find_closing(std::string_view text, std::size_t from,
                         std::initializer_list<char32_t> closers, std::size_t max_newlines) {
  std::size_t newlines = 0;
  for (std::size_t i = from; i < text.size();) {
    std::size_t length = 1;
    const char32_t c = code_point_at(text, i, length);
    if (c == U'\n' && ++newlines > max_newlines)
      return std::string_view::npos;
    if (std::find(closers.begin(), closers.end(), c) != closers.end()) {
      if (c == U'’' && i + length < text.size()) {
        std::size_t next_length = 1;
        if (is_letter(code_point_at(text, i + length, next_length))) {
          i += length;
          continue;
        }
      }
      return i;
    }
    i += length;
  }
  return std::string_view::npos;
}

}  // namespace

std::vector<Quotation> find_quotations(const SourceText& source, std::size_t max_words) {
  const std::string_view text = source.text;
  const detail::LineIndex lines(text);
  std::vector<Quotation> quotations;
  const auto emit = [&](std::size_t open, std::size_t content_begin, std::size_t content_end) {
    std::string content =
        detail::collapse_whitespace(text.substr(content_begin, content_end - content_begin));
    if (content.empty() || (max_words > 0 && count_words(content) > max_words))
      return;
    quotations.push_back({std::move(content), source.language, {source.file, lines.line_of(open)}});
  };
  for (std::size_t i = 0; i < text.size();) {
    std::size_t length = 1;
    const char32_t c = code_point_at(text, i, length);
    const std::size_t after = i + length;
    std::size_t close = std::string_view::npos;
    switch (c) {
      case U'"':
        // Straight quotes pair within a line; the closing one is consumed.
        close = find_closing(text, after, {U'"'}, 0);
        if (close != std::string_view::npos) {
          emit(i, after, close);
          i = close + 1;
          continue;
        }
        break;
      case U'“':
        close = find_closing(text, after, {U'”'}, 1);
        break;
      case U'„':
        close = find_closing(text, after, {U'”', U'“'}, 1);
        break;
      case U'«':
        close = find_closing(text, after, {U'»'}, 1);
        break;
      case U'‘': {
        std::size_t start = 0;
        const char32_t previous = code_point_before(text, i, start);
        if (i == 0 || !is_letter(previous))
          close = find_closing(text, after, {U'’'}, 1);
        break;
      }
      default:
        break;
    }
    if (close != std::string_view::npos)
      emit(i, after, close);
    // Typographic quotes may nest ("... ‘...’ ..."): scanning goes on inside.
    i = after;
  }
  return quotations;
}

}  // namespace tolk::curation
