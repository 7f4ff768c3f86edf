/* test_stm_rules.c -- one directed test per rule of DESIGN §4, played by
 * several logical transactions (stm contexts) on this one OS thread. */
#include "tests/unit/unit.h"
#include "tests/unit/test_stm_toy.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Objects the tests keep between steps live in this root range. */
static toy_t *objs[8];
static stm_context_t *A, *B, *C;
static char log_path[64];

/* Reason of the last abort seen by IN(); 0 when the body completed. */
static volatile int aborted;

/* Runs BODY as context CTX; an abort lands back here with `aborted` set. */
#define IN(ctx, ...)                                                      \
    do {                                                                  \
        aborted = 0;                                                      \
        if (setjmp(*stm_abort_target(ctx)) != 0) {                        \
            aborted = (int)stm_last_abort(NULL, NULL, NULL);              \
        } else {                                                          \
            stm_context_switch(ctx);                                      \
            __VA_ARGS__;                                                  \
        }                                                                 \
    } while (0)

static int suite_init(void)
{
    snprintf(log_path, sizeof log_path, "/tmp/stm-rules-%d.log",
             (int)getpid());
    setenv("PYPYSTM", log_path, 1);
    /* Logical contexts each hold a slot: make sure there are enough,
       whatever the environment says. */
    setenv("PYPYSTM_SEGMENTS", "8", 1);
    if (gc_init() != 0 || stm_init() != 0)
        return -1;
    unsetenv("PYPYSTM");
    gc_add_root_range(objs, objs + 8);
    return 0;
}

static int suite_cleanup(void)
{
    stm_shutdown();
    unlink(log_path);
    return 0;
}

/* Fresh contexts and NOBJ committed objects with a = 100 + i. */
static void setup(int nobj)
{
    A = stm_context_create();
    B = stm_context_create();
    C = stm_context_create();
    CU_ASSERT_FATAL(A && B && C);
    stm_set_inevitable_after(0);
    IN(A, stm_start_transaction();
       for (int i = 0; i < nobj; i++) {
           objs[i] = toy_new();
           toy_W(objs[i])->a = 100 + i;
       }
       stm_commit_transaction());
    CU_ASSERT_EQUAL_FATAL(aborted, 0);
}

static void teardown(void)
{
    stm_context_t *all[3] = {A, B, C};
    for (volatile int i = 0; i < 3; i++) {
        IN(all[i], if (stm_in_transaction()) stm_abort_transaction());
        stm_context_switch(NULL);
        stm_context_destroy(all[i]);
    }
    memset(objs, 0, sizeof objs);
    stm_set_inevitable_after(4);
}

static void test_readonly_commit(void)
{
    setup(2);
    stm_stats_t before, after;
    stm_get_stats(B, &before);
    IN(B, stm_start_transaction();
       CU_ASSERT_EQUAL(toy_R(objs[0])->a, 100);
       CU_ASSERT_EQUAL(toy_R(objs[1])->a, 101);
       CU_ASSERT_EQUAL(stm_write_set_size(), 0);
       CU_ASSERT_EQUAL(stm_commit_transaction(), 0));
    CU_ASSERT_EQUAL(aborted, 0);
    stm_get_stats(B, &after);
    CU_ASSERT_EQUAL(after.commits_readonly, before.commits_readonly + 1);
    CU_ASSERT_EQUAL(after.commits_writing, before.commits_writing);
    teardown();
}

static void test_young_no_copy(void)
{
    setup(0);
    IN(A, stm_start_transaction();
       toy_t *y = toy_new();
       CU_ASSERT_TRUE(stm_is_young(y));
       toy_fields_t *f = toy_W(y);
       CU_ASSERT_PTR_EQUAL((void *)f, (void *)y);
       f->a = 7;
       CU_ASSERT_EQUAL(toy_R(y)->a, 7);
       CU_ASSERT_EQUAL(stm_write_set_size(), 0);
       objs[0] = y;
       stm_commit_transaction());
    CU_ASSERT_EQUAL(aborted, 0);
    /* Committed: old for everyone now, the next attempt included. */
    IN(A, stm_start_transaction();
       CU_ASSERT_FALSE(stm_is_young(objs[0]));
       toy_fields_t *f = toy_W(objs[0]);
       CU_ASSERT_PTR_NOT_EQUAL((void *)f, (void *)objs[0]);
       CU_ASSERT_EQUAL(f->a, 7);
       CU_ASSERT_EQUAL(stm_write_set_size(), 1);
       stm_commit_transaction());
    CU_ASSERT_EQUAL(aborted, 0);
    teardown();
}

