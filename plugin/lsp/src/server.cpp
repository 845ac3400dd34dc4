#include "tolk/lsp/server.hpp"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <map>
#include <sstream>
#include <unordered_set>

#include "tolk/check/document.hpp"
#include "tolk/io/strings.hpp"
#include "tolk/json/termbase_json.hpp"
#include "tolk/lsp/jsonrpc.hpp"
#include "tolk/lsp/text_document.hpp"
#include "tolk/store/workspace.hpp"
#include "tolk/termbase/hearing_sheet.hpp"
#include "tolk/termbase/term_finder.hpp"
#include "tolk/termbase/termbase.hpp"
#include "tolk/text/normalize.hpp"
#include "tolk/text/transliterate.hpp"
#include "tolk/text/utf8.hpp"
#include "tolk/tm/fuzzy.hpp"
#include "tolk/tm/repair.hpp"
#include "tolk/tm/translation_memory.hpp"

namespace tolk::lsp {

using nlohmann::json;
using termbase::Concept;
using termbase::TermHit;
using termbase::TermStatus;
using text::Language;

namespace {

constexpr std::size_t kMaxCompletionItems = 50;
constexpr std::string_view kIgnoreCommand = "tolk.ignore";

// Thrown by a handler for a request whose parameters are wrong: answered with -32602.
struct InvalidParams : std::runtime_error {
  using std::runtime_error::runtime_error;
};
struct MethodNotFound : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::optional<Language> language_value(const json& value, const char* key,
                                       std::vector<std::string>& refused) {
  if (value.is_null() || (value.is_string() && value.get<std::string>().empty()))
    return std::nullopt;
  if (value.is_string()) {
    if (auto language = text::parse_language(value.get<std::string>()))
      return language;
  }
  refused.push_back(std::string(key) + ": not a language tolk knows (nl, en, ru): " + value.dump());
  return std::nullopt;
}

std::vector<std::string> string_list(const json& value, const char* key,
                                     std::vector<std::string>& refused) {
  std::vector<std::string> out;
  if (value.is_string()) {
    out.push_back(value.get<std::string>());
    return out;
  }
  if (!value.is_array()) {
    refused.push_back(std::string(key) + ": expected a list of names");
    return out;
  }
  for (const auto& item : value) {
    if (item.is_string() && !item.get<std::string>().empty())
      out.push_back(item.get<std::string>());
    else
      refused.push_back(std::string(key) + ": not a name: " + item.dump());
  }
  return out;
}

check::Severity severity_of(const Settings& settings, std::string_view check_id) {
  if (const auto it = settings.severities.find(std::string(check_id));
      it != settings.severities.end()) {
    return it->second;
  }
  const check::CheckInfo* info = check::find_check(check_id);
  return info ? info->severity : check::Severity::warning;
}

bool check_enabled(const Settings& settings, std::string_view check_id) {
  if (!settings.checks.empty())
    return settings.checks.contains(std::string(check_id));
  const check::CheckInfo* info = check::find_check(check_id);
  return info == nullptr || info->default_enabled;
}

int lsp_severity(check::Severity severity) {
  switch (severity) {
    case check::Severity::error:
      return 1;
    case check::Severity::warning:
      return 2;
    case check::Severity::info:
      return 3;
  }
  return 2;
}

json position_json(Position position) {
  return {{"line", position.line}, {"character", position.character}};
}

json range_json(const Range& range) {
  return {{"start", position_json(range.start)}, {"end", position_json(range.end)}};
}

Position position_from(const json& value) {
  if (!value.is_object() || !value.contains("line") || !value.contains("character"))
    throw InvalidParams("a position needs line and character");
  const auto line = value.at("line").get<long long>();
  const auto character = value.at("character").get<long long>();
  if (line < 0 || character < 0)
    throw InvalidParams("a position cannot be negative");
  return {static_cast<std::size_t>(line), static_cast<std::size_t>(character)};
}

Range range_from(const json& value) {
  if (!value.is_object())
    throw InvalidParams("a range must be an object");
  return {position_from(value.at("start")), position_from(value.at("end"))};
}

// A file name's inner extension names the language in the corpus' convention ("x.ru.txt").
std::optional<Language> language_from_name(const std::string& path) {
  const std::filesystem::path stem = std::filesystem::path(path).stem();
  const std::string inner = stem.extension().string();
  if (inner.size() == 3)
    return text::parse_language(inner.substr(1));
  return std::nullopt;
}

// The bilingual formats whose findings come from the checker. ".txt" is plain text here, not
// TSV as for `tolk check`: a translator's notes are not aligned pairs.
std::optional<check::InputFormat> bilingual_format(const std::string& path) {
  std::string extension = std::filesystem::path(path).extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (extension == ".txt" || extension.empty())
    return std::nullopt;
  return check::format_from_name(path);
}

bool is_word_byte(unsigned char c) {
  return c >= 0x80 || std::isalnum(c) || c == '-' || c == '\'';
}

// The term put in place of `original`, in the case of the text it replaces: capitalised at a
// sentence start, lower case in mid-sentence; a name keeps its capitals.
std::string in_case_of_text(const termbase::Term& term, std::string_view original) {
  if (term.part_of_speech == termbase::PartOfSpeech::proper_noun)
    return term.text;
  // A capital after the first word marks a name or a title ("Вооруженные Силы", "Law on Control
  // of the Activities ..."): raised at a sentence start, never lowered.
  const std::size_t space = term.text.find(' ');
  if (space != std::string::npos) {
    for (const char32_t c : text::to_code_points(std::string_view(term.text).substr(space))) {
      if (u_isupper(static_cast<UChar32>(c))) {
        const bool capital_wanted = text::with_initial_case_of("a", original) == "A";
        return capital_wanted ? text::with_initial_case_of(term.text, original) : term.text;
      }
    }
  }
  return text::with_initial_case_of(term.text, original);
}

// A term as completion offers it, with its keys computed once.
struct CompletionTerm {
  std::size_t concept_index = 0;
  const termbase::Term* term = nullptr;
  std::string key;       // search_key
  std::string translit;  // translit_key, Cyrillic terms only
  std::string latin;     // BGN transliteration, for the client's filter
};

}  // namespace

std::vector<std::string> apply_settings(const json& value, Settings& settings) {
  std::vector<std::string> refused;
  if (!value.is_object())
    return refused;
  const json& root = value.contains("tolk") && value["tolk"].is_object() ? value["tolk"] : value;
  if (root.contains("termbases"))
    settings.termbases = string_list(root["termbases"], "termbases", refused);
  if (root.contains("tms"))
    settings.tms = string_list(root["tms"], "tms", refused);
  if (root.contains("language"))
    settings.language = language_value(root["language"], "language", refused);
  if (root.contains("sourceLanguage"))
    settings.source_language = language_value(root["sourceLanguage"], "sourceLanguage", refused);
  if (root.contains("targetLanguage"))
    settings.target_language = language_value(root["targetLanguage"], "targetLanguage", refused);
  if (root.contains("checks")) {
    std::set<std::string> checks;
    for (const auto& id : string_list(root["checks"], "checks", refused)) {
      if (check::find_check(id))
        checks.insert(id);
      else
        refused.push_back("checks: unknown check '" + id + "'");
    }
    settings.checks = std::move(checks);
  }
  if (root.contains("severities")) {
    if (!root["severities"].is_object()) {
      refused.push_back("severities: expected an object {\"check-id\": \"error\"}");
    } else {
      for (const auto& [id, level] : root["severities"].items()) {
        const auto severity =
            level.is_string() ? check::parse_severity(level.get<std::string>()) : std::nullopt;
        if (!check::find_check(id) || !severity)
          refused.push_back("severities: " + id + " = " + level.dump());
        else
          settings.severities[id] = *severity;
      }
    }
  }
  if (root.contains("debounce")) {
    if (root["debounce"].is_number_integer() && root["debounce"].get<long long>() >= 0 &&
        root["debounce"].get<long long>() <= 60000)
      settings.debounce_milliseconds = root["debounce"].get<int>();
    else
      refused.push_back("debounce: milliseconds from 0 to 60000");
  }
  if (root.contains("maxDiagnosticsBytes")) {
    if (root["maxDiagnosticsBytes"].is_number_unsigned())
      settings.max_diagnostics_bytes = root["maxDiagnosticsBytes"].get<std::size_t>();
    else
      refused.push_back("maxDiagnosticsBytes: a number of bytes");
  }
  return refused;
}

struct Server::State {
  ServerOptions options;
  Settings& settings = options.settings;
  bool initialized = false;
  bool shutdown = false;
  bool exit = false;
  std::map<std::string, TextDocument> documents;
  std::map<std::string, Clock::time_point> pending;
  std::vector<json> outbox;  // notifications produced while handling a message

