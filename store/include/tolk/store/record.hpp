#pragma once
// The binary form of stored records: unsigned numbers as LEB128 varints, texts as a length and
// their bytes. Readers check every length against the record, so a damaged record is an error,
// never an out-of-bounds read.

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace tolk::store {

class CorruptRecordError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class RecordWriter {
 public:
  void number(std::uint64_t value) {
    while (value >= 0x80) {
      out_.push_back(static_cast<char>((value & 0x7F) | 0x80));
      value >>= 7;
    }
    out_.push_back(static_cast<char>(value));
  }
  template <typename Enum>
  void enumeration(Enum value) {
    number(static_cast<std::uint64_t>(value));
  }
  void text(std::string_view value) {
    number(value.size());
    out_.append(value);
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

class RecordReader {
 public:
  // `what` names the record kind in error messages ("concept record", "unit record").
  RecordReader(std::string_view bytes, std::string_view what) : bytes_(bytes), what_(what) {}

  std::uint64_t number() {
    std::uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      const auto byte = static_cast<std::uint8_t>(next());
      value |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
      if ((byte & 0x80) == 0)
        return value;
    }
    fail("overlong number");
  }
  template <typename Enum>
  Enum enumeration() {
    return static_cast<Enum>(number());
  }
  std::string text() {
    const std::uint64_t size = number();
    if (size > bytes_.size() - position_)
      fail("truncated");
    std::string value(bytes_.substr(position_, size));
    position_ += size;
    return value;
  }
  // A count of items that follow; each takes at least one byte, so it cannot exceed the rest.
  std::size_t count() {
    const std::uint64_t value = number();
    if (value > bytes_.size() - position_)
      fail("bad count");
    return static_cast<std::size_t>(value);
  }
  bool at_end() const { return position_ == bytes_.size(); }

 private:
  char next() {
    if (position_ >= bytes_.size())
      fail("truncated");
    return bytes_[position_++];
  }
  [[noreturn]] void fail(std::string_view problem) const {
    throw CorruptRecordError("corrupt " + std::string(what_) + ": " + std::string(problem));
  }
  std::string_view bytes_;
  std::string_view what_;
  std::size_t position_ = 0;
};

}  // namespace tolk::store
