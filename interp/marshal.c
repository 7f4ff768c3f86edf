/* marshal.c -- CPython 2.7's marshal format (Python/marshal.c): every
 * type code, versions 0..2, CPython's error messages.  Dumping an object
 * that CPython dumped gives the same bytes, provided the same strs are
 * interned (code objects intern their names, as CPython's PyCode_New).
 *
 * Where CPython 2.7 reads past the end of a truncated buffer and returns
 * garbage (a truncated 'i' gives -255), we raise EOFError instead.
 *
 * The output buffer is a GC object, not malloc'd memory: a transaction
 * abort (longjmp) in the middle of a dump must not leak it (DESIGN §4).
 */
#include "interp/marshal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp/errors.h"
#include "interp/objects/boolobject.h"
#include "interp/objects/codeobject.h"
#include "interp/objects/complexobject.h"
#include "interp/objects/dictobject.h"
#include "interp/objects/floatobject.h"
#include "interp/objects/intobject.h"
#include "interp/objects/listobject.h"
#include "interp/objects/longobject.h"
#include "interp/objects/noneobject.h"
#include "interp/objects/setobject.h"
#include "interp/objects/sliceobject.h"
#include "interp/objects/stringobject.h"
#include "interp/objects/tupleobject.h"
#include "interp/objects/unicodeobject.h"

enum {
    TYPE_NULL = '0', TYPE_NONE = 'N', TYPE_FALSE = 'F', TYPE_TRUE = 'T',
    TYPE_STOPITER = 'S', TYPE_ELLIPSIS = '.', TYPE_INT = 'i',
    TYPE_INT64 = 'I', TYPE_FLOAT = 'f', TYPE_BINARY_FLOAT = 'g',
    TYPE_COMPLEX = 'x', TYPE_BINARY_COMPLEX = 'y', TYPE_LONG = 'l',
    TYPE_STRING = 's', TYPE_INTERNED = 't', TYPE_STRINGREF = 'R',
    TYPE_TUPLE = '(', TYPE_LIST = '[', TYPE_DICT = '{', TYPE_CODE = 'c',
    TYPE_UNICODE = 'u', TYPE_UNKNOWN = '?', TYPE_SET = '<',
    TYPE_FROZENSET = '>',
};

#define SIZE32_MAX 0x7FFFFFFF

/* ---- dumping --------------------------------------------------------------- */

static const gc_type_t wbuf_gc = { .name = "marshal-buffer" };
typedef struct {
    gc_header_t hdr;
    char data[];
} wbuf_t;

typedef struct {
    wbuf_t *buf;                /* GC object; found through the C stack */
    size_t len, cap;
    int version;
    int depth;
    bool failed;                /* an exception is set */
    py_object_t *strings;       /* dict: interned str -> index (v >= 1) */
    long nstrings;
} writer_t;

static void w_reserve(writer_t *w, size_t extra)
{
    if (w->failed || w->len + extra <= w->cap)
        return;
    size_t ncap = w->cap ? w->cap : 256;
    while (ncap < w->len + extra) {
        if (ncap > SIZE_MAX / 4) {
            py_err_no_memory();
            w->failed = true;
            return;
        }
        ncap *= 2;
    }
    wbuf_t *nb = gc_alloc(&wbuf_gc, sizeof(wbuf_t) + ncap);
    if (!nb) {
        py_err_no_memory();
        w->failed = true;
        return;
    }
    if (w->len)
        memcpy(nb->data, w->buf->data, w->len);
    w->buf = nb;
    w->cap = ncap;
}

static void w_bytes(writer_t *w, const void *p, size_t n)
{
    w_reserve(w, n);
    if (w->failed)
        return;
    memcpy(w->buf->data + w->len, p, n);
    w->len += n;
}

static void w_byte(writer_t *w, int c)
{
    char b = (char)c;
    w_bytes(w, &b, 1);
}