static void test_young_after_abort_is_old(void)
{
    setup(0);
    IN(A, stm_start_transaction();
       objs[0] = toy_new();
       stm_abort_transaction());
    CU_ASSERT_EQUAL(aborted, STM_ABORT_OTHER);
    IN(A, stm_start_transaction();
       /* a fresh id per attempt: the aborted attempt's garbage is old */
       CU_ASSERT_FALSE(stm_is_young(objs[0]));
       stm_commit_transaction());
    teardown();
}

static void test_write_write(void)
{
    setup(1);
    IN(A, stm_start_transaction(); toy_W(objs[0])->a = 1);
    CU_ASSERT_EQUAL(aborted, 0);
    IN(B, stm_start_transaction(); toy_W(objs[0])->a = 2;
       CU_FAIL("B must not get a copy of an object A owns"));
    CU_ASSERT_EQUAL(aborted, STM_ABORT_WRITE_WRITE);
    CU_ASSERT_FALSE(stm_context_in_transaction(B));
    IN(A, CU_ASSERT_EQUAL(toy_R(objs[0])->a, 1); stm_commit_transaction());
    CU_ASSERT_EQUAL(aborted, 0);
    IN(B, stm_start_transaction();
       CU_ASSERT_EQUAL(toy_R(objs[0])->a, 1);
       stm_commit_transaction());
    CU_ASSERT_EQUAL(aborted, 0);
    teardown();
}

static void test_write_read(void)
{
    setup(2);
    IN(B, stm_start_transaction(); CU_ASSERT_EQUAL(toy_R(objs[0])->a, 100));
    IN(C, stm_start_transaction(); CU_ASSERT_EQUAL(toy_R(objs[1])->a, 101));
    /* While A owns a copy, readers still see the committed original. */
    IN(A, stm_start_transaction(); stm_set_location((void *)0xA11, 7);
       toy_W(objs[0])->a = 5);
    IN(B, CU_ASSERT_EQUAL(toy_R(objs[0])->a, 100));
    CU_ASSERT_EQUAL(aborted, 0);
    IN(A, CU_ASSERT_EQUAL(stm_commit_transaction(), 0));
    CU_ASSERT_EQUAL(aborted, 0);
    CU_ASSERT_TRUE(stm_context_doomed(B));
    CU_ASSERT_FALSE(stm_context_doomed(C));
    /* The reader dies before it can read anything else. */
    IN(B, CU_FAIL("doomed B ran"); (void)toy_R(objs[1]));
    CU_ASSERT_EQUAL(aborted, STM_ABORT_WRITE_READ);
    /* B's abort info names A's write location as the other side. */
    stm_location_t self, other;
    double lost;
    IN(B, CU_ASSERT_EQUAL(stm_last_abort(&lost, &self, &other),
                          STM_ABORT_WRITE_READ);
       CU_ASSERT_PTR_EQUAL(other.code, (void *)0xA11);
       CU_ASSERT_EQUAL(other.offset, 7);
       CU_ASSERT(lost >= 0);
       CU_ASSERT_EQUAL(stm_take_longest_abort(0, NULL, NULL, NULL),
                       STM_ABORT_WRITE_READ);
       CU_ASSERT_EQUAL(stm_take_longest_abort(0, NULL, NULL, NULL),
                       STM_ABORT_NONE));
    IN(C, CU_ASSERT_EQUAL(toy_R(objs[0])->a, 5); stm_commit_transaction());
    CU_ASSERT_EQUAL(aborted, 0);
    teardown();
}

static void test_read_in_earlier_transaction_is_no_conflict(void)
{
    setup(1);
    IN(B, stm_start_transaction(); (void)toy_R(objs[0]);
       stm_commit_transaction());
    IN(B, stm_start_transaction());
    IN(A, stm_start_transaction(); toy_W(objs[0])->a = 9;
       stm_commit_transaction());
    CU_ASSERT_FALSE(stm_context_doomed(B));
    IN(B, CU_ASSERT_EQUAL(toy_R(objs[0])->a, 9); stm_commit_transaction());
    CU_ASSERT_EQUAL(aborted, 0);
    teardown();
}

