// Writes TBX-Basic v3 (ISO 30042:2019, DCA style) with libxml2's xmlTextWriter, which escapes
// text and attributes.
//
// Mapping of the tolk model (read back by tbx_reader.cpp, so that read -> write -> read gives
// equal Concepts):
//
//   Concept::id                  <conceptEntry id="...">
//   Concept::domains             <descrip type="subjectField">KEY</descrip>, one per domain
//   Concept::legal_references    <admin type="source">UK RF 328 part 1</admin> on the
//                                conceptEntry: the provision is where the concept comes from.
//                                The text is to_string(LegalReference), which
//                                parse_legal_reference reads back for any code. A title is
//                                <note>tolk:title UK RF 338: Дезертирство</note>.
//   Concept::citations           <note>tolk:citation nl: FILE:LINE: QUOTE</note> on the
//                                conceptEntry, in order (" nl" left out when the citation has no
//                                language). TBX-Basic's context/source pair belongs to one term,
//                                and a citation of tolk belongs to the concept.
//   Concept::definitions[lang]   <descrip type="definition"> in the langSec of that language
//   Concept::notes[lang]         <note> in the langSec of that language
//                                (a language without terms has no langSec, as TBX requires a
//                                termSec in each: its definition and note are written on the
//                                conceptEntry as <note>tolk:definition ru: ...</note> and
//                                <note>tolk:note ru: ...</note>)
//   Term::language               <langSec xml:lang="...">, in the order languages first appear
//   Term::text                   <term>
//   Term::status                 <termNote type="administrativeStatus">preferredTerm-admn-sts
//   Term::type                   <termNote type="termType">, left out for fullForm.
//                                transliteration is not in the TBX-Basic picklist: written as
//                                "variant" plus <note>tolk:termType: transliteration</note>.
//   Term::part_of_speech         <termNote type="partOfSpeech">. phrase is not in the picklist:
//                                written as "other" plus <note>tolk:partOfSpeech: phrase</note>.
//   Term::gender                 <termNote type="grammaticalGender">masculine|feminine|neuter|other
//   Term::number                 TBX-Basic has no grammaticalNumber:
//                                <note>tolk:grammaticalNumber: plural</note>
//   Term::source                 <admin type="source"> in the termSec
//   Term::usage_note             <note> in the termSec (plain text)
//   Term::verification           <note>tolk:verification: unverified</note>; nothing when verified
//   Term::citations              <note>tolk:citation ...</note> in the termSec, as above
//
// The "tolk:" notes keep the file valid TBX-Basic: another tool shows them as ordinary notes.

#include <libxml/xmlwriter.h>

#include <algorithm>
#include <map>
#include <memory>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "tolk/io/strings.hpp"
#include "tolk/termbase/exchange.hpp"

namespace tolk::termbase {
using io::concat;

namespace {

const xmlChar* xml_chars(const char* text) {
  return reinterpret_cast<const xmlChar*>(text);
}

struct BufferDeleter {
  void operator()(xmlBuffer* buffer) const { xmlBufferFree(buffer); }
};
struct TextWriterDeleter {
  void operator()(xmlTextWriter* writer) const { xmlFreeTextWriter(writer); }
};

// A thin RAII layer over xmlTextWriter that turns its error codes into exceptions.
class XmlOutput {
 public:
  XmlOutput() : buffer_(xmlBufferCreate()) {
    if (!buffer_) {
      throw std::bad_alloc();
    }
    writer_.reset(xmlNewTextWriterMemory(buffer_.get(), 0));
    if (!writer_) {
      throw std::bad_alloc();
    }
    check(xmlTextWriterSetIndent(writer_.get(), 1));
    check(xmlTextWriterSetIndentString(writer_.get(), xml_chars("  ")));
    check(xmlTextWriterStartDocument(writer_.get(), nullptr, "UTF-8", nullptr));
  }

  void start(const char* name) { check(xmlTextWriterStartElement(writer_.get(), xml_chars(name))); }
  void end() { check(xmlTextWriterEndElement(writer_.get())); }
  void attribute(const char* name, const std::string& value) {
    check(xmlTextWriterWriteAttribute(writer_.get(), xml_chars(name), xml_chars(value.c_str())));
  }
  void element(const char* name, const std::string& text) {
    check(xmlTextWriterWriteElement(writer_.get(), xml_chars(name), xml_chars(text.c_str())));
  }
  // <name type="TYPE">text</name>
  void typed_element(const char* name, const char* type, const std::string& text) {
    start(name);
    attribute("type", type);
    check(xmlTextWriterWriteString(writer_.get(), xml_chars(text.c_str())));
    end();
  }

  // Closes every open element and hands over the document.
  std::string finish() {
    check(xmlTextWriterEndDocument(writer_.get()));
    writer_.reset();  // flushes into the buffer
    return std::string(reinterpret_cast<const char*>(xmlBufferContent(buffer_.get())),
                       static_cast<std::size_t>(xmlBufferLength(buffer_.get())));
  }

 private:
  static void check(int result) {
    if (result < 0) {
      throw std::runtime_error("TBX writer: libxml2 could not write the document");
    }
  }

