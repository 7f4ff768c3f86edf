/* opcodes.c -- the tables of interp/opcodes.def: names, flags, stack
 * effects (CPython 2.7's opcode.py and compile.c's opcode_stack_effect). */
#include "interp/opcodes.h"

#include <stddef.h>

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

/* dis prints "<N>" for numbers that are not opcodes (constant strings:
   no state, so any thread may ask). */
static const char *const unknown_names[256] = {
    "<0>", "<1>", "<2>", "<3>", "<4>", "<5>", "<6>", "<7>", "<8>", "<9>",
    "<10>", "<11>", "<12>", "<13>", "<14>", "<15>", "<16>", "<17>", "<18>",
    "<19>", "<20>", "<21>", "<22>", "<23>", "<24>", "<25>", "<26>", "<27>",
    "<28>", "<29>", "<30>", "<31>", "<32>", "<33>", "<34>", "<35>", "<36>",
    "<37>", "<38>", "<39>", "<40>", "<41>", "<42>", "<43>", "<44>", "<45>",
    "<46>", "<47>", "<48>", "<49>", "<50>", "<51>", "<52>", "<53>", "<54>",
    "<55>", "<56>", "<57>", "<58>", "<59>", "<60>", "<61>", "<62>", "<63>",
    "<64>", "<65>", "<66>", "<67>", "<68>", "<69>", "<70>", "<71>", "<72>",
    "<73>", "<74>", "<75>", "<76>", "<77>", "<78>", "<79>", "<80>", "<81>",
    "<82>", "<83>", "<84>", "<85>", "<86>", "<87>", "<88>", "<89>", "<90>",
    "<91>", "<92>", "<93>", "<94>", "<95>", "<96>", "<97>", "<98>", "<99>",
    "<100>", "<101>", "<102>", "<103>", "<104>", "<105>", "<106>", "<107>",
    "<108>", "<109>", "<110>", "<111>", "<112>", "<113>", "<114>", "<115>",
    "<116>", "<117>", "<118>", "<119>", "<120>", "<121>", "<122>", "<123>",
    "<124>", "<125>", "<126>", "<127>", "<128>", "<129>", "<130>", "<131>",
    "<132>", "<133>", "<134>", "<135>", "<136>", "<137>", "<138>", "<139>",
    "<140>", "<141>", "<142>", "<143>", "<144>", "<145>", "<146>", "<147>",
    "<148>", "<149>", "<150>", "<151>", "<152>", "<153>", "<154>", "<155>",
    "<156>", "<157>", "<158>", "<159>", "<160>", "<161>", "<162>", "<163>",
    "<164>", "<165>", "<166>", "<167>", "<168>", "<169>", "<170>", "<171>",
    "<172>", "<173>", "<174>", "<175>", "<176>", "<177>", "<178>", "<179>",
    "<180>", "<181>", "<182>", "<183>", "<184>", "<185>", "<186>", "<187>",
    "<188>", "<189>", "<190>", "<191>", "<192>", "<193>", "<194>", "<195>",
    "<196>", "<197>", "<198>", "<199>", "<200>", "<201>", "<202>", "<203>",
    "<204>", "<205>", "<206>", "<207>", "<208>", "<209>", "<210>", "<211>",
    "<212>", "<213>", "<214>", "<215>", "<216>", "<217>", "<218>", "<219>",
    "<220>", "<221>", "<222>", "<223>", "<224>", "<225>", "<226>", "<227>",
    "<228>", "<229>", "<230>", "<231>", "<232>", "<233>", "<234>", "<235>",
    "<236>", "<237>", "<238>", "<239>", "<240>", "<241>", "<242>", "<243>",
    "<244>", "<245>", "<246>", "<247>", "<248>", "<249>", "<250>", "<251>",
    "<252>", "<253>", "<254>", "<255>",
};

const char *py_opcode_name(int op)
{
    if (op < 0 || op > 255)
        return "<?>";
    return optable[op].name ? optable[op].name : unknown_names[op];
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
