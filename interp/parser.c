/* parser.c -- the statement half of the recursive-descent parser, the
 * token plumbing and error reporting, future statements, and the entry
 * points py_parse_string / py_parse_file (see parser.h).
 *
 * Error positions follow CPython 2.7's parsetok.c + pythonrun.c err_input:
 * a token the grammar cannot take is reported at the tokenizer's current
 * position (offset = bytes from the start of the token's line to the end
 * of the offending token), with the text of that line; errors found while
 * building the tree (ast.c) carry only the line.
 */
#include "interp/parser.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "interp/errors.h"
#include "interp/objects/stringobject.h"
#include "interp/parser_internal.h"

#define SEQ(type, vec) ((type){ (vec).n, (void *)(vec).items })

/* ---- vectors -------------------------------------------------------- */

int pvec_push(parser_t *p, vec_t *v, void *item)
{
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 4;
        void **items = py_arena_alloc(p->arena, cap * sizeof(void *));
        if (items == NULL) {
            p->failed = true;
            return -1;
        }
        if (v->n)
            memcpy(items, v->items, v->n * sizeof(void *));
        v->items = items;
        v->cap = cap;
    }
    v->items[v->n++] = item;
    return 0;
}

/* ---- keywords ------------------------------------------------------- */

static const struct { const char *s; kw_t kw; } keywords[] = {
    {"and", KW_AND}, {"as", KW_AS}, {"assert", KW_ASSERT},
    {"break", KW_BREAK}, {"class", KW_CLASS}, {"continue", KW_CONTINUE},
    {"def", KW_DEF}, {"del", KW_DEL}, {"elif", KW_ELIF}, {"else", KW_ELSE},
    {"except", KW_EXCEPT}, {"exec", KW_EXEC}, {"finally", KW_FINALLY},
    {"for", KW_FOR}, {"from", KW_FROM}, {"global", KW_GLOBAL},
    {"if", KW_IF}, {"import", KW_IMPORT}, {"in", KW_IN}, {"is", KW_IS},
    {"lambda", KW_LAMBDA}, {"not", KW_NOT}, {"or", KW_OR},
    {"pass", KW_PASS}, {"print", KW_PRINT}, {"raise", KW_RAISE},
    {"return", KW_RETURN}, {"try", KW_TRY}, {"while", KW_WHILE},
    {"with", KW_WITH}, {"yield", KW_YIELD},
};

static kw_t keyword_of(const parser_t *p)
{
    size_t n = (size_t)(p->t.end - p->t.start);
    if (n < 2 || n > 8)
        return KW_NONE;
    for (size_t i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++) {
        if (strlen(keywords[i].s) == n &&
            memcmp(keywords[i].s, p->t.start, n) == 0) {
            if (keywords[i].kw == KW_PRINT && p->print_function)
                return KW_NONE;
            return keywords[i].kw;
        }
    }
    return KW_NONE;
}

/* ---- errors --------------------------------------------------------- */

/* CPython's PyTokenizer_RestoreEncoding: with a declared encoding, the
   error text (UTF-8 inside the tokenizer) is decoded with replacement and
   encoded back to the declared encoding with replacement ('?').  Writes
   the result of the N bytes at S to OUT (room for 3 * N) and returns its
   length. */
static size_t restore_encoding(const parser_t *p, const char *s, size_t n,
                               char *out)
{
    const unsigned char *u = (const unsigned char *)s, *e = u + n;
    size_t k = 0;
    while (u < e) {
        uint32_t cp;
        int len = 1;
        if (*u < 0x80) {
            cp = *u;
        } else {
            int need = *u >= 0xF0 && *u <= 0xF4 ? 3
                     : *u >= 0xE0 ? 2 : *u >= 0xC2 ? 1 : -1;
            cp = 0xFFFD;
            if (need > 0 && need <= e - u - 1) {
                uint32_t v = *u & (0x3F >> need);
                int i;
                for (i = 1; i <= need && (u[i] & 0xC0) == 0x80; i++)
                    v = (v << 6) | (u[i] & 0x3F);
                if (i > need) {
                    cp = v;
                    len = need + 1;
                }
            }
        }
        u += len;
        if (p->src.enc == PY_SRCENC_UTF8) {
            if (cp < 0x80) {
                out[k++] = (char)cp;
            } else if (cp < 0x800) {
                out[k++] = (char)(0xC0 | (cp >> 6));
                out[k++] = (char)(0x80 | (cp & 0x3F));
            } else if (cp < 0x10000) {
                out[k++] = (char)(0xE0 | (cp >> 12));
                out[k++] = (char)(0x80 | ((cp >> 6) & 0x3F));
                out[k++] = (char)(0x80 | (cp & 0x3F));
            } else {
                /* a 4-byte sequence stays as it was */
                memcpy(out + k, u - len, (size_t)len);
                k += (size_t)len;
            }
        } else {
            int b = p->src.enc == PY_SRCENC_TABLE
                        ? py_source_table_encode(&p->src, cp)
                        : cp < 256 ? (int)cp : -1;
            out[k++] = b < 0 ? '?' : (char)b;
        }
    }
    return k;
}

static void raise_at(parser_t *p, py_type_t *type, const char *msg,
                     const char *pos)
{
    size_t len;
    int offset;
    const char *text = py_tokenizer_error_text(&p->tok, pos, &len, &offset);
    int lineno = py_tokenizer_error_lineno(&p->tok, pos);
    /* arena (GC) memory: py_err_syntax may collect, and an STM abort
       there must not leak a malloc'd buffer */
    char *copy = py_arena_bytes(p->arena, 3 * len + 1);
    if (copy == NULL) {
        p->failed = true;
        return;
    }
    if (p->src.declared) {
        /* the offset counts bytes of the re-encoded text too */
        if (offset > 1 && (size_t)offset - 1 <= len)
            offset = (int)restore_encoding(p, text, (size_t)offset - 1,
                                           copy) + 1;
        len = restore_encoding(p, text, len, copy);
    } else {
        memcpy(copy, text, len);
    }
    copy[len] = '\0';
    py_err_syntax(type, msg, p->filename, lineno, offset, copy);
    p->failed = true;
}

