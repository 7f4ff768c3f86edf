/* stm.h -- software transactional memory on top of gc/: the one header the
 * interpreter uses (DESIGN §4; design notes in docs/stm.md).
 *
 * Model.  A *context* (stm_context_t) is one logical thread of transactions:
 * its transaction state, write set, abort target, atomic counter and
 * statistics.  A context runs on one OS thread; that thread's "current
 * context" (thread-local) is the one the barriers act for.  A real thread
 * has exactly one context (stm_thread_attach); the model-based tester runs
 * several contexts on ONE OS thread and switches between them with
 * stm_context_switch.  A context that is not current on its thread counts
 * as parked at a safe point: commits may doom it, and it aborts the moment
 * it runs again.  Every attached context holds a *slot* (DESIGN's slot,
 * stmgc's segment): a slot number, its read markers and its read version.
 *
 * Identity and views.  Object addresses are identities.  stm_read() and
 * stm_write() return *views*: where to read or write the fields right now
 * (possibly a private copy).  Never store a view; get it again after
 * anything that may write the same object, reach a safe point, collect or
 * call back into client code.  An operation that may write gets
 * stm_write(o) first and reads through that view too.
 *
 * Typical use (the interpreter):
 *     gc_init(); stm_init();                 once, in the main thread
 *     stm_thread_attach();                   every thread, main included
 *     stm_run(base_loop, ts);                the trampoline; base_loop
 *         ... stm_safepoint() at every bytecode dispatch and every few
 *             thousand iterations of long C loops (every other thread's
 *             writing commit waits for this thread's next poll),
 *         ... stm_read(o) / stm_write(o) in the types' accessors,
 *         ... stm_transaction_break() at boundaries (length limit),
 *         ... stm_commit_transaction(); stm_blocking_begin(); block;
 *             stm_blocking_end(); stm_start_transaction() around blocking
 *             calls (stm_start_inevitable_transaction() if the call
 *             returned data),
 *     stm_thread_detach();
 *
 * Contract words (besides gc.h's MAY_GC, SAFEPOINT, ANY THREAD):
 *   MAY_ABORT   may abort the running transaction: the call does not
 *               return, control goes back to the abort target (longjmp)
 *               after the transaction's effects were undone.
 *   IN_TX       requires a running transaction of the current context.
 *   OUT_TX      requires the current context to be outside a transaction.
 *   CURRENT     acts on the calling thread's current context (one must be
 *               attached/switched in).
 */
#ifndef STM_H
#define STM_H

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "gc/gc.h"

/* ---- the stm_copy word -------------------------------------------------
   gc_header_t.stm_copy = 0, or the private copy's address (bits 0..47)
   | owner tag (bits 48..55: owner slot number + 1, never 0 while a copy is
   installed) | STM_COPY_COMMITTING (bit 63: a version-2 commit is
   writing it back).
   Testing ownership compares the high bits with the slot's own tag and
   never dereferences the copy, which its owner may free at any moment. */
#define STM_COPY_OWNER_SHIFT 48
#define STM_COPY_OWNER_MASK  ((uintptr_t)0xff << STM_COPY_OWNER_SHIFT)
#define STM_COPY_COMMITTING  ((uintptr_t)1 << 63)
#define STM_COPY_TAG_MASK    (~GC_COPY_PTR_MASK)

/* Owner slot of a stm_copy word, or -1 when no copy is installed. */
static inline int stm_copy_owner(uintptr_t word)
{
    if (word == 0)
        return -1;
    return (int)((word & STM_COPY_OWNER_MASK) >> STM_COPY_OWNER_SHIFT) - 1;
}

#define STM_MAX_SLOTS 64

/* ---- types -------------------------------------------------------------- */

typedef struct stm_context stm_context_t;

/* Why a transaction attempt ended without committing. */
typedef enum stm_abort_reason {
    STM_ABORT_NONE = 0,
    STM_ABORT_WRITE_WRITE,   /* another slot owned a copy of what we wrote */
    STM_ABORT_WRITE_READ,    /* a commit changed something we had read */
    STM_ABORT_INEVITABLE,    /* lost against the inevitable transaction */
    STM_ABORT_OTHER,         /* explicit stm_abort_transaction(), or the
                                length limit, or anything else */
    STM_ABORT_N
} stm_abort_reason_t;

