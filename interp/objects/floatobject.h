/* floatobject.h -- float, a C double, with CPython 2.7's semantics:
 * shortest round-tripping repr, str with 12 significant digits, the sign
 * rules of % and //, the special cases of **, and a hash under which
 * integral floats hash like the int or long of the same value.
 * Immutable: the layout is public so that fast paths read it inline.
 */
#ifndef PY_FLOATOBJECT_H
#define PY_FLOATOBJECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "interp/object.h"

/* Invariant: `value` is set while the object is young, never after. */
typedef struct py_float {
    gc_header_t hdr;
    double value;
} py_float_t;

/* True iff O is a float (or an instance of a subtype).  Never fails. */
static inline bool py_float_check(py_object_t *o)
{
    return py_isinstance(o, py_float_type);
}

/* The value of float O.  Never fails. */
static inline double py_float_value(py_object_t *o)
{
    return ((const py_float_t *)o)->value;
}

/* A new float.  NULL with MemoryError set.  MAY_GC, ANY THREAD. */
py_object_t *py_float_from_double(double v);

/* float(S) for the N bytes at S, as CPython 2.7: surrounding whitespace,
   an optional sign, then a decimal number (digits, point, exponent) or
   inf / infinity / nan in any case; correctly rounded (strtod).  NULL with
   ValueError "could not convert string to float: S" (nothing numeric) or
   "invalid literal for float(): S" (trailing junk, hex floats, "1e").
   MAY_GC. */
py_object_t *py_float_from_string(const char *s, size_t n);

/* Reads the longest float at the start of S[0..N) (no blanks): [sign]
   then digits with an optional point and a complete exponent, or
   inf / infinity / nan in any case.  Returns the bytes read with *OUT set,
   0 if there is no number there, or (size_t)-1 with MemoryError set.
   MAY_GC (a copy for very long numbers). */
size_t py_float_parse_prefix(const char *s, size_t n, double *out);

/* float.hex(V): '0x1.8000000000000p+0', '-0x0.0p+0', 'inf', 'nan'.
   MAY_GC. */
py_object_t *py_float_hex(double v);

/* float.fromhex(S) for the N bytes at S: [sign] ["0x"] hex digits with an
   optional point and "p" exponent, or inf/infinity/nan, surrounding
   whitespace allowed; correctly rounded (half to even, subnormals too).
   NULL with ValueError "invalid hexadecimal floating-point string" or
   OverflowError "hexadecimal value too large to represent as a float".
   MAY_GC. */
py_object_t *py_float_fromhex(const char *s, size_t n);

/* hash(float V) as CPython 2.7's _Py_HashDouble: integral values hash as
   the int/long of that value; inf 314159, -inf -271828, nan 0.  Never -1.
   May allocate (for integral values beyond 2**62): returns -1 with
   MemoryError set only then.  MAY_GC. */
int64_t py_float_hash_value(double v);

/* ---- formatting (floatrepr.c) ---------------------------------------- */

/* Flags of py_float_format, as CPython's Py_DTSF_*. */
#define PY_FLOAT_SIGN    0x1   /* always write a sign ("+1.5") */
#define PY_FLOAT_ADD_DOT_0 0x2 /* "1" becomes "1.0" (not after an exponent) */
#define PY_FLOAT_ALT     0x4   /* '#' flag: keep the dot and trailing zeros */

/* Formats V as CPython 2.7's PyOS_double_to_string: CODE 'r' (shortest
   round-tripping digits, PREC ignored; exponent form when the decimal
   exponent is < -4 or >= 16), 'e', 'f', 'g' (PREC significant digits, 0
   means 1), or their upper-case forms ('E', 'F', 'G': "INF", "NAN"); inf
   and nan as "inf"/"nan" ("-inf"; a nan never gets '-').  Writes at most
   CAP bytes including the NUL into BUF; returns the length it needed
   (without the NUL), or -1 for a bad CODE.  'f' of huge values with large
   PREC may need about 330 + PREC bytes.  Never fails otherwise. */
int py_float_format(double v, char code, int prec, int flags, char *buf,
                    size_t cap);

/* repr(V) ('r', ADD_DOT_0) and str(V) ('g' with 12 digits, ADD_DOT_0)
   into BUF of at least PY_FLOAT_BUFSIZE bytes; returns the length. */
#define PY_FLOAT_BUFSIZE 40
int py_float_repr_buf(double v, char *buf);
int py_float_str_buf(double v, char *buf);

/* repr / str of float O as str objects.  MAY_GC. */
py_object_t *py_float_repr(py_object_t *o);
py_object_t *py_float_str(py_object_t *o);

/* ---- arithmetic on doubles (CPython 2.7's float_* functions) --------- */

/* Each returns a new float (divmod: a 2-tuple), or NULL with
   ZeroDivisionError ("float division by zero", "float modulo",
   "float divmod()", "0.0 cannot be raised to a negative power"),
   ValueError ("negative number cannot be raised to a fractional power")
   or OverflowError ("(34, 'Numerical result out of range')") set.
   MAY_GC. */
py_object_t *py_float_div(double a, double b);
py_object_t *py_float_mod(double a, double b);
py_object_t *py_float_floordiv(double a, double b);
py_object_t *py_float_divmod(double a, double b);
py_object_t *py_float_pow(double a, double b);

/* Rich comparison slot of float: exact against int and long.  MAY_GC. */
py_object_t *py_float_richcompare(py_object_t *a, py_object_t *b, int op);

#endif
