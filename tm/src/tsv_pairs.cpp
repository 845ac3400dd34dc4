// Tab-separated pairs, one unit per line: "source<TAB>target[<TAB>note]". Read line by line, so
// the file's size does not matter.
//
// The first line is a header when both of its first two fields are language tags whose primary
// subtag is an ISO 639-1 code, and the two differ ("nl<TAB>en", "nl-BE<TAB>ru-RU"); it then sets
// the languages. The ISO 639-1 condition keeps a first pair such as "de<TAB>the" from being taken
// for a header (a pair of two distinct ISO codes, such as Dutch "om" / English "to", still would).
// No quoting: a field is what stands between tabs, without surrounding white space (what
// spreadsheets write for TSV without embedded tabs or line breaks). Blank lines are skipped; a line
// with one field, more than three, an empty side, or invalid UTF-8 is reported and skipped. Texts
// are stored in NFC; a BOM and CR line ends are accepted.

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "exchange_support.hpp"
#include "tolk/io/import_issue.hpp"
#include "tolk/io/strings.hpp"
#include "tolk/text/normalize.hpp"
#include "tolk/text/utf8.hpp"
#include "tolk/tm/exchange.hpp"

namespace tolk::tm {
using exchange_support::language_as_recorded;
using io::concat;
using io::IssueLog;
using io::trim;

namespace {

// ISO 639-1, two letters each.
constexpr std::string_view kIso6391 =
    "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy "
    "da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu "
    "hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb "
    "lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om "
    "or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw "
    "ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu";

bool is_language_tag(std::string_view field) {
  field = trim(field);
  if (field.size() < 2 || field.size() > 35) {
    return false;
  }
  if (field.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") !=
      std::string_view::npos) {
    return false;
  }
  const std::string primary = primary_language(field);
  if (primary.size() != 2) {
    return false;
  }
  for (std::size_t i = 0; i + 2 <= kIso6391.size(); i += 3) {
    if (kIso6391.substr(i, 2) == primary) {
      return true;
    }
  }
  return false;
}

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> fields;
  while (true) {
    const auto tab = line.find('\t');
    fields.push_back(line.substr(0, tab));
    if (tab == std::string_view::npos) {
      return fields;
    }
    line.remove_prefix(tab + 1);
  }
}

}  // namespace

namespace {

// Pairs from `in`, named `name` in units and issues; `size` for the progress (0: unknown).
ReadSummary read_tsv_pairs_stream(std::istream& in, const std::string& name, std::size_t size,
                                  const UnitSink& sink, std::string_view source_language,
                                  std::string_view target_language, const ReadOptions& options) {
  ReadSummary summary;
  IssueLog log(name, options.strictness, summary.issues);
  exchange_support::ProgressMeter progress(options, size);
  const std::string origin = io::file_name_only(name);
  std::string source = language_as_recorded(source_language);
  std::string target = language_as_recorded(target_language);
  summary.source_language = source;

  std::string line;
  std::size_t number = 0;
  std::size_t bytes = 0;
  while (std::getline(in, line)) {
    bytes += line.size() + 1;
    ++number;
    progress.update(bytes);
    std::string_view text = line;
    if (number == 1) {
      text = text::strip_bom(text);
    }
    if (text.ends_with('\r')) {
      text.remove_suffix(1);
    }
    if (trim(text).empty()) {
      continue;
    }
    if (const auto defect = text::find_invalid_utf8(text)) {
      log.report(number, concat("invalid UTF-8 at byte ", std::to_string(defect->byte_offset + 1),
                                " of the line; line skipped"));
      continue;
    }
    const std::vector<std::string_view> fields = split_tabs(text);
    if (number == 1 && fields.size() >= 2 && fields.size() <= 3 && is_language_tag(fields[0]) &&
        is_language_tag(fields[1]) && primary_language(fields[0]) != primary_language(fields[1])) {
      source = language_as_recorded(fields[0]);
      target = language_as_recorded(fields[1]);
      summary.source_language = source;
      continue;
    }
    if (fields.size() < 2) {
      log.report(number, "no tab: a line needs a source and a target; line skipped");
      continue;
    }
    if (fields.size() > 3) {
      log.report(number, concat(std::to_string(fields.size()),
                                " columns; expected source, target and an optional note; line "
                                "skipped"));
      continue;
    }
    const std::string_view source_text = trim(fields[0]);
    const std::string_view target_text = trim(fields[1]);
    if (source_text.empty() || target_text.empty()) {
      log.report(number,
                 concat(source_text.empty() ? "empty source" : "empty target", "; line skipped"));
      continue;
    }
    TranslationUnit unit;
    unit.source_language = source;
    unit.origin_file = origin;
    unit.origin_line = number;
    Variant source_variant;
    source_variant.language = source;
    source_variant.segment.text = text::to_nfc(source_text);
    Variant target_variant;
    target_variant.language = target;
    target_variant.segment.text = text::to_nfc(target_text);
    unit.variants.push_back(std::move(source_variant));
    unit.variants.push_back(std::move(target_variant));
    if (fields.size() == 3 && !trim(fields[2]).empty()) {
      unit.notes.push_back(text::to_nfc(trim(fields[2])));
    }
    sink(std::move(unit));
    ++summary.units;
  }
  progress.finish(bytes);
  return summary;
}

}  // namespace

ReadSummary read_tsv_pairs(const std::filesystem::path& file, const UnitSink& sink,
                           std::string_view source_language, std::string_view target_language,
                           const ReadOptions& options) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw ImportError({{file.string(), 0, "cannot open the file"}});
  }
  return read_tsv_pairs_stream(in, file.string(), io::file_size_or_zero(file), sink,
                               source_language, target_language, options);
}

ReadSummary read_tsv_pairs_text(std::string_view content, std::string_view source_name,
                                const UnitSink& sink, std::string_view source_language,
                                std::string_view target_language, const ReadOptions& options) {
  std::istringstream in{std::string(content)};
  return read_tsv_pairs_stream(in, std::string(source_name), content.size(), sink, source_language,
                               target_language, options);
}

}  // namespace tolk::tm
