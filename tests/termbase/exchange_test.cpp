// Import and export of termbases: tolk's glossary source, TBX (v3 and martif), OmegaT and CSV/TSV,
// on the real glossary and on small hand-written files with the mistakes real files have.

#include "tolk/termbase/exchange.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "temporary_directory.hpp"

using namespace tolk::termbase;
using tolk::text::Language;

namespace {

const std::string kGlossary = std::string(TOLK_SOURCE_DIR) + "/glossaries/legal-nl-en-ru.json";

const std::vector<Concept>& glossary() {
  static const std::vector<Concept> concepts = [] {
    ImportResult result = read_glossary_json(kGlossary, Strictness::strict);
    return std::move(result.concepts);
  }();
  return concepts;
}

const Concept& find_concept(const std::vector<Concept>& concepts, const std::string& id) {
  const auto found =
      std::find_if(concepts.begin(), concepts.end(), [&](const Concept& c) { return c.id == id; });
  REQUIRE(found != concepts.end());
  return *found;
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

std::string tbx_document(std::initializer_list<std::string_view> entries) {
  std::string text = lines({
      R"(<?xml version="1.0" encoding="UTF-8"?>)",  // 1
      R"(<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">)",  // 2
      R"(  <tbxHeader><fileDesc><titleStmt><title>test</title></titleStmt></fileDesc></tbxHeader>)",
      R"(  <text>)",    // 4
      R"(    <body>)",  // 5
  });
  for (const auto entry : entries) {
    text += entry;
    text += '\n';
  }
  return text + lines({"    </body>", "  </text>", "</tbx>"});
}

std::vector<std::size_t> issue_lines(const ImportResult& result) {
  std::vector<std::size_t> found;
  for (const ImportIssue& issue : result.issues) {
    found.push_back(issue.line);
  }
  return found;
}

std::string all_term_texts(const ImportResult& result) {
  std::string texts;
  for (const Concept& concept_entry : result.concepts) {
    for (const Term& term : concept_entry.terms) {
      texts += term.text + "\n";
    }
  }
  return texts;
}

void write_file(const std::filesystem::path& path, std::string_view content) {
  std::ofstream(path, std::ios::binary) << content;
}

}  // namespace

// ---- tolk's glossary source --------------------------------------------------------------------

TEST_CASE("the legal glossary loads completely from its JSON source", "[exchange][json]") {
  const ImportResult result = read_glossary_json(kGlossary);
  CHECK(result.issues.empty());
  REQUIRE(result.concepts.size() >= 400);

  const Concept& desertion = find_concept(result.concepts, "uk-338-desertion");
  CHECK(desertion.domains == std::vector<std::string>{"criminal-code"});
  REQUIRE_FALSE(desertion.legal_references.empty());
  // The article's title is in the legal reference; the term is the word of running text.
  CHECK(desertion.legal_references.front() == LegalReference{"UK RF", "338", "", "Дезертирство"});
  const Term* russian = desertion.preferred_term(Language::ru);
  REQUIRE(russian != nullptr);
  CHECK(russian->text == "дезертирство");
  CHECK(russian->verification == Verification::verified);
  CHECK(russian->status == TermStatus::preferred);
  CHECK(russian->source.starts_with("УК РФ ст. 338"));
  REQUIRE(desertion.preferred_term(Language::nl) != nullptr);
  CHECK(desertion.preferred_term(Language::nl)->text == "desertie");
  CHECK(desertion.definitions.contains(Language::en));
}

TEST_CASE("the glossary's counts match its README", "[exchange][json]") {
  std::size_t russian = 0;
  std::size_t verified = 0;
  std::size_t citations = 0;
  std::size_t references = 0;
  for (const Concept& concept_entry : glossary()) {
    citations += concept_entry.citations.size();
    references += concept_entry.legal_references.size();
    for (const Term* term : concept_entry.terms_in(Language::ru)) {
      ++russian;
      if (term->verification == Verification::verified) {
        ++verified;
        CHECK_FALSE(term->source.starts_with("unverified"));
      } else {
        CHECK(term->source.starts_with("unverified: "));
      }
    }
  }
  // glossaries/README.md: "**Counts:** N Russian terms, of which V (P %) are verified ..."
  std::ifstream readme(std::string(TOLK_SOURCE_DIR) + "/glossaries/README.md");
  std::string line;
  while (std::getline(readme, line) && !line.starts_with("**Counts:** ")) {
  }
  REQUIRE(line.starts_with("**Counts:** "));
  std::istringstream counts(line.substr(std::string_view("**Counts:** ").size()));
  std::size_t stated_russian = 0;
  std::size_t stated_verified = 0;
  std::string words;
  counts >> stated_russian >> words >> words >> words >> words >> stated_verified;
  CHECK(russian == stated_russian);
  CHECK(verified == stated_verified);
  CHECK(citations >= 500);
  CHECK(references >= 115);
}

