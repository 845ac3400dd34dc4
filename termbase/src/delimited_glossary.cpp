// Glossaries as CAT tools exchange them: OmegaT's tab-separated "source<TAB>target<TAB>comment"
// and CSV/TSV with a header row of language codes.
//
// Reading:
//  - One concept per row. Its id is the "id" cell, else "row-N" with N the file line the row
//    starts on (so that an id points back to the row).
//  - OmegaT: a cell is one term; both terms are preferred; the comment becomes the concept's note
//    in the source language. Lines starting with '#' are comments; a UTF-8 BOM is skipped.
//  - Multi-column: a language cell may hold several terms separated by '|' or ';' (';' only when
//    the file is not itself ';'-separated): the first is preferred, the rest admitted. Commas
//    never separate terms, since legal titles contain them. "domain" cells hold domains
//    separated the same way, "legal" cells legal references separated by ';' or '|', "note" and
//    "definition" cells the English note and definition ("note-nl", "definition-ru", ... for
//    other languages).
//  - Cells in double quotes follow RFC 4180 ("" is a quote, line breaks allowed), in CSV and TSV.
//
// Writing: OmegaT lines carry no quoting (OmegaT has none); tabs and line breaks in a text become
// spaces. The multi-column writer quotes per RFC 4180 in CSV; in TSV it quotes only a cell that
// would otherwise not read back (one holding a tab, a line break, or starting with a quote).

#include <algorithm>
#include <cctype>
#include <fstream>
#include <optional>
#include <ostream>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tolk/io/import_issue.hpp"
#include "tolk/io/strings.hpp"
#include "tolk/termbase/exchange.hpp"
#include "tolk/text/normalize.hpp"
#include "tolk/text/utf8.hpp"

namespace tolk::termbase {
using io::concat;
using io::read_whole_file;
using io::trim;

namespace {

std::string lower_ascii(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower;
}

using io::IssueLog;

// Reports invalid UTF-8 in `bytes`, which start `offset` bytes into the file. True if valid.
bool check_utf8(IssueLog& log, std::string_view bytes, std::size_t offset, std::size_t line) {
  const auto defect = text::find_invalid_utf8(bytes);
  if (!defect) {
    return true;
  }
  log.report(line + defect->line - 1, "invalid UTF-8 at byte offset " +
                                          std::to_string(offset + defect->byte_offset) +
                                          "; row skipped");
  return false;
}

// Splits a cell into its terms at the separators; empty pieces are kept so that they can be
// reported.
std::vector<std::string> split_cell(std::string_view cell, std::string_view separators) {
  std::vector<std::string> pieces;
  std::size_t begin = 0;
  while (true) {
    const auto end = cell.find_first_of(separators, begin);
    pieces.emplace_back(
        trim(cell.substr(begin, end == std::string_view::npos ? end : end - begin)));
    if (end == std::string_view::npos) {
      return pieces;
    }
    begin = end + 1;
  }
}

Term preferred_term(std::string_view text, Language language, TermStatus status) {
  Term term;
  term.text = text::to_nfc(text);
  term.language = language;
  term.status = status;
  return term;
}

// ---- OmegaT
// --------------------------------------------------------------------------------------

struct Line {
  std::string_view text;  // without the line break
  std::size_t number = 0;
  std::size_t offset = 0;  // of the first byte in the file
};

std::vector<Line> split_lines(std::string_view content, std::size_t first_offset) {
  std::vector<Line> lines;
  std::size_t begin = 0;
  std::size_t number = 1;
  while (begin < content.size()) {
    const auto newline = content.find('\n', begin);
    const auto end = newline == std::string_view::npos ? content.size() : newline;
    auto text = content.substr(begin, end - begin);
    if (text.ends_with('\r')) {
      text.remove_suffix(1);
    }
    lines.push_back({text, number++, first_offset + begin});
    begin = end + 1;
  }
  return lines;
}

std::optional<Concept> omegat_concept(IssueLog& log, const Line& line, Language source,
                                      Language target) {
  std::vector<std::string_view> cells;
  for (std::size_t begin = 0;;) {
    const auto tab = line.text.find('\t', begin);
    cells.push_back(line.text.substr(begin, tab == std::string_view::npos ? tab : tab - begin));
    if (tab == std::string_view::npos) {
      break;
    }
    begin = tab + 1;
  }
  if (cells.size() < 2) {
    log.report(line.number, concat("too few columns (", std::to_string(cells.size()),
                                   "); expected source<TAB>target[<TAB>comment]; row skipped"));
    return std::nullopt;
  }
  const auto source_text = trim(cells[0]);
  const auto target_text = trim(cells[1]);
  if (source_text.empty() || target_text.empty()) {
    log.report(line.number, std::string("empty ") + (source_text.empty() ? "source" : "target") +
                                " term; row skipped");
    return std::nullopt;
  }
  Concept concept_entry;
  concept_entry.id = concat("row-", std::to_string(line.number));
  concept_entry.terms.push_back(preferred_term(source_text, source, TermStatus::preferred));
  concept_entry.terms.push_back(preferred_term(target_text, target, TermStatus::preferred));
  std::string comment;
  for (std::size_t i = 2; i < cells.size(); ++i) {
    comment += concat(comment.empty() ? "" : "\t", trim(cells[i]));
  }
  if (!trim(comment).empty()) {
    concept_entry.notes[source] = std::string(trim(comment));
  }
  return concept_entry;
}

// ---- CSV / TSV
// -----------------------------------------------------------------------------------

struct Record {
  std::vector<std::string> cells;
  std::size_t line = 0;    // where the record starts
  std::size_t offset = 0;  // byte offset where it starts
  std::string_view bytes;  // the record as it stands in the file
  bool unterminated_quote = false;
};

// RFC 4180 records: quoted cells may hold delimiters, doubled quotes and line breaks.
class RecordReader {
 public:
  RecordReader(std::string_view content, std::size_t first_offset, char delimiter)
      : content_(content), first_offset_(first_offset), delimiter_(delimiter) {}

