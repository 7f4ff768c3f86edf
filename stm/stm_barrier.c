/* stm_barrier.c -- the slow paths of the barriers (stm.h holds the fast
 * paths), safe points, allocation, and the STM_VERIFY barrier checker. */
#include "stm/stm_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

_Noreturn void _stm_bad_object(const void *obj)
{
    if (!gc_in_heap(obj))
        fprintf(stderr, "pypy-stm: stm barrier on %p, which is not in the "
                "heap [%p, %p)\n", obj, (void *)gc_heap_base,
                (void *)gc_heap_end);
    else if (((const gc_header_t *)obj)->meta & GC_FLAG_IS_COPY)
        fprintf(stderr, "pypy-stm: stm barrier on %p, a private copy: a "
                "view was stored and used as an identity\n", obj);
    else
        fprintf(stderr, "pypy-stm: stm_write on %p, an immutable object\n",
                obj);
    abort();
}

/* The inevitable transaction meets a copy owned by another slot: it cannot
   abort, so the owner is doomed and the object taken over, with the world
   stopped so that the owner is not using its copy.  The owner's write-set
   entry stays; its abort sees the word gone and only frees the copy. */
static void steal(stm_context_t *ctx, gc_header_t *h)
{
    stm_lock_world(ctx);
    uintptr_t w = h->stm_copy;
    int owner = stm_copy_owner(w);
    /* (Never a committing tag, says the spin model: a commit that tags
       the object after our look had to scan our marker, met an
       inevitable reader and aborted.  Left alone anyway, defensively:
       the caller's retry would wait for it.) */
    if (owner >= 0 && owner != ctx->slot->index &&
        !(w & STM_COPY_COMMITTING)) {
        pthread_mutex_lock(&stm_g.lock);
        stm_context_t *c = stm_g.slots[owner].ctx;
        if (c) {
            stm_log(ctx, c->number, STM_EV_CONTENTION_WRITE_WRITE,
                    &_stm_tls.loc, NULL);
            stm_log(ctx, c->number, STM_EV_ABORTING_OTHER, NULL, NULL);
            /* The owner is stopped inside the attempt that made the copy
               (or waits for the commit lock in it). */
            stm_doom(c, atomic_load(&c->attempt), STM_ABORT_INEVITABLE,
                     &_stm_tls.loc, ctx->number);
        }
        pthread_mutex_unlock(&stm_g.lock);
        __atomic_store_n(&h->stm_copy, 0, __ATOMIC_RELEASE);
    }
    stm_unlock_world(ctx);
}

