/* gc_mark.c -- the visitor, the mark stack, the root registry and
 * conservative scanning.
 *
 * Marking runs in one thread, inside the pause, so mark bits are plain
 * stores.  The mark stack is a list of malloc'd chunks: its depth is
 * bounded by memory, not by the C stack (a linked list of 10^7 nodes is
 * one chunk deep at any time, since each node pushes one successor).
 */
#include "gc/gc_internal.h"
#include "gc/gc_mark.h"

#include <string.h>

/* ---- the mark stack ------------------------------------------------ */

static void push_slow(gc_visitor_t *v, void *obj)
{
    gc_mark_chunk_t *c = v->spare;
    if (c)
        v->spare = NULL;
    else if (!(c = malloc(sizeof *c)))
        gci_fatal("out of memory for the mark stack");
    c->prev = v->chunk;
    c->n = 0;
    v->chunk = c;
    c->e[c->n++] = obj;
}

static inline void push(gc_visitor_t *v, void *obj)
{
    gc_mark_chunk_t *c = v->chunk;
    if (GC_LIKELY(c && c->n < GCI_CHUNK_ENTRIES))
        c->e[c->n++] = obj;
    else
        push_slow(v, obj);
}

static inline void *pop(gc_visitor_t *v)
{
    for (;;) {
        gc_mark_chunk_t *c = v->chunk;
        if (!c)
            return NULL;
        if (GC_LIKELY(c->n > 0))
            return c->e[--c->n];
        v->chunk = c->prev;
        if (v->spare)
            free(c);
        else
            v->spare = c;
    }
}

/* ---- marking ------------------------------------------------------- */

void gci_log_marked(gc_visitor_t *v, void *obj)
{
    if (v->nlog == v->caplog) {
        size_t n = v->caplog ? v->caplog * 2 : 256;
        void **p = realloc(v->log, n * sizeof *p);
        if (!p)
            gci_fatal("out of memory while marking");
        v->log = p;
        v->caplog = n;
    }
    v->log[v->nlog++] = obj;
}

/* Marks the object containing P (P is inside the heap range). */
static inline void mark_ptr(gc_visitor_t *v, const void *p)
{
    uint32_t si = gci_span_index(p);
    gc_span_t *s = &gci_heap.spans[si];
    switch (s->kind) {
    case GCI_SPAN_SMALL: {
        uint32_t i = gci_slot(s, p);
        uint64_t bit = UINT64_C(1) << (i & 63);
        uint32_t w = i >> 6;
        if (i >= s->nobjs || !(s->alloc[w] & bit) || (s->mark[w] & bit))
            return;
        s->mark[w] |= bit;
        v->live_bytes += s->obj_size;
        char *obj = gci_span_start(si) + (size_t)i * s->obj_size;
        if (GC_UNLIKELY(v->logging))
            gci_log_marked(v, obj);
        push(v, obj);
        return;
    }
    case GCI_SPAN_LARGE_CONT:
        si = s->head;
        s = &gci_heap.spans[si];
        if (s->kind != GCI_SPAN_LARGE)
            return;
        __attribute__((fallthrough));
    case GCI_SPAN_LARGE:
        if (!(s->alloc[0] & 1) || (s->mark[0] & 1))
            return;
        s->mark[0] |= 1;
        v->live_bytes += s->obj_size;
        if (GC_UNLIKELY(v->logging))
            gci_log_marked(v, gci_span_start(si));
        push(v, gci_span_start(si));
        return;
    default:
        return;
    }
}

bool gci_is_marked(const void *p)
{
    if (!gc_in_heap(p))
        return true;
    uint32_t si = gci_span_index(p);
    const gc_span_t *s = &gci_heap.spans[si];
    uint32_t i = 0;
    switch (s->kind) {
    case GCI_SPAN_SMALL:
        i = gci_slot(s, p);
        if (i >= s->nobjs)
            return false;
        break;
    case GCI_SPAN_LARGE_CONT:
        s = &gci_heap.spans[s->head];
        if (s->kind != GCI_SPAN_LARGE)
            return false;
        break;
    case GCI_SPAN_LARGE:
        break;
    default:
        return false;
    }
    uint64_t bit = UINT64_C(1) << (i & 63);
    return (s->alloc[i >> 6] & bit) && (s->mark[i >> 6] & bit);
}

