#include "tolk/documents/document.hpp"

#include <algorithm>
#include <fstream>

#include "office_archive.hpp"
#include "tolk/text/lines.hpp"
#include "tolk/text/utf8.hpp"

namespace tolk::documents {

namespace fs = std::filesystem;

std::string_view to_string(Format format) {
  switch (format) {
    case Format::text:
      return "text";
    case Format::pdf:
      return "pdf";
    case Format::docx:
      return "docx";
    case Format::odt:
      return "odt";
  }
  return "text";
}

DocumentError::DocumentError(const fs::path& file, const std::string& reason)
    : std::runtime_error(file.string() + ": " + reason), file_(file.string()) {}

namespace {

std::string head_of(const fs::path& file, std::size_t size) {
  std::ifstream in(file, std::ios::binary);
  if (!in)
    throw DocumentError(file, "cannot open the file");
  // In blocks: `size` may be a limit far above what the file holds.
  std::string head;
  char block[65536];
  while (head.size() < size && in) {
    in.read(block, static_cast<std::streamsize>(std::min(sizeof block, size - head.size())));
    head.append(block, static_cast<std::size_t>(in.gcount()));
  }
  return head;
}

std::string read_text_file(const fs::path& file, const ReadLimits& limits) {
  // At most one byte past the limit is read, whatever the file claims to hold.
  std::string bytes = head_of(file, limits.max_text_bytes + 1);
  if (bytes.size() > limits.max_text_bytes)
    throw DocumentError(
        file, "larger than the limit of " + std::to_string(limits.max_text_bytes) + " bytes");
  if (bytes.find('\0') != std::string::npos)
    throw DocumentError(file, "not a text file, nor PDF, DOCX or ODT");
  try {
    text::validate_utf8(bytes, file.string());
  } catch (const text::InvalidUtf8Error& error) {
    throw DocumentError(file, std::string(error.what()).substr(file.string().size() + 2));
  }
  return text::unify_line_breaks(text::strip_bom(bytes));
}

}  // namespace

Format detect_format(const fs::path& file) {
  std::error_code error;
  if (!fs::is_regular_file(file, error))
    throw DocumentError(file, fs::exists(file, error) ? "not a regular file" : "no such file");
  const std::string head = head_of(file, 8);
  if (head.starts_with("%PDF-"))
    return Format::pdf;
  if (head.starts_with("PK\x03\x04")) {
    if (const auto format = detail::office_format(file))
      return *format;
    throw DocumentError(file, "a zip archive that is neither DOCX nor ODT");
  }
  return Format::text;
}

Document read_document(const fs::path& file, const ReadLimits& limits) {
  std::error_code error;
  const auto size = fs::file_size(file, error);
  if (!error && size > limits.max_file_bytes)
    throw DocumentError(
        file, "larger than the limit of " + std::to_string(limits.max_file_bytes) + " bytes");
  Document document;
  document.file = file.string();
  document.format = detect_format(file);
  switch (document.format) {
    case Format::text:
      document.text = read_text_file(file, limits);
      break;
    case Format::pdf:
      document.text = pdf_text(file, limits);
      break;
    case Format::docx:
      document.text = docx_text(file, limits);
      break;
    case Format::odt:
      document.text = odt_text(file, limits);
      break;
  }
  if (document.format != Format::text) {
    // Extracted text comes from the file's own encoding declarations: check it like typed text.
    if (const auto defect = text::find_invalid_utf8(document.text))
      throw DocumentError(file, "the extracted text is not valid UTF-8");
  }
  return document;
}

ReadResult read_documents(const std::vector<fs::path>& files, const ReadLimits& limits) {
  ReadResult result;
  for (const fs::path& file : files) {
    try {
      result.documents.push_back(read_document(file, limits));
    } catch (const DocumentError& error) {
      result.failures.push_back(error);
    }
  }
  return result;
}

}  // namespace tolk::documents
