// `tolk::check` on real bilingual samples: sentences of the Dutch country report on Russia
// (ambtsbericht-rusland-2025, lines 560 and 1380-1398) with English and Russian translations that
// use the glossary's terms, then mutated one error at a time.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include "temporary_directory.hpp"
#include "tolk/check/checker.hpp"
#include "tolk/check/document.hpp"
#include "tolk/check/legal_reference.hpp"
#include "tolk/termbase/exchange.hpp"
#include "tolk/tm/xliff_reader.hpp"

namespace check = tolk::check;
using tolk::text::Language;

namespace {

const std::filesystem::path kData = std::filesystem::path(TOLK_SOURCE_DIR) / "tests/check/data";

const std::vector<tolk::termbase::Concept>& glossary() {
  static const auto concepts =
      tolk::termbase::read_glossary_json(std::filesystem::path(TOLK_SOURCE_DIR) /
                                         "glossaries/legal-nl-en-ru.json")
          .concepts;
  return concepts;
}

const check::Checker& checker() {
  static const check::Checker instance(glossary());
  return instance;
}

check::BilingualDocument sample(const char* name) {
  // PO files name only their target language; the source is Dutch here.
  return check::read_document(kData / name, *check::format_from_name(kData / name), Language::nl);
}

check::BilingualSegment& segment(check::BilingualDocument& document, const std::string& id) {
  for (auto& entry : document.segments) {
    if (entry.id == id)
      return entry;
  }
  FAIL("no segment " << id);
  throw std::logic_error("unreachable");
}

using Hit = std::pair<std::string, std::string>;  // check id, segment id

std::set<Hit> hits_of(const std::vector<check::Finding>& findings) {
  std::set<Hit> out;
  for (const auto& finding : findings)
    out.emplace(finding.check, finding.segment_id);
  return out;
}

std::string show(const std::vector<check::Finding>& findings) {
  std::string out;
  for (const auto& finding : findings)
    out += finding.segment_id + " " + finding.check + ": " + check::describe(finding) + "\n";
  return out;
}

struct Mutation {
  const char* file;
  const char* name;
  const char* segment;
  const char* from;  // replaced in the target; nullptr: the target is removed
  const char* to;
  std::vector<std::string> expected;  // check ids expected on that segment, nowhere else
};

const std::vector<Mutation>& mutations() {
  static const std::vector<Mutation> list = {
      {"sample.nl-en.xlf",
       "term dropped",
       "s5",
       "makes desertion punishable",
       "makes it punishable",
       {"missing-term"}},
      {"sample.nl-en.xlf",
       "deprecated term",
       "s8",
       "foreign agents law",
       "foreign agent\u2019s law",
       {"deprecated-term"}},
      {"sample.nl-en.xlf",
       "article number",
       "s1",
       "Article 328",
       "Article 338",
       {"legal-reference"}},
      {"sample.nl-en.xlf",
       "code name dropped",
       "s5",
       "Article 338 of the Criminal Code makes",
       "Article 338 makes",
       {"legal-reference", "missing-term"}},
      {"sample.nl-en.xlf", "number", "s7", "500 cases", "50 cases", {"legal-reference"}},
      {"sample.nl-en.xlf",
       "empty target",
       "s7",
       "Such cases had increased considerably since March 2023; in July 2023 the district "
       "courts received 500 cases in one calendar month.",
       "",
       {"empty-target"}},
      {"sample.nl-en.xlf",
       "target copied from the source",
       "s6",
       "Mobilisation was treated as an aggravating circumstance.",
       "Mobilisatie werd als een strafverzwarende omstandigheid aangerekend.",
       {"same-as-source"}},
      {"sample.nl-en.xlf",
       "repeated segment translated differently",
       "s10",
       "treated as",
       "regarded as",
       {"inconsistent-segment"}},
      {"sample.nl-en.xlf",
       "admitted term where the file uses the preferred one",
       "s4",
       "unauthorised abandonment of a unit or place of service",
       "absence without leave",
       {"inconsistent-term"}},
      {"sample.nl-en.xlf",
       "another concept's term",
       "s2",
       "Desertion only applies",
       "Draft evasion only applies",
       {"missing-term", "inconsistent-term"}},
      {"sample.nl-en.xlf", "no target", "s11", nullptr, nullptr, {"untranslated"}},
      {"sample.nl-ru.xlf",
       "inflected term (nominative)",
       "s8",
       "признанное иностранным агентом",
       "имеющее статус «иностранный агент»",
       {}},
      {"sample.nl-ru.xlf",
       "inflected term (plural)",
       "s8",
       "Лицо, признанное иностранным агентом",
       "Лица, признанные иностранными агентами",
       {}},
      {"sample.nl-ru.xlf",
       "inflected term (instrumental)",
       "s2",
       "О дезертирстве можно говорить",
       "Дезертирством это можно считать",
       {}},
      {"sample.nl-ru.xlf",
       "term and article dropped",
       "s3",
       " и неисполнении приказа (ст. 332 УК РФ)",
       "",
       {"missing-term", "legal-reference"}},
      {"sample.nl-ru.xlf", "article number", "s5", "Статья 338", "Статья 328", {"legal-reference"}},
      {"sample.nl-ru.xlf", "federal law number", "s9", "№ 260-ФЗ", "№ 206-ФЗ", {"legal-reference"}},
      {"sample.nl-ru.xlf",
       "wrong code",
       "s1",
       "ст. 328 УК РФ",
       "ст. 328 КоАП РФ",
       {"legal-reference", "missing-term", "inconsistent-term"}},
      {"sample.nl-ru.xlf",
       "abbreviation where the file writes the term out",
       "s4",
       "самовольном оставлении части или места службы",
       "СОЧ",
       {"inconsistent-term"}},
      {"sample.nl-ru.xlf", "number", "s7", "500 дел", "5000 дел", {"legal-reference"}},
  };
  return list;
}

check::BilingualDocument mutated(const Mutation& mutation) {
  auto document = sample(mutation.file);
  auto& target = segment(document, mutation.segment);
  if (mutation.from == nullptr) {
    target.target.clear();
    target.has_target = false;
  } else {
    const auto at = target.target.find(mutation.from);
    REQUIRE(at != std::string::npos);
    target.target.replace(at, std::string_view(mutation.from).size(), mutation.to);
  }
  return document;
}

}  // namespace

