/* gc_alloc.c -- allocation, gc_free and object lookup.
 *
 * Each thread owns at most one span per size class and allocates from a
 * *run* of free slots in it: cursor/end, plus `limit`, the copy the fast
 * path compares with.  gc_stop_world revokes `limit` (sets it to NULL) so
 * a thread that only allocates still reaches a safe point: its next
 * allocation takes the slow path, which polls the flag.  When a run is
 * handed out, the alloc bits of all its slots are set at once (so the
 * fast path touches no bitmap) and the run's memory is zeroed if the span
 * is dirty; a collection gives back the unused rest of every run first
 * (gci_retract_runs), so between collections "alloc bit set" means "an
 * object, or a zeroed slot of some thread's run" (type == NULL).
 *
 * Bitmaps of a span may be changed by its owner and, through gc_free, by
 * any other thread at once: outside the pause every change is an atomic
 * or/and on the word.
 */
#include "gc/gc_internal.h"

#include <string.h>

static inline void set_bits(uint64_t *map, uint32_t i, uint32_t j)
{
    while (i < j) {
        uint32_t w = i >> 6, b = i & 63;
        uint32_t n = j - i < 64 - b ? j - i : 64 - b;
        uint64_t m = (n == 64 ? ~UINT64_C(0) : ((UINT64_C(1) << n) - 1)) << b;
        __atomic_fetch_or(&map[w], m, __ATOMIC_RELAXED);
        i += n;
    }
}

static inline void clear_bits(uint64_t *map, uint32_t i, uint32_t j)
{
    while (i < j) {
        uint32_t w = i >> 6, b = i & 63;
        uint32_t n = j - i < 64 - b ? j - i : 64 - b;
        uint64_t m = (n == 64 ? ~UINT64_C(0) : ((UINT64_C(1) << n) - 1)) << b;
        __atomic_fetch_and(&map[w], ~m, __ATOMIC_RELAXED);
        i += n;
    }
}

static void set_fin_bit(void *p)
{
    gc_span_t *s = &gci_heap.spans[gci_span_index(p)];
    uint32_t i = s->kind == GCI_SPAN_SMALL ? gci_slot(s, p) : 0;
    __atomic_fetch_or(&s->fin[i >> 6], UINT64_C(1) << (i & 63),
                      __ATOMIC_RELAXED);
}

static inline void *init_object(gc_thread_t *t, char *p,
                                const gc_type_t *type)
{
    gc_header_t *h = (gc_header_t *)p;
    h->type = type;
    h->stm_copy = 0;
    h->meta = t->txid;
    if (GC_UNLIKELY(type->finalize != NULL))
        set_fin_bit(p);
    return p;
}

static void account(size_t bytes)
{
    __atomic_fetch_add(&gci_heap.alloc_since_gc, bytes, __ATOMIC_RELAXED);
    __atomic_fetch_add(&gci_heap.allocated_total, bytes, __ATOMIC_RELAXED);
}

/* Finds the next run of free slots in span SI (owned by T for class C)
   from T->scan[C] on, and makes it T's run.  Returns false if none. */
static bool find_run(gc_thread_t *t, unsigned c, uint32_t si)
{
    gc_span_t *s = &gci_heap.spans[si];
    uint32_t n = s->nobjs, i = t->scan[c];
    while (i < n) {
        uint64_t w = ~__atomic_load_n(&s->alloc[i >> 6], __ATOMIC_RELAXED)
                     & (~UINT64_C(0) << (i & 63));
        if (!w) {
            i = (i & ~63u) + 64;
            continue;
        }
        i = (i & ~63u) + (uint32_t)__builtin_ctzll(w);
        if (i >= n)
            break;
        uint32_t j = i + 1;
        while (j < n) {
            w = __atomic_load_n(&s->alloc[j >> 6], __ATOMIC_RELAXED)
                & (~UINT64_C(0) << (j & 63));
            if (w) {
                j = (j & ~63u) + (uint32_t)__builtin_ctzll(w);
                break;
            }
            j = (j & ~63u) + 64;
        }
        if (j > n)
            j = n;
        set_bits(s->alloc, i, j);
        char *start = gci_span_start(si) + (size_t)i * s->obj_size;
        char *end = gci_span_start(si) + (size_t)j * s->obj_size;
        if (s->dirty)
            memset(start, 0, (size_t)(end - start));
        s->dirty = 1;
        t->scan[c] = j;
        gc_run_t *r = &t->run[c];
        r->cursor = start;
        r->end = end;
        __atomic_store_n(&r->limit, end, __ATOMIC_RELAXED);
        account((size_t)(end - start));
        return true;
    }
    t->scan[c] = n;
    return false;
}

