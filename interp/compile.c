/* compile.c -- the bytecode compiler, statements, functions and classes,
 * __future__ and the entry point (CPython 2.7's Python/compile.c and
 * future.c, reimplemented); compilation units are in compile_unit.c.  The
 * emission order, block structure and line-number bookkeeping follow
 * CPython's exactly: they decide the bytes of co_code and co_lnotab.
 * Expressions are in compile_expr.c, the assembler in assemble.c, the
 * peephole pass in peephole.c.  Every function returns 0 or -1 with an
 * exception set; all memory comes from the compilation's arena. */
#include "interp/compile.h"

#include <stdio.h>
#include <string.h>

#include "interp/compile_internal.h"
#include "interp/errors.h"
#include "interp/opcodes.h"
#include "interp/objects/codeobject.h"
#include "interp/objects/intobject.h"
#include "interp/objects/noneobject.h"
#include "interp/objects/stringobject.h"
#include "interp/objects/tupleobject.h"

/* Helpers with large local buffers stay out of line, so that they do
   not enlarge the frames of the recursive visitors. */
#define NOINLINE __attribute__((noinline))

#define TRY(x) do { if ((x) < 0) return -1; } while (0)

#define ADDOP(op) TRY(py_cc_addop(c, (op)))
#define ADDOP_I(op, arg) TRY(py_cc_addop_i(c, (op), (arg)))
#define ADDOP_JABS(op, b) TRY(py_cc_addop_j(c, (op), (b), true))
#define ADDOP_JREL(op, b) TRY(py_cc_addop_j(c, (op), (b), false))
#define ADDOP_CONST(o) TRY(py_cc_addop_const(c, PY_OP_LOAD_CONST, (o)))
#define ADDOP_NAME(op, n) TRY(py_cc_addop_name(c, (op), (n)))
#define NEW_BLOCK(var) do { if (!((var) = py_cc_new_block(c))) return -1; } while (0)

static bool is_docstring(py_ast_stmt_t *s)
{
    return s->kind == PY_STMT_EXPR && s->v.Expr.value->kind == PY_EXPR_STR;
}

static int visit_stmts(py_compiler_t *c, py_ast_stmt_seq_t *seq)
{
    for (size_t i = 0; i < seq->n; i++)
        TRY(py_cc_visit_stmt(c, seq->items[i]));
    return 0;
}

static int visit_exprs(py_compiler_t *c, py_ast_expr_seq_t *seq)
{
    for (size_t i = 0; i < seq->n; i++)
        TRY(py_cc_visit_expr(c, seq->items[i]));
    return 0;
}

/* A module or class body: a leading string is stored as __doc__. */
static int compile_body(py_compiler_t *c, py_ast_stmt_seq_t *stmts)
{
    size_t i = 0;
    if (stmts->n == 0)
        return 0;
    if (is_docstring(stmts->items[0])) {
        i = 1;
        TRY(py_cc_visit_expr(c, stmts->items[0]->v.Expr.value));
        py_object_t *doc = py_cc_intern("__doc__");
        if (!doc)
            return -1;
        TRY(py_cc_nameop(c, doc, PY_CTX_STORE));
    }
    for (; i < stmts->n; i++)
        TRY(py_cc_visit_stmt(c, stmts->items[i]));
    return 0;
}

static int compile_function(py_compiler_t *c, py_ast_stmt_t *s)
{
    py_ast_arguments_t *args = s->v.FunctionDef.args;
    TRY(visit_exprs(c, &s->v.FunctionDef.decorator_list));
    TRY(visit_exprs(c, &args->defaults));
    TRY(py_cc_enter_scope(c, s->v.FunctionDef.name, s, s->lineno));
    py_ast_stmt_seq_t *body = &s->v.FunctionDef.body;
    bool docstring = body->n > 0 && is_docstring(body->items[0]);
    py_object_t *first_const = docstring
        ? body->items[0]->v.Expr.value->v.Str.s : py_None;
    if (py_cc_objmap_add(c, &c->u->consts, first_const) < 0)
        return -1;
    TRY(py_cc_arguments(c, args));
    c->u->argcount = (int)args->args.n;
    for (size_t i = docstring ? 1 : 0; i < body->n; i++)
        TRY(py_cc_visit_stmt(c, body->items[i]));
    py_object_t *co = py_cc_assemble(c, true);
    py_cc_exit_scope(c);
    if (!co)
        return -1;
    TRY(py_cc_make_closure(c, co, (int)args->defaults.n));
    for (size_t i = 0; i < s->v.FunctionDef.decorator_list.n; i++)
        ADDOP_I(PY_OP_CALL_FUNCTION, 1);
    return py_cc_nameop(c, s->v.FunctionDef.name, PY_CTX_STORE);
}

