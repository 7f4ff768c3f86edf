/* test_compile.c -- the compiler against code objects CPython 2.7.18
 * produced for the same source (co_code, co_stacksize, co_lnotab,
 * co_flags, names of cells and free variables), the opcode table, the
 * assembler's stack depth and line table, and the SyntaxErrors of the
 * symbol table and compiler. */
#include <string.h>

#include "tests/unit/unit.h"

#include "interp/assemble.h"
#include "interp/ast_arena.h"
#include "interp/compile.h"
#include "interp/errors.h"
#include "interp/opcodes.h"
#include "interp/parser.h"
#include "interp/runtime.h"
#include "interp/objects/codeobject.h"
#include "interp/objects/stringobject.h"
#include "interp/objects/tupleobject.h"

static py_object_t *compile_mode(const char *src, py_parse_mode_t mode)
{
    py_arena_t *arena = py_arena_new();
    if (!arena)
        return NULL;
    int flags = 0;
    py_ast_mod_t *mod = py_parse_string(src, strlen(src), "<t>",
                                        mode, &flags, arena);
    if (!mod)
        return NULL;
    py_object_t *fn = py_str_from_cstr("<t>");
    if (!fn)
        return NULL;
    return py_compile_mod(arena, mod, fn, flags & PY_FUTURE_MASK);
}

static py_object_t *compile_src(const char *src)
{
    return compile_mode(src, PY_PARSE_EXEC);
}

static bool str_is(py_object_t *s, const char *bytes, size_t n)
{
    return s && py_str_len(s) == n && memcmp(py_str_data(s), bytes, n) == 0;
}

/* Expected bytes as arrays (C string escapes like "\x00e" would eat the
   following hex digit). */
#define BYTES_IS(s, ...) \
    str_is_arr((s), (const unsigned char[]){ __VA_ARGS__ }, \
               sizeof((const unsigned char[]){ __VA_ARGS__ }))

static bool str_is_arr(py_object_t *s, const unsigned char *b, size_t n)
{
    return str_is(s, (const char *)b, n);
}

/* The first code object among CO's constants. */
static py_object_t *first_code_const(py_object_t *co)
{
    py_object_t *k = py_code_consts(co);
    for (size_t i = 0; i < py_tuple_size(k); i++)
        if (py_code_check(py_tuple_get_item(k, i)))
            return py_tuple_get_item(k, i);
    return NULL;
}

static void test_opcode_table(void)
{
    CU_ASSERT_STRING_EQUAL(py_opcode_name(PY_OP_LOAD_CONST), "LOAD_CONST");
    CU_ASSERT_STRING_EQUAL(py_opcode_name(31), "SLICE+1");
    CU_ASSERT_STRING_EQUAL(py_opcode_name(6), "<6>");
    CU_ASSERT_EQUAL(PY_OP_MAP_ADD, 147);
    CU_ASSERT(py_opcode_flags(PY_OP_FOR_ITER) & PY_OPF_JREL);
    CU_ASSERT(py_opcode_flags(PY_OP_CONTINUE_LOOP) & PY_OPF_JABS);
    CU_ASSERT(py_opcode_flags(PY_OP_LOAD_DEREF) & PY_OPF_FREE);
    /* every opcode >= HAVE_ARGUMENT has an argument, and only those */
    for (int op = 0; op < 256; op++)
        if (py_opcode_valid(op))
            CU_ASSERT(((py_opcode_flags(op) & PY_OPF_ARG) != 0) ==
                      (op >= PY_HAVE_ARGUMENT));
    bool ok;
    CU_ASSERT_EQUAL(py_opcode_stack_effect(PY_OP_CALL_FUNCTION, 0x0102, &ok),
                    -4);
    CU_ASSERT(ok);
    CU_ASSERT_EQUAL(py_opcode_stack_effect(PY_OP_BUILD_SLICE, 3, &ok), -2);
    py_opcode_stack_effect(7, 0, &ok);
    CU_ASSERT(!ok);
    CU_ASSERT_STRING_EQUAL(py_cmp_kind_name(PY_CMP_EXC_MATCH),
                           "exception match");
}

static void test_constfold(void)
{
    py_object_t *co = compile_src("x = 1 + 2");
    CU_ASSERT_PTR_NOT_NULL_FATAL(co);
    CU_ASSERT(BYTES_IS(py_code_code(co), 100, 3, 0, 90, 0, 0, 100, 2, 0, 83));
    CU_ASSERT_EQUAL(py_code_stacksize(co), 2);
    CU_ASSERT_EQUAL(py_tuple_size(py_code_consts(co)), 4);
    CU_ASSERT_EQUAL(py_code_flags(co), 64);
}

