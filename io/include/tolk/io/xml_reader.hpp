#pragma once
// libxml2's streaming reader as every tolk XML reader uses it (TBX, TMX, XLIFF): RAII handles,
// input fed from a file or from memory one line at a time, and the refusal of documents that
// declare entities.
//
// Security: the parser never expands entities
// (no XML_PARSE_NOENT), never loads a DTD (no XML_PARSE_DTDLOAD / DTDVALID / DTDATTR) and never
// goes to the network (XML_PARSE_NONET). A document whose DOCTYPE declares entities is refused
// before libxml2 sees a byte of it, which stops both external entities (XXE) and entity
// expansion bombs ("billion laughs"); should a DTD node still carry entity declarations, it is
// refused again when the reader reaches it. The pre-scan reads only the prolog (everything
// before the root element), so it does not break streaming.

#include <libxml/tree.h>
#include <libxml/xmlreader.h>

#include <cstddef>
#include <deque>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace tolk::io {

struct TextReaderDeleter {
  void operator()(xmlTextReader* reader) const { xmlFreeTextReader(reader); }
};
struct XmlStringDeleter {
  void operator()(xmlChar* text) const { xmlFree(text); }
};
using TextReaderPointer = std::unique_ptr<xmlTextReader, TextReaderDeleter>;
using XmlString = std::unique_ptr<xmlChar, XmlStringDeleter>;

inline std::string_view as_view(const xmlChar* text) {
  return text ? std::string_view(reinterpret_cast<const char*>(text)) : std::string_view();
}
inline const xmlChar* xml_chars(const char* text) {
  return reinterpret_cast<const xmlChar*>(text);
}

// 1-based line of `offset` in `text`.
std::size_t line_at(std::string_view text, std::size_t offset);

// What the prolog (the bytes before the root element) shows.
struct PrologScan {
  bool complete = false;  // the root element's start was reached (or the input ended)
  std::optional<std::size_t> entity_declaration;  // offset of a "<!ENTITY" in the DOCTYPE
};
// Scans `head`, the first bytes of a document. `at_end` says that nothing follows `head`.
PrologScan scan_prolog(std::string_view head, bool at_end);

// Bytes for the parser, from a file (read in blocks) or from memory; handed out no further than
// the end of a line, so that the parser, which runs ahead of the reader by what it was given,
// stays within a line of it: everything that ends before a line with an error is still reached.
class ByteSource {
 public:
  explicit ByteSource(std::string_view memory);
  explicit ByteSource(const std::filesystem::path& file);  // check is_open()
  bool is_open() const { return !from_file_ || file_.is_open(); }

  // Up to `max` bytes, not past the end of the current line; 0 at the end.
  std::size_t read_line_piece(char* out, std::size_t max);
  // The next bytes (at least `size` unless the input ends first), not consumed.
  std::string_view peek(std::size_t size);

  std::size_t consumed() const { return consumed_; }
  std::size_t total() const { return total_; }

  // Records the line of every start tag named `name` in the bytes handed out (outside comments,
  // CDATA sections and processing instructions), for StreamReader::line: libxml2 keeps element
  // lines in 16 bits, so beyond line 65535 the n-th such element the reader reaches is matched
  // with the n-th tag seen here.
  void watch_start_tags(std::string name) { watched_name_ = std::move(name); }
  const std::string& watched_name() const { return watched_name_; }
  std::deque<std::size_t>& watched_lines() { return watched_lines_; }

 private:
  std::string_view available() const;
  void lex(std::string_view bytes);

  bool from_file_ = false;
  std::ifstream file_;
  std::string buffer_;  // file input not yet handed out starts at buffer_[position_]
  std::string_view memory_;
  std::size_t position_ = 0;
  std::size_t consumed_ = 0;
  std::size_t total_ = 0;

  // The small lexer behind watch_start_tags.
  enum class LexState { text, tag_start, comment, cdata, processing_instruction };
  std::string watched_name_;
  std::deque<std::size_t> watched_lines_;
  LexState lex_state_ = LexState::text;
  std::string tag_start_;  // "<" and what follows, until it is known what it starts
  std::size_t tag_line_ = 0;
  std::string last_two_;  // the last two bytes inside a comment, CDATA or PI
  std::size_t line_ = 1;
};

// A document the parser cannot read on: not well-formed, or refused.
struct XmlFailure {
  std::size_t line = 0;
  std::string reason;
  bool refused = false;  // entities declared: the document is refused, whatever was read
};

// libxml2's xmlTextReader over a ByteSource, with the security options above.
class StreamReader {
 public:
  // Scans the prolog and opens the reader; throws XmlFailure{refused = true} for a document
  // that declares entities.
  StreamReader(ByteSource& source, const std::string& url);

  // Moves to the next node; false at the end; throws XmlFailure where the parser stopped.
  bool advance();

  int node_type() const { return xmlTextReaderNodeType(reader_.get()); }
  int depth() const { return xmlTextReaderDepth(reader_.get()); }
  bool is_empty_element() const { return xmlTextReaderIsEmptyElement(reader_.get()) == 1; }
  std::string_view local_name() const {
    return as_view(xmlTextReaderConstLocalName(reader_.get()));
  }
  std::string_view qualified_name() const { return as_view(xmlTextReaderConstName(reader_.get())); }
  std::string_view value() const { return as_view(xmlTextReaderConstValue(reader_.get())); }
  std::string attribute(const char* name) const;
  // The line of the node the reader stands on.
  std::size_t line() const;
  xmlTextReader* get() const { return reader_.get(); }

 private:
  static int read(void* context, char* buffer, int length);
  static int close(void* context);
  static void on_error(void* context, xmlErrorPtr error);
  void check_document_type();

  ByteSource& source_;
  TextReaderPointer reader_;
  std::optional<XmlFailure> error_;
  bool error_is_fatal_ = false;
  std::size_t watched_line_ = 0;  // the line of the watched element the reader stands on
  std::size_t doctype_line_ = 0;
};

}  // namespace tolk::io
