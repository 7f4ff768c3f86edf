/* compile_vec.h -- a growable array of object pointers in arena memory,
 * used by the compiler for constant and name tables (the arena is
 * scanned conservatively, so the objects stay alive with no rooting).
 * Thread-private, like the arena. */
#ifndef PY_COMPILE_VEC_H
#define PY_COMPILE_VEC_H

#include <stddef.h>
#include <string.h>

#include "interp/ast_arena.h"
#include "interp/object.h"

typedef struct py_objvec {
    py_arena_t *arena;
    py_object_t **items;
    size_t n, cap;
} py_objvec_t;

/* Appends O; returns its index, or -1 with MemoryError set.  MAY_GC. */
static inline long py_objvec_append(py_objvec_t *v, py_object_t *o)
{
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 16;
        py_object_t **ni = py_arena_alloc(v->arena, cap * sizeof *ni);
        if (!ni)
            return -1;
        if (v->n)
            memcpy(ni, v->items, v->n * sizeof *ni);
        v->items = ni;
        v->cap = cap;
    }
    v->items[v->n] = o;
    return (long)v->n++;
}

#endif
