#include "tolk/check/document.hpp"

#include <fstream>
#include <sstream>

#include "tolk/text/segment.hpp"
#include "tolk/text/utf8.hpp"
#include "tolk/tm/unit.hpp"
#include "tolk/tm/xliff_reader.hpp"

namespace tolk::check {
namespace {

std::string lower_ascii(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z')
      c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

text::Language choose_language(std::optional<text::Language> given, const std::string& found,
                               const std::string& file, const char* side) {
  if (given)
    return *given;
  if (!found.empty()) {
    if (const auto language = text::parse_language(found))
      return *language;
    throw DocumentError(file + ": the " + side + " language '" + found +
                        "' is not one tolk knows (nl, en, ru)");
  }
  throw DocumentError(file + ": the file does not name its " + side +
                      " language; give --from and --to");
}

// A TM unit as a segment: the variants of the two languages.
void add_unit(BilingualDocument& document, const tm::TranslationUnit& unit,
              const std::string& source_tag, const std::string& target_tag) {
  const tm::Variant* source = tm::find_variant(unit, source_tag);
  const tm::Variant* target = tm::find_variant(unit, target_tag);
  if (source == nullptr)
    return;
  BilingualSegment segment;
  segment.line = unit.origin_line;
  segment.id = !unit.tuid.empty()      ? unit.tuid
               : !unit.context.empty() ? unit.context
                                       : std::to_string(unit.origin_line);
  segment.source = source->segment.text;
  segment.has_target = target != nullptr;
  if (target != nullptr)
    segment.target = target->segment.text;
  document.segments.push_back(std::move(segment));
}

std::vector<std::string> read_lines(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in)
    throw DocumentError(file.string() + ": cannot open the file");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  const std::string all = bytes.str();
  text::validate_utf8(all, file.string());
  const std::string_view content = text::strip_bom(all);
  std::vector<std::string> lines;
  for (const std::string_view line : text::split_lines(content))
    lines.emplace_back(line);
  return lines;
}

bool is_blank(std::string_view line) {
  return line.find_first_not_of(" \t") == std::string_view::npos;
}

// Line n of the source paired with line n of the target; blank source lines are skipped.
BilingualDocument pair_lines(const std::vector<std::string>& sources,
                             const std::vector<std::string>& targets, text::Language from,
                             text::Language to, std::string name, const std::string& target_name) {
  BilingualDocument document;
  document.name = std::move(name);
  document.source_language = from;
  document.target_language = to;
  if (sources.size() != targets.size()) {
    document.issues.push_back({target_name, 0,
                               "the files have " + std::to_string(sources.size()) + " and " +
                                   std::to_string(targets.size()) +
                                   " lines; lines are paired by number up to the shorter"});
  }
  const std::size_t count = std::max(sources.size(), targets.size());
  for (std::size_t i = 0; i < count; ++i) {
    const std::string empty;
    const std::string& source = i < sources.size() ? sources[i] : empty;
    const std::string& target = i < targets.size() ? targets[i] : empty;
    if (is_blank(source))
      continue;
    BilingualSegment segment;
    segment.id = std::to_string(i + 1);
    segment.line = i + 1;
    segment.source = source;
    segment.target = target;
    segment.has_target = i < targets.size();
    document.segments.push_back(std::move(segment));
  }
  return document;
}

}  // namespace

std::optional<InputFormat> format_from_name(const std::filesystem::path& file) {
  const std::string extension = lower_ascii(file.extension().string());
  if (extension == ".xlf" || extension == ".xliff" || extension == ".sdlxliff" ||
      extension == ".mqxliff")
    return InputFormat::xliff;
  if (extension == ".tmx")
    return InputFormat::tmx;
  if (extension == ".po" || extension == ".pot")
    return InputFormat::po;
  if (extension == ".tsv" || extension == ".tab" || extension == ".txt")
    return InputFormat::tsv;
  return std::nullopt;
}

namespace {

// Where a document comes from: a file, or text in memory that stands for one.
struct DocumentInput {
  const std::filesystem::path* file = nullptr;  // null: `text`
  std::string_view text;
  std::string name;

