/* test_objects.c -- the object model core: types, str, unicode, tuple,
 * list, dict, set/frozenset, code, singletons, exceptions and error
 * printing.  Expected values (hashes, reprs, dict/set orders, messages)
 * were produced by CPython 2.7.18. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp/errors.h"
#include "interp/object.h"
#include "interp/objects/boolobject.h"
#include "interp/objects/codeobject.h"
#include "interp/objects/dictobject.h"
#include "interp/objects/intobject.h"
#include "interp/objects/listobject.h"
#include "interp/objects/noneobject.h"
#include "interp/objects/setobject.h"
#include "interp/objects/sliceobject.h"
#include "interp/objects/stringobject.h"
#include "interp/objects/tupleobject.h"
#include "interp/objects/unicodeobject.h"
#include "interp/pystate.h"
#include "interp/runtime.h"
#include "tests/unit/unit.h"

static const char *repr_of(py_object_t *o)
{
    py_object_t *r = py_object_repr(o);
    if (!r) {
        py_err_clear();
        return "<repr failed>";
    }
    return py_str_data(r);
}

static const char *str_of(py_object_t *o)
{
    py_object_t *r = py_object_str(o);
    if (!r) {
        py_err_clear();
        return "<str failed>";
    }
    return py_str_data(r);
}

#define CHECK_REPR(o, s) CU_ASSERT_STRING_EQUAL(repr_of(o), (s))

static py_object_t *S(const char *s) { return py_str_from_cstr(s); }
static py_object_t *I(long v) { return py_int_from_long(v); }

static py_object_t *tuple2(py_object_t *a, py_object_t *b)
{
    py_object_t *items[2] = {a, b};
    return py_tuple_pack(2, items);
}

/* The text py_err_display writes for the pending exception (cleared). */
static char *displayed(void)
{
    py_type_t *t;
    py_object_t *v, *tb;
    py_err_fetch(&t, &v, &tb);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (v)
        py_err_display(v, f);
    fclose(f);
    return buf;
}

static int init(void) { return py_runtime_init(); }

static void test_runtime(void)
{
    CU_ASSERT_EQUAL(py_runtime_init(), 0);
    CU_ASSERT_PTR_NOT_NULL(py_None);
    CU_ASSERT_PTR_NOT_NULL(py_True);
    CU_ASSERT_PTR_NOT_NULL(py_Ellipsis);
    CU_ASSERT_PTR_EQUAL(py_type_of((py_object_t *)py_str_type), py_type_type);
    CU_ASSERT_PTR_EQUAL(py_type_of((py_object_t *)py_type_type), py_type_type);
    CU_ASSERT(py_type_is_subtype(py_bool_type, py_int_type));
    CU_ASSERT(py_type_is_subtype(py_exc_TabError_type, py_exc_SyntaxError_type));
    CU_ASSERT(py_type_is_subtype(py_exc_KeyError_type, py_exc_LookupError_type));
    CU_ASSERT(!py_type_is_subtype(py_exc_KeyError_type, py_exc_ValueError_type));
    CHECK_REPR((py_object_t *)py_str_type, "<type 'str'>");
    CHECK_REPR((py_object_t *)py_exc_ValueError_type,
               "<type 'exceptions.ValueError'>");
    CHECK_REPR(py_None, "None");
    CHECK_REPR(py_True, "True");
    CHECK_REPR(py_False, "False");
    CHECK_REPR(py_Ellipsis, "Ellipsis");
    CHECK_REPR(py_NotImplemented, "NotImplemented");
    CU_ASSERT_EQUAL(py_int_value(py_True), 1);
    CU_ASSERT_EQUAL(py_object_hash(py_True), 1);
    CU_ASSERT_EQUAL(py_object_equal(py_True, I(1)), 1);
    CU_ASSERT_EQUAL(py_object_is_true(py_None), 0);
    CU_ASSERT_EQUAL(py_object_is_true(S("")), 0);
    CU_ASSERT_EQUAL(py_object_is_true(S("x")), 1);
    CU_ASSERT_EQUAL(py_object_is_true(py_tuple_new(0)), 0);
}

