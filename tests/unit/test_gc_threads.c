/* test_gc_threads.c -- several threads allocating and collecting at once;
 * stop-the-world races, blocking sections, the allocation-limit trick,
 * gc_free across threads, registration while others run. */
#include "gc/gc.h"
#include "gc/gc_internal.h"
#include "tests/unit/unit.h"

#include <pthread.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct item {
    gc_header_t hdr;
    struct item *child;
    uint64_t value;
    uint64_t check;
} item_t;

typedef struct array {
    gc_header_t hdr;
    size_t n;
    void *items[];
} array_t;

static void item_trace(void *obj, gc_visitor_t *v)
{
    gc_visit(v, ((item_t *)obj)->child);
}

static void array_trace(void *obj, gc_visitor_t *v)
{
    array_t *a = obj;
    for (size_t i = 0; i < a->n; i++)
        gc_visit(v, a->items[i]);
}

static const gc_type_t item_type = {.name = "item", .trace = item_trace};
static const gc_type_t array_type = {.name = "array", .trace = array_trace};
static const gc_type_t blob_type = {.name = "blob"};

static uint64_t xorshift(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* Joins T from a blocking section, so collections of other threads do
   not wait for this one. */
static void join(pthread_t t)
{
    gc_enter_blocking();
    pthread_join(t, NULL);
    gc_leave_blocking();
}

static item_t *new_item(uint64_t value, uint64_t *seed)
{
    static const size_t sizes[] = {48, 64, 200, 1000, 9000, 40000};
    _Static_assert(sizeof(item_t) <= 48, "smallest size fits the struct");
    size_t sz = sizes[xorshift(seed) % 6];
    item_t *it = gc_alloc(&item_type, sz);
    if (!it)
        return NULL;
    it->value = value;
    it->check = ~value;
    item_t *c = gc_alloc(&item_type, sizeof *c);
    if (!c)
        return NULL;
    c->value = value * 3;
    c->check = ~(value * 3);
    it->child = c;
    return it;
}

static uint64_t array_sum(array_t *a, int *bad)
{
    uint64_t s = 0;
    for (size_t i = 0; i < a->n; i++) {
        item_t *it = a->items[i];
        if (it->hdr.type != &item_type || it->check != ~it->value
            || !it->child || it->child->value != it->value * 3
            || it->child->check != ~it->child->value)
            (*bad)++;
        s += it->value;
    }
    return s;
}

typedef struct worker_arg {
    double deadline;
    uint64_t seed;
    int bad;
    int failed_alloc;
    long rounds;
} worker_arg_t;

static void *mutator(void *p)
{
    worker_arg_t *w = p;
    if (gc_thread_register() != 0) {
        w->bad = 1;
        return NULL;
    }
    size_t n = 3000;
    array_t *roots = gc_alloc(&array_type, sizeof(array_t) + n * sizeof(void *));
    roots->n = n;
    uint64_t want = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t v = xorshift(&w->seed) >> 8;
        roots->items[i] = new_item(v, &w->seed);
        want += v;
    }
    do {    /* at least one round, however slow the machine */
        for (int k = 0; k < 2000; k++) {
            size_t i = xorshift(&w->seed) % n;
            item_t *old = roots->items[i];
            item_t *fresh = new_item(old->value, &w->seed);
            if (!fresh) {
                w->failed_alloc++;
                break;
            }
            roots->items[i] = fresh;
            /* The old item is unreachable now: free half of them at once,
               leave the rest to the collector. */
            if (k & 1) {
                gc_free(old->child);
                gc_free(old);
            }
            gc_alloc(&blob_type, 16 + xorshift(&w->seed) % 600);
        }
        gc_safepoint();
        if (xorshift(&w->seed) % 8 == 0)
            gc_collect();
        if (array_sum(roots, &w->bad) != want)
            w->bad++;
        w->rounds++;
    } while (unit_now() < w->deadline);
    gc_thread_unregister();
    return NULL;
}

static void test_concurrent_mutators(void)
{
    enum { N = 3 };
    pthread_t th[N];
    worker_arg_t args[N];
    double deadline = unit_now() + 2.0;
    gc_stats_t st0, st1;
    gc_get_stats(&st0);
    for (int i = 0; i < N; i++) {
        args[i] = (worker_arg_t){.deadline = deadline, .seed = 1234567u + i};
        CU_ASSERT_EQUAL_FATAL(pthread_create(&th[i], NULL, mutator, &args[i]), 0);
    }
    for (int i = 0; i < N; i++)
        join(th[i]);
    gc_get_stats(&st1);
    for (int i = 0; i < N; i++) {
        CU_ASSERT_EQUAL(args[i].bad, 0);
        CU_ASSERT_EQUAL(args[i].failed_alloc, 0);
        CU_ASSERT(args[i].rounds > 0);
    }
    CU_ASSERT(st1.collections > st0.collections + 3);
}

