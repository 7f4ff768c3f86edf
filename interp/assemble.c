/* assemble.c -- jump resolution, bytecode and co_lnotab emission, and the
 * stack-depth computation (CPython 2.7's compile.c: assemble_jump_offsets,
 * assemble_emit, assemble_lnotab, stackdepth).  See assemble.h. */
#include "interp/assemble.h"

#include <limits.h>
#include <string.h>

#include "interp/errors.h"
#include "interp/opcodes.h"

/* Bytes of one instruction: opcode, 2-byte argument, and an EXTENDED_ARG
   prefix when the argument needs more than 16 bits. */
static int instrsize(const py_instr_t *i)
{
    if (!i->hasarg)
        return 1;
    if (i->oparg > 0xffff)
        return 6;
    return 3;
}

/* A growable byte buffer in arena memory that is never scanned. */
typedef struct {
    py_arena_t *arena;
    uint8_t *data;
    size_t len, cap;
} bytebuf_t;

static int buf_reserve(bytebuf_t *b, size_t extra)
{
    if (b->len + extra <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra)
        cap *= 2;
    uint8_t *nd = py_arena_bytes(b->arena, cap);
    if (!nd)
        return -1;
    if (b->len)
        memcpy(nd, b->data, b->len);
    b->data = nd;
    b->cap = cap;
    return 0;
}

static int buf_put2(bytebuf_t *b, int x, int y)
{
    if (buf_reserve(b, 2) < 0)
        return -1;
    b->data[b->len++] = (uint8_t)x;
    b->data[b->len++] = (uint8_t)y;
    return 0;
}

typedef struct {
    bytebuf_t code;
    bytebuf_t lnotab;
    int lineno;        /* line of the last lnotab entry */
    int lineno_off;    /* byte offset of the last lnotab entry */
} assembler_t;

/* Appends the (byte increment, line increment) pairs that move the table
   from the last entry to instruction I at the current offset, exactly as
   CPython 2.7 encodes them (increments over 255 split into several
   pairs; a zero line increment still makes an entry). */
static int emit_lnotab(assembler_t *a, const py_instr_t *i)
{
    int d_bytecode = (int)a->code.len - a->lineno_off;
    int d_lineno = i->lineno - a->lineno;
    if (d_bytecode == 0 && d_lineno == 0)
        return 0;
    while (d_bytecode > 255) {
        if (buf_put2(&a->lnotab, 255, 0) < 0)
            return -1;
        d_bytecode -= 255;
    }
    if (d_lineno > 255) {
        int ncodes = d_lineno / 255;
        if (buf_put2(&a->lnotab, d_bytecode, 255) < 0)
            return -1;
        d_bytecode = 0;
        for (int j = 1; j < ncodes; j++)
            if (buf_put2(&a->lnotab, 0, 255) < 0)
                return -1;
        d_lineno -= ncodes * 255;
    }
    /* A backwards line step cannot be encoded in 2.7's unsigned table;
       CPython writes the truncated byte, and so do we. */
    if (buf_put2(&a->lnotab, d_bytecode, (uint8_t)d_lineno) < 0)
        return -1;
    a->lineno = i->lineno;
    a->lineno_off = (int)a->code.len;
    return 0;
}

static int emit_instr(assembler_t *a, const py_instr_t *i)
{
    int size = instrsize(i);
    int arg = i->hasarg ? i->oparg : 0;
    if (i->lineno && emit_lnotab(a, i) < 0)
        return -1;
    if (buf_reserve(&a->code, (size_t)size) < 0)
        return -1;
    uint8_t *p = a->code.data + a->code.len;
    a->code.len += (size_t)size;
    if (size == 6) {
        int ext = arg >> 16;
        *p++ = PY_OP_EXTENDED_ARG;
        *p++ = (uint8_t)(ext & 0xff);
        *p++ = (uint8_t)((ext >> 8) & 0xff);
        arg &= 0xffff;
    }
    *p++ = i->opcode;
    if (i->hasarg) {
        *p++ = (uint8_t)(arg & 0xff);
        *p++ = (uint8_t)((arg >> 8) & 0xff);
    }
    return 0;
}

/* Computes block offsets and jump arguments; repeats while the number of
   jumps needing EXTENDED_ARG changes (each one grows the code). */
static int resolve_jumps(py_block_t *entry)
{
    int ext_count = 0, last_ext_count;
    do {
        int totsize = 0;
        for (py_block_t *b = entry; b; b = b->next) {
            b->offset = totsize;
            for (int i = 0; i < b->iused; i++)
                totsize += instrsize(&b->instr[i]);
        }
        last_ext_count = ext_count;
        ext_count = 0;
        for (py_block_t *b = entry; b; b = b->next) {
            int off = b->offset;
            for (int i = 0; i < b->iused; i++) {
                py_instr_t *in = &b->instr[i];
                off += instrsize(in);
                if (!in->jabs && !in->jrel)
                    continue;
                if (in->target->offset < 0) {
                    py_err_set_string(py_exc_SystemError_type,
                                      "jump to a block that is not laid out");
                    return -1;
                }
                in->oparg = in->jabs ? in->target->offset
                                     : in->target->offset - off;
                if (in->oparg > 0xffff)
                    ext_count++;
            }
        }
    } while (ext_count != last_ext_count);
    return 0;
}