static void w_long32(writer_t *w, int64_t x)
{
    unsigned char b[4];
    uint32_t u = (uint32_t)x;
    for (int i = 0; i < 4; i++)
        b[i] = (unsigned char)(u >> (8 * i));
    w_bytes(w, b, 4);
}

static void w_long64(writer_t *w, int64_t x)
{
    unsigned char b[8];
    uint64_t u = (uint64_t)x;
    for (int i = 0; i < 8; i++)
        b[i] = (unsigned char)(u >> (8 * i));
    w_bytes(w, b, 8);
}

static void w_double_bin(writer_t *w, double d)
{
    /* IEEE 754 little-endian, as CPython's _PyFloat_Pack8(.., le=1). */
    uint64_t u;
    memcpy(&u, &d, 8);
    w_long64(w, (int64_t)u);
}

static void w_double_str(writer_t *w, double d)
{
    /* CPython 2.7 writes repr-like text with 17 significant digits
       (PyOS_double_to_string(d, 'g', 17, 0)), which is C's %.17g,
       "inf"/"-inf"/"nan" included. */
    char buf[64];
    int n = snprintf(buf, sizeof buf, "%.17g", d);
    w_byte(w, n);
    w_bytes(w, buf, (size_t)n);
}

static void w_fail(writer_t *w, py_type_t *type, const char *msg)
{
    if (!w->failed) {
        py_err_set_string(type, msg);
        w->failed = true;
    }
}

static void w_object(writer_t *w, py_object_t *v);

static void w_sized_str(writer_t *w, int code, const char *s, size_t n)
{
    if (n > SIZE32_MAX) {
        w_fail(w, py_exc_ValueError_type, "unmarshallable object");
        return;
    }
    w_byte(w, code);
    w_long32(w, (int64_t)n);
    w_bytes(w, s, n);
}

static void w_str(writer_t *w, py_object_t *v)
{
    if (w->strings && py_str_is_interned(v)) {
        py_object_t *idx;
        int r = py_dict_lookup(w->strings, v, &idx);
        if (r < 0) {
            w->failed = true;
            return;
        }
        if (r) {
            w_byte(w, TYPE_STRINGREF);
            w_long32(w, py_int_value(idx));
            return;
        }
        py_object_t *num = py_int_from_long(w->nstrings);
        if (!num || py_dict_set_item(w->strings, v, num)) {
            w->failed = true;
            return;
        }
        w->nstrings++;
        w_sized_str(w, TYPE_INTERNED, py_str_data(v), py_str_len(v));
        return;
    }
    w_sized_str(w, TYPE_STRING, py_str_data(v), py_str_len(v));
}

static void w_long(writer_t *w, py_object_t *v)
{
    int neg;
    uint16_t small[64];
    size_t n = py_long_to_digits15(v, &neg, small, 64);
    uint16_t *d = small;
    py_object_t *big = NULL;
    if (n > 64) {
        /* A GC-allocated str as scratch space (no malloc across a
           possible abort). */
        if (n > SIZE32_MAX || !(big = py_str_new_uninit(n * 2))) {
            if (!py_err_occurred())
                py_err_no_memory();
            w->failed = true;
            return;
        }
        d = (uint16_t *)(void *)py_str_writable_data(big);
        py_long_to_digits15(v, &neg, d, n);
    }
    w_byte(w, TYPE_LONG);
    w_long32(w, neg ? -(int64_t)n : (int64_t)n);
    for (size_t i = 0; i < n; i++) {
        unsigned char b[2] = {(unsigned char)(d[i] & 0xFF),
                              (unsigned char)(d[i] >> 8)};
        w_bytes(w, b, 2);
    }
}

