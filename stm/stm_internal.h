/* stm_internal.h -- stm/'s private structures (docs/stm.md explains them).
 * Only the stm/ sources include this file. */
#ifndef STM_INTERNAL_H
#define STM_INTERNAL_H

#include <pthread.h>
#include <stdatomic.h>

#include "stm/stm.h"

#if PYPYSTM_DEBUG
#include <assert.h>
#define STM_ASSERT(x) assert(x)
#else
#define STM_ASSERT(x) ((void)0)
#endif

/* A growable array of fixed-size items, malloc'd: stm/'s own bookkeeping,
   reused from transaction to transaction (never freed across an abort). */
typedef struct stm_vec {
    void  *items;
    size_t len, cap;
} stm_vec_t;

/* Returns a pointer to a new zeroed item at the end, or NULL (OOM). */
void *stm_vec_push(stm_vec_t *v, size_t item_size);
void stm_vec_free(stm_vec_t *v);

/* One write-set entry: the identity, its private copy, the exact stm_copy
   word we installed (to recognise it after a steal), where it was made. */
typedef struct stm_wentry {
    gc_header_t   *obj;
    void          *copy;
    uintptr_t      word;
    stm_location_t loc;
} stm_wentry_t;

typedef struct stm_action {
    void (*fn)(void *arg);
    void *arg;
} stm_action_t;

typedef struct stm_private {
    void  *addr;
    size_t size;
    void  *snap;      /* malloc'd snapshot, scanned as a gc root */
} stm_private_t;

typedef struct stm_undo {
    void  *addr;
    size_t size;
    size_t offset;    /* into the context's undo_bytes */
} stm_undo_t;

/* Appends N zeroed items at once; returns the first, or NULL (OOM). */
void *stm_vec_grow(stm_vec_t *v, size_t item_size, size_t n);

#if STM_VERIFY
typedef struct stm_vread {
    const gc_header_t *obj;
    uint64_t sum;
} stm_vread_t;
#endif

/* One per slot, each on its own cache lines: the holder writes its
   fields at every transaction start and safe-point acknowledgement. */
typedef struct stm_slot {
    int      index;
    stm_marker_t *markers;   /* one per 16 heap bytes */
    stm_marker_t read_version; /* value stored by R in this slot's markers */
    stm_context_t *ctx;      /* holder, or NULL (written under g.lock) */
    /* +1 whenever the holder's attempt ends: commit version 2 waits for
       the attempts it doomed to end (slots are never freed, contexts
       are). */
    _Atomic uint64_t attempt_seq;
    /* The newest commit epoch (_stm_shared.epoch) the holder acknowledged at a
       safe point: its read markers stored before are visible to that
       committer, its stm_copy loads after see that commit's tags. */
    _Atomic uint64_t acked;
    /* 1 while the holder is the current context of its OS thread (a
       logical context switched out runs nothing: it need not ack). */
    _Atomic int current;
    /* 1 while the holder runs a transaction: set after read_version at
       every start (then a fence), cleared when the attempt ends or, under
       commit version 2, once it has committed.  What commit version 2 reads of another slot is all
       in this one cache line. */
    _Atomic int running;
    pthread_t thread;        /* the holder's OS thread (set under g.lock) */
} __attribute__((aligned(128))) stm_slot_t;

struct stm_context {
    uint32_t   number;
    pthread_t  thread;          /* the OS thread it runs on */
    bool       registered_gc;   /* stm_thread_attach registered the thread */
    stm_slot_t *slot;

