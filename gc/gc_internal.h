/* gc_internal.h -- gc/'s private structures, shared by the gc/ files only.
 *
 * Layout (docs/gc.md has the long version): one reserved range of
 * GC_SPAN_SIZE spans; every span has a gc_span_t in a side table (never
 * inside the span), holding its kind, its size class and three bitmaps
 * with one bit per object slot: alloc (the slot holds an object, or lies
 * in a run handed to a thread), mark (reached by the current
 * collection), fin (the object's type has a finalizer).  A large object is
 * a run of whole spans: the head span says LARGE and uses bit 0 of its
 * bitmaps; the others say LARGE_CONT and name the head.
 *
 * Names: gci_ = internal to gc/ but visible across its files.
 */
#ifndef GC_INTERNAL_H
#define GC_INTERNAL_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "config.h"
#include "gc/gc.h"

#define GC_SPAN_SHIFT    16
#define GC_SPAN_SIZE     ((size_t)1 << GC_SPAN_SHIFT)
#define GC_SPAN_MAXOBJS  (GC_SPAN_SIZE / GC_ALIGN)        /* 4096 */
#define GC_BITMAP_WORDS  (GC_SPAN_MAXOBJS / 64)           /* 64 */
#define GC_SMALL_MAX     32768    /* bigger objects get whole spans */
#define GC_NCLASSES      56       /* 32 of 16..512 step 16, 24 geometric */
#define GC_COMMIT_CHUNK  32       /* spans made accessible per mprotect */

/* Functions that read whole stack ranges word by word (including ASan's
   redzones between locals) must not be instrumented. */
#if PYPYSTM_ASAN
#define GC_NO_ASAN __attribute__((no_sanitize_address))
#else
#define GC_NO_ASAN
#endif

#define GC_LIKELY(x)   __builtin_expect(!!(x), 1)
#define GC_UNLIKELY(x) __builtin_expect(!!(x), 0)

enum { GCI_SPAN_FREE = 0, GCI_SPAN_SMALL, GCI_SPAN_LARGE, GCI_SPAN_LARGE_CONT };

typedef struct gc_span {
    uint8_t  kind;        /* GCI_SPAN_* */
    uint8_t  cls;         /* SMALL: size class */
    uint8_t  dirty;       /* memory may hold non-zero bytes */
    uint8_t  listed;      /* SMALL: on gci_heap.partial[cls] */
    uint32_t nobjs;       /* SMALL: slots; LARGE: 1 */
    uint32_t recip;       /* SMALL: ceil(2^32 / obj_size), for exact division */
    uint32_t head;        /* LARGE: number of spans; LARGE_CONT: head index */
    uint32_t next;        /* partial list link: index + 1, 0 ends the list */
    uint32_t _pad;
    size_t   obj_size;    /* SMALL: class size; LARGE: spans * GC_SPAN_SIZE */
    uint64_t alloc[GC_BITMAP_WORDS];
    uint64_t mark[GC_BITMAP_WORDS];
    uint64_t fin[GC_BITMAP_WORDS];
} gc_span_t;

typedef struct gc_heap {
    char      *base;
    uint32_t   nspans;        /* spans in the reserved range */
    gc_span_t *spans;         /* side table, one per span (lazily committed) */
    uint64_t  *free_map;      /* bit set: span is free */
    /* Everything below until `stats` is protected by `lock`. */
    pthread_mutex_t lock;
    uint32_t   top;           /* spans [0, top) have been used at least once */
    uint32_t   committed;     /* spans [0, committed) are readable/writable */
    uint32_t   free_hint;     /* no free span below this index */
    size_t     spans_in_use;
    uint32_t   partial[GC_NCLASSES];  /* spans with free slots, index + 1 */
    /* Policy. */
    size_t     max_bytes;
    double     growth;
    size_t     floor_bytes;   /* never collect before this much allocation */
    size_t     threshold;     /* collect when alloc_since_gc exceeds it */
    size_t     alloc_since_gc;    /* atomic */
    size_t     allocated_total;   /* atomic */
    uint64_t   stress;            /* PYPYSTM_GC_STRESS: collect every N refills */
    uint64_t   refills;           /* atomic */
    gc_stats_t stats;             /* written during pauses only */
} gc_heap_t;

extern gc_heap_t gci_heap;

/* The other locks of gc/ (lock order: world lock, heap lock, roots lock,
   queue lock; none is held across a safe point). */
extern pthread_mutex_t gci_roots_lock;   /* the root registry */
extern pthread_mutex_t gci_queue_lock;   /* finalizer and weakref queues */

/* Size classes. */
extern uint32_t gci_class_size[GC_NCLASSES];
extern uint8_t  gci_class_small[33];
extern uint8_t  gci_class_mid[GC_SMALL_MAX / 128 + 1];

static inline unsigned gci_size_class(size_t size)
{
    return size <= 512 ? gci_class_small[(size + 15) >> 4]
                       : gci_class_mid[(size + 127) >> 7];
}

