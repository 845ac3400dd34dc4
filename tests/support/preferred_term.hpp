#pragma once
// A preferred term, as the tests' hand-made concepts need them.

#include <string>
#include <utility>

#include "tolk/termbase/concept.hpp"

namespace tolk::testing {

inline termbase::Term preferred_term(std::string text, termbase::Language language) {
  termbase::Term term;
  term.text = std::move(text);
  term.language = language;
  term.status = termbase::TermStatus::preferred;
  return term;
}

}  // namespace tolk::testing
