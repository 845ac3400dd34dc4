#pragma once
// The JSON form of translation-memory results, shared by the CLI, the C ABI and the servers.

#include <nlohmann/json.hpp>

#include "tolk/tm/exchange.hpp"
#include "tolk/tm/repair.hpp"
#include "tolk/tm/translation_memory.hpp"

namespace tolk::json {

nlohmann::json repairs_json(const std::vector<tm::Repair>& repairs);
// {id, score, source, target, proposed_target, repairs, unrepaired, edit_distance, penalties,
//  context, origin, changed}
nlohmann::json match_json(const tm::Match& match, const tm::RepairedTarget& repaired);
// {id, text, highlights: [{begin, end}], variants: {language: text}}
nlohmann::json concordance_hit_json(const tm::ConcordanceHit& hit);
nlohmann::json issues_json(const std::vector<tm::ImportIssue>& issues);

}  // namespace tolk::json
