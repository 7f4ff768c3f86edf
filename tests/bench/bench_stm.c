/* bench_stm.c -- micro-benchmark of stm/ (a benchmark, never a timed test;
 * `make bench-stm` runs it on the optimised build).
 *
 * 1. Throughput: 1 and 2 threads each run independent transactions on
 *    their own objects (no conflicts by construction), at three sizes
 *    (reads, writes of old objects) = (100, 10), (1000, 100), (10000, 100);
 *    prints transactions per second and the 2-thread speed-up (target:
 *    >= 1.8x for the two larger sizes on an otherwise idle 2-core machine).
 * 2. Barrier fast paths, in ns per call, from a single thread: R of an
 *    old object nobody owns, R of an object we own (returns the copy), W of
 *    an owned object, W of a young object, against a plain field read.
 * 3. The commit pause: average time of a writing commit with 1 thread and
 *    with 2 (the difference is mostly waiting for the other thread to park
 *    at its next safe point), and stm's own "sync pause" seconds per
 *    writing commit.
 *
 * Each throughput figure is the median, by speed-up, of -r interleaved
 * 1-thread/2-thread pairs (the machine is shared and noisy: the ratio
 * within a pair is what means something).  Both commit versions are
 * measured, the default one first, unless -c picks one.
 *
 * Options: -s SEC seconds per throughput run (default 1), -c V commit
 * version, -p N safe-point poll every N barriers (default 16: like an eval
 * loop that polls at each bytecode), -r N pairs (default 7), -o I only
 * the I-th size (0-2; for profiling).
 */
#include "stm/stm.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define NOBJ 10000
#define MAX_THREADS 2
#define MAX_REPS 15

typedef struct cell cell_t;                 /* identity, no fields */
typedef struct cell_fields {
    gc_header_t hdr;
    int64_t v;
    int64_t pad;
} cell_fields_t;

static const gc_type_t cell_type = {.name = "bench-cell"};

static double seconds = 1.0;
static int poll_every = 16;
static cell_t *cells[MAX_THREADS][NOBJ];    /* gc root range */
static cell_t *young_cells[1000];           /* gc root range */

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void die(const char *msg)
{
    fprintf(stderr, "bench_stm: %s\n", msg);
    exit(2);
}

/* ---- throughput -------------------------------------------------------- */

typedef struct run {
    int id, reads, writes;
    bool plain;                  /* the same loop without stm/ */
    volatile int *go, *stop;
    uint64_t txs;                /* committed transactions */
    double cpu_s;                /* the thread's CPU time in the run */
    double commit_s;             /* time spent in writing commits */
    stm_stats_t st;
} run_t;

static int tx_loop(void *arg)
{
    run_t *r = arg;
    cell_t **mine = cells[r->id];
    uint64_t start = 0;
    int64_t sink = 0;
    while (!__atomic_load_n(r->stop, __ATOMIC_RELAXED)) {
        int k = 0;
        for (int i = 0; i < r->reads; i++) {
            sink += ((const cell_fields_t *)stm_read(mine[(start + (uint64_t)i) % NOBJ]))->v;
            if (++k == poll_every) {
                k = 0;
                stm_safepoint();
            }
        }
        for (int i = 0; i < r->writes; i++) {
            cell_fields_t *f = stm_write(mine[(start + (uint64_t)i * 7) % NOBJ]);
            if (!f)
                die("out of memory in stm_write");
            f->v += 1 + (sink & 1);
            if (++k == poll_every) {
                k = 0;
                stm_safepoint();
            }
        }
        start += 101;
        double t0 = now();
        stm_transaction_break();        /* commit and start the next */
        r->commit_s += now() - t0;
        r->txs++;
    }
    return 0;
}

/* The same accesses as tx_loop with plain loads and stores and no
   transactions: what the machine itself gives two threads. */
static void plain_loop(run_t *r)
{
    cell_t **mine = cells[r->id];
    uint64_t start = 0;
    int64_t sink = 0;
    while (!__atomic_load_n(r->stop, __ATOMIC_RELAXED)) {
        for (int i = 0; i < r->reads; i++)
            sink += ((volatile cell_fields_t *)(void *)
                         mine[(start + (uint64_t)i) % NOBJ])->v;
        for (int i = 0; i < r->writes; i++)
            ((volatile cell_fields_t *)(void *)
                 mine[(start + (uint64_t)i * 7) % NOBJ])->v += 1 + (sink & 1);
        start += 101;
        r->txs++;
    }
}

