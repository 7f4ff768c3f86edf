/* setobject.c -- set and frozenset, with CPython 2.7's table algorithm
 * (same probing as dict, resize at 2/3 fill to 4x used, minimum size 8)
 * so that iteration order -- visible in repr and marshal -- matches
 * CPython's, and CPython 2.7's frozenset hash.
 *
 * Layout: the set object (used, fill) plus a separate table object.
 * Field access goes through set_view_r/set_view_w and
 * table_view_r/table_view_w, built on py_view_r/py_view_w of
 * interp/object.h (the one switch to the STM barriers); writes check for
 * a NULL view (MemoryError).  A frozenset is written only while young
 * (being built), so the same code serves it; its hash cache is an
 * idempotent cache written with a plain atomic store, never through a
 * barrier (DESIGN §4).
 */
#include "interp/objects/setobject.h"

#include <string.h>

#include "interp/errors.h"
#include "interp/objects/boolobject.h"
#include "interp/objects/noneobject.h"
#include "interp/objects/stringobject.h"
#include "interp/pystate.h"

#define SET_MINSIZE 8
#define PERTURB_SHIFT 5

typedef struct {
    int64_t hash;
    py_object_t *key;           /* NULL: never used; DUMMY: deleted */
} set_entry_t;

typedef struct py_set_table {
    gc_header_t hdr;
    size_t size;                /* a power of two */
    set_entry_t e[];
} py_set_table_t;

typedef struct py_set {
    gc_header_t hdr;
    size_t used, fill;
    py_set_table_t *table;      /* NULL until the first insertion */
    int64_t hash;               /* frozenset: -1 until computed (cache) */
} py_set_t;

static inline const py_set_t *set_view_r(py_object_t *o) { return py_view_r(o); }
static inline py_set_t *set_view_w(py_object_t *o) { return py_view_w(o); }
static inline const py_set_table_t *table_view_r(py_set_table_t *t) { return py_view_r(t); }
static inline py_set_table_t *table_view_w(py_set_table_t *t) { return py_view_w(t); }

static char dummy_marker;
#define DUMMY ((py_object_t *)(void *)&dummy_marker)

static void table_trace(void *obj, gc_visitor_t *v)
{
    py_set_table_t *t = obj;
    for (size_t i = 0; i < t->size; i++)
        if (t->e[i].key != DUMMY)
            gc_visit(v, t->e[i].key);
}

static const gc_type_t set_table_gc = {
    .name = "set-table", .trace = table_trace,
};

static void set_trace(void *obj, gc_visitor_t *v)
{
    gc_visit(v, ((py_set_t *)obj)->table);
}

static py_object_t *set_repr(py_object_t *o);
static py_object_t *set_richcompare(py_object_t *a, py_object_t *b, int op);
static int64_t frozenset_hash(py_object_t *o);
static int set_nonzero(py_object_t *o) { return set_view_r(o)->used != 0; }

const py_type_spec_t py_set_spec = {
    .name = "set",
    .basicsize = sizeof(py_set_t),
    .flags = PY_TPFLAG_BASETYPE | PY_TPFLAG_UNHASHABLE,
    .base = &py_object_type,
    .trace = set_trace,
    .repr = set_repr,
    .richcompare = set_richcompare,
    .nonzero = set_nonzero,
};

const py_type_spec_t py_frozenset_spec = {
    .name = "frozenset",
    .basicsize = sizeof(py_set_t),
    .flags = PY_TPFLAG_BASETYPE | PY_TPFLAG_IMMUTABLE,
    .base = &py_object_type,
    .trace = set_trace,
    .repr = set_repr,
    .hash = frozenset_hash,
    .richcompare = set_richcompare,
    .nonzero = set_nonzero,
};

bool py_set_check(py_object_t *o) { return py_isinstance(o, py_set_type); }
bool py_set_check_exact(py_object_t *o) { return py_type_of(o) == py_set_type; }
bool py_frozenset_check(py_object_t *o) { return py_isinstance(o, py_frozenset_type); }
bool py_frozenset_check_exact(py_object_t *o) { return py_type_of(o) == py_frozenset_type; }
bool py_anyset_check(py_object_t *o) { return py_set_check(o) || py_frozenset_check(o); }

static py_object_t *set_alloc(py_type_t *t)
{
    py_object_t *o = py_object_alloc(t, sizeof(py_set_t));
    if (o)
        set_view_w(o)->hash = -1;   /* young: never NULL */
    return o;
}

py_object_t *py_set_new(void) { return set_alloc(py_set_type); }
py_object_t *py_frozenset_new(void) { return set_alloc(py_frozenset_type); }
size_t py_set_size(py_object_t *o) { return set_view_r(o)->used; }