static void test_str(void)
{
    py_object_t *s = py_str_from_bytes("a\0b", 3);
    CU_ASSERT_EQUAL(py_str_len(s), 3);
    CU_ASSERT_EQUAL(memcmp(py_str_data(s), "a\0b\0", 4), 0);
    CU_ASSERT(py_str_check(s));
    CU_ASSERT(!py_str_check(py_None));
    /* Strings of length 0 and 1 are interned, as CPython. */
    CU_ASSERT_PTR_EQUAL(S("x"), S("x"));
    CU_ASSERT_PTR_EQUAL(S(""), S(""));
    CU_ASSERT(py_str_is_interned(S("q")));
    py_object_t *a = S("hello"), *b = S("hello");
    CU_ASSERT_PTR_NOT_EQUAL(a, b);
    CU_ASSERT(!py_str_is_interned(a));
    py_object_t *ia = py_str_intern(a);
    CU_ASSERT_PTR_EQUAL(ia, a);
    CU_ASSERT(py_str_is_interned(a));
    CU_ASSERT_PTR_EQUAL(py_str_intern(b), a);
    CU_ASSERT_PTR_EQUAL(py_str_intern_bytes("hello", 5), a);
    CU_ASSERT_EQUAL(py_object_equal(a, b), 1);
    CU_ASSERT_EQUAL(py_object_richcompare_bool(S("abc"), S("abd"), PY_LT), 1);
    CU_ASSERT_EQUAL(py_object_richcompare_bool(S("ab"), S("abc"), PY_GE), 0);
    CU_ASSERT_STRING_EQUAL(py_str_data(py_str_concat(S("ab"), S("cd"))), "abcd");
    /* Many interned strings: the table grows and keeps identities. */
    py_object_t *first = py_str_intern_bytes("k0", 2);
    for (int i = 0; i < 5000; i++) {
        char buf[16];
        int n = snprintf(buf, sizeof buf, "k%d", i);
        CU_ASSERT_PTR_NOT_NULL(py_str_intern_bytes(buf, (size_t)n));
    }
    CU_ASSERT_PTR_EQUAL(py_str_intern_bytes("k0", 2), first);
}

static void test_str_hash_repr(void)
{
    CU_ASSERT_EQUAL(py_object_hash(S("abc")), INT64_C(1453079729188098211));
    CU_ASSERT_EQUAL(py_object_hash(S("")), 0);
    CHECK_REPR(S("abc"), "'abc'");
    CHECK_REPR(S("a'b"), "\"a'b\"");
    CHECK_REPR(S("'\""), "'\\'\"'");
    CHECK_REPR(py_str_from_bytes("\t\n\r\0\x7f\xff\\", 7),
               "'\\t\\n\\r\\x00\\x7f\\xff\\\\'");
    CU_ASSERT_STRING_EQUAL(str_of(S("x y")), "x y");
}

static void test_unicode(void)
{
    uint32_t u[] = {0, 0x7f, 0x80, 0xff, 0x1234, 0x12345, '\\', '\'', '"'};
    py_object_t *o = py_unicode_from_ucs4(u, 9);
    CHECK_REPR(o, "u'\\x00\\x7f\\x80\\xff\\u1234\\U00012345\\\\\\'\"'");
    uint32_t abc[] = {'a', 'b', 'c'};
    CU_ASSERT_EQUAL(py_object_hash(py_unicode_from_ucs4(abc, 3)),
                    INT64_C(1453079729188098211));
    uint32_t big[] = {0x12345};
    CU_ASSERT_EQUAL(py_object_hash(py_unicode_from_ucs4(big, 1)),
                    INT64_C(9544348705988));
    uint32_t euro[] = {0x20ac};
    CU_ASSERT_EQUAL(py_object_hash(py_unicode_from_ucs4(euro, 1)),
                    INT64_C(1070595220141));
    uint32_t bad[] = {0x110000};
    CU_ASSERT_PTR_NULL(py_unicode_from_ucs4(bad, 1));
    CU_ASSERT(py_err_matches(py_exc_ValueError_type));
    py_err_clear();
    /* UTF-8 both ways, surrogates included (CPython 2.7 allows them). */
    const char *text = "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xed\xa0\x80";
    py_object_t *d = py_unicode_decode_utf8(text, strlen(text));
    CU_ASSERT_FATAL(d != NULL);
    CU_ASSERT_EQUAL(py_unicode_len(d), 5);
    CU_ASSERT_EQUAL(py_unicode_data(d)[3], 0x1f600);
    CU_ASSERT_EQUAL(py_unicode_data(d)[4], 0xd800);
    py_object_t *e = py_unicode_encode_utf8(d);
    CU_ASSERT_STRING_EQUAL(py_str_data(e), text);
    CU_ASSERT_EQUAL(py_object_equal(py_unicode_from_ucs4(abc, 3), S("abc")), 1);
    CU_ASSERT_EQUAL(py_object_equal(S("abc"), py_unicode_from_ucs4(abc, 3)), 1);
}