static int compile_class(py_compiler_t *c, py_ast_stmt_t *s)
{
    TRY(visit_exprs(c, &s->v.ClassDef.decorator_list));
    ADDOP_CONST(s->v.ClassDef.name);
    TRY(visit_exprs(c, &s->v.ClassDef.bases));
    ADDOP_I(PY_OP_BUILD_TUPLE, (int)s->v.ClassDef.bases.n);
    TRY(py_cc_enter_scope(c, s->v.ClassDef.name, s, s->lineno));
    c->u->private_name = s->v.ClassDef.name;
    py_object_t *name = py_cc_intern("__name__");
    py_object_t *module = py_cc_intern("__module__");
    if (!name || !module)
        return -1;
    TRY(py_cc_nameop(c, name, PY_CTX_LOAD));
    TRY(py_cc_nameop(c, module, PY_CTX_STORE));
    TRY(compile_body(c, &s->v.ClassDef.body));
    ADDOP(PY_OP_LOAD_LOCALS);
    ADDOP(PY_OP_RETURN_VALUE);
    py_object_t *co = py_cc_assemble(c, true);
    py_cc_exit_scope(c);
    if (!co)
        return -1;
    TRY(py_cc_make_closure(c, co, 0));
    ADDOP_I(PY_OP_CALL_FUNCTION, 0);
    ADDOP(PY_OP_BUILD_CLASS);
    for (size_t i = 0; i < s->v.ClassDef.decorator_list.n; i++)
        ADDOP_I(PY_OP_CALL_FUNCTION, 1);
    return py_cc_nameop(c, s->v.ClassDef.name, PY_CTX_STORE);
}

/* ---- statements ---- */

/* 1 for a true constant test, 0 for a false one, -1 otherwise (CPython's
   expr_constant: numbers, strings, and __debug__). */
static int expr_constant(py_ast_expr_t *e)
{
    int r;
    switch (e->kind) {
    case PY_EXPR_NUM:
        r = py_object_is_true(e->v.Num.n);
        break;
    case PY_EXPR_STR:
        r = py_object_is_true(e->v.Str.s);
        break;
    case PY_EXPR_NAME:
        return strcmp(py_str_data(e->v.Name.id), "__debug__") == 0 ? 1 : -1;
    default:
        return -1;
    }
    if (r < 0) {
        py_err_clear();
        return -1;
    }
    return r;
}

static int push_fblock(py_compiler_t *c, int type, py_block_t *b)
{
    if (c->u->nfblocks >= PY_MAX_FBLOCKS) {
        py_err_set_string(py_exc_SystemError_type,
                          "too many statically nested blocks");
        return -1;
    }
    c->u->fblock[c->u->nfblocks].type = type;
    c->u->fblock[c->u->nfblocks].block = b;
    c->u->nfblocks++;
    return 0;
}

static void pop_fblock(py_compiler_t *c)
{
    c->u->nfblocks--;
}

/* An elif chain is a chain of nested Ifs; it is compiled in a loop (the
   blocks and line numbers exactly as CPython's recursion makes them), so
   a long chain needs no C stack. */
