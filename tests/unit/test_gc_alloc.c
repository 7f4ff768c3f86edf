/* test_gc_alloc.c -- allocator and single-thread collection: every size
 * class, large objects, gc_size/gc_object_start, stack roots, interior
 * pointers, reclamation, gc_free, txid stamping, registered roots. */
#include "gc/gc.h"
#include "tests/unit/unit.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

typedef struct node {
    gc_header_t hdr;
    struct node *next;
    uint64_t value;
} node_t;

static void node_trace(void *obj, gc_visitor_t *v)
{
    gc_visit(v, ((node_t *)obj)->next);
}

static const gc_type_t node_type = {.name = "node", .trace = node_trace};
static const gc_type_t blob_type = {.name = "blob"};
static const gc_type_t cons_type = {.name = "cons",
                                    .flags = GC_TYPE_CONSERVATIVE};

/* Keeps the compiler from proving a pointer dead or constant. */
__attribute__((noinline)) static void *opaque(void *p)
{
    __asm__ volatile("" : "+r"(p));
    return p;
}

/* Allocates and drops garbage in its own frame, then wipes that frame's
   area of the stack so no stale pointer keeps the garbage alive. */
__attribute__((noinline)) static void make_garbage(size_t bytes, size_t size)
{
    for (size_t done = 0; done < bytes; done += size)
        CU_ASSERT_PTR_NOT_NULL_FATAL(gc_alloc(&blob_type, size));
}

__attribute__((noinline)) static void wipe_stack(void)
{
    volatile char buf[16384];
    memset((char *)buf, 0, sizeof buf);
}

static void test_every_size(void)
{
    static const size_t sizes[] = {24, 32, 33, 48, 100, 255, 512, 513, 640,
                                   1000, 2047, 4096, 5000, 10000, 20000,
                                   32768, 32769, 65536, 65537, 300000,
                                   5 << 20};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        size_t sz = sizes[i];
        char *p = gc_alloc(&blob_type, sz);
        CU_ASSERT_PTR_NOT_NULL_FATAL(p);
        CU_ASSERT_EQUAL((uintptr_t)p % GC_ALIGN, 0);
        CU_ASSERT(gc_in_heap(p));
        CU_ASSERT(gc_size(p) >= sz);
        CU_ASSERT_PTR_EQUAL(((gc_header_t *)p)->type, &blob_type);
        CU_ASSERT_EQUAL(((gc_header_t *)p)->stm_copy, 0);
        int zero = 1;
        for (size_t k = sizeof(gc_header_t); k < sz; k++)
            zero &= p[k] == 0;
        CU_ASSERT(zero);
        CU_ASSERT_PTR_EQUAL(gc_object_start(p), p);
        CU_ASSERT_PTR_EQUAL(gc_object_start(p + sz - 1), p);
        CU_ASSERT_PTR_EQUAL(gc_object_start(p + sz / 2), p);
        memset(p + sizeof(gc_header_t), 0xab, sz - sizeof(gc_header_t));
    }
    /* Every size from 24 to 33000 in steps of 8, several of each. */
    for (size_t sz = 24; sz <= 33000; sz += sz < 1024 ? 8 : 97) {
        char *prev = NULL;
        for (int k = 0; k < 3; k++) {
            char *p = gc_alloc(&blob_type, sz);
            CU_ASSERT_PTR_NOT_NULL_FATAL(p);
            CU_ASSERT(gc_size(p) >= sz);
            CU_ASSERT(prev == NULL || p != prev);
            CU_ASSERT_PTR_EQUAL(gc_object_start(p + sz - 1), p);
            prev = p;
        }
    }
    CU_ASSERT_PTR_NULL(gc_object_start(NULL));
    CU_ASSERT_PTR_NULL(gc_object_start(&node_type));
}

__attribute__((noinline)) static node_t *build_list(int n)
{
    node_t *head = NULL;
    for (int i = 0; i < n; i++) {
        node_t *x = gc_alloc(&node_type, sizeof *x);
        CU_ASSERT_PTR_NOT_NULL_FATAL(x);
        x->next = head;
        x->value = (uint64_t)i * 7 + 1;
        head = x;
    }
    return head;
}

static uint64_t list_sum(const node_t *x)
{
    uint64_t s = 0;
    for (; x; x = x->next)
        s += x->value;
    return s;
}

