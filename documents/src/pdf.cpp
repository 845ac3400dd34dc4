// PDF text with Debian's poppler C++ library.

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <memory>
#include <mutex>

#include "tolk/documents/document.hpp"
#include "tolk/text/lines.hpp"

namespace tolk::documents {

namespace {

// poppler reports every damaged object on stderr; what matters reaches the caller as an error.
void quiet(const std::string&, void*) {}

std::once_flag quiet_once;

}  // namespace

std::string pdf_text(const std::filesystem::path& file, const ReadLimits& limits) {
  std::call_once(quiet_once, [] { poppler::set_debug_error_function(quiet, nullptr); });
  const std::unique_ptr<poppler::document> document(
      poppler::document::load_from_file(file.string()));
  if (!document)
    throw DocumentError(file, "not a readable PDF (damaged or not a PDF)");
  if (document->is_locked())
    throw DocumentError(file, "the PDF is protected by a password");
  std::string text;
  const int pages = document->pages();
  for (int index = 0; index < pages; ++index) {
    const std::unique_ptr<poppler::page> page(document->create_page(index));
    if (!page)
      throw DocumentError(file, "page " + std::to_string(index + 1) + " cannot be read");
    const poppler::byte_array bytes =
        page->text(page->page_rect(), poppler::page::raw_order_layout).to_utf8();
    std::string page_text(bytes.begin(), bytes.end());
    // Lines end in LF only; form feeds and CR are page and line ends of the PDF's own text.
    const std::string clean = tolk::text::unify_line_breaks(page_text, std::string_view("\f\0", 2));
    if (!text.empty() && !text.ends_with('\n'))
      text += '\n';
    if (index > 0)
      text += '\n';  // an empty line between pages ends a paragraph
    text += clean;
    if (text.size() > limits.max_text_bytes)
      throw DocumentError(
          file, "more text than the limit of " + std::to_string(limits.max_text_bytes) + " bytes");
  }
  if (!text.empty() && !text.ends_with('\n'))
    text += '\n';
  return text;
}

}  // namespace tolk::documents
