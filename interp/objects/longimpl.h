/* longimpl.h -- the private layout and magnitude kernels of long, shared
 * by longobject.c (objects, conversions, comparison, hashing) and
 * longarith.c (arithmetic).  Nothing outside those two files includes it.
 *
 * Internal names: py_long_* are long objects, py_lmag_* work on raw
 * magnitudes (arrays of 30-bit digits, least significant first).
 */
#ifndef PY_LONGIMPL_H
#define PY_LONGIMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "interp/object.h"

#define PY_LONG_SHIFT 30
#define PY_LONG_BASE  ((uint32_t)1 << PY_LONG_SHIFT)
#define PY_LONG_MASK  (PY_LONG_BASE - 1)

/* Largest number of digits a long may have: about 2**36 bits, far beyond
   any heap we reserve, and small enough that sizes never overflow. */
#define PY_LONG_MAX_DIGITS ((size_t)1 << 31)

typedef uint32_t py_digit_t;

/* Invariants: |size| digits are in use; d[|size|-1] != 0; every digit is
   < PY_LONG_BASE; size < 0 for negative values; zero has size 0.  The
   allocation may hold more digits than |size| (never read). */
typedef struct py_long {
    gc_header_t hdr;
    int64_t size;
    py_digit_t d[];
} py_long_t;

/* A read-only view of an int or a long as sign + magnitude, made without
   allocating (an int's digits live in buf).  Never copy a view: d may
   point into buf. */
typedef struct py_long_view {
    bool neg;
    size_t n;
    const py_digit_t *d;
    py_digit_t buf[3];
} py_long_view_t;

/* Fills V from int or long O.  Never fails. */
void py_long_view_of(py_object_t *o, py_long_view_t *v);

/* A new long with room for N digits, value zero (size 0): the caller
   fills d[] and calls py_long_finish.  NULL with MemoryError set (also for
   N > PY_LONG_MAX_DIGITS).  MAY_GC. */
py_long_t *py_long_alloc(size_t n);

/* Sets R's size from N used digits (leading zeros stripped) and sign NEG
   (ignored for zero); returns R as an object.  Never fails. */
py_object_t *py_long_finish(py_long_t *r, size_t n, bool neg);

/* A new long copied from magnitude D[0..N) with sign NEG.  MAY_GC. */
py_object_t *py_long_from_mag(const py_digit_t *d, size_t n, bool neg);

/* N with leading zero digits of D stripped. */
static inline size_t py_lmag_norm(const py_digit_t *d, size_t n)
{
    while (n > 0 && d[n - 1] == 0)
        n--;
    return n;
}

/* Compares magnitudes (both normalised): -1, 0, 1. */
int py_lmag_cmp(const py_digit_t *a, size_t na, const py_digit_t *b,
                size_t nb);

/* OUT[0..max(na,nb)+1) = A + B; returns the normalised length.  OUT may
   alias A or B. */
size_t py_lmag_add(const py_digit_t *a, size_t na, const py_digit_t *b,
                   size_t nb, py_digit_t *out);

/* OUT[0..na) = A - B, requires A >= B; returns the normalised length.
   OUT may alias A or B. */
size_t py_lmag_sub(const py_digit_t *a, size_t na, const py_digit_t *b,
                   size_t nb, py_digit_t *out);

/* A = A * M + C in place on N digits, returns the carry out (< BASE).
   M, C < BASE. */
py_digit_t py_lmag_muladd1(py_digit_t *a, size_t n, py_digit_t m,
                           py_digit_t c);

/* Q[0..n) = A / D, returns A % D (D != 0, D < BASE).  Q may alias A. */
py_digit_t py_lmag_divrem1(const py_digit_t *a, size_t n, py_digit_t d,
                           py_digit_t *q);

/* Number of bits of magnitude D[0..N) (normalised). */
uint64_t py_lmag_bits(const py_digit_t *d, size_t n);

#endif