  std::optional<Record> next() {
    if (position_ >= content_.size()) {
      return std::nullopt;
    }
    Record record;
    record.line = line_;
    record.offset = first_offset_ + position_;
    const std::size_t start = position_;
    std::string cell;
    while (true) {
      if (position_ < content_.size() && content_[position_] == '"' && cell.empty()) {
        record.unterminated_quote = !read_quoted(cell);
      }
      while (position_ < content_.size() && content_[position_] != delimiter_ &&
             content_[position_] != '\n') {
        cell += content_[position_++];
      }
      if (cell.ends_with('\r') && (position_ >= content_.size() || content_[position_] == '\n')) {
        cell.pop_back();
      }
      record.cells.push_back(std::move(cell));
      cell.clear();
      if (position_ >= content_.size()) {
        break;
      }
      if (content_[position_++] == '\n') {
        ++line_;
        break;
      }
    }
    record.bytes = content_.substr(start, position_ - start);
    return record;
  }

 private:
  // Reads a quoted cell from its opening quote; false when the file ends inside it.
  bool read_quoted(std::string& cell) {
    ++position_;
    while (position_ < content_.size()) {
      const char c = content_[position_++];
      if (c == '"') {
        if (position_ < content_.size() && content_[position_] == '"') {
          cell += '"';
          ++position_;
          continue;
        }
        return true;
      }
      if (c == '\n') {
        ++line_;
      }
      cell += c;
    }
    return false;
  }