void *psyntax_error(parser_t *p, bool expect_indent)
{
    if (p->failed)
        return NULL;
    py_type_t *type = py_exc_SyntaxError_type;
    const char *msg = "invalid syntax";
    if (p->tok.hit_eof && p->tok.error == PY_TOKERR_NONE &&
        py_tokenizer_error_lineno(&p->tok, p->tok.cur) <= 1) {
        /* parsetok.c says "unexpected EOF" when the tokenizer has read
           past the end (even just to end the last token, as in eval
           input without a newline) and only on the first line */
        msg = "unexpected EOF while parsing";
    } else if (expect_indent) {
        type = py_exc_IndentationError_type;
        msg = "expected an indented block";
    } else if (p->t.type == PY_TOK_INDENT) {
        type = py_exc_IndentationError_type;
        msg = "unexpected indent";
    } else if (p->t.type == PY_TOK_DEDENT) {
        type = py_exc_IndentationError_type;
        msg = "unexpected unindent";
    }
    raise_at(p, type, msg, p->tok.cur);
    return NULL;
}

static void token_error(parser_t *p)
{
    py_type_t *type = py_exc_SyntaxError_type;
    switch (p->tok.error) {
    case PY_TOKERR_DEDENT:
    case PY_TOKERR_TOODEEP:
        type = py_exc_IndentationError_type;
        break;
    case PY_TOKERR_TABSPACE:
        type = py_exc_TabError_type;
        break;
    default:
        break;
    }
    raise_at(p, type, py_tokerr_message(p->tok.error), p->tok.err_cur);
}

void pdefer_exception(parser_t *p)
{
    py_type_t *type;
    py_object_t *value, *tb;
    py_err_fetch(&type, &value, &tb);
    if (p->deferred_type == NULL) {
        p->deferred_type = type;
        p->deferred_value = value;
        p->deferred_tb = tb;
    }
}

void past_error(parser_t *p, int lineno, const char *msg)
{
    if (p->failed || p->deferred_type != NULL)
        return;
    char *text = NULL;
    if (p->from_file && lineno >= 1) {
        /* CPython re-reads the line from the file (PyErr_ProgramText) */
        const char *s = p->src.text, *e = s + p->src.len;
        for (int l = 1; l < lineno && s < e; l++) {
            const char *nl = memchr(s, '\n', (size_t)(e - s));
            s = nl ? nl + 1 : e;
        }
        /* ... and strips its indentation */
        while (s < e && (*s == ' ' || *s == '\t' || *s == '\014'))
            s++;
        if (s < e) {
            const char *nl = memchr(s, '\n', (size_t)(e - s));
            size_t len = nl ? (size_t)(nl + 1 - s) : (size_t)(e - s);
            text = py_arena_bytes(p->arena, len + 1);   /* GC memory */
            if (text != NULL) {
                memcpy(text, s, len);
                text[len] = '\0';
            }
        }
    }
    py_err_syntax(py_exc_SyntaxError_type, msg, p->filename, lineno, -1,
                  text);
    pdefer_exception(p);
}

void *pstack_overflow(parser_t *p)
{
    if (!p->failed) {
        fputs("s_push: parser stack overflow\n", stderr);
        py_err_no_memory();
        p->failed = true;
    }
    return NULL;
}

/* ---- tokens --------------------------------------------------------- */

bool padvance(parser_t *p)
{
    if (p->failed)
        return false;
    py_token_type_t t = py_tokenizer_next(&p->tok, &p->t);
    if (t == PY_TOK_ENDMARKER && p->started) {
        /* parsetok.c: the first ENDMARKER after any token becomes a
           NEWLINE, with the DEDENTs still open after it, so input may end
           without a newline (codeop asks for no DEDENTs) */
        t = p->t.type = PY_TOK_NEWLINE;
        p->started = false;
        if (p->tok.indent && !p->dont_imply_dedent) {
            p->tok.pendin = -p->tok.indent;
            p->tok.indent = 0;
        }
    } else {
        p->started = true;
    }
    if (t == PY_TOK_ERRORTOKEN) {
        token_error(p);
        return false;
    }
    if (t == PY_TOK_OP) {
        /* a character that starts no token: the parser's invalid syntax,
           reported after the character */
        raise_at(p, py_exc_SyntaxError_type, "invalid syntax", p->tok.cur);
        return false;
    }
    p->kw = t == PY_TOK_NAME ? keyword_of(p) : KW_NONE;
    return true;
}

bool pexpect(parser_t *p, py_token_type_t t)
{
    if (!pis(p, t)) {
        psyntax_error(p, t == PY_TOK_INDENT);
        return false;
    }
    return padvance(p);
}

bool pexpect_kw(parser_t *p, kw_t k)
{
    if (!piskw(p, k)) {
        psyntax_error(p, false);
        return false;
    }
    return padvance(p);
}

py_object_t *pname(parser_t *p)
{
    if (!pis(p, PY_TOK_NAME) || p->kw != KW_NONE) {
        psyntax_error(p, false);
        return NULL;
    }
    py_object_t *id = py_str_intern_bytes(p->t.start,
                                          (size_t)(p->t.end - p->t.start));
    if (id == NULL || !padvance(p)) {
        p->failed = true;
        return NULL;
    }
    return id;
}

/* ---- statements ----------------------------------------------------- */

#define NEW_STMT(var, KIND, lineno, col)                                   \
    py_ast_stmt_t *var = py_ast_stmt_new(p->arena, (KIND), (lineno), (col)); \
    if (var == NULL) {                                                     \
        p->failed = true;                                                  \
        return NULL;                                                       \
    }

static bool stmt(parser_t *p, vec_t *out);
static bool suite(parser_t *p, py_ast_stmt_seq_t *out);

static bool enter(parser_t *p, int n)
{
    if ((p->depth += n) > PARSER_MAXSTACK) {
        pstack_overflow(p);
        return false;
    }
    return true;
}

static void leave(parser_t *p, int n)
{
    p->depth -= n;
}

/* expr_stmt: testlist (augassign (yield_expr|testlist) |
                        ('=' (yield_expr|testlist))*) */
static py_ast_operator_t augassign_op(py_token_type_t t)
{
    switch (t) {
    case PY_TOK_PLUSEQUAL: return PY_OP_ADD;
    case PY_TOK_MINEQUAL: return PY_OP_SUB;
    case PY_TOK_STAREQUAL: return PY_OP_MULT;
    case PY_TOK_SLASHEQUAL: return PY_OP_DIV;
    case PY_TOK_PERCENTEQUAL: return PY_OP_MOD;
    case PY_TOK_AMPEREQUAL: return PY_OP_BIT_AND;
    case PY_TOK_VBAREQUAL: return PY_OP_BIT_OR;
    case PY_TOK_CIRCUMFLEXEQUAL: return PY_OP_BIT_XOR;
    case PY_TOK_LEFTSHIFTEQUAL: return PY_OP_LSHIFT;
    case PY_TOK_RIGHTSHIFTEQUAL: return PY_OP_RSHIFT;
    case PY_TOK_DOUBLESTAREQUAL: return PY_OP_POW;
    case PY_TOK_DOUBLESLASHEQUAL: return PY_OP_FLOOR_DIV;
    default: return 0;
    }
}