/* Time-accounting states of the statistics, in the order (and with the
   labels) of the "Low-level statistics" table of the pypy-stm user guide.
   X(enum-suffix, label). */
#define STM_STAT_LIST(X)                                   \
    X(OUTSIDE,          "outside transaction")             \
    X(RUN_CURRENT,      "run current")                     \
    X(RUN_COMMITTED,    "run committed")                   \
    X(RUN_ABORTED_WW,   "run aborted write write")         \
    X(RUN_ABORTED_WR,   "run aborted write read")          \
    X(RUN_ABORTED_INEV, "run aborted inevitable")          \
    X(RUN_ABORTED_OTHER,"run aborted other")               \
    X(WAIT_FREE_SEGMENT,"wait free segment")               \
    X(WAIT_WRITE_READ,  "wait write read")                 \
    X(WAIT_INEVITABLE,  "wait inevitable")                 \
    X(WAIT_OTHER,       "wait other")                      \
    X(SYNC_PAUSE,       "sync pause")                      \
    X(BOOKKEEPING,      "bookkeeping")                     \
    X(GC,               "gc")

typedef enum stm_stat {
#define STM_STAT_ENUM_(name, label) STM_STAT_##name,
    STM_STAT_LIST(STM_STAT_ENUM_)
#undef STM_STAT_ENUM_
    STM_STAT_N
} stm_stat_t;

/* Per-context statistics.  count[s]: how many times the context entered
   state s (for the run states: how many attempts ended that way);
   seconds[s]: real time spent in it.  The seconds of all states add up to
   the time since the context was created (RUN_CURRENT holds the running
   attempt's time so far). */
typedef struct stm_stats {
    uint64_t count[STM_STAT_N];
    double   seconds[STM_STAT_N];
    uint64_t commits_readonly;   /* commits with an empty write set */
    uint64_t commits_writing;    /* commits that took the commit lock */
    uint64_t copies;             /* private copies made by stm_write */
    double   elapsed;            /* seconds since the context was created,
                                    at the same instant as seconds[] */
} stm_stats_t;

/* A source location ("marker"): set by the client (the interpreter: code
   object + bytecode offset) with stm_set_location, turned into text only
   when a log record or a report needs it. */
typedef struct stm_location {
    const void *code;
    uint64_t offset;
} stm_location_t;

/* ---- fast-path state (internal; read by the inline barriers) ----------- */

/* A read marker: one per 16 heap bytes per slot, holding the slot's read
   version when its running attempt read the object.  16 bits, so the
   version wraps (and the markers are cleared) only every
   STM_READ_VERSION_PERIOD transactions of a slot (docs/stm.md). */
typedef uint16_t stm_marker_t;
#define STM_READ_VERSION_PERIOD 65535u

typedef struct _stm_tls {
    uintptr_t rm_shifted;     /* read markers of the slot - (heap_base >> 3):
                                 an object's marker is at rm_shifted +
                                 (addr >> 3) (16-byte objects, 2-byte
                                 markers) */
    uintptr_t own_tag;        /* (slot + 1) << 48, 0 without a slot */
    uint64_t  txid;           /* current attempt's id; 0 outside */
    stm_marker_t read_version; /* the slot's current marker value */
    uint64_t  epoch;          /* the commit epoch this thread acknowledged */
    stm_context_t *ctx;       /* current context, or NULL */
    stm_location_t loc;       /* current location (stm_set_location) */
} _stm_tls_t;
extern _Thread_local _stm_tls_t _stm_tls;

void *_stm_write_slow(void *obj);
const void *_stm_read_slow(const void *obj);
void _stm_safepoint_slow(void);
#if STM_VERIFY
void _stm_verify_log_read(const void *obj);
#endif
/* Debug builds: reports a barrier on something that is not an identity --
   not in the heap (its read marker would lie outside the marker array), or
   a private copy (a view that was stored and reused) -- and aborts. */
