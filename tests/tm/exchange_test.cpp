// The TM exchange layer: TMX import and export (checked against the TMX 1.4b DTD and against
// translate-toolkit), gettext PO and MO catalogs (checked against msgfmt and msgunfmt and on
// Debian's own catalogs), tab-separated pairs, and XLIFF 1.2 / 2.x pre-translation (checked
// against translate-toolkit and byte for byte). Test texts are sentences of the Dutch country
// report in the shared corpus (ambtsbericht-rusland-2025.nl.txt) with English and Russian
// translations.

#include "tolk/tm/exchange.hpp"

#include <malloc.h>
#if defined(__SANITIZE_ADDRESS__)
// The sanitizer runtime's public interface (sanitizer/allocator_interface.h, which GCC does not
// install): the bytes allocated and not freed, without the quarantine of freed blocks.
extern "C" std::size_t __sanitizer_get_current_allocated_bytes();
#endif

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "run_process.hpp"
#include "temporary_directory.hpp"

using namespace tolk::tm;

// Units and issues as Catch shows them in a failed comparison.
namespace Catch {
template <>
struct StringMaker<TranslationUnit> {
  static std::string convert(const TranslationUnit& unit) {
    std::string text = "{tu " + unit.tuid + " " + unit.origin_file + ":" +
                       std::to_string(unit.origin_line) + " ctx=\"" + unit.context + "\"";
    for (const Variant& variant : unit.variants) {
      text += " " + variant.language + "=\"" + variant.segment.text + "\"/" +
              std::to_string(variant.segment.tags.size()) + " tags";
    }
    return text + " props=" + std::to_string(unit.properties.size()) +
           " notes=" + std::to_string(unit.notes.size()) + "}";
  }
};
template <>
struct StringMaker<ImportIssue> {
  static std::string convert(const ImportIssue& issue) { return to_string(issue); }
};
}  // namespace Catch

using tolk::testing::run_process;
using tolk::testing::shell_quote;
using tolk::testing::TemporaryDirectory;

namespace {

const std::filesystem::path kData = std::filesystem::path(TOLK_SOURCE_DIR) / "tests/tm/data";
const std::filesystem::path kReportTmx = kData / "ambtsbericht-nl-en-ru.tmx";
const std::string kPython = "/usr/bin/python3";

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  REQUIRE(in);
  std::ostringstream content;
  content << in.rdbuf();
  return std::move(content).str();
}

void write_file(const std::filesystem::path& file, std::string_view content) {
  std::ofstream out(file, std::ios::binary);
  out << content;
  REQUIRE(out);
}

// Lines joined with '\n', so that a test shows which line holds what.
std::string lines(std::initializer_list<std::string_view> parts) {
  std::string text;
  for (const auto part : parts) {
    text += part;
    text += '\n';
  }
  return text;
}

// The 1-based line of the first occurrence of `needle` in `text`.
std::size_t line_of(const std::string& text, const std::string& needle) {
  const auto at = text.find(needle);
  REQUIRE(at != std::string::npos);
  return 1 + static_cast<std::size_t>(
                 std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
}

struct Collected {
  std::vector<TranslationUnit> units;
  UnitSink sink() {
    return [this](TranslationUnit&& unit) { units.push_back(std::move(unit)); };
  }
};

std::vector<TranslationUnit> read_tmx_units(const std::filesystem::path& file) {
  Collected collected;
  const ReadSummary summary = read_tmx(file, collected.sink());
  CHECK(summary.issues.empty());
  CHECK(summary.units == collected.units.size());
  return collected.units;
}

std::string write_tmx_text(const std::vector<TranslationUnit>& units, TmxHeader header = {}) {
  std::ostringstream out;
  TmxWriter writer(out, header);
  for (const TranslationUnit& unit : units) {
    writer.write(unit);
  }
  writer.finish();
  return out.str();
}

// Units compared without where they came from (a file written and read back has other lines).
std::vector<TranslationUnit> without_origin(std::vector<TranslationUnit> units) {
  for (TranslationUnit& unit : units) {
    unit.origin_file.clear();
    unit.origin_line = 0;
  }
  return units;
}

const TranslationUnit& unit_with_tuid(const std::vector<TranslationUnit>& units,
                                      const std::string& tuid) {
  const auto found = std::find_if(units.begin(), units.end(),
                                  [&](const TranslationUnit& unit) { return unit.tuid == tuid; });
  REQUIRE(found != units.end());
  return *found;
}

std::vector<std::size_t> issue_lines(const std::vector<ImportIssue>& issues) {
  std::vector<std::size_t> found;
  for (const ImportIssue& issue : issues) {
    found.push_back(issue.line);
  }
  return found;
}

// A text with the characters that would break a line-based exchange escaped.
std::string escape_line(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else {
      out += c;
    }
  }
  return out;
}

// The same escaping in Python, for scripts that print texts one per line.
const std::string kPythonEscape =
    "def esc(s):\n"
    "    s = '' if s is None else str(s)\n"
    "    return s.replace('\\\\', '\\\\\\\\').replace('\\n', '\\\\n').replace('\\t', '\\\\t')\n";

std::string run_python(const std::string& script, const std::filesystem::path& argument) {
  const auto result =
      run_process(kPython + " -c " + shell_quote(script) + " " + shell_quote(argument.string()));
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  return result.out;
}

// The TMX 1.4b DTD, from Debian's OmegaT package (never committed to the repository).
std::filesystem::path extract_tmx_dtd(const std::filesystem::path& directory) {
  const std::string jar = "/usr/share/omegat/OmegaT.jar";
  INFO("the DTD comes from the omegat package (scripts/lib.sh installs it)");
  REQUIRE(std::filesystem::exists(jar));
  const auto dtd = directory / "tmx14.dtd";
  auto result = run_process("unzip -p " + shell_quote(jar) + " schemas/tmx14.dtd > " +
                            shell_quote(dtd.string()));
  if (result.exit_code != 0 || std::filesystem::file_size(dtd) == 0) {
    result =
        run_process(kPython + " -c " +
                    shell_quote("import zipfile, sys\n"
                                "data = zipfile.ZipFile(sys.argv[1]).read('schemas/tmx14.dtd')\n"
                                "open(sys.argv[2], 'wb').write(data)\n") +
                    " " + shell_quote(jar) + " " + shell_quote(dtd.string()));
  }
  REQUIRE(result.exit_code == 0);
  REQUIRE(read_file(dtd).find("<!ELEMENT tmx") != std::string::npos);
  return dtd;
}

TranslationUnit pair_unit(const std::string& source_language, const std::string& source,
                          const std::string& target_language, const std::string& target) {
  TranslationUnit unit;
  unit.source_language = source_language;
  Variant from;
  from.language = source_language;
  from.segment.text = source;
  Variant to;
  to.language = target_language;
  to.segment.text = target;
  unit.variants = {from, to};
  return unit;
}

}  // namespace

// ---- Language tags ---------------------------------------------------------------------------

TEST_CASE("language tags are normalised and looked up by primary subtag", "[tm][unit]") {
  CHECK(normalize_language_tag("nl-be") == "nl-BE");
  CHECK(normalize_language_tag("EN") == "en");
  CHECK(normalize_language_tag("sr-latn-rs") == "sr-Latn-RS");
  CHECK(normalize_language_tag("ru_RU") == "ru-RU");
  CHECK(normalize_language_tag(" ru_RU.UTF-8 ") == "ru-RU");
  CHECK(normalize_language_tag("es-419") == "es-419");
  CHECK(normalize_language_tag("en-x-legal-uk") == "en-x-legal-uk");
  CHECK(primary_language("nl-BE") == "nl");
  CHECK(primary_language("RU_ru") == "ru");

  TranslationUnit unit = pair_unit("nl-NL", "artikel 328 WvS", "en-GB", "Article 328 CC");
  Variant belgian;
  belgian.language = "nl-BE";
  belgian.segment.text = "artikel 328 WvS (België)";
  unit.variants.push_back(belgian);
  REQUIRE(find_variant(unit, "nl") != nullptr);
  CHECK(find_variant(unit, "nl")->language == "nl-NL");
  CHECK(find_variant(unit, "nl-be")->language == "nl-BE");
  CHECK(find_variant(unit, "EN")->segment.text == "Article 328 CC");
  CHECK(find_variant(unit, "ru") == nullptr);
  const TranslationUnit& constant = unit;
  CHECK(find_variant(constant, "en-US")->language == "en-GB");
}

// ---- TMX import ------------------------------------------------------------------------------

