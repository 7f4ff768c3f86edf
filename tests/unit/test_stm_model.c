/* test_stm_model.c -- model-based random tester of stm/.
 *
 * One OS thread drives K (2..8) logical transactions (stm contexts) through random
 * reads, writes, allocations (young objects linked into old ones), commits,
 * explicit aborts, inevitability requests and collections.  A small
 * reference model predicts every value read and every conflict (which side
 * aborts, with which reason, at which step); any difference fails with the
 * seed and the last steps, replayable with
 *     STM_MODEL_SEED=<seed> STM_MODEL_SEEDS=1 STM_MODEL_STEPS=<n>
 *     STM_MODEL_CONTEXTS=<k> STM_MODEL_COMMIT=<1|2> [STM_MODEL_TRACE=1] test_stm_model
 * STM_MODEL_SEEDS=<count> runs that many consecutive seeds (make stm-stress). */
#include "tests/unit/unit.h"
#include "tests/unit/test_stm_toy.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KMAX 8          /* logical transactions, at most */
#define NOBJ 12         /* shared old objects */
#define ABORT_LIMIT 3   /* K aborts in a row -> inevitable (stm rule) */

static toy_t *pool[NOBJ];            /* a gc root range */
static int K;                        /* logical transactions this run */
static stm_context_t *ctxs[KMAX];

/* ---- the reference model ---- */

typedef struct mval {
    int64_t a;
    bool has_link;
    int64_t link_a;     /* value of the linked (never rewritten) object */
} mval_t;

typedef struct mctx {
    bool in_tx, inevitable, want_inev;
    int doomed;                 /* 0 or the abort reason to come */
    uint32_t rset, wset;        /* bit i: pool[i] */
    mval_t local[NOBJ];
    int consec;
    int atomic, atomic_start;   /* atomic level, and at the start */
    int64_t priv, priv_start;   /* registered private state */
    int npending;               /* deferred actions queued */
    int64_t pending[8];
} mctx_t;

/* Real registered private state of each context. */
static int64_t privs[KMAX];

/* Deferred actions: what ran, and what the model says must have run. */
#define DLOG 64
static int64_t ran[DLOG], want_ran[DLOG];
static uint64_t nran, nwant;

static void record(void *arg)
{
    ran[nran++ % DLOG] = (int64_t)(intptr_t)arg;
}

static mval_t committed[NOBJ];
static int owner[NOBJ];         /* context owning a copy, or -1 */
static mctx_t m[KMAX];
static int token = -1;

static void model_reset(void)
{
    memset(committed, 0, sizeof committed);
    memset(m, 0, sizeof m);
    for (int i = 0; i < NOBJ; i++)
        owner[i] = -1;
    token = -1;
    memset(privs, 0, sizeof privs);
    nran = nwant = 0;
}

static void model_end(int c)
{
    for (int i = 0; i < NOBJ; i++)
        if (owner[i] == c)
            owner[i] = -1;
    if (m[c].inevitable)
        token = -1;
    m[c].in_tx = m[c].inevitable = false;
    m[c].doomed = 0;
    m[c].rset = m[c].wset = 0;
    m[c].npending = 0;
}

static void model_abort(int c)
{
    m[c].atomic = m[c].atomic_start;
    m[c].priv = m[c].priv_start;
    model_end(c);
    if (++m[c].consec >= ABORT_LIMIT)
        m[c].want_inev = true;
}

static mval_t *model_view(int c, int i)
{
    return (m[c].wset & (1u << i)) ? &m[c].local[i] : &committed[i];
}

/* Predicts a write by C to pool[I]: returns the abort reason C suffers
   (0: it gets the copy). */
static int model_write(int c, int i)
{
    uint32_t bit = 1u << i;
    if (owner[i] != -1 && owner[i] != c) {
        int d = owner[i];
        if (!m[c].inevitable)
            return STM_ABORT_WRITE_WRITE;
        if (!m[d].doomed)
            m[d].doomed = STM_ABORT_INEVITABLE;
        m[d].wset &= ~bit;
        owner[i] = -1;
    }
    if (owner[i] == -1) {
        owner[i] = c;
        m[c].local[i] = committed[i];
        m[c].wset |= bit;
    }
    m[c].rset |= bit;
    return 0;
}

