// Reads TMX 1.4b (and 1.1-1.4: the deprecated `lang` attribute and <ut> are understood) with
// libxml2's streaming reader: each <tu> is built, checked and handed to the sink, then forgotten,
// so memory does not grow with the file. See tolk/io/xml_reader.hpp for the parser's security
// options.
//
// Mapping to the model (unit.hpp):
// - <tu>/<tuv> attributes tuid, srclang, creationdate, creationid, changedate, changeid; <prop>
//   and <note> at both levels, in document order. The first <prop type="x-context"> becomes
//   TranslationUnit::context and leaves the properties; without one, the first x-context-pre and
//   x-context-post do (joined by U+001F, either side possibly empty). TmxWriter writes them back.
// - <seg>: its character data (NFC) is Segment::text; <bpt> <ept> <ph> <it> <ut> are kept whole
//   (with their native code and any <sub>) as one InlineTag each, re-serialised: attributes in
//   document order with double quotes, & < > " escaped, an element without content as "<x/>".
//   The text of a <hi> belongs to the segment; its start and end tags are two InlineTags.
//
// A unit is skipped and reported when a <tuv> has no language or no <seg> (or two), when an
// element stands where TMX does not allow it, when <bpt>/<ept> do not pair up by their i, when an
// entity reference is left unexpanded, or when fewer than two variants have text. A variant with
// an empty <seg> in a unit that still has two others is dropped without a report.
//
// Line numbers are those of the <tu> (libxml2's node lines; see StreamReader::line).

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "exchange_support.hpp"
#include "tolk/io/import_issue.hpp"
#include "tolk/io/strings.hpp"
#include "tolk/io/xml_escape.hpp"
#include "tolk/io/xml_reader.hpp"
#include "tolk/text/normalize.hpp"
#include "tolk/tm/exchange.hpp"

namespace tolk::tm {
using exchange_support::language_as_recorded;
using io::append_escaped_attribute;
using io::append_escaped_text;
using io::ByteSource;
using io::concat;
using io::IssueLog;
using io::StreamReader;
using io::trim;
using io::XmlFailure;

namespace {

constexpr char kContextSeparator = '\x1F';

bool is_text_node(int type) {
  return type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
         type == XML_READER_TYPE_WHITESPACE || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}

bool is_code_element(std::string_view name) {
  return name == "bpt" || name == "ept" || name == "ph" || name == "it" || name == "ut";
}

// What goes wrong inside one unit; the first problem is the one reported.
struct UnitProblems {
  std::string first;
  void add(std::string reason) {
    if (first.empty()) {
      first = std::move(reason);
    }
  }
  bool any() const { return !first.empty(); }
};

class TmxReader {
 public:
  TmxReader(ByteSource& source, std::string issue_file, std::string_view origin_name,
            const UnitSink& sink, const ReadOptions& options)
      : source_(source),
        origin_name_(io::file_name_only(origin_name)),
        sink_(sink),
        log_(std::move(issue_file), options.strictness, summary_.issues),
        progress_(options, source.total()) {
    source_.watch_start_tags("tu");  // exact unit lines beyond 65535
  }

  ReadSummary read() {
    try {
      StreamReader reader(source_, log_.file());
      reader_ = &reader;
      read_document();
    } catch (const XmlFailure& failure) {
      reader_ = nullptr;
      if (failure.refused) {
        log_.refuse(failure.line, failure.reason);
      }
      if (!seen_root_) {
        log_.refuse(failure.line, "not well-formed XML: " + failure.reason);
      }
      log_.report_rest_unread(failure.line, concat("not well-formed XML: ", failure.reason,
                                                   "; the file is read up to that point"));
    }
    reader_ = nullptr;
    progress_.finish(source_.consumed());
    return std::move(summary_);
  }

 private:
  StreamReader& reader() { return *reader_; }

  // Calls `on_child` for each child element of the element the reader stands on and returns past
  // its end tag; `on_child` must consume the child. Character data that is not white space is
  // passed to `on_text` (null: a problem, since TMX's containers hold only elements).
  template <typename OnChild>
  void for_each_child(OnChild&& on_child, UnitProblems* problems) {
    if (reader().is_empty_element()) {
      return;
    }
    const int depth = reader().depth();
    while (reader().advance()) {
      const int type = reader().node_type();
      const int node_depth = reader().depth();
      if (type == XML_READER_TYPE_END_ELEMENT && node_depth == depth) {
        return;
      }
      if (node_depth != depth + 1) {
        continue;
      }
      if (type == XML_READER_TYPE_ELEMENT) {
        on_child(reader().local_name());
      } else if (problems && type == XML_READER_TYPE_TEXT && !trim(reader().value()).empty()) {
        problems->add(concat("text \"", reader().value().substr(0, 30),
                             "\" stands outside <seg>, <note> or <prop>"));
      } else if (problems && type == XML_READER_TYPE_ENTITY_REFERENCE) {
        problems->add(concat("entity reference &", reader().local_name(), "; is not expanded"));
      }
    }
    throw XmlFailure{reader().line(), "the document ends inside an element", false};
  }

