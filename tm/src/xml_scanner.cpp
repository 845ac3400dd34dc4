#include "xml_scanner.hpp"

#include <algorithm>

#include "tolk/text/utf8.hpp"

namespace tolk::tm::xml_scanner {

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// The value of a character reference body ("#65", "#x41"), or nothing.
std::optional<unsigned long> character_reference(std::string_view body) {
  if (body.size() < 2 || body[0] != '#') {
    return std::nullopt;
  }
  const bool hex = body[1] == 'x';
  const std::string_view digits = body.substr(hex ? 2 : 1);
  if (digits.empty() || digits.size() > 8) {
    return std::nullopt;
  }
  unsigned long value = 0;
  for (const char c : digits) {
    const auto digit = static_cast<unsigned long>(c >= '0' && c <= '9'          ? c - '0'
                                                  : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                                                  : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                                                : 99);
    if (digit >= (hex ? 16ul : 10ul)) {
      return std::nullopt;
    }
    value = value * (hex ? 16 : 10) + digit;
  }
  if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
    return std::nullopt;
  }
  return value;
}

class Scanner {
 public:
  explicit Scanner(std::string_view xml) : xml_(xml) {}

  Document scan() {
    if (xml_.starts_with("\xEF\xBB\xBF")) {
      pos_ = 3;
    }
    while (pos_ < xml_.size()) {
      if (xml_[pos_] != '<') {
        text();
      } else if (at("<!--")) {
        other(pos_, past("-->", pos_ + 4), Node::Kind::other);
      } else if (at("<?")) {
        other(pos_, past("?>", pos_ + 2), Node::Kind::other);
      } else if (at("<![CDATA[")) {
        other(pos_, past("]]>", pos_ + 9), Node::Kind::cdata);
      } else if (at("<!DOCTYPE")) {
        doctype();
      } else if (at("</")) {
        end_tag();
      } else {
        start_tag();
      }
    }
    if (!stack_.empty()) {
      throw ScanError(xml_.size(),
                      "the document ends inside <" + document_.elements[stack_.back()].name + ">");
    }
    if (document_.elements.empty()) {
      throw ScanError(0, "no root element");
    }
    return std::move(document_);
  }

 private:
  bool at(std::string_view token) const { return xml_.substr(pos_).starts_with(token); }

  std::size_t past(std::string_view terminator, std::size_t from) const {
    const auto found = xml_.find(terminator, from);
    if (found == std::string_view::npos) {
      throw ScanError(pos_, "unterminated markup");
    }
    return found + terminator.size();
  }

  void add_node(Node::Kind kind, Span span) {
    if (stack_.empty()) {
      if (kind == Node::Kind::text &&
          std::all_of(xml_.begin() + static_cast<std::ptrdiff_t>(span.begin),
                      xml_.begin() + static_cast<std::ptrdiff_t>(span.end), is_space)) {
        return;
      }
      if (kind == Node::Kind::other) {
        return;  // comments and processing instructions around the root
      }
      throw ScanError(span.begin, "content outside the root element");
    }
    Node node;
    node.kind = kind;
    node.span = span;
    document_.elements[stack_.back()].content.push_back(node);
  }

  void text() {
    const auto end = std::min(xml_.find('<', pos_), xml_.size());
    add_node(Node::Kind::text, {pos_, end});
    pos_ = end;
  }

  void other(std::size_t begin, std::size_t end, Node::Kind kind) {
    add_node(kind, {begin, end});
    pos_ = end;
  }

  void doctype() {
    if (!document_.elements.empty()) {
      throw ScanError(pos_, "DOCTYPE after the root element");
    }
    std::size_t i = pos_ + 9;
    bool in_subset = false;
    while (i < xml_.size()) {
      const char c = xml_[i];
      if (c == '"' || c == '\'') {
        const auto close = xml_.find(c, i + 1);
        if (close == std::string_view::npos) {
          break;
        }
        i = close + 1;
        continue;
      }
      if (in_subset && xml_.substr(i).starts_with("<!--")) {
        i = past("-->", i + 4);
        continue;
      }
      if (c == '[') {
        in_subset = true;
      } else if (c == ']') {
        in_subset = false;
      } else if (c == '>' && !in_subset) {
        pos_ = i + 1;
        return;
      }
      ++i;
    }
    throw ScanError(pos_, "unterminated DOCTYPE");
  }

  std::string_view name_at(std::size_t& i) const {
    const std::size_t begin = i;
    while (i < xml_.size() && !is_space(xml_[i]) && xml_[i] != '/' && xml_[i] != '>' &&
           xml_[i] != '=' && xml_[i] != '<') {
      ++i;
    }
    if (i == begin) {
      throw ScanError(begin, "a name was expected");
    }
    return xml_.substr(begin, i - begin);
  }

  void skip_space(std::size_t& i) const {
    while (i < xml_.size() && is_space(xml_[i])) {
      ++i;
    }
  }