    /* transaction state */
    _Atomic int in_tx;
    uint64_t   txid;
    uint64_t   txid_next, txid_end; /* block of ids reserved for us */
    /* Attempts ended so far (+1 in leave_tx): while an attempt runs, its
       sequence number.  Written by the owner thread only. */
    _Atomic uint64_t attempt;
    /* 0, or (attempt << 8) | stm_abort_reason_t: the attempt a commit
       doomed and why.  A doom whose attempt is not the running one is
       stale (it arrived after that attempt ended) and is ignored and
       cleared.  Set with stm_doom (CAS), cleared by the owner (exchange);
       _stm_shared.attention counts the non-zero words. */
    _Atomic uint64_t doom;
    stm_location_t doomer_loc;   /* the doomer's location and context   */
    uint32_t   doomer_number;    /* number, under g.lock (stm_doom)     */
    stm_location_t doom_loc;     /* the other side's location (owner)   */
    uint32_t   doom_other;       /* the other side's number (owner)     */
    bool       inevitable;
    bool       want_inevitable;  /* start the next attempt inevitable */
    int        atomic, atomic_snapshot;
    int        consecutive_aborts;
    bool       backoff;          /* lost a write-write race to another
                                    OS thread: pause before the retry */
    int        no_abort;         /* >0: the resume hook must not longjmp */
    jmp_buf    abort_target;
    stm_location_t loc;          /* saved location while switched out */
    _stm_tls_t *tls;             /* the thread-local state of the thread
                                    it was last made current on (roots) */
    stm_context_t *wait_next;    /* FIFO of slot waiters (g.lock) */
    bool       waiting_slot;     /* queued in that FIFO (g.lock) */

    stm_vec_t  wset;             /* stm_wentry_t */
    stm_vec_t  deferred;         /* stm_action_t */
    stm_vec_t  on_abort;         /* stm_action_t */
    stm_vec_t  privates;         /* stm_private_t */
    stm_vec_t  undo;             /* stm_undo_t */
    stm_vec_t  undo_bytes;       /* char: the saved bytes, 8-aligned */
#if STM_VERIFY
    stm_vec_t  vreads;           /* stm_vread_t */
#endif

    uint64_t   length;
    uint64_t   rng;              /* random-abort stress mode */

    /* statistics (written only by the owning thread) */
    stm_stats_t st;
    int        state;            /* stm_stat_t; RUN_CURRENT while running */
    double     since;            /* when the current state began */
    double     attempt_run;      /* RUN_CURRENT seconds of this attempt */
    double     created;

    /* last abort */
    stm_abort_reason_t last_reason;
    double     last_lost;
    stm_location_t last_self, last_other;
    stm_abort_reason_t longest_reason;    /* NONE: nothing recorded */
    double     longest_lost;
    stm_location_t longest_self, longest_other;

    stm_context_t *next, *prev;  /* all contexts, under g.lock */
};

/* Global state. */
typedef struct stm_globals {
    int             nslots;
    stm_slot_t      slots[STM_MAX_SLOTS];
    size_t          marker_bytes;
    pthread_mutex_t lock;        /* slots, contexts list, totals, token wait */
    pthread_cond_t  slot_free;
    /* Contexts waiting for a slot, oldest first: a released slot goes
       straight to the head (FIFO hand-off, no barging). */
    stm_context_t  *slot_wait_head, *slot_wait_tail;
    pthread_key_t   exit_key;    /* detaches a thread that exits attached */
    bool            exit_key_ok;
    pthread_cond_t  token_free;
    stm_context_t  *contexts;
    uint32_t        next_number;
    stm_stats_t     totals;      /* of destroyed contexts */

    /* Written by every writing commit: a cache line of its own.  Use it
       through stm_commit_trylock/lock/unlock below. */
    pthread_mutex_t commit_lock __attribute__((aligned(64)));
    _Atomic int     commit_held;    /* 1 while someone holds commit_lock */
    _Atomic(stm_context_t *) inevitable __attribute__((aligned(64)));
    _Atomic uint64_t next_txid;

    /* commit-order tickets for deferred actions */
    pthread_mutex_t act_lock;
    pthread_cond_t  act_cond;
    uint64_t        ticket_next; /* under commit_lock or atomic */
    uint64_t        ticket_done; /* under act_lock */

    _Atomic int     inevitable_after;
    _Atomic unsigned random_abort;  /* 0, or 1/N abort chance per poll */
    int             commit_version; /* 1 or 2 */
    uint64_t      (*length_policy)(uint64_t, bool);
    size_t        (*loc_fmt)(const stm_location_t *, char *, size_t);
    bool            initialised;
} stm_globals_t;

