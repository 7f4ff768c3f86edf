/* stm_commit2.c -- commit version 2 of DESIGN §4: no global pause.
 *
 * Experimental, chosen with PYPYSTM_COMMIT=2 (version 1 stays the
 * default until the spin model and the tests/stm/ stress programs have
 * passed with this one).  The reasoning is in docs/stm.md, "Commit
 * version 2"; in short:
 *   1. take the commit lock (spinning: a thread waiting for it may be a
 *      reader we must wait for, so it has to notice doom);
 *   2. tag every written object's stm_copy word as committing;
 *   3. membarrier(): every marker store a reader made before this point is
 *      now visible, and every load a reader makes after it sees the tags;
 *   4. scan the other slots' markers: an inevitable reader makes us untag
 *      and abort; other readers are doomed;
 *   5. wait until each doomed attempt has ended (readers notice doom at
 *      safe points and in every wait; a reader meeting a tag waits);
 *   6. write back, clear the words, free the copies.
 * Doomed readers were never able to read a written-back value (we waited
 * for them), and readers that meet a tag wait for the new values, so
 * opacity holds without stopping anybody. */
#include "stm/stm_internal.h"

#include <linux/membarrier.h>
#include <sched.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static int membarrier(int cmd)
{
    return (int)syscall(__NR_membarrier, cmd, 0, 0);
}

bool stm_membarrier_register(void)
{
    if (stm_g.membarrier_ok)
        return true;
    int q = membarrier(MEMBARRIER_CMD_QUERY);
    if (q < 0 || !(q & MEMBARRIER_CMD_PRIVATE_EXPEDITED))
        return false;
    if (membarrier(MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED) != 0)
        return false;
    stm_g.membarrier_ok = true;
    return true;
}

static void cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}

/* One round of waiting: serve a collection's park request (the hook
   disarmed: we may hold the commit lock) and let others run. */
static void wait_round(stm_context_t *ctx)
{
    ctx->no_abort++;
    gc_safepoint();
    ctx->no_abort--;
    sched_yield();
}

void stm_commit_lock_v2(stm_context_t *ctx)
{
    while (pthread_mutex_trylock(&stm_g.commit_lock) != 0) {
        stm_check_doom(ctx);
        wait_round(ctx);
    }
    if (stm_doom_reason(ctx) && ctx->in_tx && !ctx->inevitable) {
        pthread_mutex_unlock(&stm_g.commit_lock);
        stm_check_doom(ctx);
    }
}

/* R met a committing tag: wait for the write-back, noticing doom (the
   committer may be waiting for exactly that) and serving park requests.
   The marker was stored by the inline R before it looked at the word. */
const void *_stm_read_slow(const void *obj)
{
    stm_context_t *ctx = _stm_tls.ctx;
    const gc_header_t *h = obj;
    int prev = -1;
    for (unsigned spins = 0;; spins++) {
        uintptr_t w = __atomic_load_n(&h->stm_copy, __ATOMIC_ACQUIRE);
        if (!(w & STM_COPY_COMMITTING)) {
            if (prev >= 0)
                stm_stat_enter(ctx, prev);
            if (w != 0 && (w & STM_COPY_TAG_MASK) == _stm_tls.own_tag)
                return gc_copy_ptr(w);
            return obj;
        }
        if (prev < 0)
            prev = stm_stat_enter(ctx, STM_STAT_WAIT_WRITE_READ);
        stm_check_doom(ctx);
        if (spins < 64)
            cpu_relax();
        else
            wait_round(ctx);
    }
}

typedef struct victim {
    stm_slot_t *slot;
    uint64_t    seq;        /* the slot's attempt_seq during the attempt */
    uint64_t    attempt;    /* the context's attempt number */
    bool        same_thread;
} victim_t;

