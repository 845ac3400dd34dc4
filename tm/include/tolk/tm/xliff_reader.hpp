#pragma once
// Reading the source/target pairs of an XLIFF 1.2 or 2.x document, streaming, for checks and
// reports. Inline codes are removed from the text: the native code inside <bpt>, <ept>, <ph>
// and <it> is dropped, the text inside <g>, <mrk>, <pc> is kept, XLIFF 2's <cp hex="..."/>
// becomes its character. The same XML policy as the TMX reader: libxml2's reader without entity
// expansion, without DTD loading or network access, and a document that declares entities is
// refused.

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "tolk/tm/exchange.hpp"

namespace tolk::tm {

// One segment: an XLIFF 1.2 <trans-unit>, or an XLIFF 2 <segment>.
struct XliffPair {
  std::string id;  // trans-unit id; XLIFF 2: the segment id, else the unit id ("u1#2" for the
                   // second segment of a unit without segment ids)
  std::size_t line = 0;
  std::string source;       // white space runs collapsed, trimmed
  std::string target;       // idem; empty when absent
  bool has_target = false;  // a <target> element was present (even an empty one)
};

struct XliffReadSummary {
  std::string version;
  std::string source_language;  // 1.2: the first <file>'s source-language; 2.x: srcLang
  std::string target_language;
  std::size_t segments = 0;
  std::vector<ImportIssue> issues;
};

using XliffPairSink = std::function<void(XliffPair&&)>;

// Throws ImportError for a file that cannot be opened, is refused (entities) or is no XLIFF;
// a document that stops being well-formed is read up to that point and the problem reported.
// Segments marked translate="no" are skipped.
XliffReadSummary read_xliff(const std::filesystem::path& file, const XliffPairSink& sink);
XliffReadSummary read_xliff_text(std::string_view xml, std::string_view source_name,
                                 const XliffPairSink& sink);

}  // namespace tolk::tm
