/* test_gc_limit.c -- the heap limit (PYPYSTM_MAX_HEAP=16M, set before
 * gc_init): gc_alloc returns NULL cleanly, after a collection, and the
 * heap works again once objects are dropped. */
#include "gc/gc.h"
#include "tests/unit/unit.h"

#include <stdlib.h>
#include <string.h>

typedef struct node {
    gc_header_t hdr;
    struct node *next;
    char pad[40];
} node_t;

static void node_trace(void *obj, gc_visitor_t *v)
{
    gc_visit(v, ((node_t *)obj)->next);
}

static const gc_type_t node_type = {.name = "node", .trace = node_trace};
static const gc_type_t blob_type = {.name = "blob"};

/* Independent objects held by a registered array (not a list): a stray
   conservative pointer keeps one object alive, never all of them. */
#define MAXSLOTS 400000
static void *slots[MAXSLOTS];
static node_t *root;     /* registered: a short list, for the list check */

__attribute__((noinline)) static size_t fill(size_t big_every)
{
    size_t n = 0;
    for (;;) {
        node_t *x = (big_every && n % big_every == 0)
                        ? gc_alloc(&node_type, 100000)
                        : gc_alloc(&node_type, sizeof *x);
        if (!x)
            return n;
        if (n < MAXSLOTS) {
            slots[n] = x;
        } else {
            x->next = root;
            root = x;
        }
        n++;
    }
}

__attribute__((noinline)) static void drop_all(void)
{
    memset(slots, 0, sizeof slots);
    root = NULL;
}

__attribute__((noinline)) static void wipe_stack(void)
{
    volatile char buf[32768];
    memset((char *)buf, 0, sizeof buf);
}

static void test_limit_returns_null(void)
{
    gc_stats_t st;
    gc_get_stats(&st);
    CU_ASSERT_EQUAL(st.max_heap_bytes, 16u << 20);
    size_t n = fill(0);
    CU_ASSERT(n > 100000);      /* most of 16 MiB is usable */
    gc_get_stats(&st);
    CU_ASSERT(st.heap_bytes <= st.max_heap_bytes);
    /* Still NULL, for every size, and without crashing. */
    CU_ASSERT_PTR_NULL(gc_alloc(&blob_type, 32));
    CU_ASSERT_PTR_NULL(gc_alloc(&blob_type, 1 << 20));
    CU_ASSERT_PTR_NULL(gc_alloc(&blob_type, (size_t)1 << 40));
    CU_ASSERT_PTR_NULL(gc_alloc(&blob_type, SIZE_MAX / 2));
    /* The data is intact. */
    size_t k = 0, intact = 1;
    for (size_t i = 0; i < n && i < MAXSLOTS; i++, k++)
        intact &= ((node_t *)slots[i])->hdr.type == &node_type;
    for (node_t *x = root; x; x = x->next)
        k++;
    CU_ASSERT_EQUAL(k, n);
    CU_ASSERT(intact);

    /* Drop everything: the heap is usable again. */
    drop_all();
    wipe_stack();
    gc_collect();
    size_t m = fill(0);
    CU_ASSERT(m > n * 9 / 10);
    drop_all();
    wipe_stack();
    gc_collect();
    /* Mixed with large objects. */
    size_t q = fill(50);
    CU_ASSERT(q > 1000);
    drop_all();
    wipe_stack();
    gc_collect();
    gc_get_stats(&st);
    CU_ASSERT(st.live_bytes < (1u << 20));
    void *big = gc_alloc(&blob_type, 8u << 20);
    CU_ASSERT_PTR_NOT_NULL(big);
}

static CU_TestInfo tests[] = {
    {"the heap limit returns NULL and the heap recovers",
     test_limit_returns_null},
    CU_TEST_INFO_NULL,
};

static int init(void)
{
    setenv("PYPYSTM_MAX_HEAP", "16M", 1);
    if (gc_init() < 0)
        return -1;
    gc_add_root((void **)&root);
    gc_add_root_range(slots, slots + MAXSLOTS);
    return 0;
}

UNIT_MAIN("gc_limit", tests, init, NULL)