void gc_visit(gc_visitor_t *v, const void *p)
{
    if (gc_in_heap(p))
        mark_ptr(v, p);
}

GC_NO_ASAN void gc_visit_range(gc_visitor_t *v, const void *start,
                               const void *end)
{
    uintptr_t a = ((uintptr_t)start + sizeof(void *) - 1)
                  & ~(uintptr_t)(sizeof(void *) - 1);
    uintptr_t e = (uintptr_t)end;
    uintptr_t base = (uintptr_t)gc_heap_base;
    uintptr_t len = (uintptr_t)(gc_heap_end - gc_heap_base);
    for (; a + sizeof(void *) <= e; a += sizeof(void *)) {
        const void *w = *(const void *const volatile *)a;
        if ((uintptr_t)w - base < len)
            mark_ptr(v, w);
    }
}

static void scan_object(gc_visitor_t *v, void *obj)
{
    gc_header_t *h = obj;
    const gc_type_t *type = h->type;
    if (!type)
        return;     /* cannot happen for an allocated object; be safe */
    /* A corrupt header (a write past the end of the previous object, a
       freed object still in use) is reported here rather than crashing
       somewhere in a trace function. */
    if (GC_UNLIKELY(((uintptr_t)type & (sizeof(void *) - 1)) != 0))
        gci_fatal("object %p (size %zu) has a corrupt type pointer %p",
                  obj, gc_size(obj), (const void *)type);
    gc_visit(v, type);
    void *copy = gc_copy_ptr(h->stm_copy);
    if (copy)
        gc_visit(v, copy);
    uint32_t flags = type->flags;
    if (flags & GC_TYPE_CONSERVATIVE) {
        gc_visit_range(v, h + 1, (char *)obj + gc_size(obj));
        return;
    }
    if (flags & GC_TYPE_WEAKREF) {
        gc_weak_t *w = obj;
        w->_gc_link = v->weaks;
        v->weaks = w;
    }
    if (type->trace)
        type->trace(obj, v);
}

/* Objects are scanned through a small FIFO: each is prefetched when it
   leaves the mark stack and scanned GCI_PREFETCH pops later, so the cache
   misses of independent objects overlap (a wide graph marks several times
   faster; a linked list, one pending object at a time, is unaffected). */
#define GCI_PREFETCH 8

void gci_drain(gc_visitor_t *v)
{
    void *ring[GCI_PREFETCH];
    unsigned head = 0, n = 0;
    for (;;) {
        void *obj = pop(v);
        if (obj) {
            __builtin_prefetch(obj);
            if (n < GCI_PREFETCH) {
                ring[(head + n++) % GCI_PREFETCH] = obj;
                continue;
            }
            void *old = ring[head];
            ring[head] = obj;
            head = (head + 1) % GCI_PREFETCH;
            scan_object(v, old);
        } else {
            if (n == 0)
                return;
            void *old = ring[head];
            head = (head + 1) % GCI_PREFETCH;
            n--;
            scan_object(v, old);
        }
    }
}

void gci_visitor_done(gc_visitor_t *v)
{
    while (pop(v))
        ;
    free(v->spare);
    v->spare = NULL;
    free(v->log);
    v->log = NULL;
    v->nlog = v->caplog = 0;
}

/* ---- the root registry -------------------------------------------- */

typedef struct root_range { void *start, *end; } root_range_t;
typedef struct root_cb {
    void (*fn)(gc_visitor_t *v, void *arg);
    void *arg;
} root_cb_t;

pthread_mutex_t gci_roots_lock = PTHREAD_MUTEX_INITIALIZER;
static root_range_t *ranges;
static size_t nranges, cap_ranges;
static void ***slots;
static size_t nslots, cap_slots;
static root_cb_t *cbs;
static size_t ncbs, cap_cbs;

static void *grow(void *arr, size_t *cap, size_t elem)
{
    size_t n = *cap ? *cap * 2 : 16;
    void *p = realloc(arr, n * elem);
    if (!p)
        gci_fatal("out of memory for the root registry");
    *cap = n;
    return p;
}

void gc_add_root_range(void *start, void *end)
{
    pthread_mutex_lock(&gci_roots_lock);
    if (nranges == cap_ranges)
        ranges = grow(ranges, &cap_ranges, sizeof *ranges);
    ranges[nranges++] = (root_range_t){start, end};
    pthread_mutex_unlock(&gci_roots_lock);
}