static void w_object(writer_t *w, py_object_t *v)
{
    if (w->failed)
        return;
    if (++w->depth > PY_MARSHAL_MAX_DEPTH) {
        w_fail(w, py_exc_ValueError_type, "object too deeply nested to marshal");
        w->depth--;
        return;
    }
    if (v == NULL) {
        w_byte(w, TYPE_NULL);
    } else if (v == py_None) {
        w_byte(w, TYPE_NONE);
    } else if (v == (py_object_t *)py_exc_StopIteration_type) {
        w_byte(w, TYPE_STOPITER);
    } else if (v == py_Ellipsis) {
        w_byte(w, TYPE_ELLIPSIS);
    } else if (v == py_False) {
        w_byte(w, TYPE_FALSE);
    } else if (v == py_True) {
        w_byte(w, TYPE_TRUE);
    } else if (py_type_of(v) == py_int_type) {
        long x = py_int_value(v);
        if (x >= -2147483648L && x <= 2147483647L) {
            w_byte(w, TYPE_INT);
            w_long32(w, x);
        } else {
            w_byte(w, TYPE_INT64);
            w_long64(w, x);
        }
    } else if (py_type_of(v) == py_long_type) {
        w_long(w, v);
    } else if (py_type_of(v) == py_float_type) {
        if (w->version > 1) {
            w_byte(w, TYPE_BINARY_FLOAT);
            w_double_bin(w, py_float_value(v));
        } else {
            w_byte(w, TYPE_FLOAT);
            w_double_str(w, py_float_value(v));
        }
    } else if (py_type_of(v) == py_complex_type) {
        double re, im;
        py_complex_value(v, &re, &im);
        if (w->version > 1) {
            w_byte(w, TYPE_BINARY_COMPLEX);
            w_double_bin(w, re);
            w_double_bin(w, im);
        } else {
            w_byte(w, TYPE_COMPLEX);
            w_double_str(w, re);
            w_double_str(w, im);
        }
    } else if (py_str_check_exact(v)) {
        w_str(w, v);
    } else if (py_unicode_check_exact(v)) {
        py_object_t *utf8 = py_unicode_encode_utf8(v);
        if (!utf8)
            w->failed = true;
        else
            w_sized_str(w, TYPE_UNICODE, py_str_data(utf8), py_str_len(utf8));
    } else if (py_tuple_check_exact(v)) {
        size_t n = py_tuple_size(v);
        w_byte(w, TYPE_TUPLE);
        w_long32(w, (int64_t)n);
        for (size_t i = 0; i < n && !w->failed; i++)
            w_object(w, py_tuple_get_item(v, i));
    } else if (py_list_check_exact(v)) {
        size_t n = py_list_size(v);
        w_byte(w, TYPE_LIST);
        w_long32(w, (int64_t)n);
        /* Re-read the size every round: an item's dump cannot change the
           list today, but must not overrun it if it ever does. */
        for (size_t i = 0; i < n && i < py_list_size(v) && !w->failed; i++)
            w_object(w, py_list_get_item(v, i));
    } else if (py_dict_check_exact(v)) {
        size_t pos = 0;
        py_object_t *k, *val;
        w_byte(w, TYPE_DICT);
        while (!w->failed && py_dict_next(v, &pos, &k, &val)) {
            w_object(w, k);
            w_object(w, val);
        }
        w_byte(w, TYPE_NULL);
    } else if (py_set_check_exact(v) || py_frozenset_check_exact(v)) {
        size_t pos = 0;
        py_object_t *k;
        w_byte(w, py_set_check_exact(v) ? TYPE_SET : TYPE_FROZENSET);
        w_long32(w, (int64_t)py_set_size(v));
        while (!w->failed && py_set_next(v, &pos, &k))
            w_object(w, k);
    } else if (py_code_check(v)) {
        w_byte(w, TYPE_CODE);
        w_long32(w, py_code_argcount(v));
        w_long32(w, py_code_nlocals(v));
        w_long32(w, py_code_stacksize(v));
        w_long32(w, py_code_flags(v));
        w_object(w, py_code_code(v));
        w_object(w, py_code_consts(v));
        w_object(w, py_code_names(v));
        w_object(w, py_code_varnames(v));
        w_object(w, py_code_freevars(v));
        w_object(w, py_code_cellvars(v));
        w_object(w, py_code_filename(v));
        w_object(w, py_code_name(v));
        w_long32(w, py_code_firstlineno(v));
        w_object(w, py_code_lnotab(v));
    } else if (py_str_check(v)) {
        /* A str subclass: CPython writes it through the buffer protocol,
           as a plain (never interned) string. */
        w_sized_str(w, TYPE_STRING, py_str_data(v), py_str_len(v));
    } else {
        w_fail(w, py_exc_ValueError_type, "unmarshallable object");
    }
    w->depth--;
}