TEST_CASE("the unmutated samples are clean", "[check]") {
  for (const char* name : {"sample.nl-en.xlf", "sample.nl-ru.xlf", "sample.nl-en.po"}) {
    INFO(name);
    auto document = sample(name);
    CHECK(document.segments.size() == 12);
    const auto findings = checker().check(document);
    INFO(show(findings));
    CHECK(findings.empty());
  }
}

TEST_CASE("every mutation is found where it was made, and nowhere else", "[check]") {
  std::size_t true_positives = 0;
  std::size_t false_positives = 0;
  std::size_t false_negatives = 0;
  for (const Mutation& mutation : mutations()) {
    INFO(mutation.file << ": " << mutation.name);
    const auto findings = checker().check(mutated(mutation));
    INFO(show(findings));
    std::set<Hit> expected;
    for (const auto& id : mutation.expected)
      expected.emplace(id, mutation.segment);
    const std::set<Hit> actual = hits_of(findings);
    CHECK(actual == expected);
    for (const Hit& hit : actual)
      ++(expected.count(hit) ? true_positives : false_positives);
    for (const Hit& hit : expected)
      if (!actual.count(hit))
        ++false_negatives;
  }
  const double precision =
      static_cast<double>(true_positives) /
      static_cast<double>(std::max<std::size_t>(true_positives + false_positives, 1));
  const double recall =
      static_cast<double>(true_positives) /
      static_cast<double>(std::max<std::size_t>(true_positives + false_negatives, 1));
  std::cout << "check precision " << precision << ", recall " << recall << " over "
            << mutations().size() << " mutations (" << true_positives << " true, "
            << false_positives << " false positives, " << false_negatives << " missed)\n";
  CHECK(precision >= 0.9);
  CHECK(recall >= 0.9);
}

TEST_CASE("findings say what to do", "[check]") {
  const auto findings = checker().check(mutated(mutations()[1]));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].found == "foreign agent\u2019s law");
  CHECK(findings[0].expected ==
        "Law on Control of the Activities of Persons under Foreign Influence");
  CHECK(check::describe(findings[0]).find("use 'Law on Control") != std::string::npos);
  CHECK(findings[0].line > 0);

  const auto article = checker().check(mutated(mutations()[2]));
  REQUIRE(article.size() == 1);
  CHECK(article[0].subject == "artikel 328");
  CHECK(article[0].found == "Article 338");
  CHECK(article[0].expected == "Article 328");
  CHECK(article[0].severity == check::Severity::error);
}

