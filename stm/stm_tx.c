/* stm_tx.c -- transaction start, commit (version 1 of DESIGN §4), abort,
 * doom, the inevitable token, atomic sections, deferred actions and abort
 * callbacks.  docs/stm.md gives the reasoning. */
#include "stm/stm_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define LENGTH_MIN 100
#define LENGTH_MAX 10000000
#define TXID_BLOCK 256

/* ---- the inevitable token ------------------------------------------------ */

static bool take_token(stm_context_t *ctx)
{
    stm_context_t *expected = NULL;
    if (atomic_compare_exchange_strong(&stm_g.inevitable, &expected, ctx)) {
        ctx->inevitable = true;
        return true;
    }
    return expected == ctx;
}

static void release_token(stm_context_t *ctx)
{
    if (!ctx->inevitable)
        return;
    ctx->inevitable = false;
    pthread_mutex_lock(&stm_g.lock);
    atomic_store(&stm_g.inevitable, NULL);
    pthread_cond_broadcast(&stm_g.token_free);
    pthread_mutex_unlock(&stm_g.lock);
}

/* Waits for the token at a transaction start (nothing read yet, so waiting
   cannot deadlock against a conflict).  A holder on this same OS thread is
   a parked logical context that cannot run while we wait: then we start
   non-inevitable and try again at the next start. */
static void wait_token(stm_context_t *ctx)
{
    if (take_token(ctx))
        return;
    /* The holder may release the token, detach and be freed at any
       moment: look at it only under g.lock, which releasing takes. */
    pthread_mutex_lock(&stm_g.lock);
    stm_context_t *holder = atomic_load(&stm_g.inevitable);
    bool same_thread = holder && pthread_equal(holder->thread, ctx->thread);
    uint32_t number = holder ? holder->number : 0;
    pthread_mutex_unlock(&stm_g.lock);
    if (same_thread)
        return;
    int prev = stm_stat_enter(ctx, STM_STAT_WAIT_INEVITABLE);
    stm_log(ctx, number, STM_EV_WAIT_CONTENTION, NULL, NULL);
    gc_enter_blocking();
    pthread_mutex_lock(&stm_g.lock);
    while (!take_token(ctx))
        pthread_cond_wait(&stm_g.token_free, &stm_g.lock);
    pthread_mutex_unlock(&stm_g.lock);
    ctx->no_abort++;
    gc_leave_blocking();
    ctx->no_abort--;
    stm_log(ctx, 0, STM_EV_WAIT_DONE, NULL, NULL);
    stm_stat_enter(ctx, prev);
}

bool stm_try_become_inevitable(const char *why)
{
    (void)why;
    stm_context_t *ctx = _stm_tls.ctx;
    STM_ASSERT(ctx && ctx->in_tx);
    if (ctx->inevitable)
        return true;
    stm_check_doom(ctx);
    if (stm_g.commit_version == 2) {
        /* Version-2 commits doom readers without stopping them: taking
           the token under the commit lock keeps a committer from dooming
           a transaction that has just become inevitable. */
        stm_commit_lock_v2(ctx);
        bool ok = take_token(ctx);
        stm_commit_unlock();
        return ok;
    }
    return take_token(ctx);
}

void stm_become_inevitable(const char *why)
{
    stm_context_t *ctx = _stm_tls.ctx;
    if (stm_try_become_inevitable(why))
        return;
    pthread_mutex_lock(&stm_g.lock);     /* the holder may be freed */
    stm_context_t *holder = atomic_load(&stm_g.inevitable);
    ctx->doom_other = holder ? holder->number : 0;
    pthread_mutex_unlock(&stm_g.lock);
    ctx->doom_loc = (stm_location_t){0};
    stm_log(ctx, ctx->doom_other, STM_EV_CONTENTION_INEVITABLE, &_stm_tls.loc,
            NULL);
    ctx->want_inevitable = true;
    stm_abort_with(ctx, STM_ABORT_INEVITABLE);
}

bool stm_is_inevitable(void)
{
    return _stm_tls.ctx && _stm_tls.ctx->inevitable;
}