static py_ast_expr_t *yield_or_testlist(parser_t *p, bool *is_yield)
{
    *is_yield = piskw(p, KW_YIELD);
    if (*is_yield)
        return pe_yield(p);
    return pe_testlist(p);
}

static py_ast_stmt_t *expr_stmt(parser_t *p)
{
    int lineno = p->t.lineno, col = p->t.col_offset;
    p->depth++;                 /* expr_stmt; unwound by parse's reset */
    py_ast_expr_t *first = pe_testlist(p);
    p->depth--;
    if (first == NULL)
        return NULL;
    py_ast_operator_t op = augassign_op(p->t.type);
    if (op != 0) {
        if (!pe_set_context(p, first, PY_CTX_STORE, lineno))
            return NULL;
        switch (first->kind) {
        case PY_EXPR_NAME: case PY_EXPR_ATTRIBUTE: case PY_EXPR_SUBSCRIPT:
            break;
        default:
            past_error(p, lineno,
                       "illegal expression for augmented assignment");
        }
        if (!padvance(p))
            return NULL;
        bool y;
        py_ast_expr_t *value = yield_or_testlist(p, &y);
        if (value == NULL)
            return NULL;
        NEW_STMT(s, PY_STMT_AUG_ASSIGN, lineno, col);
        s->v.AugAssign.target = first;
        s->v.AugAssign.op = op;
        s->v.AugAssign.value = value;
        return s;
    }
    if (!pis(p, PY_TOK_EQUAL)) {
        NEW_STMT(s, PY_STMT_EXPR, lineno, col);
        s->v.Expr.value = first;
        return s;
    }
    vec_t targets = {0};
    py_ast_expr_t *value = first;
    int vline = lineno;
    bool value_is_yield = false;
    while (pis(p, PY_TOK_EQUAL)) {
        if (value_is_yield)
            past_error(p, vline, "assignment to yield expression not "
                       "possible");
        if (!pe_set_context(p, value, PY_CTX_STORE, vline) ||
            pvec_push(p, &targets, value) < 0 || !padvance(p))
            return NULL;
        vline = p->t.lineno;
        value = yield_or_testlist(p, &value_is_yield);
        if (value == NULL)
            return NULL;
    }
    NEW_STMT(s, PY_STMT_ASSIGN, lineno, col);
    s->v.Assign.targets = SEQ(py_ast_expr_seq_t, targets);
    s->v.Assign.value = value;
    return s;
}

/* print_stmt: 'print' ( [ test (',' test)* [','] ] |
                         '>>' test [ (',' test)+ [','] ] ) */
static py_ast_stmt_t *print_stmt(parser_t *p, int lineno, int col)
{
    py_ast_expr_t *dest = NULL;
    vec_t values = {0};
    bool nl = true;
    if (pis(p, PY_TOK_RIGHTSHIFT)) {
        if (!padvance(p) || (dest = pe_test(p)) == NULL)
            return NULL;
        if (!pis(p, PY_TOK_COMMA))
            goto done;          /* '>>' test alone */
        if (!padvance(p))
            return NULL;
        if (!pe_starts_test(p))
            return psyntax_error(p, false);
    }
    while (pe_starts_test(p)) {
        py_ast_expr_t *e = pe_test(p);
        if (e == NULL || pvec_push(p, &values, e) < 0)
            return NULL;
        nl = true;
        if (!pis(p, PY_TOK_COMMA))
            break;
        nl = false;
        if (!padvance(p))
            return NULL;
    }
done:;
    NEW_STMT(s, PY_STMT_PRINT, lineno, col);
    s->v.Print.dest = dest;
    s->v.Print.values = SEQ(py_ast_expr_seq_t, values);
    s->v.Print.nl = nl;
    return s;
}

/* import_as_name / dotted_as_name */
static py_ast_alias_t *alias(parser_t *p, bool dotted)
{
    int lineno = p->t.lineno;
    py_object_t *name = dotted ? pe_dotted_name(p) : pname(p);
    if (name == NULL)
        return NULL;
    py_ast_alias_t *a = py_arena_alloc(p->arena, sizeof(*a));
    if (a == NULL)
        return NULL;
    a->name = name;
    if (piskw(p, KW_AS)) {
        int l = p->t.lineno;
        if (!padvance(p) || (a->asname = pname(p)) == NULL)
            return NULL;
        if (strcmp(py_str_data(a->asname), "None") == 0)
            past_error(p, l, "cannot assign to None");
    } else if (!dotted || strchr(py_str_data(name), '.') == NULL) {
        if (strcmp(py_str_data(name), "None") == 0)
            past_error(p, lineno, "cannot assign to None");
    }
    return a;
}

static py_ast_stmt_t *import_name(parser_t *p, int lineno, int col)
{
    vec_t names = {0};
    for (;;) {
        py_ast_alias_t *a = alias(p, true);
        if (a == NULL || pvec_push(p, &names, a) < 0)
            return NULL;
        if (!pis(p, PY_TOK_COMMA))
            break;
        if (!padvance(p))
            return NULL;
    }
    NEW_STMT(s, PY_STMT_IMPORT, lineno, col);
    s->v.Import.names = SEQ(py_ast_alias_seq_t, names);
    return s;
}

static void note_future(parser_t *p, py_object_t *name)
{
    const char *s = py_str_data(name);
    if (strcmp(s, "print_function") == 0)
        p->print_function = true;
    else if (strcmp(s, "unicode_literals") == 0 && !p->unicode_literals)
        p->saw_unicode_literals = true;
}