static int compile_if(py_compiler_t *c, py_ast_stmt_t *s)
{
    py_block_t **ends = NULL;
    size_t nends = 0, capends = 0;
    for (;;) {
        py_block_t *end, *next;
        NEW_BLOCK(end);
        if (nends == capends) {
            size_t cap = capends ? capends * 2 : 8;
            py_block_t **ne = py_arena_alloc(c->arena, cap * sizeof *ne);
            if (!ne)
                return -1;
            if (nends)
                memcpy(ne, ends, nends * sizeof *ne);
            ends = ne;
            capends = cap;
        }
        ends[nends++] = end;
        py_ast_stmt_seq_t *orelse = &s->v.If.orelse;
        bool chain = orelse->n == 1 && orelse->items[0]->kind == PY_STMT_IF;
        int constant = expr_constant(s->v.If.test);
        if (constant == 1) {
            TRY(visit_stmts(c, &s->v.If.body));
            break;
        }
        if (constant == -1) {
            if (orelse->n)
                NEW_BLOCK(next);
            else
                next = end;
            TRY(py_cc_visit_expr(c, s->v.If.test));
            ADDOP_JABS(PY_OP_POP_JUMP_IF_FALSE, next);
            TRY(visit_stmts(c, &s->v.If.body));
            ADDOP_JREL(PY_OP_JUMP_FORWARD, end);
            if (!orelse->n)
                break;
            py_cc_use_next_block(c, next);
        }
        if (!chain) {
            TRY(visit_stmts(c, orelse));
            break;
        }
        /* What py_cc_visit_stmt does on entering the inner If. */
        s = orelse->items[0];
        c->u->lineno = s->lineno;
        c->u->lineno_set = false;
    }
    while (nends)
        py_cc_use_next_block(c, ends[--nends]);
    return 0;
}

static int compile_for(py_compiler_t *c, py_ast_stmt_t *s)
{
    py_block_t *start, *cleanup, *end;
    NEW_BLOCK(start);
    NEW_BLOCK(cleanup);
    NEW_BLOCK(end);
    ADDOP_JREL(PY_OP_SETUP_LOOP, end);
    TRY(push_fblock(c, PY_FB_LOOP, start));
    TRY(py_cc_visit_expr(c, s->v.For.iter));
    ADDOP(PY_OP_GET_ITER);
    py_cc_use_next_block(c, start);
    ADDOP_JREL(PY_OP_FOR_ITER, cleanup);
    TRY(py_cc_visit_expr(c, s->v.For.target));
    TRY(visit_stmts(c, &s->v.For.body));
    ADDOP_JABS(PY_OP_JUMP_ABSOLUTE, start);
    py_cc_use_next_block(c, cleanup);
    ADDOP(PY_OP_POP_BLOCK);
    pop_fblock(c);
    TRY(visit_stmts(c, &s->v.For.orelse));
    py_cc_use_next_block(c, end);
    return 0;
}

static int compile_while(py_compiler_t *c, py_ast_stmt_t *s)
{
    py_block_t *loop, *end, *anchor = NULL;
    int constant = expr_constant(s->v.While.test);
    if (constant == 0)
        return visit_stmts(c, &s->v.While.orelse);
    NEW_BLOCK(loop);
    NEW_BLOCK(end);
    if (constant == -1)
        NEW_BLOCK(anchor);
    if (s->v.While.orelse.n) {
        py_block_t *orelse;
        NEW_BLOCK(orelse);   /* allocated but never used, as CPython */
        (void)orelse;
    }
    ADDOP_JREL(PY_OP_SETUP_LOOP, end);
    py_cc_use_next_block(c, loop);
    TRY(push_fblock(c, PY_FB_LOOP, loop));
    if (constant == -1) {
        TRY(py_cc_visit_expr(c, s->v.While.test));
        ADDOP_JABS(PY_OP_POP_JUMP_IF_FALSE, anchor);
    }
    TRY(visit_stmts(c, &s->v.While.body));
    ADDOP_JABS(PY_OP_JUMP_ABSOLUTE, loop);
    if (constant == -1)
        py_cc_use_next_block(c, anchor);
    ADDOP(PY_OP_POP_BLOCK);
    pop_fblock(c);
    TRY(visit_stmts(c, &s->v.While.orelse));
    py_cc_use_next_block(c, end);
    return 0;
}

static NOINLINE int compile_continue(py_compiler_t *c)
{
    static const char loop_msg[] = "'continue' not properly in loop";
    static const char finally_msg[] =
        "'continue' not supported inside 'finally' clause";
    if (!c->u->nfblocks)
        return py_cc_error(c, loop_msg);
    int i = c->u->nfblocks - 1;
    switch (c->u->fblock[i].type) {
    case PY_FB_LOOP:
        ADDOP_JABS(PY_OP_JUMP_ABSOLUTE, c->u->fblock[i].block);
        break;
    case PY_FB_EXCEPT:
    case PY_FB_FINALLY_TRY:
        while (--i >= 0 && c->u->fblock[i].type != PY_FB_LOOP) {
            if (c->u->fblock[i].type == PY_FB_FINALLY_END)
                return py_cc_error(c, finally_msg);
        }
        if (i == -1)
            return py_cc_error(c, loop_msg);
        ADDOP_JABS(PY_OP_CONTINUE_LOOP, c->u->fblock[i].block);
        break;
    case PY_FB_FINALLY_END:
        return py_cc_error(c, finally_msg);
    }
    return 0;
}

