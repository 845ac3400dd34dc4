#include "drill_commands.hpp"

#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "exit_codes.hpp"
#include "messages.hpp"
#include "tolk/drill/drill.hpp"
#include "tolk/store/workspace.hpp"
#include "tolk/termbase/termbase.hpp"

namespace tolk::cli {
namespace {

struct DrillOptions {
  std::string sheet;
  std::string domain;
  std::string direction = "nl-ru";
  std::size_t limit = 20;
  std::string termbase = "legal";
  std::string personal = "personal";
  std::int64_t now = -1;
  bool json = false;
};

// The concept ids of a sheet written by `tolk prepare`: JSON (--format json) or TSV (--format
// tsv, an "id" column), in the sheet's order.
std::vector<std::string> sheet_ids(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw UsageError(path + ": " + tr("cannot open the sheet"));
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string bytes = buffer.str();
  std::vector<std::string> ids;
  if (!bytes.empty() && bytes.front() == '{') {
    nlohmann::json sheet;
    try {
      sheet = nlohmann::json::parse(bytes);
    } catch (const nlohmann::json::exception& error) {
      throw UsageError(path + ": " + error.what());
    }
    for (const auto& known : sheet.value("known", nlohmann::json::array()))
      ids.push_back(known.at("concept").at("id").get<std::string>());
    return ids;
  }
  std::istringstream lines(bytes);
  std::string line;
  std::size_t column = std::string::npos;
  std::size_t number = 0;
  while (std::getline(lines, line)) {
    ++number;
    std::vector<std::string> cells;
    std::stringstream row(line);
    for (std::string cell; std::getline(row, cell, '\t');)
      cells.push_back(cell);
    if (number == 1) {
      const auto found = std::find(cells.begin(), cells.end(), "id");
      if (found == cells.end())
        throw UsageError(
            path + ":1: " + tr("not a sheet of tolk prepare (JSON, or TSV with an id column)"));
      column = static_cast<std::size_t>(found - cells.begin());
    } else if (column < cells.size() && !cells[column].empty()) {
      ids.push_back(cells[column]);
    }
  }
  return ids;
}

int run_drill(const GlobalOptions& global, const DrillOptions& options) {
  if (!options.sheet.empty() && !options.domain.empty())
    throw UsageError(tr("give --sheet or --domain, not both"));
  drill::Direction direction;
  try {
    direction = drill::parse_direction(options.direction);
  } catch (const std::invalid_argument& error) {
    throw UsageError(error.what());
  }
  std::vector<termbase::Concept> all = open_existing_termbase(global, options.termbase).all();
  if (const auto personal = open_personal_termbase(global, options.personal, options.termbase)) {
    for (auto& entry : personal->all())
      all.push_back(std::move(entry));
  }
  std::vector<termbase::Concept> deck;
  if (!options.sheet.empty()) {
    std::map<std::string, const termbase::Concept*> by_id;
    for (const auto& entry : all)
      by_id.emplace(entry.id, &entry);
    for (const std::string& id : sheet_ids(options.sheet)) {
      if (const auto found = by_id.find(id); found != by_id.end())
        deck.push_back(*found->second);
      else
        std::cerr << "tolk: " << options.sheet << ": " << tr("no concept with id") << " '" << id
                  << "'\n";
    }
  } else {
    for (const auto& entry : all) {
      if (options.domain.empty() || std::find(entry.domains.begin(), entry.domains.end(),
                                              options.domain) != entry.domains.end())
        deck.push_back(entry);
    }
  }
  if (deck.empty()) {
    std::cerr << "tolk: " << tr("no cards to drill") << '\n';
    return kFindings;
  }
  drill::Clock clock = drill::system_clock();
  if (options.now >= 0) {
    const std::int64_t now = options.now;
    clock = [now] { return now; };
  }
  const auto workspace = store::Workspace::open_existing(global.data_directory);
  auto progress = drill::ProgressStore::open(workspace.directory() / "drill");
  drill::Session session(deck, direction, progress, clock, options.limit);
  const auto& cards = session.cards();
  if (cards.empty()) {
    std::cout << tr("Nothing is due; come back later.") << '\n';
    return kSuccess;
  }
  nlohmann::json results = nlohmann::json::array();
  std::size_t asked = 0;
  for (std::size_t i = 0; i < cards.size(); ++i) {
    if (!options.json) {
      std::cout << '[' << i + 1 << '/' << cards.size() << "] "
                << text::language_code(direction.from) << ": " << cards[i].prompt << '\n'
                << text::language_code(direction.to) << "> " << std::flush;
    }
    std::string line;
    if (!std::getline(std::cin, line))
      break;
    ++asked;
    const bool right = session.answer(i, line);
    const auto& card = session.cards()[i];
    if (options.json) {
      results.push_back({{"concept", card.entry->id},
                         {"prompt", card.prompt},
                         {"answer", line},
                         {"right", right},
                         {"expected", card.answers.front()},
                         {"box", card.progress->box}});
    } else if (right) {
      std::cout << tr("right") << " (" << tr("box") << ' ' << card.progress->box << ")\n";
    } else {
      std::cout << tr("wrong") << ": " << card.answers.front() << '\n';
    }
  }
  if (options.json) {
    print_json({{"direction", drill::to_string(direction)},
                {"asked", asked},
                {"right", session.right()},
                {"wrong", session.wrong()},
                {"cards", results}});
  } else {
    std::cout << session.right() << ' ' << tr("right") << ", " << session.wrong() << ' '
              << tr("wrong") << "; " << tr("the missed cards come first next time") << ".\n";
  }
  return kSuccess;
}

}  // namespace

void add_drill_commands(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto options = std::make_shared<DrillOptions>();
  CLI::App* command = app.add_subcommand(
      "drill", tr("Flash-card drill over a preparation sheet or a domain, with Leitner boxes kept "
                  "in the workspace; answers are read line by line from standard input"));
  command->add_option("--sheet", options->sheet,
                      tr("A sheet written by 'tolk prepare --format json' or '--format tsv'"));
  command->add_option("--domain", options->domain, tr("The concepts of this domain"));
  command->add_option("--direction", options->direction,
                      tr("Shown language and answer language (default nl-ru)"));
  command->add_option("-n,--limit", options->limit, tr("At most this many cards (default 20)"));
  command->add_option("-t,--termbase", options->termbase, tr("Termbase (default: legal)"));
  command->add_option("--personal", options->personal,
                      tr("The interpreter's own termbase, drilled too (default: personal)"));
  command->add_option("--now", options->now,
                      tr("The time as seconds since 1970 (default: the clock), for replays and "
                         "tests"));
  command->add_flag("--json", options->json, tr("Print the results as JSON"));
  command->callback([&global, options, &exit_code] { exit_code = run_drill(global, *options); });
}

}  // namespace tolk::cli
