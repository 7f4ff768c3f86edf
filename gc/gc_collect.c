/* gc_collect.c -- one full collection, finalizer and weak-reference
 * queues.
 *
 * Order inside the pause (docs/gc.md, "Marking" to "Sweeping"):
 *   1. give back the unused rest of every thread's runs;
 *   2. mark from the roots: thread stacks, registers and thread-locals,
 *      registered ranges/slots/callbacks, the finalizer and
 *      cleared-weakref queues;
 *   3. clear the weak references whose referent is unmarked and queue
 *      them (callbacks run later, outside the pause);
 *   4. unmarked objects with a finalizer that has not run yet: flag
 *      GC_FLAG_FINALIZED, queue, and mark from them (they and what they
 *      reach survive until the finalizer has run);
 *   5. weak references first reached in step 4 are cleared if their
 *      referent is unmarked or was marked only in step 4 (not queued:
 *      they are garbage themselves);
 *   6. sweep: alloc &= mark for every span; empty spans go back to the
 *      pool, dead large objects too; spans with free slots are listed per
 *      size class for the threads' next refills;
 *   7. set the next budget and trim the pool (memory back to the OS).
 */
#include "gc/gc_internal.h"
#include "gc/gc_mark.h"

#include <string.h>

/* A FIFO of object pointers, malloc'd; a root of every collection. */
typedef struct objq {
    void **items;
    size_t head, count, cap;
} objq_t;

pthread_mutex_t gci_queue_lock = PTHREAD_MUTEX_INITIALIZER;
static objq_t fin_queue, weak_queue;

static void objq_push(objq_t *q, void *obj)
{
    if (q->count == q->cap) {
        if (q->head > 0) {
            memmove(q->items, q->items + q->head,
                    (q->count - q->head) * sizeof(void *));
            q->count -= q->head;
            q->head = 0;
        } else {
            size_t n = q->cap ? q->cap * 2 : 64;
            void **p = realloc(q->items, n * sizeof(void *));
            if (!p)
                gci_fatal("out of memory for the finalizer queue");
            q->items = p;
            q->cap = n;
        }
    }
    q->items[q->count++] = obj;
}

static void *objq_pop(objq_t *q)
{
    void *obj = NULL;
    pthread_mutex_lock(&gci_queue_lock);
    if (q->head < q->count) {
        obj = q->items[q->head++];
        if (q->head == q->count)
            q->head = q->count = 0;
    }
    pthread_mutex_unlock(&gci_queue_lock);
    return obj;
}

static void objq_mark(gc_visitor_t *v, objq_t *q)
{
    for (size_t i = q->head; i < q->count; i++)
        gc_visit(v, q->items[i]);
}

static int cmp_ptr(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t)*(void *const *)a, y = (uintptr_t)*(void *const *)b;
    return x < y ? -1 : x > y;
}

/* True iff P lies in an object marked only to keep finalizable objects
   alive (v->log, sorted). */
static bool only_for_finalizers(gc_visitor_t *v, const void *p)
{
    void *start = gc_object_start(p);
    return start && v->nlog
           && bsearch(&start, v->log, v->nlog, sizeof(void *), cmp_ptr);
}

/* Step 3 (ENQUEUE) and 5. */
static void clear_weakrefs(gc_visitor_t *v, bool enqueue)
{
    gc_weak_t *w = v->weaks;
    v->weaks = NULL;
    if (!enqueue && v->nlog)
        qsort(v->log, v->nlog, sizeof(void *), cmp_ptr);
    while (w) {
        gc_weak_t *next = w->_gc_link;
        w->_gc_link = NULL;
        if (w->referent && (!gci_is_marked(w->referent)
                            || (!enqueue
                                && only_for_finalizers(v, w->referent)))) {
            w->referent = NULL;
            if (enqueue && !(w->hdr.meta & GC_FLAG_IS_COPY))
                objq_push(&weak_queue, w);
        }
        w = next;
    }
}

/* Step 4 for one object with its fin bit set; BIT/WORD locate the bit. */
static void consider_finalizable(gc_visitor_t *v, char *obj, uint64_t *word,
                                 uint64_t bit, objq_t *found)
{
    gc_header_t *h = (gc_header_t *)obj;
    *word &= ~bit;       /* from now on an ordinary object */
    if (h->meta & (GC_FLAG_IS_COPY | GC_FLAG_FINALIZED))
        return;          /* copies are never finalized; nor twice */
    h->meta |= GC_FLAG_FINALIZED;
    objq_push(found, obj);
    (void)v;
}