static void check_decode_error(const char *bytes, size_t n, const char *msg)
{
    CU_ASSERT_PTR_NULL(py_unicode_decode_utf8(bytes, n));
    CU_ASSERT(py_err_matches(py_exc_UnicodeDecodeError_type));
    char *out = displayed();
    CU_ASSERT_STRING_EQUAL(out, msg);
    if (strcmp(out, msg))
        fprintf(stderr, "got: %s", out);
    free(out);
}

static void test_utf8_errors(void)
{
    check_decode_error("\xff", 1, "UnicodeDecodeError: 'utf8' codec can't decode "
                       "byte 0xff in position 0: invalid start byte\n");
    check_decode_error("\xc3", 1, "UnicodeDecodeError: 'utf8' codec can't decode "
                       "byte 0xc3 in position 0: unexpected end of data\n");
    check_decode_error("a\xc3(", 3, "UnicodeDecodeError: 'utf8' codec can't "
                       "decode byte 0xc3 in position 1: invalid continuation byte\n");
    check_decode_error("\xe0\x80\x80", 3, "UnicodeDecodeError: 'utf8' codec can't "
                       "decode bytes in position 0-1: invalid continuation byte\n");
    check_decode_error("\xf4\x90\x80\x80", 4, "UnicodeDecodeError: 'utf8' codec "
                       "can't decode bytes in position 0-2: invalid continuation byte\n");
    check_decode_error("\xed\xa0", 2, "UnicodeDecodeError: 'utf8' codec can't "
                       "decode bytes in position 0-1: unexpected end of data\n");
}

static void check_encode_error(const uint32_t *u, size_t n, const char *msg)
{
    CU_ASSERT_PTR_NULL(py_object_str(py_unicode_from_ucs4(u, n)));
    CU_ASSERT(py_err_matches(py_exc_UnicodeEncodeError_type));
    char *out = displayed();
    CU_ASSERT_STRING_EQUAL(out, msg);
    free(out);
}

static void test_encode_errors(void)
{
    uint32_t a[] = {0xe9}, b[] = {'a', 0xe9, 0x20ac, 'b'}, c[] = {0x1f600};
    check_encode_error(a, 1, "UnicodeEncodeError: 'ascii' codec can't encode "
                       "character u'\\xe9' in position 0: ordinal not in range(128)\n");
    check_encode_error(b, 4, "UnicodeEncodeError: 'ascii' codec can't encode "
                       "characters in position 1-2: ordinal not in range(128)\n");
    check_encode_error(c, 1, "UnicodeEncodeError: 'ascii' codec can't encode "
                       "character u'\\U0001f600' in position 0: ordinal not in "
                       "range(128)\n");
    uint32_t ab[] = {'a', 'b'};
    CU_ASSERT_STRING_EQUAL(str_of(py_unicode_from_ucs4(ab, 2)), "ab");
}

