/* test_compile_symtable.c -- Python 2.7 scoping decisions of
 * interp/symtable.c: locals, explicit and implicit globals, free and cell
 * variables, class scopes that do not enclose their methods, generator
 * expressions as scopes and list comprehensions as not, tuple parameters,
 * and the unoptimised-namespace flags. */
#include <string.h>

#include "tests/unit/unit.h"

#include "interp/ast_arena.h"
#include "interp/errors.h"
#include "interp/parser.h"
#include "interp/runtime.h"
#include "interp/symtable.h"
#include "interp/objects/stringobject.h"

static py_symtable_t *build(const char *src)
{
    py_arena_t *arena = py_arena_new();
    if (!arena)
        return NULL;
    int flags = 0;
    py_ast_mod_t *mod = py_parse_string(src, strlen(src), "<t>",
                                        PY_PARSE_EXEC, &flags, arena);
    if (!mod)
        return NULL;
    py_object_t *fn = py_str_from_cstr("<t>");
    return fn ? py_symtable_build(arena, mod, fn, flags) : NULL;
}

/* The child block of STE named NAME (depth-first), or NULL. */
static py_ste_t *find(py_ste_t *ste, const char *name)
{
    if (strcmp(py_str_data(ste->name), name) == 0)
        return ste;
    for (int i = 0; i < ste->nchildren; i++) {
        py_ste_t *r = find(ste->children[i], name);
        if (r)
            return r;
    }
    return NULL;
}

static py_scope_t scope_of(py_ste_t *ste, const char *name)
{
    return py_ste_scope(ste, py_str_intern_bytes(name, strlen(name)));
}

static void test_function_scopes(void)
{
    py_symtable_t *st = build(
        "g = 1\n"
        "def f(a, (b, c)):\n"
        "    global h\n"
        "    x = a\n"
        "    def inner():\n"
        "        return x + g\n"
        "    return len(inner)\n");
    CU_ASSERT_PTR_NOT_NULL_FATAL(st);
    py_ste_t *f = find(st->top, "f");
    py_ste_t *inner = find(st->top, "inner");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_PTR_NOT_NULL_FATAL(inner);
    CU_ASSERT_EQUAL(scope_of(f, "a"), PY_SCOPE_LOCAL);
    CU_ASSERT_EQUAL(scope_of(f, "b"), PY_SCOPE_LOCAL);
    CU_ASSERT_EQUAL(scope_of(f, ".1"), PY_SCOPE_LOCAL);
    CU_ASSERT_EQUAL(scope_of(f, "x"), PY_SCOPE_CELL);
    CU_ASSERT_EQUAL(scope_of(f, "h"), PY_SCOPE_GLOBAL_EXPLICIT);
    CU_ASSERT_EQUAL(scope_of(f, "len"), PY_SCOPE_GLOBAL_IMPLICIT);
    CU_ASSERT_EQUAL(scope_of(inner, "x"), PY_SCOPE_FREE);
    CU_ASSERT_EQUAL(scope_of(inner, "g"), PY_SCOPE_GLOBAL_IMPLICIT);
    /* parameters in order, the tuple one as ".1" */
    CU_ASSERT_EQUAL(f->varnames.n, 4);
    CU_ASSERT_STRING_EQUAL(py_str_data(f->varnames.items[1]), ".1");
    CU_ASSERT(inner->nested);
    CU_ASSERT(inner->has_free);
    CU_ASSERT(f->child_free);
}

static void test_class_scopes(void)
{
    py_symtable_t *st = build(
        "def f():\n"
        "    y = 1\n"
        "    class C:\n"
        "        y = 2\n"
        "        z = [q for q in range(3)]\n"
        "        w = (r for r in z)\n"
        "        def m(self):\n"
        "            return y\n"
        "    return C\n");
    CU_ASSERT_PTR_NOT_NULL_FATAL(st);
    py_ste_t *c = find(st->top, "C");
    py_ste_t *m = find(st->top, "m");
    py_ste_t *g = find(st->top, "genexpr");
    CU_ASSERT_FATAL(c && m && g);
    /* the method sees f's y, not the class's */
    CU_ASSERT_EQUAL(scope_of(m, "y"), PY_SCOPE_FREE);
    CU_ASSERT_EQUAL(scope_of(c, "y"), PY_SCOPE_LOCAL);
    py_symbol_t *sy = py_ste_symbol(c, py_str_intern_bytes("y", 1));
    CU_ASSERT_PTR_NOT_NULL_FATAL(sy);
    CU_ASSERT(sy->flags & PY_DEF_FREE_CLASS);
    /* list comprehension variables belong to the class; genexp's don't */
    CU_ASSERT_EQUAL(scope_of(c, "q"), PY_SCOPE_LOCAL);
    CU_ASSERT_EQUAL(scope_of(c, "r"), PY_SCOPE_NONE);
    CU_ASSERT_EQUAL(scope_of(g, "r"), PY_SCOPE_LOCAL);
    CU_ASSERT_EQUAL(scope_of(g, ".0"), PY_SCOPE_LOCAL);
    CU_ASSERT(g->generator);
}

static void test_unoptimized(void)
{
    py_symtable_t *st = build(
        "def f():\n"
        "    exec 'x = 1' in {}\n"
        "    return x\n"
        "def g():\n"
        "    exec 'y = 1'\n"
        "    return y\n");
    CU_ASSERT_PTR_NOT_NULL_FATAL(st);
    CU_ASSERT_EQUAL(find(st->top, "f")->unoptimized, PY_OPT_EXEC);
    CU_ASSERT_EQUAL(find(st->top, "g")->unoptimized, PY_OPT_BARE_EXEC);
    CU_ASSERT_EQUAL(st->top->unoptimized, PY_OPT_TOPLEVEL);
}

static void test_mangle(void)
{
    py_object_t *cls = py_str_intern_bytes("_Ham", 4);
    py_object_t *m = py_mangle(cls, py_str_intern_bytes("__spam", 6));
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CU_ASSERT_STRING_EQUAL(py_str_data(m), "_Ham__spam");
    py_object_t *d = py_str_intern_bytes("__init__", 8);
    CU_ASSERT_PTR_EQUAL(py_mangle(cls, d), d);
    py_object_t *u = py_str_intern_bytes("___", 3);
    py_object_t *s = py_str_intern_bytes("__x", 3);
    CU_ASSERT_PTR_EQUAL(py_mangle(u, s), s);
}

static int init(void)
{
    return py_runtime_init() < 0 ? -1 : 0;
}

static CU_TestInfo tests[] = {
    { "function scopes", test_function_scopes },
    { "class scopes and comprehensions", test_class_scopes },
    { "exec and unoptimised blocks", test_unoptimized },
    { "name mangling", test_mangle },
    CU_TEST_INFO_NULL,
};

UNIT_MAIN("compile_symtable", tests, init, NULL)
