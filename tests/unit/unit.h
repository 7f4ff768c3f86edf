/* unit.h -- the common harness of the CUnit test binaries.
 *
 * Every tests/unit/test_NAME.c becomes its own binary (a crash stays
 * inside one file).  A file lists its tests in a CU_TestInfo array and ends
 * with UNIT_MAIN; the harness runs them and prints the summary line
 * "UNIT NAME: N passed, M failed" that tests/run-checks.sh reads. */
#ifndef UNIT_H
#define UNIT_H

#include <CUnit/CUnit.h>
#include <CUnit/Basic.h>

/* Runs TESTS as one suite called NAME with optional INIT/CLEANUP; returns
   the process exit status (0 when every test passed). */
int unit_run(const char *name, CU_TestInfo *tests, CU_InitializeFunc init,
             CU_CleanupFunc cleanup);

/* Seconds since an arbitrary fixed point (CLOCK_MONOTONIC). */
double unit_now(void);

#define UNIT_MAIN(name, tests, init, cleanup) \
    int main(void) { return unit_run((name), (tests), (init), (cleanup)); }

#endif
