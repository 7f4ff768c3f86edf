/* test_stm_threads.c -- a short real-thread check of stm/ (the long stress
 * programs live in tests/stm/): more threads than slots move money between
 * accounts through stm_run; an auditor transaction sums all accounts and
 * must always see the same total (opacity); the final total and the number
 * of transfers must be exact (no lost update). */
#include "tests/unit/unit.h"
#include "tests/unit/test_stm_toy.h"
/* White-box: the log switch and the slot waiters' queue. */
#include "stm/stm_internal.h"

#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Flags between test threads: atomic accesses (a plain volatile access
   racing with another thread's is a data race, which ThreadSanitizer
   reports and C11 leaves undefined). */
#define FLAG_GET(x) __atomic_load_n(&(x), __ATOMIC_ACQUIRE)
#define FLAG_SET(x, v) __atomic_store_n(&(x), (v), __ATOMIC_RELEASE)

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
static volatile int auditors_ready;  /* auditors that have audited once */
static volatile int stats_off;    /* threads whose seconds did not add up */

typedef struct mixer {
    int id;
    struct {
        int done;
        uint64_t rng;
    } priv;
    int audits, bad_audits;
    int overlapped;      /* audits that ran while writers were running */
    int outlived;        /* the auditor stopped after every writer */
    double deadline;     /* auditors give up then (bounded test time) */
    int signalled;       /* counted in auditors_ready */
} mixer_t;