static py_set_table_t *table_alloc(size_t size)
{
    if (size > (SIZE_MAX / sizeof(set_entry_t)) / 4) {
        py_err_no_memory();
        return NULL;
    }
    py_set_table_t *t = gc_alloc(&set_table_gc, sizeof(py_set_table_t) +
                                                    size * sizeof(set_entry_t));
    if (!t) {
        py_err_no_memory();
        return NULL;
    }
    t->size = size;
    return t;
}

/* CPython 2.7's set_lookkey (same shape as dict's lookdict). */
static int lookup(py_object_t *s, py_object_t *key, int64_t hash, size_t *idx)
{
restart:;
    py_set_table_t *tp = set_view_r(s)->table;
    size_t mask = table_view_r(tp)->size - 1;
    size_t i = (size_t)hash & mask;
    size_t freeslot = SIZE_MAX;
    for (size_t perturb = (size_t)hash;; perturb >>= PERTURB_SHIFT) {
        const set_entry_t *ep = &table_view_r(tp)->e[i & mask];
        py_object_t *k = ep->key;
        if (k == NULL) {
            *idx = freeslot != SIZE_MAX ? freeslot : (i & mask);
            return 0;
        }
        if (k == key) {
            *idx = i & mask;
            return 0;
        }
        if (k == DUMMY) {
            if (freeslot == SIZE_MAX)
                freeslot = i & mask;
        } else if (ep->hash == hash) {
            int c = py_object_equal(k, key);
            if (c < 0)
                return -1;
            if (set_view_r(s)->table != tp ||
                table_view_r(tp)->e[i & mask].key != k)
                goto restart;
            if (c) {
                *idx = i & mask;
                return 0;
            }
        }
        i = (i << 2) + i + perturb + 1;
    }
}

static int resize(py_object_t *s, size_t minused)
{
    size_t newsize = SET_MINSIZE;
    while (newsize <= minused)
        newsize <<= 1;
    py_set_table_t *nt = table_alloc(newsize);
    if (!nt)
        return -1;
    py_set_table_t *old = set_view_r(s)->table;
    size_t used = 0;
    if (old) {
        const py_set_table_t *ot = table_view_r(old);
        size_t mask = newsize - 1;
        for (size_t j = 0; j < ot->size; j++) {
            const set_entry_t *ep = &ot->e[j];
            if (!ep->key || ep->key == DUMMY)
                continue;
            size_t i = (size_t)ep->hash & mask;
            for (size_t perturb = (size_t)ep->hash; nt->e[i & mask].key;
                 perturb >>= PERTURB_SHIFT)
                i = (i << 2) + i + perturb + 1;
            nt->e[i & mask] = *ep;
            used++;
        }
    }
    py_set_t *sw = set_view_w(s);
    if (!sw) {
        py_err_no_memory();
        return -1;
    }
    sw->table = nt;
    sw->used = used;
    sw->fill = used;
    return 0;
}

int py_set_add(py_object_t *s, py_object_t *key)
{
    int64_t hash = py_object_hash(key);
    if (hash == -1)
        return -1;
    if (!set_view_r(s)->table && resize(s, 0))
        return -1;
    size_t idx;
    if (lookup(s, key, hash, &idx))
        return -1;
    size_t n_used = set_view_r(s)->used;
    py_set_table_t *tp = set_view_r(s)->table;
    const set_entry_t *er = &table_view_r(tp)->e[idx];
    if (er->key && er->key != DUMMY)
        return 0;
    py_set_table_t *tw = table_view_w(tp);
    py_set_t *sw = tw ? set_view_w(s) : NULL;
    if (!sw) {
        py_err_no_memory();
        return -1;
    }
    set_entry_t *ep = &table_view_w(tp)->e[idx];
    if (ep->key == NULL)
        sw->fill++;
    ep->key = key;
    ep->hash = hash;
    sw->used++;
    if (!(sw->used > n_used && sw->fill * 3 >= table_view_r(tp)->size * 2))
        return 0;
    return resize(s, (sw->used > 50000 ? 2 : 4) * sw->used);
}

int py_set_contains(py_object_t *s, py_object_t *key)
{
    int64_t hash = py_object_hash(key);
    if (hash == -1)
        return -1;
    if (!set_view_r(s)->table)
        return 0;
    size_t idx;
    if (lookup(s, key, hash, &idx))
        return -1;
    py_object_t *k = table_view_r(set_view_r(s)->table)->e[idx].key;
    return k && k != DUMMY;
}

