/* typeobject.c -- `type` and `object`, and making heap types from static
 * specs (CPython 2.7's Objects/typeobject.c, reduced to built-in types:
 * classes with dicts, MRO and descriptors come with the interpreter).
 *
 * Types are heap objects (DESIGN §4: nothing "static" in the heap sense);
 * each py_<name>_type global and each exception class is a GC root.  A
 * type is written only at start-up, single-threaded, so it needs no
 * barrier yet; once user classes exist their mutable parts will live in a
 * separate, barrier-guarded dict.
 */
#include <stdio.h>
#include <string.h>

#include "interp/errors.h"
#include "interp/object.h"
#include "interp/objects/stringobject.h"

#define PY_BUILTIN_TYPE(name) py_type_t *py_##name##_type;
#include "interp/objects/builtin_types.def"
#undef PY_BUILTIN_TYPE

static void type_trace(void *obj, gc_visitor_t *v)
{
    py_type_t *t = obj;
    gc_visit(v, t->tp_base);
}

/* repr(type): "<type 'int'>" */
static py_object_t *type_repr(py_object_t *o)
{
    py_type_t *t = (py_type_t *)o;
    return py_str_from_format("<type '%s'>", t->tp_name);
}

const py_type_spec_t py_type_spec = {
    .name = "type",
    .basicsize = sizeof(py_type_t),
    .flags = PY_TPFLAG_BASETYPE,
    .base = &py_object_type,
    .trace = type_trace,
    .repr = type_repr,
};

/* object has no fields and no slots of its own: repr, hash and
   comparison fall back to identity in object.c. */
const py_type_spec_t py_object_spec = {
    .name = "object",
    .basicsize = sizeof(py_object_t),
    .flags = PY_TPFLAG_BASETYPE,
    .base = NULL,
};

static void fill_type(py_type_t *t, const py_type_spec_t *spec)
{
    py_type_t *base = spec->base ? *spec->base : NULL;
    t->tp_spec = spec;
    t->tp_name = spec->name;
    t->tp_base = base;
    t->tp_basicsize = spec->basicsize;
    t->tp_flags = spec->flags;
    t->tp_repr = spec->repr;
    t->tp_str = spec->str;
    t->tp_hash = spec->hash;
    t->tp_richcompare = spec->richcompare;
    t->tp_nonzero = spec->nonzero;
    t->gc.name = spec->name;
    t->gc.trace = spec->trace;
    t->gc.finalize = spec->finalize;
    t->gc.flags = 0;
    if (base) {
        /* Inherit what the spec leaves open.  A subtype's layout starts
           with its base's, so the base's trace covers it when the subtype
           adds no pointer fields. */
        if (!t->tp_repr) t->tp_repr = base->tp_repr;
        if (!t->tp_str) t->tp_str = base->tp_str;
        if (!t->tp_hash && !t->tp_richcompare) {
            t->tp_hash = base->tp_hash;
            t->tp_richcompare = base->tp_richcompare;
        }
        if (!t->tp_richcompare) t->tp_richcompare = base->tp_richcompare;
        if (!t->tp_nonzero) t->tp_nonzero = base->tp_nonzero;
        if (!t->gc.trace) t->gc.trace = base->gc.trace;
        if (!t->gc.finalize) t->gc.finalize = base->gc.finalize;
        if (base->tp_flags & PY_TPFLAG_UNHASHABLE)
            t->tp_flags |= PY_TPFLAG_UNHASHABLE;
    }
}

int py_type_from_spec(const py_type_spec_t *spec, py_type_t **out)
{
    py_type_t *t = gc_alloc(&py_type_type->gc, sizeof(py_type_t));
    if (!t) {
        py_err_no_memory();
        return -1;
    }
    fill_type(t, spec);
    *out = t;
    gc_add_root((void **)out);
    return 0;
}

/* gc_type_t used only to allocate `type` itself: its instances' header
   must point into `type`, which does not exist before this allocation. */
static const gc_type_t boot_type_gc = {
    .name = "type", .trace = type_trace,
};

int py_types_init(void)
{
    if (py_type_type)
        return 0;
    py_type_t *tt = gc_alloc(&boot_type_gc, sizeof(py_type_t));
    if (!tt)
        return -1;
    tt->hdr.type = &tt->gc;   /* type(type) is type */
    py_type_type = tt;
    gc_add_root((void **)&py_type_type);
    /* Every spec in builtin_types.def order (a base before its
       subtypes); `type` is already allocated and only filled. */
#define PY_BUILTIN_TYPE(name)                                          \
    if (&py_##name##_type == &py_type_type)                            \
        fill_type(py_type_type, &py_type_spec);                        \
    else if (py_type_from_spec(&py_##name##_spec, &py_##name##_type))  \
        return -1;
#include "interp/objects/builtin_types.def"
#undef PY_BUILTIN_TYPE
    /* `type`'s base (object) did not exist when type was filled first. */
    fill_type(py_type_type, &py_type_spec);
    return 0;
}

const char *py_type_short_name(const py_type_t *t)
{
    const char *dot = strrchr(t->tp_name, '.');
    return dot ? dot + 1 : t->tp_name;
}

bool py_type_is_subtype(const py_type_t *sub, const py_type_t *t)
{
    for (; sub; sub = sub->tp_base)
        if (sub == t)
            return true;
    return false;
}
