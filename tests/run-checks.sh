#!/bin/sh
# Runs every test tier of `make check` and ends with exactly one line
# "N passed, M failed".  Exit status is non-zero on any failure.
#
# Tiers:
#   unit   every CUnit binary build/$VARIANT/tests/test_*; each prints
#          "UNIT name: N passed, M failed"; a binary that crashes or times
#          out counts as one more failure.
#   tests/tiers/*.sh, in name order: each is a script that runs one tier
#          and prints as its last line "TIER name: N passed, M failed".
set -u
VARIANT=${VARIANT:-release}
B=${B:-build/$VARIANT}
export VARIANT B
total_pass=0
total_fail=0

add() { total_pass=$((total_pass + $1)); total_fail=$((total_fail + $2)); }

# counts LINE -> sets p and f from "...: N passed, M failed"
counts() {
    p=$(echo "$1" | sed -n 's/.*: \([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed.*/\1/p')
    f=$(echo "$1" | sed -n 's/.*: \([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed.*/\2/p')
}

echo "== tier unit"
upass=0; ufail=0
log=$(mktemp)
for t in "$B"/tests/test_*; do
    [ -x "$t" ] || continue
    name=$(basename "$t")
    if timeout 300 "$t" >"$log" 2>&1; then rc=0; else rc=$?; fi
    line=$(grep '^UNIT ' "$log" | tail -n 1)
    counts "$line"
    if [ -z "$line" ] || [ -z "$p" ]; then
        p=0; f=1
        echo "  $name: CRASHED or TIMED OUT (exit $rc); last output:"
        tail -n 20 "$log" | sed 's/^/    /'
    elif [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        f=1
        echo "  $name: exit status $rc"
    fi
    if [ "$f" -ne 0 ]; then
        grep -E 'FAILED|Assert|assert' "$log" | head -n 20 | sed 's/^/    /'
    fi
    echo "  $line"
    upass=$((upass + p)); ufail=$((ufail + f))
done
rm -f "$log"
echo "TIER unit: $upass passed, $ufail failed"
add $upass $ufail

for tier in tests/tiers/*.sh; do
    [ -f "$tier" ] || continue
    echo "== tier $(basename "$tier" .sh)"
    out=$(mktemp)
    if sh "$tier" >"$out" 2>&1; then rc=0; else rc=$?; fi
    cat "$out"
    line=$(grep '^TIER ' "$out" | tail -n 1)
    rm -f "$out"
    counts "$line"
    if [ -z "$line" ] || [ -z "$p" ]; then
        echo "  (tier script $tier ended without a TIER line, exit $rc)"
        p=0; f=1
    elif [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        f=1
    fi
    add "$p" "$f"
done

echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