static void test_local_survives(void)
{
    node_t *volatile head = build_list(1000);
    uint64_t want = list_sum(head);
    for (int round = 0; round < 3; round++) {
        gc_collect();
        make_garbage(4 << 20, 32);
        make_garbage(4 << 20, sizeof(node_t));
    }
    CU_ASSERT_EQUAL(list_sum(head), want);
    CU_ASSERT_PTR_EQUAL(((gc_header_t *)head)->type, &node_type);
}

static void test_interior_pointer(void)
{
    node_t *x = build_list(10);
    uint64_t want = list_sum(x);
    /* Only a pointer to the middle of the first node stays visible. */
    char *volatile inner = (char *)opaque(x) + 20;
    x = NULL;
    char *big = gc_alloc(&blob_type, 200000);
    memset(big + 24, 0x5a, 1000);
    char *volatile big_inner = (char *)opaque(big) + 150000;
    big = NULL;
    for (int round = 0; round < 3; round++) {
        gc_collect();
        make_garbage(2 << 20, sizeof(node_t));
        make_garbage(2 << 20, 200000);
    }
    node_t *back = gc_object_start(inner);
    CU_ASSERT_PTR_NOT_NULL_FATAL(back);
    CU_ASSERT_EQUAL(list_sum(back), want);
    char *bigback = gc_object_start(big_inner);
    CU_ASSERT_PTR_NOT_NULL_FATAL(bigback);
    CU_ASSERT_EQUAL(bigback[24], 0x5a);
    CU_ASSERT_EQUAL(bigback[1023], 0x5a);
}

static void test_garbage_reclaimed(void)
{
    gc_stats_t st0, st1, st2;
    wipe_stack();
    gc_collect();
    gc_get_stats(&st0);
    make_garbage(32 << 20, 48);
    make_garbage(16 << 20, 100000);
    wipe_stack();
    gc_collect();
    gc_get_stats(&st1);
    CU_ASSERT(st1.collections > st0.collections);
    CU_ASSERT(st1.live_bytes < st0.live_bytes + (1 << 20));
    /* The heap does not grow without bound when garbage is recycled. */
    for (int i = 0; i < 10; i++)
        make_garbage(16 << 20, 64);
    gc_get_stats(&st2);
    CU_ASSERT(st2.heap_bytes < st1.heap_bytes + (64 << 20));
    CU_ASSERT(st2.allocated_bytes >= st1.allocated_bytes + (160 << 20));
}

static void test_gc_free(void)
{
    void *a = gc_alloc(&blob_type, 64);
    void *b = gc_alloc(&blob_type, 64);
    gc_free(b);              /* most recent: handed out again at once */
    void *c = gc_alloc(&blob_type, 64);
    CU_ASSERT_PTR_EQUAL(c, b);
    CU_ASSERT_EQUAL(((uint64_t *)c)[4], 0);
    gc_free(a);              /* not the most recent: just freed */
    CU_ASSERT_PTR_NULL(gc_object_start(a));
    void *big = gc_alloc(&blob_type, 1 << 20);
    CU_ASSERT_PTR_NOT_NULL_FATAL(big);
    gc_free(big);
    CU_ASSERT_PTR_NULL(gc_object_start(big));
    void *big2 = gc_alloc(&blob_type, 1 << 20);
    CU_ASSERT_PTR_NOT_NULL_FATAL(big2);
    CU_ASSERT_EQUAL(((uint64_t *)big2)[1000], 0);
    gc_free(big2);
    gc_free(NULL);
}

static void test_txid(void)
{
    gc_set_txid(12345);
    gc_header_t *h = gc_alloc(&blob_type, 32);
    CU_ASSERT_EQUAL(gc_meta_txid(h), 12345);
    CU_ASSERT_EQUAL(h->meta & ~GC_META_TXID_MASK, 0);
    gc_set_txid(GC_META_TXID_MASK);
    h = gc_alloc(&blob_type, 40000);
    CU_ASSERT_EQUAL(gc_meta_txid(h), GC_META_TXID_MASK);
    gc_set_txid(0);
}

static node_t *global_slot;
static void *global_range[4];
static node_t *cb_target;

static void my_roots(gc_visitor_t *v, void *arg)
{
    CU_ASSERT_PTR_EQUAL(arg, &cb_target);
    gc_visit(v, cb_target);
}

