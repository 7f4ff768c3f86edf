#!/bin/sh
# bench_compile.sh -- make bench-compile: compile the whole standard library
# with pypy-stm and with CPython 2.7 in the same run; print files/s and
# lines/s for each and the ratio.  A benchmark, not a test: it never fails
# on slowness.
#
#   B=build/release CPYTHON=... STDLIB=... sh tests/bench/bench_compile.sh
#
# pypy-stm is measured two ways:
#   in-process   $B/tests/bench_compile_inproc: all sources read first, then
#                parse+compile of each timed in one process (no writes) --
#                the like-for-like comparison with CPython's compile();
#   per-process  `pypy-stm --compile FILE /dev/null` once per file, with the
#                process start-up cost (runtime initialisation included)
#                measured separately by compiling an empty file, and
#                subtracted to give a net figure.
# CPython: tests/bench/cpython_compile_all.py, compile() of every source in
# one process, no .pyc written (compileall minus the writing).
# BENCH_REPEAT (default 3) rounds for the in-process runs, fastest kept.
set -u
B=${B:-build/release}
STDLIB=${STDLIB:-}
CPYTHON=${CPYTHON:-}
REPEAT=${BENCH_REPEAT:-3}
PYPY=$B/pypy-stm
INPROC=$B/tests/bench_compile_inproc
[ -n "$STDLIB" ] && [ -d "$STDLIB" ] || { echo "bench-compile: no STDLIB"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
find "$STDLIB" -name '*.py' -type f | LC_ALL=C sort >"$tmp/files"
nfiles=$(wc -l <"$tmp/files")
nlines=$(xargs cat <"$tmp/files" | wc -l)
echo "bench-compile: $nfiles files, $nlines lines under $STDLIB"
echo "machine: $(nproc) cores, load $(cut -d ' ' -f 1-3 /proc/loadavg)"

# rate LABEL FILES LINES SECONDS -> prints a row, sets $fps
rate() {
    awk -v l="$1" -v f="$2" -v n="$3" -v s="$4" 'BEGIN {
        if (s <= 0) s = 1e-9
        printf "  %-34s %6d files %8d lines %8.3f s %9.1f files/s %10.0f lines/s\n", l, f, n, s, f / s, n / s
    }'
}
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
now() { date +%s.%N; }

ours=
if [ -x "$INPROC" ]; then
    timeout 900 "$INPROC" -r "$REPEAT" - <"$tmp/files" >"$tmp/inproc" 2>"$tmp/inproc.err"
    if grep -q '^inproc:' "$tmp/inproc"; then
        set -- $(sed 's/[a-z:,]//g' "$tmp/inproc")
        rate "pypy-stm in-process" "$1" "$3" "$4"
        [ "$2" -eq 0 ] || echo "    ($2 files rejected by pypy-stm)"
        ours=$4
    else
        echo "  pypy-stm in-process: FAILED: $(tail -n 3 "$tmp/inproc.err")"
    fi
else
    echo "  pypy-stm in-process: $INPROC not built (needs interp/parser.h, interp/compile.h)"
fi

if [ -x "$PYPY" ] && printf 'x = 1\n' >"$tmp/p.py" \
   && "$PYPY" --compile "$tmp/p.py" "$tmp/p.m" >/dev/null 2>&1; then
    n=200
    t0=$(now)
    i=0
    : >"$tmp/empty.py"
    while [ $i -lt $n ]; do
        "$PYPY" --compile "$tmp/empty.py" /dev/null >/dev/null 2>&1
        i=$((i + 1))
    done
    t1=$(now)
    startup=$(awk -v a="$t0" -v b="$t1" -v n=$n 'BEGIN { printf "%.6f", (b - a) / n }')
    t0=$(now)
    slow=0
    while read -r f; do
        timeout 10 "$PYPY" --compile "$f" /dev/null >/dev/null 2>&1
        [ $? -eq 124 ] && slow=$((slow + 1))
    done <"$tmp/files"
    t1=$(now)
    total=$(secs "$t0" "$t1")
    rate "pypy-stm per-process (gross)" "$nfiles" "$nlines" "$total"
    net=$(awk -v t="$total" -v s="$startup" -v n="$nfiles" 'BEGIN { printf "%.3f", t - s * n }')
    rate "pypy-stm per-process (net)" "$nfiles" "$nlines" "$net"
    [ $slow -eq 0 ] || echo "    ($slow files hit the 10 s limit per file: the figures are meaningless)"
    echo "    (process start-up: $(awk -v s="$startup" 'BEGIN { printf "%.2f ms", s * 1000 }') per run, from $n runs of --compile on an empty file)"
else
    echo "  pypy-stm per-process: $PYPY has no working --compile"
fi

if [ -n "$CPYTHON" ] && [ -x "$CPYTHON" ]; then
    "$CPYTHON" tests/bench/cpython_compile_all.py "$REPEAT" <"$tmp/files" >"$tmp/cpy"
    set -- $(sed 's/[a-z:,]//g' "$tmp/cpy")
    rate "CPython 2.7 compile()" "$1" "$3" "$4"
    cpy=$4
    if [ -n "$ours" ]; then
        awk -v a="$ours" -v c="$cpy" 'BEGIN {
            printf "  ratio: pypy-stm in-process is %.2fx the speed of CPython 2.7 (target: >= 1)\n", c / a }'
    fi
else
    echo "  CPython 2.7: not installed (CPYTHON=$CPYTHON): no comparison"
fi
