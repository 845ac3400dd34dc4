#pragma once
// What the glossary tests share, built once per process: the shipped glossary, a termbase holding
// it (in a temporary folder), the corpus and the extractor's findings on it, and the stop list of
// quoted strings that are deliberately not concepts.

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "temporary_directory.hpp"
#include "tolk/curation/extract.hpp"
#include "tolk/termbase/exchange.hpp"
#include "tolk/termbase/term_finder.hpp"
#include "tolk/termbase/termbase.hpp"
#include "tolk/text/normalize.hpp"

namespace tolk::testing {

inline std::filesystem::path glossary_source() {
  return std::filesystem::path(TOLK_SOURCE_DIR) / "glossaries" / "legal-nl-en-ru.json";
}

struct StopListEntry {
  std::string text;
  std::string reason;
};

class GlossaryFixture {
 public:
  GlossaryFixture()
      : concepts_(
            termbase::read_glossary_json(glossary_source(), termbase::Strictness::strict).concepts),
        termbase_(termbase::Termbase::open(directory_.path() / "legal", true)) {
    termbase_.put(concepts_);
    std::ifstream stop_list(std::filesystem::path(TOLK_SOURCE_DIR) / "glossaries" /
                            "designation-stoplist.tsv");
    for (std::string line; std::getline(stop_list, line);) {
      const auto tab = line.find('\t');
      if (tab == std::string::npos || line.starts_with('#'))
        continue;
      stop_list_.push_back({line.substr(0, tab), line.substr(tab + 1)});
    }
  }

  const std::vector<termbase::Concept>& concepts() const { return concepts_; }
  const termbase::Termbase& termbase() const { return termbase_; }
  const std::vector<StopListEntry>& stop_list() const { return stop_list_; }

  // A term finder over one concept only, so that no longer term of another concept hides it.
  const termbase::TermFinder& finder_for(const termbase::Concept& entry) const {
    auto hit = finders_.find(entry.id);
    if (hit == finders_.end())
      hit = finders_.emplace(entry.id, termbase::TermFinder(std::span(&entry, 1))).first;
    return hit->second;
  }

  const termbase::Concept* find(const std::string& id) const {
    for (const auto& entry : concepts_) {
      if (entry.id == id)
        return &entry;
    }
    return nullptr;
  }

 private:
  TemporaryDirectory directory_;
  std::vector<termbase::Concept> concepts_;
  termbase::Termbase termbase_;
  std::vector<StopListEntry> stop_list_;
  mutable std::map<std::string, termbase::TermFinder> finders_;
};

inline const GlossaryFixture& glossary() {
  static const GlossaryFixture fixture;
  return fixture;
}

// The corpus and what the extractor finds in it (only for tests tagged [corpus]).
struct CorpusFindings {
  std::vector<curation::SourceText> sources = curation::read_corpus(TOLK_CORPUS_DIR);
  curation::Extraction extraction = curation::extract(sources);

  const curation::SourceText& source(const std::string& file) const {
    for (const auto& entry : sources) {
      if (entry.file == file)
        return entry;
    }
    throw std::runtime_error("no corpus file " + file);
  }
};

inline const CorpusFindings& corpus() {
  static const CorpusFindings findings;
  return findings;
}

// Line `line` (1-based) of a text, without its line break; empty past the end.
inline std::string line_of(const std::string& text, std::size_t line) {
  std::size_t begin = 0;
  for (std::size_t number = 1; number < line; ++number) {
    begin = text.find('\n', begin);
    if (begin == std::string::npos)
      return {};
    ++begin;
  }
  const auto end = text.find('\n', begin);
  std::string out = text.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
  if (!out.empty() && out.back() == '\r')
    out.pop_back();
  return out;
}

}  // namespace tolk::testing