static int compile_try_finally(py_compiler_t *c, py_ast_stmt_t *s)
{
    py_block_t *body, *end;
    NEW_BLOCK(body);
    NEW_BLOCK(end);
    ADDOP_JREL(PY_OP_SETUP_FINALLY, end);
    py_cc_use_next_block(c, body);
    TRY(push_fblock(c, PY_FB_FINALLY_TRY, body));
    TRY(visit_stmts(c, &s->v.TryFinally.body));
    ADDOP(PY_OP_POP_BLOCK);
    pop_fblock(c);
    ADDOP_CONST(py_None);
    py_cc_use_next_block(c, end);
    TRY(push_fblock(c, PY_FB_FINALLY_END, end));
    TRY(visit_stmts(c, &s->v.TryFinally.finalbody));
    ADDOP(PY_OP_END_FINALLY);
    pop_fblock(c);
    return 0;
}

static int compile_try_except(py_compiler_t *c, py_ast_stmt_t *s)
{
    py_block_t *body, *except, *orelse, *end;
    NEW_BLOCK(body);
    NEW_BLOCK(except);
    NEW_BLOCK(orelse);
    NEW_BLOCK(end);
    ADDOP_JREL(PY_OP_SETUP_EXCEPT, except);
    py_cc_use_next_block(c, body);
    TRY(push_fblock(c, PY_FB_EXCEPT, body));
    TRY(visit_stmts(c, &s->v.TryExcept.body));
    ADDOP(PY_OP_POP_BLOCK);
    pop_fblock(c);
    ADDOP_JREL(PY_OP_JUMP_FORWARD, orelse);
    size_t n = s->v.TryExcept.handlers.n;
    py_cc_use_next_block(c, except);
    for (size_t i = 0; i < n; i++) {
        py_ast_excepthandler_t *h = s->v.TryExcept.handlers.items[i];
        if (!h->v.ExceptHandler.type && i < n - 1)
            return py_cc_error(c, "default 'except:' must be last");
        c->u->lineno_set = false;
        c->u->lineno = h->lineno;
        NEW_BLOCK(except);
        if (h->v.ExceptHandler.type) {
            ADDOP(PY_OP_DUP_TOP);
            TRY(py_cc_visit_expr(c, h->v.ExceptHandler.type));
            ADDOP_I(PY_OP_COMPARE_OP, PY_CMP_EXC_MATCH);
            ADDOP_JABS(PY_OP_POP_JUMP_IF_FALSE, except);
        }
        ADDOP(PY_OP_POP_TOP);
        if (h->v.ExceptHandler.name)
            TRY(py_cc_visit_expr(c, h->v.ExceptHandler.name));
        else
            ADDOP(PY_OP_POP_TOP);
        ADDOP(PY_OP_POP_TOP);
        TRY(visit_stmts(c, &h->v.ExceptHandler.body));
        ADDOP_JREL(PY_OP_JUMP_FORWARD, end);
        py_cc_use_next_block(c, except);
    }
    ADDOP(PY_OP_END_FINALLY);
    py_cc_use_next_block(c, orelse);
    TRY(visit_stmts(c, &s->v.TryExcept.orelse));
    py_cc_use_next_block(c, end);
    return 0;
}

static int compile_with(py_compiler_t *c, py_ast_stmt_t *s)
{
    py_block_t *block, *finally;
    NEW_BLOCK(block);
    NEW_BLOCK(finally);
    TRY(py_cc_visit_expr(c, s->v.With.context_expr));
    ADDOP_JREL(PY_OP_SETUP_WITH, finally);
    py_cc_use_next_block(c, block);
    TRY(push_fblock(c, PY_FB_FINALLY_TRY, block));
    if (s->v.With.optional_vars)
        TRY(py_cc_visit_expr(c, s->v.With.optional_vars));
    else
        ADDOP(PY_OP_POP_TOP);
    TRY(visit_stmts(c, &s->v.With.body));
    ADDOP(PY_OP_POP_BLOCK);
    pop_fblock(c);
    ADDOP_CONST(py_None);
    py_cc_use_next_block(c, finally);
    TRY(push_fblock(c, PY_FB_FINALLY_END, finally));
    ADDOP(PY_OP_WITH_CLEANUP);
    ADDOP(PY_OP_END_FINALLY);
    pop_fblock(c);
    return 0;
}

