/* exceptions.c -- the built-in exception classes (CPython 2.7's
 * Objects/exceptions.c): one class per line of interp/exceptions.def,
 * instance layouts by kind, __init__ argument unpacking and __str__ /
 * __repr__ as CPython 2.7. */
#include "interp/objects/exceptions.h"

#include <stdio.h>
#include <string.h>

#include "interp/errors.h"
#include "interp/objects/intobject.h"
#include "interp/objects/noneobject.h"
#include "interp/objects/stringobject.h"
#include "interp/objects/tupleobject.h"
#include "interp/objects/unicodeobject.h"

/* One layout for every kind: the fields a kind does not use stay None.
   Exceptions are few and short-lived, so a handful of unused words cost
   nothing, and one struct keeps "a subclass's layout starts with its
   base's" trivially true across kinds. */
typedef struct py_exc {
    gc_header_t hdr;
    py_object_t *args;          /* a tuple */
    py_object_t *message;       /* BaseException.message (2.7) */
    /* SystemExit: code.  EnvironmentError: errno, strerror, filename.
       SyntaxError: msg, filename, lineno, offset, text,
       print_file_and_line.  Unicode*Error: encoding, object, start, end,
       reason (start/end as int objects). */
    py_object_t *f[6];
} py_exc_t;

enum { KIND_BASE, KIND_SYSEXIT, KIND_KEY, KIND_ENV, KIND_SYNTAX,
       KIND_UDECODE, KIND_UENCODE, KIND_UTRANSLATE };

/* Field indices per kind. */
enum { SE_MSG = 0, SE_FILENAME, SE_LINENO, SE_OFFSET, SE_TEXT, SE_PFL };
enum { EN_ERRNO = 0, EN_STRERROR, EN_FILENAME };
enum { UE_ENCODING = 0, UE_OBJECT, UE_START, UE_END, UE_REASON };

/* Exception instances are mutable: every field access of this file goes
   through these two views, built on py_view_r/py_view_w of
   interp/object.h (the one switch to the STM barriers).  The only writes
   so far are to instances being built (young: the view is never NULL). */
static inline const py_exc_t *exc_view_r(py_object_t *o) { return py_view_r(o); }
static inline py_exc_t *exc_view_w(py_object_t *o) { return py_view_w(o); }

static void exc_trace(void *obj, gc_visitor_t *v)
{
    py_exc_t *e = obj;
    gc_visit(v, e->args);
    gc_visit(v, e->message);
    for (int i = 0; i < 6; i++)
        gc_visit(v, e->f[i]);
}

#define PY_EXC(name, base, kind) py_type_t *py_exc_##name##_type;
#include "interp/exceptions.def"
#undef PY_EXC
static py_type_t *py_exc_NONE_type;

static int exc_kind(py_type_t *t);

/* ---- str and repr ------------------------------------------------------- */

static py_object_t *base_str(py_object_t *o)
{
    py_object_t *args = exc_view_r(o)->args;
    size_t n = args ? py_tuple_size(args) : 0;
    if (n == 0)
        return py_str_from_bytes("", 0);
    if (n == 1)
        return py_object_str(py_tuple_get_item(args, 0));
    return py_object_str(args);
}

static py_object_t *key_str(py_object_t *o)
{
    py_object_t *args = exc_view_r(o)->args;
    if (args && py_tuple_size(args) == 1)
        return py_object_repr(py_tuple_get_item(args, 0));
    return base_str(o);
}

static py_object_t *str_or_repr(py_object_t *o, bool repr)
{
    return repr ? py_object_repr(o) : py_object_str(o);
}

static py_object_t *env_str(py_object_t *o)
{
    const py_exc_t *e = exc_view_r(o);
    py_object_t *err = e->f[EN_ERRNO], *msg = e->f[EN_STRERROR],
                *fn = e->f[EN_FILENAME];
    if (fn && fn != py_None) {
        py_object_t *a = str_or_repr(err ? err : py_None, false);
        py_object_t *b = a ? str_or_repr(msg ? msg : py_None, false) : NULL;
        py_object_t *c = b ? py_object_repr(fn) : NULL;
        if (!c)
            return NULL;
        return py_str_from_format("[Errno %s] %s: %s", py_str_data(a),
                                  py_str_data(b), py_str_data(c));
    }
    if (err && err != py_None && msg && msg != py_None) {
        py_object_t *a = py_object_str(err);
        py_object_t *b = a ? py_object_str(msg) : NULL;
        if (!b)
            return NULL;
        return py_str_from_format("[Errno %s] %s", py_str_data(a),
                                  py_str_data(b));
    }
    return base_str(o);
}

