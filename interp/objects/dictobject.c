/* dictobject.c -- dict, with CPython 2.7's table algorithm (open
 * addressing, perturbed probing, resize at 2/3 fill to 4x used, minimum
 * size 8) so that iteration order -- visible in repr and in marshal
 * output -- matches CPython's for the same insertions.
 *
 * Layout (DESIGN §4 "Containers"): a small dict object (used, fill,
 * mask) plus a separate table object.  All field access goes through
 * dict_view_r/dict_view_w and table_view_r/table_view_w, built on
 * py_view_r/py_view_w of interp/object.h (the one switch to the STM
 * barriers); writes check for a NULL view (MemoryError).  The dict header
 * is written only when its counts change, so replacing a value conflicts
 * only on the table.  Per-key entries for conflict-free dicts (stmdict)
 * are a later, separate design.
 */
#include "interp/objects/dictobject.h"

#include <string.h>

#include "interp/errors.h"
#include "interp/objects/boolobject.h"
#include "interp/objects/noneobject.h"
#include "interp/objects/stringobject.h"
#include "interp/objects/tupleobject.h"
#include "interp/pystate.h"

#define DICT_MINSIZE 8
#define PERTURB_SHIFT 5

typedef struct {
    int64_t hash;
    py_object_t *key;           /* NULL: never used; DUMMY: deleted */
    py_object_t *value;         /* non-NULL iff the entry is active */
} dict_entry_t;

typedef struct py_dict_table {
    gc_header_t hdr;
    size_t size;                /* mask + 1, a power of two */
    dict_entry_t e[];
} py_dict_table_t;

typedef struct py_dict {
    gc_header_t hdr;
    size_t used;                /* active entries */
    size_t fill;                /* active + deleted */
    py_dict_table_t *table;     /* NULL until the first insertion */
} py_dict_t;

static inline const py_dict_t *dict_view_r(py_object_t *o) { return py_view_r(o); }
static inline py_dict_t *dict_view_w(py_object_t *o) { return py_view_w(o); }
static inline const py_dict_table_t *table_view_r(py_dict_table_t *t) { return py_view_r(t); }
static inline py_dict_table_t *table_view_w(py_dict_table_t *t) { return py_view_w(t); }

/* Marks deleted entries; outside the heap, never handed out. */
static char dummy_marker;
#define DUMMY ((py_object_t *)(void *)&dummy_marker)

static void table_trace(void *obj, gc_visitor_t *v)
{
    py_dict_table_t *t = obj;
    for (size_t i = 0; i < t->size; i++) {
        if (t->e[i].key != DUMMY)
            gc_visit(v, t->e[i].key);
        gc_visit(v, t->e[i].value);
    }
}

static const gc_type_t dict_table_gc = {
    .name = "dict-table", .trace = table_trace,
};

static void dict_trace(void *obj, gc_visitor_t *v)
{
    gc_visit(v, ((py_dict_t *)obj)->table);
}

static py_object_t *dict_repr(py_object_t *o);
static py_object_t *dict_richcompare(py_object_t *a, py_object_t *b, int op);
static int dict_nonzero(py_object_t *o) { return dict_view_r(o)->used != 0; }

const py_type_spec_t py_dict_spec = {
    .name = "dict",
    .basicsize = sizeof(py_dict_t),
    .flags = PY_TPFLAG_BASETYPE | PY_TPFLAG_UNHASHABLE,
    .base = &py_object_type,
    .trace = dict_trace,
    .repr = dict_repr,
    .richcompare = dict_richcompare,
    .nonzero = dict_nonzero,
};

bool py_dict_check(py_object_t *o) { return py_isinstance(o, py_dict_type); }
bool py_dict_check_exact(py_object_t *o) { return py_type_of(o) == py_dict_type; }

static py_dict_table_t *table_alloc(size_t size)
{
    if (size > (SIZE_MAX / sizeof(dict_entry_t)) / 4) {
        py_err_no_memory();
        return NULL;
    }
    py_dict_table_t *t = gc_alloc(&dict_table_gc, sizeof(py_dict_table_t) +
                                                      size * sizeof(dict_entry_t));
    if (!t) {
        py_err_no_memory();
        return NULL;
    }
    t->size = size;
    return t;
}

