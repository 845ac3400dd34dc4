// XLIFF pre-translation that changes nothing but the targets it fills.
//
// How: libxml2's reader first reads the whole document (the security options of io/xml_reader.hpp:
// entity declarations refused, no DTD, no network, no entity expansion; an unexpanded entity
// reference is refused too), so that only well-formed documents go further. xml_scanner then
// tokenizes the raw bytes and records the byte range of every element, attribute and text. The
// fills become a list of edits (insert or replace a byte range); the output is the input with
// those edits applied, every other byte copied. Only UTF-8 documents are taken (the scanner and
// the fills work in UTF-8 bytes); the new elements take the prefix of the <source> they follow.
//
// XLIFF 1.x (<trans-unit>, translate="no" skipped): a missing <target> is inserted after
// <source> (after <seg-source> when there is one), indented like <source>; an empty one
// (<target/>, or only white space) is replaced, keeping its attributes. The target gets
// state="translated" state-qualifier="exact-match" for a score of 100 or more, else
// state="needs-review-translation" state-qualifier="fuzzy-match", and an
// <alt-trans match-quality="SCORE" origin="ORIGIN"> with the same target follows it.
// With <seg-source><mrk mtype="seg" mid="N">, each such mrk is a segment: a missing or empty
// target is rebuilt from <seg-source> (its bytes, each segment's mrk holding the fill, or left
// empty); in a target that already has segment mrks, only the empty ones are filled. One
// alt-trans per filled segment, with mid. When segments stay empty, state="needs-translation".
//
// XLIFF 2.x (<unit>, translate="no" skipped; each <segment>): a missing <target> is inserted
// after <source>, an empty one replaced; the <segment> gets state="translated" for a score of
// 100 or more, else state="initial". XLIFF 2 core has no place for the origin or the score.
//
// Inline codes: the filler sees the source text without codes. The rule for the target is the
// simplest one that loses no code: the fill's text, then every code of the source in source
// order, copied verbatim. Codes that stand alone are copied whole with their content (1.2 <x/>
// <bx/> <ex/> <ph> <bpt> <ept> <it>; 2.x <ph/> <sc/> <ec/>); a code that wraps text (1.2 <g>,
// 2.x <pc>) is copied as an empty pair (<g id="1"></g>), its text being part of the fill, and
// codes inside it follow it. Annotations (1.2 <mrk> other than segments, 2.x <mrk> <sm/> <em/>)
// are not codes: their text is source text, the markers are not copied. A translator, or a QA
// step, moves the codes to where they belong; no code is lost or invented.

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "exchange_support.hpp"
#include "tolk/io/strings.hpp"
#include "tolk/io/xml_escape.hpp"
#include "tolk/io/xml_reader.hpp"
#include "tolk/tm/exchange.hpp"
#include "xml_scanner.hpp"

namespace tolk::tm {
using io::append_escaped_attribute;
using io::append_escaped_text;
using io::concat;
using io::trim;
using xml_scanner::Element;
using xml_scanner::Node;
using xml_scanner::Span;

namespace {

struct Edit {
  Span span;  // replaced; begin == end for an insertion
  std::string replacement;
};

struct SourceContent {
  std::string text;
  std::string codes;  // the source's codes, serialised, in order
  std::size_t code_count = 0;
};

struct FillResult {
  std::string content;  // escaped text + codes
  int score = 0;
  std::string origin;
};

using AttributeValues = std::vector<std::pair<std::string_view, std::string>>;

class Pretranslator {
 public:
  Pretranslator(std::string_view document, std::string_view source_name, const XliffFiller& fill)
      : xml_(document), file_(source_name), fill_(fill) {
    for (std::size_t i = 0; i < xml_.size(); ++i) {
      if (xml_[i] == '\n') {
        newlines_.push_back(i);
      }
    }
  }

