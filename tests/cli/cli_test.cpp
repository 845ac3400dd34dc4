#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "run_process.hpp"
#include "shipped_glossary.hpp"
#include "temporary_directory.hpp"

using tolk::testing::run_process;
using tolk::testing::shell_quote;

namespace {

tolk::testing::ProcessResult tolk_cli(const std::string& arguments, const std::string& input = {},
                                      const std::string& environment = "LANG=C.UTF-8") {
  return run_process(environment + " " + shell_quote(TOLK_BINARY) + " " + arguments, input);
}

}  // namespace

TEST_CASE("tolk --help and --version", "[cli]") {
  const auto help = tolk_cli("--help");
  CHECK(help.exit_code == 0);
  CHECK_THAT(help.out, Catch::Contains("Usage: tolk") && Catch::Contains("text") &&
                           Catch::Contains("Exit codes"));
  const auto version = tolk_cli("--version");
  CHECK(version.exit_code == 0);
  CHECK_THAT(version.out, Catch::StartsWith("tolk 0."));
}

TEST_CASE("the CLI speaks the user's language through gettext catalogs", "[cli][i18n]") {
  const auto russian = tolk_cli("--help", "", "LANG=ru_RU.UTF-8");
  CHECK(russian.exit_code == 0);
  CHECK_THAT(russian.out,
             Catch::Contains("Использование: tolk") && Catch::Contains("терминологическая база"));
  const auto dutch = tolk_cli("text --help", "", "LC_ALL=nl_NL.UTF-8");
  CHECK_THAT(dutch.out, Catch::Contains("Gebruik: tolk text") && Catch::Contains("tekstlaag"));
  const auto english = tolk_cli("--help", "", "LANG=en_GB.UTF-8");
  CHECK_THAT(english.out, Catch::Contains("Usage: tolk"));
  const auto error = tolk_cli("text stem foo", "", "LANG=nl_NL.UTF-8");
  CHECK(error.exit_code == 2);
  CHECK_THAT(error.err, Catch::Contains("fout") && Catch::Contains("--lang nl"));
}

TEST_CASE("usage errors exit with 2", "[cli]") {
  CHECK(tolk_cli("").exit_code == 2);
  CHECK(tolk_cli("no-such-command").exit_code == 2);
  const auto bad_language = tolk_cli("text segment --lang de -", "tekst");
  CHECK(bad_language.exit_code == 2);
  CHECK_THAT(bad_language.err, Catch::Contains("de"));
}

TEST_CASE("invalid UTF-8 is reported with file and byte offset", "[cli]") {
  tolk::testing::TemporaryDirectory directory;
  const auto file = directory.path() / "broken.txt";
  std::ofstream(file, std::ios::binary) << "artikel 328 WvS\nde\xFF rest";
  const auto result = tolk_cli("text normalize " + shell_quote(file.string()));
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.err,
             Catch::Contains("broken.txt: invalid UTF-8 at byte offset 18 (line 2, column 3)"));
  CHECK(result.out.empty());

  const auto from_stdin = tolk_cli("text stem --lang ru", "агент\xC0");
  CHECK(from_stdin.exit_code == 2);
  CHECK_THAT(from_stdin.err, Catch::Contains("<stdin>: invalid UTF-8 at byte offset 10"));
}

TEST_CASE("a file that cannot be read is named in the error", "[cli]") {
  const auto result = tolk_cli("text segment --lang nl /nonexistent/case.txt");
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.err, Catch::Contains("/nonexistent/case.txt: cannot open"));
}

TEST_CASE("tolk text normalize prints search keys per line, and JSON", "[cli]") {
  const auto plain = tolk_cli("text normalize", "Geëmigreerde “Deserteurs”\nЁЛКА\n");
  CHECK(plain.exit_code == 0);
  CHECK(plain.out == "geemigreerde \"deserteurs\"\nелка\n");
  const auto json = tolk_cli("text normalize --form nfc --json", "e\xCC\x81\n");
  const auto parsed = nlohmann::json::parse(json.out);
  CHECK(parsed["form"] == "nfc");
  CHECK(parsed["lines"][0]["result"] == "é");
}

