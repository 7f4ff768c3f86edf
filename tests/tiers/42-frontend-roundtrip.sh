#!/bin/sh
# 42-frontend-roundtrip.sh -- code compiled by pypy-stm, run by CPython 2.7.
#
# For every program under tests/frontend/programs/ and every CPython test
# module listed in tests/frontend/stdlib-tests.txt: `pypy-stm --compile`
# writes the marshalled module code object, CPython 2.7 loads and runs it
# (tests/frontend/run_marshalled.py), and its stdout and exit status must be
# those of CPython running the source itself (tests/frontend/roundtrip_one.sh
# does one case).  Needs CPython 2.7: skipped, counting nothing, without it
# or while pypy-stm has no working --compile.
set -u
NAME=frontend-roundtrip
B=${B:-build/release}
STDLIB=${STDLIB:-}
CPYTHON=${CPYTHON:-}
PYPY=$B/pypy-stm
HERE=$(pwd)/tests/frontend
JOBS=${FRONTEND_JOBS:-2}
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}exitcode=86:detect_leaks=0"
UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}exitcode=86"
export ASAN_OPTIONS UBSAN_OPTIONS

# The binary and its --compile option are prerequisites: missing, they fail.
broken() {
    echo "$NAME: $1"
    echo "TIER $NAME: 0 passed, 1 failed"
    exit 1
}
skip() {
    echo "$NAME: skipped: $1"
    echo "TIER $NAME: 0 passed, 0 failed"
    exit 0
}

[ -n "$CPYTHON" ] && [ -x "$CPYTHON" ] || skip "no CPython 2.7 (CPYTHON=$CPYTHON)"
[ -x "$PYPY" ] || broken "$PYPY is not built"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
printf 'x = 1\n' >"$tmp/probe.py"
if ! "$PYPY" --compile "$tmp/probe.py" "$tmp/probe.m" >"$tmp/probe.err" 2>&1 \
   || [ ! -s "$tmp/probe.m" ]; then
    broken "pypy-stm has no working --compile ($(head -n 1 "$tmp/probe.err"))"
fi
PYPY=$(cd "$(dirname "$PYPY")" && pwd)/pypy-stm
export PYPY CPYTHON

t0=$(date +%s)
for p in "$HERE"/programs/*.py; do
    [ -f "$p" ] && printf 'prog %s %s\n' "$p" "$tmp"
done >"$tmp/cases"
if [ -n "$STDLIB" ] && [ -d "$STDLIB/test" ]; then
    sed -e 's/#.*//' -e 's/[ *]//g' -e '/^$/d' "$HERE/stdlib-tests.txt" |
    while read -r t; do
        if [ -f "$STDLIB/test/$t.py" ]; then
            printf 'stdlib %s %s\n' "$STDLIB/test/$t.py" "$tmp"
        else
            echo "  note: $STDLIB/test/$t.py does not exist: not run" >&2
        fi
    done >>"$tmp/cases"
else
    echo "  no standard library: CPython test modules not run"
fi
xargs -P "$JOBS" -L 1 sh "$HERE/roundtrip_one.sh" <"$tmp/cases" \
    | sed "s|$tmp|TMP|g" >"$tmp/results" 2>&1 || true
grep -v '^PASS ' "$tmp/results"
pass=$(grep -c '^PASS ' "$tmp/results")
fail=$(grep -c '^FAIL ' "$tmp/results")
total=$(wc -l <"$tmp/cases")
missing=$((total - pass - fail))
if [ $missing -gt 0 ]; then
    echo "  $missing cases produced no verdict (helper crashed?)"
    fail=$((fail + missing))
fi
echo "  $(grep -c '^prog ' "$tmp/cases") programs, $(grep -c '^stdlib ' "$tmp/cases") CPython test modules ($(( $(date +%s) - t0 )) s)"
echo "TIER $NAME: $pass passed, $fail failed"
