/* dis.h -- the disassembler: CPython 2.7's dis.dis(code) listing, byte
 * for byte, driven by the opcode table (interp/opcodes.def).  Used by
 * `pypy-stm --dis` to diff our bytecode against CPython's. */
#ifndef PY_DIS_H
#define PY_DIS_H

#include <stdio.h>

#include "interp/object.h"

/* Writes the listing of code object CO to OUT exactly as CPython 2.7's
   dis.disassemble(co) prints it (line numbers from co_lnotab, ">>" jump
   targets, argument annotations through repr()).  Returns 0, or -1 with
   an exception set (a repr failed, or CO is not a code object).  MAY_GC. */
int py_dis_code(FILE *out, py_object_t *co);

/* For CO and then, depth first in order, every code object among its
   co_consts: a line "Disassembly of NAME:" (NAME = co_name), the listing,
   and an empty line.  Returns 0, or -1 with an exception set.  MAY_GC.
   Recursion is proportional to the nesting of code objects. */
int py_dis_recursive(FILE *out, py_object_t *co);

#endif
