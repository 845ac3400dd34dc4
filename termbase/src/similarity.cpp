#include "similarity.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace tolk::termbase {

std::optional<std::size_t> bounded_edit_distance(std::u32string_view a, std::u32string_view b,
                                                 std::size_t max_distance) {
  if (a.size() < b.size())
    std::swap(a, b);
  if (a.size() - b.size() > max_distance)
    return std::nullopt;
  std::vector<std::size_t> previous(b.size() + 1);
  std::vector<std::size_t> current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j)
    previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    std::size_t row_minimum = current[0];
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
      row_minimum = std::min(row_minimum, current[j]);
    }
    if (row_minimum > max_distance)
      return std::nullopt;
    std::swap(previous, current);
  }
  const std::size_t distance = previous[b.size()];
  if (distance > max_distance)
    return std::nullopt;
  return distance;
}

std::optional<std::size_t> allowed_edit_distance(std::size_t longer, double min_similarity) {
  const double allowed = std::floor((1.0 - min_similarity) * static_cast<double>(longer));
  if (!(allowed >= 0.0))  // also NaN
    return std::nullopt;
  if (allowed >= static_cast<double>(longer))
    return longer;
  return static_cast<std::size_t>(allowed);
}

std::optional<double> similarity(std::u32string_view a, std::u32string_view b,
                                 double min_similarity) {
  const std::size_t longer = std::max(a.size(), b.size());
  if (longer == 0)
    return 1.0;
  const auto max_distance = allowed_edit_distance(longer, min_similarity);
  if (!max_distance)
    return std::nullopt;
  const auto distance = bounded_edit_distance(a, b, *max_distance);
  if (!distance)
    return std::nullopt;
  return 1.0 - static_cast<double>(*distance) / static_cast<double>(longer);
}

}  // namespace tolk::termbase
