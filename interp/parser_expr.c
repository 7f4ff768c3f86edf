/* parser_expr.c -- the expression half of the recursive-descent parser
 * (Grammar/Grammar 2.7 from `test` down to `atom`, with the AST rules of
 * CPython 2.7's Python/ast.c: node positions, negative number folding,
 * slices, call argument checks, comprehensions).
 *
 * Each function named after a grammar nonterminal counts one level of
 * p->depth while it runs, so nesting fails exactly where CPython's parser
 * stack overflows (see PARSER_MAXSTACK) and never exhausts the C stack.
 */
#include <string.h>

#include "interp/ast_literal.h"
#include "interp/errors.h"
#include "interp/objects/abstract.h"
#include "interp/objects/floatobject.h"
#include "interp/objects/intobject.h"
#include "interp/objects/longobject.h"
#include "interp/objects/stringobject.h"
#include "interp/objects/complexobject.h"
#include "interp/objects/numparse.h"
#include "interp/parser_internal.h"

#define DEPTH_WRAP(name)                                                   \
    static py_ast_expr_t *name##_body(parser_t *p);                        \
    static py_ast_expr_t *name(parser_t *p)                                \
    {                                                                      \
        if (++p->depth > PARSER_MAXSTACK)                                  \
            return pstack_overflow(p);                                     \
        py_ast_expr_t *r = name##_body(p);                                 \
        p->depth--;                                                        \
        return r;                                                          \
    }

#define NEW_EXPR(var, KIND, lineno, col)                                   \
    py_ast_expr_t *var = py_ast_expr_new(p->arena, (KIND), (lineno), (col)); \
    if (var == NULL)                                                       \
        return NULL

#define SEQ(type, vec) ((type){ (vec).n, (void *)(vec).items })

static py_ast_expr_t *atom(parser_t *p);
static py_ast_expr_t *factor(parser_t *p);
static py_ast_expr_t *pe_power_rest(parser_t *p, py_ast_expr_t *e,
                                    int lineno, int col);
static py_ast_expr_t *lambdef(parser_t *p, bool old);
static bool comp_for(parser_t *p, vec_t *gens, bool list_for);

bool pe_starts_test(const parser_t *p)
{
    switch (p->t.type) {
    case PY_TOK_NAME:
        return p->kw == KW_NONE || p->kw == KW_NOT || p->kw == KW_LAMBDA;
    case PY_TOK_NUMBER: case PY_TOK_STRING: case PY_TOK_LPAR:
    case PY_TOK_LSQB: case PY_TOK_LBRACE: case PY_TOK_BACKQUOTE:
    case PY_TOK_MINUS: case PY_TOK_PLUS: case PY_TOK_TILDE:
        return true;
    default:
        return false;
    }
}

/* ---- assignment contexts (ast.c set_context) ------------------------ */

/* Records the error for storing to None or __debug__ (ast.c's
   forbidden_check); never stops the parse (returns false). */
static bool forbidden(parser_t *p, py_object_t *name, int lineno)
{
    const char *s = py_str_data(name);
    if (strcmp(s, "None") == 0)
        past_error(p, lineno, "cannot assign to None");
    else if (strcmp(s, "__debug__") == 0)
        past_error(p, lineno, "cannot assign to __debug__");
    return false;
}

bool pe_set_context(parser_t *p, py_ast_expr_t *e, py_ast_expr_context_t ctx,
                    int lineno)
{
    const char *what = NULL;
    py_ast_expr_seq_t *elts = NULL;
    switch (e->kind) {
    case PY_EXPR_ATTRIBUTE:
        if (ctx == PY_CTX_STORE && forbidden(p, e->v.Attribute.attr, lineno))
            return false;
        e->v.Attribute.ctx = ctx;
        break;
    case PY_EXPR_SUBSCRIPT:
        e->v.Subscript.ctx = ctx;
        break;
    case PY_EXPR_NAME:
        if (ctx == PY_CTX_STORE && forbidden(p, e->v.Name.id, lineno))
            return false;
        e->v.Name.ctx = ctx;
        break;
    case PY_EXPR_LIST:
        e->v.List.ctx = ctx;
        elts = &e->v.List.elts;
        break;
    case PY_EXPR_TUPLE:
        if (e->v.Tuple.elts.n == 0) {
            what = "()";
            break;
        }
        e->v.Tuple.ctx = ctx;
        elts = &e->v.Tuple.elts;
        break;
    case PY_EXPR_LAMBDA: what = "lambda"; break;
    case PY_EXPR_CALL: what = "function call"; break;
    case PY_EXPR_BOOL_OP: case PY_EXPR_BIN_OP: case PY_EXPR_UNARY_OP:
        what = "operator";
        break;
    case PY_EXPR_GENERATOR_EXP: what = "generator expression"; break;
    case PY_EXPR_YIELD: what = "yield expression"; break;
    case PY_EXPR_LIST_COMP: what = "list comprehension"; break;
    case PY_EXPR_SET_COMP: what = "set comprehension"; break;
    case PY_EXPR_DICT_COMP: what = "dict comprehension"; break;
    case PY_EXPR_DICT: case PY_EXPR_SET: case PY_EXPR_NUM: case PY_EXPR_STR:
        what = "literal";
        break;
    case PY_EXPR_COMPARE: what = "comparison"; break;
    case PY_EXPR_REPR: what = "repr"; break;
    case PY_EXPR_IF_EXP: what = "conditional expression"; break;
    default:
        py_err_format(py_exc_SystemError_type,
                      "unexpected expression in assignment %d (line %d)",
                      (int)e->kind, e->lineno);
        p->failed = true;
        return false;
    }
    if (what != NULL) {
        char buf[300];
        snprintf(buf, sizeof(buf), "can't %s %s",
                 ctx == PY_CTX_STORE ? "assign to" : "delete", what);
        past_error(p, lineno, buf);
        return true;            /* recorded; the parse goes on */
    }
    if (elts != NULL)
        for (size_t i = 0; i < elts->n; i++)
            if (!pe_set_context(p, elts->items[i], ctx, lineno))
                return false;
    return true;
}

/* ---- lists of expressions ------------------------------------------- */

/* elts (',' elt)* [','] after FIRST; *TRAILING_COMMA tells whether a comma
   was seen at all. */
static bool more_items(parser_t *p, vec_t *v, py_ast_expr_t *(*elt)(parser_t *),
                       bool *comma)
{
    *comma = false;
    while (pis(p, PY_TOK_COMMA)) {
        *comma = true;
        if (!padvance(p))
            return false;
        if (!pe_starts_test(p))
            break;
        py_ast_expr_t *e = elt(p);
        if (e == NULL || pvec_push(p, v, e) < 0)
            return false;
    }
    return true;
}