py_object_t *py_marshal_dumps(py_object_t *o, int version)
{
    writer_t w = {.version = version};
    if (version > 0 && !(w.strings = py_dict_new()))
        return NULL;
    w_object(&w, o);
    if (w.failed)
        return NULL;
    return py_str_from_bytes(w.len ? w.buf->data : "", w.len);
}

/* ---- loading ----------------------------------------------------------------- */

typedef struct {
    const unsigned char *p, *end;
    int depth;
    py_object_t *strings;       /* list of the 't' strings, for 'R' */
} reader_t;

static py_object_t *r_eof(void)
{
    py_err_set_string(py_exc_EOFError_type, "EOF read where object expected");
    return NULL;
}

static py_object_t *r_bad(const char *what)
{
    py_err_format(py_exc_ValueError_type, "bad marshal data (%s)", what);
    return NULL;
}

static bool r_has(reader_t *r, size_t n)
{
    return (size_t)(r->end - r->p) >= n;
}

/* Reads a signed little-endian 32-bit value; false at end of data. */
static bool r_long32(reader_t *r, int32_t *out)
{
    if (!r_has(r, 4))
        return false;
    uint32_t u = 0;
    for (int i = 0; i < 4; i++)
        u |= (uint32_t)r->p[i] << (8 * i);
    r->p += 4;
    *out = (int32_t)u;
    return true;
}

static bool r_long64(reader_t *r, int64_t *out)
{
    if (!r_has(r, 8))
        return false;
    uint64_t u = 0;
    for (int i = 0; i < 8; i++)
        u |= (uint64_t)r->p[i] << (8 * i);
    r->p += 8;
    *out = (int64_t)u;
    return true;
}

static bool r_double_bin(reader_t *r, double *out)
{
    int64_t u;
    if (!r_long64(r, &u))
        return false;
    memcpy(out, &u, 8);
    return true;
}

/* 'f'/'x' text: a length byte, then that many chars.  0 ok, -1 error. */
static int r_double_str(reader_t *r, double *out)
{
    if (!r_has(r, 1)) {
        r_eof();
        return -1;
    }
    size_t n = *r->p++;
    if (!r_has(r, n)) {
        r_eof();
        return -1;
    }
    char buf[257];
    memcpy(buf, r->p, n);
    buf[n] = 0;
    r->p += n;
    char *endp;
    double d = strtod(buf, &endp);
    if (n == 0 || *endp != 0 || memchr(buf, 0, n)) {
        py_err_format(py_exc_ValueError_type,
                      "could not convert string to float: %s", buf);
        return -1;
    }
    *out = d;
    return 0;
}

/* A size field; NULL-free failure reporting through the return value:
   0 ok, -1 error set. */
static int r_size(reader_t *r, const char *what, size_t *out)
{
    int32_t n;
    if (!r_long32(r, &n)) {
        r_eof();
        return -1;
    }
    if (n < 0) {
        r_bad(what);
        return -1;
    }
    *out = (size_t)n;
    return 0;
}

static py_object_t *r_object(reader_t *r);

/* An item of a container: NULL without an exception (a '0' in the data)
   becomes CPython's TypeError. */
static py_object_t *r_item(reader_t *r, const char *container)
{
    py_object_t *o = r_object(r);
    if (!o && !py_err_occurred())
        py_err_format(py_exc_TypeError_type,
                      "NULL object in marshal data for %s", container);
    return o;
}