static void *thread_main(void *arg)
{
    run_t *r = arg;
    if (r->plain) {
        while (!__atomic_load_n(r->go, __ATOMIC_ACQUIRE))
            ;
        double c0 = cpu_now();
        plain_loop(r);
        r->cpu_s = cpu_now() - c0;
        return NULL;
    }
    if (!stm_thread_attach())
        die("stm_thread_attach failed");
    while (!__atomic_load_n(r->go, __ATOMIC_ACQUIRE))
        ;
    double c0 = cpu_now();
    stm_run(tx_loop, r);
    r->cpu_s = cpu_now() - c0;
    stm_get_stats(NULL, &r->st);
    stm_thread_detach();
    return NULL;
}

typedef struct result {
    double tps, commit_us, sync_us;
    double gc_share;             /* collection pauses / run time */
    double tx_per_cpu_s;         /* transactions per second of CPU time */
} result_t;

static result_t throughput(int nthreads, int reads, int writes, bool plain)
{
    volatile int go = 0, stop = 0;
    run_t runs[MAX_THREADS];
    pthread_t th[MAX_THREADS];
    memset(runs, 0, sizeof runs);
    for (int i = 0; i < nthreads; i++) {
        runs[i] = (run_t){.id = i, .reads = reads, .writes = writes,
                          .plain = plain, .go = &go, .stop = &stop};
        if (pthread_create(&th[i], NULL, thread_main, &runs[i]) != 0)
            die("pthread_create failed");
    }
    gc_stats_t gc0, gc1;
    gc_get_stats(&gc0);
    double t0 = now();
    __atomic_store_n(&go, 1, __ATOMIC_RELEASE);
    struct timespec ts = {.tv_sec = (time_t)seconds,
                          .tv_nsec = (long)((seconds - (time_t)seconds) * 1e9)};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
    __atomic_store_n(&stop, 1, __ATOMIC_RELAXED);
    for (int i = 0; i < nthreads; i++)
        pthread_join(th[i], NULL);
    double dt = now() - t0;
    gc_get_stats(&gc1);
    result_t res = {0, 0, 0, (gc1.pause_total_s - gc0.pause_total_s) / dt, 0};
    uint64_t txs = 0, writing = 0;
    double commit_s = 0, sync_s = 0, cpu_s = 0;
    for (int i = 0; i < nthreads; i++) {
        txs += runs[i].txs;
        cpu_s += runs[i].cpu_s;
        commit_s += runs[i].commit_s;
        writing += runs[i].st.commits_writing;
        sync_s += runs[i].st.seconds[STM_STAT_SYNC_PAUSE];
    }
    res.tps = (double)txs / dt;
    res.tx_per_cpu_s = cpu_s > 0 ? (double)txs / cpu_s : 0;
    res.commit_us = txs ? commit_s / (double)txs * 1e6 : 0;
    res.sync_us = writing ? sync_s / (double)writing * 1e6 : 0;
    return res;
}

/* ---- barrier fast paths ---------------------------------------------- */

static double fast_paths_ns[5];
static const char *fast_path_names[5] = {
    "plain field read (no barrier)", "R, old object, not owned",
    "R, owned object (returns the copy)", "W, owned object (fast path)",
    "W, young object",
};

#define REPS 200

