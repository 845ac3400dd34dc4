// Reads TBX-Basic v3 (<tbx>, <conceptEntry>, <langSec>, <termSec>) and the older TBX-Basic
// martif (<martif>, <termEntry>, <langSet>, <tig>/<ntig>) with libxml2's streaming
// xmlTextReader. The mapping of elements to the model is the one documented at the top of
// tbx_writer.cpp; the "tolk:" notes written there are read back here, every other note is text.
//
// Security: the parser never expands entities (no XML_PARSE_NOENT), never loads a DTD (no
// XML_PARSE_DTDLOAD / DTDVALID / DTDATTR) and never goes to the network (XML_PARSE_NONET). A
// document whose DOCTYPE declares entities is refused before libxml2 sees it, which stops both
// external entities (XXE) and entity expansion bombs ("billion laughs"); a DTD node that still
// carries entity declarations is refused again when the reader reaches it.
//
// Line numbers are those of the element that holds the problem (libxml2 records the line of each
// node; xmlTextReaderGetParserLineNumber is the fallback, since the parser reads ahead of the
// node the reader stands on).

#include <libxml/tree.h>
#include <libxml/xmlreader.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "exchange_support.hpp"
#include "tolk/termbase/exchange.hpp"
#include "tolk/text/normalize.hpp"
#include "tolk/text/utf8.hpp"

