/* unicodeobject.h -- unicode, the Python 2 text string (immutable, UCS4
 * code units, as CPython 2.7 built with --enable-unicode=ucs4).
 */
#ifndef PY_UNICODEOBJECT_H
#define PY_UNICODEOBJECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "interp/object.h"

/* A new unicode of the N code units at S (any values up to 0x10FFFF; lone
   surrogates allowed, as in CPython 2.7).  NULL with MemoryError set, or
   ValueError for a unit above 0x10FFFF.  MAY_GC. */
py_object_t *py_unicode_from_ucs4(const uint32_t *s, size_t n);

/* A new unicode of N units for the caller to fill through
   py_unicode_writable_data() before publishing it.  MAY_GC. */
py_object_t *py_unicode_new_uninit(size_t n);
uint32_t *py_unicode_writable_data(py_object_t *u);

/* The code units of U (followed by a 0 unit) and their number.  Never
   collect. */
const uint32_t *py_unicode_data(py_object_t *u);
size_t py_unicode_len(py_object_t *u);

/* True iff O is a unicode (or subclass instance). */
bool py_unicode_check(py_object_t *o);
bool py_unicode_check_exact(py_object_t *o);

/* Decodes N bytes of UTF-8 at S strictly, with CPython 2.7's rules
   (encoded surrogates accepted) and its UnicodeDecodeError positions and
   reasons.  NULL with UnicodeDecodeError or MemoryError set.  MAY_GC. */
py_object_t *py_unicode_decode_utf8(const char *s, size_t n);

/* Decodes N bytes as Latin-1 (each byte one code unit).  MAY_GC. */
py_object_t *py_unicode_decode_latin1(const char *s, size_t n);

/* U encoded as UTF-8 in a new str, as CPython 2.7 (UCS4 build): a high
   surrogate followed by a low one becomes the 4-byte sequence of the code
   point they encode; other surrogates are written as 3 bytes.  NULL with
   MemoryError set.  MAY_GC. */
py_object_t *py_unicode_encode_utf8(py_object_t *u);

/* CPython 2.7's hash of the units (equal to the str hash for ASCII). */
int64_t py_unicode_hash_units(const uint32_t *s, size_t n);

/* 1 iff same units. */
int py_unicode_equal(py_object_t *a, py_object_t *b);

/* A + B.  MAY_GC. */
py_object_t *py_unicode_concat(py_object_t *a, py_object_t *b);

/* repr(U) as CPython 2.7 (u'...', \xNN, \uNNNN, \UNNNNNNNN).  MAY_GC. */
py_object_t *py_unicode_repr(py_object_t *u);

#endif