static int fast_body(void *arg)
{
    (void)arg;
    cell_t **c = cells[0];
    volatile int64_t sink = 0;
    int64_t s;
    double t;

    /* plain reads of the same objects, for the baseline */
    s = 0;
    t = now();
    for (int r = 0; r < REPS; r++)
        for (int i = 0; i < NOBJ; i++)
            s += ((const cell_fields_t *)(const void *)c[i])->v;
    sink = s;
    fast_paths_ns[0] = (now() - t) / ((double)REPS * NOBJ) * 1e9;

    s = 0;
    t = now();
    for (int r = 0; r < REPS; r++)
        for (int i = 0; i < NOBJ; i++)
            s += ((const cell_fields_t *)stm_read(c[i]))->v;
    sink = s;
    fast_paths_ns[1] = (now() - t) / ((double)REPS * NOBJ) * 1e9;

    for (int i = 0; i < NOBJ; i++)          /* take copies (slow path) */
        if (!stm_write(c[i]))
            die("out of memory in stm_write");
    s = 0;
    t = now();
    for (int r = 0; r < REPS; r++)
        for (int i = 0; i < NOBJ; i++)
            s += ((const cell_fields_t *)stm_read(c[i]))->v;
    sink = s;
    fast_paths_ns[2] = (now() - t) / ((double)REPS * NOBJ) * 1e9;

    t = now();
    for (int r = 0; r < REPS; r++)
        for (int i = 0; i < NOBJ; i++)
            ((cell_fields_t *)stm_write(c[i]))->v += r;
    fast_paths_ns[3] = (now() - t) / ((double)REPS * NOBJ) * 1e9;

    cell_t **young = young_cells;
    for (int i = 0; i < 1000; i++) {
        young[i] = stm_allocate(&cell_type, sizeof(cell_fields_t));
        if (!young[i])
            die("out of memory in stm_allocate");
    }
    t = now();
    for (int r = 0; r < REPS * 10; r++)
        for (int i = 0; i < 1000; i++)
            ((cell_fields_t *)stm_write(young[i]))->v += r;
    fast_paths_ns[4] = (now() - t) / ((double)REPS * 10 * 1000) * 1e9;
    (void)sink;
    stm_abort_transaction();            /* leave the cells untouched */
}

static int aborted_once;
static int fast_paths(void *arg)
{
    if (aborted_once)
        return 0;                       /* the retry after the abort */
    aborted_once = 1;
    return fast_body(arg);
}

static int setup_body(void *arg)
{
    (void)arg;
    for (int t = 0; t < MAX_THREADS; t++)
        for (int i = 0; i < NOBJ; i++) {
            cells[t][i] = stm_allocate(&cell_type, sizeof(cell_fields_t));
            if (!cells[t][i])
                die("out of memory in stm_allocate");
        }
    return 0;
}

