/* symtable.c -- Python 2.7 scoping (CPython 2.7's Python/symtable.c,
 * reimplemented): the AST walk that records raw facts per block, then the
 * analysis that decides scopes and cells.  See symtable.h. */
#include "interp/symtable.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp/compile_internal.h"
#include "interp/errors.h"
#include "interp/objects/stringobject.h"

/* ---- pointer hashing ---- */

static size_t ptr_hash(const void *p)
{
    uintptr_t x = (uintptr_t)p;
    x ^= x >> 17;
    x *= 0x9E3779B97F4A7C15ull;
    return (size_t)(x ^ (x >> 29));
}

/* ---- name sets (the dicts-of-None of CPython's analysis) ---- */

typedef struct {
    py_arena_t *arena;
    py_object_t **keys;      /* insertion order; NULL = removed */
    int n, cap;
    int *index;              /* -1 empty, -2 removed, else position */
    int mask;
    int live;
} nameset_t;

static int ns_init(nameset_t *s, py_arena_t *arena)
{
    memset(s, 0, sizeof *s);
    s->arena = arena;
    return 0;
}

static int ns_find(const nameset_t *s, py_object_t *k)
{
    if (!s->index)
        return -1;
    size_t i = ptr_hash(k) & (size_t)s->mask;
    for (;;) {
        int v = s->index[i];
        if (v == -1)
            return -1;
        if (v >= 0 && s->keys[v] == k)
            return v;
        i = (i + 1) & (size_t)s->mask;
    }
}

static bool ns_has(const nameset_t *s, py_object_t *k)
{
    return ns_find(s, k) >= 0;
}

static int ns_rebuild(nameset_t *s, int cap)
{
    py_object_t **keys = py_arena_alloc(s->arena, (size_t)cap * sizeof *keys);
    int size = 16;
    while (size < cap * 2)
        size *= 2;
    int *index = py_arena_bytes(s->arena, (size_t)size * sizeof(int));
    if (!keys || !index)
        return -1;
    memset(index, 0xff, (size_t)size * sizeof(int));
    int n = 0;
    for (int j = 0; j < s->n; j++) {
        if (!s->keys[j])
            continue;
        keys[n] = s->keys[j];
        size_t i = ptr_hash(keys[n]) & (size_t)(size - 1);
        while (index[i] != -1)
            i = (i + 1) & (size_t)(size - 1);
        index[i] = n++;
    }
    s->keys = keys;
    s->n = n;
    s->cap = cap;
    s->index = index;
    s->mask = size - 1;
    return 0;
}

static int ns_add(nameset_t *s, py_object_t *k)
{
    if (ns_find(s, k) >= 0)
        return 0;
    if (s->n == s->cap && ns_rebuild(s, s->cap ? s->cap * 2 : 8) < 0)
        return -1;
    size_t i = ptr_hash(k) & (size_t)s->mask;
    while (s->index[i] >= 0)
        i = (i + 1) & (size_t)s->mask;
    s->keys[s->n] = k;
    s->index[i] = s->n++;
    s->live++;
    return 0;
}

static void ns_remove(nameset_t *s, py_object_t *k)
{
    if (!s->index)
        return;
    size_t i = ptr_hash(k) & (size_t)s->mask;
    for (;;) {
        int v = s->index[i];
        if (v == -1)
            return;
        if (v >= 0 && s->keys[v] == k) {
            s->keys[v] = NULL;
            s->index[i] = -2;
            s->live--;
            return;
        }
        i = (i + 1) & (size_t)s->mask;
    }
}

static int ns_update(nameset_t *dst, const nameset_t *src)
{
    for (int j = 0; j < src->n; j++)
        if (src->keys[j] && ns_add(dst, src->keys[j]) < 0)
            return -1;
    return 0;
}

/* ---- symbol table entries ---- */

py_symbol_t *py_ste_symbol(py_ste_t *ste, py_object_t *name)
{
    if (!ste->index)
        return NULL;
    size_t i = ptr_hash(name) & (size_t)ste->index_mask;
    for (;;) {
        int v = ste->index[i];
        if (v < 0)
            return NULL;
        if (ste->syms[v].name == name)
            return &ste->syms[v];
        i = (i + 1) & (size_t)ste->index_mask;
    }
}

py_scope_t py_ste_scope(py_ste_t *ste, py_object_t *name)
{
    py_symbol_t *s = py_ste_symbol(ste, name);
    return s ? s->scope : PY_SCOPE_NONE;
}

