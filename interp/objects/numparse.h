/* numparse.h -- numeric literals of Python 2.7 source code. */
#ifndef PY_NUMPARSE_H
#define PY_NUMPARSE_H

#include <stddef.h>

#include "interp/object.h"

/* The value of one complete Python 2 numeric literal token S[0..N) (no
   sign, no surrounding space): decimal, 0x/0o/0b, old-style octal with a
   leading 0, an L/l suffix (always a long), floats with a point and/or
   exponent, imaginary literals with a j/J suffix (a complex with real part
   0).  An integer literal is an int if it fits a C long, else a long (for
   every base, as CPython 2.7: 0xffffffffffffffff is a long).  Floats are
   correctly rounded (1e400 is inf).  NULL with ValueError "invalid numeric
   literal: '...'" on malformed input, or MemoryError.  MAY_GC. */
py_object_t *py_number_from_literal(const char *s, size_t n);

#endif