_Noreturn void _stm_bad_object(const void *obj);
#if PYPYSTM_DEBUG
#define _STM_CHECK_OBJECT(o)                                               \
    do {                                                                   \
        if (!gc_in_heap(o) ||                                              \
            (((const gc_header_t *)(o))->meta & GC_FLAG_IS_COPY))          \
            _stm_bad_object(o);                                            \
    } while (0)
#else
#define _STM_CHECK_OBJECT(o) ((void)0)
#endif
/* What every safe point reads, alone in one cache line (nothing written
   often may share it: each poll would miss).  `attention` is non-zero
   while some context is doomed or the random-abort stress mode is on:
   stm_safepoint then takes its slow path.  `epoch` is
   stm/'s commit epoch (stm_commit2.c): a poll that finds it different
   from the one this thread acknowledged last takes the slow path too. */
typedef struct _stm_shared {
    volatile int attention;
    _Atomic uint64_t epoch;
} __attribute__((aligned(64))) _stm_shared_t;
extern _stm_shared_t _stm_shared;

/* ---- set-up ------------------------------------------------------------- */

/* Initialises stm/: the slot table (PYPYSTM_SEGMENTS slots if set, else the
   number of CPUs, clamped to [4, 64]), read markers for the whole heap
   range, the resume hook and root callback with gc/, and the PYPYSTM event
   log (opened when the variable names a file).  gc_init() must have run.
   Returns 0, or -1 (message on stderr) if memory cannot be reserved.
   Call once.  Not thread-safe. */
int stm_init(void);

/* Flushes and closes the event log.  Contexts stay usable. */
void stm_shutdown(void);

/* Number of slots (transactional_memory.getsegmentlimit()). ANY THREAD. */
int stm_slot_count(void);

/* The commit protocol in use: 2 (default: no global pause; tag, wait for
   every running transaction to pass a safe point, doom and wait only for
   the readers) or 1 (park every other thread; PYPYSTM_COMMIT=1 or
   stm_set_commit_version). */
int stm_commit_version(void);

/* Selects commit version V (1 or 2).  Only while no transaction runs
   anywhere.  Returns 0, or -1 if V is not 1 or 2 or a transaction runs. */
int stm_set_commit_version(int v);

/* ---- contexts and threads ----------------------------------------------- */

/* Attaches the calling thread: registers it with gc/ if it is not yet,
   creates its context, waits (outside the heap, in a gc blocking section)
   for a free slot, and makes the context current.  Returns the context, or
   NULL on out-of-memory.  SAFEPOINT. */
stm_context_t *stm_thread_attach(void);

/* Detaches the calling thread: its context must be outside a transaction
   (inside one: fatal error, message and abort()); frees the slot (handing
   it to the oldest waiter) and the context; unregisters from gc/ if
   stm_thread_attach registered it.  With PYPYSTM_STATS=1 in the
   environment, prints the thread's statistics table to stderr first.
   A thread that exits attached is detached at exit (an open transaction
   is aborted first, without jumping).  SAFEPOINT. */
void stm_thread_detach(void);

/* For tests that play several logical threads on one OS thread: creates a
   context bound to the calling OS thread (which must be gc-registered),
   holding a slot taken without waiting.  Returns NULL if no slot is free
   or out of memory.  Does not make it current. */
stm_context_t *stm_context_create(void);

/* Makes CTX the current context of the calling OS thread (CTX must have
   been created on it).  The previously current context is now parked.
   If CTX is in a transaction that was doomed while it was parked, it
   aborts here: arm CTX's abort target (stm_abort_target) before calling.
   MAY_ABORT (aborts CTX). */
void stm_context_switch(stm_context_t *ctx);

/* Destroys CTX (outside a transaction -- inside one is a fatal error --
   not current), freeing its slot. */
void stm_context_destroy(stm_context_t *ctx);

/* The current context of the calling thread, or NULL. */
static inline stm_context_t *stm_current(void) { return _stm_tls.ctx; }

/* Small number identifying CTX in logs and reports (1, 2, ...). */
uint32_t stm_context_number(const stm_context_t *ctx);

/* Slot held by CTX (0..N-1), or -1 while it holds none. */
int stm_context_slot(const stm_context_t *ctx);

