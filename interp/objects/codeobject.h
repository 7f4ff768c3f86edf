/* codeobject.h -- code objects: CPython 2.7's fields exactly, so that
 * marshal, dis and inspect see the same thing (immutable). */
#ifndef PY_CODEOBJECT_H
#define PY_CODEOBJECT_H

#include <stdbool.h>

#include "interp/object.h"

/* CPython 2.7's co_flags bits. */
#define PY_CO_OPTIMIZED              0x0001
#define PY_CO_NEWLOCALS              0x0002
#define PY_CO_VARARGS                0x0004
#define PY_CO_VARKEYWORDS            0x0008
#define PY_CO_NESTED                 0x0010
#define PY_CO_GENERATOR              0x0020
#define PY_CO_NOFREE                 0x0040
#define PY_CO_FUTURE_DIVISION        0x2000
#define PY_CO_FUTURE_ABSOLUTE_IMPORT 0x4000
#define PY_CO_FUTURE_WITH_STATEMENT  0x8000
#define PY_CO_FUTURE_PRINT_FUNCTION  0x10000
#define PY_CO_FUTURE_UNICODE_LITERALS 0x20000

/* A new code object, with CPython 2.7's PyCode_New checks and side
   effects: CODE a str, CONSTS a tuple, NAMES/VARNAMES/FREEVARS/CELLVARS
   tuples of str, FILENAME and NAME str, LNOTAB str, the counts >= 0; the
   strs in names/varnames/freevars/cellvars are interned, and so are the
   top-level str constants made only of [A-Za-z0-9_] (in new tuples: the
   arguments are never changed); FLAGS is stored as given (the compiler
   adds CO_NOFREE, as CPython's).  NULL with SystemError (bad argument) or MemoryError
   set.  MAY_GC. */
py_object_t *py_code_new(int argcount, int nlocals, int stacksize, int flags,
                         py_object_t *code, py_object_t *consts,
                         py_object_t *names, py_object_t *varnames,
                         py_object_t *freevars, py_object_t *cellvars,
                         py_object_t *filename, py_object_t *name,
                         int firstlineno, py_object_t *lnotab);

/* Field getters (C must pass a code object).  Never collect. */
int py_code_argcount(py_object_t *co);
int py_code_nlocals(py_object_t *co);
int py_code_stacksize(py_object_t *co);
int py_code_flags(py_object_t *co);
py_object_t *py_code_code(py_object_t *co);
py_object_t *py_code_consts(py_object_t *co);
py_object_t *py_code_names(py_object_t *co);
py_object_t *py_code_varnames(py_object_t *co);
py_object_t *py_code_freevars(py_object_t *co);
py_object_t *py_code_cellvars(py_object_t *co);
py_object_t *py_code_filename(py_object_t *co);
py_object_t *py_code_name(py_object_t *co);
int py_code_firstlineno(py_object_t *co);
py_object_t *py_code_lnotab(py_object_t *co);

bool py_code_check(py_object_t *o);

#endif
