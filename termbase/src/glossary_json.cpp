// Reads tolk's glossary source (glossaries/*.json, "schema": "tolk-glossary/1"; the format is
// described in glossaries/README.md) with nlohmann-json.
//
// nlohmann-json keeps no line numbers for values. An issue names the concept by its index and
// id, and its line is found in the text: the file is pretty-printed one key per line, so the
// concept's `"id": "..."` line is searched for, from the line of the previous concept on.

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
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

namespace {

// ordered_json keeps the languages of a concept's "terms" in file order (nl, en, ru).
using Json = nlohmann::ordered_json;

constexpr std::string_view kSchema = "tolk-glossary/1";

// A concept that cannot be used; the reason becomes an ImportIssue.
struct BadEntry {
  std::string reason;
};

std::size_t line_at(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  return 1 + static_cast<std::size_t>(std::count(
                 text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

// The lines on which `"id": ...` keys stand, in file order, with the JSON text of the value.
class IdLines {
 public:
  explicit IdLines(std::string_view content) {
    std::size_t line = 1;
    std::size_t begin = 0;
    while (begin < content.size()) {
      const auto end = std::min(content.find('\n', begin), content.size());
      const auto text = content.substr(begin, end - begin);
      const auto first = text.find_first_not_of(" \t");
      if (first != std::string_view::npos && text.substr(first).starts_with("\"id\":")) {
        auto value = text.substr(first + 5);
        value.remove_prefix(std::min(value.find_first_not_of(' '), value.size()));
        if (value.ends_with(',')) {
          value.remove_suffix(1);
        }
        lines_.emplace_back(line, std::string(value));
      }
      ++line;
      begin = end + 1;
    }
  }

  // The line of the next `"id": ID` after the previous match, or 0.
  std::size_t next_line_of(const std::string& id) {
    const std::string literal = Json(id).dump();
    for (std::size_t i = cursor_; i < lines_.size(); ++i) {
      if (lines_[i].second == literal) {
        cursor_ = i + 1;
        return lines_[i].first;
      }
    }
    return 0;
  }

 private:
  std::vector<std::pair<std::size_t, std::string>> lines_;
  std::size_t cursor_ = 0;
};

const Json& member(const Json& object, const char* key) {
  const auto found = object.find(key);
  if (found == object.end()) {
    throw BadEntry{std::string("missing \"") + key + "\""};
  }
  return *found;
}

std::string string_member(const Json& object, const char* key) {
  const Json& value = member(object, key);
  if (!value.is_string()) {
    throw BadEntry{std::string("\"") + key + "\" is not a string"};
  }
  return value.get<std::string>();
}

std::string optional_string(const Json& object, const char* key) {
  const auto found = object.find(key);
  if (found == object.end()) {
    return {};
  }
  if (!found->is_string()) {
    throw BadEntry{std::string("\"") + key + "\" is not a string"};
  }
  return found->get<std::string>();
}

Language language_of(const std::string& tag, std::string_view where) {
  if (const auto language = text::parse_language(tag)) {
    return *language;
  }
  throw BadEntry{concat("unknown language '", tag, "' in ", where, " (tolk knows nl, en, ru)")};
}

template <typename Value>
Value parsed_value(std::optional<Value> parsed, const char* field, const std::string& text) {
  if (!parsed) {
    throw BadEntry{concat("unknown ", field, " '", text, "'")};
  }
  return *parsed;
}

std::map<Language, std::string> texts_by_language(const Json& object, const char* key) {
  std::map<Language, std::string> texts;
  const auto found = object.find(key);
  if (found == object.end()) {
    return texts;
  }
  if (!found->is_object()) {
    throw BadEntry{std::string("\"") + key + "\" is not an object of languages"};
  }
  for (const auto& [tag, text] : found->items()) {
    if (!text.is_string()) {
      throw BadEntry{std::string("\"") + key + "\"." + tag + " is not a string"};
    }
    texts[language_of(tag, key)] = text.get<std::string>();
  }
  return texts;
}

Term read_term(const Json& value, Language language) {
  if (!value.is_object()) {
    throw BadEntry{"a term is not an object"};
  }
  Term term;
  term.language = language;
  term.text = text::to_nfc(string_member(value, "text"));
  if (term.text.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw BadEntry{concat("empty term in ", text::language_code(language))};
  }
  const std::string status = string_member(value, "status");
  term.status = parsed_value(parse_term_status(status), "status", status);
  if (const auto pos = optional_string(value, "pos"); !pos.empty()) {
    term.part_of_speech = parsed_value(parse_part_of_speech(pos), "pos", pos);
  }
  if (const auto gender = optional_string(value, "gender"); !gender.empty()) {
    term.gender = parsed_value(parse_gender(gender), "gender", gender);
  }
  if (const auto type = optional_string(value, "type"); !type.empty()) {
    term.type = parsed_value(parse_term_type(type), "type", type);
  }
  term.usage_note = optional_string(value, "usage");
  if (const auto verified = value.find("verified"); verified != value.end()) {
    if (!verified->is_boolean()) {
      throw BadEntry{"\"verified\" of '" + term.text + "' is not true or false"};
    }
    term.verification = verified->get<bool>() ? Verification::verified : Verification::unverified;
  }
  term.source = optional_string(value, "ru_source");
  return term;
}

std::vector<Term> read_terms(const Json& object) {
  const Json& terms = member(object, "terms");
  if (!terms.is_object()) {
    throw BadEntry{"\"terms\" is not an object of languages"};
  }
  std::vector<Term> read;
  for (const auto& [tag, list] : terms.items()) {
    const Language language = language_of(tag, "terms");
    if (!list.is_array()) {
      throw BadEntry{"\"terms\"." + tag + " is not a list"};
    }
    for (const Json& term : list) {
      read.push_back(read_term(term, language));
    }
  }
  if (read.empty()) {
    throw BadEntry{"no term"};
  }
  return read;
}

std::vector<LegalReference> read_legal_references(const Json& object) {
  std::vector<LegalReference> references;
  const auto found = object.find("legal");
  if (found == object.end()) {
    return references;
  }
  if (!found->is_array()) {
    throw BadEntry{"\"legal\" is not a list"};
  }
  for (const Json& reference : *found) {
    references.push_back({string_member(reference, "code"), string_member(reference, "article"),
                          optional_string(reference, "part"),
                          text::to_nfc(optional_string(reference, "title"))});
  }
  return references;
}

std::vector<Citation> read_citations(const Json& object) {
  std::vector<Citation> citations;
  const auto found = object.find("citations");
  if (found == object.end()) {
    return citations;
  }
  if (!found->is_array()) {
    throw BadEntry{"\"citations\" is not a list"};
  }
  for (const Json& value : *found) {
    Citation citation;
    citation.file = string_member(value, "file");
    const Json& line = member(value, "line");
    if (!line.is_number_unsigned() || line.get<std::size_t>() == 0) {
      throw BadEntry{"citation of " + citation.file + ": \"line\" is not a positive number"};
    }
    citation.line = line.get<std::size_t>();
    citation.quote = string_member(value, "quote");
    if (const auto tag = optional_string(value, "lang"); !tag.empty()) {
      citation.language = language_of(tag, "citations");
    }
    citations.push_back(std::move(citation));
  }
  return citations;
}

Concept read_concept(const Json& value, const std::set<std::string>& domains) {
  if (!value.is_object()) {
    throw BadEntry{"not an object"};
  }
  Concept concept_entry;
  concept_entry.id = string_member(value, "id");
  if (concept_entry.id.empty()) {
    throw BadEntry{"empty id"};
  }
  const std::string domain = string_member(value, "domain");
  if (!domains.contains(domain)) {
    throw BadEntry{"domain '" + domain + "' is not one of the file's \"domains\""};
  }
  concept_entry.domains.push_back(domain);
  concept_entry.legal_references = read_legal_references(value);
  concept_entry.definitions = texts_by_language(value, "definition");
  concept_entry.notes = texts_by_language(value, "note");
  concept_entry.terms = read_terms(value);
  concept_entry.citations = read_citations(value);
  return concept_entry;
}

Json parse_document(const std::string& content, const std::string& file) {
  if (const auto defect = text::find_invalid_utf8(content)) {
    throw ImportError(
        {{file, defect->line,
          concat("invalid UTF-8 at byte offset ", std::to_string(defect->byte_offset))}});
  }
  try {
    return Json::parse(content);
  } catch (const Json::parse_error& error) {
    // parse_error::byte is the 1-based position of the byte where parsing stopped.
    const std::size_t offset = error.byte > 0 ? error.byte - 1 : 0;
    throw ImportError({{file, line_at(content, offset), concat("not valid JSON: ", error.what())}});
  }
}

std::set<std::string> domain_keys(const Json& document, const std::string& file) {
  const auto domains = document.find("domains");
  if (domains == document.end() || !domains->is_object()) {
    throw ImportError({{file, 0, "no \"domains\" object"}});
  }
  std::set<std::string> keys;
  for (const auto& [key, labels] : domains->items()) {
    keys.insert(key);
  }
  return keys;
}

}  // namespace

ImportResult read_glossary_json(const std::filesystem::path& file, Strictness strictness) {
  const std::string name = file.string();
  const std::string content = read_whole_file(file);
  const Json document = parse_document(content, name);
  if (!document.is_object() || !document.contains("schema") ||
      document["schema"] != std::string(kSchema)) {
    throw ImportError({{name, 0, "not a tolk glossary: \"schema\" is not \"tolk-glossary/1\""}});
  }
  const auto domains = domain_keys(document, name);
  const auto concepts = document.find("concepts");
  if (concepts == document.end() || !concepts->is_array()) {
    throw ImportError({{name, 0, "no \"concepts\" list"}});
  }

  ImportResult result;
  IdLines id_lines(content);
  std::set<std::string> ids;
  io::IssueLog log(std::string(name), strictness, result.issues);
  for (std::size_t index = 0; index < concepts->size(); ++index) {
    const Json& value = (*concepts)[index];
    const auto id_value = value.is_object() ? value.find("id") : value.end();
    const std::string id =
        id_value != value.end() && id_value->is_string() ? id_value->get<std::string>() : "";
    const std::size_t line = id.empty() ? 0 : id_lines.next_line_of(id);
    const std::string where = concat("concepts[", std::to_string(index), "] (id \"", id, "\"): ");
    try {
      Concept concept_entry = read_concept(value, domains);
      if (!ids.insert(concept_entry.id).second) {
        log.report(line, where + "duplicate id; skipped");
        continue;
      }
      result.concepts.push_back(std::move(concept_entry));
    } catch (const BadEntry& bad) {
      log.report(line, where + bad.reason + "; skipped");
    } catch (const Json::exception& error) {
      log.report(line, where + error.what() + "; skipped");
    }
  }
  return result;
}

}  // namespace tolk::termbase
