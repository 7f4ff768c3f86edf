/* intobject.h -- int, Python 2's machine integer (a C long, 64 bits).
 *
 * CPython 2.7 semantics: an int operation whose exact result does not fit
 * a C long returns a long instead (sys.maxint + 1 is 9223372036854775808L);
 * see docs/numbers.md.  Instances are immutable (no barrier), so the
 * layout is public: the eval loop's fast paths and bool (a subtype of int
 * made by "objects") read the value inline.
 */
#ifndef PY_INTOBJECT_H
#define PY_INTOBJECT_H

#include <stdbool.h>
#include <stdint.h>

#include "interp/object.h"

/* An int or an instance of a subtype of int (bool).  Invariant: `value`
   is set by the constructor while the object is young and never changes
   afterwards. */
typedef struct py_int {
    gc_header_t hdr;
    long value;
} py_int_t;

/* Small ints in [PY_INT_SMALL_MIN, PY_INT_SMALL_MAX] are shared objects
   made at start-up (as CPython: `a = 5; b = 5; a is b`). */
#define PY_INT_SMALL_MIN (-5)
#define PY_INT_SMALL_MAX 256

/* True iff O is an int or a bool (or another subtype of int). */
static inline bool py_int_check(py_object_t *o)
{
    return py_isinstance(o, py_int_type);
}

/* True iff O's type is exactly int (not bool). */
static inline bool py_int_check_exact(py_object_t *o)
{
    return py_type_of(o) == py_int_type;
}

/* The value of int (or bool) O.  Never collects, never fails. */
static inline long py_int_value(py_object_t *o)
{
    return ((const py_int_t *)o)->value;
}

/* The int V (a shared object for small values).  NULL with MemoryError
   set.  MAY_GC, ANY THREAD. */
py_object_t *py_int_from_long(long v);

/* A new instance of TYPE (int or a subtype of it, e.g. bool) with value
   V; never shared.  For "objects"' True/False and for int subclasses.
   NULL with MemoryError set.  MAY_GC. */
py_object_t *py_int_new_of_type(py_type_t *type, long v);

/* Makes the shared small ints.  Returns 0, or -1 with MemoryError set.
   Called once by py_runtime_init after py_types_init (until it runs,
   py_int_from_long allocates a fresh object every time).  Start-up only. */
int py_int_init(void);

/* hash(int V) as CPython 2.7: V itself, except -1 gives -2. */
static inline int64_t py_int_hash_value(long v)
{
    return v == -1 ? -2 : (int64_t)v;
}

/* Decimal text of V into BUF (at least 24 bytes), NUL-terminated; returns
   the length.  Never fails. */
int py_int_format_decimal(long v, char *buf);

/* The int operations of CPython 2.7's Objects/intobject.c on two C longs.
   Each returns an int, or a long where the exact result does not fit (or
   a float: `**` with a negative exponent, true division), or NULL with
   ZeroDivisionError ("integer division or modulo by zero"), ValueError
   ("negative shift count") or MemoryError set.  MAY_GC. */
py_object_t *py_int_add(long a, long b);
py_object_t *py_int_sub(long a, long b);
py_object_t *py_int_mul(long a, long b);
py_object_t *py_int_floordiv(long a, long b);   /* also classic `/` */
py_object_t *py_int_mod(long a, long b);
py_object_t *py_int_divmod(long a, long b);     /* a tuple */
py_object_t *py_int_truediv(long a, long b);    /* a float */
py_object_t *py_int_pow(long a, long b);
py_object_t *py_int_lshift(long a, long b);
py_object_t *py_int_rshift(long a, long b);
py_object_t *py_int_neg(long a);
py_object_t *py_int_abs(long a);

/* Rich comparison slot of int: compares with int, long and float exactly
   (py_NotImplemented for other types).  MAY_GC. */
py_object_t *py_int_richcompare(py_object_t *a, py_object_t *b, int op);

#endif
