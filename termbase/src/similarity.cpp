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
  // Only the cells within max_distance of the diagonal can hold a distance <= max_distance (the
  // value of cell (i, j) is at least |i - j|): one row of the band, cells beyond it as "too far".
  const std::size_t too_far = max_distance + 1;
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j)
    row[j] = std::min(j, too_far);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    const std::size_t low = i > max_distance ? i - max_distance : 1;
    const std::size_t high = std::min(b.size(), i + max_distance);
    std::size_t diagonal = row[low - 1];  // the row above, one column to the left
    std::size_t left = low == 1 ? std::min(i, too_far) : too_far;
    row[low - 1] = left;
    std::size_t row_minimum = left;
    for (std::size_t j = low; j <= high; ++j) {
      const std::size_t up = row[j];
      const std::size_t value =
          std::min({up + 1, left + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1), too_far});
      diagonal = up;
      row[j] = value;
      left = value;
      row_minimum = std::min(row_minimum, value);
    }
    if (row_minimum > max_distance)
      return std::nullopt;
  }
  const std::size_t distance = row[b.size()];
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
