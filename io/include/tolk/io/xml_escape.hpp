#pragma once
// Writing XML by hand (TMX, XLIFF) without a writer library: character data and attribute values
// escaped so that whatever a text holds, the output is well-formed XML 1.0.

#include <string>
#include <string_view>

namespace tolk::io {

// Appends `text` as XML character data: & < > escaped, CR as &#13; (a raw CR would be read back
// as LF), and the characters XML 1.0 cannot hold at all (C0 controls other than TAB, LF, CR;
// U+FFFE, U+FFFF; bytes that are not UTF-8) replaced by U+FFFD.
void append_escaped_text(std::string& out, std::string_view text);
// As append_escaped_text, for a value between double quotes: also " and TAB/LF as references
// (attribute value normalisation would turn them into spaces).
void append_escaped_attribute(std::string& out, std::string_view text);

}  // namespace tolk::io
