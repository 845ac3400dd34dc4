#pragma once
// Internal: what the parts of the preparation share.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tolk/prepare/prepare.hpp"

namespace tolk::prepare::detail {

// Byte offsets of the starts of the lines of a text.
class Lines {
 public:
  explicit Lines(std::string_view text);
  std::size_t line_of(std::size_t offset) const;    // 1-based
  std::string_view line(std::size_t number) const;  // without its terminator
  std::size_t start(std::size_t number) const;

 private:
  std::string_view text_;
  std::vector<std::size_t> starts_;
};

// The place of `offset` (a match of `length` bytes) in document `index`, with the words around it.
Place place_at(const documents::Document& document, std::size_t index, const Lines& lines,
               std::size_t offset, std::size_t length);

// The figures of one document (not yet merged across documents).
std::vector<Figure> find_figures(const documents::Document& document, std::size_t index,
                                 Language language, std::span<const TermSource> termbases);

// White space collapsed, ends trimmed.
std::string collapse(std::string_view text);

}  // namespace tolk::prepare::detail