  void start_tag() {
    const std::size_t begin = pos_;
    std::size_t i = pos_ + 1;
    Element element;
    element.name = std::string(name_at(i));
    while (true) {
      skip_space(i);
      if (i >= xml_.size()) {
        throw ScanError(begin, "unterminated start tag");
      }
      if (xml_[i] == '>') {
        ++i;
        break;
      }
      if (xml_.substr(i).starts_with("/>")) {
        element.self_closing = true;
        i += 2;
        break;
      }
      Attribute attribute;
      attribute.whole.begin = i;
      attribute.name = std::string(name_at(i));
      skip_space(i);
      if (i >= xml_.size() || xml_[i] != '=') {
        throw ScanError(i, "'=' expected after attribute " + attribute.name);
      }
      ++i;
      skip_space(i);
      if (i >= xml_.size() || (xml_[i] != '"' && xml_[i] != '\'')) {
        throw ScanError(i, "a quoted value expected for attribute " + attribute.name);
      }
      const auto close = xml_.find(xml_[i], i + 1);
      if (close == std::string_view::npos) {
        throw ScanError(i, "unterminated attribute value");
      }
      // Attribute-value normalisation: literal white space becomes a space.
      std::string raw(xml_.substr(i + 1, close - i - 1));
      std::replace_if(raw.begin(), raw.end(), is_space, ' ');
      attribute.value = decode_text(raw);
      i = close + 1;
      attribute.whole.end = i;
      element.attributes.push_back(std::move(attribute));
    }
    element.start_tag = {begin, i};
    element.end_tag = {i, i};
    const std::size_t index = document_.elements.size();
    if (stack_.empty()) {
      if (!document_.elements.empty()) {
        throw ScanError(begin, "a second root element");
      }
      element.parent = index;
    } else {
      element.parent = stack_.back();
      Node node;
      node.kind = Node::Kind::element;
      node.span = element.start_tag;
      node.element = index;
      document_.elements[stack_.back()].content.push_back(node);
    }
    const bool self_closing = element.self_closing;
    document_.elements.push_back(std::move(element));
    if (!self_closing) {
      stack_.push_back(index);
    }
    pos_ = i;
  }

  void end_tag() {
    const std::size_t begin = pos_;
    std::size_t i = pos_ + 2;
    const std::string_view name = name_at(i);
    skip_space(i);
    if (i >= xml_.size() || xml_[i] != '>') {
      throw ScanError(begin, "unterminated end tag");
    }
    ++i;
    if (stack_.empty() || document_.elements[stack_.back()].name != name) {
      throw ScanError(begin, "end tag </" + std::string(name) + "> does not match");
    }
    const std::size_t index = stack_.back();
    stack_.pop_back();
    Element& element = document_.elements[index];
    element.end_tag = {begin, i};
    if (!stack_.empty()) {
      document_.elements[stack_.back()].content.back().span = element.whole();
    }
    pos_ = i;
  }

  std::string_view xml_;
  std::size_t pos_ = 0;
  Document document_;
  std::vector<std::size_t> stack_;
};

}  // namespace

std::string_view Element::local_name() const {
  const auto colon = name.find(':');
  return colon == std::string::npos ? std::string_view(name)
                                    : std::string_view(name).substr(colon + 1);
}

std::string_view Element::prefix() const {
  const auto colon = name.find(':');
  return colon == std::string::npos ? std::string_view()
                                    : std::string_view(name).substr(0, colon + 1);
}

const Attribute* Element::attribute(std::string_view attribute_name) const {
  for (const Attribute& attribute : attributes) {
    if (attribute.name == attribute_name) {
      return &attribute;
    }
  }
  return nullptr;
}

Document scan(std::string_view xml) {
  return Scanner(xml).scan();
}

std::string decode_text(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  std::size_t i = 0;
  while (i < raw.size()) {
    const auto amp = raw.find('&', i);
    if (amp == std::string_view::npos) {
      out += raw.substr(i);
      break;
    }
    out += raw.substr(i, amp - i);
    const auto semicolon = raw.find(';', amp);
    if (semicolon == std::string_view::npos || semicolon - amp > 12) {
      out += '&';
      i = amp + 1;
      continue;
    }
    const std::string_view body = raw.substr(amp + 1, semicolon - amp - 1);
    if (body == "lt") {
      out += '<';
    } else if (body == "gt") {
      out += '>';
    } else if (body == "amp") {
      out += '&';
    } else if (body == "quot") {
      out += '"';
    } else if (body == "apos") {
      out += '\'';
    } else if (const auto code_point = character_reference(body)) {
      text::append_utf8(out, static_cast<char32_t>(*code_point));
    } else {
      out += raw.substr(amp, semicolon - amp + 1);
    }
    i = semicolon + 1;
  }
  return out;
}

}  // namespace tolk::tm::xml_scanner