static py_ast_stmt_t *import_from(parser_t *p, int lineno, int col)
{
    int level = 0;
    py_object_t *module = NULL;
    while (pis(p, PY_TOK_DOT)) {
        level++;
        if (!padvance(p))
            return NULL;
    }
    if (!piskw(p, KW_IMPORT) || level == 0) {
        module = pe_dotted_name(p);
        if (module == NULL)
            return NULL;
    }
    if (!pexpect_kw(p, KW_IMPORT))
        return NULL;
    vec_t names = {0};
    if (pis(p, PY_TOK_STAR)) {
        py_ast_alias_t *a = py_arena_alloc(p->arena, sizeof(*a));
        if (a == NULL || (a->name = py_str_intern_bytes("*", 1)) == NULL ||
            pvec_push(p, &names, a) < 0 || !padvance(p)) {
            p->failed = true;
            return NULL;
        }
    } else {
        bool paren = pis(p, PY_TOK_LPAR);
        if (paren && !padvance(p))
            return NULL;
        int nl = p->t.lineno;
        bool trailing = false;
        for (;;) {
            py_ast_alias_t *a = alias(p, false);
            if (a == NULL || pvec_push(p, &names, a) < 0)
                return NULL;
            trailing = false;
            if (!pis(p, PY_TOK_COMMA))
                break;
            if (!padvance(p))
                return NULL;
            trailing = true;
            if (!pis(p, PY_TOK_NAME))
                break;
        }
        if (paren) {
            if (!pexpect(p, PY_TOK_RPAR))
                return NULL;
        } else if (trailing) {
            if (pe_starts_test(p) || !(pis(p, PY_TOK_NEWLINE) ||
                                       pis(p, PY_TOK_SEMI)))
                return psyntax_error(p, false);
            past_error(p, nl, "trailing comma not allowed without "
                       "surrounding parentheses");
        }
    }
    if (module != NULL && level == 0 &&
        strcmp(py_str_data(module), "__future__") == 0)
        for (size_t i = 0; i < names.n; i++)
            note_future(p, ((py_ast_alias_t *)names.items[i])->name);
    NEW_STMT(s, PY_STMT_IMPORT_FROM, lineno, col);
    s->v.ImportFrom.module = module;
    s->v.ImportFrom.names = SEQ(py_ast_alias_seq_t, names);
    s->v.ImportFrom.level = level;
    return s;
}

static py_ast_stmt_t *small_stmt(parser_t *p)
{
    int lineno = p->t.lineno, col = p->t.col_offset;
    kw_t kw = p->kw;
    switch (kw) {
    case KW_PRINT:
        if (!padvance(p))
            return NULL;
        return print_stmt(p, lineno, col);
    case KW_DEL: {
        if (!padvance(p))
            return NULL;
        /* exprlist: the targets themselves, no tuple */
        vec_t targets = {0};
        for (;;) {
            int l = p->t.lineno;
            py_ast_expr_t *e = pe_expr(p);
            if (e == NULL || !pe_set_context(p, e, PY_CTX_DEL, l) ||
                pvec_push(p, &targets, e) < 0)
                return NULL;
            if (!pis(p, PY_TOK_COMMA))
                break;
            if (!padvance(p))
                return NULL;
            if (!pe_starts_test(p) || piskw(p, KW_NOT) || piskw(p, KW_LAMBDA))
                break;
        }
        NEW_STMT(s, PY_STMT_DELETE, lineno, col);
        s->v.Delete.targets = SEQ(py_ast_expr_seq_t, targets);
        return s;
    }
    case KW_PASS: case KW_BREAK: case KW_CONTINUE: {
        if (!padvance(p))
            return NULL;
        NEW_STMT(s, kw == KW_PASS ? PY_STMT_PASS
                 : kw == KW_BREAK ? PY_STMT_BREAK : PY_STMT_CONTINUE,
                 lineno, col);
        return s;
    }
    case KW_RETURN: {
        if (!padvance(p))
            return NULL;
        py_ast_expr_t *value = NULL;
        if (pe_starts_test(p) && (value = pe_testlist(p)) == NULL)
            return NULL;
        NEW_STMT(s, PY_STMT_RETURN, lineno, col);
        s->v.Return.value = value;
        return s;
    }
    case KW_YIELD: {
        py_ast_expr_t *y = pe_yield(p);
        if (y == NULL)
            return NULL;
        NEW_STMT(s, PY_STMT_EXPR, lineno, col);
        s->v.Expr.value = y;
        return s;
    }
    case KW_RAISE: {
        if (!padvance(p))
            return NULL;
        py_ast_expr_t *e[3] = {NULL, NULL, NULL};
        if (pe_starts_test(p)) {
            for (int i = 0; i < 3; i++) {
                if ((e[i] = pe_test(p)) == NULL)
                    return NULL;
                if (i == 2 || !pis(p, PY_TOK_COMMA))
                    break;
                if (!padvance(p))
                    return NULL;
            }
        }
        NEW_STMT(s, PY_STMT_RAISE, lineno, col);
        s->v.Raise.type = e[0];
        s->v.Raise.inst = e[1];
        s->v.Raise.tback = e[2];
        return s;
    }
    case KW_IMPORT:
        if (!padvance(p))
            return NULL;
        return import_name(p, lineno, col);
    case KW_FROM:
        if (!padvance(p))
            return NULL;
        return import_from(p, lineno, col);
    case KW_GLOBAL: {
        if (!padvance(p))
            return NULL;
        vec_t names = {0};
        for (;;) {
            py_object_t *n = pname(p);
            if (n == NULL || pvec_push(p, &names, n) < 0)
                return NULL;
            if (!pis(p, PY_TOK_COMMA))
                break;
            if (!padvance(p))
                return NULL;
        }
        NEW_STMT(s, PY_STMT_GLOBAL, lineno, col);
        s->v.Global.names = SEQ(py_ast_ident_seq_t, names);
        return s;
    }
    case KW_EXEC: {
        if (!padvance(p))
            return NULL;
        py_ast_expr_t *body = pe_expr(p), *globals = NULL, *locals = NULL;
        if (body == NULL)
            return NULL;
        if (piskw(p, KW_IN)) {
            if (!padvance(p) || (globals = pe_test(p)) == NULL)
                return NULL;
            if (pis(p, PY_TOK_COMMA)) {
                if (!padvance(p) || (locals = pe_test(p)) == NULL)
                    return NULL;
            }
        }
        if (globals == NULL && body->kind == PY_EXPR_TUPLE &&
            (body->v.Tuple.elts.n == 2 || body->v.Tuple.elts.n == 3)) {
            /* 2.7.18's ast.c: exec(code, g[, l]) is exec code in g[, l] */
            py_ast_expr_t **e = body->v.Tuple.elts.items;
            globals = e[1];
            locals = body->v.Tuple.elts.n == 3 ? e[2] : NULL;
            body = e[0];
        }
        NEW_STMT(s, PY_STMT_EXEC, lineno, col);
        s->v.Exec.body = body;
        s->v.Exec.globals = globals;
        s->v.Exec.locals = locals;
        return s;
    }
    case KW_ASSERT: {
        if (!padvance(p))
            return NULL;
        py_ast_expr_t *test = pe_test(p), *msg = NULL;
        if (test == NULL)
            return NULL;
        if (pis(p, PY_TOK_COMMA)) {
            if (!padvance(p) || (msg = pe_test(p)) == NULL)
                return NULL;
        }
        NEW_STMT(s, PY_STMT_ASSERT, lineno, col);
        s->v.Assert.test = test;
        s->v.Assert.msg = msg;
        return s;
    }
    default:
        if (kw != KW_NONE && kw != KW_NOT && kw != KW_LAMBDA)
            return psyntax_error(p, false);
        return expr_stmt(p);
    }
}

