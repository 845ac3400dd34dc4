// Reads TBX-Basic v3 (<tbx>, <conceptEntry>, <langSec>, <termSec>) and the older TBX-Basic
// martif (<martif>, <termEntry>, <langSet>, <tig>/<ntig>) with libxml2's streaming
// xmlTextReader. The mapping of elements to the model is the one documented at the top of
// tbx_writer.cpp; the "tolk:" notes written there are read back here, every other note is text.
//
// Security: libxml2's streaming reader with the options and the entity refusal of
// tolk/io/xml_reader.hpp (no entity expansion, no DTD loading, no network).
//
// Line numbers are those of the element that holds the problem.

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

#include "tolk/io/import_issue.hpp"
#include "tolk/io/strings.hpp"
#include "tolk/io/xml_reader.hpp"
#include "tolk/termbase/exchange.hpp"
#include "tolk/text/normalize.hpp"
#include "tolk/text/utf8.hpp"

namespace tolk::termbase {
using io::concat;
using io::read_whole_file;
using io::trim;

namespace {

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
    utf8_defect_ = declares_utf8() ? text::find_invalid_utf8(xml_) : std::nullopt;
    try {
      reader_.emplace(source_, source_name_);
      read_document();
    } catch (const io::XmlFailure& failure) {
      if (failure.refused)
        refuse(failure.line, failure.reason);
      report_malformed(failure);
    }
    return std::move(result_);
  }

 private:
  // ---- Issues ----------------------------------------------------------------------------------

  void report(std::size_t line, std::string reason) { log_.report(line, std::move(reason)); }
  [[noreturn]] void refuse(std::size_t line, std::string reason) {
    log_.refuse(line, std::move(reason));
  }

  void report_malformed(const io::XmlFailure& malformed) {
    if (utf8_defect_ && malformed.line >= utf8_defect_->line) {
      log_.report_rest_unread(utf8_defect_->line, concat("invalid UTF-8 at byte offset ",
                                                         std::to_string(utf8_defect_->byte_offset),
                                                         "; the file is read up to that point"));
      return;
    }
    if (!seen_root_) {
      refuse(malformed.line, "not well-formed XML: " + malformed.reason);
    }
    log_.report_rest_unread(malformed.line, "not well-formed XML: " + malformed.reason +
                                                "; the file is read up to that point");
  }

  // ---- Set-up ----------------------------------------------------------------------------------

  bool declares_utf8() const {
    const auto encoding = declared_encoding(text::strip_bom(xml_));
    return encoding.empty() || encoding == "utf-8" || encoding == "utf8";
  }

  // ---- Moving through the document -------------------------------------------------------------

  std::size_t current_line() const { return reader_->line(); }
  bool advance() { return reader_->advance(); }
  std::string_view local_name() const { return reader_->local_name(); }
  std::string attribute(const char* name) const { return reader_->attribute(name); }

  std::string language_attribute() const {
    std::string language = attribute("xml:lang");
    return language.empty() ? attribute("lang") : language;
  }

  // Calls `on_child` for each child element of the element the reader stands on, and returns
  // once past its end tag. `on_child` must consume the child (with another for_each_child,
  // read_text or skip).
  void for_each_child(const std::function<void(std::string_view)>& on_child) {
    if (reader_->is_empty_element()) {
      return;
    }
    const int depth = reader_->depth();
    while (advance()) {
      const int type = reader_->node_type();
      const int node_depth = reader_->depth();
      if (type == XML_READER_TYPE_END_ELEMENT && node_depth == depth) {
        return;
      }
      if (type == XML_READER_TYPE_ELEMENT && node_depth == depth + 1) {
        on_child(local_name());
      }
    }
    throw io::XmlFailure{current_line(), "the document ends inside an element", false};
  }

  void skip() {
    for_each_child([this](std::string_view) { skip(); });
  }

  // The text of the element the reader stands on, inline markup (<hi>, ...) flattened.
  std::string read_text() {
    std::string text;
    if (reader_->is_empty_element()) {
      return text;
    }
    const int depth = reader_->depth();
    while (advance()) {
      const int type = reader_->node_type();
      if (type == XML_READER_TYPE_END_ELEMENT && reader_->depth() == depth) {
        return text;
      }
      if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
          type == XML_READER_TYPE_WHITESPACE || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) {
        text += reader_->value();
      } else if (type == XML_READER_TYPE_ENTITY_REFERENCE) {
        unexpanded_entity_ = concat("&", local_name(), ";");
      }
    }
    throw io::XmlFailure{current_line(), "the document ends inside an element", false};
  }

  // ---- Document structure ----------------------------------------------------------------------

  void read_document() {
    while (advance()) {
      if (reader_->node_type() != XML_READER_TYPE_ELEMENT) {
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

  // "tolk:title UK RF 338: TITLE": the official title of one of the entry's references.
  void read_title_note(Concept& entry, std::string_view rest, std::size_t line) {
    const std::size_t colon = rest.find(": ");
    if (colon != std::string_view::npos) {
      const std::string_view reference = rest.substr(0, colon);
      for (LegalReference& own : entry.legal_references) {
        if (to_string(own) == reference) {
          own.title = std::string(trim(rest.substr(colon + 2)));
          return;
        }
      }
    }
    report(line, "title note \"" + std::string(rest) +
                     "\" names no legal reference of its entry; ignored");
  }

  void read_concept_note(ConceptDraft& draft, std::size_t line, const std::string& note) {
    Concept& entry = draft.concept_entry;
    if (note.starts_with("tolk:citation")) {
      if (auto citation = parse_citation_note(note, line)) {
        entry.citations.push_back(std::move(*citation));
      }
    } else if (note.starts_with("tolk:title ")) {
      read_title_note(entry, note.substr(std::string_view("tolk:title ").size()), line);
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
  io::IssueLog log_{source_name_, strictness_, result_.issues};
  io::ByteSource source_{xml_};
  std::optional<io::StreamReader> reader_;  // after source_, which it reads
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
