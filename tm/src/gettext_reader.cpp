// gettext catalogs as translation memory: PO (the text form) and MO (the binary form msgfmt
// writes), both into the same units, so that a catalog and its compiled form read the same.
//
// Per entry: msgid -> msgstr (msgstr[0] for a plural entry), and for a plural entry a second
// unit msgid_plural -> msgstr[1] (msgstr[0] when the language has one form only); msgctxt
// becomes the unit's context. Skipped without a report: the header, untranslated entries, fuzzy
// entries (PO; msgfmt leaves them out of MO), obsolete "#~" entries. PO translator ("# ") and
// extracted ("#.") comments become notes of the unit. Only UTF-8 catalogs are read (gettext's
// default for years; msgconv converts others), and the strings must be valid UTF-8.
//
// MO: both byte orders; revision 0 and 1 (revision 1 adds system-dependent strings, e.g.
// "%<PRIuMAX>", which are rebuilt in the form msgunfmt prints them). MO units have no lines; their
// origin_line is the entry's 1-based index in the file's tables instead, and issues name it too.

#include <cctype>
#include <cstdint>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
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

// One catalog entry, as both formats describe it.
struct CatalogEntry {
  std::optional<std::string> context;
  std::string id;
  std::optional<std::string> id_plural;
  std::vector<std::string> translations;  // msgstr, or msgstr[0..n]
  std::vector<std::string> notes;
  bool fuzzy = false;
  std::size_t line = 0;
};

// The value of a header field ("Language: nl\n" -> "nl").
std::optional<std::string> header_field(std::string_view header, std::string_view name) {
  std::size_t start = 0;
  while (start < header.size()) {
    auto end = header.find('\n', start);
    if (end == std::string_view::npos) {
      end = header.size();
    }
    const std::string_view line = header.substr(start, end - start);
    if (line.size() > name.size() && line.starts_with(name) && line[name.size()] == ':') {
      return std::string(trim(line.substr(name.size() + 1)));
    }
    start = end + 1;
  }
  return std::nullopt;
}

// Turns catalog entries into units; shared by the PO and MO readers.
class CatalogUnits {
 public:
  CatalogUnits(std::string_view origin, const UnitSink& sink, std::string_view source_language,
               std::optional<std::string> target_language, IssueLog& log, ReadSummary& summary)
      : origin_(io::file_name_only(origin)),
        sink_(sink),
        source_language_(language_as_recorded(source_language)),
        target_language_(std::move(target_language)),
        log_(log),
        summary_(summary) {
    summary_.source_language = source_language_;
    if (target_language_) {
      *target_language_ = language_as_recorded(*target_language_);
    }
  }

  bool is_header(const CatalogEntry& entry) const { return entry.id.empty() && !entry.context; }