TEST_CASE("parts of articles, citations, notes and term types come from the JSON",
          "[exchange][json]") {
  std::size_t parts = 0;
  std::size_t transliterations = 0;
  std::size_t phrases = 0;
  for (const Concept& concept_entry : glossary()) {
    for (const LegalReference& reference : concept_entry.legal_references) {
      if (!reference.part.empty()) {
        ++parts;
      }
    }
    for (const Term& term : concept_entry.terms) {
      if (term.type == TermType::transliteration) {
        ++transliterations;
      }
      if (term.part_of_speech == PartOfSpeech::phrase) {
        ++phrases;
      }
    }
  }
  CHECK(parts >= 3);
  CHECK(transliterations >= 9);
  CHECK(phrases >= 38);

  const Concept& offence = find_concept(glossary(), "administrative-offence");
  REQUIRE(offence.citations.size() == 4);
  CHECK(offence.citations[0].file == "ambtsbericht-rusland-2025.nl.txt");
  CHECK(offence.citations[0].line == 1743);
  CHECK(offence.citations[0].language == Language::nl);
  CHECK(offence.citations[0].quote == "bestuursrechtelijke overtreding");
  const Term* russian = offence.preferred_term(Language::ru);
  REQUIRE(russian != nullptr);
  CHECK(russian->gender == Gender::neuter);
  CHECK(russian->usage_note == "singular of the phrase in the title");
  // Terms keep the file's language order: nl, en, ru.
  CHECK(offence.terms.front().language == Language::nl);
  CHECK(offence.terms.back().language == Language::ru);
}

TEST_CASE("a broken glossary entry is reported with its index, id and line", "[exchange][json]") {
  tolk::testing::TemporaryDirectory directory;
  const auto file = directory.path() / "broken.json";
  write_file(file, lines({
                       R"({)",                                                       // 1
                       R"(  "schema": "tolk-glossary/1",)",                          // 2
                       R"(  "domains": {"laws": {"en": "Laws"}},)",                  // 3
                       R"(  "concepts": [)",                                         // 4
                       R"(    {)",                                                   // 5
                       R"(      "id": "fz-255-foreign-agents",)",                    // 6
                       R"(      "domain": "laws",)",                                 // 7
                       R"(      "legal": [{"code": "FZ", "article": "255-FZ"}],)",   // 8
                       R"(      "definition": {"en": "The foreign agents law."},)",  // 9
                       R"(      "terms": {"en": [{"text": "Law 255-FZ", "status": "preferred"}]})",
                       R"(    },)",                     // 11
                       R"(    {)",                      // 12
                       R"(      "id": "bad-status",)",  // 13
                       R"(      "domain": "laws",)",    // 14
                       R"(      "terms": {"en": [{"text": "x", "status": "favourite"}]})",
                       R"(    })",  // 16
                       R"(  ])",    // 17
                       R"(})",      // 18
                   }));
  const ImportResult result = read_glossary_json(file);
  REQUIRE(result.concepts.size() == 1);
  REQUIRE(result.issues.size() == 1);
  CHECK(result.issues[0].line == 13);
  CHECK_THAT(result.issues[0].reason, Catch::Contains("concepts[1]") &&
                                          Catch::Contains("bad-status") &&
                                          Catch::Contains("favourite"));
  CHECK_THROWS_AS(read_glossary_json(file, Strictness::strict), ImportError);
}

TEST_CASE("malformed JSON is refused with the line where parsing stopped", "[exchange][json]") {
  tolk::testing::TemporaryDirectory directory;
  const auto file = directory.path() / "malformed.json";
  write_file(file,
             lines({R"({)", R"(  "schema": "tolk-glossary/1",)", R"(  "concepts": [,])", "}"}));
  try {
    read_glossary_json(file);
    FAIL("no ImportError");
  } catch (const ImportError& error) {
    REQUIRE(error.issues().size() == 1);
    CHECK(error.issues()[0].line == 3);
    CHECK_THAT(to_string(error.issues()[0]),
               Catch::StartsWith(file.string() + ":3: not valid JSON"));
  }
}

// ---- TBX ---------------------------------------------------------------------------------------

TEST_CASE("the whole glossary survives a TBX round trip unchanged", "[exchange][tbx]") {
  const std::vector<Concept>& original = glossary();
  std::ostringstream out;
  write_tbx(out, original, {"tolk legal termbase", "glossaries/legal-nl-en-ru.json"});
  const std::string tbx = out.str();
  CHECK(tbx.find(R"(<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca")") !=
        std::string::npos);

  const ImportResult result = read_tbx_text(tbx, "legal.tbx", Strictness::strict);
  CHECK(result.issues.empty());
  REQUIRE(result.concepts.size() == original.size());
  for (std::size_t i = 0; i < original.size(); ++i) {
    const Concept& before = original[i];
    const Concept& after = result.concepts[i];
    INFO("concept " << before.id);
    CHECK(after.id == before.id);
    CHECK(after.domains == before.domains);
    CHECK(after.legal_references == before.legal_references);
    CHECK(after.definitions == before.definitions);
    CHECK(after.notes == before.notes);
    CHECK(after.citations == before.citations);
    REQUIRE(after.terms.size() == before.terms.size());
    for (std::size_t t = 0; t < before.terms.size(); ++t) {
      INFO("term " << before.terms[t].text);
      CHECK(after.terms[t] == before.terms[t]);
    }
    CHECK(after == before);
  }
}