static py_ast_expr_t *make_tuple(parser_t *p, vec_t *v, int lineno, int col)
{
    NEW_EXPR(t, PY_EXPR_TUPLE, lineno, col);
    t->v.Tuple.elts = SEQ(py_ast_expr_seq_t, *v);
    t->v.Tuple.ctx = PY_CTX_LOAD;
    return t;
}

/* X (',' X)* [','] as one expression or a Tuple at the first's place. */
static py_ast_expr_t *list_of(parser_t *p, py_ast_expr_t *(*elt)(parser_t *))
{
    int lineno = p->t.lineno, col = p->t.col_offset;
    if (++p->depth > PARSER_MAXSTACK)           /* testlist, exprlist */
        return pstack_overflow(p);
    py_ast_expr_t *first = elt(p);
    if (first == NULL)
        return NULL;
    if (!pis(p, PY_TOK_COMMA)) {
        p->depth--;
        return first;
    }
    vec_t v = {0};
    bool comma;
    if (pvec_push(p, &v, first) < 0 || !more_items(p, &v, elt, &comma))
        return NULL;
    p->depth--;
    return make_tuple(p, &v, lineno, col);
}

py_ast_expr_t *pe_testlist(parser_t *p)
{
    return list_of(p, pe_test);
}

py_ast_expr_t *pe_exprlist(parser_t *p)
{
    return list_of(p, pe_expr);
}

/* ---- test, lambda, boolean operators -------------------------------- */

py_ast_expr_t *pe_yield(parser_t *p)
{
    int lineno = p->t.lineno, col = p->t.col_offset;
    if (!padvance(p))
        return NULL;
    py_ast_expr_t *value = NULL;
    if (pe_starts_test(p)) {
        value = pe_testlist(p);
        if (value == NULL)
            return NULL;
    }
    NEW_EXPR(y, PY_EXPR_YIELD, lineno, col);
    y->v.Yield.value = value;
    return y;
}

DEPTH_WRAP(test)
static py_ast_expr_t *test_body(parser_t *p)
{
    if (piskw(p, KW_LAMBDA))
        return lambdef(p, false);
    int lineno = p->t.lineno, col = p->t.col_offset;
    py_ast_expr_t *body = pe_or_test(p);
    if (body == NULL || !piskw(p, KW_IF))
        return body;
    if (!padvance(p))
        return NULL;
    py_ast_expr_t *cond = pe_or_test(p);
    if (cond == NULL || !pexpect_kw(p, KW_ELSE))
        return NULL;
    py_ast_expr_t *orelse = test(p);
    if (orelse == NULL)
        return NULL;
    NEW_EXPR(e, PY_EXPR_IF_EXP, lineno, col);
    e->v.IfExp.test = cond;
    e->v.IfExp.body = body;
    e->v.IfExp.orelse = orelse;
    return e;
}

py_ast_expr_t *pe_test(parser_t *p)
{
    return test(p);
}

/* old_test: or_test | old_lambdef */
DEPTH_WRAP(old_test)
static py_ast_expr_t *old_test_body(parser_t *p)
{
    if (piskw(p, KW_LAMBDA))
        return lambdef(p, true);
    return pe_or_test(p);
}

py_ast_expr_t *pe_old_test(parser_t *p)
{
    return old_test(p);
}

static py_ast_expr_t *lambdef(parser_t *p, bool old)
{
    if (++p->depth > PARSER_MAXSTACK)
        return pstack_overflow(p);
    int lineno = p->t.lineno, col = p->t.col_offset;
    if (!padvance(p))
        return NULL;
    py_ast_arguments_t *args = pe_varargslist(p, PY_TOK_COLON);
    if (args == NULL || !pexpect(p, PY_TOK_COLON))
        return NULL;
    py_ast_expr_t *body = old ? old_test(p) : test(p);
    if (body == NULL)
        return NULL;
    NEW_EXPR(e, PY_EXPR_LAMBDA, lineno, col);
    e->v.Lambda.args = args;
    e->v.Lambda.body = body;
    p->depth--;
    return e;
}

static py_ast_expr_t *and_test(parser_t *p);
static py_ast_expr_t *not_test(parser_t *p);

static py_ast_expr_t *boolop(parser_t *p, kw_t kw, py_ast_boolop_t op,
                             py_ast_expr_t *(*sub)(parser_t *))
{
    int lineno = p->t.lineno, col = p->t.col_offset;
    py_ast_expr_t *first = sub(p);
    if (first == NULL || !piskw(p, kw))
        return first;
    vec_t v = {0};
    if (pvec_push(p, &v, first) < 0)
        return NULL;
    while (piskw(p, kw)) {
        if (!padvance(p))
            return NULL;
        py_ast_expr_t *e = sub(p);
        if (e == NULL || pvec_push(p, &v, e) < 0)
            return NULL;
    }
    NEW_EXPR(b, PY_EXPR_BOOL_OP, lineno, col);
    b->v.BoolOp.op = op;
    b->v.BoolOp.values = SEQ(py_ast_expr_seq_t, v);
    return b;
}

DEPTH_WRAP(or_test)
static py_ast_expr_t *or_test_body(parser_t *p)
{
    return boolop(p, KW_OR, PY_BOOLOP_OR, and_test);
}

py_ast_expr_t *pe_or_test(parser_t *p)
{
    return or_test(p);
}

DEPTH_WRAP(and_test)
static py_ast_expr_t *and_test_body(parser_t *p)
{
    return boolop(p, KW_AND, PY_BOOLOP_AND, not_test);
}

static py_ast_expr_t *comparison(parser_t *p);

DEPTH_WRAP(not_test)
static py_ast_expr_t *not_test_body(parser_t *p)
{
    if (!piskw(p, KW_NOT))
        return comparison(p);
    int lineno = p->t.lineno, col = p->t.col_offset;
    if (!padvance(p))
        return NULL;
    py_ast_expr_t *operand = not_test(p);
    if (operand == NULL)
        return NULL;
    NEW_EXPR(e, PY_EXPR_UNARY_OP, lineno, col);
    e->v.UnaryOp.op = PY_UNARYOP_NOT;
    e->v.UnaryOp.operand = operand;
    return e;
}

/* ---- comparisons ---------------------------------------------------- */

static py_ast_cmpop_t comp_op(const parser_t *p)
{
    switch (p->t.type) {
    case PY_TOK_LESS: return PY_CMPOP_LT;
    case PY_TOK_GREATER: return PY_CMPOP_GT;
    case PY_TOK_EQEQUAL: return PY_CMPOP_EQ;
    case PY_TOK_GREATEREQUAL: return PY_CMPOP_GT_E;
    case PY_TOK_LESSEQUAL: return PY_CMPOP_LT_E;
    case PY_TOK_NOTEQUAL: return PY_CMPOP_NOT_EQ;
    case PY_TOK_NAME:
        if (p->kw == KW_IN) return PY_CMPOP_IN;
        if (p->kw == KW_NOT) return PY_CMPOP_NOT_IN;
        if (p->kw == KW_IS) return PY_CMPOP_IS;
        return 0;
    default:
        return 0;
    }
}