static void test_tuple(void)
{
    CU_ASSERT_PTR_EQUAL(py_tuple_new(0), py_tuple_new(0));
    CHECK_REPR(py_tuple_new(0), "()");
    py_object_t *one = py_tuple_new(1);
    py_tuple_init_item(one, 0, I(1));
    CHECK_REPR(one, "(1,)");
    CU_ASSERT_EQUAL(py_object_hash(py_tuple_new(0)), 3527539);
    py_object_t *t12 = tuple2(I(1), I(2));
    CU_ASSERT_EQUAL(py_object_hash(t12), INT64_C(3713081631934410656));
    py_object_t *nested = py_tuple_new(3);
    py_tuple_init_item(nested, 0, S("a"));
    py_tuple_init_item(nested, 1, I(1));
    py_tuple_init_item(nested, 2, tuple2(I(2), I(3)));
    CU_ASSERT_EQUAL(py_object_hash(nested), INT64_C(-2700181157816857242));
    CHECK_REPR(nested, "('a', 1, (2, 3))");
    CU_ASSERT_EQUAL(py_object_equal(t12, tuple2(I(1), I(2))), 1);
    CU_ASSERT_EQUAL(py_object_richcompare_bool(t12, tuple2(I(1), I(3)), PY_LT), 1);
    CU_ASSERT_EQUAL(py_object_richcompare_bool(one, t12, PY_LT), 1);
    CU_ASSERT_EQUAL(py_tuple_size(py_tuple_slice(nested, 1, 9)), 2);
}

static void test_list(void)
{
    py_object_t *l = py_list_new(0);
    CHECK_REPR(l, "[]");
    for (long i = 0; i < 100; i++)
        CU_ASSERT_EQUAL(py_list_append(l, I(i)), 0);
    CU_ASSERT_EQUAL(py_list_size(l), 100);
    CU_ASSERT_EQUAL(py_int_value(py_list_get_item(l, 42)), 42);
    CU_ASSERT_PTR_NULL(py_list_get_item(l, 100));
    CU_ASSERT(py_err_matches(py_exc_IndexError_type));
    py_err_clear();
    py_object_t *m = py_list_new(0);
    py_list_append(m, I(1));
    py_list_append(m, S("a"));
    py_object_t *t = py_tuple_new(1);
    py_tuple_init_item(t, 0, I(2));
    py_list_append(m, t);
    CHECK_REPR(m, "[1, 'a', (2,)]");
    CU_ASSERT_EQUAL(py_list_set_item(m, 0, S("z")), 0);
    CHECK_REPR(m, "['z', 'a', (2,)]");
    CU_ASSERT_EQUAL(py_object_hash(m), -1);
    char *out = displayed();
    CU_ASSERT_STRING_EQUAL(out, "TypeError: unhashable type: 'list'\n");
    free(out);
    CHECK_REPR(py_list_as_tuple(m), "('z', 'a', (2,))");
}

static void test_dict(void)
{
    py_object_t *d = py_dict_new();
    const char *keys[] = {"x", "y", "z", "abc", "hello", "a", "b", "key9", "zz"};
    for (size_t i = 0; i < 9; i++)
        CU_ASSERT_EQUAL(py_dict_set_item(d, S(keys[i]), I(1)), 0);
    CHECK_REPR(d, "{'a': 1, 'key9': 1, 'abc': 1, 'b': 1, 'zz': 1, 'y': 1, "
                  "'x': 1, 'z': 1, 'hello': 1}");
    py_object_t *v = NULL;
    CU_ASSERT_EQUAL(py_dict_lookup(d, S("abc"), &v), 1);
    CU_ASSERT_EQUAL(py_dict_lookup_cstr(d, "nope", &v), 0);
    py_object_t *n = py_dict_new();
    for (long k = 0; k < 20; k++)
        py_dict_set_item(n, I(k * 8), I(k));
    CU_ASSERT_EQUAL(py_dict_del_item(n, I(8)), 0);
    py_dict_set_item(n, I(200), I(1));
    CHECK_REPR(n, "{0: 0, 32: 4, 152: 19, 96: 12, 120: 15, 48: 6, 200: 1, "
                  "64: 8, 128: 16, 80: 10, 16: 2, 40: 5, 144: 18, 104: 13, "
                  "112: 14, 56: 7, 24: 3, 72: 9, 136: 17, 88: 11}");
    CU_ASSERT_EQUAL(py_dict_size(n), 20);
    CU_ASSERT_EQUAL(py_dict_del_item(n, I(8)), -1);
    char *out = displayed();
    CU_ASSERT_STRING_EQUAL(out, "KeyError: 8\n");
    free(out);
    CU_ASSERT_EQUAL(py_dict_del_item(n, tuple2(I(1), I(2))), -1);
    out = displayed();
    CU_ASSERT_STRING_EQUAL(out, "KeyError: (1, 2)\n");
    free(out);
    CU_ASSERT_EQUAL(py_dict_set_item(n, py_list_new(0), I(1)), -1);
    CU_ASSERT(py_err_matches(py_exc_TypeError_type));
    py_err_clear();
    /* True and 1 are the same key, as in Python. */
    py_dict_set_item(n, py_True, S("t"));
    CU_ASSERT_EQUAL(py_dict_lookup(n, I(1), &v), 1);
    CU_ASSERT_STRING_EQUAL(py_str_data(v), "t");
}

