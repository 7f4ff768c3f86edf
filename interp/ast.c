/* ast.c -- node construction, names, and the dumper (CPython 2.7's
 * ast.dump format), all driven by the table in ast.def.
 */
#include "interp/ast.h"

#include <string.h>

#include "interp/errors.h"
#include "interp/objects/stringobject.h"

/* ---- construction ---------------------------------------------------- */

py_ast_mod_t *py_ast_mod_new(py_arena_t *arena, py_ast_mod_kind_t kind)
{
    py_ast_mod_t *m = py_arena_alloc(arena, sizeof(*m));
    if (m != NULL)
        m->kind = kind;
    return m;
}

py_ast_stmt_t *py_ast_stmt_new(py_arena_t *arena, py_ast_stmt_kind_t kind,
                               int lineno, int col_offset)
{
    py_ast_stmt_t *s = py_arena_alloc(arena, sizeof(*s));
    if (s != NULL) {
        s->kind = kind;
        s->lineno = lineno;
        s->col_offset = col_offset;
    }
    return s;
}

py_ast_expr_t *py_ast_expr_new(py_arena_t *arena, py_ast_expr_kind_t kind,
                               int lineno, int col_offset)
{
    py_ast_expr_t *e = py_arena_alloc(arena, sizeof(*e));
    if (e != NULL) {
        e->kind = kind;
        e->lineno = lineno;
        e->col_offset = col_offset;
    }
    return e;
}

py_ast_slice_t *py_ast_slice_new(py_arena_t *arena, py_ast_slice_kind_t kind)
{
    py_ast_slice_t *s = py_arena_alloc(arena, sizeof(*s));
    if (s != NULL)
        s->kind = kind;
    return s;
}

/* ---- names ----------------------------------------------------------- */

#define NAME_LOOKUP(names, k)                                              \
    ((unsigned)(k) >= sizeof(names) / sizeof(names[0]) ? "?" : names[k])

static const char *const mod_names[] = { "?",
#define AST_MOD(Name, UPPER, FIELDS) #Name,
#include "interp/ast.def"
};
static const char *const stmt_names[] = { "?",
#define AST_STMT(Name, UPPER, FIELDS) #Name,
#include "interp/ast.def"
};
static const char *const expr_names[] = { "?",
#define AST_EXPR(Name, UPPER, FIELDS) #Name,
#include "interp/ast.def"
};
static const char *const slice_names[] = { "?",
#define AST_SLICE(Name, UPPER, FIELDS) #Name,
#include "interp/ast.def"
};

const char *py_ast_mod_name(py_ast_mod_kind_t k)
{
    return NAME_LOOKUP(mod_names, k);
}
const char *py_ast_stmt_name(py_ast_stmt_kind_t k)
{
    return NAME_LOOKUP(stmt_names, k);
}
const char *py_ast_expr_name(py_ast_expr_kind_t k)
{
    return NAME_LOOKUP(expr_names, k);
}
const char *py_ast_slice_name(py_ast_slice_kind_t k)
{
    return NAME_LOOKUP(slice_names, k);
}

#define AST_ENUM_BEGIN(name) \
    static const char *const name##_names[] = { "?",
#define AST_ENUM(name, CONSTANT, Name) #Name,
#define AST_ENUM_END(name) };
#include "interp/ast.def"

