/* stm_commit2.c -- commit version 2 of DESIGN §4: no global pause (the
 * default; PYPYSTM_COMMIT=1 selects version 1).  The reasoning is in
 * docs/stm.md, "Commit version 2"; in short:
 *   1. take the commit lock (spinning: a thread waiting for it may be a
 *      reader we must wait for, so it has to acknowledge and notice doom);
 *   2. tag every written object's stm_copy word as committing;
 *   3. publish a new epoch and wait until every other running
 *      transaction has acknowledged it at a safe point: its read markers
 *      stored before are then visible to us, and its loads after see the
 *      tags (DESIGN asks for membarrier() here; it costs 15-30 us per call
 *      on virtual machines, where it interrupts every CPU);
 *   4. scan the other slots' markers: an inevitable reader makes us untag
 *      and abort; other readers are doomed;
 *   5. wait until each doomed attempt has ended (readers notice doom at
 *      safe points and in every wait; a reader meeting a tag waits);
 *   6. stop counting as running, unlock, then write back, clear the
 *      words and free the copies (the tags keep everyone off the objects
 *      until each is written back; the next commit overlaps with that).
 * Doomed readers were never able to read a written-back value (we waited
 * for them), and readers that meet a tag wait for the new values, so
 * opacity holds without stopping anybody. */
#include "stm/stm_internal.h"

#include <sched.h>
#include <string.h>

static void cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}

/* One round of waiting inside a transaction or holding the commit lock:
   acknowledge the newest epoch, serve a collection's park request (the
   hook disarmed: we may hold the commit lock), then pause -- a short
   spin while the threads fit on the CPUs, else let others run. */
static void wait_round(stm_context_t *ctx, unsigned *spins)
{
    stm_ack(ctx);
    ctx->no_abort++;
    gc_safepoint();
    ctx->no_abort--;
    if (*spins < 64 || (long)*spins < gc_spin_hint()) {
        ++*spins;
        cpu_relax();
    } else {
        sched_yield();
    }
}

void stm_commit_lock_v2(stm_context_t *ctx)
{
    unsigned spins = 0;
    while (!stm_commit_trylock()) {
        stm_check_doom(ctx);
        wait_round(ctx, &spins);
    }
    if (stm_doom_reason(ctx) && ctx->in_tx && !ctx->inevitable) {
        stm_commit_unlock();
        stm_check_doom(ctx);
    }
}

/* R met a committing tag: wait for the write-back, acknowledging and
   noticing doom (the committer may be waiting for exactly that) and
   serving park requests.  The marker was stored by the inline R before
   it looked at the word. */
const void *_stm_read_slow(const void *obj)
{
    stm_context_t *ctx = _stm_tls.ctx;
    const gc_header_t *h = obj;
    int prev = -1;
    unsigned spins = 0;
    for (;;) {
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
        wait_round(ctx, &spins);
    }
}

/* Step 3: publishes a new epoch and waits until every other slot
   running a transaction on another OS thread has acknowledged it (every
   thread's next poll sees the epoch change), ended that attempt, or been
   switched out.  Only the slot's own cache line is read (no g.lock, no
   context).
   Why an attempt we do not wait for sees our tags: the tags, then a
   sequentially consistent fence, then we read the slot; a start stores
   `running`, then such a fence, then reads (stm_start_transaction; the
   same for `current` in set_current).  If we read `running == 0` (or
   `current == 0`), our fence precedes the starter's in the fences' total
   order, so its loads see the tags.  attempt_seq is read before `running`:
   if the attempt seen running ends meanwhile, attempt_seq moves and we
   stop waiting -- its increment, and the next start's fence, come after
   our read, so again the next attempt sees the tags.  `thread` is read
   after `running`: it is that attempt's holder; it can only be stale as
   "our own thread" if we released the slot ourselves, before this
   commit.  Logical contexts of our own OS thread read nothing while we
   run. */
static void wait_acks(stm_context_t *ctx)
{
    uint64_t e = atomic_fetch_add(&_stm_shared.epoch, 1) + 1;
    atomic_thread_fence(memory_order_seq_cst);  /* (free after the RMW on x86) */
    bool waiting = false;
    int prev = 0;
    unsigned spins = 0;
    for (int s = 0; s < stm_g.nslots; s++) {
        stm_slot_t *slot = &stm_g.slots[s];
        if (slot == ctx->slot)
            continue;
        uint64_t seq = atomic_load(&slot->attempt_seq);
        if (!atomic_load(&slot->running) || !atomic_load(&slot->current) ||
            pthread_equal(__atomic_load_n(&slot->thread, __ATOMIC_RELAXED),
                          ctx->thread))
            continue;
        while (atomic_load(&slot->acked) < e &&
               atomic_load(&slot->attempt_seq) == seq &&
               atomic_load(&slot->current)) {
            if (!waiting) {
                waiting = true;
                prev = stm_stat_enter(ctx, STM_STAT_SYNC_PAUSE);
            }
            wait_round(ctx, &spins);
        }
    }
    if (waiting)
        stm_stat_enter(ctx, prev);
}