static py_object_t *r_long_obj(reader_t *r)
{
    int32_t n;
    if (!r_long32(r, &n))
        return r_eof();
    if (n < -SIZE32_MAX || n > SIZE32_MAX)
        return r_bad("long size out of range");
    size_t count = n < 0 ? (size_t)(-(int64_t)n) : (size_t)n;
    if (!r_has(r, count * 2))
        return r_eof();
    /* The digits are read in place (little-endian uint16 pairs), checked,
       and handed over through a GC scratch str when they do not fit. */
    uint16_t small[64];
    uint16_t *d = small;
    if (count > 64) {
        py_object_t *scratch = py_str_new_uninit(count * 2);
        if (!scratch)
            return NULL;
        d = (uint16_t *)(void *)py_str_writable_data(scratch);
    }
    for (size_t i = 0; i < count; i++) {
        unsigned v = r->p[0] | (unsigned)r->p[1] << 8;
        r->p += 2;
        if (v > 0x7FFF)
            return r_bad("digit out of range in long");
        d[i] = (uint16_t)v;
    }
    if (count && d[count - 1] == 0)
        return r_bad("unnormalized long data");
    return py_long_from_digits15(n < 0, d, count);
}

static py_object_t *r_code(reader_t *r)
{
    int32_t argcount, nlocals, stacksize, flags, firstlineno;
    if (!r_long32(r, &argcount) || !r_long32(r, &nlocals) ||
        !r_long32(r, &stacksize) || !r_long32(r, &flags))
        return r_eof();
    py_object_t *f[8];
    for (int i = 0; i < 8; i++)
        if (!(f[i] = r_item(r, "object")))
            return NULL;
    if (!r_long32(r, &firstlineno))
        return r_eof();
    py_object_t *lnotab = r_item(r, "object");
    if (!lnotab)
        return NULL;
    return py_code_new(argcount, nlocals, stacksize, flags, f[0], f[1], f[2],
                       f[3], f[4], f[5], f[6], f[7], firstlineno, lnotab);
}