int stm_commit_version(void)
{
    return stm_g.commit_version;
}

int stm_set_commit_version(int v)
{
    if (v != 1 && v != 2)
        return -1;
    int busy = 0;
    pthread_mutex_lock(&stm_g.lock);
    for (stm_context_t *c = stm_g.contexts; c; c = c->next)
        busy |= c->in_tx;
    if (!busy)
        stm_g.commit_version = v;
    pthread_mutex_unlock(&stm_g.lock);
    return busy ? -1 : 0;
}

void stm_set_inevitable_after(int k)
{
    atomic_store(&stm_g.inevitable_after, k < 0 ? 0 : k);
}

/* ---- start ------------------------------------------------------------ */

jmp_buf *stm_abort_target(stm_context_t *ctx)
{
    return &(ctx ? ctx : _stm_tls.ctx)->abort_target;
}

static void next_read_version(stm_context_t *ctx, stm_slot_t *s)
{
    /* Committers read the version concurrently: atomic stores. */
    stm_marker_t v = (stm_marker_t)(s->read_version + 1);
    __atomic_store_n(&s->read_version, v, __ATOMIC_RELAXED);
    if (v == 0) {
        /* Wrap-around: zero the markers.  MADV_DONTNEED drops only the
           pages that were ever touched (the others are not even mapped),
           so the cost follows what was read -- but that can still be
           milliseconds, so it runs in a gc blocking section: collections
           and commits go on meanwhile.  Safe: the context is outside a
           transaction (in_tx == 0, the slot's `running` == 0), so no
           committer looks at these markers (a version-2 first pass that
           read `running` just before may read zeros: a miss, which is
           right for an attempt that has ended), and the blocking section
           touches no heap object. */
        gc_enter_blocking();
        madvise(s->markers, stm_g.marker_bytes, MADV_DONTNEED);
        ctx->no_abort++;
        gc_leave_blocking();
        ctx->no_abort--;
        __atomic_store_n(&s->read_version, 1, __ATOMIC_RELAXED);
    }
}

/* The short back-off after losing a write-write conflict: grows with the
   aborts in a row (at most a few tens of microseconds: the K-aborts rule
   takes over after that), polling park requests all along. */
static void backoff(stm_context_t *ctx)
{
    int shift = ctx->consecutive_aborts < 6 ? ctx->consecutive_aborts : 6;
    unsigned n = 16u << shift;
    int prev = stm_stat_enter(ctx, STM_STAT_WAIT_OTHER);
    for (unsigned i = 0; i < n; i++) {
#if defined(__x86_64__) || defined(__i386__)
        __builtin_ia32_pause();
#endif
        if ((i & 15) == 0)
            gc_safepoint();
    }
    stm_stat_enter(ctx, prev);
    ctx->backoff = false;
}

void stm_start_transaction(void)
{
    stm_context_t *ctx = _stm_tls.ctx;
    STM_ASSERT(ctx && !ctx->in_tx && ctx->slot);
    /* A safe point, as documented: a thread running many short
       transactions must not hold up others' writing commits until it
       happens to poll inside one. */
    gc_safepoint();
    if (ctx->backoff)
        backoff(ctx);
    if (ctx->want_inevitable)
        wait_token(ctx);
    next_read_version(ctx, ctx->slot);
    if (ctx->txid_next == ctx->txid_end) {
        /* Ids come in blocks so that starts do not all hit one shared
           cache line; an id only has to be unique, not ordered. */
        ctx->txid_next = atomic_fetch_add(&stm_g.next_txid, TXID_BLOCK);
        ctx->txid_end = ctx->txid_next + TXID_BLOCK;
    }
    ctx->txid = ctx->txid_next++ & GC_META_TXID_MASK;
    ctx->atomic_snapshot = ctx->atomic;
    stm_clear_doom(ctx);    /* a stale doom that arrived since leave_tx */
    stm_private_t *p = ctx->privates.items;
    for (size_t i = 0; i < ctx->privates.len; i++)
        memcpy(p[i].snap, p[i].addr, p[i].size);
    atomic_store_explicit(&ctx->in_tx, 1, memory_order_relaxed);
    /* After read_version, and fenced before any load of the attempt:
       see wait_acks in stm_commit2.c. */
    atomic_store_explicit(&ctx->slot->running, 1, memory_order_relaxed);
    atomic_thread_fence(memory_order_seq_cst);
    stm_load_tls(ctx);      /* (acknowledges the newest commit epoch) */
    ctx->attempt_run = 0;
    stm_stat_enter(ctx, STM_STAT_RUN_CURRENT);
    stm_log(ctx, 0, STM_EV_START, NULL, NULL);
}