  // What the termbases and TMs give, loaded at initialize and when the settings change.
  std::vector<Concept> concepts;
  std::map<std::string, std::size_t, std::less<>> concept_by_id;
  std::optional<termbase::TermFinder> finder;
  std::vector<CompletionTerm> completion_terms;
  std::optional<check::Checker> checker;
  std::vector<std::pair<std::string, tm::TranslationMemory>> memories;
  std::optional<tm::Terminology> terminology;                       // for repairing TM matches
  std::map<std::string, std::vector<std::string>> session_ignores;  // uri -> ignore lines

  explicit State(ServerOptions server_options) : options(std::move(server_options)) {}

  std::string translate(const char* message) const {
    return options.translate ? options.translate(message) : std::string(message);
  }

  void show_message(int type, const std::string& message) {
    outbox.push_back(notification("window/showMessage", {{"type", type}, {"message", message}}));
  }

  void log_message(int type, const std::string& message) {
    outbox.push_back(notification("window/logMessage", {{"type", type}, {"message", message}}));
  }

  void load_resources() {
    concepts.clear();
    concept_by_id.clear();
    finder.reset();
    checker.reset();
    completion_terms.clear();
    memories.clear();
    terminology.reset();
    std::optional<store::Workspace> workspace;
    try {
      workspace = store::Workspace::open_existing(options.data_directory);
    } catch (const std::exception& error) {
      show_message(1, "tolk: " + std::string(error.what()));
    }
    if (workspace) {
      for (const auto& name : settings.termbases) {
        try {
          const auto directory = workspace->termbase_directory(name);
          if (!std::filesystem::exists(directory / "data.mdb")) {
            show_message(2,
                         "tolk: no termbase '" + name + "' in " + options.data_directory.string());
            continue;
          }
          for (auto& entry : termbase::Termbase::open_for_reading(directory).all())
            concepts.push_back(std::move(entry));
        } catch (const std::exception& error) {
          show_message(1, "tolk: termbase '" + name + "': " + error.what());
        }
      }
      for (const auto& name : settings.tms) {
        try {
          const auto directory = workspace->translation_memory_directory(name);
          if (!std::filesystem::exists(directory / "data.mdb")) {
            show_message(2, "tolk: no translation memory '" + name + "' in " +
                                options.data_directory.string());
            continue;
          }
          memories.emplace_back(name, tm::TranslationMemory::open_for_reading(directory));
        } catch (const std::exception& error) {
          show_message(1, "tolk: translation memory '" + name + "': " + error.what());
        }
      }
    }
    for (std::size_t i = 0; i < concepts.size(); ++i)
      concept_by_id.emplace(concepts[i].id, i);
    finder.emplace(concepts);
    rebuild_checker();
    for (std::size_t i = 0; i < concepts.size(); ++i) {
      for (const auto& term : concepts[i].terms) {
        if (term.status == TermStatus::deprecated || term.status == TermStatus::superseded)
          continue;  // completion proposes only what may be written
        CompletionTerm entry;
        entry.concept_index = i;
        entry.term = &term;
        entry.key = text::search_key(term.text, term.language);
        if (text::has_cyrillic(term.text)) {
          entry.translit = text::translit_key(term.text);
          entry.latin = text::cyrillic_to_latin(term.text);
        }
        completion_terms.push_back(std::move(entry));
      }
    }
    if (!memories.empty())
      terminology.emplace(concepts);
    log_message(3, "tolk: " + std::to_string(concepts.size()) + " concepts, " +
                       std::to_string(memories.size()) + " translation memories");
  }

