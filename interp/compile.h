/* compile.h -- the bytecode compiler: AST to code object, with CPython
 * 2.7's opcodes, code object fields, constant folding and peephole pass
 * (CPython 2.7's Python/compile.c, future.c, peephole.c), aiming at
 * byte-identical code objects; docs/frontend-compiler.md lists where and
 * why we differ.
 */
#ifndef PY_COMPILE_H
#define PY_COMPILE_H

#include "interp/ast.h"

/* Compiles MOD (Module, Interactive or Expression) from file FILENAME (a
   str: it becomes co_filename and locates errors) into a code object.
   FLAGS are PY_CO_FUTURE_* bits in force besides the module's own
   `from __future__` imports (which are found here).  INTERACTIVE-mode
   modules print expression statements (PRINT_EXPR).  Returns the code
   object, or NULL with SyntaxError (CPython's message and location),
   SystemError (e.g. too many nested blocks) or MemoryError set.  Prints
   SyntaxWarnings to stderr.  MAY_GC.  Thread-private state only: any
   thread may compile. */
py_object_t *py_compile_mod(py_arena_t *arena, py_ast_mod_t *mod,
                            py_object_t *filename, int flags);

#endif