void stm_start_inevitable_transaction(void)
{
    _stm_tls.ctx->want_inevitable = true;
    stm_start_transaction();
}

bool stm_in_transaction(void)
{
    return _stm_tls.ctx && _stm_tls.ctx->in_tx;
}

/* ---- end of an attempt -------------------------------------------------- */

static void adapt_length(stm_context_t *ctx, bool aborted)
{
    if (stm_g.length_policy) {
        ctx->length = stm_g.length_policy(ctx->length, aborted);
        return;
    }
    if (aborted)
        ctx->length = ctx->length / 2 < LENGTH_MIN ? LENGTH_MIN
                                                    : ctx->length / 2;
    else
        ctx->length = ctx->length + ctx->length / 4 > LENGTH_MAX
                          ? LENGTH_MAX : ctx->length + ctx->length / 4;
}

void stm_clear_doom(stm_context_t *ctx)
{
    /* Almost always 0: look before the exchange (a locked instruction),
       twice per transaction.  A doom that lands right after the look is
       for the attempt that just ended: stale, and the next safe point's
       stm_check_doom clears it. */
    if (atomic_load_explicit(&ctx->doom, memory_order_relaxed) != 0 &&
        atomic_exchange(&ctx->doom, 0) != 0)
        __atomic_sub_fetch(&_stm_shared.attention, 1, __ATOMIC_SEQ_CST);
}

static void leave_tx(stm_context_t *ctx)
{
    atomic_store_explicit(&ctx->in_tx, 0, memory_order_relaxed);
    if (ctx->slot)
        atomic_store_explicit(&ctx->slot->running, 0, memory_order_release);
    /* The attempt number before the slot's: commit version 2 reads them
       in the other order (docs/stm.md, "Commit version 2"). */
    atomic_fetch_add(&ctx->attempt, 1);
    if (ctx->slot)
        atomic_fetch_add(&ctx->slot->attempt_seq, 1);
    ctx->txid = 0;
    ctx->wset.len = 0;
    ctx->deferred.len = 0;
    ctx->on_abort.len = 0;
    ctx->undo.len = 0;
    ctx->undo_bytes.len = 0;
#if STM_VERIFY
    ctx->vreads.len = 0;
#endif
    stm_clear_doom(ctx);
    if (_stm_tls.ctx == ctx)
        stm_load_tls(ctx);
}