TEST_CASE("legal references compare across languages", "[check]") {
  const auto nl = check::extract_references(
      "artikel 328 lid 1 WvS en artt. 272, 273 en 274.1 WvS; art. 6.21 CAO", Language::nl);
  CHECK(nl.articles == std::vector<std::string>{"272", "273", "274.1", "328", "6.21"});
  CHECK(nl.parts == std::vector<std::string>{"1"});
  CHECK(nl.codes == std::vector<std::string>{"UK RF", "KoAP RF"});
  const auto ru = check::extract_references(
      "ч. 1 ст. 328 УК РФ, Федеральный закон от 14.07.2022 № 260-ФЗ, КоАП РФ", Language::ru);
  CHECK(ru.articles == std::vector<std::string>{"328"});
  CHECK(ru.parts == std::vector<std::string>{"1"});
  CHECK(ru.laws == std::vector<std::string>{"260"});
  CHECK(ru.codes == std::vector<std::string>{"UK RF", "KoAP RF"});
  const auto en = check::extract_references(
      "Article 328(1) of the Criminal Code and Federal Law No. 260-FZ of 14 July 2022; the Code "
      "of Administrative Offences; 1,000 cases",
      Language::en);
  CHECK(en.articles == std::vector<std::string>{"328"});
  CHECK(en.parts == std::vector<std::string>{"1"});
  CHECK(en.laws == std::vector<std::string>{"260"});
  CHECK(en.codes == std::vector<std::string>{"UK RF", "KoAP RF"});
  // The date counts as day and year, as in Russian "14.07.2022".
  CHECK(std::count(en.numbers.begin(), en.numbers.end(), "14") == 1);
  CHECK(std::count(en.numbers.begin(), en.numbers.end(), "1000") == 1);
  CHECK(std::count(ru.numbers.begin(), ru.numbers.end(), "2022") == 1);
  // "administratieve overtreding" is a term, not the code.
  CHECK(check::extract_references("een administratieve overtreding", Language::nl).codes.empty());
}

TEST_CASE("the XLIFF reader removes inline codes and keeps their text", "[check][xliff]") {
  const auto document = sample("sample.nl-en.xlf");
  CHECK(document.source_language == Language::nl);
  CHECK(document.target_language == Language::en);
  const auto& s5 = document.segments[4];
  CHECK(s5.id == "s5");
  CHECK(s5.source == "Artikel 338 WvS stelt desertie strafbaar met maximaal vijftien jaar.");
  CHECK(s5.line > 1);

  std::vector<tolk::tm::XliffPair> pairs;
  const auto summary = tolk::tm::read_xliff_text(
      R"(<xliff version="2.1" srcLang="nl" trgLang="en"><file id="f"><unit id="u1">)"
      R"(<segment><source>Artikel <pc id="1">328</pc><ph id="2"/> WvS</source></segment>)"
      R"(<segment id="b"><source>x<cp hex="00A0"/>y</source><target></target></segment>)"
      R"(</unit><unit id="u2" translate="no"><segment><source>z</source></segment></unit>)"
      R"(</file></xliff>)",
      "inline.xlf", [&pairs](tolk::tm::XliffPair&& pair) { pairs.push_back(pair); });
  CHECK(summary.version == "2.1");
  REQUIRE(pairs.size() == 2);
  CHECK(pairs[0].id == "u1");
  CHECK(pairs[0].source == "Artikel 328 WvS");
  CHECK_FALSE(pairs[0].has_target);
  CHECK(pairs[1].id == "b");
  CHECK(pairs[1].source == "x\u00A0y");
  CHECK(pairs[1].has_target);
}

TEST_CASE("an XLIFF document that declares entities is refused", "[check][xliff]") {
  const std::string bomb =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE xliff [<!ENTITY a \"aaaa\"><!ENTITY b "
      "\"&a;&a;&a;\">]>\n<xliff version=\"1.2\"><file source-language=\"nl\" "
      "target-language=\"en\"><body><trans-unit id=\"1\"><source>&b;</source></trans-unit>"
      "</body></file></xliff>";
  CHECK_THROWS_AS(tolk::tm::read_xliff_text(bomb, "bomb.xlf", [](tolk::tm::XliffPair&&) {}),
                  tolk::tm::ImportError);
  CHECK_THROWS_AS(
      tolk::tm::read_xliff_text("<tmx version=\"1.4\"/>", "x.xlf", [](tolk::tm::XliffPair&&) {}),
      tolk::tm::ImportError);
}

TEST_CASE("options: checks, severities and the ignore list", "[check]") {
  const Mutation& dropped = mutations()[0];  // missing-term in s5
  check::CheckOptions only_references;
  only_references.enabled = {"legal-reference"};
  CHECK(check::Checker(glossary(), only_references).check(mutated(dropped)).empty());

  check::CheckOptions raised;
  raised.severities["missing-term"] = check::Severity::error;
  const auto findings = check::Checker(glossary(), raised).check(mutated(dropped));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].severity == check::Severity::error);

  const auto ignore =
      check::IgnoreList::parse("# reviewed\nmissing-term\ts5\tdesertie\nlegal-reference\t*\t\n");
  CHECK(ignore.size() == 2);
  CHECK(checker().check(mutated(dropped), ignore).empty());
  CHECK(checker().check(mutated(mutations()[2]), ignore).empty());
  const auto other_segment = check::IgnoreList::parse("missing-term\ts1\tdesertie\n");
  CHECK(checker().check(mutated(dropped), other_segment).size() == 1);

  check::CheckOptions unknown;
  unknown.enabled = {"no-such-check"};
  CHECK_THROWS_AS(check::Checker(glossary(), unknown), std::invalid_argument);
}