void *_stm_write_slow(void *obj)
{
    stm_context_t *ctx = _stm_tls.ctx;
    gc_header_t *h = obj;
    STM_ASSERT(ctx && ctx->in_tx && gc_in_heap(obj));
#if PYPYSTM_DEBUG
    if (h->meta & GC_FLAG_IMMUTABLE)
        _stm_bad_object(obj);
#endif
    stm_ack(ctx);           /* cheap, and shortens a committer's wait */
    stm_check_doom(ctx);
    /* A written object counts as read.  No fence: as for R, a version-2
       committer sees the marker once we acknowledge its epoch, and we see
       its tags after that (docs/stm.md). */
    __atomic_store_n((stm_marker_t *)(_stm_tls.rm_shifted +
                                      ((uintptr_t)h >> 3)),
                     _stm_tls.read_version, __ATOMIC_RELAXED);
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    for (;;) {
        uintptr_t w = __atomic_load_n(&h->stm_copy, __ATOMIC_ACQUIRE);
        if (w != 0) {
            if ((w & STM_COPY_TAG_MASK) == _stm_tls.own_tag)
                return gc_copy_ptr(w);
            if (w & STM_COPY_COMMITTING) {
                /* Being written back: wait, then copy the new value. */
                (void)_stm_read_slow(obj);
                continue;
            }
            if (!ctx->inevitable) {
                /* Write-write: the requester loses.  Back-off is the
                   retry's start plus the K-aborts rule. */
                /* The owner may commit and detach at any moment: read
                   its number under the lock that guards detaching. */
                pthread_mutex_lock(&stm_g.lock);
                stm_context_t *c = stm_g.slots[stm_copy_owner(w)].ctx;
                ctx->doom_other = c ? c->number : 0;
                /* Retrying at once would most likely meet the same copy;
                   an owner on our own OS thread (the tester's logical
                   contexts) cannot progress while we pause. */
                ctx->backoff = c && !pthread_equal(c->thread, ctx->thread);
                pthread_mutex_unlock(&stm_g.lock);
                ctx->doom_loc = (stm_location_t){0};
                stm_log(ctx, ctx->doom_other, STM_EV_CONTENTION_WRITE_WRITE,
                        &_stm_tls.loc, NULL);
                stm_abort_with(ctx, STM_ABORT_WRITE_WRITE);
            }
            steal(ctx, h);
            continue;
        }
        size_t size = gc_size(h);
        ctx->no_abort++;
        gc_header_t *copy = gc_alloc(h->type, size);
        ctx->no_abort--;
        if (stm_doom_reason(ctx) && !ctx->inevitable) {
            if (copy)
                gc_free(copy);
            stm_check_doom(ctx);
        }
        if (!copy)
            return NULL;
        memcpy((char *)copy + sizeof(gc_header_t),
               (char *)h + sizeof(gc_header_t), size - sizeof(gc_header_t));
        copy->meta |= GC_FLAG_IS_COPY;
        uintptr_t word = (uintptr_t)copy | _stm_tls.own_tag;
        stm_wentry_t *e = stm_vec_push(&ctx->wset, sizeof *e);
        if (!e) {
            gc_free(copy);
            return NULL;
        }
        uintptr_t expected = 0;
        if (!__atomic_compare_exchange_n(&h->stm_copy, &expected, word, false,
                                         __ATOMIC_SEQ_CST,
                                         __ATOMIC_SEQ_CST)) {
            /* Someone installed a copy since we looked: retry, which
               ends in the write-write rule. */
            ctx->wset.len--;
            gc_free(copy);
            continue;
        }
        e->obj = h;
        e->copy = copy;
        e->word = word;
        e->loc = _stm_tls.loc;
        ctx->st.copies++;
        return copy;
    }
}

/* Parks with the resume hook disarmed (so we never longjmp out of gc/),
   accounting the time as sync pause, or as gc when a collection ran. */
static void park(stm_context_t *ctx, void (*fn)(void))
{
    gc_stats_t before, after;
    gc_get_stats(&before);
    int prev = stm_stat_enter(ctx, fn == gc_collect ? STM_STAT_GC
                                                    : STM_STAT_SYNC_PAUSE);
    stm_log(ctx, 0, fn == gc_collect ? STM_EV_GC_MAJOR_START
                                     : STM_EV_WAIT_SYNC_PAUSE, NULL, NULL);
    ctx->no_abort++;
    fn();
    ctx->no_abort--;
    stm_log(ctx, 0, fn == gc_collect ? STM_EV_GC_MAJOR_DONE : STM_EV_WAIT_DONE,
            NULL, NULL);
    gc_get_stats(&after);
    if (ctx->state == STM_STAT_SYNC_PAUSE &&
        after.collections != before.collections) {
        /* The pause was a collection: charge it to gc. */
        ctx->st.count[STM_STAT_SYNC_PAUSE]--;
        ctx->st.count[STM_STAT_GC]++;
        ctx->state = STM_STAT_GC;
    }
    stm_stat_enter(ctx, prev);
}

void stm_set_random_abort(unsigned n)
{
    unsigned old = atomic_exchange(&stm_g.random_abort, n);
    /* Keep the poll's slow path armed exactly while the mode is on. */
    if (old == 0 && n != 0)
        __atomic_add_fetch(&_stm_shared.attention, 1, __ATOMIC_SEQ_CST);
    else if (old != 0 && n == 0)
        __atomic_sub_fetch(&_stm_shared.attention, 1, __ATOMIC_SEQ_CST);
}

static void maybe_random_abort(stm_context_t *ctx)
{
    unsigned n = atomic_load(&stm_g.random_abort);
    if (n == 0 || !ctx->in_tx || ctx->inevitable || ctx->no_abort)
        return;
    if (ctx->rng == 0)      /* deterministic per context: replayable */
        ctx->rng = (uint64_t)ctx->number * UINT64_C(0x9E3779B97F4A7C15) | 1;
    ctx->rng ^= ctx->rng << 13;
    ctx->rng ^= ctx->rng >> 7;
    ctx->rng ^= ctx->rng << 17;
    if (ctx->rng % n == 0)
        stm_abort_with(ctx, STM_ABORT_OTHER);
}

