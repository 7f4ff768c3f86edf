/* compile_expr.c -- the bytecode compiler, expressions (CPython 2.7's
 * Python/compile.c: compiler_visit_expr and its helpers, comprehensions,
 * lambdas, slices, calls).  See compile.c for the conventions. */
#include <stdio.h>
#include <string.h>

#include "interp/compile.h"
#include "interp/compile_internal.h"
#include "interp/errors.h"
#include "interp/opcodes.h"
#include "interp/objects/codeobject.h"
#include "interp/objects/noneobject.h"
#include "interp/objects/sliceobject.h"
#include "interp/objects/stringobject.h"

#define TRY(x) do { if ((x) < 0) return -1; } while (0)
#define ADDOP(op) TRY(py_cc_addop(c, (op)))
#define ADDOP_I(op, arg) TRY(py_cc_addop_i(c, (op), (arg)))
#define ADDOP_JABS(op, b) TRY(py_cc_addop_j(c, (op), (b), true))
#define ADDOP_JREL(op, b) TRY(py_cc_addop_j(c, (op), (b), false))
#define ADDOP_CONST(o) TRY(py_cc_addop_const(c, PY_OP_LOAD_CONST, (o)))
#define ADDOP_NAME(op, n) TRY(py_cc_addop_name(c, (op), (n)))
#define NEW_BLOCK(var) do { if (!((var) = py_cc_new_block(c))) return -1; } while (0)

enum { COMP_GENEXP, COMP_SETCOMP, COMP_DICTCOMP };

static int visit_exprs(py_compiler_t *c, py_ast_expr_seq_t *seq)
{
    for (size_t i = 0; i < seq->n; i++)
        TRY(py_cc_visit_expr(c, seq->items[i]));
    return 0;
}

static int binop(py_compiler_t *c, py_ast_operator_t op)
{
    switch (op) {
    case PY_OP_ADD: return PY_OP_BINARY_ADD;
    case PY_OP_SUB: return PY_OP_BINARY_SUBTRACT;
    case PY_OP_MULT: return PY_OP_BINARY_MULTIPLY;
    case PY_OP_DIV:
        return (c->flags & PY_CO_FUTURE_DIVISION) ? PY_OP_BINARY_TRUE_DIVIDE
                                                  : PY_OP_BINARY_DIVIDE;
    case PY_OP_MOD: return PY_OP_BINARY_MODULO;
    case PY_OP_POW: return PY_OP_BINARY_POWER;
    case PY_OP_LSHIFT: return PY_OP_BINARY_LSHIFT;
    case PY_OP_RSHIFT: return PY_OP_BINARY_RSHIFT;
    case PY_OP_BIT_OR: return PY_OP_BINARY_OR;
    case PY_OP_BIT_XOR: return PY_OP_BINARY_XOR;
    case PY_OP_BIT_AND: return PY_OP_BINARY_AND;
    case PY_OP_FLOOR_DIV: return PY_OP_BINARY_FLOOR_DIVIDE;
    default:
        py_err_format(py_exc_SystemError_type,
                      "binary op %d should not be possible", (int)op);
        return -1;
    }
}

static int unaryop(py_ast_unaryop_t op)
{
    switch (op) {
    case PY_UNARYOP_INVERT: return PY_OP_UNARY_INVERT;
    case PY_UNARYOP_NOT: return PY_OP_UNARY_NOT;
    case PY_UNARYOP_UADD: return PY_OP_UNARY_POSITIVE;
    case PY_UNARYOP_USUB: return PY_OP_UNARY_NEGATIVE;
    default:
        py_err_format(py_exc_SystemError_type,
                      "unary op %d should not be possible", (int)op);
        return -1;
    }
}

