#pragma once
// Preparing a hearing from the files an interpreter is sent: the termbase concepts that occur in
// them (found by the termbase's recognition: inflected forms, Dutch compounds), the recurring
// expressions the termbases do not know (candidates to research, scored for termhood against
// general language), and the figures interpreters fear (article references resolved to their
// concept, federal-law numbers, dates, amounts, names), each with where it first stands
// (FILE:LINE) and a line of context.

#include <cstddef>
#include <iosfwd>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tolk/documents/document.hpp"
#include "tolk/termbase/concept.hpp"
#include "tolk/termbase/term_finder.hpp"

namespace tolk::prepare {

using termbase::Concept;
using text::Language;

// Where something first stands.
struct Place {
  std::string file;
  std::size_t line = 0;      // 1-based
  std::string context;       // the words around it on that line, white space collapsed
  std::size_t document = 0;  // index of the file in the order given (for ordering)
  std::size_t offset = 0;    // byte offset in the document's text
};
std::string to_string(const Place& place);  // "FILE:LINE"

// A termbase the files are searched with. The concepts must outlive the sheet's preparation.
struct TermSource {
  std::string name;  // "legal", "personal"
  std::span<const Concept> concepts;
  bool personal = false;  // the interpreter's own entries: marked as such on the sheet
};

struct KnownTerm {
  Concept entry;
  std::string termbase;
  bool personal = false;
  std::size_t frequency = 0;
  Place first;
  std::vector<std::string> forms;  // as they stand in the files, distinct, in order
};

struct UnknownTerm {
  std::string text;  // its most frequent form
  Language language = Language::nl;
  std::string kind;  // "compound" or "phrase"
  std::size_t frequency = 0;
  // log2(1 + frequency), plus 1 when a word of the legal vocabulary is part of it, plus 1 when
  // general language (the Hunspell dictionary) does not have it as a word, plus 0.5 for a
  // multi-word phrase: the higher, the more it looks like a term to research.
  double termhood = 0;
  Place first;
};

enum class FigureKind { article, law, date, amount, name };
std::string_view to_string(FigureKind kind);

struct Figure {
  FigureKind kind = FigureKind::date;
  std::string text;  // as written
  std::size_t frequency = 0;
  Place first;
  std::optional<termbase::LegalReference> reference;  // articles and laws
  std::string concept_id;  // the concept the reference resolves to, if any
  std::string resolved;    // "УК РФ ст. 328: <statutory title>", if resolved
};

struct Sheet {
  std::vector<std::string> files;
  std::vector<KnownTerm> known;      // in the requested order
  std::vector<UnknownTerm> unknown;  // by termhood, then first appearance
  std::vector<Figure> figures;       // by first appearance
};

enum class Order { appearance, domain };

struct PrepareOptions {
  std::vector<Language> languages{Language::nl, Language::en, Language::ru};
  Order order = Order::appearance;
  std::size_t min_frequency = 2;       // of an unknown candidate
  std::size_t max_unknown = 200;       // the best ones by termhood
  std::vector<std::string> stop_list;  // lower-case words and phrases kept out of the unknown terms
};

// The stop list shipped with tolk (prepare/stoplist.txt): general words that recur in every
// report without being terms.
std::vector<std::string> default_stop_list();
// Reads a stop list file: one word or phrase per line, '#' starts a comment.
std::vector<std::string> read_stop_list(const std::filesystem::path& file);

Sheet prepare_sheet(std::span<const documents::Document> documents,
                    std::span<const TermSource> termbases, const PrepareOptions& options = {});

// Renderers. Markdown and HTML are the printable sheet (HTML is one self-contained page with a
// print style sheet); the unknown terms come last with empty columns to fill in. TSV and TBX
// write the known concepts as a glossary (termbase/exchange.hpp). JSON holds everything.
struct SheetLabels {
  std::string title = "Preparation sheet";
  std::string known = "Known terms";
  std::string unknown = "Unknown terms (to research)";
  std::string figures = "Figures";
  std::string files = "Files";
  std::string frequency = "count";
  std::string first = "first";
  std::string context = "context";
  std::string legal_reference = "legal reference";
  std::string note = "note";
  std::string own = "own entry";
  std::string termhood = "termhood";
  std::string kind = "kind";
  std::string resolves_to = "resolves to";
  std::string figure = "figure";
  std::string term = "term";
  std::string language = "lang";
  std::string no_domain = "other";
};
void write_markdown(std::ostream& out, const Sheet& sheet, Order order,
                    std::span<const Language> languages, const SheetLabels& labels = {});
void write_html(std::ostream& out, const Sheet& sheet, Order order,
                std::span<const Language> languages, const SheetLabels& labels = {});
void write_tsv(std::ostream& out, const Sheet& sheet, std::span<const Language> languages);
void write_tbx(std::ostream& out, const Sheet& sheet);
void write_json(std::ostream& out, const Sheet& sheet);

}  // namespace tolk::prepare
