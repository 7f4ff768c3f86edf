/* listobject.c -- list (CPython 2.7's Objects/listobject.c, the parts the
 * front end and marshal need so far: creation, append, get/set item,
 * length, repr, comparison, conversion to tuple).
 *
 * Layout (DESIGN §4 "Containers"): the list object holds its length and a
 * pointer to a separate items array (a GC object), so that a transaction
 * appending to a list copies the small header and, once the array is
 * chunked, only the chunk it writes.  Chunking is not done yet: one array.
 *
 * Every field access goes through list_view_r/list_view_w and
 * items_view_r/items_view_w below, built on py_view_r/py_view_w of
 * interp/object.h: the one place that becomes the STM barriers.  Writes
 * to an existing list check for a NULL view (MemoryError).
 */
#include "interp/objects/listobject.h"

#include <string.h>

#include "interp/errors.h"
#include "interp/objects/boolobject.h"
#include "interp/objects/noneobject.h"
#include "interp/objects/stringobject.h"
#include "interp/objects/tupleobject.h"
#include "interp/pystate.h"

typedef struct py_list_items {
    gc_header_t hdr;
    size_t cap;
    py_object_t *items[];       /* [0, list.len) valid, the rest NULL */
} py_list_items_t;

typedef struct py_list {
    gc_header_t hdr;
    size_t len;                 /* <= items->cap */
    py_list_items_t *items;     /* NULL while len == 0 and nothing added */
} py_list_t;

static inline const py_list_t *list_view_r(py_object_t *o) { return py_view_r(o); }
static inline py_list_t *list_view_w(py_object_t *o) { return py_view_w(o); }
static inline const py_list_items_t *items_view_r(py_list_items_t *a) { return py_view_r(a); }
static inline py_list_items_t *items_view_w(py_list_items_t *a) { return py_view_w(a); }

static void items_trace(void *obj, gc_visitor_t *v)
{
    py_list_items_t *a = obj;
    for (size_t i = 0; i < a->cap; i++)
        gc_visit(v, a->items[i]);
}

static const gc_type_t list_items_gc = {
    .name = "list-items", .trace = items_trace,
};

static void list_trace(void *obj, gc_visitor_t *v)
{
    gc_visit(v, ((py_list_t *)obj)->items);
}

static py_object_t *list_repr(py_object_t *o);
static py_object_t *list_richcompare(py_object_t *a, py_object_t *b, int op);
static int list_nonzero(py_object_t *o) { return list_view_r(o)->len != 0; }

const py_type_spec_t py_list_spec = {
    .name = "list",
    .basicsize = sizeof(py_list_t),
    .flags = PY_TPFLAG_BASETYPE | PY_TPFLAG_UNHASHABLE,
    .base = &py_object_type,
    .trace = list_trace,
    .repr = list_repr,
    .richcompare = list_richcompare,
    .nonzero = list_nonzero,
};

bool py_list_check(py_object_t *o) { return py_isinstance(o, py_list_type); }
bool py_list_check_exact(py_object_t *o) { return py_type_of(o) == py_list_type; }

static py_list_items_t *items_alloc(size_t cap)
{
    if (cap > (SIZE_MAX / sizeof(void *)) / 4) {
        py_err_no_memory();
        return NULL;
    }
    py_list_items_t *a = gc_alloc(&list_items_gc,
                                  sizeof(py_list_items_t) + cap * sizeof(void *));
    if (!a) {
        py_err_no_memory();
        return NULL;
    }
    a->cap = cap;
    return a;
}

py_object_t *py_list_new(size_t n)
{
    py_list_items_t *a = NULL;
    if (n) {
        if (!(a = items_alloc(n)))
            return NULL;
        for (size_t i = 0; i < n; i++)
            a->items[i] = py_None;
    }
    py_object_t *o = py_object_alloc(py_list_type, sizeof(py_list_t));
    if (!o)
        return NULL;
    py_list_t *l = list_view_w(o);   /* young: never NULL */
    l->len = n;
    l->items = a;
    return o;
}

