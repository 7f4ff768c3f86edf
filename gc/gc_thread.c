/* gc_thread.c -- thread registration, safe points, stopping the world,
 * blocking sections.  docs/gc.md, "Safe points and stopping the world",
 * is the protocol's specification; stm/ relies on it.
 *
 * A thread is RUNNING, PARKED (inside park(), registers pushed on its
 * stack, stack_lo published) or BLOCKING (between gc_enter_blocking and
 * gc_leave_blocking, registers copied into t->regs).  The world is stopped
 * when gci_stopper != NULL and every other thread is PARKED or BLOCKING; a
 * thread leaves those states only while gci_stopper is NULL (or itself).
 *
 * The common path of a stop is lock-free: `gci_stopper` and every `state`
 * are seq_cst atomics (a Dekker handshake: each side stores its own word,
 * then reads the other's), parked threads and the stopper spin on them and
 * only then sleep on world_cv, and whoever changes a word someone may be
 * sleeping on broadcasts only when `sleepers` says someone sleeps.
 * world_lock still serialises becoming the stopper with registration,
 * unregistration, gc_request_safepoint and fork, and guards the sleeps.
 */
#include "gc/gc_internal.h"

#include <string.h>
#include <unistd.h>

_Thread_local gc_thread_t *gc_self;
static volatile int no_request;
_Thread_local volatile int *gc_safepoint_flag = &no_request;

gc_thread_t *gci_threads;
gc_thread_t *gci_stopper;

static pthread_mutex_t world_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t world_cv = PTHREAD_COND_INITIALIZER;
static void (*resume_hook)(void);

/* Threads inside pthread_cond_wait(world_cv) (changed under world_lock). */
static int sleepers;
/* Threads PARKED (fairness: no new stop while one is); registered threads
   (under world_lock) and BLOCKING ones (the automatic spin count). */
static int nparked;
static int nthreads;
static int nblocking;

static inline int get_state(const gc_thread_t *t)
{
    return __atomic_load_n(&t->state, __ATOMIC_SEQ_CST);
}

static inline void set_state(gc_thread_t *t, int st)
{
    __atomic_store_n(&t->state, st, __ATOMIC_SEQ_CST);
}

static inline gc_thread_t *get_stopper(void)
{
    return __atomic_load_n(&gci_stopper, __ATOMIC_SEQ_CST);
}

static inline void cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#else
    __asm__ volatile("" ::: "memory");
#endif
}

/* Spin iterations before sleeping on the condition variable (a wake-up
   costs a context switch on both sides of every stop, tens of
   microseconds, while a commit's pause is a few): PYPYSTM_GC_SPIN if set;
   otherwise 1000 while the threads that want a CPU (those not inside a
   blocking section) fit on the machine's CPUs, and 0 when there are more
   of them (a spinner would steal the CPU the thread it waits for needs). */
static long spin_limit = -1;     /* -1: not read yet; -2: automatic */
static long ncpu;

static long spins(void)
{
    long n = __atomic_load_n(&spin_limit, __ATOMIC_RELAXED);
    if (n == -1) {
        const char *e = getenv("PYPYSTM_GC_SPIN");
        char *end;
        n = e && *e ? strtol(e, &end, 10) : -1;
        if (!e || !*e || *end != '\0' || n < 0 || n > 10000000)
            n = -2;
        __atomic_store_n(&ncpu, sysconf(_SC_NPROCESSORS_ONLN),
                         __ATOMIC_RELAXED);
        __atomic_store_n(&spin_limit, n, __ATOMIC_RELAXED);
    }
    if (n != -2)
        return n;
    /* Automatic: counters, not the list (callers may not hold the lock). */
    long wanting = __atomic_load_n(&nthreads, __ATOMIC_RELAXED)
                   - __atomic_load_n(&nblocking, __ATOMIC_RELAXED);
    return wanting <= __atomic_load_n(&ncpu, __ATOMIC_RELAXED) ? 1000 : 0;
}

long gc_spin_hint(void)
{
    return spins();
}

void gci_set_spin(long n)
{
    __atomic_store_n(&spin_limit, n, __ATOMIC_RELAXED);
}

/* The sleep side of every wait: with world_lock held, sleeps until
   COND(ARG).  Lost wake-ups are impossible: `sleepers` is incremented
   (seq_cst) before COND is read, and a waker stores its word (seq_cst)
   before reading `sleepers`, so one of the two sees the other. */
