#include "tolk/json/tm_json.hpp"

namespace tolk::json {

using nlohmann::json;

json repairs_json(const std::vector<tm::Repair>& repairs) {
  json out = json::array();
  for (const auto& repair : repairs) {
    json entry = {{"kind", repair.kind == tm::Repair::Kind::placeable ? "placeable" : "term"},
                  {"query", repair.query_text},
                  {"stored", repair.stored_text},
                  {"replaced", repair.replaced},
                  {"replacement", repair.replacement}};
    if (!repair.concept_id.empty())
      entry["concept"] = repair.concept_id;
    out.push_back(entry);
  }
  return out;
}

json match_json(const tm::Match& match, const tm::RepairedTarget& repaired) {
  return {{"id", match.unit.id},
          {"score", match.score.score},
          {"source", match.source},
          {"target", match.target},
          {"proposed_target", repaired.text},
          {"repairs", repairs_json(repaired.repairs)},
          {"unrepaired", repaired.unrepaired},
          {"edit_distance", match.score.edit_distance},
          {"penalties",
           {{"numbers", match.score.numbers_differing},
            {"case", match.score.case_differs},
            {"punctuation", match.score.punctuation_differs},
            {"tags", match.score.tags_differ},
            {"whitespace", match.score.whitespace_differs}}},
          {"context", match.unit.context},
          {"origin", match.unit.origin_file},
          {"changed", match.unit.change_date}};
}

json concordance_hit_json(const tm::ConcordanceHit& hit) {
  json highlights = json::array();
  for (const auto& [begin, end] : hit.highlights)
    highlights.push_back({{"begin", begin}, {"end", end}});
  json variants = json::object();
  for (const auto& variant : hit.unit.variants)
    variants[variant.language] = variant.segment.text;
  return {
      {"id", hit.unit.id}, {"text", hit.text}, {"highlights", highlights}, {"variants", variants}};
}

json issues_json(const std::vector<tm::ImportIssue>& issues) {
  json out = json::array();
  for (const auto& issue : issues)
    out.push_back({{"file", issue.file}, {"line", issue.line}, {"reason", issue.reason}});
  return out;
}

}  // namespace tolk::json