size_t py_list_size(py_object_t *o) { return list_view_r(o)->len; }

int py_list_append(py_object_t *o, py_object_t *x)
{
    const py_list_t *l = list_view_r(o);
    size_t len = l->len;
    py_list_items_t *a = l->items;
    size_t cap = a ? items_view_r(a)->cap : 0;
    py_list_t *lw;
    if (len == cap) {
        /* CPython's over-allocation: ~1/8 extra plus a small constant. */
        size_t ncap = len + (len >> 3) + (len < 9 ? 3 : 6) + 1;
        py_list_items_t *na = items_alloc(ncap);
        if (!na)
            return -1;
        /* Views are taken after the allocation, which may collect. */
        if (!(lw = list_view_w(o)))
            goto nomem;
        if (lw->items && lw->len)
            memcpy(na->items, items_view_r(lw->items)->items,
                   lw->len * sizeof(void *));
        lw->items = na;
        a = na;
        len = lw->len;
    }
    py_list_items_t *aw = items_view_w(a);
    if (!aw || !(lw = list_view_w(o)))
        goto nomem;
    aw->items[len] = x;
    lw->len = len + 1;
    return 0;
nomem:
    py_err_no_memory();
    return -1;
}

py_object_t *py_list_get_item(py_object_t *o, size_t i)
{
    const py_list_t *l = list_view_r(o);
    if (i >= l->len) {
        py_err_set_string(py_exc_IndexError_type, "list index out of range");
        return NULL;
    }
    return items_view_r(l->items)->items[i];
}

int py_list_set_item(py_object_t *o, size_t i, py_object_t *x)
{
    const py_list_t *l = list_view_r(o);
    if (i >= l->len) {
        py_err_set_string(py_exc_IndexError_type,
                          "list assignment index out of range");
        return -1;
    }
    py_list_items_t *aw = items_view_w(l->items);
    if (!aw) {
        py_err_no_memory();
        return -1;
    }
    aw->items[i] = x;
    return 0;
}

py_object_t *py_list_as_tuple(py_object_t *o)
{
    size_t n = list_view_r(o)->len;
    py_object_t *t = py_tuple_new(n);
    if (!t)
        return NULL;
    /* Re-read after the allocation; the length cannot have changed in this
       single-threaded stretch, but take the smaller one to stay safe. */
    const py_list_t *l = list_view_r(o);
    for (size_t i = 0; i < n && i < l->len; i++)
        py_tuple_init_item(t, i, items_view_r(l->items)->items[i]);
    return t;
}

static py_object_t *list_repr(py_object_t *o)
{
    if (list_view_r(o)->len == 0)
        return py_str_from_bytes("[]", 2);
    if (py_enter_recursive_call(" while getting the repr of a list"))
        return NULL;
    py_object_t *acc = py_str_from_bytes("[", 1);
    py_object_t *sep = py_str_from_bytes(", ", 2);
    if (!acc || !sep)
        goto error;
    /* The length is re-read every round: an item's repr may change the
       list (CPython copes the same way). */
    for (size_t i = 0; i < list_view_r(o)->len; i++) {
        py_object_t *item = items_view_r(list_view_r(o)->items)->items[i];
        py_object_t *r = py_object_repr(item);
        if (!r)
            goto error;
        if (i && !(acc = py_str_concat(acc, sep)))
            goto error;
        if (!(acc = py_str_concat(acc, r)))
            goto error;
    }
    py_leave_recursive_call();
    return py_str_concat(acc, py_str_from_bytes("]", 1));
error:
    py_leave_recursive_call();
    return NULL;
}

static py_object_t *list_richcompare(py_object_t *a, py_object_t *b, int op)
{
    if (!py_list_check(a) || !py_list_check(b))
        return py_NotImplemented;
    /* Compare as tuples: same semantics, and the snapshot protects against
       a list mutated by an item's __eq__. */
    py_object_t *ta = py_list_as_tuple(a);
    py_object_t *tb = ta ? py_list_as_tuple(b) : NULL;
    if (!tb)
        return NULL;
    return py_object_richcompare(ta, tb, op);
}
