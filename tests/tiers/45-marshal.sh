#!/bin/sh
# Tier 45-marshal: marshal compatibility with CPython 2.7.
#
# The committed fixtures (tests/frontend/marshal/*.marshal, produced by
# CPython 2.7 with gen_fixtures.py) are checked by the unit binary
# test_marshal in every run.  With CPython available ($CPYTHON and
# $STDLIB), this tier also marshals the code objects of every module of
# the standard library (top directory and first-level packages, tests and
# site-packages excluded) in CPython, and checks that loading each here and
# dumping it again gives CPython's bytes exactly.
# Last line: "TIER 45-marshal: N passed, M failed" (N = files checked).
set -u
B=${B:-build/release}
bin="$B/tests/test_marshal"
if [ ! -x "$bin" ]; then
    echo "test_marshal not built ($bin)"
    echo "TIER 45-marshal: 0 passed, 1 failed"
    exit 1
fi
if [ -z "${CPYTHON:-}" ] || [ ! -x "$CPYTHON" ] || [ -z "${STDLIB:-}" ] || [ ! -d "$STDLIB" ]; then
    echo "CPython 2.7 not available: the fixture round trips run in the unit tier only"
    echo "TIER 45-marshal: 0 passed, 0 failed"
    exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck disable=SC2046
"$CPYTHON" tests/frontend/marshal/gen_fixtures.py "$tmp" \
    $(ls "$STDLIB"/*.py "$STDLIB"/*/*.py | grep -v -e '/test/' -e '/site-packages/') \
    >/dev/null 2>&1
count=$(ls "$tmp" | grep -c '\.marshal$')
if [ "$count" -eq 0 ]; then
    echo "CPython produced no marshal files"
    echo "TIER 45-marshal: 0 passed, 1 failed"
    exit 1
fi
out=$(mktemp)
trap 'rm -rf "$tmp" "$out"' EXIT
PYPYSTM_MARSHAL_EXTRA="$tmp" timeout 300 "$bin" >"$out" 2>&1
rc=$?
grep -E 'differs|failed:|extra marshal' "$out" | head -n 20
line=$(grep '^UNIT ' "$out" | tail -n 1)
bad=$(grep -c -E 'differs|failed:' "$out")
if [ "$rc" -ne 0 ] && [ "$bad" -eq 0 ]; then
    bad=1
    tail -n 20 "$out"
fi
echo "$line"
echo "TIER 45-marshal: $((count - bad)) passed, $bad failed"
[ "$bad" -eq 0 ]
