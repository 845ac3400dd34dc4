#include "tolk/text/lines.hpp"

#include <algorithm>

namespace tolk::text {

std::string unify_line_breaks(std::string_view text, std::string_view drop) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\r') {
      out += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n')
        ++i;
    } else if (drop.find(c) == std::string_view::npos) {
      out += c;
    }
  }
  return out;
}

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