/* Step 4, first pass, without locks: the slots whose running attempt may
   have read part of the write set, as a bit mask.  A slot that is not
   running, or whose markers miss, needs nothing: an attempt that ended
   is serialised before us, and one that started after our acks were in
   sees the tags.  Reading the version of a newer attempt than the one
   whose markers match only costs the careful second pass. */
static uint64_t readers_mask(stm_context_t *ctx)
{
    const stm_wentry_t *e = ctx->wset.items;
    size_t n = ctx->wset.len;
    uint64_t mask = 0;
    for (int s = 0; s < stm_g.nslots; s++) {
        stm_slot_t *slot = &stm_g.slots[s];
        if (slot == ctx->slot || !atomic_load(&slot->running))
            continue;
        stm_marker_t v = __atomic_load_n(&slot->read_version,
                                         __ATOMIC_RELAXED);
        if (stm_first_marked(slot, e, n, v) < n)
            mask |= UINT64_C(1) << s;
    }
    return mask;
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
                         __ATOMIC_RELAXED);
    wait_acks(ctx);

    /* Second pass, only over the slots the first found, under g.lock,
       which keeps contexts from being freed. */
    victim_t victims[STM_MAX_SLOTS];
    stm_location_t *vloc[STM_MAX_SLOTS];
    stm_context_t *vctx[STM_MAX_SLOTS];
    int nv = 0;
    stm_context_t *inev = NULL;
    uint64_t mask = readers_mask(ctx);
    if (mask)
        pthread_mutex_lock(&stm_g.lock);
    for (int s = 0; mask && s < stm_g.nslots && !inev; s++) {
        if (!(mask & (UINT64_C(1) << s)))
            continue;
        stm_slot_t *slot = &stm_g.slots[s];
        stm_context_t *c = slot->ctx;   /* stable under g.lock */
        if (!c || c == ctx)
            continue;
        /* The victim ends and starts attempts without any lock: read its
           attempt number, then `running`, then the slot's sequence
           number, the version and the markers, and retry if the attempt
           number moved meanwhile (a seqlock).  leave_tx bumps the attempt
           number before the slot's, and start stores the version before
           `running`: with a stable attempt number, everything read
           belongs to that one attempt, and the doom carries its number
           (a doom that still lands after it ended is stale: the victim
           ignores it). */
        for (;;) {
            uint64_t att = atomic_load(&c->attempt);
            if (!atomic_load(&slot->running))
                break;
            uint64_t seq = atomic_load(&slot->attempt_seq);
            stm_marker_t v = __atomic_load_n(&slot->read_version,
                                             __ATOMIC_SEQ_CST);
            size_t hit = stm_first_marked(slot, e, n, v);
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
    if (mask)
        pthread_mutex_unlock(&stm_g.lock);

    if (inev) {
        for (size_t i = 0; i < n; i++)
            __atomic_store_n(&e[i].obj->stm_copy, e[i].word,
                             __ATOMIC_SEQ_CST);
        stm_commit_unlock();
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
            unsigned spins = 0;
            while (atomic_load(&victims[i].slot->attempt_seq) ==
                   victims[i].seq)
                wait_round(ctx, &spins);
            stm_stat_enter(ctx, STM_STAT_BOOKKEEPING);
        }
    }

#if STM_VERIFY
    stm_verify_commit(ctx);
#endif
    uint64_t ticket = stm_take_ticket(ctx);
    /* Committed.  Nobody may doom this attempt any more: stop counting as
       a running transaction before the next committer can scan, then
       write back outside the lock (the tags stay until each object is
       written: readers and writers of it wait, as during the section). */
    atomic_store_explicit(&ctx->slot->running, 0, memory_order_release);
    stm_commit_unlock();
    for (size_t i = 0; i < n; i++) {
        size_t size = gc_size(e[i].obj);
        memcpy((char *)e[i].obj + sizeof(gc_header_t),
               (char *)e[i].copy + sizeof(gc_header_t),
               size - sizeof(gc_header_t));
        __atomic_store_n(&e[i].obj->stm_copy, 0, __ATOMIC_RELEASE);
    }
    /* Nobody can reach the copies any more (the words are clear).  Newest
       first: gc_free hands a thread's latest allocations straight back to
       its allocation run, so copies cost no collections. */
    for (size_t i = n; i-- > 0;)
        gc_free(e[i].copy);
    ctx->wset.len = 0;
    return ticket;
}
