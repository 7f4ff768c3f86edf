/* compile_unit.c -- the compiler's compilation units (CPython 2.7's
 * compiler_unit): diagnostics, the constant and name tables, basic blocks
 * and instruction emission, scopes, name resolution to LOAD_FAST /
 * LOAD_DEREF / LOAD_GLOBAL / LOAD_NAME, closures, and the assembly of a
 * finished unit into a code object (assembler, peephole, stack depth).
 * The AST visitors are in compile.c and compile_expr.c. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp/compile.h"
#include "interp/compile_internal.h"
#include "interp/errors.h"
#include "interp/opcodes.h"
#include "interp/peephole.h"
#include "interp/objects/codeobject.h"
#include "interp/objects/complexobject.h"
#include "interp/objects/floatobject.h"
#include "interp/objects/noneobject.h"
#include "interp/objects/stringobject.h"
#include "interp/objects/tupleobject.h"

/* Helpers with large local buffers stay out of line, so that they do
   not enlarge the frames of the recursive visitors. */
#define NOINLINE __attribute__((noinline))

#define TRY(x) do { if ((x) < 0) return -1; } while (0)
#define ADDOP(op) TRY(py_cc_addop(c, (op)))
#define ADDOP_I(op, arg) TRY(py_cc_addop_i(c, (op), (arg)))
#define ADDOP_CONST(o) TRY(py_cc_addop_const(c, PY_OP_LOAD_CONST, (o)))

py_object_t *py_cc_intern(const char *s)
{
    return py_str_intern_bytes(s, strlen(s));
}

/* ---- diagnostics ---- */

const char *py_compile_source_line(py_arena_t *arena, py_object_t *filename,
                                   int lineno)
{
    if (!filename || lineno < 1)
        return NULL;
    FILE *f = fopen(py_str_data(filename), "rb");
    if (!f)
        return NULL;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len = -1;
    for (int i = 0; i < lineno; i++) {
        len = getline(&line, &cap, f);
        if (len < 0)
            break;
    }
    fclose(f);
    const char *r = NULL;
    if (len >= 0) {
        /* As CPython's PyErr_ProgramText: leading blanks stripped,
           universal newlines. */
        const char *p = line;
        while (*p == ' ' || *p == '\t' || *p == '\f')
            p++;
        size_t n = (size_t)len - (size_t)(p - line);
        char *copy = py_arena_bytes(arena, n + 2);
        if (copy) {
            memcpy(copy, p, n);
            if (n >= 2 && copy[n - 2] == '\r' && copy[n - 1] == '\n') {
                copy[n - 2] = '\n';
                n--;
            } else if (n >= 1 && copy[n - 1] == '\r') {
                copy[n - 1] = '\n';
            }
            copy[n] = '\0';
            r = copy;
        } else {
            py_err_clear();
        }
    }
    free(line);
    return r;
}

void py_compile_syntax_error(py_arena_t *arena, py_object_t *filename,
                             int lineno, const char *msg)
{
    const char *text = py_compile_source_line(arena, filename, lineno);
    py_err_syntax(py_exc_SyntaxError_type, msg, filename, lineno, -1, text);
}

void py_compile_warn(py_arena_t *arena, py_object_t *filename, int lineno,
                     const char *msg)
{
    fprintf(stderr, "%s:%d: SyntaxWarning: %s\n",
            filename ? py_str_data(filename) : "?", lineno, msg);
    const char *text = py_compile_source_line(arena, filename, lineno);
    if (text) {
        while (*text == ' ' || *text == '\t' || *text == '\f')
            text++;
        size_t n = strlen(text);
        while (n && (text[n - 1] == '\n' || text[n - 1] == '\r' ||
                     text[n - 1] == ' ' || text[n - 1] == '\t'))
            n--;
        if (n)
            fprintf(stderr, "  %.*s\n", (int)n, text);
    }
}

int py_cc_error(py_compiler_t *c, const char *msg)
{
    py_compile_syntax_error(c->arena, c->filename, c->u->lineno, msg);
    return -1;
}

/* ---- object maps (CPython's u_consts/u_names/... dicts) ---- */

/* CPython keys constants by (value, type) plus markers for negative
   zeros, so 0 and 0.0, 0.0 and -0.0, 1 and True get separate slots. */
