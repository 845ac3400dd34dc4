#!/usr/bin/env bash
# tolk booth in a real terminal: a detached tmux session over a workspace holding the shipped
# glossary; keys are sent as a user types them and the screen is read back with capture-pane.
# Usage: booth_tmux_test.sh TOLK_BINARY SOURCE_DIR. Exit 77 (skipped) without tmux.
set -euo pipefail
tolk=$1
source_dir=$2
command -v tmux >/dev/null || { echo "tmux not installed: skipped"; exit 77; }

scratch=$(mktemp -d)
socket="tolk-booth-test-$$"
cleanup() {
  tmux -L "$socket" kill-server 2>/dev/null || true
  rm -rf "$scratch"
}
trap cleanup EXIT

"$tolk" --data "$scratch/tolk-data" term import "$source_dir/glossaries/legal-nl-en-ru.json" >/dev/null

# Waits until the screen shows $1 (a fixed string), up to 20 s; prints the screen on failure.
expect_screen() {
  local screen
  for _ in $(seq 1 100); do
    screen=$(tmux -L "$socket" capture-pane -p -t booth)
    if grep -qF -- "$1" <<<"$screen"; then
      return 0
    fi
    sleep 0.2
  done
  echo "FAILED: the screen does not show '$1':" >&2
  echo "$screen" >&2
  exit 1
}

# A bad direction is an error that names it, before any terminal is needed (it used to start in
# nl -> ru without a word).
if "$tolk" --data "$scratch/tolk-data" booth --direction nl-de </dev/null >/dev/null 2>"$scratch/error"; then
  echo "FAILED: tolk booth --direction nl-de did not fail" >&2
  exit 1
fi
grep -qF "nl-de" "$scratch/error" || { echo "FAILED: the error does not name nl-de:" >&2; cat "$scratch/error" >&2; exit 1; }

tmux -L "$socket" new-session -d -s booth -x 110 -y 30 \
  "env LANG=C.UTF-8 TERM=xterm-256color '$tolk' --data '$scratch/tolk-data' booth"
expect_screen "nl → ru"

# One key switches the direction; a transliterated query finds the Russian term.
tmux -L "$socket" send-keys -t booth Tab
expect_screen "ru → nl"
tmux -L "$socket" send-keys -t booth -l "dezertirstvo"
expect_screen "> dezertirstvo"
expect_screen "дезертирство"
expect_screen "desertie · deserteren"
expect_screen "UK RF 338"

# Back to nl -> ru; a misspelled Dutch query (a letter missing) finds its concept.
tmux -L "$socket" send-keys -t booth C-u BTab
expect_screen "nl → ru"
tmux -L "$socket" send-keys -t booth -l "dienstplichtontduking"
expect_screen "> dienstplichtontduking"
expect_screen "уклонение от прохождения военной и альтернативной гражданской службы"
expect_screen "UK RF 328"

# Results as you type: a prefix already shows the term it begins.
tmux -L "$socket" send-keys -t booth C-u
tmux -L "$socket" send-keys -t booth -l "militaire ee"
expect_screen "воинская часть"

# Esc ends the program.
tmux -L "$socket" send-keys -t booth Escape
ended=0
for _ in $(seq 1 50); do
  tmux -L "$socket" has-session -t booth 2>/dev/null || { ended=1; break; }
  sleep 0.2
done
[ "$ended" = 1 ] || { echo "FAILED: tolk booth did not end on Esc" >&2; exit 1; }

# --direction chooses the direction to start with; a typo in English finds its concept.
tmux -L "$socket" new-session -d -s booth -x 110 -y 30 \
  "env LANG=C.UTF-8 TERM=xterm-256color '$tolk' --data '$scratch/tolk-data' booth --direction en-ru"
expect_screen "en → ru"
tmux -L "$socket" send-keys -t booth -l "desertei"
expect_screen "дезертир"
tmux -L "$socket" send-keys -t booth Escape
echo "passed"
