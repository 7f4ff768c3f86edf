/* test_marshal.c -- marshal compatibility with CPython 2.7: byte-exact
 * round trips of CPython-produced fixtures (tests/frontend/marshal/, made
 * by gen_fixtures.py), exact encodings of single objects, CPython's error
 * messages for bad input, depth limits, and robustness (every truncation
 * and random corruption of the fixtures raises or loads, never crashes).
 *
 * PYPYSTM_MARSHAL_EXTRA=DIR adds the round trip of every *.marshal file
 * in DIR (the 45-marshal tier fills it from CPython's stdlib). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "interp/errors.h"
#include "interp/marshal.h"
#include "interp/object.h"
#include "interp/objects/boolobject.h"
#include "interp/objects/codeobject.h"
#include "interp/objects/dictobject.h"
#include "interp/objects/floatobject.h"
#include "interp/objects/intobject.h"
#include "interp/objects/listobject.h"
#include "interp/objects/longobject.h"
#include "interp/objects/noneobject.h"
#include "interp/objects/sliceobject.h"
#include "interp/objects/stringobject.h"
#include "interp/objects/tupleobject.h"
#include "interp/objects/unicodeobject.h"
#include "interp/runtime.h"
#include "tests/unit/unit.h"

#define FIXTURE_DIR "tests/frontend/marshal"

static char *read_file(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)len + 1);
    if (buf && fread(buf, 1, (size_t)len, f) != (size_t)len) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *n = (size_t)len;
    return buf;
}

/* The fixture directory: relative to the working directory (the tiers
   run from the repository root), else under the configured source dir. */
static const char *fixture_dir(void)
{
    static char path[1024];
    DIR *d = opendir(FIXTURE_DIR);
    if (d) {
        closedir(d);
        return FIXTURE_DIR;
    }
    snprintf(path, sizeof path, "%s/%s", PYPYSTM_SRCDIR, FIXTURE_DIR);
    return path;
}

static int version_of(const char *name)
{
    const char *v = strstr(name, ".v");
    return v && v[2] >= '0' && v[2] <= '2' ? v[2] - '0' : 2;
}

/* Loads DATA, dumps it again with VERSION: 1 if the bytes equal EXPECT
   (N2 bytes).  Prints the first difference otherwise. */
static int roundtrip(const char *name, const char *data, size_t n,
                     const char *expect, size_t n2, int version)
{
    py_object_t *o = py_marshal_loads(data, n);
    if (!o) {
        fprintf(stderr, "%s: load failed: ", name);
        py_err_print();
        return 0;
    }
    py_object_t *d = py_marshal_dumps(o, version);
    if (!d) {
        fprintf(stderr, "%s: dump failed: ", name);
        py_err_print();
        return 0;
    }
    if (py_str_len(d) == n2 && memcmp(py_str_data(d), expect, n2) == 0)
        return 1;
    size_t i = 0;
    while (i < n2 && i < py_str_len(d) && py_str_data(d)[i] == expect[i])
        i++;
    fprintf(stderr, "%s: dump differs at byte %zu (lengths %zu vs %zu)\n",
            name, i, py_str_len(d), n2);
    return 0;
}

/* Round trips every *.marshal file in DIR against itself, or against
   NAME.marshal.out when CPython's own round trip differs (dict/set
   reordering; see gen_fixtures.py).  Returns the files checked; adds
   failures to *FAILED. */
static size_t bytes_checked;

static int roundtrip_dir(const char *dir, int *failed)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int count = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len < 8 || strcmp(e->d_name + len - 8, ".marshal"))
            continue;
        char path[2048];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        size_t n, n2;
        char *data = read_file(path, &n);
        if (!data) {
            (*failed)++;
            continue;
        }
        strncat(path, ".out", sizeof path - strlen(path) - 1);
        char *expect = read_file(path, &n2);
        count++;
        bytes_checked += n;
        if (!roundtrip(e->d_name, data, n, expect ? expect : data,
                       expect ? n2 : n, version_of(e->d_name)))
            (*failed)++;
        free(expect);
        free(data);
    }
    closedir(d);
    return count;
}

static void test_fixtures(void)
{
    int failed = 0;
    int count = roundtrip_dir(fixture_dir(), &failed);
    CU_ASSERT(count >= 10);
    CU_ASSERT_EQUAL(failed, 0);
}

