/* exceptions.h -- the built-in exception classes (CPython 2.7's
 * Objects/exceptions.c): py_exc_<Name>_type for every entry of
 * interp/exceptions.def, and C access to instance fields.
 *
 * Exception instances are mutable in Python (e.args = ...), so their own
 * file reaches their fields only through its view accessors (the STM
 * barriers).
 */
#ifndef PY_EXCEPTIONS_H
#define PY_EXCEPTIONS_H

#include <stddef.h>
#include <sys/types.h>

#include "interp/object.h"

#define PY_EXC(name, base, kind) extern py_type_t *py_exc_##name##_type;
#include "interp/exceptions.def"
#undef PY_EXC

/* Creates every exception class (GC roots).  Returns 0, or -1 with
   MemoryError set.  Called by py_runtime_init after py_types_init. */
int py_exceptions_init(void);

/* True iff T is BaseException or a subclass. */
bool py_exc_type_check(const py_type_t *t);
/* True iff O is an exception instance. */
bool py_exc_check(py_object_t *o);

/* A new instance of TYPE (an exception class) initialised from ARGS (a
   tuple; NULL means ()) as TYPE's __init__ does (SyntaxError unpacks
   (msg, (filename, lineno, offset, text)), EnvironmentError
   (errno, strerror[, filename]), ...).  NULL with an exception set on
   error.  MAY_GC. */
py_object_t *py_exc_new(py_type_t *type, py_object_t *args);

/* A UnicodeDecodeError(encoding, object, start, end, reason) instance.
   MAY_GC. */
py_object_t *py_exc_unicode_decode_new(const char *encoding,
                                       const char *object, size_t n,
                                       ssize_t start, ssize_t end,
                                       const char *reason);

/* A UnicodeEncodeError(encoding, object, start, end, reason) instance;
   OBJECT is the unicode being encoded.  MAY_GC. */
py_object_t *py_exc_unicode_encode_new(const char *encoding,
                                       py_object_t *object, ssize_t start,
                                       ssize_t end, const char *reason);

/* Instance fields (exc is an instance of the class that has the field;
   otherwise NULL).  The result is the stored object (None when unset).
   Never collect. */
py_object_t *py_exc_args(py_object_t *exc);
py_object_t *py_exc_message(py_object_t *exc);
/* SyntaxError and subclasses: msg, filename, lineno, offset, text. */
py_object_t *py_exc_syntax_msg(py_object_t *exc);
py_object_t *py_exc_syntax_filename(py_object_t *exc);
py_object_t *py_exc_syntax_lineno(py_object_t *exc);
py_object_t *py_exc_syntax_offset(py_object_t *exc);
py_object_t *py_exc_syntax_text(py_object_t *exc);
/* True iff EXC's class has CPython's print_file_and_line attribute
   (SyntaxError and subclasses): py_err_print shows the "File" form. */
bool py_exc_has_print_file_and_line(py_object_t *exc);

#endif
