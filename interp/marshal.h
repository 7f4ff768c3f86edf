/* marshal.h -- CPython 2.7's marshal format, both directions.
 *
 * Every type code of CPython 2.7 (0 N F T S . i I f g x y l s t R u ( [ {
 * < > c ?), versions 0..2 on dump, everything on load.  Bad or truncated
 * input raises ValueError ("bad marshal data (...)") or EOFError ("EOF
 * read where object expected"), never crashes; nesting deeper than
 * CPython's MAX_MARSHAL_STACK_DEPTH (2000) raises ValueError
 * ("object too deeply nested to marshal" on dump, "recursion limit
 * exceeded" on load), as CPython.
 */
#ifndef PY_MARSHAL_H
#define PY_MARSHAL_H

#include <stddef.h>

#include "interp/object.h"

#define PY_MARSHAL_VERSION 2
#define PY_MARSHAL_MAX_DEPTH 2000

/* marshal.dumps(O, VERSION) as a new str.  NULL with ValueError
   ("unmarshallable object", too deep) or MemoryError set.  MAY_GC. */
py_object_t *py_marshal_dumps(py_object_t *o, int version);

/* marshal.loads of the N bytes at DATA (trailing bytes are ignored, as
   CPython).  NULL with ValueError/EOFError/UnicodeDecodeError/MemoryError
   set.  MAY_GC. */
py_object_t *py_marshal_loads(const char *data, size_t n);

/* Like py_marshal_loads, also storing in *USED the number of bytes the
   object took (for reading several objects from one buffer). */
py_object_t *py_marshal_loads_prefix(const char *data, size_t n,
                                     size_t *used);

#endif