static py_symbol_t *ste_add_symbol(py_arena_t *arena, py_ste_t *ste,
                                   py_object_t *name)
{
    if (ste->nsyms == ste->capsyms) {
        int cap = ste->capsyms ? ste->capsyms * 2 : 8;
        py_symbol_t *ns = py_arena_alloc(arena, (size_t)cap * sizeof *ns);
        int size = 16;
        while (size < cap * 2)
            size *= 2;
        int *index = py_arena_bytes(arena, (size_t)size * sizeof(int));
        if (!ns || !index)
            return NULL;
        memset(index, 0xff, (size_t)size * sizeof(int));
        if (ste->nsyms)
            memcpy(ns, ste->syms, (size_t)ste->nsyms * sizeof *ns);
        for (int j = 0; j < ste->nsyms; j++) {
            size_t i = ptr_hash(ns[j].name) & (size_t)(size - 1);
            while (index[i] != -1)
                i = (i + 1) & (size_t)(size - 1);
            index[i] = j;
        }
        ste->syms = ns;
        ste->capsyms = cap;
        ste->index = index;
        ste->index_mask = size - 1;
    }
    int j = ste->nsyms++;
    ste->syms[j].name = name;
    ste->syms[j].flags = 0;
    ste->syms[j].scope = PY_SCOPE_NONE;
    size_t i = ptr_hash(name) & (size_t)ste->index_mask;
    while (ste->index[i] != -1)
        i = (i + 1) & (size_t)ste->index_mask;
    ste->index[i] = j;
    return &ste->syms[j];
}

/* ---- cell and free variable order ---- */

/* CPython 2.7.18 sorts the names (dictbytype sorts the symbol keys), so
   co_cellvars and co_freevars come out in str order. */
static int name_cmp(const void *pa, const void *pb)
{
    py_object_t *a = *(py_object_t *const *)pa;
    py_object_t *b = *(py_object_t *const *)pb;
    size_t la = py_str_len(a), lb = py_str_len(b);
    int r = memcmp(py_str_data(a), py_str_data(b), la < lb ? la : lb);
    if (r)
        return r;
    return la < lb ? -1 : la > lb;
}

int py_ste_names_by_scope(py_ste_t *ste, py_scope_t scope, int extra_flag,
                          py_objvec_t *out)
{
    size_t first = out->n;
    for (int j = 0; j < ste->nsyms; j++) {
        py_symbol_t *s = &ste->syms[j];
        if (s->scope == scope || (s->flags & extra_flag))
            if (py_objvec_append(out, s->name) < 0)
                return -1;
    }
    if (out->n - first > 1)
        qsort(out->items + first, out->n - first, sizeof(py_object_t *),
              name_cmp);
    return 0;
}

/* ---- building ---- */

/* Functions with large local buffers are kept out of line so that they
   do not enlarge the frames of the recursive visitors (an elif chain or
   an a.b.c... chain nests as deep as it is long). */
#define NOINLINE __attribute__((noinline))

NOINLINE py_object_t *py_mangle(py_object_t *private_name, py_object_t *name)
{
    const char *s = py_str_data(name);
    size_t nlen = py_str_len(name);
    if (!private_name || nlen < 2 || s[0] != '_' || s[1] != '_')
        return name;
    if ((s[nlen - 1] == '_' && s[nlen - 2] == '_') || memchr(s, '.', nlen))
        return name;
    const char *p = py_str_data(private_name);
    size_t plen = py_str_len(private_name);
    while (plen && *p == '_') {
        p++;
        plen--;
    }
    if (plen == 0)
        return name;
    /* "_" + class + name, built in a fresh str (GC memory: interning may
       collect, and an STM abort there must not leak a malloc'd buffer) */
    py_object_t *r = py_str_new_uninit(1 + plen + nlen);
    if (!r)
        return NULL;
    char *buf = py_str_writable_data(r);
    buf[0] = '_';
    memcpy(buf + 1, p, plen);
    memcpy(buf + 1 + plen, s, nlen);
    return py_str_intern(r);
}

static py_ste_t *ste_new(py_symtable_t *st, py_object_t *name,
                         py_block_type_t type, const void *key, int lineno)
{
    py_ste_t *ste = py_arena_alloc(st->arena, sizeof *ste);
    if (!ste)
        return NULL;
    ste->name = name;
    ste->type = type;
    ste->key = key;
    ste->lineno = lineno;
    ste->varnames.arena = st->arena;
    if (st->cur && (st->cur->nested || st->cur->type == PY_BLOCK_FUNCTION))
        ste->nested = true;
    if (st->nall == st->capall) {
        int cap = st->capall ? st->capall * 2 : 16;
        py_ste_t **na = py_arena_alloc(st->arena, (size_t)cap * sizeof *na);
        if (!na)
            return NULL;
        if (st->nall)
            memcpy(na, st->all, (size_t)st->nall * sizeof *na);
        st->all = na;
        st->capall = cap;
    }
    st->all[st->nall++] = ste;
    return ste;
}

static int enter_block(py_symtable_t *st, py_object_t *name,
                       py_block_type_t type, const void *key, int lineno)
{
    py_ste_t *ste = ste_new(st, name, type, key, lineno);
    if (!ste)
        return -1;
    py_ste_t *prev = st->cur;
    if (prev) {
        if (st->nstack == st->capstack) {
            int cap = st->capstack ? st->capstack * 2 : 16;
            py_ste_t **ns = py_arena_alloc(st->arena, (size_t)cap * sizeof *ns);
            if (!ns)
                return -1;
            if (st->nstack)
                memcpy(ns, st->stack, (size_t)st->nstack * sizeof *ns);
            st->stack = ns;
            st->capstack = cap;
        }
        st->stack[st->nstack++] = prev;
        if (prev->nchildren == prev->capchildren) {
            int cap = prev->capchildren ? prev->capchildren * 2 : 4;
            py_ste_t **nc = py_arena_alloc(st->arena, (size_t)cap * sizeof *nc);
            if (!nc)
                return -1;
            if (prev->nchildren)
                memcpy(nc, prev->children,
                       (size_t)prev->nchildren * sizeof *nc);
            prev->children = nc;
            prev->capchildren = cap;
        }
        prev->children[prev->nchildren++] = ste;
    }
    st->cur = ste;
    return 0;
}