  void skip() {
    for_each_child([this](std::string_view) { skip(); }, nullptr);
  }

  // The character data of <note> or <prop>; elements inside are a problem.
  std::string read_text(UnitProblems& problems) {
    std::string text;
    if (reader().is_empty_element()) {
      return text;
    }
    const std::string name(reader().local_name());
    const int depth = reader().depth();
    while (reader().advance()) {
      const int type = reader().node_type();
      if (type == XML_READER_TYPE_END_ELEMENT && reader().depth() == depth) {
        return text;
      }
      if (is_text_node(type)) {
        text += reader().value();
      } else if (type == XML_READER_TYPE_ELEMENT && reader().depth() == depth + 1) {
        problems.add(concat("invalid nesting: <", reader().local_name(), "> inside <", name, ">"));
      } else if (type == XML_READER_TYPE_ENTITY_REFERENCE) {
        problems.add(concat("entity reference &", reader().local_name(), "; is not expanded"));
      }
    }
    throw XmlFailure{reader().line(), "the document ends inside an element", false};
  }

  // ---- Document structure ----------------------------------------------------------------------

  void read_document() {
    while (reader().advance()) {
      if (reader().node_type() != XML_READER_TYPE_ELEMENT) {
        continue;
      }
      const std::string root(reader().local_name());
      if (root != "tmx") {
        log_.refuse(reader().line(),
                    concat("not a TMX document: the root element is <", root, ">"));
      }
      seen_root_ = true;
      for_each_child(
          [this](std::string_view name) {
            if (name == "header") {
              summary_.source_language = language_as_recorded(reader().attribute("srclang"));
              skip();
            } else if (name == "body") {
              read_body();
            } else {
              skip();
            }
          },
          nullptr);
      return;
    }
  }

  void read_body() {
    for_each_child(
        [this](std::string_view name) {
          if (name == "tu") {
            read_unit();
            progress_.update(source_.consumed());
          } else {
            const std::size_t line = reader().line();
            skip();
            log_.report(line, concat("<", name, "> is not allowed in <body>; skipped"));
          }
        },
        nullptr);
  }

  void read_dates(std::string& creation_date, std::string& creation_user, std::string& change_date,
                  std::string& change_user) {
    creation_date = reader().attribute("creationdate");
    creation_user = reader().attribute("creationid");
    change_date = reader().attribute("changedate");
    change_user = reader().attribute("changeid");
  }

  std::string language_attribute() {
    std::string language = reader().attribute("xml:lang");
    return language.empty() ? reader().attribute("lang") : language;
  }

  void read_unit() {
    TranslationUnit unit;
    UnitProblems problems;
    unit.origin_file = origin_name_;
    unit.origin_line = reader().line();
    unit.tuid = reader().attribute("tuid");
    const std::string source_language = reader().attribute("srclang");
    unit.source_language =
        source_language.empty() ? summary_.source_language : language_as_recorded(source_language);
    read_dates(unit.creation_date, unit.creation_user, unit.change_date, unit.change_user);
    for_each_child(
        [&](std::string_view name) {
          if (name == "note") {
            unit.notes.push_back(read_text(problems));
          } else if (name == "prop") {
            Property property;
            property.type = reader().attribute("type");
            property.value = read_text(problems);
            unit.properties.push_back(std::move(property));
          } else if (name == "tuv") {
            read_variant(unit, problems);
          } else {
            problems.add(concat("invalid nesting: <", name, "> inside <tu>"));
            skip();
          }
        },
        &problems);
    finish_unit(std::move(unit), problems);
  }