TEST_CASE("tolk text translit converts both ways and prints keys", "[cli]") {
  CHECK(tolk_cli("text translit", "иностранный агент\n").out == "inostrannyy agent\n");
  CHECK(tolk_cli("text translit --scheme scholarly", "иностранный агент\n").out ==
        "inostrannyj agent\n");
  CHECK(tolk_cli("text translit --to cyrillic", "dezertirstvo\n").out == "дезертирство\n");
  const auto keys = tolk_cli("text translit --to key", "inostranny agent\nиностранный агент\n");
  CHECK(keys.out == "inostrani agent\ninostrani agent\n");
  const auto json = nlohmann::json::parse(tolk_cli("text translit --json", "дезертирство").out);
  CHECK(json["lines"][0]["bgn_pcgn"] == "dezertirstvo");
}

TEST_CASE("tolk text segment prints sentences with their line, and words with offsets", "[cli]") {
  const auto sentences =
      tolk_cli("text segment --lang nl", "Eerste zin (art. 21.5 CAO).\nTweede\nzin.\n");
  CHECK(sentences.exit_code == 0);
  CHECK(sentences.out == "1\tEerste zin (art. 21.5 CAO).\n2\tTweede zin.\n");
  const auto words = tolk_cli("text segment --words --json", "ст. 328 УК");
  const auto parsed = nlohmann::json::parse(words.out);
  CHECK(parsed["language"] == "ru");
  REQUIRE(parsed["tokens"].size() == 3);
  CHECK(parsed["tokens"][1]["text"] == "328");
  CHECK(parsed["tokens"][1]["kind"] == "number");
  CHECK(parsed["tokens"][1]["begin"] == 6);
}

TEST_CASE("tolk text stem and split", "[cli]") {
  const auto stems = tolk_cli("text stem иностранным агентом");
  CHECK(stems.exit_code == 0);
  CHECK(stems.out == "иностранным\tиностранный\nагентом\tагент\n");
  const auto json = nlohmann::json::parse(tolk_cli("text stem --lang nl --json deserteurs").out);
  CHECK(json["words"][0]["lemma"] == "deserteur");
  const auto split = tolk_cli("text split dienstplichtontduiking deserteur");
  CHECK(split.out ==
        "dienstplichtontduiking\tdienstplicht + ontduiking\ndeserteur\t(not a compound)\n");
  const auto from_file = tolk_cli("text split --json -i -", "De dienstplichtontduikers vluchtten.");
  const auto parsed = nlohmann::json::parse(from_file.out);
  REQUIRE(parsed["words"].size() == 3);
  CHECK(parsed["words"][1]["parts"] == nlohmann::json::array({"dienstplicht", "ontduikers"}));
  CHECK(parsed["words"][1]["head_lemma"] == "ontduiker");
}

TEST_CASE("tolk init creates the workspace, tolk info reports it", "[cli][store]") {
  tolk::testing::TemporaryDirectory directory;
  const std::string data = shell_quote((directory.path() / "tolk-data").string());
  const auto missing = tolk_cli("--data " + data + " info");
  CHECK(missing.exit_code == 1);
  CHECK_THAT(missing.err, Catch::Contains("tolk init"));

  const auto created = tolk_cli("--data " + data + " init --json");
  REQUIRE(created.exit_code == 0);
  const auto parsed = nlohmann::json::parse(created.out);
  CHECK(parsed["created"] == true);
  CHECK(parsed["schema_version"] == 1);
  CHECK(std::filesystem::exists(directory.path() / "tolk-data" / "workspace" / "data.mdb"));

  const auto again = tolk_cli("--data " + data + " init");
  CHECK(again.exit_code == 0);
  CHECK_THAT(again.out, Catch::Contains("existing workspace"));

  const auto info = nlohmann::json::parse(tolk_cli("--data " + data + " info --json").out);
  CHECK(info["workspace"]["schema_version"] == 1);
  CHECK(info["hunspell_dictionaries"]["ru"].get<std::string>().ends_with("ru_RU.aff"));

  const auto env = tolk_cli("info --json", "", "LANG=C TOLK_DATA=" + data);
  CHECK(nlohmann::json::parse(env.out)["workspace"]["directory"] ==
        (directory.path() / "tolk-data").string());
}