DEPTH_WRAP(comparison)
static py_ast_expr_t *comparison_body(parser_t *p)
{
    int lineno = p->t.lineno, col = p->t.col_offset;
    py_ast_expr_t *left = pe_expr(p);
    if (left == NULL)
        return NULL;
    py_ast_cmpop_t op = comp_op(p);
    if (op == 0)
        return left;
    vec_t ops = {0}, rights = {0};
    while ((op = comp_op(p)) != 0) {
        if (!padvance(p))
            return NULL;
        if (op == PY_CMPOP_NOT_IN) {
            if (!pexpect_kw(p, KW_IN))
                return NULL;
        } else if (op == PY_CMPOP_IS && piskw(p, KW_NOT)) {
            op = PY_CMPOP_IS_NOT;
            if (!padvance(p))
                return NULL;
        }
        py_ast_expr_t *right = pe_expr(p);
        if (right == NULL)
            return NULL;
        if (pvec_push(p, &ops, (void *)(uintptr_t)op) < 0 ||
            pvec_push(p, &rights, right) < 0)
            return NULL;
    }
    py_ast_cmpop_t *opv = py_arena_alloc(p->arena, ops.n * sizeof(*opv));
    if (opv == NULL)
        return NULL;
    for (size_t i = 0; i < ops.n; i++)
        opv[i] = (py_ast_cmpop_t)(uintptr_t)ops.items[i];
    NEW_EXPR(c, PY_EXPR_COMPARE, lineno, col);
    c->v.Compare.left = left;
    c->v.Compare.ops.n = ops.n;
    c->v.Compare.ops.items = opv;
    c->v.Compare.comparators = SEQ(py_ast_expr_seq_t, rights);
    return c;
}

/* ---- binary operators ----------------------------------------------- */

/* CPython's ast_for_binop: the first BinOp sits at the start of the left
   operand, every further one at its operator token. */
static py_ast_expr_t *binop_chain(parser_t *p,
                                  py_ast_expr_t *(*sub)(parser_t *),
                                  py_ast_operator_t (*opof)(py_token_type_t))
{
    int lineno = p->t.lineno, col = p->t.col_offset;
    py_ast_expr_t *left = sub(p);
    if (left == NULL)
        return NULL;
    bool first = true;
    py_ast_operator_t op;
    while ((op = opof(p->t.type)) != 0) {
        int ol = p->t.lineno, oc = p->t.col_offset;
        if (!padvance(p))
            return NULL;
        py_ast_expr_t *right = sub(p);
        if (right == NULL)
            return NULL;
        NEW_EXPR(b, PY_EXPR_BIN_OP, first ? lineno : ol, first ? col : oc);
        b->v.BinOp.left = left;
        b->v.BinOp.op = op;
        b->v.BinOp.right = right;
        left = b;
        first = false;
    }
    return left;
}

static py_ast_operator_t op_or(py_token_type_t t)
{
    return t == PY_TOK_VBAR ? PY_OP_BIT_OR : 0;
}
static py_ast_operator_t op_xor(py_token_type_t t)
{
    return t == PY_TOK_CIRCUMFLEX ? PY_OP_BIT_XOR : 0;
}
static py_ast_operator_t op_and(py_token_type_t t)
{
    return t == PY_TOK_AMPER ? PY_OP_BIT_AND : 0;
}
static py_ast_operator_t op_shift(py_token_type_t t)
{
    return t == PY_TOK_LEFTSHIFT ? PY_OP_LSHIFT
         : t == PY_TOK_RIGHTSHIFT ? PY_OP_RSHIFT : 0;
}
static py_ast_operator_t op_arith(py_token_type_t t)
{
    return t == PY_TOK_PLUS ? PY_OP_ADD : t == PY_TOK_MINUS ? PY_OP_SUB : 0;
}
static py_ast_operator_t op_term(py_token_type_t t)
{
    switch (t) {
    case PY_TOK_STAR: return PY_OP_MULT;
    case PY_TOK_SLASH: return PY_OP_DIV;
    case PY_TOK_PERCENT: return PY_OP_MOD;
    case PY_TOK_DOUBLESLASH: return PY_OP_FLOOR_DIV;
    default: return 0;
    }
}

static py_ast_expr_t *xor_expr(parser_t *p);
static py_ast_expr_t *and_expr(parser_t *p);
static py_ast_expr_t *shift_expr(parser_t *p);
static py_ast_expr_t *arith_expr(parser_t *p);
static py_ast_expr_t *term(parser_t *p);

DEPTH_WRAP(expr)
static py_ast_expr_t *expr_body(parser_t *p)
{
    return binop_chain(p, xor_expr, op_or);
}

py_ast_expr_t *pe_expr(parser_t *p)
{
    return expr(p);
}

DEPTH_WRAP(xor_expr)
static py_ast_expr_t *xor_expr_body(parser_t *p)
{
    return binop_chain(p, and_expr, op_xor);
}
DEPTH_WRAP(and_expr)
static py_ast_expr_t *and_expr_body(parser_t *p)
{
    return binop_chain(p, shift_expr, op_and);
}
DEPTH_WRAP(shift_expr)
static py_ast_expr_t *shift_expr_body(parser_t *p)
{
    return binop_chain(p, arith_expr, op_shift);
}
DEPTH_WRAP(arith_expr)
static py_ast_expr_t *arith_expr_body(parser_t *p)
{
    return binop_chain(p, term, op_arith);
}
DEPTH_WRAP(term)
static py_ast_expr_t *term_body(parser_t *p)
{
    return binop_chain(p, factor, op_term);
}

/* ---- unary operators, negative literals ----------------------------- */

static py_ast_expr_t *number(parser_t *p, const char *s, size_t n,
                             int lineno, int col, bool negate);

DEPTH_WRAP(power)