static void exit_block(py_symtable_t *st)
{
    st->cur = st->nstack ? st->stack[--st->nstack] : NULL;
}

static NOINLINE int add_def(py_symtable_t *st, py_object_t *name, int flag)
{
    py_object_t *mangled = py_mangle(st->private_name, name);
    if (!mangled)
        return -1;
    py_symbol_t *s = py_ste_symbol(st->cur, mangled);
    if (s) {
        if ((flag & PY_DEF_PARAM) && (s->flags & PY_DEF_PARAM)) {
            char buf[400];
            snprintf(buf, sizeof buf,
                     "duplicate argument '%s' in function definition",
                     py_str_data(name));
            py_compile_syntax_error(st->arena, st->filename,
                                    st->cur->lineno, buf);
            return -1;
        }
        s->flags |= flag;
    } else {
        s = ste_add_symbol(st->arena, st->cur, mangled);
        if (!s)
            return -1;
        s->flags = flag;
    }
    if (flag & PY_DEF_PARAM) {
        if (py_objvec_append(&st->cur->varnames, mangled) < 0)
            return -1;
    } else if (flag & PY_DEF_GLOBAL) {
        py_symbol_t *g = py_ste_symbol(st->top, mangled);
        if (!g) {
            g = ste_add_symbol(st->arena, st->top, mangled);
            if (!g)
                return -1;
        }
        g->flags |= flag;
    }
    return 0;
}

static int lookup_flags(py_symtable_t *st, py_object_t *name)
{
    py_object_t *mangled = py_mangle(st->private_name, name);
    if (!mangled)
        return -1;
    py_symbol_t *s = py_ste_symbol(st->cur, mangled);
    return s ? s->flags : 0;
}

static py_object_t *intern_cstr(const char *s)
{
    return py_str_intern_bytes(s, strlen(s));
}

static NOINLINE int implicit_arg(py_symtable_t *st, int pos)
{
    char buf[32];
    snprintf(buf, sizeof buf, ".%d", pos);
    py_object_t *id = intern_cstr(buf);
    if (!id)
        return -1;
    return add_def(st, id, PY_DEF_PARAM);
}

static int visit_stmt(py_symtable_t *st, py_ast_stmt_t *s);
static int visit_expr(py_symtable_t *st, py_ast_expr_t *e);

static int visit_stmts(py_symtable_t *st, py_ast_stmt_seq_t *seq)
{
    for (size_t i = 0; i < seq->n; i++)
        if (visit_stmt(st, seq->items[i]) < 0)
            return -1;
    return 0;
}

static int visit_exprs(py_symtable_t *st, py_ast_expr_seq_t *seq)
{
    for (size_t i = 0; i < seq->n; i++)
        if (visit_expr(st, seq->items[i]) < 0)
            return -1;
    return 0;
}

static int visit_params(py_symtable_t *st, py_ast_expr_seq_t *args,
                        bool toplevel);

static int visit_params_nested(py_symtable_t *st, py_ast_expr_seq_t *args)
{
    for (size_t i = 0; i < args->n; i++) {
        py_ast_expr_t *a = args->items[i];
        if (a->kind == PY_EXPR_TUPLE &&
            visit_params(st, &a->v.Tuple.elts, false) < 0)
            return -1;
    }
    return 0;
}

static int visit_params(py_symtable_t *st, py_ast_expr_seq_t *args,
                        bool toplevel)
{
    for (size_t i = 0; i < args->n; i++) {
        py_ast_expr_t *a = args->items[i];
        if (a->kind == PY_EXPR_NAME) {
            if (add_def(st, a->v.Name.id, PY_DEF_PARAM) < 0)
                return -1;
        } else if (a->kind == PY_EXPR_TUPLE) {
            if (toplevel && implicit_arg(st, (int)i) < 0)
                return -1;
        } else {
            py_compile_syntax_error(st->arena, st->filename, st->cur->lineno,
                                    "invalid expression in parameter list");
            return -1;
        }
    }
    if (!toplevel)
        return visit_params_nested(st, args);
    return 0;
}

static int visit_arguments(py_symtable_t *st, py_ast_arguments_t *a)
{
    if (visit_params(st, &a->args, true) < 0)
        return -1;
    if (a->vararg) {
        if (add_def(st, a->vararg, PY_DEF_PARAM) < 0)
            return -1;
        st->cur->varargs = true;
    }
    if (a->kwarg) {
        if (add_def(st, a->kwarg, PY_DEF_PARAM) < 0)
            return -1;
        st->cur->varkeywords = true;
    }
    return visit_params_nested(st, &a->args);
}

static int symtable_warn(py_symtable_t *st, const char *msg, int lineno)
{
    py_compile_warn(st->arena, st->filename, lineno, msg);
    return 0;
}