static int compile_print(py_compiler_t *c, py_ast_stmt_t *s)
{
    bool dest = s->v.Print.dest != NULL;
    if (dest)
        TRY(py_cc_visit_expr(c, s->v.Print.dest));
    for (size_t i = 0; i < s->v.Print.values.n; i++) {
        py_ast_expr_t *e = s->v.Print.values.items[i];
        if (dest) {
            ADDOP(PY_OP_DUP_TOP);
            TRY(py_cc_visit_expr(c, e));
            ADDOP(PY_OP_ROT_TWO);
            ADDOP(PY_OP_PRINT_ITEM_TO);
        } else {
            TRY(py_cc_visit_expr(c, e));
            ADDOP(PY_OP_PRINT_ITEM);
        }
    }
    if (s->v.Print.nl)
        ADDOP(dest ? PY_OP_PRINT_NEWLINE_TO : PY_OP_PRINT_NEWLINE);
    else if (dest)
        ADDOP(PY_OP_POP_TOP);
    return 0;
}

static int compile_import(py_compiler_t *c, py_ast_stmt_t *s)
{
    for (size_t i = 0; i < s->v.Import.names.n; i++) {
        py_ast_alias_t *alias = s->v.Import.names.items[i];
        py_object_t *level = py_int_from_long(
            (c->flags & PY_CO_FUTURE_ABSOLUTE_IMPORT) ? 0 : -1);
        if (!level)
            return -1;
        ADDOP_CONST(level);
        ADDOP_CONST(py_None);
        ADDOP_NAME(PY_OP_IMPORT_NAME, alias->name);
        const char *src = py_str_data(alias->name);
        const char *dot = strchr(src, '.');
        if (alias->asname) {
            /* import a.b.c as d: IMPORT_NAME gives a; walk to c. */
            while (dot) {
                src = dot + 1;
                dot = strchr(src, '.');
                py_object_t *attr = py_str_intern_bytes(
                    src, dot ? (size_t)(dot - src) : strlen(src));
                if (!attr)
                    return -1;
                long arg = py_cc_objmap_add(c, &c->u->names, attr);
                if (arg < 0)
                    return -1;
                ADDOP_I(PY_OP_LOAD_ATTR, (int)arg);
            }
            TRY(py_cc_nameop(c, alias->asname, PY_CTX_STORE));
        } else {
            py_object_t *store = alias->name;
            if (dot) {
                store = py_str_intern_bytes(src, (size_t)(dot - src));
                if (!store)
                    return -1;
            }
            TRY(py_cc_nameop(c, store, PY_CTX_STORE));
        }
    }
    return 0;
}

static int compile_from_import(py_compiler_t *c, py_ast_stmt_t *s)
{
    size_t n = s->v.ImportFrom.names.n;
    py_object_t *names = py_tuple_new(n);
    if (!names)
        return -1;
    int lv = s->v.ImportFrom.level;
    if (lv == 0 && !(c->flags & PY_CO_FUTURE_ABSOLUTE_IMPORT))
        lv = -1;
    py_object_t *level = py_int_from_long(lv);
    if (!level)
        return -1;
    for (size_t i = 0; i < n; i++)
        py_tuple_init_item(names, i, s->v.ImportFrom.names.items[i]->name);
    py_object_t *module = s->v.ImportFrom.module;
    if (s->lineno > c->future_lineno && module &&
        strcmp(py_str_data(module), "__future__") == 0)
        return py_cc_error(c, "from __future__ imports must occur at the "
                              "beginning of the file");
    ADDOP_CONST(level);
    ADDOP_CONST(names);
    if (!module) {
        module = py_str_intern_bytes("", 0);
        if (!module)
            return -1;
    }
    ADDOP_NAME(PY_OP_IMPORT_NAME, module);
    for (size_t i = 0; i < n; i++) {
        py_ast_alias_t *alias = s->v.ImportFrom.names.items[i];
        if (i == 0 && py_str_data(alias->name)[0] == '*') {
            ADDOP(PY_OP_IMPORT_STAR);
            return 0;
        }
        ADDOP_NAME(PY_OP_IMPORT_FROM, alias->name);
        TRY(py_cc_nameop(c, alias->asname ? alias->asname : alias->name,
                         PY_CTX_STORE));
    }
    ADDOP(PY_OP_POP_TOP);
    return 0;
}