__attribute__((noinline)) static void setup_globals(void)
{
    global_slot = build_list(5);
    global_range[2] = build_list(6);
    cb_target = build_list(7);
    /* Hidden from the stack scan: the only copy is this XOR'ed one. */
    cb_target = (node_t *)((uintptr_t)cb_target ^ 1);
    cb_target = (node_t *)((uintptr_t)cb_target ^ 1);
}

static void test_registered_roots(void)
{
    gc_add_root((void **)&global_slot);
    gc_add_root_range(global_range, global_range + 4);
    gc_add_root_callback(my_roots, &cb_target);
    setup_globals();
    uint64_t s1 = list_sum(global_slot), s2 = list_sum(global_range[2]),
             s3 = list_sum(cb_target);
    wipe_stack();
    for (int i = 0; i < 3; i++) {
        gc_collect();
        make_garbage(4 << 20, sizeof(node_t));
    }
    CU_ASSERT_EQUAL(list_sum(global_slot), s1);
    CU_ASSERT_EQUAL(list_sum(global_range[2]), s2);
    CU_ASSERT_EQUAL(list_sum(cb_target), s3);
    gc_remove_root((void **)&global_slot);
    gc_remove_root_range(global_range);
    gc_remove_root_callback(my_roots, &cb_target);
}

static void test_conservative_body(void)
{
    void **arena = gc_alloc(&cons_type, 8 * sizeof(void *) + 24);
    node_t *volatile keep = (node_t *)arena;
    arena[5] = build_list(20);
    uint64_t want = list_sum(arena[5]);
    arena = NULL;
    wipe_stack();
    for (int i = 0; i < 2; i++) {
        gc_collect();
        make_garbage(4 << 20, sizeof(node_t));
    }
    CU_ASSERT_EQUAL(list_sum(((void **)keep)[5]), want);
}

/* A _Thread_local variable of the main thread is a root (it does not
   live on the stack). */
static _Thread_local node_t *tls_root;

__attribute__((noinline)) static void set_tls_root(void)
{
    tls_root = build_list(50);
}

static void test_thread_local_root(void)
{
    set_tls_root();
    uint64_t want = list_sum(tls_root);
    wipe_stack();
    for (int i = 0; i < 3; i++) {
        gc_collect();
        make_garbage(4 << 20, sizeof(node_t));
    }
    CU_ASSERT_EQUAL(list_sum(tls_root), want);
    CU_ASSERT_PTR_EQUAL(gc_object_start(tls_root), tls_root);
    tls_root = NULL;
}

static long rss_kb(void)
{
    long pages = 0, resident = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (!f)
        return -1;
    if (fscanf(f, "%ld %ld", &pages, &resident) != 2)
        resident = -1;
    fclose(f);
    return resident < 0 ? -1 : resident * (sysconf(_SC_PAGESIZE) / 1024);
}

__attribute__((noinline)) static node_t *build_big(size_t n)
{
    node_t *head = NULL;
    for (size_t i = 0; i < n; i++) {
        node_t *x = gc_alloc(&node_type, 96);
        x->next = head;
        head = x;
    }
    return head;
}

/* A heap that shrinks gives its memory back (the trim after the sweep). */
static void test_memory_returned(void)
{
    static node_t *big_root;
    gc_add_root((void **)&big_root);
    long before = rss_kb();
    big_root = build_big(1000000);     /* ~96 MB live */
    gc_collect();
    long full = rss_kb();
    big_root = NULL;
    wipe_stack();
    gc_collect();
    gc_collect();
    long after = rss_kb();
    gc_remove_root((void **)&big_root);
    if (before < 0 || full < 0 || after < 0) {
        CU_PASS("no /proc/self/statm");
        return;
    }
    CU_ASSERT(full - before > 64 * 1024);
    CU_ASSERT(full - after > 48 * 1024);
}

static CU_TestInfo tests[] = {
    {"every size class and large objects", test_every_size},
    {"a local variable keeps its object", test_local_survives},
    {"an interior pointer keeps its object", test_interior_pointer},
    {"garbage is reclaimed", test_garbage_reclaimed},
    {"gc_free", test_gc_free},
    {"txid stamped in meta", test_txid},
    {"registered roots", test_registered_roots},
    {"conservative bodies", test_conservative_body},
    {"thread-local variables are roots", test_thread_local_root},
    {"memory goes back to the OS when the heap shrinks",
     test_memory_returned},
    CU_TEST_INFO_NULL,
};

static int init(void)
{
    return gc_init();
}

UNIT_MAIN("gc_alloc", tests, init, NULL)
