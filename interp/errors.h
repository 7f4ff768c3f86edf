/* errors.h -- raising, testing and printing Python exceptions from C.
 *
 * Convention (CPython's): a C function that fails returns NULL (pointer
 * results) or -1 (int results) with the exception set in the calling
 * thread's state (interp/pystate.h).  The pending exception is always an
 * instance (normalised at once): there is no lazy (type, value) pair.
 * Every function here is thread-private (acts on the calling thread's
 * state) and MAY_GC unless marked otherwise.
 */
#ifndef PY_ERRORS_H
#define PY_ERRORS_H

#include <assert.h>
#include <stdbool.h>

#include "config.h"
#include "interp/object.h"
#include "interp/objects/exceptions.h"

/* Debug builds check the error convention at the generic entry points:
   a NULL (or -1) result means an exception is set. */
#if PYPYSTM_DEBUG
#define PY_CHECK_NULL_RESULT(r) assert((r) != NULL || py_err_occurred())
#define PY_CHECK_INT_RESULT(r) assert((r) != -1 || py_err_occurred())
#else
#define PY_CHECK_NULL_RESULT(r) ((void)0)
#define PY_CHECK_INT_RESULT(r) ((void)0)
#endif

/* Raises TYPE(VALUE): VALUE NULL means TYPE(), a tuple is the argument
   list, an instance of TYPE is raised as it is, anything else is the one
   argument.  If making the instance fails, MemoryError is set instead. */
void py_err_set_object(py_type_t *exc_type, py_object_t *value);

/* Raises TYPE(MSG) with MSG a C string (copied). */
void py_err_set_string(py_type_t *exc_type, const char *msg);

/* Raises TYPE(message) with message printf-formatted (C99 conversions;
   objects must be formatted by the caller, e.g. with py_str_data of their
   repr).  Returns NULL, so that `return py_err_format(...)` works. */
py_object_t *py_err_format(py_type_t *exc_type, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Raises TYPE with CPython's SyntaxError arguments
   (msg, (filename, lineno, offset, text)): FILENAME NULL gives None,
   TEXT NULL gives None (TEXT is the source line, its newline included),
   OFFSET is 1-based (column + 1) as CPython, or -1 for None.  TYPE is
   SyntaxError or a subclass (IndentationError, TabError). */
void py_err_syntax(py_type_t *exc_type, const char *msg,
                   py_object_t *filename, int lineno, int offset,
                   const char *text);

/* Sets MemoryError (a preallocated instance: needs no allocation) and
   returns NULL.  Never collects. */
py_object_t *py_err_no_memory(void);

/* Preallocates the MemoryError instance py_err_no_memory raises.  0, or
   -1.  Called by py_runtime_init after the exception classes exist. */
int py_errors_init(void);

/* Sets SystemError "FILE:LINE: bad argument to internal function"; returns
   NULL.  For a C caller that broke a contract in a way we can detect. */
py_object_t *py_err_bad_internal_call_at(const char *file, int line);
#define py_err_bad_internal_call() py_err_bad_internal_call_at(__FILE__, __LINE__)

/* True iff an exception is pending.  Never collects. */
bool py_err_occurred(void);

/* The pending exception's type, or NULL.  Never collects. */
py_type_t *py_err_occurred_type(void);

/* True iff an exception is pending and is an instance of TYPE (or of a
   subclass).  Never collects. */
bool py_err_matches(py_type_t *exc_type);

/* True iff exception type GIVEN matches EXC (a type, or a tuple of types
   searched recursively), as CPython's PyErr_GivenExceptionMatches. */
bool py_err_given_matches(py_type_t *given, py_object_t *exc);

/* Clears the pending exception.  Never collects. */
void py_err_clear(void);

/* Moves the pending exception out (all three NULL if none) / back in
   (replacing any pending one; TYPE NULL clears).  Never collects. */
void py_err_fetch(py_type_t **type, py_object_t **value, py_object_t **tb);
void py_err_restore(py_type_t *type, py_object_t *value, py_object_t *tb);

/* Prints the pending exception to stderr the way CPython 2.7's default
   excepthook prints it when there is no traceback (the SyntaxError
   "  File ..., line N" and caret form included), then clears it.  Does
   nothing if none is pending. */
void py_err_print(void);

/* Writes that same text for exception instance EXC to the C stream F
   (stdio.h's FILE, passed as void * to keep stdio out of this header). */
void py_err_display(py_object_t *exc, void *file);

#endif