  void rebuild_checker() {
    check::CheckOptions check_options;
    check_options.enabled = settings.checks;
    check_options.severities = settings.severities;
    checker.emplace(concepts, check_options);
  }

  const Concept* concept_of(std::string_view id) const {
    const auto it = concept_by_id.find(id);
    return it == concept_by_id.end() ? nullptr : &concepts[it->second];
  }

  TextDocument& document(const json& params) {
    const std::string uri = params.at("textDocument").at("uri").get<std::string>();
    const auto it = documents.find(uri);
    if (it == documents.end())
      throw InvalidParams("document not open: " + uri);
    return it->second;
  }

  mutable std::map<std::string, Language> detected_languages;  // by URI, until the text changes

  Language language_of(const TextDocument& document) const {
    if (settings.language)
      return *settings.language;
    if (auto language = text::parse_language(document.language_id()))
      return *language;
    if (auto language = language_from_name(uri_to_path(document.uri())))
      return *language;
    // Detected once per text: hover, completion and every line of a code action ask again.
    auto [cached, inserted] = detected_languages.try_emplace(document.uri(), Language::nl);
    if (inserted)
      cached->second = text::detect_language(document.text());
    return cached->second;
  }

  // The languages to try for the terms of one line: Russian first where it is Cyrillic, then the
  // document's language, then the rest (a PO or TSV line may be either side).
  std::vector<Language> languages_for_line(const TextDocument& document,
                                           std::string_view line) const {
    std::vector<Language> order;
    if (text::has_cyrillic(line))
      order.push_back(Language::ru);
    const Language own = language_of(document);
    if (std::find(order.begin(), order.end(), own) == order.end())
      order.push_back(own);
    for (const Language language : text::kSupportedLanguages) {
      if (std::find(order.begin(), order.end(), language) == order.end())
        order.push_back(language);
    }
    return order;
  }

  // The deprecated or superseded term a hit stands for, or "" (see check/'s deprecated-term: the
  // finder reports the first term with the hit's lemmas, so a deprecated spelling that differs
  // only in form is recognised by its search key).
  std::string deprecated_term(const TermHit& hit) const {
    if (hit.status == TermStatus::deprecated || hit.status == TermStatus::superseded)
      return hit.term;
    const Concept* entry = concept_of(hit.concept_id);
    if (entry == nullptr)
      return {};
    const std::string key = text::search_key(hit.matched_text, hit.language);
    for (const termbase::Term* term : entry->terms_in(hit.language)) {
      if ((term->status == TermStatus::deprecated || term->status == TermStatus::superseded) &&
          text::search_key(term->text, hit.language) == key)
        return term->text;
    }
    return {};
  }

  std::string preferred_term(const TermHit& hit) const {
    const Concept* entry = concept_of(hit.concept_id);
    const termbase::Term* preferred = entry ? entry->preferred_term(hit.language) : nullptr;
    return preferred ? preferred->text : std::string();
  }

  check::IgnoreList ignore_list(const TextDocument& document) const {
    std::string content;
    const std::string path = uri_to_path(document.uri());
    if (!path.empty()) {
      std::error_code error;
      if (std::filesystem::is_regular_file(path + ".tolkignore", error))
        content = io::read_whole_file(path + ".tolkignore");
    }
    if (const auto it = session_ignores.find(document.uri()); it != session_ignores.end()) {
      for (const auto& line : it->second)
        content += "\n" + line;
    }
    return check::IgnoreList::parse(content);
  }

