// Writes TMX 1.4b, valid against the TMX 1.4b DTD (tmx14.dtd), in the form read_tmx reads back
// to the same units:
//   <tu tuid srclang creationdate creationid changedate changeid>
//     <note>* <prop>* [<prop type="x-context"> or x-context-pre / x-context-post from `context`]
//     <tuv xml:lang creationdate ...> <note>* <prop>* <seg>text and tags</seg> </tuv>*
//   </tu>
// Attributes that are empty are left out. Inline tags are written as their `markup`, which the
// writer trusts to be well-formed TMX (read_tmx produces it so); a position beyond the text or
// inside a UTF-8 sequence is moved to the next character boundary, never dropped.
// Text goes through append_escaped_text: characters XML cannot carry become U+FFFD.

#include <algorithm>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>

#include "exchange_support.hpp"
#include "tolk/io/strings.hpp"
#include "tolk/io/xml_escape.hpp"
#include "tolk/tm/exchange.hpp"

namespace tolk::tm {
using exchange_support::language_as_recorded;
using io::append_escaped_attribute;
using io::append_escaped_text;
using io::concat;

namespace {

constexpr char kContextSeparator = '\x1F';

void append_attribute(std::string& out, std::string_view name, std::string_view value,
                      bool even_if_empty = false) {
  if (value.empty() && !even_if_empty) {
    return;
  }
  out += ' ';
  out += name;
  out += "=\"";
  append_escaped_attribute(out, value);
  out += '"';
}

void append_dates(std::string& out, const std::string& creation_date,
                  const std::string& creation_user, const std::string& change_date,
                  const std::string& change_user) {
  append_attribute(out, "creationdate", creation_date);
  append_attribute(out, "creationid", creation_user);
  append_attribute(out, "changedate", change_date);
  append_attribute(out, "changeid", change_user);
}

void append_element(std::string& out, std::string_view indent, std::string_view open,
                    std::string_view close, std::string_view text) {
  out += indent;
  out += open;
  append_escaped_text(out, text);
  out += close;
  out += '\n';
}

void append_notes_and_properties(std::string& out, std::string_view indent,
                                 const std::vector<std::string>& notes,
                                 const std::vector<Property>& properties) {
  for (const std::string& note : notes) {
    append_element(out, indent, "<note>", "</note>", note);
  }
  for (const Property& property : properties) {
    std::string open = "<prop";
    append_attribute(open, "type", property.type, true);
    open += '>';
    append_element(out, indent, open, "</prop>", property.value);
  }
}

void append_context(std::string& out, std::string_view indent, std::string_view context) {
  if (context.empty()) {
    return;
  }
  const auto separator = context.find(kContextSeparator);
  if (separator == std::string_view::npos) {
    append_element(out, indent, "<prop type=\"x-context\">", "</prop>", context);
    return;
  }
  const std::string_view pre = context.substr(0, separator);
  const std::string_view post = context.substr(separator + 1);
  // read_tmx joins what is there with U+001F, so an empty side may stay unwritten, unless both
  // are empty (then the two props are what makes the context).
  if (!pre.empty() || post.empty()) {
    append_element(out, indent, "<prop type=\"x-context-pre\">", "</prop>", pre);
  }
  if (!post.empty() || pre.empty()) {
    append_element(out, indent, "<prop type=\"x-context-post\">", "</prop>", post);
  }
}

bool is_continuation_byte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0u) == 0x80u;
}

void append_segment(std::string& out, const Segment& segment) {
  const std::string_view text = segment.text;
  std::size_t written = 0;
  for (const InlineTag& tag : segment.tags) {
    std::size_t position = std::min(std::max(tag.position, written), text.size());
    while (position < text.size() && is_continuation_byte(text[position])) {
      ++position;
    }
    append_escaped_text(out, text.substr(written, position - written));
    out += tag.markup;
    written = position;
  }
  append_escaped_text(out, text.substr(written));
}

}  // namespace

TmxWriter::TmxWriter(std::ostream& out, const TmxHeader& header) : out_(out) {
  const std::string_view segment_type = header.segment_type;
  if (segment_type != "block" && segment_type != "paragraph" && segment_type != "sentence" &&
      segment_type != "phrase") {
    throw std::invalid_argument(concat(
        "TMX segtype must be block, paragraph, sentence or phrase, not '", segment_type, "'"));
  }
  std::string text =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n"
      "<tmx version=\"1.4\">\n"
      "  <header";
  // Every attribute the DTD requires is written, even when empty.
  append_attribute(text, "creationtool", header.creation_tool, true);
  append_attribute(text, "creationtoolversion", header.creation_tool_version, true);
  append_attribute(text, "segtype", header.segment_type, true);
  append_attribute(text, "o-tmf", "tolk", true);
  append_attribute(text, "adminlang", language_as_recorded(header.admin_language), true);
  append_attribute(text, "srclang", language_as_recorded(header.source_language), true);
  append_attribute(text, "datatype", header.data_type, true);
  text += "/>\n  <body>\n";
  out_ << text;
}

void TmxWriter::write(const TranslationUnit& unit) {
  if (finished_) {
    throw std::logic_error("TmxWriter::write after finish");
  }
  if (unit.variants.empty()) {
    throw std::invalid_argument("a TMX unit needs at least one variant");
  }
  std::string text = "    <tu";
  append_attribute(text, "tuid", unit.tuid);
  append_attribute(text, "srclang", unit.source_language);
  append_dates(text, unit.creation_date, unit.creation_user, unit.change_date, unit.change_user);
  text += ">\n";
  append_notes_and_properties(text, "      ", unit.notes, unit.properties);
  append_context(text, "      ", unit.context);
  for (const Variant& variant : unit.variants) {
    if (variant.language.empty()) {
      throw std::invalid_argument("a TMX variant needs a language");
    }
    text += "      <tuv";
    append_attribute(text, "xml:lang", variant.language, true);
    append_dates(text, variant.creation_date, variant.creation_user, variant.change_date,
                 variant.change_user);
    text += ">\n";
    append_notes_and_properties(text, "        ", variant.notes, variant.properties);
    text += "        <seg>";
    append_segment(text, variant.segment);
    text += "</seg>\n      </tuv>\n";
  }
  text += "    </tu>\n";
  out_ << text;
}

void TmxWriter::finish() {
  if (finished_) {
    return;
  }
  finished_ = true;
  out_ << "  </body>\n</tmx>\n";
  out_.flush();
}

TmxWriter::~TmxWriter() {
  try {
    finish();
  } catch (...) {
    // A destructor must not throw; a stream that fails here has already failed for the caller.
  }
}

}  // namespace tolk::tm
