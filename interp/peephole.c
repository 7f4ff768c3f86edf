/* peephole.c -- CPython 2.7's peephole optimiser (Python/peephole.c),
 * reimplemented over our byte buffers and constant vectors.  See
 * peephole.h for the contract.  Every rule only looks inside one basic
 * block (blocks[] numbers the bytes by the jump targets before them), and
 * every rewrite keeps or shrinks the code: gaps become NOPs, removed in a
 * final pass that also retargets jumps and the line table. */
#include "interp/peephole.h"

#include <string.h>

#include "interp/errors.h"
#include "interp/objects/abstract.h"
#include "interp/objects/intobject.h"
#include "interp/objects/longobject.h"
#include "interp/opcodes.h"
#include "interp/objects/noneobject.h"
#include "interp/objects/stringobject.h"
#include "interp/objects/tupleobject.h"
#include "interp/objects/unicodeobject.h"

#define HAS_ARG(op) ((op) >= PY_HAVE_ARGUMENT)
#define CODESIZE(op) (HAS_ARG(op) ? 3 : 1)

static int getarg(const uint8_t *c, size_t i)
{
    return c[i + 1] | (c[i + 2] << 8);
}

static void setarg(uint8_t *c, size_t i, int v)
{
    c[i + 1] = (uint8_t)(v & 0xff);
    c[i + 2] = (uint8_t)((v >> 8) & 0xff);
}

static bool is_unconditional_jump(int op)
{
    return op == PY_OP_JUMP_ABSOLUTE || op == PY_OP_JUMP_FORWARD;
}

static bool is_conditional_jump(int op)
{
    return op == PY_OP_POP_JUMP_IF_FALSE || op == PY_OP_POP_JUMP_IF_TRUE ||
           op == PY_OP_JUMP_IF_FALSE_OR_POP || op == PY_OP_JUMP_IF_TRUE_OR_POP;
}

static bool is_absolute_jump(int op)
{
    return op == PY_OP_JUMP_ABSOLUTE || op == PY_OP_CONTINUE_LOOP ||
           is_conditional_jump(op);
}

static bool jumps_on_true(int op)
{
    return op == PY_OP_POP_JUMP_IF_TRUE || op == PY_OP_JUMP_IF_TRUE_OR_POP;
}

static int jump_target(const uint8_t *c, size_t i)
{
    int arg = getarg(c, i);
    return is_absolute_jump(c[i]) ? arg : arg + (int)i + 3;
}

/* Any jump or block set-up whose argument is a target. */
static bool is_any_jump(int op)
{
    return (py_opcode_flags(op) & (PY_OPF_JREL | PY_OPF_JABS)) != 0;
}

typedef struct {
    uint8_t *code;
    size_t len;
    unsigned *blocks;          /* basic-block number of every byte */
    py_objvec_t *consts;
} peep_t;

static bool same_block(const peep_t *p, size_t start, size_t bytes)
{
    return p->blocks[start] == p->blocks[start + bytes - 1];
}

static int mark_blocks(peep_t *p, py_arena_t *arena)
{
    p->blocks = py_arena_bytes(arena, (p->len + 8) * sizeof(unsigned));
    if (!p->blocks)
        return -1;
    for (size_t i = 0; i < p->len; i += CODESIZE(p->code[i])) {
        if (is_any_jump(p->code[i])) {
            int t = jump_target(p->code, i);
            if (t >= 0 && (size_t)t < p->len)
                p->blocks[t] = 1;
        }
    }
    unsigned count = 0;
    for (size_t i = 0; i < p->len; i++) {
        count += p->blocks[i];
        p->blocks[i] = count;
    }
    return 0;
}

/* Appends NEWCONST to the constants; its index, or -1 (error set). */
static long add_const(peep_t *p, py_object_t *newconst)
{
    return py_objvec_append(p->consts, newconst);
}