  Range hit_range(const TextDocument& document, std::size_t line_begin, const TermHit& hit) const {
    return {document.position_at(line_begin + hit.begin),
            document.position_at(line_begin + hit.end)};
  }

  json term_diagnostics(const TextDocument& document) {
    json diagnostics = json::array();
    if (!check_enabled(settings, "deprecated-term") || !finder)
      return diagnostics;
    const Language language = language_of(document);
    const check::IgnoreList ignore = ignore_list(document);
    const auto hits = finder->find(document.text(), language);
    for (const TermHit& hit : hits) {
      const std::string deprecated = deprecated_term(hit);
      if (deprecated.empty())
        continue;
      check::Finding finding;
      finding.check = "deprecated-term";
      finding.severity = severity_of(settings, finding.check);
      finding.segment_id = std::to_string(hit.line);
      finding.line = hit.line;
      finding.subject = deprecated;
      finding.found = hit.matched_text;
      const std::string preferred = preferred_term(hit);
      finding.expected = preferred != deprecated ? preferred : "";
      if (ignore.ignores(finding))
        continue;
      json data = {{"check", finding.check}, {"concept", hit.concept_id}, {"term", deprecated}};
      if (!finding.expected.empty())
        data["preferred"] = finding.expected;
      diagnostics.push_back(
          {{"range", range_json(hit_range(document, 0, hit))},
           {"severity", lsp_severity(finding.severity)},
           {"code", finding.check},
           {"source", "tolk"},
           {"message", check::format_message(translate(check::message_template(finding)), finding)},
           {"data", data}});
    }
    return diagnostics;
  }

  // Where a finding stands: its text on the segment's line or the lines after it, else the line.
  // On a TSV line the findings are about the target, the last column: the search starts there.
  Range finding_range(const TextDocument& document, const check::Finding& finding, bool tsv) const {
    const std::size_t line = finding.line > 0 ? finding.line - 1 : 0;
    const auto [begin, end] = document.line_bytes(line);
    const std::string_view text = document.text();
    std::size_t first = begin;
    if (const auto tab = text.substr(begin, end - begin).rfind('\t');
        tsv && tab != std::string_view::npos)
      first = begin + tab + 1;
    if (!finding.found.empty()) {
      const auto window_end = std::min(text.size(), begin + 64 * 1024);
      const auto at = text.substr(0, window_end).find(finding.found, first);
      if (at != std::string_view::npos)
        return {document.position_at(at), document.position_at(at + finding.found.size())};
    }
    while (first < end && (text[first] == ' ' || text[first] == '\t'))
      ++first;
    return {document.position_at(first), document.position_at(end)};
  }

  json bilingual_diagnostics(const TextDocument& document, check::InputFormat format) {
    json diagnostics = json::array();
    // The buffer with its unsaved edits, read as the file it stands for.
    check::BilingualDocument bilingual;
    try {
      bilingual = check::read_document_text(document.text(), uri_to_path(document.uri()), format,
                                            settings.source_language, settings.target_language);
    } catch (const std::exception& error) {
      diagnostics.push_back({{"range", range_json({})},
                             {"severity", 1},
                             {"source", "tolk"},
                             {"message", error.what()}});
      return diagnostics;
    }
    for (const auto& issue : bilingual.issues) {
      const std::size_t line = issue.line > 0 ? issue.line - 1 : 0;
      diagnostics.push_back({{"range", range_json({{line, 0}, {line, 0}})},
                             {"severity", 2},
                             {"source", "tolk"},
                             {"message", issue.reason}});
    }
    const auto findings = checker->check(bilingual, ignore_list(document));
    for (const auto& finding : findings) {
      json data = {{"check", finding.check}, {"segment", finding.segment_id}};
      if (!finding.subject.empty())
        data["subject"] = finding.subject;
      if (!finding.expected.empty())
        data["preferred"] = finding.expected;
      if (!finding.found.empty())
        data["found"] = finding.found;
      diagnostics.push_back(
          {{"range",
            range_json(finding_range(document, finding, format == check::InputFormat::tsv))},
           {"severity", lsp_severity(finding.severity)},
           {"code", finding.check},
           {"source", "tolk"},
           {"message", check::format_message(translate(check::message_template(finding)), finding)},
           {"data", data}});
    }
    return diagnostics;
  }

  json diagnostics_notification(const TextDocument& document) {
    json diagnostics = json::array();
    if (document.text().size() > settings.max_diagnostics_bytes) {
      diagnostics.push_back(
          {{"range", range_json({})},
           {"severity", 3},
           {"source", "tolk"},
           {"message", "tolk: the document has " + std::to_string(document.text().size()) +
                           " bytes, more than maxDiagnosticsBytes (" +
                           std::to_string(settings.max_diagnostics_bytes) +
                           "): no diagnostics; hover and completion still work"}});
    } else if (const auto format = bilingual_format(uri_to_path(document.uri()))) {
      diagnostics = bilingual_diagnostics(document, *format);
    } else {
      diagnostics = term_diagnostics(document);
    }
    return notification(
        "textDocument/publishDiagnostics",
        {{"uri", document.uri()}, {"version", document.version()}, {"diagnostics", diagnostics}});
  }

