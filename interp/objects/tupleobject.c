/* tupleobject.c -- tuple (CPython 2.7's Objects/tupleobject.c): items
 * inline, immutable once built, CPython 2.7's hash so that hash((1, 2))
 * matches, repr "(1,)" for one item. */
#include "interp/objects/tupleobject.h"

#include <string.h>

#include "interp/errors.h"
#include "interp/objects/boolobject.h"
#include "interp/objects/noneobject.h"
#include "interp/objects/stringobject.h"
#include "interp/pystate.h"

typedef struct py_tuple {
    gc_header_t hdr;
    size_t size;
    py_object_t *items[];       /* non-NULL once the tuple is published */
} py_tuple_t;

#define TUP(o) ((py_tuple_t *)(o))

static void tuple_trace(void *obj, gc_visitor_t *v)
{
    py_tuple_t *t = obj;
    for (size_t i = 0; i < t->size; i++)
        gc_visit(v, t->items[i]);
}

static py_object_t *tuple_repr(py_object_t *o);
static int64_t tuple_hash(py_object_t *o);
static py_object_t *tuple_richcompare(py_object_t *a, py_object_t *b, int op);
static int tuple_nonzero(py_object_t *o) { return TUP(o)->size != 0; }

const py_type_spec_t py_tuple_spec = {
    .name = "tuple",
    .basicsize = sizeof(py_tuple_t),
    .flags = PY_TPFLAG_IMMUTABLE | PY_TPFLAG_BASETYPE | PY_TPFLAG_VARSIZE,
    .base = &py_object_type,
    .trace = tuple_trace,
    .repr = tuple_repr,
    .hash = tuple_hash,
    .richcompare = tuple_richcompare,
    .nonzero = tuple_nonzero,
};

/* The shared empty tuple (CPython has one too; `() is ()`). */
static py_object_t *empty_tuple;

bool py_tuple_check(py_object_t *o) { return py_isinstance(o, py_tuple_type); }
bool py_tuple_check_exact(py_object_t *o) { return py_type_of(o) == py_tuple_type; }
size_t py_tuple_size(py_object_t *t) { return TUP(t)->size; }
py_object_t *py_tuple_get_item(py_object_t *t, size_t i) { return TUP(t)->items[i]; }
py_object_t *const *py_tuple_items(py_object_t *t) { return TUP(t)->items; }

void py_tuple_init_item(py_object_t *t, size_t i, py_object_t *o)
{
    TUP(t)->items[i] = o;
}

static py_object_t *tuple_alloc(size_t n)
{
    if (n > (SIZE_MAX / sizeof(void *)) / 4) {
        return py_err_no_memory();
    }
    py_object_t *o = py_object_alloc(py_tuple_type,
                                     sizeof(py_tuple_t) + n * sizeof(void *));
    if (o)
        TUP(o)->size = n;
    return o;
}

py_object_t *py_tuple_new(size_t n)
{
    if (n == 0) {
        py_object_t *e = __atomic_load_n(&empty_tuple, __ATOMIC_ACQUIRE);
        if (e)
            return e;
        e = tuple_alloc(0);
        if (!e)
            return NULL;
        /* Idempotent cache: two racing threads both make one; the first
           store that lands wins and is registered as a root. */
        py_object_t *expected = NULL;
        if (__atomic_compare_exchange_n(&empty_tuple, &expected, e, false,
                                        __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
            gc_add_root((void **)&empty_tuple);
            return e;
        }
        return expected;
    }
    return tuple_alloc(n);
}

py_object_t *py_tuple_pack(size_t n, py_object_t *const *items)
{
    py_object_t *t = py_tuple_new(n);
    if (t && n)
        memcpy(TUP(t)->items, items, n * sizeof(void *));
    return t;
}

py_object_t *py_tuple_slice(py_object_t *t, size_t lo, size_t hi)
{
    size_t n = TUP(t)->size;
    if (hi > n) hi = n;
    if (lo > hi) lo = hi;
    if (lo == 0 && hi == n && py_tuple_check_exact(t))
        return t;
    return py_tuple_pack(hi - lo, TUP(t)->items + lo);
}

static py_object_t *tuple_repr(py_object_t *o)
{
    size_t n = TUP(o)->size;
    if (n == 0)
        return py_str_from_bytes("()", 2);
    if (py_enter_recursive_call(" while getting the repr of a tuple"))
        return NULL;
    py_object_t *acc = py_str_from_bytes("(", 1);
    py_object_t *sep = py_str_from_bytes(", ", 2);
    if (!acc || !sep)
        goto error;
    for (size_t i = 0; i < n; i++) {
        py_object_t *r = py_object_repr(TUP(o)->items[i]);
        if (!r)
            goto error;
        if (i && !(acc = py_str_concat(acc, sep)))
            goto error;
        if (!(acc = py_str_concat(acc, r)))
            goto error;
    }
    py_leave_recursive_call();
    return py_str_concat(acc, py_str_from_cstr(n == 1 ? ",)" : ")"));
error:
    py_leave_recursive_call();
    return NULL;
}

static int64_t tuple_hash(py_object_t *o)
{
    /* CPython 2.7's tuplehash, in unsigned arithmetic (same wrap-around). */
    size_t len = TUP(o)->size;
    uint64_t x = 0x345678;
    uint64_t mult = 1000003;
    for (size_t i = 0; i < len; i++) {
        int64_t y = py_object_hash(TUP(o)->items[i]);
        if (y == -1)
            return -1;
        x = (x ^ (uint64_t)y) * mult;
        mult += (uint64_t)(82520 + 2 * (len - i - 1));
    }
    x += 97531;
    int64_t h = (int64_t)x;
    return h == -1 ? -2 : h;
}

static py_object_t *tuple_richcompare(py_object_t *a, py_object_t *b, int op)
{
    if (!py_tuple_check(a) || !py_tuple_check(b))
        return py_NotImplemented;
    size_t na = TUP(a)->size, nb = TUP(b)->size, i;
    /* First index where the items differ. */
    for (i = 0; i < na && i < nb; i++) {
        int k = py_object_richcompare_bool(TUP(a)->items[i], TUP(b)->items[i],
                                           PY_EQ);
        if (k < 0)
            return NULL;
        if (!k)
            break;
    }
    if (i >= na || i >= nb) {
        bool r;
        switch (op) {
        case PY_LT: r = na < nb; break;
        case PY_LE: r = na <= nb; break;
        case PY_EQ: r = na == nb; break;
        case PY_NE: r = na != nb; break;
        case PY_GT: r = na > nb; break;
        default:    r = na >= nb; break;
        }
        return py_bool_from_bool(r);
    }
    if (op == PY_EQ) return py_False;
    if (op == PY_NE) return py_True;
    return py_object_richcompare(TUP(a)->items[i], TUP(b)->items[i], op);
}