void stm_abort_undo(stm_context_t *ctx, stm_abort_reason_t reason)
{
    STM_ASSERT(ctx->in_tx && _stm_tls.ctx == ctx);
    ctx->no_abort = 0;
    stm_stat_enter(ctx, STM_STAT_BOOKKEEPING);
    double lost = ctx->attempt_run;
    static const int run_state[STM_ABORT_N] = {
        [STM_ABORT_NONE] = STM_STAT_RUN_ABORTED_OTHER,
        [STM_ABORT_WRITE_WRITE] = STM_STAT_RUN_ABORTED_WW,
        [STM_ABORT_WRITE_READ] = STM_STAT_RUN_ABORTED_WR,
        [STM_ABORT_INEVITABLE] = STM_STAT_RUN_ABORTED_INEV,
        [STM_ABORT_OTHER] = STM_STAT_RUN_ABORTED_OTHER,
    };
    stm_stat_end_attempt(ctx, run_state[reason]);

    /* Drop the copies.  An entry whose word is no longer in the object was
       taken over by the inevitable transaction: free only our copy. */
    stm_wentry_t *e = ctx->wset.items;
    for (size_t i = ctx->wset.len; i-- > 0;) {    /* newest first */
        uintptr_t w = e[i].word;
        __atomic_compare_exchange_n(&e[i].obj->stm_copy, &w, 0, false,
                                    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        gc_free(e[i].copy);
    }
    ctx->wset.len = 0;    /* before any client callback can collect */
    const stm_undo_t *u = ctx->undo.items;
    for (size_t i = ctx->undo.len; i-- > 0;)
        memcpy(u[i].addr, (char *)ctx->undo_bytes.items + u[i].offset,
               u[i].size);
    stm_private_t *p = ctx->privates.items;
    for (size_t i = 0; i < ctx->privates.len; i++)
        memcpy(p[i].addr, p[i].snap, p[i].size);
    ctx->atomic = ctx->atomic_snapshot;
    /* Abort callbacks newest first: they may release resources that later
       ones were built on. */
    stm_action_t *a = ctx->on_abort.items;
    for (size_t i = ctx->on_abort.len; i-- > 0;)
        a[i].fn(a[i].arg);
    release_token(ctx);

    ctx->last_reason = reason;
    ctx->last_lost = lost;
    ctx->last_self = _stm_tls.loc;
    ctx->last_other = ctx->doom_loc;
    if (ctx->longest_reason == STM_ABORT_NONE || lost > ctx->longest_lost) {
        ctx->longest_reason = reason;
        ctx->longest_lost = lost;
        ctx->longest_self = ctx->last_self;
        ctx->longest_other = ctx->last_other;
    }
    ctx->doom_loc = (stm_location_t){0};
    ctx->doom_other = 0;
    leave_tx(ctx);
    ctx->consecutive_aborts++;
    int k = atomic_load(&stm_g.inevitable_after);
    if (k > 0 && ctx->consecutive_aborts >= k)
        ctx->want_inevitable = true;
    adapt_length(ctx, true);
    stm_log(ctx, 0, STM_EV_ABORT, NULL, NULL);
    stm_stat_enter(ctx, STM_STAT_OUTSIDE);
}

_Noreturn void stm_abort_with(stm_context_t *ctx, stm_abort_reason_t reason)
{
    stm_abort_undo(ctx, reason);
    longjmp(ctx->abort_target, (int)reason);
}

void stm_abort_transaction(void)
{
    stm_context_t *ctx = _stm_tls.ctx;
    ctx->doom_loc = (stm_location_t){0};
    stm_abort_with(ctx, STM_ABORT_OTHER);
}

void stm_check_doom(stm_context_t *ctx)
{
    uint64_t d = atomic_load(&ctx->doom);
    if (__builtin_expect(d == 0, 1))
        return;
    if ((d >> 8) != atomic_load(&ctx->attempt)) {
        /* Stale: meant for an attempt that has ended.  A committer may
           replace it with a real doom meanwhile: then the CAS fails and
           the real one stays. */
        if (atomic_compare_exchange_strong(&ctx->doom, &d, 0))
            __atomic_sub_fetch(&_stm_shared.attention, 1, __ATOMIC_SEQ_CST);
        return;
    }
    if (!ctx->in_tx || ctx->inevitable)
        return;
    pthread_mutex_lock(&stm_g.lock);    /* stm_doom wrote them under it */
    ctx->doom_loc = ctx->doomer_loc;
    ctx->doom_other = ctx->doomer_number;
    pthread_mutex_unlock(&stm_g.lock);
    stm_abort_with(ctx, (stm_abort_reason_t)(d & 0xff));
}

void stm_doom(stm_context_t *victim, uint64_t attempt,
              stm_abort_reason_t reason, const stm_location_t *loc,
              uint32_t other)
{
    /* Never doom an inevitable attempt: it cannot abort.  (The token of
       a later attempt of the victim makes this doom stale anyway.) */
    if (atomic_load(&stm_g.inevitable) == victim)
        return;
    uint64_t want = (attempt << 8) | (uint64_t)reason;
    uint64_t cur = atomic_load(&victim->doom);
    do {
        if (cur != 0 && (cur >> 8) == attempt)
            return;                 /* that attempt is doomed already */
    } while (!atomic_compare_exchange_weak(&victim->doom, &cur, want));
    victim->doomer_loc = loc ? *loc : (stm_location_t){0};
    victim->doomer_number = other;
    if (cur == 0)                   /* replacing a stale one: counted */
        __atomic_add_fetch(&_stm_shared.attention, 1, __ATOMIC_SEQ_CST);
}

/* ---- the world ---------------------------------------------------------- */

void stm_lock_world(stm_context_t *ctx)
{
    int prev = stm_stat_enter(ctx, STM_STAT_SYNC_PAUSE);
    stm_log(ctx, 0, STM_EV_WAIT_SYNC_PAUSE, NULL, NULL);
    /* Never longjmp out of gc/ or while holding the lock: park with the
       hook disarmed, then look at doom ourselves. */
    if (stm_g.commit_version == 2) {
        /* A version-2 committer may be waiting for us to notice doom:
           no blocking wait for the lock. */
        stm_commit_lock_v2(ctx);
        ctx->no_abort++;
    } else {
        ctx->no_abort++;
        if (!stm_commit_trylock()) {
            gc_enter_blocking();
            /* A commit holds the lock for microseconds, and sleeping on it
               costs tens: spin first when the threads fit on the CPUs
               (inside the blocking section, so the holder's stop of the
               world does not wait for us). */
            long spin = gc_spin_hint() * 16;
            bool got = false;
            for (long i = 0; i < spin && !got; i++) {
#if defined(__x86_64__) || defined(__i386__)
                __builtin_ia32_pause();
#endif
                if ((i & 15) == 15)
                    got = stm_commit_trylock();
            }
            if (!got)
                stm_commit_lock_sleeping();
            gc_leave_blocking();
        }
    }
    gc_stop_world();
    ctx->no_abort--;
    stm_log(ctx, 0, STM_EV_WAIT_DONE, NULL, NULL);
    stm_stat_enter(ctx, prev);
    if (stm_doom_reason(ctx) && ctx->in_tx && !ctx->inevitable) {
        stm_unlock_world(ctx);
        stm_check_doom(ctx);
    }
}

void stm_unlock_world(stm_context_t *ctx)
{
    (void)ctx;
    gc_restart_world();
    stm_commit_unlock();
}

/* ---- commit ------------------------------------------------------------- */

uint64_t stm_take_ticket(stm_context_t *ctx)
{
    if (ctx->deferred.len == 0)
        return 0;
    return __atomic_add_fetch(&stm_g.ticket_next, 1, __ATOMIC_SEQ_CST);
}

/* Runs the deferred actions of the commit holding TICKET after those of
   every earlier ticket.  Waiting and the actions themselves happen in a gc
   blocking section: the actions are client code that never polls a safe
   point (writing output may block), and must not hold up commits and
   collections.  Their arguments stay roots (they are still in the
   context's deferred list). */
static void run_deferred(stm_context_t *ctx, uint64_t ticket)
{
    size_t n = ctx->deferred.len;
    gc_enter_blocking();
    pthread_mutex_lock(&stm_g.act_lock);
    if (stm_g.ticket_done + 1 != ticket) {
        int prev = stm_stat_enter(ctx, STM_STAT_WAIT_OTHER);
        while (stm_g.ticket_done + 1 != ticket)
            pthread_cond_wait(&stm_g.act_cond, &stm_g.act_lock);
        stm_stat_enter(ctx, prev);
    }
    pthread_mutex_unlock(&stm_g.act_lock);
    stm_action_t *a = ctx->deferred.items;
    for (size_t i = 0; i < n; i++)
        a[i].fn(a[i].arg);
    pthread_mutex_lock(&stm_g.act_lock);
    stm_g.ticket_done = ticket;
    pthread_cond_broadcast(&stm_g.act_cond);
    pthread_mutex_unlock(&stm_g.act_lock);
    ctx->no_abort++;
    gc_leave_blocking();
    ctx->no_abort--;
    ctx->deferred.len = 0;
}

static void finish_commit(stm_context_t *ctx, uint64_t ticket)
{
    stm_stat_end_attempt(ctx, STM_STAT_RUN_COMMITTED);
    release_token(ctx);
    ctx->consecutive_aborts = 0;
    ctx->want_inevitable = false;
    adapt_length(ctx, false);
    stm_log(ctx, 0, STM_EV_COMMIT, NULL, NULL);
    /* Keep the deferred list across leave_tx. */
    stm_vec_t deferred = ctx->deferred;
    ctx->deferred = (stm_vec_t){0};
    leave_tx(ctx);
    ctx->deferred = deferred;
    if (ticket == 0 && deferred.len > 0)
        ticket = __atomic_add_fetch(&stm_g.ticket_next, 1, __ATOMIC_SEQ_CST);
    if (ticket != 0) {
        stm_stat_enter(ctx, STM_STAT_BOOKKEEPING);
        run_deferred(ctx, ticket);
    }
    if (ctx->state != STM_STAT_OUTSIDE)
        stm_stat_enter(ctx, STM_STAT_OUTSIDE);
}

/* Step 2 of commit version 1, with the world stopped: dooms every
   non-inevitable reader of the write set.  Returns the inevitable reader
   found first (then nothing is doomed), or NULL. */
static stm_context_t *doom_readers(stm_context_t *ctx)
{
    stm_context_t *doomlist[STM_MAX_SLOTS];
    stm_location_t *doomloc[STM_MAX_SLOTS];
    int ndoom = 0;
    const stm_wentry_t *e = ctx->wset.items;
    size_t n = ctx->wset.len;
    for (int s = 0; s < stm_g.nslots; s++) {
        stm_slot_t *slot = &stm_g.slots[s];
        /* Threads in blocking sections are not stopped: they may take a
           free slot or free their idle context meanwhile.  A slot whose
           holder runs a transaction is stable (the holder is parked, or
           waits for the commit lock), so look at the context only then. */
        if (slot == ctx->slot || !atomic_load(&slot->running))
            continue;
        stm_context_t *c = __atomic_load_n(&slot->ctx, __ATOMIC_ACQUIRE);
        if (!c || stm_doom_reason(c))
            continue;
        size_t hit = stm_first_marked(slot, e, n, slot->read_version);
        if (hit == n)
            continue;
        if (c->inevitable)
            return c;
        doomlist[ndoom] = c;
        doomloc[ndoom] = (stm_location_t *)&e[hit].loc;
        ndoom++;
    }
    if (ndoom == 0)
        return NULL;
    /* The world is stopped: every victim is parked (or waits for the
       commit lock) in the attempt we scanned. */
    pthread_mutex_lock(&stm_g.lock);
    for (int i = 0; i < ndoom; i++) {
        stm_log(ctx, doomlist[i]->number, STM_EV_CONTENTION_WRITE_READ,
                doomloc[i], NULL);
        stm_log(ctx, doomlist[i]->number, STM_EV_ABORTING_OTHER, NULL, NULL);
        stm_doom(doomlist[i], atomic_load(&doomlist[i]->attempt),
                 STM_ABORT_WRITE_READ, doomloc[i], ctx->number);
    }
    pthread_mutex_unlock(&stm_g.lock);
    return NULL;
}

static void write_back(stm_context_t *ctx)
{
    stm_wentry_t *e = ctx->wset.items;
    for (size_t i = 0; i < ctx->wset.len; i++) {
        size_t size = gc_size(e[i].obj);
        memcpy((char *)e[i].obj + sizeof(gc_header_t),
               (char *)e[i].copy + sizeof(gc_header_t),
               size - sizeof(gc_header_t));
        __atomic_store_n(&e[i].obj->stm_copy, 0, __ATOMIC_RELEASE);
    }
    /* Newest first: see stm_commit2.c. */
    for (size_t i = ctx->wset.len; i-- > 0;)
        gc_free(e[i].copy);
    ctx->wset.len = 0;
}

int stm_commit_transaction(void)
{
    stm_context_t *ctx = _stm_tls.ctx;
    STM_ASSERT(ctx && ctx->in_tx);
    if (ctx->atomic > 0)
        return -1;
    stm_check_doom(ctx);
    if (ctx->wset.len == 0) {
        /* Only young objects and private state changed: nothing to
           publish, nobody to doom, no synchronisation. */
#if STM_VERIFY
        stm_verify_commit(ctx);
#endif
        ctx->st.commits_readonly++;
        finish_commit(ctx, 0);
        return 0;
    }
    if (stm_g.commit_version == 2) {
        uint64_t ticket = stm_commit_v2(ctx);
        ctx->st.commits_writing++;
        finish_commit(ctx, ticket);
        return 0;
    }
    stm_lock_world(ctx);
    stm_stat_enter(ctx, STM_STAT_BOOKKEEPING);
    stm_context_t *inev = doom_readers(ctx);
    if (inev) {
        /* An inevitable transaction read what we wrote: it cannot abort,
           so we do. */
        stm_unlock_world(ctx);
        ctx->doom_other = inev->number;
        ctx->doom_loc = (stm_location_t){0};
        stm_log(ctx, inev->number, STM_EV_CONTENTION_INEVITABLE,
                &_stm_tls.loc, NULL);
        stm_abort_with(ctx, STM_ABORT_INEVITABLE);
    }
#if STM_VERIFY
    stm_verify_commit(ctx);
#endif
    write_back(ctx);
    uint64_t ticket = stm_take_ticket(ctx);
    stm_unlock_world(ctx);
    ctx->st.commits_writing++;
    finish_commit(ctx, ticket);
    return 0;
}

int stm_transaction_break(void)
{
    stm_context_t *ctx = _stm_tls.ctx;
    if (ctx->atomic > 0)
        return 0;
    stm_commit_transaction();
    stm_start_transaction();
    return 1;
}

/* The trampoline proper: nothing here changes between setjmp and
   longjmp.  Not inlined, so that its frame (where the target points) is
   separate from stm_run's saved copy of the previous target. */
static __attribute__((noinline)) int run_trampoline(stm_context_t *ctx,
                                                    int (*fn)(void *arg),
                                                    void *arg)
{
    setjmp(ctx->abort_target);
    stm_start_transaction();
    int result = fn(arg);
    if (ctx->in_tx) {
        ctx->atomic = 0;
        stm_commit_transaction();
    }
    return result;
}

int stm_run(int (*fn)(void *arg), void *arg)
{
    stm_context_t *ctx = _stm_tls.ctx;
    if (!ctx)
        stm_fatal("stm_run: the calling thread has no context "
                  "(stm_thread_attach first)");
    if (ctx->in_tx)
        return fn(arg);
    /* A run nested in the FN of another (between two of its
       transactions) arms the target in its own frame: put back the
       enclosing one afterwards, or the enclosing FN's later aborts would
       jump into this dead frame. */
    jmp_buf saved;
    memcpy(&saved, &ctx->abort_target, sizeof saved);
    int result = run_trampoline(ctx, fn, arg);
    memcpy(&ctx->abort_target, &saved, sizeof saved);
    return result;
}

/* ---- atomic sections ----------------------------------------------------- */

void stm_atomic_enter(void)
{
    _stm_tls.ctx->atomic++;
}

int stm_atomic_leave(void)
{
    stm_context_t *ctx = _stm_tls.ctx;
    if (ctx->atomic <= 0)
        return -1;
    return --ctx->atomic;
}

int stm_atomic_level(void)
{
    return _stm_tls.ctx ? _stm_tls.ctx->atomic : 0;
}

/* ---- length --------------------------------------------------------------- */

uint64_t stm_length_limit(void)
{
    return _stm_tls.ctx->length;
}

void stm_set_length_policy(uint64_t (*policy)(uint64_t limit, bool aborted))
{
    stm_g.length_policy = policy;
}

/* ---- actions and private state ------------------------------------------ */

static int push_action(stm_vec_t *v, void (*fn)(void *), void *arg)
{
    stm_action_t *a = stm_vec_push(v, sizeof *a);
    if (!a)
        return -1;
    a->fn = fn;
    a->arg = arg;
    return 0;
}

int stm_defer(void (*fn)(void *arg), void *arg)
{
    STM_ASSERT(_stm_tls.ctx && _stm_tls.ctx->in_tx);
    return push_action(&_stm_tls.ctx->deferred, fn, arg);
}

int stm_on_abort(void (*fn)(void *arg), void *arg)
{
    STM_ASSERT(_stm_tls.ctx && _stm_tls.ctx->in_tx);
    return push_action(&_stm_tls.ctx->on_abort, fn, arg);
}

int stm_register_private(void *addr, size_t size)
{
    stm_context_t *ctx = _stm_tls.ctx;
    void *snap = malloc(size ? size : 1);
    if (!snap)
        return -1;
    memcpy(snap, addr, size);
    pthread_mutex_lock(&stm_g.lock);   /* the root callback reads the list */
    stm_private_t *p = stm_vec_push(&ctx->privates, sizeof *p);
    if (p) {
        p->addr = addr;
        p->size = size;
        p->snap = snap;
    }
    pthread_mutex_unlock(&stm_g.lock);
    if (!p) {
        free(snap);
        return -1;
    }
    return 0;
}

int stm_undo_save(void *addr, size_t size)
{
    stm_context_t *ctx = _stm_tls.ctx;
    STM_ASSERT(ctx && ctx->in_tx);
    size_t off = ctx->undo_bytes.len;
    /* 8-aligned, so the conservative root scan sees saved pointers. */
    size_t padded = (size + 7) & ~(size_t)7;
    char *bytes = stm_vec_grow(&ctx->undo_bytes, 1, padded);
    if (!bytes)
        return -1;
    stm_undo_t *u = stm_vec_push(&ctx->undo, sizeof *u);
    if (!u) {
        ctx->undo_bytes.len = off;
        return -1;
    }
    memcpy(bytes, addr, size);
    u->addr = addr;
    u->size = size;
    u->offset = off;
    return 0;
}

void stm_unregister_private(void *addr)
{
    stm_context_t *ctx = _stm_tls.ctx;
    pthread_mutex_lock(&stm_g.lock);
    stm_private_t *p = ctx->privates.items;
    for (size_t i = 0; i < ctx->privates.len; i++) {
        if (p[i].addr == addr) {
            free(p[i].snap);
            p[i] = p[--ctx->privates.len];
            break;
        }
    }
    pthread_mutex_unlock(&stm_g.lock);
}

/* ---- introspection -------------------------------------------------------- */

stm_abort_reason_t stm_last_abort(double *lost_seconds, stm_location_t *self,
                                  stm_location_t *other)
{
    stm_context_t *ctx = _stm_tls.ctx;
    if (lost_seconds)
        *lost_seconds = ctx->last_lost;
    if (self)
        *self = ctx->last_self;
    if (other)
        *other = ctx->last_other;
    return ctx->last_reason;
}

stm_abort_reason_t stm_take_longest_abort(double min_seconds,
                                          double *lost_seconds,
                                          stm_location_t *self,
                                          stm_location_t *other)
{
    stm_context_t *ctx = _stm_tls.ctx;
    stm_abort_reason_t r = ctx->longest_reason;
    if (r == STM_ABORT_NONE || ctx->longest_lost < min_seconds)
        return STM_ABORT_NONE;
    if (lost_seconds)
        *lost_seconds = ctx->longest_lost;
    if (self)
        *self = ctx->longest_self;
    if (other)
        *other = ctx->longest_other;
    ctx->longest_reason = STM_ABORT_NONE;
    ctx->longest_lost = 0;
    return r;
}

size_t stm_write_set_size(void)
{
    return _stm_tls.ctx->wset.len;
}