/* Predicts a commit by C: 0, or the reason C aborts. */
static int model_commit(int c)
{
    if (m[c].wset) {
        for (int d = 0; d < K; d++) {
            if (d != c && m[d].in_tx && !m[d].doomed &&
                (m[d].rset & m[c].wset) && m[d].inevitable)
                return STM_ABORT_INEVITABLE;
        }
        for (int d = 0; d < K; d++) {
            if (d != c && m[d].in_tx && !m[d].doomed &&
                (m[d].rset & m[c].wset))
                m[d].doomed = STM_ABORT_WRITE_READ;
        }
        for (int i = 0; i < NOBJ; i++)
            if (m[c].wset & (1u << i))
                committed[i] = m[c].local[i];
    }
    for (int k = 0; k < m[c].npending; k++)
        want_ran[nwant++ % DLOG] = m[c].pending[k];
    model_end(c);
    m[c].consec = 0;
    m[c].want_inev = false;
    return 0;
}

/* ---- the schedule ---- */

enum { OP_START, OP_READ, OP_WRITE, OP_LINK, OP_READLINK, OP_COMMIT,
       OP_ABORT, OP_INEV, OP_COLLECT, OP_SAFEPOINT, OP_DEFER, OP_PRIV,
       OP_ATOMIC_ENTER, OP_ATOMIC_LEAVE, OP_BECOME_INEV };
static const char *const op_names[] = {
    "start", "read", "write", "link", "readlink", "commit", "abort",
    "inevitable", "collect", "safepoint", "defer", "private",
    "atomic-enter", "atomic-leave", "become-inevitable",
};

typedef struct step {
    uint64_t n;
    int ctx, op, obj;
    int64_t val;
    int expect;
} step_t;

#define RING 64
static step_t ring[RING];
static uint64_t nsteps_done;
static uint64_t seed_now, steps_now;
static bool failed, trace;
static int commit_version_now;
static uint64_t rng;

static uint64_t rnd(void)
{
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return rng * UINT64_C(2685821657736338717);
}

static void print_step(const step_t *s)
{
    fprintf(stderr, "  step %" PRIu64 ": ctx %d %s obj %d val %" PRId64
            " expect-abort %d\n", s->n, s->ctx, op_names[s->op], s->obj,
            s->val, s->expect);
}

static void fail(const char *what, int64_t got, int64_t want)
{
    if (failed)
        return;
    failed = true;
    fprintf(stderr, "\nstm model FAILED at step %" PRIu64 ": %s (got %"
            PRId64 ", expected %" PRId64 ")\nlast steps:\n", nsteps_done,
            what, got, want);
    uint64_t first = nsteps_done >= RING ? nsteps_done - RING + 1 : 0;
    for (uint64_t n = first; n <= nsteps_done; n++)
        print_step(&ring[n % RING]);
    fprintf(stderr, "replay: STM_MODEL_SEED=%" PRIu64 " STM_MODEL_SEEDS=1 "
            "STM_MODEL_STEPS=%" PRIu64 " STM_MODEL_CONTEXTS=%d "
            "STM_MODEL_COMMIT=%d STM_MODEL_TRACE=1 %s\n", seed_now,
            nsteps_done + 1, K, commit_version_now,
            "build/<variant>/tests/test_stm_model");
}

/* Compares the heap with the model: originals hold the committed values,
   stm_copy words name the model's owners, copies hold the local values. */