static int negzero_signature(py_object_t *o)
{
    if (py_float_check(o)) {
        double d = py_float_value(o);
        return d == 0.0 && signbit(d) ? 1 : 0;
    }
    if (py_complex_check(o)) {
        double re, im;
        py_complex_value(o, &re, &im);
        int r = (re == 0.0 && signbit(re)) ? 1 : 0;
        int i = (im == 0.0 && signbit(im)) ? 2 : 0;
        return r | i;
    }
    return 0;
}

static int objmap_same(py_object_t *a, py_object_t *b, bool by_value)
{
    if (a == b)
        return 1;
    if (!by_value || py_type_of(a) != py_type_of(b))
        return 0;
    if (negzero_signature(a) != negzero_signature(b))
        return 0;
    return py_object_equal(a, b);
}

static int objmap_grow(py_arena_t *arena, py_objmap_t *m)
{
    size_t size = m->index ? (m->mask + 1) * 2 : 16;
    int *index = py_arena_bytes(arena, size * sizeof(int));
    int64_t *hashes = py_arena_bytes(arena, size * sizeof(int64_t));
    if (!index || !hashes)
        return -1;
    memset(index, 0xff, size * sizeof(int));
    if (m->vec.n)
        memcpy(hashes, m->hashes, m->vec.n * sizeof(int64_t));
    for (size_t j = 0; j < m->vec.n; j++) {
        size_t i = (size_t)hashes[j] & (size - 1);
        while (index[i] != -1)
            i = (i + 1) & (size - 1);
        index[i] = (int)j;
    }
    m->index = index;
    m->hashes = hashes;
    m->mask = size - 1;
    return 0;
}

static int64_t objmap_hash(py_objmap_t *m, py_object_t *o)
{
    if (!m->by_value)
        return py_hash_pointer(o);
    int64_t h = py_object_hash(o);
    if (h == -1) {
        /* Unhashable constants cannot occur; fall back to identity. */
        py_err_clear();
        h = py_hash_pointer(o);
    }
    return h;
}

/* The position of O in M, or -1 if absent (-2 on error). */
static long objmap_find(py_objmap_t *m, py_object_t *o, int64_t h)
{
    if (!m->index)
        return -1;
    size_t i = (size_t)h & m->mask;
    for (;;) {
        int v = m->index[i];
        if (v < 0)
            return -1;
        if (m->hashes[v] == h) {
            int same = objmap_same(m->vec.items[v], o, m->by_value);
            if (same < 0) {
                py_err_clear();
                same = 0;
            }
            if (same)
                return v;
        }
        i = (i + 1) & m->mask;
    }
}

long py_cc_objmap_add(py_compiler_t *c, py_objmap_t *m, py_object_t *o)
{
    int64_t h = objmap_hash(m, o);
    long pos = objmap_find(m, o, h);
    if (pos >= 0)
        return pos;
    if ((!m->index || (m->vec.n + 1) * 2 > m->mask + 1) &&
        objmap_grow(c->arena, m) < 0)
        return -1;
    long idx = py_objvec_append(&m->vec, o);
    if (idx < 0)
        return -1;
    m->hashes[idx] = h;
    size_t i = (size_t)h & m->mask;
    while (m->index[i] != -1)
        i = (i + 1) & m->mask;
    m->index[i] = (int)idx;
    return idx;
}

static long objmap_lookup(py_objmap_t *m, py_object_t *o)
{
    long r = objmap_find(m, o, objmap_hash(m, o));
    return r < 0 ? -1 : r;
}

static void objmap_init(py_compiler_t *c, py_objmap_t *m, bool by_value)
{
    memset(m, 0, sizeof *m);
    m->vec.arena = c->arena;
    m->by_value = by_value;
}

/* ---- blocks and instructions ---- */

py_block_t *py_cc_new_block(py_compiler_t *c)
{
    py_block_t *b = py_arena_alloc(c->arena, sizeof *b);
    if (!b)
        return NULL;
    b->offset = -1;
    b->list = c->u->blocks;
    c->u->blocks = b;
    return b;
}

int py_cc_next_block(py_compiler_t *c)
{
    py_block_t *b = py_cc_new_block(c);
    if (!b)
        return -1;
    c->u->curblock->next = b;
    c->u->curblock = b;
    return 0;
}

void py_cc_use_next_block(py_compiler_t *c, py_block_t *b)
{
    c->u->curblock->next = b;
    c->u->curblock = b;
}

