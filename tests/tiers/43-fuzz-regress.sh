#!/bin/sh
# 43-fuzz-regress.sh -- replay the kept fuzz inputs (tests/fuzz/corpus/)
# through the fuzz entry point built normally ($B/tests/fuzz_frontend_replay,
# from tests/fuzz/fuzz_frontend.c + fuzz_replay.c).  Every input is one
# test: it passes when the replay returns (no crash, no sanitizer report, no
# broken contract -- see tests/fuzz/fuzz_frontend.h).  All inputs run in one
# process first; if that fails, each input is re-run alone to name the
# culprits.  The driver is a prerequisite of `make check`: missing, it fails.
set -u
NAME=fuzz-regress
B=${B:-build/release}
REPLAY=$B/tests/fuzz_frontend_replay
CORPUS=tests/fuzz/corpus
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
export ASAN_OPTIONS

if [ ! -x "$REPLAY" ]; then
    echo "$NAME: $REPLAY is not built"
    echo "TIER $NAME: 0 passed, 1 failed"
    exit 1
fi
n=$(find "$CORPUS" -maxdepth 1 -type f ! -name '.*' | wc -l)
if [ "$n" -eq 0 ]; then
    echo "$NAME: no inputs in $CORPUS"
    echo "TIER $NAME: 0 passed, 1 failed"
    exit 1
fi
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT INT TERM
if timeout 600 "$REPLAY" "$CORPUS" >"$tmp" 2>&1; then
    echo "  $(tail -n 1 "$tmp") from $CORPUS"
    echo "TIER $NAME: $n passed, 0 failed"
    exit 0
fi
echo "  the batch replay failed; replaying each input alone"
pass=0
fail=0
for f in $(find "$CORPUS" -maxdepth 1 -type f ! -name '.*' | LC_ALL=C sort); do
    if timeout 60 "$REPLAY" "$f" >"$tmp" 2>&1; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "  FAIL $f: $(grep -E 'ERROR|SUMMARY|contract|Assert|assert|runtime error' "$tmp" | head -n 2 | tr '\n' ' ')"
    fi
done
echo "TIER $NAME: $pass passed, $fail failed"
