#pragma once
// A tokenizer over the raw bytes of an XML document that records where each element, attribute
// and piece of text stands (byte offsets), so that an editor can change one element and copy
// every other byte unchanged. It is no validating parser: pretranslate_xliff lets libxml2 check
// the document first (well-formed, no entity declarations), and the scanner then only needs to
// tell tags, text, comments, processing instructions, CDATA sections and the DOCTYPE apart. On
// anything it does not expect it throws ScanError rather than guess.

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace tolk::tm::xml_scanner {

struct ScanError : std::runtime_error {
  ScanError(std::size_t at, const std::string& reason) : std::runtime_error(reason), offset(at) {}
  std::size_t offset = 0;
};

// [begin, end) in the document.
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
};

struct Attribute {
  std::string name;   // as written, with its prefix
  std::string value;  // references resolved
  Span whole;         // name="value"
};

struct Node {
  enum class Kind { element, text, cdata, other };  // other: comment, processing instruction
  Kind kind = Kind::other;
  Span span;                // the whole node (an element: start tag to end tag)
  std::size_t element = 0;  // for Kind::element: index in Document::elements
};

struct Element {
  std::string name;  // as written, with its prefix
  Span start_tag;    // "<name ...>" or "<name .../>"
  Span end_tag;      // "</name>"; empty (begin == end == start_tag.end) for "<name/>"
  bool self_closing = false;
  std::vector<Attribute> attributes;
  std::vector<Node> content;  // children in document order
  std::size_t parent = 0;     // index in Document::elements; the root is its own parent

  std::string_view local_name() const;
  std::string_view prefix() const;                          // "" or "xlf:"
  const Attribute* attribute(std::string_view name) const;  // by the name as written
  Span inner() const { return {start_tag.end, end_tag.begin}; }
  Span whole() const { return {start_tag.begin, self_closing ? start_tag.end : end_tag.end}; }
};

struct Document {
  std::vector<Element> elements;  // elements[0] is the root
};

Document scan(std::string_view xml);

// Character data with the five predefined entities and character references resolved. An
// unknown entity reference stays as written.
std::string decode_text(std::string_view raw);

}  // namespace tolk::tm::xml_scanner
