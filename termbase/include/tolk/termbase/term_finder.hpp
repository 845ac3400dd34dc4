#pragma once
// Term recognition in running text: every occurrence of every term of a termbase, including
// inflected multi-word terms and terms inside Dutch compounds. Built once from the concepts as a
// trie over lemma sequences (token by token), so finding is one pass over the text whatever the
// size of the termbase.

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tolk/termbase/concept.hpp"

namespace tolk::termbase {

struct TermHit {
  std::string concept_id;
  std::size_t term_index = 0;  // in the concept's terms
  std::string term;            // the termbase term that matched
  TermStatus status = TermStatus::admitted;
  Language language = Language::en;
  std::string matched_text;      // as it stands in the text
  bool inside_compound = false;  // part of a Dutch compound ("dienstplicht" in "...ontduiking")
  // Where: UTF-8 byte offsets, UTF-16 code units (as editors and LSP count), and line and column
  // (1-based; the column counts UTF-16 code units from the start of the line, plus one).
  std::size_t begin = 0;
  std::size_t end = 0;
  std::size_t utf16_begin = 0;
  std::size_t utf16_end = 0;
  std::size_t line = 0;
  std::size_t column = 0;
};

class TermFinder {
 public:
  // Indexes every term of `concepts` (lemmatised with the text layer's dictionaries).
  explicit TermFinder(std::span<const Concept> concepts);
  ~TermFinder();
  TermFinder(TermFinder&&) noexcept;
  TermFinder& operator=(TermFinder&&) noexcept;

  // Every occurrence of a term of `language` in `text`, in text order. Where matches overlap the
  // longest wins, then the earliest.
  std::vector<TermHit> find(std::string_view text, Language language) const;

  std::size_t term_count() const;

 private:
  struct Index;
  std::unique_ptr<Index> index_;
};

}  // namespace tolk::termbase