static int visit_alias(py_symtable_t *st, py_ast_alias_t *a)
{
    py_object_t *name = a->asname ? a->asname : a->name;
    const char *base = py_str_data(name);
    if (strcmp(base, "*") == 0) {
        if (st->cur->type != PY_BLOCK_MODULE &&
            symtable_warn(st, "import * only allowed at module level",
                          st->cur->lineno) < 0)
            return -1;
        st->cur->unoptimized |= PY_OPT_IMPORT_STAR;
        return 0;
    }
    const char *dot = strchr(base, '.');
    py_object_t *store = name;
    if (dot) {
        store = py_str_intern_bytes(base, (size_t)(dot - base));
        if (!store)
            return -1;
    }
    return add_def(st, store, PY_DEF_IMPORT);
}

static int visit_slice(py_symtable_t *st, py_ast_slice_t *s)
{
    switch (s->kind) {
    case PY_SLICE_SLICE:
        if (s->v.Slice.lower && visit_expr(st, s->v.Slice.lower) < 0)
            return -1;
        if (s->v.Slice.upper && visit_expr(st, s->v.Slice.upper) < 0)
            return -1;
        if (s->v.Slice.step && visit_expr(st, s->v.Slice.step) < 0)
            return -1;
        return 0;
    case PY_SLICE_EXT_SLICE:
        for (size_t i = 0; i < s->v.ExtSlice.dims.n; i++)
            if (visit_slice(st, s->v.ExtSlice.dims.items[i]) < 0)
                return -1;
        return 0;
    case PY_SLICE_INDEX:
        return visit_expr(st, s->v.Index.value);
    default:
        return 0;
    }
}

static int visit_comprehension(py_symtable_t *st, py_ast_comprehension_t *c)
{
    if (visit_expr(st, c->target) < 0 || visit_expr(st, c->iter) < 0)
        return -1;
    return visit_exprs(st, &c->ifs);
}

static NOINLINE int new_tmpname(py_symtable_t *st)
{
    char buf[32];
    snprintf(buf, sizeof buf, "_[%d]", ++st->cur->tmpname);
    py_object_t *tmp = intern_cstr(buf);
    if (!tmp)
        return -1;
    return add_def(st, tmp, PY_DEF_LOCAL);
}

static int handle_comprehension(py_symtable_t *st, py_ast_expr_t *e,
                                const char *scope_name,
                                py_ast_comprehension_seq_t *gens,
                                py_ast_expr_t *elt, py_ast_expr_t *value)
{
    bool is_generator = e->kind == PY_EXPR_GENERATOR_EXP;
    py_ast_comprehension_t *outermost = gens->items[0];
    /* The outermost iterable is evaluated in the enclosing scope. */
    if (visit_expr(st, outermost->iter) < 0)
        return -1;
    py_object_t *name = intern_cstr(scope_name);
    if (!name || enter_block(st, name, PY_BLOCK_FUNCTION, e, 0) < 0)
        return -1;
    st->cur->generator = is_generator;
    if (implicit_arg(st, 0) < 0)
        return -1;
    if (!is_generator && new_tmpname(st) < 0)
        return -1;
    if (visit_expr(st, outermost->target) < 0 ||
        visit_exprs(st, &outermost->ifs) < 0)
        return -1;
    for (size_t i = 1; i < gens->n; i++)
        if (visit_comprehension(st, gens->items[i]) < 0)
            return -1;
    if (value && visit_expr(st, value) < 0)
        return -1;
    if (visit_expr(st, elt) < 0)
        return -1;
    exit_block(st);
    return 0;
}