static void audit(void)
{
    for (int i = 0; i < NOBJ && !failed; i++) {
        const toy_fields_t *orig = (const toy_fields_t *)(void *)pool[i];
        uintptr_t w = orig->hdr.stm_copy;
        if (orig->a != committed[i].a)
            fail("audit: original value", orig->a, committed[i].a);
        if ((orig->p != NULL) != committed[i].has_link)
            fail("audit: original link", orig->p != NULL,
                 committed[i].has_link);
        int o = stm_copy_owner(w);
        int want = owner[i] == -1 ? -1 : stm_context_slot(ctxs[owner[i]]);
        if (o != want)
            fail("audit: owner slot", o, want);
        if (o >= 0 && owner[i] >= 0) {
            const toy_fields_t *cp = gc_copy_ptr(w);
            if (cp->a != m[owner[i]].local[i].a)
                fail("audit: copy value", cp->a, m[owner[i]].local[i].a);
        }
    }
    if (nran != nwant)
        fail("audit: deferred actions run", (int64_t)nran, (int64_t)nwant);
    for (uint64_t k = nran > DLOG ? nran - DLOG : 0; k < nran && !failed; k++)
        if (ran[k % DLOG] != want_ran[k % DLOG])
            fail("audit: deferred action order", ran[k % DLOG],
                 want_ran[k % DLOG]);
    for (int c = 0; c < K && !failed; c++) {
        if (privs[c] != m[c].priv)
            fail("audit: private state", privs[c], m[c].priv);
        if (stm_context_in_transaction(ctxs[c]) != m[c].in_tx)
            fail("audit: in transaction", !m[c].in_tx, m[c].in_tx);
        if (m[c].in_tx && (stm_context_doomed(ctxs[c]) != (m[c].doomed != 0)))
            fail("audit: doomed", !m[c].doomed, m[c].doomed != 0);
    }
}

static volatile int expect;     /* the abort reason the model predicts */
static step_t cur;

/* Performs CUR.op in context CUR.ctx (already current). */
static void perform(void)
{
    int c = cur.ctx, i = cur.obj;
    int64_t v = cur.val;
    switch (cur.op) {
    case OP_START:
        if (m[c].want_inev && token == -1) {
            token = c;
            m[c].inevitable = true;
        }
        m[c].in_tx = true;
        m[c].atomic_start = m[c].atomic;
        m[c].priv_start = m[c].priv;
        stm_start_transaction();
        if (stm_is_inevitable() != m[c].inevitable)
            fail("start: inevitable", stm_is_inevitable(), m[c].inevitable);
        break;
    case OP_READ: {
        int64_t want = model_view(c, i)->a;
        m[c].rset |= 1u << i;
        int64_t got = toy_R(pool[i])->a;
        if (got != want)
            fail("read value", got, want);
        break;
    }
    case OP_WRITE:
        expect = model_write(c, i);
        toy_W(pool[i])->a = v;
        if (expect)
            fail("write should have aborted", 0, expect);
        m[c].local[i].a = v;
        break;
    case OP_LINK: {
        toy_t *y = toy_new();
        if (!y) {
            fail("heap exhausted", 0, 1);
            break;
        }
        toy_W(y)->a = v;
        expect = model_write(c, i);
        toy_W(pool[i])->p = y;
        if (expect)
            fail("link should have aborted", 0, expect);
        m[c].local[i].has_link = true;
        m[c].local[i].link_a = v;
        break;
    }
    case OP_READLINK: {
        const mval_t *want = model_view(c, i);
        m[c].rset |= 1u << i;
        toy_t *p = toy_R(pool[i])->p;
        if ((p != NULL) != want->has_link)
            fail("link present", p != NULL, want->has_link);
        else if (p && toy_R(p)->a != want->link_a)
            fail("linked value", toy_R(p)->a, want->link_a);
        break;
    }
    case OP_COMMIT:
        if (m[c].atomic > 0) {
            if (stm_commit_transaction() != -1)
                fail("commit inside an atomic section", 0, -1);
            break;
        }
        expect = model_commit(c);
        stm_commit_transaction();
        if (expect)
            fail("commit should have aborted", 0, expect);
        break;
    case OP_DEFER:
        if (m[c].npending < 8) {
            m[c].pending[m[c].npending++] = v;
            stm_defer(record, (void *)(intptr_t)v);
        }
        break;
    case OP_PRIV:
        privs[c] = v;
        m[c].priv = v;
        break;
    case OP_ATOMIC_ENTER:
        if (m[c].atomic < 2) {
            m[c].atomic++;
            stm_atomic_enter();
        }
        break;
    case OP_ATOMIC_LEAVE: {
        int want = m[c].atomic > 0 ? m[c].atomic - 1 : -1;
        if (m[c].atomic > 0)
            m[c].atomic--;
        int got = stm_atomic_leave();
        if (got != want)
            fail("atomic level", got, want);
        break;
    }
    case OP_ABORT:
        expect = STM_ABORT_OTHER;
        stm_abort_transaction();
        break;
    case OP_INEV: {
        bool want = token == -1 || token == c;
        if (want) {
            token = c;
            m[c].inevitable = true;
        }
        if (stm_try_become_inevitable("model") != want)
            fail("try inevitable", !want, want);
        break;
    }
    case OP_BECOME_INEV:
        if (token == -1 || token == c) {
            token = c;
            m[c].inevitable = true;
        } else {
            /* aborts, and the retry starts inevitable */
            expect = STM_ABORT_INEVITABLE;
            m[c].want_inev = true;
        }
        stm_become_inevitable("model");
        if (expect)
            fail("become inevitable should have aborted", 0, expect);
        break;
    case OP_COLLECT:
        stm_collect();
        break;
    case OP_SAFEPOINT:
        stm_safepoint();
        break;
    }
}