  XliffSummary run(std::string& output) {
    check_encoding();
    check_with_libxml2();
    try {
      document_ = xml_scanner::scan(xml_);
    } catch (const xml_scanner::ScanError& error) {
      refuse(line(error.offset), concat("the document could not be scanned: ", error.what()));
    }
    const Element& root = element(0);
    if (root.local_name() != "xliff") {
      refuse(line(root.start_tag.begin),
             concat("not an XLIFF document: the root element is <", root.name, ">"));
    }
    const auto* version = root.attribute("version");
    summary_.version = version ? version->value : std::string();
    if (summary_.version.starts_with("1.")) {
      pretranslate_v1();
    } else if (summary_.version.starts_with("2.")) {
      pretranslate_v2();
    } else {
      refuse(line(root.start_tag.begin),
             concat("XLIFF version '", summary_.version, "' is not supported (1.x, 2.x are)"));
    }
    output = apply_edits();
    return std::move(summary_);
  }

 private:
  // ---- Problems --------------------------------------------------------------------------------

  [[noreturn]] void refuse(std::size_t at_line, std::string reason) {
    summary_.issues.push_back({file_, at_line, std::move(reason)});
    throw ImportError(summary_.issues);
  }

  void report(std::size_t at_line, std::string reason) {
    summary_.issues.push_back({file_, at_line, std::move(reason)});
  }

  std::size_t line(std::size_t offset) const {
    return 1 +
           static_cast<std::size_t>(std::lower_bound(newlines_.begin(), newlines_.end(), offset) -
                                    newlines_.begin());
  }

  // The edits work on bytes and the fills are UTF-8: other encodings are refused, not guessed.
  void check_encoding() {
    const std::string_view head = xml_.substr(0, 4);
    if (head.starts_with("\xFF\xFE") || head.starts_with("\xFE\xFF") ||
        head.starts_with(std::string_view("<\0", 2)) ||
        head.starts_with(std::string_view("\0<", 2))) {
      refuse(1, "the document is in UTF-16; tolk pre-translates UTF-8 XLIFF only");
    }
    const std::string_view text = xml_.starts_with("\xEF\xBB\xBF") ? xml_.substr(3) : xml_;
    if (!text.starts_with("<?xml")) {
      return;
    }
    const std::string_view declaration = text.substr(0, text.find("?>"));
    const auto key = declaration.find("encoding");
    const auto quote = declaration.find_first_of("\"'", key);
    if (key == std::string_view::npos || quote == std::string_view::npos) {
      return;
    }
    std::string name(
        declaration.substr(quote + 1, declaration.find(declaration[quote], quote + 1) - quote - 1));
    for (char& c : name) {
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (name != "utf-8" && name != "utf8" && name != "us-ascii" && name != "ascii") {
      refuse(1, concat("the document is in ", name, "; tolk pre-translates UTF-8 XLIFF only"));
    }
  }

  void check_with_libxml2() {
    io::ByteSource source(xml_);
    try {
      io::StreamReader reader(source, file_);
      while (reader.advance()) {
        if (reader.node_type() == XML_READER_TYPE_ENTITY_REFERENCE) {
          refuse(reader.line(), concat("entity reference &", reader.local_name(),
                                       "; is not expanded; the document is refused"));
        }
      }
    } catch (const io::XmlFailure& failure) {
      refuse(failure.line,
             failure.refused ? failure.reason : concat("not well-formed XML: ", failure.reason));
    }
  }

  // ---- The tree --------------------------------------------------------------------------------

  const Element& element(std::size_t index) const { return document_.elements[index]; }

  std::string_view bytes(Span span) const { return xml_.substr(span.begin, span.end - span.begin); }

  const Element* first_child(const Element& parent, std::string_view local_name) const {
    for (const Node& node : parent.content) {
      if (node.kind == Node::Kind::element && element(node.element).local_name() == local_name) {
        return &element(node.element);
      }
    }
    return nullptr;
  }

  // Descendants named `local_name` (not looking inside a match), in document order.
  void find_all(const Element& parent, std::string_view local_name,
                std::vector<const Element*>& found) const {
    for (const Node& node : parent.content) {
      if (node.kind != Node::Kind::element) {
        continue;
      }
      const Element& child = element(node.element);
      if (child.local_name() == local_name) {
        found.push_back(&child);
      } else {
        find_all(child, local_name, found);
      }
    }
  }

  std::vector<const Element*> segment_markers(const Element& parent) const {
    std::vector<const Element*> markers;
    find_all(parent, "mrk", markers);
    std::erase_if(markers, [](const Element* marker) {
      const auto* type = marker->attribute("mtype");
      return type == nullptr || type->value != "seg";
    });
    return markers;
  }

  // translate="no" on the unit or on a <group> or <file> around it (both versions inherit it).
  bool translatable(const Element& e) const {
    const Element* current = &e;
    while (true) {
      if (attribute_value(*current, "translate") == "no") {
        return false;
      }
      const Element* parent = &element(current->parent);
      if (parent == current) {
        return true;
      }
      current = parent;
    }
  }

  std::string attribute_value(const Element& e, std::string_view name) const {
    const auto* attribute = e.attribute(name);
    return attribute ? attribute->value : std::string();
  }

  // No element inside and nothing but white space.
  bool is_blank(const Element& e) const {
    return std::all_of(e.content.begin(), e.content.end(), [&](const Node& node) {
      if (node.kind == Node::Kind::element) {
        return false;
      }
      if (node.kind == Node::Kind::cdata) {
        return trim(bytes({node.span.begin + 9, node.span.end - 3})).empty();
      }
      return node.kind == Node::Kind::other || trim(bytes(node.span)).empty();
    });
  }

  // ---- Source text and codes -------------------------------------------------------------------

  // "<g id="1">" for "<g id="1"/>" and for "<g id="1">".
  std::string open_tag(const Element& e) const {
    std::string tag(bytes(e.start_tag));
    if (e.self_closing) {
      tag.resize(tag.size() - 2);
      while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\t' || tag.back() == '\n' ||
                              tag.back() == '\r')) {
        tag.pop_back();
      }
      tag += '>';
    }
    return tag;
  }