static int cmpop(py_ast_cmpop_t op)
{
    switch (op) {
    case PY_CMPOP_EQ: return PY_CMP_EQ;
    case PY_CMPOP_NOT_EQ: return PY_CMP_NE;
    case PY_CMPOP_LT: return PY_CMP_LT;
    case PY_CMPOP_LT_E: return PY_CMP_LE;
    case PY_CMPOP_GT: return PY_CMP_GT;
    case PY_CMPOP_GT_E: return PY_CMP_GE;
    case PY_CMPOP_IS: return PY_CMP_IS;
    case PY_CMPOP_IS_NOT: return PY_CMP_IS_NOT;
    case PY_CMPOP_IN: return PY_CMP_IN;
    case PY_CMPOP_NOT_IN: return PY_CMP_NOT_IN;
    default: return PY_CMP_BAD;
    }
}

static int compile_boolop(py_compiler_t *c, py_ast_expr_t *e)
{
    int jump = e->v.BoolOp.op == PY_BOOLOP_AND ? PY_OP_JUMP_IF_FALSE_OR_POP
                                                : PY_OP_JUMP_IF_TRUE_OR_POP;
    py_block_t *end;
    NEW_BLOCK(end);
    py_ast_expr_seq_t *s = &e->v.BoolOp.values;
    size_t n = s->n - 1;
    for (size_t i = 0; i < n; i++) {
        TRY(py_cc_visit_expr(c, s->items[i]));
        ADDOP_JABS(jump, end);
    }
    TRY(py_cc_visit_expr(c, s->items[n]));
    py_cc_use_next_block(c, end);
    return 0;
}

static int compile_sequence(py_compiler_t *c, py_ast_expr_seq_t *elts,
                            py_ast_expr_context_t ctx, int build)
{
    int n = (int)elts->n;
    if (ctx == PY_CTX_STORE)
        ADDOP_I(PY_OP_UNPACK_SEQUENCE, n);
    TRY(visit_exprs(c, elts));
    if (ctx == PY_CTX_LOAD)
        ADDOP_I(build, n);
    return 0;
}

static int compile_compare(py_compiler_t *c, py_ast_expr_t *e)
{
    py_block_t *cleanup = NULL;
    size_t n = e->v.Compare.ops.n;
    TRY(py_cc_visit_expr(c, e->v.Compare.left));
    if (n > 1) {
        NEW_BLOCK(cleanup);
        TRY(py_cc_visit_expr(c, e->v.Compare.comparators.items[0]));
    }
    for (size_t i = 1; i < n; i++) {
        ADDOP(PY_OP_DUP_TOP);
        ADDOP(PY_OP_ROT_THREE);
        ADDOP_I(PY_OP_COMPARE_OP, cmpop(e->v.Compare.ops.items[i - 1]));
        ADDOP_JABS(PY_OP_JUMP_IF_FALSE_OR_POP, cleanup);
        TRY(py_cc_next_block(c));
        if (i < n - 1)
            TRY(py_cc_visit_expr(c, e->v.Compare.comparators.items[i]));
    }
    TRY(py_cc_visit_expr(c, e->v.Compare.comparators.items[n - 1]));
    ADDOP_I(PY_OP_COMPARE_OP, cmpop(e->v.Compare.ops.items[n - 1]));
    if (n > 1) {
        py_block_t *end;
        NEW_BLOCK(end);
        ADDOP_JREL(PY_OP_JUMP_FORWARD, end);
        py_cc_use_next_block(c, cleanup);
        ADDOP(PY_OP_ROT_TWO);
        ADDOP(PY_OP_POP_TOP);
        py_cc_use_next_block(c, end);
    }
    return 0;
}

static int compile_call(py_compiler_t *c, py_ast_expr_t *e)
{
    int code = 0;
    TRY(py_cc_visit_expr(c, e->v.Call.func));
    int n = (int)e->v.Call.args.n;
    TRY(visit_exprs(c, &e->v.Call.args));
    if (e->v.Call.keywords.n) {
        for (size_t i = 0; i < e->v.Call.keywords.n; i++) {
            py_ast_keyword_t *k = e->v.Call.keywords.items[i];
            ADDOP_CONST(k->arg);
            TRY(py_cc_visit_expr(c, k->value));
        }
        n |= (int)e->v.Call.keywords.n << 8;
    }
    if (e->v.Call.starargs) {
        TRY(py_cc_visit_expr(c, e->v.Call.starargs));
        code |= 1;
    }
    if (e->v.Call.kwargs) {
        TRY(py_cc_visit_expr(c, e->v.Call.kwargs));
        code |= 2;
    }
    static const int ops[4] = {
        PY_OP_CALL_FUNCTION, PY_OP_CALL_FUNCTION_VAR,
        PY_OP_CALL_FUNCTION_KW, PY_OP_CALL_FUNCTION_VAR_KW,
    };
    ADDOP_I(ops[code], n);
    return 0;
}