int main(int argc, char **argv)
{
    int opt, version = 0, reps = 7, only = -1;
    while ((opt = getopt(argc, argv, "s:c:p:r:o:")) != -1) {
        switch (opt) {
        case 's': seconds = atof(optarg); break;
        case 'c': version = atoi(optarg); break;
        case 'p': poll_every = atoi(optarg); break;
        case 'r': reps = atoi(optarg); break;
        case 'o': only = atoi(optarg); break;
        default:
            fprintf(stderr, "usage: bench_stm [-s seconds] [-c commit-version] "
                    "[-p poll-every] [-r repetitions] [-o size-index]\n");
            return 2;
        }
    }
    if (seconds <= 0 || seconds > 1000 || poll_every < 1 || reps < 1 ||
        reps > MAX_REPS)
        die("bad -s, -p or -r value");
    if (gc_init() != 0 || stm_init() != 0)
        die("gc_init/stm_init failed");
    if (version && stm_set_commit_version(version) != 0)
        die("that commit version is not available");
    gc_add_root_range(cells, (char *)cells + sizeof cells);
    gc_add_root_range(young_cells, (char *)young_cells + sizeof young_cells);
    if (!stm_thread_attach())
        die("stm_thread_attach failed");
    stm_run(setup_body, NULL);
    stm_run(fast_paths, NULL);

    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    double load[3] = {0, 0, 0};
    if (getloadavg(load, 3) < 1)
        load[0] = -1;
    printf("bench_stm: commit v%d, %ld CPUs, load average %.1f, %.1f s per run\n",
           stm_commit_version(), ncpu, load[0], seconds);
    printf("barrier fast paths (ns per call, single thread):\n");
    for (int i = 0; i < 5; i++)
        printf("  %-38s %6.2f\n", fast_path_names[i], fast_paths_ns[i]);

    /* The main thread keeps no slot while the workers run. */
    if (stm_blocking_begin() != 0)
        die("stm_blocking_begin refused");
    static const int sizes[3][2] = {{100, 10}, {1000, 100}, {10000, 100}};
    double plain_med[3] = {0, 0, 0};
    for (int v = 1; v <= 2; v++) {
        /* the chosen version (default: the library's), then the other */
        int cv = v == 1 ? stm_commit_version() : 3 - stm_commit_version();
        if (v == 2 && version)
            break;
        if (stm_set_commit_version(cv) != 0)
            die("cannot switch the commit version");
        printf("throughput, commit v%d (independent transactions, own "
               "objects; median of %d\n  interleaved 1-thread/2-thread "
               "pairs, by speed-up):\n", cv, reps);
        printf("  %-12s %10s %10s %8s %11s %6s %9s %9s %9s %6s %6s\n",
               "reads,writes", "tx/s 1thr", "tx/s 2thr", "speedup",
               "(min-max)", "cpu", "commit 1", "commit 2", "sync/cmt",
               "gc 1", "gc 2");
        for (int s = 0; s < 3; s++) {
            if (only >= 0 && s != only)
                continue;
            result_t one[MAX_REPS], two[MAX_REPS];
            double sp[MAX_REPS], plain_sp[MAX_REPS];
            for (int r = 0; r < reps; r++) {
                /* 1-2, 2-1, 1-2, ...: a drift of the machine's speed
                   during the pairs favours neither side */
                if (r & 1) {
                    two[r] = throughput(2, sizes[s][0], sizes[s][1], false);
                    one[r] = throughput(1, sizes[s][0], sizes[s][1], false);
                } else {
                    one[r] = throughput(1, sizes[s][0], sizes[s][1], false);
                    two[r] = throughput(2, sizes[s][0], sizes[s][1], false);
                }
                sp[r] = one[r].tps > 0 ? two[r].tps / one[r].tps : 0.0;
                if (v == 1) {
                    result_t p1 = throughput(1, sizes[s][0], sizes[s][1], true);
                    result_t p2 = throughput(2, sizes[s][0], sizes[s][1], true);
                    plain_sp[r] = p1.tps > 0 ? p2.tps / p1.tps : 0.0;
                }
            }
            int order[MAX_REPS];
            for (int r = 0; r < reps; r++)
                order[r] = r;
            for (int a = 1; a < reps; a++)     /* insertion sort by sp */
                for (int b = a; b > 0 && sp[order[b]] < sp[order[b - 1]]; b--) {
                    int tmp = order[b];
                    order[b] = order[b - 1];
                    order[b - 1] = tmp;
                }
            int m = order[reps / 2];
            if (v == 1) {
                for (int a = 1; a < reps; a++)    /* sort plain_sp itself */
                    for (int b = a; b > 0 && plain_sp[b] < plain_sp[b - 1]; b--) {
                        double tmp = plain_sp[b];
                        plain_sp[b] = plain_sp[b - 1];
                        plain_sp[b - 1] = tmp;
                    }
                plain_med[s] = plain_sp[reps / 2];
            }
            printf("  %5d,%-6d %10.0f %10.0f %7.2fx %5.2f-%-5.2f %5.2fx "
                   "%7.2fus %7.2fus %7.2fus %5.1f%% %5.1f%%\n",
                   sizes[s][0], sizes[s][1], one[m].tps, two[m].tps, sp[m],
                   sp[order[0]], sp[order[reps - 1]],
                   one[m].tx_per_cpu_s > 0
                       ? 2 * two[m].tx_per_cpu_s / one[m].tx_per_cpu_s : 0.0,
                   one[m].commit_us,
                   two[m].commit_us, two[m].sync_us,
                   one[m].gc_share * 100, two[m].gc_share * 100);
        }
    }
    printf("the same loop without stm/ (plain loads and stores, no "
           "transactions), median\n  2-thread speed-up of the same number "
           "of pairs, run between the pairs above:\n ");
    for (int s = 0; s < 3; s++)
        if (only < 0 || s == only)
            printf(" (%d,%d) %.2fx", sizes[s][0], sizes[s][1], plain_med[s]);
    printf("\n");
    printf("  commit 1/2: average time of the commit+start in the loop with "
           "1/2 threads;\n  sync/cmt: stm's 'sync pause' seconds per "
           "writing commit with 2 threads (v2:\n  waiting for the commit "
           "lock and for the other thread to acknowledge at a\n  safe "
           "point; v1: the same, waiting for it to park, and being "
           "parked);\n  gc 1/2: share of the run spent in collection "
           "pauses;\n  cpu: the speed-up the two threads would reach with "
           "a CPU each all the\n  time: 2 x (transactions per CPU-second, "
           "2 threads / 1 thread) -- waiting\n  spins, so it counts; a "
           "third process taking a CPU does not.\n");
    stm_blocking_end();
    stm_thread_detach();
    return 0;
}