/* simple_stmt: small_stmt (';' small_stmt)* [';'] NEWLINE */
static bool simple_stmt(parser_t *p, vec_t *out)
{
    if (!enter(p, 1))
        return false;
    for (;;) {
        if (!enter(p, 1))
            return false;
        py_ast_stmt_t *s = small_stmt(p);
        leave(p, 1);
        if (s == NULL || pvec_push(p, out, s) < 0)
            return false;
        if (!pis(p, PY_TOK_SEMI))
            break;
        if (!padvance(p))
            return false;
        if (pis(p, PY_TOK_NEWLINE))
            break;
    }
    if (!pexpect(p, PY_TOK_NEWLINE))
        return false;
    leave(p, 1);
    return true;
}

/* suite: simple_stmt | NEWLINE INDENT stmt+ DEDENT */
static bool suite(parser_t *p, py_ast_stmt_seq_t *out)
{
    vec_t body = {0};
    if (!enter(p, 1))
        return false;
    if (!pis(p, PY_TOK_NEWLINE)) {
        if (!simple_stmt(p, &body))
            return false;
    } else {
        if (!padvance(p))
            return false;
        if (!pexpect(p, PY_TOK_INDENT))
            return false;
        do {
            if (!stmt(p, &body))
                return false;
        } while (!pis(p, PY_TOK_DEDENT));
        if (!padvance(p))
            return false;
    }
    leave(p, 1);
    *out = SEQ(py_ast_stmt_seq_t, body);
    return true;
}

/* ':' suite */
static bool colon_suite(parser_t *p, py_ast_stmt_seq_t *out)
{
    return pexpect(p, PY_TOK_COLON) && suite(p, out);
}

/* A one-statement sequence holding S (an elif's If, an inner With). */
static bool seq_of_one(parser_t *p, py_ast_stmt_seq_t *out, py_ast_stmt_t *s)
{
    py_ast_stmt_t **one = py_arena_alloc(p->arena, sizeof(*one));
    if (one == NULL) {
        p->failed = true;
        return false;
    }
    one[0] = s;
    out->n = 1;
    out->items = one;
    return true;
}

/* 'if' test ':' suite ('elif' test ':' suite)* ['else' ':' suite], the
   lookahead at the first test.  The elifs nest as If nodes in orelse,
   built in a loop (as ast.c) so a long chain cannot exhaust the C stack;
   an elif's If sits at its test. */
static py_ast_stmt_t *if_stmt(parser_t *p, int lineno, int col)
{
    py_ast_stmt_t *first = NULL, *last = NULL;
    for (;;) {
        py_ast_expr_t *test = pe_test(p);
        if (test == NULL)
            return NULL;
        NEW_STMT(s, PY_STMT_IF, lineno, col);
        s->v.If.test = test;
        if (!colon_suite(p, &s->v.If.body))
            return NULL;
        if (first == NULL)
            first = s;
        else if (!seq_of_one(p, &last->v.If.orelse, s))
            return NULL;
        last = s;
        if (!piskw(p, KW_ELIF))
            break;
        if (!padvance(p))
            return NULL;
        lineno = p->t.lineno;
        col = p->t.col_offset;
    }
    if (piskw(p, KW_ELSE)) {
        if (!padvance(p) || !colon_suite(p, &last->v.If.orelse))
            return NULL;
    }
    return first;
}

static bool else_suite(parser_t *p, py_ast_stmt_seq_t *out)
{
    if (!piskw(p, KW_ELSE))
        return true;
    return padvance(p) && colon_suite(p, out);
}

/* target list of a for statement (a tuple target sits at its first
   element, as 2.7.18's ast.c puts it) */
static py_ast_expr_t *for_target(parser_t *p)
{
    int tl = p->t.lineno;
    if (!enter(p, 1))                   /* exprlist */
        return NULL;
    py_ast_expr_t *t = pe_expr(p);
    if (t == NULL)
        return NULL;
    if (pis(p, PY_TOK_COMMA)) {
        vec_t v = {0};
        if (pvec_push(p, &v, t) < 0)
            return NULL;
        while (pis(p, PY_TOK_COMMA)) {
            if (!padvance(p))
                return NULL;
            if (piskw(p, KW_IN))
                break;
            py_ast_expr_t *e = pe_expr(p);
            if (e == NULL || pvec_push(p, &v, e) < 0)
                return NULL;
        }
        py_ast_expr_t *tup = py_ast_expr_new(p->arena, PY_EXPR_TUPLE,
                                             t->lineno, t->col_offset);
        if (tup == NULL)
            return NULL;
        tup->v.Tuple.elts = SEQ(py_ast_expr_seq_t, v);
        t = tup;
    }
    leave(p, 1);
    if (!pe_set_context(p, t, PY_CTX_STORE, tl))
        return NULL;
    return t;
}

static py_ast_stmt_t *try_stmt(parser_t *p, int lineno, int col)
{
    py_ast_stmt_seq_t body, orelse = {0}, finalbody = {0};
    if (!colon_suite(p, &body))
        return NULL;
    vec_t handlers = {0};
    while (piskw(p, KW_EXCEPT)) {
        int hl = p->t.lineno, hc = p->t.col_offset;
        if (!padvance(p))
            return NULL;
        py_ast_expr_t *type = NULL, *name = NULL;
        if (!pis(p, PY_TOK_COLON)) {
            if ((type = pe_test(p)) == NULL)
                return NULL;
            if (piskw(p, KW_AS) || pis(p, PY_TOK_COMMA)) {
                if (!padvance(p))
                    return NULL;
                int nl = p->t.lineno;
                if ((name = pe_test(p)) == NULL ||
                    !pe_set_context(p, name, PY_CTX_STORE, nl))
                    return NULL;
            }
        }
        py_ast_excepthandler_t *h = py_arena_alloc(p->arena, sizeof(*h));
        if (h == NULL)
            return NULL;
        h->kind = PY_HANDLER_EXCEPT_HANDLER;
        h->lineno = hl;
        h->col_offset = hc;
        h->v.ExceptHandler.type = type;
        h->v.ExceptHandler.name = name;
        if (!colon_suite(p, &h->v.ExceptHandler.body) ||
            pvec_push(p, &handlers, h) < 0)
            return NULL;
    }
    if (handlers.n > 0 && !else_suite(p, &orelse))
        return NULL;
    bool has_finally = piskw(p, KW_FINALLY);
    if (has_finally) {
        if (!padvance(p) || !colon_suite(p, &finalbody))
            return NULL;
    } else if (handlers.n == 0) {
        return psyntax_error(p, false);
    }
    if (handlers.n > 0) {
        NEW_STMT(te, PY_STMT_TRY_EXCEPT, lineno, col);
        te->v.TryExcept.body = body;
        te->v.TryExcept.handlers = SEQ(py_ast_excepthandler_seq_t, handlers);
        te->v.TryExcept.orelse = orelse;
        if (!has_finally)
            return te;
        py_ast_stmt_t **one = py_arena_alloc(p->arena, sizeof(*one));
        if (one == NULL)
            return NULL;
        one[0] = te;
        body.n = 1;
        body.items = one;
    }
    NEW_STMT(tf, PY_STMT_TRY_FINALLY, lineno, col);
    tf->v.TryFinally.body = body;
    tf->v.TryFinally.finalbody = finalbody;
    return tf;
}

