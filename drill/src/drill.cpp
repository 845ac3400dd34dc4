#include "tolk/drill/drill.hpp"

#include <algorithm>
#include <chrono>
#include <sstream>
#include <stdexcept>

#include "tolk/text/normalize.hpp"

namespace tolk::drill {

namespace {

constexpr std::string_view kDatabase = "progress";
constexpr std::int64_t kDay = 24 * 60 * 60;

std::string key_of(Direction direction, std::string_view concept_id) {
  return to_string(direction) + '\t' + std::string(concept_id);
}

// "box due reviews lapses missed", decimal, space-separated: readable with mdb_dump.
std::string encode(const Progress& progress) {
  std::ostringstream out;
  out << progress.box << ' ' << progress.due << ' ' << progress.reviews << ' ' << progress.lapses
      << ' ' << (progress.missed_last ? 1 : 0);
  return out.str();
}

std::optional<Progress> decode(std::string_view bytes) {
  std::istringstream in{std::string(bytes)};
  Progress progress;
  int missed = 0;
  if (!(in >> progress.box >> progress.due >> progress.reviews >> progress.lapses >> missed))
    return std::nullopt;
  progress.box = std::clamp(progress.box, 1, kBoxes);
  progress.missed_last = missed != 0;
  return progress;
}

}  // namespace

Clock system_clock() {
  return [] {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  };
}

ProgressStore ProgressStore::open(const std::filesystem::path& directory) {
  std::filesystem::create_directories(directory);
  store::Environment environment = store::Environment::open(directory);
  auto transaction = store::Transaction::begin_write(environment);
  store::Database::open(transaction, kDatabase, store::OpenMode::create);
  transaction.commit();
  return ProgressStore(std::move(environment));
}

std::optional<Progress> ProgressStore::get(Direction direction, std::string_view concept_id) const {
  auto transaction = store::Transaction::begin_read(environment_);
  const auto database = store::Database::open_if_exists(transaction, kDatabase);
  if (!database)
    return std::nullopt;
  const auto bytes = database->get(transaction, key_of(direction, concept_id));
  return bytes ? decode(*bytes) : std::nullopt;
}

void ProgressStore::put(Direction direction, std::string_view concept_id,
                        const Progress& progress) {
  auto transaction = store::Transaction::begin_write(environment_);
  auto database = store::Database::open(transaction, kDatabase, store::OpenMode::create);
  database.put(transaction, key_of(direction, concept_id), encode(progress));
  transaction.commit();
}

Session::Session(std::span<const Concept> concepts, Direction direction, ProgressStore& store,
                 Clock clock, std::size_t limit)
    : direction_(direction), store_(store), clock_(std::move(clock)) {
  const std::int64_t now = clock_();
  std::vector<Card> due;
  std::vector<Card> fresh;
  for (const Concept& entry : concepts) {
    const termbase::Term* prompt = entry.preferred_term(direction.from);
    if (!prompt)
      continue;
    Card card;
    card.entry = &entry;
    card.prompt = prompt->text;
    for (const termbase::Term* term : entry.terms_in(direction.to)) {
      if (term->status == termbase::TermStatus::deprecated ||
          term->status == termbase::TermStatus::superseded)
        continue;
      if (term->status == termbase::TermStatus::preferred)
        card.answers.insert(card.answers.begin(), term->text);
      else
        card.answers.push_back(term->text);
    }
    if (card.answers.empty())
      continue;
    card.progress = store_.get(direction, entry.id);
    if (!card.progress)
      fresh.push_back(std::move(card));
    else if (card.progress->due <= now)
      due.push_back(std::move(card));
  }
  std::stable_sort(due.begin(), due.end(), [](const Card& a, const Card& b) {
    if (a.progress->missed_last != b.progress->missed_last)
      return a.progress->missed_last;
    if (a.progress->box != b.progress->box)
      return a.progress->box < b.progress->box;
    return a.progress->due < b.progress->due;
  });
  for (Card& card : due)
    if (cards_.size() < limit)
      cards_.push_back(std::move(card));
  for (Card& card : fresh)
    if (cards_.size() < limit)
      cards_.push_back(std::move(card));
}

bool Session::answer(std::size_t index, std::string_view answer) {
  Card& card = cards_.at(index);
  const std::string given = text::search_key(answer, direction_.to);
  bool right =
      !given.empty() &&
      std::any_of(card.answers.begin(), card.answers.end(), [&](const std::string& accepted) {
        return text::search_key(accepted, direction_.to) == given;
      });
  Progress progress = card.progress.value_or(Progress{});
  ++progress.reviews;
  const std::int64_t now = clock_();
  if (right) {
    // A new card answered right at once starts in box 2.
    progress.box = std::min(kBoxes, progress.box + 1);
    progress.due = now + kBoxIntervalDays[progress.box - 1] * kDay;
    progress.missed_last = false;
    ++right_;
  } else {
    progress.box = 1;
    progress.due = now;
    progress.missed_last = true;
    ++progress.lapses;
    ++wrong_;
  }
  card.progress = progress;
  store_.put(direction_, card.entry->id, progress);
  return right;
}

}  // namespace tolk::drill
