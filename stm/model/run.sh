#!/bin/sh
# Runs the spin models of stm/model/ (docs/stm-testing.md).
#
#   sh stm/model/run.sh quick   the default sizes (commit_v2 without the
#                               collector) and every mutant (~20 s CPU);
#                               used by tests/tiers/35-stm-model.sh
#   sh stm/model/run.sh full    quick, plus larger sizes (3 threads, 3
#                               objects, 3 operations) and the liveness
#                               check (~20 minutes on a loaded 2-core
#                               machine; `make stm-model`)
#
# Each check prints one line "ok|FAIL model config: result".  A protocol
# check passes when spin's exhaustive search ends with no error; a mutant
# check passes when spin finds an error (the mutant breaks a rule the
# properties depend on).  The last line is "TIER stm-model: N passed, M
# failed"; the exit status is non-zero on any failure.
set -u
MODE=${1:-quick}
SPIN=${SPIN:-spin}
CC=${CC:-cc}
HERE=$(cd "$(dirname "$0")" && pwd)
pass=0
fail=0

if ! command -v "$SPIN" >/dev/null 2>&1; then
    echo "  spin not found (install the Debian package spin)"
    echo "TIER stm-model: 0 passed, 1 failed"
    exit 1
fi
WORK=$(mktemp -d /tmp/stm-model.XXXXXX)
trap 'rm -rf "$WORK"' EXIT INT TERM

# check MODEL EXPECT(ok|error) KIND(safety|liveness) DEFINES...
check() {
    model=$1; expect=$2; kind=$3; shift 3
    defs="$*"
    dir="$WORK/run"
    rm -rf "$dir"; mkdir -p "$dir"
    cp "$HERE/$model.pml" "$dir/"
    opt=-O2; hash=-w24
    if [ "$expect" = error ]; then
        opt=-O0; hash=-w20           # a mutant fails fast: save compile time
    fi
    if [ "$kind" = liveness ]; then
        panflags="-DCOLLAPSE -DMEMLIM=4096 -DNFAIR=3"
        runflags="-a -f -m2000000 $hash"
        defs="$defs -DLIVENESS"
    else
        panflags="-DSAFETY -DCOLLAPSE -DMEMLIM=4096"
        runflags="-m2000000 $hash"
    fi
    # shellcheck disable=SC2086
    if ! (cd "$dir" && "$SPIN" -a $defs "$model.pml" >spin.out 2>&1 &&
          $CC $opt $panflags -o pan pan.c >cc.out 2>&1); then
        echo "FAIL $model [$defs]: spin/cc could not build the verifier"
        cat "$dir/spin.out" "$dir/cc.out" 2>/dev/null | tail -n 5 | sed 's/^/    /'
        fail=$((fail + 1))
        return
    fi
    t0=$(date +%s)
    # shellcheck disable=SC2086
    (cd "$dir" && ./pan $runflags >pan.out 2>&1)
    t1=$(date +%s)
    errors=$(sed -n 's/.*errors: \([0-9][0-9]*\).*/\1/p' "$dir/pan.out" | tail -n 1)
    states=$(sed -n 's/^ *\([0-9.e+]*\) states, stored.*/\1/p' "$dir/pan.out" | tail -n 1)
    first=$(grep -m1 -E '^pan:1:|acceptance cycle|assertion violated|invalid end state' "$dir/pan.out")
    incomplete=$(grep -E 'out of memory|max search depth too small|Search not completed' "$dir/pan.out")
    what="$model [${defs:-defaults}] $kind"
    if [ -z "$errors" ]; then
        echo "FAIL $what: no result from pan"; tail -n 5 "$dir/pan.out" | sed 's/^/    /'
        fail=$((fail + 1))
    elif [ "$expect" = ok ] && [ "$errors" -eq 0 ] && [ -z "$incomplete" ]; then
        echo "ok   $what: no error in $states states ($((t1 - t0)) s)"
        pass=$((pass + 1))
    elif [ "$expect" = error ] && [ "$errors" -gt 0 ]; then
        echo "ok   $what: caught ($first)"
        pass=$((pass + 1))
    else
        echo "FAIL $what: errors=$errors ${first:-} ${incomplete:-}"
        if [ "$expect" = ok ] && [ "$errors" -gt 0 ]; then
            (cd "$dir" && "$SPIN" -t -p -g "$model.pml" 2>&1 | tail -n 40 | sed 's/^/    /')
        fi
        fail=$((fail + 1))
    fi
}

for model in commit_v1 commit_v2; do
    [ -f "$HERE/$model.pml" ] || continue
    if [ "$MODE" = full ] || [ "$model" = commit_v1 ]; then
        check "$model" ok safety
        if [ "$model" = commit_v1 ]; then
            check "$model" ok safety -DIMPL=0    # DESIGN's waiting variant
        fi
    else
        check "$model" ok safety -DGC=0   # quick: no collector (4x fewer states)
    fi
    nm=$(sed -n 's/^#define N_MUTANTS \([0-9]*\).*/\1/p' "$HERE/$model.pml")
    m=1
    while [ "$m" -le "${nm:-0}" ]; do
        check "$model" error safety -DMUTANT=$m
        m=$((m + 1))
    done
    if [ "$MODE" = full ]; then
        # commit_v2's state space is larger: its big sizes run without the
        # collector (the default size above checks it)
        big=""
        [ "$model" = commit_v2 ] && big="-DGC=0"
        check "$model" ok safety -DNOPS=3 $big
        check "$model" ok safety -DNO=3 $big
        check "$model" ok safety -DNTX=2 -DNOPS=1 -DGC=0 -DBLOCKING=0
        if [ "$model" = commit_v2 ]; then
            # 3 threads and 2 objects exceed 4 GiB for version 2
            check "$model" ok safety -DNT=3 -DNOPS=1 -DNO=1 -DGC=0
            # not a mutant: steal ignoring the committing tag is harmless
            # (the header of commit_v2.pml says why)
            check "$model" ok safety -DSTEAL_TAGGED=1
        else
            check "$model" ok safety -DNT=3 -DNOPS=1 -DGC=0 -DBLOCKING=0
        fi
        check "$model" ok liveness
    fi
done
echo "TIER stm-model: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
