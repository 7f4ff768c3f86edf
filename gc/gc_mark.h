/* gc_mark.h -- the visitor of a collection (gc/ internal).
 *
 * One visitor exists per collection, owned by the collecting thread; the
 * mark stack is a list of malloc'd chunks so that its depth is limited by
 * memory only.
 */
#ifndef GC_MARK_H
#define GC_MARK_H

#include "gc/gc_internal.h"

#define GCI_CHUNK_ENTRIES 8190

typedef struct gc_mark_chunk {
    struct gc_mark_chunk *prev;
    size_t n;
    void *e[GCI_CHUNK_ENTRIES];
} gc_mark_chunk_t;

struct gc_visitor {
    gc_mark_chunk_t *chunk;   /* top of the mark stack */
    gc_mark_chunk_t *spare;   /* one cached empty chunk */
    size_t live_bytes;        /* bytes of the objects marked so far */
    gc_weak_t *weaks;         /* weak references marked since last taken */
    /* While `logging`, every newly marked object is appended to `log`:
       the objects kept alive only for finalizers (weak references to
       them are cleared like references to dead objects). */
    bool logging;
    void **log;
    size_t nlog, caplog;
};

/* Appends OBJ to v->log (the slow part of marking while logging). */
void gci_log_marked(gc_visitor_t *v, void *obj);
/* Traces everything reachable from the objects pushed so far. */
void gci_drain(gc_visitor_t *v);
/* Frees the visitor's chunks. */
void gci_visitor_done(gc_visitor_t *v);
/* True iff P is outside the heap or inside an object marked so far. */
bool gci_is_marked(const void *p);
/* Root sets. */
void gci_mark_registered_roots(gc_visitor_t *v);
void gci_mark_thread(gc_visitor_t *v, gc_thread_t *t);
void gci_mark_own_stack(gc_visitor_t *v, gc_thread_t *self);
void gci_mark_tls(gc_visitor_t *v, gc_thread_t *t);

#endif