static int visit_expr(py_symtable_t *st, py_ast_expr_t *e)
{
    switch (e->kind) {
    case PY_EXPR_BOOL_OP:
        return visit_exprs(st, &e->v.BoolOp.values);
    case PY_EXPR_BIN_OP:
        if (visit_expr(st, e->v.BinOp.left) < 0)
            return -1;
        return visit_expr(st, e->v.BinOp.right);
    case PY_EXPR_UNARY_OP:
        return visit_expr(st, e->v.UnaryOp.operand);
    case PY_EXPR_LAMBDA: {
        if (visit_exprs(st, &e->v.Lambda.args->defaults) < 0)
            return -1;
        py_object_t *name = intern_cstr("lambda");
        if (!name ||
            enter_block(st, name, PY_BLOCK_FUNCTION, e, e->lineno) < 0)
            return -1;
        if (visit_arguments(st, e->v.Lambda.args) < 0 ||
            visit_expr(st, e->v.Lambda.body) < 0)
            return -1;
        exit_block(st);
        return 0;
    }
    case PY_EXPR_IF_EXP:
        if (visit_expr(st, e->v.IfExp.test) < 0 ||
            visit_expr(st, e->v.IfExp.body) < 0)
            return -1;
        return visit_expr(st, e->v.IfExp.orelse);
    case PY_EXPR_DICT:
        if (visit_exprs(st, &e->v.Dict.keys) < 0)
            return -1;
        return visit_exprs(st, &e->v.Dict.values);
    case PY_EXPR_SET:
        return visit_exprs(st, &e->v.Set.elts);
    case PY_EXPR_LIST_COMP:
        if (visit_expr(st, e->v.ListComp.elt) < 0)
            return -1;
        for (size_t i = 0; i < e->v.ListComp.generators.n; i++)
            if (visit_comprehension(st, e->v.ListComp.generators.items[i]) < 0)
                return -1;
        return 0;
    case PY_EXPR_GENERATOR_EXP:
        return handle_comprehension(st, e, "genexpr",
                                    &e->v.GeneratorExp.generators,
                                    e->v.GeneratorExp.elt, NULL);
    case PY_EXPR_SET_COMP:
        return handle_comprehension(st, e, "setcomp",
                                    &e->v.SetComp.generators,
                                    e->v.SetComp.elt, NULL);
    case PY_EXPR_DICT_COMP:
        return handle_comprehension(st, e, "dictcomp",
                                    &e->v.DictComp.generators,
                                    e->v.DictComp.key, e->v.DictComp.value);
    case PY_EXPR_YIELD:
        if (e->v.Yield.value && visit_expr(st, e->v.Yield.value) < 0)
            return -1;
        st->cur->generator = true;
        if (st->cur->returns_value) {
            py_compile_syntax_error(st->arena, st->filename, e->lineno,
                                    "'return' with argument inside generator");
            return -1;
        }
        return 0;
    case PY_EXPR_COMPARE:
        if (visit_expr(st, e->v.Compare.left) < 0)
            return -1;
        return visit_exprs(st, &e->v.Compare.comparators);
    case PY_EXPR_CALL:
        if (visit_expr(st, e->v.Call.func) < 0 ||
            visit_exprs(st, &e->v.Call.args) < 0)
            return -1;
        for (size_t i = 0; i < e->v.Call.keywords.n; i++)
            if (visit_expr(st, e->v.Call.keywords.items[i]->value) < 0)
                return -1;
        if (e->v.Call.starargs && visit_expr(st, e->v.Call.starargs) < 0)
            return -1;
        if (e->v.Call.kwargs && visit_expr(st, e->v.Call.kwargs) < 0)
            return -1;
        return 0;
    case PY_EXPR_REPR:
        return visit_expr(st, e->v.Repr.value);
    case PY_EXPR_NUM:
    case PY_EXPR_STR:
        return 0;
    case PY_EXPR_ATTRIBUTE:
        return visit_expr(st, e->v.Attribute.value);
    case PY_EXPR_SUBSCRIPT:
        if (visit_expr(st, e->v.Subscript.value) < 0)
            return -1;
        return visit_slice(st, e->v.Subscript.slice);
    case PY_EXPR_NAME:
        return add_def(st, e->v.Name.id,
                       e->v.Name.ctx == PY_CTX_LOAD ? PY_DEF_USE : PY_DEF_LOCAL);
    case PY_EXPR_LIST:
        return visit_exprs(st, &e->v.List.elts);
    case PY_EXPR_TUPLE:
        return visit_exprs(st, &e->v.Tuple.elts);
    default:
        py_err_format(py_exc_SystemError_type,
                      "symtable: unknown expression kind %d", (int)e->kind);
        return -1;
    }
}

static NOINLINE int visit_global(py_symtable_t *st, py_ast_stmt_t *s)
{
    for (size_t i = 0; i < s->v.Global.names.n; i++) {
        py_object_t *name = s->v.Global.names.items[i];
        int cur = lookup_flags(st, name);
        if (cur < 0)
            return -1;
        if (cur & (PY_DEF_LOCAL | PY_DEF_USE)) {
            char buf[512];
            snprintf(buf, sizeof buf,
                     (cur & PY_DEF_LOCAL)
                         ? "name '%.400s' is assigned to before global declaration"
                         : "name '%.400s' is used prior to global declaration",
                     py_str_data(name));
            if (symtable_warn(st, buf, s->lineno) < 0)
                return -1;
        }
        if (add_def(st, name, PY_DEF_GLOBAL) < 0)
            return -1;
    }
    return 0;
}