static void sleep_locked(bool (*cond)(void *), void *arg)
{
    __atomic_fetch_add(&sleepers, 1, __ATOMIC_SEQ_CST);
    while (!cond(arg))
        pthread_cond_wait(&world_cv, &world_lock);
    __atomic_fetch_sub(&sleepers, 1, __ATOMIC_SEQ_CST);
}

/* Waits (without world_lock held) until COND(ARG): spins, then sleeps. */
static void wait_until(bool (*cond)(void *), void *arg)
{
    long n = spins();
    for (long i = 0; i < n; i++) {
        if (cond(arg))
            return;
        cpu_relax();
    }
    if (cond(arg))
        return;
    pthread_mutex_lock(&world_lock);
    sleep_locked(cond, arg);
    pthread_mutex_unlock(&world_lock);
}

/* Called after a seq_cst store to a word some wait may be sleeping on.
   The lock orders the broadcast after the sleeper's check of COND. */
static void wake_sleepers(void)
{
    if (__atomic_load_n(&sleepers, __ATOMIC_SEQ_CST) > 0) {
        pthread_mutex_lock(&world_lock);
        pthread_cond_broadcast(&world_cv);
        pthread_mutex_unlock(&world_lock);
    }
}

/* Conditions waited for. */
static bool no_stopper(void *arg)
{
    (void)arg;
    return get_stopper() == NULL;
}

static bool no_other_stopper(void *arg)
{
    gc_thread_t *s = get_stopper();
    return s == NULL || s == (gc_thread_t *)arg;
}

static bool none_parked(void *arg)
{
    (void)arg;
    return __atomic_load_n(&nparked, __ATOMIC_SEQ_CST) == 0;
}

/* The fairness wait of gc_stop_world also ends when another thread
   became the stopper meanwhile (the waiter must then park for it). */
static bool may_try_stop(void *arg)
{
    return none_parked(arg) || get_stopper() != NULL;
}

/* True iff every thread but SELF is stopped (PARKED or BLOCKING).  Safe
   without the lock once SELF is the stopper: the list cannot change. */
static bool others_stopped(void *arg)
{
    gc_thread_t *self = arg;
    for (gc_thread_t *t = gci_threads; t; t = t->next)
        if (t != self && get_state(t) == GCI_RUNNING)
            return false;
    return true;
}

__attribute__((noinline)) char *gci_sp_here(void)
{
    /* The frame of this call lies below the caller's whole frame. */
    return (char *)__builtin_frame_address(0);
}

/* The executable's own _Thread_local variables (interp/, stm/ and gc/
   are linked into it) are roots: for threads other than the main one
   glibc puts them at the top of the thread's stack block, which is
   scanned anyway, but the main thread's are elsewhere.  On x86-64 (TLS
   variant II) the executable's block is the one that ends at the thread
   pointer, rounded to its alignment. */
#if defined(__x86_64__) && defined(__GLIBC__)
#include <link.h>

static size_t exe_tls_size;

static int find_exe_tls(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    (void)data;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type == PT_TLS) {
            size_t align = ph->p_align ? ph->p_align : 1;
            exe_tls_size = (ph->p_memsz + align - 1) / align * align;
        }
    }
    return 1;       /* the first object reported is the executable */
}

static void scan_phdrs(void)
{
    dl_iterate_phdr(find_exe_tls, NULL);
}

static void find_tls(gc_thread_t *t)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, scan_phdrs);
    char *tp;
    __asm__("mov %%fs:0, %0" : "=r"(tp));
    t->tls_lo = tp - exe_tls_size;
    t->tls_hi = tp;
}
#else
static void find_tls(gc_thread_t *t)
{
    t->tls_lo = t->tls_hi = NULL;   /* not scanned: register them */
}
#endif

static char *stack_top(void)
{
    pthread_attr_t a;
    void *addr;
    size_t size;
    if (pthread_getattr_np(pthread_self(), &a) == 0) {
        int rc = pthread_attr_getstack(&a, &addr, &size);
        pthread_attr_destroy(&a);
        if (rc == 0)
            return (char *)addr + size;
    }
    return NULL;
}


/* A thread that exits while registered would make every later
   gc_stop_world wait for it forever: a key destructor unregisters it. */
static pthread_key_t exit_key;
static pthread_once_t exit_key_once = PTHREAD_ONCE_INIT;

static void unregister_at_exit(void *arg)
{
    (void)arg;
    if (gc_self)
        gc_thread_unregister();
}