static py_object_t *syntax_str(py_object_t *o)
{
    const py_exc_t *e = exc_view_r(o);
    py_object_t *msg = e->f[SE_MSG] ? e->f[SE_MSG] : py_None;
    py_object_t *s = py_object_str(msg);
    if (!s)
        return NULL;
    py_object_t *fn = e->f[SE_FILENAME], *ln = e->f[SE_LINENO];
    bool have_fn = fn && py_str_check(fn);
    bool have_ln = ln && py_int_check(ln);
    if (!have_fn && !have_ln)
        return s;
    const char *base = "";
    if (have_fn) {
        /* CPython shows only the last path component here. */
        base = py_str_data(fn);
        const char *slash = strrchr(base, '/');
        if (slash)
            base = slash + 1;
    }
    if (have_fn && have_ln)
        return py_str_from_format("%s (%s, line %ld)", py_str_data(s), base,
                                  py_int_value(ln));
    if (have_fn)
        return py_str_from_format("%s (%s)", py_str_data(s), base);
    return py_str_from_format("%s (line %ld)", py_str_data(s),
                              py_int_value(ln));
}

static py_object_t *udecode_str(py_object_t *o)
{
    const py_exc_t *e = exc_view_r(o);
    py_object_t *enc = e->f[UE_ENCODING], *obj = e->f[UE_OBJECT],
                *st = e->f[UE_START], *en = e->f[UE_END], *why = e->f[UE_REASON];
    if (!enc || !py_str_check(enc) || !obj || !py_str_check(obj) || !st ||
        !py_int_check(st) || !en || !py_int_check(en) || !why ||
        !py_str_check(why))
        return base_str(o);
    long start = py_int_value(st), end = py_int_value(en);
    if (start >= 0 && (size_t)start < py_str_len(obj) && end == start + 1)
        return py_str_from_format(
            "'%.400s' codec can't decode byte 0x%02x in position %ld: %.400s",
            py_str_data(enc), (unsigned char)py_str_data(obj)[start], start,
            py_str_data(why));
    return py_str_from_format(
        "'%.400s' codec can't decode bytes in position %ld-%ld: %.400s",
        py_str_data(enc), start, end - 1, py_str_data(why));
}

/* u'\xe9', u'\u20ac', u'\U0001f600' as CPython 2.7 spells one character
   in UnicodeEncodeError/UnicodeTranslateError messages. */
static void char_escape(uint32_t c, char *buf, size_t size)
{
    if (c <= 0xff)
        snprintf(buf, size, "\\x%02x", (unsigned)c);
    else if (c <= 0xffff)
        snprintf(buf, size, "\\u%04x", (unsigned)c);
    else
        snprintf(buf, size, "\\U%08x", (unsigned)c);
}

/* UnicodeEncodeError (ENCODE) and UnicodeTranslateError. */
static py_object_t *uencode_str(py_object_t *o, bool encode)
{
    const py_exc_t *e = exc_view_r(o);
    py_object_t *enc = e->f[UE_ENCODING], *obj = e->f[UE_OBJECT],
                *st = e->f[UE_START], *en = e->f[UE_END], *why = e->f[UE_REASON];
    if ((encode && (!enc || !py_str_check(enc))) || !obj ||
        !py_unicode_check(obj) || !st || !py_int_check(st) || !en ||
        !py_int_check(en) || !why || !py_str_check(why))
        return base_str(o);
    long start = py_int_value(st), end = py_int_value(en);
    const char *what = encode ? "encode" : "translate";
    char prefix[440] = "";
    if (encode)
        snprintf(prefix, sizeof prefix, "'%.400s' codec ", py_str_data(enc));
    if (start >= 0 && (size_t)start < py_unicode_len(obj) && end == start + 1) {
        char ch[16];
        char_escape(py_unicode_data(obj)[start], ch, sizeof ch);
        return py_str_from_format("%scan't %s character u'%s' in position "
                                  "%ld: %.400s", prefix, what, ch, start,
                                  py_str_data(why));
    }
    return py_str_from_format("%scan't %s characters in position %ld-%ld: "
                              "%.400s", prefix, what, start, end - 1,
                              py_str_data(why));
}