  void collect(const Element& container, SourceContent& content) const {
    for (const Node& node : container.content) {
      if (node.kind == Node::Kind::text) {
        content.text += xml_scanner::decode_text(bytes(node.span));
      } else if (node.kind == Node::Kind::cdata) {
        content.text += bytes({node.span.begin + 9, node.span.end - 3});
      } else if (node.kind == Node::Kind::element) {
        collect_element(element(node.element), content);
      }
    }
  }

  void collect_element(const Element& e, SourceContent& content) const {
    const std::string_view name = e.local_name();
    const bool standalone_code =
        version1_ ? (name == "x" || name == "bx" || name == "ex" || name == "ph" || name == "bpt" ||
                     name == "ept" || name == "it")
                  : (name == "ph" || name == "sc" || name == "ec");
    const bool wrapping_code = version1_ ? name == "g" : name == "pc";
    if (standalone_code) {
      content.codes += bytes(e.whole());
      ++content.code_count;
    } else if (wrapping_code) {
      content.codes += concat(open_tag(e), "</", e.name, ">");
      ++content.code_count;
      collect(e, content);
    } else if (name == "mrk") {
      collect(e, content);
    } else if (!version1_ && name == "cp") {
      // XLIFF 2 writes characters XML cannot hold as <cp hex="..."/>; the text gets the
      // character where it is a legal one.
      const auto value = xml_scanner::decode_text(concat("&#x", attribute_value(e, "hex"), ";"));
      if (!value.starts_with("&") && static_cast<unsigned char>(value[0]) >= 0x20) {
        content.text += value;
      }
    }
    // Anything else (sm, em, elements of other namespaces) contributes nothing.
  }

  std::optional<FillResult> offer(const Element& source_like, std::string context) {
    SourceContent content;
    collect(source_like, content);
    if (trim(content.text).empty()) {
      return std::nullopt;
    }
    XliffSegment segment;
    segment.source_text = std::move(content.text);
    segment.inline_codes = content.code_count;
    segment.context = std::move(context);
    segment.line = line(source_like.start_tag.begin);
    std::optional<XliffFill> fill = fill_(segment);
    if (!fill || fill->target_text.empty()) {
      return std::nullopt;
    }
    FillResult result;
    append_escaped_text(result.content, fill->target_text);
    result.content += content.codes;
    result.score = std::clamp(fill->score, 0, 101);
    result.origin = std::move(fill->origin);
    ++summary_.filled;
    return result;
  }