TEST_CASE("a TMX with inline codes, properties, notes and dates is read", "[tm][tmx]") {
  const std::string text = read_file(kReportTmx);
  Collected collected;
  const ReadSummary summary = read_tmx(kReportTmx, collected.sink());
  CHECK(summary.issues.empty());
  CHECK(summary.source_language == "nl-NL");
  REQUIRE(summary.units == 5);
  REQUIRE(collected.units.size() == 5);

  const TranslationUnit& first = unit_with_tuid(collected.units, "ab-373");
  CHECK(first.origin_file == "ambtsbericht-nl-en-ru.tmx");
  CHECK(first.origin_line == line_of(text, "<tu tuid=\"ab-373\""));
  CHECK(first.source_language == "nl-NL");
  CHECK(first.creation_date == "20250301T101500Z");
  CHECK(first.creation_user == "translator1");
  CHECK(first.notes == std::vector<std::string>{"Artikel 328 WvS: dienstplichtontduiking."});
  // x-context became the context and left the properties.
  CHECK(first.context == "1.1.3.1 Negeren van oproepen");
  REQUIRE(first.properties.size() == 1);
  CHECK(first.properties[0] == Property{"x-document", "ambtsbericht-rusland-2025.nl.txt"});
  REQUIRE(first.variants.size() == 3);
  CHECK(first.variants[1].language == "en-GB");
  CHECK(first.variants[2].language == "ru-RU");

  const Segment& dutch = first.variants[0].segment;
  CHECK(dutch.text ==
        "Dienstplichtontduiking is strafbaar onder artikel 328 Wetboek van Strafrecht (WvS).");
  REQUIRE(dutch.tags.size() == 2);
  CHECK(dutch.tags[0].kind == InlineTag::Kind::begin_paired);
  CHECK(dutch.tags[0].markup == R"(<bpt i="1" x="1" type="bold">&lt;b&gt;</bpt>)");
  CHECK(dutch.tags[0].position == dutch.text.find("artikel"));
  CHECK(dutch.tags[1].kind == InlineTag::Kind::end_paired);
  CHECK(dutch.tags[1].markup == R"(<ept i="1">&lt;/b&gt;</ept>)");
  CHECK(dutch.tags[1].position == dutch.text.find(" Wetboek"));

  const Variant& english = first.variants[1];
  CHECK(english.change_date == "20250302T080000Z");
  CHECK(english.change_user == "reviewer");
  CHECK(english.properties == std::vector<Property>{{"x-status", "reviewed"}});
  CHECK(english.notes ==
        std::vector<std::string>{"\"Criminal Code\" for WvS in the Russian context."});
  const Segment& russian = first.variants[2].segment;
  CHECK(russian.text ==
        "Уклонение от призыва на военную службу наказуемо по статье 328 Уголовного кодекса (УК).");
  CHECK(russian.tags[0].position == russian.text.find("статье"));

  const TranslationUnit& second = unit_with_tuid(collected.units, "ab-560");
  CHECK(second.context ==
        "Dienstplichtontduiking\x1FVan desertie is in geval van dienstplichtigen pas sprake als "
        "zij reeds volgens de juiste procedure zijn opgeroepen.");
  CHECK(second.properties.empty());
  const Segment& highlighted = second.variants[0].segment;
  CHECK(highlighted.text ==
        "Dienstplichtontduiking (artikel 328 WvS) kan gedurende een mobilisatieperiode worden "
        "bestraft met maximaal twee jaar detentie.");
  REQUIRE(highlighted.tags.size() == 3);
  CHECK(highlighted.tags[0].kind == InlineTag::Kind::highlight_open);
  CHECK(highlighted.tags[0].markup == R"(<hi type="ref">)");
  CHECK(highlighted.tags[0].position == highlighted.text.find("artikel"));
  CHECK(highlighted.tags[1].kind == InlineTag::Kind::highlight_close);
  CHECK(highlighted.tags[1].markup == "</hi>");
  CHECK(highlighted.tags[1].position == highlighted.text.find(") kan"));
  CHECK(highlighted.tags[2].kind == InlineTag::Kind::placeholder);
  CHECK(highlighted.tags[2].markup == R"(<ph x="2" type="fn">&lt;sup&gt;61&lt;/sup&gt;</ph>)");
  CHECK(highlighted.tags[2].position == highlighted.text.size());

  const Segment& isolated = unit_with_tuid(collected.units, "ab-2629").variants[1].segment;
  REQUIRE(isolated.tags.size() == 1);
  CHECK(isolated.tags[0].kind == InlineTag::Kind::isolated);
  CHECK(isolated.tags[0].markup == R"(<it pos="begin" x="3">&lt;i&gt;</it>)");

  const Segment& with_sub = unit_with_tuid(collected.units, "ab-2630").variants[1].segment;
  REQUIRE(with_sub.tags.size() == 1);
  CHECK(with_sub.tags[0].markup ==
        R"(<ph x="4">&lt;a href="#fn273"&gt;<sub type="link">273</sub>&lt;/a&gt;</ph>)");

  const TranslationUnit& escaped = unit_with_tuid(collected.units, "ab-574");
  CHECK(escaped.variants[0].segment.text ==
        "In de eerste helft van 2024 werden volgens de website 427 mensen hiervoor veroordeeld & "
        "kregen zij boetes < 1000 roebel.");
  CHECK(escaped.variants[0].segment.tags.empty());
}

TEST_CASE("a TMX 1.1 file with lang attributes and <ut> is read", "[tm][tmx]") {
  const std::string tmx = lines({
      R"(<?xml version="1.0" encoding="UTF-8"?>)",
      R"(<tmx version="1.1">)",
      R"(<header creationtool="old" creationtoolversion="1" segtype="sentence" o-tmf="x")",
      R"(        adminlang="EN" srclang="NL" datatype="rtf"/>)",
      R"(<body>)",
      R"(<tu><tuv lang="NL"><seg>Zie <ut>{\b </ut>artikel 328<ut>}</ut> WvS.</seg></tuv>)",
      R"(    <tuv lang="EN"><seg>See <ut>{\b </ut>Article 328<ut>}</ut> CC.</seg></tuv></tu>)",
      R"(</body>)",
      R"(</tmx>)",
  });
  Collected collected;
  const ReadSummary summary = read_tmx_text(tmx, "old.tmx", collected.sink());
  CHECK(summary.issues.empty());
  CHECK(summary.source_language == "nl");
  REQUIRE(collected.units.size() == 1);
  const TranslationUnit& unit = collected.units[0];
  CHECK(unit.origin_line == 6);
  CHECK(unit.source_language == "nl");
  CHECK(unit.variants[0].language == "nl");
  CHECK(unit.variants[1].language == "en");
  CHECK(unit.variants[1].segment.text == "See Article 328 CC.");
  REQUIRE(unit.variants[1].segment.tags.size() == 2);
  CHECK(unit.variants[1].segment.tags[0].markup == R"(<ut>{\b </ut>)");
}

// ---- TMX round trips -------------------------------------------------------------------------

TEST_CASE("TMX read, written and read again gives the same units", "[tm][tmx][roundtrip]") {
  const std::vector<TranslationUnit> original = read_tmx_units(kReportTmx);
  REQUIRE(original.size() == 5);
  TmxHeader header;
  header.source_language = "nl-NL";
  header.creation_tool_version = "0.1.0";
  const std::string written = write_tmx_text(original, header);

  Collected again;
  const ReadSummary summary = read_tmx_text(written, "export.tmx", again.sink());
  CHECK(summary.issues.empty());
  CHECK(summary.source_language == "nl-NL");
  CHECK(without_origin(again.units) == without_origin(original));
  CHECK(again.units[0].origin_file == "export.tmx");
  // Writing what was read from the export gives the same bytes.
  CHECK(write_tmx_text(again.units, header) == written);
}

TEST_CASE("the TMX export is valid against the TMX 1.4b DTD", "[tm][tmx][dtd]") {
  TemporaryDirectory directory;
  const auto dtd = extract_tmx_dtd(directory.path());
  std::vector<TranslationUnit> units = read_tmx_units(kReportTmx);
  // Units from elsewhere: a PO context with both sides, and characters XML 1.0 cannot hold.
  TranslationUnit from_po = pair_unit("en", "Article 328", "ru", "Статья 328");
  from_po.context =
      "before\x1F"
      "after";
  units.push_back(from_po);
  TranslationUnit controls = pair_unit("nl", "artikel\x01 328\r\n", "en", "Article\x1B 328 \"CC\"");
  controls.tuid = "quote\"and<angle>";
  units.push_back(controls);
  const auto exported = directory.path() / "export.tmx";
  write_file(exported, write_tmx_text(units));

  const auto result = run_process("xmllint --noout --dtdvalid " + shell_quote(dtd.string()) + " " +
                                  shell_quote(exported.string()));
  INFO(result.err);
  CHECK(result.exit_code == 0);
  CHECK(result.err.find("error") == std::string::npos);

  // And a header with a wrong segment type is refused rather than written invalid.
  TmxHeader bad;
  bad.segment_type = "sentences";
  std::ostringstream sink;
  CHECK_THROWS_AS(TmxWriter(sink, bad), std::invalid_argument);
}

TEST_CASE("translate-toolkit reads the TMX export with the same sources and targets",
          "[tm][tmx][translate-toolkit]") {
  TemporaryDirectory directory;
  const std::vector<TranslationUnit> units = read_tmx_units(kReportTmx);
  const auto exported = directory.path() / "export.tmx";
  write_file(exported, write_tmx_text(units));
  const std::string output =
      run_python(kPythonEscape +
                     "import sys\n"
                     "from translate.storage import tmx\n"
                     "store = tmx.tmxfile.parsefile(sys.argv[1])\n"
                     "for unit in store.units:\n"
                     "    print(esc(unit.source) + '\\t' + esc(unit.target))\n",
                 exported);
  // translate-toolkit flattens a segment: the text with the native code of each tag in place
  // (its character data, unescaped) and <hi> dropped. The same from tolk's units:
  const auto flattened = [](const Segment& segment) {
    std::string text;
    std::size_t written = 0;
    for (const InlineTag& tag : segment.tags) {
      text += segment.text.substr(written, tag.position - written);
      written = tag.position;
      const std::string markup = std::regex_replace(tag.markup, std::regex("<[^>]*>"), "");
      text +=
          std::regex_replace(std::regex_replace(std::regex_replace(markup, std::regex("&lt;"), "<"),
                                                std::regex("&gt;"), ">"),
                             std::regex("&amp;"), "&");
    }
    return text + segment.text.substr(written);
  };
  std::string expected;
  for (const TranslationUnit& unit : units) {
    expected += escape_line(flattened(unit.variants[0].segment)) + "\t" +
                escape_line(flattened(unit.variants[1].segment)) + "\n";
  }
  CHECK(output == expected);
}

TEST_CASE("contexts, Cyrillic and characters XML cannot hold survive a TMX round trip",
          "[tm][tmx][roundtrip]") {
  std::vector<TranslationUnit> units;
  units.push_back(pair_unit("nl", "Dienstplichtontduiking", "ru", "Уклонение от призыва"));
  units.back().context = "1.1.3.1";
  units.push_back(pair_unit("nl", "Desertie", "ru", "Дезертирство"));
  units.back().context =
      "voor\x1F"
      "na";
  units.push_back(pair_unit("nl", "Desertie", "en", "Desertion"));
  units.back().context =
      "\x1F"
      "na";
  units.push_back(pair_unit("nl", "Desertie", "en", "Desertion"));
  units.back().context = "voor\x1F";
  units.push_back(pair_unit("nl", "Desertie", "en", "Desertion"));
  units.back().context = "\x1F";
  units.push_back(pair_unit("nl", "regel\r\neen\ttwee", "en", "line\r\none\ttwo"));
  units.back().notes = {"  spaced  note\n"};
  units.back().variants[0].properties = {{"x-type", "a \"quoted\"\tvalue\nwith lines"}};
  for (TranslationUnit& unit : units) {
    unit.origin_file = "memory.tmx";
  }
  const std::string written = write_tmx_text(units);
  Collected again;
  read_tmx_text(written, "memory.tmx", again.sink());
  CHECK(without_origin(again.units) == without_origin(units));

  // A control character cannot be written; it becomes U+FFFD.
  std::vector<TranslationUnit> control{pair_unit("nl", "a\x01z", "en", "b")};
  Collected replaced;
  read_tmx_text(write_tmx_text(control), "control.tmx", replaced.sink());
  REQUIRE(replaced.units.size() == 1);
  CHECK(replaced.units[0].variants[0].segment.text == "a\xEF\xBF\xBDz");
}

// ---- TMX problems ----------------------------------------------------------------------------

namespace {

const std::string kTmxHead = lines({
    R"(<?xml version="1.0" encoding="UTF-8"?>)",  // 1
    R"(<tmx version="1.4">)",                     // 2
    R"(<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="nl" datatype="plaintext"/>)",  // 3
    R"(<body>)",  // 4
});
const std::string kTmxTail = lines({"</body>", "</tmx>"});

std::string tmx_with_units(std::initializer_list<std::string_view> units) {
  return kTmxHead + lines(units) + kTmxTail;
}

const std::string kGoodUnit =
    R"(<tu><tuv xml:lang="nl"><seg>artikel 328 WvS</seg></tuv><tuv xml:lang="en"><seg>Article 328 CC</seg></tuv></tu>)";

}  // namespace

TEST_CASE("malformed TMX units are reported with their lines and skipped", "[tm][tmx][issues]") {
  const std::string tmx = tmx_with_units({
      kGoodUnit,  // 5
      R"(<tu tuid="empty"><tuv xml:lang="nl"><seg>artikel 328</seg></tuv><tuv xml:lang="en"><seg> </seg></tuv></tu>)",  // 6
      R"(<tu tuid="nolang"><tuv><seg>artikel 328</seg></tuv><tuv xml:lang="en"><seg>Article 328</seg></tuv></tu>)",  // 7
      R"(<tu tuid="bold"><tuv xml:lang="nl"><seg>artikel <b>328</b></seg></tuv><tuv xml:lang="en"><seg>Article 328</seg></tuv></tu>)",  // 8
      R"(<tu tuid="ept"><tuv xml:lang="nl"><seg>artikel<ept i="7">&lt;/b&gt;</ept></seg></tuv><tuv xml:lang="en"><seg>Article</seg></tuv></tu>)",  // 9
      R"(<tu tuid="one"><tuv xml:lang="nl"><seg>artikel 328</seg></tuv></tu>)",  // 10
      R"(<tu tuid="noseg"><tuv xml:lang="nl"><note>n</note></tuv><tuv xml:lang="en"><seg>Article</seg></tuv></tu>)",  // 11
      R"(<tu tuid="sub"><tuv xml:lang="nl"><seg>a<sub>b</sub></seg></tuv><tuv xml:lang="en"><seg>Article</seg></tuv></tu>)",  // 12
      R"(<tu tuid="open"><tuv xml:lang="nl"><seg>a<bpt i="1">&lt;b&gt;</bpt>b</seg></tuv><tuv xml:lang="en"><seg>A</seg></tuv></tu>)",  // 13
      R"(<tu tuid="three"><tuv xml:lang="nl"><seg>artikel 328</seg></tuv><tuv xml:lang="en"><seg>Article 328</seg></tuv><tuv xml:lang="ru"><seg></seg></tuv></tu>)",  // 14
      kGoodUnit,  // 15
  });
  Collected collected;
  const ReadSummary summary = read_tmx_text(tmx, "bad.tmx", collected.sink());
  CHECK(issue_lines(summary.issues) == std::vector<std::size_t>{6, 7, 8, 9, 10, 11, 12, 13});
  for (const ImportIssue& issue : summary.issues) {
    CHECK(issue.file == "bad.tmx");
    CHECK_THAT(issue.reason, Catch::Contains("skipped"));
  }
  CHECK_THAT(summary.issues[0].reason, Catch::Contains("empty <seg>"));
  CHECK_THAT(summary.issues[1].reason, Catch::Contains("without xml:lang"));
  CHECK_THAT(summary.issues[2].reason, Catch::Contains("<b>"));
  CHECK_THAT(summary.issues[3].reason, Catch::Contains("without its <bpt>"));
  CHECK_THAT(summary.issues[4].reason, Catch::Contains("fewer than two"));
  CHECK_THAT(summary.issues[5].reason, Catch::Contains("no <seg>"));
  CHECK_THAT(summary.issues[6].reason, Catch::Contains("<sub>"));
  CHECK_THAT(summary.issues[7].reason, Catch::Contains("without its <ept>"));
  CHECK(to_string(summary.issues[0]).starts_with("bad.tmx:6: "));
  // The good units and the one that keeps two languages after its empty Russian is dropped.
  REQUIRE(summary.units == 3);
  std::vector<std::size_t> unit_lines;
  for (const TranslationUnit& unit : collected.units) {
    unit_lines.push_back(unit.origin_line);
  }
  CHECK(unit_lines == std::vector<std::size_t>{5, 14, 15});
  CHECK(collected.units[1].variants.size() == 2);
}

TEST_CASE("strict TMX import throws at the first malformed unit", "[tm][tmx][issues]") {
  const std::string tmx = tmx_with_units({
      kGoodUnit,                                                      // 5
      R"(<tu><tuv xml:lang="nl"><seg>artikel 328</seg></tuv></tu>)",  // 6
      kGoodUnit,                                                      // 7
  });
  Collected collected;
  ReadOptions options;
  options.strictness = Strictness::strict;
  try {
    read_tmx_text(tmx, "strict.tmx", collected.sink(), options);
    FAIL("no ImportError");
  } catch (const ImportError& error) {
    REQUIRE(error.issues().size() == 1);
    CHECK(error.issues()[0].line == 6);
    CHECK(error.issues()[0].file == "strict.tmx");
  }
  CHECK(collected.units.size() == 1);
}

TEST_CASE("TMX that is not well-formed is read up to the line where the parser stopped",
          "[tm][tmx][issues]") {
  const std::string tmx = kTmxHead +
                          lines({
                              kGoodUnit,                                          // 5
                              kGoodUnit,                                          // 6
                              R"(<tu><tuv xml:lang="nl"><seg>kapot</tuv></tu>)",  // 7
                              kGoodUnit,                                          // 8
                          }) +
                          kTmxTail;
  Collected collected;
  const ReadSummary summary = read_tmx_text(tmx, "broken.tmx", collected.sink());
  REQUIRE(summary.issues.size() == 1);
  CHECK(summary.issues[0].line == 7);
  CHECK_THAT(summary.issues[0].reason, Catch::Contains("not well-formed"));
  CHECK(collected.units.size() == 2);
  CHECK(summary.units == 2);

  ReadOptions strict;
  strict.strictness = Strictness::strict;
  Collected strict_units;
  CHECK_THROWS_AS(read_tmx_text(tmx, "broken.tmx", strict_units.sink(), strict), ImportError);
  CHECK(strict_units.units.size() == 2);

  // Before the root element there is nothing to keep: the file is refused.
  CHECK_THROWS_AS(read_tmx_text("<?xml version=\"1.0\"?>\n<tmx <\n", "x.tmx", collected.sink()),
                  ImportError);
  CHECK_THROWS_WITH(read_tmx_text("<?xml version=\"1.0\"?>\n<tbx/>\n", "x.tmx", collected.sink()),
                    Catch::Contains("not a TMX document"));
  CHECK_THROWS_AS(read_tmx_text("", "empty.tmx", collected.sink()), ImportError);
  CHECK_THROWS_AS(read_tmx("/nonexistent/file.tmx", collected.sink()), ImportError);
}

TEST_CASE("TMX with entity declarations is refused: external entities and billion laughs",
          "[tm][tmx][security]") {
  TemporaryDirectory directory;
  const auto secret = directory.path() / "secret.txt";
  write_file(secret, "TOP-SECRET-CONTENT");
  const std::string url = "file://" + secret.string();
  const std::string body = tmx_with_units(
      {R"(<tu><tuv xml:lang="nl"><seg>&x;</seg></tuv><tuv xml:lang="en"><seg>&x;</seg></tuv></tu>)"});
  const auto after_prolog = body.substr(body.find("<tmx"));
  Collected collected;

  SECTION("an external entity") {
    const std::string tmx = lines({R"(<?xml version="1.0"?>)",
                                   R"(<!DOCTYPE tmx [ <!ENTITY x SYSTEM ")" + url + R"("> ]>)"}) +
                            after_prolog;
    try {
      read_tmx_text(tmx, "xxe.tmx", collected.sink());
      FAIL("not refused");
    } catch (const ImportError& error) {
      REQUIRE(error.issues().size() == 1);
      CHECK(error.issues()[0].line == 2);
      CHECK_THAT(error.issues()[0].reason, Catch::Contains("entities"));
      CHECK(std::string(error.what()).find("TOP-SECRET") == std::string::npos);
    }
    // The same from a file.
    write_file(directory.path() / "xxe.tmx", tmx);
    CHECK_THROWS_AS(read_tmx(directory.path() / "xxe.tmx", collected.sink()), ImportError);
  }
  SECTION("a declaration behind a comment that looks like the end of the DTD") {
    const std::string tmx =
        lines({R"(<?xml version="1.0"?>)",
               R"(<!DOCTYPE tmx [ <!-- ]> --> <!ENTITY x SYSTEM ")" + url + R"("> ]>)"}) +
        after_prolog;
    CHECK_THROWS_WITH(read_tmx_text(tmx, "xxe.tmx", collected.sink()), Catch::Contains("entities"));
  }
  SECTION("an entity of an external DTD is neither loaded nor expanded") {
    write_file(directory.path() / "evil.dtd", "<!ENTITY x SYSTEM \"" + url + "\">\n");
    const std::string tmx =
        lines({R"(<?xml version="1.0"?>)", "<!DOCTYPE tmx SYSTEM \"file://" +
                                               (directory.path() / "evil.dtd").string() + "\">"}) +
        after_prolog;
    ReadSummary summary;
    try {
      summary = read_tmx_text(tmx, "xxe.tmx", collected.sink());
    } catch (const ImportError& error) {
      CHECK(std::string(error.what()).find("TOP-SECRET") == std::string::npos);
    }
    for (const ImportIssue& issue : summary.issues) {
      CHECK(issue.reason.find("TOP-SECRET") == std::string::npos);
    }
  }
  SECTION("billion laughs") {
    std::string doctype = "<!DOCTYPE tmx [\n  <!ENTITY lol \"lol\">\n";
    for (int level = 1; level <= 9; ++level) {
      doctype += "  <!ENTITY lol" + std::to_string(level) + " \"";
      for (int copy = 0; copy < 10; ++copy) {
        doctype += level == 1 ? std::string("&lol;") : "&lol" + std::to_string(level - 1) + ";";
      }
      doctype += "\">\n";
    }
    doctype += "]>\n";
    std::string tmx = "<?xml version=\"1.0\"?>\n" + doctype + after_prolog;
    tmx = std::regex_replace(tmx, std::regex("&x;"), "&lol9;");
    const auto start = std::chrono::steady_clock::now();
    CHECK_THROWS_WITH(read_tmx_text(tmx, "lol.tmx", collected.sink()), Catch::Contains("entities"));
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
  }
  CHECK(collected.units.empty());
}

namespace {

// Bytes allocated on the heap and not yet freed (libxml2's and the reader's alike).
std::size_t live_heap_bytes() {
#if defined(__SANITIZE_ADDRESS__)
  return __sanitizer_get_current_allocated_bytes();
#else
  const struct mallinfo2 info = mallinfo2();
  return info.uordblks + info.hblkhd;
#endif
}

}  // namespace

TEST_CASE("a TMX of 200 000 units is streamed", "[tm][tmx][large]") {
  TemporaryDirectory directory;
  const auto file = directory.path() / "large.tmx";
  constexpr std::size_t kUnits = 200'000;
  {
    std::ofstream out(file, std::ios::binary);
    out << kTmxHead;  // 4 lines
    for (std::size_t i = 0; i < kUnits; ++i) {
      // 4 lines per unit
      out << "<tu tuid=\"u" << i << "\">\n"
          << "<tuv xml:lang=\"nl\"><seg>Dienstplichtontduiking (artikel 328 WvS) zaak " << i
          << " kan gedurende een mobilisatieperiode worden bestraft.</seg></tuv>\n"
          << "<tuv xml:lang=\"ru\"><seg>Уклонение от призыва (статья 328 УК), дело " << i
          << ", в период мобилизации может быть наказано.</seg></tuv>\n"
          << "</tu>\n";
    }
    out << kTmxTail;
  }
  const std::size_t size = std::filesystem::file_size(file);
  const std::size_t baseline = live_heap_bytes();
  std::size_t peak = baseline;

  std::size_t count = 0;
  bool lines_right = true;
  bool texts_right = true;
  std::vector<std::pair<std::size_t, std::size_t>> progress;
  ReadOptions options;
  options.progress = [&](std::size_t read, std::size_t total) {
    progress.emplace_back(read, total);
  };
  const ReadSummary summary = read_tmx(
      file,
      [&](TranslationUnit&& unit) {
        lines_right = lines_right && unit.origin_line == 5 + 4 * count;
        texts_right = texts_right && unit.tuid == "u" + std::to_string(count) &&
                      unit.variants[1].segment.text.find(", дело " + std::to_string(count) + ",") !=
                          std::string::npos;
        if (++count % 1000 == 0) {
          peak = std::max(peak, live_heap_bytes());
        }
      },
      options);

  CHECK(summary.issues.empty());
  CHECK(summary.units == kUnits);
  CHECK(count == kUnits);
  CHECK(texts_right);
  CHECK(lines_right);  // also beyond line 65535, where libxml2's element lines stop
  // Progress about every megabyte, growing, ending at the file's size.
  REQUIRE(progress.size() >= size / (std::size_t{1} << 20));
  CHECK(std::is_sorted(progress.begin(), progress.end()));
  CHECK(progress.back() == std::pair{size, size});
  // While reading, the heap holds a few units and parser buffers, not the file (a tree of the
  // file would take several times its size).
  INFO("file " << size / 1024 << " KiB, heap growth " << (peak - baseline) / 1024 << " KiB");
  CHECK(peak - baseline < std::size_t{4} << 20);
}

// ---- gettext ---------------------------------------------------------------------------------

namespace {

// A catalog of the report's terms, with every construct read_po must understand.
const std::string kLegalPo = lines({
    R"(# Translation of legal terms.)",                // 1
    R"(msgid "")",                                     // 2
    R"(msgstr "")",                                    // 3
    R"("Project-Id-Version: tolk-test\n")",            // 4
    R"("Language: ru\n")",                             // 5
    R"("Content-Type: text/plain; charset=UTF-8\n")",  // 6
    R"("Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\n")",  // 7
    "",                                                                                // 8
    R"(#. Section 1.1.3.1 of the report)",                                             // 9
    R"(#: ambtsbericht-rusland-2025.nl.txt:373)",                                      // 10
    R"(msgid "Draft evasion is punishable under Article 328 of the Criminal Code.")",  // 11
    R"(msgstr "Уклонение от призыва наказуемо по статье 328 Уголовного кодекса.")",    // 12
    "",                                                                                // 13
    R"(msgctxt "heading")",                                                            // 14
    R"(msgid "Draft evasion")",                                                        // 15
    R"(msgstr "Уклонение от призыва")",                                                // 16
    "",                                                                                // 17
    R"(msgid "")",                                                                     // 18
    R"("%d person was convicted under Article 328 ")",                                 // 19
    R"("in the first half of 2024.\n")",                                               // 20
    R"(msgid_plural "%d people were convicted under Article 328 in the first half of 2024.\n")",  // 21
    R"(msgstr[0] "%d человек осуждён по статье 328 в первой половине 2024 года.\n")",    // 22
    R"(msgstr[1] "%d человека осуждены по статье 328 в первой половине 2024 года.\n")",  // 23
    R"(msgstr[2] "%d человек осуждены по статье 328 в первой половине 2024 года.\n")",   // 24
    "",                                                                                  // 25
    R"(msgid "Term:\t\"dienstplichtontduiking\" \\ WvS")",                               // 26
    R"(msgstr "Термин:\t«уклонение от призыва» \\ УК")",                                 // 27
    "",                                                                                  // 28
    R"(#, fuzzy, c-format)",                                                             // 29
    R"~(msgid "Desertion (Article 338 of the Criminal Code)")~",                         // 30
    R"~(msgstr "Дезертирство (статья 338 УК)")~",                                        // 31
    "",                                                                                  // 32
    R"(msgid "Refusing an order is an offence under Article 332.")",                     // 33
    R"(msgstr "")",                                                                      // 34
    "",                                                                                  // 35
    R"(#~ msgid "Absence without leave")",                                               // 36
    R"(#~ msgstr "Самовольное оставление части")",                                       // 37
});

std::vector<TranslationUnit> read_po_units(const std::filesystem::path& file,
                                           std::optional<std::string> language = std::nullopt) {
  Collected collected;
  const ReadSummary summary = read_po(file, collected.sink(), "en", std::move(language));
  CHECK(summary.issues.empty());
  CHECK(summary.units == collected.units.size());
  return collected.units;
}

std::vector<TranslationUnit> read_mo_units(const std::filesystem::path& file) {
  Collected collected;
  const ReadSummary summary = read_mo(file, collected.sink());
  CHECK(summary.issues.empty());
  CHECK(summary.units == collected.units.size());
  return collected.units;
}

// Units in a fixed order (MO files sort their entries), without their origin.
std::vector<TranslationUnit> sorted_units(std::vector<TranslationUnit> units) {
  units = without_origin(std::move(units));
  std::sort(units.begin(), units.end(), [](const TranslationUnit& a, const TranslationUnit& b) {
    return std::tie(a.context, a.variants[0].segment.text, a.variants[1].segment.text) <
           std::tie(b.context, b.variants[0].segment.text, b.variants[1].segment.text);
  });
  return units;
}

// Two long lists of units: their sizes, and the first pair that differs.
void check_same_units(const std::vector<TranslationUnit>& actual,
                      const std::vector<TranslationUnit>& expected) {
  CHECK(actual.size() == expected.size());
  for (std::size_t i = 0; i < std::min(actual.size(), expected.size()); ++i) {
    if (!(actual[i] == expected[i])) {
      INFO("first difference at unit " << i);
      CHECK(actual[i] == expected[i]);
      return;
    }
  }
}

std::vector<std::pair<std::string, std::string>> texts(const std::vector<TranslationUnit>& units) {
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const TranslationUnit& unit : units) {
    pairs.emplace_back(unit.variants.at(0).segment.text, unit.variants.at(1).segment.text);
  }
  return pairs;
}

}  // namespace

