#!/bin/sh
# 41-frontend-accept.sh -- differential accept/reject test of the front end.
#
# For every .py file under the CPython 2.7 standard library ($STDLIB, Lib and
# Lib/test, ~1800 files) and every case under tests/frontend/syntax/, runs
# `pypy-stm --compile FILE OUT` and compares accept (exit 0) / reject (exit 1)
# with CPython 2.7's compile() verdict, committed once in
# tests/frontend/stdlib-verdicts.txt and tests/frontend/syntax-verdicts.txt
# (regenerate with tests/frontend/gen_verdicts.py; see docs/frontend-testing.md)
# so that the tier needs no CPython.  Failures: a verdict mismatch, a crash
# (signal, sanitizer report), a timeout, any other exit status, or an
# accepted file whose output is not a marshalled code object.  When CPython
# is installed, every accepted output must also load in CPython's marshal
# (tests/frontend/check_marshal.py, which also reports how many files compile
# to code objects identical to CPython's).  Files missing from the verdict
# list are judged by $CPYTHON when present, else skipped with a note.
# A missing pypy-stm or a broken --compile is a failure.
set -u
NAME=frontend-accept
B=${B:-build/release}
STDLIB=${STDLIB:-}
CPYTHON=${CPYTHON:-}
PYPY=$B/pypy-stm
HERE=tests/frontend
JOBS=${FRONTEND_JOBS:-2}
# Sanitizer builds exit 1 on a report by default: make that a distinct status.
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

[ -x "$PYPY" ] || broken "$PYPY is not built"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
printf 'x = 1\n' >"$tmp/probe.py"
if ! "$PYPY" --compile "$tmp/probe.py" "$tmp/probe.m" >"$tmp/probe.err" 2>&1 \
   || [ ! -s "$tmp/probe.m" ]; then
    broken "pypy-stm has no working --compile ($(head -n 1 "$tmp/probe.err"))"
fi
have_cpython=0
[ -n "$CPYTHON" ] && [ -x "$CPYTHON" ] && have_cpython=1

pass=0
fail=0
t0=$(date +%s)

