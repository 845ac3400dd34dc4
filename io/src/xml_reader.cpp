#include "tolk/io/xml_reader.hpp"

#include <algorithm>
#include <climits>

#include "tolk/io/strings.hpp"

namespace tolk::io {

namespace {

constexpr std::size_t kFileBlock = std::size_t{64} << 10;
// A prolog longer than this is left to the DTD node check: no real TMX or XLIFF has one.
constexpr std::size_t kMaxProlog = std::size_t{8} << 20;
constexpr std::string_view kEntitiesRefused =
    "the DOCTYPE declares entities; tolk neither expands nor loads entities and refuses such "
    "documents (external entities, entity expansion)";

}  // namespace

std::size_t line_at(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  return 1 + static_cast<std::size_t>(std::count(
                 text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

PrologScan scan_prolog(std::string_view head, bool at_end) {
  const PrologScan incomplete{at_end, std::nullopt};
  // Whether `token` starts at `at`; nullopt when `head` ends before that can be known.
  const auto starts = [&](std::size_t at, std::string_view token) -> std::optional<bool> {
    const std::string_view rest = head.substr(at);
    if (rest.size() < token.size() && !at_end && token.starts_with(rest)) {
      return std::nullopt;
    }
    return rest.starts_with(token);
  };
  // Offset just past `terminator` found from `from`, or nullopt.
  const auto skip_past = [&](std::size_t from, std::string_view terminator) {
    const auto found = head.find(terminator, from);
    return found == std::string_view::npos ? std::nullopt
                                           : std::optional<std::size_t>(found + terminator.size());
  };

  std::size_t pos = head.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  while (true) {
    const auto lt = head.find('<', pos);
    if (lt == std::string_view::npos) {
      return incomplete;
    }
    const auto pi = starts(lt, "<?");
    const auto comment = starts(lt, "<!--");
    const auto doctype = starts(lt, "<!DOCTYPE");
    const auto other_declaration = starts(lt, "<!");
    if (!pi || !comment || !doctype || !other_declaration) {
      return incomplete;
    }
    if (*pi || *comment) {
      const auto end = skip_past(lt + 2, *pi ? "?>" : "-->");
      if (!end) {
        return incomplete;
      }
      pos = *end;
      continue;
    }
    if (!*doctype) {
      // The root element's start tag, or something libxml2 will reject: the prolog is over.
      return PrologScan{true, std::nullopt};
    }
    // Inside <!DOCTYPE ...>: quoted strings and comments may hold anything; entity declarations
    // stand in the internal subset between '[' and ']'.
    std::size_t i = lt + 9;
    bool in_subset = false;
    bool closed = false;
    while (i < head.size() && !closed) {
      const char c = head[i];
      if (c == '"' || c == '\'') {
        const auto end = skip_past(i + 1, std::string_view(&c, 1));
        if (!end) {
          return incomplete;
        }
        i = *end;
        continue;
      }
      if (in_subset && c == '<') {
        const auto entity = starts(i, "<!ENTITY");
        const auto subset_comment = starts(i, "<!--");
        const auto subset_pi = starts(i, "<?");
        if (!entity || !subset_comment || !subset_pi) {
          return incomplete;
        }
        if (*entity) {
          return PrologScan{true, i};
        }
        if (*subset_comment || *subset_pi) {
          const auto end = skip_past(i + 2, *subset_pi ? "?>" : "-->");
          if (!end) {
            return incomplete;
          }
          i = *end;
          continue;
        }
      }
      if (c == '[') {
        in_subset = true;
      } else if (c == ']') {
        in_subset = false;
      } else if (c == '>' && !in_subset) {
        closed = true;
      }
      ++i;
    }
    if (!closed) {
      return incomplete;
    }
    pos = i;
  }
}

// ---- ByteSource
// ----------------------------------------------------------------------------------

ByteSource::ByteSource(std::string_view memory) : memory_(memory), total_(memory.size()) {}

ByteSource::ByteSource(const std::filesystem::path& file)
    : from_file_(true), file_(file, std::ios::binary), total_(file_size_or_zero(file)) {}

std::string_view ByteSource::available() const {
  if (from_file_) {
    return std::string_view(buffer_).substr(position_);
  }
  return memory_.substr(position_);
}

std::string_view ByteSource::peek(std::size_t size) {
  if (from_file_) {
    if (position_ > 0) {
      buffer_.erase(0, position_);
      position_ = 0;
    }
    while (buffer_.size() < size && file_) {
      const std::size_t old_size = buffer_.size();
      buffer_.resize(old_size + kFileBlock);
      file_.read(buffer_.data() + old_size, static_cast<std::streamsize>(kFileBlock));
      buffer_.resize(old_size + static_cast<std::size_t>(file_.gcount()));
    }
  }
  return available().substr(0, size);
}

std::size_t ByteSource::read_line_piece(char* out, std::size_t max) {
  std::string_view rest = available();
  if (rest.empty() && from_file_) {
    rest = peek(kFileBlock);
  }
  if (rest.empty() || max == 0) {
    return 0;
  }
  const auto newline = rest.find('\n');
  std::size_t size = newline == std::string_view::npos ? rest.size() : newline + 1;
  size = std::min(size, max);
  std::copy_n(rest.data(), size, out);
  if (!watched_name_.empty()) {
    lex(rest.substr(0, size));
  }
  position_ += size;
  consumed_ += size;
  return size;
}

void ByteSource::lex(std::string_view bytes) {
  const std::string tag = "<" + watched_name_;
  const auto ends = [&](std::string_view terminator) {
    return last_two_.size() == 2 && last_two_[0] == terminator[0] && last_two_[1] == terminator[1];
  };
  for (const char c : bytes) {
    switch (lex_state_) {
      case LexState::text:
        if (c == '<') {
          lex_state_ = LexState::tag_start;
          tag_start_ = "<";
          tag_line_ = line_;
        }
        break;
      case LexState::tag_start: {
        tag_start_ += c;
        last_two_.clear();
        if (tag_start_ == "<!--") {
          lex_state_ = LexState::comment;
        } else if (tag_start_ == "<![CDATA[") {
          lex_state_ = LexState::cdata;
        } else if (tag_start_ == "<?") {
          lex_state_ = LexState::processing_instruction;
        } else if (tag_start_.size() == tag.size() + 1 && tag_start_.starts_with(tag) &&
                   (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '>' || c == '/')) {
          watched_lines_.push_back(tag_line_);
          lex_state_ = LexState::text;
        } else if (!std::string_view("<!--").starts_with(tag_start_) &&
                   !std::string_view("<![CDATA[").starts_with(tag_start_) &&
                   !std::string_view(tag).starts_with(tag_start_)) {
          lex_state_ = LexState::text;
        }
        break;
      }
      case LexState::comment:
      case LexState::cdata:
      case LexState::processing_instruction: {
        const bool closed = c == '>' && ((lex_state_ == LexState::comment && ends("--")) ||
                                         (lex_state_ == LexState::cdata && ends("]]")) ||
                                         (lex_state_ == LexState::processing_instruction &&
                                          last_two_.size() >= 1 && last_two_.back() == '?'));
        if (closed) {
          lex_state_ = LexState::text;
        }
        last_two_ += c;
        if (last_two_.size() > 2) {
          last_two_.erase(0, 1);
        }
        break;
      }
    }
    if (c == '\n') {
      ++line_;
    }
  }
}

// ---- StreamReader
// --------------------------------------------------------------------------------

StreamReader::StreamReader(ByteSource& source, const std::string& url) : source_(source) {
  for (std::size_t size = 4096;; size *= 2) {
    const std::string_view head = source_.peek(size);
    const bool at_end = head.size() < size;
    const PrologScan scan = scan_prolog(head, at_end);
    if (scan.entity_declaration) {
      throw XmlFailure{line_at(head, *scan.entity_declaration), std::string(kEntitiesRefused),
                       true};
    }
    if (const auto doctype = head.find("<!DOCTYPE"); doctype != std::string_view::npos) {
      doctype_line_ = line_at(head, doctype);
    }
    if (scan.complete || at_end || size >= kMaxProlog) {
      break;
    }
  }
  // No XML_PARSE_NOENT, XML_PARSE_DTDLOAD, XML_PARSE_DTDATTR or XML_PARSE_DTDVALID: entities
  // stay unexpanded and no DTD is fetched. XML_PARSE_NONET forbids network access outright.
  // XML_PARSE_NOCDATA hands CDATA sections over as text.
  const int options = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES;
  reader_.reset(xmlReaderForIO(&StreamReader::read, &StreamReader::close, this, url.c_str(),
                               nullptr, options));
  if (!reader_) {
    throw XmlFailure{0, "libxml2 could not create an XML reader", true};
  }
  xmlTextReaderSetStructuredErrorHandler(reader_.get(), &StreamReader::on_error, this);
}

int StreamReader::read(void* context, char* buffer, int length) {
  auto& self = *static_cast<StreamReader*>(context);
  if (length <= 0) {
    return 0;
  }
  return static_cast<int>(self.source_.read_line_piece(buffer, static_cast<std::size_t>(length)));
}

int StreamReader::close(void*) {
  return 0;
}

void StreamReader::on_error(void* context, xmlErrorPtr error) {
  auto& self = *static_cast<StreamReader*>(context);
  if (error == nullptr || error->level < XML_ERR_ERROR) {
    return;
  }
  // The fatal error is the one that stopped the parser; keep it over an earlier lesser one.
  if (self.error_ && (self.error_is_fatal_ || error->level != XML_ERR_FATAL)) {
    return;
  }
  const std::string message(trim(error->message ? error->message : "unknown error"));
  self.error_ = XmlFailure{static_cast<std::size_t>(std::max(error->line, 0)), message, false};
  self.error_is_fatal_ = error->level == XML_ERR_FATAL;
}

bool StreamReader::advance() {
  const int status = xmlTextReaderRead(reader_.get());
  if (status == 1) {
    const int type = node_type();
    if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
      check_document_type();
    } else if (type == XML_READER_TYPE_ELEMENT && !source_.watched_lines().empty() &&
               qualified_name() == std::string_view(source_.watched_name())) {
      watched_line_ = source_.watched_lines().front();
      source_.watched_lines().pop_front();
    }
    return true;
  }
  if (status == 0) {
    return false;
  }
  if (error_) {
    throw *error_;
  }
  throw XmlFailure{
      static_cast<std::size_t>(std::max(xmlTextReaderGetParserLineNumber(reader_.get()), 0)),
      "the parser stopped", false};
}

void StreamReader::check_document_type() {
  const xmlNode* node = xmlTextReaderCurrentNode(reader_.get());
  if (node == nullptr || node->type != XML_DTD_NODE) {
    return;
  }
  const auto* dtd = reinterpret_cast<const xmlDtd*>(node);
  if (dtd->entities != nullptr || dtd->pentities != nullptr) {
    throw XmlFailure{doctype_line_ != 0 ? doctype_line_ : line(), std::string(kEntitiesRefused),
                     true};
  }
}

std::string StreamReader::attribute(const char* name) const {
  const XmlString value(xmlTextReaderGetAttribute(reader_.get(), xml_chars(name)));
  return std::string(as_view(value.get()));
}

std::size_t StreamReader::line() const {
  // Elements store lines up to 65535; beyond, the watched elements (ByteSource::watch_start_tags)
  // have their exact line, and for other nodes the parser's own line is the nearest there is.
  const long line = xmlGetLineNo(xmlTextReaderCurrentNode(reader_.get()));
  if (line > 0 && line < 65535) {
    return static_cast<std::size_t>(line);
  }
  if (watched_line_ != 0 && node_type() == XML_READER_TYPE_ELEMENT &&
      qualified_name() == std::string_view(source_.watched_name())) {
    return watched_line_;
  }
  return static_cast<std::size_t>(std::max(xmlTextReaderGetParserLineNumber(reader_.get()), 0));
}

}  // namespace tolk::io