TEST_CASE("a PO catalog is read: context, plurals, multi-line strings and escapes",
          "[tm][gettext][po]") {
  TemporaryDirectory directory;
  const auto po = directory.path() / "legal.ru.po";
  write_file(po, kLegalPo);
  Collected collected;
  const ReadSummary summary = read_po(po, collected.sink());
  CHECK(summary.issues.empty());
  CHECK(summary.source_language == "en");
  const auto& units = collected.units;
  REQUIRE(units.size() == 5);
  CHECK(texts(units) ==
        std::vector<std::pair<std::string, std::string>>{
            {"Draft evasion is punishable under Article 328 of the Criminal Code.",
             "Уклонение от призыва наказуемо по статье 328 Уголовного кодекса."},
            {"Draft evasion", "Уклонение от призыва"},
            {"%d person was convicted under Article 328 in the first half of 2024.\n",
             "%d человек осуждён по статье 328 в первой половине 2024 года.\n"},
            {"%d people were convicted under Article 328 in the first half of 2024.\n",
             "%d человека осуждены по статье 328 в первой половине 2024 года.\n"},
            {"Term:\t\"dienstplichtontduiking\" \\ WvS", "Термин:\t«уклонение от призыва» \\ УК"},
        });
  for (const TranslationUnit& unit : units) {
    CHECK(unit.source_language == "en");
    CHECK(unit.variants[0].language == "en");
    CHECK(unit.variants[1].language == "ru");
    CHECK(unit.origin_file == "legal.ru.po");
  }
  CHECK(units[0].origin_line == 11);
  CHECK(units[0].notes == std::vector<std::string>{"Section 1.1.3.1 of the report"});
  CHECK(units[1].context == "heading");
  CHECK(units[1].origin_line == 14);
  CHECK(units[2].origin_line == 18);
  CHECK(units[0].context.empty());
}