/* LOAD_CONST c1 ... LOAD_CONST cn BUILD_TUPLE n (at H) -> NOPs and
   LOAD_CONST (c1, ..., cn) in place of the BUILD.  1 if folded, 0 if
   not, -1 on memory error. */
static int fold_tuple(peep_t *p, size_t h, int n)
{
    py_object_t *t = py_tuple_new((size_t)n);
    if (!t)
        return -1;
    for (int i = 0; i < n; i++) {
        int arg = getarg(p->code, h + 3 * (size_t)i);
        py_tuple_init_item(t, (size_t)i, p->consts->items[arg]);
    }
    long idx = add_const(p, t);
    if (idx < 0)
        return -1;
    memset(p->code + h, PY_OP_NOP, 3 * (size_t)n);
    p->code[h + 3 * (size_t)n] = PY_OP_LOAD_CONST;
    setarg(p->code, h + 3 * (size_t)n, (int)idx);
    return 1;
}

static bool binop_of(int opcode, py_binop_t *out)
{
    switch (opcode) {
    case PY_OP_BINARY_POWER:        *out = PY_BINOP_POW; return true;
    case PY_OP_BINARY_MULTIPLY:     *out = PY_BINOP_MUL; return true;
    case PY_OP_BINARY_TRUE_DIVIDE:  *out = PY_BINOP_TRUEDIV; return true;
    case PY_OP_BINARY_FLOOR_DIVIDE: *out = PY_BINOP_FLOORDIV; return true;
    case PY_OP_BINARY_MODULO:       *out = PY_BINOP_MOD; return true;
    case PY_OP_BINARY_ADD:          *out = PY_BINOP_ADD; return true;
    case PY_OP_BINARY_SUBTRACT:     *out = PY_BINOP_SUB; return true;
    case PY_OP_BINARY_SUBSCR:       *out = PY_BINOP_SUBSCR; return true;
    case PY_OP_BINARY_LSHIFT:       *out = PY_BINOP_LSHIFT; return true;
    case PY_OP_BINARY_RSHIFT:       *out = PY_BINOP_RSHIFT; return true;
    case PY_OP_BINARY_AND:          *out = PY_BINOP_AND; return true;
    case PY_OP_BINARY_XOR:          *out = PY_BINOP_XOR; return true;
    case PY_OP_BINARY_OR:           *out = PY_BINOP_OR; return true;
    default:                        return false;
    }
}

/* The length CPython's size check sees, or -1 for objects without one. */
static long const_size(py_object_t *o)
{
    if (py_str_check(o))
        return (long)py_str_len(o);
    if (py_unicode_check(o))
        return (long)py_unicode_len(o);
    if (py_tuple_check(o))
        return (long)py_tuple_size(o);
    return -1;
}

/* Bits of an int or long constant, or -1 for other types. */
static int64_t int_bits(py_object_t *o)
{
    if (py_int_check(o)) {
        long v = py_int_value(o);
        unsigned long m = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
        return m ? 64 - __builtin_clzl(m) : 0;
    }
    if (py_long_check(o))
        return (int64_t)py_long_bit_length(o);
    return -1;
}

/* Integer results above this many bits are not folded.  CPython 2.7 folds
   any size, so `2**22222222` makes its compiler run for minutes (a fuzzer
   found it); below the limit we fold exactly as CPython does, above it
   the operation is left for run time. */
#define FOLD_MAX_BITS (INT64_C(1) << 20)

/* True iff folding V op W would build a result we would throw away or
   that is too large to compute at compile time: a sequence repeated past
   the 20-item limit (the result would be discarded anyway) or an integer
   power/shift past FOLD_MAX_BITS. */