static int visit_stmt(py_symtable_t *st, py_ast_stmt_t *s)
{
    switch (s->kind) {
    case PY_STMT_FUNCTION_DEF:
        if (add_def(st, s->v.FunctionDef.name, PY_DEF_LOCAL) < 0 ||
            visit_exprs(st, &s->v.FunctionDef.args->defaults) < 0 ||
            visit_exprs(st, &s->v.FunctionDef.decorator_list) < 0)
            return -1;
        if (enter_block(st, s->v.FunctionDef.name, PY_BLOCK_FUNCTION, s,
                        s->lineno) < 0)
            return -1;
        if (visit_arguments(st, s->v.FunctionDef.args) < 0 ||
            visit_stmts(st, &s->v.FunctionDef.body) < 0)
            return -1;
        exit_block(st);
        return 0;
    case PY_STMT_CLASS_DEF: {
        if (add_def(st, s->v.ClassDef.name, PY_DEF_LOCAL) < 0 ||
            visit_exprs(st, &s->v.ClassDef.bases) < 0 ||
            visit_exprs(st, &s->v.ClassDef.decorator_list) < 0)
            return -1;
        if (enter_block(st, s->v.ClassDef.name, PY_BLOCK_CLASS, s,
                        s->lineno) < 0)
            return -1;
        py_object_t *saved = st->private_name;
        st->private_name = s->v.ClassDef.name;
        if (visit_stmts(st, &s->v.ClassDef.body) < 0)
            return -1;
        st->private_name = saved;
        exit_block(st);
        return 0;
    }
    case PY_STMT_RETURN:
        if (s->v.Return.value) {
            if (visit_expr(st, s->v.Return.value) < 0)
                return -1;
            st->cur->returns_value = true;
            if (st->cur->generator) {
                py_compile_syntax_error(st->arena, st->filename, s->lineno,
                                        "'return' with argument inside generator");
                return -1;
            }
        }
        return 0;
    case PY_STMT_DELETE:
        return visit_exprs(st, &s->v.Delete.targets);
    case PY_STMT_ASSIGN:
        if (visit_exprs(st, &s->v.Assign.targets) < 0)
            return -1;
        return visit_expr(st, s->v.Assign.value);
    case PY_STMT_AUG_ASSIGN:
        if (visit_expr(st, s->v.AugAssign.target) < 0)
            return -1;
        return visit_expr(st, s->v.AugAssign.value);
    case PY_STMT_PRINT:
        if (s->v.Print.dest && visit_expr(st, s->v.Print.dest) < 0)
            return -1;
        return visit_exprs(st, &s->v.Print.values);
    case PY_STMT_FOR:
        if (visit_expr(st, s->v.For.target) < 0 ||
            visit_expr(st, s->v.For.iter) < 0 ||
            visit_stmts(st, &s->v.For.body) < 0)
            return -1;
        return visit_stmts(st, &s->v.For.orelse);
    case PY_STMT_WHILE:
        if (visit_expr(st, s->v.While.test) < 0 ||
            visit_stmts(st, &s->v.While.body) < 0)
            return -1;
        return visit_stmts(st, &s->v.While.orelse);
    case PY_STMT_IF:
        /* An elif chain is a chain of nested Ifs: walk it in a loop. */
        for (;;) {
            if (visit_expr(st, s->v.If.test) < 0 ||
                visit_stmts(st, &s->v.If.body) < 0)
                return -1;
            if (s->v.If.orelse.n == 1 &&
                s->v.If.orelse.items[0]->kind == PY_STMT_IF) {
                s = s->v.If.orelse.items[0];
                continue;
            }
            return visit_stmts(st, &s->v.If.orelse);
        }
    case PY_STMT_RAISE:
        if (s->v.Raise.type) {
            if (visit_expr(st, s->v.Raise.type) < 0)
                return -1;
            if (s->v.Raise.inst) {
                if (visit_expr(st, s->v.Raise.inst) < 0)
                    return -1;
                if (s->v.Raise.tback && visit_expr(st, s->v.Raise.tback) < 0)
                    return -1;
            }
        }
        return 0;
    case PY_STMT_TRY_EXCEPT:
        if (visit_stmts(st, &s->v.TryExcept.body) < 0 ||
            visit_stmts(st, &s->v.TryExcept.orelse) < 0)
            return -1;
        for (size_t i = 0; i < s->v.TryExcept.handlers.n; i++) {
            py_ast_excepthandler_t *h = s->v.TryExcept.handlers.items[i];
            if (h->v.ExceptHandler.type &&
                visit_expr(st, h->v.ExceptHandler.type) < 0)
                return -1;
            if (h->v.ExceptHandler.name &&
                visit_expr(st, h->v.ExceptHandler.name) < 0)
                return -1;
            if (visit_stmts(st, &h->v.ExceptHandler.body) < 0)
                return -1;
        }
        return 0;
    case PY_STMT_TRY_FINALLY:
        if (visit_stmts(st, &s->v.TryFinally.body) < 0)
            return -1;
        return visit_stmts(st, &s->v.TryFinally.finalbody);
    case PY_STMT_ASSERT:
        if (visit_expr(st, s->v.Assert.test) < 0)
            return -1;
        if (s->v.Assert.msg && visit_expr(st, s->v.Assert.msg) < 0)
            return -1;
        return 0;
    case PY_STMT_IMPORT:
        for (size_t i = 0; i < s->v.Import.names.n; i++)
            if (visit_alias(st, s->v.Import.names.items[i]) < 0)
                return -1;
        if (st->cur->unoptimized && !st->cur->opt_lineno)
            st->cur->opt_lineno = s->lineno;
        return 0;
    case PY_STMT_IMPORT_FROM:
        for (size_t i = 0; i < s->v.ImportFrom.names.n; i++)
            if (visit_alias(st, s->v.ImportFrom.names.items[i]) < 0)
                return -1;
        if (st->cur->unoptimized && !st->cur->opt_lineno)
            st->cur->opt_lineno = s->lineno;
        return 0;
    case PY_STMT_EXEC:
        if (visit_expr(st, s->v.Exec.body) < 0)
            return -1;
        if (!st->cur->opt_lineno)
            st->cur->opt_lineno = s->lineno;
        if (s->v.Exec.globals) {
            st->cur->unoptimized |= PY_OPT_EXEC;
            if (visit_expr(st, s->v.Exec.globals) < 0)
                return -1;
            if (s->v.Exec.locals && visit_expr(st, s->v.Exec.locals) < 0)
                return -1;
        } else {
            st->cur->unoptimized |= PY_OPT_BARE_EXEC;
        }
        return 0;
    case PY_STMT_GLOBAL:
        return visit_global(st, s);
    case PY_STMT_EXPR:
        return visit_expr(st, s->v.Expr.value);
    case PY_STMT_PASS:
    case PY_STMT_BREAK:
    case PY_STMT_CONTINUE:
        return 0;
    case PY_STMT_WITH:
        if (visit_expr(st, s->v.With.context_expr) < 0)
            return -1;
        if (s->v.With.optional_vars &&
            visit_expr(st, s->v.With.optional_vars) < 0)
            return -1;
        return visit_stmts(st, &s->v.With.body);
    default:
        py_err_format(py_exc_SystemError_type,
                      "symtable: unknown statement kind %d", (int)s->kind);
        return -1;
    }
}

