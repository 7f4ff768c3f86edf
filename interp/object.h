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
/* Returns 1 or 0, or -1 with an exception set. */
typedef int (*py_inquiry_t)(py_object_t *);

/* Type flags. */
#define PY_TPFLAG_IMMUTABLE 0x1u   /* instances never change: no barrier */
#define PY_TPFLAG_BASETYPE  0x2u   /* may be subclassed */
#define PY_TPFLAG_VARSIZE   0x4u   /* size depends on the instance */
#define PY_TPFLAG_UNHASHABLE 0x8u  /* hash() raises TypeError (list, dict) */

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
    py_inquiry_t nonzero;                  /* truth value; NULL: true */
    const char *doc;                       /* __doc__, or NULL */
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
    py_inquiry_t tp_nonzero;
    const py_type_spec_t *tp_spec;   /* the spec it was made from */
};

/* Views of mutable objects (DESIGN §4, "Identity and views").  The own
   file of every mutable type (list, dict, set, exceptions, and their
   storage arrays) reaches fields only through its accessors, which call
   these two.  They are the single switch to the STM barriers: today they
   return O, because the front end (parser, compiler, marshal) runs
   outside any transaction, where stm_read()/stm_write() may not be used;
   when Python code runs in transactions they become stm_read/stm_write.
   py_view_w may then return NULL (no memory for the private copy): every
   caller that may write an old object checks it and raises MemoryError.
   A young object (still being built) never gives NULL.  Never store a
   view; get it again after anything that may allocate. */
static inline const void *py_view_r(const void *o) { return o; }
static inline void *py_view_w(void *o) { return o; }

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

/* hash(O): the type's hash slot; types without one hash by identity
   (py_hash_pointer), PY_TPFLAG_UNHASHABLE types raise TypeError
   "unhashable type: 'list'".  Returns the hash (never -1), or -1 with an
   exception set.  MAY_GC (a slot may allocate). */
int64_t py_object_hash(py_object_t *o);

/* CPython 2.7's identity hash of a pointer (its bits rotated by 4). */
int64_t py_hash_pointer(const void *p);

/* A op B for OP in PY_LT..PY_GE, with CPython's reflected-operand
   protocol: the right operand's slot first if its type is a proper
   subtype of the left's, then the left slot, then the right one; when all
   return py_NotImplemented, == and != compare identity and the orderings
   use Python 2's default total order (never a TypeError; see object.c).
   Returns the result object (py_True, py_False or whatever the slot
   returned), or NULL with an exception set (RuntimeError "maximum
   recursion depth exceeded in cmp" for too deeply nested operands).
   MAY_GC. */
py_object_t *py_object_richcompare(py_object_t *a, py_object_t *b, int op);

/* Like py_object_richcompare, reduced to truth: 1, 0, or -1 with an
   exception set.  Identity implies equality for PY_EQ/PY_NE, as CPython's
   PyObject_RichCompareBool.  MAY_GC. */
int py_object_richcompare_bool(py_object_t *a, py_object_t *b, int op);

/* a == b as 1, 0, or -1 with an exception set.  MAY_GC. */
int py_object_equal(py_object_t *a, py_object_t *b);

/* The truth value of O (None, False, 0, empty containers are false):
   1, 0, or -1 with an exception set.  MAY_GC. */
int py_object_is_true(py_object_t *o);

/* The type's name without its module ("ValueError" for
   "exceptions.ValueError"): what error messages and py_err_print show. */
const char *py_type_short_name(const py_type_t *t);

/* Makes a heap type from SPEC (for types outside builtin_types.def, e.g.
   the exception hierarchy), inheriting NULL slots from its base.  Stores
   it in *OUT, which becomes a GC root.  Returns 0, or -1 with MemoryError
   set.  Start-up only (single-threaded).  MAY_GC. */
int py_type_from_spec(const py_type_spec_t *spec, py_type_t **out);

/* Makes every built-in type (registering them as GC roots).  Returns 0, or
   -1 if the heap is exhausted.  Called once by py_runtime_init. */
int py_types_init(void);

#endif