int py_set_discard(py_object_t *s, py_object_t *key)
{
    int64_t hash = py_object_hash(key);
    if (hash == -1)
        return -1;
    if (!set_view_r(s)->table)
        return 0;
    size_t idx;
    if (lookup(s, key, hash, &idx))
        return -1;
    py_set_table_t *tp = set_view_r(s)->table;
    py_object_t *k = table_view_r(tp)->e[idx].key;
    if (!k || k == DUMMY)
        return 0;
    py_set_table_t *tw = table_view_w(tp);
    py_set_t *sw = tw ? set_view_w(s) : NULL;
    if (!sw) {
        py_err_no_memory();
        return -1;
    }
    table_view_w(tp)->e[idx].key = DUMMY;
    sw->used--;
    return 1;
}

bool py_set_next(py_object_t *s, size_t *pos, py_object_t **key)
{
    py_set_table_t *tp = set_view_r(s)->table;
    if (!tp)
        return false;
    const py_set_table_t *t = table_view_r(tp);
    for (size_t i = *pos; i < t->size; i++)
        if (t->e[i].key && t->e[i].key != DUMMY) {
            *key = t->e[i].key;
            *pos = i + 1;
            return true;
        }
    *pos = t->size;
    return false;
}

/* CPython 2.7's frozenset_hash (order-independent). */
static int64_t frozenset_hash(py_object_t *o)
{
    /* The object itself, not a view: frozensets are immutable (no
       barrier) and the cache is not a transactional write. */
    py_set_t *raw = (py_set_t *)o;
    int64_t cached = __atomic_load_n(&raw->hash, __ATOMIC_RELAXED);
    if (cached != -1)
        return cached;
    uint64_t hash = 1927868237u;
    hash *= (uint64_t)set_view_r(o)->used + 1;
    py_set_table_t *tp = set_view_r(o)->table;
    for (size_t i = 0; tp && i < table_view_r(tp)->size; i++) {
        const set_entry_t *ep = &table_view_r(tp)->e[i];
        if (!ep->key || ep->key == DUMMY)
            continue;
        uint64_t h = (uint64_t)ep->hash;
        hash ^= (h ^ (h << 16) ^ 89869747u) * 3644798167u;
    }
    hash = hash * 69069u + 907133923u;
    int64_t r = (int64_t)hash;
    if (r == -1)
        r = 590923713;
    /* An idempotent cache on an immutable object (DESIGN §4). */
    __atomic_store_n(&raw->hash, r, __ATOMIC_RELAXED);
    return r;
}

/* repr: "set([1, 2])", "frozenset([])" (CPython 2.7). */
static py_object_t *set_repr(py_object_t *o)
{
    const char *name = py_type_of(o)->tp_name;
    if (py_enter_recursive_call(" while getting the repr of a set"))
        return NULL;
    py_object_t *acc = py_str_from_format("%s([", name);
    py_object_t *sep = py_str_from_bytes(", ", 2);
    if (!acc || !sep)
        goto error;
    size_t pos = 0;
    py_object_t *k;
    bool first = true;
    while (py_set_next(o, &pos, &k)) {
        py_object_t *r = py_object_repr(k);
        if (!r)
            goto error;
        if (!first && !(acc = py_str_concat(acc, sep)))
            goto error;
        first = false;
        if (!(acc = py_str_concat(acc, r)))
            goto error;
    }
    py_leave_recursive_call();
    return py_str_concat(acc, py_str_from_bytes("])", 2));
error:
    py_leave_recursive_call();
    return NULL;
}

/* Equality as CPython (same size, every element of A in B), and the
   subset orderings <, <=, >, >=. */
static py_object_t *set_richcompare(py_object_t *a, py_object_t *b, int op)
{
    if (!py_anyset_check(a) || !py_anyset_check(b))
        return py_NotImplemented;
    size_t na = set_view_r(a)->used, nb = set_view_r(b)->used;
    py_object_t *small = a, *big = b;
    bool want;
    switch (op) {
    case PY_EQ: case PY_NE:
        if (na != nb)
            return py_bool_from_bool(op == PY_NE);
        break;
    case PY_LT: if (na >= nb) return py_False; break;
    case PY_LE: if (na > nb) return py_False; break;
    case PY_GT: if (na <= nb) return py_False; small = b; big = a; break;
    default:    if (na < nb) return py_False; small = b; big = a; break;
    }
    want = true;
    size_t pos = 0;
    py_object_t *k;
    while (py_set_next(small, &pos, &k)) {
        int c = py_set_contains(big, k);
        if (c < 0)
            return NULL;
        if (!c) {
            want = false;
            break;
        }
    }
    if (op == PY_NE)
        want = !want;
    return py_bool_from_bool(want);
}
