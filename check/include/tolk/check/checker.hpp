#pragma once
// Terminology QA on a bilingual document: termbase terms missing or deprecated in the target,
// inconsistent renderings, legal references and numbers that do not match, untranslated or
// empty targets, and (optionally) the target's spelling. The checks only report; they never
// change the document. Each finding carries the words it concerns, so that a front end can
// word its message in the user's language (describe() gives the English one).

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tolk/check/document.hpp"
#include "tolk/termbase/concept.hpp"

namespace tolk::check {

enum class Severity { info, warning, error };
std::string_view to_string(Severity severity);  // "info", "warning", "error"
std::optional<Severity> parse_severity(std::string_view text);

// The checks, with their ids and default severities.
struct CheckInfo {
  std::string_view id;
  Severity severity;
  bool default_enabled;
  std::string_view description;  // one English sentence, for SARIF rules and --help
};
std::span<const CheckInfo> all_checks();
const CheckInfo* find_check(std::string_view id);

struct Finding {
  std::string check;  // a CheckInfo id
  Severity severity = Severity::warning;
  std::string segment_id;
  std::size_t line = 0;
  std::string subject;   // what the finding is about: a source term, a reference, a number, a word
  std::string found;     // what the target has instead ("" when nothing)
  std::string expected;  // what to use (the preferred target term, the reference), or ""
  std::string others;    // inconsistency: the other segments' ids, comma-separated
};

// The English message for a finding: what is wrong and what to do.
std::string describe(const Finding& finding);

struct CheckOptions {
  std::set<std::string> enabled;               // empty: the checks enabled by default
  std::map<std::string, Severity> severities;  // overrides by check id
};

// `check-id<TAB>segment-id-or-*<TAB>text` per line; the text (the finding's subject) may be
// empty or "*" to ignore every finding of that check in the segment. '#' starts a comment.
class IgnoreList {
 public:
  static IgnoreList parse(std::string_view content);
  bool ignores(const Finding& finding) const;
  std::size_t size() const { return rules_.size(); }

 private:
  struct Rule {
    std::string check;
    std::string segment;
    std::string text;
  };
  std::vector<Rule> rules_;
};

class Checker {
 public:
  // Unknown check ids in options.enabled throw std::invalid_argument.
  Checker(std::span<const termbase::Concept> concepts, CheckOptions options = {});
  ~Checker();
  Checker(Checker&&) noexcept;
  Checker& operator=(Checker&&) noexcept;

  // Findings in segment order (then by check), ignored ones left out.
  std::vector<Finding> check(const BilingualDocument& document,
                             const IgnoreList& ignore = {}) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tolk::check

namespace tolk::check {

// The message of a finding as an English template with the placeholders {subject}, {found},
// {expected} and {others}; a front end translates the template and fills it with
// format_message. describe(finding) is format_message(message_template(finding), finding).
const char* message_template(const Finding& finding);
std::string format_message(std::string_view message_template, const Finding& finding);

}  // namespace tolk::check
