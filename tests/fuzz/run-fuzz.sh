#!/bin/sh
# run-fuzz.sh -- make fuzz: run the libFuzzer target for a fixed time.
#
#   sh tests/fuzz/run-fuzz.sh FUZZER SECONDS
#
# Seeds: tests/fuzz/corpus/ (the kept inputs, also replayed by tier 43; only
# those up to the fuzzer's 8 KiB input limit are used as seeds) and a set
# generated on the first run by make-seeds.sh from the test programs, small
# standard library files and CPython-made marshal files (not committed).
# New interesting inputs go to $FUZZ_WORK/new (default: next to FUZZER),
# crashes to $FUZZ_WORK/crashes/.  FUZZ_KEEP_GOING=1 uses libFuzzer's fork
# mode so that one run collects every crash instead of stopping at the
# first.  Exit status: 0 if no crash was found.  Keep a crash or a small
# interesting input as a regression test with
#   cp INPUT tests/fuzz/corpus/NAME   (keep the corpus under ~2 MB)
# and shrink the kept set with libFuzzer's -merge=1 (docs/frontend-testing.md).
set -u
FUZZER=$1
SECONDS_=${2:-600}
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=${FUZZ_WORK:-$(dirname "$FUZZER")/fuzz-work}
mkdir -p "$WORK/new" "$WORK/crashes" "$WORK/seeds"
if [ -z "$(ls -A "$WORK/seeds")" ]; then
    sh "$HERE/make-seeds.sh" "$WORK/seeds"
fi
find "$HERE/corpus" -maxdepth 1 -type f -size -8193c -exec cp {} "$WORK/seeds/" \;
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0:abort_on_error=1"
export ASAN_OPTIONS
more=
if [ "${FUZZ_KEEP_GOING:-0}" = 1 ]; then
    more="-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1"
fi
echo "fuzzing $FUZZER for $SECONDS_ s; crashes go to $WORK/crashes/"
# shellcheck disable=SC2086
"$FUZZER" -max_total_time="$SECONDS_" -timeout=10 -rss_limit_mb=2048 \
    -max_len=8192 -print_final_stats=1 -artifact_prefix="$WORK/crashes/" \
    -dict="$HERE/python.dict" $more \
    "$WORK/new" "$WORK/seeds" >"$WORK/fuzz.log" 2>&1
rc=$?
grep -E '^(#[0-9]+ +(DONE|INITED)|stat::|==[0-9]+==ERROR|SUMMARY|Done)' "$WORK/fuzz.log" | tail -n 15
n=$(ls "$WORK/crashes" | wc -l)
nc=$(ls "$WORK/crashes" | grep -c -v -E '^(timeout|slow-unit|oom)-')
echo "fuzz: exit $rc, $n artifacts in $WORK/crashes/ ($nc crashes, $((n - nc)) timeouts/ooms) (log: $WORK/fuzz.log)"
[ $rc -eq 0 ] && [ "$n" -eq 0 ]
