#!/bin/sh
# 40-dis.sh -- `pypy-stm --dis` against CPython 2.7's dis, with no CPython.
#
# Every tests/frontend/dis/NAME.py has NAME.dis beside it: what CPython
# 2.7.18 prints for it (tools/dis_compare.py --gen, run from the repository
# root; regenerate after editing a program).  This tier runs
# `$B/pypy-stm --dis tests/frontend/dis/NAME.py`, normalises the addresses
# of code-object constants, and requires identical text.
set -u
NAME=dis
B=${B:-build/release}
PYPY=$B/pypy-stm
pass=0
fail=0
tmp=$(mktemp)
for src in tests/frontend/dis/*.py; do
    exp=${src%.py}.dis
    [ -f "$exp" ] || continue
    if timeout 20 "$PYPY" --dis "$src" >"$tmp" 2>&1; then
        sed -i 's/<code object \([^ ]*\) at 0x[0-9a-fA-F]*/<code object \1 at 0x.../g' "$tmp"
        if cmp -s "$tmp" "$exp"; then
            pass=$((pass + 1))
            continue
        fi
        echo "  FAIL $src: output differs from CPython's:"
        diff "$exp" "$tmp" | head -n 10 | sed 's/^/    /'
    else
        echo "  FAIL $src: pypy-stm --dis exited with status $?"
        head -n 5 "$tmp" | sed 's/^/    /'
    fi
    fail=$((fail + 1))
done
rm -f "$tmp"
echo "TIER $NAME: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
