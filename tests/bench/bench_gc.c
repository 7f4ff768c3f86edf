/* bench_gc.c -- `make bench-gc`: allocation rate of 32-byte objects on
 * one and two threads (with garbage, so collections happen) against
 * glibc malloc+free of the same size in the same run; the pause of a full
 * collection with 10^7 live small objects; peak RSS.  Not a test: it
 * prints figures (noisy on a shared machine). */
#include "gc/gc.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

typedef struct obj {
    gc_header_t hdr;
    struct obj *next;
} obj_t;

static void obj_trace(void *o, gc_visitor_t *v)
{
    gc_visit(v, ((obj_t *)o)->next);
}

static const gc_type_t obj_type = {.name = "obj", .trace = obj_trace};

#define RING 1024
#define PER_THREAD 40000000L

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Each loop keeps the last RING objects alive (a small live set) and
   drops the rest: steady-state allocation with reclamation. */
static void *gc_loop(void *arg)
{
    long n = *(long *)arg;
    int reg = gc_self == NULL;
    if (reg)
        gc_thread_register();
    obj_t *ring[RING];
    memset(ring, 0, sizeof ring);
    for (long i = 0; i < n; i++) {
        obj_t *o = gc_alloc(&obj_type, sizeof *o);
        o->next = NULL;  /* no chains: only the ring is live */
        ring[i & (RING - 1)] = o;
    }
    __asm__ volatile("" : : "r"(ring) : "memory");
    if (reg)
        gc_thread_unregister();
    return NULL;
}

static void *malloc_loop(void *arg)
{
    long n = *(long *)arg;
    obj_t *ring[RING];
    memset(ring, 0, sizeof ring);
    for (long i = 0; i < n; i++) {
        free(ring[i & (RING - 1)]);
        obj_t *o = malloc(sizeof *o);
        o->hdr.type = &obj_type;
        o->hdr.stm_copy = 0;
        o->hdr.meta = 0;
        o->next = NULL;  /* no chains: only the ring is live */
        ring[i & (RING - 1)] = o;
    }
    __asm__ volatile("" : : "r"(ring) : "memory");
    for (int i = 0; i < RING; i++)
        free(ring[i]);
    return NULL;
}

static double run_threads(void *(*fn)(void *), int nthreads, long per)
{
    pthread_t t[2];
    double t0 = now();
    if (nthreads == 1) {
        fn(&per);
    } else {
        for (int i = 0; i < nthreads; i++)
            pthread_create(&t[i], NULL, fn, &per);
        if (fn == gc_loop)
            gc_enter_blocking();
        for (int i = 0; i < nthreads; i++)
            pthread_join(t[i], NULL);
        if (fn == gc_loop)
            gc_leave_blocking();
    }
    return now() - t0;
}

__attribute__((noinline)) static obj_t *build(long n)
{
    obj_t *head = NULL;
    for (long i = 0; i < n; i++) {
        obj_t *o = gc_alloc(&obj_type, sizeof *o);
        o->next = head;
        head = o;
    }
    return head;
}

static const gc_type_t array_type = {.name = "array",
                                     .flags = GC_TYPE_CONSERVATIVE};

/* N objects linked in random order: every step of the marker is a cache
   miss (the worst case for a pointer-chasing collector). */
__attribute__((noinline)) static obj_t *build_shuffled(long n)
{
    obj_t **a = gc_alloc(&array_type, sizeof(gc_header_t)
                                      + (size_t)n * sizeof(obj_t *));
    obj_t **items = (obj_t **)((gc_header_t *)a + 1);
    for (long i = 0; i < n; i++)
        items[i] = gc_alloc(&obj_type, sizeof(obj_t));
    uint64_t r = 88172645463325252ULL;
    for (long i = n - 1; i > 0; i--) {
        r ^= r << 13; r ^= r >> 7; r ^= r << 17;
        long j = (long)(r % (uint64_t)(i + 1));
        obj_t *t = items[i]; items[i] = items[j]; items[j] = t;
    }
    for (long i = 0; i + 1 < n; i++)
        items[i]->next = items[i + 1];
    obj_t *head = items[0];
    gc_free(a);
    return head;
}