/* [elt for ...]: not a scope in 2.7; appends to the list under the
   iterators (LIST_APPEND's argument is the depth of the list). */
static int listcomp_generator(py_compiler_t *c,
                              py_ast_comprehension_seq_t *gens,
                              size_t gen_index, py_ast_expr_t *elt)
{
    py_block_t *start, *skip, *if_cleanup, *anchor;
    NEW_BLOCK(start);
    NEW_BLOCK(skip);
    NEW_BLOCK(if_cleanup);
    NEW_BLOCK(anchor);
    py_ast_comprehension_t *l = gens->items[gen_index];
    TRY(py_cc_visit_expr(c, l->iter));
    ADDOP(PY_OP_GET_ITER);
    py_cc_use_next_block(c, start);
    ADDOP_JREL(PY_OP_FOR_ITER, anchor);
    TRY(py_cc_next_block(c));
    TRY(py_cc_visit_expr(c, l->target));
    for (size_t i = 0; i < l->ifs.n; i++) {
        TRY(py_cc_visit_expr(c, l->ifs.items[i]));
        ADDOP_JABS(PY_OP_POP_JUMP_IF_FALSE, if_cleanup);
        TRY(py_cc_next_block(c));
    }
    if (++gen_index < gens->n)
        TRY(listcomp_generator(c, gens, gen_index, elt));
    if (gen_index >= gens->n) {
        TRY(py_cc_visit_expr(c, elt));
        ADDOP_I(PY_OP_LIST_APPEND, (int)gen_index + 1);
        py_cc_use_next_block(c, skip);
    }
    py_cc_use_next_block(c, if_cleanup);
    ADDOP_JABS(PY_OP_JUMP_ABSOLUTE, start);
    py_cc_use_next_block(c, anchor);
    return 0;
}

static int comprehension_generator(py_compiler_t *c,
                                   py_ast_comprehension_seq_t *gens,
                                   size_t gen_index, py_ast_expr_t *elt,
                                   py_ast_expr_t *val, int type)
{
    py_block_t *start, *skip, *if_cleanup, *anchor;
    NEW_BLOCK(start);
    NEW_BLOCK(skip);
    NEW_BLOCK(if_cleanup);
    NEW_BLOCK(anchor);
    py_ast_comprehension_t *gen = gens->items[gen_index];
    if (gen_index == 0) {
        /* The outermost iterator arrives as the argument .0. */
        c->u->argcount = 1;
        ADDOP_I(PY_OP_LOAD_FAST, 0);
    } else {
        TRY(py_cc_visit_expr(c, gen->iter));
        ADDOP(PY_OP_GET_ITER);
    }
    py_cc_use_next_block(c, start);
    ADDOP_JREL(PY_OP_FOR_ITER, anchor);
    TRY(py_cc_next_block(c));
    TRY(py_cc_visit_expr(c, gen->target));
    for (size_t i = 0; i < gen->ifs.n; i++) {
        TRY(py_cc_visit_expr(c, gen->ifs.items[i]));
        ADDOP_JABS(PY_OP_POP_JUMP_IF_FALSE, if_cleanup);
        TRY(py_cc_next_block(c));
    }
    if (++gen_index < gens->n)
        TRY(comprehension_generator(c, gens, gen_index, elt, val, type));
    if (gen_index >= gens->n) {
        switch (type) {
        case COMP_GENEXP:
            TRY(py_cc_visit_expr(c, elt));
            ADDOP(PY_OP_YIELD_VALUE);
            ADDOP(PY_OP_POP_TOP);
            break;
        case COMP_SETCOMP:
            TRY(py_cc_visit_expr(c, elt));
            ADDOP_I(PY_OP_SET_ADD, (int)gen_index + 1);
            break;
        default:
            /* d[k] = v evaluates v first, and so does {k: v for ...} */
            TRY(py_cc_visit_expr(c, val));
            TRY(py_cc_visit_expr(c, elt));
            ADDOP_I(PY_OP_MAP_ADD, (int)gen_index + 1);
            break;
        }
        py_cc_use_next_block(c, skip);
    }
    py_cc_use_next_block(c, if_cleanup);
    ADDOP_JABS(PY_OP_JUMP_ABSOLUTE, start);
    py_cc_use_next_block(c, anchor);
    return 0;
}