static void test_function(void)
{
    py_object_t *co = compile_src("def f(a, b=1):\n    return a + b\n");
    CU_ASSERT_PTR_NOT_NULL_FATAL(co);
    CU_ASSERT(BYTES_IS(py_code_code(co), 100, 0, 0, 100, 1, 0, 132, 1, 0,
                       90, 0, 0, 100, 2, 0, 83));
    py_object_t *f = first_code_const(co);
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT(BYTES_IS(py_code_code(f), 124, 0, 0, 124, 1, 0, 23, 83));
    CU_ASSERT_EQUAL(py_code_flags(f), 67);
    CU_ASSERT_EQUAL(py_code_argcount(f), 2);
    CU_ASSERT_EQUAL(py_code_stacksize(f), 2);
}

static void test_while_lnotab(void)
{
    py_object_t *co = compile_src("while 1:\n    if x: break\n");
    CU_ASSERT_PTR_NOT_NULL_FATAL(co);
    CU_ASSERT(BYTES_IS(py_code_code(co), 120, 14, 0, 101, 0, 0, 114, 3, 0,
                       80, 113, 3, 0, 113, 3, 0, 87, 100, 0, 0, 83));
    CU_ASSERT(BYTES_IS(py_code_lnotab(co), 3, 1, 6, 0));
    CU_ASSERT_EQUAL(py_code_stacksize(co), 1);
}

static void test_swap_and_ifexp(void)
{
    py_object_t *co = compile_src("a, b = b, a");
    CU_ASSERT_PTR_NOT_NULL_FATAL(co);
    CU_ASSERT(BYTES_IS(py_code_code(co), 101, 0, 0, 101, 1, 0, 2, 90, 1, 0,
                       90, 0, 0, 100, 0, 0, 83));
    co = compile_src("x = a if b else c");
    CU_ASSERT_PTR_NOT_NULL_FATAL(co);
    CU_ASSERT(BYTES_IS(py_code_code(co), 101, 0, 0, 114, 12, 0, 101, 1, 0,
                       110, 3, 0, 101, 2, 0, 90, 3, 0, 100, 0, 0, 83));
}

static void test_try_in_loop(void)
{
    py_object_t *co = compile_src(
        "for i in y:\n    try:\n        pass\n    except E as e:\n"
        "        continue\n");
    CU_ASSERT_PTR_NOT_NULL_FATAL(co);
    CU_ASSERT(BYTES_IS(py_code_code(co), 120, 43, 0, 101, 0, 0, 68, 93, 35,
                       0, 90, 1, 0, 121, 4, 0, 87, 113, 7, 0, 4, 101, 2, 0,
                       107, 10, 0, 114, 41, 0, 1, 90, 3, 0, 1, 113, 7, 0,
                       113, 7, 0, 88, 113, 7, 0, 87, 100, 0, 0, 83));
    CU_ASSERT_EQUAL(py_code_stacksize(co), 6);
    CU_ASSERT(BYTES_IS(py_code_lnotab(co), 13, 1, 3, 1, 4, 1, 15, 1));
}

static void test_closure(void)
{
    py_object_t *co = compile_src(
        "def f(x):\n    def g():\n        return x\n    return g\n");
    CU_ASSERT_PTR_NOT_NULL_FATAL(co);
    py_object_t *f = first_code_const(co);
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT(BYTES_IS(py_code_code(f), 135, 0, 0, 102, 1, 0, 100, 1, 0,
                       134, 0, 0, 125, 1, 0, 124, 1, 0, 83));
    CU_ASSERT_EQUAL(py_code_flags(f), 3);
    CU_ASSERT_EQUAL(py_tuple_size(py_code_cellvars(f)), 1);
    py_object_t *g = first_code_const(f);
    CU_ASSERT_PTR_NOT_NULL_FATAL(g);
    CU_ASSERT(BYTES_IS(py_code_code(g), 136, 0, 0, 83));
    CU_ASSERT_EQUAL(py_code_flags(g), 19);
    CU_ASSERT_EQUAL(py_tuple_size(py_code_freevars(g)), 1);
}

