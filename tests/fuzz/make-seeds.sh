#!/bin/sh
# make-seeds.sh DIR -- writes a seed corpus for the fuzz target into DIR:
# small standard library modules (source path: first byte 0x00) and their
# marshalled code objects made by CPython 2.7 (marshal path: first byte
# 0x01), plus every program under tests/frontend/programs/ and
# tests/frontend/syntax/.  Needs $CPYTHON / $STDLIB for the stdlib part.
set -u
dir=$1
HERE=$(cd "$(dirname "$0")/.." && pwd)
CPYTHON=${CPYTHON:-$(sed -n 's/^CPYTHON = //p' "$HERE/../config.mk" 2>/dev/null)}
STDLIB=${STDLIB:-$(sed -n 's/^STDLIB = //p' "$HERE/../config.mk" 2>/dev/null)}
mkdir -p "$dir"
i=0
for f in "$HERE"/frontend/programs/*.py "$HERE"/frontend/syntax/*.py; do
    [ -f "$f" ] || continue
    [ "$(wc -c <"$f")" -le 8000 ] || continue
    { printf '\000'; cat "$f"; } >"$dir/src-$(basename "$f")"
    i=$((i + 1))
done
if [ -n "$STDLIB" ] && [ -d "$STDLIB" ]; then
    find "$STDLIB" -name '*.py' -size -6k -type f | grep -v site-packages | LC_ALL=C sort | head -n 300 |
    while read -r f; do
        n=$(echo "$f" | sed "s|$STDLIB/||; s|/|_|g")
        { printf '\000'; cat "$f"; } >"$dir/lib-$n"
    done
    if [ -n "$CPYTHON" ] && [ -x "$CPYTHON" ]; then
        find "$STDLIB" -name '*.py' -size -3k -type f | grep -v site-packages | LC_ALL=C sort | head -n 150 |
        "$CPYTHON" -c '
import sys, marshal, os
out = sys.argv[1]
for path in sys.stdin:
    path = path.strip()
    try:
        code = compile(open(path, "rb").read(), "<seed>", "exec", 0, True)
    except Exception:
        continue
    name = os.path.basename(path)
    for v in (0, 1, 2):
        with open(os.path.join(out, "m%d-%s" % (v, name)), "wb") as f:
            f.write(chr(1 + 2 * v) + marshal.dumps(code, v))
' "$dir"
    fi
fi
echo "make-seeds: $(ls "$dir" | wc -l) seeds in $dir"