/* with_item (',' with_item)* ':' suite -- one With per item, nested
   (in a loop: a long item list cannot exhaust the C stack), each at its
   item's position */
static py_ast_stmt_t *with_items(parser_t *p)
{
    py_ast_stmt_t *first = NULL, *last = NULL;
    for (;;) {
        int lineno = p->t.lineno, col = p->t.col_offset;
        py_ast_expr_t *ctx = pe_test(p), *vars = NULL;
        if (ctx == NULL)
            return NULL;
        if (piskw(p, KW_AS)) {
            if (!padvance(p))
                return NULL;
            int vl = p->t.lineno;
            if ((vars = pe_expr(p)) == NULL ||
                !pe_set_context(p, vars, PY_CTX_STORE, vl))
                return NULL;
        }
        NEW_STMT(s, PY_STMT_WITH, lineno, col);
        s->v.With.context_expr = ctx;
        s->v.With.optional_vars = vars;
        if (first == NULL)
            first = s;
        else if (!seq_of_one(p, &last->v.With.body, s))
            return NULL;
        last = s;
        if (!pis(p, PY_TOK_COMMA))
            break;
        if (!padvance(p))
            return NULL;
    }
    if (!colon_suite(p, &last->v.With.body))
        return NULL;
    return first;
}

/* Records the error for a def/class named None or __debug__; never stops
   the parse (returns false). */
static bool forbidden_name(parser_t *p, py_object_t *name, int lineno)
{
    if (strcmp(py_str_data(name), "None") == 0)
        past_error(p, lineno, "cannot assign to None");
    else if (strcmp(py_str_data(name), "__debug__") == 0)
        past_error(p, lineno, "cannot assign to __debug__");
    return false;
}

static py_ast_stmt_t *funcdef(parser_t *p, int lineno, int col,
                              py_ast_expr_seq_t decorators)
{
    if (!padvance(p))           /* 'def' */
        return NULL;
    int nl = p->t.lineno;
    py_object_t *name = pname(p);
    if (name == NULL || forbidden_name(p, name, nl) ||
        !pexpect(p, PY_TOK_LPAR))
        return NULL;
    py_ast_arguments_t *args = pe_varargslist(p, PY_TOK_RPAR);
    if (args == NULL || !pexpect(p, PY_TOK_RPAR))
        return NULL;
    NEW_STMT(s, PY_STMT_FUNCTION_DEF, lineno, col);
    s->v.FunctionDef.name = name;
    s->v.FunctionDef.args = args;
    s->v.FunctionDef.decorator_list = decorators;
    if (!colon_suite(p, &s->v.FunctionDef.body))
        return NULL;
    return s;
}

static py_ast_stmt_t *classdef(parser_t *p, int lineno, int col,
                               py_ast_expr_seq_t decorators)
{
    if (!padvance(p))           /* 'class' */
        return NULL;
    int nl = p->t.lineno;
    py_object_t *name = pname(p);
    if (name == NULL || forbidden_name(p, name, nl))
        return NULL;
    NEW_STMT(s, PY_STMT_CLASS_DEF, lineno, col);
    s->v.ClassDef.name = name;
    s->v.ClassDef.decorator_list = decorators;
    if (pis(p, PY_TOK_LPAR)) {
        if (!padvance(p))
            return NULL;
        /* testlist: the bases themselves (a parenthesized tuple stays
           one base) */
        vec_t bases = {0};
        while (!pis(p, PY_TOK_RPAR)) {
            py_ast_expr_t *b = pe_test(p);
            if (b == NULL || pvec_push(p, &bases, b) < 0)
                return NULL;
            if (!pis(p, PY_TOK_COMMA))
                break;
            if (!padvance(p))
                return NULL;
        }
        s->v.ClassDef.bases = SEQ(py_ast_expr_seq_t, bases);
        if (!pexpect(p, PY_TOK_RPAR))
            return NULL;
    }
    if (!colon_suite(p, &s->v.ClassDef.body))
        return NULL;
    return s;
}

/* decorators (classdef | funcdef); the node sits at the first '@' */
static py_ast_stmt_t *decorated(parser_t *p)
{
    int lineno = p->t.lineno, col = p->t.col_offset;
    vec_t decs = {0};
    while (pis(p, PY_TOK_AT)) {
        if (!padvance(p))
            return NULL;
        int dl = p->t.lineno, dc = p->t.col_offset;
        /* dotted_name as Name / Attribute chain at the name's place */
        py_object_t *id = pname(p);
        if (id == NULL)
            return NULL;
        py_ast_expr_t *e = py_ast_expr_new(p->arena, PY_EXPR_NAME, dl, dc);
        if (e == NULL)
            return NULL;
        e->v.Name.id = id;
        e->v.Name.ctx = PY_CTX_LOAD;
        while (pis(p, PY_TOK_DOT)) {
            if (!padvance(p) || (id = pname(p)) == NULL)
                return NULL;
            py_ast_expr_t *a = py_ast_expr_new(p->arena, PY_EXPR_ATTRIBUTE,
                                               dl, dc);
            if (a == NULL)
                return NULL;
            a->v.Attribute.value = e;
            a->v.Attribute.attr = id;
            a->v.Attribute.ctx = PY_CTX_LOAD;
            e = a;
        }
        if (pis(p, PY_TOK_LPAR)) {
            e = pe_call(p, e);
            if (e == NULL)
                return NULL;
            /* the call sits at the decorator's name */
            e->lineno = dl;
            e->col_offset = dc;
        }
        if (!pexpect(p, PY_TOK_NEWLINE) || pvec_push(p, &decs, e) < 0)
            return NULL;
    }
    py_ast_expr_seq_t dseq = SEQ(py_ast_expr_seq_t, decs);
    if (piskw(p, KW_DEF))
        return funcdef(p, lineno, col, dseq);
    if (piskw(p, KW_CLASS))
        return classdef(p, lineno, col, dseq);
    return psyntax_error(p, false);
}