static double mono(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

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
    /* Until every writer is done (and at least 200 audits), so that
       readers and writers really overlap; bounded by the deadline set
       before stm_run (not here: a retry would move it). */
    while ((__atomic_load_n(&writers_left, __ATOMIC_ACQUIRE) > 0 ||
            w->audits < 200) && mono() < w->deadline) {
        int writing = __atomic_load_n(&writers_left, __ATOMIC_ACQUIRE) > 0;
        int64_t sum = 0;
        for (int i = 0; i < NACC; i++) {
            sum += toy_R(accounts[i])->a;
            stm_safepoint();
        }
        w->audits++;
        w->overlapped += writing;
        if (!w->signalled) {
            /* The writers start only now: the auditors cannot all be
               late (a loaded machine) and miss the writes. */
            w->signalled = 1;
            __atomic_add_fetch(&auditors_ready, 1, __ATOMIC_RELEASE);
        }
        if (sum != (int64_t)NACC * START)
            w->bad_audits++;
        if (w->audits % 64 == 0) {
            /* Give the slot up now and then: with fewer slots than
               threads (PYPYSTM_SEGMENTS) the writers must get one. */
            stm_commit_transaction();
            if (stm_blocking_begin() == 0)
                stm_blocking_end();
            stm_start_transaction();
        } else {
            stm_transaction_break();
        }
    }
    w->outlived = __atomic_load_n(&writers_left, __ATOMIC_ACQUIRE) == 0;
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
    if (w->id < MIX_WRITERS && stm_slot_count() >= MIX_AUDITORS) {
        /* Not attached yet: holds no slot an auditor may wait for (the
           main thread has given its own up; with fewer slots than
           auditors the gate would deadlock). */
        while (__atomic_load_n(&auditors_ready, __ATOMIC_ACQUIRE) <
               MIX_AUDITORS)
            usleep(100);
    }
    if (!stm_thread_attach())
        return (void *)1;
    stm_register_private(&w->priv, sizeof w->priv);
    if (w->id < MIX_WRITERS) {
        stm_run(mix_write, w);
        __atomic_sub_fetch(&writers_left, 1, __ATOMIC_RELEASE);
    } else {
        w->deadline = mono() + 20.0;
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
    auditors_ready = 0;
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
    int audits = 0, overlapped = 0;
    for (int i = MIX_WRITERS; i < MIX_WRITERS + MIX_AUDITORS; i++) {
        CU_ASSERT_EQUAL(w[i].bad_audits, 0);
        audits += w[i].audits;
        overlapped += w[i].overlapped;
        CU_ASSERT_EQUAL(w[i].outlived, 1);
    }
    /* The auditors ran while the writers did (they start together and
       audit until the writers are done). */
    if (stm_slot_count() >= MIX_AUDITORS)
        CU_ASSERT(overlapped > 0);
    CU_ASSERT_EQUAL(writers_left, 0);
    stm_get_total_stats(&after);
    printf("mix: %d audits (%d during writes); commits %llu, aborts ww %llu wr %llu inev %llu;"
           " wait inevitable %llu\n", audits, overlapped,
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

/* The same programs under commit version 1 (every other slot parked);
   the rest of the file runs the default, version 2. */
static void test_bank_v1(void)
{
    CU_ASSERT_EQUAL_FATAL(stm_set_commit_version(1), 0);
    test_bank();
    CU_ASSERT_EQUAL(stm_set_commit_version(2), 0);
}

static void test_mix_v1(void)
{
    CU_ASSERT_EQUAL_FATAL(stm_set_commit_version(1), 0);
    test_readers_writers_inevitable();
    CU_ASSERT_EQUAL(stm_set_commit_version(2), 0);
}

static void test_real_thread_doomed_v1(void)
{
    CU_ASSERT_EQUAL_FATAL(stm_set_commit_version(1), 0);
    test_real_thread_doomed();
    CU_ASSERT_EQUAL(stm_set_commit_version(2), 0);
}

/* Finding 2: a version-2 commit dooms a reader whose attempt ends between
   the marker scan and the doom.  The doom must not land on the reader's
   next attempt (no spurious abort, no inevitable transaction doomed, no
   _stm_shared.attention left set).  The interleaving is forced through the
   log's location formatter, which the committer calls between its scan
   and stm_doom. */
static toy_t *dobj;                       /* gc root */
static volatile int d_read_done, d_scanning, d_reader_outside, d_commit_done;
static volatile int d_inev_mode, d_doomed_seen, d_inev_seen, d_reader_aborts;
#define D_CODE ((const void *)0x5eed)

static size_t d_fmt(const stm_location_t *loc, char *buf, size_t size)
{
    if (loc->code == D_CODE && !FLAG_GET(d_scanning)) {  /* the committer, g.lock held */
        FLAG_SET(d_scanning, 1);
        while (!FLAG_GET(d_reader_outside))
            sched_yield();
    }
    return (size_t)snprintf(buf, size, "w");
}

static void *d_reader(void *arg)
{
    (void)arg;
    if (!stm_thread_attach())
        return (void *)1;
    if (setjmp(*stm_abort_target(NULL)) != 0) {
        d_reader_aborts++;
    } else {
        stm_start_transaction();
        (void)toy_R(dobj)->a;
        __atomic_store_n(&d_read_done, 1, __ATOMIC_RELEASE);
        while (!FLAG_GET(d_scanning))
            stm_safepoint();         /* in the transaction during the scan */
        stm_commit_transaction();    /* read-only: no lock */
        if (d_inev_mode)
            stm_start_inevitable_transaction();   /* token free: at once */
        FLAG_SET(d_reader_outside, 1);        /* now the committer dooms */
        while (!FLAG_GET(d_commit_done))
            stm_safepoint();
        d_doomed_seen = stm_context_doomed(stm_current());
        d_inev_seen = stm_is_inevitable();
        if (!d_inev_mode)
            stm_start_transaction();
        (void)toy_R(dobj)->a;
        stm_safepoint();
        stm_commit_transaction();
    }
    stm_thread_detach();
    return NULL;
}

static int d_setup(void *arg)
{
    (void)arg;
    dobj = toy_new();
    return 0;
}

static int d_writer(void *arg)
{
    (void)arg;
    stm_set_location(D_CODE, 1);
    toy_W(dobj)->a++;
    stm_set_location(NULL, 0);
    return 0;
}

static void run_late_doom(int inev_mode)
{
    if (stm_slot_count() < 2)
        return;
    CU_ASSERT_EQUAL_FATAL(stm_commit_version(), 2);
    char path[64];
    snprintf(path, sizeof path, "/tmp/stm-threads-%d.log", (int)getpid());
    stm_set_random_abort(0);
    stm_log_open(path);
    stm_set_location_formatter(d_fmt);
    int pending_before = _stm_shared.attention;
    stm_run(d_setup, NULL);
    d_read_done = d_scanning = d_reader_outside = d_commit_done = 0;
    d_doomed_seen = d_inev_seen = d_reader_aborts = 0;
    d_inev_mode = inev_mode;
    pthread_t th;
    pthread_create(&th, NULL, d_reader, NULL);
    while (!__atomic_load_n(&d_read_done, __ATOMIC_ACQUIRE))
        stm_safepoint();
    stm_run(d_writer, NULL);
    FLAG_SET(d_commit_done, 1);
    stm_blocking_begin();
    pthread_join(th, NULL);
    stm_blocking_end();
    stm_set_location_formatter(NULL);
    stm_log_close();
    unlink(path);
    CU_ASSERT_EQUAL(d_scanning, 1);          /* the schedule happened */
    CU_ASSERT_EQUAL(d_doomed_seen, 0);
    CU_ASSERT_EQUAL(d_reader_aborts, 0);
    CU_ASSERT_EQUAL(d_inev_seen, inev_mode);
    CU_ASSERT_EQUAL(_stm_shared.attention, pending_before);
}

static void test_late_doom_is_stale(void)
{
    run_late_doom(0);
}

static void test_late_doom_spares_inevitable(void)
{
    run_late_doom(1);
}

/* Finding 3: the token holder may commit, detach and be freed while
   another thread looks at it to wait for the token (asan catches a read
   of the freed context). */
#define TOK_ROUNDS 300
static volatile int tok_errors;

static void *tok_holder(void *arg)
{
    (void)arg;
    for (int i = 0; i < TOK_ROUNDS; i++) {
        if (!stm_thread_attach())
            return (void *)1;
        stm_start_inevitable_transaction();
        if (!stm_is_inevitable())
            __atomic_add_fetch(&tok_errors, 1, __ATOMIC_SEQ_CST);
        stm_commit_transaction();
        stm_thread_detach();
    }
    return NULL;
}

static void *tok_waiter(void *arg)
{
    (void)arg;
    if (!stm_thread_attach())
        return (void *)1;
    for (int i = 0; i < TOK_ROUNDS; i++) {
        stm_start_inevitable_transaction();
        if (!stm_is_inevitable())
            __atomic_add_fetch(&tok_errors, 1, __ATOMIC_SEQ_CST);
        stm_commit_transaction();
    }
    stm_thread_detach();
    return NULL;
}

static void test_token_holder_detaches(void)
{
    if (stm_slot_count() < 3)
        return;
    tok_errors = 0;
    pthread_t h[2], w;
    stm_blocking_begin();
    pthread_create(&h[0], NULL, tok_holder, NULL);
    pthread_create(&h[1], NULL, tok_holder, NULL);
    pthread_create(&w, NULL, tok_waiter, NULL);
    pthread_join(h[0], NULL);
    pthread_join(h[1], NULL);
    pthread_join(w, NULL);
    stm_blocking_end();
    CU_ASSERT_EQUAL(tok_errors, 0);
}

/* Finding 5: a thread that exits attached, even inside a transaction with
   a private copy installed, gives its slot back and drops the copy. */
static toy_t *eobj;                      /* gc root */

static int e_setup(void *arg)
{
    (void)arg;
    eobj = toy_new();
    toy_W(eobj)->a = 5;
    return 0;
}

static void *e_exiter(void *arg)
{
    (void)arg;
    if (!stm_thread_attach())
        return (void *)1;
    if (setjmp(*stm_abort_target(NULL)) != 0)
        return (void *)2;
    stm_start_transaction();
    toy_W(eobj)->a = 99;                 /* a copy, then exit */
    return NULL;
}

static int e_check(void *arg)
{
    (void)arg;
    CU_ASSERT_EQUAL(toy_R(eobj)->a, 5);
    toy_W(eobj)->a = 6;                  /* no write-write conflict */
    return 0;
}

/* Takes every free slot with logical contexts (on this thread, outside
   transactions); returns how many. */
static int fill_slots(stm_context_t **ctxs)
{
    int n = 0;
    while ((ctxs[n] = stm_context_create()) != NULL)
        n++;
    return n;
}

static void free_slots(stm_context_t **ctxs, int n)
{
    for (int i = 0; i < n; i++)
        stm_context_destroy(ctxs[i]);
}

static void test_thread_exit_detaches(void)
{
    stm_run(e_setup, NULL);
    stm_context_t *ctxs[STM_MAX_SLOTS + 1];
    int free_before = fill_slots(ctxs);
    free_slots(ctxs, free_before);
    pthread_t th;
    void *ret = NULL;
    stm_blocking_begin();
    pthread_create(&th, NULL, e_exiter, NULL);
    pthread_join(th, &ret);
    stm_blocking_end();
    CU_ASSERT_PTR_NULL(ret);
    int free_after = fill_slots(ctxs);
    free_slots(ctxs, free_after);
    CU_ASSERT_EQUAL(free_after, free_before);
    if (free_after != free_before)
        return;          /* the copy is still installed: e_check would
                            abort until it became inevitable */
    stm_stats_t before, after;
    stm_get_stats(NULL, &before);
    stm_run(e_check, NULL);
    stm_get_stats(NULL, &after);
    CU_ASSERT_EQUAL(after.count[STM_STAT_RUN_ABORTED_WW],
                    before.count[STM_STAT_RUN_ABORTED_WW]);
    CU_ASSERT_EQUAL(after.count[STM_STAT_RUN_COMMITTED],
                    before.count[STM_STAT_RUN_COMMITTED] + 1);
}

/* True while some context waits for a slot (white-box). */
static bool slot_waiters(void)
{
    pthread_mutex_lock(&stm_g.lock);
    bool w = stm_g.slot_wait_head != NULL;
    pthread_mutex_unlock(&stm_g.lock);
    return w;
}

/* Finding 9: a thread that waits 50 ms for a slot has those seconds in
   "wait free segment". */
static volatile double wait_seconds;
static volatile uint64_t wait_count;

static void *slot_waiter(void *arg)
{
    (void)arg;
    if (!stm_thread_attach())
        return (void *)1;
    stm_stats_t st;
    stm_get_stats(NULL, &st);
    wait_seconds = st.seconds[STM_STAT_WAIT_FREE_SEGMENT];
    wait_count = st.count[STM_STAT_WAIT_FREE_SEGMENT];
    stm_thread_detach();
    return NULL;
}

static void test_stats_wait_free_segment(void)
{
    stm_context_t *ctxs[STM_MAX_SLOTS + 1];
    int n = fill_slots(ctxs);
    if (n < 1)
        return;                     /* PYPYSTM_SEGMENTS=1 */
    wait_seconds = 0;
    wait_count = 0;
    pthread_t th;
    pthread_create(&th, NULL, slot_waiter, NULL);
    gc_enter_blocking();            /* keeps this thread's slot */
    while (!slot_waiters())         /* it is waiting: now 50 ms more */
        usleep(100);
    usleep(50000);
    gc_leave_blocking();
    stm_context_destroy(ctxs[--n]); /* its slot goes to the waiter */
    gc_enter_blocking();
    pthread_join(th, NULL);
    gc_leave_blocking();
    free_slots(ctxs, n);
    CU_ASSERT_EQUAL(wait_count, 1);
    CU_ASSERT(wait_seconds >= 0.045);
    CU_ASSERT(wait_seconds < 10.0);
}

/* Finding 11: a released slot goes to the oldest waiter, at once: the
   releasing thread cannot take it back before the waiter has run (a thread
   looping on stm_blocking_begin/end would otherwise starve the waiter).
   Checked synchronously: right after a release, with waiters queued, the
   releaser's immediate request finds no free slot.  (Without the hand-off
   the outcome depends on the scheduler: the woken waiter often wins.) */
#define F_WAITERS 3
static volatile int f_attached, f_go;

static void *f_waiter(void *arg)
{
    (void)arg;
    if (!stm_thread_attach())
        return (void *)1;
    __atomic_add_fetch(&f_attached, 1, __ATOMIC_SEQ_CST);
    while (!FLAG_GET(f_go))
        stm_safepoint();
    stm_thread_detach();
    return NULL;
}

static int slot_waiter_count(void)
{
    int k = 0;
    pthread_mutex_lock(&stm_g.lock);
    for (stm_context_t *c = stm_g.slot_wait_head; c; c = c->wait_next)
        k++;
    pthread_mutex_unlock(&stm_g.lock);
    return k;
}

static void test_slot_handoff_fifo(void)
{
    stm_context_t *ctxs[STM_MAX_SLOTS + 1];
    int n = fill_slots(ctxs);
    int k = n < F_WAITERS ? n : F_WAITERS;
    if (k < 1)
        return;                     /* PYPYSTM_SEGMENTS=1 */
    f_attached = f_go = 0;
    pthread_t w[F_WAITERS];
    for (int i = 0; i < k; i++)
        pthread_create(&w[i], NULL, f_waiter, NULL);
    gc_enter_blocking();
    while (slot_waiter_count() < k)
        usleep(100);
    gc_leave_blocking();
    int retaken = 0;
    for (int i = 0; i < k; i++) {
        /* Give a slot up and ask again at once, as a thread looping on
           stm_blocking_begin/end does (white-box, without the blocking
           section in between): the slot must already be a waiter's. */
        stm_context_t *c = ctxs[--n];
        stm_release_slot(c);
        retaken += stm_acquire_slot(c, false);
        stm_context_destroy(c);         /* gives back what it holds */
    }
    CU_ASSERT_EQUAL(retaken, 0);
    gc_enter_blocking();
    while (FLAG_GET(f_attached) < k)
        usleep(100);
    FLAG_SET(f_go, 1);
    for (int i = 0; i < k; i++)
        pthread_join(w[i], NULL);
    gc_leave_blocking();
    free_slots(ctxs, n);
    CU_ASSERT_EQUAL(f_attached, k);
}

/* Finding 6 (the contract of stm_defer): a deferred action runs in a gc
   blocking section, so it may block -- here until another thread, inside
   a transaction, has run a collection (a stop-the-world, as a version-1
   commit is) -- without holding anybody up.  (It must not wait for a
   later writing commit to *return*: that one runs its own deferred
   actions after ours, in commit order.) */
static toy_t *xobj;                      /* gc root */
static volatile int x_go, x_done, x_timeout;

static int x_body(void *arg)
{
    (void)arg;
    stm_collect();
    (void)toy_R(xobj)->a;
    FLAG_SET(x_done, 1);
    return 0;
}

static void *x_other(void *arg)
{
    (void)arg;
    if (!stm_thread_attach())
        return (void *)1;
    while (!FLAG_GET(x_go))
        stm_safepoint();
    stm_run(x_body, NULL);
    FLAG_SET(x_done, 1);
    stm_thread_detach();
    return NULL;
}

static void x_action(void *arg)
{
    (void)arg;
    FLAG_SET(x_go, 1);
    double t0 = mono();
    while (!FLAG_GET(x_done)) {
        if (mono() - t0 > 10.0) {
            x_timeout = 1;
            return;
        }
        usleep(100);
    }
}

static int x_setup(void *arg)
{
    (void)arg;
    xobj = toy_new();
    return 0;
}

static int x_defer(void *arg)
{
    (void)arg;
    toy_W(xobj)->a += 1;
    stm_defer(x_action, NULL);
    return 0;
}

static int x_check(void *arg)
{
    (void)arg;
    CU_ASSERT_EQUAL(toy_R(xobj)->a, 1);
    return 0;
}

static void test_deferred_action_may_block(void)
{
    if (stm_slot_count() < 2)
        return;
    stm_run(x_setup, NULL);
    x_go = x_done = x_timeout = 0;
    pthread_t th;
    pthread_create(&th, NULL, x_other, NULL);
    stm_run(x_defer, NULL);          /* the action waits for x_other */
    stm_blocking_begin();
    pthread_join(th, NULL);
    stm_blocking_end();
    CU_ASSERT_EQUAL(x_timeout, 0);
    CU_ASSERT_EQUAL(x_done, 1);
    stm_run(x_check, NULL);
}

/* Starting a transaction is a safe point: a thread that only runs short
   transactions (no stm_safepoint() of its own inside them) must not hold
   up another thread's writing commits, which stop the world.  The spinner
   stops after the writer is done or after 20 s, which counts as failure. */
static toy_t *yobj;                      /* gc root */
static volatile int y_writer_done, y_spinner_ready, y_timeout;

static int y_empty(void *arg)
{
    (void)arg;
    return 0;
}

static void *y_spinner(void *arg)
{
    (void)arg;
    if (!stm_thread_attach())
        return (void *)1;
    double t0 = mono();
    FLAG_SET(y_spinner_ready, 1);
    while (!FLAG_GET(y_writer_done)) {
        stm_run(y_empty, NULL);          /* start + read-only commit only */
        if (mono() - t0 > 20.0) {
            FLAG_SET(y_timeout, 1);
            break;
        }
    }
    stm_thread_detach();
    return NULL;
}

static int y_setup(void *arg)
{
    (void)arg;
    yobj = toy_new();
    return 0;
}

static int y_write(void *arg)
{
    (void)arg;
    toy_W(yobj)->a += 1;
    return 0;
}

static int y_check(void *arg)
{
    (void)arg;
    CU_ASSERT_EQUAL(toy_R(yobj)->a, 200);
    return 0;
}

static void test_start_is_safe_point(void)
{
    if (stm_slot_count() < 2)
        return;
    stm_run(y_setup, NULL);
    y_writer_done = y_spinner_ready = y_timeout = 0;
    pthread_t th;
    pthread_create(&th, NULL, y_spinner, NULL);
    while (!FLAG_GET(y_spinner_ready))
        stm_safepoint();
    for (int i = 0; i < 200 && !FLAG_GET(y_timeout); i++)
        stm_run(y_write, NULL);
    FLAG_SET(y_writer_done, 1);
    stm_blocking_begin();
    pthread_join(th, NULL);
    stm_blocking_end();
    CU_ASSERT_EQUAL(y_timeout, 0);
    stm_run(y_check, NULL);
}

static int suite_init(void)
{
    if (gc_init() != 0 || stm_init() != 0)
        return -1;
    gc_add_root_range(accounts, accounts + NACC);
    gc_add_root((void **)&counter);
    gc_add_root((void **)&seq);
    gc_add_root((void **)&dobj);
    gc_add_root((void **)&eobj);
    gc_add_root((void **)&xobj);
    gc_add_root((void **)&yobj);
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
    {"bank transfers, commit version 1", test_bank_v1},
    {"readers, writers, inevitable, commit version 1", test_mix_v1},
    {"real thread doomed at its safe point", test_real_thread_doomed},
    {"real thread doomed, commit version 1", test_real_thread_doomed_v1},
    {"v2: a late doom is stale", test_late_doom_is_stale},
    {"v2: a late doom spares an inevitable attempt", test_late_doom_spares_inevitable},
    {"token holder detaches while others wait", test_token_holder_detaches},
    {"a thread exiting attached detaches", test_thread_exit_detaches},
    {"statistics: wait free segment", test_stats_wait_free_segment},
    {"slot hand-off is FIFO", test_slot_handoff_fifo},
    {"a deferred action may block", test_deferred_action_may_block},
    {"starting a transaction is a safe point", test_start_is_safe_point},
    CU_TEST_INFO_NULL,
};

UNIT_MAIN("stm_threads", tests, suite_init, suite_cleanup)