/* A mutator that polls safe points in a tight loop (like the eval loop). */
static volatile int spin_stop, spin_started;
static void *spinner(void *arg)
{
    (void)arg;
    gc_thread_register();
    spin_started = 1;
    while (!spin_stop) {
        for (int i = 0; i < 100; i++)
            gc_safepoint();
        gc_alloc(&obj_type, sizeof(obj_t));
    }
    gc_thread_unregister();
    return NULL;
}

static void bench_stop_world(void)
{
    pthread_t t;
    spin_stop = 0;
    pthread_create(&t, NULL, spinner, NULL);
    while (!spin_started)
        gc_safepoint();
    int n = 20000;
    double t0 = now();
    for (int i = 0; i < n; i++) {
        gc_stop_world();
        gc_restart_world();
    }
    double dt = now() - t0;
    spin_stop = 1;
    gc_enter_blocking();
    pthread_join(t, NULL);
    gc_leave_blocking();
    printf("  gc_stop_world + gc_restart_world with one other running "
           "thread: %.2f us per round trip\n", dt / n * 1e6);
}

int main(void)
{
    if (gc_init() < 0)
        return 1;
    long per = PER_THREAD;
    printf("bench_gc: 32-byte objects, %d kept alive per thread, the rest "
           "garbage\n", RING);
    for (int threads = 1; threads <= 2; threads++) {
        gc_stats_t s0, s1;
        gc_get_stats(&s0);
        double tg = run_threads(gc_loop, threads, per);
        gc_get_stats(&s1);
        double tm = run_threads(malloc_loop, threads, per);
        double total = (double)per * threads;
        printf("  %d thread%s: gc_alloc %6.1f M/s (%5.2f ns each, %llu "
               "collections, pauses %.2f ms total)\n",
               threads, threads > 1 ? "s" : " ", total / tg / 1e6,
               tg / total * 1e9 * threads,
               (unsigned long long)(s1.collections - s0.collections),
               (s1.pause_total_s - s0.pause_total_s) * 1e3);
        printf("             malloc+free %6.1f M/s (%5.2f ns each)   "
               "gc/malloc time ratio %.2f\n",
               total / tm / 1e6, tm / total * 1e9 * threads, tg / tm);
    }

    bench_stop_world();

    long big = 10000000;
    double t0 = now();
    obj_t *volatile head = build(big);
    double t1 = now();
    gc_collect();
    double t2 = now();
    gc_stats_t st;
    gc_get_stats(&st);
    printf("  full collection, %ld live objects (%zu MB live): %.3f s "
           "(stop-the-world pause %.3f s); building them took %.2f s\n",
           big, st.live_bytes >> 20, t2 - t1, st.pause_last_s, t1 - t0);
    head = NULL;
    gc_collect();
    t0 = now();
    head = build_shuffled(big);
    t1 = now();
    long walked = 0;
    for (obj_t *o = head; o; o = o->next)
        walked++;
    double tw = now() - t1;
    t1 = now();
    gc_collect();
    t2 = now();
    gc_get_stats(&st);
    printf("  full collection, %ld live objects linked in random order: "
           "%.3f s (pause %.3f s); a plain walk of that list takes %.3f s\n",
           walked, t2 - t1, st.pause_last_s, tw);
    head = NULL;
    gc_collect();
    /* The same objects, all referenced from one array in random order: the
       marker has many objects pending and can overlap their misses. */
    const gc_type_t *at = &array_type;
    obj_t **arr = gc_alloc(at, sizeof(gc_header_t) + (size_t)big * sizeof(obj_t *));
    obj_t **items = (obj_t **)((gc_header_t *)arr + 1);
    for (long i = 0; i < big; i++)
        items[i] = gc_alloc(&obj_type, sizeof(obj_t));
    uint64_t r = 1234567;
    for (long i = big - 1; i > 0; i--) {
        r ^= r << 13; r ^= r >> 7; r ^= r << 17;
        long j = (long)(r % (uint64_t)(i + 1));
        obj_t *tmp = items[i]; items[i] = items[j]; items[j] = tmp;
    }
    t1 = now();
    gc_collect();
    t2 = now();
    printf("  full collection, %ld live objects referenced from one array in "
           "random order: %.3f s\n", big, t2 - t1);
    arr = NULL;
    items = NULL;
    (void)arr;
    (void)items;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("  peak RSS %.1f MB; heap %zu MB committed spans; %llu "
           "collections in all\n", (double)ru.ru_maxrss / 1024.0,
           st.heap_bytes >> 20, (unsigned long long)st.collections);
    return 0;
}