/* ---- analysis ---- */

/* Decides the scope of one name (CPython's analyze_name). */
static int analyze_name(py_symtable_t *st, py_ste_t *ste, py_symbol_t *sym,
                        nameset_t *bound, nameset_t *local, nameset_t *free,
                        nameset_t *global)
{
    py_object_t *name = sym->name;
    int flags = sym->flags;
    if (flags & PY_DEF_GLOBAL) {
        if (flags & PY_DEF_PARAM) {
            char buf[400];
            snprintf(buf, sizeof buf, "name '%s' is local and global",
                     py_str_data(name));
            py_compile_syntax_error(st->arena, st->filename, ste->lineno, buf);
            return -1;
        }
        sym->scope = PY_SCOPE_GLOBAL_EXPLICIT;
        if (ns_add(global, name) < 0)
            return -1;
        if (bound)
            ns_remove(bound, name);
        return 0;
    }
    if (flags & PY_DEF_BOUND) {
        sym->scope = PY_SCOPE_LOCAL;
        if (ns_add(local, name) < 0)
            return -1;
        ns_remove(global, name);
        return 0;
    }
    if (bound && ns_has(bound, name)) {
        sym->scope = PY_SCOPE_FREE;
        ste->has_free = true;
        return ns_add(free, name);
    }
    if (global && ns_has(global, name)) {
        sym->scope = PY_SCOPE_GLOBAL_IMPLICIT;
        return 0;
    }
    if (ste->nested)
        ste->has_free = true;
    sym->scope = PY_SCOPE_GLOBAL_IMPLICIT;
    return 0;
}

/* Locals that a child uses freely become cells, and leave FREE. */
static void analyze_cells(py_ste_t *ste, nameset_t *free)
{
    for (int j = 0; j < ste->nsyms; j++) {
        py_symbol_t *s = &ste->syms[j];
        if (s->scope != PY_SCOPE_LOCAL || !ns_has(free, s->name))
            continue;
        s->scope = PY_SCOPE_CELL;
        ns_remove(free, s->name);
    }
}

static int check_unoptimized(py_symtable_t *st, py_ste_t *ste)
{
    if (ste->type != PY_BLOCK_FUNCTION || !ste->unoptimized ||
        !(ste->has_free || ste->child_free))
        return 0;
    const char *trailer = ste->child_free
        ? "contains a nested function with free variables"
        : "is a nested function";
    const char *name = py_str_data(ste->name);
    char buf[400];
    switch (ste->unoptimized) {
    case PY_OPT_TOPLEVEL:
    case PY_OPT_EXEC:
        return 0;
    case PY_OPT_IMPORT_STAR:
        snprintf(buf, sizeof buf,
                 "import * is not allowed in function '%.100s' because it %s",
                 name, trailer);
        break;
    case PY_OPT_BARE_EXEC:
        snprintf(buf, sizeof buf,
                 "unqualified exec is not allowed in function '%.100s' "
                 "because it %s", name, trailer);
        break;
    default:
        snprintf(buf, sizeof buf,
                 "function '%.100s' uses import * and bare exec, which are "
                 "illegal because it %s", name, trailer);
        break;
    }
    py_compile_syntax_error(st->arena, st->filename, ste->opt_lineno, buf);
    return -1;
}

/* Records the final scopes; free names of children that this block does
   not know become FREE symbols (pass-through closures), and names free in
   a method but bound in a class get DEF_FREE_CLASS. */
static int update_symbols(py_symtable_t *st, py_ste_t *ste, nameset_t *bound,
                          nameset_t *free, bool classflag)
{
    for (int j = 0; j < free->n; j++) {
        py_object_t *name = free->keys[j];
        if (!name)
            continue;
        py_symbol_t *s = py_ste_symbol(ste, name);
        if (s) {
            if (classflag && (s->flags & (PY_DEF_BOUND | PY_DEF_GLOBAL)))
                s->flags |= PY_DEF_FREE_CLASS;
            continue;
        }
        if (!bound || !ns_has(bound, name))
            continue;       /* a global */
        s = ste_add_symbol(st->arena, ste, name);
        if (!s)
            return -1;
        s->flags = 0;
        s->scope = PY_SCOPE_FREE;
    }
    return 0;
}

static int analyze_block(py_symtable_t *st, py_ste_t *ste, nameset_t *bound,
                         nameset_t *free, nameset_t *global);