TEST_CASE("spelling of the target, termbase terms excluded", "[check][spelling]") {
  check::CheckOptions options;
  options.enabled = {"spelling"};
  const check::Checker speller(glossary(), options);
  auto document = sample("sample.nl-en.xlf");
  segment(document, "s8").target =
      "A person designated as a foreign agent must complie with the foreign agents law.";
  const auto findings = speller.check(document);
  REQUIRE_FALSE(findings.empty());
  bool found = false;
  for (const auto& finding : findings) {
    found = found || (finding.segment_id == "s8" && finding.subject == "complie");
    CHECK(finding.subject != "agents");
  }
  CHECK(found);
}

TEST_CASE("two plain-text files aligned line by line", "[check]") {
  tolk::testing::TemporaryDirectory directory;
  const auto source = directory.path() / "source.txt";
  const auto target = directory.path() / "target.txt";
  std::ofstream(source) << "Desertie – artikel 338 WvS\n\nArtikel 338 WvS stelt desertie "
                           "strafbaar met maximaal vijftien jaar.\n";
  std::ofstream(target) << "Desertion – Article 338 of the Criminal Code\n\nArticle 388 of the "
                           "Criminal Code makes desertion punishable by up to fifteen years.\n";
  const auto document = check::read_aligned_text(source, target, Language::nl, Language::en);
  REQUIRE(document.segments.size() == 2);
  CHECK(document.segments[1].line == 3);
  const auto findings = checker().check(document);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].check == "legal-reference");
  CHECK(findings[0].line == 3);
}

// An editor's unsaved buffer is read as the file it stands for: the same segments, languages and
// issues as from the file, in every format.
TEST_CASE("a document read from memory equals the same document read from its file", "[check]") {
  tolk::testing::TemporaryDirectory directory;
  const auto tsv = directory.path() / "pairs.tsv";
  std::ofstream(tsv, std::ios::binary)
      << "nl\ten\r\nDesertie is strafbaar.\tDesertion is punishable.\nalleen bron\n";
  const std::vector<std::pair<std::filesystem::path, tolk::check::InputFormat>> samples = {
      {kData / "sample.nl-en.xlf", tolk::check::InputFormat::xliff},
      {kData / "sample.nl-ru.xlf", tolk::check::InputFormat::xliff},
      {kData / "sample.nl-en.po", tolk::check::InputFormat::po},
      {std::filesystem::path(TOLK_SOURCE_DIR) / "tests/tm/data/ambtsbericht-nl-en-ru.tmx",
       tolk::check::InputFormat::tmx},
      {tsv, tolk::check::InputFormat::tsv}};
  for (const auto& [file, format] : samples) {
    INFO(file.string());
    std::ifstream in(file, std::ios::binary);
    const std::string content((std::istreambuf_iterator<char>(in)),
                              std::istreambuf_iterator<char>());
    const std::optional<Language> from =
        format == tolk::check::InputFormat::po ? std::optional(Language::nl) : std::nullopt;
    const auto from_file = tolk::check::read_document(file, format, from);
    const auto from_memory = tolk::check::read_document_text(content, file.string(), format, from);
    CHECK(from_memory.name == from_file.name);
    CHECK(from_memory.source_language == from_file.source_language);
    CHECK(from_memory.target_language == from_file.target_language);
    REQUIRE(from_memory.segments.size() == from_file.segments.size());
    CHECK_FALSE(from_file.segments.empty());
    for (std::size_t i = 0; i < from_file.segments.size(); ++i) {
      CHECK(from_memory.segments[i].id == from_file.segments[i].id);
      CHECK(from_memory.segments[i].line == from_file.segments[i].line);
      CHECK(from_memory.segments[i].source == from_file.segments[i].source);
      CHECK(from_memory.segments[i].target == from_file.segments[i].target);
    }
    REQUIRE(from_memory.issues.size() == from_file.issues.size());
    for (std::size_t i = 0; i < from_file.issues.size(); ++i)
      CHECK(tolk::io::to_string(from_memory.issues[i]) == tolk::io::to_string(from_file.issues[i]));
  }
}