static int compile_assert(py_compiler_t *c, py_ast_stmt_t *s)
{
    py_ast_expr_t *test = s->v.Assert.test;
    if (test->kind == PY_EXPR_TUPLE && test->v.Tuple.elts.n > 0)
        py_compile_warn(c->arena, c->filename, c->u->lineno,
                        "assertion is always true, perhaps remove "
                        "parentheses?");
    TRY(py_cc_visit_expr(c, test));
    py_block_t *end;
    NEW_BLOCK(end);
    ADDOP_JABS(PY_OP_POP_JUMP_IF_TRUE, end);
    py_object_t *exc = py_cc_intern("AssertionError");
    if (!exc)
        return -1;
    long arg = py_cc_objmap_add(c, &c->u->names, exc);
    if (arg < 0)
        return -1;
    ADDOP_I(PY_OP_LOAD_GLOBAL, (int)arg);
    if (s->v.Assert.msg) {
        TRY(py_cc_visit_expr(c, s->v.Assert.msg));
        ADDOP_I(PY_OP_CALL_FUNCTION, 1);
    }
    ADDOP_I(PY_OP_RAISE_VARARGS, 1);
    py_cc_use_next_block(c, end);
    return 0;
}

static int compile_augassign(py_compiler_t *c, py_ast_stmt_t *s);

static bool in_loop(py_compiler_t *c)
{
    for (int i = 0; i < c->u->nfblocks; i++)
        if (c->u->fblock[i].type == PY_FB_LOOP)
            return true;
    return false;
}

int py_cc_visit_stmt(py_compiler_t *c, py_ast_stmt_t *s)
{
    c->u->lineno = s->lineno;
    c->u->lineno_set = false;
    switch (s->kind) {
    case PY_STMT_FUNCTION_DEF:
        return compile_function(c, s);
    case PY_STMT_CLASS_DEF:
        return compile_class(c, s);
    case PY_STMT_RETURN:
        if (c->u->ste->type != PY_BLOCK_FUNCTION)
            return py_cc_error(c, "'return' outside function");
        if (s->v.Return.value)
            TRY(py_cc_visit_expr(c, s->v.Return.value));
        else
            ADDOP_CONST(py_None);
        ADDOP(PY_OP_RETURN_VALUE);
        return 0;
    case PY_STMT_DELETE:
        return visit_exprs(c, &s->v.Delete.targets);
    case PY_STMT_ASSIGN: {
        size_t n = s->v.Assign.targets.n;
        TRY(py_cc_visit_expr(c, s->v.Assign.value));
        for (size_t i = 0; i < n; i++) {
            if (i < n - 1)
                ADDOP(PY_OP_DUP_TOP);
            TRY(py_cc_visit_expr(c, s->v.Assign.targets.items[i]));
        }
        return 0;
    }
    case PY_STMT_AUG_ASSIGN:
        return compile_augassign(c, s);
    case PY_STMT_PRINT:
        return compile_print(c, s);
    case PY_STMT_FOR:
        return compile_for(c, s);
    case PY_STMT_WHILE:
        return compile_while(c, s);
    case PY_STMT_IF:
        return compile_if(c, s);
    case PY_STMT_RAISE: {
        int n = 0;
        if (s->v.Raise.type) {
            TRY(py_cc_visit_expr(c, s->v.Raise.type));
            n++;
            if (s->v.Raise.inst) {
                TRY(py_cc_visit_expr(c, s->v.Raise.inst));
                n++;
                if (s->v.Raise.tback) {
                    TRY(py_cc_visit_expr(c, s->v.Raise.tback));
                    n++;
                }
            }
        }
        ADDOP_I(PY_OP_RAISE_VARARGS, n);
        return 0;
    }
    case PY_STMT_TRY_EXCEPT:
        return compile_try_except(c, s);
    case PY_STMT_TRY_FINALLY:
        return compile_try_finally(c, s);
    case PY_STMT_ASSERT:
        return compile_assert(c, s);
    case PY_STMT_IMPORT:
        return compile_import(c, s);
    case PY_STMT_IMPORT_FROM:
        return compile_from_import(c, s);
    case PY_STMT_EXEC:
        TRY(py_cc_visit_expr(c, s->v.Exec.body));
        if (s->v.Exec.globals) {
            TRY(py_cc_visit_expr(c, s->v.Exec.globals));
            if (s->v.Exec.locals)
                TRY(py_cc_visit_expr(c, s->v.Exec.locals));
            else
                ADDOP(PY_OP_DUP_TOP);
        } else {
            ADDOP_CONST(py_None);
            ADDOP(PY_OP_DUP_TOP);
        }
        ADDOP(PY_OP_EXEC_STMT);
        return 0;
    case PY_STMT_GLOBAL:
    case PY_STMT_PASS:
        return 0;
    case PY_STMT_EXPR: {
        py_ast_expr_t *v = s->v.Expr.value;
        if (c->interactive && c->nestlevel <= 1) {
            TRY(py_cc_visit_expr(c, v));
            ADDOP(PY_OP_PRINT_EXPR);
        } else if (v->kind != PY_EXPR_STR && v->kind != PY_EXPR_NUM) {
            TRY(py_cc_visit_expr(c, v));
            ADDOP(PY_OP_POP_TOP);
        }
        return 0;
    }
    case PY_STMT_BREAK:
        if (!in_loop(c))
            return py_cc_error(c, "'break' outside loop");
        ADDOP(PY_OP_BREAK_LOOP);
        return 0;
    case PY_STMT_CONTINUE:
        return compile_continue(c);
    case PY_STMT_WITH:
        return compile_with(c, s);
    default:
        py_err_format(py_exc_SystemError_type,
                      "compiler: unknown statement kind %d", (int)s->kind);
        return -1;
    }
}

