/* boolobject.c -- bool (CPython 2.7's Objects/boolobject.c): a subclass
 * of int with exactly two instances, True and False.  Arithmetic on bools
 * is int arithmetic (the int slots are inherited); only repr/str differ.
 * The instances use int's layout (py_int_t), made by the numbers file's
 * py_int_new_of_type. */
#include "interp/objects/boolobject.h"

#include "interp/errors.h"
#include "interp/objects/intobject.h"
#include "interp/objects/stringobject.h"

py_object_t *py_True;
py_object_t *py_False;

static py_object_t *bool_repr(py_object_t *o)
{
    return py_int_value(o) ? py_str_from_bytes("True", 4)
                           : py_str_from_bytes("False", 5);
}

static int bool_nonzero(py_object_t *o)
{
    return py_int_value(o) != 0;
}

/* No hash or richcompare: both inherited from int (hash(True) == 1,
   True == 1).  Not a base type (CPython: "type 'bool' is not an
   acceptable base type"). */
const py_type_spec_t py_bool_spec = {
    .name = "bool",
    .basicsize = sizeof(py_int_t),
    .flags = PY_TPFLAG_IMMUTABLE,
    .base = &py_int_type,
    .repr = bool_repr,
    .str = bool_repr,
    .nonzero = bool_nonzero,
};

bool py_bool_check(py_object_t *o)
{
    return py_type_of(o) == py_bool_type;
}

int py_bool_init(void)
{
    if (py_True)
        return 0;
    py_object_t *t = py_int_new_of_type(py_bool_type, 1);
    py_object_t *f = t ? py_int_new_of_type(py_bool_type, 0) : NULL;
    if (!f)
        return -1;
    py_True = t;
    py_False = f;
    gc_add_root((void **)&py_True);
    gc_add_root((void **)&py_False);
    return 0;
}