  std::string_view content_;
  std::size_t first_offset_;
  char delimiter_;
  std::size_t position_ = 0;
  std::size_t line_ = 1;
};

// Tab if the header has one, else whichever of ',' and ';' it holds more of (outside quotes).
char detect_delimiter(std::string_view header_line) {
  std::size_t commas = 0;
  std::size_t semicolons = 0;
  bool quoted = false;
  for (const char c : header_line) {
    if (c == '"') {
      quoted = !quoted;
    } else if (!quoted && c == '\t') {
      return '\t';
    } else if (!quoted && c == ',') {
      ++commas;
    } else if (!quoted && c == ';') {
      ++semicolons;
    }
  }
  return semicolons > commas ? ';' : ',';
}

enum class ColumnKind { language, id, domain, legal, note, definition, ignored };

struct Column {
  ColumnKind kind = ColumnKind::ignored;
  Language language = Language::en;  // of language, note and definition columns
};

// "note", "note-nl", "note_ru", "definition-en", ...: the language after the keyword, English
// when there is none.
std::optional<Language> keyword_language(std::string_view name, std::string_view keyword) {
  if (name == keyword) {
    return Language::en;
  }
  if (name.size() > keyword.size() + 1 && name.starts_with(keyword) &&
      (name[keyword.size()] == '-' || name[keyword.size()] == '_' || name[keyword.size()] == ':')) {
    return text::parse_language(name.substr(keyword.size() + 1));
  }
  return std::nullopt;
}

Column classify_column(std::string_view header_cell) {
  const std::string name = lower_ascii(trim(header_cell));
  if (name == "id") {
    return {ColumnKind::id};
  }
  if (name == "domain" || name == "domains" || name == "subjectfield") {
    return {ColumnKind::domain};
  }
  if (name == "legal") {
    return {ColumnKind::legal};
  }
  for (const std::string_view keyword : {"note", "comment", "notes"}) {
    if (const auto language = keyword_language(name, keyword)) {
      return {ColumnKind::note, *language};
    }
  }
  if (const auto language = keyword_language(name, "definition")) {
    return {ColumnKind::definition, *language};
  }
  if (const auto language = text::parse_language(name)) {
    return {ColumnKind::language, *language};
  }
  return {ColumnKind::ignored};
}

class DelimitedReader {
 public:
  DelimitedReader(std::string_view content, std::size_t offset, IssueLog& log)
      : content_(content), offset_(offset), log_(log) {}

  std::vector<Concept> read() {
    const auto header_end = content_.find('\n');
    delimiter_ = detect_delimiter(content_.substr(0, header_end));
    RecordReader records(content_, offset_, delimiter_);
    const auto header = records.next();
    if (!header || !check_utf8(log_, header->bytes, header->offset, header->line)) {
      log_.refuse(1, "no header row");
    }
    read_header(*header);
    std::vector<Concept> concepts;
    while (const auto record = records.next()) {
      if (auto concept_entry = read_row(*record)) {
        concepts.push_back(std::move(*concept_entry));
      }
    }
    return concepts;
  }

 private:
  void read_header(const Record& header) {
    std::set<Language> languages;
    for (const std::string& cell : header.cells) {
      Column column = classify_column(cell);
      if (column.kind == ColumnKind::ignored) {
        log_.report(header.line, concat("unknown column '", trim(cell),
                                        "': not a language tolk knows (nl, en, ru) nor id, "
                                        "domain, legal, note, definition; ignored"));
      } else if (column.kind == ColumnKind::language && !languages.insert(column.language).second) {
        log_.report(header.line, concat("second column for language '", trim(cell), "'; ignored"));
        column.kind = ColumnKind::ignored;
      }
      columns_.push_back(column);
    }
    if (languages.empty()) {
      log_.refuse(header.line, "the header row names no language tolk knows (nl, en, ru)");
    }
  }

  std::string term_separators() const { return delimiter_ == ';' ? "|" : "|;"; }