static bool fold_too_big(py_binop_t op, py_object_t *v, py_object_t *w)
{
    if (op == PY_BINOP_MUL) {
        py_object_t *seq = const_size(v) >= 0 ? v : w;
        py_object_t *n = seq == v ? w : v;
        int64_t len = const_size(seq), nb = int_bits(n);
        if (len < 0 || nb < 0)
            return false;
        if (nb > 32)
            return len > 0;
        long k = py_int_check(n) ? py_int_value(n) : 21;
        return len > 0 && k > 0 && (int64_t)len * k > 20;
    }
    int64_t vb = int_bits(v), wb = int_bits(w);
    if (vb < 0 || wb < 0)
        return false;
    if (op == PY_BINOP_LSHIFT)
        return wb > 32 || vb + (py_int_check(w) ? py_int_value(w) : 0) > FOLD_MAX_BITS;
    if (op == PY_BINOP_POW) {
        if (vb <= 1)
            return false;                   /* 0, 1, -1 to any power */
        if (wb > 32)
            return true;
        long e = py_int_check(w) ? py_int_value(w) : 0;
        return e > 0 && vb * e > FOLD_MAX_BITS;
    }
    return false;
}

/* LOAD_CONST a LOAD_CONST b BINOP (at I) -> NOP*4 LOAD_CONST (a op b).
   Results that raise or are sequences longer than 20 are not folded
   (keeps code objects small for things like (None,)*1000).  BINARY_DIVIDE
   is never folded: its meaning depends on -Qnew at run time. */
static int fold_binop(peep_t *p, size_t i)
{
    py_binop_t op;
    if (!binop_of(p->code[i + 6], &op))
        return 0;
    py_object_t *v = p->consts->items[getarg(p->code, i)];
    py_object_t *w = p->consts->items[getarg(p->code, i + 3)];
    /* Narrow and wide unicode builds disagree on indexing: CPython skips. */
    if (op == PY_BINOP_SUBSCR && py_unicode_check(v))
        return 0;
    if (fold_too_big(op, v, w))
        return 0;
    py_object_t *r = py_binary_op(op, v, w);
    if (!r) {
        py_err_clear();
        return 0;
    }
    if (const_size(r) > 20)
        return 0;
    long idx = add_const(p, r);
    if (idx < 0)
        return -1;
    memset(p->code + i, PY_OP_NOP, 4);
    p->code[i + 4] = PY_OP_LOAD_CONST;
    setarg(p->code, i + 4, (int)idx);
    return 1;
}

/* LOAD_CONST a UNARY_x (at I) -> NOP LOAD_CONST (x a).  Negation skips
   false values so that -0.0 keeps its sign (the compiler never sees the
   literal -0.0 otherwise). */
static int fold_unop(peep_t *p, size_t i)
{
    py_object_t *v = p->consts->items[getarg(p->code, i)];
    py_object_t *r = NULL;
    switch (p->code[i + 3]) {
    case PY_OP_UNARY_NEGATIVE: {
        int t = py_object_is_true(v);
        if (t == 1)
            r = py_unary_op(PY_UNOP_NEG, v);
        break;
    }
    case PY_OP_UNARY_CONVERT:
        r = py_object_repr(v);
        break;
    case PY_OP_UNARY_INVERT:
        r = py_unary_op(PY_UNOP_INVERT, v);
        break;
    default:
        return 0;
    }
    if (!r) {
        py_err_clear();
        return 0;
    }
    long idx = add_const(p, r);
    if (idx < 0)
        return -1;
    p->code[i] = PY_OP_NOP;
    p->code[i + 1] = PY_OP_LOAD_CONST;
    setarg(p->code, i + 1, (int)idx);
    return 1;
}


static long find_or_add_none(peep_t *p)
{
    for (size_t j = 0; j < p->consts->n; j++)
        if (p->consts->items[j] == py_None)
            return (long)j;
    return add_const(p, py_None);
}

/* The rewriting pass.  Returns 1 when done, 0 to bail out leaving the
   code unchanged (EXTENDED_ARG), -1 on error. */
