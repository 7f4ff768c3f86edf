#!/bin/sh
# roundtrip_one.sh -- one case of tests/tiers/42-frontend-roundtrip.sh.
#
#   PYPY=... CPYTHON=... sh roundtrip_one.sh KIND SCRIPT TMPDIR
#
# Compiles SCRIPT (an absolute path) with `$PYPY --compile`, runs the result
# in CPython through run_marshalled.py, runs SCRIPT directly with CPython,
# and compares stdout and exit status.  KIND is "prog" (exact comparison) or
# "stdlib" (a CPython test module: unittest's timing line and object
# addresses are normalised, and the reference run must exit 0).  Both runs
# happen in their own empty working directory with stdin from /dev/null.
# Prints one line "PASS name" or "FAIL name: why", the latter possibly
# followed by indented diff lines, in one write (jobs run in parallel).
set -u
kind=$1 src=$2 top=$3
name=$(basename "$src" .py)
[ "$kind" = stdlib ] && name="stdlib/$name"
dir=$(mktemp -d "$top/rt.XXXXXX")
runner=$(cd "$(dirname "$0")" && pwd)/run_marshalled.py
T=${ROUNDTRIP_TIMEOUT:-120}

report() {
    printf '%s\n' "$1"
    exit 0
}

normalise() {
    if [ "$kind" = stdlib ]; then
        sed -e 's/^Ran \([0-9]*\) tests\{0,1\} in [0-9.]*s$/Ran \1 tests in TIME/' \
            -e 's/0x[0-9a-fA-F]\{4,\}/0xADDR/g' "$1"
    else
        cat "$1"
    fi
}

timeout 30 "$PYPY" --compile "$src" "$dir/code.m" >"$dir/compile.err" 2>&1
rc=$?
if [ $rc -ne 0 ]; then
    report "FAIL $name: pypy-stm --compile exit status $rc: $(tail -n 1 "$dir/compile.err")"
fi
mkdir "$dir/ref" "$dir/ours"
(cd "$dir/ref" && timeout "$T" "$CPYTHON" "$src" </dev/null >../ref.out 2>../ref.err)
ref_rc=$?
(cd "$dir/ours" && timeout "$T" "$CPYTHON" "$runner" "$dir/code.m" "$src" \
    </dev/null >../ours.out 2>../ours.err)
our_rc=$?
if [ "$kind" = stdlib ] && [ $ref_rc -ne 0 ]; then
    report "FAIL $name: the reference run (CPython on the source) exits $ref_rc: $(tail -n 1 "$dir/ref.err")"
fi
normalise "$dir/ref.out" >"$dir/ref.n"
normalise "$dir/ours.out" >"$dir/ours.n"
if [ $our_rc -eq 3 ] && grep -q '^run_marshalled: ' "$dir/ours.err"; then
    report "FAIL $name: $(tail -n 1 "$dir/ours.err")"
fi
if [ $ref_rc -ne $our_rc ] || ! cmp -s "$dir/ref.n" "$dir/ours.n"; then
    d=$(diff "$dir/ref.n" "$dir/ours.n" | head -n 15 | cut -c 1-200 | sed 's/^/      /')
    e=$(grep -v '^ ' "$dir/ours.err" | tail -n 3 | cut -c 1-200 | sed 's/^/      stderr: /')
    report "FAIL $name: exit status $our_rc (CPython: $ref_rc), stdout $(cmp -s "$dir/ref.n" "$dir/ours.n" && echo same || echo differs)
$d
$e"
fi
rm -rf "$dir"
report "PASS $name"