static void test_extra_dir(void)
{
    const char *dir = getenv("PYPYSTM_MARSHAL_EXTRA");
    if (!dir)
        return;
    int failed = 0;
    bytes_checked = 0;
    double t0 = unit_now();
    int count = roundtrip_dir(dir, &failed);
    double dt = unit_now() - t0;
    fprintf(stderr, "extra marshal round trips: %d files, %d failed "
            "(%.1f MB loaded and dumped in %.3f s, file reading included)\n",
            count, failed, bytes_checked / 1e6, dt);
    CU_ASSERT(count > 0);
    CU_ASSERT_EQUAL(failed, 0);
}

static int dumps_equal(py_object_t *o, int version, const char *bytes, size_t n)
{
    py_object_t *d = py_marshal_dumps(o, version);
    if (!d) {
        py_err_print();
        return 0;
    }
    return py_str_len(d) == n && memcmp(py_str_data(d), bytes, n) == 0;
}

#define DUMPS(o, v, lit) CU_ASSERT(dumps_equal((o), (v), lit, sizeof lit - 1))

static void test_encodings(void)
{
    DUMPS(py_None, 2, "N");
    DUMPS(py_True, 2, "T");
    DUMPS(py_False, 2, "F");
    DUMPS((py_object_t *)py_exc_StopIteration_type, 2, "S");
    DUMPS(py_Ellipsis, 2, ".");
    DUMPS(py_int_from_long(1L << 15), 2, "i\x00\x80\x00\x00");
    DUMPS(py_int_from_long(1L << 31), 2, "I\x00\x00\x00\x80\x00\x00\x00\x00");
    DUMPS(py_int_from_long(-(1L << 31)), 2, "i\x00\x00\x00\x80");
    DUMPS(py_long_from_long(0), 2, "l\x00\x00\x00\x00");
    DUMPS(py_long_from_long(-1), 2, "l\xff\xff\xff\xff\x01\x00");
    DUMPS(py_float_from_double(0.1), 1, "f\x13" "0.10000000000000001");
    DUMPS(py_float_from_double(-0.0), 1, "f\x02-0");
    DUMPS(py_float_from_double(1e17), 1, "f\x05" "1e+17");
    DUMPS(py_str_from_cstr("a"), 2, "t\x01\x00\x00\x00" "a");
    DUMPS(py_str_from_cstr("a"), 0, "s\x01\x00\x00\x00" "a");
    DUMPS(py_str_from_cstr("ab"), 2, "s\x02\x00\x00\x00" "ab");
    py_object_t *hi = py_str_intern_bytes("ab", 2);
    py_object_t *pair2[2] = {hi, hi};
    DUMPS(py_tuple_pack(2, pair2), 2,
          "(\x02\x00\x00\x00t\x02\x00\x00\x00" "abR\x00\x00\x00\x00");
    DUMPS(py_tuple_pack(2, pair2), 0,
          "(\x02\x00\x00\x00s\x02\x00\x00\x00" "abs\x02\x00\x00\x00" "ab");
    uint32_t euro = 0x20ac;
    DUMPS(py_unicode_from_ucs4(&euro, 1), 2, "u\x03\x00\x00\x00\xe2\x82\xac");
    /* Surrogate pairs are merged, lone surrogates kept (CPython 2.7). */
    uint32_t pair[] = {0xd800, 0xdc00};
    DUMPS(py_unicode_from_ucs4(pair, 2), 2, "u\x04\x00\x00\x00\xf0\x90\x80\x80");
    uint32_t lone[] = {0xdc00, 0xd800};
    DUMPS(py_unicode_from_ucs4(lone, 2), 2,
          "u\x06\x00\x00\x00\xed\xb0\x80\xed\xa0\x80");
    uint32_t top[] = {'a', 0xdbff, 0xdfff, 'b'};
    DUMPS(py_unicode_from_ucs4(top, 4), 2, "u\x06\x00\x00\x00" "a\xf4\x8f\xbf\xbf" "b");
    py_object_t *d = py_dict_new();
    py_dict_set_item(d, py_str_from_cstr("a"), py_int_from_long(1));
    DUMPS(d, 2, "{t\x01\x00\x00\x00" "ai\x01\x00\x00\x00" "0");
    py_object_t *o = py_object_alloc(py_object_type, 0);
    CU_ASSERT_PTR_NULL(py_marshal_dumps(o, 2));
    CU_ASSERT(py_err_matches(py_exc_ValueError_type));
    py_err_clear();
}