namespace tolk::termbase {
using exchange_support::concat;
using exchange_support::read_whole_file;
using exchange_support::trim;

namespace {

std::string join_reasons(const std::vector<ImportIssue>& issues) {
  std::string message;
  for (const ImportIssue& issue : issues) {
    if (!message.empty()) {
      message += '\n';
    }
    message += to_string(issue);
  }
  return message.empty() ? std::string("import failed") : message;
}

}  // namespace

ImportError::ImportError(std::vector<ImportIssue> issues)
    : std::runtime_error(join_reasons(issues)), issues_(std::move(issues)) {}

std::string to_string(const ImportIssue& issue) {
  if (issue.line == 0) {
    return issue.file + ": " + issue.reason;
  }
  return concat(issue.file, ":", std::to_string(issue.line), ": ", issue.reason);
}

namespace {

const xmlChar* xml_chars(const char* text) {
  return reinterpret_cast<const xmlChar*>(text);
}
std::string_view as_view(const xmlChar* text) {
  return text ? std::string_view(reinterpret_cast<const char*>(text)) : std::string_view();
}

struct TextReaderDeleter {
  void operator()(xmlTextReader* reader) const { xmlFreeTextReader(reader); }
};
struct XmlStringDeleter {
  void operator()(xmlChar* text) const { xmlFree(text); }
};
using TextReaderPointer = std::unique_ptr<xmlTextReader, TextReaderDeleter>;
using XmlString = std::unique_ptr<xmlChar, XmlStringDeleter>;

// Raised inside the reader when libxml2 stops on a document that is not well-formed.
struct MalformedXml {
  std::size_t line = 0;
  std::string reason;
};

std::size_t line_at(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  return 1 + static_cast<std::size_t>(std::count(
                 text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

// Where the DOCTYPE of a document declares an entity, if it does. Entity declarations can only
// stand in the internal subset, between "<!DOCTYPE" and the "]>" that closes it.
std::optional<std::size_t> find_entity_declaration(std::string_view xml) {
  const auto doctype = xml.find("<!DOCTYPE");
  if (doctype == std::string_view::npos) {
    return std::nullopt;
  }
  const auto subset_end = xml.find("]>", doctype);
  const auto declaration = xml.find("<!ENTITY", doctype);
  if (declaration != std::string_view::npos &&
      (subset_end == std::string_view::npos || declaration < subset_end)) {
    return declaration;
  }
  return std::nullopt;
}

// The encoding the XML declaration names, if any, lower-cased.
std::string declared_encoding(std::string_view xml) {
  if (!xml.starts_with("<?xml")) {
    return {};
  }
  const auto declaration = xml.substr(0, xml.find("?>"));
  const auto key = declaration.find("encoding");
  if (key == std::string_view::npos) {
    return {};
  }
  const auto quote = declaration.find_first_of("\"'", key);
  if (quote == std::string_view::npos) {
    return {};
  }
  const auto close = declaration.find(declaration[quote], quote + 1);
  std::string name(declaration.substr(quote + 1, close - quote - 1));
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return name;
}

// Feeds libxml2 one line at a time. The reader stops at the first error of the parser, and the
// parser runs ahead of the reader by what it was given; small pieces keep every entry that ends
// before the bad line within the reader's reach.
struct LineFeed {
  std::string_view rest;

  static int read(void* context, char* buffer, int length) {
    auto& feed = *static_cast<LineFeed*>(context);
    if (feed.rest.empty() || length <= 0) {
      return 0;
    }
    const auto newline = feed.rest.find('\n');
    std::size_t size = newline == std::string_view::npos ? feed.rest.size() : newline + 1;
    size = std::min(size, static_cast<std::size_t>(length));
    std::copy_n(feed.rest.data(), size, buffer);
    feed.rest.remove_prefix(size);
    return static_cast<int>(size);
  }
  static int close(void*) { return 0; }
};

struct TermDraft {
  Term term;
  std::size_t line = 0;
  bool has_term_element = false;
  bool is_transliteration = false;
  bool is_phrase = false;
};

struct ConceptDraft {
  Concept concept_entry;
  std::size_t line = 0;
  bool rejected = false;  // an issue that makes the whole entry unusable
};

class TbxReader {
 public:
  TbxReader(std::string_view xml, std::string_view source_name, Strictness strictness)
      : xml_(xml), source_name_(source_name), strictness_(strictness) {}

  ImportResult read() {
    refuse_entity_declarations();
    utf8_defect_ = declares_utf8() ? text::find_invalid_utf8(xml_) : std::nullopt;
    open_reader();
    try {
      read_document();
    } catch (const MalformedXml& malformed) {
      report_malformed(malformed);
    }
    return std::move(result_);
  }

 private:
  // ---- Issues ----------------------------------------------------------------------------------

  void report(std::size_t line, std::string reason) {
    result_.issues.push_back({source_name_, line, std::move(reason)});
    if (strictness_ == Strictness::strict) {
      throw ImportError(result_.issues);
    }
  }

  [[noreturn]] void refuse(std::size_t line, std::string reason) {
    result_.issues.push_back({source_name_, line, std::move(reason)});
    throw ImportError(result_.issues);
  }

  void report_malformed(const MalformedXml& malformed) {
    if (utf8_defect_ && malformed.line >= utf8_defect_->line) {
      report(utf8_defect_->line,
             concat("invalid UTF-8 at byte offset ", std::to_string(utf8_defect_->byte_offset),
                    "; the file is read up to that point"));
      return;
    }
    if (!seen_root_) {
      refuse(malformed.line, "not well-formed XML: " + malformed.reason);
    }
    report(malformed.line,
           "not well-formed XML: " + malformed.reason + "; the file is read up to that point");
  }

  // ---- Set-up ----------------------------------------------------------------------------------

  void refuse_entity_declarations() {
    if (const auto offset = find_entity_declaration(xml_)) {
      refuse(line_at(xml_, *offset),
             "the DOCTYPE declares entities; TBX needs none and tolk does not expand them");
    }
  }

  bool declares_utf8() const {
    const auto encoding = declared_encoding(text::strip_bom(xml_));
    return encoding.empty() || encoding == "utf-8" || encoding == "utf8";
  }

  void open_reader() {
    if (xml_.size() > static_cast<std::size_t>(INT_MAX)) {
      refuse(0, "file too large for the XML parser");
    }
    feed_.rest = xml_;
    const std::string url(source_name_);
    // No XML_PARSE_NOENT, XML_PARSE_DTDLOAD, XML_PARSE_DTDATTR or XML_PARSE_DTDVALID: entities
    // stay unexpanded and no DTD is fetched. XML_PARSE_NONET forbids network access outright.
    const int options = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES;
    reader_.reset(
        xmlReaderForIO(&LineFeed::read, &LineFeed::close, &feed_, url.c_str(), nullptr, options));
    if (!reader_) {
      refuse(0, "libxml2 could not create an XML reader");
    }
    xmlTextReaderSetStructuredErrorHandler(reader_.get(), &TbxReader::on_xml_error, this);
  }

  static void on_xml_error(void* context, xmlErrorPtr error) {
    auto& self = *static_cast<TbxReader*>(context);
    if (error == nullptr || error->level < XML_ERR_ERROR || self.xml_error_) {
      return;
    }
    std::string message(trim(error->message ? error->message : "unknown error"));
    self.xml_error_ = MalformedXml{static_cast<std::size_t>(std::max(error->line, 0)), message};
  }

  // ---- Moving through the document -------------------------------------------------------------

  std::size_t current_line() const {
    // Elements store lines up to 65535; beyond, the parser's own line is the nearest we have.
    const long line = xmlGetLineNo(xmlTextReaderCurrentNode(reader_.get()));
    if (line > 0 && line < 65535) {
      return static_cast<std::size_t>(line);
    }
    return static_cast<std::size_t>(std::max(xmlTextReaderGetParserLineNumber(reader_.get()), 0));
  }

  // Moves to the next node; throws MalformedXml where the parser stopped.
  bool advance() {
    const int status = xmlTextReaderRead(reader_.get());
    if (status == 1) {
      if (xmlTextReaderNodeType(reader_.get()) == XML_READER_TYPE_DOCUMENT_TYPE) {
        check_document_type();
      }
      return true;
    }
    if (status == 0) {
      return false;
    }
    if (xml_error_) {
      throw *xml_error_;
    }
    throw MalformedXml{
        static_cast<std::size_t>(std::max(xmlTextReaderGetParserLineNumber(reader_.get()), 0)),
        "the parser stopped"};
  }

  // Second line of defence after refuse_entity_declarations: whatever reached the DTD node.
  void check_document_type() {
    const xmlNode* node = xmlTextReaderCurrentNode(reader_.get());
    if (node == nullptr || node->type != XML_DTD_NODE) {
      return;
    }
    const auto* dtd = reinterpret_cast<const xmlDtd*>(node);
    if (dtd->entities != nullptr || dtd->pentities != nullptr) {
      refuse(line_at(xml_, xml_.find("<!DOCTYPE")),
             "the DOCTYPE declares entities; tolk does not expand them");
    }
  }

  std::string_view local_name() const {
    return as_view(xmlTextReaderConstLocalName(reader_.get()));
  }

  std::string attribute(const char* name) const {
    const XmlString value(xmlTextReaderGetAttribute(reader_.get(), xml_chars(name)));
    return std::string(as_view(value.get()));
  }

  std::string language_attribute() const {
    std::string language = attribute("xml:lang");
    return language.empty() ? attribute("lang") : language;
  }

  // Calls `on_child` for each child element of the element the reader stands on, and returns
  // once past its end tag. `on_child` must consume the child (with another for_each_child,
  // read_text or skip).
  void for_each_child(const std::function<void(std::string_view)>& on_child) {
    if (xmlTextReaderIsEmptyElement(reader_.get())) {
      return;
    }
    const int depth = xmlTextReaderDepth(reader_.get());
    while (advance()) {
      const int type = xmlTextReaderNodeType(reader_.get());
      const int node_depth = xmlTextReaderDepth(reader_.get());
      if (type == XML_READER_TYPE_END_ELEMENT && node_depth == depth) {
        return;
      }
      if (type == XML_READER_TYPE_ELEMENT && node_depth == depth + 1) {
        on_child(local_name());
      }
    }
    throw MalformedXml{current_line(), "the document ends inside an element"};
  }

  void skip() {
    for_each_child([this](std::string_view) { skip(); });
  }

  // The text of the element the reader stands on, inline markup (<hi>, ...) flattened.
  std::string read_text() {
    std::string text;
    if (xmlTextReaderIsEmptyElement(reader_.get())) {
      return text;
    }
    const int depth = xmlTextReaderDepth(reader_.get());
    while (advance()) {
      const int type = xmlTextReaderNodeType(reader_.get());
      if (type == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth(reader_.get()) == depth) {
        return text;
      }
      if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
          type == XML_READER_TYPE_WHITESPACE || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) {
        text += as_view(xmlTextReaderConstValue(reader_.get()));
      } else if (type == XML_READER_TYPE_ENTITY_REFERENCE) {
        unexpanded_entity_ = concat("&", local_name(), ";");
      }
    }
    throw MalformedXml{current_line(), "the document ends inside an element"};
  }

  // ---- Document structure ----------------------------------------------------------------------

  void read_document() {
    while (advance()) {
      if (xmlTextReaderNodeType(reader_.get()) != XML_READER_TYPE_ELEMENT) {
        continue;
      }
      const std::string root(local_name());
      if (root != "tbx" && root != "martif") {
        refuse(current_line(), "not a TBX document: the root element is <" + root +
                                   ">, expected <tbx> or <martif>");
      }
      seen_root_ = true;
      document_language_ = text::parse_language(language_attribute());
      for_each_child([this](std::string_view name) {
        if (name == "text") {
          read_text_element();
        } else {
          skip();
        }
      });
      return;
    }
    refuse(0, "empty document");
  }

  void read_text_element() {
    for_each_child([this](std::string_view name) {
      if (name == "body") {
        read_body();
      } else {
        skip();
      }
    });
  }

  void read_body() {
    for_each_child([this](std::string_view name) {
      if (name == "conceptEntry" || name == "termEntry") {
        read_concept();
      } else {
        skip();
      }
    });
  }

  void read_concept() {
    ConceptDraft draft;
    draft.line = current_line();
    draft.concept_entry.id = std::string(trim(attribute("id")));
    unexpanded_entity_.clear();
    for_each_child([&](std::string_view name) {
      if (name == "langSec" || name == "langSet") {
        read_language_section(draft);
      } else if (name == "descrip") {
        read_concept_descrip(draft);
      } else if (name == "descripGrp") {
        for_each_child([&](std::string_view inner) {
          inner == "descrip" ? read_concept_descrip(draft) : skip();
        });
      } else if (name == "admin") {
        read_concept_admin(draft);
      } else if (name == "note") {
        read_concept_note(draft, current_line(), read_text());
      } else {
        skip();
      }
    });
    finish_concept(draft);
  }

  void read_concept_descrip(ConceptDraft& draft) {
    const std::string type = attribute("type");
    const std::size_t line = current_line();
    const std::string value(trim(read_text()));
    if (type == "subjectField") {
      draft.concept_entry.domains.push_back(value);
    } else if (type == "definition") {
      // Older files put the definition on the entry; it is in the document's language.
      if (document_language_) {
        append_text(draft.concept_entry.definitions[*document_language_], value);
      } else {
        report(line,
               "definition outside a language section, in a document without a language "
               "tolk knows; ignored");
      }
    }
  }

  void read_concept_admin(ConceptDraft& draft) {
    const std::string type = attribute("type");
    const std::size_t line = current_line();
    const std::string value(trim(read_text()));
    if (type != "source") {
      return;
    }
    if (const auto reference = parse_legal_reference(value)) {
      draft.concept_entry.legal_references.push_back(*reference);
    } else {
      report(line, "entry source \"" + value +
                       "\" is not a legal reference tolk understands; "
                       "ignored");
    }
  }

  void read_concept_note(ConceptDraft& draft, std::size_t line, const std::string& note) {
    Concept& entry = draft.concept_entry;
    if (note.starts_with("tolk:citation")) {
      if (auto citation = parse_citation_note(note, line)) {
        entry.citations.push_back(std::move(*citation));
      }
    } else if (note.starts_with("tolk:definition ")) {
      if (auto text = language_text_note(note, "tolk:definition ", line)) {
        entry.definitions[text->first] = std::move(text->second);
      }
    } else if (note.starts_with("tolk:note ")) {
      if (auto text = language_text_note(note, "tolk:note ", line)) {
        entry.notes[text->first] = std::move(text->second);
      }
    } else if (document_language_) {
      append_text(entry.notes[*document_language_], note);
    } else {
      report(line,
             "note outside a language section, in a document without a language tolk "
             "knows; ignored");
    }
  }

  void read_language_section(ConceptDraft& draft) {
    const std::string tag = language_attribute();
    const auto language = text::parse_language(tag);
    if (!language) {
      const std::string what = tag.empty()
                                   ? std::string("language section without xml:lang")
                                   : "unknown language code '" + tag + "' (tolk knows nl, en, ru)";
      report(current_line(),
             what + " in entry '" + draft.concept_entry.id + "'; that language is skipped");
      skip();
      return;
    }
    for_each_child([&](std::string_view name) {
      if (name == "termSec" || name == "tig" || name == "ntig") {
        read_term_section(draft, *language);
      } else if (name == "descrip") {
        read_language_descrip(draft, *language);
      } else if (name == "descripGrp") {
        for_each_child([&](std::string_view inner) {
          inner == "descrip" ? read_language_descrip(draft, *language) : skip();
        });
      } else if (name == "note") {
        append_text(draft.concept_entry.notes[*language], read_text());
      } else {
        skip();
      }
    });
  }

  void read_language_descrip(ConceptDraft& draft, Language language) {
    const std::string type = attribute("type");
    std::string value = read_text();
    if (type == "definition") {
      append_text(draft.concept_entry.definitions[language], value);
    }
  }

  // ---- Terms -----------------------------------------------------------------------------------

  void read_term_section(ConceptDraft& draft, Language language) {
    TermDraft term;
    term.line = current_line();
    term.term.language = language;
    term.term.status = TermStatus::admitted;
    std::function<void(std::string_view)> on_child = [&](std::string_view name) {
      if (name == "term") {
        term.has_term_element = true;
        term.term.text = read_text();
      } else if (name == "termGrp") {  // martif <ntig><termGrp><term/><termNote/></termGrp>
        for_each_child(on_child);
      } else if (name == "termNote") {
        read_term_note(term);
      } else if (name == "descrip") {
        read_term_descrip(term, {});
      } else if (name == "descripGrp") {
        read_term_descrip_group(term);
      } else if (name == "admin") {
        const std::string type = attribute("type");
        std::string value(trim(read_text()));
        if (type == "source") {
          term.term.source = std::move(value);
        }
      } else if (name == "note") {
        read_term_note_text(term, current_line(), read_text());
      } else {
        skip();
      }
    };
    for_each_child(on_child);
    finish_term(draft, term);
  }

  void finish_term(ConceptDraft& draft, TermDraft& term) {
    if (!unexpanded_entity_.empty()) {
      report(term.line, "entity reference " + unexpanded_entity_ + " in entry '" +
                            draft.concept_entry.id + "' is not expanded; entry skipped");
      unexpanded_entity_.clear();
      draft.rejected = true;
      return;
    }
    if (trim(term.term.text).empty()) {
      report(term.line, std::string(term.has_term_element ? "empty term"
                                                          : "term section without "
                                                            "<term>") +
                            " in entry '" + draft.concept_entry.id + "'; entry skipped");
      draft.rejected = true;
      return;
    }
    if (term.is_transliteration) {
      term.term.type = TermType::transliteration;
    }
    if (term.is_phrase) {
      term.term.part_of_speech = PartOfSpeech::phrase;
    }
    term.term.text = text::to_nfc(term.term.text);
    draft.concept_entry.terms.push_back(std::move(term.term));
  }

  void read_term_note(TermDraft& term) {
    const std::string type = attribute("type");
    const std::size_t line = current_line();
    const std::string value(trim(read_text()));
    Term& t = term.term;
    bool understood = true;
    if (type == "administrativeStatus" || type == "normativeAuthorization") {
      understood = assign(t.status, parse_term_status(value));
    } else if (type == "termType") {
      understood = assign(t.type, parse_term_type(value));
    } else if (type == "partOfSpeech") {
      understood = assign(t.part_of_speech, parse_part_of_speech(value));
    } else if (type == "grammaticalGender") {
      understood = assign(t.gender, parse_gender(value));
    } else if (type == "grammaticalNumber") {
      understood = assign(t.number, parse_number(value));
    }
    if (!understood) {
      report(line, "unknown " + type + " '" + value + "' for term '" + t.text + "'; ignored");
    }
  }

  template <typename Value>
  static bool assign(Value& target, std::optional<Value> parsed) {
    if (parsed) {
      target = *parsed;
    }
    return parsed.has_value();
  }

  // A context with the source it came from is the nearest TBX has to a citation.
  void read_term_descrip_group(TermDraft& term) {
    std::string source;
    std::optional<Citation> context;
    for_each_child([&](std::string_view name) {
      if (name == "descrip") {
        read_term_descrip(term, &context);
      } else if (name == "admin" && attribute("type") == "source") {
        source = std::string(trim(read_text()));
      } else {
        skip();
      }
    });
    if (context) {
      context->file = source;
      term.term.citations.push_back(std::move(*context));
    }
  }

  // <descrip type="context"> becomes a citation of the term; into `grouped` when it stands in a
  // descripGrp (whose source completes it), else straight into the term.
  void read_term_descrip(TermDraft& term, std::optional<Citation>* grouped) {
    const std::string type = attribute("type");
    std::string value(trim(read_text()));
    if (type != "context") {
      return;
    }
    Citation citation{{}, 0, std::move(value), term.term.language};
    if (grouped) {
      *grouped = std::move(citation);
    } else {
      term.term.citations.push_back(std::move(citation));
    }
  }

  void read_term_note_text(TermDraft& term, std::size_t line, const std::string& note) {
    Term& t = term.term;
    if (note == "tolk:verification: unverified") {
      t.verification = Verification::unverified;
    } else if (note == "tolk:termType: transliteration") {
      term.is_transliteration = true;
    } else if (note == "tolk:partOfSpeech: phrase") {
      term.is_phrase = true;
    } else if (note.starts_with("tolk:grammaticalNumber: ")) {
      const auto value = std::string_view(note).substr(24);
      if (!assign(t.number, parse_number(value))) {
        report(line, concat("unknown grammaticalNumber '", value, "'; ignored"));
      }
    } else if (note.starts_with("tolk:citation")) {
      if (auto citation = parse_citation_note(note, line)) {
        t.citations.push_back(std::move(*citation));
      }
    } else {
      append_text(t.usage_note, note);
    }
  }

  // ---- The "tolk:" notes -----------------------------------------------------------------------

  // "tolk:citation[ LANG]: FILE:LINE:[ QUOTE]"
  std::optional<Citation> parse_citation_note(std::string_view note, std::size_t line) {
    Citation citation;
    std::string_view rest = note.substr(std::string_view("tolk:citation").size());
    if (rest.starts_with(" ")) {
      const auto colon = rest.find(':');
      const auto tag = rest.substr(1, colon == std::string_view::npos ? 0 : colon - 1);
      citation.language = text::parse_language(tag);
      if (!citation.language) {
        report(line, concat("citation in unknown language '", tag, "'; ignored"));
        return std::nullopt;
      }
      rest = rest.substr(tag.size() + 1);
    }
    if (!rest.starts_with(": ")) {
      report(line, "citation note not understood; ignored");
      return std::nullopt;
    }
    rest.remove_prefix(2);
    // The file ends at the first ":DIGITS:" (file names may hold colons, line numbers cannot).
    for (std::size_t colon = rest.find(':'); colon != std::string_view::npos;
         colon = rest.find(':', colon + 1)) {
      const auto digits_end = rest.find_first_not_of("0123456789", colon + 1);
      if (digits_end == colon + 1 || digits_end == std::string_view::npos ||
          rest[digits_end] != ':') {
        continue;
      }
      citation.file = std::string(rest.substr(0, colon));
      citation.line = std::stoul(std::string(rest.substr(colon + 1, digits_end - colon - 1)));
      auto quote = rest.substr(digits_end + 1);
      if (quote.starts_with(" ")) {
        quote.remove_prefix(1);
      }
      citation.quote = std::string(quote);
      return citation;
    }
    report(line, "citation note without FILE:LINE; ignored");
    return std::nullopt;
  }

  // "tolk:definition LANG: TEXT" -> {LANG, TEXT}
  std::optional<std::pair<Language, std::string>> language_text_note(std::string_view note,
                                                                     std::string_view prefix,
                                                                     std::size_t line) {
    const auto rest = note.substr(prefix.size());
    const auto colon = rest.find(": ");
    const auto language =
        text::parse_language(rest.substr(0, colon == std::string_view::npos ? 0 : colon));
    if (colon == std::string_view::npos || !language) {
      report(line, concat("note \"", note.substr(0, 40), "\" not understood; ignored"));
      return std::nullopt;
    }
    return std::pair{*language, std::string(rest.substr(colon + 2))};
  }

  static void append_text(std::string& target, std::string_view text) {
    if (!target.empty()) {
      target += '\n';
    }
    target += text;
  }

  // ---- Entries ---------------------------------------------------------------------------------

  void finish_concept(ConceptDraft& draft) {
    const std::string& id = draft.concept_entry.id;
    if (draft.rejected) {
      return;
    }
    if (id.empty()) {
      report(draft.line, "entry without an id; skipped");
      return;
    }
    if (draft.concept_entry.terms.empty()) {
      report(draft.line, "entry '" + id + "' has no term in nl, en or ru; skipped");
      return;
    }
    if (!ids_.insert(id).second) {
      report(draft.line, "duplicate entry id '" + id + "'; the later entry is skipped");
      return;
    }
    result_.concepts.push_back(std::move(draft.concept_entry));
  }

  std::string_view xml_;
  std::string source_name_;
  Strictness strictness_;
  ImportResult result_;
  LineFeed feed_;
  TextReaderPointer reader_;
  std::optional<MalformedXml> xml_error_;
  std::optional<text::Utf8Defect> utf8_defect_;
  std::optional<Language> document_language_;
  std::set<std::string> ids_;
  std::string unexpanded_entity_;
  bool seen_root_ = false;
};

}  // namespace

ImportResult read_tbx_text(std::string_view xml, std::string_view source_name,
                           Strictness strictness) {
  return TbxReader(xml, source_name, strictness).read();
}

ImportResult read_tbx(const std::filesystem::path& file, Strictness strictness) {
  const std::string xml = read_whole_file(file);
  return read_tbx_text(xml, file.string(), strictness);
}

}  // namespace tolk::termbase
