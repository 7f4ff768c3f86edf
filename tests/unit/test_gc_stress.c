/* test_gc_stress.c -- GC-stress mode (PYPYSTM_GC_STRESS=1: a collection
 * at every run refill) over a mutated random graph with finalizers, weak
 * references and gc_free; and the environment variables' error handling
 * (each bad value checked in a forked child, since gc_init runs once). */
#include "gc/gc.h"
#include "gc/gc_internal.h"
#include "tests/unit/unit.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct gnode {
    gc_header_t hdr;
    struct gnode *edge[2];
    void *weak;
    uint64_t value;
    uint64_t check;
} gnode_t;

static void gnode_trace(void *obj, gc_visitor_t *v)
{
    gnode_t *g = obj;
    gc_visit(v, g->edge[0]);
    gc_visit(v, g->edge[1]);
    gc_visit(v, g->weak);
}

static long finalized;
static void gnode_finalize(void *obj)
{
    gnode_t *g = obj;
    if (g->check == ~g->value)
        finalized++;
}

static const gc_type_t gnode_type = {.name = "gnode", .trace = gnode_trace};
static const gc_type_t fnode_type = {.name = "fnode", .trace = gnode_trace,
                                     .finalize = gnode_finalize};
static const gc_type_t weak_type = {.name = "weak",
                                    .flags = GC_TYPE_WEAKREF};

typedef struct weak {
    gc_weak_t w;
} weak_t;

#define NROOTS 512
static gnode_t *roots[NROOTS];

static uint64_t seed = 0x9e3779b97f4a7c15ULL;
static uint64_t rnd(void)
{
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return seed;
}

static gnode_t *new_node(void)
{
    static const size_t sizes[] = {64, 80, 160, 700, 3000, 40000};
    _Static_assert(sizeof(gnode_t) <= 64, "smallest size fits the struct");
    size_t sz = sizes[rnd() % 6];
    gnode_t *g = gc_alloc(rnd() % 5 ? &gnode_type : &fnode_type, sz);
    g->value = rnd();
    g->check = ~g->value;
    return g;
}

/* Every reachable node must be intact; weak referents NULL or intact. */
static int verify(void)
{
    int bad = 0;
    for (int i = 0; i < NROOTS; i++) {
        gnode_t *g = roots[i];
        for (int d = 0; g && d < 6; d++) {
            bad += g->check != ~g->value;
            bad += g->hdr.type != &gnode_type && g->hdr.type != &fnode_type;
            if (g->weak) {
                gnode_t *r = ((weak_t *)g->weak)->w.referent;
                bad += r != NULL && r->check != ~r->value;
            }
            g = g->edge[d & 1];
        }
    }
    return bad;
}

static void test_stress_graph(void)
{
    for (int i = 0; i < NROOTS; i++)
        roots[i] = new_node();
    int bad = 0;
    double deadline = unit_now() + 1.5;
    long steps = 0;
    while (unit_now() < deadline) {
        for (int k = 0; k < 500; k++, steps++) {
            gnode_t *a = roots[rnd() % NROOTS];
            gnode_t *b = new_node();
            b->edge[0] = roots[rnd() % NROOTS];
            a->edge[rnd() % 2] = b;
            if (rnd() % 3 == 0) {
                weak_t *w = gc_alloc(&weak_type, sizeof *w);
                w->w.referent = roots[rnd() % NROOTS];
                b->weak = w;
            }
            if (rnd() % 7 == 0)
                roots[rnd() % NROOTS] = b;
            /* A fresh object nobody saw: freed at once. */
            gnode_t *tmp = new_node();
            gc_free(tmp);
        }
        gc_run_finalizers();
        while (gc_next_cleared_weakref())
            ;
        bad += verify();
    }
    gc_stats_t st;
    gc_get_stats(&st);
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT(st.collections > 50);
    CU_ASSERT(finalized > 0);
}

/* gc_init refuses malformed variables (checked through the parser it
   uses: gc_init itself runs once per process). */
static int env_fails(const char *var, const char *value)
{
    gci_env_t env;
    setenv(var, value, 1);
    int fd = dup(2), null = open("/dev/null", O_WRONLY);
    dup2(null, 2);          /* the message is expected */
    int rc = gci_parse_env(&env);
    dup2(fd, 2);
    close(fd);
    close(null);
    unsetenv(var);
    return rc == -1;
}

static void test_bad_environment(void)
{
    CU_ASSERT(env_fails("PYPYSTM_MAX_HEAP", "lots"));
    CU_ASSERT(env_fails("PYPYSTM_MAX_HEAP", "12Q"));
    CU_ASSERT(env_fails("PYPYSTM_MAX_HEAP", "-5G"));
    CU_ASSERT(env_fails("PYPYSTM_MAX_HEAP", "100"));
    CU_ASSERT(env_fails("PYPYSTM_MAX_HEAP", "99999999999999999999G"));
    CU_ASSERT(env_fails("PYPYSTM_MAX_HEAP", "1G junk"));
    CU_ASSERT(env_fails("PYPYSTM_GC_GROWTH", "0.5"));
    CU_ASSERT(env_fails("PYPYSTM_GC_GROWTH", "fast"));
    CU_ASSERT(env_fails("PYPYSTM_GC_GROWTH", "nan"));
    CU_ASSERT(env_fails("PYPYSTM_GC_STRESS", "often"));
    CU_ASSERT(env_fails("PYPYSTM_GC_STRESS", "-1"));
    gci_env_t env;
    setenv("PYPYSTM_MAX_HEAP", "3g", 1);
    setenv("PYPYSTM_GC_GROWTH", "1.25", 1);
    CU_ASSERT_EQUAL(gci_parse_env(&env), 0);
    CU_ASSERT_EQUAL(env.max_bytes, (size_t)3 << 30);
    CU_ASSERT_DOUBLE_EQUAL(env.growth, 1.25, 1e-9);
    setenv("PYPYSTM_MAX_HEAP", "65537k", 1);
    CU_ASSERT_EQUAL(gci_parse_env(&env), 0);
    CU_ASSERT_EQUAL(env.max_bytes, (size_t)64 << 20);  /* whole spans */
    unsetenv("PYPYSTM_MAX_HEAP");
    unsetenv("PYPYSTM_GC_GROWTH");
}

static CU_TestInfo tests[] = {
    {"GC-stress mode over a mutated graph", test_stress_graph},
    {"malformed environment variables", test_bad_environment},
    CU_TEST_INFO_NULL,
};

static int init(void)
{
    setenv("PYPYSTM_GC_STRESS", "1", 1);
    setenv("PYPYSTM_MAX_HEAP", "2G", 1);
    setenv("PYPYSTM_GC_GROWTH", "1.5", 1);
    if (gc_init() < 0)
        return -1;
    unsetenv("PYPYSTM_GC_STRESS");
    unsetenv("PYPYSTM_MAX_HEAP");
    unsetenv("PYPYSTM_GC_GROWTH");
    gc_add_root_range(roots, roots + NROOTS);
    return 0;
}

UNIT_MAIN("gc_stress", tests, init, NULL)
