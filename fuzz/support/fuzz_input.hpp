#pragma once
// What the fuzz targets share: the input as a string view, a file holding it for the readers that
// take a path, and the one rule on exceptions.
//
// The rule: a reader may refuse its input only with the error its API documents (ImportError,
// InvalidUtf8Error, ...). Anything else that escapes -- std::out_of_range from a substr, a JSON
// library's type_error, std::bad_alloc from an absurd reservation -- is a bug, and libFuzzer
// reports it as a crash because it is not caught.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <system_error>

namespace tolk::fuzz {

inline std::string_view as_view(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// A file rewritten with each input; in /dev/shm when there is one, so that no disk is touched.
class InputFile {
 public:
  explicit InputFile(std::string_view extension) {
    std::filesystem::path folder = "/dev/shm";
    std::error_code error;
    if (!std::filesystem::is_directory(folder, error))
      folder = std::filesystem::temp_directory_path();
    path_ = folder / ("tolk-fuzz-" + std::to_string(::getpid()) + std::string(extension));
  }
  ~InputFile() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;

  const std::filesystem::path& write(std::string_view bytes) {
    std::ofstream out(path_, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return path_;
  }

 private:
  std::filesystem::path path_;
};

}  // namespace tolk::fuzz