/* Gives T a new run for class C.  Returns 0 (retry the allocation: T may
   have parked or collected meanwhile), or -1 if the heap is exhausted. */
static int refill(gc_thread_t *t, unsigned c)
{
    if (GC_UNLIKELY(__atomic_load_n(&gci_heap.alloc_since_gc,
                                    __ATOMIC_RELAXED) > gci_heap.threshold)) {
        gci_collect_if_needed();
        return 0;
    }
    /* Stress mode collects and then goes on to find a run (returning 0
       would refill, and so collect, again forever). */
    if (GC_UNLIKELY(gci_heap.stress != 0)
        && __atomic_add_fetch(&gci_heap.refills, 1, __ATOMIC_RELAXED)
               % gci_heap.stress == 0)
        gc_collect();
    for (;;) {
        if (t->span[c] && find_run(t, c, t->span[c] - 1))
            return 0;
        t->span[c] = 0;
        pthread_mutex_lock(&gci_heap.lock);
        int64_t si;
        uint32_t head = gci_heap.partial[c];
        if (head) {
            si = head - 1;
            gc_span_t *s = &gci_heap.spans[si];
            gci_heap.partial[c] = s->next;
            s->next = 0;
            s->listed = 0;
        } else {
            si = gci_spans_take(1);
            if (si < 0) {
                pthread_mutex_unlock(&gci_heap.lock);
                return -1;
            }
            gci_span_init_small((uint32_t)si, c);
        }
        pthread_mutex_unlock(&gci_heap.lock);
        t->span[c] = (uint32_t)si + 1;
        t->scan[c] = 0;
    }
}

static void *alloc_large(gc_thread_t *t, const gc_type_t *type, size_t size)
{
    if (size > gci_heap.max_bytes)
        return NULL;
    uint32_t n = (uint32_t)((size + GC_SPAN_SIZE - 1) >> GC_SPAN_SHIFT);
    bool collected = false;
    for (;;) {
        if (GC_UNLIKELY(__atomic_load_n(&t->flag, __ATOMIC_RELAXED)))
            gc_safepoint_slow();
        if (__atomic_load_n(&gci_heap.alloc_since_gc, __ATOMIC_RELAXED)
            > gci_heap.threshold)
            gci_collect_if_needed();
        pthread_mutex_lock(&gci_heap.lock);
        int64_t si = gci_spans_take(n);
        if (si < 0) {
            pthread_mutex_unlock(&gci_heap.lock);
            if (collected)
                return NULL;
            gc_collect();
            collected = true;
            continue;
        }
        bool dirty = false;
        for (uint32_t k = 1; k < n; k++) {
            gc_span_t *cs = &gci_heap.spans[si + k];
            dirty |= cs->dirty;
            cs->dirty = 1;
            cs->head = (uint32_t)si;
            cs->kind = GCI_SPAN_LARGE_CONT;
        }
        gc_span_t *s = &gci_heap.spans[si];
        dirty |= s->dirty;
        s->dirty = 1;
        s->head = n;
        s->nobjs = 1;
        s->obj_size = (size_t)n << GC_SPAN_SHIFT;
        s->alloc[0] = 1;
        s->mark[0] = 0;
        s->fin[0] = 0;
        char *p = gci_span_start((uint32_t)si);
        if (dirty)      /* no stale type for gc_object_start to see */
            memset(p, 0, sizeof(gc_header_t));
        s->kind = GCI_SPAN_LARGE;
        pthread_mutex_unlock(&gci_heap.lock);
        if (dirty)
            memset(p, 0, (size_t)n << GC_SPAN_SHIFT);
        account((size_t)n << GC_SPAN_SHIFT);
        return init_object(t, p, type);
    }
}

