/* assemble.h -- the compiler's control-flow graph and the assembler that
 * turns it into CPython 2.7 bytecode, a line-number table and a stack
 * depth (CPython 2.7's compile.c, "assembler section").
 *
 * The compiler emits instructions into basic blocks; a jump names its
 * target block, and the assembler resolves it to a byte offset once the
 * block sizes are known (looping while EXTENDED_ARG prefixes change the
 * sizes).  Blocks are laid out in the order of their fall-through chain
 * (`next`) from the entry block, which is what CPython's reverse DFS
 * postorder amounts to for the graphs its compiler builds.
 *
 * Memory: blocks, instruction arrays and the output buffers come from the
 * compilation's py_arena_t (conservatively scanned GC memory), so nothing
 * is freed by hand and an STM abort leaks nothing.  Thread-private.
 */
#ifndef PY_ASSEMBLE_H
#define PY_ASSEMBLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "interp/ast_arena.h"

typedef struct py_block py_block_t;

typedef struct py_instr {
    uint8_t opcode;
    bool hasarg;
    bool jabs;              /* target resolves to an absolute offset */
    bool jrel;              /* target resolves relative to the next instr */
    int oparg;              /* for jumps: filled in by the assembler */
    py_block_t *target;     /* jumps only */
    int lineno;             /* 0: same line as the previous instruction */
} py_instr_t;

struct py_block {
    py_block_t *list;       /* every block of the unit, newest first */
    py_block_t *next;       /* fall-through successor, or NULL */
    py_instr_t *instr;
    int iused, ialloc;
    bool returns;           /* a RETURN_VALUE was added to this block */
    bool seen;              /* on the stack-depth walk's current path */
    int startdepth;         /* stack depth on entry (stack-depth pass) */
    int offset;             /* byte offset (assembler) */
};

/* The result of py_assemble: byte buffers owned by the arena. */
typedef struct py_assembled {
    uint8_t *code;
    size_t codelen;
    uint8_t *lnotab;
    size_t lnotablen;
} py_assembled_t;

/* Lays out the blocks reachable from ENTRY through the fall-through chain,
   resolves jumps, and writes the bytecode and CPython 2.7's co_lnotab
   (relative to FIRSTLINENO) into OUT.  Returns 0, or -1 with MemoryError
   (or SystemError for a jump to a block that is not laid out) set.
   MAY_GC. */
int py_assemble(py_arena_t *arena, py_block_t *entry, int firstlineno,
                py_assembled_t *out);

/* The maximal stack depth over every path from ENTRY, with CPython 2.7's
   rules (SETUP_EXCEPT/SETUP_FINALLY handlers start 3 deeper, FOR_ITER's
   exit 2 shallower, JUMP_IF_*_OR_POP's fall-through pops).  ALL is the
   unit's block list (through `list`).  Iterative: uses no C stack
   proportional to the code size.  Returns the depth, or -1 with
   MemoryError or SystemError (bad opcode, negative depth) set.  MAY_GC. */
int py_stackdepth(py_arena_t *arena, py_block_t *all, py_block_t *entry);

#endif