DEPTH_WRAP(factor)
static py_ast_expr_t *factor_body(parser_t *p)
{
    py_ast_unaryop_t op;
    switch (p->t.type) {
    case PY_TOK_PLUS: op = PY_UNARYOP_UADD; break;
    case PY_TOK_MINUS: op = PY_UNARYOP_USUB; break;
    case PY_TOK_TILDE: op = PY_UNARYOP_INVERT; break;
    default: return power(p);
    }
    int lineno = p->t.lineno, col = p->t.col_offset;
    if (!padvance(p))
        return NULL;
    if (op == PY_UNARYOP_USUB && pis(p, PY_TOK_NUMBER)) {
        /* ast.c folds '-' into a number literal that is a whole power
           (no trailer, no '**'): -2147483648 is an int, -5 a Num(-5). */
        py_token_t num = p->t;
        if (p->depth + 3 > PARSER_MAXSTACK)     /* factor, power, atom */
            return pstack_overflow(p);
        if (!padvance(p))
            return NULL;
        bool whole = !pis(p, PY_TOK_LPAR) && !pis(p, PY_TOK_LSQB) &&
                     !pis(p, PY_TOK_DOT) && !pis(p, PY_TOK_DOUBLESTAR);
        /* the folded number keeps the position of the '-' */
        py_ast_expr_t *n = number(p, num.start, (size_t)(num.end - num.start),
                                  whole ? lineno : num.lineno,
                                  whole ? col : num.col_offset, whole);
        if (n == NULL)
            return NULL;
        if (whole)
            return n;
        /* not foldable: continue the power with N as its atom */
        p->depth += 2;          /* factor -> power -> atom, as CPython */
        py_ast_expr_t *operand = pe_power_rest(p, n, num.lineno,
                                               num.col_offset);
        p->depth -= 2;
        if (operand == NULL)
            return NULL;
        NEW_EXPR(e, PY_EXPR_UNARY_OP, lineno, col);
        e->v.UnaryOp.op = op;
        e->v.UnaryOp.operand = operand;
        return e;
    }
    py_ast_expr_t *operand = factor(p);
    if (operand == NULL)
        return NULL;
    NEW_EXPR(e, PY_EXPR_UNARY_OP, lineno, col);
    e->v.UnaryOp.op = op;
    e->v.UnaryOp.operand = operand;
    return e;
}

/* ---- power, trailers ------------------------------------------------ */

static py_ast_slice_t *subscriptlist(parser_t *p);

/* trailer* ['**' factor] after the atom E that started at (LINENO, COL).
   Every trailer node takes the position of E's node (ast_for_power: for a
   parenthesized atom that is the inner expression's); a '**' sits at the
   power's first token. */
static py_ast_expr_t *pe_power_rest(parser_t *p, py_ast_expr_t *e,
                                    int lineno, int col)
{
    int tlineno = e->lineno, tcol = e->col_offset;
    for (;;) {
        if (pis(p, PY_TOK_LPAR)) {
            e = pe_call(p, e);
            if (e == NULL)
                return NULL;
        } else if (pis(p, PY_TOK_LSQB)) {
            if (p->depth + 2 > PARSER_MAXSTACK)
                return pstack_overflow(p);
            p->depth += 2;      /* trailer, subscriptlist */
            if (!padvance(p))
                return NULL;
            py_ast_slice_t *sl = subscriptlist(p);
            if (sl == NULL || !pexpect(p, PY_TOK_RSQB))
                return NULL;
            p->depth -= 2;
            NEW_EXPR(s, PY_EXPR_SUBSCRIPT, lineno, col);
            s->v.Subscript.value = e;
            s->v.Subscript.slice = sl;
            s->v.Subscript.ctx = PY_CTX_LOAD;
            e = s;
        } else if (pis(p, PY_TOK_DOT)) {
            if (!padvance(p))
                return NULL;
            py_object_t *attr = pname(p);
            if (attr == NULL)
                return NULL;
            NEW_EXPR(a, PY_EXPR_ATTRIBUTE, lineno, col);
            a->v.Attribute.value = e;
            a->v.Attribute.attr = attr;
            a->v.Attribute.ctx = PY_CTX_LOAD;
            e = a;
        } else {
            break;
        }
        e->lineno = tlineno;
        e->col_offset = tcol;
    }
    if (pis(p, PY_TOK_DOUBLESTAR)) {
        if (!padvance(p))
            return NULL;
        py_ast_expr_t *right = factor(p);
        if (right == NULL)
            return NULL;
        NEW_EXPR(b, PY_EXPR_BIN_OP, lineno, col);
        b->v.BinOp.left = e;
        b->v.BinOp.op = PY_OP_POW;
        b->v.BinOp.right = right;
        e = b;
    }
    return e;
}

static py_ast_expr_t *power_body(parser_t *p)
{
    int lineno = p->t.lineno, col = p->t.col_offset;
    py_ast_expr_t *e = atom(p);
    if (e == NULL)
        return NULL;
    return pe_power_rest(p, e, lineno, col);
}

/* subscript: '.' '.' '.' | test | [test] ':' [test] [sliceop] */
static py_ast_slice_t *subscript(parser_t *p)
{
    if (++p->depth > PARSER_MAXSTACK) {
        pstack_overflow(p);
        return NULL;
    }
    py_ast_slice_t *s;
    if (pis(p, PY_TOK_DOT)) {
        for (int i = 0; i < 3; i++)
            if (!pexpect(p, PY_TOK_DOT))
                return NULL;
        s = py_ast_slice_new(p->arena, PY_SLICE_ELLIPSIS);
        p->depth--;
        return s;
    }
    py_ast_expr_t *lower = NULL, *upper = NULL, *step = NULL;
    if (!pis(p, PY_TOK_COLON)) {
        lower = pe_test(p);
        if (lower == NULL)
            return NULL;
        if (!pis(p, PY_TOK_COLON)) {
            s = py_ast_slice_new(p->arena, PY_SLICE_INDEX);
            if (s == NULL)
                return NULL;
            s->v.Index.value = lower;
            p->depth--;
            return s;
        }
    }
    if (!padvance(p))                        /* ':' */
        return NULL;
    if (pe_starts_test(p)) {
        upper = pe_test(p);
        if (upper == NULL)
            return NULL;
    }
    if (pis(p, PY_TOK_COLON)) {
        int l = p->t.lineno, c = p->t.col_offset;
        if (!padvance(p))
            return NULL;
        if (pe_starts_test(p)) {
            step = pe_test(p);
            if (step == NULL)
                return NULL;
        } else {
            /* CPython 2.7: `x[a:b:]` has the step Name('None') */
            py_object_t *none = py_str_intern_bytes("None", 4);
            if (none == NULL)
                return NULL;
            step = py_ast_expr_new(p->arena, PY_EXPR_NAME, l, c);
            if (step == NULL)
                return NULL;
            step->v.Name.id = none;
            step->v.Name.ctx = PY_CTX_LOAD;
        }
    }
    s = py_ast_slice_new(p->arena, PY_SLICE_SLICE);
    if (s == NULL)
        return NULL;
    s->v.Slice.lower = lower;
    s->v.Slice.upper = upper;
    s->v.Slice.step = step;
    p->depth--;
    return s;
}