  std::optional<Concept> read_row(const Record& record) {
    const bool blank = std::all_of(record.cells.begin(), record.cells.end(),
                                   [](const std::string& cell) { return trim(cell).empty(); });
    if (blank) {
      return std::nullopt;
    }
    if (!check_utf8(log_, record.bytes, record.offset, record.line)) {
      return std::nullopt;
    }
    if (record.unterminated_quote) {
      log_.report(record.line, "quoted cell not closed before the end of the file; row skipped");
      return std::nullopt;
    }
    if (record.cells.size() != columns_.size()) {
      log_.report(record.line,
                  concat(record.cells.size() < columns_.size() ? "too few" : "too many",
                         " columns (", std::to_string(record.cells.size()), " of ",
                         std::to_string(columns_.size()), "); row skipped"));
      return std::nullopt;
    }
    Concept concept_entry;
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      if (!read_cell(concept_entry, columns_[i], record.cells[i], record.line)) {
        return std::nullopt;
      }
    }
    if (concept_entry.id.empty()) {
      concept_entry.id = concat("row-", std::to_string(record.line));
    }
    if (concept_entry.terms.empty()) {
      log_.report(record.line, "row has no term; skipped");
      return std::nullopt;
    }
    if (!ids_.insert(concept_entry.id).second) {
      log_.report(record.line, "duplicate id '" + concept_entry.id + "'; row skipped");
      return std::nullopt;
    }
    return concept_entry;
  }

  // False when the cell makes the row unusable (already reported).
  bool read_cell(Concept& concept_entry, const Column& column, std::string_view cell,
                 std::size_t line) {
    const auto value = trim(cell);
    if (value.empty()) {
      return true;
    }
    switch (column.kind) {
      case ColumnKind::language:
        return read_terms(concept_entry, column.language, value, line);
      case ColumnKind::id:
        concept_entry.id = std::string(value);
        return true;
      case ColumnKind::domain:
        for (auto& domain : split_cell(value, term_separators())) {
          if (!domain.empty()) {
            concept_entry.domains.push_back(std::move(domain));
          }
        }
        return true;
      case ColumnKind::legal:
        read_legal_references(concept_entry, value, line);
        return true;
      case ColumnKind::note:
        concept_entry.notes[column.language] = std::string(value);
        return true;
      case ColumnKind::definition:
        concept_entry.definitions[column.language] = std::string(value);
        return true;
      case ColumnKind::ignored:
        return true;
    }
    return true;
  }

  bool read_terms(Concept& concept_entry, Language language, std::string_view cell,
                  std::size_t line) {
    const auto texts = split_cell(cell, term_separators());
    if (std::any_of(texts.begin(), texts.end(), [](const std::string& t) { return t.empty(); })) {
      log_.report(line, concat("empty term in the ", text::language_code(language), " cell \"",
                               cell, "\"; row skipped"));
      return false;
    }
    for (std::size_t i = 0; i < texts.size(); ++i) {
      concept_entry.terms.push_back(preferred_term(
          texts[i], language, i == 0 ? TermStatus::preferred : TermStatus::admitted));
    }
    return true;
  }

  void read_legal_references(Concept& concept_entry, std::string_view cell, std::size_t line) {
    for (const auto& text : split_cell(cell, ";|")) {
      if (text.empty()) {
        continue;
      }
      // "UK RF 338 «Дезертирство»": the reference with its title, as the writer puts it.
      std::string_view reference_text = text;
      std::string title;
      if (const auto open = reference_text.find(" «");
          open != std::string_view::npos && reference_text.ends_with("»")) {
        const std::size_t first = open + std::string_view(" «").size();
        title = std::string(reference_text.substr(
            first, reference_text.size() - std::string_view("»").size() - first));
        reference_text = reference_text.substr(0, open);
      }
      if (auto reference = parse_legal_reference(reference_text)) {
        reference->title = std::move(title);
        concept_entry.legal_references.push_back(std::move(*reference));
      } else {
        log_.report(line, "legal reference \"" + text + "\" not understood; ignored");
      }
    }
  }