extern stm_globals_t stm_g;

/* The commit lock.  Spinners look at commit_held before they try the
   mutex (test and test-and-set): a trylock at every spin would take the
   cache line away from the holder each time, slowing down the very
   commit they wait for.  The mutex stays so that version 1 can sleep. */
static inline bool stm_commit_trylock(void)
{
    if (atomic_load_explicit(&stm_g.commit_held, memory_order_relaxed) ||
        pthread_mutex_trylock(&stm_g.commit_lock) != 0)
        return false;
    atomic_store_explicit(&stm_g.commit_held, 1, memory_order_relaxed);
    return true;
}

static inline void stm_commit_lock_sleeping(void)
{
    pthread_mutex_lock(&stm_g.commit_lock);
    atomic_store_explicit(&stm_g.commit_held, 1, memory_order_relaxed);
}

static inline void stm_commit_unlock(void)
{
    atomic_store_explicit(&stm_g.commit_held, 0, memory_order_relaxed);
    pthread_mutex_unlock(&stm_g.commit_lock);
}

/* The first of the N write-set entries E whose marker in SLOT equals V
   (the version of the attempt being scanned), or N if none: the scan
   every commit makes of every other running slot.  Markers are read
   while their owner may store them: atomic (plain) loads. */
static inline size_t stm_first_marked(const stm_slot_t *slot,
                                      const stm_wentry_t *e, size_t n,
                                      stm_marker_t v)
{
    for (size_t i = 0; i < n; i++) {
        size_t idx = (size_t)((char *)e[i].obj - gc_heap_base) >> 4;
        if (__atomic_load_n(&slot->markers[idx], __ATOMIC_RELAXED) == v)
            return i;
    }
    return n;
}

/* ---- stm_core.c ---- */
void stm_load_tls(stm_context_t *ctx);
bool stm_acquire_slot(stm_context_t *ctx, bool wait);
void stm_release_slot(stm_context_t *ctx);

/* Reports a misuse of the API that would corrupt the heap (message on
   stderr) and aborts the process. */
