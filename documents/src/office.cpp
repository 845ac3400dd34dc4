// DOCX (WordprocessingML) and ODT (OpenDocument text): zip members read into memory with libzip,
// bounded in size, and their XML read with io's secure streaming reader.

#include <zip.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "office_archive.hpp"
#include "tolk/documents/document.hpp"
#include "tolk/io/xml_reader.hpp"

namespace tolk::documents {

namespace fs = std::filesystem;

namespace {

struct ArchiveCloser {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};
struct MemberCloser {
  void operator()(zip_file_t* member) const { zip_fclose(member); }
};
using ArchivePointer = std::unique_ptr<zip_t, ArchiveCloser>;
using MemberPointer = std::unique_ptr<zip_file_t, MemberCloser>;

ArchivePointer open_archive(const fs::path& file) {
  int error = 0;
  ArchivePointer archive(zip_open(file.c_str(), ZIP_RDONLY, &error));
  if (!archive) {
    zip_error_t details;
    zip_error_init_with_code(&details, error);
    std::string reason = std::string("not a readable zip archive: ") + zip_error_strerror(&details);
    zip_error_fini(&details);
    throw DocumentError(file, reason);
  }
  return archive;
}

std::optional<zip_int64_t> locate(zip_t* archive, const char* name) {
  const zip_int64_t index = zip_name_locate(archive, name, 0);
  if (index < 0)
    return std::nullopt;
  return index;
}

// The whole member, refusing one that inflates beyond the limit (the stored size is not trusted:
// reading stops one byte past the limit).
std::string read_member(zip_t* archive, const fs::path& file, const char* name,
                        const ReadLimits& limits) {
  const auto index = locate(archive, name);
  if (!index)
    throw DocumentError(file, std::string("the archive has no ") + name);
  MemberPointer member(zip_fopen_index(archive, static_cast<zip_uint64_t>(*index), 0));
  if (!member)
    throw DocumentError(file, std::string(name) + ": " + zip_strerror(archive));
  std::string bytes;
  char block[65536];
  for (;;) {
    const zip_int64_t read = zip_fread(member.get(), block, sizeof block);
    if (read < 0)
      throw DocumentError(file, std::string(name) + ": " + zip_file_strerror(member.get()));
    if (read == 0)
      break;
    bytes.append(block, static_cast<std::size_t>(read));
    if (bytes.size() > limits.max_member_bytes)
      throw DocumentError(file, std::string(name) + " is larger than the limit of " +
                                    std::to_string(limits.max_member_bytes) + " bytes");
  }
  return bytes;
}

// How the paragraphs of one XML vocabulary are marked.
struct Vocabulary {
  const char* namespace_uri;  // of the paragraph and text elements
  std::vector<std::string_view> paragraphs;
  std::vector<std::string_view> breaks;   // a space (tab, line break)
  std::vector<std::string_view> skipped;  // elements whose text is not the document's text
  bool text_only_in = false;              // DOCX: text only inside <w:t>
};

bool is_one_of(std::string_view name, const std::vector<std::string_view>& names) {
  for (const std::string_view candidate : names)
    if (candidate == name)
      return true;
  return false;
}

// One line per outermost paragraph; a paragraph nested inside another (a footnote in ODT, a text
// box in DOCX) is added to the one around it.
std::string paragraphs_of(const std::string& xml, const fs::path& file, const std::string& member,
                          const Vocabulary& vocabulary, const ReadLimits& limits) {
  std::string out;
  std::string paragraph;
  int paragraph_depth = 0;
  int skip_depth = -1;  // the depth of the skipped element we are in, or -1
  int text_element_depth = -1;
  io::ByteSource source{std::string_view(xml)};
  const std::string url = file.string() + ":" + member;
  try {
    io::StreamReader reader(source, url);
    const auto in_vocabulary = [&] {
      const std::string_view uri = io::as_view(xmlTextReaderConstNamespaceUri(reader.get()));
      return uri == vocabulary.namespace_uri;
    };
    const auto end_paragraph = [&] {
      if (--paragraph_depth > 0) {
        paragraph += ' ';
        return;
      }
      // Collapse white space: the line is what the interpreter reads, not the layout.
      std::string line;
      bool space = false;
      for (const char c : paragraph) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
          space = !line.empty();
        } else {
          if (space)
            line += ' ';
          space = false;
          line += c;
        }
      }
      out += line;
      out += '\n';
      paragraph.clear();
      if (out.size() > limits.max_text_bytes)
        throw DocumentError(file, "more text than the limit of " +
                                      std::to_string(limits.max_text_bytes) + " bytes");
    };
    while (reader.advance()) {
      const int type = reader.node_type();
      const int depth = reader.depth();
      if (type == XML_READER_TYPE_ELEMENT) {
        if (skip_depth >= 0)
          continue;
        if (!in_vocabulary())
          continue;
        const std::string_view name = reader.local_name();
        if (is_one_of(name, vocabulary.skipped)) {
          if (!reader.is_empty_element())
            skip_depth = depth;
        } else if (is_one_of(name, vocabulary.paragraphs)) {
          ++paragraph_depth;
          if (reader.is_empty_element())
            end_paragraph();
        } else if (is_one_of(name, vocabulary.breaks)) {
          paragraph += ' ';
        } else if (name == "s" && !vocabulary.text_only_in) {
          // ODT <text:s text:c="N"/>: N spaces.
          paragraph += ' ';
        } else if (vocabulary.text_only_in && name == "t" && !reader.is_empty_element()) {
          text_element_depth = depth;
        }
      } else if (type == XML_READER_TYPE_END_ELEMENT) {
        if (skip_depth >= 0) {
          if (depth == skip_depth)
            skip_depth = -1;
          continue;
        }
        if (!in_vocabulary())
          continue;
        const std::string_view name = reader.local_name();
        if (is_one_of(name, vocabulary.paragraphs) && paragraph_depth > 0)
          end_paragraph();
        else if (vocabulary.text_only_in && name == "t" && depth == text_element_depth)
          text_element_depth = -1;
      } else if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
                 type == XML_READER_TYPE_CDATA) {
        if (skip_depth >= 0 || paragraph_depth == 0)
          continue;
        if (vocabulary.text_only_in && text_element_depth < 0)
          continue;
        paragraph += reader.value();
      }
    }
  } catch (const io::XmlFailure& failure) {
    throw DocumentError(file, member + " line " + std::to_string(failure.line) + ": " +
                                  (failure.refused ? "refused (declares entities)"
                                                   : "not well-formed XML: " + failure.reason));
  }
  return out;
}

}  // namespace

