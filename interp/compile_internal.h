/* compile_internal.h -- helpers shared by the compiler's files
 * (compile*.c, symtable.c); not for use outside the compiler. */
#ifndef PY_COMPILE_INTERNAL_H
#define PY_COMPILE_INTERNAL_H

#include "interp/ast_arena.h"
#include "interp/object.h"

/* Line LINENO (1-based) of the file FILENAME (a str) with its newline, in
   arena memory, or NULL if the file cannot be read or is shorter (e.g.
   "<string>").  Never raises. */
const char *py_compile_source_line(py_arena_t *arena, py_object_t *filename,
                                   int lineno);

/* Raises SyntaxError MSG located at FILENAME:LINENO (offset None, the
   source line as text when readable), as CPython's
   PyErr_SyntaxLocation does. */
void py_compile_syntax_error(py_arena_t *arena, py_object_t *filename,
                             int lineno, const char *msg);

/* Prints a SyntaxWarning the way CPython 2.7's default warning filter
   does ("FILE:LINE: SyntaxWarning: MSG" and the stripped source line).
   Never raises. */
void py_compile_warn(py_arena_t *arena, py_object_t *filename, int lineno,
                     const char *msg);

#endif

/* ---- the compiler's state, shared by compile.c and compile_expr.c ---- */
#ifndef PY_COMPILE_STATE_H
#define PY_COMPILE_STATE_H

#include <stdbool.h>

#include "interp/assemble.h"
#include "interp/compile_vec.h"
#include "interp/symtable.h"

/* An index of objects to their positions in a py_objvec_t.  Names are
   keyed by identity (interned strs); constants by CPython's
   compiler_add_o key (equal value, same exact type, same signs of zero). */
typedef struct py_objmap {
    py_objvec_t vec;
    int64_t *hashes;        /* per position */
    int *index;             /* open addressing, -1 empty */
    size_t mask;
    bool by_value;
} py_objmap_t;

enum { PY_FB_LOOP, PY_FB_EXCEPT, PY_FB_FINALLY_TRY, PY_FB_FINALLY_END };
#define PY_MAX_FBLOCKS 20   /* CPython's CO_MAXBLOCKS */

typedef struct py_cunit {
    struct py_cunit *parent;
    py_ste_t *ste;
    py_object_t *name;
    py_objmap_t consts, names, varnames, cellvars, freevars;
    py_object_t *private_name;
    int argcount;
    py_block_t *blocks;     /* newest first */
    py_block_t *curblock;
    py_block_t *entry;
    int nfblocks;
    struct { int type; py_block_t *block; } fblock[PY_MAX_FBLOCKS];
    int firstlineno;
    int lineno;
    bool lineno_set;
} py_cunit_t;

typedef struct py_compiler {
    py_arena_t *arena;
    py_object_t *filename;
    py_symtable_t *st;
    int flags;              /* PY_CO_FUTURE_* in force */
    int future_lineno;      /* line of the last future import, or -1 */
    bool interactive;
    int nestlevel;
    py_cunit_t *u;
} py_compiler_t;

/* Emission helpers (compile.c).  All return 0, or -1 with an exception
   set.  MAY_GC. */
int py_cc_addop(py_compiler_t *c, int op);
int py_cc_addop_i(py_compiler_t *c, int op, int arg);
int py_cc_addop_j(py_compiler_t *c, int op, py_block_t *target, bool absolute);
int py_cc_addop_const(py_compiler_t *c, int op, py_object_t *o);
int py_cc_addop_name(py_compiler_t *c, int op, py_object_t *name);
py_block_t *py_cc_new_block(py_compiler_t *c);
int py_cc_next_block(py_compiler_t *c);
void py_cc_use_next_block(py_compiler_t *c, py_block_t *b);
int py_cc_error(py_compiler_t *c, const char *msg);
int py_cc_nameop(py_compiler_t *c, py_object_t *name, int ctx);
long py_cc_objmap_add(py_compiler_t *c, py_objmap_t *m, py_object_t *o);
int py_cc_enter_scope(py_compiler_t *c, py_object_t *name, const void *key,
                      int lineno);
void py_cc_exit_scope(py_compiler_t *c);
py_object_t *py_cc_assemble(py_compiler_t *c, bool add_none);
int py_cc_make_closure(py_compiler_t *c, py_object_t *co, int args);
int py_cc_arguments(py_compiler_t *c, py_ast_arguments_t *args);
py_object_t *py_cc_intern(const char *s);

/* Statements (compile.c) and expressions (compile_expr.c). */
int py_cc_visit_stmt(py_compiler_t *c, py_ast_stmt_t *s);
int py_cc_visit_expr(py_compiler_t *c, py_ast_expr_t *e);
/* Visits E with its context replaced by CTX (AugLoad/AugStore, which
   CPython expresses by building a fresh node). */
int py_cc_visit_expr_ctx(py_compiler_t *c, py_ast_expr_t *e, int ctx);

#endif
