/* bank.c -- multi-threaded stress program for stm/ (DESIGN §8): real
 * threads move money between accounts in transactions while other threads
 * sum all accounts in transactions.
 *
 * Invariants checked:
 *   - the total of all accounts never changes: every summing attempt must
 *     see exactly the starting total (opacity: this is checked in every
 *     attempt, even one that is later aborted, which is stricter than
 *     checking committed ones only); a wrong total counts as an
 *     inconsistent read;
 *   - nothing is lost or created at the end: the final total is exact, and
 *     each mover's per-thread heap counter (written in the same
 *     transactions as its transfers) equals the transfers it committed by
 *     its own, abort-restored, private count ("lost" adds both
 *     differences);
 *   - young objects linked into old ones (each transfer leaves a fresh
 *     receipt object in the source account) survive collections through
 *     private copies: every receipt must carry its account's magic value.
 *
 * Output, one line per run:
 *   threads=N transfers=X commits=Y aborts=Z lost=0 inconsistent_reads=0
 * Exit status 0 iff lost and inconsistent_reads are both 0 (and no other
 * check failed; such failures are described on stderr); 3 if the threads
 * do not finish within a minute of the stop (a deadlock).
 *
 * Options (all optional):
 *   -t N   mover threads (default 2)        -s SEC  seconds (default 2)
 *   -u N   summing threads (default 1)      -a N    accounts (default 1000)
 *   -x N   transfers per transaction (default 4)
 *   -c V   commit version 1 or 2 (default: stm/'s, PYPYSTM_COMMIT)
 *   -r N   random aborts at 1/N of the safe points (stm_set_random_abort)
 *   -i N   every Nth mover transaction becomes inevitable (0: never)
 *   -S N   seed of the movers' random choices (printed in the line)
 * Real threads are scheduled by the OS, so a seed does not replay a run
 * exactly; it does fix which transfers each thread attempts.
 */
#include "stm/stm.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define START_BALANCE 1000
#define RECEIPT_MAGIC 0x5eceu
#define MAX_THREADS 64
#define JOIN_TIMEOUT_S 60

/* A toy transactional object: the identity (acct_t, incomplete) and its
   fields (acct_fields_t, only through R()/W()). */
typedef struct acct acct_t;
typedef struct acct_fields {
    gc_header_t hdr;
    int64_t balance;       /* accounts: money; counters: transfers */
    int64_t magic;         /* receipts: RECEIPT_MAGIC ^ account index */
    acct_t *receipt;       /* last receipt (a young object when written) */
} acct_fields_t;

static void acct_trace(void *obj, gc_visitor_t *v)
{
    gc_visit(v, ((const acct_fields_t *)obj)->receipt);
}

static const gc_type_t acct_type = {.name = "bank-account", .trace = acct_trace};

static const acct_fields_t *R(acct_t *o) { return stm_read(o); }

/* Write view; exits on heap exhaustion (a stress program has no caller to
   report MemoryError to). */
static acct_fields_t *W(acct_t *o)
{
    acct_fields_t *f = stm_write(o);
    if (!f) {
        fprintf(stderr, "bank: out of memory in stm_write\n");
        exit(2);
    }
    return f;
}

static acct_t *new_acct(void)
{
    acct_t *o = stm_allocate(&acct_type, sizeof(acct_fields_t));
    if (!o) {
        fprintf(stderr, "bank: out of memory in stm_allocate\n");
        exit(2);
    }
    return o;
}

/* ---- configuration and shared state ---------------------------------- */

static int n_movers = 2, n_summers = 1, n_accounts = 1000, per_tx = 4;
static int commit_version, inevitable_every;
static unsigned random_abort;
static double seconds = 2.0;
static uint64_t seed = 12345;

static acct_t **accounts;            /* registered as a gc root range */
static acct_t *counters[MAX_THREADS];
static volatile int stop_flag;       /* raw flag: set once, read anywhere */
static uint64_t inconsistent;        /* atomic: survives aborts on purpose */
static uint64_t bad_receipts;        /* atomic */

typedef struct worker {
    int id;
    /* Thread-private state, registered with stm: restored by an abort. */
    struct {
        uint64_t rng;
        uint64_t transfers;          /* committed transfers */
        uint64_t txs;                /* committed transactions */
    } priv;
} worker_t;

static uint64_t rnd(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return *s = x;
}

static bool stopped(void)
{
    return __atomic_load_n(&stop_flag, __ATOMIC_RELAXED) != 0;
}

/* ---- the threads -------------------------------------------------------- */

