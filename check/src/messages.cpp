#include <string>

#include "tolk/check/checker.hpp"

namespace tolk::check {

const char* message_template(const Finding& finding) {
  const std::string& id = finding.check;
  if (id == "missing-term") {
    return "the source has the term '{subject}' but the target has none of its terms: use "
           "'{expected}'";
  }
  if (id == "deprecated-term") {
    return finding.expected.empty()
               ? "'{found}' is a deprecated term ('{subject}'): replace it"
               : "'{found}' is a deprecated term ('{subject}'): use '{expected}'";
  }
  if (id == "inconsistent-term") {
    return "'{subject}' is rendered as '{found}' here but as '{expected}' in segment(s) "
           "{others}: use one rendering";
  }
  if (id == "inconsistent-segment") {
    return "the same source is translated as '{expected}' in segment(s) {others}: make the "
           "translations agree";
  }
  if (id == "legal-reference") {
    if (finding.subject.empty())
      return "the target has {found}, which the source does not have: check the reference";
    if (finding.found.empty())
      return "the source has {subject}, which the target does not have: add {expected}";
    return "the source has {subject} but the target has {found}: use {expected}";
  }
  if (id == "untranslated")
    return "the segment is not translated: translate it";
  if (id == "empty-target")
    return "the target is empty: translate the segment";
  if (id == "same-as-source") {
    return "the target is the same as the source: translate it, or add it to the ignore file "
           "if it needs no translation";
  }
  if (id == "spelling")
    return "'{subject}' is not in the dictionary: check the spelling";
  return "{subject}";
}

std::string format_message(std::string_view message_template, const Finding& finding) {
  std::string out;
  out.reserve(message_template.size() + 64);
  for (std::size_t i = 0; i < message_template.size();) {
    if (message_template[i] == '{') {
      const auto close = message_template.find('}', i);
      if (close != std::string_view::npos) {
        const std::string_view name = message_template.substr(i + 1, close - i - 1);
        const std::string* value = name == "subject"    ? &finding.subject
                                   : name == "found"    ? &finding.found
                                   : name == "expected" ? &finding.expected
                                   : name == "others"   ? &finding.others
                                                        : nullptr;
        if (value != nullptr) {
          out += *value;
          i = close + 1;
          continue;
        }
      }
    }
    out += message_template[i++];
  }
  return out;
}

std::string describe(const Finding& finding) {
  return format_message(message_template(finding), finding);
}

}  // namespace tolk::check