TEST_CASE("a TBX round trip keeps what the glossary does not use", "[exchange][tbx]") {
  Concept concept_entry;
  concept_entry.id = "odd & <rare>";
  concept_entry.domains = {"a", "b"};
  concept_entry.legal_references = {
      {"UK RF", "328", "2.1",
       "Уклонение от прохождения военной и альтернативной гражданской службы"},
      {"GK RF", "1", "", ""}};
  concept_entry.definitions = {{Language::ru, "определение \"в кавычках\""}};
  concept_entry.notes = {{Language::nl, "regel 1\nregel 2"}, {Language::ru, "примечание"}};
  concept_entry.citations = {{"a:b.txt", 7, "quote: with: colons", std::nullopt},
                             {"c.txt", 9, "", Language::en}};
  Term term;
  term.text = "Anklage < & > \"x\"";
  term.language = Language::en;
  term.status = TermStatus::deprecated;
  term.type = TermType::acronym;
  term.part_of_speech = PartOfSpeech::proper_noun;
  term.gender = Gender::other;
  term.number = GrammaticalNumber::plural;
  term.usage_note = "  spaced\tusage  ";
  term.verification = Verification::unverified;
  term.source = "somewhere";
  term.citations = {{"d.txt", 3, "used here", Language::en}};
  concept_entry.terms = {term};
  const std::vector<Concept> concepts{concept_entry};

  std::ostringstream out;
  write_tbx(out, concepts);
  const ImportResult result = read_tbx_text(out.str(), "odd.tbx", Strictness::strict);
  REQUIRE(result.concepts.size() == 1);
  CHECK(result.concepts[0] == concept_entry);
}

TEST_CASE("bad TBX entries are skipped and reported with their lines", "[exchange][tbx]") {
  const std::string tbx = tbx_document({
      R"(      <conceptEntry id="uk-338-desertion">)",                                         // 6
      R"(        <langSec xml:lang="nl"><termSec><term>desertie</term></termSec></langSec>)",  // 7
      R"(        <langSec xml:lang="ru"><termSec><term>дезертирство</term></termSec></langSec>)",
      R"(      </conceptEntry>)",                     // 9
      R"(      <conceptEntry id="uk-328-evasion">)",  // 10
      R"(        <langSec xml:lang="en"><termSec><term>draft evasion</term></termSec></langSec>)",
      R"(        <langSec xml:lang="xx"><termSec><term>zzz</term></termSec></langSec>)",  // 12
      R"(      </conceptEntry>)",                                                         // 13
      R"(      <conceptEntry id="empty-term">)",                                          // 14
      R"(        <langSec xml:lang="en"><termSec><term>  </term></termSec></langSec>)",   // 15
      R"(      </conceptEntry>)",                                                         // 16
      R"(      <conceptEntry id="uk-338-desertion">)",                                    // 17
      R"(        <langSec xml:lang="en"><termSec><term>desertion</term></termSec></langSec>)",  // 18
      R"(      </conceptEntry>)",                                                            // 19
      R"(      <conceptEntry id="no-terms">)",                                               // 20
      R"(        <langSec xml:lang="en"><descrip type="definition">x</descrip></langSec>)",  // 21
      R"(      </conceptEntry>)",                                                            // 22
      R"(      <conceptEntry id="koap-20-3-3-discreditation">)",                             // 23
      R"(        <langSec xml:lang="en"><termSec><term>discreditation</term></termSec></langSec>)",
      R"(      </conceptEntry>)",  // 25
  });

  const ImportResult result = read_tbx_text(tbx, "bad.tbx");
  REQUIRE(result.concepts.size() == 3);
  CHECK(result.concepts[0].id == "uk-338-desertion");
  CHECK(result.concepts[0].terms.size() == 2);
  CHECK(result.concepts[1].id == "uk-328-evasion");
  CHECK(result.concepts[1].terms.size() == 1);  // the xx term is dropped, the entry kept
  CHECK(result.concepts[2].id == "koap-20-3-3-discreditation");

  CHECK(issue_lines(result) == std::vector<std::size_t>{12, 15, 17, 20});
  REQUIRE(result.issues.size() == 4);
  CHECK_THAT(to_string(result.issues[0]),
             Catch::StartsWith("bad.tbx:12: unknown language code 'xx'"));
  CHECK_THAT(result.issues[1].reason, Catch::Contains("empty term"));
  CHECK_THAT(result.issues[2].reason, Catch::Contains("duplicate"));
  CHECK_THAT(result.issues[3].reason, Catch::Contains("no term"));

  try {
    read_tbx_text(tbx, "bad.tbx", Strictness::strict);
    FAIL("no ImportError");
  } catch (const ImportError& error) {
    REQUIRE(error.issues().size() == 1);
    CHECK(error.issues()[0].line == 12);
  }
}

