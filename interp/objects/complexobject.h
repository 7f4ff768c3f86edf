/* complexobject.h -- complex, a pair of doubles, with CPython 2.7's
 * arithmetic (including its exact order of floating-point operations, so
 * results match bit for bit), repr and hash.  Immutable; public layout.
 */
#ifndef PY_COMPLEXOBJECT_H
#define PY_COMPLEXOBJECT_H

#include <stdbool.h>

#include "interp/object.h"

/* Invariant: set while young, never changed afterwards. */
typedef struct py_complex {
    gc_header_t hdr;
    double real;
    double imag;
} py_complex_t;

/* True iff O is a complex (or an instance of a subtype).  Never fails. */
static inline bool py_complex_check(py_object_t *o)
{
    return py_isinstance(o, py_complex_type);
}

/* The parts of complex O.  Never fails. */
static inline void py_complex_value(py_object_t *o, double *re, double *im)
{
    *re = ((const py_complex_t *)o)->real;
    *im = ((const py_complex_t *)o)->imag;
}

/* A new complex.  NULL with MemoryError set.  MAY_GC, ANY THREAD. */
py_object_t *py_complex_from_doubles(double re, double im);

/* complex(S) for the N bytes at S, as CPython 2.7: optional blanks and
   parentheses around "re", "imj", "re+imj", "re-imj", with inf/nan parts
   and a bare "j" meaning 1j ("1+j", "-j").  NULL with ValueError
   "complex() arg is a malformed string".  MAY_GC. */
py_object_t *py_complex_from_string(const char *s, size_t n);

/* A op B on complex values (operands already coerced).  New complex (or
   a 2-tuple for divmod), or NULL with ZeroDivisionError ("complex
   division by zero", "complex remainder", "complex divmod()",
   "0.0 to a negative or complex power") or OverflowError ("complex
   exponentiation", "absolute value too large") set.  MAY_GC. */
py_object_t *py_complex_add(double ar, double ai, double br, double bi);
py_object_t *py_complex_sub(double ar, double ai, double br, double bi);
py_object_t *py_complex_mul(double ar, double ai, double br, double bi);
py_object_t *py_complex_div(double ar, double ai, double br, double bi);
py_object_t *py_complex_floordiv(double ar, double ai, double br, double bi);
py_object_t *py_complex_mod(double ar, double ai, double br, double bi);
py_object_t *py_complex_divmod(double ar, double ai, double br, double bi);
py_object_t *py_complex_pow(double ar, double ai, double br, double bi);
/* abs(complex) as a float. */
py_object_t *py_complex_abs(double re, double im);

/* repr / str of complex O.  MAY_GC. */
py_object_t *py_complex_repr(py_object_t *o);
py_object_t *py_complex_str(py_object_t *o);

/* Rich comparison slot: == and != against int, long, float, complex;
   ordering raises TypeError "no ordering relation is defined for complex
   numbers".  MAY_GC. */
py_object_t *py_complex_richcompare(py_object_t *a, py_object_t *b, int op);

#endif