# corpus LABEL ROOT VERDICTS: compiles every .py under ROOT, compares.
corpus() {
    label=$1 root=$2 verdicts=$3
    out="$tmp/$label"
    mkdir -p "$out/m"
    (cd "$root" && find . -type d) | (cd "$out/m" && xargs mkdir -p)
    (cd "$root" && find . -name '*.py' -type f | sed 's|^\./||' | LC_ALL=C sort) \
        >"$out/files"
    # One line per file: PATH <tab> STATUS <tab> last stderr line.
    xargs -d '\n' -P "$JOBS" -n 40 sh -c '
        pypy=$1 root=$2 dir=$3; shift 3
        for f; do
            t=10
            [ -f "$dir/many-timeouts" ] && t=2
            timeout $t "$pypy" --compile "$root/$f" "$dir/m/$f.m" \
                >/dev/null 2>"$dir/err.$$"
            rc=$?
            if [ $rc -eq 124 ]; then
                echo "$f" >>"$dir/timeouts"
                [ "$(wc -l <"$dir/timeouts")" -ge 3 ] && touch "$dir/many-timeouts"
            fi
            if [ $rc -eq 0 ] && [ "$(head -c 1 "$dir/m/$f.m" 2>/dev/null)" != c ]; then
                rc=output
            fi
            msg=$(tail -n 1 "$dir/err.$$" | tr "\t" " ")
            printf "%s\t%s\t%s\n" "$f" "$rc" "$msg"
        done' sh "$PYPY" "$root" "$out" <"$out/files" >>"$out/results"
    # Files with no committed verdict: ask CPython, when there is one.
    awk '/^(ok|reject) /{print $2}' "$verdicts" | LC_ALL=C sort >"$out/known"
    LC_ALL=C comm -23 "$out/files" "$out/known" >"$out/unknown"
    cp "$verdicts" "$out/verdicts"
    if [ -s "$out/unknown" ]; then
        if [ $have_cpython -eq 1 ]; then
            xargs -d '\n' "$CPYTHON" "$HERE/gen_verdicts.py" --one "$root" \
                <"$out/unknown" >>"$out/verdicts"
            echo "  $label: $(wc -l <"$out/unknown") files had no committed verdict; judged by $CPYTHON"
        else
            echo "  $label: $(wc -l <"$out/unknown") files have no committed verdict and no CPython: skipped"
        fi
    fi
    awk -F '\t' -v label="$label" -v acc="$out/accepted" -v knownfile="$HERE/known-mismatches.txt" '
        function show(line) { if (bad < 40) print line; else more++ }
        function mismatch(line) {
            if ((label "/" f) in known) { print "  known: " label "/" f " (" known[label "/" f] ")"; nknown++ }
            else { show(line); bad++ }
        }
        BEGIN {
            while ((getline kl < knownfile) > 0) {
                if (kl ~ /^#/ || kl !~ /[^ ]/) continue
                k = kl; sub(/ .*/, "", k); r = kl; sub(/^[^ ]+ +/, "", r); known[k] = r
            }
        }
        FILENAME != "-" && FNR == NR {
            if ($0 ~ /^(ok|reject) /) {
                split($0, w, " ")
                v[w[2]] = w[1]
                m = $0; sub(/^[a-z]+ +[^ ]+ */, "", m); why[w[2]] = m
            }
            next
        }
        {
            f = $1; rc = $2; msg = $3
            if (!(f in v)) { unknown++; next }
            if (rc == "0") ours = "ok"
            else if (rc == "1") ours = "reject"
            else if (rc == "124") { print "  FAIL " label "/" f ": timeout"; bad++; next }
            else if (rc == "output") { show("  FAIL " label "/" f ": exit 0 but the output is not a marshalled code object"); bad++; next }
            else if (rc == "86") { print "  FAIL " label "/" f ": sanitizer report: " msg; bad++; next }
            else if (rc + 0 > 128) { print "  FAIL " label "/" f ": CRASH, signal " (rc - 128) ": " msg; bad++; next }
            else { show("  FAIL " label "/" f ": exit status " rc ": " msg); bad++; next }
            if (ours == v[f]) {
                good++
                if ((label "/" f) in known) print "  FIXED: " label "/" f " agrees now: remove it from tests/frontend/known-mismatches.txt"
                if (ours == "ok") { print f > acc; nacc++ }
                else { nrej++; if (index(msg, substr(why[f], 1, index(why[f], ":"))) != 1) tdiff++ }
            } else if (ours == "ok") {
                mismatch("  FAIL " label "/" f ": accepted, CPython rejects it: " why[f])
            } else {
                mismatch("  FAIL " label "/" f ": rejected, CPython accepts it: " msg)
            }
        }
        END {
            if (more) print "  ... and " more " more failures not shown"
            printf "  %s: %d files agree (%d accepted, %d rejected; %d rejected with another exception type), %d disagree or fail, %d known mismatches, %d without verdict\n", \
                label, good, nacc, nrej, tdiff, bad, nknown, unknown
            print "COUNT " good+0 " " bad+0
        }' "$out/verdicts" - <"$out/results" >"$out/report"
    grep -v '^COUNT ' "$out/report"
    set -- $(grep '^COUNT ' "$out/report")
    pass=$((pass + $2))
    fail=$((fail + $3))
    if [ $have_cpython -eq 1 ] && [ -s "$out/accepted" ]; then
        "$CPYTHON" "$HERE/check_marshal.py" "$root" "$out/m" "$out/accepted" \
            >"$out/marshal" 2>&1
        grep -c '^BADLOAD' "$out/marshal" >"$out/nbad"
        head -n 30 "$out/marshal" | grep '^BADLOAD' | sed 's/^/  FAIL /'
        grep -v '^BADLOAD' "$out/marshal" | sed "s/^/  $label /"
        fail=$((fail + $(cat "$out/nbad")))
    fi
}

if [ -n "$STDLIB" ] && [ -d "$STDLIB" ]; then
    corpus stdlib "$STDLIB" "$HERE/stdlib-verdicts.txt"
else
    echo "  no standard library (STDLIB=$STDLIB): stdlib part skipped"
fi
if [ -d "$HERE/syntax" ]; then
    corpus syntax "$HERE/syntax" "$HERE/syntax-verdicts.txt"
fi
echo "  ($(( $(date +%s) - t0 )) s)"
echo "TIER $NAME: $pass passed, $fail failed"