static void *alloc_slow(const gc_type_t *type, size_t size)
{
    gc_thread_t *t = gc_self;
    if (!t)
        gci_fatal("gc_alloc called by a thread that is not registered");
    if (!type)
        gci_fatal("gc_alloc called with a NULL type");
    if (size < sizeof(gc_header_t))
        size = sizeof(gc_header_t);
    if (size > GC_SMALL_MAX)
        return alloc_large(t, type, size);
    unsigned c = gci_size_class(size);
    size_t sz = gci_class_size[c];
    bool collected = false;
    for (;;) {
        if (GC_UNLIKELY(__atomic_load_n(&t->flag, __ATOMIC_RELAXED)))
            gc_safepoint_slow();
        gc_run_t *r = &t->run[c];
        if (r->cursor && (uintptr_t)r->cursor + sz <= (uintptr_t)r->end) {
            /* The limit was revoked by a stop-the-world that is over (or
               in progress: then the flag is set).  Restore it before
               checking the flag, so a stopper that sets the flag after our
               check also revokes the restored limit (both sides: store,
               fence, then the other variable). */
            __atomic_store_n(&r->limit, r->end, __ATOMIC_RELAXED);
            __atomic_thread_fence(__ATOMIC_SEQ_CST);
            /* (The thread holding the world keeps a request pending: it
               must not loop on its own flag.) */
            if (__atomic_load_n(&t->flag, __ATOMIC_RELAXED)
                && __atomic_load_n(&gci_stopper, __ATOMIC_RELAXED) != t)
                continue;
            char *p = r->cursor;
            r->cursor = p + sz;
            return init_object(t, p, type);
        }
        int rc = refill(t, c);
        if (rc < 0) {
            if (collected)
                return NULL;
            gc_collect();
            collected = true;
        }
    }
}

void *gc_alloc(const gc_type_t *type, size_t size)
{
    gc_thread_t *t = gc_self;
    if (GC_LIKELY(size <= GC_SMALL_MAX && size >= sizeof(gc_header_t)
                  && t != NULL && type != NULL)) {
        unsigned c = gci_size_class(size);
        gc_run_t *r = &t->run[c];
        uintptr_t p = (uintptr_t)r->cursor;
        uintptr_t lim = (uintptr_t)__atomic_load_n(&r->limit,
                                                   __ATOMIC_RELAXED);
        if (GC_LIKELY(p + gci_class_size[c] <= lim)) {
            r->cursor = (char *)(p + gci_class_size[c]);
            return init_object(t, (char *)p, type);
        }
    }
    return alloc_slow(type, size);
}

void gci_retract_runs(gc_thread_t *t)
{
    for (unsigned c = 0; c < GC_NCLASSES; c++) {
        gc_run_t *r = &t->run[c];
        if (r->cursor && r->cursor < r->end) {
            gc_span_t *s = &gci_heap.spans[gci_span_index(r->cursor)];
            uint32_t i = gci_slot(s, r->cursor);
            uint32_t j = i + (uint32_t)((size_t)(r->end - r->cursor)
                                        / s->obj_size);
            clear_bits(s->alloc, i, j);
            __atomic_fetch_sub(&gci_heap.allocated_total,
                               (size_t)(r->end - r->cursor), __ATOMIC_RELAXED);
        }
        r->cursor = NULL;
        r->end = NULL;
        __atomic_store_n(&r->limit, NULL, __ATOMIC_RELAXED);
        t->span[c] = 0;
        t->scan[c] = 0;
    }
}

