#!/bin/sh
# Tier stm-stress: short runs of the real-thread bank stress program
# (tests/stm/bank.c; the 10-second runs are `make stm-stress`).  Each run is
# one test: it passes when bank exits 0 (no money lost or created, no
# summing transaction saw a wrong total, no lost receipt) within its
# timeout.  Needs $B/stm/bank (CHECK_DEPS in stm/tools.mk).
set -u
B=${B:-build/release}
BANK="$B/stm/bank"
pass=0
fail=0

run() {
    out=$(timeout 60 "$BANK" "$@" 2>&1)
    rc=$?
    echo "$out" | sed 's/^/  /'
    if [ $rc -eq 0 ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "  FAILED (exit $rc): bank $*"
    fi
}

if [ ! -x "$BANK" ]; then
    echo "  $BANK is missing (make $BANK)"
    echo "TIER stm-stress: 0 passed, 1 failed"
    exit 1
fi
for c in 2 1; do
    run -t 2 -u 1 -s 2 -c $c
    run -t 4 -u 1 -s 2 -c $c
    run -t 2 -u 1 -s 1 -r 50 -i 50 -c $c
done
# frequent collections with parked transactions
PYPYSTM_GC_GROWTH=1.05
export PYPYSTM_GC_GROWTH
run -t 4 -u 1 -x 16 -s 1
unset PYPYSTM_GC_GROWTH
echo "TIER stm-stress: $pass passed, $fail failed"
[ $fail -eq 0 ]