static inline uint32_t gci_span_index(const void *p)
{
    return (uint32_t)(((const char *)p - gci_heap.base) >> GC_SPAN_SHIFT);
}

static inline char *gci_span_start(uint32_t si)
{
    return gci_heap.base + ((size_t)si << GC_SPAN_SHIFT);
}

/* Slot index of address P inside small span S (exact for offsets < 2^16). */
static inline uint32_t gci_slot(const gc_span_t *s, const void *p)
{
    uint64_t off = (uint64_t)((uintptr_t)p & (GC_SPAN_SIZE - 1));
    return (uint32_t)((off * s->recip) >> 32);
}

/* ---- threads ------------------------------------------------------- */

typedef struct gc_run {
    char *cursor;    /* next free slot */
    char *limit;     /* fast-path limit: `end`, or NULL when revoked */
    char *end;       /* real end of the run */
} gc_run_t;

enum { GCI_RUNNING = 0, GCI_PARKED, GCI_BLOCKING };

#define GCI_REGS_WORDS 96

struct gc_thread {
    gc_run_t  run[GC_NCLASSES];
    uint32_t  span[GC_NCLASSES];   /* index + 1 of the span runs come from */
    uint32_t  scan[GC_NCLASSES];   /* next slot to look at in that span */
    uint64_t  txid;
    volatile int flag;             /* gc_safepoint_flag points here */
    int       requested;           /* gc_request_safepoint pending (under
                                      the world lock): survives restarts */
    int       state;               /* GCI_*: seq_cst atomic, read without
                                      the world lock (docs/gc.md) */
    char     *stack_lo;            /* valid while PARKED or BLOCKING */
    char     *stack_hi;
    char     *tls_lo, *tls_hi;     /* the executable's thread-locals */
    size_t    regs_words;          /* BLOCKING: valid words in regs */
    void     *regs[GCI_REGS_WORDS];/* BLOCKING: the frame holding the
                                      caller's callee-saved registers */
    gc_thread_t *next, *prev;
};

extern gc_thread_t *gci_threads;      /* changed under the world lock; a
                                        stopper reads it without (stable) */
extern gc_thread_t *gci_stopper;      /* who stopped the world, or NULL */

/* Address just below the caller's frame: a conservative stack bottom. */
char *gci_sp_here(void);

/* When the current stop-the-world began (gci_now() time). */
double gci_world_stopped_since(void);

/* Sets the spin count of stop-the-world waits (-1: back to the default
   from PYPYSTM_GC_SPIN or the CPU count).  For tests. */
void gci_set_spin(long n);

/* Registers the calling thread (the body of gc_thread_register). */
int gci_thread_register(void);

/* ---- heap (gc_heap.c) ---------------------------------------------- */

typedef struct gci_env {
    size_t   max_bytes;   /* PYPYSTM_MAX_HEAP, rounded down to spans */
    double   growth;      /* PYPYSTM_GC_GROWTH */
    uint64_t stress;      /* PYPYSTM_GC_STRESS, 0 = off */
} gci_env_t;

/* Reads the PYPYSTM_* variables of gc/.  Returns 0, or -1 after printing
   which variable is malformed. */
int gci_parse_env(gci_env_t *env);

/* Parses the environment and reserves the range.  Returns 0 or -1. */
int gci_heap_init(void);
/* Takes N contiguous free spans, committing memory as needed; returns the
   first index, or -1 if the range is exhausted.  Caller holds the lock. */
int64_t gci_spans_take(uint32_t n);
/* Gives back N spans from SI; RELEASE: return the memory to the OS.
   Caller holds the lock (or the world is stopped). */
void gci_spans_give(uint32_t si, uint32_t n, bool release);
/* Returns to the OS the memory of free spans beyond KEEP_SPANS dirty
   ones (highest first) and lowers the high-water mark.  World stopped. */
void gci_trim(size_t keep_spans);
/* Large objects of at least this many spans give their memory back to the
   OS as soon as they die; smaller ones wait for gci_trim. */
#define GC_RELEASE_SPANS 16
/* Makes span SI a small span of class CLS with empty bitmaps. */
void gci_span_init_small(uint32_t si, unsigned cls);

/* ---- allocation (gc_alloc.c) --------------------------------------- */

/* Gives back the unused rest of every run of T (clears their alloc
   bits) and forgets T's current spans.  T is parked, or T is the caller. */
void gci_retract_runs(gc_thread_t *t);
/* Revokes T's fast-path limits so its next allocation takes the slow path
   (and so polls the safe-point flag). */
void gci_revoke_limits(gc_thread_t *t);

/* ---- collection (gc_collect.c) ------------------------------------- */

/* Runs a collection if the allocation budget is still exceeded once the
   world is stopped (another thread may have collected meanwhile). */
void gci_collect_if_needed(void);
/* The full collection; the caller has stopped the world. */
void gci_collect_stopped(void);

/* Fatal internal error or contract violation: prints and aborts. */
_Noreturn void gci_fatal(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

double gci_now(void);

#endif
