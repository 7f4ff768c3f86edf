/* gc_thread.c -- thread registration, safe points, stopping the world,
 * blocking sections.  docs/gc.md, "Safe points and stopping the world",
 * is the protocol's specification; stm/ relies on it.
 *
 * One mutex (world_lock) and one condition variable guard the thread list,
 * every thread's `state` and `gci_stopper`.  A thread is RUNNING, PARKED
 * (inside park(), registers pushed on its stack, stack_lo published) or
 * BLOCKING (between gc_enter_blocking and gc_leave_blocking, registers
 * copied into t->regs).  The world is stopped when gci_stopper != NULL and
 * every other thread is PARKED or BLOCKING; a thread leaves those states
 * only while gci_stopper is NULL (or itself).
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

/* States change under world_lock; spinning waiters also read them without
   it, so every access is atomic. */
static inline int get_state(const gc_thread_t *t)
{
    return __atomic_load_n(&t->state, __ATOMIC_ACQUIRE);
}

static inline void set_state(gc_thread_t *t, int st)
{
    __atomic_store_n(&t->state, st, __ATOMIC_RELEASE);
}

static inline gc_thread_t *get_stopper(void)
{
    return __atomic_load_n(&gci_stopper, __ATOMIC_ACQUIRE);
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
        ncpu = sysconf(_SC_NPROCESSORS_ONLN);
        __atomic_store_n(&spin_limit, n, __ATOMIC_RELAXED);
    }
    if (n != -2)
        return n;
    /* Automatic: called with the world lock held, so the list is stable. */
    long wanting = 0;
    for (gc_thread_t *t = gci_threads; t; t = t->next)
        if (get_state(t) != GCI_BLOCKING)
            wanting++;
    return wanting <= ncpu ? 1000 : 0;
}

void gci_set_spin(long n)
{
    __atomic_store_n(&spin_limit, n, __ATOMIC_RELAXED);
}

/* True iff every thread but SELF is stopped (PARKED or BLOCKING).  Safe
   without the lock once SELF is the stopper: the list cannot change. */
static bool others_stopped(gc_thread_t *self)
{
    for (gc_thread_t *t = gci_threads; t; t = t->next)
        if (t != self && get_state(t) == GCI_RUNNING)
            return false;
    return true;
}

/* Some thread other than SELF still PARKED (under the lock). */
static bool others_parked(gc_thread_t *self)
{
    for (gc_thread_t *t = gci_threads; t; t = t->next)
        if (t != self && get_state(t) == GCI_PARKED)
            return true;
    return false;
}
static pthread_cond_t world_cv = PTHREAD_COND_INITIALIZER;
static void (*resume_hook)(void);

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
   (with no stop-the-world in progress), and the child drops the other
   threads (giving back their unused runs; their objects stay until a
   collection finds them unreachable). */
