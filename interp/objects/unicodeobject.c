/* unicodeobject.c -- unicode (CPython 2.7 UCS4 build): construction,
 * strict UTF-8 decoding with CPython 2.7's exact error positions and
 * reasons, UTF-8 encoding, CPython 2.7's hash (equal to str's for ASCII),
 * repr, comparison (str operands are decoded as ASCII, as Python 2 does
 * with its default encoding). */
#include "interp/objects/unicodeobject.h"

#include <string.h>

#include <sys/types.h>

#include "interp/errors.h"
#include "interp/objects/boolobject.h"
#include "interp/objects/noneobject.h"
#include "interp/objects/stringobject.h"

typedef struct py_unicode {
    gc_header_t hdr;
    int64_t hash;               /* -1 until computed; idempotent cache */
    size_t len;
    uint32_t data[];            /* len units, then a 0 */
} py_unicode_t;

#define UNI(o) ((py_unicode_t *)(o))

static py_object_t *unicode_repr_slot(py_object_t *o) { return py_unicode_repr(o); }
static py_object_t *unicode_str_slot(py_object_t *o);
static int64_t unicode_hash_slot(py_object_t *o);
static py_object_t *unicode_richcompare(py_object_t *a, py_object_t *b, int op);
static int unicode_nonzero(py_object_t *o) { return UNI(o)->len != 0; }

const py_type_spec_t py_unicode_spec = {
    .name = "unicode",
    .basicsize = sizeof(py_unicode_t),
    .flags = PY_TPFLAG_IMMUTABLE | PY_TPFLAG_BASETYPE | PY_TPFLAG_VARSIZE,
    .base = &py_basestring_type,
    .repr = unicode_repr_slot,
    .str = unicode_str_slot,
    .hash = unicode_hash_slot,
    .richcompare = unicode_richcompare,
    .nonzero = unicode_nonzero,
};

bool py_unicode_check(py_object_t *o) { return py_isinstance(o, py_unicode_type); }
bool py_unicode_check_exact(py_object_t *o) { return py_type_of(o) == py_unicode_type; }
const uint32_t *py_unicode_data(py_object_t *o) { return UNI(o)->data; }
size_t py_unicode_len(py_object_t *o) { return UNI(o)->len; }
uint32_t *py_unicode_writable_data(py_object_t *o) { return UNI(o)->data; }

py_object_t *py_unicode_new_uninit(size_t n)
{
    if (n > (SIZE_MAX / 4) / 4)
        return py_err_no_memory();
    py_object_t *o = py_object_alloc(py_unicode_type,
                                     sizeof(py_unicode_t) + (n + 1) * 4);
    if (!o)
        return NULL;
    UNI(o)->hash = -1;
    UNI(o)->len = n;
    return o;
}

py_object_t *py_unicode_from_ucs4(const uint32_t *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] > 0x10FFFF) {
            py_err_format(py_exc_ValueError_type,
                          "character U+%x is not in range [U+0000; U+10ffff]",
                          (unsigned)s[i]);
            return NULL;
        }
    py_object_t *o = py_unicode_new_uninit(n);
    if (o && n)
        memcpy(UNI(o)->data, s, n * 4);
    return o;
}

py_object_t *py_unicode_decode_latin1(const char *s, size_t n)
{
    py_object_t *o = py_unicode_new_uninit(n);
    if (!o)
        return NULL;
    for (size_t i = 0; i < n; i++)
        UNI(o)->data[i] = (unsigned char)s[i];
    return o;
}

/* ---- UTF-8 --------------------------------------------------------------- */

/* Sequence length by lead byte; 0 = invalid start byte (CPython 2.7's
   utf8_code_length: C0, C1 and F5..FF are invalid). */
static int utf8_len(unsigned char c)
{
    if (c < 0x80) return 1;
    if (c < 0xC2) return 0;
    if (c < 0xE0) return 2;
    if (c < 0xF0) return 3;
    if (c < 0xF5) return 4;
    return 0;
}