static bool starts_subscript(const parser_t *p)
{
    return pe_starts_test(p) || pis(p, PY_TOK_COLON) || pis(p, PY_TOK_DOT);
}

static py_ast_slice_t *subscriptlist(parser_t *p)
{
    int lineno = p->t.lineno, col = p->t.col_offset;
    py_ast_slice_t *first = subscript(p);
    if (first == NULL || !pis(p, PY_TOK_COMMA))
        return first;
    vec_t v = {0};
    if (pvec_push(p, &v, first) < 0)
        return NULL;
    while (pis(p, PY_TOK_COMMA)) {
        if (!padvance(p))
            return NULL;
        if (!starts_subscript(p))
            break;
        py_ast_slice_t *s = subscript(p);
        if (s == NULL || pvec_push(p, &v, s) < 0)
            return NULL;
    }
    bool simple = true;
    for (size_t i = 0; i < v.n; i++)
        if (((py_ast_slice_t *)v.items[i])->kind != PY_SLICE_INDEX)
            simple = false;
    if (simple) {
        /* x[a, b] is an Index of the tuple (a, b) */
        for (size_t i = 0; i < v.n; i++)
            v.items[i] = ((py_ast_slice_t *)v.items[i])->v.Index.value;
        py_ast_expr_t *t = make_tuple(p, &v, lineno, col);
        py_ast_slice_t *s = t ? py_ast_slice_new(p->arena, PY_SLICE_INDEX)
                              : NULL;
        if (s == NULL)
            return NULL;
        s->v.Index.value = t;
        return s;
    }
    py_ast_slice_t *s = py_ast_slice_new(p->arena, PY_SLICE_EXT_SLICE);
    if (s == NULL)
        return NULL;
    s->v.ExtSlice.dims = SEQ(py_ast_slice_seq_t, v);
    return s;
}

/* ---- calls ---------------------------------------------------------- */

typedef struct {
    py_ast_expr_t *value;     /* the positional value, or keyword value */
    py_ast_expr_t *key;       /* the expression before '=', or NULL */
    int lineno;
    bool genexp;
    bool after_star;          /* follows *args */
} arg_t;

static py_ast_expr_t *genexp_from(parser_t *p, py_ast_expr_t *elt,
                                  int lineno, int col);

py_ast_expr_t *pe_call(parser_t *p, py_ast_expr_t *func)
{
    if (p->depth + 2 > PARSER_MAXSTACK)
        return pstack_overflow(p);
    p->depth += 2;              /* trailer, arglist */
    int plineno = p->t.lineno, pcol = p->t.col_offset;
    if (!padvance(p))           /* '(' */
        return NULL;
    int alineno = p->t.lineno;
    vec_t args = {0};
    py_ast_expr_t *starargs = NULL, *kwargs = NULL;
    int nargs = 0, nkw = 0, ngens = 0;
    while (!pis(p, PY_TOK_RPAR)) {
        if (pis(p, PY_TOK_STAR) && starargs == NULL) {
            if (!padvance(p) || (starargs = pe_test(p)) == NULL)
                return NULL;
        } else if (pis(p, PY_TOK_DOUBLESTAR)) {
            if (!padvance(p) || (kwargs = pe_test(p)) == NULL)
                return NULL;
            break;              /* nothing may follow **kwargs */
        } else {
            arg_t *a = py_arena_alloc(p->arena, sizeof(*a));
            if (a == NULL)
                return NULL;
            a->lineno = p->t.lineno;
            int col = p->t.col_offset;
            py_ast_expr_t *e = pe_test(p);
            if (e == NULL)
                return NULL;
            if (piskw(p, KW_FOR)) {
                e = genexp_from(p, e, a->lineno, col);
                if (e == NULL)
                    return NULL;
                a->genexp = true;
                ngens++;
            } else if (pis(p, PY_TOK_EQUAL)) {
                if (!padvance(p))
                    return NULL;
                a->key = e;
                if ((e = pe_test(p)) == NULL)
                    return NULL;
                nkw++;
            } else {
                nargs++;
            }
            a->value = e;
            /* the checks come below, in CPython's order */
            if (pvec_push(p, &args, a) < 0)
                return NULL;
            a->after_star = starargs != NULL;
        }
        if (!pis(p, PY_TOK_COMMA))
            break;
        if (!padvance(p))
            return NULL;
        if (starargs != NULL && pis(p, PY_TOK_RPAR))
            return psyntax_error(p, false);  /* f(*a,) */
    }
    if (!pexpect(p, PY_TOK_RPAR))
        return NULL;
    p->depth -= 2;

    if (ngens > 1 || (ngens && (nargs || nkw)))
        past_error(p, alineno, "Generator expression must be "
                   "parenthesized if not sole argument");
    if (nargs + nkw + ngens > 255)
        past_error(p, alineno, "more than 255 arguments");
    vec_t pos = {0}, kws = {0};
    for (size_t i = 0; i < args.n; i++) {
        arg_t *a = args.items[i];
        bool after_star = a->after_star;
        int lineno = a->lineno;
        if (a->key == NULL) {
            if (!a->genexp && kws.n > 0)
                past_error(p, lineno, "non-keyword arg after keyword arg");
            if (!a->genexp && after_star)
                past_error(p, lineno, "only named arguments may follow "
                           "*expression");
            if (pvec_push(p, &pos, a->value) < 0)
                return NULL;
            continue;
        }
        if (a->key->kind == PY_EXPR_LAMBDA) {
            past_error(p, lineno, "lambda cannot contain assignment");
            continue;
        }
        if (a->key->kind != PY_EXPR_NAME) {
            past_error(p, lineno, "keyword can't be an expression");
            continue;
        }
        py_object_t *id = a->key->v.Name.id;
        forbidden(p, id, lineno);
        for (size_t k = 0; k < kws.n; k++)
            if (((py_ast_keyword_t *)kws.items[k])->arg == id)
                past_error(p, lineno, "keyword argument repeated");
        py_ast_keyword_t *kw = py_arena_alloc(p->arena, sizeof(*kw));
        if (kw == NULL)
            return NULL;
        kw->arg = id;
        kw->value = a->value;
        if (pvec_push(p, &kws, kw) < 0)
            return NULL;
    }
    /* f() sits at its '(' until the power loop moves it to the atom */
    NEW_EXPR(c, PY_EXPR_CALL, args.n || starargs || kwargs
                                  ? func->lineno : plineno,
             args.n || starargs || kwargs ? func->col_offset : pcol);
    c->v.Call.func = func;
    c->v.Call.args = SEQ(py_ast_expr_seq_t, pos);
    c->v.Call.keywords = SEQ(py_ast_keyword_seq_t, kws);
    c->v.Call.starargs = starargs;
    c->v.Call.kwargs = kwargs;
    return c;
}

/* ---- parameters ----------------------------------------------------- */

