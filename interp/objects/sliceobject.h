/* sliceobject.h -- slice objects and the Ellipsis singleton (as CPython
 * 2.7's sliceobject.c, which holds both).  Slices are immutable. */
#ifndef PY_SLICEOBJECT_H
#define PY_SLICEOBJECT_H

#include <stdbool.h>

#include "interp/object.h"

extern py_object_t *py_Ellipsis;

/* slice(start, stop, step); NULL arguments mean None.  MAY_GC. */
py_object_t *py_slice_new(py_object_t *start, py_object_t *stop,
                          py_object_t *step);

py_object_t *py_slice_start(py_object_t *s);
py_object_t *py_slice_stop(py_object_t *s);
py_object_t *py_slice_step(py_object_t *s);

bool py_slice_check(py_object_t *o);

/* Makes Ellipsis (called by py_singletons_init). */
int py_ellipsis_init(void);

#endif
