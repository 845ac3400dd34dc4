#pragma once
// The binary form in which a Concept is stored in LMDB: a version byte, then fields as varints and
// length-prefixed strings. Private to the termbase library.

#include <string>
#include <string_view>

#include "tolk/termbase/concept.hpp"

namespace tolk::termbase::codec {

std::string encode(const Concept& entry);
// Throws TermbaseError on a record that is truncated or of an unknown version.
Concept decode(std::string_view bytes);

}  // namespace tolk::termbase::codec