TEST_CASE("the PO target language: header, else the caller's, else refused", "[tm][gettext][po]") {
  TemporaryDirectory directory;
  const std::string entry = lines({R"(msgid "Article 328")", R"(msgstr "Artikel 328")"});
  const auto po = directory.path() / "nolang.po";
  write_file(
      po,
      lines({R"(msgid "")", R"(msgstr "Content-Type: text/plain; charset=UTF-8\n")", ""}) + entry);
  CHECK_THROWS_WITH(read_po(po, [](TranslationUnit&&) {}), Catch::Contains("Language"));
  const auto units = read_po_units(po, "nl_NL");
  REQUIRE(units.size() == 1);
  CHECK(units[0].variants[1].language == "nl-NL");

  // The header's language wins over the caller's.
  const auto with_header = directory.path() / "withlang.po";
  write_file(with_header, lines({R"(msgid "")", R"(msgstr "Language: nl_BE\n")", ""}) + entry);
  CHECK(read_po_units(with_header, "de")[0].variants[1].language == "nl-BE");

  // Not UTF-8: refused with the line of the header.
  const auto latin1 = directory.path() / "latin1.po";
  write_file(latin1, lines({R"(msgid "")", R"(msgstr "Language: nl\n")",
                            R"("Content-Type: text/plain; charset=ISO-8859-1\n")", ""}) +
                         entry);
  try {
    read_po(latin1, [](TranslationUnit&&) {});
    FAIL("not refused");
  } catch (const ImportError& error) {
    CHECK(error.issues()[0].line == 1);
    CHECK_THAT(error.issues()[0].reason, Catch::Contains("iso-8859-1"));
  }
}

