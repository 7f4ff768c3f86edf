/* setobject.h -- set (mutable) and frozenset (immutable), CPython 2.7's
 * setobject.c algorithm so iteration order matches CPython's.  The table
 * is a separate GC object; set fields go through the STM barriers.  A
 * frozenset is filled only while being built (py_frozenset_new +
 * py_set_add before publishing), then never changes. */
#ifndef PY_SETOBJECT_H
#define PY_SETOBJECT_H

#include <stdbool.h>
#include <stddef.h>

#include "interp/object.h"

/* A new empty set / frozenset.  NULL with MemoryError set.  MAY_GC. */
py_object_t *py_set_new(void);
py_object_t *py_frozenset_new(void);

/* Adds KEY to S (a set, or a frozenset still being built).  0, or -1 with
   TypeError (unhashable) or MemoryError.  MAY_GC, MAY_ABORT. */
int py_set_add(py_object_t *s, py_object_t *key);

/* 1 if KEY is in S, 0 if not, -1 with an exception.  MAY_GC. */
int py_set_contains(py_object_t *s, py_object_t *key);

/* Removes KEY: 1 removed, 0 absent, -1 error.  S must be a set. */
int py_set_discard(py_object_t *s, py_object_t *key);

size_t py_set_size(py_object_t *s);

/* Iteration: *POS = 0 first; true with *KEY, false at the end. */
bool py_set_next(py_object_t *s, size_t *pos, py_object_t **key);

/* True for set, frozenset or subclasses (any set-like). */
bool py_anyset_check(py_object_t *o);
bool py_set_check(py_object_t *o);
bool py_frozenset_check(py_object_t *o);
bool py_frozenset_check_exact(py_object_t *o);
bool py_set_check_exact(py_object_t *o);

#endif