/* fplist inside '(' ... ')' of a parameter: a Tuple of Store names (the
   parentheses of a lone (x) are elided). */
static py_ast_expr_t *fpdef(parser_t *p, bool top, bool *parenthesized);

static py_ast_expr_t *fplist(parser_t *p)
{
    int lineno = p->t.lineno, col = p->t.col_offset;
    bool paren;
    py_ast_expr_t *first = fpdef(p, false, &paren);
    if (first == NULL)
        return NULL;
    if (!pis(p, PY_TOK_COMMA))
        return first;           /* (x): not complex */
    vec_t v = {0};
    if (pvec_push(p, &v, first) < 0)
        return NULL;
    while (pis(p, PY_TOK_COMMA)) {
        if (!padvance(p))
            return NULL;
        if (pis(p, PY_TOK_RPAR))
            break;
        py_ast_expr_t *e = fpdef(p, false, &paren);
        if (e == NULL || pvec_push(p, &v, e) < 0)
            return NULL;
    }
    py_ast_expr_t *t = make_tuple(p, &v, lineno, col);
    if (t == NULL || !pe_set_context(p, t, PY_CTX_STORE, lineno))
        return NULL;
    return t;
}

static py_ast_expr_t *fpdef(parser_t *p, bool top, bool *parenthesized)
{
    if (++p->depth > PARSER_MAXSTACK)
        return pstack_overflow(p);
    py_ast_expr_t *e;
    if (pis(p, PY_TOK_LPAR)) {
        if (!padvance(p))
            return NULL;
        e = fplist(p);
        if (e == NULL || !pexpect(p, PY_TOK_RPAR))
            return NULL;
        *parenthesized = true;
        if (e->kind == PY_EXPR_NAME && top)
            e->v.Name.ctx = PY_CTX_PARAM;
    } else {
        int lineno = p->t.lineno, col = p->t.col_offset;
        py_object_t *id = pname(p);
        if (id == NULL)
            return NULL;
        if (forbidden(p, id, lineno))
            return NULL;
        e = py_ast_expr_new(p->arena, PY_EXPR_NAME, lineno, col);
        if (e == NULL)
            return NULL;
        e->v.Name.id = id;
        e->v.Name.ctx = top ? PY_CTX_PARAM : PY_CTX_STORE;
    }
    p->depth--;
    return e;
}

py_ast_arguments_t *pe_varargslist(parser_t *p, py_token_type_t stop)
{
    py_ast_arguments_t *a = py_arena_alloc(p->arena, sizeof(*a));
    if (a == NULL)
        return NULL;
    int lineno = p->t.lineno;
    vec_t args = {0}, defaults = {0};
    bool found_default = false;
    while (!pis(p, stop)) {
        if (pis(p, PY_TOK_STAR) || pis(p, PY_TOK_DOUBLESTAR)) {
            bool star = pis(p, PY_TOK_STAR);
            int l = p->t.lineno;
            if (!padvance(p))
                return NULL;
            py_object_t *id = pname(p);
            if (id == NULL || forbidden(p, id, l))
                return NULL;
            if (star) {
                a->vararg = id;
                if (pis(p, PY_TOK_COMMA)) {
                    if (!padvance(p))
                        return NULL;
                    if (!pis(p, PY_TOK_DOUBLESTAR))
                        return psyntax_error(p, false);
                    continue;
                }
            } else {
                a->kwarg = id;
            }
            break;
        }
        bool paren = false;
        py_ast_expr_t *e = fpdef(p, true, &paren);
        if (e == NULL)
            return NULL;
        if (pis(p, PY_TOK_EQUAL)) {
            if (paren && e->kind == PY_EXPR_NAME)
                past_error(p, lineno, "parenthesized arg with default");
            if (!padvance(p))
                return NULL;
            py_ast_expr_t *d = pe_test(p);
            if (d == NULL || pvec_push(p, &defaults, d) < 0)
                return NULL;
            found_default = true;
        } else if (found_default) {
            past_error(p, lineno, "non-default argument follows default "
                       "argument");
        }
        if (pvec_push(p, &args, e) < 0)
            return NULL;
        if (!pis(p, PY_TOK_COMMA))
            break;
        if (!padvance(p))
            return NULL;
    }
    a->args = SEQ(py_ast_expr_seq_t, args);
    a->defaults = SEQ(py_ast_expr_seq_t, defaults);
    return a;
}

/* ---- comprehensions ------------------------------------------------- */

/* 'for' exprlist 'in' (testlist_safe | or_test) ('if' old_test)*, then
   more 'for's.  LIST_FOR selects list_for (testlist_safe). */
static bool comp_for(parser_t *p, vec_t *gens, bool list_for)
{
    while (piskw(p, KW_FOR)) {
        if (p->depth + 2 > PARSER_MAXSTACK) {
            pstack_overflow(p);
            return false;
        }
        if (!padvance(p))
            return false;
        int tl = p->t.lineno;
        vec_t tv = {0};
        py_ast_expr_t *t = pe_expr(p);
        if (t == NULL || pvec_push(p, &tv, t) < 0)
            return false;
        bool comma;
        if (!more_items(p, &tv, pe_expr, &comma))
            return false;
        if (comma) {
            /* a tuple target sits at its first element (2.7.18) */
            t = make_tuple(p, &tv, t->lineno, t->col_offset);
            if (t == NULL)
                return false;
        }
        if (!pe_set_context(p, t, PY_CTX_STORE, tl) ||
            !pexpect_kw(p, KW_IN))
            return false;
        py_ast_expr_t *iter;
        if (list_for) {
            /* testlist_safe: old_test [(',' old_test)+ [',']] */
            int il = p->t.lineno, ic = p->t.col_offset;
            iter = pe_old_test(p);
            if (iter == NULL)
                return false;
            if (pis(p, PY_TOK_COMMA)) {
                vec_t iv = {0};
                if (pvec_push(p, &iv, iter) < 0 ||
                    !padvance(p))
                    return false;
                if (!pe_starts_test(p))
                    return psyntax_error(p, false);
                py_ast_expr_t *e = pe_old_test(p);
                if (e == NULL || pvec_push(p, &iv, e) < 0)
                    return false;
                if (!more_items(p, &iv, pe_old_test, &comma))
                    return false;
                iter = make_tuple(p, &iv, il, ic);
                if (iter == NULL)
                    return false;
            }
        } else {
            iter = pe_or_test(p);
            if (iter == NULL)
                return false;
        }
        vec_t ifs = {0};
        while (piskw(p, KW_IF)) {
            if (!padvance(p))
                return false;
            py_ast_expr_t *c = pe_old_test(p);
            if (c == NULL || pvec_push(p, &ifs, c) < 0)
                return false;
        }
        py_ast_comprehension_t *g = py_arena_alloc(p->arena, sizeof(*g));
        if (g == NULL)
            return false;
        g->target = t;
        g->iter = iter;
        g->ifs = SEQ(py_ast_expr_seq_t, ifs);
        if (pvec_push(p, gens, g) < 0)
            return false;
    }
    return true;
}