static void check_load_error(const char *data, size_t n, py_type_t *type,
                             const char *msg)
{
    py_object_t *o = py_marshal_loads(data, n);
    CU_ASSERT_PTR_NULL(o);
    CU_ASSERT(py_err_matches(type));
    py_type_t *t;
    py_object_t *v, *tb;
    py_err_fetch(&t, &v, &tb);
    if (!v)
        return;
    py_object_t *s = py_object_str(v);
    CU_ASSERT_FATAL(s != NULL);
    CU_ASSERT_STRING_EQUAL(py_str_data(s), msg);
    if (strcmp(py_str_data(s), msg))
        fprintf(stderr, "got: %s\n", py_str_data(s));
}

#define LOAD_ERROR(lit, exc, msg) \
    check_load_error(lit, sizeof lit - 1, py_exc_##exc##_type, msg)

static void test_errors(void)
{
    LOAD_ERROR("", EOFError, "EOF read where object expected");
    LOAD_ERROR("z", ValueError, "bad marshal data (unknown type code)");
    LOAD_ERROR("?", ValueError, "bad marshal data (unknown type code)");
    LOAD_ERROR("R\x05\x00\x00\x00", ValueError,
               "bad marshal data (string ref out of range)");
    LOAD_ERROR("l\x01\x00\x00\x00\x00\x80", ValueError,
               "bad marshal data (digit out of range in long)");
    LOAD_ERROR("l\x01\x00\x00\x00\x00\x00", ValueError,
               "bad marshal data (unnormalized long data)");
    LOAD_ERROR("l\x00\x00\x00\x80", ValueError,
               "bad marshal data (long size out of range)");
    LOAD_ERROR("s\xff\xff\xff\xff", ValueError,
               "bad marshal data (string size out of range)");
    LOAD_ERROR("u\xff\xff\xff\xff", ValueError,
               "bad marshal data (unicode size out of range)");
    LOAD_ERROR("(\xff\xff\xff\xff", ValueError,
               "bad marshal data (tuple size out of range)");
    LOAD_ERROR("[\xff\xff\xff\xff", ValueError,
               "bad marshal data (list size out of range)");
    LOAD_ERROR("<\xff\xff\xff\xff", ValueError,
               "bad marshal data (set size out of range)");
    LOAD_ERROR("s\x05\x00\x00\x00" "ab", EOFError, "EOF read where object expected");
    LOAD_ERROR("(\x02\x00\x00\x00N", EOFError, "EOF read where object expected");
    LOAD_ERROR("{N", EOFError, "EOF read where object expected");
    LOAD_ERROR("0", TypeError, "NULL object in marshal data for object");
    LOAD_ERROR("(\x01\x00\x00\x00" "0", TypeError,
               "NULL object in marshal data for tuple");
    LOAD_ERROR("[\x01\x00\x00\x00" "0", TypeError,
               "NULL object in marshal data for list");
    LOAD_ERROR("<\x01\x00\x00\x00" "0", TypeError,
               "NULL object in marshal data for set");
    LOAD_ERROR("f\x03" "abc", ValueError, "could not convert string to float: abc");
    LOAD_ERROR("u\x02\x00\x00\x00\xff\xfe", UnicodeDecodeError,
               "'utf8' codec can't decode byte 0xff in position 0: invalid "
               "start byte");
    LOAD_ERROR("c\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
               "\x00" "0", TypeError, "NULL object in marshal data for object");
    /* A dict value of '0' is skipped, as CPython. */
    const char dd[] = "{i\x01\x00\x00\x00" "0i\x02\x00\x00\x00i\x03\x00\x00\x00" "0";
    py_object_t *d = py_marshal_loads(dd, sizeof dd - 1);
    CU_ASSERT_FATAL(d != NULL);
    CU_ASSERT_EQUAL(py_dict_size(d), 1);
}

static void test_depth(void)
{
    py_object_t *l = py_list_new(0);
    for (int i = 0; i < 3000; i++) {
        py_object_t *outer = py_list_new(0);
        py_list_append(outer, l);
        l = outer;
    }
    CU_ASSERT_PTR_NULL(py_marshal_dumps(l, 2));
    CU_ASSERT(py_err_matches(py_exc_ValueError_type));
    py_err_clear();
    /* 2000 levels are fine. */
    l = py_None;
    for (int i = 0; i < 1999; i++) {
        py_object_t *t = py_tuple_new(1);
        py_tuple_init_item(t, 0, l);
        l = t;
    }
    py_object_t *s = py_marshal_dumps(l, 2);
    CU_ASSERT_FATAL(s != NULL);
    CU_ASSERT_PTR_NOT_NULL(py_marshal_loads(py_str_data(s), py_str_len(s)));
    /* One more level is CPython's limit, both ways. */
    py_object_t *t = py_tuple_new(1);
    py_tuple_init_item(t, 0, l);
    CU_ASSERT_PTR_NULL(py_marshal_dumps(t, 2));
    CU_ASSERT(py_err_matches(py_exc_ValueError_type));
    py_err_clear();
    size_t n1 = py_str_len(s) + 5;
    char *one_more = malloc(n1);
    memcpy(one_more, "(\x01\x00\x00\x00", 5);
    memcpy(one_more + 5, py_str_data(s), py_str_len(s));
    CU_ASSERT_PTR_NULL(py_marshal_loads(one_more, n1));
    CU_ASSERT(py_err_matches(py_exc_ValueError_type));
    py_err_clear();
    free(one_more);
    size_t n = 2100 * 5 + 1;
    char *deep = malloc(n);
    for (int i = 0; i < 2100; i++)
        memcpy(deep + 5 * i, "(\x01\x00\x00\x00", 5);
    deep[n - 1] = 'N';
    CU_ASSERT_PTR_NULL(py_marshal_loads(deep, n));
    CU_ASSERT(py_err_matches(py_exc_ValueError_type));
    py_err_clear();
    free(deep);
}

/* Every truncation and many random corruptions of real data load or fail
   cleanly (the process would crash otherwise). */
static void corrupt_file(const char *name, int rounds)
{
    char path[2048];
    snprintf(path, sizeof path, "%s/%s", fixture_dir(), name);
    size_t n;
    char *data = read_file(path, &n);
    CU_ASSERT_FATAL(data != NULL);
    int errors = 0;
    for (size_t k = 0; k < n; k++) {
        if (!py_marshal_loads(data, k)) {
            errors++;
            py_err_clear();
        }
    }
    CU_ASSERT_EQUAL(errors, (int)n);   /* every proper prefix is truncated */
    unsigned seed = 12345;
    char *copy = malloc(n);
    for (int round = 0; round < rounds; round++) {
        memcpy(copy, data, n);
        for (int j = 0; j < 3; j++) {
            seed = seed * 1103515245u + 12345u;
            size_t pos = (seed >> 8) % n;
            seed = seed * 1103515245u + 12345u;
            copy[pos] = (char)(seed >> 16);
        }
        if (!py_marshal_loads(copy, n))
            py_err_clear();
    }
    free(copy);
    free(data);
}

static void test_robustness(void)
{
    corrupt_file("objects.v2.marshal", 3000);
    corrupt_file("objects.v0.marshal", 1000);
    corrupt_file("functools.v2.marshal", 300);
}

static void test_roundtrip_built(void)
{
    /* Objects built here (not loaded) dump and load back equal. */
    py_object_t *items[6];
    items[0] = py_str_from_cstr("text");
    items[1] = py_int_from_long(-7);
    items[2] = py_float_from_double(2.5);
    /* > 64 base-2**15 digits: the dump's and load's scratch-buffer path. */
    char digits[402];
    digits[0] = '1';
    memset(digits + 1, '7', 400);
    digits[401] = 0;
    items[3] = py_long_from_string(digits, 401, 10);
    items[4] = py_tuple_new(0);
    items[5] = py_True;
    py_object_t *t = py_tuple_pack(6, items);
    for (int v = 0; v <= 2; v++) {
        py_object_t *s = py_marshal_dumps(t, v);
        CU_ASSERT_FATAL(s != NULL);
        py_object_t *back = py_marshal_loads(py_str_data(s), py_str_len(s));
        CU_ASSERT_FATAL(back != NULL);
        CU_ASSERT_EQUAL(py_object_equal(back, t), 1);
    }
}

static int init(void) { return py_runtime_init(); }

static CU_TestInfo tests[] = {
    {"fixtures", test_fixtures},
    {"encodings", test_encodings},
    {"errors", test_errors},
    {"depth", test_depth},
    {"robustness", test_robustness},
    {"roundtrip_built", test_roundtrip_built},
    {"extra_dir", test_extra_dir},
    CU_TEST_INFO_NULL,
};

UNIT_MAIN("marshal", tests, init, NULL)
