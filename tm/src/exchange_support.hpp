#pragma once
// What the TM readers share beyond the io/ library. Private to the tm library.

#include <cstddef>
#include <string>
#include <string_view>

#include "tolk/tm/exchange.hpp"

namespace tolk::tm::exchange_support {

// Calls the progress callback each time another ~1 MB has been read, and once at the end.
class ProgressMeter {
 public:
  static constexpr std::size_t kStep = std::size_t{1} << 20;

  ProgressMeter(const ReadOptions& options, std::size_t total) : options_(options), total_(total) {}
  void update(std::size_t bytes_read) {
    if (options_.progress && bytes_read >= next_) {
      options_.progress(bytes_read, total_);
      next_ = bytes_read + kStep;
    }
  }
  void finish(std::size_t bytes_read) {
    if (options_.progress) {
      options_.progress(bytes_read, total_);
    }
  }

 private:
  const ReadOptions& options_;
  std::size_t total_;
  std::size_t next_ = kStep;
};

// A language tag as the readers record it: normalize_language_tag, but TMX's "*all*" unchanged.
std::string language_as_recorded(std::string_view tag);

}  // namespace tolk::tm::exchange_support