static void choose(int c)
{
    cur.ctx = c;
    cur.obj = (int)(rnd() % NOBJ);
    cur.val = (int64_t)(rnd() % 1000000);
    if (!m[c].in_tx) {
        cur.op = OP_START;
        return;
    }
    unsigned r = (unsigned)(rnd() % 1000);
    cur.op = r < 280 ? OP_READ : r < 480 ? OP_WRITE : r < 530 ? OP_LINK
           : r < 620 ? OP_READLINK : r < 790 ? OP_COMMIT : r < 810 ? OP_ABORT
           : r < 830 ? OP_INEV : r < 831 ? OP_COLLECT : r < 870 ? OP_DEFER
           : r < 910 ? OP_PRIV : r < 940 ? OP_ATOMIC_ENTER
           : r < 965 ? OP_ATOMIC_LEAVE : r < 975 ? OP_BECOME_INEV
           : OP_SAFEPOINT;
}

static void run_one(uint64_t seed, uint64_t steps, int k, int version)
{
    K = k;
    commit_version_now = version;
    CU_ASSERT_EQUAL_FATAL(stm_set_commit_version(version), 0);
    seed_now = seed;
    steps_now = steps;
    rng = seed * UINT64_C(0x9E3779B97F4A7C15) + 1;
    model_reset();
    stm_set_inevitable_after(ABORT_LIMIT);
    for (int c = 0; c < K; c++) {
        ctxs[c] = stm_context_create();
        CU_ASSERT_PTR_NOT_NULL_FATAL(ctxs[c]);
        stm_context_switch(ctxs[c]);
        stm_register_private(&privs[c], sizeof privs[c]);
    }
    /* The shared objects, committed by context 0. */
    stm_context_switch(ctxs[0]);
    if (setjmp(*stm_abort_target(NULL)) != 0) {
        CU_FAIL_FATAL("set-up aborted");
    }
    stm_start_transaction();
    for (int i = 0; i < NOBJ; i++)
        pool[i] = toy_new();
    stm_commit_transaction();

    for (nsteps_done = 0; nsteps_done < steps && !failed; nsteps_done++) {
        int c = (int)(rnd() % K);
        choose(c);
        cur.n = nsteps_done;
        expect = m[c].in_tx ? m[c].doomed : 0;
        cur.expect = expect;
        ring[nsteps_done % RING] = cur;
        if (trace)
            print_step(&cur);
        if (setjmp(*stm_abort_target(ctxs[c])) != 0) {
            int got = (int)stm_last_abort(NULL, NULL, NULL);
            if (got != expect)
                fail("abort reason", got, expect);
            model_abort(cur.ctx);
        } else {
            stm_context_switch(ctxs[c]);
            if (expect) {
                fail("doomed context ran", 0, expect);
                break;
            }
            perform();
            if (expect && !failed)
                fail("expected an abort", 0, expect);
        }
        if (nsteps_done % 256 == 0 || failed)
            audit();
    }
    if (!failed)
        audit();
    for (volatile int c = 0; c < K; c++) {
        if (setjmp(*stm_abort_target(ctxs[c])) == 0) {
            stm_context_switch(ctxs[c]);
            if (stm_in_transaction())
                stm_abort_transaction();
        }
        stm_context_switch(NULL);
        stm_context_destroy(ctxs[c]);
    }
    memset(pool, 0, sizeof pool);
    CU_ASSERT_FALSE(failed);
}