/* ---- blocking outside transactions ------------------------------------- */

/* Before a blocking call (sleep, lock wait, read): the current context must
   be outside a transaction.  Gives up the slot and enters a gc blocking
   section.  Returns 0, or -1 inside an atomic section (blocking there would
   deadlock: the caller raises an error and does not block).  Inside a
   transaction: fatal error (message, abort()).  CURRENT, OUT_TX. */
int stm_blocking_begin(void);

/* After the blocking call: leaves the blocking section and waits for a
   slot (waiters get slots in FIFO order).  SAFEPOINT, CURRENT. */
void stm_blocking_end(void);

/* ---- transactions -------------------------------------------------------- */

/* The abort target of CTX (NULL: the current context): arm it with
   `if (setjmp(*stm_abort_target(NULL)) != 0) { ...aborted... }` in a frame
   that stays alive while the transaction runs (the tester arms a parked
   context's target before stm_context_switch).  After an abort, setjmp
   returns the stm_abort_reason_t of the abort, the context is outside any
   transaction, and everything the attempt did to the heap, registered
   private state and atomic counter is undone. */
jmp_buf *stm_abort_target(stm_context_t *ctx);

/* Starts a transaction with a fresh attempt id.  If the previous attempts
   aborted too often in a row (stm_set_inevitable_after), or
   stm_become_inevitable asked for a restart, the transaction starts
   inevitable, waiting for the token first (in a blocking section).
   Snapshots the registered private state.  The abort target must be
   armed.  SAFEPOINT, CURRENT, OUT_TX. */
void stm_start_transaction(void);

/* Starts a transaction that is inevitable from its first instruction,
   waiting for the token first (in a blocking section, "wait inevitable").
   For code that resumes after a blocking call that returned data.  It
   cannot abort, so no abort target is needed.  (A tester's logical context
   whose token holder is parked on the same OS thread starts
   non-inevitable instead; check stm_is_inevitable.)  SAFEPOINT, CURRENT,
   OUT_TX. */
void stm_start_inevitable_transaction(void);

/* Commits the running transaction (DESIGN §4, commit version 1): alone if
   the write set is empty, else under the commit lock with the other slots
   parked, dooming the readers of what it wrote.  Then runs the deferred
   actions (outside the transaction, in commit order).  Returns 0, or -1
   (nothing done) inside an atomic section.  MAY_ABORT (a conflict with an
   inevitable reader, or the context was doomed), SAFEPOINT, CURRENT, IN_TX. */
int stm_commit_transaction(void);

/* Aborts the running transaction (reason STM_ABORT_OTHER) and jumps to the
   abort target.  Never returns.  CURRENT, IN_TX. */
_Noreturn void stm_abort_transaction(void);

/* The trampoline: runs FN(ARG) in a transaction.  If the current context is
   already in a transaction (a nested loop), just calls FN(ARG).  Otherwise
   arms the abort target in its own frame (no mutable locals), starts a
   transaction and calls FN(ARG), and puts the previous abort target back
   before returning (a run nested in another's FN between two of its
   transactions leaves the enclosing target intact); FN may commit and start further
   transactions itself (stm_transaction_break); after an abort it starts a
   new transaction and calls FN(ARG) again, so FN must reload everything
   from restored state.  When FN returns, commits the running transaction
   (if FN left one running, waiting out atomic sections is FN's job: an
   atomic section still open at return is closed first).  Returns FN's
   result.  MAY_GC, SAFEPOINT, CURRENT. */
int stm_run(int (*fn)(void *arg), void *arg);

/* A transaction boundary: unless an atomic section is open, commits and
   starts the next transaction (returns 1); in an atomic section does
   nothing (returns 0).  MAY_ABORT, SAFEPOINT, CURRENT, IN_TX. */
int stm_transaction_break(void);

/* True while the current context runs a transaction. */
bool stm_in_transaction(void);

/* True if the current transaction holds the inevitable token. */
bool stm_is_inevitable(void);

/* Makes the running transaction inevitable.  If the token is free, takes
   it and returns.  Otherwise aborts (STM_ABORT_INEVITABLE) and asks the
   retry to start inevitable (it then waits for the token at the
   boundary).  WHY (a short static text) is for diagnostics; the log does
   not record it yet.  MAY_ABORT, CURRENT, IN_TX. */
