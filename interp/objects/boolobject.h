/* boolobject.h -- bool, a subclass of int with exactly two instances. */
#ifndef PY_BOOLOBJECT_H
#define PY_BOOLOBJECT_H

#include <stdbool.h>

#include "interp/object.h"

extern py_object_t *py_True;
extern py_object_t *py_False;

/* py_True or py_False.  Never collects. */
static inline py_object_t *py_bool_from_bool(bool b)
{
    return b ? py_True : py_False;
}

bool py_bool_check(py_object_t *o);

/* Makes True and False (called by py_singletons_init). */
int py_bool_init(void);

#endif
