/* sliceobject.c -- slice objects and Ellipsis (CPython 2.7's
 * sliceobject.c holds both).  Slices are immutable: start, stop, step
 * are set at creation.  Only creation, repr, comparison and the fields
 * exist so far; indices() and subscripting come with the eval loop. */
#include "interp/objects/sliceobject.h"

#include "interp/errors.h"
#include "interp/objects/boolobject.h"
#include "interp/objects/noneobject.h"
#include "interp/objects/stringobject.h"
#include "interp/objects/tupleobject.h"

typedef struct py_slice {
    gc_header_t hdr;
    py_object_t *start, *stop, *step;   /* never NULL: None when omitted */
} py_slice_t;

#define SL(o) ((py_slice_t *)(o))

py_object_t *py_Ellipsis;

static void slice_trace(void *obj, gc_visitor_t *v)
{
    py_slice_t *s = obj;
    gc_visit(v, s->start);
    gc_visit(v, s->stop);
    gc_visit(v, s->step);
}

static py_object_t *slice_repr(py_object_t *o)
{
    py_object_t *a = py_object_repr(SL(o)->start);
    py_object_t *b = a ? py_object_repr(SL(o)->stop) : NULL;
    py_object_t *c = b ? py_object_repr(SL(o)->step) : NULL;
    if (!c)
        return NULL;
    return py_str_from_format("slice(%s, %s, %s)", py_str_data(a),
                              py_str_data(b), py_str_data(c));
}

/* Slices compare as the tuples (start, stop, step), as CPython 2.7. */
static py_object_t *slice_richcompare(py_object_t *a, py_object_t *b, int op)
{
    if (!py_slice_check(a) || !py_slice_check(b))
        return py_NotImplemented;
    py_object_t *ta[3] = {SL(a)->start, SL(a)->stop, SL(a)->step};
    py_object_t *tb[3] = {SL(b)->start, SL(b)->stop, SL(b)->step};
    py_object_t *x = py_tuple_pack(3, ta);
    py_object_t *y = x ? py_tuple_pack(3, tb) : NULL;
    if (!y)
        return NULL;
    return py_object_richcompare(x, y, op);
}

const py_type_spec_t py_slice_spec = {
    .name = "slice",
    .basicsize = sizeof(py_slice_t),
    .flags = PY_TPFLAG_IMMUTABLE | PY_TPFLAG_UNHASHABLE,
    .base = &py_object_type,
    .trace = slice_trace,
    .repr = slice_repr,
    .richcompare = slice_richcompare,
};

static py_object_t *ellipsis_repr(py_object_t *o)
{
    (void)o;
    return py_str_from_bytes("Ellipsis", 8);
}

const py_type_spec_t py_ellipsis_spec = {
    .name = "ellipsis",
    .basicsize = sizeof(py_object_t),
    .flags = PY_TPFLAG_IMMUTABLE,
    .base = &py_object_type,
    .repr = ellipsis_repr,
};

bool py_slice_check(py_object_t *o) { return py_type_of(o) == py_slice_type; }
py_object_t *py_slice_start(py_object_t *s) { return SL(s)->start; }
py_object_t *py_slice_stop(py_object_t *s) { return SL(s)->stop; }
py_object_t *py_slice_step(py_object_t *s) { return SL(s)->step; }

py_object_t *py_slice_new(py_object_t *start, py_object_t *stop,
                          py_object_t *step)
{
    py_object_t *o = py_object_alloc(py_slice_type, sizeof(py_slice_t));
    if (!o)
        return NULL;
    SL(o)->start = start ? start : py_None;
    SL(o)->stop = stop ? stop : py_None;
    SL(o)->step = step ? step : py_None;
    return o;
}

int py_ellipsis_init(void)
{
    if (py_Ellipsis)
        return 0;
    py_object_t *o = py_object_alloc(py_ellipsis_type, sizeof(py_object_t));
    if (!o)
        return -1;
    py_Ellipsis = o;
    gc_add_root((void **)&py_Ellipsis);
    return 0;
}
