/* unit.c -- see unit.h. */
#include "tests/unit/unit.h"

#include <stdio.h>
#include <time.h>

double unit_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int unit_run(const char *name, CU_TestInfo *tests, CU_InitializeFunc init,
             CU_CleanupFunc cleanup)
{
    CU_SuiteInfo suites[] = {
        {.pName = (char *)name, .pInitFunc = init, .pCleanupFunc = cleanup,
         .pTests = tests},
        CU_SUITE_INFO_NULL,
    };
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    if (CU_register_suites(suites) != CUE_SUCCESS) {
        fprintf(stderr, "unit: cannot register suite %s: %s\n", name,
                CU_get_error_msg());
        return 2;
    }
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned run = CU_get_number_of_tests_run();
    unsigned failed = CU_get_number_of_tests_failed();
    unsigned suite_failed = CU_get_number_of_suites_failed();
    CU_cleanup_registry();
    if (suite_failed)
        failed += 1; /* a suite whose init failed ran nothing */
    printf("UNIT %s: %u passed, %u failed\n", name, run - (failed > run ? run : failed), failed);
    return failed ? 1 : 0;
}