/* Two threads stopping the world in a loop: mutual exclusion, no
   deadlock. */
static volatile int inside;
static volatile long stops;
static int overlap;

static void *stopper(void *p)
{
    double deadline = *(double *)p;
    gc_thread_register();
    while (unit_now() < deadline) {
        gc_stop_world();
        if (inside)
            overlap = 1;
        inside = 1;
        stops++;
        for (volatile int k = 0; k < 100; k++)
            ;
        inside = 0;
        gc_restart_world();
        gc_alloc(&blob_type, 64);
        gc_safepoint();
    }
    gc_thread_unregister();
    return NULL;
}

static void test_stop_world_race(void)
{
    pthread_t a, b;
    double deadline = unit_now() + 0.5;
    stops = 0;
    pthread_create(&a, NULL, stopper, &deadline);
    pthread_create(&b, NULL, stopper, &deadline);
    /* This thread stops the world too, and also collects. */
    while (unit_now() < deadline) {
        gc_stop_world();
        if (inside)
            overlap = 1;
        gc_restart_world();
        gc_collect();
    }
    join(a);
    join(b);
    CU_ASSERT_EQUAL(overlap, 0);
    CU_ASSERT(stops > 10);
}

/* A thread that only allocates (never polls gc_safepoint) must still let
   others stop the world: its allocation limits are revoked. */
static volatile int alloc_only_stop;
static volatile long alloc_only_count;

static void *alloc_only(void *p)
{
    (void)p;
    gc_thread_register();
    while (!alloc_only_stop) {
        gc_alloc(&blob_type, 32);
        alloc_only_count++;
    }
    gc_thread_unregister();
    return NULL;
}

static void test_allocation_limit_trick(void)
{
    pthread_t t;
    alloc_only_stop = 0;
    pthread_create(&t, NULL, alloc_only, NULL);
    while (alloc_only_count < 1000)
        gc_safepoint();
    for (int i = 0; i < 200; i++) {
        gc_stop_world();
        long c = alloc_only_count;
        usleep(100);
        /* Parked: it cannot allocate while the world is stopped. */
        CU_ASSERT_EQUAL(alloc_only_count, c);
        gc_restart_world();
    }
    gc_collect();
    alloc_only_stop = 1;
    join(t);
}

/* Objects kept only in a blocked thread's registers and stack survive;
   the resume hook runs when it leaves the section. */
static _Thread_local int hook_calls;
static void hook(void)
{
    hook_calls++;
}

static volatile int blocked_ready, blocked_go;
static int blocked_ok;

__attribute__((noinline)) static item_t *make_chain(int n)
{
    uint64_t seed = 99;
    item_t *head = NULL;
    for (int i = 0; i < n; i++) {
        item_t *it = new_item((uint64_t)i, &seed);
        it->child->child = head;
        head = it;
    }
    return head;
}

static void *blocker(void *p)
{
    (void)p;
    gc_thread_register();
    item_t *head = make_chain(2000);
    gc_enter_blocking();
    blocked_ready = 1;
    while (!blocked_go)
        usleep(1000);
    gc_leave_blocking();
    int ok = hook_calls >= 1;
    int i = 1999;
    for (item_t *it = head; it; it = it->child->child, i--)
        ok &= it->value == (uint64_t)i && it->check == ~it->value;
    blocked_ok = ok && i == -1;
    gc_thread_unregister();
    return NULL;
}

static void test_blocking_section(void)
{
    pthread_t t;
    gc_set_resume_hook(hook);
    blocked_ready = blocked_go = 0;
    pthread_create(&t, NULL, blocker, NULL);
    while (!blocked_ready) {
        gc_safepoint();     /* the blocker may be collecting */
        usleep(1000);
    }
    uint64_t seed = 5;
    for (int i = 0; i < 5; i++) {
        gc_collect();
        for (int k = 0; k < 20000; k++)
            new_item(7, &seed);
    }
    blocked_go = 1;
    join(t);
    CU_ASSERT_EQUAL(blocked_ok, 1);
    gc_set_resume_hook(NULL);
}

