#pragma once
// Learning the terms before a hearing: flash cards (a concept shown in one language, answered in
// another) scheduled with Leitner boxes. A right answer moves the card up a box and further into
// the future; a wrong one sends it back to box 1, due at once, so the next session starts with
// what was missed. Progress is kept in an LMDB environment (one record per direction and
// concept), so it survives between evenings; the clock is injected, so tests can move it.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tolk/store/lmdb.hpp"
#include "tolk/termbase/concept.hpp"

namespace tolk::drill {

using termbase::Concept;
using text::Language;

// Seconds since the Unix epoch.
using Clock = std::function<std::int64_t()>;
Clock system_clock();

inline constexpr int kBoxes = 5;
// Days until a card in box 1..5 is due again after a right answer that put it there.
inline constexpr std::int64_t kBoxIntervalDays[kBoxes] = {0, 1, 3, 7, 21};

// The direction drilled: "nl-ru" (text::parse_direction) is also how progress is keyed.
using text::Direction;
using text::parse_direction;
using text::to_string;

struct Progress {
  int box = 1;           // 1..kBoxes
  std::int64_t due = 0;  // seconds since the epoch
  std::uint32_t reviews = 0;
  std::uint32_t lapses = 0;  // wrong answers
  bool missed_last = false;  // the last answer was wrong
};

struct Card {
  const Concept* entry = nullptr;
  std::string prompt;                // the preferred term in the `from` language
  std::vector<std::string> answers;  // the accepted terms in the `to` language, preferred first
  std::optional<Progress> progress;  // none for a card never drilled
};

// Where progress is kept: `directory` is an LMDB environment (created when absent).
class ProgressStore {
 public:
  static ProgressStore open(const std::filesystem::path& directory);
  std::optional<Progress> get(Direction direction, std::string_view concept_id) const;
  void put(Direction direction, std::string_view concept_id, const Progress& progress);

 private:
  explicit ProgressStore(store::Environment environment) : environment_(std::move(environment)) {}
  store::Environment environment_;
};

class Session {
 public:
  // The cards of `concepts` that have a term in both languages. Those due now come first: the
  // ones missed last time, then by box (lowest first) and due time; then the ones never drilled,
  // in the order given. Cards not yet due are left out. At most `limit` cards.
  Session(std::span<const Concept> concepts, Direction direction, ProgressStore& store, Clock clock,
          std::size_t limit = 20);

  const std::vector<Card>& cards() const { return cards_; }

  // Whether `answer` is one of the card's answers (compared on the search key: case, diacritics,
  // ё and punctuation do not matter); records the result and reschedules the card.
  bool answer(std::size_t card, std::string_view answer);

  std::size_t right() const { return right_; }
  std::size_t wrong() const { return wrong_; }

 private:
  std::vector<Card> cards_;
  Direction direction_;
  ProgressStore& store_;
  Clock clock_;
  std::size_t right_ = 0;
  std::size_t wrong_ = 0;
};

}  // namespace tolk::drill
