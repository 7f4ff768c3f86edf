/* ast.h -- the abstract syntax tree: CPython 2.7's `_ast`, in C.
 *
 * Every node type and field of Parser/Python.asdl (2.7) is here, generated
 * from the table interp/ast.def, with CPython's names, so the compiler (and
 * anyone reading CPython's Python/compile.c or symtable.c) finds what it
 * expects.  Conventions:
 *
 *   Sum types (mod, stmt, expr, slice, excepthandler) are a struct with a
 *   `kind` and a union `v` holding one struct per constructor, named after
 *   it:  e->kind == PY_EXPR_BIN_OP, e->v.BinOp.left.  stmt, expr and
 *   excepthandler carry `lineno` (1-based) and `col_offset` (0-based, in
 *   bytes of the UTF-8 line, as CPython).
 *   Kind constants: PY_MOD_*, PY_STMT_*, PY_EXPR_*, PY_SLICE_*,
 *   PY_HANDLER_*, the UPPER column of ast.def.
 *   Simple sums are C enums starting at 1 (as CPython): py_ast_expr_context_t
 *   (PY_CTX_LOAD ...), py_ast_boolop_t (PY_BOOLOP_AND ...), py_ast_operator_t
 *   (PY_OP_ADD ...), py_ast_unaryop_t (PY_UNARYOP_INVERT ...),
 *   py_ast_cmpop_t (PY_CMPOP_EQ ...).
 *   Product types (comprehension, arguments, keyword, alias) are plain
 *   structs, referred to by pointer.
 *
 *   Sequences ("stmt*", "expr*", ...) are stored inline as a count and an
 *   array: `py_ast_expr_seq_t elts` has `elts.n` and `elts.items[0..n-1]`
 *   (items is NULL when n == 0).  Never NULL items.  cmpop sequences hold
 *   the enum values themselves.
 *
 *   Optional fields ("expr?", "identifier?") are NULL when absent.
 *
 *   Identifiers (names, attributes, import paths such as "os.path", alias
 *   names, vararg/kwarg) are *interned* str objects (py_str_intern_bytes),
 *   so the compiler may compare them by pointer.
 *
 *   Constants: Num.n is the int, long, float or complex object of the
 *   literal (after folding a unary minus into it the way CPython's ast.c
 *   does: `-5` is Num(-5), `-(5)` is UnaryOp(USub, Num(5))); Str.s is a str
 *   or a unicode object, adjacent literals already concatenated.
 *
 *   Print.nl is a bool; ImportFrom.level an int (0 when there are no
 *   leading dots, as CPython 2.7 always sets it).
 *
 * Memory: every node, every sequence array and the tree's Python objects
 * are owned by the py_arena_t the tree was parsed into (interp/ast_arena.h):
 * keep the arena (or any node) referenced from a C local while using the
 * tree; nothing needs freeing.
 *
 * The tree is immutable by convention once py_parse_* returns it, except
 * for the expr_context fields (the parser sets them) and whatever the
 * compiler decides to annotate on its own copy.
 */
#ifndef PY_AST_H
#define PY_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "interp/object.h"
#include "interp/ast_arena.h"

typedef struct py_ast_mod py_ast_mod_t;
typedef struct py_ast_stmt py_ast_stmt_t;
typedef struct py_ast_expr py_ast_expr_t;
typedef struct py_ast_slice py_ast_slice_t;
typedef struct py_ast_excepthandler py_ast_excepthandler_t;
typedef struct py_ast_comprehension py_ast_comprehension_t;
typedef struct py_ast_arguments py_ast_arguments_t;
typedef struct py_ast_keyword py_ast_keyword_t;
typedef struct py_ast_alias py_ast_alias_t;

/* ---- simple sums ---- */
/* Values start at 1, as CPython's; 0 is never a valid value. */
#define AST_ENUM_BEGIN(name) typedef enum { PY_AST_##name##_NONE_ = 0,
#define AST_ENUM(name, CONSTANT, Name) CONSTANT,
#define AST_ENUM_END(name) PY_AST_##name##_END_ } py_ast_##name##_t;
#include "interp/ast.def"