/* The read version comes back to the same value after
   STM_READ_VERSION_PERIOD starts: markers left from then must not count as
   reads of the new attempt.  B reads X at version v, runs N more
   transactions (N around the period, so that one of them lands on v again
   after the wrap), and a commit of X must not doom B's transaction, which
   never read X; then a real read must. */
static void test_read_marker_wraparound(void)
{
    setup(1);
    const int period = (int)STM_READ_VERSION_PERIOD;
    for (volatile int n = period - 5; n <= period + 5; n++) {
        IN(B, stm_start_transaction(); (void)toy_R(objs[0]);
           stm_commit_transaction());
        for (volatile int i = 0; i < n - 1; i++) {
            IN(B, stm_start_transaction(); stm_commit_transaction());
            CU_ASSERT_EQUAL_FATAL(aborted, 0);
        }
        IN(B, stm_start_transaction());      /* the n-th start after it */
        IN(A, stm_start_transaction(); toy_W(objs[0])->a = n;
           stm_commit_transaction());
        CU_ASSERT_FALSE(stm_context_doomed(B));
        IN(B, stm_commit_transaction());
        CU_ASSERT_EQUAL(aborted, 0);
    }
    IN(B, stm_start_transaction(); (void)toy_R(objs[0]));
    IN(A, stm_start_transaction(); toy_W(objs[0])->a = 2;
       stm_commit_transaction());
    CU_ASSERT_TRUE(stm_context_doomed(B));
    IN(B, stm_commit_transaction());
    CU_ASSERT_EQUAL(aborted, STM_ABORT_WRITE_READ);
    teardown();
}

static void test_inevitable_reader_wins(void)
{
    setup(1);
    IN(B, stm_start_transaction();
       CU_ASSERT_TRUE(stm_try_become_inevitable("test"));
       (void)toy_R(objs[0]));
    IN(C, stm_start_transaction();
       CU_ASSERT_FALSE(stm_try_become_inevitable("test")));
    IN(A, stm_start_transaction(); toy_W(objs[0])->a = 3;
       stm_commit_transaction(); CU_FAIL("A committed over B"));
    CU_ASSERT_EQUAL(aborted, STM_ABORT_INEVITABLE);
    CU_ASSERT_FALSE(stm_context_doomed(B));
    IN(B, CU_ASSERT_EQUAL(toy_R(objs[0])->a, 100);
       CU_ASSERT_EQUAL(stm_commit_transaction(), 0));
    CU_ASSERT_EQUAL(aborted, 0);
    IN(C, CU_ASSERT_TRUE(stm_try_become_inevitable("test"));
       stm_commit_transaction());
    teardown();
}

static void test_inevitable_writer_wins(void)
{
    setup(1);
    IN(A, stm_start_transaction(); toy_W(objs[0])->a = 1);
    IN(B, stm_start_transaction();
       CU_ASSERT_TRUE(stm_try_become_inevitable("test"));
       toy_W(objs[0])->a = 2);
    CU_ASSERT_EQUAL(aborted, 0);
    CU_ASSERT_TRUE(stm_context_doomed(A));
    IN(A, CU_FAIL("A survived"));
    CU_ASSERT_EQUAL(aborted, STM_ABORT_INEVITABLE);
    IN(B, CU_ASSERT_EQUAL(toy_R(objs[0])->a, 2); stm_commit_transaction());
    CU_ASSERT_EQUAL(aborted, 0);
    IN(C, stm_start_transaction(); CU_ASSERT_EQUAL(toy_R(objs[0])->a, 2);
       stm_commit_transaction());
    teardown();
}

static void test_become_inevitable_restarts_inevitable(void)
{
    setup(1);
    IN(B, stm_start_transaction(); stm_become_inevitable("B"));
    IN(A, stm_start_transaction(); stm_become_inevitable("A");
       CU_FAIL("token taken twice"));
    CU_ASSERT_EQUAL(aborted, STM_ABORT_INEVITABLE);
    IN(B, stm_commit_transaction());
    IN(A, stm_start_transaction(); CU_ASSERT_TRUE(stm_is_inevitable());
       stm_commit_transaction());
    CU_ASSERT_EQUAL(aborted, 0);
    teardown();
}

