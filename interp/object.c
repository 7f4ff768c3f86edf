/* object.c -- generic object operations: allocation, repr/str, hash,
 * rich comparison and truth, dispatching to the type slots (CPython 2.7's
 * Objects/object.c). */
#include <stdio.h>
#include <string.h>

#include "interp/errors.h"
#include "interp/object.h"
#include "interp/objects/boolobject.h"
#include "interp/objects/noneobject.h"
#include "interp/objects/stringobject.h"
#include "interp/pystate.h"

py_object_t *py_object_alloc(py_type_t *type, size_t size)
{
    if (size < type->tp_basicsize)
        size = type->tp_basicsize;
    py_object_t *o = gc_alloc(&type->gc, size);
    if (!o)
        return py_err_no_memory();
    /* The flag tells stm/ and the verifier that the object never changes
       after construction (its own file fills it while it is young). */
    if (type->tp_flags & PY_TPFLAG_IMMUTABLE)
        o->hdr.meta |= GC_FLAG_IMMUTABLE;
    return o;
}

py_object_t *py_object_repr(py_object_t *o)
{
    py_type_t *t = py_type_of(o);
    if (!t->tp_repr)
        return py_str_from_format("<%s object at %p>", t->tp_name, (void *)o);
    py_object_t *r = t->tp_repr(o);
    PY_CHECK_NULL_RESULT(r);
    if (r && !py_str_check(r)) {
        py_err_format(py_exc_TypeError_type,
                      "__repr__ returned non-string (type %.200s)",
                      py_type_of(r)->tp_name);
        return NULL;
    }
    return r;
}

py_object_t *py_object_str(py_object_t *o)
{
    py_type_t *t = py_type_of(o);
    if (py_str_check_exact(o))
        return o;
    if (!t->tp_str)
        return py_object_repr(o);
    py_object_t *r = t->tp_str(o);
    PY_CHECK_NULL_RESULT(r);
    if (r && !py_str_check(r)) {
        py_err_format(py_exc_TypeError_type,
                      "__str__ returned non-string (type %.200s)",
                      py_type_of(r)->tp_name);
        return NULL;
    }
    return r;
}

int64_t py_hash_pointer(const void *p)
{
    /* Object addresses are 16-byte aligned: rotate the dead low bits to
       the top so that dict slots spread (CPython 2.7's _Py_HashPointer). */
    uint64_t y = (uint64_t)(uintptr_t)p;
    y = (y >> 4) | (y << 60);
    int64_t x = (int64_t)y;
    return x == -1 ? -2 : x;
}

int64_t py_object_hash(py_object_t *o)
{
    py_type_t *t = py_type_of(o);
    if (t->tp_hash) {
        int64_t h = t->tp_hash(o);
        PY_CHECK_INT_RESULT(h);
        return h;
    }
    if (t->tp_flags & PY_TPFLAG_UNHASHABLE) {
        py_err_format(py_exc_TypeError_type, "unhashable type: '%.200s'",
                      t->tp_name);
        return -1;
    }
    return py_hash_pointer(o);
}

static const int swapped_op[] = {PY_GT, PY_GE, PY_EQ, PY_NE, PY_LT, PY_LE};

/* Python 2's last resort for ordering objects no slot could compare:
   None first, then by type name, then by address (CPython 2.7's
   default_3way_compare, without its number-type special case, which the
   numeric types' own slots make unnecessary). */
static int default_3way(py_object_t *a, py_object_t *b)
{
    if (a == b) return 0;
    if (a == py_None) return -1;
    if (b == py_None) return 1;
    py_type_t *ta = py_type_of(a), *tb = py_type_of(b);
    if (ta != tb) {
        int c = strcmp(ta->tp_name, tb->tp_name);
        if (c) return c < 0 ? -1 : 1;
        return (uintptr_t)ta < (uintptr_t)tb ? -1 : 1;
    }
    return (uintptr_t)a < (uintptr_t)b ? -1 : 1;
}

static py_object_t *do_richcompare(py_object_t *a, py_object_t *b, int op);

py_object_t *py_object_richcompare(py_object_t *a, py_object_t *b, int op)
{
    /* Containers compare their items through here: deeply nested ones
       must raise, not overflow the C stack (CPython's guard, same
       message). */
    if (py_enter_recursive_call(" in cmp"))
        return NULL;
    py_object_t *r = do_richcompare(a, b, op);
    PY_CHECK_NULL_RESULT(r);
    py_leave_recursive_call();
    return r;
}

static py_object_t *do_richcompare(py_object_t *a, py_object_t *b, int op)
{
    py_type_t *ta = py_type_of(a), *tb = py_type_of(b);
    py_object_t *r;
    bool tried_b = false;
    if (ta != tb && py_type_is_subtype(tb, ta) && tb->tp_richcompare) {
        tried_b = true;
        r = tb->tp_richcompare(b, a, swapped_op[op]);
        if (r != py_NotImplemented)
            return r;
    }
    if (ta->tp_richcompare) {
        r = ta->tp_richcompare(a, b, op);
        if (r != py_NotImplemented)
            return r;
    }
    if (!tried_b && tb->tp_richcompare) {
        r = tb->tp_richcompare(b, a, swapped_op[op]);
        if (r != py_NotImplemented)
            return r;
    }
    int c;
    switch (op) {
    case PY_EQ: return py_bool_from_bool(a == b);
    case PY_NE: return py_bool_from_bool(a != b);
    default:
        c = default_3way(a, b);
        switch (op) {
        case PY_LT: return py_bool_from_bool(c < 0);
        case PY_LE: return py_bool_from_bool(c <= 0);
        case PY_GT: return py_bool_from_bool(c > 0);
        default:    return py_bool_from_bool(c >= 0);
        }
    }
}

int py_object_richcompare_bool(py_object_t *a, py_object_t *b, int op)
{
    if (a == b) {
        if (op == PY_EQ) return 1;
        if (op == PY_NE) return 0;
    }
    py_object_t *r = py_object_richcompare(a, b, op);
    if (!r)
        return -1;
    if (r == py_True) return 1;
    if (r == py_False) return 0;
    return py_object_is_true(r);
}

int py_object_equal(py_object_t *a, py_object_t *b)
{
    return py_object_richcompare_bool(a, b, PY_EQ);
}

int py_object_is_true(py_object_t *o)
{
    if (o == py_True) return 1;
    if (o == py_False || o == py_None) return 0;
    py_type_t *t = py_type_of(o);
    if (t->tp_nonzero)
        return t->tp_nonzero(o);
    return 1;
}
