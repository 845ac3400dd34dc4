#include "tolk/json/check_json.hpp"

#include <string>

namespace tolk::json {

nlohmann::json finding_json(const check::Finding& finding, std::string_view message) {
  nlohmann::json entry = {{"check", finding.check},
                          {"severity", std::string(check::to_string(finding.severity))},
                          {"segment", finding.segment_id},
                          {"line", finding.line},
                          {"message", std::string(message)}};
  if (!finding.subject.empty())
    entry["subject"] = finding.subject;
  if (!finding.found.empty())
    entry["found"] = finding.found;
  if (!finding.expected.empty())
    entry["expected"] = finding.expected;
  if (!finding.others.empty())
    entry["other_segments"] = finding.others;
  return entry;
}

}  // namespace tolk::json
