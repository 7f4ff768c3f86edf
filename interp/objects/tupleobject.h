/* tupleobject.h -- tuple (immutable; items inline after the header). */
#ifndef PY_TUPLEOBJECT_H
#define PY_TUPLEOBJECT_H

#include <stdbool.h>
#include <stddef.h>

#include "interp/object.h"

/* A new tuple of N items, all NULL until py_tuple_init_item fills them
   (a tuple must be complete before anyone else sees it).  N == 0 returns
   the shared empty tuple.  NULL with MemoryError set.  MAY_GC. */
py_object_t *py_tuple_new(size_t n);

/* Sets item I of T while T is being built (no barrier needed: T is young
   and not yet published).  I < size. */
void py_tuple_init_item(py_object_t *t, size_t i, py_object_t *o);

/* Item I (I < size) and the size.  Never collect. */
py_object_t *py_tuple_get_item(py_object_t *t, size_t i);
size_t py_tuple_size(py_object_t *t);

/* The items as an array (valid while T is reachable).  Never collects. */
py_object_t *const *py_tuple_items(py_object_t *t);

/* A new tuple of the N objects at ITEMS.  MAY_GC. */
py_object_t *py_tuple_pack(size_t n, py_object_t *const *items);

/* Items [LO, HI) of T in a new tuple.  MAY_GC. */
py_object_t *py_tuple_slice(py_object_t *t, size_t lo, size_t hi);

bool py_tuple_check(py_object_t *o);
bool py_tuple_check_exact(py_object_t *o);

#endif
