#pragma once
// The binary form in which a TranslationUnit is stored in LMDB (store/record.hpp). Private.

#include <string>
#include <string_view>

#include "tolk/tm/unit.hpp"

namespace tolk::tm::codec {

std::string encode(const TranslationUnit& unit);
// Throws TranslationMemoryError on a damaged record or an unknown version.
TranslationUnit decode(std::string_view bytes);

}  // namespace tolk::tm::codec