static py_object_t *utf8_error(const char *s, size_t n, size_t start,
                               size_t end, const char *reason)
{
    py_object_t *exc = py_exc_unicode_decode_new("utf8", s, n, (ssize_t)start,
                                                 (ssize_t)end, reason);
    if (exc)
        py_err_set_object(py_exc_UnicodeDecodeError_type, exc);
    return NULL;
}

#define CONT(c) (((c) & 0xC0) == 0x80)

py_object_t *py_unicode_decode_utf8(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    /* Count first, so the result is allocated once at its final size. */
    py_object_t *o = py_unicode_new_uninit(n);
    if (!o)
        return NULL;
    uint32_t *out = UNI(o)->data;
    size_t i = 0, k = 0;
    while (i < n) {
        unsigned char c = s[i];
        if (c < 0x80) {
            out[k++] = c;
            i++;
            continue;
        }
        int len = utf8_len(c);
        if (i + (size_t)len > n) {
            /* Truncated: the error covers the lead byte and the
               continuation bytes that follow it. */
            size_t end = i + 1;
            while (end < n && CONT(s[end]))
                end++;
            return utf8_error(str, n, i, end, "unexpected end of data");
        }
        uint32_t ch;
        switch (len) {
        case 0:
            return utf8_error(str, n, i, i + 1, "invalid start byte");
        case 2:
            if (!CONT(s[i + 1]))
                return utf8_error(str, n, i, i + 1, "invalid continuation byte");
            ch = ((uint32_t)(c & 0x1F) << 6) | (s[i + 1] & 0x3F);
            break;
        case 3:
            /* Encoded surrogates (ED A0..BF) are accepted: CPython 2.7
               does. */
            if (!CONT(s[i + 1]) || !CONT(s[i + 2]) ||
                (c == 0xE0 && s[i + 1] < 0xA0))
                return utf8_error(str, n, i, i + 1 + (CONT(s[i + 1]) ? 1 : 0),
                                  "invalid continuation byte");
            ch = ((uint32_t)(c & 0x0F) << 12) |
                 ((uint32_t)(s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
            break;
        default:
            if (!CONT(s[i + 1]) || !CONT(s[i + 2]) || !CONT(s[i + 3]) ||
                (c == 0xF0 && s[i + 1] < 0x90) ||
                (c == 0xF4 && s[i + 1] > 0x8F)) {
                size_t end = i + 1;
                if (CONT(s[i + 1])) {
                    end++;
                    if (CONT(s[i + 2]))
                        end++;
                }
                return utf8_error(str, n, i, end, "invalid continuation byte");
            }
            ch = ((uint32_t)(c & 0x07) << 18) |
                 ((uint32_t)(s[i + 1] & 0x3F) << 12) |
                 ((uint32_t)(s[i + 2] & 0x3F) << 6) | (s[i + 3] & 0x3F);
            break;
        }
        out[k++] = ch;
        i += (size_t)len;
    }
    if (k == n)
        return o;
    /* Multi-byte sequences made the text shorter: copy to a right-sized
       object (the oversized one is garbage; never shrink in place). */
    return py_unicode_from_ucs4(out, k);
}

/* A high surrogate followed by a low one is encoded as the one code point
   they stand for (CPython 2.7's encoder does so even in UCS4 builds:
   marshal output shows it).  Returns the code point at *I, advancing *I
   past what it used. */
static uint32_t utf8_next_point(const uint32_t *d, size_t n, size_t *i)
{
    uint32_t c = d[(*i)++];
    if (c >= 0xD800 && c <= 0xDBFF && *i < n && d[*i] >= 0xDC00 &&
        d[*i] <= 0xDFFF) {
        c = (((c - 0xD800) << 10) | (d[*i] - 0xDC00)) + 0x10000;
        (*i)++;
    }
    return c;
}

py_object_t *py_unicode_encode_utf8(py_object_t *u)
{
    const uint32_t *d = UNI(u)->data;
    size_t n = UNI(u)->len, m = 0;
    for (size_t i = 0; i < n;) {
        uint32_t c = utf8_next_point(d, n, &i);
        m += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    }
    py_object_t *r = py_str_new_uninit(m);
    if (!r)
        return NULL;
    unsigned char *p = (unsigned char *)py_str_writable_data(r);
    for (size_t i = 0; i < n;) {
        uint32_t c = utf8_next_point(d, n, &i);
        if (c < 0x80) {
            *p++ = (unsigned char)c;
        } else if (c < 0x800) {
            *p++ = (unsigned char)(0xC0 | (c >> 6));
            *p++ = (unsigned char)(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            *p++ = (unsigned char)(0xE0 | (c >> 12));
            *p++ = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
            *p++ = (unsigned char)(0x80 | (c & 0x3F));
        } else {
            *p++ = (unsigned char)(0xF0 | (c >> 18));
            *p++ = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
            *p++ = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
            *p++ = (unsigned char)(0x80 | (c & 0x3F));
        }
    }
    if (m <= 1) /* keep the one-char strings interned like every other */
        return py_str_from_bytes(py_str_data(r), m);
    return r;
}

/* str(u): ASCII-encoded, as Python 2's default encoding. */
static py_object_t *unicode_str_slot(py_object_t *o)
{
    const uint32_t *d = UNI(o)->data;
    size_t n = UNI(o)->len;
    for (size_t i = 0; i < n; i++)
        if (d[i] >= 0x80) {
            /* CPython reports the whole run of unencodable characters. */
            size_t end = i + 1;
            while (end < n && d[end] >= 0x80)
                end++;
            py_object_t *exc = py_exc_unicode_encode_new(
                "ascii", o, (ssize_t)i, (ssize_t)end, "ordinal not in range(128)");
            if (exc)
                py_err_set_object(py_exc_UnicodeEncodeError_type, exc);
            return NULL;
        }
    py_object_t *r = py_str_new_uninit(n);
    if (!r)
        return NULL;
    char *p = py_str_writable_data(r);
    for (size_t i = 0; i < n; i++)
        p[i] = (char)d[i];
    if (n <= 1)
        return py_str_from_bytes(p, n);
    return r;
}

/* ---- hash, comparison ------------------------------------------------------ */

int64_t py_unicode_hash_units(const uint32_t *s, size_t n)
{
    if (n == 0)
        return 0;
    uint64_t x = (uint64_t)s[0] << 7;
    for (size_t i = 0; i < n; i++)
        x = (1000003 * x) ^ s[i];
    x ^= (uint64_t)n;
    int64_t h = (int64_t)x;
    return h == -1 ? -2 : h;
}

static int64_t unicode_hash_slot(py_object_t *o)
{
    int64_t h = __atomic_load_n(&UNI(o)->hash, __ATOMIC_RELAXED);
    if (h != -1)
        return h;
    h = py_unicode_hash_units(UNI(o)->data, UNI(o)->len);
    __atomic_store_n(&UNI(o)->hash, h, __ATOMIC_RELAXED);
    return h;
}

int py_unicode_equal(py_object_t *a, py_object_t *b)
{
    return UNI(a)->len == UNI(b)->len &&
           memcmp(UNI(a)->data, UNI(b)->data, UNI(a)->len * 4) == 0;
}

/* O as unicode for comparison: unicode as is, str decoded as ASCII
   (NULL with UnicodeDecodeError set for non-ASCII bytes, as Python 2
   would; richcompare turns that into "not equal" with a warning in
   CPython -- here simply not equal), anything else NULL with nothing set. */
static py_object_t *as_unicode(py_object_t *o, bool *undecodable)
{
    *undecodable = false;
    if (py_unicode_check(o))
        return o;
    if (!py_str_check(o))
        return NULL;
    const unsigned char *s = (const unsigned char *)py_str_data(o);
    size_t n = py_str_len(o);
    for (size_t i = 0; i < n; i++)
        if (s[i] >= 0x80) {
            *undecodable = true;
            return NULL;
        }
    return py_unicode_decode_latin1((const char *)s, n);
}

static py_object_t *unicode_richcompare(py_object_t *a, py_object_t *b, int op)
{
    bool bad_a, bad_b;
    py_object_t *ua = as_unicode(a, &bad_a);
    py_object_t *ub = as_unicode(b, &bad_b);
    if (bad_a || bad_b) {
        /* CPython 2.7 emits a UnicodeWarning and treats them as unequal;
           ordering raises the decode error. */
        if (op == PY_EQ) return py_False;
        if (op == PY_NE) return py_True;
        py_err_set_string(py_exc_UnicodeDecodeError_type,
                          "'ascii' codec can't decode byte: ordinal not in range(128)");
        return NULL;
    }
    if (!ua || !ub) {
        if (py_err_occurred())
            return NULL;
        return py_NotImplemented;
    }
    size_t na = UNI(ua)->len, nb = UNI(ub)->len, m = na < nb ? na : nb;
    int c = 0;
    for (size_t i = 0; i < m && !c; i++)
        if (UNI(ua)->data[i] != UNI(ub)->data[i])
            c = UNI(ua)->data[i] < UNI(ub)->data[i] ? -1 : 1;
    if (!c)
        c = na < nb ? -1 : na > nb ? 1 : 0;
    switch (op) {
    case PY_LT: return py_bool_from_bool(c < 0);
    case PY_LE: return py_bool_from_bool(c <= 0);
    case PY_EQ: return py_bool_from_bool(c == 0);
    case PY_NE: return py_bool_from_bool(c != 0);
    case PY_GT: return py_bool_from_bool(c > 0);
    default:    return py_bool_from_bool(c >= 0);
    }
}

py_object_t *py_unicode_concat(py_object_t *a, py_object_t *b)
{
    size_t na = UNI(a)->len, nb = UNI(b)->len;
    if (na > SIZE_MAX / 16 - nb) {
        py_err_set_string(py_exc_OverflowError_type,
                          "strings are too large to concat");
        return NULL;
    }
    py_object_t *o = py_unicode_new_uninit(na + nb);
    if (!o)
        return NULL;
    memcpy(UNI(o)->data, UNI(a)->data, na * 4);
    memcpy(UNI(o)->data + na, UNI(b)->data, nb * 4);
    return o;
}

/* ---- repr -------------------------------------------------------------------- */

py_object_t *py_unicode_repr(py_object_t *o)
{
    const uint32_t *s = UNI(o)->data;
    size_t n = UNI(o)->len;
    bool sq = false, dq = false;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\'') sq = true;
        if (s[i] == '"') dq = true;
    }
    uint32_t quote = (sq && !dq) ? '"' : '\'';
    size_t out = 3;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = s[i];
        if (c == quote || c == '\\' || c == '\t' || c == '\n' || c == '\r')
            out += 2;
        else if (c < ' ' || (c >= 0x7f && c < 0x100))
            out += 4;
        else if (c >= 0x10000)
            out += 10;
        else if (c >= 0x100)
            out += 6;
        else
            out += 1;
    }
    py_object_t *r = py_str_new_uninit(out);
    if (!r)
        return NULL;
    static const char hex[] = "0123456789abcdef";
    char *d = py_str_writable_data(r);
    *d++ = 'u';
    *d++ = (char)quote;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = s[i];
        if (c == quote || c == '\\') { *d++ = '\\'; *d++ = (char)c; }
        else if (c == '\t') { *d++ = '\\'; *d++ = 't'; }
        else if (c == '\n') { *d++ = '\\'; *d++ = 'n'; }
        else if (c == '\r') { *d++ = '\\'; *d++ = 'r'; }
        else if (c < ' ' || (c >= 0x7f && c < 0x100)) {
            *d++ = '\\'; *d++ = 'x';
            *d++ = hex[c >> 4]; *d++ = hex[c & 15];
        } else if (c >= 0x100) {
            int digits = c >= 0x10000 ? 8 : 4;
            *d++ = '\\'; *d++ = c >= 0x10000 ? 'U' : 'u';
            for (int k = digits - 1; k >= 0; k--)
                *d++ = hex[(c >> (4 * k)) & 15];
        } else
            *d++ = (char)c;
    }
    *d++ = (char)quote;
    return r;
}