static int rewrite(peep_t *p, const py_objvec_t *names)
{
    uint8_t *c = p->code;
    int cumlc = 0, lastlc;     /* runs of consecutive LOAD_CONSTs */
    for (size_t i = 0; i < p->len; i += CODESIZE(c[i])) {
    again:;
        int op = c[i];
        lastlc = cumlc;
        cumlc = 0;
        switch (op) {
        case PY_OP_UNARY_NOT:
            /* not x; POP_JUMP_IF_FALSE -> POP_JUMP_IF_TRUE */
            if (c[i + 1] != PY_OP_POP_JUMP_IF_FALSE || !same_block(p, i, 4))
                continue;
            {
                int j = getarg(c, i + 1);
                c[i] = PY_OP_POP_JUMP_IF_TRUE;
                setarg(c, i, j);
                c[i + 3] = PY_OP_NOP;
            }
            goto again;
        case PY_OP_COMPARE_OP: {
            /* not (a is b) -> a is not b, and the in/not in pair */
            int j = getarg(c, i);
            if (j < PY_CMP_IN || j > PY_CMP_IS_NOT ||
                c[i + 3] != PY_OP_UNARY_NOT || !same_block(p, i, 4))
                continue;
            setarg(c, i, j ^ 1);
            c[i + 3] = PY_OP_NOP;
            break;
        }
        case PY_OP_LOAD_NAME:
        case PY_OP_LOAD_GLOBAL: {
            int j = getarg(c, i);
            py_object_t *name = (size_t)j < names->n ? names->items[j] : NULL;
            if (!name || strcmp(py_str_data(name), "None") != 0)
                continue;
            long k = find_or_add_none(p);
            if (k < 0)
                return -1;
            c[i] = PY_OP_LOAD_CONST;
            setarg(c, i, (int)k);
            cumlc = lastlc + 1;
            break;
        }
        case PY_OP_LOAD_CONST: {
            /* LOAD_CONST <true> POP_JUMP_IF_FALSE: drop both ("while 1") */
            cumlc = lastlc + 1;
            int j = getarg(c, i);
            if (c[i + 3] != PY_OP_POP_JUMP_IF_FALSE || !same_block(p, i, 6))
                continue;
            int t = py_object_is_true(p->consts->items[j]);
            if (t < 0)
                py_err_clear();
            if (t != 1)
                continue;
            memset(c + i, PY_OP_NOP, 6);
            cumlc = 0;
            break;
        }
        case PY_OP_BUILD_TUPLE:
        case PY_OP_BUILD_LIST: {
            int j = getarg(c, i);
            long h = (long)i - 3L * j;
            if (h >= 0 && j <= lastlc &&
                ((op == PY_OP_BUILD_TUPLE &&
                  same_block(p, (size_t)h, 3 * ((size_t)j + 1))) ||
                 (op == PY_OP_BUILD_LIST && c[i + 3] == PY_OP_COMPARE_OP &&
                  same_block(p, (size_t)h, 3 * ((size_t)j + 2)) &&
                  (getarg(c, i + 3) == PY_CMP_IN ||
                   getarg(c, i + 3) == PY_CMP_NOT_IN)))) {
                int r = fold_tuple(p, (size_t)h, j);
                if (r < 0)
                    return -1;
                if (r) {
                    cumlc = 1;
                    break;
                }
            }
            if (c[i + 3] != PY_OP_UNPACK_SEQUENCE || !same_block(p, i, 6) ||
                j != getarg(c, i + 3))
                continue;
            if (j == 1) {
                memset(c + i, PY_OP_NOP, 6);
            } else if (j == 2) {
                c[i] = PY_OP_ROT_TWO;
                memset(c + i + 1, PY_OP_NOP, 5);
            } else if (j == 3) {
                c[i] = PY_OP_ROT_THREE;
                c[i + 1] = PY_OP_ROT_TWO;
                memset(c + i + 2, PY_OP_NOP, 4);
            }
            break;
        }
        case PY_OP_BINARY_POWER:
        case PY_OP_BINARY_MULTIPLY:
        case PY_OP_BINARY_TRUE_DIVIDE:
        case PY_OP_BINARY_FLOOR_DIVIDE:
        case PY_OP_BINARY_MODULO:
        case PY_OP_BINARY_ADD:
        case PY_OP_BINARY_SUBTRACT:
        case PY_OP_BINARY_SUBSCR:
        case PY_OP_BINARY_LSHIFT:
        case PY_OP_BINARY_RSHIFT:
        case PY_OP_BINARY_AND:
        case PY_OP_BINARY_XOR:
        case PY_OP_BINARY_OR:
            if (lastlc >= 2 && same_block(p, i - 6, 7)) {
                int r = fold_binop(p, i - 6);
                if (r < 0)
                    return -1;
                if (r) {
                    i -= 2;
                    cumlc = 1;
                }
            }
            break;
        case PY_OP_UNARY_NEGATIVE:
        case PY_OP_UNARY_CONVERT:
        case PY_OP_UNARY_INVERT:
            if (lastlc >= 1 && same_block(p, i - 3, 4)) {
                int r = fold_unop(p, i - 3);
                if (r < 0)
                    return -1;
                if (r) {
                    i -= 2;
                    cumlc = 1;
                }
            }
            break;
        case PY_OP_JUMP_IF_FALSE_OR_POP:
        case PY_OP_JUMP_IF_TRUE_OR_POP: {
            /* A conditional jump to a conditional jump on the same value:
               the second outcome is known, so jump straight past or
               through it. */
            int tgt = jump_target(c, i);
            int j = c[tgt];
            if (is_conditional_jump(j)) {
                if (jumps_on_true(j) == jumps_on_true(op)) {
                    int tgttgt = jump_target(c, (size_t)tgt);
                    c[i] = (uint8_t)j;
                    setarg(c, i, tgttgt);
                } else {
                    c[i] = jumps_on_true(op) ? PY_OP_POP_JUMP_IF_TRUE
                                             : PY_OP_POP_JUMP_IF_FALSE;
                    setarg(c, i, tgt + 3);
                }
                goto again;
            }
        }
            __attribute__((fallthrough)); /* to: jumps to jumps */
        case PY_OP_POP_JUMP_IF_FALSE:
        case PY_OP_POP_JUMP_IF_TRUE:
        case PY_OP_FOR_ITER:
        case PY_OP_JUMP_FORWARD:
        case PY_OP_JUMP_ABSOLUTE:
        case PY_OP_CONTINUE_LOOP:
        case PY_OP_SETUP_LOOP:
        case PY_OP_SETUP_EXCEPT:
        case PY_OP_SETUP_FINALLY:
        case PY_OP_SETUP_WITH: {
            int tgt = jump_target(c, i);
            /* An unconditional jump to a RETURN_VALUE is that return. */
            if (is_unconditional_jump(op) && c[tgt] == PY_OP_RETURN_VALUE) {
                c[i] = PY_OP_RETURN_VALUE;
                memset(c + i + 1, PY_OP_NOP, 2);
                continue;
            }
            if (!is_unconditional_jump(c[tgt]))
                continue;
            int tgttgt = jump_target(c, (size_t)tgt);
            if (op == PY_OP_JUMP_FORWARD)   /* may now go backwards */
                op = PY_OP_JUMP_ABSOLUTE;
            if (!is_absolute_jump(op))
                tgttgt -= (int)i + 3;
            if (tgttgt < 0)                 /* no backward relative jumps */
                continue;
            c[i] = (uint8_t)op;
            setarg(c, i, tgttgt);
            break;
        }
        case PY_OP_EXTENDED_ARG:
            return 0;
        case PY_OP_RETURN_VALUE:
            /* RETURN LOAD_CONST None RETURN, or RETURN JUMP: dead tails */
            if (i + 4 >= p->len)
                continue;
            if (c[i + 4] == PY_OP_RETURN_VALUE && same_block(p, i, 5))
                memset(c + i + 1, PY_OP_NOP, 4);
            else if (is_unconditional_jump(c[i + 1]) && same_block(p, i, 4))
                memset(c + i + 1, PY_OP_NOP, 3);
            break;
        default:
            break;
        }
    }
    return 1;
}