/* Thread A allocates objects and hands them to thread B through a
   registered root array; B frees them while A keeps allocating. */
#define HANDOFF 1024
static void *handoff[HANDOFF];
static pthread_mutex_t handoff_lock = PTHREAD_MUTEX_INITIALIZER;
static volatile int handoff_done;
static long freed_remote;

static void *producer(void *p)
{
    double deadline = *(double *)p;
    gc_thread_register();
    uint64_t seed = 77;
    while (unit_now() < deadline) {
        void *obj = new_item(xorshift(&seed), &seed);
        pthread_mutex_lock(&handoff_lock);
        for (int i = 0; i < HANDOFF; i++)
            if (!handoff[i]) {
                handoff[i] = obj;
                break;
            }
        pthread_mutex_unlock(&handoff_lock);
        gc_safepoint();
    }
    handoff_done = 1;
    gc_thread_unregister();
    return NULL;
}

static void *consumer(void *p)
{
    (void)p;
    gc_thread_register();
    while (!handoff_done) {
        void *obj = NULL;
        pthread_mutex_lock(&handoff_lock);
        for (int i = 0; i < HANDOFF && !obj; i++)
            if (handoff[i]) {
                obj = handoff[i];
                handoff[i] = NULL;
            }
        pthread_mutex_unlock(&handoff_lock);
        if (obj) {
            item_t *it = obj;
            if (it->check == ~it->value) {
                gc_free(it->child);
                gc_free(it);
                freed_remote++;
            }
        }
        gc_safepoint();
    }
    gc_thread_unregister();
    return NULL;
}

static void test_remote_free(void)
{
    pthread_t a, b;
    double deadline = unit_now() + 0.5;
    gc_add_root_range(handoff, handoff + HANDOFF);
    pthread_create(&a, NULL, producer, &deadline);
    pthread_create(&b, NULL, consumer, NULL);
    while (!handoff_done) {
        gc_collect();
        usleep(2000);
    }
    join(a);
    join(b);
    CU_ASSERT(freed_remote > 100);
    gc_remove_root_range(handoff);
}

/* Threads registering and unregistering while others collect. */
static void *short_lived(void *p)
{
    (void)p;
    for (int r = 0; r < 20; r++) {
        if (gc_thread_register() != 0)
            return (void *)1;
        uint64_t seed = 3;
        for (int k = 0; k < 500; k++)
            new_item(k, &seed);
        gc_thread_unregister();
    }
    return NULL;
}

static void test_register_while_running(void)
{
    pthread_t t[3];
    for (int i = 0; i < 3; i++)
        pthread_create(&t[i], NULL, short_lived, NULL);
    for (int i = 0; i < 30; i++) {
        gc_collect();
        usleep(500);
    }
    for (int i = 0; i < 3; i++)
        join(t[i]);
    CU_PASS("no deadlock");
}

/* Fairness: a thread stopping the world in a loop (like commits) does not
   starve the others: each parked thread leaves its safe point between two
   stops. */
static volatile int fair_stop, fair_started;
static volatile long fair_progress;

static void *fair_mutator(void *p)
{
    (void)p;
    gc_thread_register();
    fair_started = 1;
    while (!fair_stop) {
        fair_progress++;
        gc_safepoint();
    }
    gc_thread_unregister();
    return NULL;
}

static void test_stop_world_fairness(void)
{
    pthread_t t;
    fair_stop = fair_started = 0;
    fair_progress = 0;
    pthread_create(&t, NULL, fair_mutator, NULL);
    while (!fair_started)
        gc_safepoint();
    long before = fair_progress;
    int n = 300;
    for (int i = 0; i < n; i++) {
        gc_stop_world();
        gc_restart_world();
    }
    long made = fair_progress - before;
    fair_stop = 1;
    join(t);
    CU_ASSERT(made >= n - 1);
}

/* A thread that exits without gc_thread_unregister is unregistered by
   gc/ (else the next stop-the-world would wait for it forever). */
static void *forgetful(void *p)
{
    (void)p;
    gc_thread_register();
    gc_alloc(&blob_type, 100);
    return NULL;
}

static void test_exit_without_unregister(void)
{
    pthread_t t;
    pthread_create(&t, NULL, forgetful, NULL);
    join(t);
    gc_collect();
    gc_stop_world();
    gc_restart_world();
    CU_PASS("no hang");
}

/* fork() while other threads allocate: the child has only the forking
   thread, so it must be able to collect (not wait for the others). */