  void read_variant(TranslationUnit& unit, UnitProblems& problems) {
    Variant variant;
    const std::string language = language_attribute();
    variant.language = language_as_recorded(language);
    if (variant.language.empty()) {
      problems.add("a <tuv> without xml:lang");
    }
    read_dates(variant.creation_date, variant.creation_user, variant.change_date,
               variant.change_user);
    int segments = 0;
    for_each_child(
        [&](std::string_view name) {
          if (name == "note") {
            variant.notes.push_back(read_text(problems));
          } else if (name == "prop") {
            Property property;
            property.type = reader().attribute("type");
            property.value = read_text(problems);
            variant.properties.push_back(std::move(property));
          } else if (name == "seg") {
            ++segments;
            read_segment(variant.segment, problems);
          } else {
            problems.add(concat("invalid nesting: <", name, "> inside <tuv>"));
            skip();
          }
        },
        &problems);
    if (segments == 0) {
      problems.add(concat("the <tuv> for '", language, "' has no <seg>"));
    } else if (segments > 1) {
      problems.add(concat("the <tuv> for '", language, "' has more than one <seg>"));
    }
    unit.variants.push_back(std::move(variant));
  }

  // ---- Segments --------------------------------------------------------------------------------

  struct SegmentBuilder {
    Segment& segment;
    std::string pending;  // text since the last tag, normalised when a tag or the end comes
    std::vector<std::string> open_pairs;  // i of each <bpt> not yet closed

    void flush() {
      segment.text += text::to_nfc(pending);
      pending.clear();
    }
    void add_tag(InlineTag::Kind kind, std::string markup) {
      flush();
      InlineTag tag;
      tag.kind = kind;
      tag.position = segment.text.size();
      tag.markup = std::move(markup);
      segment.tags.push_back(std::move(tag));
    }
  };

  void read_segment(Segment& segment, UnitProblems& problems) {
    SegmentBuilder builder{segment, {}, {}};
    read_segment_content(builder, problems, "seg");
    builder.flush();
    for (const std::string& open : builder.open_pairs) {
      problems.add(concat("invalid nesting: <bpt i=\"", open, "\"> without its <ept>"));
    }
  }

  // The content of <seg> or <hi> (the same model in TMX 1.4b).
  void read_segment_content(SegmentBuilder& builder, UnitProblems& problems,
                            std::string_view container) {
    if (reader().is_empty_element()) {
      return;
    }
    const int depth = reader().depth();
    while (reader().advance()) {
      const int type = reader().node_type();
      const int node_depth = reader().depth();
      if (type == XML_READER_TYPE_END_ELEMENT && node_depth == depth) {
        return;
      }
      if (node_depth != depth + 1) {
        continue;
      }
      if (is_text_node(type)) {
        builder.pending += reader().value();
      } else if (type == XML_READER_TYPE_ENTITY_REFERENCE) {
        problems.add(concat("entity reference &", reader().local_name(), "; is not expanded"));
      } else if (type == XML_READER_TYPE_ELEMENT) {
        read_segment_element(builder, problems, container);
      }
    }
    throw XmlFailure{reader().line(), "the document ends inside an element", false};
  }

  void read_segment_element(SegmentBuilder& builder, UnitProblems& problems,
                            std::string_view container) {
    const std::string name(reader().local_name());
    if (name == "hi") {
      std::string open = start_tag();
      const bool empty = reader().is_empty_element();
      builder.add_tag(InlineTag::Kind::highlight_open, open + ">");
      if (!empty) {
        read_segment_content(builder, problems, "hi");
      }
      builder.add_tag(InlineTag::Kind::highlight_close, "</hi>");
      return;
    }
    if (!is_code_element(name)) {
      problems.add(concat("invalid nesting: <", name, "> inside <", container, ">"));
      skip();
      return;
    }
    InlineTag::Kind kind = InlineTag::Kind::placeholder;
    if (name == "bpt") {
      kind = InlineTag::Kind::begin_paired;
      builder.open_pairs.push_back(reader().attribute("i"));
    } else if (name == "ept") {
      kind = InlineTag::Kind::end_paired;
      const std::string i = reader().attribute("i");
      const auto open = std::find(builder.open_pairs.begin(), builder.open_pairs.end(), i);
      if (open == builder.open_pairs.end()) {
        problems.add(concat("invalid nesting: <ept i=\"", i, "\"> without its <bpt>"));
      } else {
        builder.open_pairs.erase(open);
      }
    } else if (name == "it") {
      kind = InlineTag::Kind::isolated;
    }
    builder.add_tag(kind, serialize_element(problems));
  }

  // "<name a="v" ..." of the element the reader stands on (without the closing bracket).
  std::string start_tag() {
    std::string tag = concat("<", reader().qualified_name());
    if (xmlTextReaderMoveToFirstAttribute(reader().get()) == 1) {
      do {
        tag += ' ';
        tag += reader().qualified_name();
        tag += "=\"";
        append_escaped_attribute(tag, reader().value());
        tag += '"';
      } while (xmlTextReaderMoveToNextAttribute(reader().get()) == 1);
      xmlTextReaderMoveToElement(reader().get());
    }
    return tag;
  }