/* Removes the NOPs, retargets jumps and rewrites the line table. */
static int compact(peep_t *p, py_arena_t *arena, uint8_t *lnotab,
                   size_t lnotablen, size_t *newlen)
{
    uint8_t *c = p->code;
    int *addrmap = py_arena_bytes(arena, (p->len + 1) * sizeof(int));
    if (!addrmap)
        return -1;
    int nops = 0;
    for (size_t i = 0; i < p->len; i += CODESIZE(c[i])) {
        addrmap[i] = (int)i - nops;
        if (c[i] == PY_OP_NOP)
            nops++;
    }
    addrmap[p->len] = (int)p->len - nops;
    int cum_orig = 0, last_line = 0;
    for (size_t i = 0; i + 1 < lnotablen; i += 2) {
        cum_orig += lnotab[i];
        int new_line = addrmap[cum_orig];
        lnotab[i] = (uint8_t)(new_line - last_line);
        last_line = new_line;
    }
    size_t h = 0;
    for (size_t i = 0; i < p->len;) {
        int op = c[i];
        if (op == PY_OP_NOP) {
            i++;
            continue;
        }
        switch (op) {
        case PY_OP_JUMP_ABSOLUTE:
        case PY_OP_CONTINUE_LOOP:
        case PY_OP_POP_JUMP_IF_FALSE:
        case PY_OP_POP_JUMP_IF_TRUE:
        case PY_OP_JUMP_IF_FALSE_OR_POP:
        case PY_OP_JUMP_IF_TRUE_OR_POP:
            setarg(c, i, addrmap[getarg(c, i)]);
            break;
        case PY_OP_FOR_ITER:
        case PY_OP_JUMP_FORWARD:
        case PY_OP_SETUP_LOOP:
        case PY_OP_SETUP_EXCEPT:
        case PY_OP_SETUP_FINALLY:
        case PY_OP_SETUP_WITH:
            setarg(c, i, addrmap[getarg(c, i) + (int)i + 3] - addrmap[i] - 3);
            break;
        default:
            break;
        }
        int n = CODESIZE(op);
        while (n--)
            c[h++] = c[i++];
    }
    *newlen = h;
    return 0;
}