static py_ast_stmt_t *compound_stmt(parser_t *p)
{
    int lineno = p->t.lineno, col = p->t.col_offset;
    py_ast_expr_seq_t none = {0, NULL};
    switch (p->kw) {
    case KW_IF:
        if (!padvance(p))
            return NULL;
        return if_stmt(p, lineno, col);
    case KW_WHILE: {
        if (!padvance(p))
            return NULL;
        py_ast_expr_t *test = pe_test(p);
        if (test == NULL)
            return NULL;
        NEW_STMT(s, PY_STMT_WHILE, lineno, col);
        s->v.While.test = test;
        if (!colon_suite(p, &s->v.While.body) ||
            !else_suite(p, &s->v.While.orelse))
            return NULL;
        return s;
    }
    case KW_FOR: {
        if (!padvance(p))
            return NULL;
        py_ast_expr_t *target = for_target(p);
        if (target == NULL || !pexpect_kw(p, KW_IN))
            return NULL;
        py_ast_expr_t *iter = pe_testlist(p);
        if (iter == NULL)
            return NULL;
        NEW_STMT(s, PY_STMT_FOR, lineno, col);
        s->v.For.target = target;
        s->v.For.iter = iter;
        if (!colon_suite(p, &s->v.For.body) ||
            !else_suite(p, &s->v.For.orelse))
            return NULL;
        return s;
    }
    case KW_TRY:
        if (!padvance(p))
            return NULL;
        return try_stmt(p, lineno, col);
    case KW_WITH:
        if (!padvance(p))
            return NULL;
        return with_items(p);
    case KW_DEF:
        return funcdef(p, lineno, col, none);
    case KW_CLASS:
        return classdef(p, lineno, col, none);
    default:
        return decorated(p);
    }
}

static bool is_compound(const parser_t *p)
{
    switch (p->kw) {
    case KW_IF: case KW_WHILE: case KW_FOR: case KW_TRY: case KW_WITH:
    case KW_DEF: case KW_CLASS:
        return true;
    default:
        return pis(p, PY_TOK_AT);
    }
}

/* stmt: simple_stmt | compound_stmt */
static bool stmt(parser_t *p, vec_t *out)
{
    if (!enter(p, 1))
        return false;
    bool ok;
    if (is_compound(p)) {
        if (!enter(p, 1))
            return false;
        py_ast_stmt_t *s = compound_stmt(p);
        leave(p, 1);
        ok = s != NULL && pvec_push(p, out, s) == 0;
    } else {
        ok = simple_stmt(p, out);
    }
    leave(p, 1);
    return ok;
}

/* ---- start symbols -------------------------------------------------- */

static py_ast_mod_t *file_input(parser_t *p)
{
    vec_t body = {0};
    p->depth = 1;               /* the start symbol is on CPython's stack */
    while (!pis(p, PY_TOK_ENDMARKER)) {
        if (pis(p, PY_TOK_NEWLINE)) {
            if (!padvance(p))
                return NULL;
            continue;
        }
        if (!stmt(p, &body))
            return NULL;
    }
    py_ast_mod_t *m = py_ast_mod_new(p->arena, PY_MOD_MODULE);
    if (m == NULL)
        return NULL;
    m->v.Module.body = SEQ(py_ast_stmt_seq_t, body);
    return m;
}

static py_ast_mod_t *eval_input(parser_t *p)
{
    if (!enter(p, 1))
        return NULL;
    py_ast_expr_t *e = pe_testlist(p);
    if (e == NULL)
        return NULL;
    while (pis(p, PY_TOK_NEWLINE))
        if (!padvance(p))
            return NULL;
    if (!pis(p, PY_TOK_ENDMARKER))
        return psyntax_error(p, false);
    py_ast_mod_t *m = py_ast_mod_new(p->arena, PY_MOD_EXPRESSION);
    if (m == NULL)
        return NULL;
    m->v.Expression.body = e;
    return m;
}

static py_ast_mod_t *single_input(parser_t *p)
{
    vec_t body = {0};
    if (pis(p, PY_TOK_NEWLINE)) {
        /* an empty statement */
    } else if (is_compound(p)) {
        if (!stmt(p, &body) || !pexpect(p, PY_TOK_NEWLINE))
            return NULL;
    } else if (pis(p, PY_TOK_ENDMARKER)) {
        return psyntax_error(p, false);
    } else {
        if (!simple_stmt(p, &body))
            return NULL;
    }
    py_ast_mod_t *m = py_ast_mod_new(p->arena, PY_MOD_INTERACTIVE);
    if (m == NULL)
        return NULL;
    m->v.Interactive.body = SEQ(py_ast_stmt_seq_t, body);
    return m;
}

/* ---- future statements (future.c) ----------------------------------- */

static int future_error(const char *filename, int lineno, const char *msg)
{
    py_object_t *fn = NULL;
    if (filename != NULL && (fn = py_str_from_cstr(filename)) == NULL)
        return -1;
    py_err_syntax(py_exc_SyntaxError_type, msg, fn, lineno, -1, NULL);
    return -1;
}

