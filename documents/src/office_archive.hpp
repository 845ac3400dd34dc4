#pragma once
// Internal: what a zip archive holds, for format detection.

#include <filesystem>
#include <optional>

#include "tolk/documents/document.hpp"

namespace tolk::documents::detail {

// Format::docx or Format::odt for an archive that is one of them; nothing otherwise.
std::optional<Format> office_format(const std::filesystem::path& file);

}  // namespace tolk::documents::detail
