// The termbase store and its lookup, on the shipped glossary (glossaries/legal-nl-en-ru.json).

#include "tolk/termbase/termbase.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "preferred_term.hpp"
#include "temporary_directory.hpp"
#include "tolk/termbase/exchange.hpp"

using namespace tolk::termbase;
using tolk::testing::preferred_term;

namespace {

const std::vector<Concept>& glossary() {
  static const std::vector<Concept> concepts =
      read_glossary_json(std::string(TOLK_SOURCE_DIR) + "/glossaries/legal-nl-en-ru.json",
                         Strictness::strict)
          .concepts;
  return concepts;
}

struct LoadedTermbase {
  tolk::testing::TemporaryDirectory directory;
  Termbase termbase = Termbase::open(directory.path() / "legal", true);
  LoadedTermbase() { termbase.put(glossary()); }
};

LoadedTermbase& shipped() {
  static LoadedTermbase loaded;
  return loaded;
}

LookupHit first_hit(std::string_view query, LookupOptions options = {}) {
  const auto hits = shipped().termbase.lookup(query, options);
  REQUIRE_FALSE(hits.empty());
  return hits.front();
}

Concept small_concept(std::string id, std::string nl, std::string en) {
  Concept entry;
  entry.id = std::move(id);
  entry.terms.push_back(preferred_term(std::move(nl), Language::nl));
  entry.terms.push_back(preferred_term(std::move(en), Language::en));
  return entry;
}

}  // namespace

TEST_CASE("the shipped glossary is stored whole and read back equal", "[termbase]") {
  const auto statistics = shipped().termbase.statistics();
  CHECK(statistics.concepts == glossary().size());
  CHECK(statistics.concepts >= 150);
  const auto desertion = shipped().termbase.get("uk-338-desertion");
  REQUIRE(desertion.has_value());
  const auto original = std::find_if(glossary().begin(), glossary().end(),
                                     [](const Concept& c) { return c.id == "uk-338-desertion"; });
  CHECK(*desertion == *original);
}

TEST_CASE("lookup by exact text and by normalised key", "[termbase][lookup]") {
  const auto exact = first_hit("desertie");
  CHECK(exact.entry.id == "uk-338-desertion");
  CHECK(exact.kind == MatchKind::exact);
  CHECK(exact.score == 1.0);
  const auto normalized = first_hit("DESERTIE");
  CHECK(normalized.entry.id == "uk-338-desertion");
  CHECK(normalized.kind == MatchKind::normalized);
}

TEST_CASE("lookup by any inflected form", "[termbase][lookup]") {
  const auto agent = first_hit("иностранным агентом");
  CHECK(agent.entry.id == "foreign-agent");
  CHECK(agent.kind == MatchKind::inflected);
  CHECK(agent.entry.terms[agent.term_index].text == "иностранный агент");
  CHECK(first_hit("нежелательной организации").entry.id == "undesirable-organisation");
  CHECK(first_hit("dienstplichtontduikers").entry.id == "draft-evader");
}

TEST_CASE("lookup by transliteration", "[termbase][lookup]") {
  const auto hit = first_hit("inostrannyy agent");
  CHECK(hit.entry.id == "foreign-agent");
  CHECK(hit.kind == MatchKind::transliterated);
  CHECK(first_hit("inostranny agent").entry.id == "foreign-agent");
  CHECK(first_hit("dezertirstvo").entry.id == "uk-338-desertion");
}

TEST_CASE("lookup tolerates typos with a similarity score", "[termbase][lookup]") {
  const auto dutch = first_hit("dienstplichtontduking");
  CHECK(dutch.entry.id == "uk-328-evasion-of-service");
  CHECK(dutch.kind == MatchKind::fuzzy);
  CHECK(dutch.score > 0.7);
  CHECK(dutch.score < 0.9);
  CHECK(first_hit("undesireable organisation").entry.id == "undesirable-organisation");
  LookupOptions exact_only;
  exact_only.fuzzy = false;
  CHECK(shipped().termbase.lookup("dienstplichtontduking", exact_only).empty());
}

TEST_CASE("lookup can be limited to one language", "[termbase][lookup]") {
  LookupOptions russian;
  russian.language = Language::ru;
  for (const auto& hit : shipped().termbase.lookup("desertie", russian)) {
    CHECK(hit.entry.terms[hit.term_index].language == Language::ru);
    CHECK(hit.kind == MatchKind::fuzzy);
  }
  LookupOptions dutch;
  dutch.language = Language::nl;
  CHECK(
      first_hit("desertie", dutch).entry.terms[first_hit("desertie", dutch).term_index].language ==
      Language::nl);
}

TEST_CASE("replacing a concept replaces its index entries", "[termbase]") {
  tolk::testing::TemporaryDirectory directory;
  Termbase termbase = Termbase::open(directory.path(), true);
  const std::vector<Concept> first{small_concept("c1", "dienstweigeraar", "draft resister")};
  CHECK(termbase.put(first) == 1);
  const std::vector<Concept> second{
      small_concept("c1", "gewetensbezwaarde", "conscientious objector")};
  CHECK(termbase.put(second) == 0);
  LookupOptions exact_only;
  exact_only.fuzzy = false;
  CHECK(termbase.lookup("dienstweigeraar", exact_only).empty());
  CHECK(termbase.lookup("gewetensbezwaarde", exact_only).front().entry.id == "c1");
  CHECK(termbase.erase("c1"));
  CHECK_FALSE(termbase.erase("c1"));
  CHECK(termbase.lookup("gewetensbezwaarde", exact_only).empty());
  CHECK(termbase.statistics().index_entries == 0);
}