static void test_set(void)
{
    py_object_t *s = py_set_new();
    long ints[] = {8, 16, 0, 1, 24, 33, 7};
    for (size_t i = 0; i < 7; i++)
        CU_ASSERT_EQUAL(py_set_add(s, I(ints[i])), 0);
    CHECK_REPR(s, "set([0, 33, 1, 8, 7, 16, 24])");
    CU_ASSERT_EQUAL(py_set_contains(s, I(33)), 1);
    CU_ASSERT_EQUAL(py_set_contains(s, I(34)), 0);
    py_object_t *f = py_frozenset_new();
    const char *keys[] = {"x", "y", "z", "abc", "hello", "a", "b", "key9", "zz"};
    for (size_t i = 0; i < 9; i++)
        py_set_add(f, S(keys[i]));
    CHECK_REPR(f, "frozenset(['a', 'key9', 'abc', 'b', 'zz', 'y', 'x', 'z', "
                  "'hello'])");
    CU_ASSERT_EQUAL(py_object_hash(f), INT64_C(-4007569594029770915));
    CU_ASSERT_EQUAL(py_object_hash(py_frozenset_new()), INT64_C(133156838395276));
    py_object_t *f123 = py_frozenset_new();
    for (long i = 1; i <= 3; i++)
        py_set_add(f123, I(i));
    CU_ASSERT_EQUAL(py_object_hash(f123), INT64_C(-7699079583225461316));
    CU_ASSERT_EQUAL(py_set_discard(s, I(33)), 1);
    CU_ASSERT_EQUAL(py_set_size(s), 6);
    CU_ASSERT_EQUAL(py_object_hash(s), -1);
    py_err_clear();
}