static void test_k_aborts_then_inevitable(void)
{
    setup(1);
    stm_set_inevitable_after(3);
    for (volatile int i = 0; i < 3; i++) {
        IN(A, stm_start_transaction(); CU_ASSERT_FALSE(stm_is_inevitable());
           stm_abort_transaction());
        CU_ASSERT_EQUAL(aborted, STM_ABORT_OTHER);
    }
    IN(A, stm_start_transaction(); CU_ASSERT_TRUE(stm_is_inevitable());
       stm_commit_transaction());
    IN(A, stm_start_transaction(); CU_ASSERT_FALSE(stm_is_inevitable());
       stm_commit_transaction());
    teardown();
}

static void test_atomic_never_breaks(void)
{
    setup(1);
    IN(A, stm_start_transaction(); stm_atomic_enter(); stm_atomic_enter();
       CU_ASSERT_EQUAL(stm_transaction_break(), 0);
       CU_ASSERT_EQUAL(stm_commit_transaction(), -1);
       CU_ASSERT_TRUE(stm_in_transaction());
       CU_ASSERT_EQUAL(stm_atomic_leave(), 1);
       CU_ASSERT_EQUAL(stm_transaction_break(), 0);
       CU_ASSERT_EQUAL(stm_atomic_leave(), 0);
       CU_ASSERT_EQUAL(stm_atomic_leave(), -1);
       CU_ASSERT_EQUAL(stm_transaction_break(), 1);
       CU_ASSERT_EQUAL(stm_commit_transaction(), 0));
    CU_ASSERT_EQUAL(aborted, 0);
    IN(A, stm_atomic_enter(); CU_ASSERT_EQUAL(stm_blocking_begin(), -1);
       stm_atomic_leave());
    teardown();
}

static int private_state[4];
static int undo_calls;
static int deferred_calls;
static void on_abort_cb(void *arg) { undo_calls += (int)(intptr_t)arg; }
static void deferred_cb(void *arg) { deferred_calls += (int)(intptr_t)arg; }

static void test_abort_restores_everything(void)
{
    setup(3);
    undo_calls = deferred_calls = 0;
    private_state[0] = 1;
    IN(A, CU_ASSERT_EQUAL(stm_register_private(private_state,
                                               sizeof private_state), 0));
    IN(A, stm_start_transaction();
       private_state[0] = 99;
       stm_atomic_enter();
       toy_W(objs[0])->a = -1;
       toy_W(objs[1])->p = toy_new();
       toy_W(objs[2])->b = -2;
       stm_on_abort(on_abort_cb, (void *)(intptr_t)1);
       stm_on_abort(on_abort_cb, (void *)(intptr_t)10);
       stm_defer(deferred_cb, (void *)(intptr_t)1);
       CU_ASSERT_EQUAL(stm_write_set_size(), 3);
       stm_abort_transaction());
    CU_ASSERT_EQUAL(aborted, STM_ABORT_OTHER);
    CU_ASSERT_EQUAL(private_state[0], 1);
    CU_ASSERT_EQUAL(undo_calls, 11);
    CU_ASSERT_EQUAL(deferred_calls, 0);
    IN(A, CU_ASSERT_EQUAL(stm_atomic_level(), 0);
       stm_start_transaction();
       CU_ASSERT_EQUAL(stm_write_set_size(), 0);
       for (int i = 0; i < 3; i++) {
           CU_ASSERT_EQUAL(((gc_header_t *)objs[i])->stm_copy, 0);
           CU_ASSERT_EQUAL(toy_R(objs[i])->a, 100 + i);
           CU_ASSERT_EQUAL(toy_R(objs[i])->b, 0);
           CU_ASSERT_PTR_NULL(toy_R(objs[i])->p);
       }
       stm_commit_transaction());
    CU_ASSERT_EQUAL(undo_calls, 11);
    IN(A, stm_unregister_private(private_state));
    teardown();
}

static int64_t frame_slots[3];