int py_assemble(py_arena_t *arena, py_block_t *entry, int firstlineno,
                py_assembled_t *out)
{
    assembler_t a = {
        .code = { .arena = arena },
        .lnotab = { .arena = arena },
        .lineno = firstlineno,
        .lineno_off = 0,
    };
    /* Blocks off the chain (never used) keep offset -1: a jump to one is
       a compiler bug, reported instead of emitting garbage. */
    for (py_block_t *b = entry; b; b = b->next)
        b->offset = 0;
    if (resolve_jumps(entry) < 0)
        return -1;
    for (py_block_t *b = entry; b; b = b->next)
        for (int i = 0; i < b->iused; i++)
            if (emit_instr(&a, &b->instr[i]) < 0)
                return -1;
    /* Never hand out NULL buffers: empty tables are valid. */
    if (buf_reserve(&a.code, 1) < 0 || buf_reserve(&a.lnotab, 1) < 0)
        return -1;
    out->code = a.code.data;
    out->codelen = a.code.len;
    out->lnotab = a.lnotab.data;
    out->lnotablen = a.lnotab.len;
    return 0;
}

/* ---- stack depth ---- */

/* CPython's stackdepth_walk is a recursive depth-first walk that follows
   a jump as soon as it meets it, never re-enters a block on the current
   path (b_seen), and skips blocks already entered at least as deep.  The
   order matters: CPython's approximations (END_FINALLY counts -3 on every
   path) only give its numbers when blocks are met in its order.  This is
   the same walk with an explicit stack of frames instead of C recursion. */
typedef struct {
    py_block_t *block;
    int i;                  /* next instruction */
    int depth;
    bool stop;              /* an unconditional jump ended the block */
} frame_t;

typedef struct {
    py_arena_t *arena;
    frame_t *items;
    size_t n, cap;
} framestack_t;

/* Enters block B at DEPTH unless CPython's walk would skip it. */
static int walk_enter(framestack_t *w, py_block_t *b, int depth)
{
    if (b->seen || b->startdepth >= depth)
        return 0;
    if (w->n == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 64;
        frame_t *ni = py_arena_alloc(w->arena, cap * sizeof *ni);
        if (!ni)
            return -1;
        if (w->n)
            memcpy(ni, w->items, w->n * sizeof *ni);
        w->items = ni;
        w->cap = cap;
    }
    b->seen = true;
    b->startdepth = depth;
    w->items[w->n++] = (frame_t){ .block = b, .i = 0, .depth = depth };
    return 0;
}

int py_stackdepth(py_arena_t *arena, py_block_t *all, py_block_t *entry)
{
    framestack_t w = { .arena = arena };
    int maxdepth = 0;
    for (py_block_t *b = all; b; b = b->list) {
        b->startdepth = INT_MIN;
        b->seen = false;
    }
    if (!entry)
        return 0;
    if (walk_enter(&w, entry, 0) < 0)
        return -1;
    while (w.n) {
        frame_t *f = &w.items[w.n - 1];
        py_block_t *b = f->block;
        if (!f->stop && f->i < b->iused) {
            py_instr_t *in = &b->instr[f->i++];
            bool ok;
            f->depth += py_opcode_stack_effect(in->opcode, in->oparg, &ok);
            if (!ok) {
                py_err_format(py_exc_SystemError_type,
                              "stack depth: unknown opcode %d", in->opcode);
                return -1;
            }
            if (f->depth > maxdepth)
                maxdepth = f->depth;
            if (!in->jabs && !in->jrel)
                continue;
            int target_depth = f->depth;
            switch (in->opcode) {
            case PY_OP_FOR_ITER:
                target_depth = f->depth - 2;
                break;
            case PY_OP_SETUP_FINALLY:
            case PY_OP_SETUP_EXCEPT:
                target_depth = f->depth + 3;
                if (target_depth > maxdepth)
                    maxdepth = target_depth;
                break;
            case PY_OP_JUMP_IF_TRUE_OR_POP:
            case PY_OP_JUMP_IF_FALSE_OR_POP:
                f->depth -= 1;
                break;
            default:
                break;
            }
            if (in->opcode == PY_OP_JUMP_ABSOLUTE ||
                in->opcode == PY_OP_JUMP_FORWARD)
                f->stop = true;   /* the rest of the block is dead */
            /* F may move when the stack grows: nothing of it is used
               after this call until the next iteration re-reads it. */
            if (walk_enter(&w, in->target, target_depth) < 0)
                return -1;
            continue;
        }
        /* End of the block: fall through to the next one (once). */
        w.n--;
        py_block_t *next = f->stop ? NULL : b->next;
        int depth = f->depth;
        if (next) {
            /* CPython recurses into b_next before clearing b_seen of B:
               keep B's frame (marked finished) below the successor. */
            w.n++;
            f->stop = true;
            f->i = b->iused;
            if (walk_enter(&w, next, depth) < 0)
                return -1;
            continue;
        }
        b->seen = false;
    }
    return maxdepth;
}
