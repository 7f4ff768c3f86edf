/* numformat.h -- format(number, spec): the PEP 3101 format mini-language
 * for int, long, bool, float and complex, as CPython 2.7's __format__ methods
 * (Objects/stringlib/formatter.h), for format() and str.format(). */
#ifndef PY_NUMFORMAT_H
#define PY_NUMFORMAT_H

#include <stddef.h>

#include "interp/object.h"

/* format(O, SPEC) for the N bytes of SPEC:
   [[fill]align][sign][#][0][width][,][.precision][type] with the int types
   b c d o x X n (and e E f F g G % through float), the float types
   e E f F g G n % (none: like g with 12 digits and a ".0" kept), and for
   complex e E f F g G n (none: like str(), "(1+2j)").  An empty
   SPEC gives str(O).  A new str, or NULL with ValueError (CPython's texts:
   "Unknown format code 'z' for object of type 'int'", "Invalid conversion
   specification", "Cannot specify ',' with 'x'.", ...) or OverflowError.
   MAY_GC. */
py_object_t *py_number_format_spec(py_object_t *o, const char *spec, size_t n);

#endif