static py_object_t *sysexit_or_base_str(py_object_t *o)
{
    switch (exc_kind(py_type_of(o))) {
    case KIND_KEY: return key_str(o);
    case KIND_ENV: return env_str(o);
    case KIND_SYNTAX: return syntax_str(o);
    case KIND_UDECODE: return udecode_str(o);
    case KIND_UENCODE: return uencode_str(o, true);
    case KIND_UTRANSLATE: return uencode_str(o, false);
    default: return base_str(o);
    }
}

/* repr: "ValueError('msg',)": the class name and the repr of args. */
static py_object_t *exc_repr(py_object_t *o)
{
    py_object_t *args = exc_view_r(o)->args;
    py_object_t *r = py_object_repr(args ? args : py_tuple_new(0));
    if (!r)
        return NULL;
    return py_str_from_format("%s%s", py_type_short_name(py_type_of(o)),
                              py_str_data(r));
}

/* ---- the classes ---------------------------------------------------------- */

#define PY_EXC(n, b, k)                                           \
    static const py_type_spec_t exc_spec_##n = {                  \
        .name = "exceptions." #n,                                 \
        .basicsize = sizeof(py_exc_t),                            \
        .flags = PY_TPFLAG_BASETYPE,                              \
        .base = &py_exc_##b##_type,                               \
        .trace = exc_trace,                                       \
        .repr = exc_repr,                                         \
        .str = sysexit_or_base_str,                               \
    };
#include "interp/exceptions.def"
#undef PY_EXC