  // The element the reader stands on, re-serialised, and the reader past its end. Inside codes
  // TMX allows only <sub>; inside <sub> the codes and <hi> again.
  std::string serialize_element(UnitProblems& problems) {
    const std::string name(reader().local_name());
    std::string markup = start_tag();
    if (reader().is_empty_element()) {
      return markup + "/>";
    }
    markup += '>';
    const int depth = reader().depth();
    while (reader().advance()) {
      const int type = reader().node_type();
      const int node_depth = reader().depth();
      if (type == XML_READER_TYPE_END_ELEMENT && node_depth == depth) {
        return concat(markup, "</", reader().qualified_name(), ">");
      }
      if (node_depth != depth + 1) {
        continue;
      }
      if (is_text_node(type)) {
        append_escaped_text(markup, reader().value());
      } else if (type == XML_READER_TYPE_ENTITY_REFERENCE) {
        problems.add(concat("entity reference &", reader().local_name(), "; is not expanded"));
      } else if (type == XML_READER_TYPE_ELEMENT) {
        const std::string_view child = reader().local_name();
        const bool allowed =
            name == "sub" ? (is_code_element(child) || child == "hi") : child == "sub";
        if (!allowed) {
          problems.add(concat("invalid nesting: <", child, "> inside <", name, ">"));
        }
        markup += serialize_element(problems);
      }
    }
    throw XmlFailure{reader().line(), "the document ends inside an element", false};
  }

  // ---- Units -----------------------------------------------------------------------------------

  static void take_context(TranslationUnit& unit) {
    auto& properties = unit.properties;
    const auto find = [&](std::string_view type) {
      return std::find_if(properties.begin(), properties.end(),
                          [&](const Property& p) { return p.type == type; });
    };
    if (const auto context = find("x-context"); context != properties.end()) {
      unit.context = std::move(context->value);
      properties.erase(context);
      return;
    }
    const auto pre = find("x-context-pre");
    const auto post = find("x-context-post");
    if (pre == properties.end() && post == properties.end()) {
      return;
    }
    unit.context = concat(pre == properties.end() ? std::string_view() : pre->value,
                          std::string_view(&kContextSeparator, 1),
                          post == properties.end() ? std::string_view() : post->value);
    std::vector<Property> kept;
    for (auto it = properties.begin(); it != properties.end(); ++it) {
      if (it != pre && it != post) {
        kept.push_back(std::move(*it));
      }
    }
    properties = std::move(kept);
  }

  void finish_unit(TranslationUnit unit, const UnitProblems& problems) {
    const std::string name = unit.tuid.empty() ? std::string() : concat(" '", unit.tuid, "'");
    if (problems.any()) {
      log_.report(unit.origin_line, concat("unit", name, ": ", problems.first, "; unit skipped"));
      return;
    }
    std::vector<std::string> empty_languages;
    std::vector<Variant> variants;
    for (Variant& variant : unit.variants) {
      if (trim(variant.segment.text).empty()) {
        empty_languages.push_back(variant.language);
      } else {
        variants.push_back(std::move(variant));
      }
    }
    if (variants.size() < 2) {
      std::string reason = unit.variants.size() < 2
                               ? std::string("fewer than two variants")
                               : concat("empty <seg> for '", empty_languages.front(), "'");
      log_.report(unit.origin_line, concat("unit", name, ": ", reason,
                                           "; a unit needs text in two languages; unit skipped"));
      return;
    }
    unit.variants = std::move(variants);
    take_context(unit);
    sink_(std::move(unit));
    ++summary_.units;
  }

  ByteSource& source_;
  std::string origin_name_;
  const UnitSink& sink_;
  ReadSummary summary_;
  IssueLog log_;
  exchange_support::ProgressMeter progress_;
  StreamReader* reader_ = nullptr;
  bool seen_root_ = false;
};

}  // namespace

ReadSummary read_tmx(const std::filesystem::path& file, const UnitSink& sink,
                     const ReadOptions& options) {
  ByteSource source(file);
  if (!source.is_open()) {
    throw ImportError({{file.string(), 0, "cannot open the file"}});
  }
  return TmxReader(source, file.string(), file.string(), sink, options).read();
}

ReadSummary read_tmx_text(std::string_view xml, std::string_view source_name, const UnitSink& sink,
                          const ReadOptions& options) {
  ByteSource source(xml);
  return TmxReader(source, std::string(source_name), source_name, sink, options).read();
}

}  // namespace tolk::tm
