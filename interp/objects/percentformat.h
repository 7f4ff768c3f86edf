/* percentformat.h -- Python 2's `str % args` formatting (CPython 2.7's
 * PyString_Format), used by py_binary_op for PY_BINOP_MOD on a str.
 */
#ifndef PY_PERCENTFORMAT_H
#define PY_PERCENTFORMAT_H

#include "interp/object.h"

/* FORMAT % ARGS for a str or unicode FORMAT (PyString_Format and
   PyUnicode_Format): ARGS is a tuple of positional
   arguments, a mapping for %(name)s (a dict; other mappings are treated as
   CPython does, as "no positional arguments"), or a single argument.
   Conversions %% d i u o x X e E f F g G c s r with flags - + space # 0,
   width and precision (also *), and the ignored length modifiers h l L.
   Returns a new str, or NULL with TypeError / ValueError / OverflowError
   set as CPython words them ("not enough arguments for format string",
   "unsupported format character 'z' (0x7a) at index 1", ...), or
   UnicodeDecodeError when str text must become unicode (a str format
   with a unicode argument to %s gives a unicode result, as CPython), or
   NotImplementedError for mappings other than dict.  MAY_GC. */
py_object_t *py_percent_format(py_object_t *format, py_object_t *args);

#endif