static void test_exceptions(void)
{
    CU_ASSERT(!py_err_occurred());
    py_err_set_string(py_exc_ValueError_type, "bad value");
    CU_ASSERT(py_err_occurred());
    CU_ASSERT(py_err_matches(py_exc_ValueError_type));
    CU_ASSERT(py_err_matches(py_exc_StandardError_type));
    CU_ASSERT(py_err_matches(py_exc_BaseException_type));
    CU_ASSERT(!py_err_matches(py_exc_TypeError_type));
    py_type_t *t;
    py_object_t *v, *tb;
    py_err_fetch(&t, &v, &tb);
    CU_ASSERT(!py_err_occurred());
    CU_ASSERT_PTR_EQUAL(t, py_exc_ValueError_type);
    CHECK_REPR(v, "ValueError('bad value',)");
    CU_ASSERT_STRING_EQUAL(str_of(v), "bad value");
    py_err_restore(t, v, tb);
    char *out = displayed();
    CU_ASSERT_STRING_EQUAL(out, "ValueError: bad value\n");
    free(out);

    py_err_set_object(py_exc_KeyError_type, S("k"));
    out = displayed();
    CU_ASSERT_STRING_EQUAL(out, "KeyError: 'k'\n");
    free(out);

    py_err_set_object(py_exc_StopIteration_type, NULL);
    out = displayed();
    CU_ASSERT_STRING_EQUAL(out, "StopIteration\n");
    free(out);

    py_object_t *items[3] = {I(2), S("No such file"), S("f.txt")};
    py_object_t *io = py_exc_new(py_exc_IOError_type, py_tuple_pack(3, items));
    CU_ASSERT_STRING_EQUAL(str_of(io), "[Errno 2] No such file: 'f.txt'");
    CHECK_REPR(io, "IOError(2, 'No such file')");
    io = py_exc_new(py_exc_IOError_type, py_tuple_pack(2, items));
    CU_ASSERT_STRING_EQUAL(str_of(io), "[Errno 2] No such file");

    py_err_format(py_exc_TypeError_type, "unsupported operand type(s) for %s: "
                  "'%s' and '%s'", "+", "int", "str");
    out = displayed();
    CU_ASSERT_STRING_EQUAL(out, "TypeError: unsupported operand type(s) for +: "
                                "'int' and 'str'\n");
    free(out);

    CU_ASSERT_PTR_NULL(py_err_no_memory());
    CU_ASSERT(py_err_matches(py_exc_MemoryError_type));
    out = displayed();
    CU_ASSERT_STRING_EQUAL(out, "MemoryError\n");
    free(out);

    CU_ASSERT(py_err_given_matches(py_exc_TabError_type,
                                   tuple2((py_object_t *)py_exc_ValueError_type,
                                          (py_object_t *)py_exc_SyntaxError_type)));
}

static void test_syntax_error(void)
{
    py_err_syntax(py_exc_SyntaxError_type, "invalid syntax", S("f.py"), 3, 5,
                  "x = (\n");
    CU_ASSERT(py_err_matches(py_exc_SyntaxError_type));
    char *out = displayed();
    CU_ASSERT_STRING_EQUAL(out, "  File \"f.py\", line 3\n    x = (\n        ^\n"
                                "SyntaxError: invalid syntax\n");
    free(out);
    /* Leading blanks are stripped and the caret follows. */
    py_err_syntax(py_exc_IndentationError_type, "unexpected indent", S("g.py"),
                  2, 7, "      y = 1\n");
    CU_ASSERT(py_err_matches(py_exc_SyntaxError_type));
    out = displayed();
    CU_ASSERT_STRING_EQUAL(out, "  File \"g.py\", line 2\n    y = 1\n    ^\n"
                                "IndentationError: unexpected indent\n");
    free(out);
    /* No filename, no text. */
    py_err_syntax(py_exc_SyntaxError_type, "bad", NULL, 1, -1, NULL);
    out = displayed();
    CU_ASSERT_STRING_EQUAL(out, "  File \"<string>\", line 1\nSyntaxError: bad\n");
    free(out);
    py_err_syntax(py_exc_SyntaxError_type, "invalid syntax", S("dir/f.py"), 3, 5,
                  "x = (\n");
    py_type_t *t;
    py_object_t *v, *tb;
    py_err_fetch(&t, &v, &tb);
    CU_ASSERT_STRING_EQUAL(str_of(v), "invalid syntax (f.py, line 3)");
    CU_ASSERT_EQUAL(py_int_value(py_exc_syntax_lineno(v)), 3);
    CU_ASSERT_EQUAL(py_int_value(py_exc_syntax_offset(v)), 5);
    CU_ASSERT_STRING_EQUAL(py_str_data(py_exc_syntax_text(v)), "x = (\n");
}

