/* object.h -- the Python object model: what every interp/ file sees.
 *
 * Every Python object is a GC object (gc/gc_header.h).  Outside its own
 * file an object type is an incomplete C type: `py_list_t *` has no visible
 * fields.  Code that is not the type's own file uses py_object_t * and the
 * functions of the type's header.  Mutable types reach their fields only
 * through the STM barriers (DESIGN §4, "Identity and views"); immutable
 * types (str, unicode, int, long, float, complex, tuple, frozenset, code)
 * are never written after creation and need no barrier.
 *
 * Types are themselves heap objects, made at start-up from static specs
 * (py_type_spec_t, designated initialisers) by py_types_init().  An
 * instance's header `type` points at the gc_type_t embedded in its
 * py_type_t; py_type_of() maps it back.
 */
#ifndef PY_OBJECT_H
#define PY_OBJECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gc/gc.h"

typedef struct py_object {
    gc_header_t hdr;
} py_object_t;

typedef struct py_type py_type_t;

/* Comparison operators, as CPython's Py_LT .. Py_GE. */
enum { PY_LT = 0, PY_LE = 1, PY_EQ = 2, PY_NE = 3, PY_GT = 4, PY_GE = 5 };

typedef py_object_t *(*py_unaryfunc_t)(py_object_t *);
typedef py_object_t *(*py_binaryfunc_t)(py_object_t *, py_object_t *);
typedef py_object_t *(*py_richcmpfunc_t)(py_object_t *, py_object_t *, int);
/* Returns the hash, or -1 with an exception set. */
typedef int64_t (*py_hashfunc_t)(py_object_t *);

/* Type flags. */
#define PY_TPFLAG_IMMUTABLE 0x1u   /* instances never change: no barrier */
#define PY_TPFLAG_BASETYPE  0x2u   /* may be subclassed */
#define PY_TPFLAG_VARSIZE   0x4u   /* size depends on the instance */

/* The static description of a built-in type.  Named slots only; a slot
   left NULL is inherited from tp_base or means "not supported". */
typedef struct py_type_spec {
    const char *name;                      /* tp_name, e.g. "int" */
    size_t basicsize;                      /* sizeof the instance struct */
    uint32_t flags;                        /* PY_TPFLAG_* */
    py_type_t **base;                      /* &py_object_type, or NULL */
    void (*trace)(void *obj, gc_visitor_t *v);
    void (*finalize)(void *obj);
    py_unaryfunc_t repr;
    py_unaryfunc_t str;
    py_hashfunc_t hash;
    py_richcmpfunc_t richcompare;
} py_type_spec_t;

/* A type object.  Written only at start-up (built-in types) for now;
   user classes and their mutable dicts come with the interpreter. */
struct py_type {
    gc_header_t hdr;             /* its own header: type = py_type_type */
    gc_type_t gc;                /* what instances' hdr.type points to */
    const char *tp_name;
    py_type_t *tp_base;
    size_t tp_basicsize;
    uint32_t tp_flags;
    py_unaryfunc_t tp_repr;
    py_unaryfunc_t tp_str;
    py_hashfunc_t tp_hash;
    py_richcmpfunc_t tp_richcompare;
};

/* The type of O. */
static inline py_type_t *py_type_of(const py_object_t *o)
{
    return (py_type_t *)((char *)o->hdr.type - offsetof(py_type_t, gc));
}

/* True iff O's type is T or a subtype of T. */
bool py_type_is_subtype(const py_type_t *sub, const py_type_t *t);
static inline bool py_isinstance(const py_object_t *o, const py_type_t *t)
{
    return py_type_of(o) == t || py_type_is_subtype(py_type_of(o), t);
}

/* Allocates a zeroed instance of TYPE of SIZE bytes (>= tp_basicsize).
   Returns NULL with MemoryError set on exhaustion.  MAY_GC. */
py_object_t *py_object_alloc(py_type_t *type, size_t size);

/* repr(O) and str(O) as str objects; NULL with an exception set on
   error.  MAY_GC. */
py_object_t *py_object_repr(py_object_t *o);
py_object_t *py_object_str(py_object_t *o);

/* The built-in types: py_<name>_type is the heap type made from the spec
   py_<name>_spec at start-up.  builtin_types.def lists them. */
#define PY_BUILTIN_TYPE(name) \
    extern const py_type_spec_t py_##name##_spec; \
    extern py_type_t *py_##name##_type;
#include "interp/objects/builtin_types.def"
#undef PY_BUILTIN_TYPE

/* Makes every built-in type (registering them as GC roots).  Returns 0, or
   -1 if the heap is exhausted.  Called once by py_runtime_init. */
int py_types_init(void);

#endif