static int inplace_op(py_compiler_t *c, py_ast_operator_t op)
{
    switch (op) {
    case PY_OP_ADD: return PY_OP_INPLACE_ADD;
    case PY_OP_SUB: return PY_OP_INPLACE_SUBTRACT;
    case PY_OP_MULT: return PY_OP_INPLACE_MULTIPLY;
    case PY_OP_DIV:
        return (c->flags & PY_CO_FUTURE_DIVISION) ? PY_OP_INPLACE_TRUE_DIVIDE
                                                  : PY_OP_INPLACE_DIVIDE;
    case PY_OP_MOD: return PY_OP_INPLACE_MODULO;
    case PY_OP_POW: return PY_OP_INPLACE_POWER;
    case PY_OP_LSHIFT: return PY_OP_INPLACE_LSHIFT;
    case PY_OP_RSHIFT: return PY_OP_INPLACE_RSHIFT;
    case PY_OP_BIT_OR: return PY_OP_INPLACE_OR;
    case PY_OP_BIT_XOR: return PY_OP_INPLACE_XOR;
    case PY_OP_BIT_AND: return PY_OP_INPLACE_AND;
    case PY_OP_FLOOR_DIV: return PY_OP_INPLACE_FLOOR_DIVIDE;
    default:
        py_err_format(py_exc_SystemError_type,
                      "inplace binary op %d should not be possible", (int)op);
        return -1;
    }
}

static int compile_augassign(py_compiler_t *c, py_ast_stmt_t *s)
{
    py_ast_expr_t *e = s->v.AugAssign.target;
    int op = inplace_op(c, s->v.AugAssign.op);
    if (op < 0)
        return -1;
    switch (e->kind) {
    case PY_EXPR_ATTRIBUTE:
    case PY_EXPR_SUBSCRIPT:
        TRY(py_cc_visit_expr_ctx(c, e, PY_CTX_AUG_LOAD));
        TRY(py_cc_visit_expr(c, s->v.AugAssign.value));
        ADDOP(op);
        return py_cc_visit_expr_ctx(c, e, PY_CTX_AUG_STORE);
    case PY_EXPR_NAME:
        TRY(py_cc_nameop(c, e->v.Name.id, PY_CTX_LOAD));
        TRY(py_cc_visit_expr(c, s->v.AugAssign.value));
        ADDOP(op);
        return py_cc_nameop(c, e->v.Name.id, PY_CTX_STORE);
    default:
        py_err_format(py_exc_SystemError_type,
                      "invalid node type (%d) for augmented assignment",
                      (int)e->kind);
        return -1;
    }
}