void stm_become_inevitable(const char *why);

/* Takes the inevitable token if it is free.  Returns true if the
   transaction is (now) inevitable, false if another holds the token.
   Never waits for the token.  Aborts if a commit doomed this transaction;
   under commit version 2 it first waits for a running commit to finish
   (MAY_ABORT).  CURRENT, IN_TX. */
bool stm_try_become_inevitable(const char *why);

/* Abort limit: a context aborted K times in a row starts its next attempt
   inevitable.  K = 0 disables it.  Default 4.  ANY THREAD. */
void stm_set_inevitable_after(int k);

/* ---- barriers ------------------------------------------------------------ */

/* R: marks OBJ as read by this slot's transaction and returns the view to
   read its fields at (this slot's private copy, else OBJ itself).  OBJ must
   be a heap object.  With commit version 1 it never waits, collects or
   aborts; with version 2 it waits while another slot is writing OBJ back,
   and may then park or abort (doom).  IN_TX. */
static inline const void *stm_read(const void *obj)
{
    _STM_CHECK_OBJECT(obj);
    stm_marker_t *marker =
        (stm_marker_t *)(_stm_tls.rm_shifted + ((uintptr_t)obj >> 3));
#if STM_VERIFY
    stm_marker_t seen = __atomic_load_n(marker, __ATOMIC_RELAXED);
#endif
    /* The marker store, then the stm_copy load, in this order: committers
       scan markers concurrently, and another slot's W installs copies
       with a CAS, so both are atomic accesses (plain moves on x86).  The
       signal fence keeps the compiler from swapping them.  The hardware
       may still let the load pass the store: commit version 2 does not
       depend on their order, only on the acknowledgement each thread
       stores at its next safe point after its markers (docs/stm.md). */
    __atomic_store_n(marker, _stm_tls.read_version, __ATOMIC_RELAXED);
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    uintptr_t w = __atomic_load_n(&((const gc_header_t *)obj)->stm_copy,
                                  __ATOMIC_ACQUIRE);
    const void *view = obj;
    if (__builtin_expect(w != 0, 0)) {
        if ((w & STM_COPY_TAG_MASK) == _stm_tls.own_tag)
            view = gc_copy_ptr(w);
        else if (w & STM_COPY_COMMITTING)
            view = _stm_read_slow(obj);
    }
#if STM_VERIFY
    if (seen != _stm_tls.read_version && view == obj)
        _stm_verify_log_read(obj);
#endif
    return view;
}

/* W: returns the view to write (and read) OBJ's fields at.  Young objects
   (allocated by this attempt): OBJ.  Owned: the copy.  Otherwise makes a
   private copy, installs it in OBJ's stm_copy word, records it in the write
   set and marks OBJ read.  Returns NULL only when the copy cannot be
   allocated (the caller raises MemoryError).  If another slot owns OBJ,
   that is a write-write conflict: this transaction aborts, unless it is
   inevitable, in which case the owner is doomed and OBJ taken over.
   MAY_ABORT, MAY_GC, SAFEPOINT (slow path only), IN_TX. */
static inline void *stm_write(void *obj)
{
    gc_header_t *h = (gc_header_t *)obj;
    _STM_CHECK_OBJECT(obj);
    if ((h->meta & GC_META_TXID_MASK) == _stm_tls.txid)
        return obj;
    /* Other slots CAS and tag the word concurrently: an atomic load (a
       plain move on x86). */
    uintptr_t w = __atomic_load_n(&h->stm_copy, __ATOMIC_RELAXED);
    if (__builtin_expect((w & STM_COPY_TAG_MASK) == _stm_tls.own_tag, 1))
        return gc_copy_ptr(w);
    return _stm_write_slow(obj);
}

/* True if OBJ was allocated by the current attempt (needs no barrier). */
static inline bool stm_is_young(const void *obj)
{
    return _stm_tls.txid != 0 &&
           (((const gc_header_t *)obj)->meta & GC_META_TXID_MASK) ==
               _stm_tls.txid;
}