namespace detail {

std::optional<Format> office_format(const fs::path& file) {
  int error = 0;
  ArchivePointer archive(zip_open(file.c_str(), ZIP_RDONLY, &error));
  if (!archive)
    return std::nullopt;
  if (locate(archive.get(), "word/document.xml"))
    return Format::docx;
  if (locate(archive.get(), "content.xml") && locate(archive.get(), "mimetype"))
    return Format::odt;
  return std::nullopt;
}

}  // namespace detail

std::string docx_text(const fs::path& file, const ReadLimits& limits) {
  const ArchivePointer archive = open_archive(file);
  const std::string xml = read_member(archive.get(), file, "word/document.xml", limits);
  static const Vocabulary vocabulary{"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                                     {"p"},
                                     {"tab", "br", "cr"},
                                     {"delText", "instrText"},
                                     true};
  return paragraphs_of(xml, file, "word/document.xml", vocabulary, limits);
}

std::string odt_text(const fs::path& file, const ReadLimits& limits) {
  const ArchivePointer archive = open_archive(file);
  const std::string mimetype = read_member(archive.get(), file, "mimetype", limits);
  if (!mimetype.starts_with("application/vnd.oasis.opendocument.text"))
    throw DocumentError(file,
                        "an OpenDocument file that is not a text document (" + mimetype + ")");
  const std::string xml = read_member(archive.get(), file, "content.xml", limits);
  static const Vocabulary vocabulary{"urn:oasis:names:tc:opendocument:xmlns:text:1.0",
                                     {"p", "h"},
                                     {"tab", "line-break"},
                                     {"tracked-changes", "sequence-decls"},
                                     false};
  return paragraphs_of(xml, file, "content.xml", vocabulary, limits);
}

}  // namespace tolk::documents