static int analyze_child(py_symtable_t *st, py_ste_t *child, nameset_t *bound,
                         nameset_t *free, nameset_t *global,
                         nameset_t *child_free)
{
    nameset_t tb, tf, tg;
    ns_init(&tb, st->arena);
    ns_init(&tf, st->arena);
    ns_init(&tg, st->arena);
    if (ns_update(&tb, bound) < 0 || ns_update(&tf, free) < 0 ||
        ns_update(&tg, global) < 0)
        return -1;
    if (analyze_block(st, child, &tb, &tf, &tg) < 0)
        return -1;
    return ns_update(child_free, &tf);
}

static int analyze_block(py_symtable_t *st, py_ste_t *ste, nameset_t *bound,
                         nameset_t *free, nameset_t *global)
{
    nameset_t local, newbound, newglobal, newfree, allfree;
    ns_init(&local, st->arena);
    ns_init(&newbound, st->arena);
    ns_init(&newglobal, st->arena);
    ns_init(&newfree, st->arena);
    ns_init(&allfree, st->arena);
    /* Class bindings are not visible in methods: the children of a class
       see what the class's parent saw. */
    if (ste->type == PY_BLOCK_CLASS) {
        if (ns_update(&newglobal, global) < 0)
            return -1;
        if (bound && ns_update(&newbound, bound) < 0)
            return -1;
    }
    for (int j = 0; j < ste->nsyms; j++)
        if (analyze_name(st, ste, &ste->syms[j], bound, &local, free,
                         global) < 0)
            return -1;
    if (ste->type != PY_BLOCK_CLASS) {
        if (ste->type == PY_BLOCK_FUNCTION && ns_update(&newbound, &local) < 0)
            return -1;
        if (bound && ns_update(&newbound, bound) < 0)
            return -1;
        if (ns_update(&newglobal, global) < 0)
            return -1;
    }
    for (int i = 0; i < ste->nchildren; i++) {
        py_ste_t *c = ste->children[i];
        if (analyze_child(st, c, &newbound, &newfree, &newglobal,
                          &allfree) < 0)
            return -1;
        if (c->has_free || c->child_free)
            ste->child_free = true;
    }
    if (ns_update(&newfree, &allfree) < 0)
        return -1;
    if (ste->type == PY_BLOCK_FUNCTION)
        analyze_cells(ste, &newfree);
    if (update_symbols(st, ste, bound, &newfree,
                       ste->type == PY_BLOCK_CLASS) < 0)
        return -1;
    if (check_unoptimized(st, ste) < 0)
        return -1;
    return ns_update(free, &newfree);
}

static int build_key_index(py_symtable_t *st);

py_symtable_t *py_symtable_build(py_arena_t *arena, py_ast_mod_t *mod,
                                 py_object_t *filename, int future_flags)
{
    py_symtable_t *st = py_arena_alloc(arena, sizeof *st);
    if (!st)
        return NULL;
    st->arena = arena;
    st->filename = filename;
    st->future_flags = future_flags;
    py_object_t *top = intern_cstr("top");
    if (!top || enter_block(st, top, PY_BLOCK_MODULE, mod, 0) < 0)
        return NULL;
    st->top = st->cur;
    st->cur->unoptimized = PY_OPT_TOPLEVEL;
    switch (mod->kind) {
    case PY_MOD_MODULE:
        if (visit_stmts(st, &mod->v.Module.body) < 0)
            return NULL;
        break;
    case PY_MOD_INTERACTIVE:
        if (visit_stmts(st, &mod->v.Interactive.body) < 0)
            return NULL;
        break;
    case PY_MOD_EXPRESSION:
        if (visit_expr(st, mod->v.Expression.body) < 0)
            return NULL;
        break;
    default:
        py_err_set_string(py_exc_SystemError_type,
                          "this compiler does not handle Suites");
        return NULL;
    }
    exit_block(st);
    nameset_t free, global;
    ns_init(&free, arena);
    ns_init(&global, arena);
    if (analyze_block(st, st->top, NULL, &free, &global) < 0)
        return NULL;
    if (build_key_index(st) < 0)
        return NULL;
    return st;
}

/* Indexes every block by its AST node (open addressing over st->all), so
   that each compilation unit finds its block in constant time. */
static int build_key_index(py_symtable_t *st)
{
    size_t size = 16;
    while (size < (size_t)st->nall * 2)
        size *= 2;
    int *index = py_arena_bytes(st->arena, size * sizeof(int));
    if (!index)
        return -1;
    memset(index, 0xff, size * sizeof(int));
    for (int j = 0; j < st->nall; j++) {
        size_t i = ptr_hash(st->all[j]->key) & (size - 1);
        while (index[i] != -1)
            i = (i + 1) & (size - 1);
        index[i] = j;
    }
    st->key_index = index;
    st->key_mask = size - 1;
    return 0;
}

py_ste_t *py_symtable_lookup(py_symtable_t *st, const void *key)
{
    if (st->key_index) {
        size_t i = ptr_hash(key) & st->key_mask;
        for (;;) {
            int v = st->key_index[i];
            if (v < 0)
                break;
            if (st->all[v]->key == key)
                return st->all[v];
            i = (i + 1) & st->key_mask;
        }
    }
    py_err_set_string(py_exc_SystemError_type, "unknown symbol table entry");
    return NULL;
}
