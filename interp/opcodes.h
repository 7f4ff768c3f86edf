/* opcodes.h -- CPython 2.7's instruction set, generated from opcodes.def.
 *
 * Everything here is constant data: thread-safe, never collects. */
#ifndef PY_OPCODES_H
#define PY_OPCODES_H

#include <stdbool.h>

/* Flags of opcodes.def's last column. */
#define PY_OPF_ARG     0x01u  /* followed by a 16-bit little-endian argument */
#define PY_OPF_JREL    0x02u  /* argument: target = next instruction + arg */
#define PY_OPF_JABS    0x04u  /* argument: target = arg */
#define PY_OPF_CONST   0x08u  /* argument indexes co_consts */
#define PY_OPF_NAME    0x10u  /* argument indexes co_names */
#define PY_OPF_LOCAL   0x20u  /* argument indexes co_varnames */
#define PY_OPF_FREE    0x40u  /* argument indexes co_cellvars + co_freevars */
#define PY_OPF_COMPARE 0x80u  /* argument is a py_cmp_kind_t */

/* The stack-effect column's marker for "depends on the argument". */
#define PY_SE_ARG 1000

/* CPython's HAVE_ARGUMENT: opcodes at or above it take an argument. */
#define PY_HAVE_ARGUMENT 90

typedef enum {
#define PY_OPCODE(ident, name, num, effect, flags) PY_OP_##ident = num,
#include "interp/opcodes.def"
} py_opcode_t;

/* COMPARE_OP's argument (CPython's PyCmp_*; dis's cmp_op). */
typedef enum {
    PY_CMP_LT = 0, PY_CMP_LE, PY_CMP_EQ, PY_CMP_NE, PY_CMP_GT, PY_CMP_GE,
    PY_CMP_IN, PY_CMP_NOT_IN, PY_CMP_IS, PY_CMP_IS_NOT, PY_CMP_EXC_MATCH,
    PY_CMP_BAD
} py_cmp_kind_t;

/* CPython's name of opcode OP ("LOAD_CONST", "SLICE+1"), or "<N>" as dis
   prints unknown numbers (constant strings: never NULL). */
const char *py_opcode_name(int op);

/* The PY_OPF_* flags of OP; 0 for numbers that are not opcodes. */
unsigned py_opcode_flags(int op);

/* True iff OP is one of CPython 2.7's opcodes. */
bool py_opcode_valid(int op);

/* The net stack effect of OP with argument ARG on its fall-through path,
   as CPython 2.7's compile.c counts it.  Sets *OK to false (and returns
   0) for numbers that are not opcodes. */
int py_opcode_stack_effect(int op, int arg, bool *ok);

/* The text dis prints for COMPARE_OP's argument ("==", "exception
   match", "BAD"); "?" when out of range. */
const char *py_cmp_kind_name(int arg);

#endif