int py_future_features(const py_ast_mod_t *mod, const char *filename,
                       int *flags, int *lineno)
{
    *lineno = 0;
    const py_ast_stmt_seq_t *body;
    if (mod->kind == PY_MOD_MODULE)
        body = &mod->v.Module.body;
    else if (mod->kind == PY_MOD_INTERACTIVE)
        body = &mod->v.Interactive.body;
    else
        return 0;
    bool found_docstring = false, done = false;
    int prev_line = 0;
    for (size_t i = 0; i < body->n; i++) {
        const py_ast_stmt_t *s = body->items[i];
        if (done && s->lineno > prev_line)
            return 0;
        prev_line = s->lineno;
        if (s->kind == PY_STMT_IMPORT_FROM) {
            py_object_t *m = s->v.ImportFrom.module;
            if (m != NULL && strcmp(py_str_data(m), "__future__") == 0) {
                if (done)
                    return future_error(filename, s->lineno,
                                        "from __future__ imports must occur "
                                        "at the beginning of the file");
                const py_ast_alias_seq_t *names = &s->v.ImportFrom.names;
                for (size_t k = 0; k < names->n; k++) {
                    const char *f = py_str_data(names->items[k]->name);
                    if (strcmp(f, "nested_scopes") == 0 ||
                        strcmp(f, "generators") == 0)
                        continue;
                    else if (strcmp(f, "division") == 0)
                        *flags |= PY_FUTURE_DIVISION;
                    else if (strcmp(f, "absolute_import") == 0)
                        *flags |= PY_FUTURE_ABSOLUTE_IMPORT;
                    else if (strcmp(f, "with_statement") == 0)
                        *flags |= PY_FUTURE_WITH_STATEMENT;
                    else if (strcmp(f, "print_function") == 0)
                        *flags |= PY_FUTURE_PRINT_FUNCTION;
                    else if (strcmp(f, "unicode_literals") == 0)
                        *flags |= PY_FUTURE_UNICODE_LITERALS;
                    else if (strcmp(f, "braces") == 0)
                        return future_error(filename, s->lineno,
                                            "not a chance");
                    else {
                        char msg[200];
                        snprintf(msg, sizeof(msg), "future feature %.100s "
                                 "is not defined", f);
                        return future_error(filename, s->lineno, msg);
                    }
                }
                *lineno = s->lineno;
            } else {
                done = true;
            }
        } else if (s->kind == PY_STMT_EXPR && !found_docstring) {
            if (s->v.Expr.value->kind != PY_EXPR_STR)
                done = true;
            else
                found_docstring = true;
        } else {
            done = true;
        }
    }
    return 0;
}

/* ---- entry points --------------------------------------------------- */

static py_ast_mod_t *parse_once(parser_t *p)
{
    if (!padvance(p))
        return NULL;
    py_ast_mod_t *m;
    switch (p->mode) {
    case PY_PARSE_EVAL:
        m = eval_input(p);
        break;
    case PY_PARSE_SINGLE:
        m = single_input(p);
        break;
    default:
        m = file_input(p);
        break;
    }
    if (m != NULL && p->deferred_type != NULL) {
        /* the grammar was fine: now the first tree-building error */
        py_err_restore(p->deferred_type, p->deferred_value,
                       p->deferred_tb);
        return NULL;
    }
    return m;
}

static py_ast_mod_t *parse(const char *src, size_t len, py_object_t *fname,
                           const char *fname_c, bool from_file,
                           py_parse_mode_t mode, int *flags_inout,
                           py_arena_t *arena)
{
    int flags = flags_inout ? *flags_inout : 0;
    if ((unsigned)mode > PY_PARSE_SINGLE) {
        py_err_set_string(py_exc_ValueError_type, "bad parse mode");
        return NULL;
    }
    parser_t *p = py_arena_alloc(arena, sizeof(*p));
    if (p == NULL)
        return NULL;
    py_source_t src_info;
    if (py_source_prepare(&src_info, src, len, flags, from_file,
                          from_file || mode == PY_PARSE_EXEC, fname,
                          arena) < 0)
        return NULL;
    bool unicode_literals = (flags & PY_FUTURE_UNICODE_LITERALS) != 0;
    for (int attempt = 0; attempt < 2; attempt++) {
        memset(p, 0, sizeof(*p));
        py_tokenizer_init(&p->tok, src_info.text, src_info.len);
        p->tok.tab_error = (flags & PY_PARSE_TAB_ERROR) != 0;
        p->arena = arena;
        p->src = src_info;
        p->filename = fname;
        p->filename_c = fname_c;
        p->from_file = from_file;
        p->mode = mode;
        p->dont_imply_dedent = (flags & PY_CF_DONT_IMPLY_DEDENT) != 0;
        p->print_function = (flags & PY_FUTURE_PRINT_FUNCTION) != 0;
        p->unicode_literals = unicode_literals;
        py_ast_mod_t *m = parse_once(p);
        if (p->saw_unicode_literals && !unicode_literals && !p->failed) {
            /* CPython applies unicode_literals to the whole module, the
               literals before the import included: parse again. */
            py_err_clear();
            unicode_literals = true;
            continue;
        }
        if (m == NULL) {
            if (!py_err_occurred())
                py_err_set_string(py_exc_SystemError_type,
                                  "parser failed without an error");
            return NULL;
        }
        int lineno;
        if (py_future_features(m, fname_c, &flags, &lineno) < 0)
            return NULL;
        if (p->print_function)
            flags |= PY_FUTURE_PRINT_FUNCTION;
        if (unicode_literals)
            flags |= PY_FUTURE_UNICODE_LITERALS;
        if (flags_inout)
            *flags_inout = flags;
        return m;
    }
    py_err_set_string(py_exc_SystemError_type, "parser restarted twice");
    return NULL;
}

py_ast_mod_t *py_parse_string(const char *src, size_t len,
                              const char *filename, py_parse_mode_t mode,
                              int *flags_inout, py_arena_t *arena)
{
    const char *fn = filename ? filename : "<string>";
    py_object_t *fname = py_str_from_cstr(fn);
    if (fname == NULL)
        return NULL;
    return parse(src, len, fname, fn, false, mode, flags_inout, arena);
}

py_ast_mod_t *py_parse_file(const char *path, py_parse_mode_t mode,
                            int *flags_inout, py_arena_t *arena)
{
    /* Read it all into arena memory (GC-owned).  The buffer is allocated
       while nothing else is held (allocation may collect, and an STM abort
       there must leak neither a malloc'd buffer nor the FILE); if the file
       turns out bigger than its size said (it grew, or a pipe reports 0),
       read it again into a buffer twice as big. */
    struct stat st;
    size_t cap = stat(path, &st) == 0 && st.st_size > 0 ?
                 (size_t)st.st_size : (size_t)1 << 16;
    char *copy;
    size_t n;
    for (;;) {
        copy = py_arena_bytes(arena, cap + 1);
        if (copy == NULL)
            return NULL;
        FILE *f = fopen(path, "rb");
        if (f == NULL) {
            int e = errno;
            py_err_format(py_exc_IOError_type, "[Errno %d] %s: '%s'", e,
                          strerror(e), path);
            return NULL;
        }
        n = fread(copy, 1, cap, f);
        bool more = n == cap && fgetc(f) != EOF;
        bool err = ferror(f) != 0;
        fclose(f);
        if (err) {
            py_err_format(py_exc_IOError_type, "[Errno %d] %s: '%s'", EIO,
                          strerror(EIO), path);
            return NULL;
        }
        if (!more)
            break;
        if (cap > SIZE_MAX / 4)
            return (py_ast_mod_t *)py_err_no_memory();
        cap *= 2;
    }
    copy[n] = '\0';
    py_object_t *fname = py_str_from_cstr(path);
    if (fname == NULL)
        return NULL;
    return parse(copy, n, fname, path, true, mode, flags_inout, arena);
}
