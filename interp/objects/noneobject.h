/* noneobject.h -- the singletons None (NoneType) and NotImplemented
 * (NotImplementedType); both are made by py_singletons_init at start-up
 * and live for the whole process (GC roots). */
#ifndef PY_NONEOBJECT_H
#define PY_NONEOBJECT_H

#include "interp/object.h"

extern py_object_t *py_None;
extern py_object_t *py_NotImplemented;

/* Makes None, NotImplemented, True, False and Ellipsis.  0, or -1 with
   MemoryError set.  Start-up only. */
int py_singletons_init(void);

#endif