  std::unique_ptr<xmlBuffer, BufferDeleter> buffer_;
  std::unique_ptr<xmlTextWriter, TextWriterDeleter> writer_;
};

std::string language_tag(Language language) {
  return std::string(text::language_code(language));
}

std::string citation_note(const Citation& citation) {
  std::string note = "tolk:citation";
  if (citation.language) {
    note += concat(" ", language_tag(*citation.language));
  }
  note += concat(": ", citation.file, ":", std::to_string(citation.line), ":");
  if (!citation.quote.empty()) {
    note += concat(" ", citation.quote);
  }
  return note;
}

// The languages of a concept's terms, in the order they first appear.
std::vector<Language> languages_of_terms(const Concept& concept_entry) {
  std::vector<Language> languages;
  for (const Term& term : concept_entry.terms) {
    if (std::find(languages.begin(), languages.end(), term.language) == languages.end()) {
      languages.push_back(term.language);
    }
  }
  return languages;
}

void write_term(XmlOutput& xml, const Term& term) {
  xml.start("termSec");
  xml.element("term", term.text);
  xml.typed_element("termNote", "administrativeStatus", std::string(to_string(term.status)));
  if (term.type != TermType::full_form) {
    xml.typed_element("termNote", "termType", std::string(to_string(term.type)));
  }
  if (term.part_of_speech != PartOfSpeech::unspecified) {
    xml.typed_element("termNote", "partOfSpeech", std::string(to_string(term.part_of_speech)));
  }
  if (term.gender != Gender::unspecified) {
    xml.typed_element("termNote", "grammaticalGender", std::string(to_string(term.gender)));
  }
  if (!term.source.empty()) {
    xml.typed_element("admin", "source", term.source);
  }
  if (!term.usage_note.empty()) {
    xml.element("note", term.usage_note);
  }
  if (term.verification == Verification::unverified) {
    xml.element("note", "tolk:verification: unverified");
  }
  if (term.type == TermType::transliteration) {
    xml.element("note", "tolk:termType: transliteration");
  }
  if (term.part_of_speech == PartOfSpeech::phrase) {
    xml.element("note", "tolk:partOfSpeech: phrase");
  }
  if (term.number != GrammaticalNumber::unspecified) {
    xml.element("note", concat("tolk:grammaticalNumber: ", to_string(term.number)));
  }
  for (const Citation& citation : term.citations) {
    xml.element("note", citation_note(citation));
  }
  xml.end();
}

void write_language_section(XmlOutput& xml, const Concept& concept_entry, Language language) {
  xml.start("langSec");
  xml.attribute("xml:lang", language_tag(language));
  if (const auto definition = concept_entry.definitions.find(language);
      definition != concept_entry.definitions.end()) {
    xml.typed_element("descrip", "definition", definition->second);
  }
  if (const auto note = concept_entry.notes.find(language); note != concept_entry.notes.end()) {
    xml.element("note", note->second);
  }
  for (const Term& term : concept_entry.terms) {
    if (term.language == language) {
      write_term(xml, term);
    }
  }
  xml.end();
}

// Definitions and notes of languages that have no langSec, as "tolk:" notes on the entry.
void write_texts_without_language_section(XmlOutput& xml, const Concept& concept_entry,
                                          const std::vector<Language>& languages) {
  const auto has_section = [&](Language language) {
    return std::find(languages.begin(), languages.end(), language) != languages.end();
  };
  for (const auto& [language, definition] : concept_entry.definitions) {
    if (!has_section(language)) {
      xml.element("note", concat("tolk:definition ", language_tag(language), ": ", definition));
    }
  }
  for (const auto& [language, note] : concept_entry.notes) {
    if (!has_section(language)) {
      xml.element("note", concat("tolk:note ", language_tag(language), ": ", note));
    }
  }
}

void write_concept(XmlOutput& xml, const Concept& concept_entry) {
  xml.start("conceptEntry");
  xml.attribute("id", concept_entry.id);
  for (const std::string& domain : concept_entry.domains) {
    xml.typed_element("descrip", "subjectField", domain);
  }
  for (const LegalReference& reference : concept_entry.legal_references) {
    xml.typed_element("admin", "source", to_string(reference));
  }
  for (const LegalReference& reference : concept_entry.legal_references) {
    if (!reference.title.empty())
      xml.element("note", concat("tolk:title ", to_string(reference), ": ", reference.title));
  }
  for (const Citation& citation : concept_entry.citations) {
    xml.element("note", citation_note(citation));
  }
  const auto languages = languages_of_terms(concept_entry);
  write_texts_without_language_section(xml, concept_entry, languages);
  for (const Language language : languages) {
    write_language_section(xml, concept_entry, language);
  }
  xml.end();
}

void write_header(XmlOutput& xml, const TbxWriteOptions& options) {
  xml.start("tbxHeader");
  xml.start("fileDesc");
  xml.start("titleStmt");
  xml.element("title", options.title);
  xml.end();
  if (!options.source_description.empty()) {
    xml.start("sourceDesc");
    xml.element("p", options.source_description);
    xml.end();
  }
  xml.end();
  xml.end();
}

}  // namespace

void write_tbx(std::ostream& out, std::span<const Concept> concepts,
               const TbxWriteOptions& options) {
  XmlOutput xml;
  xml.start("tbx");
  xml.attribute("xmlns", "urn:iso:std:iso:30042:ed-2");
  xml.attribute("type", "TBX-Basic");
  xml.attribute("style", "dca");
  xml.attribute("xml:lang", "en");
  write_header(xml, options);
  xml.start("text");
  xml.start("body");
  for (const Concept& concept_entry : concepts) {
    write_concept(xml, concept_entry);
  }
  out << xml.finish();
}

}  // namespace tolk::termbase
