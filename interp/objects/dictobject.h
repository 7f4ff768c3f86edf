/* dictobject.h -- dict (mutable; CPython 2.7's open-addressing table, so
 * iteration order -- which marshal and repr expose -- is the same as
 * CPython's for the same insertions).  The table is a separate GC object;
 * fields are reached through the STM barriers in dictobject.c. */
#ifndef PY_DICTOBJECT_H
#define PY_DICTOBJECT_H

#include <stdbool.h>
#include <stddef.h>

#include "interp/object.h"

/* A new empty dict.  NULL with MemoryError set.  MAY_GC. */
py_object_t *py_dict_new(void);

/* d[key] = value.  0, or -1 with TypeError (unhashable key), MemoryError
   or whatever the key's hash/== raised.  MAY_GC, MAY_ABORT. */
int py_dict_set_item(py_object_t *d, py_object_t *key, py_object_t *value);

/* Looks KEY up: 1 with *VALUE set, 0 if absent (no exception), -1 with an
   exception set (unhashable key, failing __eq__).  MAY_GC, MAY_ABORT. */
int py_dict_lookup(py_object_t *d, py_object_t *key, py_object_t **value);

/* Shorthand for a str key given as a C string: 1/0/-1 as above. */
int py_dict_lookup_cstr(py_object_t *d, const char *key, py_object_t **value);

/* del d[key]: 0, or -1 with KeyError(key) or another exception.
   MAY_GC, MAY_ABORT. */
int py_dict_del_item(py_object_t *d, py_object_t *key);

/* Number of items.  MAY_ABORT. */
size_t py_dict_size(py_object_t *d);

/* Iteration: start with *POS = 0; returns true and the next pair, false
   at the end.  The dict must not change size while iterating (as
   CPython's PyDict_Next).  MAY_ABORT. */
bool py_dict_next(py_object_t *d, size_t *pos, py_object_t **key,
                  py_object_t **value);

bool py_dict_check(py_object_t *o);
bool py_dict_check_exact(py_object_t *o);

#endif