static py_instr_t *next_instr(py_compiler_t *c)
{
    py_block_t *b = c->u->curblock;
    if (b->iused == b->ialloc) {
        int cap = b->ialloc ? b->ialloc * 2 : 16;
        py_instr_t *ni = py_arena_alloc(c->arena, (size_t)cap * sizeof *ni);
        if (!ni)
            return NULL;
        if (b->iused)
            memcpy(ni, b->instr, (size_t)b->iused * sizeof *ni);
        b->instr = ni;
        b->ialloc = cap;
    }
    py_instr_t *i = &b->instr[b->iused++];
    /* Only the first instruction after a line change carries the line
       (CPython's compiler_set_lineno): that decides co_lnotab. */
    if (!c->u->lineno_set) {
        c->u->lineno_set = true;
        i->lineno = c->u->lineno;
    }
    return i;
}

int py_cc_addop(py_compiler_t *c, int op)
{
    py_instr_t *i = next_instr(c);
    if (!i)
        return -1;
    i->opcode = (uint8_t)op;
    if (op == PY_OP_RETURN_VALUE)
        c->u->curblock->returns = true;
    return 0;
}

int py_cc_addop_i(py_compiler_t *c, int op, int arg)
{
    py_instr_t *i = next_instr(c);
    if (!i)
        return -1;
    i->opcode = (uint8_t)op;
    i->oparg = arg;
    i->hasarg = true;
    return 0;
}

int py_cc_addop_j(py_compiler_t *c, int op, py_block_t *target, bool absolute)
{
    py_instr_t *i = next_instr(c);
    if (!i)
        return -1;
    i->opcode = (uint8_t)op;
    i->target = target;
    i->hasarg = true;
    if (absolute)
        i->jabs = true;
    else
        i->jrel = true;
    return 0;
}

int py_cc_addop_const(py_compiler_t *c, int op, py_object_t *o)
{
    long arg = py_cc_objmap_add(c, &c->u->consts, o);
    if (arg < 0)
        return -1;
    return py_cc_addop_i(c, op, (int)arg);
}

int py_cc_addop_name(py_compiler_t *c, int op, py_object_t *name)
{
    py_object_t *mangled = py_mangle(c->u->private_name, name);
    if (!mangled)
        return -1;
    long arg = py_cc_objmap_add(c, &c->u->names, mangled);
    if (arg < 0)
        return -1;
    return py_cc_addop_i(c, op, (int)arg);
}

/* ---- scopes ---- */

static int fill_map(py_compiler_t *c, py_objmap_t *m, py_objvec_t *names)
{
    for (size_t i = 0; i < names->n; i++)
        if (py_cc_objmap_add(c, m, names->items[i]) < 0)
            return -1;
    return 0;
}

int py_cc_enter_scope(py_compiler_t *c, py_object_t *name, const void *key,
                      int lineno)
{
    py_cunit_t *u = py_arena_alloc(c->arena, sizeof *u);
    if (!u)
        return -1;
    u->ste = py_symtable_lookup(c->st, key);
    if (!u->ste)
        return -1;
    u->name = name;
    objmap_init(c, &u->consts, true);
    objmap_init(c, &u->names, false);
    objmap_init(c, &u->varnames, false);
    objmap_init(c, &u->cellvars, false);
    objmap_init(c, &u->freevars, false);
    TRY(fill_map(c, &u->varnames, &u->ste->varnames));
    py_objvec_t tmp = { .arena = c->arena };
    TRY(py_ste_names_by_scope(u->ste, PY_SCOPE_CELL, 0, &tmp));
    TRY(fill_map(c, &u->cellvars, &tmp));
    py_objvec_t tmp2 = { .arena = c->arena };
    TRY(py_ste_names_by_scope(u->ste, PY_SCOPE_FREE, PY_DEF_FREE_CLASS,
                              &tmp2));
    TRY(fill_map(c, &u->freevars, &tmp2));
    u->firstlineno = lineno;
    u->parent = c->u;
    if (c->u)
        u->private_name = c->u->private_name;
    c->u = u;
    c->nestlevel++;
    py_block_t *b = py_cc_new_block(c);
    if (!b)
        return -1;
    u->curblock = b;
    u->entry = b;
    return 0;
}

void py_cc_exit_scope(py_compiler_t *c)
{
    c->nestlevel--;
    c->u = c->u->parent;
}

/* ---- names ---- */