static int compile_comprehension(py_compiler_t *c, py_ast_expr_t *e,
                                 int type, const char *name,
                                 py_ast_comprehension_seq_t *gens,
                                 py_ast_expr_t *elt, py_ast_expr_t *val)
{
    py_ast_expr_t *outermost_iter = gens->items[0]->iter;
    py_object_t *uname = py_str_from_cstr(name);
    if (!uname || py_cc_enter_scope(c, uname, e, e->lineno) < 0)
        return -1;
    if (type != COMP_GENEXP)
        ADDOP_I(type == COMP_SETCOMP ? PY_OP_BUILD_SET : PY_OP_BUILD_MAP, 0);
    TRY(comprehension_generator(c, gens, 0, elt, val, type));
    if (type != COMP_GENEXP)
        ADDOP(PY_OP_RETURN_VALUE);
    py_object_t *co = py_cc_assemble(c, true);
    py_cc_exit_scope(c);
    if (!co)
        return -1;
    TRY(py_cc_make_closure(c, co, 0));
    TRY(py_cc_visit_expr(c, outermost_iter));
    ADDOP(PY_OP_GET_ITER);
    ADDOP_I(PY_OP_CALL_FUNCTION, 1);
    return 0;
}

static int compile_lambda(py_compiler_t *c, py_ast_expr_t *e)
{
    py_ast_arguments_t *args = e->v.Lambda.args;
    py_object_t *name = py_cc_intern("<lambda>");
    if (!name)
        return -1;
    TRY(visit_exprs(c, &args->defaults));
    TRY(py_cc_enter_scope(c, name, e, e->lineno));
    TRY(py_cc_arguments(c, args));
    /* None first, so a lambda never has a docstring. */
    if (py_cc_objmap_add(c, &c->u->consts, py_None) < 0)
        return -1;
    c->u->argcount = (int)args->args.n;
    TRY(py_cc_visit_expr(c, e->v.Lambda.body));
    if (c->u->ste->generator)
        ADDOP(PY_OP_POP_TOP);
    else
        ADDOP(PY_OP_RETURN_VALUE);
    py_object_t *co = py_cc_assemble(c, true);
    py_cc_exit_scope(c);
    if (!co)
        return -1;
    return py_cc_make_closure(c, co, (int)args->defaults.n);
}

static int compile_ifexp(py_compiler_t *c, py_ast_expr_t *e)
{
    py_block_t *end, *next;
    NEW_BLOCK(end);
    NEW_BLOCK(next);
    TRY(py_cc_visit_expr(c, e->v.IfExp.test));
    ADDOP_JABS(PY_OP_POP_JUMP_IF_FALSE, next);
    TRY(py_cc_visit_expr(c, e->v.IfExp.body));
    ADDOP_JREL(PY_OP_JUMP_FORWARD, end);
    py_cc_use_next_block(c, next);
    TRY(py_cc_visit_expr(c, e->v.IfExp.orelse));
    py_cc_use_next_block(c, end);
    return 0;
}

/* ---- subscripts and slices ---- */

