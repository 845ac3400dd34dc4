#pragma once
// Numbers in LMDB keys: big-endian, so that the byte order LMDB sorts keys by is numeric order.

#include <cstdint>
#include <string>
#include <string_view>

namespace tolk::store {

// Appends the low `bytes` bytes of `value`, most significant first.
inline void append_big_endian(std::string& out, std::uint64_t value, int bytes) {
  for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8)
    out.push_back(static_cast<char>((value >> shift) & 0xFF));
}

// The number the bytes of `bytes` spell, most significant first (at most 8 bytes).
inline std::uint64_t read_big_endian(std::string_view bytes) {
  std::uint64_t value = 0;
  for (const char c : bytes)
    value = (value << 8) | static_cast<unsigned char>(c);
  return value;
}

}  // namespace tolk::store
