#pragma once
// The JSON form of termbase results, shared by every surface that speaks JSON (the CLI's --json,
// the C ABI, the language server, the HTTP server), so that they all answer alike.

#include <nlohmann/json.hpp>
#include <string>

#include "tolk/termbase/concept.hpp"
#include "tolk/termbase/term_finder.hpp"
#include "tolk/termbase/termbase.hpp"

namespace tolk::json {

// "preferred", "admitted", "deprecated", "superseded": TBX's names without the suffix.
std::string status_label(termbase::TermStatus status);

nlohmann::json term_json(const termbase::Term& term);
// id, domains, legal references, terms, definitions, notes, citations.
nlohmann::json concept_json(const termbase::Concept& entry);
// {match, score, matched_term, concept}
nlohmann::json lookup_hit_json(const termbase::LookupHit& hit);
// {concept, term, status, text, inside_compound, begin, end, utf16_begin, utf16_end, line, column}
nlohmann::json term_hit_json(const termbase::TermHit& hit);

}  // namespace tolk::json
