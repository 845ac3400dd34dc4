#pragma once
// The files interpreters are sent, as text: plain text (UTF-8), PDF, DOCX and ODT. Every format
// becomes lines of UTF-8 text, so that what is found in them can be cited as FILE:LINE:
//  - text: the file's own lines;
//  - PDF: the lines poppler lays out, page after page (a page break is an empty line);
//  - DOCX / ODT: one line per paragraph (headings, list items and table cells included), in
//    document order, numbered from 1.
//
// Office files are zip archives: their XML members are read in memory, bounded in size, and
// parsed without entity expansion, DTD loading or network access (io/xml_reader.hpp).

#include <cstddef>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace tolk::documents {

enum class Format { text, pdf, docx, odt };
std::string_view to_string(Format format);

// The format from the first bytes of the file (PDF and zip signatures, the zip's members) and,
// for text, its name; throws DocumentError for a format tolk does not read.
Format detect_format(const std::filesystem::path& file);

class DocumentError : public std::runtime_error {
 public:
  // "FILE: reason"
  DocumentError(const std::filesystem::path& file, const std::string& reason);
  const std::string& file() const { return file_; }

 private:
  std::string file_;
};

struct Document {
  std::string file;  // as given (for FILE:LINE)
  Format format = Format::text;
  std::string text;  // UTF-8, NFC not enforced; line n of `text` is line n of the citation
};

struct ReadLimits {
  std::size_t max_file_bytes = 256u << 20;   // the file as stored
  std::size_t max_member_bytes = 64u << 20;  // one zip member, uncompressed
  std::size_t max_text_bytes = 64u << 20;    // the text extracted
};

// Reads one file; throws DocumentError naming the file when it cannot.
Document read_document(const std::filesystem::path& file, const ReadLimits& limits = {});

// Reads every file; the ones that cannot be read are reported in `failures` and skipped.
struct ReadResult {
  std::vector<Document> documents;
  std::vector<DocumentError> failures;
};
ReadResult read_documents(const std::vector<std::filesystem::path>& files,
                          const ReadLimits& limits = {});

// Format-specific readers (read_document dispatches to them).
std::string pdf_text(const std::filesystem::path& file, const ReadLimits& limits);
std::string docx_text(const std::filesystem::path& file, const ReadLimits& limits);
std::string odt_text(const std::filesystem::path& file, const ReadLimits& limits);

}  // namespace tolk::documents