  // The header's Language (over the caller's), and its charset, which must be UTF-8.
  void read_header(const CatalogEntry& entry) {
    const std::string_view header =
        entry.translations.empty() ? std::string_view() : std::string_view(entry.translations[0]);
    if (const auto language = header_field(header, "Language"); language && !language->empty()) {
      target_language_ = language_as_recorded(*language);
    }
    if (const auto type = header_field(header, "Content-Type")) {
      const auto charset = type->find("charset=");
      if (charset != std::string::npos) {
        std::string name = type->substr(charset + 8);
        for (char& c : name) {
          c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        if (name != "utf-8" && name != "utf8" && name != "ascii" && name != "us-ascii" &&
            name != "charset") {
          log_.refuse(entry.line, concat("the catalog is in ", name,
                                         "; tolk reads UTF-8 catalogs only (convert with "
                                         "msgconv --to-code=UTF-8)"));
        }
      }
    }
  }

  void add(const CatalogEntry& entry) {
    if (is_header(entry)) {
      read_header(entry);
      return;
    }
    if (entry.fuzzy || entry.id.empty()) {
      return;
    }
    for (const std::string* text : strings_of(entry)) {
      if (const auto defect = text::find_invalid_utf8(*text)) {
        log_.report(entry.line, concat("invalid UTF-8 in the entry \"", entry.id.substr(0, 40),
                                       "\"; entry skipped"));
        return;
      }
    }
    const std::string empty;
    const std::string& first = entry.translations.empty() ? empty : entry.translations[0];
    emit(entry, entry.id, first);
    if (entry.id_plural && !entry.id_plural->empty()) {
      const std::string& second = entry.translations.size() > 1 ? entry.translations[1] : first;
      emit(entry, *entry.id_plural, second);
    }
  }

 private:
  static std::vector<const std::string*> strings_of(const CatalogEntry& entry) {
    std::vector<const std::string*> strings{&entry.id};
    if (entry.context) {
      strings.push_back(&*entry.context);
    }
    if (entry.id_plural) {
      strings.push_back(&*entry.id_plural);
    }
    for (const std::string& translation : entry.translations) {
      strings.push_back(&translation);
    }
    for (const std::string& note : entry.notes) {
      strings.push_back(&note);
    }
    return strings;
  }

  void emit(const CatalogEntry& entry, const std::string& source, const std::string& target) {
    if (target.empty()) {
      return;  // untranslated
    }
    // Entries made only of white space ("\n") carry nothing to translate; a TM cannot match them.
    constexpr std::string_view kWhiteSpace = " \t\r\n\f\v";
    if (source.find_first_not_of(kWhiteSpace) == std::string::npos ||
        target.find_first_not_of(kWhiteSpace) == std::string::npos) {
      return;
    }
    if (!target_language_) {
      log_.refuse(0, "the catalog's header names no Language and no target language was given");
    }
    TranslationUnit unit;
    unit.source_language = source_language_;
    unit.origin_file = origin_;
    unit.origin_line = entry.line;
    unit.context = entry.context.value_or(std::string());
    unit.notes = entry.notes;
    Variant source_variant;
    source_variant.language = source_language_;
    source_variant.segment.text = text::to_nfc(source);
    Variant target_variant;
    target_variant.language = *target_language_;
    target_variant.segment.text = text::to_nfc(target);
    unit.variants.push_back(std::move(source_variant));
    unit.variants.push_back(std::move(target_variant));
    sink_(std::move(unit));
    ++summary_.units;
  }

  std::string origin_;
  const UnitSink& sink_;
  std::string source_language_;
  std::optional<std::string> target_language_;
  IssueLog& log_;
  ReadSummary& summary_;
};

// ---- PO
// ------------------------------------------------------------------------------------------

class PoParser {
 public:
  PoParser(CatalogUnits& units, IssueLog& log) : units_(units), log_(log) {}

  void line(std::string_view text, std::size_t number) {
    if (text.ends_with('\r')) {
      text.remove_suffix(1);
    }
    if (number == 1 && text.starts_with("\xEF\xBB\xBF")) {
      text.remove_prefix(3);
    }
    const std::string_view content = trim(text);
    if (content.empty()) {
      finish();
      return;
    }
    if (content.starts_with("#")) {
      comment(content);
      return;
    }
    if (content.starts_with("\"")) {
      if (field_ == nullptr) {
        problem(number, "a string without msgid, msgstr or msgctxt before it");
        return;
      }
      append_string(content, number);
      return;
    }
    keyword(content, number);
  }

  void finish() {
    if (started_ && !broken_) {
      if (!seen_id_) {
        log_.report(entry_.line, "entry without msgid; skipped");
      } else if (!seen_translation_) {
        log_.report(entry_.line, "entry without msgstr; skipped");
      } else {
        units_.add(entry_);
      }
    }
    entry_ = CatalogEntry{};
    field_ = nullptr;
    started_ = broken_ = seen_id_ = seen_translation_ = false;
  }

 private:
  void problem(std::size_t number, std::string reason) {
    if (!broken_) {
      broken_ = true;
      started_ = true;
      log_.report(number, reason + "; entry skipped");
    }
  }

  void comment(std::string_view content) {
    if (content.starts_with("#~")) {
      return;  // obsolete entry
    }
    // A comment after the msgstr (or after a broken entry's msgid) begins the next entry.
    if (seen_translation_ || (broken_ && seen_id_)) {
      finish();
    }
    if (content.starts_with("#,")) {
      std::string_view flags = content.substr(2);
      while (!flags.empty()) {
        const auto comma = flags.find(',');
        if (trim(flags.substr(0, comma)) == "fuzzy") {
          entry_.fuzzy = true;
        }
        flags = comma == std::string_view::npos ? std::string_view() : flags.substr(comma + 1);
      }
    } else if (content.starts_with("#.") || content == "#" || content.starts_with("# ")) {
      const std::string_view note = trim(content.substr(content.starts_with("#.") ? 2 : 1));
      if (!note.empty()) {
        entry_.notes.emplace_back(note);
      }
    }
  }