TEST_CASE("malformed TBX reports the line where the parser stopped", "[exchange][tbx]") {
  const std::string tbx = tbx_document({
      R"(      <conceptEntry id="uk-338-desertion">)",                                         // 6
      R"(        <langSec xml:lang="nl"><termSec><term>desertie</term></termSec></langSec>)",  // 7
      R"(      </conceptEntry>)",                                                              // 8
      R"(      <conceptEntry id="uk-328-evasion">)",                                           // 9
      R"(        <langSec xml:lang="en"><termSec><term>draft evasion</termSec></langSec>)",    // 10
      R"(      </conceptEntry>)",                                                              // 11
      R"(      <conceptEntry id="koap-20-3-3-discreditation">)",                               // 12
      R"(        <langSec xml:lang="en"><termSec><term>discreditation</term></termSec></langSec>)",
      R"(      </conceptEntry>)",  // 14
  });
  const ImportResult result = read_tbx_text(tbx, "malformed.tbx");
  REQUIRE(result.concepts.size() == 1);
  CHECK(result.concepts[0].id == "uk-338-desertion");
  REQUIRE(result.issues.size() == 1);
  CHECK(result.issues[0].line == 10);
  CHECK_THAT(result.issues[0].reason, Catch::Contains("not well-formed XML"));
  CHECK_THROWS_AS(read_tbx_text(tbx, "malformed.tbx", Strictness::strict), ImportError);

  // Not XML at all, and XML that is not TBX, cannot be read.
  CHECK_THROWS_AS(read_tbx_text("conscription\tdienstplicht\n", "x.tbx"), ImportError);
  CHECK_THROWS_WITH(read_tbx_text("<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"/>\n", "x.tmx"),
                    Catch::Contains("not a TBX document"));
}

TEST_CASE("an entity that names a local file is never read", "[exchange][tbx][security]") {
  tolk::testing::TemporaryDirectory directory;
  const auto secret = directory.path() / "secret.txt";
  write_file(secret, "TOP-SECRET-CONTENT");
  const std::string secret_url = std::string("file://").append(secret.string());
  const std::string body =
      R"(<tbx type="TBX-Basic" style="dca" xml:lang="en"><text><body>)"
      R"(<conceptEntry id="c1"><langSec xml:lang="en"><termSec><term>&x;</term></termSec>)"
      R"(</langSec></conceptEntry></body></text></tbx>)";

  SECTION("a declared external entity is refused") {
    for (const std::string& url : {secret_url, std::string("file:///etc/hostname")}) {
      const std::string tbx = lines({R"(<?xml version="1.0"?>)",
                                     R"(<!DOCTYPE tbx [ <!ENTITY x SYSTEM ")" + url + R"("> ]>)"}) +
                              body;
      try {
        const ImportResult result = read_tbx_text(tbx, "xxe.tbx");
        CHECK(all_term_texts(result).find("TOP-SECRET") == std::string::npos);
        FAIL("the document was not refused");
      } catch (const ImportError& error) {
        REQUIRE_FALSE(error.issues().empty());
        CHECK(error.issues()[0].line == 2);
        CHECK_THAT(error.issues()[0].reason, Catch::Contains("entities"));
        CHECK(std::string(error.what()).find("TOP-SECRET") == std::string::npos);
      }
    }
  }
  SECTION("a declaration hidden from the first check is refused at the DTD") {
    const std::string tbx =
        lines({R"(<?xml version="1.0"?>)",
               R"(<!DOCTYPE tbx [ <!-- ]> --> <!ENTITY x SYSTEM ")" + secret_url + R"("> ]>)"}) +
        body;
    CHECK_THROWS_AS(read_tbx_text(tbx, "xxe.tbx"), ImportError);
  }
  SECTION("an entity of an external DTD is neither loaded nor expanded") {
    write_file(directory.path() / "evil.dtd", "<!ENTITY x SYSTEM \"" + secret_url + "\">\n");
    const std::string doctype = std::string(R"(<!DOCTYPE tbx SYSTEM "file://)")
                                    .append((directory.path() / "evil.dtd").string())
                                    .append(R"(">)");
    const std::string tbx = lines({R"(<?xml version="1.0"?>)", doctype}) + body;
    ImportResult result;
    try {
      result = read_tbx_text(tbx, "xxe.tbx");
    } catch (const ImportError& error) {
      CHECK(std::string(error.what()).find("TOP-SECRET") == std::string::npos);
    }
    CHECK(all_term_texts(result).find("TOP-SECRET") == std::string::npos);
    CHECK(result.concepts.empty());
  }
}

TEST_CASE("a billion laughs document is refused at once", "[exchange][tbx][security]") {
  std::string doctype = "<!DOCTYPE tbx [\n  <!ENTITY lol \"lol\">\n";
  for (int level = 1; level <= 9; ++level) {
    doctype.append("  <!ENTITY lol").append(std::to_string(level)).append(" \"");
    for (int copy = 0; copy < 10; ++copy) {
      doctype += level == 1 ? std::string("&lol;")
                            : std::string("&lol").append(std::to_string(level - 1)).append(";");
    }
    doctype += "\">\n";
  }
  doctype += "]>\n";
  const std::string tbx =
      "<?xml version=\"1.0\"?>\n" + doctype +
      R"(<tbx type="TBX-Basic" style="dca" xml:lang="en"><text><body><conceptEntry id="c">)"
      R"(<langSec xml:lang="en"><termSec><term>&lol9;</term></termSec></langSec></conceptEntry>)"
      R"(</body></text></tbx>)";
  const auto start = std::chrono::steady_clock::now();
  CHECK_THROWS_AS(read_tbx_text(tbx, "lol.tbx"), ImportError);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(1));
}

TEST_CASE("an older martif TBX-Basic file is read", "[exchange][tbx]") {
  const std::string martif = lines({
      R"(<?xml version="1.0" encoding="UTF-8"?>)",
      R"(<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">)",
      R"(<martif type="TBX-Basic" xml:lang="en-US">)",
      R"(  <martifHeader>)",
      R"(    <fileDesc>)",
      R"(      <titleStmt><title>Military service (en-nl)</title></titleStmt>)",
      R"(      <sourceDesc><p>Exported from a translation memory tool</p></sourceDesc>)",
      R"(    </fileDesc>)",
      R"(    <encodingDesc><p type="XCSURI">TBXBasicXCSV02.xcs</p></encodingDesc>)",
      R"(  </martifHeader>)",
      R"(  <text>)",
      R"(    <body>)",
      R"(      <termEntry id="mil-0001">)",
      R"(        <descrip type="subjectField">military-service</descrip>)",
      R"(        <langSet xml:lang="en-US">)",
      R"(          <descripGrp>)",
      R"(            <descrip type="definition">Leaving one's unit or post with the intention of evading military service.</descrip>)",
      R"(            <admin type="source">Criminal Code of the Russian Federation, art. 338</admin>)",
      R"(          </descripGrp>)",
      R"(          <tig>)",
      R"(            <term>desertion</term>)",
      R"(            <termNote type="partOfSpeech">noun</termNote>)",
      R"(            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>)",
      R"(            <descripGrp>)",
      R"(              <descrip type="context">He was sentenced in absentia for desertion.</descrip>)",
      R"(              <admin type="source">amnesty-russia-2024.en.txt:212</admin>)",
      R"(            </descripGrp>)",
      R"(          </tig>)",
      R"(        </langSet>)",
      R"(        <langSet xml:lang="nl-NL">)",
      R"(          <ntig>)",
      R"(            <termGrp>)",
      R"(              <term>desertie</term>)",
      R"(              <termNote type="grammaticalGender">feminine</termNote>)",
      R"(              <termNote type="partOfSpeech">noun</termNote>)",
      R"(            </termGrp>)",
      R"(            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>)",
      R"(          </ntig>)",
      R"(          <tig>)",
      R"(            <term>deserteren</term>)",
      R"(            <termNote type="partOfSpeech">verb</termNote>)",
      R"(            <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote>)",
      R"(            <note>Het werkwoord; in vonnissen meestal het zelfstandig naamwoord.</note>)",
      R"(          </tig>)",
      R"(        </langSet>)",
      R"(      </termEntry>)",
      R"(      <termEntry id="mil-0002">)",
      R"(        <descrip type="subjectField">military-service</descrip>)",
      R"(        <langSet xml:lang="en-US">)",
      R"(          <tig>)",
      R"(            <term>military enlistment office</term>)",
      R"(            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>)",
      R"(          </tig>)",
      R"(          <tig>)",
      R"(            <term>voenkomat</term>)",
      R"(            <termNote type="termType">transliteratedForm</termNote>)",
      R"(            <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote>)",
      R"(          </tig>)",
      R"(        </langSet>)",
      R"(        <langSet xml:lang="nl-NL">)",
      R"(          <tig>)",
      R"(            <term>militair commissariaat</term>)",
      R"(            <termNote type="grammaticalGender">neuter</termNote>)",
      R"(          </tig>)",
      R"(        </langSet>)",
      R"(      </termEntry>)",
      R"(    </body>)",
      R"(  </text>)",
      R"(</martif>)",
  });
  const ImportResult result = read_tbx_text(martif, "military.tbx", Strictness::strict);
  CHECK(result.issues.empty());
  REQUIRE(result.concepts.size() == 2);

  const Concept& desertion = result.concepts[0];
  CHECK(desertion.id == "mil-0001");
  CHECK(desertion.domains == std::vector<std::string>{"military-service"});
  CHECK_THAT(desertion.definitions.at(Language::en), Catch::StartsWith("Leaving one's unit"));
  REQUIRE(desertion.terms.size() == 3);
  const Term& english = desertion.terms[0];
  CHECK(english.text == "desertion");
  CHECK(english.language == Language::en);
  CHECK(english.status == TermStatus::preferred);
  CHECK(english.part_of_speech == PartOfSpeech::noun);
  REQUIRE(english.citations.size() == 1);
  CHECK(english.citations[0].quote == "He was sentenced in absentia for desertion.");
  CHECK(english.citations[0].file == "amnesty-russia-2024.en.txt:212");
  const Term& dutch = desertion.terms[1];
  CHECK(dutch.text == "desertie");
  CHECK(dutch.language == Language::nl);
  CHECK(dutch.gender == Gender::feminine);
  CHECK(dutch.status == TermStatus::preferred);
  CHECK(desertion.terms[2].part_of_speech == PartOfSpeech::verb);
  CHECK(desertion.terms[2].status == TermStatus::admitted);
  CHECK_THAT(desertion.terms[2].usage_note, Catch::StartsWith("Het werkwoord"));

  const Concept& office = result.concepts[1];
  REQUIRE(office.terms.size() == 3);
  CHECK(office.terms[1].type == TermType::transliteration);
  CHECK(office.preferred_term(Language::nl)->text == "militair commissariaat");
  CHECK(office.terms[2].gender == Gender::neuter);
}