static void test_code(void)
{
    py_object_t *empty = py_tuple_new(0);
    py_object_t *names = tuple2(S("foo"), S("bar"));
    py_object_t *consts = tuple2(S("name_like"), S("not a name"));
    py_object_t *co = py_code_new(1, 2, 3, 0x43, S("d\0\0S"), consts, names,
                                  empty, empty, empty, S("f.py"), S("fn"), 7,
                                  S(""));
    CU_ASSERT_FATAL(co != NULL);
    CU_ASSERT_EQUAL(py_code_argcount(co), 1);
    CU_ASSERT_EQUAL(py_code_nlocals(co), 2);
    CU_ASSERT_EQUAL(py_code_stacksize(co), 3);
    CU_ASSERT_EQUAL(py_code_flags(co), 0x43);
    CU_ASSERT_EQUAL(py_code_firstlineno(co), 7);
    CU_ASSERT(py_str_is_interned(py_tuple_get_item(py_code_names(co), 0)));
    CU_ASSERT(py_str_is_interned(py_tuple_get_item(py_code_consts(co), 0)));
    CU_ASSERT(!py_str_is_interned(py_tuple_get_item(py_code_consts(co), 1)));
    /* The caller's tuple is not changed. */
    CU_ASSERT(!py_str_is_interned(py_tuple_get_item(consts, 1)));
    char expect[128];
    snprintf(expect, sizeof expect, "<code object fn at %p, file \"f.py\", line 7>",
             (void *)co);
    CHECK_REPR(co, expect);
    CU_ASSERT(strncmp(expect, "<code object fn at 0x", 21) == 0);
    CU_ASSERT_PTR_NULL(py_code_new(0, 0, 0, 0, I(1), empty, empty, empty,
                                   empty, empty, S("f"), S("n"), 1, S("")));
    CU_ASSERT(py_err_matches(py_exc_SystemError_type));
    py_err_clear();
    py_object_t *co2 = py_code_new(1, 2, 3, 0x43, S("d\0\0S"), consts, names,
                                   empty, empty, empty, S("other.py"), S("fn"),
                                   7, S("x"));
    CU_ASSERT_EQUAL(py_object_equal(co, co2), 1);
    CU_ASSERT_EQUAL(py_object_hash(co), py_object_hash(co2));
}

static void test_misc(void)
{
    CHECK_REPR(py_slice_new(I(1), NULL, I(2)), "slice(1, None, 2)");
    py_object_t *o = py_object_alloc(py_object_type, 0);
    char expect[64];
    snprintf(expect, sizeof expect, "<object object at %p>", (void *)o);
    CHECK_REPR(o, expect);
    CU_ASSERT_EQUAL(py_object_equal(o, o), 1);
    CU_ASSERT_EQUAL(py_object_equal(o, py_None), 0);
    CU_ASSERT_EQUAL(py_object_richcompare_bool(py_None, o, PY_LT), 1);
    /* Absurd sizes raise instead of crashing; the heap stays usable. */
    CU_ASSERT_PTR_NULL(py_str_new_uninit((size_t)1 << 50));
    CU_ASSERT(py_err_matches(py_exc_MemoryError_type) ||
              py_err_matches(py_exc_OverflowError_type));
    py_err_clear();
    CU_ASSERT_PTR_NULL(py_tuple_new((size_t)1 << 45));
    CU_ASSERT(py_err_matches(py_exc_MemoryError_type));
    py_err_clear();
    CU_ASSERT_PTR_NULL(py_list_new((size_t)1 << 45));
    CU_ASSERT(py_err_matches(py_exc_MemoryError_type));
    py_err_clear();
    CU_ASSERT_PTR_NOT_NULL(py_str_from_cstr("still fine"));
}

/* Objects reachable only from the C stack and the roots survive a
   collection; the intern table keeps identities across one. */
static void test_gc_survival(void)
{
    py_object_t *l = py_list_new(0);
    for (long i = 0; i < 2000; i++) {
        py_object_t *t = tuple2(I(i), py_str_from_format("s%ld", i));
        py_list_append(l, t);
    }
    py_object_t *in = py_str_intern_bytes("survivor", 8);
    gc_collect();
    CU_ASSERT_EQUAL(py_list_size(l), 2000);
    py_object_t *t = py_list_get_item(l, 1234);
    CU_ASSERT_STRING_EQUAL(py_str_data(py_tuple_get_item(t, 1)), "s1234");
    CU_ASSERT_PTR_EQUAL(py_str_intern_bytes("survivor", 8), in);
    CHECK_REPR(py_None, "None");
    CHECK_REPR((py_object_t *)py_exc_ValueError_type,
               "<type 'exceptions.ValueError'>");
}

