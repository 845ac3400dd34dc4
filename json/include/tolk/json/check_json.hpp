#pragma once
// The JSON form of terminology-QA findings, shared by `tolk check --format json`, the C ABI and
// the servers.

#include <nlohmann/json.hpp>
#include <string_view>

#include "tolk/check/checker.hpp"

namespace tolk::json {

// {check, severity, segment, line, message, subject?, found?, expected?, other_segments?}.
// `message` is the finding's text in the caller's language (check::describe() gives English).
nlohmann::json finding_json(const check::Finding& finding, std::string_view message);

}  // namespace tolk::json
