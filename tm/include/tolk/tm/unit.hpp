#pragma once
// The translation unit as tolk stores it: the TMX 1.4b model (one unit, one variant per language),
// with inline tags kept verbatim so that they survive a round trip.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tolk::tm {

// An inline code of a segment: <bpt>, <ept>, <ph>, <it>, and the two ends of <hi>. `markup` is
// the element as it stands in TMX, serialised and escaped (`<bpt i="1" x="1">&lt;b&gt;</bpt>`,
// `<hi type="x">` and `</hi>` for a highlight); writers emit it unchanged.
struct InlineTag {
  enum class Kind {
    begin_paired,
    end_paired,
    placeholder,
    isolated,
    highlight_open,
    highlight_close
  };
  Kind kind = Kind::placeholder;
  std::size_t position = 0;  // UTF-8 byte offset in Segment::text where the tag stands
  std::string markup;
  bool operator==(const InlineTag&) const = default;
};

// A segment's text without its tags (NFC, as read), and the tags with their positions, in
// document order (positions never decrease).
struct Segment {
  std::string text;
  std::vector<InlineTag> tags;
  bool operator==(const Segment&) const = default;
};

// <prop type="...">value</prop>
struct Property {
  std::string type;
  std::string value;
  bool operator==(const Property&) const = default;
};

// <tuv xml:lang="...">: one language's side of a unit.
struct Variant {
  std::string language;  // BCP 47 as written, case normalised: "nl", "en-US", "ru-RU"
  Segment segment;
  std::vector<Property> properties;
  std::vector<std::string> notes;
  std::string creation_date;  // TMX form, "20261123T101500Z", or empty
  std::string creation_user;
  std::string change_date;
  std::string change_user;
  bool operator==(const Variant&) const = default;
};

struct TranslationUnit {
  std::uint64_t id = 0;         // assigned by the store; 0 for a unit not stored yet
  std::string tuid;             // <tu tuid="...">, or empty
  std::string source_language;  // <tu srclang> or the header's; "*all*" is kept as written
  std::vector<Variant> variants;
  std::vector<Property> properties;
  std::vector<std::string> notes;
  std::string creation_date;
  std::string creation_user;
  std::string change_date;
  std::string change_user;
  // What the text stood next to (101% matches): the value of <prop type="x-context">, else
  // x-context-pre and x-context-post joined by U+001F; a PO msgctxt; empty when unknown.
  std::string context;
  std::string origin_file;      // the file the unit was imported from (name only)
  std::size_t origin_line = 0;  // its line there (1-based), for reports
  bool operator==(const TranslationUnit&) const = default;
};

// The variant whose language has `language` as primary subtag ("nl" finds "nl-BE"), or null.
const Variant* find_variant(const TranslationUnit& unit, std::string_view language);
Variant* find_variant(TranslationUnit& unit, std::string_view language);

// "nl-be" -> "nl-BE", "EN" -> "en", "sr-latn-rs" -> "sr-Latn-RS", "ru_RU" -> "ru-RU".
std::string normalize_language_tag(std::string_view tag);
// The primary subtag, lower case: "nl-BE" -> "nl".
std::string primary_language(std::string_view tag);

}  // namespace tolk::tm