  std::string_view content_;
  std::size_t offset_;
  IssueLog& log_;
  char delimiter_ = ',';
  std::vector<Column> columns_;
  std::set<std::string> ids_;
};

// ---- Writing
// -------------------------------------------------------------------------------------

// OmegaT has no quoting: a tab or line break inside a text would start a new cell or line.
std::string flatten(std::string_view text) {
  std::string flat(text);
  std::replace_if(
      flat.begin(), flat.end(), [](char c) { return c == '\t' || c == '\n' || c == '\r'; }, ' ');
  return flat;
}

const Term* preferred_or_first(const Concept& concept_entry, Language language) {
  return concept_entry.preferred_term(language);
}

std::string omegat_comment(const Concept& concept_entry, Language source, Language target) {
  std::string comment = concept_entry.joined_titled_references();
  for (const Language language : {target, source, Language::en}) {
    if (const auto definition = concept_entry.definitions.find(language);
        definition != concept_entry.definitions.end()) {
      comment += (comment.empty() ? "" : " — ") + definition->second;
      break;
    }
  }
  return flatten(comment);
}

std::string delimited_cell(std::string_view text, char delimiter) {
  const std::string breaking = std::string("\n\r") + delimiter;
  const bool needs_quotes =
      delimiter == ','
          ? text.find_first_of(breaking + '"') != std::string_view::npos
          : text.find_first_of(breaking) != std::string_view::npos || text.starts_with('"');
  if (!needs_quotes) {
    return std::string(text);
  }
  std::string quoted = "\"";
  for (const char c : text) {
    quoted += c;
    if (c == '"') {
      quoted += '"';
    }
  }
  return quoted + "\"";
}

}  // namespace

ImportResult read_omegat_glossary(const std::filesystem::path& file, Language source,
                                  Language target, Strictness strictness) {
  const std::string content = read_whole_file(file);
  const auto body = text::strip_bom(content);
  ImportResult result;
  IssueLog log(file.string(), strictness, result.issues);
  for (const Line& line : split_lines(body, content.size() - body.size())) {
    if (trim(line.text).empty() || line.text.starts_with('#')) {
      continue;
    }
    if (!check_utf8(log, line.text, line.offset, line.number)) {
      continue;
    }
    if (auto concept_entry = omegat_concept(log, line, source, target)) {
      result.concepts.push_back(std::move(*concept_entry));
    }
  }
  return result;
}

ImportResult read_delimited_glossary(const std::filesystem::path& file, Strictness strictness) {
  const std::string content = read_whole_file(file);
  const auto body = text::strip_bom(content);
  ImportResult result;
  IssueLog log(file.string(), strictness, result.issues);
  result.concepts = DelimitedReader(body, content.size() - body.size(), log).read();
  return result;
}

void write_omegat_glossary(std::ostream& out, std::span<const Concept> concepts, Language source,
                           Language target) {
  for (const Concept& concept_entry : concepts) {
    const Term* source_term = preferred_or_first(concept_entry, source);
    const Term* target_term = preferred_or_first(concept_entry, target);
    if (source_term == nullptr || target_term == nullptr) {
      continue;
    }
    out << flatten(source_term->text) << '\t' << flatten(target_term->text);
    const std::string comment = omegat_comment(concept_entry, source, target);
    if (!comment.empty()) {
      out << '\t' << comment;
    }
    out << '\n';
  }
}

void write_delimited_glossary(std::ostream& out, std::span<const Concept> concepts,
                              std::span<const Language> languages, char delimiter) {
  const auto write_row = [&](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      out << (i == 0 ? "" : std::string(1, delimiter)) << delimited_cell(cells[i], delimiter);
    }
    out << '\n';
  };
  std::vector<std::string> header{"id"};
  for (const Language language : languages) {
    header.emplace_back(text::language_code(language));
  }
  header.insert(header.end(), {"domain", "legal", "note"});
  write_row(header);
  for (const Concept& concept_entry : concepts) {
    std::vector<std::string> row{concept_entry.id};
    for (const Language language : languages) {
      const Term* term = preferred_or_first(concept_entry, language);
      row.push_back(term ? term->text : std::string());
    }
    std::string domains;
    for (const std::string& domain : concept_entry.domains) {
      domains += (domains.empty() ? "" : "|") + domain;
    }
    row.push_back(domains);
    row.push_back(concept_entry.joined_titled_references());
    const auto note = concept_entry.notes.find(Language::en);
    row.push_back(note != concept_entry.notes.end() ? note->second : std::string());
    write_row(row);
  }
}

}  // namespace tolk::termbase