/* ---- sequences ---- */
typedef struct { size_t n; py_ast_stmt_t **items; } py_ast_stmt_seq_t;
typedef struct { size_t n; py_ast_expr_t **items; } py_ast_expr_seq_t;
typedef struct { size_t n; py_ast_slice_t **items; } py_ast_slice_seq_t;
typedef struct { size_t n; py_ast_excepthandler_t **items; }
    py_ast_excepthandler_seq_t;
typedef struct { size_t n; py_ast_comprehension_t **items; }
    py_ast_comprehension_seq_t;
typedef struct { size_t n; py_ast_keyword_t **items; } py_ast_keyword_seq_t;
typedef struct { size_t n; py_ast_alias_t **items; } py_ast_alias_seq_t;
typedef struct { size_t n; py_object_t **items; } py_ast_ident_seq_t;
typedef struct { size_t n; py_ast_cmpop_t *items; } py_ast_cmpop_seq_t;

/* ---- field kinds: the C type of each F(KIND, name) of ast.def ---- */
#define PY_AST_FIELD_IDENT(name)     py_object_t *name;
#define PY_AST_FIELD_OPT_IDENT(name) py_object_t *name;
#define PY_AST_FIELD_IDENTS(name)    py_ast_ident_seq_t name;
#define PY_AST_FIELD_OBJECT(name)    py_object_t *name;
#define PY_AST_FIELD_EXPR(name)      py_ast_expr_t *name;
#define PY_AST_FIELD_OPT_EXPR(name)  py_ast_expr_t *name;
#define PY_AST_FIELD_EXPRS(name)     py_ast_expr_seq_t name;
#define PY_AST_FIELD_STMTS(name)     py_ast_stmt_seq_t name;
#define PY_AST_FIELD_CTX(name)       py_ast_expr_context_t name;
#define PY_AST_FIELD_SLICE(name)     py_ast_slice_t *name;
#define PY_AST_FIELD_SLICES(name)    py_ast_slice_seq_t name;
#define PY_AST_FIELD_BOOLOP(name)    py_ast_boolop_t name;
#define PY_AST_FIELD_OPERATOR(name)  py_ast_operator_t name;
#define PY_AST_FIELD_UNARYOP(name)   py_ast_unaryop_t name;
#define PY_AST_FIELD_CMPOPS(name)    py_ast_cmpop_seq_t name;
#define PY_AST_FIELD_COMPS(name)     py_ast_comprehension_seq_t name;
#define PY_AST_FIELD_HANDLERS(name)  py_ast_excepthandler_seq_t name;
#define PY_AST_FIELD_ARGUMENTS(name) py_ast_arguments_t *name;
#define PY_AST_FIELD_KEYWORDS(name)  py_ast_keyword_seq_t name;
#define PY_AST_FIELD_ALIASES(name)   py_ast_alias_seq_t name;
#define PY_AST_FIELD_BOOL(name)      bool name;
#define PY_AST_FIELD_INT(name)       int name;
#define PY_AST_FIELD_NONE(name)      char name;
#define F(KIND, name) PY_AST_FIELD_##KIND(name)

/* ---- kind enums ---- */
#define AST_MOD(Name, UPPER, FIELDS) PY_MOD_##UPPER,
typedef enum { PY_MOD_NONE_ = 0,
#include "interp/ast.def"
    PY_MOD_END_ } py_ast_mod_kind_t;
#define AST_STMT(Name, UPPER, FIELDS) PY_STMT_##UPPER,
typedef enum { PY_STMT_NONE_ = 0,
#include "interp/ast.def"
    PY_STMT_END_ } py_ast_stmt_kind_t;
#define AST_EXPR(Name, UPPER, FIELDS) PY_EXPR_##UPPER,
typedef enum { PY_EXPR_NONE_ = 0,
#include "interp/ast.def"
    PY_EXPR_END_ } py_ast_expr_kind_t;
