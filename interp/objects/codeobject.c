/* codeobject.c -- code objects (CPython 2.7's Objects/codeobject.c):
 * every co_* field, PyCode_New's argument checks and interning, repr
 * "<code object NAME at 0x..., file "FILE", line N>", hash and equality
 * (the compiler's constant table relies on equal code objects comparing
 * equal, as CPython's). */
#include "interp/objects/codeobject.h"

#include <string.h>

#include "interp/errors.h"
#include "interp/objects/boolobject.h"
#include "interp/objects/noneobject.h"
#include "interp/objects/stringobject.h"
#include "interp/objects/tupleobject.h"

typedef struct py_code {
    gc_header_t hdr;
    int argcount, nlocals, stacksize, flags, firstlineno;
    py_object_t *code;          /* str: the bytecode */
    py_object_t *consts;        /* tuple */
    py_object_t *names;         /* tuple of interned str */
    py_object_t *varnames;      /* tuple of interned str */
    py_object_t *freevars;      /* tuple of interned str */
    py_object_t *cellvars;      /* tuple of interned str */
    py_object_t *filename;      /* str */
    py_object_t *name;          /* str */
    py_object_t *lnotab;        /* str: line number table */
} py_code_t;

#define CO(o) ((py_code_t *)(o))

static void code_trace(void *obj, gc_visitor_t *v)
{
    py_code_t *c = obj;
    gc_visit(v, c->code);
    gc_visit(v, c->consts);
    gc_visit(v, c->names);
    gc_visit(v, c->varnames);
    gc_visit(v, c->freevars);
    gc_visit(v, c->cellvars);
    gc_visit(v, c->filename);
    gc_visit(v, c->name);
    gc_visit(v, c->lnotab);
}

static py_object_t *code_repr(py_object_t *o)
{
    py_code_t *c = CO(o);
    const char *name = py_str_check(c->name) ? py_str_data(c->name) : "???";
    const char *file = py_str_check(c->filename) ? py_str_data(c->filename)
                                                 : "???";
    /* CPython formats the address with %p: "0x" and lowercase hex. */
    return py_str_from_format("<code object %.100s at %p, file \"%.300s\", "
                              "line %d>", name, (void *)o, file,
                              c->firstlineno);
}

static int64_t code_hash(py_object_t *o)
{
    py_code_t *c = CO(o);
    py_object_t *parts[] = {c->name, c->code, c->consts, c->names,
                            c->varnames, c->freevars, c->cellvars};
    int64_t h = 0;
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        int64_t k = py_object_hash(parts[i]);
        if (k == -1)
            return -1;
        h ^= k;
    }
    h ^= c->argcount ^ c->nlocals ^ c->flags;
    return h == -1 ? -2 : h;
}

/* Equal iff every field but filename, firstlineno and lnotab is equal
   (CPython 2.7's code_richcompare); no ordering. */
static py_object_t *code_richcompare(py_object_t *a, py_object_t *b, int op)
{
    if ((op != PY_EQ && op != PY_NE) || !py_code_check(a) || !py_code_check(b))
        return py_NotImplemented;
    py_code_t *x = CO(a), *y = CO(b);
    bool eq = x->argcount == y->argcount && x->nlocals == y->nlocals &&
              x->flags == y->flags && x->firstlineno == y->firstlineno;
    py_object_t *px[] = {x->name, x->code, x->consts, x->names, x->varnames,
                         x->freevars, x->cellvars};
    py_object_t *py[] = {y->name, y->code, y->consts, y->names, y->varnames,
                         y->freevars, y->cellvars};
    for (size_t i = 0; eq && i < sizeof px / sizeof px[0]; i++) {
        int k = py_object_richcompare_bool(px[i], py[i], PY_EQ);
        if (k < 0)
            return NULL;
        eq = k;
    }
    return py_bool_from_bool(op == PY_EQ ? eq : !eq);
}

const py_type_spec_t py_code_spec = {
    .name = "code",
    .basicsize = sizeof(py_code_t),
    .flags = PY_TPFLAG_IMMUTABLE,
    .base = &py_object_type,
    .trace = code_trace,
    .repr = code_repr,
    .hash = code_hash,
    .richcompare = code_richcompare,
};

bool py_code_check(py_object_t *o) { return py_type_of(o) == py_code_type; }

/* Is T a tuple of exact strs? */
static bool tuple_of_str(py_object_t *t)
{
    if (!py_tuple_check(t))
        return false;
    for (size_t i = 0; i < py_tuple_size(t); i++)
        if (!py_str_check(py_tuple_get_item(t, i)))
            return false;
    return true;
}

