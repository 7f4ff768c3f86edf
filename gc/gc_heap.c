/* gc_heap.c -- the reserved range, the span pool, size classes, set-up,
 * statistics.
 *
 * The whole heap is one PROT_NONE/MAP_NORESERVE reservation made at
 * gc_init; spans are made accessible (mprotect) GC_COMMIT_CHUNK at a time
 * as the pool grows.  The pool hands out the lowest free run of spans
 * (first fit from a hint), which keeps the heap compact.  Large objects
 * give their memory back to the OS (MADV_DONTNEED) when they die; the
 * pages read back as zeros, so a span remembers whether it is `dirty`.
 */
#include "gc/gc_internal.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

gc_heap_t gci_heap = {.lock = PTHREAD_MUTEX_INITIALIZER};
char *gc_heap_base;
char *gc_heap_end;

uint32_t gci_class_size[GC_NCLASSES];
uint8_t gci_class_small[33];
uint8_t gci_class_mid[GC_SMALL_MAX / 128 + 1];

/* The span bitmap lives beside the table: one bit per span, set while the
   span is in use (small, large head or large continuation). */
static uint64_t *used_map;

_Noreturn void gci_fatal(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("pypy-stm gc: fatal: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    abort();
}

double gci_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* 16-byte steps up to 512 (small objects dominate and waste must stay
   low), then four classes per doubling up to GC_SMALL_MAX (waste at most
   25%, usually far less). */
static void init_classes(void)
{
    unsigned c = 0;
    for (uint32_t sz = 16; sz <= 512; sz += 16)
        gci_class_size[c++] = sz;
    for (uint32_t base = 512; base < GC_SMALL_MAX; base *= 2)
        for (uint32_t k = 1; k <= 4; k++)
            gci_class_size[c++] = base + k * (base / 4);
    if (c != GC_NCLASSES || gci_class_size[c - 1] != GC_SMALL_MAX)
        gci_fatal("size class table is inconsistent (%u classes)", c);
    for (unsigned k = 0; k <= 32; k++)
        gci_class_small[k] = (uint8_t)(k == 0 ? 0 : k - 1);
    unsigned cls = 0;
    for (unsigned k = 0; k <= GC_SMALL_MAX / 128; k++) {
        while (gci_class_size[cls] < k * 128)
            cls++;
        gci_class_mid[k] = (uint8_t)cls;
    }
}

/* Parses "123", "64k", "512M", "2G" (powers of 1024).  Returns 0 or -1. */
static int parse_size(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (end == s || errno != 0 || s[0] == '-')
        return -1;
    unsigned shift = 0;
    switch (*end) {
    case '\0': break;
    case 'k': case 'K': shift = 10; end++; break;
    case 'm': case 'M': shift = 20; end++; break;
    case 'g': case 'G': shift = 30; end++; break;
    case 't': case 'T': shift = 40; end++; break;
    default: return -1;
    }
    if (*end == 'b' || *end == 'B')
        end++;
    if (*end != '\0' || (shift && v > (~0ULL >> shift)))
        return -1;
    *out = (size_t)(v << shift);
    return 0;
}

int gci_parse_env(gci_env_t *env)
{
    long pages = sysconf(_SC_PHYS_PAGES), psz = sysconf(_SC_PAGESIZE);
    size_t max = (size_t)64 << 30;
    if (pages > 0 && psz > 0 && (size_t)pages * (size_t)psz < max)
        max = (size_t)pages * (size_t)psz;
    const char *s = getenv("PYPYSTM_MAX_HEAP");
    if (s && *s) {
        if (parse_size(s, &max) < 0) {
            fprintf(stderr, "pypy-stm: PYPYSTM_MAX_HEAP=%s: expected a size "
                    "such as 512M or 4G\n", s);
            return -1;
        }
        if (max < ((size_t)1 << 20) || max > ((size_t)1 << 46)) {
            fprintf(stderr, "pypy-stm: PYPYSTM_MAX_HEAP=%s: must be between "
                    "1M and 64T\n", s);
            return -1;
        }
    }
    env->max_bytes = max & ~(GC_SPAN_SIZE - 1);

    env->growth = 2.0;
    s = getenv("PYPYSTM_GC_GROWTH");
    if (s && *s) {
        char *end;
        double g = strtod(s, &end);
        if (end == s || *end != '\0' || !(g >= 1.0 && g <= 1000.0)) {
            fprintf(stderr, "pypy-stm: PYPYSTM_GC_GROWTH=%s: expected a "
                    "number between 1.0 and 1000\n", s);
            return -1;
        }
        env->growth = g;
    }
    env->stress = 0;
    s = getenv("PYPYSTM_GC_STRESS");
    if (s && *s) {
        char *end;
        errno = 0;
        unsigned long long n = strtoull(s, &end, 10);
        if (end == s || *end != '\0' || errno != 0 || s[0] == '-') {
            fprintf(stderr, "pypy-stm: PYPYSTM_GC_STRESS=%s: expected a "
                    "count of span refills between collections\n", s);
            return -1;
        }
        env->stress = n;
    }
    return 0;
}

int gci_heap_init(void)
{
    gci_env_t env;
    if (gci_parse_env(&env) < 0)
        return -1;
    gci_heap.max_bytes = env.max_bytes;
    gci_heap.growth = env.growth;
    gci_heap.stress = env.stress;
    /* Below 8 MiB of allocation a collection costs more than it frees. */
    gci_heap.floor_bytes = (size_t)8 << 20;
    if (gci_heap.floor_bytes > gci_heap.max_bytes / 4)
        gci_heap.floor_bytes = gci_heap.max_bytes / 4;
    gci_heap.threshold = gci_heap.floor_bytes;
    init_classes();
    size_t len = gci_heap.max_bytes + GC_SPAN_SIZE;
    char *m = mmap(NULL, len, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (m == MAP_FAILED) {
        fprintf(stderr, "pypy-stm: cannot reserve %zu bytes of heap: %s "
                "(set PYPYSTM_MAX_HEAP lower)\n", len, strerror(errno));
        return -1;
    }
    /* Spans are aligned so that span_index is a shift. */
    char *base = (char *)(((uintptr_t)m + GC_SPAN_SIZE - 1)
                          & ~(uintptr_t)(GC_SPAN_SIZE - 1));
    if (base > m)
        munmap(m, (size_t)(base - m));
    char *end = base + gci_heap.max_bytes;
    if (m + len > end)
        munmap(end, (size_t)(m + len - end));

    /* Transparent huge pages where the system allows them (advisory):
       marking a large heap in random order is dominated by TLB misses. */
    madvise(base, gci_heap.max_bytes, MADV_HUGEPAGE);
    uint32_t nspans = (uint32_t)(gci_heap.max_bytes >> GC_SPAN_SHIFT);
    size_t table = (size_t)nspans * sizeof(gc_span_t);
    size_t map = ((size_t)nspans + 63) / 64 * sizeof(uint64_t);
    void *t = mmap(NULL, table + map, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (t == MAP_FAILED) {
        fprintf(stderr, "pypy-stm: cannot reserve the span table: %s\n",
                strerror(errno));
        munmap(base, gci_heap.max_bytes);
        return -1;
    }
    madvise(t, table, MADV_HUGEPAGE);
    gci_heap.spans = t;
    used_map = (uint64_t *)((char *)t + table);
    gci_heap.base = base;
    gci_heap.nspans = nspans;
    gc_heap_base = base;
    gc_heap_end = end;
    gci_heap.stats.max_heap_bytes = gci_heap.max_bytes;
    return 0;
}

static inline bool span_used(uint32_t i)
{
    return (used_map[i >> 6] >> (i & 63)) & 1;
}

/* First free span at or after I, or nspans. */
static uint32_t next_free(uint32_t i)
{
    uint32_t n = gci_heap.nspans;
    while (i < n) {
        uint64_t w = ~used_map[i >> 6] & (~UINT64_C(0) << (i & 63));
        if (w) {
            i = (i & ~63u) + (uint32_t)__builtin_ctzll(w);
            return i < n ? i : n;
        }
        i = (i & ~63u) + 64;
    }
    return n;
}

int64_t gci_spans_take(uint32_t n)
{
    uint32_t total = gci_heap.nspans;
    if (n == 0 || n > total)
        return -1;
    uint32_t i = next_free(gci_heap.free_hint);
    gci_heap.free_hint = i;
    for (;;) {
        if (i >= total || total - i < n)
            return -1;
        uint32_t j = i + 1;
        while (j < i + n && !span_used(j))
            j++;
        if (j == i + n)
            break;
        i = next_free(j + 1);
    }
    if (i + n > gci_heap.committed) {
        uint32_t c = (i + n + GC_COMMIT_CHUNK - 1) / GC_COMMIT_CHUNK
                     * GC_COMMIT_CHUNK;
        if (c > total)
            c = total;
        char *from = gci_span_start(gci_heap.committed);
        if (mprotect(from, (size_t)(c - gci_heap.committed) << GC_SPAN_SHIFT,
                     PROT_READ | PROT_WRITE) != 0)
            return -1;
        gci_heap.committed = c;
    }
    for (uint32_t k = i; k < i + n; k++)
        used_map[k >> 6] |= UINT64_C(1) << (k & 63);
    if (i + n > gci_heap.top)
        gci_heap.top = i + n;
    if (i == gci_heap.free_hint)
        gci_heap.free_hint = i + n;
    gci_heap.spans_in_use += n;
    return i;
}

void gci_spans_give(uint32_t si, uint32_t n, bool release)
{
    if (release)
        madvise(gci_span_start(si), (size_t)n << GC_SPAN_SHIFT,
                MADV_DONTNEED);
    for (uint32_t k = si; k < si + n; k++) {
        gc_span_t *s = &gci_heap.spans[k];
        s->kind = GCI_SPAN_FREE;
        s->listed = 0;
        if (release)
            s->dirty = 0;
        used_map[k >> 6] &= ~(UINT64_C(1) << (k & 63));
    }
    if (si < gci_heap.free_hint)
        gci_heap.free_hint = si;
    gci_heap.spans_in_use -= n;
}

void gci_trim(size_t keep_spans)
{
    while (gci_heap.top > 0 && !span_used(gci_heap.top - 1))
        gci_heap.top--;
    uint32_t committed = gci_heap.committed;
    size_t dirty = 0;
    for (uint32_t i = 0; i < committed; i++)
        dirty += !span_used(i) && gci_heap.spans[i].dirty;
    /* Release from the top down, in contiguous runs: the low spans are
       the ones the pool hands out first. */
    uint32_t i = committed;
    while (dirty > keep_spans && i > 0) {
        i--;
        if (span_used(i) || !gci_heap.spans[i].dirty)
            continue;
        uint32_t lo = i;
        while (lo > 0 && dirty - (i - lo + 1) > keep_spans
               && !span_used(lo - 1) && gci_heap.spans[lo - 1].dirty)
            lo--;
        madvise(gci_span_start(lo), (size_t)(i - lo + 1) << GC_SPAN_SHIFT,
                MADV_DONTNEED);
        for (uint32_t k = lo; k <= i; k++)
            gci_heap.spans[k].dirty = 0;
        dirty -= i - lo + 1;
        i = lo;
    }
}

void gci_span_init_small(uint32_t si, unsigned cls)
{
    gc_span_t *s = &gci_heap.spans[si];
    uint32_t size = gci_class_size[cls];
    s->cls = (uint8_t)cls;
    s->obj_size = size;
    s->nobjs = (uint32_t)(GC_SPAN_SIZE / size);
    s->recip = (uint32_t)(((UINT64_C(1) << 32) + size - 1) / size);
    s->head = 0;
    s->next = 0;
    s->listed = 0;
    memset(s->alloc, 0, sizeof s->alloc);
    memset(s->mark, 0, sizeof s->mark);
    memset(s->fin, 0, sizeof s->fin);
    __atomic_store_n(&s->kind, GCI_SPAN_SMALL, __ATOMIC_RELEASE);
}

static bool initialised;

int gc_init(void)
{
    if (initialised)
        return gc_self ? 0 : gci_thread_register();
    if (gci_heap_init() < 0)
        return -1;
    initialised = true;
    return gci_thread_register();
}

int gc_thread_register(void)
{
    if (!initialised) {
        fprintf(stderr, "pypy-stm gc: gc_thread_register before gc_init\n");
        return -1;
    }
    return gci_thread_register();
}

void gc_get_stats(gc_stats_t *out)
{
    pthread_mutex_lock(&gci_heap.lock);
    *out = gci_heap.stats;
    out->heap_bytes = gci_heap.spans_in_use * GC_SPAN_SIZE;
    out->allocated_bytes = __atomic_load_n(&gci_heap.allocated_total,
                                           __ATOMIC_RELAXED);
    out->max_heap_bytes = gci_heap.max_bytes;
    pthread_mutex_unlock(&gci_heap.lock);
}
