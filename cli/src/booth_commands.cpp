#include "booth_commands.hpp"

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <ncursesw/curses.h>
#include <unistd.h>

#include <algorithm>
#include <clocale>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "exit_codes.hpp"
#include "messages.hpp"
#include "tolk/booth/booth_search.hpp"
#include "tolk/store/workspace.hpp"
#include "tolk/termbase/termbase.hpp"
#include "tolk/text/language.hpp"
#include "tolk/text/utf8.hpp"

namespace tolk::cli {
namespace {

struct BoothOptions {
  std::string termbase = "legal";
  std::string personal = "personal";
  std::string direction = "nl-ru";
};

// The terminal in curses mode for the lifetime of the object.
class Screen {
 public:
  Screen() {
    std::setlocale(LC_ALL, "");
    if (!initscr())
      throw std::runtime_error("cannot start the terminal interface");
    cbreak();
    noecho();
    keypad(stdscr, TRUE);
    set_escdelay(25);
    if (has_colors()) {
      start_color();
      use_default_colors();
      init_pair(1, COLOR_CYAN, -1);
      init_pair(2, COLOR_GREEN, -1);
      init_pair(3, COLOR_YELLOW, -1);
    }
  }
  ~Screen() { endwin(); }
  Screen(const Screen&) = delete;
  Screen& operator=(const Screen&) = delete;
};

void erase_last_character(std::string& text) {
  while (!text.empty()) {
    const auto byte = static_cast<unsigned char>(text.back());
    text.pop_back();
    if ((byte & 0xC0) != 0x80)
      break;
  }
}

// At most `columns` characters of `text` (one column per code point: enough for Latin and
// Cyrillic).
std::string fit(const std::string& text, int columns) {
  std::size_t end = 0;
  for (int used = 0; end < text.size() && used < columns; ++used) {
    const std::size_t length = text::utf8_sequence_length(text, end);
    end += length == 0 ? 1 : length;
  }
  return text.substr(0, end);
}

void put(int row, int column, const std::string& text, attr_t attributes = A_NORMAL) {
  if (row >= LINES)
    return;
  attron(attributes);
  mvaddstr(row, column, fit(text, COLS - column - 1).c_str());
  attroff(attributes);
}

void draw(const std::string& query, booth::Direction direction,
          const std::vector<booth::BoothHit>& hits) {
  erase();
  put(0, 1, "tolk booth", A_BOLD);
  put(0, 13, booth::label(direction), A_BOLD | A_REVERSE);
  put(0, 24, tr("Tab: direction   Ctrl-U: clear   Esc: quit"), A_DIM);
  put(2, 1, "> " + query, A_BOLD);
  int row = 4;
  if (!query.empty() && hits.empty())
    put(row, 3, tr("no concept found"), A_DIM);
  for (std::size_t i = 0; i < hits.size() && row < LINES - 1; ++i) {
    const booth::BoothHit& hit = hits[i];
    const std::string source = hit.matched + (hit.personal ? "  [" + tr("own entry") + "]" : "");
    const std::string target = hit.entry.joined_terms(direction.to, " · ");
    if (i == 0) {
      // The first answer large and clear: its own lines, bold, with room around it.
      put(row, 3, source, COLOR_PAIR(1));
      row += 2;
      put(row, 5, target, A_BOLD | A_STANDOUT | COLOR_PAIR(2));
      row += 2;
      const std::string details = hit.entry.joined_references();
      if (!details.empty()) {
        put(row, 5, details, COLOR_PAIR(3));
        ++row;
      }
      const auto note = hit.entry.notes.find(text::Language::en);
      if (note != hit.entry.notes.end()) {
        put(row, 5, note->second, A_DIM);
        ++row;
      }
      ++row;
    } else {
      put(row, 3, source, COLOR_PAIR(1));
      put(row, 3 + std::min<int>(COLS / 3, 36), "→ " + target, A_BOLD);
      ++row;
    }
  }
  // The cursor after the query (column in characters).
  move(2, 3 + static_cast<int>(text::code_point_count(query)));
  refresh();
}

int run_booth(const GlobalOptions& global, const BoothOptions& options) {
  text::Direction start;
  try {
    start = text::parse_direction(options.direction);
  } catch (const std::invalid_argument& error) {
    throw UsageError(error.what());
  }
  const auto directions = booth::booth_directions();
  const auto found = std::find(directions.begin(), directions.end(), start);
  if (found == directions.end())
    throw std::logic_error("the booth's directions miss " + text::to_string(start));
  auto direction = static_cast<std::size_t>(found - directions.begin());
  if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
    throw UsageError(tr("tolk booth needs a terminal (use 'tolk term lookup' in scripts)"));
  std::vector<termbase::Termbase> termbases;
  termbases.push_back(open_existing_termbase(global, options.termbase));
  if (auto personal = open_personal_termbase(global, options.personal, options.termbase))
    termbases.push_back(std::move(*personal));
  std::vector<booth::BoothSource> sources;
  for (std::size_t i = 0; i < termbases.size(); ++i)
    sources.push_back({&termbases[i], i > 0});
  const booth::BoothSearch search(sources);

  Screen screen;
  std::string query;
  std::vector<booth::BoothHit> hits;
  for (;;) {
    draw(query, directions[direction], hits);
    wint_t key = 0;
    const int kind = get_wch(&key);
    if (kind == ERR)
      continue;
    bool changed = false;
    if (kind == KEY_CODE_YES) {
      if (key == KEY_BACKSPACE) {
        erase_last_character(query);
        changed = true;
      } else if (key == KEY_F(10)) {
        break;
      } else if (key == KEY_BTAB) {
        direction = (direction + directions.size() - 1) % directions.size();
        changed = true;
      }
    } else if (key == 27 || key == 4) {  // Esc, Ctrl-D
      break;
    } else if (key == '\t') {
      direction = (direction + 1) % directions.size();
      changed = true;
    } else if (key == 21) {  // Ctrl-U
      query.clear();
      changed = true;
    } else if (key == 127 || key == 8) {
      erase_last_character(query);
      changed = true;
    } else if (key >= 32) {
      text::append_utf8(query, static_cast<char32_t>(key));
      changed = true;
    }
    if (changed)
      hits = search.search(query, directions[direction]);
  }
  return kSuccess;
}

}  // namespace

void add_booth_commands(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto options = std::make_shared<BoothOptions>();
  CLI::App* command = app.add_subcommand(
      "booth", tr("Live term search in the terminal for the booth: results as you type, Tab "
                  "switches the direction, Latin input finds Russian terms, typos are tolerated"));
  command->add_option("--direction", options->direction,
                      tr("The direction to start with (default nl-ru)"));
  command->add_option("-t,--termbase", options->termbase, tr("Termbase (default: legal)"));
  command->add_option("--personal", options->personal,
                      tr("The interpreter's own termbase, searched too (default: personal)"));
  command->callback([&global, options, &exit_code] { exit_code = run_booth(global, *options); });
}

}  // namespace tolk::cli
