/* longobject.h -- long, Python 2's arbitrary-precision integer.
 *
 * Sign and magnitude; the magnitude is an array of 30-bit digits, least
 * significant first, with no leading zero digit (zero has no digits).
 * Immutable: built while young by its constructor, never written after.
 * Operations on longs always give longs (3L + 4L is 7L): only the int
 * operations (intobject.h) promote.  The layout is private to
 * longobject.c / longarith.c (longimpl.h).  See docs/numbers.md.
 *
 * Arithmetic functions take int or long operands (an int is read as a
 * long without allocating) and return a new long, or NULL with the
 * exception set.  All are MAY_GC (and poll safe points in long loops).
 */
#ifndef PY_LONGOBJECT_H
#define PY_LONGOBJECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "interp/object.h"

/* True iff O is a long (or an instance of a subtype). */
static inline bool py_long_check(py_object_t *o)
{
    return py_isinstance(o, py_long_type);
}

/* ---- constructors (NULL with MemoryError set; MAY_GC) --------------- */

py_object_t *py_long_from_long(long v);
py_object_t *py_long_from_ulong(unsigned long v);
/* From a 128-bit integer (gcc/clang extension): the exact result of an
   int operation that overflowed a C long. */
py_object_t *py_long_from_int128(__int128 v);

/* The long equal to the integral part of D (truncated toward zero).
   NULL with OverflowError "cannot convert float infinity to integer" or
   ValueError "cannot convert float NaN to integer". */
py_object_t *py_long_from_double(double d);

/* Parses the N bytes at S as long(S, BASE) does: optional surrounding
   whitespace, optional sign (blanks may follow it), optional 0x/0o/0b
   prefix matching BASE (or selecting it when BASE is 0; BASE 0 also reads
   a leading 0 as octal), digits, an optional trailing L/l (where 'l' is
   not a digit of BASE).  BASE is 0 or 2..36 (else ValueError "long() base
   must be >= 2 and <= 36, or 0").  NULL with ValueError "invalid literal
   for long() with base B: 'S'" on bad input. */
py_object_t *py_long_from_string(const char *s, size_t n, int base);

/* int(S, BASE): as py_long_from_string without the L suffix, rejecting
   NUL bytes ("null byte in argument for int()"), with "int()" in the
   messages; an int when the value fits a C long, else a long. */
py_object_t *py_int_from_string(const char *s, size_t n, int base);

/* Marshal's 'l' format: N little-endian base-2**15 digits (each < 2**15;
   zero is N = 0).  NULL with ValueError "bad marshal data (digit out of
   range in long)" for a digit >= 2**15. */
py_object_t *py_long_from_digits15(int negative, const uint16_t *digits,
                                   size_t n);

/* Writes O's magnitude (O an int or long) as base-2**15 digits,
   least significant first, into OUT (at most CAP digits) and its sign
   into *NEGATIVE.  Returns the number of digits needed (0 for zero): when
   larger than CAP, call again with a bigger buffer.  Never fails. */
size_t py_long_to_digits15(py_object_t *o, int *negative, uint16_t *out,
                           size_t cap);

/* ---- queries (never collect) ----------------------------------------- */

/* -1, 0 or 1: the sign of int or long O. */
int py_long_sign(py_object_t *o);

/* Number of bits of |O| (0 for zero), O an int or long. */
uint64_t py_long_bit_length(py_object_t *o);

/* If int or long O fits a C long, stores it in *OUT and returns 0; else
   returns -1 without setting an exception. */
int py_long_to_long(py_object_t *o, long *out);

/* O (int or long) as a double, correctly rounded (half to even).  -1.0
   with OverflowError "long int too large to convert to float" if it does
   not fit (check py_err_occurred). */
double py_long_as_double(py_object_t *o);

/* Compares int-or-long A with int-or-long B: -1, 0 or 1. */
int py_long_compare(py_object_t *a, py_object_t *b);

/* Compares int-or-long A with double D exactly (no rounding): -1, 0, 1;
   2 if D is a NaN (unordered). */
int py_long_compare_double(py_object_t *a, double d);

/* hash(O) as CPython 2.7 (|O| mod 2**64-1, signed; equal to the int's
   hash when O fits an int; never -1). */
int64_t py_long_hash(py_object_t *o);

/* ---- conversions to text (MAY_GC) ----------------------------------- */

/* The digits of O (int or long) in BASE 2..36, lowercase, with a leading
   '-' for negatives and no prefix or suffix, as a str. */
py_object_t *py_long_format(py_object_t *o, int base);

/* repr (with the L suffix) and str (without) of long O. */
py_object_t *py_long_repr(py_object_t *o);
py_object_t *py_long_str(py_object_t *o);

/* If O (a long) fits a C long, the int of that value, else O itself: what
   int(x) returns.  MAY_GC. */
py_object_t *py_long_normalize_to_int(py_object_t *o);

/* ---- arithmetic (int or long operands; results are longs) ------------ */

py_object_t *py_long_add(py_object_t *a, py_object_t *b);
py_object_t *py_long_sub(py_object_t *a, py_object_t *b);
py_object_t *py_long_mul(py_object_t *a, py_object_t *b);
/* Floor division (also classic `/`) and the matching modulo; B == 0
   raises ZeroDivisionError "long division or modulo by zero". */
py_object_t *py_long_floordiv(py_object_t *a, py_object_t *b);
py_object_t *py_long_mod(py_object_t *a, py_object_t *b);
/* Both at once: stores new longs in *Q and *R; 0, or -1 with the
   exception set. */
int py_long_divmod(py_object_t *a, py_object_t *b, py_object_t **q,
                   py_object_t **r);
/* A / B correctly rounded to a float; ZeroDivisionError "division by
   zero", OverflowError "integer division result too large for a float". */
py_object_t *py_long_truediv(py_object_t *a, py_object_t *b);
/* A ** B; a negative B gives a float (A, B converted to floats, as
   CPython 2.7).  MemoryError for results beyond the heap. */
py_object_t *py_long_pow(py_object_t *a, py_object_t *b);
/* pow(A, B, M) with B >= 0 and M != 0: the result has M's sign.
   ValueError "pow() 3rd argument cannot be 0" /
   TypeError "pow() 2nd argument cannot be negative when 3rd argument
   specified". */
py_object_t *py_long_pow_mod(py_object_t *a, py_object_t *b,
                             py_object_t *m);
/* Shifts: ValueError "negative shift count"; OverflowError "long int too
   large to convert to int" for counts that do not fit a C long. */
py_object_t *py_long_lshift(py_object_t *a, py_object_t *b);
py_object_t *py_long_rshift(py_object_t *a, py_object_t *b);
/* Bitwise operations with two's complement semantics for negatives. */
py_object_t *py_long_and(py_object_t *a, py_object_t *b);
py_object_t *py_long_or(py_object_t *a, py_object_t *b);
py_object_t *py_long_xor(py_object_t *a, py_object_t *b);
py_object_t *py_long_neg(py_object_t *a);
py_object_t *py_long_abs(py_object_t *a);
py_object_t *py_long_invert(py_object_t *a);

/* Rich comparison slot of long (int, long, float operands). */
py_object_t *py_long_richcompare(py_object_t *a, py_object_t *b, int op);

#endif