static py_ast_expr_t *genexp_from(parser_t *p, py_ast_expr_t *elt,
                                  int lineno, int col)
{
    vec_t gens = {0};
    if (!comp_for(p, &gens, false))
        return NULL;
    NEW_EXPR(g, PY_EXPR_GENERATOR_EXP, lineno, col);
    g->v.GeneratorExp.elt = elt;
    g->v.GeneratorExp.generators = SEQ(py_ast_comprehension_seq_t, gens);
    return g;
}

/* ---- atoms ---------------------------------------------------------- */

static py_ast_expr_t *number(parser_t *p, const char *s, size_t n,
                             int lineno, int col, bool negate)
{
    py_object_t *v = py_number_from_literal(s, n);
    if (v == NULL) {
        if (py_err_matches(py_exc_MemoryError_type)) {
            p->failed = true;
            return NULL;
        }
        pdefer_exception(p);    /* raised at the end, as ast.c would */
        if ((v = py_int_from_long(0)) == NULL) {
            p->failed = true;
            return NULL;
        }
        negate = false;
    }
    if (negate) {
        if (py_complex_check(v)) {
            /* CPython parses "-1j" whole: the real part stays +0.0 */
            double re, im;
            py_complex_value(v, &re, &im);
            v = py_complex_from_doubles(re, -im);
        } else {
            v = py_unary_op(PY_UNOP_NEG, v);
            /* -9223372036854775808 is written as a long literal but is
               an int (CPython parses the text with its sign) */
            long l;
            if (v != NULL && py_long_check(v) && s[n - 1] != 'l' &&
                s[n - 1] != 'L' && py_long_to_long(v, &l) == 0)
                v = py_int_from_long(l);
        }
        if (v == NULL) {
            p->failed = true;
            return NULL;
        }
    }
    NEW_EXPR(e, PY_EXPR_NUM, lineno, col);
    e->v.Num.n = v;
    return e;
}

static py_ast_expr_t *strings(parser_t *p)
{
    int lineno = p->t.lineno, col = p->t.col_offset;
    vec_t v = {0};
    while (pis(p, PY_TOK_STRING)) {
        py_strtok_t *st = py_arena_alloc(p->arena, sizeof(*st));
        if (st == NULL)
            return NULL;
        st->s = p->t.start;
        st->n = (size_t)(p->t.end - p->t.start);
        if (pvec_push(p, &v, st) < 0 || !padvance(p))
            return NULL;
    }
    py_strtok_t *toks = py_arena_alloc(p->arena, v.n * sizeof(*toks));
    if (toks == NULL)
        return NULL;
    for (size_t i = 0; i < v.n; i++)
        toks[i] = *(py_strtok_t *)v.items[i];
    char err[200];
    py_object_t *s = py_ast_parse_strings(toks, v.n, p->unicode_literals,
                                          &p->src, p->arena, err);
    if (s == NULL) {
        if (err[0] != '\0') {
            char buf[256];
            snprintf(buf, sizeof(buf), "(unicode error) %s", err);
            past_error(p, lineno, buf);
        } else if (py_err_matches(py_exc_MemoryError_type)) {
            p->failed = true;
            return NULL;
        } else {
            pdefer_exception(p);        /* ValueError: invalid \x escape */
        }
        /* a placeholder: the recorded error is raised at the end */
        if ((s = py_str_from_bytes("", 0)) == NULL) {
            p->failed = true;
            return NULL;
        }
    }
    NEW_EXPR(e, PY_EXPR_STR, lineno, col);
    e->v.Str.s = s;
    return e;
}

/* '(' [yield_expr|testlist_comp] ')' */
static py_ast_expr_t *paren_atom(parser_t *p, int lineno, int col)
{
    if (pis(p, PY_TOK_RPAR)) {
        if (!padvance(p))
            return NULL;
        vec_t none = {0};
        return make_tuple(p, &none, lineno, col);
    }
    py_ast_expr_t *e;
    if (piskw(p, KW_YIELD)) {
        e = pe_yield(p);
    } else {
        if (++p->depth > PARSER_MAXSTACK)       /* testlist_comp */
            return pstack_overflow(p);
        int l = p->t.lineno, c = p->t.col_offset;
        e = pe_test(p);
        if (e != NULL && piskw(p, KW_FOR)) {
            e = genexp_from(p, e, l, c);
        } else if (e != NULL && pis(p, PY_TOK_COMMA)) {
            vec_t v = {0};
            bool comma;
            if (pvec_push(p, &v, e) < 0 || !more_items(p, &v, pe_test, &comma))
                return NULL;
            e = make_tuple(p, &v, l, c);
        }
        p->depth--;
    }
    if (e == NULL || !pexpect(p, PY_TOK_RPAR))
        return NULL;
    return e;
}

/* '[' [listmaker] ']' */
static py_ast_expr_t *list_atom(parser_t *p, int lineno, int col)
{
    vec_t v = {0};
    if (!pis(p, PY_TOK_RSQB)) {
        if (++p->depth > PARSER_MAXSTACK)       /* listmaker */
            return pstack_overflow(p);
        int l = p->t.lineno, c = p->t.col_offset;
        py_ast_expr_t *first = pe_test(p);
        if (first == NULL)
            return NULL;
        if (piskw(p, KW_FOR)) {
            vec_t gens = {0};
            if (!comp_for(p, &gens, true) || !pexpect(p, PY_TOK_RSQB))
                return NULL;
            p->depth--;
            NEW_EXPR(lc, PY_EXPR_LIST_COMP, l, c);
            lc->v.ListComp.elt = first;
            lc->v.ListComp.generators = SEQ(py_ast_comprehension_seq_t, gens);
            return lc;
        }
        bool comma;
        if (pvec_push(p, &v, first) < 0 || !more_items(p, &v, pe_test, &comma))
            return NULL;
        p->depth--;
    }
    if (!pexpect(p, PY_TOK_RSQB))
        return NULL;
    NEW_EXPR(e, PY_EXPR_LIST, lineno, col);
    e->v.List.elts = SEQ(py_ast_expr_seq_t, v);
    e->v.List.ctx = PY_CTX_LOAD;
    return e;
}

