#include "tolk/text/lines.hpp"

#include <algorithm>

namespace tolk::text {

LineIndex::LineIndex(std::string_view text) {
  starts_.push_back(0);
  for (std::size_t newline = text.find('\n'); newline != std::string_view::npos;
       newline = text.find('\n', newline + 1))
    starts_.push_back(newline + 1);
}

std::size_t LineIndex::line_of(std::size_t offset) const {
  return static_cast<std::size_t>(std::upper_bound(starts_.begin(), starts_.end(), offset) -
                                  starts_.begin());
}

std::size_t LineIndex::line_begin(std::size_t line, std::size_t end) const {
  return line == 0 || line > starts_.size() ? end : starts_[line - 1];
}

std::string_view LineIndex::line(std::string_view text, std::size_t line) const {
  if (line == 0 || line > starts_.size())
    return {};
  const std::size_t begin = starts_[line - 1];
  std::size_t end = line < starts_.size() ? starts_[line] - 1 : text.size();
  if (end > begin && text[end - 1] == '\r')
    --end;
  return text.substr(begin, end - begin);
}

}  // namespace tolk::text