static int handle_subscr(py_compiler_t *c, int ctx)
{
    int op;
    switch (ctx) {
    case PY_CTX_AUG_LOAD:
    case PY_CTX_LOAD: op = PY_OP_BINARY_SUBSCR; break;
    case PY_CTX_AUG_STORE:
    case PY_CTX_STORE: op = PY_OP_STORE_SUBSCR; break;
    case PY_CTX_DEL: op = PY_OP_DELETE_SUBSCR; break;
    default:
        py_err_format(py_exc_SystemError_type,
                      "invalid subscript kind %d", ctx);
        return -1;
    }
    if (ctx == PY_CTX_AUG_LOAD)
        ADDOP_I(PY_OP_DUP_TOPX, 2);
    else if (ctx == PY_CTX_AUG_STORE)
        ADDOP(PY_OP_ROT_THREE);
    ADDOP(op);
    return 0;
}

static int build_slice(py_compiler_t *c, py_ast_slice_t *s)
{
    int n = 2;
    if (s->v.Slice.lower)
        TRY(py_cc_visit_expr(c, s->v.Slice.lower));
    else
        ADDOP_CONST(py_None);
    if (s->v.Slice.upper)
        TRY(py_cc_visit_expr(c, s->v.Slice.upper));
    else
        ADDOP_CONST(py_None);
    if (s->v.Slice.step) {
        n++;
        TRY(py_cc_visit_expr(c, s->v.Slice.step));
    }
    ADDOP_I(PY_OP_BUILD_SLICE, n);
    return 0;
}

/* a[lo:hi] without a step: the SLICE+n family. */
static int simple_slice(py_compiler_t *c, py_ast_slice_t *s, int ctx)
{
    int slice_offset = 0, stack_count = 0;
    if (s->v.Slice.lower) {
        slice_offset++;
        stack_count++;
        if (ctx != PY_CTX_AUG_STORE)
            TRY(py_cc_visit_expr(c, s->v.Slice.lower));
    }
    if (s->v.Slice.upper) {
        slice_offset += 2;
        stack_count++;
        if (ctx != PY_CTX_AUG_STORE)
            TRY(py_cc_visit_expr(c, s->v.Slice.upper));
    }
    if (ctx == PY_CTX_AUG_LOAD) {
        if (stack_count == 0)
            ADDOP(PY_OP_DUP_TOP);
        else
            ADDOP_I(PY_OP_DUP_TOPX, stack_count + 1);
    } else if (ctx == PY_CTX_AUG_STORE) {
        static const int rot[3] = {
            PY_OP_ROT_TWO, PY_OP_ROT_THREE, PY_OP_ROT_FOUR,
        };
        ADDOP(rot[stack_count]);
    }
    int op;
    switch (ctx) {
    case PY_CTX_AUG_LOAD:
    case PY_CTX_LOAD: op = PY_OP_SLICE_0; break;
    case PY_CTX_AUG_STORE:
    case PY_CTX_STORE: op = PY_OP_STORE_SLICE_0; break;
    case PY_CTX_DEL: op = PY_OP_DELETE_SLICE_0; break;
    default:
        py_err_set_string(py_exc_SystemError_type,
                          "param invalid in simple slice");
        return -1;
    }
    ADDOP(op + slice_offset);
    return 0;
}

static int nested_slice(py_compiler_t *c, py_ast_slice_t *s)
{
    switch (s->kind) {
    case PY_SLICE_ELLIPSIS:
        ADDOP_CONST(py_Ellipsis);
        return 0;
    case PY_SLICE_SLICE:
        return build_slice(c, s);
    case PY_SLICE_INDEX:
        return py_cc_visit_expr(c, s->v.Index.value);
    default:
        py_err_set_string(py_exc_SystemError_type,
                          "extended slice invalid in nested slice");
        return -1;
    }
}