/* Every byte in [A-Za-z0-9_] (an embedded NUL disqualifies, as in CPython
   2.7.18; the choice shows in marshal output as 't' vs 's'). */
static bool all_name_chars(py_object_t *s)
{
    const unsigned char *p = (const unsigned char *)py_str_data(s);
    for (size_t i = 0; i < py_str_len(s); i++) {
        unsigned char c = p[i];
        if (!(c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
              (c >= 'A' && c <= 'Z')))
            return false;
    }
    return true;
}

/* T with the strs selected by ALL (every str) or by all_name_chars
   replaced by their interned objects: T itself when nothing changes, else
   a new tuple (tuples are immutable; CPython interns in place). */
static py_object_t *intern_tuple(py_object_t *t, bool all)
{
    size_t n = py_tuple_size(t);
    py_object_t *out = NULL;
    for (size_t i = 0; i < n; i++) {
        py_object_t *s = py_tuple_get_item(t, i);
        if (!py_str_check_exact(s) || py_str_is_interned(s) ||
            (!all && !all_name_chars(s)))
            continue;
        py_object_t *in = py_str_intern(s);
        if (!in)
            return NULL;
        if (!out) {
            out = py_tuple_pack(n, py_tuple_items(t));
            if (!out)
                return NULL;
        }
        py_tuple_init_item(out, i, in);
    }
    return out ? out : t;
}

py_object_t *py_code_new(int argcount, int nlocals, int stacksize, int flags,
                         py_object_t *code, py_object_t *consts,
                         py_object_t *names, py_object_t *varnames,
                         py_object_t *freevars, py_object_t *cellvars,
                         py_object_t *filename, py_object_t *name,
                         int firstlineno, py_object_t *lnotab)
{
    if (argcount < 0 || nlocals < 0 || stacksize < 0 || !code ||
        !py_str_check(code) || !consts || !py_tuple_check(consts) ||
        !names || !tuple_of_str(names) || !varnames ||
        !tuple_of_str(varnames) || !freevars || !tuple_of_str(freevars) ||
        !cellvars || !tuple_of_str(cellvars) || !name || !py_str_check(name) ||
        !filename || !py_str_check(filename) || !lnotab ||
        !py_str_check(lnotab))
        return py_err_bad_internal_call();
    if (!(names = intern_tuple(names, true)) ||
        !(varnames = intern_tuple(varnames, true)) ||
        !(freevars = intern_tuple(freevars, true)) ||
        !(cellvars = intern_tuple(cellvars, true)) ||
        !(consts = intern_tuple(consts, false)))
        return NULL;
    py_object_t *o = py_object_alloc(py_code_type, sizeof(py_code_t));
    if (!o)
        return NULL;
    py_code_t *c = CO(o);
    c->argcount = argcount;
    c->nlocals = nlocals;
    c->stacksize = stacksize;
    c->flags = flags;
    c->code = code;
    c->consts = consts;
    c->names = names;
    c->varnames = varnames;
    c->freevars = freevars;
    c->cellvars = cellvars;
    c->filename = filename;
    c->name = name;
    c->firstlineno = firstlineno;
    c->lnotab = lnotab;
    return o;
}

int py_code_argcount(py_object_t *o) { return CO(o)->argcount; }
int py_code_nlocals(py_object_t *o) { return CO(o)->nlocals; }
int py_code_stacksize(py_object_t *o) { return CO(o)->stacksize; }
int py_code_flags(py_object_t *o) { return CO(o)->flags; }
py_object_t *py_code_code(py_object_t *o) { return CO(o)->code; }
py_object_t *py_code_consts(py_object_t *o) { return CO(o)->consts; }
py_object_t *py_code_names(py_object_t *o) { return CO(o)->names; }
py_object_t *py_code_varnames(py_object_t *o) { return CO(o)->varnames; }
py_object_t *py_code_freevars(py_object_t *o) { return CO(o)->freevars; }
py_object_t *py_code_cellvars(py_object_t *o) { return CO(o)->cellvars; }
py_object_t *py_code_filename(py_object_t *o) { return CO(o)->filename; }
py_object_t *py_code_name(py_object_t *o) { return CO(o)->name; }
int py_code_firstlineno(py_object_t *o) { return CO(o)->firstlineno; }
py_object_t *py_code_lnotab(py_object_t *o) { return CO(o)->lnotab; }