/* '{' [dictorsetmaker] '}' */
static py_ast_expr_t *brace_atom(parser_t *p, int lineno, int col)
{
    vec_t keys = {0}, values = {0};
    if (pis(p, PY_TOK_RBRACE)) {
        if (!padvance(p))
            return NULL;
        NEW_EXPR(d, PY_EXPR_DICT, lineno, col);
        return d;
    }
    if (++p->depth > PARSER_MAXSTACK)           /* dictorsetmaker */
        return pstack_overflow(p);
    int l = p->t.lineno, c = p->t.col_offset;
    py_ast_expr_t *first = pe_test(p);
    if (first == NULL)
        return NULL;
    py_ast_expr_t *result;
    if (pis(p, PY_TOK_COLON)) {
        if (!padvance(p))
            return NULL;
        py_ast_expr_t *value = pe_test(p);
        if (value == NULL)
            return NULL;
        if (piskw(p, KW_FOR)) {
            vec_t gens = {0};
            if (!comp_for(p, &gens, false))
                return NULL;
            NEW_EXPR(dc, PY_EXPR_DICT_COMP, l, c);
            dc->v.DictComp.key = first;
            dc->v.DictComp.value = value;
            dc->v.DictComp.generators = SEQ(py_ast_comprehension_seq_t, gens);
            result = dc;
        } else {
            if (pvec_push(p, &keys, first) < 0 ||
                pvec_push(p, &values, value) < 0)
                return NULL;
            while (pis(p, PY_TOK_COMMA)) {
                if (!padvance(p))
                    return NULL;
                if (!pe_starts_test(p))
                    break;
                py_ast_expr_t *k = pe_test(p);
                if (k == NULL || !pexpect(p, PY_TOK_COLON))
                    return NULL;
                py_ast_expr_t *val = pe_test(p);
                if (val == NULL || pvec_push(p, &keys, k) < 0 ||
                    pvec_push(p, &values, val) < 0)
                    return NULL;
            }
            NEW_EXPR(d, PY_EXPR_DICT, lineno, col);
            d->v.Dict.keys = SEQ(py_ast_expr_seq_t, keys);
            d->v.Dict.values = SEQ(py_ast_expr_seq_t, values);
            result = d;
        }
    } else if (piskw(p, KW_FOR)) {
        vec_t gens = {0};
        if (!comp_for(p, &gens, false))
            return NULL;
        NEW_EXPR(sc, PY_EXPR_SET_COMP, l, c);
        sc->v.SetComp.elt = first;
        sc->v.SetComp.generators = SEQ(py_ast_comprehension_seq_t, gens);
        result = sc;
    } else {
        bool comma;
        if (pvec_push(p, &keys, first) < 0 ||
            !more_items(p, &keys, pe_test, &comma))
            return NULL;
        NEW_EXPR(s, PY_EXPR_SET, lineno, col);
        s->v.Set.elts = SEQ(py_ast_expr_seq_t, keys);
        result = s;
    }
    p->depth--;
    if (!pexpect(p, PY_TOK_RBRACE))
        return NULL;
    return result;
}

DEPTH_WRAP(atom)
static py_ast_expr_t *atom_body(parser_t *p)
{
    int lineno = p->t.lineno, col = p->t.col_offset;
    switch (p->t.type) {
    case PY_TOK_NAME: {
        if (p->kw != KW_NONE)
            return psyntax_error(p, false);
        py_object_t *id = pname(p);
        if (id == NULL)
            return NULL;
        NEW_EXPR(e, PY_EXPR_NAME, lineno, col);
        e->v.Name.id = id;
        e->v.Name.ctx = PY_CTX_LOAD;
        return e;
    }
    case PY_TOK_NUMBER: {
        py_token_t t = p->t;
        if (!padvance(p))
            return NULL;
        return number(p, t.start, (size_t)(t.end - t.start), lineno, col,
                      false);
    }
    case PY_TOK_STRING:
        return strings(p);
    case PY_TOK_LPAR:
        if (!padvance(p))
            return NULL;
        return paren_atom(p, lineno, col);
    case PY_TOK_LSQB:
        if (!padvance(p))
            return NULL;
        return list_atom(p, lineno, col);
    case PY_TOK_LBRACE:
        if (!padvance(p))
            return NULL;
        return brace_atom(p, lineno, col);
    case PY_TOK_BACKQUOTE: {
        if (!padvance(p))
            return NULL;
        /* testlist1: test (',' test)* -- no trailing comma */
        int l = p->t.lineno, c = p->t.col_offset;
        py_ast_expr_t *v = pe_test(p);
        if (v == NULL)
            return NULL;
        if (pis(p, PY_TOK_COMMA)) {
            vec_t items = {0};
            if (pvec_push(p, &items, v) < 0)
                return NULL;
            while (pis(p, PY_TOK_COMMA)) {
                if (!padvance(p))
                    return NULL;
                py_ast_expr_t *e = pe_test(p);
                if (e == NULL || pvec_push(p, &items, e) < 0)
                    return NULL;
            }
            v = make_tuple(p, &items, l, c);
            if (v == NULL)
                return NULL;
        }
        if (!pexpect(p, PY_TOK_BACKQUOTE))
            return NULL;
        NEW_EXPR(r, PY_EXPR_REPR, lineno, col);
        r->v.Repr.value = v;
        return r;
    }
    default:
        return psyntax_error(p, false);
    }
}

py_object_t *pe_dotted_name(parser_t *p)
{
    const char *start = p->t.start;
    const char *end = p->t.end;
    if (!pis(p, PY_TOK_NAME) || p->kw != KW_NONE) {
        psyntax_error(p, false);
        return NULL;
    }
    if (!padvance(p))
        return NULL;
    /* build "a.b.c" without the blanks the source may hold */
    vec_t parts = {0};
    size_t total = (size_t)(end - start);
    py_strtok_t *first = py_arena_alloc(p->arena, sizeof(*first));
    if (first == NULL)
        return NULL;
    first->s = start;
    first->n = total;
    if (pvec_push(p, &parts, first) < 0)
        return NULL;
    while (pis(p, PY_TOK_DOT)) {
        if (!padvance(p))
            return NULL;
        if (!pis(p, PY_TOK_NAME) || p->kw != KW_NONE) {
            psyntax_error(p, false);
            return NULL;
        }
        py_strtok_t *part = py_arena_alloc(p->arena, sizeof(*part));
        if (part == NULL)
            return NULL;
        part->s = p->t.start;
        part->n = (size_t)(p->t.end - p->t.start);
        total += 1 + part->n;
        if (pvec_push(p, &parts, part) < 0 || !padvance(p))
            return NULL;
    }
    char *buf = py_arena_bytes(p->arena, total + 1);
    if (buf == NULL)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < parts.n; i++) {
        py_strtok_t *part = parts.items[i];
        if (i)
            buf[k++] = '.';
        memcpy(buf + k, part->s, part->n);
        k += part->n;
    }
    return py_str_intern_bytes(buf, k);
}