void gci_revoke_limits(gc_thread_t *t)
{
    for (unsigned c = 0; c < GC_NCLASSES; c++)
        __atomic_store_n(&t->run[c].limit, NULL, __ATOMIC_RELAXED);
}

void gc_free(void *obj)
{
    if (!obj)
        return;
    if (!gc_in_heap(obj))
        gci_fatal("gc_free(%p): not in the heap", obj);
    uint32_t si = gci_span_index(obj);
    gc_span_t *s = &gci_heap.spans[si];
    if (s->kind == GCI_SPAN_SMALL) {
        uint32_t i = gci_slot(s, obj);
        char *start = gci_span_start(si) + (size_t)i * s->obj_size;
        uint64_t bit = UINT64_C(1) << (i & 63);
        if (i >= s->nobjs || start != (char *)obj
            || !(__atomic_load_n(&s->alloc[i >> 6], __ATOMIC_RELAXED) & bit))
            gci_fatal("gc_free(%p): not an allocated object", obj);
        __atomic_fetch_and(&s->fin[i >> 6], ~bit, __ATOMIC_RELAXED);
        gc_thread_t *t = gc_self;
        unsigned c = s->cls;
        if (t && t->span[c] == si + 1
            && t->run[c].cursor == start + s->obj_size) {
            /* The most recent allocation of this thread (a private copy
               dropped at once): put it back into the run, re-zeroed. */
            memset(start, 0, s->obj_size);
            t->run[c].cursor = start;
            return;
        }
        __atomic_fetch_and(&s->alloc[i >> 6], ~bit, __ATOMIC_RELAXED);
        return;
    }
    if (s->kind == GCI_SPAN_LARGE && (char *)obj == gci_span_start(si)) {
        pthread_mutex_lock(&gci_heap.lock);
        s->alloc[0] = 0;
        s->fin[0] = 0;
        gci_spans_give(si, s->head, s->head >= GC_RELEASE_SPANS);
        pthread_mutex_unlock(&gci_heap.lock);
        return;
    }
    gci_fatal("gc_free(%p): not an allocated object", obj);
}

size_t gc_size(const void *obj)
{
    if (!gc_in_heap(obj))
        return 0;
    const gc_span_t *s = &gci_heap.spans[gci_span_index(obj)];
    if (s->kind == GCI_SPAN_SMALL || s->kind == GCI_SPAN_LARGE)
        return s->obj_size;
    return 0;
}

void *gc_object_start(const void *p)
{
    if (!gc_in_heap(p))
        return NULL;
    uint32_t si = gci_span_index(p);
    const gc_span_t *s = &gci_heap.spans[si];
    uint32_t i = 0;
    switch (__atomic_load_n(&s->kind, __ATOMIC_ACQUIRE)) {
    case GCI_SPAN_SMALL:
        i = gci_slot(s, p);
        if (i >= s->nobjs)
            return NULL;
        break;
    case GCI_SPAN_LARGE_CONT:
        si = s->head;
        s = &gci_heap.spans[si];
        if (s->kind != GCI_SPAN_LARGE)
            return NULL;
        break;
    case GCI_SPAN_LARGE:
        break;
    default:
        return NULL;
    }
    if (!(__atomic_load_n(&s->alloc[i >> 6], __ATOMIC_RELAXED)
          & (UINT64_C(1) << (i & 63))))
        return NULL;
    char *start = gci_span_start(si) + (size_t)i * s->obj_size;
    /* A slot of some thread's unused run: zeroed, no type yet. */
    if (((gc_header_t *)start)->type == NULL)
        return NULL;
    return start;
}

void gc_set_txid(uint64_t txid)
{
    gc_thread_t *t = gc_self;
    if (t)
        t->txid = txid & GC_META_TXID_MASK;
}