uint64_t stm_commit_v2(stm_context_t *ctx)
{
    int prev = stm_stat_enter(ctx, STM_STAT_SYNC_PAUSE);
    stm_log(ctx, 0, STM_EV_WAIT_SYNC_PAUSE, NULL, NULL);
    stm_commit_lock_v2(ctx);
    stm_log(ctx, 0, STM_EV_WAIT_DONE, NULL, NULL);
    stm_stat_enter(ctx, STM_STAT_BOOKKEEPING);
    (void)prev;

    stm_wentry_t *e = ctx->wset.items;
    size_t n = ctx->wset.len;
    for (size_t i = 0; i < n; i++)
        __atomic_store_n(&e[i].obj->stm_copy, e[i].word | STM_COPY_COMMITTING,
                         __ATOMIC_SEQ_CST);
    membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED);

    /* Scan under g.lock, which keeps contexts from being freed. */
    victim_t victims[STM_MAX_SLOTS];
    stm_location_t *vloc[STM_MAX_SLOTS];
    stm_context_t *vctx[STM_MAX_SLOTS];
    int nv = 0;
    stm_context_t *inev = NULL;
    pthread_mutex_lock(&stm_g.lock);
    for (int s = 0; s < stm_g.nslots && !inev; s++) {
        stm_slot_t *slot = &stm_g.slots[s];
        stm_context_t *c = slot->ctx;   /* stable under g.lock */
        if (!c || c == ctx)
            continue;
        /* The victim ends and starts attempts without any lock: read its
           attempt number, then in_tx, then the slot's sequence number,
           the version and the markers, and retry if the attempt number
           moved meanwhile (a seqlock).  leave_tx bumps the attempt number
           before the slot's, and start stores the version before in_tx:
           with a stable attempt number, everything read belongs to that
           one attempt, and the doom carries its number (a doom that still
           lands after it ended is stale: the victim ignores it). */
        for (;;) {
            uint64_t att = atomic_load(&c->attempt);
            if (!atomic_load(&c->in_tx))
                break;
            uint64_t seq = atomic_load(&slot->attempt_seq);
            uint8_t v = __atomic_load_n(&slot->read_version,
                                        __ATOMIC_SEQ_CST);
            size_t hit = n;
            for (size_t i = 0; i < n; i++) {
                size_t idx = (size_t)((char *)e[i].obj - gc_heap_base) >> 4;
                if (__atomic_load_n(&slot->markers[idx],
                                    __ATOMIC_RELAXED) == v) {
                    hit = i;
                    break;
                }
            }
            /* Inevitable in this attempt: it took the token at its start
               or under the commit lock, which we hold. */
            bool is_inev = atomic_load(&stm_g.inevitable) == c;
            if (atomic_load(&c->attempt) != att)
                continue;
            if (hit == n)
                break;
            if (is_inev) {
                inev = c;
                break;
            }
            victims[nv] = (victim_t){
                .slot = slot, .seq = seq, .attempt = att,
                .same_thread = pthread_equal(c->thread, ctx->thread)};
            vloc[nv] = &e[hit].loc;
            vctx[nv] = c;
            nv++;
            break;
        }
    }
    if (!inev) {
        for (int i = 0; i < nv; i++) {
            stm_log(ctx, vctx[i]->number, STM_EV_CONTENTION_WRITE_READ,
                    vloc[i], NULL);
            stm_log(ctx, vctx[i]->number, STM_EV_ABORTING_OTHER, NULL, NULL);
            stm_doom(vctx[i], victims[i].attempt, STM_ABORT_WRITE_READ,
                     vloc[i], ctx->number);
        }
    }
    pthread_mutex_unlock(&stm_g.lock);

    if (inev) {
        for (size_t i = 0; i < n; i++)
            __atomic_store_n(&e[i].obj->stm_copy, e[i].word,
                             __ATOMIC_SEQ_CST);
        pthread_mutex_unlock(&stm_g.commit_lock);
        ctx->doom_other = inev->number;
        ctx->doom_loc = (stm_location_t){0};
        stm_log(ctx, inev->number, STM_EV_CONTENTION_INEVITABLE,
                &_stm_tls.loc, NULL);
        stm_abort_with(ctx, STM_ABORT_INEVITABLE);
    }

    /* Wait for every doomed attempt of another thread to end.  (A logical
       context of this same thread is parked and cannot read: it aborts
       when it is switched in.) */
    for (int i = 0; i < nv; i++) {
        if (victims[i].same_thread)
            continue;
        if (atomic_load(&victims[i].slot->attempt_seq) == victims[i].seq) {
            stm_stat_enter(ctx, STM_STAT_SYNC_PAUSE);
            while (atomic_load(&victims[i].slot->attempt_seq) ==
                   victims[i].seq)
                wait_round(ctx);
            stm_stat_enter(ctx, STM_STAT_BOOKKEEPING);
        }
    }

#if STM_VERIFY
    stm_verify_commit(ctx);
#endif
    for (size_t i = 0; i < n; i++) {
        size_t size = gc_size(e[i].obj);
        memcpy((char *)e[i].obj + sizeof(gc_header_t),
               (char *)e[i].copy + sizeof(gc_header_t),
               size - sizeof(gc_header_t));
        __atomic_store_n(&e[i].obj->stm_copy, 0, __ATOMIC_RELEASE);
        gc_free(e[i].copy);
    }
    ctx->wset.len = 0;
    uint64_t ticket = __atomic_add_fetch(&stm_g.ticket_next, 1,
                                         __ATOMIC_SEQ_CST);
    pthread_mutex_unlock(&stm_g.commit_lock);
    return ticket;
}
