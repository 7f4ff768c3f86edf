/* gc.h -- the heap and its collector: the public interface of gc/.
 *
 * DESIGN §3.  One reserved virtual range, spans of one size class or one
 * large object, per-thread allocation with no lock on the fast path, a
 * non-moving mark-sweep collector that stops the world at safe points,
 * conservative scanning of thread stacks and registers, precise tracing of
 * heap objects through their type.  gc/ knows nothing about Python or STM:
 * it sees objects only through gc_header_t and gc_type_t.
 *
 * Contract words used below:
 *   MAY_GC      may run a collection (and so park at a safe point);
 *   SAFEPOINT   may park this thread while another one collects or commits;
 *   ANY THREAD  callable from any registered thread concurrently;
 *   UNREGISTERED  callable from a thread that is not registered.
 */
#ifndef GC_H
#define GC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gc/gc_header.h"

/* ---- types ----------------------------------------------------------- */

typedef struct gc_visitor gc_visitor_t;

/* Called by a type's trace function for every pointer field it holds.
   P may be NULL or point anywhere (it is checked); interior pointers keep
   their object alive.  Only valid during a collection (inside trace
   functions and root callbacks), in the collecting thread. */
void gc_visit(gc_visitor_t *v, const void *p);

/* Calls gc_visit on every aligned word in [START, END): conservative
   tracing of a buffer whose contents are not typed. */
void gc_visit_range(gc_visitor_t *v, const void *start, const void *end);

typedef struct gc_type {
    const char *name;                          /* for statistics and dumps */
    /* Visits every pointer field of OBJ (which may be a private copy).
       NULL: the object holds no pointers. */
    void (*trace)(void *obj, gc_visitor_t *v);
    /* Runs once, after a collection found OBJ unreachable, outside the
       stop-the-world pause (see gc_run_finalizers).  NULL: none.  OBJ and
       everything it reaches stay alive until the finalizer has run; if the
       finalizer stores OBJ somewhere reachable, OBJ lives on (resurrection)
       but its finalizer never runs again. */
    void (*finalize)(void *obj);
    uint32_t flags;                            /* GC_TYPE_* */
} gc_type_t;

/* The object's body is scanned conservatively (every word may be a
   pointer); `trace` is ignored.  For arenas and untyped buffers. */
#define GC_TYPE_CONSERVATIVE 0x1u
/* A weak reference: the first pointer after the header (the referent) is
   not traced; it is set to NULL during the pause of the collection that
   finds the referent unreachable, before any finalizer runs, and the
   weak-reference object is queued for gc_next_cleared_weakref(). */
#define GC_TYPE_WEAKREF 0x2u

/* Body of a weak-reference object: gc_weak_t first, then whatever the
   client wants (callback, hash...), traced by the type's trace function. */
typedef struct gc_weak {
    gc_header_t hdr;
    void *referent;       /* not traced; cleared when the referent dies */
    void *_gc_link;       /* gc/'s private list link */
} gc_weak_t;

/* ---- set-up ---------------------------------------------------------- */

/* Reserves the heap range (PYPYSTM_MAX_HEAP bytes, accepts suffixes k, M,
   G; default min(physical RAM, 64 GiB)), reads PYPYSTM_GC_GROWTH (float,
   default 2.0: collect when bytes allocated since the last collection
   exceed live bytes after it times (growth - 1), with a floor), and
   registers the calling thread.  Returns 0, or -1 if the range cannot be
   reserved.  Call once, before anything else.  UNREGISTERED. */
int gc_init(void);

/* Lowest and one-past-highest address of the reserved heap range. */
extern char *gc_heap_base;
extern char *gc_heap_end;

/* True iff P lies in the heap range (not necessarily in an object). */
static inline bool gc_in_heap(const void *p)
{
    return (const char *)p >= gc_heap_base && (const char *)p < gc_heap_end;
}

/* Registers the calling thread with the heap; its whole stack and its
   registers become roots while it is registered.  Returns 0 (also when
   already registered), or -1 on failure.  A thread that exits while
   registered is unregistered automatically.  UNREGISTERED; may wait while
   a collection runs. */
int gc_thread_register(void);

/* Unregisters the calling thread; its spans go back to the heap.
   SAFEPOINT. */
void gc_thread_unregister(void);

/* ---- allocation ------------------------------------------------------ */

/* Allocates SIZE bytes (SIZE >= sizeof(gc_header_t)) of zeroed memory,
   16-byte aligned, with header type = TYPE, stm_copy = 0 and meta = the
   calling thread's current txid (gc_set_txid).  Returns NULL when the heap
   limit is reached even after a full collection (the caller raises
   MemoryError; the heap stays usable).  MAY_GC, SAFEPOINT, ANY THREAD. */
void *gc_alloc(const gc_type_t *type, size_t size);

/* Frees OBJ at once (it must be unreachable: used by stm/ for dropped
   private copies).  Its finalizer never runs.  OBJ must be an object start
   returned by gc_alloc and not yet freed: anything else is a fatal error.
   ANY THREAD (also while the caller holds the world); never collects. */
void gc_free(void *obj);

/* The size usable in OBJ's allocation (>= the size asked for). */
size_t gc_size(const void *obj);

/* If P points into an allocated object (interior pointers too), returns
   that object's start, else NULL.  For conservative scanners and debug
   checks. */
void *gc_object_start(const void *p);

/* Sets the txid stamped into the meta word of objects this thread
   allocates from now on (stm/ calls it at every transaction start). */
void gc_set_txid(uint64_t txid);

/* ---- roots ----------------------------------------------------------- */