#define AST_ENUM_BEGIN(name)                                               \
    const char *py_ast_##name##_name(py_ast_##name##_t v)                  \
    {                                                                      \
        return NAME_LOOKUP(name##_names, v);                               \
    }
#include "interp/ast.def"

/* ---- the dumper ------------------------------------------------------ */

typedef struct {
    FILE *out;
    int failed;
    bool attrs;          /* include lineno / col_offset */
} dump_t;

static void dump_expr(dump_t *d, const py_ast_expr_t *e);
static void dump_stmt(dump_t *d, const py_ast_stmt_t *s);
static void dump_slice(dump_t *d, const py_ast_slice_t *s);
static void dump_handler(dump_t *d, const py_ast_excepthandler_t *h);
static void dump_comprehension(dump_t *d, const py_ast_comprehension_t *c);
static void dump_arguments(dump_t *d, const py_ast_arguments_t *a);
static void dump_keyword(dump_t *d, const py_ast_keyword_t *k);
static void dump_alias(dump_t *d, const py_ast_alias_t *a);

static void dump_object(dump_t *d, py_object_t *o)
{
    if (o == NULL) {
        fputs("None", d->out);
        return;
    }
    py_object_t *r = py_object_repr(o);
    if (r == NULL) {
        d->failed = 1;
        fputs("<repr failed>", d->out);
        return;
    }
    fwrite(py_str_data(r), 1, py_str_len(r), d->out);
}

#define DUMP_SEQ(d, seq, fn)                                               \
    do {                                                                   \
        fputc('[', (d)->out);                                              \
        for (size_t i_ = 0; i_ < (seq).n; i_++) {                          \
            if (i_)                                                        \
                fputs(", ", (d)->out);                                     \
            fn((d), (seq).items[i_]);                                      \
        }                                                                  \
        fputc(']', (d)->out);                                              \
    } while (0)

static void dump_opt_expr(dump_t *d, const py_ast_expr_t *e)
{
    if (e == NULL)
        fputs("None", d->out);
    else
        dump_expr(d, e);
}

static void dump_cmpop(dump_t *d, py_ast_cmpop_t op)
{
    fprintf(d->out, "%s()", py_ast_cmpop_name(op));
}

/* One dumper per field kind; SEP is "" for the first field. */
#define DUMP_IDENT(v)     dump_object(d, (v))
#define DUMP_OPT_IDENT(v) dump_object(d, (v))
#define DUMP_IDENTS(v)    DUMP_SEQ(d, (v), dump_object_)
#define DUMP_OBJECT(v)    dump_object(d, (v))
#define DUMP_EXPR(v)      dump_expr(d, (v))
#define DUMP_OPT_EXPR(v)  dump_opt_expr(d, (v))
#define DUMP_EXPRS(v)     DUMP_SEQ(d, (v), dump_expr)
#define DUMP_STMTS(v)     DUMP_SEQ(d, (v), dump_stmt)
#define DUMP_CTX(v)       fprintf(d->out, "%s()", py_ast_expr_context_name(v))
#define DUMP_SLICE(v)     dump_slice(d, (v))
#define DUMP_SLICES(v)    DUMP_SEQ(d, (v), dump_slice)
#define DUMP_BOOLOP(v)    fprintf(d->out, "%s()", py_ast_boolop_name(v))
#define DUMP_OPERATOR(v)  fprintf(d->out, "%s()", py_ast_operator_name(v))
#define DUMP_UNARYOP(v)   fprintf(d->out, "%s()", py_ast_unaryop_name(v))
#define DUMP_CMPOPS(v)    DUMP_SEQ(d, (v), dump_cmpop)
#define DUMP_COMPS(v)     DUMP_SEQ(d, (v), dump_comprehension)
#define DUMP_HANDLERS(v)  DUMP_SEQ(d, (v), dump_handler)
#define DUMP_ARGUMENTS(v) dump_arguments(d, (v))
#define DUMP_KEYWORDS(v)  DUMP_SEQ(d, (v), dump_keyword)
#define DUMP_ALIASES(v)   DUMP_SEQ(d, (v), dump_alias)
#define DUMP_BOOL(v)      fputs((v) ? "True" : "False", d->out)
#define DUMP_INT(v)       fprintf(d->out, "%d", (v))

static void dump_object_(dump_t *d, py_object_t *o) { dump_object(d, o); }

/* F(KIND, name) inside a constructor: prints ", name=value" (the first
   comma is dropped by `first`). */
#define FIELD_NONE(node, name)
#define FIELD_ANY(KIND, node, name)                                        \
    do {                                                                   \
        if (!first_)                                                       \
            fputs(", ", d->out);                                           \
        first_ = 0;                                                        \
        fputs(#name "=", d->out);                                          \
        DUMP_##KIND((node)->name);                                         \
    } while (0);

#define FIELD_IDENT(n, f)     FIELD_ANY(IDENT, n, f)
#define FIELD_OPT_IDENT(n, f) FIELD_ANY(OPT_IDENT, n, f)
#define FIELD_IDENTS(n, f)    FIELD_ANY(IDENTS, n, f)
#define FIELD_OBJECT(n, f)    FIELD_ANY(OBJECT, n, f)
#define FIELD_EXPR(n, f)      FIELD_ANY(EXPR, n, f)
#define FIELD_OPT_EXPR(n, f)  FIELD_ANY(OPT_EXPR, n, f)
#define FIELD_EXPRS(n, f)     FIELD_ANY(EXPRS, n, f)
#define FIELD_STMTS(n, f)     FIELD_ANY(STMTS, n, f)
#define FIELD_CTX(n, f)       FIELD_ANY(CTX, n, f)
#define FIELD_SLICE(n, f)     FIELD_ANY(SLICE, n, f)
#define FIELD_SLICES(n, f)    FIELD_ANY(SLICES, n, f)
#define FIELD_BOOLOP(n, f)    FIELD_ANY(BOOLOP, n, f)
#define FIELD_OPERATOR(n, f)  FIELD_ANY(OPERATOR, n, f)
#define FIELD_UNARYOP(n, f)   FIELD_ANY(UNARYOP, n, f)
#define FIELD_CMPOPS(n, f)    FIELD_ANY(CMPOPS, n, f)
#define FIELD_COMPS(n, f)     FIELD_ANY(COMPS, n, f)
#define FIELD_HANDLERS(n, f)  FIELD_ANY(HANDLERS, n, f)
#define FIELD_ARGUMENTS(n, f) FIELD_ANY(ARGUMENTS, n, f)
#define FIELD_KEYWORDS(n, f)  FIELD_ANY(KEYWORDS, n, f)
#define FIELD_ALIASES(n, f)   FIELD_ANY(ALIASES, n, f)
#define FIELD_BOOL(n, f)      FIELD_ANY(BOOL, n, f)
#define FIELD_INT(n, f)       FIELD_ANY(INT, n, f)

#define CASE(prefix, node, Name, UPPER, FIELDS)                            \
    case prefix##UPPER: {                                                  \
        int first_ = 1;                                                    \
        (void)first_;                                                      \
        const __typeof__(node->v.Name) *n_ = &node->v.Name;                \
        (void)n_;                                                          \
        fputs(#Name "(", d->out);                                          \
        FIELDS                                                             \
        POSITION(node);                                                    \
        fputc(')', d->out);                                                \
        break;                                                             \
    }
/* ast.dump(include_attributes=True) appends the position: ", " after
   fields, a lone " " when there were none. */
#define POSITION_OF(node)                                                  \
    do {                                                                   \
        if (d->attrs)                                                      \
            fprintf(d->out, "%slineno=%d, col_offset=%d",                  \
                    first_ ? " " : ", ", (node)->lineno,                   \
                    (node)->col_offset);                                   \
    } while (0)
#define F(KIND, name) FIELD_##KIND(n_, name)

#define POSITION(node) ((void)0)
static void dump_mod(dump_t *d, const py_ast_mod_t *m)
{
    switch (m->kind) {
#define AST_MOD(Name, UPPER, FIELDS) CASE(PY_MOD_, m, Name, UPPER, FIELDS)
#include "interp/ast.def"
    default:
        fputs("?", d->out);
    }
}

#undef POSITION
#define POSITION(node) POSITION_OF(node)
static void dump_stmt(dump_t *d, const py_ast_stmt_t *s)
{
    switch (s->kind) {
#define AST_STMT(Name, UPPER, FIELDS) CASE(PY_STMT_, s, Name, UPPER, FIELDS)
#include "interp/ast.def"
    default:
        fputs("?", d->out);
    }
}

static void dump_expr(dump_t *d, const py_ast_expr_t *e)
{
    switch (e->kind) {
#define AST_EXPR(Name, UPPER, FIELDS) CASE(PY_EXPR_, e, Name, UPPER, FIELDS)
#include "interp/ast.def"
    default:
        fputs("?", d->out);
    }
}

#undef POSITION
#define POSITION(node) ((void)0)
static void dump_slice(dump_t *d, const py_ast_slice_t *sl)
{
    switch (sl->kind) {
#define AST_SLICE(Name, UPPER, FIELDS) CASE(PY_SLICE_, sl, Name, UPPER, FIELDS)
#include "interp/ast.def"
    default:
        fputs("?", d->out);
    }
}

#undef POSITION
#define POSITION(node) POSITION_OF(node)
static void dump_handler(dump_t *d, const py_ast_excepthandler_t *h)
{
    switch (h->kind) {
#define AST_HANDLER(Name, UPPER, FIELDS) \
    CASE(PY_HANDLER_, h, Name, UPPER, FIELDS)
#include "interp/ast.def"
    default:
        fputs("?", d->out);
    }
}

#undef F
#define F(KIND, name) FIELD_##KIND(p, name)
#define AST_PRODUCT(name, FIELDS)                                          \
    static void dump_##name(dump_t *d, const py_ast_##name##_t *p)         \
    {                                                                      \
        int first_ = 1;                                                    \
        fputs(#name "(", d->out);                                          \
        FIELDS                                                             \
        fputc(')', d->out);                                                \
    }
#include "interp/ast.def"
#undef F

int py_ast_dump_ex(FILE *out, const py_ast_mod_t *mod,
                   bool include_attributes)
{
    dump_t d = { .out = out, .failed = 0, .attrs = include_attributes };
    dump_mod(&d, mod);
    return d.failed ? -1 : 0;
}

int py_ast_dump(FILE *out, const py_ast_mod_t *mod)
{
    return py_ast_dump_ex(out, mod, false);
}