TEST_CASE("invalid UTF-8 inside a TBX file is reported with its line and byte offset",
          "[exchange][tbx]") {
  const std::string tbx = tbx_document({
      R"(      <conceptEntry id="uk-338-desertion">)",                                         // 6
      R"(        <langSec xml:lang="nl"><termSec><term>desertie</term></termSec></langSec>)",  // 7
      R"(      </conceptEntry>)",                                                              // 8
      R"(      <conceptEntry id="uk-328-evasion">)",                                           // 9
      "        <langSec xml:lang=\"nl\"><termSec><term>dienstplicht\xC3\x28ontduiking</term>"
      "</termSec></langSec>",      // 10
      R"(      </conceptEntry>)",  // 11
  });
  const auto offset = tbx.find("\xC3\x28");
  const ImportResult result = read_tbx_text(tbx, "utf8.tbx");
  REQUIRE(result.concepts.size() == 1);
  REQUIRE(result.issues.size() == 1);
  CHECK(result.issues[0].line == 10);
  CHECK_THAT(
      result.issues[0].reason,
      Catch::Contains(std::string("invalid UTF-8 at byte offset ").append(std::to_string(offset))));
  CHECK_THROWS_AS(read_tbx_text(tbx, "utf8.tbx", Strictness::strict), ImportError);
}

