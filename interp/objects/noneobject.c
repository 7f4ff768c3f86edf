/* noneobject.c -- None (NoneType) and NotImplemented (NotImplementedType),
 * the two no-field singletons (CPython 2.7 keeps them in object.c), and
 * py_singletons_init, which makes every singleton of the object world. */
#include "interp/objects/noneobject.h"

#include "interp/errors.h"
#include "interp/objects/boolobject.h"
#include "interp/objects/sliceobject.h"
#include "interp/objects/stringobject.h"

py_object_t *py_None;
py_object_t *py_NotImplemented;

static py_object_t *none_repr(py_object_t *o)
{
    (void)o;
    return py_str_from_bytes("None", 4);
}

static int none_nonzero(py_object_t *o)
{
    (void)o;
    return 0;
}

static py_object_t *notimpl_repr(py_object_t *o)
{
    (void)o;
    return py_str_from_bytes("NotImplemented", 14);
}

const py_type_spec_t py_none_spec = {
    .name = "NoneType",
    .basicsize = sizeof(py_object_t),
    .flags = PY_TPFLAG_IMMUTABLE,
    .base = &py_object_type,
    .repr = none_repr,
    .nonzero = none_nonzero,
};

const py_type_spec_t py_notimplemented_spec = {
    .name = "NotImplementedType",
    .basicsize = sizeof(py_object_t),
    .flags = PY_TPFLAG_IMMUTABLE,
    .base = &py_object_type,
    .repr = notimpl_repr,
};

static int make_singleton(py_type_t *type, py_object_t **out)
{
    py_object_t *o = py_object_alloc(type, sizeof(py_object_t));
    if (!o)
        return -1;
    *out = o;
    gc_add_root((void **)out);
    return 0;
}

int py_singletons_init(void)
{
    if (py_None)
        return 0;
    if (make_singleton(py_none_type, &py_None) ||
        make_singleton(py_notimplemented_type, &py_NotImplemented) ||
        py_bool_init() || py_ellipsis_init())
        return -1;
    return 0;
}