static int move_loop(void *arg)
{
    worker_t *w = arg;
    while (!stopped()) {
        if (inevitable_every > 0 &&
            w->priv.txs % (uint64_t)inevitable_every == 0)
            stm_become_inevitable("bank: every Nth transaction");
        for (int k = 0; k < per_tx; k++) {
            uint64_t r = rnd(&w->priv.rng);
            int from = (int)(r % (uint64_t)n_accounts);
            int to = (int)((r >> 20) % (uint64_t)n_accounts);
            int64_t amount = 1 + (int64_t)((r >> 40) % 100);
            if (from == to)
                to = (to + 1) % n_accounts;
            acct_t *receipt = new_acct();
            acct_fields_t *rf = W(receipt);      /* young: no copy */
            rf->magic = RECEIPT_MAGIC ^ from;
            rf->balance = amount;
            acct_fields_t *f = W(accounts[from]);
            f->balance -= amount;
            f->receipt = receipt;
            W(accounts[to])->balance += amount;
            stm_safepoint();
        }
        W(counters[w->id])->balance += per_tx;
        w->priv.transfers += (uint64_t)per_tx;
        w->priv.txs++;
        stm_transaction_break();
    }
    return 0;
}

static int sum_loop(void *arg)
{
    worker_t *w = arg;
    while (!stopped()) {
        int64_t total = 0;
        for (int i = 0; i < n_accounts; i++) {
            const acct_fields_t *f = R(accounts[i]);
            total += f->balance;
            acct_t *rc = f->receipt;
            if (rc && R(rc)->magic != (int64_t)(RECEIPT_MAGIC ^ i))
                __atomic_add_fetch(&bad_receipts, 1, __ATOMIC_RELAXED);
            if ((i & 15) == 15)
                stm_safepoint();
        }
        if (total != (int64_t)n_accounts * START_BALANCE)
            __atomic_add_fetch(&inconsistent, 1, __ATOMIC_RELAXED);
        w->priv.txs++;
        stm_transaction_break();
    }
    return 0;
}

static worker_t workers[MAX_THREADS];

static void *thread_main(void *arg)
{
    worker_t *w = arg;
    if (!stm_thread_attach()) {
        fprintf(stderr, "bank: stm_thread_attach failed\n");
        exit(2);
    }
    if (stm_register_private(&w->priv, sizeof w->priv) != 0) {
        fprintf(stderr, "bank: stm_register_private failed\n");
        exit(2);
    }
    stm_run(w->id < n_movers ? move_loop : sum_loop, w);
    stm_unregister_private(&w->priv);
    stm_thread_detach();
    return NULL;
}

/* ---- set-up and final checks ----------------------------------------- */

static int setup_body(void *arg)
{
    (void)arg;
    for (int i = 0; i < n_accounts; i++) {
        accounts[i] = new_acct();
        W(accounts[i])->balance = START_BALANCE;
    }
    for (int i = 0; i < n_movers; i++)
        counters[i] = new_acct();
    return 0;
}

static int64_t final_total, final_counter[MAX_THREADS];
static uint64_t final_bad_receipts;

static int check_body(void *arg)
{
    (void)arg;
    final_total = 0;
    final_bad_receipts = 0;
    for (int i = 0; i < n_accounts; i++) {
        const acct_fields_t *f = R(accounts[i]);
        final_total += f->balance;
        if (f->receipt && R(f->receipt)->magic != (int64_t)(RECEIPT_MAGIC ^ i))
            final_bad_receipts++;
    }
    for (int i = 0; i < n_movers; i++)
        final_counter[i] = R(counters[i])->balance;
    return 0;
}

static int int_arg(const char *s, int lo, int hi, const char *what)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || v < lo || v > hi) {
        fprintf(stderr, "bank: %s must be an integer in [%d, %d]\n", what, lo, hi);
        exit(2);
    }
    return (int)v;
}