// ---- OmegaT and CSV/TSV ------------------------------------------------------------------------

TEST_CASE("an OmegaT glossary nl-ru written from the glossary reads back", "[exchange][omegat]") {
  tolk::testing::TemporaryDirectory directory;
  const auto file = directory.path() / "legal-nl-ru.txt";
  {
    std::ofstream out(file, std::ios::binary);
    write_omegat_glossary(out, glossary(), Language::nl, Language::ru);
  }
  const ImportResult result = read_omegat_glossary(file, Language::nl, Language::ru);
  CHECK(result.issues.empty());

  std::vector<const Concept*> expected;
  for (const Concept& concept_entry : glossary()) {
    if (concept_entry.preferred_term(Language::nl) && concept_entry.preferred_term(Language::ru)) {
      expected.push_back(&concept_entry);
    }
  }
  CHECK(expected.size() >= 400);
  REQUIRE(result.concepts.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const Concept& read = result.concepts[i];
    CHECK(read.id == std::string("row-").append(std::to_string(i + 1)));
    CHECK(read.preferred_term(Language::nl)->text ==
          expected[i]->preferred_term(Language::nl)->text);
    CHECK(read.preferred_term(Language::ru)->text ==
          expected[i]->preferred_term(Language::ru)->text);
  }
  const auto desertion = std::find_if(
      result.concepts.begin(), result.concepts.end(),
      [](const Concept& c) { return c.preferred_term(Language::ru)->text == "дезертирство"; });
  REQUIRE(desertion != result.concepts.end());
  CHECK(desertion->preferred_term(Language::nl)->text == "desertie");
  CHECK_THAT(desertion->notes.at(Language::nl), Catch::StartsWith("UK RF 338"));
}