NOINLINE int py_cc_nameop(py_compiler_t *c, py_object_t *name, int ctx)
{
    enum { OP_FAST, OP_GLOBAL, OP_DEREF, OP_NAME } optype = OP_NAME;
    py_object_t *mangled = py_mangle(c->u->private_name, name);
    if (!mangled)
        return -1;
    py_ste_t *ste = c->u->ste;
    py_scope_t scope = py_ste_scope(ste, mangled);
    switch (scope) {
    case PY_SCOPE_FREE:
    case PY_SCOPE_CELL:
        optype = OP_DEREF;
        break;
    case PY_SCOPE_LOCAL:
        if (ste->type == PY_BLOCK_FUNCTION)
            optype = OP_FAST;
        break;
    case PY_SCOPE_GLOBAL_IMPLICIT:
        if (ste->type == PY_BLOCK_FUNCTION && !ste->unoptimized)
            optype = OP_GLOBAL;
        break;
    case PY_SCOPE_GLOBAL_EXPLICIT:
        optype = OP_GLOBAL;
        break;
    default:
        break;
    }
    int op = 0;
    long arg;
    switch (optype) {
    case OP_DEREF:
        if (ctx == PY_CTX_DEL) {
            /* CPython raises this one without a location. */
            py_err_format(py_exc_SyntaxError_type, "can not delete variable "
                          "'%.200s' referenced in nested scope",
                          py_str_data(name));
            return -1;
        }
        op = ctx == PY_CTX_STORE ? PY_OP_STORE_DEREF : PY_OP_LOAD_DEREF;
        if (scope == PY_SCOPE_CELL) {
            arg = objmap_lookup(&c->u->cellvars, mangled);
        } else {
            arg = objmap_lookup(&c->u->freevars, mangled);
            if (arg >= 0)
                arg += (long)c->u->cellvars.vec.n;
        }
        if (arg < 0) {
            py_err_format(py_exc_SystemError_type,
                          "no closure slot for '%s'", py_str_data(mangled));
            return -1;
        }
        return py_cc_addop_i(c, op, (int)arg);
    case OP_FAST:
        op = ctx == PY_CTX_STORE ? PY_OP_STORE_FAST
           : ctx == PY_CTX_DEL ? PY_OP_DELETE_FAST : PY_OP_LOAD_FAST;
        arg = py_cc_objmap_add(c, &c->u->varnames, mangled);
        if (arg < 0)
            return -1;
        return py_cc_addop_i(c, op, (int)arg);
    case OP_GLOBAL:
        op = ctx == PY_CTX_STORE ? PY_OP_STORE_GLOBAL
           : ctx == PY_CTX_DEL ? PY_OP_DELETE_GLOBAL : PY_OP_LOAD_GLOBAL;
        break;
    case OP_NAME:
        op = ctx == PY_CTX_STORE ? PY_OP_STORE_NAME
           : ctx == PY_CTX_DEL ? PY_OP_DELETE_NAME : PY_OP_LOAD_NAME;
        break;
    }
    if (ctx == PY_CTX_PARAM) {
        py_err_set_string(py_exc_SystemError_type,
                          "param invalid for name variable");
        return -1;
    }
    arg = py_cc_objmap_add(c, &c->u->names, mangled);
    if (arg < 0)
        return -1;
    return py_cc_addop_i(c, op, (int)arg);
}

/* ---- assembling a unit into a code object ---- */

static py_object_t *vec_to_tuple(py_objvec_t *v)
{
    py_object_t *t = py_tuple_new(v->n);
    if (!t)
        return NULL;
    for (size_t i = 0; i < v->n; i++)
        py_tuple_init_item(t, i, v->items[i]);
    return t;
}

#define PY_CF_MASK (PY_CO_FUTURE_DIVISION | PY_CO_FUTURE_ABSOLUTE_IMPORT | \
                    PY_CO_FUTURE_WITH_STATEMENT | PY_CO_FUTURE_PRINT_FUNCTION | \
                    PY_CO_FUTURE_UNICODE_LITERALS)

static int code_flags(py_compiler_t *c)
{
    py_ste_t *ste = c->u->ste;
    int flags = 0;
    if (ste->type != PY_BLOCK_MODULE)
        flags |= PY_CO_NEWLOCALS;
    if (ste->type == PY_BLOCK_FUNCTION) {
        if (!ste->unoptimized)
            flags |= PY_CO_OPTIMIZED;
        if (ste->nested)
            flags |= PY_CO_NESTED;
        if (ste->generator)
            flags |= PY_CO_GENERATOR;
        if (ste->varargs)
            flags |= PY_CO_VARARGS;
        if (ste->varkeywords)
            flags |= PY_CO_VARKEYWORDS;
    }
    flags |= c->flags & PY_CF_MASK;
    if (c->u->freevars.vec.n == 0 && c->u->cellvars.vec.n == 0)
        flags |= PY_CO_NOFREE;
    return flags;
}

