/* listobject.h -- list (mutable: a small header object plus a separate
 * items array, both reached only through the STM barriers in
 * listobject.c). */
#ifndef PY_LISTOBJECT_H
#define PY_LISTOBJECT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "interp/object.h"

/* A new list of N items, all None (py_list_set_item fills them).  NULL
   with MemoryError set.  MAY_GC. */
py_object_t *py_list_new(size_t n);

/* Appends O.  0, or -1 with MemoryError set.  MAY_GC, MAY_ABORT. */
int py_list_append(py_object_t *l, py_object_t *o);

/* Item I (0 <= I < len), or NULL with IndexError "list index out of
   range" set.  MAY_ABORT. */
py_object_t *py_list_get_item(py_object_t *l, size_t i);

/* Replaces item I.  0, or -1 with IndexError "list assignment index out
   of range" set.  MAY_ABORT. */
int py_list_set_item(py_object_t *l, size_t i, py_object_t *o);

/* Number of items.  MAY_ABORT (a read barrier). */
size_t py_list_size(py_object_t *l);

/* A new tuple with the list's items.  MAY_GC. */
py_object_t *py_list_as_tuple(py_object_t *l);

bool py_list_check(py_object_t *o);
bool py_list_check_exact(py_object_t *o);

#endif