/* Allocates a zeroed transactional object of SIZE bytes (>= the header)
   with type TYPE; young for the current attempt.  Returns NULL on heap
   exhaustion.  MAY_GC, SAFEPOINT (and so MAY_ABORT), IN_TX. */
void *stm_allocate(const gc_type_t *type, size_t size);

/* ---- safe points ------------------------------------------------------- */

/* Polls for park requests (gc/'s flag: collections and commits), for
   version-2 commits to acknowledge, and for doom; parks, acknowledges,
   and aborts a doomed transaction.  Call at every bytecode
   dispatch and every few thousand iterations of long C loops.
   MAY_ABORT, SAFEPOINT, CURRENT. */
static inline void stm_safepoint(void)
{
    /* Set by other threads: relaxed atomic loads (plain moves). */
    if (__builtin_expect(
            (__atomic_load_n(gc_safepoint_flag, __ATOMIC_RELAXED) |
             __atomic_load_n(&_stm_shared.attention, __ATOMIC_RELAXED)) ||
                __atomic_load_n(&_stm_shared.epoch, __ATOMIC_RELAXED) !=
                    _stm_tls.epoch, 0))
        _stm_safepoint_slow();
}

/* STM-stress mode (STYLE rule 13): with N > 0, every stm_safepoint inside
   a non-inevitable transaction aborts it (reason STM_ABORT_OTHER) with
   probability 1/N, so abort paths run all the time.  0 turns it off.  Also
   set at stm_init from PYPYSTM_RANDOM_ABORT=N.  ANY THREAD. */
void stm_set_random_abort(unsigned n);

/* Runs a collection from inside or outside a transaction, accounting the
   time as "gc".  MAY_GC, SAFEPOINT, MAY_ABORT. */
void stm_collect(void);

/* ---- atomic sections --------------------------------------------------- */

/* Enters an atomic section (nestable): while the level is non-zero the
   context never ends its transaction on its own.  CURRENT. */
void stm_atomic_enter(void);

/* Leaves one level.  Returns the new level, or -1 if not atomic. CURRENT. */
int stm_atomic_leave(void);

/* Current nesting level (0: not atomic).  CURRENT. */
int stm_atomic_level(void);

/* ---- adaptive transaction length ------------------------------------- */

/* The current length target of the context, in client units (the
   interpreter counts bytecodes or allocated bytes).  It doubles after each
   commit up to a maximum and halves after each abort down to a minimum,
   unless a policy hook is installed.  CURRENT. */
uint64_t stm_length_limit(void);

/* Installs a policy: called after every commit (aborted = false) and abort
   (aborted = true) with the current limit; returns the new one.  NULL
   restores the default.  Set it before threads start. */
void stm_set_length_policy(uint64_t (*policy)(uint64_t limit, bool aborted));

/* ---- deferred actions and abort callbacks ------------------------------- */

/* Queues FN(ARG) to run after the running transaction commits, outside any
   transaction, after the actions of every earlier commit (commit order).
   Dropped if the attempt aborts.  Returns 0, or -1 on out-of-memory.
   CURRENT, IN_TX.
   FN runs in the committing thread inside a gc blocking section (so that
   output that blocks holds up no commit or collection).  Hence FN must
   NOT touch the transactional heap at all: no barriers, no stm_/gc_
   calls (allocation, safe points, transactions), and no reading or
   writing of any heap object's fields -- other threads may be committing
   to them and a collection may run at the same moment.  ARG itself stays
   alive (it is a gc root) until FN returns, but only as an address.  FN
   may use malloc'd memory and the C library, make system calls (write
   output, wake a lock waiter) and take locks that are never held across
   a safe point.  So copy what FN needs out of the heap into malloc'd
   memory before the commit, inside the transaction, and pass that.  FN
   must not wait for a later writing commit to return (that commit runs
   its own actions after FN, in commit order: a deadlock). */
int stm_defer(void (*fn)(void *arg), void *arg);

/* Queues FN(ARG) to run if the running attempt aborts (newest first), to
   release raw resources.  Dropped at commit.  Returns 0 or -1 (OOM).
   CURRENT, IN_TX. */