TEST_CASE("a first use without a workspace creates one with the shipped glossary",
          "[cli][store][first-run]") {
  // Before: the default workspace was ./tolk-data of the current folder, created empty by
  // `tolk init`, and a lookup anywhere else said "no tolk workspace".
  tolk::testing::TemporaryDirectory directory;
  const auto home = directory.path() / "home";
  const auto elsewhere = directory.path() / "elsewhere";
  std::filesystem::create_directories(home);
  std::filesystem::create_directories(elsewhere);
  const std::string environment =
      "env -u TOLK_DATA -u XDG_DATA_HOME LANG=C.UTF-8 HOME=" + shell_quote(home.string());
  const auto in_folder = [&](const std::filesystem::path& folder, const std::string& arguments) {
    return run_process("cd " + shell_quote(folder.string()) + " && " + environment + " " +
                       shell_quote(TOLK_BINARY) + " " + arguments);
  };
  const auto first = in_folder(elsewhere, "term lookup deserteur");
  REQUIRE(first.exit_code == 0);
  CHECK_THAT(first.out, Catch::Contains("deserter"));
  CHECK_THAT(first.err,
             Catch::Contains("created the workspace") && Catch::Contains("shipped glossary"));
  CHECK(std::filesystem::exists(home / ".local" / "share" / "tolk" / "workspace" / "data.mdb"));
  CHECK_FALSE(std::filesystem::exists(elsewhere / "tolk-data"));

  // The same workspace from any folder, and no second creation.
  const auto second = in_folder(directory.path(), "term lookup deserteur");
  CHECK(second.exit_code == 0);
  CHECK(second.err.empty());

  // A ./tolk-data in the current folder or a parent is the workspace there.
  const auto project = directory.path() / "case" / "documents";
  std::filesystem::create_directories(project);
  const auto local = in_folder(directory.path() / "case", "--data tolk-data init --empty --json");
  REQUIRE(local.exit_code == 0);
  CHECK(nlohmann::json::parse(local.out)["shipped_glossary_concepts"].is_null());
  const auto near = in_folder(project, "term lookup deserteur");
  CHECK(near.exit_code == 2);
  CHECK_THAT(near.err, Catch::Contains((directory.path() / "case" / "tolk-data").string()));

  // `tolk init` loads the shipped glossary into a new workspace.
  const auto initialised =
      tolk_cli("--data " + shell_quote((directory.path() / "fresh").string()) + " init --json");
  REQUIRE(initialised.exit_code == 0);
  CHECK(nlohmann::json::parse(initialised.out)["shipped_glossary_concepts"].get<int>() >= 200);
}

TEST_CASE("tolk init refuses a folder that holds other files", "[cli][store]") {
  tolk::testing::TemporaryDirectory directory;
  std::ofstream(directory.path() / "thesis.docx") << "x";
  const auto result = tolk_cli("--data " + shell_quote(directory.path().string()) + " init");
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.err, Catch::Contains("not empty"));
  CHECK(std::filesystem::exists(directory.path() / "thesis.docx"));
}

namespace {

// A workspace with the shipped glossary imported, shared by the term command tests.
struct GlossaryWorkspace {
  tolk::testing::TemporaryDirectory directory;
  std::string data = shell_quote((directory.path() / "tolk-data").string());
  tolk::testing::ProcessResult import =
      tolk_cli("--data " + data + " term import " +
               shell_quote(std::string(TOLK_SOURCE_DIR) + "/glossaries/legal-nl-en-ru.json"));
};

GlossaryWorkspace& glossary_workspace() {
  static GlossaryWorkspace workspace;
  return workspace;
}

}  // namespace