/* fork(): the child has one thread, but the list still holds the others
   (every stop-the-world would wait for them forever) and a lock may have
   been held by one of them.  So the forking thread takes every gc/ lock
   (with no stop-the-world in progress: none can start while world_lock is
   held), and the child drops the other threads (giving back their unused
   runs; their objects stay until a collection finds them unreachable) and
   resets the counters they were part of. */
static void fork_prepare(void)
{
    gc_thread_t *self = gc_self;
    pthread_mutex_lock(&world_lock);
    while (gci_stopper != NULL && gci_stopper != self) {
        if (!self || get_state(self) == GCI_BLOCKING) {
            /* Already counted as stopped: just wait for the restart. */
            sleep_locked(no_other_stopper, self);
            continue;
        }
        pthread_mutex_unlock(&world_lock);
        gc_safepoint_slow();
        pthread_mutex_lock(&world_lock);
    }
    pthread_mutex_lock(&gci_heap.lock);
    pthread_mutex_lock(&gci_roots_lock);
    pthread_mutex_lock(&gci_queue_lock);
}

static void fork_parent(void)
{
    pthread_mutex_unlock(&gci_queue_lock);
    pthread_mutex_unlock(&gci_roots_lock);
    pthread_mutex_unlock(&gci_heap.lock);
    pthread_mutex_unlock(&world_lock);
}

static void fork_child(void)
{
    gc_thread_t *self = gc_self;
    for (gc_thread_t *t = gci_threads; t; t = t->next)
        if (t != self)
            gci_retract_runs(t);    /* those threads do not exist here */
    gci_threads = self;
    nthreads = self ? 1 : 0;
    nblocking = self && get_state(self) == GCI_BLOCKING;
    nparked = 0;
    sleepers = 0;
    if (self) {
        self->next = self->prev = NULL;
        self->requested = 0;
        __atomic_store_n(&self->flag, 0, __ATOMIC_RELAXED);
    }
    pthread_cond_init(&world_cv, NULL);
    pthread_mutex_unlock(&gci_queue_lock);
    pthread_mutex_unlock(&gci_roots_lock);
    pthread_mutex_unlock(&gci_heap.lock);
    pthread_mutex_unlock(&world_lock);
}

static void make_exit_key(void)
{
    if (pthread_key_create(&exit_key, unregister_at_exit) != 0)
        gci_fatal("cannot create the thread-exit key");
    if (pthread_atfork(fork_prepare, fork_parent, fork_child) != 0)
        gci_fatal("cannot install the fork handlers");
}

int gci_thread_register(void)
{
    if (gc_self)
        return 0;
    pthread_once(&exit_key_once, make_exit_key);
    gc_thread_t *t = calloc(1, sizeof *t);
    if (!t)
        return -1;
    t->stack_hi = stack_top();
    find_tls(t);
    if (!t->stack_hi) {
        /* Without the true top, the frames above this call are missed. */
        fprintf(stderr, "pypy-stm gc: cannot find the thread's stack\n");
        free(t);
        return -1;
    }
    /* A stopper reads the list without the lock: it may only change while
       nobody holds the world (the stopper is set under world_lock). */
    pthread_mutex_lock(&world_lock);
    if (get_stopper() != NULL)
        sleep_locked(no_stopper, NULL);
    set_state(t, GCI_RUNNING);
    t->next = gci_threads;
    if (gci_threads)
        gci_threads->prev = t;
    gci_threads = t;
    __atomic_fetch_add(&nthreads, 1, __ATOMIC_RELAXED);
    gc_self = t;
    gc_safepoint_flag = &t->flag;
    pthread_mutex_unlock(&world_lock);
    pthread_setspecific(exit_key, t);
    return 0;
}

/* T resumes (leaves a park or a blocking section) just before its hook
   runs: a pending request is served by that run, so it is cleared, with
   the flag, unless a stopper already holds the world again (then the flag
   is that stopper's).  Under the lock, which stoppers and requesters take;
   the common case (no flag, no request) takes nothing. */
static void clear_request(gc_thread_t *t)
{
    if (!__atomic_load_n(&t->requested, __ATOMIC_SEQ_CST)
        && !__atomic_load_n(&t->flag, __ATOMIC_SEQ_CST))
        return;
    pthread_mutex_lock(&world_lock);
    if (get_stopper() == NULL) {
        __atomic_store_n(&t->requested, 0, __ATOMIC_SEQ_CST);
        __atomic_store_n(&t->flag, 0, __ATOMIC_SEQ_CST);
    }
    pthread_mutex_unlock(&world_lock);
}

