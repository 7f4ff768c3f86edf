/* stringobject.h -- str, the Python 2 byte string (immutable).
 *
 * Layout (private to stringobject.c): header, cached hash, length,
 * interned flag, then the bytes inline followed by a NUL.  Immutable, so
 * no barrier; the hash cache is an idempotent plain store (DESIGN §4).
 */
#ifndef PY_STRINGOBJECT_H
#define PY_STRINGOBJECT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "interp/object.h"

/* A new str holding the N bytes at S (S may be NULL when N is 0).
   Strings of length 0 and 1 are the interned, shared ones (as CPython
   2.7's PyString_FromStringAndSize with data).  NULL with MemoryError
   set.  MAY_GC, ANY THREAD. */
py_object_t *py_str_from_bytes(const char *s, size_t n);

/* A new str holding the NUL-terminated C string S.  As above. */
py_object_t *py_str_from_cstr(const char *s);

/* A new str from printf-style FMT.  NULL with MemoryError set.  MAY_GC. */
py_object_t *py_str_from_format(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
py_object_t *py_str_from_vformat(const char *fmt, va_list ap);

/* A new str of N bytes whose contents the caller fills through
   py_str_writable_data() before anyone else sees the object (it is young
   and immutable afterwards).  The byte after the last is NUL already.
   Unlike py_str_from_bytes, a 1-byte result is NOT interned (CPython 2.7:
   PyString_FromStringAndSize(NULL, 1)); N == 0 gives the shared empty
   string, which must not be written.  Marshal output shows the
   difference ('s' vs 't'): CPython's compiler makes string literals that
   contain escapes this way.  NULL with MemoryError set.  MAY_GC. */
py_object_t *py_str_new_uninit(size_t n);
char *py_str_writable_data(py_object_t *str);

/* The interned str equal to the N bytes at S: the same object for equal
   contents, for the life of the process.  NULL with MemoryError set.
   MAY_GC, ANY THREAD (the intern table takes a lock). */
py_object_t *py_str_intern_bytes(const char *s, size_t n);

/* The interned str equal to STR (STR itself if it is the first of its
   contents to be interned, else the earlier one).  STR must be a str.
   NULL with MemoryError set.  MAY_GC, ANY THREAD. */
py_object_t *py_str_intern(py_object_t *str);

/* True iff STR is the interned object for its contents. */
bool py_str_is_interned(py_object_t *str);

/* The bytes of STR, NUL-terminated (str may contain NULs too), and its
   length.  STR must be a str.  Never collect. */
const char *py_str_data(py_object_t *str);
size_t py_str_len(py_object_t *str);

/* True iff O is a str (or a subclass instance). */
bool py_str_check(py_object_t *o);
/* True iff O's type is exactly str. */
bool py_str_check_exact(py_object_t *o);

/* CPython 2.7's string hash of N bytes (hash randomisation off); never
   -1.  Pure. */
int64_t py_str_hash_bytes(const char *s, size_t n);

/* A + B for two strs.  NULL with MemoryError/OverflowError set.
   MAY_GC. */
py_object_t *py_str_concat(py_object_t *a, py_object_t *b);

/* 1 iff A and B have the same bytes, else 0.  Both must be strs. */
int py_str_equal(py_object_t *a, py_object_t *b);

/* repr(STR) as CPython 2.7 writes it.  MAY_GC. */
py_object_t *py_str_repr(py_object_t *str);

#endif