static void fork_prepare(void)
{
    gc_thread_t *self = gc_self;
    pthread_mutex_lock(&world_lock);
    while (gci_stopper != NULL && gci_stopper != self) {
        if (!self || get_state(self) == GCI_BLOCKING) {
            /* Already counted as stopped: just wait for the restart. */
            pthread_cond_wait(&world_cv, &world_lock);
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
    pthread_mutex_lock(&world_lock);
    while (gci_stopper != NULL)
        pthread_cond_wait(&world_cv, &world_lock);
    set_state(t, GCI_RUNNING);
    t->next = gci_threads;
    if (gci_threads)
        gci_threads->prev = t;
    gci_threads = t;
    gc_self = t;
    gc_safepoint_flag = &t->flag;
    pthread_mutex_unlock(&world_lock);
    pthread_setspecific(exit_key, t);
    return 0;
}

/* Parks T until no other thread holds the world.  The callee-saved
   registers are pushed in this frame (__builtin_unwind_init), which stays
   on the stack above stack_lo for as long as T is parked. */
__attribute__((noinline)) static void park(gc_thread_t *t)
{
    __builtin_unwind_init();
    pthread_mutex_lock(&world_lock);
    t->stack_lo = gci_sp_here();
    t->regs_words = 0;
    while (gci_stopper != NULL && gci_stopper != t) {
        if (get_state(t) != GCI_PARKED) {
            set_state(t, GCI_PARKED);
            pthread_cond_broadcast(&world_cv);
            /* Short pauses (commits) end soon: spin before sleeping. */
            long n = spins();
            if (n) {
                pthread_mutex_unlock(&world_lock);
                for (long i = 0; i < n && get_stopper() != NULL; i++)
                    cpu_relax();
                pthread_mutex_lock(&world_lock);
                continue;
            }
        }
        pthread_cond_wait(&world_cv, &world_lock);
    }
    if (get_state(t) == GCI_PARKED) {
        set_state(t, GCI_RUNNING);
        pthread_cond_broadcast(&world_cv);  /* a stopper may wait for us */
    }
    if (gci_stopper == NULL) {
        t->requested = 0;       /* the hook runs right after this */
        __atomic_store_n(&t->flag, 0, __ATOMIC_RELAXED);
    }
    pthread_mutex_unlock(&world_lock);
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
            t->requested = 1;
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
    pthread_mutex_lock(&world_lock);
    for (;;) {
        if (gci_stopper == self)
            gci_fatal("gc_stop_world: nested call");
        if (gci_stopper != NULL) {
            /* Someone else stops the world: be stopped first, then retry
               (this is how two stoppers avoid a deadlock). */
            pthread_mutex_unlock(&world_lock);
            gc_safepoint_slow();
            pthread_mutex_lock(&world_lock);
            continue;
        }
        /* Fairness: threads parked by the previous stop leave their safe
           point first; otherwise one thread stopping the world in a loop
           (commits) could keep the others parked forever. */
        if (!others_parked(self))
            break;
        pthread_cond_wait(&world_cv, &world_lock);
    }
    __atomic_store_n(&gci_stopper, self, __ATOMIC_RELEASE);
    stop_began = gci_now();
    for (gc_thread_t *t = gci_threads; t; t = t->next)
        if (t != self)
            __atomic_store_n(&t->flag, 1, __ATOMIC_SEQ_CST);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    for (gc_thread_t *t = gci_threads; t; t = t->next)
        if (t != self)
            gci_revoke_limits(t);
    long n = spins();
    if (n && !others_stopped(self)) {
        pthread_mutex_unlock(&world_lock);
        for (long i = 0; i < n && !others_stopped(self); i++)
            cpu_relax();
        pthread_mutex_lock(&world_lock);
    }
    while (!others_stopped(self))
        pthread_cond_wait(&world_cv, &world_lock);
    pthread_mutex_unlock(&world_lock);
}

double gci_world_stopped_since(void)
{
    return stop_began;
}

void gc_restart_world(void)
{
    pthread_mutex_lock(&world_lock);
    if (gci_stopper != gc_self || gc_self == NULL)
        gci_fatal("gc_restart_world by a thread that did not stop the world");
    /* A pending gc_request_safepoint (even one aimed at the stopper
       itself) survives the restart. */
    for (gc_thread_t *t = gci_threads; t; t = t->next)
        __atomic_store_n(&t->flag, t->requested, __ATOMIC_RELAXED);
    __atomic_store_n(&gci_stopper, NULL, __ATOMIC_RELEASE);
    pthread_cond_broadcast(&world_cv);
    pthread_mutex_unlock(&world_lock);
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
    pthread_mutex_lock(&world_lock);
    t->regs_words = n;
    t->stack_lo = hi;
    set_state(t, GCI_BLOCKING);
    pthread_cond_broadcast(&world_cv);
    pthread_mutex_unlock(&world_lock);
}

void gc_leave_blocking(void)
{
    gc_thread_t *t = gc_self;
    if (!t)
        return;
    pthread_mutex_lock(&world_lock);
    if (get_state(t) != GCI_BLOCKING)
        gci_fatal("gc_leave_blocking without gc_enter_blocking");
    while (gci_stopper != NULL && gci_stopper != t)
        pthread_cond_wait(&world_cv, &world_lock);
    set_state(t, GCI_RUNNING);
    t->regs_words = 0;
    if (gci_stopper == NULL) {
        t->requested = 0;       /* the hook runs right after this */
        __atomic_store_n(&t->flag, 0, __ATOMIC_RELAXED);
    }
    pthread_mutex_unlock(&world_lock);
    void (*hook)(void) = __atomic_load_n(&resume_hook, __ATOMIC_ACQUIRE);
    if (hook)
        hook();
}