py_object_t *py_dict_new(void)
{
    return py_object_alloc(py_dict_type, sizeof(py_dict_t));
}

size_t py_dict_size(py_object_t *o) { return dict_view_r(o)->used; }

/* CPython 2.7's lookdict: the entry holding KEY, or the slot where it
   would go (the first deleted slot on the probe path, else the empty one
   ending it).  *IDX receives its index; returns -1 with an exception if a
   key comparison failed.  The table may not change during a comparison
   that calls back into Python: checked, as CPython, by re-reading the
   table pointer (it then restarts). */
static int lookup(py_object_t *d, py_object_t *key, int64_t hash, size_t *idx)
{
restart:;
    py_dict_table_t *tp = dict_view_r(d)->table;
    size_t mask = table_view_r(tp)->size - 1;
    size_t i = (size_t)hash & mask;
    size_t freeslot = SIZE_MAX;
    for (size_t perturb = (size_t)hash;; perturb >>= PERTURB_SHIFT) {
        const dict_entry_t *ep = &table_view_r(tp)->e[i & mask];
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
            if (dict_view_r(d)->table != tp ||
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

/* Rebuilds the table with room for MINUSED active entries, re-inserting
   in old-table order (CPython's dictresize). */
static int resize(py_object_t *d, size_t minused)
{
    size_t newsize = DICT_MINSIZE;
    while (newsize <= minused)
        newsize <<= 1;
    py_dict_table_t *nt = table_alloc(newsize);
    if (!nt)
        return -1;
    py_dict_table_t *old = dict_view_r(d)->table;
    size_t used = 0;
    if (old) {
        const py_dict_table_t *ot = table_view_r(old);
        size_t mask = newsize - 1;
        for (size_t j = 0; j < ot->size; j++) {
            const dict_entry_t *ep = &ot->e[j];
            if (!ep->value)
                continue;
            size_t i = (size_t)ep->hash & mask;
            for (size_t perturb = (size_t)ep->hash; nt->e[i & mask].key;
                 perturb >>= PERTURB_SHIFT)
                i = (i << 2) + i + perturb + 1;
            nt->e[i & mask] = *ep;
            used++;
        }
    }
    py_dict_t *dw = dict_view_w(d);
    if (!dw) {
        py_err_no_memory();
        return -1;
    }
    dw->table = nt;
    dw->used = used;
    dw->fill = used;
    return 0;
}

int py_dict_set_item(py_object_t *d, py_object_t *key, py_object_t *value)
{
    int64_t hash = py_object_hash(key);
    if (hash == -1)
        return -1;
    if (!dict_view_r(d)->table && resize(d, 0))
        return -1;
    size_t idx;
    if (lookup(d, key, hash, &idx))
        return -1;
    size_t n_used = dict_view_r(d)->used;
    py_dict_table_t *tp = dict_view_r(d)->table;
    py_dict_table_t *tw = table_view_w(tp);
    if (!tw)
        goto nomem;
    dict_entry_t *ep = &tw->e[idx];
    if (ep->value) {
        ep->value = value;
        return 0;
    }
    py_dict_t *dw = dict_view_w(d);
    if (!dw)
        goto nomem;
    ep = &table_view_w(tp)->e[idx];   /* W(d) may have collected */
    if (ep->key == NULL)
        dw->fill++;
    ep->key = key;
    ep->hash = hash;
    ep->value = value;
    dw->used++;
    /* Grow when 2/3 full, only after an insertion (CPython 2.7). */
    if (!(dw->used > n_used && dw->fill * 3 >= table_view_r(tp)->size * 2))
        return 0;
    return resize(d, (dw->used > 50000 ? 2 : 4) * dw->used);
nomem:
    py_err_no_memory();
    return -1;
}

int py_dict_lookup(py_object_t *d, py_object_t *key, py_object_t **value)
{
    int64_t hash = py_object_hash(key);
    if (hash == -1)
        return -1;
    if (!dict_view_r(d)->table)
        return 0;
    size_t idx;
    if (lookup(d, key, hash, &idx))
        return -1;
    py_object_t *v = table_view_r(dict_view_r(d)->table)->e[idx].value;
    if (!v)
        return 0;
    *value = v;
    return 1;
}

int py_dict_lookup_cstr(py_object_t *d, const char *key, py_object_t **value)
{
    py_object_t *k = py_str_from_cstr(key);
    if (!k)
        return -1;
    return py_dict_lookup(d, k, value);
}

int py_dict_del_item(py_object_t *d, py_object_t *key)
{
    int64_t hash = py_object_hash(key);
    if (hash == -1)
        return -1;
    size_t idx;
    if (dict_view_r(d)->table) {
        if (lookup(d, key, hash, &idx))
            return -1;
        py_dict_table_t *tp = dict_view_r(d)->table;
        if (table_view_r(tp)->e[idx].value) {
            py_dict_table_t *tw = table_view_w(tp);
            py_dict_t *dw = tw ? dict_view_w(d) : NULL;
            if (!dw) {
                py_err_no_memory();
                return -1;
            }
            tw = table_view_w(tp);
            tw->e[idx].key = DUMMY;
            tw->e[idx].value = NULL;
            dw->used--;
            return 0;
        }
    }
    /* Wrapped in a 1-tuple so that a tuple key is not taken for the
       argument list (CPython's _PyErr_SetKeyError). */
    py_object_t *args = py_tuple_pack(1, &key);
    if (args)
        py_err_set_object(py_exc_KeyError_type, args);
    return -1;
}

bool py_dict_next(py_object_t *d, size_t *pos, py_object_t **key,
                  py_object_t **value)
{
    py_dict_table_t *tp = dict_view_r(d)->table;
    if (!tp)
        return false;
    const py_dict_table_t *t = table_view_r(tp);
    for (size_t i = *pos; i < t->size; i++)
        if (t->e[i].value) {
            *key = t->e[i].key;
            *value = t->e[i].value;
            *pos = i + 1;
            return true;
        }
    *pos = t->size;
    return false;
}

static py_object_t *dict_repr(py_object_t *o)
{
    if (dict_view_r(o)->used == 0)
        return py_str_from_bytes("{}", 2);
    if (py_enter_recursive_call(" while getting the repr of a dict"))
        return NULL;
    py_object_t *acc = py_str_from_bytes("{", 1);
    py_object_t *sep = py_str_from_bytes(", ", 2);
    py_object_t *colon = py_str_from_bytes(": ", 2);
    if (!acc || !sep || !colon)
        goto error;
    size_t pos = 0;
    py_object_t *k, *v;
    bool first = true;
    while (py_dict_next(o, &pos, &k, &v)) {
        py_object_t *rk = py_object_repr(k);
        py_object_t *rv = rk ? py_object_repr(v) : NULL;
        if (!rv)
            goto error;
        if (!first && !(acc = py_str_concat(acc, sep)))
            goto error;
        first = false;
        if (!(acc = py_str_concat(acc, rk)) || !(acc = py_str_concat(acc, colon)) ||
            !(acc = py_str_concat(acc, rv)))
            goto error;
    }
    py_leave_recursive_call();
    return py_str_concat(acc, py_str_from_bytes("}", 1));
error:
    py_leave_recursive_call();
    return NULL;
}

/* == and != only (dict ordering is Python 2's arcane characteristic-
   difference rule, not needed yet: NotImplemented falls back to the
   default order). */
static py_object_t *dict_richcompare(py_object_t *a, py_object_t *b, int op)
{
    if ((op != PY_EQ && op != PY_NE) || !py_dict_check(a) || !py_dict_check(b))
        return py_NotImplemented;
    bool eq = dict_view_r(a)->used == dict_view_r(b)->used;
    size_t pos = 0;
    py_object_t *k, *v;
    while (eq && py_dict_next(a, &pos, &k, &v)) {
        py_object_t *w;
        int r = py_dict_lookup(b, k, &w);
        if (r < 0)
            return NULL;
        if (!r) {
            eq = false;
            break;
        }
        int c = py_object_equal(v, w);
        if (c < 0)
            return NULL;
        eq = c;
    }
    return py_bool_from_bool(op == PY_EQ ? eq : !eq);
}