/* Interactive statements print their value; expressions return it. */
static void test_modes(void)
{
    py_object_t *co = compile_mode("x\n", PY_PARSE_SINGLE);
    CU_ASSERT_PTR_NOT_NULL_FATAL(co);
    CU_ASSERT(BYTES_IS(py_code_code(co), 101, 0, 0, 70, 100, 0, 0, 83));
    co = compile_mode("a+1", PY_PARSE_EVAL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(co);
    CU_ASSERT(BYTES_IS(py_code_code(co), 101, 0, 0, 100, 0, 0, 23, 83));
    CU_ASSERT_EQUAL(py_code_flags(co), 64);
}

/* SOURCE must fail with SyntaxError whose message starts with PREFIX. */
static void expect_syntax_error(const char *source, const char *prefix)
{
    py_object_t *co = compile_src(source);
    CU_ASSERT_PTR_NULL(co);
    CU_ASSERT(py_err_matches(py_exc_SyntaxError_type));
    py_type_t *t;
    py_object_t *v, *tb;
    py_err_fetch(&t, &v, &tb);
    py_object_t *s = v ? py_object_str(v) : NULL;
    CU_ASSERT_PTR_NOT_NULL(s);
    if (s && strncmp(py_str_data(s), prefix, strlen(prefix)) != 0) {
        fprintf(stderr, "\n  got: %s\n  want: %s\n", py_str_data(s), prefix);
        CU_FAIL("wrong SyntaxError message");
    }
    py_err_clear();
}

static void test_errors(void)
{
    expect_syntax_error("return 1\n", "'return' outside function");
    expect_syntax_error("break\n", "'break' outside loop");
    expect_syntax_error("continue\n", "'continue' not properly in loop");
    expect_syntax_error("def f(a, a): pass\n", "duplicate argument 'a'");
    expect_syntax_error("def f():\n    yield 1\n    return 2\n",
                        "'return' with argument inside generator");
    expect_syntax_error(
        "def f():\n    exec 'x'\n    def g():\n        return x\n",
        "unqualified exec is not allowed in function 'f'");
    expect_syntax_error(
        "def f(x):\n    def g():\n        return x\n    del x\n",
        "can not delete variable 'x' referenced in nested scope");
    expect_syntax_error("x = 1\nfrom __future__ import division\n",
                        "from __future__ imports must occur");
    expect_syntax_error("for x in y:\n    try:\n        pass\n"
                        "    finally:\n        continue\n",
                        "'continue' not supported inside 'finally' clause");
}

/* Stack depth of a hand-made graph: SETUP_EXCEPT's handler edge is 3
   deeper; the iterative walk must agree with CPython's rules. */
static void test_stackdepth(void)
{
    py_arena_t *arena = py_arena_new();
    CU_ASSERT_PTR_NOT_NULL_FATAL(arena);
    py_block_t *b1 = py_arena_alloc(arena, sizeof *b1);
    py_block_t *b2 = py_arena_alloc(arena, sizeof *b2);
    py_instr_t *i1 = py_arena_alloc(arena, 3 * sizeof *i1);
    py_instr_t *i2 = py_arena_alloc(arena, 2 * sizeof *i2);
    CU_ASSERT_FATAL(b1 && b2 && i1 && i2);
    i1[0] = (py_instr_t){ .opcode = PY_OP_SETUP_EXCEPT, .hasarg = true,
                          .jrel = true, .target = b2 };
    i1[1] = (py_instr_t){ .opcode = PY_OP_LOAD_CONST, .hasarg = true };
    i1[2] = (py_instr_t){ .opcode = PY_OP_RETURN_VALUE };
    i2[0] = (py_instr_t){ .opcode = PY_OP_POP_TOP };
    i2[1] = (py_instr_t){ .opcode = PY_OP_RETURN_VALUE };
    b1->instr = i1; b1->iused = 3; b1->list = NULL;
    b2->instr = i2; b2->iused = 2; b2->list = b1;
    b1->next = b2;
    CU_ASSERT_EQUAL(py_stackdepth(arena, b2, b1), 3);
    py_assembled_t a;
    CU_ASSERT_EQUAL(py_assemble(arena, b1, 1, &a), 0);
    CU_ASSERT_EQUAL(a.codelen, 9);
    CU_ASSERT_EQUAL(a.code[0], PY_OP_SETUP_EXCEPT);
    CU_ASSERT_EQUAL(a.code[1], 4);   /* 7 - 3 */
}

static int init(void)
{
    return py_runtime_init() < 0 ? -1 : 0;
}

static CU_TestInfo tests[] = {
    { "opcode table", test_opcode_table },
    { "constant folding", test_constfold },
    { "function", test_function },
    { "while 1 and lnotab", test_while_lnotab },
    { "swap and if-expression", test_swap_and_ifexp },
    { "try inside loop", test_try_in_loop },
    { "closure", test_closure },
    { "single and eval modes", test_modes },
    { "syntax errors", test_errors },
    { "stack depth", test_stackdepth },
    CU_TEST_INFO_NULL,
};

UNIT_MAIN("compile", tests, init, NULL)
