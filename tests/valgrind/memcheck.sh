#!/usr/bin/env bash
# valgrind memcheck on the CLI's main paths, on small inputs: term import / lookup / find,
# tm import / match, check. Any memcheck error (invalid read or write, use of uninitialised
# values, definite leak) fails the test: valgrind's exit code 99.
#   memcheck.sh TOLK_BINARY SOURCE_DIR
set -euo pipefail
tolk=$1
source_dir=$2
command -v valgrind >/dev/null || { echo "valgrind is not installed"; exit 77; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export LANG=C.UTF-8
# valgrind cannot reserve the 64 GiB of address space a translation memory maps by default.
export TOLK_TM_MAP_SIZE=$((256 << 20))

# A twenty-concept slice of the shipped glossary keeps the run short.
python3 - "$source_dir/glossaries/legal-nl-en-ru.json" "$work/small.json" <<'PY'
import json, sys
glossary = json.load(open(sys.argv[1], encoding="utf-8"))
glossary["concepts"] = glossary["concepts"][:20]
json.dump(glossary, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
PY
printf 'De dienstplichtontduiker werd vervolgd wegens dienstplichtontduiking.\n' >"$work/text.txt"

memcheck() {
  echo "== tolk $*"
  local status=0
  valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
    "$tolk" -d "$work/data" "$@" >"$work/out" 2>"$work/err" || status=$?
  if [ "$status" -eq 99 ]; then
    cat "$work/err"
    echo "memcheck found errors in: tolk $*"
    exit 1
  fi
  if [ "$status" -ge 2 ]; then
    cat "$work/err"
    echo "tolk $* failed with exit code $status"
    exit 1
  fi
}

memcheck term import "$work/small.json"
memcheck term lookup dienstplichtontduiking
memcheck term find --lang nl "$work/text.txt"
memcheck tm import "$source_dir/tests/tm/data/ambtsbericht-nl-en-ru.tmx"
memcheck tm match --from nl --to en "Dienstplichtontduiking kan worden bestraft."
memcheck check "$source_dir/tests/check/data/sample.nl-en.xlf"
echo "memcheck: no errors"
