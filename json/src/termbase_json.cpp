#include "tolk/json/termbase_json.hpp"

#include "tolk/text/language.hpp"

namespace tolk::json {

using nlohmann::json;
namespace tb = termbase;

// "preferred", "admitted", "deprecated", "superseded": TBX's names without the suffix.
std::string status_label(tb::TermStatus status) {
  std::string name(tb::to_string(status));
  if (const auto end = name.find("Term-admn-sts"); end != std::string::npos)
    name.resize(end);
  return name;
}

json term_json(const tb::Term& term) {
  json out = {{"text", term.text},
              {"language", text::language_code(term.language)},
              {"status", status_label(term.status)}};
  if (term.type != tb::TermType::full_form)
    out["type"] = tb::to_string(term.type);
  if (term.part_of_speech != tb::PartOfSpeech::unspecified) {
    out["part_of_speech"] = tb::to_string(term.part_of_speech);
  }
  if (term.gender != tb::Gender::unspecified)
    out["gender"] = tb::to_string(term.gender);
  if (!term.usage_note.empty())
    out["usage"] = term.usage_note;
  out["verified"] = term.verification == tb::Verification::verified;
  if (!term.source.empty())
    out["source"] = term.source;
  return out;
}

json concept_json(const tb::Concept& entry) {
  json terms = json::array();
  for (const tb::Term& term : entry.terms)
    terms.push_back(term_json(term));
  json legal = json::array();
  json legal_references = json::array();
  for (const auto& reference : entry.legal_references) {
    legal.push_back(tb::to_string(reference));
    json detail = {{"code", reference.code}, {"article", reference.article}};
    if (!reference.part.empty())
      detail["part"] = reference.part;
    if (!reference.title.empty())
      detail["title"] = reference.title;
    legal_references.push_back(std::move(detail));
  }
  json definitions = json::object();
  for (const auto& [language, value] : entry.definitions) {
    definitions[std::string(text::language_code(language))] = value;
  }
  json notes = json::object();
  for (const auto& [language, value] : entry.notes) {
    notes[std::string(text::language_code(language))] = value;
  }
  json citations = json::array();
  for (const auto& citation : entry.citations) {
    citations.push_back(
        {{"file", citation.file}, {"line", citation.line}, {"quote", citation.quote}});
  }
  return {{"id", entry.id}, {"domains", entry.domains},
          {"legal", legal}, {"legal_references", legal_references},
          {"terms", terms}, {"definitions", definitions},
          {"notes", notes}, {"citations", citations}};
}

json lookup_hit_json(const tb::LookupHit& hit) {
  return {{"match", tb::to_string(hit.kind)},
          {"score", hit.score},
          {"matched_term", term_json(hit.entry.terms[hit.term_index])},
          {"concept", concept_json(hit.entry)}};
}

json term_hit_json(const tb::TermHit& hit) {
  return {{"concept", hit.concept_id},
          {"term", hit.term},
          {"status", status_label(hit.status)},
          {"text", hit.matched_text},
          {"inside_compound", hit.inside_compound},
          {"begin", hit.begin},
          {"end", hit.end},
          {"utf16_begin", hit.utf16_begin},
          {"utf16_end", hit.utf16_end},
          {"line", hit.line},
          {"column", hit.column}};
}

}  // namespace tolk::json
