/* test_stm_threads.c -- a short real-thread check of stm/ (the long stress
 * programs live in tests/stm/): more threads than slots move money between
 * accounts through stm_run; an auditor transaction sums all accounts and
 * must always see the same total (opacity); the final total and the number
 * of transfers must be exact (no lost update). */
#include "tests/unit/unit.h"
#include "tests/unit/test_stm_toy.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define NACC 16
#define NTHREADS 6
#define TRANSFERS 20000
#define START 1000

static toy_t *accounts[NACC];        /* gc root range */
static toy_t *counter;               /* counter->a: transfers committed */

typedef struct worker {
    int id;
    /* thread-private state, registered: restored when an attempt aborts */
    struct {
        int done;
        uint64_t rng;
    } priv;
    int bad_audits;
    int audits;
    int tx_len;
} worker_t;

static uint64_t next_rnd(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static int work(void *arg)
{
    worker_t *w = arg;
    int in_this_tx = 0;
    while (w->priv.done < TRANSFERS) {
        uint64_t r = next_rnd(&w->priv.rng);
        int from = (int)(r % NACC), to = (int)((r >> 8) % NACC);
        if (w->id == 0 && r % 16 == 0) {
            /* audit: read everything in this transaction */
            int64_t sum = 0;
            for (int i = 0; i < NACC; i++) {
                sum += toy_R(accounts[i])->a;
                stm_safepoint();
            }
            w->audits++;
            if (sum != (int64_t)NACC * START)
                w->bad_audits++;
        }
        int64_t amount = (int64_t)(r >> 20) % 50;
        if (from != to) {
            toy_W(accounts[from])->a -= amount;
            toy_W(accounts[to])->a += amount;
        }
        toy_W(counter)->a += 1;
        w->priv.done++;
        stm_safepoint();
        if (++in_this_tx >= w->tx_len) {
            in_this_tx = 0;
            stm_transaction_break();
        }
    }
    return 0;
}

static void *thread_main(void *arg)
{
    worker_t *w = arg;
    stm_context_t *ctx = stm_thread_attach();
    if (!ctx)
        return (void *)1;
    stm_register_private(&w->priv, sizeof w->priv);
    stm_run(work, w);
    stm_unregister_private(&w->priv);
    stm_thread_detach();
    return NULL;
}

static int setup_body(void *arg)
{
    (void)arg;
    for (int i = 0; i < NACC; i++) {
        accounts[i] = toy_new();
        toy_W(accounts[i])->a = START;
    }
    counter = toy_new();
    return 0;
}

static int64_t final_total, final_count;
static int check_body(void *arg)
{
    (void)arg;
    final_total = 0;
    for (int i = 0; i < NACC; i++)
        final_total += toy_R(accounts[i])->a;
    final_count = toy_R(counter)->a;
    return 0;
}

static void test_bank(void)
{
    stm_run(setup_body, NULL);
    worker_t w[NTHREADS];
    pthread_t th[NTHREADS];
    memset(w, 0, sizeof w);
    for (int i = 0; i < NTHREADS; i++) {
        w[i].id = i;
        w[i].priv.rng = 0x1234567u + (uint64_t)i * 7919u;
        w[i].tx_len = 1 + i % 4;
    }
    /* The main thread keeps its slot: the others share the rest, and some
       of them wait for a free one. */
    stm_blocking_begin();
    for (int i = 0; i < NTHREADS; i++)
        pthread_create(&th[i], NULL, thread_main, &w[i]);
    for (int i = 0; i < NTHREADS; i++)
        pthread_join(th[i], NULL);
    stm_blocking_end();
    stm_run(check_body, NULL);
    CU_ASSERT_EQUAL(final_total, (int64_t)NACC * START);
    CU_ASSERT_EQUAL(final_count, (int64_t)NTHREADS * TRANSFERS);
    CU_ASSERT_EQUAL(w[0].bad_audits, 0);
    stm_stats_t st;
    stm_get_total_stats(&st);
    printf("bank: %d audits; commits %llu (%llu writing), aborts ww %llu "
           "wr %llu inev %llu; waits free segment %llu\n", w[0].audits,
           (unsigned long long)st.count[STM_STAT_RUN_COMMITTED],
           (unsigned long long)st.commits_writing,
           (unsigned long long)st.count[STM_STAT_RUN_ABORTED_WW],
           (unsigned long long)st.count[STM_STAT_RUN_ABORTED_WR],
           (unsigned long long)st.count[STM_STAT_RUN_ABORTED_INEV],
           (unsigned long long)st.count[STM_STAT_WAIT_FREE_SEGMENT]);
}

/* Readers and writers: two auditors run read-only transactions summing
   all accounts (doomed, in real parked threads, whenever a commit changes
   what they read); three writers move money, every 64th transfer in an
   inevitable transaction (the token, waits at start, take-overs). */
#define MIX_WRITERS 3
#define MIX_AUDITORS 2
#define MIX_TRANSFERS 4000

static volatile int writers_left;
static volatile int stats_off;    /* threads whose seconds did not add up */

typedef struct mixer {
    int id;
    struct {
        int done;
        uint64_t rng;
    } priv;
    int audits, bad_audits;
} mixer_t;

/* Deferred actions must run in commit order: each writing transaction
   bumps a shared sequence object and defers an action carrying the new
   value, so the actions must see 1, 2, 3, ... */
static toy_t *seq;
static int64_t last_seen;
static volatile int order_errors;

static void seen(void *arg)
{
    int64_t n = (int64_t)(intptr_t)arg;
    if (n != last_seen + 1)
        __atomic_add_fetch(&order_errors, 1, __ATOMIC_SEQ_CST);
    last_seen = n;
}

static int mix_write(void *arg)
{
    mixer_t *w = arg;
    while (w->priv.done < MIX_TRANSFERS) {
        if (w->priv.done % 8 == 0) {
            int64_t n = ++toy_W(seq)->a;
            stm_defer(seen, (void *)(intptr_t)n);
        }
        uint64_t r = next_rnd(&w->priv.rng);
        int from = (int)(r % NACC), to = (int)((r >> 8) % NACC);
        if (w->priv.done % 64 == 0)
            stm_become_inevitable("test");
        if (from != to) {
            toy_W(accounts[from])->a -= 1;
            stm_safepoint();
            toy_W(accounts[to])->a += 1;
        }
        w->priv.done++;
        if (w->priv.done % 100 == 0) {
            /* A blocking call that returns data: commit, give up the
               slot, block, come back inevitable. */
            stm_commit_transaction();
            if (stm_blocking_begin() == 0)
                stm_blocking_end();
            stm_start_inevitable_transaction();
            if (!stm_is_inevitable())
                __atomic_add_fetch(&stats_off, 1000, __ATOMIC_SEQ_CST);
        }
        stm_transaction_break();
    }
    return 0;
}

static int mix_audit(void *arg)
{
    mixer_t *w = arg;
    /* At least 200 audits, at most 20000 (bounded test time). */
    while ((__atomic_load_n(&writers_left, __ATOMIC_ACQUIRE) > 0 ||
            w->audits < 200) && w->audits < 20000) {
        int64_t sum = 0;
        for (int i = 0; i < NACC; i++) {
            sum += toy_R(accounts[i])->a;
            stm_safepoint();
        }
        w->audits++;
        if (sum != (int64_t)NACC * START)
            w->bad_audits++;
        stm_transaction_break();
    }
    return 0;
}


/* Every second of a thread's life is in one state (DESIGN §4). */
static void check_own_stats(void)
{
    stm_stats_t st;
    stm_get_stats(NULL, &st);
    double sum = 0;
    for (int i = 0; i < STM_STAT_N; i++)
        sum += st.seconds[i];
    double diff = sum - st.elapsed;
    if (diff > 1e-9 || diff < -1e-9)
        __atomic_add_fetch(&stats_off, 1, __ATOMIC_SEQ_CST);
}

static pthread_barrier_t mix_barrier;

static void *mix_main(void *arg)
{
    mixer_t *w = arg;
    /* All start together, so that they overlap even on a loaded machine. */
    pthread_barrier_wait(&mix_barrier);
    if (!stm_thread_attach())
        return (void *)1;
    stm_register_private(&w->priv, sizeof w->priv);
    if (w->id < MIX_WRITERS) {
        stm_run(mix_write, w);
        __atomic_sub_fetch(&writers_left, 1, __ATOMIC_RELEASE);
    } else {
        stm_run(mix_audit, w);
    }
    stm_unregister_private(&w->priv);
    check_own_stats();
    stm_thread_detach();
    return NULL;
}

static int seq_setup(void *arg)
{
    (void)arg;
    seq = toy_new();
    return 0;
}

static void test_readers_writers_inevitable(void)
{
    stm_run(setup_body, NULL);
    stm_run(seq_setup, NULL);
    last_seen = 0;
    mixer_t w[MIX_WRITERS + MIX_AUDITORS];
    pthread_t th[MIX_WRITERS + MIX_AUDITORS];
    memset(w, 0, sizeof w);
    writers_left = MIX_WRITERS;
    stm_stats_t before, after;
    stm_get_total_stats(&before);
    pthread_barrier_init(&mix_barrier, NULL, MIX_WRITERS + MIX_AUDITORS);
    stm_blocking_begin();
    for (int i = 0; i < MIX_WRITERS + MIX_AUDITORS; i++) {
        w[i].id = i;
        w[i].priv.rng = 0xabcdefu + (uint64_t)i * 104729u;
        pthread_create(&th[i], NULL, mix_main, &w[i]);
    }
    for (int i = 0; i < MIX_WRITERS + MIX_AUDITORS; i++)
        pthread_join(th[i], NULL);
    stm_blocking_end();
    pthread_barrier_destroy(&mix_barrier);
    stm_run(check_body, NULL);
    CU_ASSERT_EQUAL(final_total, (int64_t)NACC * START);
    CU_ASSERT_EQUAL(stats_off, 0);
    CU_ASSERT_EQUAL(order_errors, 0);
    CU_ASSERT_EQUAL(last_seen, (int64_t)MIX_WRITERS * MIX_TRANSFERS / 8);
    int audits = 0;
    for (int i = MIX_WRITERS; i < MIX_WRITERS + MIX_AUDITORS; i++) {
        CU_ASSERT_EQUAL(w[i].bad_audits, 0);
        audits += w[i].audits;
    }
    stm_get_total_stats(&after);
    printf("mix: %d audits; commits %llu, aborts ww %llu wr %llu inev %llu;"
           " wait inevitable %llu\n", audits,
           (unsigned long long)(after.count[STM_STAT_RUN_COMMITTED] -
                                before.count[STM_STAT_RUN_COMMITTED]),
           (unsigned long long)(after.count[STM_STAT_RUN_ABORTED_WW] -
                                before.count[STM_STAT_RUN_ABORTED_WW]),
           (unsigned long long)(after.count[STM_STAT_RUN_ABORTED_WR] -
                                before.count[STM_STAT_RUN_ABORTED_WR]),
           (unsigned long long)(after.count[STM_STAT_RUN_ABORTED_INEV] -
                                before.count[STM_STAT_RUN_ABORTED_INEV]),
           (unsigned long long)(after.count[STM_STAT_WAIT_INEVITABLE] -
                                before.count[STM_STAT_WAIT_INEVITABLE]));
}

/* A deterministic write-read doom between two real threads: the reader
   spins at safe points after reading; the main thread's commit parks it,
   dooms it, and it must abort (write-read) when it resumes, then retry. */
static volatile int reader_attempts, reader_ready;
static volatile int reader_reason;

static int reader_body(void *arg)
{
    (void)arg;
    reader_attempts++;
    (void)toy_R(accounts[0])->a;
    if (reader_attempts == 1) {
        __atomic_store_n(&reader_ready, 1, __ATOMIC_RELEASE);
        for (;;)
            stm_safepoint();         /* left only by the abort */
    }
    return 0;
}

static void *reader_main(void *arg)
{
    (void)arg;
    if (!stm_thread_attach())
        return (void *)1;
    stm_run(reader_body, NULL);
    reader_reason = (int)stm_last_abort(NULL, NULL, NULL);
    stm_thread_detach();
    return NULL;
}

static int write_acc0(void *arg)
{
    (void)arg;
    toy_W(accounts[0])->a += 0;      /* a write, even if the value stays */
    return 0;
}

static void test_real_thread_doomed(void)
{
    /* Needs the reader and the main thread in transactions at once. */
    if (stm_slot_count() < 2)
        return;
    stm_set_random_abort(0);     /* a deterministic schedule: no stress */
    stm_run(setup_body, NULL);
    reader_attempts = reader_ready = reader_reason = 0;
    pthread_t th;
    pthread_create(&th, NULL, reader_main, NULL);
    while (!__atomic_load_n(&reader_ready, __ATOMIC_ACQUIRE))
        stm_safepoint();
    stm_run(write_acc0, NULL);
    stm_blocking_begin();
    pthread_join(th, NULL);
    stm_blocking_end();
    CU_ASSERT_EQUAL(reader_attempts, 2);
    CU_ASSERT_EQUAL(reader_reason, STM_ABORT_WRITE_READ);
}

/* The same two programs under commit version 2 (no global pause). */
static void test_bank_v2(void)
{
    if (stm_set_commit_version(2) != 0)
        return;
    test_bank();
    CU_ASSERT_EQUAL(stm_set_commit_version(1), 0);
}

static void test_mix_v2(void)
{
    if (stm_set_commit_version(2) != 0)
        return;
    test_readers_writers_inevitable();
    CU_ASSERT_EQUAL(stm_set_commit_version(1), 0);
}

static void test_real_thread_doomed_v2(void)
{
    if (stm_set_commit_version(2) != 0)
        return;
    test_real_thread_doomed();
    CU_ASSERT_EQUAL(stm_set_commit_version(1), 0);
}

static int suite_init(void)
{
    if (gc_init() != 0 || stm_init() != 0)
        return -1;
    gc_add_root_range(accounts, accounts + NACC);
    gc_add_root((void **)&counter);
    gc_add_root((void **)&seq);
    if (!stm_thread_attach())
        return -1;
    return 0;
}

static int suite_cleanup(void)
{
    stm_thread_detach();
    return 0;
}

static CU_TestInfo tests[] = {
    {"bank transfers, more threads than slots", test_bank},
    {"readers, writers, inevitable", test_readers_writers_inevitable},
    {"bank transfers, commit version 2", test_bank_v2},
    {"readers, writers, inevitable, commit version 2", test_mix_v2},
    {"real thread doomed at its safe point", test_real_thread_doomed},
    {"real thread doomed, commit version 2", test_real_thread_doomed_v2},
    CU_TEST_INFO_NULL,
};

UNIT_MAIN("stm_threads", tests, suite_init, suite_cleanup)