static void usage(void)
{
    fprintf(stderr, "usage: bank [-t movers] [-u summers] [-s seconds] "
            "[-a accounts] [-x transfers-per-tx] [-c commit-version] "
            "[-r random-abort-N] [-i inevitable-every-N] [-S seed]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    int opt;
    while ((opt = getopt(argc, argv, "t:u:s:a:x:c:r:i:S:h")) != -1) {
        switch (opt) {
        case 't': n_movers = int_arg(optarg, 1, MAX_THREADS / 2, "-t"); break;
        case 'u': n_summers = int_arg(optarg, 0, MAX_THREADS / 2, "-u"); break;
        case 's': seconds = int_arg(optarg, 0, 100000, "-s"); break;
        case 'a': n_accounts = int_arg(optarg, 2, 10000000, "-a"); break;
        case 'x': per_tx = int_arg(optarg, 1, 100000, "-x"); break;
        case 'c': commit_version = int_arg(optarg, 1, 2, "-c"); break;
        case 'r': random_abort = (unsigned)int_arg(optarg, 0, 1 << 30, "-r"); break;
        case 'i': inevitable_every = int_arg(optarg, 0, 1 << 30, "-i"); break;
        case 'S': seed = (uint64_t)int_arg(optarg, 0, 1 << 30, "-S"); break;
        default: usage();
        }
    }
    if (optind != argc)
        usage();
    /* Every thread must get a slot, or one would wait forever for a mover
       that never blocks: ask for enough unless the user chose. */
    char slots[16];
    snprintf(slots, sizeof slots, "%d", n_movers + n_summers + 1);
    setenv("PYPYSTM_SEGMENTS", slots, 0);

    if (gc_init() != 0 || stm_init() != 0) {
        fprintf(stderr, "bank: gc_init/stm_init failed\n");
        return 2;
    }
    if (commit_version && stm_set_commit_version(commit_version) != 0) {
        fprintf(stderr, "bank: commit version %d is not available\n",
                commit_version);
        return 2;
    }
    if (random_abort)
        stm_set_random_abort(random_abort);
    accounts = calloc((size_t)n_accounts, sizeof *accounts);
    if (!accounts) {
        fprintf(stderr, "bank: out of memory\n");
        return 2;
    }
    gc_add_root_range(accounts, accounts + n_accounts);
    gc_add_root_range(counters, counters + MAX_THREADS);
    if (!stm_thread_attach()) {
        fprintf(stderr, "bank: stm_thread_attach failed\n");
        return 2;
    }
    stm_run(setup_body, NULL);

    int nthreads = n_movers + n_summers;
    pthread_t th[MAX_THREADS];
    for (int i = 0; i < nthreads; i++) {
        workers[i].id = i;
        workers[i].priv.rng = (seed + 1) * UINT64_C(0x9e3779b97f4a7c15) +
                              (uint64_t)i * UINT64_C(0x632be59bd9b4e019);
        if (workers[i].priv.rng == 0)
            workers[i].priv.rng = 1;
    }
    /* The main thread gives up its slot while the workers run. */
    if (stm_blocking_begin() != 0) {
        fprintf(stderr, "bank: stm_blocking_begin refused\n");
        return 2;
    }
    for (int i = 0; i < nthreads; i++) {
        if (pthread_create(&th[i], NULL, thread_main, &workers[i]) != 0) {
            fprintf(stderr, "bank: pthread_create failed\n");
            exit(2);
        }
    }
    struct timespec ts = {.tv_sec = (time_t)seconds, .tv_nsec = 0};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
    __atomic_store_n(&stop_flag, 1, __ATOMIC_RELAXED);
    /* A protocol deadlock must fail the run, not hang it: every thread
       ends its transaction within a moment of the stop. */
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += JOIN_TIMEOUT_S;
    for (int i = 0; i < nthreads; i++) {
        if (pthread_timedjoin_np(th[i], NULL, &deadline) != 0) {
            fprintf(stderr, "bank: thread %d did not finish within %d s of "
                    "the stop (deadlock?); giving up\n", i, JOIN_TIMEOUT_S);
            fflush(stdout);
            _exit(3);
        }
    }
    stm_blocking_end();
    stm_run(check_body, NULL);

    uint64_t transfers = 0;
    int64_t lost = final_total - (int64_t)n_accounts * START_BALANCE;
    if (lost < 0)
        lost = -lost;
    if (lost)
        fprintf(stderr, "bank: final total %lld, expected %lld\n",
                (long long)final_total,
                (long long)n_accounts * START_BALANCE);
    for (int i = 0; i < n_movers; i++) {
        transfers += workers[i].priv.transfers;
        int64_t d = final_counter[i] - (int64_t)workers[i].priv.transfers;
        if (d) {
            fprintf(stderr, "bank: mover %d committed %llu transfers, its "
                    "heap counter says %lld\n", i,
                    (unsigned long long)workers[i].priv.transfers,
                    (long long)final_counter[i]);
            lost += d < 0 ? -d : d;
        }
    }
    uint64_t bad_rc = __atomic_load_n(&bad_receipts, __ATOMIC_RELAXED) +
                      final_bad_receipts;
    if (bad_rc)
        fprintf(stderr, "bank: %llu receipts with a wrong magic value "
                "(a private copy or young object lost?)\n",
                (unsigned long long)bad_rc);
    stm_stats_t st;
    stm_get_total_stats(&st);
    uint64_t aborts = st.count[STM_STAT_RUN_ABORTED_WW] +
                      st.count[STM_STAT_RUN_ABORTED_WR] +
                      st.count[STM_STAT_RUN_ABORTED_INEV] +
                      st.count[STM_STAT_RUN_ABORTED_OTHER];
    uint64_t incons = __atomic_load_n(&inconsistent, __ATOMIC_RELAXED);
    printf("threads=%d transfers=%llu commits=%llu aborts=%llu lost=%lld "
           "inconsistent_reads=%llu\n", n_movers,
           (unsigned long long)transfers,
           (unsigned long long)st.count[STM_STAT_RUN_COMMITTED],
           (unsigned long long)aborts, (long long)lost,
           (unsigned long long)incons);
    gc_stats_t gs;
    gc_get_stats(&gs);
    printf("  summers=%d commit=v%d seed=%llu collections=%llu aborts: "
           "ww=%llu wr=%llu inevitable=%llu other=%llu\n", n_summers,
           stm_commit_version(), (unsigned long long)seed,
           (unsigned long long)gs.collections,
           (unsigned long long)st.count[STM_STAT_RUN_ABORTED_WW],
           (unsigned long long)st.count[STM_STAT_RUN_ABORTED_WR],
           (unsigned long long)st.count[STM_STAT_RUN_ABORTED_INEV],
           (unsigned long long)st.count[STM_STAT_RUN_ABORTED_OTHER]);
    fflush(stdout);
    return (lost || incons || bad_rc) ? 1 : 0;
}