static void test_undo_log(void)
{
    setup(1);
    frame_slots[0] = 1;
    frame_slots[1] = 2;
    IN(A, stm_start_transaction();
       CU_ASSERT_EQUAL(stm_undo_save(frame_slots, sizeof frame_slots), 0);
       frame_slots[0] = 10;
       CU_ASSERT_EQUAL(stm_undo_save(&frame_slots[0], sizeof(int64_t)), 0);
       frame_slots[0] = 20;
       frame_slots[1] = 30;
       frame_slots[2] = (int64_t)(intptr_t)toy_new();   /* a young object */
       stm_abort_transaction());
    CU_ASSERT_EQUAL(aborted, STM_ABORT_OTHER);
    CU_ASSERT_EQUAL(frame_slots[0], 1);     /* the oldest save wins */
    CU_ASSERT_EQUAL(frame_slots[1], 2);
    CU_ASSERT_EQUAL(frame_slots[2], 0);
    IN(A, stm_start_transaction();
       stm_undo_save(frame_slots, sizeof frame_slots);
       frame_slots[0] = 5;
       stm_commit_transaction());
    IN(A, stm_start_transaction(); stm_abort_transaction());
    CU_ASSERT_EQUAL(frame_slots[0], 5);     /* dropped at commit */
    teardown();
}

static char order[16];
static int norder;
static void record_cb(void *arg) { order[norder++] = (char)(intptr_t)arg; }

static void test_deferred_commit_order(void)
{
    setup(2);
    norder = 0;
    IN(A, stm_start_transaction(); toy_W(objs[0])->a = 1;
       stm_defer(record_cb, (void *)'a'); stm_defer(record_cb, (void *)'b'));
    IN(B, stm_start_transaction(); toy_W(objs[1])->a = 1;
       stm_defer(record_cb, (void *)'c'));
    IN(C, stm_start_transaction(); stm_defer(record_cb, (void *)'x');
       stm_abort_transaction());
    CU_ASSERT_EQUAL(norder, 0);
    IN(B, stm_commit_transaction());
    IN(C, stm_start_transaction(); stm_defer(record_cb, (void *)'d');
       stm_commit_transaction());
    IN(A, stm_commit_transaction());
    CU_ASSERT_EQUAL(norder, 4);
    CU_ASSERT_NSTRING_EQUAL(order, "cdab", 4);
    teardown();
}

static int run_calls;
static int run_body(void *arg)
{
    run_calls++;
    toy_W(objs[0])->a += 1;
    if (run_calls == 1)
        stm_abort_transaction();
    return (int)(intptr_t)arg;
}

static void test_trampoline_retries(void)
{
    setup(1);
    run_calls = 0;
    stm_context_switch(A);
    CU_ASSERT_EQUAL(stm_run(run_body, (void *)(intptr_t)42), 42);
    CU_ASSERT_EQUAL(run_calls, 2);
    CU_ASSERT_FALSE(stm_in_transaction());
    IN(A, stm_start_transaction(); CU_ASSERT_EQUAL(toy_R(objs[0])->a, 101);
       stm_commit_transaction());
    teardown();
}

static void test_gc_with_parked_transactions(void)
{
    setup(2);
    /* A's copy of objs[0] holds the only reference to a young object;
       B is parked mid-transaction with a copy of its own. */
    IN(A, stm_start_transaction();
       toy_t *y = toy_new();
       toy_W(y)->a = 4242;
       toy_W(objs[0])->p = y;
       y = NULL);
    IN(B, stm_start_transaction(); toy_W(objs[1])->b = 77);
    for (volatile int i = 0; i < 3; i++) {
        IN(C, stm_start_transaction();
           for (int j = 0; j < 2000; j++) (void)toy_new();
           stm_collect();
           stm_commit_transaction());
        CU_ASSERT_EQUAL(aborted, 0);
    }
    IN(A, CU_ASSERT_EQUAL(toy_R(toy_R(objs[0])->p)->a, 4242);
       stm_commit_transaction());
    IN(B, CU_ASSERT_EQUAL(toy_R(objs[1])->b, 77); stm_commit_transaction());
    IN(C, stm_start_transaction(); stm_collect();
       CU_ASSERT_EQUAL(toy_R(toy_R(objs[0])->p)->a, 4242);
       CU_ASSERT_EQUAL(toy_R(objs[1])->b, 77);
       stm_commit_transaction());
    CU_ASSERT_EQUAL(aborted, 0);
    teardown();
}

static int stress_calls;
static int stress_body(void *arg)
{
    (void)arg;
    stress_calls++;
    for (int i = 0; i < 100; i++) {
        toy_W(objs[0])->a += 1;
        stm_safepoint();
    }
    return 0;
}

