/* test_gc_graph.c -- deep and wide object graphs: a linked list of 10^7
 * nodes (the mark stack must not use the C stack), a tree, an array of a
 * million pointers, and a random graph whose checksum must survive
 * collections with garbage in between. */
#include "gc/gc.h"
#include "tests/unit/unit.h"

#include <stdio.h>
#include <string.h>

typedef struct node {
    gc_header_t hdr;
    struct node *next;
} node_t;

typedef struct tree {
    gc_header_t hdr;
    struct tree *left, *right;
    uint64_t value;
} tree_t;

typedef struct array {
    gc_header_t hdr;
    size_t n;
    void *items[];
} array_t;

static void node_trace(void *obj, gc_visitor_t *v)
{
    gc_visit(v, ((node_t *)obj)->next);
}

static void tree_trace(void *obj, gc_visitor_t *v)
{
    tree_t *t = obj;
    gc_visit(v, t->left);
    gc_visit(v, t->right);
}

static void array_trace(void *obj, gc_visitor_t *v)
{
    array_t *a = obj;
    for (size_t i = 0; i < a->n; i++)
        gc_visit(v, a->items[i]);
}

static const gc_type_t node_type = {.name = "node", .trace = node_trace};
static const gc_type_t tree_type = {.name = "tree", .trace = tree_trace};
static const gc_type_t array_type = {.name = "array", .trace = array_trace};

#define DEEP 10000000

__attribute__((noinline)) static node_t *build_deep(size_t n)
{
    node_t *head = NULL;
    for (size_t i = 0; i < n; i++) {
        node_t *x = gc_alloc(&node_type, sizeof *x);
        if (!x)
            return NULL;
        x->next = head;
        head = x;
    }
    return head;
}

__attribute__((noinline)) static void wipe_stack(void)
{
    volatile char buf[32768];
    memset((char *)buf, 0, sizeof buf);
}

static void test_deep_list(void)
{
    double t0 = unit_now();
    node_t *volatile head = build_deep(DEEP);
    CU_ASSERT_PTR_NOT_NULL_FATAL(head);
    double t1 = unit_now();
    gc_collect();
    double t2 = unit_now();
    gc_stats_t st;
    gc_get_stats(&st);
    CU_ASSERT(st.live_bytes >= (size_t)DEEP * sizeof(node_t));
    size_t n = 0;
    for (node_t *x = head; x; x = x->next)
        n++;
    CU_ASSERT_EQUAL(n, DEEP);
    printf("\n    deep list: build %.2fs, collection %.3fs, live %zu MB ",
           t1 - t0, t2 - t1, st.live_bytes >> 20);
    head = NULL;
    wipe_stack();
    gc_collect();
    gc_get_stats(&st);
    CU_ASSERT(st.live_bytes < (size_t)DEEP * sizeof(node_t) / 10);
}

__attribute__((noinline)) static tree_t *build_tree(int depth, uint64_t *sum)
{
    if (depth == 0)
        return NULL;
    tree_t *t = gc_alloc(&tree_type, sizeof *t);
    t->value = (uint64_t)depth * 31 + *sum % 7;
    *sum += t->value;
    t->left = build_tree(depth - 1, sum);
    t->right = build_tree(depth - 1, sum);
    return t;
}

static uint64_t tree_sum(const tree_t *t)
{
    return t ? t->value + tree_sum(t->left) + tree_sum(t->right) : 0;
}

static void test_tree(void)
{
    uint64_t want = 0;
    tree_t *volatile t = build_tree(18, &want);
    for (int i = 0; i < 3; i++) {
        gc_collect();
        for (int k = 0; k < 100000; k++)
            gc_alloc(&tree_type, sizeof(tree_t));
    }
    CU_ASSERT_EQUAL(tree_sum(t), want);
}

/* One large array of a million pointers to small objects. */
static void test_wide(void)
{
    size_t n = 1000000;
    array_t *volatile a = gc_alloc(&array_type,
                                   sizeof(array_t) + n * sizeof(void *));
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    a->n = n;
    for (size_t i = 0; i < n; i++) {
        tree_t *t = gc_alloc(&tree_type, sizeof *t);
        t->value = i;
        a->items[i] = t;
    }
    for (int i = 0; i < 2; i++) {
        gc_collect();
        for (int k = 0; k < 200000; k++)
            gc_alloc(&tree_type, sizeof(tree_t));
    }
    int ok = 1;
    for (size_t i = 0; i < n; i++)
        ok &= ((tree_t *)a->items[i])->value == i
              && ((tree_t *)a->items[i])->hdr.type == &tree_type;
    CU_ASSERT(ok);
}

/* A random graph over mixed sizes, mutated between collections; the
   checksum of what is reachable from the root array must not change. */
static uint64_t rng = 88172645463325252ULL;
static uint64_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

typedef struct gnode {
    gc_header_t hdr;
    struct gnode *edge[3];
    uint64_t value;
    uint64_t size;
} gnode_t;

static void gnode_trace(void *obj, gc_visitor_t *v)
{
    gnode_t *g = obj;
    for (int i = 0; i < 3; i++)
        gc_visit(v, g->edge[i]);
}

static const gc_type_t gnode_type = {.name = "gnode", .trace = gnode_trace};

static uint64_t checksum(array_t *roots)
{
    uint64_t s = 0;
    for (size_t i = 0; i < roots->n; i++) {
        gnode_t *g = roots->items[i];
        /* Follow edge[0] chains a few steps: enough to touch the graph. */
        for (int d = 0; g && d < 4; d++, g = g->edge[0])
            s = s * 1000003 + g->value + g->size;
    }
    return s;
}

static gnode_t *new_gnode(void)
{
    static const size_t sizes[] = {64, 72, 100, 300, 1000, 5000, 20000};
    _Static_assert(sizeof(gnode_t) <= 64, "smallest size fits the struct");
    size_t sz = sizes[next_rand() % 7];
    gnode_t *g = gc_alloc(&gnode_type, sz);
    g->value = next_rand();
    g->size = sz;
    return g;
}

static void test_random_graph(void)
{
    size_t n = 20000;
    array_t *volatile roots = gc_alloc(&array_type,
                                       sizeof(array_t) + n * sizeof(void *));
    roots->n = n;
    for (size_t i = 0; i < n; i++)
        roots->items[i] = new_gnode();
    for (int round = 0; round < 10; round++) {
        for (int k = 0; k < 15000; k++) {
            gnode_t *a = roots->items[next_rand() % n];
            gnode_t *b = new_gnode();
            a->edge[next_rand() % 3] = b;
            b->edge[0] = roots->items[next_rand() % n];
            if (next_rand() % 4 == 0)
                roots->items[next_rand() % n] = b;
        }
        uint64_t before = checksum(roots);
        gc_collect();
        CU_ASSERT_EQUAL(checksum(roots), before);
    }
}

static CU_TestInfo tests[] = {
    {"deep: a linked list of 10^7 nodes", test_deep_list},
    {"a binary tree of depth 18", test_tree},
    {"wide: an array of 10^6 pointers", test_wide},
    {"a random mutated graph keeps its checksum", test_random_graph},
    CU_TEST_INFO_NULL,
};

static int init(void)
{
    return gc_init();
}

UNIT_MAIN("gc_graph", tests, init, NULL)