void gc_remove_root_range(void *start)
{
    pthread_mutex_lock(&gci_roots_lock);
    for (size_t i = nranges; i-- > 0;) {
        if (ranges[i].start == start) {
            ranges[i] = ranges[--nranges];
            break;
        }
    }
    pthread_mutex_unlock(&gci_roots_lock);
}

void gc_add_root(void **slot)
{
    pthread_mutex_lock(&gci_roots_lock);
    if (nslots == cap_slots)
        slots = grow(slots, &cap_slots, sizeof *slots);
    slots[nslots++] = slot;
    pthread_mutex_unlock(&gci_roots_lock);
}

void gc_remove_root(void **slot)
{
    pthread_mutex_lock(&gci_roots_lock);
    for (size_t i = nslots; i-- > 0;) {
        if (slots[i] == slot) {
            slots[i] = slots[--nslots];
            break;
        }
    }
    pthread_mutex_unlock(&gci_roots_lock);
}

void gc_add_root_callback(void (*fn)(gc_visitor_t *v, void *arg), void *arg)
{
    pthread_mutex_lock(&gci_roots_lock);
    if (ncbs == cap_cbs)
        cbs = grow(cbs, &cap_cbs, sizeof *cbs);
    cbs[ncbs++] = (root_cb_t){fn, arg};
    pthread_mutex_unlock(&gci_roots_lock);
}

void gc_remove_root_callback(void (*fn)(gc_visitor_t *v, void *arg),
                             void *arg)
{
    pthread_mutex_lock(&gci_roots_lock);
    for (size_t i = ncbs; i-- > 0;) {
        if (cbs[i].fn == fn && cbs[i].arg == arg) {
            memmove(&cbs[i], &cbs[i + 1], (ncbs - i - 1) * sizeof *cbs);
            ncbs--;
            break;
        }
    }
    pthread_mutex_unlock(&gci_roots_lock);
}

void gci_mark_registered_roots(gc_visitor_t *v)
{
    pthread_mutex_lock(&gci_roots_lock);
    for (size_t i = 0; i < nranges; i++)
        gc_visit_range(v, ranges[i].start, ranges[i].end);
    for (size_t i = 0; i < nslots; i++)
        gc_visit(v, *slots[i]);
    /* Callbacks run with the lock released: they may (un)register. */
    size_t n = ncbs;
    root_cb_t *copy = n ? malloc(n * sizeof *copy) : NULL;
    if (n && !copy)
        gci_fatal("out of memory while marking roots");
    if (n)
        memcpy(copy, cbs, n * sizeof *copy);
    pthread_mutex_unlock(&gci_roots_lock);
    for (size_t i = 0; i < n; i++)
        copy[i].fn(v, copy[i].arg);
    free(copy);
}

/* ---- thread stacks ------------------------------------------------- */

void gci_mark_thread(gc_visitor_t *v, gc_thread_t *t)
{
    if (t->stack_lo && t->stack_hi && t->stack_lo < t->stack_hi)
        gc_visit_range(v, t->stack_lo, t->stack_hi);
    if (t->regs_words)
        gc_visit_range(v, t->regs, t->regs + t->regs_words);
    gci_mark_tls(v, t);
}

void gci_mark_tls(gc_visitor_t *v, gc_thread_t *t)
{
    /* Inside the stack range already for most threads: skip it then. */
    if (t->tls_lo && !(t->tls_lo >= t->stack_lo && t->tls_hi <= t->stack_hi))
        gc_visit_range(v, t->tls_lo, t->tls_hi);
}

/* The collecting thread: push its registers in this frame, then scan from
   below this frame to the top of its stack. */
__attribute__((noinline)) void gci_mark_own_stack(gc_visitor_t *v,
                                                  gc_thread_t *self)
{
    __builtin_unwind_init();
    char *lo = gci_sp_here();
    if (self->stack_hi && lo < self->stack_hi)
        gc_visit_range(v, lo, self->stack_hi);
    if (self->tls_lo && !(self->tls_lo >= lo && self->tls_hi <= self->stack_hi))
        gc_visit_range(v, self->tls_lo, self->tls_hi);
}