static void test_random_abort_mode(void)
{
    setup(1);
    stress_calls = 0;
    stm_set_random_abort(10);
    stm_context_switch(A);
    stm_set_inevitable_after(4);   /* the way out of endless random aborts */
    stm_run(stress_body, NULL);
    stm_set_random_abort(0);
    CU_ASSERT(stress_calls > 1);
    IN(A, stm_start_transaction();
       CU_ASSERT_EQUAL(toy_R(objs[0])->a, 100 + 100);   /* one run counted */
       stm_commit_transaction());
    CU_ASSERT_EQUAL(_stm_shared.attention, 0);
    teardown();
}

static void test_stats_add_up(void)
{
    setup(1);
    for (volatile int i = 0; i < 50; i++) {
        IN(A, stm_start_transaction(); toy_W(objs[0])->a = i;
           if (i % 5 == 0) stm_abort_transaction();
           stm_commit_transaction());
    }
    IN(A, stm_start_transaction());    /* one attempt still running */
    stm_stats_t s;
    stm_get_stats(A, &s);
    double sum = 0;
    for (int i = 0; i < STM_STAT_N; i++)
        sum += s.seconds[i];
    CU_ASSERT_DOUBLE_EQUAL(sum, s.elapsed, 1e-9 * s.elapsed + 1e-12);
    CU_ASSERT_EQUAL(s.count[STM_STAT_RUN_COMMITTED], 1 + 40);
    CU_ASSERT_EQUAL(s.count[STM_STAT_RUN_ABORTED_OTHER], 10);
    CU_ASSERT_EQUAL(s.count[STM_STAT_RUN_CURRENT], 1);
    char buf[2048];
    size_t n = stm_format_stats(&s, buf, sizeof buf);
    CU_ASSERT(n > 0 && n < sizeof buf);
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "run aborted write write"));
    teardown();
}