TEST_CASE("an OmegaT file with a BOM, comments and bad rows is read row by row",
          "[exchange][omegat]") {
  tolk::testing::TemporaryDirectory directory;
  const auto file = directory.path() / "glossary.txt";
  write_file(file,
             "\xEF\xBB\xBF# OmegaT glossary nl-en\n"  // 1
             "desertie\tdesertion\tart. 338 WvS\n"    // 2
             "\n"                                     // 3
             "dienstplicht\n"                         // 4
             "uitstel\t \n"                           // 5
             "dienstweigering\tr\xE9"
             "fusal\n"                                                 // 6
             "vervangende dienst\talternative civilian service\r\n");  // 7
  const ImportResult result = read_omegat_glossary(file, Language::nl, Language::en);
  REQUIRE(result.concepts.size() == 2);
  CHECK(result.concepts[0].id == "row-2");
  CHECK(result.concepts[0].notes.at(Language::nl) == "art. 338 WvS");
  CHECK(result.concepts[1].id == "row-7");
  CHECK(result.concepts[1].preferred_term(Language::en)->text == "alternative civilian service");
  CHECK(issue_lines(result) == std::vector<std::size_t>{4, 5, 6});
  REQUIRE(result.issues.size() == 3);
  CHECK_THAT(result.issues[0].reason, Catch::Contains("too few columns"));
  CHECK_THAT(result.issues[1].reason, Catch::Contains("empty target term"));
  CHECK_THAT(result.issues[2].reason, Catch::Contains("invalid UTF-8 at byte offset"));
  CHECK_THROWS_AS(read_omegat_glossary(file, Language::nl, Language::en, Strictness::strict),
                  ImportError);
}

TEST_CASE("a multi-column CSV with quoting and a note column is read", "[exchange][csv]") {
  tolk::testing::TemporaryDirectory directory;
  const auto file = directory.path() / "legal.csv";
  write_file(
      file,
      lines({
          "id,nl,en,ru,note",  // 1
          R"(uk-338-desertion,desertie,desertion,дезертирство,"Art. 338 WvS; not ""evasion"".")",
          R"(uk-328-evasion,"dienstplichtontduiking|ontduiking van de dienstplicht",)"
          R"("evasion of military service, and of alternative civilian service",)"
          R"(уклонение от военной службы,"first line)",        // 3
          R"(second line")",                                   // 4
          R"(row-without-enough-columns,desertie,desertion)",  // 5
          R"x(,"""Dom"" (Duma)",,Государственная дума,)x",     // 6
          R"(empty-cell-piece,a||b,x,y,)",                     // 7
      }));
  const ImportResult result = read_delimited_glossary(file);
  REQUIRE(result.concepts.size() == 3);

  const Concept& desertion = result.concepts[0];
  CHECK(desertion.id == "uk-338-desertion");
  CHECK(desertion.preferred_term(Language::ru)->text == "дезертирство");
  CHECK(desertion.notes.at(Language::en) == R"(Art. 338 WvS; not "evasion".)");

  const Concept& evasion = result.concepts[1];
  REQUIRE(evasion.terms_in(Language::nl).size() == 2);
  CHECK(evasion.terms_in(Language::nl)[0]->status == TermStatus::preferred);
  CHECK(evasion.terms_in(Language::nl)[1]->status == TermStatus::admitted);
  CHECK(evasion.terms_in(Language::nl)[1]->text == "ontduiking van de dienstplicht");
  CHECK(evasion.preferred_term(Language::en)->text ==
        "evasion of military service, and of alternative civilian service");
  CHECK(evasion.notes.at(Language::en) == "first line\nsecond line");

  const Concept& duma = result.concepts[2];
  CHECK(duma.id == "row-6");
  CHECK(duma.preferred_term(Language::nl)->text == "\"Dom\" (Duma)");
  CHECK(duma.terms_in(Language::en).empty());

  CHECK(issue_lines(result) == std::vector<std::size_t>{5, 7});
  CHECK_THAT(to_string(result.issues[0]), Catch::Contains(":5: too few columns"));
  CHECK_THAT(result.issues[1].reason, Catch::Contains("empty term"));
}

TEST_CASE("a CSV header with a language tolk does not know is reported", "[exchange][csv]") {
  tolk::testing::TemporaryDirectory directory;
  const auto file = directory.path() / "tsv.txt";
  write_file(file, "nl\tde\ten\ndesertie\tFahnenflucht\tdesertion\n");
  const ImportResult result = read_delimited_glossary(file);
  REQUIRE(result.concepts.size() == 1);
  CHECK(result.concepts[0].terms.size() == 2);
  REQUIRE(result.issues.size() == 1);
  CHECK(result.issues[0].line == 1);
  CHECK_THAT(result.issues[0].reason, Catch::Contains("'de'"));
  CHECK_THROWS_AS(read_delimited_glossary(file, Strictness::strict), ImportError);
}

TEST_CASE("the glossary written as CSV and as TSV reads back", "[exchange][csv]") {
  const std::vector<Language> languages{Language::nl, Language::en, Language::ru};
  for (const char delimiter : {',', '\t'}) {
    tolk::testing::TemporaryDirectory directory;
    const auto file = directory.path() / "legal.csv";
    {
      std::ofstream out(file, std::ios::binary);
      write_delimited_glossary(out, glossary(), languages, delimiter);
    }
    const ImportResult result = read_delimited_glossary(file, Strictness::strict);
    REQUIRE(result.concepts.size() == glossary().size());
    for (std::size_t i = 0; i < glossary().size(); ++i) {
      const Concept& before = glossary()[i];
      const Concept& after = result.concepts[i];
      INFO("concept " << before.id);
      CHECK(after.id == before.id);
      CHECK(after.domains == before.domains);
      CHECK(after.legal_references == before.legal_references);
      for (const Language language : languages) {
        const Term* term = before.preferred_term(language);
        CHECK(after.terms_in(language).size() == (term ? 1u : 0u));
        if (term) {
          CHECK(after.preferred_term(language)->text == term->text);
        }
      }
      if (before.notes.contains(Language::en)) {
        CHECK(after.notes.at(Language::en) == before.notes.at(Language::en));
      }
    }
  }
}