static int visit_slice(py_compiler_t *c, py_ast_slice_t *s, int ctx)
{
    switch (s->kind) {
    case PY_SLICE_INDEX:
        if (ctx != PY_CTX_AUG_STORE)
            TRY(py_cc_visit_expr(c, s->v.Index.value));
        break;
    case PY_SLICE_ELLIPSIS:
        if (ctx != PY_CTX_AUG_STORE)
            ADDOP_CONST(py_Ellipsis);
        break;
    case PY_SLICE_SLICE:
        if (!s->v.Slice.step)
            return simple_slice(c, s, ctx);
        if (ctx != PY_CTX_AUG_STORE)
            TRY(build_slice(c, s));
        break;
    case PY_SLICE_EXT_SLICE:
        if (ctx != PY_CTX_AUG_STORE) {
            size_t n = s->v.ExtSlice.dims.n;
            for (size_t i = 0; i < n; i++)
                TRY(nested_slice(c, s->v.ExtSlice.dims.items[i]));
            ADDOP_I(PY_OP_BUILD_TUPLE, (int)n);
        }
        break;
    default:
        py_err_format(py_exc_SystemError_type,
                      "invalid subscript kind %d", (int)s->kind);
        return -1;
    }
    return handle_subscr(c, ctx);
}

/* ---- the expression visitor ---- */

static int visit_expr_ctx(py_compiler_t *c, py_ast_expr_t *e, int ctx)
{
    switch (e->kind) {
    case PY_EXPR_ATTRIBUTE:
        if (ctx != PY_CTX_AUG_STORE)
            TRY(py_cc_visit_expr(c, e->v.Attribute.value));
        switch (ctx) {
        case PY_CTX_AUG_LOAD:
            ADDOP(PY_OP_DUP_TOP);
            ADDOP_NAME(PY_OP_LOAD_ATTR, e->v.Attribute.attr);
            break;
        case PY_CTX_LOAD:
            ADDOP_NAME(PY_OP_LOAD_ATTR, e->v.Attribute.attr);
            break;
        case PY_CTX_AUG_STORE:
            ADDOP(PY_OP_ROT_TWO);
            ADDOP_NAME(PY_OP_STORE_ATTR, e->v.Attribute.attr);
            break;
        case PY_CTX_STORE:
            ADDOP_NAME(PY_OP_STORE_ATTR, e->v.Attribute.attr);
            break;
        case PY_CTX_DEL:
            ADDOP_NAME(PY_OP_DELETE_ATTR, e->v.Attribute.attr);
            break;
        default:
            py_err_set_string(py_exc_SystemError_type,
                              "param invalid in attribute expression");
            return -1;
        }
        return 0;
    case PY_EXPR_SUBSCRIPT:
        switch (ctx) {
        case PY_CTX_AUG_STORE:
            return visit_slice(c, e->v.Subscript.slice, ctx);
        case PY_CTX_AUG_LOAD:
        case PY_CTX_LOAD:
        case PY_CTX_STORE:
        case PY_CTX_DEL:
            TRY(py_cc_visit_expr(c, e->v.Subscript.value));
            return visit_slice(c, e->v.Subscript.slice, ctx);
        default:
            py_err_set_string(py_exc_SystemError_type,
                              "param invalid in subscript expression");
            return -1;
        }
    case PY_EXPR_NAME:
        return py_cc_nameop(c, e->v.Name.id, ctx);
    case PY_EXPR_LIST:
        return compile_sequence(c, &e->v.List.elts, ctx, PY_OP_BUILD_LIST);
    case PY_EXPR_TUPLE:
        return compile_sequence(c, &e->v.Tuple.elts, ctx, PY_OP_BUILD_TUPLE);
    default:
        py_err_format(py_exc_SystemError_type,
                      "compiler: unknown expression kind %d", (int)e->kind);
        return -1;
    }
}

int py_cc_visit_expr_ctx(py_compiler_t *c, py_ast_expr_t *e, int ctx)
{
    if (e->lineno > c->u->lineno) {
        c->u->lineno = e->lineno;
        c->u->lineno_set = false;
    }
    return visit_expr_ctx(c, e, ctx);
}

