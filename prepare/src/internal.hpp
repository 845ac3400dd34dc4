#pragma once
// Internal: what the parts of the preparation share.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tolk/prepare/prepare.hpp"
#include "tolk/text/lines.hpp"

namespace tolk::prepare::detail {

using Lines = text::LineIndex;

// The place of `offset` (a match of `length` bytes) in document `index`, with the words around it.
Place place_at(const documents::Document& document, std::size_t index, const Lines& lines,
               std::size_t offset, std::size_t length);

// The figures of one document (not yet merged across documents).
std::vector<Figure> find_figures(const documents::Document& document, std::size_t index,
                                 const Lines& lines, Language language,
                                 std::span<const TermSource> termbases);

}  // namespace tolk::prepare::detail