int stm_on_abort(void (*fn)(void *arg), void *arg);

/* Registers SIZE bytes at ADDR as thread-private state of the current
   context: snapshotted at each transaction start and restored on abort.
   The bytes are also scanned as a conservative gc root.  Returns 0 or -1
   (OOM).  CURRENT, OUT_TX (takes effect at the next start). */
int stm_register_private(void *addr, size_t size);

/* Forgets a registration made with stm_register_private.  CURRENT. */
void stm_unregister_private(void *addr);

/* Undo log for thread-private state that is only known to need saving
   mid-transaction (a frame the transaction returns into below its start
   depth): saves the current SIZE bytes at ADDR; if the attempt aborts, they
   are put back (newest save first, so the oldest value wins), before the
   registered private state is restored.  Dropped at commit.  Saved bytes
   are a conservative gc root.  Returns 0, or -1 on out-of-memory.
   CURRENT, IN_TX. */
int stm_undo_save(void *addr, size_t size);

/* ---- locations and statistics ------------------------------------------ */

/* Sets the current location (cheap: two stores).  Recorded in write-set
   entries and log records.  CURRENT. */
static inline void stm_set_location(const void *code, uint64_t offset)
{
    _stm_tls.loc.code = code;
    _stm_tls.loc.offset = offset;
}

/* Installs the function that writes LOC as text into BUF (at most SIZE
   bytes, no NUL needed) and returns the length; used only when a log record
   or report is written.  Default: "<code>+offset" in hex. */
void stm_set_location_formatter(size_t (*fmt)(const stm_location_t *loc,
                                              char *buf, size_t size));

/* Copies CTX's statistics (NULL: the current context) into OUT, with the
   time of the current state counted up to now.  ANY THREAD (a snapshot may
   be slightly inconsistent for another running thread). */
void stm_get_stats(stm_context_t *ctx, stm_stats_t *out);

/* Sum over every context ever created, destroyed ones included. */
void stm_get_total_stats(stm_stats_t *out);

/* Writes STATS as the user guide's table (one line per state) into BUF;
   returns the length it needed (snprintf convention). */
size_t stm_format_stats(const stm_stats_t *stats, char *buf, size_t size);

/* Label of a statistics state ("run committed"...). */
const char *stm_stat_name(stm_stat_t s);

/* Reason of the current context's last abort, its lost seconds, and the
   locations of both sides (OTHER may be {NULL, 0}). CURRENT. */
stm_abort_reason_t stm_last_abort(double *lost_seconds, stm_location_t *self,
                                  stm_location_t *other);

/* The longest abort of the current context since this was last taken
   (transactional_memory.print_abort_info): if it lost at least
   MIN_SECONDS, fills the arguments (as stm_last_abort), forgets it and
   returns its reason; otherwise returns STM_ABORT_NONE.  CURRENT. */
stm_abort_reason_t stm_take_longest_abort(double min_seconds,
                                          double *lost_seconds,
                                          stm_location_t *self,
                                          stm_location_t *other);

/* ---- introspection for tests and tools --------------------------------- */

/* True if CTX runs a transaction / runs one that a commit has doomed (a
   doom that arrived after the attempt it was meant for had ended does
   not count). */
bool stm_context_in_transaction(const stm_context_t *ctx);
bool stm_context_doomed(const stm_context_t *ctx);

/* Number of entries in the current context's write set. CURRENT. */
size_t stm_write_set_size(void);

#if STM_VERIFY
/* Barrier verification (make VARIANT=verify).  stm_read logs each old
   object it sees with a checksum of its fields (as read through the view);
   at commit, every logged object not in the write set is checksummed again
   (objects flagged GC_FLAG_IMMUTABLE and young objects are not logged):
   a difference means someone wrote an object without stm_write (a missing
   W barrier).  Each failure calls the handler (default: print the object
   and abort()).  Returns the number of failures detected so far. */
size_t stm_verify_failures(void);
void stm_verify_set_handler(void (*handler)(const void *obj));
/* Runs the same check now on the current transaction's read log. IN_TX. */
size_t stm_verify_check_now(void);
#endif

#endif