static const struct {
    py_type_t **type;
    const py_type_spec_t *spec;
    int kind;
} exc_table[] = {
#define PY_EXC(name, base, kind) \
    {&py_exc_##name##_type, &exc_spec_##name, KIND_##kind},
#include "interp/exceptions.def"
#undef PY_EXC
};
#define N_EXC (sizeof exc_table / sizeof exc_table[0])

/* The kind of exception class T: that of its nearest built-in ancestor. */
static int exc_kind(py_type_t *t)
{
    for (; t; t = t->tp_base)
        for (size_t i = 0; i < N_EXC; i++)
            if (*exc_table[i].type == t)
                return exc_table[i].kind;
    return KIND_BASE;
}

int py_exceptions_init(void)
{
    if (py_exc_BaseException_type)
        return 0;
    for (size_t i = 0; i < N_EXC; i++) {
        if (py_type_from_spec(exc_table[i].spec, exc_table[i].type))
            return -1;
        /* BaseException's spec names NONE (a NULL global) as its base: it
           derives from object. */
        if (exc_table[i].spec->base == &py_exc_NONE_type)
            (*exc_table[i].type)->tp_base = py_object_type;
    }
    return 0;
}

bool py_exc_type_check(const py_type_t *t)
{
    return py_exc_BaseException_type &&
           py_type_is_subtype(t, py_exc_BaseException_type);
}

bool py_exc_check(py_object_t *o)
{
    return py_exc_type_check(py_type_of(o));
}

/* ---- instances ------------------------------------------------------------- */

static py_object_t *arg_or_none(py_object_t *args, size_t i)
{
    return i < py_tuple_size(args) ? py_tuple_get_item(args, i) : py_None;
}

py_object_t *py_exc_new(py_type_t *type, py_object_t *args)
{
    if (!py_exc_type_check(type)) {
        py_err_format(py_exc_TypeError_type,
                      "exceptions must be old-style classes or derived from "
                      "BaseException, not %.200s", type->tp_name);
        return NULL;
    }
    if (!args && !(args = py_tuple_new(0)))
        return NULL;
    py_object_t *o = py_object_alloc(type, sizeof(py_exc_t));
    if (!o)
        return NULL;
    py_exc_t *e = exc_view_w(o);
    size_t n = py_tuple_size(args);
    e->args = args;
    e->message = n == 1 ? py_tuple_get_item(args, 0) : NULL;
    for (int i = 0; i < 6; i++)
        e->f[i] = py_None;
    if (!e->message && !(e->message = py_str_from_bytes("", 0)))
        return NULL;
    switch (exc_kind(type)) {
    case KIND_SYSEXIT:
        e->f[0] = n == 0 ? py_None : n == 1 ? py_tuple_get_item(args, 0) : args;
        break;
    case KIND_ENV:
        /* EnvironmentError(errno, strerror[, filename]): a filename is
           dropped from args (CPython 2.7). */
        if (n >= 2 && n <= 3) {
            e->f[EN_ERRNO] = py_tuple_get_item(args, 0);
            e->f[EN_STRERROR] = py_tuple_get_item(args, 1);
            if (n == 3) {
                e->f[EN_FILENAME] = py_tuple_get_item(args, 2);
                py_object_t *two = py_tuple_slice(args, 0, 2);
                if (!two)
                    return NULL;
                e = exc_view_w(o);
                e->args = two;
            }
        }
        break;
    case KIND_SYNTAX:
        /* SyntaxError(msg, (filename, lineno, offset, text)). */
        if (n >= 1)
            e->f[SE_MSG] = py_tuple_get_item(args, 0);
        if (n == 2) {
            py_object_t *info = py_tuple_get_item(args, 1);
            if (!py_tuple_check(info) || py_tuple_size(info) != 4) {
                py_err_set_string(py_exc_IndexError_type,
                                  "tuple index out of range");
                return NULL;
            }
            for (size_t i = 0; i < 4; i++)
                e->f[SE_FILENAME + i] = py_tuple_get_item(info, i);
        }
        break;
    case KIND_UDECODE:
    case KIND_UENCODE:
    case KIND_UTRANSLATE:
        for (size_t i = 0; i < 5; i++)
            e->f[i] = arg_or_none(args, i);
        break;
    default:
        break;
    }
    return o;
}

py_object_t *py_exc_unicode_decode_new(const char *encoding,
                                       const char *object, size_t n,
                                       ssize_t start, ssize_t end,
                                       const char *reason)
{
    py_object_t *items[5];
    items[0] = py_str_from_cstr(encoding);
    items[1] = items[0] ? py_str_from_bytes(object, n) : NULL;
    items[2] = items[1] ? py_int_from_long((long)start) : NULL;
    items[3] = items[2] ? py_int_from_long((long)end) : NULL;
    items[4] = items[3] ? py_str_from_cstr(reason) : NULL;
    py_object_t *args = items[4] ? py_tuple_pack(5, items) : NULL;
    if (!args)
        return NULL;
    return py_exc_new(py_exc_UnicodeDecodeError_type, args);
}

py_object_t *py_exc_unicode_encode_new(const char *encoding,
                                       py_object_t *object, ssize_t start,
                                       ssize_t end, const char *reason)
{
    py_object_t *items[5];
    items[0] = py_str_from_cstr(encoding);
    items[1] = object;
    items[2] = items[0] ? py_int_from_long((long)start) : NULL;
    items[3] = items[2] ? py_int_from_long((long)end) : NULL;
    items[4] = items[3] ? py_str_from_cstr(reason) : NULL;
    py_object_t *args = items[4] ? py_tuple_pack(5, items) : NULL;
    if (!args)
        return NULL;
    return py_exc_new(py_exc_UnicodeEncodeError_type, args);
}

py_object_t *py_exc_args(py_object_t *o) { return exc_view_r(o)->args; }
py_object_t *py_exc_message(py_object_t *o) { return exc_view_r(o)->message; }

static py_object_t *syntax_field(py_object_t *o, int i)
{
    if (exc_kind(py_type_of(o)) != KIND_SYNTAX)
        return NULL;
    return exc_view_r(o)->f[i];
}

py_object_t *py_exc_syntax_msg(py_object_t *o) { return syntax_field(o, SE_MSG); }
py_object_t *py_exc_syntax_filename(py_object_t *o) { return syntax_field(o, SE_FILENAME); }
py_object_t *py_exc_syntax_lineno(py_object_t *o) { return syntax_field(o, SE_LINENO); }
py_object_t *py_exc_syntax_offset(py_object_t *o) { return syntax_field(o, SE_OFFSET); }
py_object_t *py_exc_syntax_text(py_object_t *o) { return syntax_field(o, SE_TEXT); }

bool py_exc_has_print_file_and_line(py_object_t *o)
{
    return exc_kind(py_type_of(o)) == KIND_SYNTAX;
}
