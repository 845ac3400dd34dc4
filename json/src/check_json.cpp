#include "tolk/json/check_json.hpp"

namespace tolk::json {

FindingCounts count_findings(const std::vector<check::Finding>& findings) {
  FindingCounts counts;
  for (const auto& finding : findings) {
    if (finding.severity == check::Severity::error)
      ++counts.errors;
    else if (finding.severity == check::Severity::warning)
      ++counts.warnings;
    else
      ++counts.info;
  }
  return counts;
}

nlohmann::json findings_json(const check::BilingualDocument& document,
                             const std::vector<check::Finding>& findings,
                             const FindingMessage& message) {
  using nlohmann::json;
  json list = json::array();
  for (const auto& finding : findings) {
    json entry = {{"check", finding.check},
                  {"severity", std::string(check::to_string(finding.severity))},
                  {"segment", finding.segment_id},
                  {"line", finding.line},
                  {"message", message(finding)}};
    if (!finding.subject.empty())
      entry["subject"] = finding.subject;
    if (!finding.found.empty())
      entry["found"] = finding.found;
    if (!finding.expected.empty())
      entry["expected"] = finding.expected;
    if (!finding.others.empty())
      entry["other_segments"] = finding.others;
    list.push_back(std::move(entry));
  }
  json issues = json::array();
  for (const auto& issue : document.issues)
    issues.push_back({{"file", issue.file}, {"line", issue.line}, {"reason", issue.reason}});
  const FindingCounts counts = count_findings(findings);
  return {{"file", document.name},
          {"source_language", std::string(text::language_code(document.source_language))},
          {"target_language", std::string(text::language_code(document.target_language))},
          {"segments", document.segments.size()},
          {"findings", list},
          {"issues", issues},
          {"summary",
           {{"errors", counts.errors}, {"warnings", counts.warnings}, {"info", counts.info}}}};
}

}  // namespace tolk::json