TEST_CASE("a failed put stores nothing of the batch", "[termbase]") {
  tolk::testing::TemporaryDirectory directory;
  Termbase termbase = Termbase::open(directory.path(), true);
  std::vector<Concept> batch{small_concept("good", "desertie", "desertion"),
                             small_concept("", "leeg", "empty")};
  CHECK_THROWS_AS(termbase.put(batch), TermbaseError);
  CHECK(termbase.statistics().concepts == 0);
  CHECK_FALSE(termbase.get("good").has_value());
}

TEST_CASE("a termbase folder that does not exist is not created by a reader", "[termbase]") {
  tolk::testing::TemporaryDirectory directory;
  CHECK_THROWS_AS(Termbase::open(directory.path() / "absent"), TermbaseError);
  CHECK_FALSE(std::filesystem::exists(directory.path() / "absent"));
}

TEST_CASE("legal references sort by code, then article and part numerically", "[termbase]") {
  using tolk::termbase::LegalReference;
  const auto reference = [](std::string code, std::string article, std::string part = {}) {
    LegalReference out;
    out.code = std::move(code);
    out.article = std::move(article);
    out.part = std::move(part);
    return out;
  };
  std::vector<LegalReference> references{
      reference("UK RF", "207.3"),  reference("KoAP RF", "20.29"),  reference("KoAP RF", "20.3.3"),
      reference("KoAP RF", "20.3"), reference("UK RF", "328", "2"), reference("UK RF", "328", "1"),
      reference("FZ", "255-FZ")};
  std::sort(references.begin(), references.end(), tolk::termbase::legal_order_less);
  std::vector<std::string> order;
  for (const auto& entry : references)
    order.push_back(tolk::termbase::to_string(entry));
  CHECK(order ==
        std::vector<std::string>{tolk::termbase::to_string(reference("FZ", "255-FZ")),
                                 tolk::termbase::to_string(reference("KoAP RF", "20.3")),
                                 tolk::termbase::to_string(reference("KoAP RF", "20.3.3")),
                                 tolk::termbase::to_string(reference("KoAP RF", "20.29")),
                                 tolk::termbase::to_string(reference("UK RF", "207.3")),
                                 tolk::termbase::to_string(reference("UK RF", "328", "1")),
                                 tolk::termbase::to_string(reference("UK RF", "328", "2"))});
}

TEST_CASE("a termbase opened for reading looks up and refuses changes, naming the store",
          "[termbase][read-only]") {
  tolk::testing::TemporaryDirectory directory;
  const auto path = directory.path() / "legal";
  { Termbase::open(path, true).put(glossary()); }
  Termbase termbase = Termbase::open_for_reading(path);
  CHECK(termbase.statistics().concepts == glossary().size());
  CHECK(termbase.verify().problems.empty());
  const auto hits = termbase.lookup("dienstplichtontduiking");
  REQUIRE_FALSE(hits.empty());
  CHECK(hits.front().entry.id == "uk-328-evasion-of-service");
  CHECK_THROWS_WITH(termbase.put(glossary()),
                    Catch::Contains(path.string()) && Catch::Contains("opened for reading only"));
  CHECK_THROWS_AS(termbase.erase("uk-328-evasion-of-service"), tolk::store::LmdbError);
  CHECK(termbase.get("uk-328-evasion-of-service").has_value());
  CHECK_THROWS_WITH(Termbase::open_for_reading(directory.path() / "absent"),
                    Catch::Contains("no termbase in"));
}

TEST_CASE("a concept's legal references are joined as the sheets and cards show them",
          "[termbase]") {
  Concept entry;
  CHECK(entry.joined_references().empty());
  entry.legal_references = {{"UK RF", "328", "1", ""}, {"KoAP RF", "20.3.3", "", ""}};
  CHECK(entry.joined_references() == "UK RF 328 part 1; KoAP RF 20.3.3");
  CHECK(entry.joined_references(" · ") == "UK RF 328 part 1 · KoAP RF 20.3.3");
  const auto found = std::find_if(glossary().begin(), glossary().end(),
                                  [](const Concept& c) { return c.id == "uk-338-desertion"; });
  REQUIRE(found != glossary().end());
  CHECK(found->joined_references().starts_with("UK RF 338"));
}

TEST_CASE("a legal reference keeps its official title in the store and on display", "[termbase]") {
  tolk::testing::TemporaryDirectory directory;
  Termbase termbase = Termbase::open(directory.path() / "titled", true);
  Concept entry = small_concept("uk-338", "desertie", "desertion");
  entry.legal_references = {{"UK RF", "338", "", "Дезертирство"}, {"UK RF", "337", "", ""}};
  termbase.put(std::vector<Concept>{entry});
  const auto stored = termbase.get("uk-338");
  REQUIRE(stored.has_value());
  CHECK(stored->legal_references == entry.legal_references);
  CHECK(stored->joined_titled_references() == "UK RF 338 «Дезертирство»; UK RF 337");
  CHECK(stored->joined_references() == "UK RF 338; UK RF 337");
}

TEST_CASE("lookup bridges British and American spellings and hyphenation", "[termbase][lookup]") {
  tolk::testing::TemporaryDirectory directory;
  Termbase termbase = Termbase::open(directory.path() / "variants", true);
  termbase.put(std::vector<Concept>{
      small_concept("banned", "verboden organisatie", "banned organisation"),
      small_concept("pretrial", "voorlopige hechtenis", "pre-trial detention")});
  for (const char* query : {"banned organization", "banned organizations", "pretrial detention",
                            "Pre-trial detention"}) {
    INFO(query);
    const auto hits = termbase.lookup(query, {});
    REQUIRE_FALSE(hits.empty());
  }
  CHECK(termbase.lookup("banned organization", {}).front().entry.id == "banned");
  CHECK(termbase.lookup("pretrial detention", {}).front().entry.id == "pretrial");
}