/* Adds the words [START, END) as a conservative root range (thread-private
   frame stacks, global tables).  The range may change contents freely;
   it must stay valid until removed.  ANY THREAD. */
void gc_add_root_range(void *start, void *end);
void gc_remove_root_range(void *start);

/* Adds *SLOT as a root (a global variable holding one object pointer);
   gc_remove_root removes it.  ANY THREAD.  (The executable's own
   _Thread_local variables are scanned as roots on x86-64 glibc; elsewhere,
   and for shared libraries, register them: docs/gc.md.) */
void gc_add_root(void **slot);
void gc_remove_root(void **slot);

/* A callback run during every collection's mark phase, for roots that are
   not a fixed range (stm/'s write sets and frame snapshots, per-thread
   state).  It is called once per collection with the visitor, inside the
   pause, in the collecting thread: it may only call gc_visit and
   gc_visit_range, and must not take a lock that a thread may hold while
   it parks.  ANY THREAD may register. */
void gc_add_root_callback(void (*fn)(gc_visitor_t *v, void *arg), void *arg);
/* Removes the callback registered with the same FN and ARG. */
void gc_remove_root_callback(void (*fn)(gc_visitor_t *v, void *arg),
                             void *arg);

/* ---- safe points and the world --------------------------------------- */

/* Per-thread state the inline fast paths look at.  Fields other than
   those documented here are gc/'s business. */
typedef struct gc_thread gc_thread_t;
extern _Thread_local gc_thread_t *gc_self;

/* Non-zero while another thread asks this one to park.  Set by
   gc_stop_world and by gc_request_safepoint(). */
extern _Thread_local volatile int *gc_safepoint_flag;

void gc_safepoint_slow(void);

/* Asks thread T to reach a safe point soon (sets its flag and revokes its
   allocation limits): T parks there if the world is stopped, and in any
   case runs the resume hook once.  The request stays pending across
   stop-the-world pauses (also while T itself holds the world) until T
   parks or leaves a blocking section.  ANY THREAD; T must be registered
   (a thread that has unregistered is ignored). */
void gc_request_safepoint(gc_thread_t *t);

/* Polls the safe-point flag; if set, spills registers, publishes the
   stack bounds and parks until released (running the collection or the
   stop-the-world work of whoever asked).  Then runs the hook set by
   gc_set_resume_hook (stm/ uses it to notice doom).  SAFEPOINT. */
static inline void gc_safepoint(void)
{
    /* Set by other threads: a relaxed atomic load (a plain move). */
    if (__builtin_expect(__atomic_load_n(gc_safepoint_flag, __ATOMIC_RELAXED),
                         0))
        gc_safepoint_slow();
}

/* Stops the world: asks every other registered thread to park at its next
   safe point and waits until all have (a thread inside a blocking section
   counts as parked).  Returns with the caller the only one running heap
   code; nested calls are not allowed.  Used by collections and by stm/'s
   commit.  While waiting, the caller itself services requests made before
   its own (no deadlock when two threads stop the world at once: one of
   them parks first).  SAFEPOINT: when the caller had to park first, it
   runs the resume hook before retrying (so it may longjmp).  A thread
   holding the world may call gc_alloc and gc_collect (the collection then
   runs inside this pause).  docs/gc.md states the full protocol. */
void gc_stop_world(void);

/* Releases the threads parked by gc_stop_world. */
void gc_restart_world(void);

/* Called in every parked thread just after it resumes (and in the thread
   leaving a blocking section); stm/ sets it to check doom.  May longjmp
   out of the safe point (the STM abort). */
void gc_set_resume_hook(void (*hook)(void));

/* Enters a blocking section: spills registers, publishes the stack bounds,
   and lets collections and commits proceed without this thread.  The
   thread must not touch the heap (nor call gc_ functions other than
   gc_leave_blocking and gc_get_stats) until gc_leave_blocking.  */
void gc_enter_blocking(void);

/* How many times a thread about to wait for a short while (a lock held
   for microseconds, like stm/'s commit lock) should spin before sleeping:
   PYPYSTM_GC_SPIN if set, else 1000 while the threads that are not inside
   blocking sections fit on the CPUs, and 0 when they do not.  ANY THREAD,
   UNREGISTERED. */
long gc_spin_hint(void);

/* Leaves a blocking section, waiting first if the world is stopped.
   SAFEPOINT. */
void gc_leave_blocking(void);

/* ---- collection ------------------------------------------------------ */

/* Runs a full collection now.  MAY_GC, SAFEPOINT. */
void gc_collect(void);

/* Runs the finalizers queued by past collections, in this thread, one by
   one, in the order the collections found them.  Call it outside any
   stop-the-world pause (the interpreter calls it in an ordinary
   transaction).  Returns the number run.  MAY_GC. */
size_t gc_run_finalizers(void);

/* Next weak-reference object cleared by a past collection (for running
   callbacks), or NULL.  ANY THREAD. */
gc_weak_t *gc_next_cleared_weakref(void);

/* ---- statistics ------------------------------------------------------ */

typedef struct gc_stats {
    uint64_t collections;
    double   pause_total_s;       /* sum of stop-the-world pauses */
    double   pause_max_s;
    double   pause_last_s;
    size_t   live_bytes;          /* after the last collection */
    size_t   heap_bytes;          /* committed spans, small and large */
    size_t   allocated_bytes;     /* total ever allocated */
    size_t   max_heap_bytes;      /* the configured limit */
} gc_stats_t;

/* Copies the current figures into *OUT.  ANY THREAD; never collects. */
void gc_get_stats(gc_stats_t *out);

#endif