  void keyword(std::string_view content, std::size_t number) {
    const auto space = content.find_first_of(" \t\"");
    const std::string_view word = content.substr(0, space);
    const std::string_view rest =
        space == std::string_view::npos ? std::string_view() : trim(content.substr(space));
    // msgctxt or msgid after a msgstr begins the next entry; so does either after an entry that
    // broke once it had its msgid (its remaining lines were ignored).
    if ((word == "msgctxt" || word == "msgid") &&
        (seen_translation_ || (broken_ && (word == "msgctxt" || seen_id_)))) {
      finish();
    }
    if (!started_) {
      started_ = true;
      entry_.line = number;
    }
    if (word == "msgctxt") {
      if (seen_id_ || entry_.context) {
        return problem(number, "msgctxt after msgid");
      }
      entry_.context.emplace();
      field_ = &*entry_.context;
    } else if (word == "msgid") {
      if (seen_id_) {
        return problem(number, "a second msgid in one entry");
      }
      seen_id_ = true;
      field_ = &entry_.id;
    } else if (word == "msgid_plural") {
      if (!seen_id_ || seen_translation_) {
        return problem(number, "msgid_plural out of place");
      }
      entry_.id_plural.emplace();
      field_ = &*entry_.id_plural;
    } else if (word == "msgstr" || word.starts_with("msgstr[")) {
      std::size_t index = 0;
      if (word != "msgstr") {
        const std::string_view digits = word.substr(7, word.size() - 8);
        if (!word.ends_with("]") || digits.empty() ||
            digits.find_first_not_of("0123456789") != std::string_view::npos || digits.size() > 3) {
          return problem(number, concat("bad keyword ", word));
        }
        index = std::stoul(std::string(digits));
      }
      if (!seen_id_) {
        return problem(number, "msgstr before msgid");
      }
      if (index != entry_.translations.size()) {
        return problem(number, concat(word, " out of order"));
      }
      seen_translation_ = true;
      entry_.translations.emplace_back();
      field_ = &entry_.translations.back();
    } else {
      return problem(number, concat("line not understood: \"", content.substr(0, 40), "\""));
    }
    if (!rest.starts_with("\"")) {
      return problem(number, concat(word, " without a string"));
    }
    append_string(rest, number);
  }

  // Appends the C string literal that is `content` to the current field.
  void append_string(std::string_view content, std::size_t number) {
    if (broken_) {
      return;
    }
    if (content.size() < 2 || !content.ends_with("\"")) {
      return problem(number, "unterminated string");
    }
    const std::string_view body = content.substr(1, content.size() - 2);
    std::string& out = *field_;
    for (std::size_t i = 0; i < body.size(); ++i) {
      const char c = body[i];
      if (c == '"') {
        return problem(number, "unescaped \" inside a string");
      }
      if (c != '\\') {
        out += c;
        continue;
      }
      if (++i == body.size()) {
        return problem(number, "unterminated string");
      }
      const char e = body[i];
      switch (e) {
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        case 'r':
          out += '\r';
          break;
        case 'a':
          out += '\a';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'v':
          out += '\v';
          break;
        case '\\':
          out += '\\';
          break;
        case '"':
          out += '"';
          break;
        case '\'':
          out += '\'';
          break;
        case '?':
          out += '?';
          break;
        default:
          if (e >= '0' && e <= '7') {
            unsigned value = 0;
            std::size_t digits = 0;
            for (; digits < 3 && i < body.size() && body[i] >= '0' && body[i] <= '7';
                 ++digits, ++i) {
              value = value * 8 + static_cast<unsigned>(body[i] - '0');
            }
            --i;
            out += static_cast<char>(value & 0xFFu);
          } else if (e == 'x' && i + 1 < body.size() &&
                     std::isxdigit(static_cast<unsigned char>(body[i + 1]))) {
            unsigned value = 0;
            while (i + 1 < body.size() && std::isxdigit(static_cast<unsigned char>(body[i + 1]))) {
              ++i;
              const char h = static_cast<char>(std::tolower(static_cast<unsigned char>(body[i])));
              value = value * 16 + static_cast<unsigned>(h <= '9' ? h - '0' : h - 'a' + 10);
              value &= 0xFFu;
            }
            out += static_cast<char>(value);
          } else {
            return problem(number, concat("unknown escape \\", std::string_view(&body[i], 1)));
          }
      }
    }
  }

  CatalogUnits& units_;
  IssueLog& log_;
  CatalogEntry entry_;
  std::string* field_ = nullptr;
  bool started_ = false;
  bool broken_ = false;
  bool seen_id_ = false;
  bool seen_translation_ = false;
};

// ---- MO
// ------------------------------------------------------------------------------------------

class MoParser {
 public:
  MoParser(std::string_view data, CatalogUnits& units, IssueLog& log)
      : data_(data), units_(units), log_(log) {}