/* ---- __future__ (CPython's future.c) ---- */

static NOINLINE int future_features(py_compiler_t *c, py_ast_stmt_t *s)
{
    for (size_t i = 0; i < s->v.ImportFrom.names.n; i++) {
        const char *f = py_str_data(s->v.ImportFrom.names.items[i]->name);
        if (!strcmp(f, "nested_scopes") || !strcmp(f, "generators"))
            continue;
        else if (!strcmp(f, "division"))
            c->flags |= PY_CO_FUTURE_DIVISION;
        else if (!strcmp(f, "absolute_import"))
            c->flags |= PY_CO_FUTURE_ABSOLUTE_IMPORT;
        else if (!strcmp(f, "with_statement"))
            c->flags |= PY_CO_FUTURE_WITH_STATEMENT;
        else if (!strcmp(f, "print_function"))
            c->flags |= PY_CO_FUTURE_PRINT_FUNCTION;
        else if (!strcmp(f, "unicode_literals"))
            c->flags |= PY_CO_FUTURE_UNICODE_LITERALS;
        else if (!strcmp(f, "braces")) {
            py_compile_syntax_error(c->arena, c->filename, s->lineno,
                                    "not a chance");
            return -1;
        } else {
            char buf[200];
            snprintf(buf, sizeof buf,
                     "future feature %.100s is not defined", f);
            py_compile_syntax_error(c->arena, c->filename, s->lineno, buf);
            return -1;
        }
    }
    return 0;
}

static int future_parse(py_compiler_t *c, py_ast_mod_t *mod)
{
    c->future_lineno = -1;
    if (mod->kind != PY_MOD_MODULE && mod->kind != PY_MOD_INTERACTIVE)
        return 0;
    py_ast_stmt_seq_t *body = mod->kind == PY_MOD_MODULE
        ? &mod->v.Module.body : &mod->v.Interactive.body;
    bool found_docstring = false, done = false;
    int prev_line = 0;
    for (size_t i = 0; i < body->n; i++) {
        py_ast_stmt_t *s = body->items[i];
        if (done && s->lineno > prev_line)
            return 0;
        prev_line = s->lineno;
        if (s->kind == PY_STMT_IMPORT_FROM) {
            py_object_t *m = s->v.ImportFrom.module;
            if (m && strcmp(py_str_data(m), "__future__") == 0) {
                if (done) {
                    py_compile_syntax_error(
                        c->arena, c->filename, s->lineno,
                        "from __future__ imports must occur at the "
                        "beginning of the file");
                    return -1;
                }
                TRY(future_features(c, s));
                c->future_lineno = s->lineno;
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

/* ---- entry point ---- */

py_object_t *py_compile_mod(py_arena_t *arena, py_ast_mod_t *mod,
                            py_object_t *filename, int flags)
{
    py_compiler_t cs = {
        .arena = arena,
        .filename = filename,
        .flags = flags,
    };
    py_compiler_t *c = &cs;
    if (future_parse(c, mod) < 0)
        return NULL;
    c->st = py_symtable_build(arena, mod, filename, c->flags);
    if (!c->st)
        return NULL;
    py_object_t *name = py_cc_intern("<module>");
    if (!name || py_cc_enter_scope(c, name, mod, 0) < 0)
        return NULL;
    bool add_none = true;
    switch (mod->kind) {
    case PY_MOD_MODULE:
        if (compile_body(c, &mod->v.Module.body) < 0)
            return NULL;
        break;
    case PY_MOD_INTERACTIVE:
        c->interactive = true;
        if (visit_stmts(c, &mod->v.Interactive.body) < 0)
            return NULL;
        break;
    case PY_MOD_EXPRESSION:
        if (py_cc_visit_expr(c, mod->v.Expression.body) < 0)
            return NULL;
        add_none = false;
        break;
    default:
        py_err_set_string(py_exc_SystemError_type,
                          "suite should not be possible");
        return NULL;
    }
    py_object_t *co = py_cc_assemble(c, add_none);
    py_cc_exit_scope(c);
    return co;
}