static void find_finalizable(gc_visitor_t *v)
{
    objq_t found = {0};
    uint32_t top = gci_heap.top;
    for (uint32_t si = 0; si < top; si++) {
        gc_span_t *s = &gci_heap.spans[si];
        if (s->kind == GCI_SPAN_SMALL) {
            for (uint32_t w = 0; w < GC_BITMAP_WORDS; w++) {
                uint64_t cand = s->fin[w] & s->alloc[w] & ~s->mark[w];
                while (cand) {
                    uint32_t b = (uint32_t)__builtin_ctzll(cand);
                    cand &= cand - 1;
                    char *obj = gci_span_start(si)
                                + (size_t)(w * 64 + b) * s->obj_size;
                    consider_finalizable(v, obj, &s->fin[w],
                                         UINT64_C(1) << b, &found);
                }
            }
        } else if (s->kind == GCI_SPAN_LARGE) {
            if (s->fin[0] & s->alloc[0] & ~s->mark[0] & 1)
                consider_finalizable(v, gci_span_start(si), &s->fin[0], 1,
                                     &found);
        }
    }
    /* Mark from all of them only now, so that a finalizable object
       reachable from another one is queued too (this round). */
    v->logging = true;
    for (size_t i = 0; i < found.count; i++) {
        gc_visit(v, found.items[i]);
        objq_push(&fin_queue, found.items[i]);
    }
    free(found.items);
    gci_drain(v);
    v->logging = false;
}

static void sweep(void)
{
    uint32_t tails[GC_NCLASSES];
    memset(gci_heap.partial, 0, sizeof gci_heap.partial);
    memset(tails, 0, sizeof tails);
    uint32_t top = gci_heap.top;
    for (uint32_t si = 0; si < top; si++) {
        gc_span_t *s = &gci_heap.spans[si];
        if (s->kind == GCI_SPAN_SMALL) {
            uint64_t any = 0;
            uint32_t live = 0;
            for (uint32_t w = 0; w < GC_BITMAP_WORDS; w++) {
                uint64_t a = s->alloc[w] & s->mark[w];
                s->alloc[w] = a;
                s->fin[w] &= a;
                s->mark[w] = 0;
                any |= a;
                live += (uint32_t)__builtin_popcountll(a);
            }
            s->listed = 0;
            s->next = 0;
            if (!any) {
                gci_spans_give(si, 1, false);
            } else if (live < s->nobjs) {
                unsigned c = s->cls;
                s->listed = 1;
                if (tails[c])
                    gci_heap.spans[tails[c] - 1].next = si + 1;
                else
                    gci_heap.partial[c] = si + 1;
                tails[c] = si + 1;
            }
        } else if (s->kind == GCI_SPAN_LARGE) {
            uint32_t n = s->head;
            if (!(s->mark[0] & 1)) {
                s->alloc[0] = 0;
                s->fin[0] = 0;
                gci_spans_give(si, n, n >= GC_RELEASE_SPANS);
            }
            s->mark[0] = 0;
            si += n - 1;
        }
    }
}

#if PYPYSTM_DEBUG
/* Debug builds check every surviving object after each collection: a
   header overwritten by a buffer overflow or a use after gc_free shows up
   here, near its cause, instead of as a crash in a later trace. */
static void check_object(char *obj)
{
    gc_header_t *h = (gc_header_t *)obj;
    if (!h->type || ((uintptr_t)h->type & (sizeof(void *) - 1)))
        gci_fatal("heap check: object %p has a bad type %p", (void *)obj,
                  (const void *)h->type);
    if (gc_in_heap(h->type) && !gc_object_start(h->type))
        gci_fatal("heap check: object %p's type %p is not in a live "
                  "object", (void *)obj, (const void *)h->type);
    void *copy = gc_copy_ptr(h->stm_copy);
    if (copy && !gc_object_start(copy))
        gci_fatal("heap check: object %p's private copy %p is not a live "
                  "object", (void *)obj, copy);
}