  void read() {
    if (data_.size() < 28) {
      log_.refuse(0, "not an MO file: too short");
    }
    const std::uint32_t magic = word_le(0);
    if (magic == 0x950412deu) {
      big_endian_ = false;
    } else if (magic == 0xde120495u) {
      big_endian_ = true;
    } else {
      log_.refuse(0, "not an MO file: wrong magic number");
    }
    const std::uint32_t revision = word(4);
    if ((revision >> 16) != 0) {
      log_.refuse(0, concat("MO file format revision ", std::to_string(revision >> 16),
                            " is not supported"));
    }
    const std::uint32_t count = word(8);
    const std::uint32_t originals = word(12);
    const std::uint32_t translations = word(16);
    if (!fits(originals, std::uint64_t{count} * 8) ||
        !fits(translations, std::uint64_t{count} * 8)) {
      log_.refuse(0, "damaged MO file: the string tables lie outside the file");
    }
    std::vector<std::pair<std::size_t, CatalogEntry>> entries;
    for (std::uint32_t i = 0; i < count; ++i) {
      const auto original = string_at(originals + std::uint64_t{i} * 8);
      const auto translation = string_at(translations + std::uint64_t{i} * 8);
      if (!original || !translation) {
        bad_entry(i + 1, "a string lies outside the file");
        continue;
      }
      entries.emplace_back(i + 1, make_entry(*original, *translation, i + 1));
    }
    // Revision 1 and later: the system-dependent strings follow the static ones.
    if ((revision & 0xFFFFu) >= 1 && data_.size() >= 48) {
      read_system_dependent(count, entries);
    }
    // The header (the empty msgid) names the language the other entries need.
    for (const auto& [index, entry] : entries) {
      if (units_.is_header(entry)) {
        units_.add(entry);
      }
    }
    for (const auto& [index, entry] : entries) {
      if (!units_.is_header(entry)) {
        units_.add(entry);
      }
    }
  }

 private:
  std::uint32_t word_le(std::size_t at) const {
    std::uint32_t value = 0;
    for (std::size_t i = 0; i < 4; ++i) {
      value |= std::uint32_t{static_cast<unsigned char>(data_[at + i])} << (8 * i);
    }
    return value;
  }
  std::uint32_t word(std::uint64_t at) const {
    const auto offset = static_cast<std::size_t>(at);
    if (!big_endian_) {
      return word_le(offset);
    }
    std::uint32_t value = 0;
    for (std::size_t i = 0; i < 4; ++i) {
      value = (value << 8) | std::uint32_t{static_cast<unsigned char>(data_[offset + i])};
    }
    return value;
  }
  bool fits(std::uint64_t offset, std::uint64_t length) const {
    return offset <= data_.size() && length <= data_.size() - offset;
  }

  // The string a (length, offset) descriptor at `at` points to.
  std::optional<std::string_view> string_at(std::uint64_t at) const {
    if (!fits(at, 8)) {
      return std::nullopt;
    }
    const std::uint32_t length = word(at);
    const std::uint32_t offset = word(at + 4);
    if (!fits(offset, length)) {
      return std::nullopt;
    }
    return data_.substr(offset, length);
  }

  void bad_entry(std::size_t index, std::string_view reason) {
    log_.report(index, concat("MO entry ", std::to_string(index), ": ", reason, "; skipped"));
  }

  static CatalogEntry make_entry(std::string_view original, std::string_view translation,
                                 std::size_t index) {
    CatalogEntry entry;
    entry.line = index;
    if (const auto separator = original.find('\x04'); separator != std::string_view::npos) {
      entry.context = std::string(original.substr(0, separator));
      original.remove_prefix(separator + 1);
    }
    const auto nul = original.find('\0');
    entry.id = std::string(original.substr(0, nul));
    if (nul != std::string_view::npos) {
      entry.id_plural = std::string(original.substr(nul + 1));
    }
    while (true) {
      const auto end = translation.find('\0');
      entry.translations.emplace_back(translation.substr(0, end));
      if (end == std::string_view::npos) {
        break;
      }
      translation.remove_prefix(end + 1);
    }
    return entry;
  }