_Noreturn void stm_fatal(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

/* The reason CTX's running attempt was doomed with, or 0 (also for a
   stale doom meant for an attempt that has ended). */
static inline int stm_doom_reason(stm_context_t *ctx)
{
    uint64_t d = atomic_load(&ctx->doom);
    if (__builtin_expect(d == 0, 1))
        return 0;
    if ((d >> 8) != atomic_load_explicit(&ctx->attempt, memory_order_relaxed))
        return 0;
    return (int)(d & 0xff);
}

/* ---- stm_tx.c ---- */
_Noreturn void stm_abort_with(stm_context_t *ctx, stm_abort_reason_t reason);
/* Everything stm_abort_with does except the jump: undoes the attempt and
   leaves CTX outside a transaction. */
void stm_abort_undo(stm_context_t *ctx, stm_abort_reason_t reason);
/* Clears CTX's doom word (stale or not), keeping _stm_shared.attention. */
void stm_clear_doom(stm_context_t *ctx);
/* Aborts CTX if a commit doomed it (and it runs a transaction). */
void stm_check_doom(stm_context_t *ctx);
/* Takes the commit lock and stops the world (servicing park requests,
   never aborting inside gc/); then aborts if CTX was doomed meanwhile. */
void stm_lock_world(stm_context_t *ctx);
void stm_unlock_world(stm_context_t *ctx);
/* Dooms attempt ATTEMPT of VICTIM (the commit lock and g.lock held).
   Does nothing if VICTIM holds the inevitable token in that attempt, or
   if that attempt is already doomed; replaces a stale doom.  A doom that
   lands after the attempt ended is stale and ignored by the victim. */
void stm_doom(stm_context_t *victim, uint64_t attempt,
              stm_abort_reason_t reason, const stm_location_t *loc,
              uint32_t other);

/* Under the commit lock (so tickets follow the commit order): a ticket
   for CTX's deferred actions, or 0 if it has none -- a commit without
   actions takes no place in the order and never waits for it. */
uint64_t stm_take_ticket(stm_context_t *ctx);

/* ---- stm_commit2.c ---- */
/* Commit version 2 of a non-empty write set (the caller checked doom and
   atomic).  Returns the ticket; aborts (MAY_ABORT) against an inevitable
   reader. */
uint64_t stm_commit_v2(stm_context_t *ctx);
/* Takes the commit lock the version-2 way: spinning, acknowledging,
   servicing park requests and aborting if doomed (a version-2 committer
   may be waiting for us).  Returns with the lock held. */
void stm_commit_lock_v2(stm_context_t *ctx);

/* Acknowledges the newest commit epoch for CTX's slot (see stm_slot_t):
   the release store publishes every read marker stored before it, and the
   acquire load of the epoch makes every later load see the tags of the
   commit that published it.  Called at every safe point and in every wait
   inside a transaction.  CURRENT. */
static inline void stm_ack_force(stm_context_t *ctx)
{
    uint64_t e = atomic_load_explicit(&_stm_shared.epoch, memory_order_acquire);
    _stm_tls.epoch = e;
    stm_slot_t *s = ctx->slot;
    if (s && atomic_load_explicit(&s->acked, memory_order_relaxed) != e)
        atomic_store_explicit(&s->acked, e, memory_order_release);
}

/* The same, when this thread has not acknowledged the newest epoch yet
   (_stm_tls.epoch: what it acknowledged for its current context's slot;
   stm_load_tls forces a new acknowledgement whenever that slot or context
   changes).  Marker stores made after an earlier acknowledgement of the
   same epoch need no publishing: that committer has seen the ack, and
   every load since then sees its tags. */
static inline void stm_ack(stm_context_t *ctx)
{
    if (atomic_load_explicit(&_stm_shared.epoch, memory_order_relaxed) !=
        _stm_tls.epoch)
        stm_ack_force(ctx);
}

/* ---- stm_stats.c ---- */
double stm_now(void);
/* Switches CTX's time accounting to state S; returns the previous one. */
int stm_stat_enter(stm_context_t *ctx, int s);
/* Ends the attempt: its run time goes to state S (committed/aborted); a
   context still in RUN_CURRENT moves to OUTSIDE. */
void stm_stat_end_attempt(stm_context_t *ctx, int s);
void stm_stats_add(stm_stats_t *into, const stm_stats_t *from);

/* ---- stm_log.c ---- */
enum {
    STM_EV_START = 0, STM_EV_COMMIT = 1, STM_EV_ABORT = 2,
    STM_EV_CONTENTION_WRITE_WRITE = 3, STM_EV_CONTENTION_WRITE_READ = 4,
    STM_EV_CONTENTION_INEVITABLE = 5, STM_EV_ABORTING_OTHER = 6,
    STM_EV_WAIT_FREE_SEGMENT = 7, STM_EV_WAIT_SYNC_PAUSE = 8,
    STM_EV_WAIT_CONTENTION = 9, STM_EV_WAIT_DONE = 10,
    STM_EV_GC_MINOR_START = 11, STM_EV_GC_MINOR_DONE = 12,
    STM_EV_GC_MAJOR_START = 13, STM_EV_GC_MAJOR_DONE = 14,
};
extern bool stm_log_enabled;
void stm_log_open(const char *path);
void stm_log_close(void);
void stm_log_event(const stm_context_t *ctx, uint32_t other, int event,
                   const stm_location_t *loc1, const stm_location_t *loc2);
static inline void stm_log(const stm_context_t *ctx, uint32_t other,
                           int event, const stm_location_t *loc1,
                           const stm_location_t *loc2)
{
    if (__builtin_expect(stm_log_enabled, 0))
        stm_log_event(ctx, other, event, loc1, loc2);
}

/* ---- stm_barrier.c ---- */
#if STM_VERIFY
void stm_verify_commit(stm_context_t *ctx);
#endif

#endif