  // The first line (a TSV header names the languages), without its line break.
  std::string first_line() const {
    std::string line;
    if (file != nullptr) {
      std::ifstream in(*file, std::ios::binary);
      if (!in)
        throw DocumentError(name + ": cannot open the file");
      std::getline(in, line);
    } else {
      line = std::string(text.substr(0, text.find('\n')));
    }
    if (line.ends_with('\r'))
      line.pop_back();
    return std::string(text::strip_bom(line));
  }
};

BilingualDocument read_input(const DocumentInput& input, InputFormat format,
                             std::optional<text::Language> from, std::optional<text::Language> to) {
  BilingualDocument document;
  document.name = input.name;
  const std::string& name = input.name;
  const bool in_memory = input.file == nullptr;
  switch (format) {
    case InputFormat::xliff: {
      const auto sink = [&document](tm::XliffPair&& pair) {
        BilingualSegment segment;
        segment.id = pair.id.empty() ? std::to_string(pair.line) : std::move(pair.id);
        segment.line = pair.line;
        segment.source = std::move(pair.source);
        segment.target = std::move(pair.target);
        segment.has_target = pair.has_target;
        document.segments.push_back(std::move(segment));
      };
      const auto summary = in_memory ? tm::read_xliff_text(input.text, name, sink)
                                     : tm::read_xliff(*input.file, sink);
      document.source_language = choose_language(from, summary.source_language, name, "source");
      document.target_language = choose_language(to, summary.target_language, name, "target");
      document.issues = summary.issues;
      break;
    }
    case InputFormat::tmx: {
      std::vector<tm::TranslationUnit> units;
      const auto sink = [&units](tm::TranslationUnit&& unit) { units.push_back(std::move(unit)); };
      const auto summary =
          in_memory ? tm::read_tmx_text(input.text, name, sink) : tm::read_tmx(*input.file, sink);
      std::string source_tag = from ? std::string(text::language_code(*from)) : "";
      if (source_tag.empty() && summary.source_language != "*all*")
        source_tag = summary.source_language;
      if (source_tag.empty() && !units.empty())
        source_tag = units.front().source_language;
      document.source_language = choose_language(from, source_tag, name, "source");
      source_tag = std::string(text::language_code(document.source_language));
      std::string target_tag = to ? std::string(text::language_code(*to)) : "";
      if (target_tag.empty() && !units.empty()) {
        for (const auto& variant : units.front().variants) {
          if (tm::primary_language(variant.language) != source_tag) {
            target_tag = tm::primary_language(variant.language);
            break;
          }
        }
      }
      document.target_language = choose_language(to, target_tag, name, "target");
      target_tag = std::string(text::language_code(document.target_language));
      for (const auto& unit : units)
        add_unit(document, unit, source_tag, target_tag);
      document.issues = summary.issues;
      break;
    }
    case InputFormat::po: {
      const std::string source_tag = from ? std::string(text::language_code(*from)) : "en";
      std::optional<std::string> target_tag;
      if (to)
        target_tag = std::string(text::language_code(*to));
      std::string found_target;
      std::vector<tm::TranslationUnit> units;
      const auto sink = [&units](tm::TranslationUnit&& unit) { units.push_back(std::move(unit)); };
      const auto summary = in_memory
                               ? tm::read_po_text(input.text, name, sink, source_tag, target_tag)
                               : tm::read_po(*input.file, sink, source_tag, target_tag);
      for (const auto& unit : units) {
        for (const auto& variant : unit.variants) {
          if (tm::primary_language(variant.language) != source_tag) {
            found_target = tm::primary_language(variant.language);
            break;
          }
        }
        if (!found_target.empty())
          break;
      }
      document.source_language = choose_language(from, source_tag, name, "source");
      document.target_language = choose_language(to, found_target, name, "target");
      for (const auto& unit : units) {
        add_unit(document, unit, source_tag,
                 std::string(text::language_code(document.target_language)));
        // msgctxt is no id: entries without one share it; the line identifies the entry.
        if (!document.segments.empty() && unit.context.empty())
          document.segments.back().id = std::to_string(unit.origin_line);
      }
      document.issues = summary.issues;
      break;
    }
    case InputFormat::tsv: {
      if (!from || !to) {
        // The header line ("nl<TAB>en") may name them.
        const std::string header = input.first_line();
        const auto tab = header.find('\t');
        if (tab != std::string::npos) {
          if (!from)
            from = text::parse_language(header.substr(0, tab));
          if (!to)
            to = text::parse_language(header.substr(tab + 1));
        }
      }
      document.source_language = choose_language(from, "", name, "source");
      document.target_language = choose_language(to, "", name, "target");
      const std::string source_tag(text::language_code(document.source_language));
      const std::string target_tag(text::language_code(document.target_language));
      const auto sink = [&](tm::TranslationUnit&& unit) {
        add_unit(document, unit, source_tag, target_tag);
      };
      const auto summary =
          in_memory ? tm::read_tsv_pairs_text(input.text, name, sink, source_tag, target_tag)
                    : tm::read_tsv_pairs(*input.file, sink, source_tag, target_tag);
      document.issues = summary.issues;
      break;
    }
  }
  return document;
}

}  // namespace

BilingualDocument read_document(const std::filesystem::path& file, InputFormat format,
                                std::optional<text::Language> from,
                                std::optional<text::Language> to) {
  return read_input({&file, {}, file.string()}, format, from, to);
}

BilingualDocument read_document_text(std::string_view content, std::string name, InputFormat format,
                                     std::optional<text::Language> from,
                                     std::optional<text::Language> to) {
  return read_input({nullptr, content, std::move(name)}, format, from, to);
}

BilingualDocument aligned_text_document(std::string_view source_text, std::string_view target_text,
                                        text::Language from, text::Language to, std::string name) {
  text::validate_utf8(source_text, name + " (source)");
  text::validate_utf8(target_text, name + " (target)");
  std::vector<std::string> sources;
  for (const std::string_view line : text::split_lines(text::strip_bom(source_text)))
    sources.emplace_back(line);
  std::vector<std::string> targets;
  for (const std::string_view line : text::split_lines(text::strip_bom(target_text)))
    targets.emplace_back(line);
  const std::string target_name = name;
  return pair_lines(sources, targets, from, to, std::move(name), target_name);
}

BilingualDocument read_aligned_text(const std::filesystem::path& source_file,
                                    const std::filesystem::path& target_file, text::Language from,
                                    text::Language to) {
  return pair_lines(read_lines(source_file), read_lines(target_file), from, to,
                    source_file.string(), target_file.string());
}

}  // namespace tolk::check