static void check_heap(void)
{
    for (uint32_t si = 0; si < gci_heap.top; si++) {
        gc_span_t *s = &gci_heap.spans[si];
        if (s->kind == GCI_SPAN_SMALL) {
            for (uint32_t i = 0; i < s->nobjs; i++)
                if (s->alloc[i >> 6] & (UINT64_C(1) << (i & 63)))
                    check_object(gci_span_start(si) + (size_t)i * s->obj_size);
        } else if (s->kind == GCI_SPAN_LARGE && (s->alloc[0] & 1)) {
            check_object(gci_span_start(si));
        }
    }
}
#endif

void gci_collect_stopped(void)
{
    gc_thread_t *self = gc_self;
    double t0 = gci_now();
    pthread_mutex_lock(&gci_heap.lock);
    for (gc_thread_t *t = gci_threads; t; t = t->next)
        gci_retract_runs(t);

    gc_visitor_t v = {0};
    for (gc_thread_t *t = gci_threads; t; t = t->next)
        if (t != self)
            gci_mark_thread(&v, t);
    gci_mark_own_stack(&v, self);
    pthread_mutex_lock(&gci_queue_lock);
    objq_mark(&v, &fin_queue);
    objq_mark(&v, &weak_queue);
    pthread_mutex_unlock(&gci_queue_lock);
    /* Callbacks may take their own locks: not under the heap lock. */
    pthread_mutex_unlock(&gci_heap.lock);
    gci_mark_registered_roots(&v);
    gci_drain(&v);
    pthread_mutex_lock(&gci_heap.lock);

    pthread_mutex_lock(&gci_queue_lock);
    clear_weakrefs(&v, true);
    find_finalizable(&v);
    clear_weakrefs(&v, false);
    pthread_mutex_unlock(&gci_queue_lock);
    gci_visitor_done(&v);

    sweep();
#if PYPYSTM_DEBUG
    check_heap();
#endif

    size_t live = v.live_bytes;
    double g = gci_heap.growth - 1.0;
    size_t budget = (size_t)((double)live * g);
    if (budget < gci_heap.floor_bytes)
        budget = gci_heap.floor_bytes;
    gci_heap.threshold = budget;
    __atomic_store_n(&gci_heap.alloc_since_gc, 0, __ATOMIC_RELAXED);
    /* Free memory beyond what the next cycle will allocate goes back to
       the OS (the pool hands out the lowest spans first). */
    gci_trim(budget / GC_SPAN_SIZE + GC_COMMIT_CHUNK);

    double t1 = gci_now();
    double began = gci_world_stopped_since();
    double pause = t1 - (began > 0 && began <= t0 ? began : t0);
    gc_stats_t *st = &gci_heap.stats;
    st->collections++;
    st->pause_total_s += pause;
    st->pause_last_s = pause;
    if (pause > st->pause_max_s)
        st->pause_max_s = pause;
    st->live_bytes = live;
    pthread_mutex_unlock(&gci_heap.lock);
}

void gc_collect(void)
{
    gc_thread_t *self = gc_self;
    if (!self)
        gci_fatal("gc_collect called by a thread that is not registered");
    if (__atomic_load_n(&gci_stopper, __ATOMIC_RELAXED) == self) {
        gci_collect_stopped();      /* stm/ collects inside its own pause */
        return;
    }
    gc_stop_world();
    gci_collect_stopped();
    gc_restart_world();
}

void gci_collect_if_needed(void)
{
    gc_thread_t *self = gc_self;
    bool own = __atomic_load_n(&gci_stopper, __ATOMIC_RELAXED) == self;
    if (!own)
        gc_stop_world();
    if (__atomic_load_n(&gci_heap.alloc_since_gc, __ATOMIC_RELAXED)
        > gci_heap.threshold)
        gci_collect_stopped();
    if (!own)
        gc_restart_world();
}

size_t gc_run_finalizers(void)
{
    size_t n = 0;
    void *obj;
    while ((obj = objq_pop(&fin_queue)) != NULL) {
        /* OBJ now lives only in this frame: the stack scan keeps it. */
        const gc_type_t *type = ((gc_header_t *)obj)->type;
        if (type && type->finalize)
            type->finalize(obj);
        n++;
    }
    return n;
}

gc_weak_t *gc_next_cleared_weakref(void)
{
    return objq_pop(&weak_queue);
}
