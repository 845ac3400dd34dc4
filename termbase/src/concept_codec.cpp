#include "concept_codec.hpp"

#include <cstdint>

#include "tolk/store/record.hpp"
#include "tolk/termbase/termbase.hpp"

namespace tolk::termbase::codec {
namespace {

// 1: legal references without titles; 2: each legal reference has its title (read: both).
constexpr std::uint8_t kVersion = 2;

using Writer = store::RecordWriter;
using Reader = store::RecordReader;

void write_citations(Writer& writer, const std::vector<Citation>& citations) {
  writer.number(citations.size());
  for (const Citation& citation : citations) {
    writer.text(citation.file);
    writer.number(citation.line);
    writer.text(citation.quote);
    writer.number(citation.language ? static_cast<std::uint64_t>(*citation.language) + 1 : 0);
  }
}

std::vector<Citation> read_citations(Reader& reader) {
  std::vector<Citation> citations(reader.count());
  for (Citation& citation : citations) {
    citation.file = reader.text();
    citation.line = static_cast<std::size_t>(reader.number());
    citation.quote = reader.text();
    if (const std::uint64_t language = reader.number(); language > 0) {
      citation.language = static_cast<Language>(language - 1);
    }
  }
  return citations;
}

void write_texts(Writer& writer, const std::map<Language, std::string>& texts) {
  writer.number(texts.size());
  for (const auto& [language, value] : texts) {
    writer.enumeration(language);
    writer.text(value);
  }
}

std::map<Language, std::string> read_texts(Reader& reader) {
  std::map<Language, std::string> texts;
  for (std::size_t n = reader.count(); n > 0; --n) {
    const auto language = reader.enumeration<Language>();
    texts[language] = reader.text();
  }
  return texts;
}

}  // namespace

std::string encode(const Concept& entry) {
  Writer writer;
  writer.number(kVersion);
  writer.text(entry.id);
  writer.number(entry.domains.size());
  for (const std::string& domain : entry.domains)
    writer.text(domain);
  writer.number(entry.legal_references.size());
  for (const LegalReference& reference : entry.legal_references) {
    writer.text(reference.code);
    writer.text(reference.article);
    writer.text(reference.part);
    writer.text(reference.title);
  }
  write_texts(writer, entry.definitions);
  write_texts(writer, entry.notes);
  writer.number(entry.terms.size());
  for (const Term& term : entry.terms) {
    writer.text(term.text);
    writer.enumeration(term.language);
    writer.enumeration(term.status);
    writer.enumeration(term.type);
    writer.enumeration(term.part_of_speech);
    writer.enumeration(term.gender);
    writer.enumeration(term.number);
    writer.text(term.usage_note);
    writer.enumeration(term.verification);
    writer.text(term.source);
    write_citations(writer, term.citations);
  }
  write_citations(writer, entry.citations);
  return writer.take();
}

Concept decode(std::string_view bytes) try {
  Reader reader(bytes, "entry record");
  const std::uint64_t version = reader.number();
  if (version < 1 || version > kVersion)
    throw TermbaseError("entry record of an unknown version");
  Concept entry;
  entry.id = reader.text();
  entry.domains.resize(reader.count());
  for (std::string& domain : entry.domains)
    domain = reader.text();
  entry.legal_references.resize(reader.count());
  for (LegalReference& reference : entry.legal_references) {
    reference.code = reader.text();
    reference.article = reader.text();
    reference.part = reader.text();
    if (version >= 2)
      reference.title = reader.text();
  }
  entry.definitions = read_texts(reader);
  entry.notes = read_texts(reader);
  entry.terms.resize(reader.count());
  for (Term& term : entry.terms) {
    term.text = reader.text();
    term.language = reader.enumeration<Language>();
    term.status = reader.enumeration<TermStatus>();
    term.type = reader.enumeration<TermType>();
    term.part_of_speech = reader.enumeration<PartOfSpeech>();
    term.gender = reader.enumeration<Gender>();
    term.number = reader.enumeration<GrammaticalNumber>();
    term.usage_note = reader.text();
    term.verification = reader.enumeration<Verification>();
    term.source = reader.text();
    term.citations = read_citations(reader);
  }
  entry.citations = read_citations(reader);
  return entry;
} catch (const store::CorruptRecordError& error) {
  throw TermbaseError(error.what());
}

}  // namespace tolk::termbase::codec