/* Parks T until no other thread holds the world.  The callee-saved
   registers are pushed in this frame (__builtin_unwind_init), which stays
   on the stack above stack_lo for as long as T is parked. */
__attribute__((noinline)) static void park(gc_thread_t *t)
{
    __builtin_unwind_init();
    t->stack_lo = gci_sp_here();
    t->regs_words = 0;
    if (!no_other_stopper(t)) {
        /* nparked goes up before the state and down after it, so a
           would-be stopper that reads 0 sees nobody PARKED. */
        __atomic_fetch_add(&nparked, 1, __ATOMIC_SEQ_CST);
        set_state(t, GCI_PARKED);   /* publishes stack_lo (release) */
        wake_sleepers();            /* the stopper may sleep on us */
        wait_until(no_other_stopper, t);
        set_state(t, GCI_RUNNING);
        __atomic_fetch_sub(&nparked, 1, __ATOMIC_SEQ_CST);
        wake_sleepers();            /* a would-be stopper (fairness) */
    }
    clear_request(t);
}

void gc_thread_unregister(void)
{
    gc_thread_t *t = gc_self;
    if (!t)
        return;
    pthread_mutex_lock(&world_lock);
    while (gci_stopper != NULL) {
        if (gci_stopper == t)
            gci_fatal("gc_thread_unregister while this thread holds the "
                      "world stopped");
        pthread_mutex_unlock(&world_lock);
        park(t);
        pthread_mutex_lock(&world_lock);
    }
    /* No collection can start while we hold world_lock, so the runs can
       be given back safely (other threads only gc_free into them). */
    gci_retract_runs(t);
    if (t->prev)
        t->prev->next = t->next;
    else
        gci_threads = t->next;
    if (t->next)
        t->next->prev = t->prev;
    __atomic_fetch_sub(&nthreads, 1, __ATOMIC_RELAXED);
    if (get_state(t) == GCI_BLOCKING)
        __atomic_fetch_sub(&nblocking, 1, __ATOMIC_RELAXED);
    gc_self = NULL;
    gc_safepoint_flag = &no_request;
    pthread_cond_broadcast(&world_cv);
    pthread_mutex_unlock(&world_lock);
    pthread_setspecific(exit_key, NULL);
    free(t);
}

void gc_safepoint_slow(void)
{
    gc_thread_t *t = gc_self;
    if (!t)
        return;
    /* The thread holding the world polls nothing: a request aimed at it
       stays pending until its restart (which keeps the flag set). */
    if (get_stopper() == t)
        return;
    park(t);
    void (*hook)(void) = __atomic_load_n(&resume_hook, __ATOMIC_ACQUIRE);
    if (hook)
        hook();
}

void gc_request_safepoint(gc_thread_t *t)
{
    pthread_mutex_lock(&world_lock);
    for (gc_thread_t *u = gci_threads; u; u = u->next) {
        if (u == t) {
            /* `requested` before the flag: gc_restart_world clears the
               flag before reading `requested` (see there). */
            __atomic_store_n(&t->requested, 1, __ATOMIC_SEQ_CST);
            __atomic_store_n(&t->flag, 1, __ATOMIC_SEQ_CST);
            __atomic_thread_fence(__ATOMIC_SEQ_CST);
            gci_revoke_limits(t);
            break;
        }
    }
    pthread_mutex_unlock(&world_lock);
}

static double stop_began;

void gc_stop_world(void)
{
    gc_thread_t *self = gc_self;
    if (!self)
        gci_fatal("gc_stop_world called by a thread that is not registered");
    for (;;) {
        gc_thread_t *s = get_stopper();
        if (s == self)
            gci_fatal("gc_stop_world: nested call");
        if (s != NULL) {
            /* Someone else stops the world: be stopped first, then retry
               (this is how two stoppers avoid a deadlock). */
            gc_safepoint_slow();
            continue;
        }
        /* Fairness: threads parked by the previous stop leave their safe
           point first; otherwise one thread stopping the world in a loop
           (commits) could keep the others parked forever.  Nobody can
           become the stopper while one is PARKED, but one may have
           become it (and parked them again) before we looked. */
        if (!none_parked(NULL)) {
            wait_until(may_try_stop, NULL);
            continue;
        }
        pthread_mutex_lock(&world_lock);
        if (gci_stopper == NULL && none_parked(NULL))
            break;
        pthread_mutex_unlock(&world_lock);
    }
    /* seq_cst: gc_leave_blocking stores RUNNING then reads the stopper;
       we store the stopper then read the states (others_stopped). */
    __atomic_store_n(&gci_stopper, self, __ATOMIC_SEQ_CST);
    if (__atomic_load_n(&sleepers, __ATOMIC_SEQ_CST) > 0)
        pthread_cond_broadcast(&world_cv);  /* fairness waits must park */
    stop_began = gci_now();
    for (gc_thread_t *t = gci_threads; t; t = t->next)
        if (t != self)
            __atomic_store_n(&t->flag, 1, __ATOMIC_SEQ_CST);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    for (gc_thread_t *t = gci_threads; t; t = t->next)
        if (t != self)
            gci_revoke_limits(t);
    pthread_mutex_unlock(&world_lock);
    /* The list cannot change now: registration and unregistration wait
       under world_lock for the stopper to be gone. */
    if (!others_stopped(self))
        wait_until(others_stopped, self);
}