#define AST_SLICE(Name, UPPER, FIELDS) PY_SLICE_##UPPER,
typedef enum { PY_SLICE_NONE_ = 0,
#include "interp/ast.def"
    PY_SLICE_END_ } py_ast_slice_kind_t;
#define AST_HANDLER(Name, UPPER, FIELDS) PY_HANDLER_##UPPER,
typedef enum { PY_HANDLER_NONE_ = 0,
#include "interp/ast.def"
    PY_HANDLER_END_ } py_ast_handler_kind_t;

/* ---- node structs ---- */
struct py_ast_mod {
    py_ast_mod_kind_t kind;
    union {
#define AST_MOD(Name, UPPER, FIELDS) struct { FIELDS } Name;
#include "interp/ast.def"
    } v;
};

struct py_ast_stmt {
    py_ast_stmt_kind_t kind;
    int lineno;
    int col_offset;
    union {
#define AST_STMT(Name, UPPER, FIELDS) struct { FIELDS } Name;
#include "interp/ast.def"
    } v;
};

struct py_ast_expr {
    py_ast_expr_kind_t kind;
    int lineno;
    int col_offset;
    union {
#define AST_EXPR(Name, UPPER, FIELDS) struct { FIELDS } Name;
#include "interp/ast.def"
    } v;
};

struct py_ast_slice {
    py_ast_slice_kind_t kind;
    union {
#define AST_SLICE(Name, UPPER, FIELDS) struct { FIELDS } Name;
#include "interp/ast.def"
    } v;
};

struct py_ast_excepthandler {
    py_ast_handler_kind_t kind;
    int lineno;
    int col_offset;
    union {
#define AST_HANDLER(Name, UPPER, FIELDS) struct { FIELDS } Name;
#include "interp/ast.def"
    } v;
};

#define AST_PRODUCT(name, FIELDS) struct py_ast_##name { FIELDS };
#include "interp/ast.def"

#undef F

/* ---- construction (used by the parser; the compiler may use them too) */

/* A zeroed node of KIND from ARENA, with its position set where the sum
   has one.  NULL with MemoryError set on exhaustion.  MAY_GC. */
py_ast_mod_t *py_ast_mod_new(py_arena_t *arena, py_ast_mod_kind_t kind);
py_ast_stmt_t *py_ast_stmt_new(py_arena_t *arena, py_ast_stmt_kind_t kind,
                               int lineno, int col_offset);
py_ast_expr_t *py_ast_expr_new(py_arena_t *arena, py_ast_expr_kind_t kind,
                               int lineno, int col_offset);
py_ast_slice_t *py_ast_slice_new(py_arena_t *arena, py_ast_slice_kind_t kind);

/* ---- names, for dumps and error messages ---- */

/* CPython's name of a kind or enum value ("FunctionDef", "Load", "Add"),
   or "?" for a value out of range.  Thread-safe. */
const char *py_ast_mod_name(py_ast_mod_kind_t k);
const char *py_ast_stmt_name(py_ast_stmt_kind_t k);
const char *py_ast_expr_name(py_ast_expr_kind_t k);
const char *py_ast_slice_name(py_ast_slice_kind_t k);
const char *py_ast_expr_context_name(py_ast_expr_context_t v);
const char *py_ast_boolop_name(py_ast_boolop_t v);
const char *py_ast_operator_name(py_ast_operator_t v);
const char *py_ast_unaryop_name(py_ast_unaryop_t v);
const char *py_ast_cmpop_name(py_ast_cmpop_t v);

/* Writes MOD to OUT in the format of CPython 2.7's
   `ast.dump(tree, annotate_fields=True, include_attributes=False)`
   (constants through repr()), followed by nothing (no newline).  Returns
   0, or -1 with an exception set if a repr() failed.  MAY_GC.  A debugging
   and testing aid: tests diff it against CPython over the stdlib. */
int py_ast_dump(FILE *out, const py_ast_mod_t *mod);
/* The same with include_attributes=INCLUDE_ATTRIBUTES (positions). */
int py_ast_dump_ex(FILE *out, const py_ast_mod_t *mod,
                   bool include_attributes);

#endif
