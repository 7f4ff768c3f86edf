/* abstract.h -- the number and sequence protocols of CPython 2.7's
 * Objects/abstract.c for the built-in types: binary and unary operators
 * with the int < long < float < complex coercion, and str/unicode/tuple
 * concatenation, repetition and indexing.  Used by the compiler's
 * constant folding now and by the eval loop later (user classes with
 * __add__ and friends come with the interpreter: see docs/numbers.md).
 */
#ifndef PY_ABSTRACT_H
#define PY_ABSTRACT_H

#include "interp/object.h"
#include "interp/objects/boolobject.h"

typedef enum {
    PY_BINOP_ADD,
    PY_BINOP_SUB,
    PY_BINOP_MUL,
    PY_BINOP_DIV,        /* classic `/`: floor for ints and longs */
    PY_BINOP_TRUEDIV,    /* `/` under `from __future__ import division` */
    PY_BINOP_FLOORDIV,
    PY_BINOP_MOD,
    PY_BINOP_POW,
    PY_BINOP_LSHIFT,
    PY_BINOP_RSHIFT,
    PY_BINOP_AND,
    PY_BINOP_XOR,
    PY_BINOP_OR,
    PY_BINOP_SUBSCR      /* a[b] with an int or long index */
} py_binop_t;

typedef enum {
    PY_UNOP_NEG,
    PY_UNOP_POS,
    PY_UNOP_INVERT,
    PY_UNOP_NOT
} py_unop_t;

/* A op B with CPython 2.7's semantics for int, long, float, complex, bool,
   and the sequence operations of str, unicode and tuple.  Returns a new
   reference-free object, or NULL with TypeError ("unsupported operand
   type(s) for +: 'int' and 'str'"), ZeroDivisionError, OverflowError,
   ValueError, IndexError, UnicodeDecodeError or MemoryError set.
   MAY_GC. */
py_object_t *py_binary_op(py_binop_t op, py_object_t *a, py_object_t *b);

/* op A (-a, +a, ~a, not a).  NULL with TypeError ("bad operand type for
   unary -: 'str'") or MemoryError set.  MAY_GC. */
py_object_t *py_unary_op(py_unop_t op, py_object_t *a);

/* divmod(A, B) for numbers: a 2-tuple.  As py_binary_op.  MAY_GC. */
py_object_t *py_number_divmod(py_object_t *a, py_object_t *b);

/* pow(A, B, M): M None is A ** B; otherwise ints and longs only, as
   CPython 2.7.  MAY_GC. */
py_object_t *py_number_power(py_object_t *a, py_object_t *b, py_object_t *m);

/* abs(A) for numbers.  MAY_GC. */
py_object_t *py_number_abs(py_object_t *a);

/* int(O), long(O), float(O) for numbers, str and ASCII unicode, as the
   CPython 2.7 constructors with one argument: int truncates floats and
   gives a long when the value does not fit; long always gives a long;
   float rounds longs correctly.  NULL with TypeError ("int() argument
   must be a string or a number, not 'list'", "can't convert complex to
   int"), ValueError (bad literal, NaN), OverflowError (infinity, huge
   long to float) or NotImplementedError (non-ASCII unicode digits).
   MAY_GC. */
py_object_t *py_number_int(py_object_t *o);
py_object_t *py_number_long(py_object_t *o);
py_object_t *py_number_float(py_object_t *o);

/* hex(O), oct(O), bin(O) for ints and longs as CPython 2.7 writes them
   ('0xff', '-010', '0b101'; longs get an L from hex and oct: '0xffL').
   NULL with TypeError for other types.  MAY_GC. */
py_object_t *py_number_hex(py_object_t *o);
py_object_t *py_number_oct(py_object_t *o);
py_object_t *py_number_bin(py_object_t *o);

/* round(X, NDIGITS) as CPython 2.7 for an int, long or float X (taken
   as a double): the exact value rounded to NDIGITS decimal places,
   halfway cases away from zero, then correctly rounded back to a double
   (round(2.675, 2) == 2.67, round(0.125, 2) == 0.13, round(-0.4) ==
   -0.0).  A float, or NULL with TypeError ("a float is required"),
   OverflowError ("rounded value too large to represent", or a long too
   large for a float) or MemoryError.  MAY_GC. */
py_object_t *py_number_round(py_object_t *x, long ndigits);

/* The operator's symbol as CPython writes it in error messages ("+",
   "//", "** or pow()", "divmod()"...). */
const char *py_binop_symbol(py_binop_t op);

/* The result of a three-way comparison C (-1, 0, 1, or 2 for unordered,
   i.e. a NaN) under rich-comparison operator OP (PY_LT..PY_GE): py_True
   or py_False.  Never fails. */
static inline py_object_t *py_cmp_result(int c, int op)
{
    bool r;
    if (c == 2)
        return py_bool_from_bool(op == PY_NE);
    switch (op) {
    case PY_LT: r = c < 0; break;
    case PY_LE: r = c <= 0; break;
    case PY_EQ: r = c == 0; break;
    case PY_NE: r = c != 0; break;
    case PY_GT: r = c > 0; break;
    default:    r = c >= 0; break;
    }
    return py_bool_from_bool(r);
}

#endif
