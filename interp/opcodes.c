/* opcodes.c -- the tables of interp/opcodes.def: names, flags, stack
 * effects (CPython 2.7's opcode.py and compile.c's opcode_stack_effect). */
#include "interp/opcodes.h"

#include <stdio.h>

typedef struct {
    const char *name;       /* NULL: not an opcode */
    int effect;             /* or PY_SE_ARG */
    unsigned flags;
} opinfo_t;

static const opinfo_t optable[256] = {
#define PY_OPCODE(ident, oname, num, eff, fl) \
    [num] = { .name = oname, .effect = eff, .flags = (fl) },
#include "interp/opcodes.def"
};

/* dis prints "<N>" for unused numbers; one static string per number so
   the result stays valid (the set is finite and immutable). */
static char unknown_names[256][6];

const char *py_opcode_name(int op)
{
    if (op < 0 || op > 255)
        return "<?>";
    if (optable[op].name)
        return optable[op].name;
    if (!unknown_names[op][0])
        snprintf(unknown_names[op], sizeof unknown_names[op], "<%d>", op);
    return unknown_names[op];
}

unsigned py_opcode_flags(int op)
{
    if (op < 0 || op > 255 || !optable[op].name)
        return 0;
    return optable[op].flags;
}

bool py_opcode_valid(int op)
{
    return op >= 0 && op <= 255 && optable[op].name != NULL;
}

/* CALL_FUNCTION's argument: positional count in the low byte, keyword
   pairs in the high byte, each pair two stack slots. */
static int call_nargs(int arg)
{
    return (arg % 256) + 2 * (arg / 256);
}

int py_opcode_stack_effect(int op, int arg, bool *ok)
{
    *ok = true;
    if (!py_opcode_valid(op)) {
        *ok = false;
        return 0;
    }
    if (optable[op].effect != PY_SE_ARG)
        return optable[op].effect;
    switch (op) {
    case PY_OP_UNPACK_SEQUENCE: return arg - 1;
    case PY_OP_DUP_TOPX:        return arg;
    case PY_OP_BUILD_TUPLE:
    case PY_OP_BUILD_LIST:
    case PY_OP_BUILD_SET:       return 1 - arg;
    case PY_OP_RAISE_VARARGS:   return -arg;
    case PY_OP_CALL_FUNCTION:   return -call_nargs(arg);
    case PY_OP_CALL_FUNCTION_VAR:
    case PY_OP_CALL_FUNCTION_KW: return -call_nargs(arg) - 1;
    case PY_OP_CALL_FUNCTION_VAR_KW: return -call_nargs(arg) - 2;
    case PY_OP_MAKE_FUNCTION:   return -arg;
    case PY_OP_MAKE_CLOSURE:    return -arg - 1;
    case PY_OP_BUILD_SLICE:     return arg == 3 ? -2 : -1;
    default:
        *ok = false;
        return 0;
    }
}

static const char *const cmp_names[] = {
    "<", "<=", "==", "!=", ">", ">=", "in", "not in", "is", "is not",
    "exception match", "BAD",
};

const char *py_cmp_kind_name(int arg)
{
    if (arg < 0 || arg >= (int)(sizeof cmp_names / sizeof cmp_names[0]))
        return "?";
    return cmp_names[arg];
}
