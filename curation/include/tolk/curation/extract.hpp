#pragma once
// Candidate terms and cross-language alignments from the source corpus, for curating the
// glossary: article references, quoted designations, explicit glosses, recurring compounds and
// phrases of the legal vocabulary, and proposed alignments. Everything found carries its evidence
// as FILE:LINE (1-based lines of the corpus files). The library reads the corpus folder and
// nothing else; printing and JSON belong to its callers.

#include <cstddef>
#include <filesystem>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tolk/termbase/concept.hpp"
#include "tolk/text/language.hpp"

namespace tolk::curation {

using text::Language;

// One corpus file, as read.
struct SourceText {
  std::string file;  // the file name as cited ("ambtsbericht-rusland-2025.nl.txt")
  Language language = Language::en;
  std::string text;  // well-formed UTF-8, byte-order mark removed
};

// The *.txt files of `directory` whose name carries a language before the extension
// (NAME.nl.txt, NAME.en.txt, NAME.ru.txt), sorted by name. Throws std::runtime_error when the
// folder cannot be read, and text::InvalidUtf8Error for a file that is not UTF-8.
std::vector<SourceText> read_corpus(const std::filesystem::path& directory);

// Where something stands: `FILE:LINE`.
struct Evidence {
  std::string file;
  std::size_t line = 0;

  bool operator==(const Evidence&) const = default;
  auto operator<=>(const Evidence&) const = default;
};
std::string to_string(const Evidence& evidence);

// "artikel 328 lid 1 WvS", "artt. 272, 273 en 274.1 WvS" (three references), "Article 330.1 of
// the Criminal Code", "ч. 1 ст. 328 УК РФ", "№ 260-ФЗ".
struct ArticleReference {
  termbase::LegalReference reference;  // code "UK RF", "KoAP RF" or "FZ"; empty code if unknown
  std::string text;                    // as written, white space collapsed
  Language language = Language::nl;
  Evidence evidence;           // the line where the reference starts
  bool code_inferred = false;  // no code written next to it: taken from the same article cited
                               // elsewhere in the file, or from the nearest code named before it
  std::string description;     // what the text calls the provision next to the reference, if any
};

std::vector<ArticleReference> find_article_references(const SourceText& source,
                                                      std::size_t context_lines = 40);

// Text between quotation marks: "...", “...”, „...”, ‘...’ (an apostrophe inside a word does not
// close it: ‘foreign agent’s law’), «...». Straight quotes pair within a line; typographic ones
// may run over one line break (PDF wrapping). White space is collapsed.
struct Quotation {
  std::string text;
  Language language = Language::en;
  Evidence evidence;
};

// `max_words` 0 means no limit.
std::vector<Quotation> find_quotations(const SourceText& source, std::size_t max_words = 0);

enum class GlossKind {
  original,       // "Russisch: Единый реестр ..." (a quoted original)
  rendering,      // "In het Engels wordt ... aangeduid als “...”", "Engels: ..."
  parenthesised,  // "veiligheidsapparaat (“siloviki”)", "contractsoldaten (“volunteers”)"
  abbreviation,   // "Single Conscription Point (SCP)", "afkorting AWOL (Absent WithOut Leave)"
  abbreviation_list,  // a row of the report's list of abbreviations
};
std::string_view to_string(GlossKind kind);

// An expression of one language given with its rendering in another (or its abbreviation).
struct Gloss {
  GlossKind kind = GlossKind::parenthesised;
  std::string term;  // the glossed expression; empty when it could not be found
  Language term_language = Language::nl;
  std::string gloss;
  Language gloss_language = Language::en;
  bool transliterated = false;  // Russian written in Latin letters ("siloviki", "Rosgvardiya")
  Evidence evidence;            // where the gloss stands
  // Where the glossed expression stands when that is another line: for a gloss in a footnote, the
  // line of the footnote's number in the running text.
  std::vector<Evidence> term_evidence;
  std::vector<termbase::LegalReference> references;  // articles cited with the glossed expression
};

std::vector<Gloss> find_glosses(const SourceText& source);

enum class CandidateKind { compound, phrase };
std::string_view to_string(CandidateKind kind);

// A recurring expression of the legal vocabulary.
struct TermCandidate {
  std::string text;   // its most frequent form in the corpus
  std::string lemma;  // the lemmas of its words (the grouping key)
  Language language = Language::nl;
  CandidateKind kind = CandidateKind::phrase;
  std::vector<std::string> parts;  // compound: modifier and head
  std::size_t frequency = 0;
  std::vector<Evidence> evidence;  // the first occurrences, at most ExtractOptions::max_evidence
};

enum class AlignmentPivot {
  article,  // the same article of a code (or the same federal law) in each language
  code,     // the names of a code: WvS, Wetboek van Strafrecht, Criminal Code, УК РФ
  gloss,    // an explicit gloss, or a chain of them (term, original, English, abbreviation)
  name,     // a proper name written alike in two languages (compared on the transliteration key)
};
std::string_view to_string(AlignmentPivot pivot);

// A proposed concept: what each language calls it, and where.
struct Alignment {
  AlignmentPivot pivot = AlignmentPivot::gloss;
  std::string key;  // "UK RF 328", the gloss, or the name
  std::vector<termbase::LegalReference> references;
  std::map<Language, std::vector<std::string>> terms;  // distinct, in order of appearance
  std::vector<Evidence> evidence;                      // sorted, distinct
};

struct ExtractOptions {
  std::size_t min_frequency = 2;     // of a compound or phrase candidate
  std::size_t max_phrase_words = 4;  // phrase candidates have 2 .. this many words
  std::size_t max_quote_words = 12;  // longer quotations are passages, not designations
  std::size_t max_evidence = 5;      // lines listed per candidate
  std::size_t context_lines = 40;    // how far back the code of a bare "artikel 280" is looked for
  // Lemmas that make a compound or phrase part of the legal vocabulary, besides every word of a
  // sentence that cites an article. Empty: default_legal_vocabulary().
  std::vector<std::string> legal_vocabulary;
};

// Dutch and English lemmas of criminal, administrative and military law (documented in the
// source); used when ExtractOptions::legal_vocabulary is empty.
std::span<const std::string_view> default_legal_vocabulary();

std::vector<TermCandidate> find_term_candidates(std::span<const SourceText> sources,
                                                const ExtractOptions& options = {});

struct Extraction {
  std::vector<ArticleReference> articles;
  std::vector<Quotation> quotations;
  std::vector<Gloss> glosses;
  std::vector<TermCandidate> candidates;
  std::vector<Alignment> alignments;
};

// Article references, glosses and shared names of `sources` aligned into proposed concepts.
std::vector<Alignment> align(std::span<const SourceText> sources,
                             std::span<const ArticleReference> articles,
                             std::span<const Gloss> glosses);

// Everything above over the whole corpus.
Extraction extract(std::span<const SourceText> sources, const ExtractOptions& options = {});

}  // namespace tolk::curation
