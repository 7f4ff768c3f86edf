/* peephole.h -- CPython 2.7's peephole pass over assembled bytecode
 * (Python/peephole.c): constant folding of tuples, binary and unary
 * operators, `not` folded into jumps and comparisons, LOAD_GLOBAL None,
 * jump threading, and removal of the NOPs these leave, with jump targets
 * and co_lnotab fixed up.  Identical decisions to CPython's, including
 * its bail-outs (code longer than 32700 bytes, EXTENDED_ARG, a line
 * table with a 255 byte, code not ending in RETURN_VALUE), so the output
 * matches CPython's byte for byte.
 */
#ifndef PY_PEEPHOLE_H
#define PY_PEEPHOLE_H

#include <stddef.h>
#include <stdint.h>

#include "interp/ast_arena.h"
#include "interp/compile_vec.h"

/* Optimises CODE[0..*CODELEN) in place, shortening *CODELEN, and rewrites
   LNOTAB[0..LNOTABLEN) in place (its length never changes).  Folded
   constants are appended to CONSTS (which keeps the unused originals, as
   CPython does); NAMES is read only.  Returns 0, or -1 with MemoryError
   set (the code is then unchanged).  MAY_GC (folding allocates). */
int py_peephole(py_arena_t *arena, uint8_t *code, size_t *codelen,
                uint8_t *lnotab, size_t lnotablen, py_objvec_t *consts,
                const py_objvec_t *names);

#endif