TEST_CASE("PO syntax errors are reported with their lines and the entry skipped",
          "[tm][gettext][po]") {
  TemporaryDirectory directory;
  const auto po = directory.path() / "broken.po";
  write_file(po, lines({
                     R"(msgid "")",                      // 1
                     R"(msgstr "Language: nl\n")",       // 2
                     "",                                 // 3
                     R"(msgid "Article 328 \q")",        // 4
                     R"(msgstr "Artikel 328")",          // 5
                     R"(msgid "Article 338")",           // 6
                     R"(msgstr "Artikel 338")",          // 7
                     "",                                 // 8
                     R"(msgstr "zonder msgid")",         // 9
                     "",                                 // 10
                     R"(msgid "Article 332)",            // 11
                     R"(msgstr "Artikel 332")",          // 12
                     "",                                 // 13
                     R"(#, fuzzy)",                      // 14
                     R"(msgid "Article 337")",           // 15
                     R"(msgstr "Artikel 337")",          // 16
                     R"(msgid "Article 339")",           // 17
                     R"(msgstr[1] "Artikel 339")",       // 18
                     "",                                 // 19
                     R"(msgid "Article 340" trailing)",  // 20
                     R"(msgstr "Artikel 340")",          // 21
                     "",                                 // 22
                     R"(msgid "Article 341")",           // 23
                     R"(msgstr "Artikel 341")",          // 24
                 }));
  Collected collected;
  const ReadSummary summary = read_po(po, collected.sink());
  CHECK(issue_lines(summary.issues) == std::vector<std::size_t>{4, 9, 11, 18, 20});
  CHECK_THAT(summary.issues[0].reason, Catch::Contains("escape"));
  CHECK_THAT(summary.issues[1].reason, Catch::Contains("msgstr before msgid"));
  // The fuzzy one stays out; the entries after a broken one are read.
  CHECK(texts(collected.units) ==
        std::vector<std::pair<std::string, std::string>>{{"Article 338", "Artikel 338"},
                                                         {"Article 341", "Artikel 341"}});
  ReadOptions strict;
  strict.strictness = Strictness::strict;
  CHECK_THROWS_AS(read_po(
                      po, [](TranslationUnit&&) {}, "en", std::nullopt, strict),
                  ImportError);
}

TEST_CASE("read_mo reads what msgfmt compiles, in both byte orders, as read_po reads the PO",
          "[tm][gettext][mo]") {
  TemporaryDirectory directory;
  const auto po = directory.path() / "legal.ru.po";
  write_file(po, kLegalPo);
  const std::vector<TranslationUnit> from_po = sorted_units(read_po_units(po));
  REQUIRE(from_po.size() == 5);
  for (const std::string endianness : {"little", "big"}) {
    const auto mo = directory.path() / ("legal-" + endianness + ".mo");
    const auto result = run_process("msgfmt --endianness=" + endianness + " -o " +
                                    shell_quote(mo.string()) + " " + shell_quote(po.string()));
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    const std::string data = read_file(mo);
    // The magic number as each byte order writes it.
    CHECK(data.substr(0, 4) == (endianness == "little" ? std::string("\xde\x12\x04\x95")
                                                       : std::string("\x95\x04\x12\xde")));
    const auto from_mo = read_mo_units(mo);
    CHECK(from_mo[0].origin_file == mo.filename().string());
    // Comments are not compiled; the rest is the same.
    auto expected = from_po;
    for (TranslationUnit& unit : expected) {
      unit.notes.clear();
    }
    CHECK(sorted_units(from_mo) == expected);
  }
}

TEST_CASE("Debian's coreutils catalogs read from MO match msgunfmt's PO", "[tm][gettext][mo]") {
  TemporaryDirectory directory;
  for (const std::string language : {"nl", "ru"}) {
    const std::filesystem::path mo = "/usr/share/locale/" + language + "/LC_MESSAGES/coreutils.mo";
    REQUIRE(std::filesystem::exists(mo));
    const auto po = directory.path() / ("coreutils." + language + ".po");
    const auto result =
        run_process("msgunfmt -o " + shell_quote(po.string()) + " " + shell_quote(mo.string()));
    INFO(result.err);
    REQUIRE(result.exit_code == 0);

    const auto from_mo = read_mo_units(mo);
    const auto from_po = read_po_units(po);
    CHECK(from_mo.size() > 1000);
    check_same_units(sorted_units(from_mo), sorted_units(from_po));
    for (const TranslationUnit& unit : from_mo) {
      CHECK(unit.variants[1].language == language);
      CHECK(unit.origin_line > 0);
    }
    // System-dependent strings (revision 1 MO) are rebuilt as msgunfmt prints them.
    CHECK(std::any_of(from_mo.begin(), from_mo.end(), [](const TranslationUnit& unit) {
      return unit.variants[0].segment.text.find("%<PRIdMAX>") != std::string::npos;
    }));
  }
}

TEST_CASE("damaged MO files are refused or their bad entries reported", "[tm][gettext][mo]") {
  TemporaryDirectory directory;
  const auto po = directory.path() / "legal.ru.po";
  write_file(po, kLegalPo);
  const auto mo = directory.path() / "legal.mo";
  REQUIRE(run_process("msgfmt -o " + shell_quote(mo.string()) + " " + shell_quote(po.string()))
              .exit_code == 0);
  const std::string data = read_file(mo);
  const auto damaged = directory.path() / "damaged.mo";
  Collected collected;

  write_file(damaged, data.substr(0, 20));
  CHECK_THROWS_WITH(read_mo(damaged, collected.sink()), Catch::Contains("too short"));
  write_file(damaged, "GNU gettext message catalog, honestly");
  CHECK_THROWS_WITH(read_mo(damaged, collected.sink()), Catch::Contains("magic"));
  // The table of translations beyond the end of the file.
  std::string moved = data;
  moved[16] = '\xff';
  moved[17] = '\xff';
  write_file(damaged, moved);
  CHECK_THROWS_WITH(read_mo(damaged, collected.sink()), Catch::Contains("outside"));
  // One string pointing beyond the end: that entry alone is reported.
  std::size_t originals = 0;  // the offset of the table of original strings (little endian)
  for (std::size_t i = 0; i < 4; ++i) {
    originals |= std::size_t{static_cast<unsigned char>(data[12 + i])} << (8 * i);
  }
  std::string one_bad = data;
  const std::size_t third_offset = originals + 8 * 2 + 4;  // entries are (length, offset) pairs
  for (std::size_t i = 0; i < 4; ++i) {
    one_bad[third_offset + i] = '\xff';
  }
  write_file(damaged, one_bad);
  const ReadSummary summary = read_mo(damaged, collected.sink());
  REQUIRE(summary.issues.size() == 1);
  CHECK(summary.issues[0].line == 3);
  CHECK_THAT(summary.issues[0].reason, Catch::Contains("MO entry 3"));
  CHECK(summary.units == 4);
}

// ---- Tab-separated pairs ---------------------------------------------------------------------