  // The term hits of one line, in the first language that has any.
  std::pair<std::size_t, std::vector<TermHit>> line_hits(const TextDocument& document,
                                                         std::size_t line) const {
    const auto [begin, end] = document.line_bytes(line);
    const std::string_view text = std::string_view(document.text()).substr(begin, end - begin);
    if (!finder || text.size() > 64 * 1024)
      return {begin, {}};
    for (const Language language : languages_for_line(document, text)) {
      auto hits = finder->find(text, language);
      if (!hits.empty())
        return {begin, std::move(hits)};
    }
    return {begin, {}};
  }

  std::string concept_card(const Concept& entry, const TermHit* hit) const {
    std::ostringstream card;
    if (hit != nullptr) {
      card << "**" << hit->term << "** (" << tolk::json::status_label(hit->status) << ")";
      if (hit->matched_text != hit->term)
        card << " — " << hit->matched_text;
      card << "\n\n";
    }
    card << "| nl | en | ru |\n|---|---|---|\n|";
    for (const Language language : text::kSupportedLanguages) {
      std::string cell;
      for (const termbase::Term* term : entry.terms_in(language)) {
        if (!cell.empty())
          cell += "; ";
        cell += term->text;
        if (term->status != TermStatus::preferred)
          cell += " (" + tolk::json::status_label(term->status) + ")";
      }
      card << ' ' << termbase::markdown_table_cell(cell) << " |";
    }
    card << "\n";
    if (!entry.legal_references.empty()) {
      card << "\n**Legal reference:** " << entry.joined_titled_references() << "\n";
    }
    for (const auto& [language, definition] : entry.definitions)
      card << "\n**Definition** (" << text::language_code(language) << "): " << definition << "\n";
    const termbase::Citation* citation = nullptr;
    if (!entry.citations.empty()) {
      citation = &entry.citations.front();
    } else {
      for (const auto& term : entry.terms) {
        if (!term.citations.empty()) {
          citation = &term.citations.front();
          break;
        }
      }
    }
    if (citation != nullptr) {
      card << "\n**Citation:** " << citation->file << ':' << citation->line << " “"
           << citation->quote << "”\n";
    }
    card << "\n`" << entry.id << "`";
    return card.str();
  }

  json hover(const json& params) {
    const TextDocument& document = this->document(params);
    const Position position = position_from(params.at("position"));
    const auto [line_begin, hits] = line_hits(document, position.line);
    const std::size_t offset = document.byte_offset(position) - line_begin;
    for (const TermHit& hit : hits) {
      if (hit.begin <= offset && offset <= hit.end) {
        const Concept* entry = concept_of(hit.concept_id);
        if (entry == nullptr)
          continue;
        return {{"contents", {{"kind", "markdown"}, {"value", concept_card(*entry, &hit)}}},
                {"range", range_json(hit_range(document, line_begin, hit))}};
      }
    }
    return nullptr;
  }

  json completion(const json& params) {
    const TextDocument& document = this->document(params);
    const Position position = position_from(params.at("position"));
    const std::string& text = document.text();
    const std::size_t offset = document.byte_offset(position);
    const auto [line_begin, line_end] = document.line_bytes(position.line);
    std::size_t word_begin = offset;
    while (word_begin > line_begin &&
           is_word_byte(static_cast<unsigned char>(text[word_begin - 1])))
      --word_begin;
    const std::string prefix = text.substr(word_begin, offset - word_begin);
    const Range word_range{document.position_at(word_begin), position};
    const Language language = language_of(document);

    json items = json::array();
    bool incomplete = false;
    if (!prefix.empty()) {
      const std::string prefix_key = text::search_key(prefix, language);
      const bool latin = !text::has_cyrillic(prefix);
      const std::string prefix_translit = latin ? text::translit_key(prefix) : std::string();
      std::set<std::string> seen;
      for (const CompletionTerm& entry : completion_terms) {
        const termbase::Term& term = *entry.term;
        const bool by_prefix =
            (term.language == language ||
             (settings.target_language && term.language == *settings.target_language)) &&
            entry.key.starts_with(prefix_key);
        const bool by_translit = !by_prefix && latin && prefix_translit.size() >= 3 &&
                                 !entry.translit.empty() &&
                                 entry.translit.starts_with(prefix_translit);
        if ((!by_prefix && !by_translit) || !seen.insert(term.text).second)
          continue;
        if (items.size() == kMaxCompletionItems) {
          incomplete = true;
          break;
        }
        const Concept& entry_concept = concepts[entry.concept_index];
        json item = {
            {"label", term.text},
            {"kind", 1},
            {"detail", tolk::json::status_label(term.status) + " · " +
                           std::string(text::language_code(term.language)) + " · " +
                           entry_concept.id},
            {"documentation",
             {{"kind", "markdown"}, {"value", concept_card(entry_concept, nullptr)}}},
            {"textEdit",
             {{"range", range_json(word_range)}, {"newText", in_case_of_text(term, prefix)}}},
            // What the client filters on must start like what was typed: the Latin spelling for a
            // Cyrillic term reached by transliteration.
            {"filterText", by_translit ? entry.latin : term.text},
            {"sortText", std::string(by_prefix ? "0" : "1") +
                             (term.status == TermStatus::preferred ? "0" : "1") + term.text},
            {"data",
             {{"concept", entry_concept.id},
              {"source", by_prefix ? "prefix" : "transliteration"}}}};
        items.push_back(std::move(item));
      }
    }
    append_tm_items(document, language, position, word_range, prefix, items);
    return {{"isIncomplete", incomplete}, {"items", items}};
  }