  // ---- Building the edits ----------------------------------------------------------------------

  // The start tag of `e` with the given attributes set (replaced where present, else added after
  // the last one), as an open tag when `as_open` (for a "<target/>" that gets content).
  std::string start_tag_with(const Element& e, const AttributeValues& values, bool as_open) const {
    std::string tag(bytes({e.start_tag.begin, e.start_tag.begin + 1 + e.name.size()}));
    std::size_t cursor = e.start_tag.begin + 1 + e.name.size();
    std::vector<bool> done(values.size(), false);
    for (const auto& attribute : e.attributes) {
      tag += bytes({cursor, attribute.whole.begin});
      const auto set = std::find_if(values.begin(), values.end(), [&](const auto& value) {
        return value.first == attribute.name;
      });
      if (set == values.end()) {
        tag += bytes(attribute.whole);
      } else {
        append_attribute(tag, set->first, set->second);
        done[static_cast<std::size_t>(set - values.begin())] = true;
      }
      cursor = attribute.whole.end;
    }
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (!done[i]) {
        tag += ' ';
        append_attribute(tag, values[i].first, values[i].second);
      }
    }
    if (as_open && e.self_closing) {
      tag += '>';
    } else {
      tag += bytes({cursor, e.start_tag.end});
    }
    return tag;
  }

  static void append_attribute(std::string& out, std::string_view name, std::string_view value) {
    out += name;
    out += "=\"";
    append_escaped_attribute(out, value);
    out += '"';
  }

  // The line break and indentation before `e`, when only white space precedes it on its line.
  std::string indent_before(const Element& e) const {
    std::size_t i = e.start_tag.begin;
    while (i > 0 && (xml_[i - 1] == ' ' || xml_[i - 1] == '\t')) {
      --i;
    }
    if (i == 0 || xml_[i - 1] != '\n') {
      return {};
    }
    --i;
    if (i > 0 && xml_[i - 1] == '\r') {
      --i;
    }
    return std::string(bytes({i, e.start_tag.begin}));
  }

  void add_edit(Span span, std::string replacement) {
    edits_.push_back({span, std::move(replacement)});
  }