TEST_CASE("tab-separated pairs with a language header, notes and bad lines", "[tm][tsv]") {
  TemporaryDirectory directory;
  const auto tsv = directory.path() / "pairs.tsv";
  write_file(tsv,
             "\xEF\xBB\xBFnl\tru-ru\r\n"                                          // 1
             "Dienstplichtontduiking\tуклонение от призыва\tartikel 328 WvS\r\n"  // 2
             "\n"                                                                 // 3
             "desertie\n"                                                         // 4
             "a\tb\tc\td\n"                                                       // 5
             "\t\xd0\xb4\xd0\xb5\xd0\xb7\n"                                       // 6
             "dienstweigering\t\xff\xfe\n"                                        // 7
             "ongewenste organisatie\tнежелательная организация\n");              // 8
  Collected collected;
  const ReadSummary summary = read_tsv_pairs(tsv, collected.sink(), "en", "de");
  CHECK(summary.source_language == "nl");
  CHECK(issue_lines(summary.issues) == std::vector<std::size_t>{4, 5, 6, 7});
  REQUIRE(collected.units.size() == 2);
  CHECK(texts(collected.units) == std::vector<std::pair<std::string, std::string>>{
                                      {"Dienstplichtontduiking", "уклонение от призыва"},
                                      {"ongewenste organisatie", "нежелательная организация"}});
  CHECK(collected.units[0].variants[0].language == "nl");
  CHECK(collected.units[0].variants[1].language == "ru-RU");
  CHECK(collected.units[0].notes == std::vector<std::string>{"artikel 328 WvS"});
  CHECK(collected.units[0].origin_line == 2);
  CHECK(collected.units[1].origin_line == 8);
  CHECK(collected.units[1].origin_file == "pairs.tsv");

  ReadOptions strict;
  strict.strictness = Strictness::strict;
  CHECK_THROWS_AS(read_tsv_pairs(tsv, collected.sink(), "en", "de", strict), ImportError);
}

TEST_CASE("tab-separated pairs without a header take the caller's languages", "[tm][tsv]") {
  TemporaryDirectory directory;
  const auto tsv = directory.path() / "pairs.tsv";
  // "de" and "the" is a Dutch-English pair, not a header ("the" is no ISO 639-1 code); so is
  // "in"/"in" (the same code twice).
  write_file(tsv, "de\tthe\nin\tin\nartikel\tarticle\n");
  Collected collected;
  const ReadSummary summary = read_tsv_pairs(tsv, collected.sink(), "NL", "en_GB");
  CHECK(summary.issues.empty());
  REQUIRE(collected.units.size() == 3);
  CHECK(collected.units[0].variants[0].segment.text == "de");
  CHECK(collected.units[0].variants[0].language == "nl");
  CHECK(collected.units[0].variants[1].language == "en-GB");
  write_file(tsv, "in\tin\n");
  Collected same;
  read_tsv_pairs(tsv, same.sink(), "nl", "en");
  CHECK(same.units.size() == 1);
  CHECK_THROWS_AS(read_tsv_pairs(directory.path() / "missing.tsv", same.sink(), "nl", "en"),
                  ImportError);
}

// ---- XLIFF pre-translation -------------------------------------------------------------------

namespace {

const std::filesystem::path kReportXliff = kData / "ambtsbericht-nl-en.xlf";

// A translation memory of the report's sentences, recording what it was offered.
struct ReportMemory {
  struct Entry {
    std::string target;
    int score;
    std::string origin;
  };
  std::map<std::string, Entry> entries{
      {"Dienstplichtontduiking is strafbaar onder artikel 328 Wetboek van Strafrecht (WvS).",
       {"Draft evasion is punishable under Article 328 of the Criminal Code (CC).", 100,
        "tm:legal#373"}},
      {"Dienstplichtontduiking (artikel 328 WvS) kan gedurende een mobilisatieperiode worden "
       "bestraft met maximaal twee jaar detentie.",
       {"Draft evasion (Article 328 of the Criminal Code) can be punished with up to two years' "
        "detention during a mobilisation period.",
        87, "tm:legal#560"}},
      {"In de eerste helft van 2024 werden volgens de website 427 mensen hiervoor veroordeeld & "
       "kregen zij boetes < 1000 roebel.",
       {"According to the website, 427 people were convicted of this in the first half of 2024 & "
        "were fined < 1000 roubles.",
        101, "tm:legal#574"}},
      {"Strafrechtelijke onderzoeken kunnen wel worden opgestart terwijl de verdachte zich in het "
       "buitenland bevindt.",
       {"Criminal investigations can, however, be opened while the suspect is abroad.", 95,
        "tm:legal#2630"}},
      {"In geen van de gevallen werd een gevangenisstraf opgelegd.",
       {"In none of the cases was a prison sentence imposed.", 100, "tm:legal#575"}},
      {"Desertie ook.", {"Desertion too.", 100, ""}},
      {"Voor het begin van een strafrechtelijke rechtbankprocedure is aanwezigheid van de "
       "verdachte in Rusland wel vereist.",
       {"Для начала уголовного судебного разбирательства присутствие подозреваемого в России "
        "обязательно.",
        100, "tm:legal#2629"}},
  };
  std::vector<XliffSegment> offered;