static uint64_t env_u64(const char *name, uint64_t dflt)
{
    const char *s = getenv(name);
    return s && *s ? strtoull(s, NULL, 0) : dflt;
}

static void test_model(void)
{
    trace = getenv("STM_MODEL_TRACE") != NULL;
    uint64_t seed = env_u64("STM_MODEL_SEED", 1);
    uint64_t nseeds = env_u64("STM_MODEL_SEEDS", 8);
    uint64_t steps = env_u64("STM_MODEL_STEPS", 100000);
    uint64_t total = 0;
    double t0 = unit_now();
    /* Contention varies with the number of logical transactions:
       STM_MODEL_CONTEXTS fixes it, else seeds cycle through 2, 4, 8. */
    uint64_t fixed_k = env_u64("STM_MODEL_CONTEXTS", 0);
    if (fixed_k > KMAX)
        fixed_k = KMAX;
    /* Both commit protocols: STM_MODEL_COMMIT fixes it, else odd seeds
       use version 2, even ones version 1. */
    uint64_t fixed_v = env_u64("STM_MODEL_COMMIT", 0);
    int default_v = stm_commit_version();
    for (uint64_t s = 0; s < nseeds && !failed; s++) {
        int k = fixed_k >= 2 ? (int)fixed_k : 2 << ((seed + s) % 3);
        int v = fixed_v == 1 || fixed_v == 2 ? (int)fixed_v
                : ((seed + s) & 1) ? 2 : 1;
        run_one(seed + s, steps, k, v);
        total += nsteps_done;
    }
    stm_set_commit_version(default_v);
    stm_stats_t st;
    stm_get_total_stats(&st);
    printf("stm model: %" PRIu64 " steps over %" PRIu64 " seeds in %.2f s: "
           "%" PRIu64 " commits (%" PRIu64 " writing), aborts: %" PRIu64
           " write-write, %" PRIu64 " write-read, %" PRIu64 " inevitable, %"
           PRIu64 " other; %" PRIu64 " copies\n",
           total, nseeds, unit_now() - t0, st.count[STM_STAT_RUN_COMMITTED],
           st.commits_writing, st.count[STM_STAT_RUN_ABORTED_WW],
           st.count[STM_STAT_RUN_ABORTED_WR],
           st.count[STM_STAT_RUN_ABORTED_INEV],
           st.count[STM_STAT_RUN_ABORTED_OTHER], st.copies);
}

static int suite_init(void)
{
    /* Logical contexts each hold a slot: make sure there are enough,
       whatever the environment says. */
    setenv("PYPYSTM_SEGMENTS", "8", 1);
    if (gc_init() != 0 || stm_init() != 0)
        return -1;
    gc_add_root_range(pool, pool + NOBJ);
    return 0;
}

static CU_TestInfo tests[] = {
    {"model-based random schedule", test_model},
    CU_TEST_INFO_NULL,
};

UNIT_MAIN("stm_model", tests, suite_init, NULL)