py_object_t *py_cc_assemble(py_compiler_t *c, bool add_none)
{
    py_cunit_t *u = c->u;
    /* Code that can fall off the end returns None. */
    if (!u->curblock->returns) {
        if (py_cc_next_block(c) < 0)
            return NULL;
        if (add_none && py_cc_addop_const(c, PY_OP_LOAD_CONST, py_None) < 0)
            return NULL;
        if (py_cc_addop(c, PY_OP_RETURN_VALUE) < 0)
            return NULL;
    }
    if (!u->firstlineno) {
        if (u->entry->iused)
            u->firstlineno = u->entry->instr[0].lineno;
        else
            u->firstlineno = 1;
    }
    py_assembled_t a;
    if (py_assemble(c->arena, u->entry, u->firstlineno, &a) < 0)
        return NULL;
    py_objvec_t consts = u->consts.vec;   /* the peephole appends */
    size_t codelen = a.codelen;
    if (py_peephole(c->arena, a.code, &codelen, a.lnotab, a.lnotablen,
                    &consts, &u->names.vec) < 0)
        return NULL;
    int depth = py_stackdepth(c->arena, u->blocks, u->entry);
    if (depth < 0)
        return NULL;
    int flags = code_flags(c);
    py_object_t *code = py_str_from_bytes((const char *)a.code, codelen);
    py_object_t *lnotab = py_str_from_bytes((const char *)a.lnotab,
                                            a.lnotablen);
    py_object_t *tconsts = vec_to_tuple(&consts);
    py_object_t *names = vec_to_tuple(&u->names.vec);
    py_object_t *varnames = vec_to_tuple(&u->varnames.vec);
    py_object_t *freevars = vec_to_tuple(&u->freevars.vec);
    py_object_t *cellvars = vec_to_tuple(&u->cellvars.vec);
    if (!code || !lnotab || !tconsts || !names || !varnames || !freevars ||
        !cellvars)
        return NULL;
    return py_code_new(u->argcount, (int)u->varnames.vec.n, depth, flags,
                       code, tconsts, names, varnames, freevars, cellvars,
                       c->filename, u->name, u->firstlineno, lnotab);
}

/* ---- functions, classes, closures ---- */

int py_cc_make_closure(py_compiler_t *c, py_object_t *co, int args)
{
    py_object_t *free = py_code_freevars(co);
    size_t nfree = py_tuple_size(free);
    if (nfree == 0) {
        ADDOP_CONST(co);
        ADDOP_I(PY_OP_MAKE_FUNCTION, args);
        return 0;
    }
    for (size_t i = 0; i < nfree; i++) {
        py_object_t *name = py_tuple_get_item(free, i);
        /* A name both free in a method and bound in the class is a
           local (CELL test first), as CPython's get_ref_type. */
        long arg;
        if (py_ste_scope(c->u->ste, name) == PY_SCOPE_CELL) {
            arg = objmap_lookup(&c->u->cellvars, name);
        } else {
            arg = objmap_lookup(&c->u->freevars, name);
            if (arg >= 0)
                arg += (long)c->u->cellvars.vec.n;
        }
        if (arg < 0) {
            py_err_format(py_exc_SystemError_type,
                          "compiler_make_closure: no slot for '%s' in %s",
                          py_str_data(name), py_str_data(c->u->name));
            return -1;
        }
        ADDOP_I(PY_OP_LOAD_CLOSURE, (int)arg);
    }
    ADDOP_I(PY_OP_BUILD_TUPLE, (int)nfree);
    ADDOP_CONST(co);
    ADDOP_I(PY_OP_MAKE_CLOSURE, args);
    return 0;
}

/* Tuple parameters: unpack ".N" into the names at the function's start. */
NOINLINE int py_cc_arguments(py_compiler_t *c, py_ast_arguments_t *args)
{
    for (size_t i = 0; i < args->args.n; i++) {
        py_ast_expr_t *arg = args->args.items[i];
        if (arg->kind != PY_EXPR_TUPLE)
            continue;
        char buf[32];
        snprintf(buf, sizeof buf, ".%zu", i);
        py_object_t *id = py_cc_intern(buf);
        if (!id)
            return -1;
        TRY(py_cc_nameop(c, id, PY_CTX_LOAD));
        TRY(py_cc_visit_expr(c, arg));
    }
    return 0;
}
