#pragma once
// Edit distance on code points, bounded so that hopeless candidates stop early.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "tolk/text/utf8.hpp"

namespace tolk::termbase {

using text::to_code_points;  // similarity is measured on code points

// Levenshtein distance, or nothing when it exceeds `max_distance`.
std::optional<std::size_t> bounded_edit_distance(std::u32string_view a, std::u32string_view b,
                                                 std::size_t max_distance);

// The largest edit distance that keeps two strings, the longer of `longer` code points, at
// `min_similarity` or above: floor((1 - min_similarity) * longer); nothing when no distance does
// (min_similarity above 1). similarity() and the typo index both use it, so they agree exactly.
std::optional<std::size_t> allowed_edit_distance(std::size_t longer, double min_similarity);

// 1 - distance / longer length, or nothing when below `min_similarity`.
std::optional<double> similarity(std::u32string_view a, std::u32string_view b,
                                 double min_similarity);

}  // namespace tolk::termbase