static void *fork_noise(void *p)
{
    double deadline = *(double *)p;
    gc_thread_register();
    uint64_t seed = 11;
    while (unit_now() < deadline) {
        new_item(1, &seed);
        gc_safepoint();
    }
    gc_thread_unregister();
    return NULL;
}

static void test_fork(void)
{
    pthread_t t[2];
    double deadline = unit_now() + 0.4;
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, fork_noise, &deadline);
    uint64_t seed = 5;
    item_t *volatile keep = new_item(42, &seed);
    int ok = 1;
    for (int round = 0; round < 5; round++) {
        pid_t pid = fork();
        if (pid == 0) {
            for (int k = 0; k < 3; k++) {
                gc_collect();
                for (int j = 0; j < 20000; j++)
                    new_item(7, &seed);
            }
            _exit(keep->value == 42 && keep->child->value == 126 ? 0 : 3);
        }
        int status = 0;
        gc_enter_blocking();
        waitpid(pid, &status, 0);
        gc_leave_blocking();
        ok &= WIFEXITED(status) && WEXITSTATUS(status) == 0;
        gc_collect();
    }
    for (int i = 0; i < 2; i++)
        join(t[i]);
    CU_ASSERT(ok);
}

/* gc_request_safepoint: the target runs the resume hook at its next safe
   point, with nobody stopping the world. */
static gc_thread_t *volatile req_target;
static volatile int req_stop;
static volatile int req_hooks;

static volatile int req_self_hooks;

static void req_hook(void)
{
    if (gc_self == req_target)
        req_hooks++;
    else
        req_self_hooks++;
}

static void *req_mutator(void *p)
{
    (void)p;
    gc_thread_register();
    req_target = gc_self;
    while (!req_stop) {
        gc_safepoint();
        gc_alloc(&blob_type, 48);
    }
    gc_thread_unregister();
    return NULL;
}

static void test_request_safepoint(void)
{
    pthread_t t;
    req_stop = req_hooks = 0;
    req_target = NULL;
    gc_set_resume_hook(req_hook);
    pthread_create(&t, NULL, req_mutator, NULL);
    while (!req_target)
        gc_safepoint();
    for (int i = 0; i < 20; i++) {
        int before = req_hooks;
        gc_request_safepoint(req_target);
        double deadline = unit_now() + 5.0;
        while (req_hooks == before && unit_now() < deadline)
            gc_safepoint();
        CU_ASSERT(req_hooks > before);
    }
    /* A request aimed at the thread holding the world: it keeps
       allocating (no loop on its own flag, no hook inside its pause) and
       runs the hook after the restart. */
    gc_stop_world();
    req_self_hooks = 0;
    gc_request_safepoint(gc_self);
    for (int k = 0; k < 1000; k++)
        CU_ASSERT_PTR_NOT_NULL_FATAL(gc_alloc(&blob_type, 48 + k % 200));
    gc_safepoint();
    CU_ASSERT_EQUAL(req_self_hooks, 0);
    gc_restart_world();
    gc_safepoint();
    CU_ASSERT(req_self_hooks >= 1);
    req_stop = 1;
    join(t);
    gc_set_resume_hook(NULL);
}

/* The same protocol with spinning waits (the default on machines with
   more than 2 CPUs), then with sleeping waits. */
static void test_spinning_waits(void)
{
    gci_set_spin(2000);
    test_stop_world_race();
    test_stop_world_fairness();
    test_allocation_limit_trick();
    gci_set_spin(0);
    test_stop_world_race();
    test_stop_world_fairness();
    gci_set_spin(-1);
}

static CU_TestInfo tests[] = {
    {"concurrent mutators keep their checksums", test_concurrent_mutators},
    {"stop-the-world races", test_stop_world_race},
    {"the allocation-limit trick", test_allocation_limit_trick},
    {"blocking sections and the resume hook", test_blocking_section},
    {"gc_free from another thread", test_remote_free},
    {"registration while others collect", test_register_while_running},
    {"a thread exiting while registered", test_exit_without_unregister},
    {"stopping the world in a loop does not starve others",
     test_stop_world_fairness},
    {"spinning and sleeping waits", test_spinning_waits},
    {"fork while other threads allocate", test_fork},
    {"gc_request_safepoint runs the resume hook", test_request_safepoint},
    CU_TEST_INFO_NULL,
};

static int init(void)
{
    return gc_init();
}

UNIT_MAIN("gc_threads", tests, init, NULL)