  // Revision 1: strings with segments that depend on the platform (<inttypes.h> macros). Each is
  // rebuilt as msgunfmt shows it: static pieces, and each system-dependent segment as "<NAME>".
  void read_system_dependent(std::uint32_t static_count,
                             std::vector<std::pair<std::size_t, CatalogEntry>>& entries) {
    const std::uint32_t segment_count = word(28);
    const std::uint32_t segments = word(32);
    const std::uint32_t count = word(36);
    const std::uint32_t originals = word(40);
    const std::uint32_t translations = word(44);
    if (count == 0) {
      return;
    }
    if (!fits(segments, std::uint64_t{segment_count} * 8) ||
        !fits(originals, std::uint64_t{count} * 4) ||
        !fits(translations, std::uint64_t{count} * 4)) {
      log_.report(0,
                  "damaged MO file: the system-dependent string tables lie outside the file; "
                  "those strings are skipped");
      return;
    }
    for (std::uint32_t i = 0; i < count; ++i) {
      const std::size_t index = static_count + i + 1;
      const auto original =
          system_dependent_string(word(originals + std::uint64_t{i} * 4), segments, segment_count);
      const auto translation = system_dependent_string(word(translations + std::uint64_t{i} * 4),
                                                       segments, segment_count);
      if (!original || !translation) {
        bad_entry(index, "a system-dependent string is damaged");
        continue;
      }
      entries.emplace_back(index, make_entry(*original, *translation, index));
    }
  }

  std::optional<std::string> system_dependent_string(std::uint32_t at, std::uint32_t segments,
                                                     std::uint32_t segment_count) const {
    if (!fits(at, 4)) {
      return std::nullopt;
    }
    std::uint64_t offset = word(at);
    std::string result;
    for (std::uint64_t pair = std::uint64_t{at} + 4;; pair += 8) {
      if (!fits(pair, 8)) {
        return std::nullopt;
      }
      const std::uint32_t size = word(pair);
      const std::uint32_t reference = word(pair + 4);
      if (!fits(offset, size) || result.size() > data_.size()) {
        return std::nullopt;
      }
      result += data_.substr(static_cast<std::size_t>(offset), size);
      offset += size;
      if (reference == 0xFFFFFFFFu) {
        // Unlike the static strings' lengths, the last segment counts the terminating NUL.
        if (!result.empty() && result.back() == '\0') {
          result.pop_back();
        }
        return result;
      }
      if (reference >= segment_count) {
        return std::nullopt;
      }
      const auto name = string_at(std::uint64_t{segments} + std::uint64_t{reference} * 8);
      if (!name) {
        return std::nullopt;
      }
      // The stored length counts the terminating NUL.
      const std::string_view segment = name->substr(0, name->find('\0'));
      result += '<';
      result += segment;
      result += '>';
    }
  }

  std::string_view data_;
  CatalogUnits& units_;
  IssueLog& log_;
  bool big_endian_ = false;
};

std::ifstream open_or_refuse(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw ImportError({{file.string(), 0, "cannot open the file"}});
  }
  return in;
}

// A PO catalog from `in`, named `name` in units and issues; `size` for the progress (0: unknown).
ReadSummary read_po_stream(std::istream& in, const std::string& name, std::size_t size,
                           const UnitSink& sink, std::string_view source_language,
                           std::optional<std::string> target_language, const ReadOptions& options) {
  ReadSummary summary;
  IssueLog log(name, options.strictness, summary.issues);
  CatalogUnits units(name, sink, source_language, std::move(target_language), log, summary);
  PoParser parser(units, log);
  exchange_support::ProgressMeter progress(options, size);
  std::string line;
  std::size_t number = 0;
  std::size_t bytes = 0;
  while (std::getline(in, line)) {
    bytes += line.size() + 1;
    parser.line(line, ++number);
    progress.update(bytes);
  }
  parser.finish();
  progress.finish(bytes);
  return summary;
}

}  // namespace

ReadSummary read_po(const std::filesystem::path& file, const UnitSink& sink,
                    std::string_view source_language, std::optional<std::string> target_language,
                    const ReadOptions& options) {
  std::ifstream in = open_or_refuse(file);
  return read_po_stream(in, file.string(), io::file_size_or_zero(file), sink, source_language,
                        std::move(target_language), options);
}

ReadSummary read_po_text(std::string_view content, std::string_view source_name,
                         const UnitSink& sink, std::string_view source_language,
                         std::optional<std::string> target_language, const ReadOptions& options) {
  std::istringstream in{std::string(content)};
  return read_po_stream(in, std::string(source_name), content.size(), sink, source_language,
                        std::move(target_language), options);
}

ReadSummary read_mo(const std::filesystem::path& file, const UnitSink& sink,
                    std::string_view source_language, std::optional<std::string> target_language,
                    const ReadOptions& options) {
  std::ifstream in = open_or_refuse(file);
  // An MO file is read by offsets from its tables, so it is read whole; catalogs are small.
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ReadSummary summary;
  IssueLog log(file.string(), options.strictness, summary.issues);
  CatalogUnits units(file.string(), sink, source_language, std::move(target_language), log,
                     summary);
  MoParser(data, units, log).read();
  if (options.progress) {
    options.progress(data.size(), data.size());
  }
  return summary;
}

}  // namespace tolk::tm