void _stm_safepoint_slow(void)
{
    stm_context_t *ctx = _stm_tls.ctx;
    if (!ctx) {
        /* No slot to acknowledge for: just stop taking this path. */
        _stm_tls.epoch = atomic_load(&_stm_shared.epoch);
        gc_safepoint();
        return;
    }
    stm_ack(ctx);
    if (__atomic_load_n(gc_safepoint_flag, __ATOMIC_RELAXED))
        park(ctx, gc_safepoint_slow);
    stm_check_doom(ctx);
    maybe_random_abort(ctx);
}

void stm_collect(void)
{
    stm_context_t *ctx = _stm_tls.ctx;
    if (!ctx) {
        gc_collect();
        return;
    }
    park(ctx, gc_collect);
    stm_check_doom(ctx);
}

void *stm_allocate(const gc_type_t *type, size_t size)
{
    stm_context_t *ctx = _stm_tls.ctx;
    if (!ctx)
        return gc_alloc(type, size);
    /* C loops that allocate without polling still acknowledge commits. */
    stm_ack(ctx);
    ctx->no_abort++;
    void *p = gc_alloc(type, size);
    ctx->no_abort--;
    if (__builtin_expect(atomic_load(&ctx->doom) != 0, 0))
        stm_check_doom(ctx);   /* P is young: the abort forgets it */
    return p;
}

/* ---- STM_VERIFY ----------------------------------------------------------- */

#if STM_VERIFY
static size_t verify_failures;
static void (*verify_handler)(const void *obj);

static uint64_t body_sum(const gc_header_t *h)
{
    const unsigned char *p = (const unsigned char *)h + sizeof(gc_header_t);
    size_t n = gc_size(h) - sizeof(gc_header_t);
    uint64_t x = UINT64_C(1469598103934665603);
    for (size_t i = 0; i < n; i++)
        x = (x ^ p[i]) * UINT64_C(1099511628211);
    return x;
}

/* Called by R after the barrier (so never while a version-2 commit writes
   OBJ back), the first time this attempt reads OBJ, when the view is OBJ
   itself. */
void _stm_verify_log_read(const void *obj)
{
    stm_context_t *ctx = _stm_tls.ctx;
    const gc_header_t *h = obj;
    if (!ctx || !ctx->in_tx || stm_is_young(obj) ||
        (h->meta & GC_FLAG_IMMUTABLE))
        return;
    stm_vread_t *r = stm_vec_push(&ctx->vreads, sizeof *r);
    if (!r)
        return;        /* verification is best effort under OOM */
    r->obj = h;
    r->sum = body_sum(h);
}

static size_t verify_reads(stm_context_t *ctx)
{
    size_t bad = 0;
    const stm_vread_t *r = ctx->vreads.items;
    for (size_t i = 0; i < ctx->vreads.len; i++) {
        uintptr_t w = r[i].obj->stm_copy;
        if (w && (w & STM_COPY_TAG_MASK) == _stm_tls.own_tag)
            continue;          /* written through W: in the write set */
        if (body_sum(r[i].obj) != r[i].sum) {
            bad++;
            verify_failures++;
            if (verify_handler) {
                verify_handler(r[i].obj);
            } else {
                fprintf(stderr, "stm verify: object %p (type %s) changed "
                        "without a write barrier\n", (void *)r[i].obj,
                        r[i].obj->type && r[i].obj->type->name
                            ? r[i].obj->type->name : "?");
                abort();
            }
        }
    }
    return bad;
}

void stm_verify_commit(stm_context_t *ctx)
{
    verify_reads(ctx);
}

size_t stm_verify_check_now(void)
{
    return verify_reads(_stm_tls.ctx);
}

size_t stm_verify_failures(void)
{
    return verify_failures;
}

void stm_verify_set_handler(void (*handler)(const void *obj))
{
    verify_handler = handler;
}
#endif