  void append_tm_items(const TextDocument& document, Language language, Position position,
                       const Range& word_range, const std::string& prefix, json& items) {
    if (memories.empty())
      return;
    const auto [line_begin, line_end] = document.line_bytes(position.line);
    std::string_view line =
        std::string_view(document.text()).substr(line_begin, line_end - line_begin);
    // A TSV line is "source<TAB>target": the source is the segment, the target column is replaced.
    std::optional<Range> target_range;
    std::optional<Language> source_language = language;
    const auto tab = line.find('\t');
    if (tab != std::string_view::npos) {
      target_range =
          Range{document.position_at(line_begin + tab + 1), document.position_at(line_end)};
      line = line.substr(0, tab);
      source_language = settings.source_language
                            ? settings.source_language
                            : std::optional<Language>(text::detect_language(line));
    }
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t'))
      line.remove_prefix(1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r'))
      line.remove_suffix(1);
    if (line.empty() || line.size() > 4096)
      return;
    Language target = settings.target_language.value_or(
        *source_language == Language::en ? Language::ru : Language::en);
    if (target == *source_language)
      return;
    tm::MatchOptions match_options;
    match_options.source_language = std::string(text::language_code(*source_language));
    match_options.target_language = std::string(text::language_code(target));
    match_options.min_score = 70;
    match_options.max_results = 5;
    const tm::SegmentAnalysis query = tm::analyze_text(line, match_options.source_language);
    std::size_t rank = 0;
    for (const auto& [name, memory] : memories) {
      for (const tm::Match& match : memory.match(line, match_options)) {
        const tm::RepairedTarget repaired =
            tm::repair_match(query, match, match_options, terminology ? &*terminology : nullptr);
        const Range range = target_range.value_or(word_range);
        items.push_back(
            {{"label", repaired.text},
             {"kind", 1},
             {"detail",
              "TM " + name + " " + std::to_string(match.score.score) + "%: " + match.source},
             {"textEdit", {{"range", range_json(range)}, {"newText", repaired.text}}},
             {"filterText", target_range ? repaired.text : prefix + repaired.text},
             {"sortText", "2" + std::to_string(1000 + rank++)},
             {"data", {{"source", "tm"}, {"score", match.score.score}, {"unit", match.unit.id}}}});
      }
    }
  }

  json code_actions(const json& params) {
    const TextDocument& document = this->document(params);
    const Range range = range_from(params.at("range"));
    json actions = json::array();
    const std::size_t range_begin = document.byte_offset(range.start);
    const std::size_t range_end = document.byte_offset(range.end);
    const std::string path = uri_to_path(document.uri());
    const std::string ignore_target =
        path.empty() ? std::string("this session")
                     : std::filesystem::path(path).filename().string() + ".tolkignore";

    // Replacements: deprecated terms on the lines of the range, touching the range.
    {
      for (std::size_t line = range.start.line;
           line <= range.end.line && line < range.start.line + 200; ++line) {
        const auto [line_begin, hits] = line_hits(document, line);
        for (const TermHit& hit : hits) {
          if (line_begin + hit.end < range_begin || line_begin + hit.begin > range_end)
            continue;
          const std::string deprecated = deprecated_term(hit);
          const std::string preferred = preferred_term(hit);
          if (deprecated.empty() || preferred.empty() || preferred == deprecated)
            continue;
          // The text layer lemmatises but does not generate inflected forms: an inflected
          // occurrence gets the preferred term's dictionary form, and the title says so.
          const bool inflected = text::search_key(hit.matched_text, hit.language) !=
                                 text::search_key(deprecated, hit.language);
          const Concept* hit_concept = concept_of(hit.concept_id);
          const std::string replacement =
              in_case_of_text(*hit_concept->preferred_term(hit.language), hit.matched_text);
          const Range where = hit_range(document, line_begin, hit);
          std::string title = "Replace '" + hit.matched_text + "' with '" + replacement + "'";
          if (inflected)
            title += " (dictionary form: adjust the ending)";
          json edit = {{"range", range_json(where)}, {"newText", replacement}};
          actions.push_back({{"title", title},
                             {"kind", "quickfix"},
                             {"isPreferred", !inflected},
                             {"edit", {{"changes", {{document.uri(), json::array({edit})}}}}}});
          actions.push_back({{"title", "Ignore '" + deprecated + "' in " + ignore_target},
                             {"kind", "quickfix"},
                             {"command",
                              {{"title", "Ignore"},
                               {"command", std::string(kIgnoreCommand)},
                               {"arguments", json::array({{{"uri", document.uri()},
                                                           {"check", "deprecated-term"},
                                                           {"segment", "*"},
                                                           {"text", deprecated}}})}}}});
        }
      }
    }
    // Findings of the checker in bilingual files: ignore this one in its segment.
    if (params.contains("context") && params["context"].contains("diagnostics")) {
      for (const auto& diagnostic : params["context"]["diagnostics"]) {
        if (!diagnostic.is_object() || !diagnostic.contains("data") ||
            !diagnostic["data"].is_object() || !diagnostic["data"].contains("segment"))
          continue;
        const json& data = diagnostic["data"];
        const std::string check_id = data.value("check", "");
        const std::string subject = data.value("subject", "");
        actions.push_back(
            {{"title", "Ignore this " + check_id + " finding in segment " +
                           data["segment"].get<std::string>() + " (" + ignore_target + ")"},
             {"kind", "quickfix"},
             {"diagnostics", json::array({diagnostic})},
             {"command",
              {{"title", "Ignore"},
               {"command", std::string(kIgnoreCommand)},
               {"arguments", json::array({{{"uri", document.uri()},
                                           {"check", check_id},
                                           {"segment", data["segment"]},
                                           {"text", subject}}})}}}});
      }
    }
    return actions;
  }

  // tolk.ignore {uri, check, segment, text}: a line in FILE.tolkignore (the file `tolk check`
  // reads too), or for the session only when the document is not a local file.
  json execute_command(const json& params, Clock::time_point now) {
    const std::string command = params.at("command").get<std::string>();
    if (command != kIgnoreCommand)
      throw InvalidParams("unknown command: " + command);
    const json& arguments = params.at("arguments");
    if (!arguments.is_array() || arguments.empty() || !arguments[0].is_object())
      throw InvalidParams("tolk.ignore takes {uri, check, segment, text}");
    const json& argument = arguments[0];
    const std::string uri = argument.at("uri").get<std::string>();
    std::string line = argument.value("check", "") + "\t" + argument.value("segment", "*") + "\t" +
                       argument.value("text", "");
    std::replace(line.begin(), line.end(), '\n', ' ');
    const std::string path = uri_to_path(uri);
    bool written = false;
    if (!path.empty()) {
      std::ofstream out(path + ".tolkignore", std::ios::binary | std::ios::app);
      if (out) {
        out << line << '\n';
        written = static_cast<bool>(out);
      }
    }
    if (!written)
      session_ignores[uri].push_back(line);
    if (documents.contains(uri))
      pending[uri] = now;
    return {{"ignored", line}, {"file", written ? path + ".tolkignore" : ""}};
  }

  json initialize(const json& params) {
    if (params.is_object() && params.contains("initializationOptions")) {
      for (const auto& message : apply_settings(params["initializationOptions"], settings))
        show_message(2, "tolk: " + message);
    }
    load_resources();
    initialized = true;
    return {
        {"capabilities",
         {{"positionEncoding", "utf-16"},
          {"textDocumentSync", {{"openClose", true}, {"change", 2}, {"save", false}}},
          {"hoverProvider", true},
          {"completionProvider",
           {{"resolveProvider", false}, {"triggerCharacters", json::array()}}},
          {"codeActionProvider", {{"codeActionKinds", json::array({"quickfix"})}}},
          {"executeCommandProvider", {{"commands", json::array({std::string(kIgnoreCommand)})}}}}},
        {"serverInfo", {{"name", "tolk"}}}};
  }

  void change_configuration(const json& params, Clock::time_point now) {
    const Settings before = settings;
    if (params.is_object() && params.contains("settings")) {
      for (const auto& message : apply_settings(params["settings"], settings))
        show_message(2, "tolk: " + message);
    }
    if (settings.termbases != before.termbases || settings.tms != before.tms)
      load_resources();
    else if (settings.checks != before.checks || settings.severities != before.severities)
      rebuild_checker();
    for (const auto& [uri, document] : documents)
      pending[uri] = now;
  }

  void did_open(const json& params, Clock::time_point now) {
    const json& item = params.at("textDocument");
    const std::string uri = item.at("uri").get<std::string>();
    documents.insert_or_assign(
        uri, TextDocument(uri, item.value("languageId", ""), item.value("version", 0L),
                          item.at("text").get<std::string>()));
    detected_languages.erase(uri);
    pending[uri] = now;
  }

  void did_change(const json& params, Clock::time_point now) {
    TextDocument& document = this->document(params);
    for (const auto& change : params.at("contentChanges")) {
      if (change.contains("range"))
        document.replace(range_from(change["range"]), change.at("text").get<std::string>());
      else
        document.replace_all(change.at("text").get<std::string>());
    }
    if (params["textDocument"].contains("version") && params["textDocument"]["version"].is_number())
      document.set_version(params["textDocument"]["version"].get<long>());
    detected_languages.erase(document.uri());
    pending[document.uri()] = now + std::chrono::milliseconds(settings.debounce_milliseconds);
  }

  void did_close(const json& params) {
    const std::string uri = params.at("textDocument").at("uri").get<std::string>();
    documents.erase(uri);
    detected_languages.erase(uri);
    pending.erase(uri);
    outbox.push_back(notification("textDocument/publishDiagnostics",
                                  {{"uri", uri}, {"diagnostics", json::array()}}));
  }

  json request(const std::string& method, const json& params, Clock::time_point now) {
    if (method == "shutdown") {
      shutdown = true;
      return nullptr;
    }
    if (method == "textDocument/hover")
      return hover(params);
    if (method == "textDocument/completion")
      return completion(params);
    if (method == "textDocument/codeAction")
      return code_actions(params);
    if (method == "workspace/executeCommand")
      return execute_command(params, now);
    throw MethodNotFound(method);
  }

  void notify(const std::string& method, const json& params, Clock::time_point now) {
    if (method == "textDocument/didOpen")
      did_open(params, now);
    else if (method == "textDocument/didChange")
      did_change(params, now);
    else if (method == "textDocument/didClose")
      did_close(params);
    else if (method == "workspace/didChangeConfiguration")
      change_configuration(params, now);
    // initialized, didSave, $/cancelRequest, $/setTrace and unknown notifications: nothing to do
  }
};

Server::Server(ServerOptions options) : state_(std::make_unique<State>(std::move(options))) {}
Server::~Server() = default;

bool Server::exit_requested() const {
  return state_->exit;
}

int Server::exit_code() const {
  return state_->shutdown ? 0 : 1;
}

std::vector<json> Server::handle(std::string_view body, Clock::time_point now) {
  json message;
  try {
    message = json::parse(body);
  } catch (const json::parse_error& error) {
    return {error_response(nullptr, error_code::parse_error,
                           std::string("Parse error: ") + error.what())};
  }
  return handle_message(message, now);
}

std::vector<json> Server::handle_message(const json& message, Clock::time_point now) {
  State& state = *state_;
  std::vector<json> out;
  const auto flush_outbox = [&] {
    for (auto& item : state.outbox)
      out.push_back(std::move(item));
    state.outbox.clear();
  };
  const bool has_id = message.is_object() && message.contains("id");
  const json id = has_id ? message["id"] : json(nullptr);
  if (!message.is_object() ||
      (has_id && !id.is_string() && !id.is_number_integer() && !id.is_null())) {
    out.push_back(error_response(nullptr, error_code::invalid_request,
                                 "Invalid Request: not a JSON-RPC message object"));
    return out;
  }
  if (!message.contains("method")) {
    return out;  // a response to a request of ours, or nothing: either way no answer
  }
  if (!message["method"].is_string()) {
    if (has_id)
      out.push_back(error_response(id, error_code::invalid_request, "Invalid Request: method"));
    return out;
  }
  const std::string method = message["method"].get<std::string>();
  static const json kNoParameters = json::object();
  // A reference: the parameters of didOpen and didChange carry the whole document.
  const json& params = message.contains("params") ? message["params"] : kNoParameters;

  if (!has_id) {
    if (method == "exit") {
      state.exit = true;
      return out;
    }
    if (!state.initialized || state.shutdown)
      return out;
    try {
      state.notify(method, params, now);
    } catch (const std::exception& error) {
      state.log_message(1, "tolk: " + method + ": " + error.what());
    }
    flush_outbox();
    return out;
  }

  if (method == "initialize") {
    if (state.initialized) {
      out.push_back(error_response(id, error_code::invalid_request, "already initialized"));
      return out;
    }
    try {
      out.push_back(result_response(id, state.initialize(params)));
    } catch (const std::exception& error) {
      out.push_back(error_response(id, error_code::internal_error, error.what()));
    }
    flush_outbox();
    return out;
  }
  if (!state.initialized) {
    out.push_back(error_response(id, error_code::server_not_initialized, "Server not initialized"));
    return out;
  }
  if (state.shutdown) {
    out.push_back(error_response(id, error_code::invalid_request, "shutdown was requested"));
    return out;
  }
  try {
    out.push_back(result_response(id, state.request(method, params, now)));
  } catch (const MethodNotFound&) {
    out.push_back(error_response(id, error_code::method_not_found, "Method not found: " + method));
  } catch (const InvalidParams& error) {
    out.push_back(error_response(id, error_code::invalid_params, error.what()));
  } catch (const json::exception& error) {
    out.push_back(error_response(id, error_code::invalid_params, error.what()));
  } catch (const std::exception& error) {
    out.push_back(error_response(id, error_code::request_failed, error.what()));
  }
  flush_outbox();
  return out;
}

std::vector<json> Server::publish_due_diagnostics(Clock::time_point now) {
  State& state = *state_;
  std::vector<json> out;
  for (auto it = state.pending.begin(); it != state.pending.end();) {
    if (it->second > now) {
      ++it;
      continue;
    }
    const auto document = state.documents.find(it->first);
    if (document != state.documents.end()) {
      try {
        out.push_back(state.diagnostics_notification(document->second));
      } catch (const std::exception& error) {
        out.push_back(notification(
            "window/logMessage",
            {{"type", 1}, {"message", "tolk: diagnostics of " + it->first + ": " + error.what()}}));
      }
    }
    it = state.pending.erase(it);
  }
  for (auto& item : state.outbox)
    out.push_back(std::move(item));
  state.outbox.clear();
  return out;
}

std::optional<Server::Clock::time_point> Server::next_deadline() const {
  std::optional<Clock::time_point> next;
  for (const auto& [uri, due] : state_->pending) {
    if (!next || due < *next)
      next = due;
  }
  return next;
}

}  // namespace tolk::lsp