double gci_world_stopped_since(void)
{
    return stop_began;
}

void gc_restart_world(void)
{
    gc_thread_t *self = gc_self;
    if (self == NULL || get_stopper() != self)
        gci_fatal("gc_restart_world by a thread that did not stop the world");
    /* A pending gc_request_safepoint (even one aimed at the stopper
       itself) survives the restart.  The request stores `requested` then
       the flag; we clear the flag then read `requested` (all seq_cst): if
       we read 0, the request's flag store comes after our clear. */
    for (gc_thread_t *t = gci_threads; t; t = t->next) {
        __atomic_store_n(&t->flag, 0, __ATOMIC_SEQ_CST);
        if (__atomic_load_n(&t->requested, __ATOMIC_SEQ_CST))
            __atomic_store_n(&t->flag, 1, __ATOMIC_SEQ_CST);
    }
    __atomic_store_n(&gci_stopper, NULL, __ATOMIC_SEQ_CST);
    wake_sleepers();
}

void gc_set_resume_hook(void (*hook)(void))
{
    __atomic_store_n(&resume_hook, hook, __ATOMIC_RELEASE);
}

/* The caller's callee-saved registers are pushed in this frame by
   __builtin_unwind_init; the frame is copied into t->regs because it is
   popped (and overwritten by the blocking call) when we return, while the
   caller's own frame above stays on the stack and is scanned in place. */
__attribute__((noinline)) GC_NO_ASAN void gc_enter_blocking(void)
{
    __builtin_unwind_init();
    gc_thread_t *t = gc_self;
    if (!t)
        return;
    char *hi = (char *)__builtin_frame_address(0) + 2 * sizeof(void *);
    char *lo = gci_sp_here();
    if (lo < hi - GCI_REGS_WORDS * sizeof(void *))
        lo = hi - GCI_REGS_WORDS * sizeof(void *);
    lo = (char *)((uintptr_t)lo & ~(uintptr_t)(sizeof(void *) - 1));
    size_t n = (size_t)(hi - lo) / sizeof(void *);
    volatile void *const *src = (volatile void *const *)lo;
    for (size_t k = 0; k < n; k++)
        t->regs[k] = (void *)src[k];
    t->regs_words = n;
    t->stack_lo = hi;
    __atomic_fetch_add(&nblocking, 1, __ATOMIC_RELAXED);
    set_state(t, GCI_BLOCKING);     /* publishes regs and stack_lo */
    wake_sleepers();                /* a stopper may sleep on us */
}

void gc_leave_blocking(void)
{
    gc_thread_t *t = gc_self;
    if (!t)
        return;
    if (get_state(t) != GCI_BLOCKING)
        gci_fatal("gc_leave_blocking without gc_enter_blocking");
    /* Store RUNNING, then read the stopper (the stopper does the mirror
       image): if one holds the world, it may have counted us stopped, so
       go back to BLOCKING before touching anything and wait.  regs and
       stack_lo stay valid meanwhile. */
    for (;;) {
        set_state(t, GCI_RUNNING);
        if (no_other_stopper(t))
            break;
        set_state(t, GCI_BLOCKING);
        wake_sleepers();
        wait_until(no_other_stopper, t);
    }
    __atomic_fetch_sub(&nblocking, 1, __ATOMIC_RELAXED);
    t->regs_words = 0;
    clear_request(t);
    void (*hook)(void) = __atomic_load_n(&resume_hook, __ATOMIC_ACQUIRE);
    if (hook)
        hook();
}
