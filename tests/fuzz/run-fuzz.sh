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
# crashes to $FUZZ_WORK/crashes/.  With FUZZ_KEEP_GOING=1 the fuzzer is
# restarted after each finding until the time is up, so that one run
# collects every crash instead of stopping at the first.  Exit status: 0 if no crash was found.  Keep a crash or a small
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
echo "fuzzing $FUZZER for $SECONDS_ s; crashes go to $WORK/crashes/"
: >"$WORK/fuzz.log"
start=$(date +%s)
runs=0
while :; do
    left=$((SECONDS_ - ($(date +%s) - start)))
    [ $left -gt 0 ] || break
    runs=$((runs + 1))
    "$FUZZER" -max_total_time=$left -timeout=10 -rss_limit_mb=2048 \
        -max_len=8192 -print_final_stats=1 -artifact_prefix="$WORK/crashes/" \
        -dict="$HERE/python.dict" \
        "$WORK/new" "$WORK/seeds" >>"$WORK/fuzz.log" 2>&1
    rc=$?
    # Without FUZZ_KEEP_GOING=1 the first finding ends the run; with it the
    # fuzzer is restarted (it stops at each finding) until the time is up.
    [ $rc -ne 0 ] && [ "${FUZZ_KEEP_GOING:-0}" = 1 ] || break
done
grep -E '^(#[0-9]+ +(DONE|INITED)|stat::|==[0-9]+==ERROR|SUMMARY|Done)' "$WORK/fuzz.log" | tail -n 15
n=$(ls "$WORK/crashes" | wc -l)
nc=$(ls "$WORK/crashes" | grep -c -v -E '^(timeout|slow-unit|oom)-')
echo "fuzz: $runs fuzzer run(s), last exit $rc, $n artifacts in $WORK/crashes/ ($nc crashes, $((n - nc)) timeouts/ooms) (log: $WORK/fuzz.log)"
[ $rc -eq 0 ] && [ "$n" -eq 0 ]