int py_cc_visit_expr(py_compiler_t *c, py_ast_expr_t *e)
{
    /* A new (later) line starts a new lnotab entry; earlier lines never
       do (2.7's table only goes forward). */
    if (e->lineno > c->u->lineno) {
        c->u->lineno = e->lineno;
        c->u->lineno_set = false;
    }
    switch (e->kind) {
    case PY_EXPR_BOOL_OP:
        return compile_boolop(c, e);
    case PY_EXPR_BIN_OP: {
        int op = binop(c, e->v.BinOp.op);
        if (op < 0)
            return -1;
        TRY(py_cc_visit_expr(c, e->v.BinOp.left));
        TRY(py_cc_visit_expr(c, e->v.BinOp.right));
        ADDOP(op);
        return 0;
    }
    case PY_EXPR_UNARY_OP: {
        int op = unaryop(e->v.UnaryOp.op);
        if (op < 0)
            return -1;
        TRY(py_cc_visit_expr(c, e->v.UnaryOp.operand));
        ADDOP(op);
        return 0;
    }
    case PY_EXPR_LAMBDA:
        return compile_lambda(c, e);
    case PY_EXPR_IF_EXP:
        return compile_ifexp(c, e);
    case PY_EXPR_DICT: {
        size_t n = e->v.Dict.values.n;
        ADDOP_I(PY_OP_BUILD_MAP, n > 0xFFFF ? 0xFFFF : (int)n);
        for (size_t i = 0; i < n; i++) {
            TRY(py_cc_visit_expr(c, e->v.Dict.values.items[i]));
            TRY(py_cc_visit_expr(c, e->v.Dict.keys.items[i]));
            ADDOP(PY_OP_STORE_MAP);
        }
        return 0;
    }
    case PY_EXPR_SET:
        TRY(visit_exprs(c, &e->v.Set.elts));
        ADDOP_I(PY_OP_BUILD_SET, (int)e->v.Set.elts.n);
        return 0;
    case PY_EXPR_LIST_COMP:
        ADDOP_I(PY_OP_BUILD_LIST, 0);
        return listcomp_generator(c, &e->v.ListComp.generators, 0,
                                  e->v.ListComp.elt);
    case PY_EXPR_SET_COMP:
        return compile_comprehension(c, e, COMP_SETCOMP, "<setcomp>",
                                     &e->v.SetComp.generators,
                                     e->v.SetComp.elt, NULL);
    case PY_EXPR_DICT_COMP:
        return compile_comprehension(c, e, COMP_DICTCOMP, "<dictcomp>",
                                     &e->v.DictComp.generators,
                                     e->v.DictComp.key, e->v.DictComp.value);
    case PY_EXPR_GENERATOR_EXP:
        return compile_comprehension(c, e, COMP_GENEXP, "<genexpr>",
                                     &e->v.GeneratorExp.generators,
                                     e->v.GeneratorExp.elt, NULL);
    case PY_EXPR_YIELD:
        if (c->u->ste->type != PY_BLOCK_FUNCTION)
            return py_cc_error(c, "'yield' outside function");
        if (e->v.Yield.value)
            TRY(py_cc_visit_expr(c, e->v.Yield.value));
        else
            ADDOP_CONST(py_None);
        ADDOP(PY_OP_YIELD_VALUE);
        return 0;
    case PY_EXPR_COMPARE:
        return compile_compare(c, e);
    case PY_EXPR_CALL:
        return compile_call(c, e);
    case PY_EXPR_REPR:
        TRY(py_cc_visit_expr(c, e->v.Repr.value));
        ADDOP(PY_OP_UNARY_CONVERT);
        return 0;
    case PY_EXPR_NUM:
        ADDOP_CONST(e->v.Num.n);
        return 0;
    case PY_EXPR_STR:
        ADDOP_CONST(e->v.Str.s);
        return 0;
    case PY_EXPR_ATTRIBUTE:
        return visit_expr_ctx(c, e, e->v.Attribute.ctx);
    case PY_EXPR_SUBSCRIPT:
        return visit_expr_ctx(c, e, e->v.Subscript.ctx);
    case PY_EXPR_NAME:
        return visit_expr_ctx(c, e, e->v.Name.ctx);
    case PY_EXPR_LIST:
        return visit_expr_ctx(c, e, e->v.List.ctx);
    case PY_EXPR_TUPLE:
        return visit_expr_ctx(c, e, e->v.Tuple.ctx);
    default:
        py_err_format(py_exc_SystemError_type,
                      "compiler: unknown expression kind %d", (int)e->kind);
        return -1;
    }
}
