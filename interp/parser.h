/* parser.h -- source text to AST: the front end's entry points.
 *
 * A hand-written recursive-descent parser for the complete Python 2.7
 * grammar (Grammar/Grammar of 2.7), building the tree of interp/ast.h
 * directly (no concrete syntax tree), with the checks CPython 2.7's
 * Python/ast.c makes while building it ("can't assign to literal", ...)
 * and its future.c rules for `from __future__ import`.
 *
 * Errors are CPython's: SyntaxError / IndentationError / TabError with
 * (filename, lineno, offset, text) as CPython 2.7 fills them in; ValueError
 * for a bad \x escape in a str literal (CPython 2.7 raises that one as is);
 * MemoryError (after printing "s_push: parser stack overflow" to stderr,
 * as CPython) when the nesting is deeper than CPython's parser stack
 * allows -- so deep input never overflows the C stack.
 */
#ifndef PY_PARSER_H
#define PY_PARSER_H

#include <stddef.h>

#include "interp/ast.h"
#include "interp/source.h"

/* Start symbols (CPython's file_input, eval_input, single_input). */
typedef enum {
    PY_PARSE_EXEC = 0,     /* a module: Module(body) */
    PY_PARSE_EVAL = 1,     /* an expression: Expression(body) */
    PY_PARSE_SINGLE = 2,   /* one interactive statement: Interactive(body) */
} py_parse_mode_t;

/* Future feature flags: the values of CPython 2.7's CO_FUTURE_* code
   flags, so they can be stored in co_flags and passed through compile().
   nested_scopes and generators are accepted and always on (no flag). */
#define PY_FUTURE_DIVISION          0x2000
#define PY_FUTURE_ABSOLUTE_IMPORT   0x4000
#define PY_FUTURE_WITH_STATEMENT    0x8000
#define PY_FUTURE_PRINT_FUNCTION    0x10000
#define PY_FUTURE_UNICODE_LITERALS  0x20000
#define PY_FUTURE_MASK              0x3E000

/* Parser-only flag (no CPython value clash): inconsistent use of tabs and
   spaces in indentation raises TabError (CPython's -tt).  Without it the
   tabs are accepted, as CPython does by default. */
#define PY_PARSE_TAB_ERROR          0x40000000

/* Parses the LEN bytes at SRC (need not be NUL-terminated; may hold any
   bytes: a NUL is an invalid character, compile()'s "expected string
   without null bytes" check is the caller's) as MODE.  FILENAME names the source in errors (NULL: "<string>").
   *FLAGS_INOUT (may be NULL) gives the inherited future flags and the
   PY_CF_* / PY_PARSE_TAB_ERROR flags; on success the future features the
   source declares are added to it.  Nodes go into ARENA.
   Returns the tree, or NULL with an exception set (see above).  MAY_GC;
   thread-safe (no global state). */
py_ast_mod_t *py_parse_string(const char *src, size_t len,
                              const char *filename, py_parse_mode_t mode,
                              int *flags_inout, py_arena_t *arena);

/* The same for the file at PATH (named PATH in errors), with CPython's
   file rules: non-ASCII needs an encoding declaration, "encoding problem"
   messages, a NUL byte ends its line.  A file that cannot be read raises
   IOError "[Errno N] strerror: 'PATH'".  MAY_GC. */
py_ast_mod_t *py_parse_file(const char *path, py_parse_mode_t mode,
                            int *flags_inout, py_arena_t *arena);

/* CPython 2.7's future.c future_parse over MOD: the features declared by
   `from __future__ import` statements at the head of a Module or
   Interactive (after an optional docstring), added to *FLAGS; *LINENO
   gets the line of the last such statement (0 if none; the compiler
   raises "from __future__ imports must occur at the beginning of the
   file" for one after it).  Returns 0, or -1 with SyntaxError set
   ("future feature X is not defined", "not a chance", late import).
   FILENAME may be NULL. */
int py_future_features(const py_ast_mod_t *mod, const char *filename,
                       int *flags, int *lineno);

#endif
