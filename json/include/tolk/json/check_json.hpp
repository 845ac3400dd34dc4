#pragma once
// The JSON form of terminology QA results (`tolk check --format json`, POST /api/v1/check).

#include <cstddef>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tolk/check/checker.hpp"
#include "tolk/check/document.hpp"

namespace tolk::json {

struct FindingCounts {
  std::size_t errors = 0;
  std::size_t warnings = 0;
  std::size_t info = 0;
};
FindingCounts count_findings(const std::vector<check::Finding>& findings);

// How a finding is worded: the CLI passes its translated templates, the servers the English
// message (check::describe).
using FindingMessage = std::function<std::string(const check::Finding&)>;

// {file, source_language, target_language, segments, findings: [{check, severity, segment, line,
//  message, subject?, found?, expected?, other_segments?}], issues, summary}
nlohmann::json findings_json(const check::BilingualDocument& document,
                             const std::vector<check::Finding>& findings,
                             const FindingMessage& message = check::describe);

}  // namespace tolk::json
