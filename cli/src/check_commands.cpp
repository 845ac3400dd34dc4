#include "check_commands.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "exit_codes.hpp"
#include "messages.hpp"
#include "tolk/check/checker.hpp"
#include "tolk/check/document.hpp"
#include "tolk/json/check_json.hpp"
#include "tolk/store/workspace.hpp"
#include "tolk/termbase/termbase.hpp"
#include "tolk_version.hpp"

namespace tolk::cli {
namespace {

using nlohmann::json;

struct CheckCommandOptions {
  std::vector<std::string> files;  // the document, or a source and a target text
  std::string input_format = "auto";
  std::string output_format = "text";
  bool json = false;
  std::string from;
  std::string to;
  std::string checks;
  std::vector<std::string> severities;
  std::string ignore_file;
  std::string fail_on = "warning";
  std::string termbase = "legal";
};

std::vector<std::string> split_list(const std::string& list) {
  std::vector<std::string> out;
  std::stringstream stream(list);
  for (std::string item; std::getline(stream, item, ',');) {
    const auto begin = item.find_first_not_of(' ');
    const auto end = item.find_last_not_of(' ');
    if (begin != std::string::npos)
      out.push_back(item.substr(begin, end - begin + 1));
  }
  return out;
}

std::optional<text::Language> optional_language(const std::string& tag) {
  if (tag.empty())
    return std::nullopt;
  return text::require_language(tag);
}

check::BilingualDocument read_input_document(const CheckCommandOptions& options) {
  if (options.files.size() == 2) {
    if (options.from.empty() || options.to.empty())
      throw UsageError(tr("two aligned text files need --from and --to"));
    return check::read_aligned_text(options.files[0], options.files[1],
                                    text::require_language(options.from),
                                    text::require_language(options.to));
  }
  const std::filesystem::path file = options.files.front();
  std::optional<check::InputFormat> format;
  if (options.input_format == "auto") {
    format = check::format_from_name(file);
    if (!format)
      throw UsageError(file.string() + ": " +
                       tr("cannot tell the format from the file name: give --input-format"));
  } else if (options.input_format == "xliff") {
    format = check::InputFormat::xliff;
  } else if (options.input_format == "tmx") {
    format = check::InputFormat::tmx;
  } else if (options.input_format == "po") {
    format = check::InputFormat::po;
  } else {
    format = check::InputFormat::tsv;
  }
  if (!std::filesystem::exists(file))
    throw UsageError(file.string() + ": " + tr("no such file"));
  return check::read_document(file, *format, optional_language(options.from),
                              optional_language(options.to));
}

std::vector<termbase::Concept> load_concepts(const GlobalOptions& global, const std::string& name) {
  return open_existing_termbase(global, name).all();
}

std::string severity_label(check::Severity severity) {
  switch (severity) {
    case check::Severity::error:
      return tr("error");
    case check::Severity::warning:
      return tr("warning");
    case check::Severity::info:
      return tr("info");
  }
  return {};
}

std::string sarif_level(check::Severity severity) {
  switch (severity) {
    case check::Severity::error:
      return "error";
    case check::Severity::warning:
      return "warning";
    case check::Severity::info:
      return "note";
  }
  return "warning";
}

std::string message_of(const check::Finding& finding) {
  return check::format_message(tr(check::message_template(finding)), finding);
}

using Counts = tolk::json::FindingCounts;

std::string summary_line(const check::BilingualDocument& document, const Counts& counts) {
  std::ostringstream out;
  out << document.name << ": " << document.segments.size() << ' ' << tr("segments checked") << ", "
      << counts.errors << ' ' << tr("errors") << ", " << counts.warnings << ' ' << tr("warnings")
      << ", " << counts.info << ' ' << tr("info");
  return out.str();
}

void print_text(const check::BilingualDocument& document,
                const std::vector<check::Finding>& findings, const Counts& counts) {
  const std::string* previous = nullptr;
  for (const auto& finding : findings) {
    if (previous == nullptr || *previous != finding.segment_id) {
      std::cout << document.name << ':' << finding.line << ": " << tr("segment") << ' '
                << finding.segment_id << '\n';
      previous = &finding.segment_id;
    }
    std::cout << "  " << severity_label(finding.severity) << " [" << finding.check << "] "
              << message_of(finding) << '\n';
  }
  std::cout << summary_line(document, counts) << '\n';
}

std::string file_uri(const std::string& name) {
  std::string out;
  for (const char c : std::filesystem::path(name).generic_string()) {
    if (c == ' ')
      out += "%20";
    else if (c == '%')
      out += "%25";
    else
      out += c;
  }
  return out;
}

json sarif_json(const check::BilingualDocument& document,
                const std::vector<check::Finding>& findings) {
  json rules = json::array();
  for (const auto& info : check::all_checks()) {
    rules.push_back({{"id", std::string(info.id)},
                     {"shortDescription", {{"text", std::string(info.description)}}},
                     {"defaultConfiguration", {{"level", sarif_level(info.severity)}}}});
  }
  json results = json::array();
  const auto checks = check::all_checks();
  for (const auto& finding : findings) {
    std::size_t rule_index = 0;
    while (rule_index < checks.size() && checks[rule_index].id != finding.check)
      ++rule_index;
    json region = {{"startLine", std::max<std::size_t>(finding.line, 1)}};
    results.push_back(
        {{"ruleId", finding.check},
         {"ruleIndex", rule_index},
         {"level", sarif_level(finding.severity)},
         {"message", {{"text", message_of(finding)}}},
         {"locations",
          json::array(
              {{{"physicalLocation",
                 {{"artifactLocation", {{"uri", file_uri(document.name)}}}, {"region", region}}},
                {"logicalLocations",
                 json::array({{{"name", finding.segment_id}, {"kind", "segment"}}})}}})}});
  }
  return {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
          {"version", "2.1.0"},
          {"runs",
           json::array(
               {{{"tool",
                  {{"driver", {{"name", "tolk"}, {"version", TOLK_VERSION}, {"rules", rules}}}}},
                 {"results", results}}})}};
}

int run_check(const GlobalOptions& global, const CheckCommandOptions& options) {
  check::CheckOptions check_options;
  for (const auto& id : split_list(options.checks)) {
    if (!check::find_check(id))
      throw UsageError(tr("unknown check") + " '" + id + "'");
    check_options.enabled.insert(id);
  }
  for (const auto& assignment : options.severities) {
    const auto equals = assignment.find('=');
    const std::string id = assignment.substr(0, equals);
    const auto level = equals == std::string::npos
                           ? std::nullopt
                           : check::parse_severity(assignment.substr(equals + 1));
    if (!check::find_check(id) || !level) {
      throw UsageError(tr("--severity takes CHECK=error|warning|info, not") + " '" + assignment +
                       "'");
    }
    check_options.severities[id] = *level;
  }
  std::optional<check::Severity> fail_on;
  if (options.fail_on != "never") {
    fail_on = check::parse_severity(options.fail_on);
    if (!fail_on)
      throw UsageError(tr("--fail-on takes error, warning, info or never"));
  }
  const std::string output = options.json ? "json" : options.output_format;

  const check::BilingualDocument document = read_input_document(options);
  check::IgnoreList ignore;
  const std::filesystem::path ignore_path =
      options.ignore_file.empty() ? std::filesystem::path(options.files.front() + ".tolkignore")
                                  : std::filesystem::path(options.ignore_file);
  if (std::filesystem::exists(ignore_path)) {
    std::ifstream in(ignore_path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    ignore = check::IgnoreList::parse(content.str());
  } else if (!options.ignore_file.empty()) {
    throw UsageError(options.ignore_file + ": " + tr("no such file"));
  }

  const auto concepts = load_concepts(global, options.termbase);
  const check::Checker checker(concepts, check_options);
  const auto findings = checker.check(document, ignore);
  const Counts counts = tolk::json::count_findings(findings);

  for (const auto& issue : document.issues)
    std::cerr << "tolk: " << tm::to_string(issue) << '\n';
  if (output == "json") {
    print_json(tolk::json::findings_json(document, findings, message_of));
  } else if (output == "sarif") {
    std::cout << sarif_json(document, findings).dump(2) << '\n';
    std::cerr << summary_line(document, counts) << '\n';
  } else {
    print_text(document, findings, counts);
  }
  // A file that stops being readable half-way was checked only up to there: the report above
  // covers that part, and the exit code says the input is invalid.
  if (std::ranges::any_of(document.issues, &tm::ImportIssue::rest_unread))
    return kError;
  if (!fail_on)
    return kSuccess;
  for (const auto& finding : findings) {
    if (finding.severity >= *fail_on)
      return kFindings;
  }
  return kSuccess;
}

}  // namespace

void add_check_commands(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto options = std::make_shared<CheckCommandOptions>();
  CLI::App* command = app.add_subcommand(
      "check", tr("Terminology QA on a bilingual file: missing and deprecated terms, "
                  "inconsistencies, legal references and numbers, untranslated segments"));
  command
      ->add_option("FILE", options->files,
                   tr("XLIFF, TMX, PO or TSV file; or a source and a target text aligned line by "
                      "line"))
      ->required()
      ->expected(1, 2);
  command
      ->add_option("--input-format", options->input_format,
                   tr("Input format (default: from the file name)"))
      ->check(CLI::IsMember({"auto", "xliff", "tmx", "po", "tsv"}));
  command->add_option("--format", options->output_format, tr("Output: text, json or sarif"))
      ->check(CLI::IsMember({"text", "json", "sarif"}));
  command->add_flag("--json", options->json, tr("Print JSON (same as --format json)"));
  command->add_option("--from", options->from, tr("Source language (default: from the file)"));
  command->add_option("--to", options->to, tr("Target language (default: from the file)"));
  command->add_option("--checks", options->checks,
                      tr("Checks to run, comma-separated (default: all but spelling)"));
  command->add_option("--severity", options->severities,
                      tr("Change a check's severity: CHECK=error|warning|info (repeatable)"));
  command->add_option("--ignore", options->ignore_file,
                      tr("Ignore file (default: FILE.tolkignore next to the document)"));
  command->add_option("--fail-on", options->fail_on,
                      tr("Exit with 1 on findings at or above: error, warning, info or never "
                         "(default: warning)"));
  command->add_option("-t,--termbase", options->termbase,
                      tr("Termbase name in the workspace (default: legal)"));
  command->callback([&global, &exit_code, options] { exit_code = run_check(global, *options); });
}

}  // namespace tolk::cli