  std::string apply_edits() const {
    std::vector<const Edit*> ordered;
    for (const Edit& edit : edits_) {
      ordered.push_back(&edit);
    }
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const Edit* a, const Edit* b) { return a->span.begin < b->span.begin; });
    std::string output;
    output.reserve(xml_.size() + xml_.size() / 4);
    std::size_t cursor = 0;
    for (const Edit* edit : ordered) {
      // Edits never overlap by construction; one that would is dropped rather than corrupt.
      if (edit->span.begin < cursor) {
        continue;
      }
      output += bytes({cursor, edit->span.begin});
      output += edit->replacement;
      cursor = edit->span.end;
    }
    output += xml_.substr(cursor);
    return output;
  }

  // ---- XLIFF 1.x -------------------------------------------------------------------------------

  static AttributeValues state_v1(int score, bool complete) {
    AttributeValues values;
    values.emplace_back("state", !complete      ? "needs-translation"
                                 : score >= 100 ? "translated"
                                                : "needs-review-translation");
    values.emplace_back("state-qualifier", score >= 100 ? "exact-match" : "fuzzy-match");
    return values;
  }

  std::string alt_trans(std::string_view prefix, const FillResult& fill,
                        std::optional<std::string> mid) const {
    std::string text = concat("<", prefix, "alt-trans");
    if (mid) {
      text += ' ';
      append_attribute(text, "mid", *mid);
    }
    text += ' ';
    append_attribute(text, "match-quality", std::to_string(fill.score));
    if (!fill.origin.empty()) {
      text += ' ';
      append_attribute(text, "origin", fill.origin);
    }
    return concat(text, "><", prefix, "target>", fill.content, "</", prefix, "target></", prefix,
                  "alt-trans>");
  }

  void pretranslate_v1() {
    version1_ = true;
    const Element& root = element(0);
    std::vector<const Element*> files;
    find_all(root, "file", files);
    if (!files.empty()) {
      summary_.source_language = attribute_value(*files.front(), "source-language");
      summary_.target_language = attribute_value(*files.front(), "target-language");
    }
    std::vector<const Element*> units;
    find_all(root, "trans-unit", units);
    for (const Element* unit : units) {
      if (!translatable(*unit)) {
        continue;
      }
      const std::string id = attribute_value(*unit, "id");
      std::string context = attribute_value(*unit, "resname");
      if (context.empty()) {
        context = id;
      }
      const Element* source = first_child(*unit, "source");
      if (source == nullptr) {
        report(line(unit->start_tag.begin),
               concat("<trans-unit> '", id, "' has no <source>; skipped"));
        continue;
      }
      const Element* segmented = first_child(*unit, "seg-source");
      const Element* target = first_child(*unit, "target");
      const auto markers = segmented ? segment_markers(*segmented) : std::vector<const Element*>();
      if (markers.empty()) {
        fill_unit_v1(*source, segmented, target, context);
      } else if (target != nullptr && !is_blank(*target)) {
        fill_segment_markers_v1(*source, *target, markers, context);
      } else {
        rebuild_segmented_target_v1(*source, *segmented, target, markers, context);
      }
    }
  }

  // Writes `content` as the unit's target: in place of an empty one, or after `after`.
  void place_target_v1(const Element& source, const Element* after, const Element* target,
                       const AttributeValues& state, const std::string& content,
                       const std::vector<std::string>& alternatives) {
    if (target != nullptr) {
      const std::string indent = indent_before(*target);
      add_edit(target->whole(), concat(start_tag_with(*target, state, true), content, "</",
                                       target->name, ">", alternatives_with(indent, alternatives)));
      return;
    }
    const std::string indent = indent_before(source);
    const std::string_view prefix = source.prefix();
    std::string text = concat(indent, "<", prefix, "target");
    for (const auto& [name, value] : state) {
      text += ' ';
      append_attribute(text, name, value);
    }
    text += concat(">", content, "</", prefix, "target>");
    const Span end{after->whole().end, after->whole().end};
    add_edit(end, text + alternatives_with(indent, alternatives));
  }

  // The alt-trans elements, each on a line of its own with the given indentation.
  static std::string alternatives_with(const std::string& indent,
                                       const std::vector<std::string>& alternatives) {
    std::string text;
    for (const std::string& alternative : alternatives) {
      text += indent;
      text += alternative;
    }
    return text;
  }

  void fill_unit_v1(const Element& source, const Element* segmented, const Element* target,
                    const std::string& context) {
    ++summary_.segments;
    if (target != nullptr && !is_blank(*target)) {
      ++summary_.already_translated;
      return;
    }
    const auto fill = offer(source, context);
    if (!fill) {
      return;
    }
    place_target_v1(source, segmented ? segmented : &source, target, state_v1(fill->score, true),
                    fill->content, {alt_trans(source.prefix(), *fill, std::nullopt)});
  }

  void fill_segment_markers_v1(const Element& source, const Element& target,
                               const std::vector<const Element*>& markers,
                               const std::string& context) {
    summary_.segments += markers.size();
    const auto target_markers = segment_markers(target);
    int lowest = 101;
    bool any = false;
    bool complete = true;
    std::vector<std::string> alternatives;
    for (const Element* marker : markers) {
      const std::string mid = attribute_value(*marker, "mid");
      const auto found =
          std::find_if(target_markers.begin(), target_markers.end(),
                       [&](const Element* t) { return attribute_value(*t, "mid") == mid; });
      if (found == target_markers.end()) {
        report(line(marker->start_tag.begin),
               concat("segment mid=\"", mid, "\" has no <mrk> in the <target>; not filled"));
        complete = false;
        continue;
      }
      if (!is_blank(**found)) {
        ++summary_.already_translated;
        continue;
      }
      const auto fill = offer(*marker, context);
      if (!fill) {
        complete = false;
        continue;
      }
      add_edit((*found)->whole(),
               concat(start_tag_with(**found, {}, true), fill->content, "</", (*found)->name, ">"));
      lowest = std::min(lowest, fill->score);
      any = true;
      alternatives.push_back(alt_trans(source.prefix(), *fill, mid));
    }
    if (!any) {
      return;
    }
    add_edit(target.start_tag, start_tag_with(target, state_v1(lowest, complete), false));
    const Span end{target.whole().end, target.whole().end};
    add_edit(end, alternatives_with(indent_before(target), alternatives));
  }

  void rebuild_segmented_target_v1(const Element& source, const Element& segmented,
                                   const Element* target,
                                   const std::vector<const Element*>& markers,
                                   const std::string& context) {
    summary_.segments += markers.size();
    std::string content;
    std::size_t cursor = segmented.inner().begin;
    int lowest = 101;
    bool any = false;
    bool complete = true;
    std::vector<std::string> alternatives;
    for (const Element* marker : markers) {
      const auto fill = offer(*marker, context);
      content += bytes({cursor, marker->whole().begin});
      content += start_tag_with(*marker, {}, true);
      if (fill) {
        content += fill->content;
        lowest = std::min(lowest, fill->score);
        any = true;
        alternatives.push_back(alt_trans(source.prefix(), *fill, attribute_value(*marker, "mid")));
      } else {
        complete = false;
      }
      content += concat("</", marker->name, ">");
      cursor = marker->whole().end;
    }
    content += bytes({cursor, segmented.inner().end});
    if (any) {
      place_target_v1(source, &segmented, target, state_v1(lowest, complete), content,
                      alternatives);
    }
  }

  // ---- XLIFF 2.x -------------------------------------------------------------------------------

  void pretranslate_v2() {
    version1_ = false;
    const Element& root = element(0);
    summary_.source_language = attribute_value(root, "srcLang");
    summary_.target_language = attribute_value(root, "trgLang");
    std::vector<const Element*> units;
    find_all(root, "unit", units);
    for (const Element* unit : units) {
      if (!translatable(*unit)) {
        continue;
      }
      std::string context = attribute_value(*unit, "name");
      if (context.empty()) {
        context = attribute_value(*unit, "id");
      }
      for (const Node& node : unit->content) {
        if (node.kind == Node::Kind::element && element(node.element).local_name() == "segment") {
          fill_segment_v2(element(node.element), context);
        }
      }
    }
    if (summary_.filled > 0 && summary_.target_language.empty()) {
      report(line(root.start_tag.begin),
             "<xliff> has no trgLang, which XLIFF 2 requires once there are targets; add it");
    }
  }

  void fill_segment_v2(const Element& segment, const std::string& context) {
    ++summary_.segments;
    const Element* source = first_child(segment, "source");
    if (source == nullptr) {
      report(line(segment.start_tag.begin), "<segment> without <source>; skipped");
      return;
    }
    const Element* target = first_child(segment, "target");
    if (target != nullptr && !is_blank(*target)) {
      ++summary_.already_translated;
      return;
    }
    const auto fill = offer(*source, context);
    if (!fill) {
      return;
    }
    AttributeValues state;
    state.emplace_back("state", fill->score >= 100 ? "translated" : "initial");
    add_edit(segment.start_tag, start_tag_with(segment, state, false));
    if (target != nullptr) {
      add_edit(target->whole(),
               concat(start_tag_with(*target, {}, true), fill->content, "</", target->name, ">"));
      return;
    }
    const std::string_view prefix = source->prefix();
    const Span end{source->whole().end, source->whole().end};
    add_edit(end, concat(indent_before(*source), "<", prefix, "target>", fill->content, "</",
                         prefix, "target>"));
  }

  std::string_view xml_;
  std::string file_;
  const XliffFiller& fill_;
  std::vector<std::size_t> newlines_;
  xml_scanner::Document document_;
  XliffSummary summary_;
  std::vector<Edit> edits_;
  bool version1_ = true;
};

}  // namespace

XliffSummary pretranslate_xliff(std::string_view document, std::string_view source_name,
                                const XliffFiller& fill, std::string& output) {
  return Pretranslator(document, source_name, fill).run(output);
}

}  // namespace tolk::tm