  XliffFiller filler() {
    return [this](const XliffSegment& segment) -> std::optional<XliffFill> {
      offered.push_back(segment);
      const auto found = entries.find(segment.source_text);
      if (found == entries.end()) {
        return std::nullopt;
      }
      XliffFill fill;
      fill.target_text = found->second.target;
      fill.score = found->second.score;
      fill.origin = found->second.origin;
      return fill;
    };
  }
  const XliffSegment& offer_of(const std::string& source) const {
    const auto found = std::find_if(offered.begin(), offered.end(),
                                    [&](const XliffSegment& s) { return s.source_text == source; });
    REQUIRE(found != offered.end());
    return *found;
  }
};

// Replaces the one occurrence of `from` in `text`; a test expectation stating one change.
void replace_once(std::string& text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  REQUIRE(text.find(from, at + 1) == std::string::npos);
  text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("XLIFF 1.2: missing and empty targets are filled and nothing else changes",
          "[tm][xliff][xliff12]") {
  const std::string input = read_file(kReportXliff);
  ReportMemory memory;
  std::string output;
  const XliffSummary summary =
      pretranslate_xliff(input, "ambtsbericht-nl-en.xlf", memory.filler(), output);
  CHECK(summary.version == "1.2");
  CHECK(summary.source_language == "nl-NL");
  CHECK(summary.target_language == "en-GB");
  CHECK(summary.issues.empty());
  // 373, 560, 2629, 574, unknown, 2631 (two segments), 2632 (two segments); 2630 is
  // translate="no".
  CHECK(summary.segments == 9);
  CHECK(summary.already_translated == 2);  // 2629, and segment 1 of 2632
  CHECK(summary.filled == 6);

  // What the memory was asked.
  CHECK(memory.offered.size() == 7);
  const XliffSegment& with_codes = memory.offer_of(
      "Dienstplichtontduiking (artikel 328 WvS) kan gedurende een mobilisatieperiode worden "
      "bestraft met maximaal twee jaar detentie.");
  CHECK(with_codes.inline_codes == 2);
  CHECK(with_codes.context == "560");
  CHECK(with_codes.line == line_of(input, "<source>Dienstplichtontduiking (<g"));
  const XliffSegment& named = memory.offer_of(
      "Dienstplichtontduiking is strafbaar onder artikel 328 Wetboek van Strafrecht (WvS).");
  CHECK(named.context == "sanctions.1");
  CHECK(named.inline_codes == 0);
  CHECK(memory.offer_of("Desertie ook.").line ==
        line_of(input, "<mrk mtype=\"seg\" mid=\"2\">Desertie"));

  // Every change, spelled out; all other bytes are the input's.
  std::string expected = input;
  replace_once(
      expected, "(WvS).</source>\n",
      "(WvS).</source>\n"
      "        <target state=\"translated\" state-qualifier=\"exact-match\">Draft evasion is "
      "punishable under Article 328 of the Criminal Code (CC).</target>\n"
      "        <alt-trans match-quality=\"100\" origin=\"tm:legal#373\"><target>Draft evasion is "
      "punishable under Article 328 of the Criminal Code (CC).</target></alt-trans>\n");
  const std::string fill_560 =
      "Draft evasion (Article 328 of the Criminal Code) can be punished with up to two years' "
      "detention during a mobilisation period.<g id=\"1\" ctype=\"bold\"></g><x id=\"2\" "
      "ctype=\"x-footnote\"/>";
  replace_once(expected, "<target xml:lang=\"en-GB\"/>",
               "<target xml:lang=\"en-GB\" state=\"needs-review-translation\" "
               "state-qualifier=\"fuzzy-match\">" +
                   fill_560 +
                   "</target>\n"
                   "        <alt-trans match-quality=\"87\" origin=\"tm:legal#560\"><target>" +
                   fill_560 + "</target></alt-trans>");
  const std::string fill_574 =
      "According to the website, 427 people were convicted of this in the first half of 2024 "
      "&amp; were fined &lt; 1000 roubles.";
  replace_once(expected, "<target>   </target>",
               "<target state=\"translated\" state-qualifier=\"exact-match\">" + fill_574 +
                   "</target>\n"
                   "          <alt-trans match-quality=\"101\" origin=\"tm:legal#574\"><target>" +
                   fill_574 + "</target></alt-trans>");
  replace_once(
      expected, "opgelegd.</mrk></seg-source>\n",
      "opgelegd.</mrk></seg-source>\n"
      "        <target state=\"needs-review-translation\" state-qualifier=\"fuzzy-match\">"
      "<mrk mtype=\"seg\" mid=\"1\">Criminal investigations can, however, be opened while the "
      "suspect is abroad.</mrk> <mrk mtype=\"seg\" mid=\"2\">In none of the cases was a prison "
      "sentence imposed.</mrk></target>\n"
      "        <alt-trans mid=\"1\" match-quality=\"95\" origin=\"tm:legal#2630\"><target>Criminal "
      "investigations can, however, be opened while the suspect is abroad.</target></alt-trans>\n"
      "        <alt-trans mid=\"2\" match-quality=\"100\" origin=\"tm:legal#575\"><target>In none "
      "of the cases was a prison sentence imposed.</target></alt-trans>\n");
  replace_once(expected,
               "<target><mrk mtype=\"seg\" mid=\"1\">Draft evasion is punishable.</mrk> <mrk "
               "mtype=\"seg\" mid=\"2\"/></target>\n",
               "<target state=\"translated\" state-qualifier=\"exact-match\"><mrk mtype=\"seg\" "
               "mid=\"1\">Draft evasion is punishable.</mrk> <mrk mtype=\"seg\" mid=\"2\">"
               "Desertion too.</mrk></target>\n"
               "        <alt-trans mid=\"2\" match-quality=\"100\"><target>Desertion "
               "too.</target></alt-trans>\n");
  CHECK(output == expected);

  // translate-toolkit reads the result: the targets and their states, the alternatives.
  TemporaryDirectory directory;
  const auto file = directory.path() / "out.xlf";
  write_file(file, output);
  const std::string read_back = run_python(
      kPythonEscape +
          "import sys\n"
          "from translate.storage import xliff\n"
          "ns = '{urn:oasis:names:tc:xliff:document:1.2}'\n"
          "store = xliff.xlifffile.parsefile(sys.argv[1])\n"
          "for unit in store.getunits():\n"
          "    target = unit.xmlelement.find(ns + 'target')\n"
          "    state = '' if target is None else (target.get('state') or '')\n"
          "    alternatives = ','.join(a.xmlelement.get('match-quality') + ':' + a.target\n"
          "                            for a in unit.getalttrans())\n"
          "    print('\\t'.join([esc(unit.xmlelement.get('id')), esc(unit.target), state,\n"
          "                     esc(alternatives)]))\n",
      file);
  const std::string english_373 =
      "Draft evasion is punishable under Article 328 of the Criminal Code (CC).";
  const std::string english_560 =
      "Draft evasion (Article 328 of the Criminal Code) can be punished with up to two years' "
      "detention during a mobilisation period.";
  const std::string english_574 =
      "According to the website, 427 people were convicted of this in the first half of 2024 & "
      "were fined < 1000 roubles.";
  const std::string english_2631_1 =
      "Criminal investigations can, however, be opened while the suspect is abroad.";
  const std::string english_2631_2 = "In none of the cases was a prison sentence imposed.";
  CHECK(read_back ==
        lines({
            "373\t" + english_373 + "\ttranslated\t100:" + english_373,
            "560\t" + english_560 + "\tneeds-review-translation\t87:" + english_560,
            "2629\tThe presence of the suspect in Russia is required before criminal court "
            "proceedings can begin.\t\t",
            "2630\t\t\t",
            "574\t" + english_574 + "\ttranslated\t101:" + english_574,
            "unknown\t\t\t",
            "2631\t" + english_2631_1 + " " + english_2631_2 +
                "\tneeds-review-translation\t95:" + english_2631_1 + ",100:" + english_2631_2,
            "2632\tDraft evasion is punishable. Desertion too.\ttranslated\t100:Desertion too.",
        }));
}

TEST_CASE("XLIFF that no fill changes stays byte for byte the same", "[tm][xliff]") {
  const std::string input = read_file(kReportXliff);
  std::string output = "previous content";
  std::size_t offers = 0;
  const XliffSummary summary = pretranslate_xliff(
      input, "x.xlf",
      [&](const XliffSegment&) -> std::optional<XliffFill> {
        ++offers;
        return std::nullopt;
      },
      output);
  CHECK(offers == 7);
  CHECK(summary.filled == 0);
  CHECK(output == input);
}

TEST_CASE("XLIFF 1.2 with a namespace prefix, CRLF lines and a partial segmentation",
          "[tm][xliff][xliff12]") {
  const std::string input =
      "<?xml version=\"1.0\"?>\r\n"
      "<x:xliff version=\"1.2\" xmlns:x=\"urn:oasis:names:tc:xliff:document:1.2\">\r\n"
      " <x:file original=\"r\" source-language=\"nl\" target-language=\"ru\" "
      "datatype=\"plaintext\">\r\n"
      "  <x:body>\r\n"
      "   <x:trans-unit id=\"a\">\r\n"
      "    <x:source>Desertie ook.</x:source>\r\n"
      "   </x:trans-unit>\r\n"
      "   <x:trans-unit id=\"b\"><x:source>Desertie <x:ph "
      "id=\"1\">&lt;br/&gt;</x:ph>ook.</x:source><x:seg-source><x:mrk mtype=\"seg\" "
      "mid=\"1\">Desertie <x:ph id=\"1\">&lt;br/&gt;</x:ph>ook.</x:mrk> <x:mrk mtype=\"seg\" "
      "mid=\"2\">Onbekend.</x:mrk></x:seg-source></x:trans-unit>\r\n"
      "  </x:body>\r\n"
      " </x:file>\r\n"
      "</x:xliff>\r\n";
  std::string output;
  const XliffSummary summary = pretranslate_xliff(
      input, "prefixed.xlf",
      [](const XliffSegment& segment) -> std::optional<XliffFill> {
        if (segment.source_text != "Desertie ook.") {
          return std::nullopt;
        }
        XliffFill fill;
        fill.target_text = "Дезертирство тоже.";
        fill.score = 100;
        return fill;
      },
      output);
  CHECK(summary.filled == 2);
  CHECK(summary.segments == 3);
  std::string expected = input;
  replace_once(expected, "<x:source>Desertie ook.</x:source>\r\n",
               "<x:source>Desertie ook.</x:source>\r\n"
               "    <x:target state=\"translated\" state-qualifier=\"exact-match\">Дезертирство "
               "тоже.</x:target>\r\n"
               "    <x:alt-trans match-quality=\"100\"><x:target>Дезертирство "
               "тоже.</x:target></x:alt-trans>\r\n");
  // The second unit: one segment filled (its <ph> appended), one left empty; no indentation to
  // copy on that line.
  replace_once(expected, "</x:seg-source></x:trans-unit>",
               "</x:seg-source><x:target state=\"needs-translation\" "
               "state-qualifier=\"exact-match\"><x:mrk mtype=\"seg\" mid=\"1\">Дезертирство "
               "тоже.<x:ph id=\"1\">&lt;br/&gt;</x:ph></x:mrk> <x:mrk mtype=\"seg\" "
               "mid=\"2\"></x:mrk></x:target><x:alt-trans mid=\"1\" "
               "match-quality=\"100\"><x:target>Дезертирство тоже.<x:ph "
               "id=\"1\">&lt;br/&gt;</x:ph></x:target></x:alt-trans></x:trans-unit>");
  CHECK(output == expected);
}

namespace {

const std::string kXliff2 = lines({
    R"(<?xml version="1.0" encoding="UTF-8"?>)",
    R"(<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="VERSION" srcLang="nl" trgLang="ru">)",
    R"(  <file id="f1" original="ambtsbericht-rusland-2025.nl.txt">)",
    R"(    <unit id="u373" name="sanctions.1">)",
    R"(      <segment>)",
    R"(        <source>Dienstplichtontduiking is strafbaar onder artikel 328 Wetboek van Strafrecht (WvS).</source>)",
    R"(      </segment>)",
    R"(    </unit>)",
    R"(    <unit id="u560">)",
    R"(      <originalData><data id="d1">&lt;b&gt;</data><data id="d2">&lt;/b&gt;</data></originalData>)",
    R"(      <segment id="s1" state="initial" subState="x:y">)",
    R"(        <source>Dienstplichtontduiking (<pc id="1" dataRefStart="d1" dataRefEnd="d2">artikel 328 WvS</pc>) kan gedurende een mobilisatieperiode worden bestraft met maximaal twee jaar detentie.<ph id="2"/></source>)",
    R"(        <target xml:space="preserve"/>)",
    R"(      </segment>)",
    R"(      <ignorable><source> </source></ignorable>)",
    R"(      <segment id="s2">)",
    R"(        <source>Voor het begin van een strafrechtelijke rechtbankprocedure is aanwezigheid van de verdachte in Rusland wel vereist.</source>)",
    R"(        <target>Присутствие подозреваемого в России обязательно.</target>)",
    R"(      </segment>)",
    R"(    </unit>)",
    R"(    <unit id="u2630" translate="no">)",
    R"(      <segment><source>WvS</source></segment>)",
    R"(    </unit>)",
    R"(    <group id="g">)",
    R"(      <unit id="u574"><segment><source>In de eerste helft van 2024 werden volgens de website 427 mensen hiervoor veroordeeld &amp; kregen zij boetes &lt; 1000 roebel.</source><target></target></segment></unit>)",
    R"(    </group>)",
    R"(  </file>)",
    R"(</xliff>)",
});

}  // namespace

TEST_CASE("XLIFF 2.0 and 2.1: targets filled, segment state set, nothing else changed",
          "[tm][xliff][xliff2]") {
  for (const std::string version : {"2.0", "2.1"}) {
    const std::string input = std::regex_replace(kXliff2, std::regex("VERSION"), version);
    ReportMemory memory;
    memory.entries.at(
        "Dienstplichtontduiking is strafbaar onder artikel 328 Wetboek van Strafrecht (WvS).") = {
        "Уклонение от призыва на военную службу наказуемо по статье 328 Уголовного кодекса (УК).",
        100, "tm:legal#373"};
    memory.entries.at(
        "Dienstplichtontduiking (artikel 328 WvS) kan gedurende een mobilisatieperiode worden "
        "bestraft met maximaal twee jaar detentie.") = {
        "Уклонение от призыва (статья 328 УК) в период мобилизации может наказываться лишением "
        "свободы на срок до двух лет.",
        90, "tm:legal#560"};
    memory.entries.at(
        "In de eerste helft van 2024 werden volgens de website 427 mensen hiervoor veroordeeld & "
        "kregen zij boetes < 1000 roebel.") = {
        "По данным сайта, в первой половине 2024 года за это были осуждены 427 человек & "
        "штрафы < 1000 рублей.",
        101, "tm:legal#574"};
    std::string output;
    const XliffSummary summary = pretranslate_xliff(input, "report.xlf", memory.filler(), output);
    CHECK(summary.version == version);
    CHECK(summary.source_language == "nl");
    CHECK(summary.target_language == "ru");
    CHECK(summary.segments == 4);
    CHECK(summary.already_translated == 1);
    CHECK(summary.filled == 3);
    CHECK(memory
              .offer_of("Dienstplichtontduiking is strafbaar onder artikel 328 Wetboek van "
                        "Strafrecht (WvS).")
              .context == "sanctions.1");
    const XliffSegment& coded = memory.offer_of(
        "Dienstplichtontduiking (artikel 328 WvS) kan gedurende een mobilisatieperiode worden "
        "bestraft met maximaal twee jaar detentie.");
    CHECK(coded.context == "u560");
    CHECK(coded.inline_codes == 2);

    std::string expected = input;
    replace_once(expected, "      <segment>\n        <source>Dienstplichtontduiking is",
                 "      <segment state=\"translated\">\n        <source>Dienstplichtontduiking is");
    replace_once(expected, "(WvS).</source>\n",
                 "(WvS).</source>\n        <target>Уклонение от призыва на военную службу "
                 "наказуемо по статье 328 Уголовного кодекса (УК).</target>\n");
    // s1 (score 90) keeps state="initial": its start tag is rewritten with the same bytes.
    replace_once(expected, R"(<target xml:space="preserve"/>)",
                 R"(<target xml:space="preserve">Уклонение от призыва (статья 328 УК) в период )"
                 R"(мобилизации может наказываться лишением свободы на срок до двух лет.)"
                 R"(<pc id="1" dataRefStart="d1" dataRefEnd="d2"></pc><ph id="2"/></target>)");
    replace_once(expected, R"(<unit id="u574"><segment>)",
                 R"(<unit id="u574"><segment state="translated">)");
    replace_once(expected, "<target></target>",
                 "<target>По данным сайта, в первой половине 2024 года за это были осуждены 427 "
                 "человек &amp; штрафы &lt; 1000 рублей.</target>");
    CHECK(output == expected);

    // An independent XML parser reads the targets and states back.
    TemporaryDirectory directory;
    const auto file = directory.path() / "out.xlf";
    write_file(file, output);
    const std::string read_back =
        run_python(kPythonEscape +
                       "import sys\n"
                       "import xml.etree.ElementTree as ET\n"
                       "ns = '{urn:oasis:names:tc:xliff:document:2.0}'\n"
                       "for unit in ET.parse(sys.argv[1]).getroot().iter(ns + 'unit'):\n"
                       "    for segment in unit.findall(ns + 'segment'):\n"
                       "        target = segment.find(ns + 'target')\n"
                       "        text = '' if target is None else ''.join(target.itertext())\n"
                       "        print(unit.get('id') + '\\t' + (segment.get('state') or '') + "
                       "'\\t' + esc(text))\n",
                   file);
    CHECK(read_back ==
          lines({
              "u373\ttranslated\tУклонение от призыва на военную службу наказуемо по статье 328 "
              "Уголовного кодекса (УК).",
              "u560\tinitial\tУклонение от призыва (статья 328 УК) в период мобилизации может "
              "наказываться лишением свободы на срок до двух лет.",
              "u560\t\tПрисутствие подозреваемого в России обязательно.",
              "u2630\t\t",
              "u574\ttranslated\tПо данным сайта, в первой половине 2024 года за это были осуждены "
              "427 человек & штрафы < 1000 рублей.",
          }));
  }
}

TEST_CASE("bad XLIFF is refused with file and line; bad units are reported", "[tm][xliff]") {
  ReportMemory memory;
  std::string output = "untouched";
  const auto refused_at = [&](const std::string& document) -> std::size_t {
    try {
      pretranslate_xliff(document, "bad.xlf", memory.filler(), output);
    } catch (const ImportError& error) {
      REQUIRE(error.issues().size() == 1);
      CHECK(error.issues()[0].file == "bad.xlf");
      return error.issues()[0].line;
    }
    FAIL("not refused");
    return 0;
  };
  CHECK(refused_at(lines({R"(<?xml version="1.0"?>)", R"(<xliff version="1.2">)",
                          R"(<file><body><trans-unit id="1"><source>a</trans-unit>)",
                          "</body></file></xliff>"})) == 3);
  CHECK(refused_at(lines({R"(<?xml version="1.0"?>)", R"(<tmx version="1.4"/>)"})) == 2);
  CHECK(refused_at(lines({R"(<?xml version="1.0"?>)", R"(<xliff version="3.0"/>)"})) == 2);
  CHECK(refused_at("") == 1);  // libxml2: "Document is empty"
  CHECK(refused_at(lines(
            {R"(<?xml version="1.0" encoding="ISO-8859-1"?>)", R"(<xliff version="1.2"/>)"})) == 1);
  CHECK(output == "untouched");

  const std::string no_source = lines({
      R"(<?xml version="1.0"?>)",
      R"(<xliff version="1.2"><file original="a" source-language="nl" datatype="plaintext"><body>)",
      R"(<trans-unit id="1"><target>x</target></trans-unit>)",  // 3
      R"(<trans-unit id="2"><source>Desertie ook.</source></trans-unit>)",
      R"(</body></file></xliff>)",
  });
  const XliffSummary summary = pretranslate_xliff(no_source, "bad.xlf", memory.filler(), output);
  REQUIRE(summary.issues.size() == 1);
  CHECK(summary.issues[0].line == 3);
  CHECK_THAT(summary.issues[0].reason, Catch::Contains("no <source>"));
  CHECK(summary.filled == 1);

  // XLIFF 2 without trgLang: filled, and told that the attribute is missing.
  std::string no_target_language = std::regex_replace(kXliff2, std::regex(" trgLang=\"ru\""), "");
  no_target_language = std::regex_replace(no_target_language, std::regex("VERSION"), "2.0");
  const XliffSummary v2 = pretranslate_xliff(no_target_language, "v2.xlf", memory.filler(), output);
  CHECK(v2.filled == 3);
  REQUIRE(v2.issues.size() == 1);
  CHECK(v2.issues[0].line == 2);
  CHECK_THAT(v2.issues[0].reason, Catch::Contains("trgLang"));
}

TEST_CASE("translate=\"no\" on a group or file is inherited by its units", "[tm][xliff]") {
  const std::string input = lines({
      R"(<?xml version="1.0"?>)",
      R"(<xliff version="1.2"><file original="a" source-language="nl" datatype="plaintext"><body>)",
      R"(<group translate="no"><trans-unit id="1"><source>Desertie ook.</source></trans-unit></group>)",
      R"(<group><trans-unit id="2"><source>Desertie ook.</source></trans-unit></group>)",
      R"(</body></file></xliff>)",
  });
  ReportMemory memory;
  std::string output;
  const XliffSummary summary = pretranslate_xliff(input, "groups.xlf", memory.filler(), output);
  CHECK(summary.segments == 1);
  CHECK(summary.filled == 1);
  CHECK(output.find("<trans-unit id=\"1\"><source>Desertie ook.</source></trans-unit>") !=
        std::string::npos);
  CHECK(output.find("<trans-unit id=\"2\"><source>Desertie ook.</source><target") !=
        std::string::npos);
}

TEST_CASE("XLIFF with entity declarations is refused: external entities and billion laughs",
          "[tm][xliff][security]") {
  TemporaryDirectory directory;
  const auto secret = directory.path() / "secret.txt";
  write_file(secret, "TOP-SECRET-CONTENT");
  const std::string body =
      R"(<xliff version="1.2"><file original="a" source-language="nl" datatype="plaintext"><body>)"
      R"(<trans-unit id="1"><source>&x;</source></trans-unit></body></file></xliff>)";
  std::size_t offers = 0;
  const XliffFiller filler = [&](const XliffSegment&) -> std::optional<XliffFill> {
    ++offers;
    XliffFill fill;
    fill.target_text = "x";
    return fill;
  };
  std::string output;
  const std::string xxe =
      lines({R"(<?xml version="1.0"?>)",
             R"(<!DOCTYPE xliff [ <!ENTITY x SYSTEM "file://)" + secret.string() + R"("> ]>)"}) +
      body;
  try {
    pretranslate_xliff(xxe, "xxe.xlf", filler, output);
    FAIL("not refused");
  } catch (const ImportError& error) {
    CHECK(error.issues()[0].line == 2);
    CHECK_THAT(error.issues()[0].reason, Catch::Contains("entities"));
    CHECK(std::string(error.what()).find("TOP-SECRET") == std::string::npos);
  }

  std::string doctype = "<!DOCTYPE xliff [\n  <!ENTITY lol \"lol\">\n";
  for (int level = 1; level <= 9; ++level) {
    doctype += "  <!ENTITY lol" + std::to_string(level) + " \"";
    for (int copy = 0; copy < 10; ++copy) {
      doctype += level == 1 ? std::string("&lol;") : "&lol" + std::to_string(level - 1) + ";";
    }
    doctype += "\">\n";
  }
  const std::string laughs = "<?xml version=\"1.0\"?>\n" + doctype + "]>\n" +
                             std::regex_replace(body, std::regex("&x;"), "&lol9;");
  const auto start = std::chrono::steady_clock::now();
  CHECK_THROWS_WITH(pretranslate_xliff(laughs, "lol.xlf", filler, output),
                    Catch::Contains("entities"));
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));

  // An undeclared entity (an external DTD that is not loaded) is refused too, not passed on.
  const std::string external =
      lines({R"(<?xml version="1.0"?>)", R"(<!DOCTYPE xliff SYSTEM "file:///nonexistent.dtd">)"}) +
      body;
  CHECK_THROWS_AS(pretranslate_xliff(external, "ext.xlf", filler, output), ImportError);
  CHECK(offers == 0);
  CHECK(output.empty());
}