TEST_CASE("tolk term import loads the shipped glossary", "[cli][termbase]") {
  const auto& workspace = glossary_workspace();
  CHECK(workspace.import.exit_code == 0);
  CHECK_THAT(workspace.import.out,
             Catch::Contains("Imported " + std::to_string(tolk::testing::shipped_concept_count()) +
                             " concepts"));
}

TEST_CASE("tolk term lookup prints the concept card, or JSON", "[cli][termbase]") {
  const auto& data = glossary_workspace().data;
  const auto card = tolk_cli("--data " + data + " term lookup 'иностранным агентом'");
  CHECK(card.exit_code == 0);
  CHECK_THAT(card.out, Catch::Contains("[inflected 95] иностранный агент") &&
                           Catch::Contains("foreign-agent") &&
                           Catch::Contains("buitenlandse agent"));
  const auto json =
      nlohmann::json::parse(tolk_cli("--data " + data + " term lookup --json dezertirstvo").out);
  CHECK(json["hits"][0]["match"] == "transliterated");
  CHECK(json["hits"][0]["concept"]["id"] == "uk-338-desertion");
  CHECK(json["hits"][0]["concept"]["legal"][0] == "UK RF 338");
  const auto none = tolk_cli("--data " + data + " term lookup --exact qwertyuiop");
  CHECK(none.exit_code == 1);
}

TEST_CASE("tolk term find reports hits with line, column and UTF-16 offsets", "[cli][termbase]") {
  const auto& data = glossary_workspace().data;
  const auto plain =
      tolk_cli("--data " + data + " term find --lang nl -",
               "Hij werd vervolgd voor desertie.\nDe dienstplichtontduikers vluchtten.");
  CHECK(plain.exit_code == 0);
  CHECK_THAT(plain.out, Catch::Contains("<stdin>:1:24\tdesertie\tuk-338-desertion") &&
                            Catch::Contains("<stdin>:2:4\tdienstplichtontduikers"));
  const auto json = nlohmann::json::parse(
      tolk_cli("--data " + data + " term find --json", "Признан иностранным агентом.").out);
  REQUIRE(json["hits"].size() == 1);
  CHECK(json["hits"][0]["utf16_begin"] == 8);
  CHECK(json["hits"][0]["begin"] == 15);
}

TEST_CASE("tolk term export writes TBX and OmegaT glossaries", "[cli][termbase]") {
  const auto& data = glossary_workspace().data;
  const auto tbx = tolk_cli("--data " + data + " term export --format tbx");
  CHECK(tbx.exit_code == 0);
  CHECK_THAT(tbx.out, Catch::Contains("<tbx") && Catch::Contains("TBX-Basic") &&
                          Catch::Contains("Дезертирство"));
  const auto omegat = tolk_cli("--data " + data + " term export --format omegat --from nl --to ru");
  CHECK_THAT(omegat.out, Catch::Contains("desertie\tдезертирство"));
}

TEST_CASE("a bad glossary file is refused whole with --strict and the termbase is unchanged",
          "[cli][termbase]") {
  tolk::testing::TemporaryDirectory directory;
  const auto file = directory.path() / "bad.csv";
  std::ofstream(file, std::ios::binary)
      << "nl,en\ndesertie,desertion\nmobili\xFFsatie,mobilisation\nuitstel,deferment\n";
  const std::string data = shell_quote((directory.path() / "tolk-data").string());
  const auto strict =
      tolk_cli("--data " + data + " term import --strict " + shell_quote(file.string()));
  CHECK(strict.exit_code == 2);
  CHECK_THAT(strict.err, Catch::Contains("bad.csv:3"));
  const auto lenient = tolk_cli("--data " + data + " term import " + shell_quote(file.string()));
  CHECK(lenient.exit_code == 1);
  CHECK_THAT(lenient.err, Catch::Contains("bad.csv:3"));
  CHECK_THAT(lenient.out, Catch::Contains("Imported 2 concepts"));
}