// ---- Names and legal references ----------------------------------------------------------------

TEST_CASE("TBX names and tolk's short names are both understood", "[exchange][names]") {
  CHECK(to_string(TermStatus::preferred) == "preferredTerm-admn-sts");
  CHECK(parse_term_status("preferred") == TermStatus::preferred);
  CHECK(parse_term_status("supersededTerm-admn-sts") == TermStatus::superseded);
  CHECK(parse_term_status("deprecatedTerm") == TermStatus::deprecated);
  CHECK_FALSE(parse_term_status("favourite"));
  CHECK(to_string(TermType::transliteration) == "variant");
  CHECK(parse_term_type("transliteratedForm") == TermType::transliteration);
  CHECK(parse_term_type("fullForm") == TermType::full_form);
  CHECK(to_string(PartOfSpeech::phrase) == "other");
  CHECK(to_string(PartOfSpeech::proper_noun) == "properNoun");
  CHECK(parse_part_of_speech("phrase") == PartOfSpeech::phrase);
  CHECK(parse_gender("m") == Gender::masculine);
  CHECK(parse_gender("n") == Gender::neuter);
  CHECK(to_string(Gender::feminine) == "feminine");
  CHECK(parse_number("plural") == GrammaticalNumber::plural);

  const auto term = [](std::string text, Language language, TermStatus status) {
    Term made;
    made.text = std::move(text);
    made.language = language;
    made.status = status;
    return made;
  };
  Concept concept_entry;
  concept_entry.terms = {term("dienstplicht", Language::nl, TermStatus::admitted),
                         term("conscription", Language::en, TermStatus::admitted),
                         term("military service", Language::en, TermStatus::preferred)};
  CHECK(concept_entry.terms_in(Language::en).size() == 2);
  CHECK(concept_entry.preferred_term(Language::en)->text == "military service");
  CHECK(concept_entry.preferred_term(Language::nl)->text == "dienstplicht");
  CHECK(concept_entry.preferred_term(Language::ru) == nullptr);
}

TEST_CASE("legal references are read in tolk's, Russian, Dutch and English forms",
          "[exchange][legal]") {
  const LegalReference desertion{"UK RF", "328", "1", ""};
  CHECK(to_string(desertion) == "UK RF 328 part 1");
  CHECK(to_string(LegalReference{"KoAP RF", "6.21", "", ""}) == "KoAP RF 6.21");
  CHECK(to_string(LegalReference{"FZ", "255-FZ", "", ""}) == "FZ 255-FZ");

  CHECK(parse_legal_reference("UK RF 328 part 1") == desertion);
  CHECK(parse_legal_reference("KoAP RF 6.21") == LegalReference{"KoAP RF", "6.21", "", ""});
  CHECK(parse_legal_reference("FZ 255-FZ") == LegalReference{"FZ", "255-FZ", "", ""});
  CHECK(parse_legal_reference("ст. 328 ч. 1 УК РФ") == desertion);
  CHECK(parse_legal_reference("ч. 2 ст. 6.21 КоАП РФ") ==
        LegalReference{"KoAP RF", "6.21", "2", ""});
  CHECK(parse_legal_reference("Федеральный закон № 255-ФЗ") ==
        LegalReference{"FZ", "255-FZ", "", ""});
  CHECK(parse_legal_reference("artikel 328 lid 1 WvS") == desertion);
  CHECK(parse_legal_reference("art. 6.21 CAO") == LegalReference{"KoAP RF", "6.21", "", ""});
  CHECK(parse_legal_reference("artikel 337 WvS") == LegalReference{"UK RF", "337", "", ""});
  CHECK(parse_legal_reference("Article 207.3 of the Criminal Code") ==
        LegalReference{"UK RF", "207.3", "", ""});
  CHECK(parse_legal_reference("Article 20.3.3 of the Code of Administrative Offences") ==
        LegalReference{"KoAP RF", "20.3.3", "", ""});
  CHECK(parse_legal_reference("GK RF 1 part 2") == LegalReference{"GK RF", "1", "2", ""});
  CHECK_FALSE(parse_legal_reference("Kommersant, 12 March 2024"));
  CHECK_FALSE(parse_legal_reference("WvS"));
  CHECK_FALSE(parse_legal_reference(""));

  for (const Concept& concept_entry : glossary()) {
    for (LegalReference reference : concept_entry.legal_references) {
      reference.title.clear();  // to_string() writes the provision; the title is a note beside it
      CHECK(parse_legal_reference(to_string(reference)) == reference);
    }
  }
}