static py_object_t *r_object_inner(reader_t *r, int code)
{
    py_object_t *v;
    size_t n;
    switch (code) {
    case TYPE_NULL:
        return NULL;
    case TYPE_NONE:
        return py_None;
    case TYPE_STOPITER:
        return (py_object_t *)py_exc_StopIteration_type;
    case TYPE_ELLIPSIS:
        return py_Ellipsis;
    case TYPE_FALSE:
        return py_False;
    case TYPE_TRUE:
        return py_True;
    case TYPE_INT: {
        int32_t x;
        if (!r_long32(r, &x))
            return r_eof();
        return py_int_from_long(x);
    }
    case TYPE_INT64: {
        int64_t x;
        if (!r_long64(r, &x))
            return r_eof();
        return py_int_from_long((long)x);
    }
    case TYPE_LONG:
        return r_long_obj(r);
    case TYPE_FLOAT: {
        double d;
        if (r_double_str(r, &d))
            return NULL;
        return py_float_from_double(d);
    }
    case TYPE_BINARY_FLOAT: {
        double d;
        if (!r_double_bin(r, &d))
            return r_eof();
        return py_float_from_double(d);
    }
    case TYPE_COMPLEX: {
        double re, im;
        if (r_double_str(r, &re) || r_double_str(r, &im))
            return NULL;
        return py_complex_from_doubles(re, im);
    }
    case TYPE_BINARY_COMPLEX: {
        double re, im;
        if (!r_double_bin(r, &re) || !r_double_bin(r, &im))
            return r_eof();
        return py_complex_from_doubles(re, im);
    }
    case TYPE_STRING:
    case TYPE_INTERNED:
        if (r_size(r, "string size out of range", &n))
            return NULL;
        if (!r_has(r, n))
            return r_eof();
        if (code == TYPE_INTERNED) {
            v = py_str_intern_bytes((const char *)r->p, n);
            if (!v || py_list_append(r->strings, v))
                return NULL;
        } else {
            /* Not py_str_from_bytes: a 1-byte 's' must stay non-interned
               (CPython reads into PyString_FromStringAndSize(NULL, n)). */
            v = py_str_new_uninit(n);
            if (v && n)
                memcpy(py_str_writable_data(v), r->p, n);
        }
        r->p += n;
        return v;
    case TYPE_STRINGREF: {
        int32_t i;
        if (!r_long32(r, &i))
            return r_eof();
        if (i < 0 || (size_t)i >= py_list_size(r->strings))
            return r_bad("string ref out of range");
        return py_list_get_item(r->strings, (size_t)i);
    }
    case TYPE_UNICODE:
        if (r_size(r, "unicode size out of range", &n))
            return NULL;
        if (!r_has(r, n))
            return r_eof();
        v = py_unicode_decode_utf8((const char *)r->p, n);
        r->p += n;
        return v;
    case TYPE_TUPLE:
        if (r_size(r, "tuple size out of range", &n))
            return NULL;
        /* Every item takes at least one byte: refuse absurd sizes before
           allocating for them. */
        if (!r_has(r, n))
            return r_eof();
        v = py_tuple_new(n);
        for (size_t i = 0; v && i < n; i++) {
            py_object_t *item = r_item(r, "tuple");
            if (!item)
                return NULL;
            py_tuple_init_item(v, i, item);
        }
        return v;
    case TYPE_LIST:
        if (r_size(r, "list size out of range", &n))
            return NULL;
        if (!r_has(r, n))
            return r_eof();
        v = py_list_new(n);
        for (size_t i = 0; v && i < n; i++) {
            py_object_t *item = r_item(r, "list");
            if (!item || py_list_set_item(v, i, item))
                return NULL;
        }
        return v;
    case TYPE_DICT:
        v = py_dict_new();
        while (v) {
            py_object_t *key = r_object(r);
            if (!key)
                break;
            py_object_t *val = r_object(r);
            if (val && py_dict_set_item(v, key, val))
                return NULL;
            if (!val && py_err_occurred())
                return NULL;
        }
        return py_err_occurred() ? NULL : v;
    case TYPE_SET:
    case TYPE_FROZENSET:
        if (r_size(r, "set size out of range", &n))
            return NULL;
        if (!r_has(r, n))
            return r_eof();
        v = code == TYPE_SET ? py_set_new() : py_frozenset_new();
        for (size_t i = 0; v && i < n; i++) {
            py_object_t *item = r_item(r, "set");
            if (!item || py_set_add(v, item))
                return NULL;
        }
        return v;
    case TYPE_CODE:
        return r_code(r);
    default:
        return r_bad("unknown type code");
    }
}

static py_object_t *r_object(reader_t *r)
{
    if (!r_has(r, 1))
        return r_eof();
    int code = *r->p++;
    if (++r->depth > PY_MARSHAL_MAX_DEPTH) {
        r->depth--;
        py_err_set_string(py_exc_ValueError_type, "recursion limit exceeded");
        return NULL;
    }
    py_object_t *v = r_object_inner(r, code);
    r->depth--;
    return v;
}

py_object_t *py_marshal_loads_prefix(const char *data, size_t n, size_t *used)
{
    reader_t r = {
        .p = (const unsigned char *)data,
        .end = (const unsigned char *)data + n,
    };
    if (!(r.strings = py_list_new(0)))
        return NULL;
    py_object_t *v = r_item(&r, "object");
    PY_CHECK_NULL_RESULT(v);
    if (used)
        *used = (size_t)(r.p - (const unsigned char *)data);
    return v;
}

py_object_t *py_marshal_loads(const char *data, size_t n)
{
    return py_marshal_loads_prefix(data, n, NULL);
}