static void test_log_written(void)
{
    setup(1);
    IN(B, stm_start_transaction(); (void)toy_R(objs[0]));
    IN(A, stm_start_transaction(); stm_set_location((void *)0x1234, 5);
       toy_W(objs[0])->a = 1; stm_commit_transaction());
    IN(B, CU_FAIL("B not doomed"));
    teardown();
    stm_shutdown();
    FILE *f = fopen(log_path, "rb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    char hdr[16];
    CU_ASSERT_EQUAL(fread(hdr, 1, 16, f), 16);
    CU_ASSERT_NSTRING_EQUAL(hdr, "STMGC-C7-PROF01\n", 16);
    int seen_wr = 0, seen_commit = 0, seen_abort = 0;
    unsigned char rec[19];
    while (fread(rec, 1, 19, f) == 19) {
        if (rec[16] == 4) seen_wr++;
        if (rec[16] == 1) seen_commit++;
        if (rec[16] == 2) seen_abort++;
        if (rec[17] + rec[18] > 0)
            fseek(f, rec[17] + rec[18], SEEK_CUR);
    }
    fclose(f);
    CU_ASSERT(seen_wr >= 1);
    CU_ASSERT(seen_commit >= 2);
    CU_ASSERT(seen_abort >= 1);
}

/* The conflict rules once more under commit version 1 (park every other
   slot); the rest of the file runs the default, version 2. */
static void test_rules_under_commit_v1(void)
{
    CU_ASSERT_EQUAL_FATAL(stm_set_commit_version(1), 0);
    test_write_write();
    test_write_read();
    test_read_in_earlier_transaction_is_no_conflict();
    test_inevitable_reader_wins();
    test_inevitable_writer_wins();
    test_abort_restores_everything();
    test_deferred_commit_order();
    test_gc_with_parked_transactions();
    CU_ASSERT_EQUAL(stm_commit_version(), 1);
    CU_ASSERT_EQUAL(stm_set_commit_version(2), 0);
}

#if STM_VERIFY
static size_t vfails;
static void vhandler(const void *obj)
{
    (void)obj;
    vfails++;
}

static void test_verify_catches_missing_barrier(void)
{
    setup(2);
    vfails = 0;
    stm_verify_set_handler(vhandler);
    /* A write through a read view: the bug STM_VERIFY exists to catch. */
    IN(A, stm_start_transaction();
       toy_fields_t *f = (toy_fields_t *)(void *)toy_R(objs[0]);
       f->a = 5;
       (void)toy_R(objs[1]);
       stm_commit_transaction());
    CU_ASSERT_EQUAL(vfails, 1);
    /* Read then written properly: no report. */
    IN(A, stm_start_transaction(); (void)toy_R(objs[1]);
       toy_W(objs[1])->a = 6; stm_commit_transaction());
    CU_ASSERT_EQUAL(vfails, 1);
    CU_ASSERT_EQUAL(stm_verify_failures(), 1);
    stm_verify_set_handler(NULL);
    teardown();
}
#endif

/* Finding 1: a stm_run nested in another's FN, between two of its
   transactions, must give the enclosing run its abort target back. */
static int nest_outer_calls, nest_inner_calls;

static int nest_inner(void *arg)
{
    (void)arg;
    nest_inner_calls++;
    toy_W(objs[0])->b += 1;
    return 0;
}

static int nest_outer(void *arg)
{
    (void)arg;
    if (++nest_outer_calls > 3)
        return -1;                   /* a lost target: stop the loop */
    stm_commit_transaction();
    stm_run(nest_inner, NULL);       /* e.g. finalizers in their own tx */
    stm_start_transaction();
    toy_W(objs[0])->a += 1;
    if (nest_outer_calls == 1)
        stm_abort_transaction();     /* lands in the outer trampoline */
    return 7;
}

static void test_nested_run_restores_target(void)
{
    setup(1);
    nest_outer_calls = nest_inner_calls = 0;
    stm_context_switch(A);
    CU_ASSERT_EQUAL(stm_run(nest_outer, NULL), 7);
    CU_ASSERT_EQUAL(nest_outer_calls, 2);
    CU_ASSERT_EQUAL(nest_inner_calls, 2);
    IN(A, stm_start_transaction();
       CU_ASSERT_EQUAL(toy_R(objs[0])->a, 101);   /* +1 aborted, +1 kept */
       CU_ASSERT_EQUAL(toy_R(objs[0])->b, 2);
       stm_commit_transaction());
    CU_ASSERT_EQUAL(aborted, 0);
    teardown();
}

/* Finding 5: giving up the slot (or the context) inside a transaction
   would leave its copies installed with a stale owner: a clear fatal
   error, in every build.  Each misuse runs in a forked child. */
static void misuse_blocking(void)
{
    stm_start_transaction();
    (void)toy_W(objs[0]);
    stm_blocking_begin();
}

static void misuse_destroy(void)
{
    stm_start_transaction();
    (void)toy_W(objs[0]);
    stm_context_t *c = stm_current();
    stm_context_switch(NULL);
    stm_context_destroy(c);
}

static void misuse_detach(void)
{
    stm_start_transaction();
    (void)toy_W(objs[0]);
    stm_thread_detach();
}

static void expect_fatal(void (*misuse)(void))
{
    fflush(NULL);
    pid_t pid = fork();
    CU_ASSERT_FATAL(pid >= 0);
    if (pid == 0) {
        /* The message goes to stderr: keep the test output clean. */
        if (!freopen("/dev/null", "w", stderr))
            _exit(3);
        if (setjmp(*stm_abort_target(A)) != 0)
            _exit(2);
        stm_context_switch(A);
        misuse();
        _exit(0);                    /* not caught: the test fails */
    }
    int status = 0;
    CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
    CU_ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
}

static void test_misuse_inside_transaction_is_fatal(void)
{
    setup(1);
    expect_fatal(misuse_blocking);
    expect_fatal(misuse_destroy);
    expect_fatal(misuse_detach);
    teardown();
}

/* Finding 7: a location's code (a code object) is kept by the last and
   longest abort after its transaction ended: it must stay alive.  The
   address is kept xor-ed here so that no conservative scan sees it. */
#define HIDE ((uintptr_t)0x5a5a5a5a5a5a5a5aull)
static uintptr_t hidden_code;

static __attribute__((noinline)) void abort_with_code_location(void)
{
    IN(B, stm_start_transaction();
       toy_t *code = toy_new();
       toy_W(code)->a = 12345;
       hidden_code = (uintptr_t)code ^ HIDE;
       stm_set_location(code, 7);
       code = NULL;
       stm_abort_transaction());
    IN(B, stm_set_location(NULL, 0));     /* only the saved aborts keep it */
}

static __attribute__((noinline)) void scrub_stack(void)
{
    volatile char buf[16384];
    for (size_t i = 0; i < sizeof buf; i++)
        buf[i] = 0;
}

static void test_saved_locations_are_roots(void)
{
    setup(1);
    abort_with_code_location();
    scrub_stack();
    IN(C, stm_start_transaction();
       for (int j = 0; j < 3; j++) stm_collect();
       for (int j = 0; j < 20000; j++) (void)toy_new();
       stm_commit_transaction());
    void *code = (void *)(hidden_code ^ HIDE);
    CU_ASSERT_PTR_EQUAL(gc_object_start(code), code);
    stm_location_t self = {0};
    IN(B, CU_ASSERT_EQUAL(stm_take_longest_abort(0, NULL, &self, NULL),
                          STM_ABORT_OTHER));
    CU_ASSERT_PTR_EQUAL(self.code, code);
    CU_ASSERT_EQUAL(self.offset, 7);
    IN(C, stm_start_transaction();
       CU_ASSERT_EQUAL(toy_R((toy_t *)code)->a, 12345);
       stm_commit_transaction());
    teardown();
}

/* Finding 9: time is charged to the right state, not only in total.  An
   aborted attempt that runs 30 ms puts them in "run aborted other", not in
   "run committed". */
static double mono(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void test_stats_buckets(void)
{
    setup(1);
    stm_stats_t before, after;
    stm_get_stats(A, &before);
    IN(A, stm_start_transaction(); toy_W(objs[0])->a = 1;
       double t0 = mono(); while (mono() - t0 < 0.03) stm_safepoint();
       stm_abort_transaction());
    IN(A, stm_start_transaction(); toy_W(objs[0])->a = 2;
       stm_commit_transaction());
    stm_get_stats(A, &after);
    double ab = after.seconds[STM_STAT_RUN_ABORTED_OTHER] -
                before.seconds[STM_STAT_RUN_ABORTED_OTHER];
    double co = after.seconds[STM_STAT_RUN_COMMITTED] -
                before.seconds[STM_STAT_RUN_COMMITTED];
    CU_ASSERT(ab >= 0.029);
    CU_ASSERT(ab < 1.0);
    CU_ASSERT(co < 0.01);
    CU_ASSERT_EQUAL(after.count[STM_STAT_RUN_ABORTED_OTHER],
                    before.count[STM_STAT_RUN_ABORTED_OTHER] + 1);
    CU_ASSERT_EQUAL(after.count[STM_STAT_RUN_COMMITTED],
                    before.count[STM_STAT_RUN_COMMITTED] + 1);
    double lost = 0;
    IN(A, CU_ASSERT_EQUAL(stm_last_abort(&lost, NULL, NULL),
                          STM_ABORT_OTHER));
    CU_ASSERT(lost >= 0.029);
    teardown();
}

static CU_TestInfo tests[] = {
#if STM_VERIFY
    {"verify catches a missing W", test_verify_catches_missing_barrier},
#endif
    {"read-only commit", test_readonly_commit},
    {"young objects need no copy", test_young_no_copy},
    {"aborted attempt's objects are old", test_young_after_abort_is_old},
    {"write-write: requester loses", test_write_write},
    {"write-read: committer wins, reader doomed", test_write_read},
    {"earlier read is no conflict", test_read_in_earlier_transaction_is_no_conflict},
    {"read marker wrap-around", test_read_marker_wraparound},
    {"inevitable reader wins", test_inevitable_reader_wins},
    {"inevitable writer wins", test_inevitable_writer_wins},
    {"become inevitable restarts inevitable", test_become_inevitable_restarts_inevitable},
    {"K aborts in a row -> inevitable", test_k_aborts_then_inevitable},
    {"atomic never breaks", test_atomic_never_breaks},
    {"abort restores everything", test_abort_restores_everything},
    {"deferred actions in commit order", test_deferred_commit_order},
    {"undo log", test_undo_log},
    {"trampoline retries", test_trampoline_retries},
    {"random-abort stress mode", test_random_abort_mode},
    {"gc with parked transactions", test_gc_with_parked_transactions},
    {"statistics add up", test_stats_add_up},
    {"statistics: the right bucket", test_stats_buckets},
    {"nested stm_run restores the abort target", test_nested_run_restores_target},
    {"misuse inside a transaction is fatal", test_misuse_inside_transaction_is_fatal},
    {"saved locations are gc roots", test_saved_locations_are_roots},
    {"the rules under commit version 1", test_rules_under_commit_v1},
    {"PYPYSTM log", test_log_written},
    CU_TEST_INFO_NULL,
};

UNIT_MAIN("stm_rules", tests, suite_init, suite_cleanup)