#define N_THREADS 4
#define N_NAMES 3000

/* Interning from several threads at once (with garbage to make the
   collector stop the world meanwhile) gives one object per name. */
static void *intern_worker(void *arg)
{
    py_object_t **out = arg;
    if (gc_thread_register())
        return NULL;
    for (int round = 0; round < 2; round++)
        for (int i = 0; i < N_NAMES; i++) {
            char buf[32];
            int n = snprintf(buf, sizeof buf, "thread_name_%d", i);
            py_object_t *in = py_str_intern(py_str_from_bytes(buf, (size_t)n));
            if (round == 0)
                out[i] = in;   /* interned strings are immortal */
            else if (out[i] != in)
                out[i] = NULL;
            py_object_t *junk = py_list_new(0);
            for (int k = 0; k < 8; k++)
                py_list_append(junk, py_str_from_format("junk %d", k));
        }
    py_thread_state_detach();
    gc_thread_unregister();
    return arg;
}

static void test_threads(void)
{
    static py_object_t *out[N_THREADS][N_NAMES];
    pthread_t th[N_THREADS];
    for (int t = 0; t < N_THREADS; t++)
        CU_ASSERT_EQUAL(pthread_create(&th[t], NULL, intern_worker, out[t]), 0);
    /* This thread stays registered: it must reach safe points too, or a
       collection in a worker would wait for it forever. */
    gc_enter_blocking();
    for (int t = 0; t < N_THREADS; t++)
        pthread_join(th[t], NULL);
    gc_leave_blocking();
    int mismatches = 0;
    for (int i = 0; i < N_NAMES; i++) {
        for (int t = 0; t < N_THREADS; t++)
            if (!out[t][i] || out[t][i] != out[0][i])
                mismatches++;
    }
    CU_ASSERT_EQUAL(mismatches, 0);
    char buf[32];
    int n = snprintf(buf, sizeof buf, "thread_name_%d", 17);
    CU_ASSERT_PTR_EQUAL(py_str_intern_bytes(buf, (size_t)n), out[0][17]);
}

/* Deeply nested structures raise RuntimeError instead of overflowing the
   C stack. */
static void test_recursion(void)
{
    py_object_t *a = py_None, *b = py_None;
    for (int i = 0; i < 5000; i++) {
        py_object_t *ta = py_tuple_new(1), *tb = py_tuple_new(1);
        py_tuple_init_item(ta, 0, a);
        py_tuple_init_item(tb, 0, b);
        a = ta;
        b = tb;
    }
    CU_ASSERT_EQUAL(py_object_equal(a, b), -1);
    CU_ASSERT(py_err_matches(py_exc_RuntimeError_type));
    char *out = displayed();
    CU_ASSERT_STRING_EQUAL(out, "RuntimeError: maximum recursion depth exceeded in cmp\n");
    free(out);
    CU_ASSERT_PTR_NULL(py_object_repr(a));
    CU_ASSERT(py_err_matches(py_exc_RuntimeError_type));
    py_err_clear();
    CU_ASSERT_EQUAL(py_tstate->recursion_depth, 0);
}

static CU_TestInfo tests[] = {
    {"runtime", test_runtime},
    {"str", test_str},
    {"str_hash_repr", test_str_hash_repr},
    {"unicode", test_unicode},
    {"utf8_errors", test_utf8_errors},
    {"encode_errors", test_encode_errors},
    {"tuple", test_tuple},
    {"list", test_list},
    {"dict", test_dict},
    {"set", test_set},
    {"exceptions", test_exceptions},
    {"syntax_error", test_syntax_error},
    {"code", test_code},
    {"misc", test_misc},
    {"gc_survival", test_gc_survival},
    {"threads", test_threads},
    {"recursion", test_recursion},
    CU_TEST_INFO_NULL,
};

UNIT_MAIN("objects", tests, init, NULL)
