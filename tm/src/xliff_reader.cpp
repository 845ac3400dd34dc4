// Streaming XLIFF 1.2 / 2.x reader: source and target text of each segment, inline codes removed.
#include "tolk/tm/xliff_reader.hpp"

#include <cstdint>
#include <optional>

#include "tolk/io/xml_reader.hpp"
#include "tolk/text/normalize.hpp"
#include "tolk/text/utf8.hpp"

namespace tolk::tm {
namespace {

using io::ByteSource;
using io::StreamReader;
using io::XmlFailure;

bool is_character_data(int type) {
  return type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
         type == XML_READER_TYPE_WHITESPACE || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}

// Elements whose content is native code, not text.
bool holds_native_code(std::string_view name) {
  return name == "bpt" || name == "ept" || name == "ph" || name == "it" || name == "sub";
}

class XliffReader {
 public:
  XliffReader(ByteSource& source, std::string name, const XliffPairSink& sink)
      : source_(source), name_(std::move(name)), sink_(sink) {}

  XliffReadSummary read() {
    try {
      StreamReader reader(source_, name_);
      reader_ = &reader;
      while (reader.advance())
        visit();
    } catch (const XmlFailure& failure) {
      if (failure.refused || !seen_root_) {
        throw ImportError(
            {{name_, failure.line,
              failure.refused ? failure.reason : "not well-formed XML: " + failure.reason}});
      }
      summary_.issues.push_back(
          {name_, failure.line,
           "not well-formed XML: " + failure.reason + "; the file is read up to that point", true});
    }
    reader_ = nullptr;
    if (!seen_root_)
      throw ImportError({{name_, 0, "not an XLIFF document: no root element"}});
    return std::move(summary_);
  }

 private:
  StreamReader& reader() { return *reader_; }

  void visit() {
    const int type = reader().node_type();
    const int depth = reader().depth();
    if (type == XML_READER_TYPE_ELEMENT) {
      const bool empty = reader().is_empty_element();
      start_element(reader().local_name(), depth, empty);
      if (empty)
        end_element(depth);
    } else if (type == XML_READER_TYPE_END_ELEMENT) {
      end_element(depth);
    } else if (is_character_data(type)) {
      if (capture_ && !code_depth_)
        capture_->append(reader().value());
    } else if (type == XML_READER_TYPE_ENTITY_REFERENCE && capture_) {
      summary_.issues.push_back(
          {name_, reader().line(),
           "entity reference &" + std::string(reader().local_name()) + "; is not expanded"});
    }
  }

  void start_element(std::string_view name, int depth, bool empty) {
    if (!seen_root_) {
      seen_root_ = true;
      if (name != "xliff") {
        throw ImportError(
            {{name_, reader().line(),
              "not an XLIFF document: the root element is <" + std::string(name) + ">"}});
      }
      summary_.version = reader().attribute("version");
      version2_ = !summary_.version.empty() && summary_.version[0] == '2';
      summary_.source_language = reader().attribute("srcLang");
      summary_.target_language = reader().attribute("trgLang");
      return;
    }
    if (capture_) {
      if (!code_depth_ && holds_native_code(name) && !empty) {
        code_depth_ = depth;
      } else if (!code_depth_ && name == "cp") {
        const std::string hex = reader().attribute("hex");
        try {
          text::append_utf8(*capture_, static_cast<char32_t>(std::stoul(hex, nullptr, 16)));
        } catch (const std::exception&) {
          summary_.issues.push_back(
              {name_, reader().line(), "<cp hex=\"" + hex + "\"> is invalid"});
        }
      }
      return;
    }
    if (name == "file" && !version2_) {
      if (summary_.source_language.empty())
        summary_.source_language = reader().attribute("source-language");
      if (summary_.target_language.empty())
        summary_.target_language = reader().attribute("target-language");
    } else if ((name == "trans-unit" && !version2_) || (name == "unit" && version2_)) {
      unit_depth_ = depth;
      unit_id_ = reader().attribute("id");
      unit_skipped_ = reader().attribute("translate") == "no";
      segment_index_ = 0;
      if (!version2_)
        begin_segment(unit_id_);
    } else if (name == "segment" && version2_ && unit_depth_) {
      ++segment_index_;
      std::string id = reader().attribute("id");
      if (id.empty()) {
        id = segment_index_ == 1 ? unit_id_ : unit_id_ + "#" + std::to_string(segment_index_);
      }
      segment_depth_ = depth;
      begin_segment(std::move(id));
    } else if (pair_ && (name == "source" || name == "target")) {
      const int container = version2_ ? segment_depth_.value_or(-1) : unit_depth_.value_or(-1);
      if (depth != container + 1)
        return;  // <alt-trans><target>, <seg-source>: not the segment's own text
      capture_depth_ = depth;
      if (name == "source") {
        capture_ = &raw_source_;
      } else {
        pair_->has_target = true;
        capture_ = &raw_target_;
      }
    }
  }

  void end_element(int depth) {
    if (code_depth_ && depth == *code_depth_) {
      code_depth_.reset();
      return;
    }
    if (capture_ && depth == capture_depth_) {
      capture_ = nullptr;
      return;
    }
    if (version2_ && segment_depth_ && depth == *segment_depth_) {
      segment_depth_.reset();
      finish_segment();
    } else if (unit_depth_ && depth == *unit_depth_) {
      unit_depth_.reset();
      if (!version2_)
        finish_segment();
    }
  }

  void begin_segment(std::string id) {
    pair_.emplace();
    pair_->id = std::move(id);
    pair_->line = reader().line();
    raw_source_.clear();
    raw_target_.clear();
  }

  void finish_segment() {
    if (!pair_)
      return;
    if (!unit_skipped_) {
      pair_->source = text::collapse_white_space(raw_source_);
      pair_->target = text::collapse_white_space(raw_target_);
      ++summary_.segments;
      sink_(std::move(*pair_));
    }
    pair_.reset();
  }

  ByteSource& source_;
  std::string name_;
  const XliffPairSink& sink_;
  XliffReadSummary summary_;
  StreamReader* reader_ = nullptr;
  bool seen_root_ = false;
  bool version2_ = false;
  std::optional<int> unit_depth_;
  std::optional<int> segment_depth_;
  std::optional<int> code_depth_;
  int capture_depth_ = -1;
  std::string unit_id_;
  bool unit_skipped_ = false;
  std::size_t segment_index_ = 0;
  std::optional<XliffPair> pair_;
  std::string raw_source_;
  std::string raw_target_;
  std::string* capture_ = nullptr;
};

}  // namespace

XliffReadSummary read_xliff(const std::filesystem::path& file, const XliffPairSink& sink) {
  ByteSource source(file);
  if (!source.is_open())
    throw ImportError({{file.string(), 0, "cannot open the file"}});
  return XliffReader(source, file.string(), sink).read();
}

XliffReadSummary read_xliff_text(std::string_view xml, std::string_view source_name,
                                 const XliffPairSink& sink) {
  ByteSource source(xml);
  return XliffReader(source, std::string(source_name), sink).read();
}

}  // namespace tolk::tm
