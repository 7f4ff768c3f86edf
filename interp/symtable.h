/* symtable.h -- symbol tables with Python 2.7's scoping rules (CPython
 * 2.7's Python/symtable.c): which names of each function, class, lambda,
 * generator expression and set/dict comprehension are local, global
 * (explicit or implicit), free or cell variables.
 *
 * Two passes, as CPython: a walk of the AST records raw facts per block
 * (bound here, used here, declared global, parameter), then an analysis
 * from the module down decides every name's scope and which locals are
 * cells.  List comprehensions are not scopes in 2.7; generator
 * expressions and set/dict comprehensions are.  Errors are SyntaxErrors
 * with CPython's messages (duplicate argument, import * / bare exec in a
 * function with nested free variables, 'return' with argument inside
 * generator, name is local and global); SyntaxWarnings ("import * only
 * allowed at module level", global after use/assignment) are printed to
 * stderr the way CPython's default warning filter shows them.
 *
 * Names are interned strs (so compared by pointer); memory comes from the
 * compilation's arena.  Thread-private.  Recursion is proportional to the
 * AST's depth (bounded by the parser).
 */
#ifndef PY_SYMTABLE_H
#define PY_SYMTABLE_H

#include <stdbool.h>

#include "interp/ast.h"
#include "interp/compile_vec.h"

typedef enum {
    PY_BLOCK_FUNCTION,
    PY_BLOCK_CLASS,
    PY_BLOCK_MODULE,
} py_block_type_t;

/* Raw facts about a name in one block (CPython's DEF_*). */
#define PY_DEF_GLOBAL     0x01  /* declared global */
#define PY_DEF_LOCAL      0x02  /* assigned in the block */
#define PY_DEF_PARAM      0x04  /* a parameter */
#define PY_DEF_USE        0x08  /* read in the block */
#define PY_DEF_FREE       0x10  /* (unused in 2.7, kept for the numbering) */
#define PY_DEF_FREE_CLASS 0x20  /* free in a method, bound in the class */
#define PY_DEF_IMPORT     0x40  /* bound by import */
#define PY_DEF_BOUND (PY_DEF_LOCAL | PY_DEF_PARAM | PY_DEF_IMPORT)

/* The decided scope of a name. */
typedef enum {
    PY_SCOPE_NONE = 0,              /* not a symbol of this block */
    PY_SCOPE_LOCAL = 1,
    PY_SCOPE_GLOBAL_EXPLICIT = 2,
    PY_SCOPE_GLOBAL_IMPLICIT = 3,
    PY_SCOPE_FREE = 4,
    PY_SCOPE_CELL = 5,
} py_scope_t;

/* Why a block's locals cannot be optimised (CPython's OPT_*). */
#define PY_OPT_IMPORT_STAR 1
#define PY_OPT_EXEC        2
#define PY_OPT_BARE_EXEC   4
#define PY_OPT_TOPLEVEL    8

typedef struct py_symbol {
    py_object_t *name;          /* interned str */
    int flags;                  /* PY_DEF_* */
    py_scope_t scope;           /* after analysis */
} py_symbol_t;

typedef struct py_ste py_ste_t;

struct py_ste {
    py_object_t *name;          /* "top", the function/class name, "lambda",
                                   "genexpr", "setcomp", "dictcomp" */
    py_block_type_t type;
    const void *key;            /* the AST node that opened the block */
    int lineno;
    /* Symbols in insertion order (CPython's ste_symbols keys in the order
       they were added), with a pointer-hash index. */
    py_symbol_t *syms;
    int nsyms, capsyms;
    int *index;                 /* open addressing over syms, -1 empty */
    int index_mask;
    py_objvec_t varnames;       /* parameters, in order (".0" for tuples) */
    py_ste_t **children;
    int nchildren, capchildren;
    bool nested;                /* inside a function */
    bool has_free;              /* uses a free variable or implicit global
                                   while nested (ste_free) */
    bool child_free;            /* a child block has free variables */
    bool generator;
    bool varargs, varkeywords;
    bool returns_value;
    int unoptimized;            /* PY_OPT_* */
    int opt_lineno;             /* line of the first import * / exec */
    int tmpname;                /* counter for "_[N]" names */
};

typedef struct py_symtable {
    py_arena_t *arena;
    py_object_t *filename;      /* str, for errors and warnings */
    py_ste_t *top;
    py_ste_t *cur;
    py_ste_t **stack;
    int nstack, capstack;
    py_object_t *private_name;  /* class name for mangling, or NULL */
    int future_flags;           /* PY_CO_FUTURE_* */
    /* Every block, and an index of them by AST node (built once the
       table is complete). */
    py_ste_t **all;
    int nall, capall;
    int *key_index;             /* -1 empty, else a position in all */
    size_t key_mask;
} py_symtable_t;

/* Builds and analyses the symbol table of MOD (Module, Interactive or
   Expression).  Returns the table, or NULL with SyntaxError (the
   location set), MemoryError or SystemError set.  Prints SyntaxWarnings
   to stderr.  MAY_GC. */
py_symtable_t *py_symtable_build(py_arena_t *arena, py_ast_mod_t *mod,
                                 py_object_t *filename, int future_flags);

/* The block opened by AST node KEY (a py_ast_mod_t, a FunctionDef or
   ClassDef statement, a Lambda or comprehension expression), or NULL
   with SystemError set. */
py_ste_t *py_symtable_lookup(py_symtable_t *st, const void *key);

/* The symbol NAME (an interned str) of STE, or NULL if it has none. */
py_symbol_t *py_ste_symbol(py_ste_t *ste, py_object_t *name);

/* The scope of NAME in STE (PY_SCOPE_NONE if unknown there). */
py_scope_t py_ste_scope(py_ste_t *ste, py_object_t *name);

/* Name mangling: "__spam" inside class "Ham" becomes "_Ham__spam" (not
   for dunder names, dotted names, or a class made only of underscores).
   PRIVATE_NAME may be NULL.  Returns an interned str, or NULL with
   MemoryError set.  MAY_GC. */
py_object_t *py_mangle(py_object_t *private_name, py_object_t *name);

/* Appends to OUT the names of STE whose scope is SCOPE or (if
   EXTRA_FLAG) that carry that PY_DEF_* flag, sorted as strs, which is the
   order of CPython 2.7.18's co_cellvars and co_freevars.  Returns 0, or -1
   with MemoryError set.  MAY_GC. */
int py_ste_names_by_scope(py_ste_t *ste, py_scope_t scope, int extra_flag,
                          py_objvec_t *out);

#endif