int py_peephole(py_arena_t *arena, uint8_t *code, size_t *codelen,
                uint8_t *lnotab, size_t lnotablen, py_objvec_t *consts,
                const py_objvec_t *names)
{
    size_t len = *codelen;
    if (memchr(lnotab, 255, lnotablen) != NULL)
        return 0;
    if (len > 32700 || len == 0 || code[len - 1] != PY_OP_RETURN_VALUE)
        return 0;
    /* Work on a copy: a late bail-out must leave CODE untouched (while
       the constants appended so far stay, as in CPython). */
    uint8_t *work = py_arena_bytes(arena, len + 8);
    if (!work)
        return -1;
    memcpy(work, code, len);
    peep_t p = { .code = work, .len = len, .consts = consts };
    if (mark_blocks(&p, arena) < 0)
        return -1;
    int r = rewrite(&p, names);
    if (r <= 0)
        return r;
    uint8_t *saved_lnotab = py_arena_bytes(arena, lnotablen + 1);
    if (!saved_lnotab)
        return -1;
    memcpy(saved_lnotab, lnotab, lnotablen);
    size_t newlen;
    if (compact(&p, arena, lnotab, lnotablen, &newlen) < 0) {
        memcpy(lnotab, saved_lnotab, lnotablen);
        return -1;
    }
    memcpy(code, work, newlen);
    *codelen = newlen;
    return 0;
}
