/* percentformat.c -- `str % args` with CPython 2.7's rules
 * (Objects/stringobject.c, PyString_Format): argument fetching from a
 * tuple, a single object or a mapping, the conversion flags, and the
 * number conversions, which share floatrepr.c and longobject.c's text
 * routines with repr and str.
 */
#include "interp/objects/percentformat.h"

#include <math.h>
#include <string.h>

#include "interp/errors.h"
#include "interp/objects/exceptions.h"
#include "interp/objects/complexobject.h"
#include "interp/objects/dictobject.h"
#include "interp/objects/floatobject.h"
#include "interp/objects/intobject.h"
#include "interp/objects/listobject.h"
#include "interp/objects/longobject.h"
#include "interp/objects/stringobject.h"
#include "interp/objects/tupleobject.h"
#include "interp/objects/unicodeobject.h"

/* The output as code units in a growing GC-allocated unicode buffer (no
   malloc across safe points); a str result is narrowed at the end (every
   unit is then < 256).  Only the first `len` units are meaningful. */
typedef struct {
    py_object_t *buf;
    size_t len, cap;
    bool uni;                 /* formatting a unicode format string */
} sb_t;

static bool sb_reserve(sb_t *b, size_t extra)
{
    if (b->len + extra <= b->cap)
        return true;
    size_t cap = b->cap * 2 > b->len + extra ? b->cap * 2 : b->len + extra;
    if (cap < 64)
        cap = 64;
    py_object_t *nb = py_unicode_new_uninit(cap);
    if (!nb)
        return false;
    if (b->len)
        memcpy(py_unicode_writable_data(nb), py_unicode_data(b->buf),
               b->len * sizeof(uint32_t));
    b->buf = nb;
    b->cap = cap;
    return true;
}

/* Appends N bytes (or, with S32, N code units). */
static bool sb_put2(sb_t *b, const char *s8, const uint32_t *s32, size_t n)
{
    if (n == 0)
        return true;
    if (!sb_reserve(b, n))
        return false;
    uint32_t *w = py_unicode_writable_data(b->buf) + b->len;
    if (s32)
        memcpy(w, s32, n * sizeof(uint32_t));
    else
        for (size_t i = 0; i < n; i++)
            w[i] = (unsigned char)s8[i];
    b->len += n;
    return true;
}

static bool sb_put(sb_t *b, const char *s, size_t n)
{
    return sb_put2(b, s, NULL, n);
}

static bool sb_fill(sb_t *b, char c, size_t n)
{
    if (n == 0)
        return true;
    if (!sb_reserve(b, n))
        return false;
    uint32_t *w = py_unicode_writable_data(b->buf) + b->len;
    for (size_t i = 0; i < n; i++)
        w[i] = (unsigned char)c;
    b->len += n;
    return true;
}

enum { F_LJUST = 1, F_SIGN = 2, F_BLANK = 4, F_ALT = 8, F_ZERO = 16 };

/* Writes SIGN (0 for none), PREFIX and BODY padded to WIDTH: spaces on
   the left (or right with F_LJUST), or zeros after the sign and prefix
   with F_ZERO. */
static bool emit_padded2(sb_t *b, int flags, long width, char sign,
                         const char *prefix, const char *body,
                         const uint32_t *body32, size_t blen)
{
    size_t plen = strlen(prefix);
    size_t total = (sign ? 1 : 0) + plen + blen;
    size_t pad = width > 0 && (size_t)width > total ? (size_t)width - total : 0;
    if (pad && !(flags & F_LJUST) && !(flags & F_ZERO) && !sb_fill(b, ' ', pad))
        return false;
    if (sign && !sb_put(b, &sign, 1))
        return false;
    if (!sb_put(b, prefix, plen))
        return false;
    if (pad && !(flags & F_LJUST) && (flags & F_ZERO) && !sb_fill(b, '0', pad))
        return false;
    if (!sb_put2(b, body, body32, blen))
        return false;
    if (pad && (flags & F_LJUST) && !sb_fill(b, ' ', pad))
        return false;
    return true;
}

/* Writes SIGN (0 for none), PREFIX and BODY padded to WIDTH: spaces on
   the left (or right with F_LJUST), or zeros after the sign and prefix
   with F_ZERO. */
static bool emit_padded(sb_t *b, int flags, long width, char sign,
                        const char *prefix, const char *body, size_t blen)
{
    return emit_padded2(b, flags, width, sign, prefix, body, NULL, blen);
}

static const char *type_name(py_object_t *o)
{
    return py_type_of(o)->tp_name;
}

/* %d %i %u %o %x %X */
static bool format_integer(sb_t *b, py_object_t *v, char c, int flags,
                           long width, long prec)
{
    py_object_t *n = NULL;
    if (py_int_check(v) || py_long_check(v)) {
        n = v;
    } else if (py_float_check(v)) {
        double d = py_float_value(v);
        if (isfinite(d))
            n = py_long_from_double(d);
        if (!n && py_err_occurred())
            return false;
    }
    if (!n) {
        py_err_format(py_exc_TypeError_type,
                      "%%%c format: a number is required, not %.200s",
                      c == 'i' ? 'd' : c, type_name(v));
        return false;
    }
    /* CPython formats C longs in a fixed 120-byte buffer: a precision
       that cannot fit is an error there (longs have no such limit). */
    long small;
    if (!py_long_check(v) && py_long_to_long(n, &small) == 0 && prec >= 117) {
        py_err_set_string(py_exc_OverflowError_type,
                          "formatted integer is too long (precision too large?)");
        return false;
    }
    int base = c == 'o' ? 8 : (c == 'x' || c == 'X') ? 16 : 10;   /* d i u */
    bool neg = py_long_sign(n) < 0;
    py_object_t *digits = py_long_format(n, base);
    if (!digits)
        return false;
    const char *d = py_str_data(digits) + (neg ? 1 : 0);
    size_t dlen = py_str_len(digits) - (neg ? 1 : 0);
    /* C's printf rule, which CPython keeps for ints (not longs):
       precision 0 prints no digits for zero. */
    if (prec == 0 && py_long_sign(n) == 0 && !py_long_check(v))
        dlen = 0;
    /* Precision: at least PREC digits. */
    size_t zeros = prec > 0 && (size_t)prec > dlen ? (size_t)prec - dlen : 0;
    py_object_t *body = py_str_new_uninit(zeros + dlen);
    if (!body)
        return false;
    char *w = py_str_writable_data(body);
    memset(w, '0', zeros);
    memcpy(w + zeros, d, dlen);
    w[zeros + dlen] = '\0';
    if (c == 'X') {
        for (size_t i = zeros; i < zeros + dlen; i++) {
            if (w[i] >= 'a' && w[i] <= 'z')
                w[i] = (char)(w[i] - 'a' + 'A');
        }
    }
    const char *prefix = "";
    if (flags & F_ALT) {
        if (c == 'o' && w[0] != '0')
            prefix = "0";
        else if (c == 'x')
            prefix = "0x";
        else if (c == 'X')
            prefix = "0X";
    }
    char sign = neg ? '-' : (flags & F_SIGN) ? '+' : (flags & F_BLANK) ? ' ' : 0;
    return emit_padded(b, flags, width, sign, prefix, w, zeros + dlen);
}

/* %e %E %f %F %g %G */
static bool format_floating(sb_t *b, py_object_t *v, char c, int flags,
                            long width, long prec)
{
    double x;
    if (py_float_check(v)) {
        x = py_float_value(v);
    } else if (py_int_check(v)) {
        x = (double)py_int_value(v);
    } else if (py_long_check(v)) {
        x = py_long_as_double(v);
        if (x == -1.0 && py_err_occurred())
            return false;
    } else {
        py_err_format(py_exc_TypeError_type,
                      "float argument required, not %.200s", type_name(v));
        return false;
    }
    if (prec < 0)
        prec = 6;
    /* 'f' of a double has at most 309 integral digits. */
    size_t cap = (size_t)prec + 400;
    py_object_t *tmp = py_str_new_uninit(cap);
    if (!tmp)
        return false;
    char *w = py_str_writable_data(tmp);
    int n = py_float_format(x, c, (int)prec, (flags & F_ALT) ? PY_FLOAT_ALT : 0,
                            w, cap + 1);
    if (n < 0 || (size_t)n > cap)
        return (bool)py_err_bad_internal_call();
    char sign = 0;
    if (w[0] == '-') {
        sign = '-';
        w++;
        n--;
    } else if (flags & F_SIGN) {
        sign = '+';
    } else if (flags & F_BLANK) {
        sign = ' ';
    }
    return emit_padded(b, flags, width, sign, "", w, (size_t)n);
}

/* str -> unicode by ASCII decoding (Python 2's implicit coercion);
   UnicodeDecodeError for bytes >= 128. */
static py_object_t *ascii_to_unicode(py_object_t *str)
{
    const unsigned char *p = (const unsigned char *)py_str_data(str);
    size_t n = py_str_len(str);
    py_object_t *u = py_unicode_new_uninit(n);
    if (!u)
        return NULL;
    uint32_t *w = py_unicode_writable_data(u);
    for (size_t i = 0; i < n; i++) {
        if (p[i] >= 128) {
            py_object_t *exc = py_exc_unicode_decode_new(
                "ascii", (const char *)p, n, (ssize_t)i, (ssize_t)i + 1,
                "ordinal not in range(128)");
            if (exc)
                py_err_set_object(py_exc_UnicodeDecodeError_type, exc);
            return NULL;
        }
        w[i] = p[i];
    }
    return u;
}

static bool format_char(sb_t *b, py_object_t *v, int flags, long width)
{
    uint32_t ch;
    long limit = b->uni ? 0x110000 : 256;
    if ((py_str_check(v) && py_str_len(v) == 1)) {
        ch = (unsigned char)py_str_data(v)[0];
        if (b->uni && ch >= 128) {
            py_object_t *u = ascii_to_unicode(v);   /* raises */
            return u != NULL;
        }
    } else if (b->uni && py_unicode_check(v) && py_unicode_len(v) == 1) {
        ch = py_unicode_data(v)[0];
    } else if (py_int_check(v) || py_long_check(v) || (b->uni && py_float_check(v))) {
        long x;
        if (py_float_check(v)) {
            double d = py_float_value(v);
            if (!(fabs(d) < 9.2e18)) {
                py_err_set_string(py_exc_OverflowError_type,
                                  "Python int too large to convert to C long");
                return false;
            }
            x = (long)d;
        } else if (py_long_to_long(v, &x)) {
            py_err_set_string(py_exc_OverflowError_type,
                              "Python int too large to convert to C long");
            return false;
        }
        if (x < 0 || x >= limit) {
            if (b->uni)
                py_err_set_string(py_exc_OverflowError_type,
                                  "%c arg not in range(0x110000) (wide Python build)");
            else
                py_err_set_string(py_exc_OverflowError_type,
                                  x < 0 ? "unsigned byte integer is less than minimum"
                                        : "unsigned byte integer is greater than maximum");
            return false;
        }
        ch = (uint32_t)x;
    } else if (!b->uni && py_float_check(v)) {
        py_err_set_string(py_exc_TypeError_type,
                          "integer argument expected, got float");
        return false;
    } else if (!b->uni && py_complex_check(v)) {
        py_err_set_string(py_exc_TypeError_type, "can't convert complex to int");
        return false;
    } else if (!b->uni && !py_str_check(v)) {
        py_err_set_string(py_exc_TypeError_type, "an integer is required");
        return false;
    } else {
        py_err_set_string(py_exc_TypeError_type, "%c requires int or char");
        return false;
    }
    return emit_padded2(b, flags & F_LJUST, width, 0, "", NULL, &ch, 1);
}

/* %s and %r: the text of ARG as code units.  In str mode a unicode
   argument to %s makes the whole result unicode: *RESTART is set and
   nothing is written (CPython starts again as unicode formatting). */
static bool format_text(sb_t *b, py_object_t *arg, char c, int flags,
                        long width, long prec, bool *restart)
{
    py_object_t *s;
    if (c == 's' && py_unicode_check(arg)) {
        if (!b->uni) {
            *restart = true;
            return false;
        }
        s = arg;
    } else {
        s = c == 's' ? py_object_str(arg) : py_object_repr(arg);
        if (s && b->uni)
            s = ascii_to_unicode(s);
    }
    if (!s)
        return false;
    size_t len = b->uni ? py_unicode_len(s) : py_str_len(s);
    if (prec >= 0 && (size_t)prec < len)
        len = (size_t)prec;
    return emit_padded2(b, flags & F_LJUST, width, 0, "",
                        b->uni ? NULL : py_str_data(s),
                        b->uni ? py_unicode_data(s) : NULL, len);
}

/* The format string's unit I (a byte in str mode). */
static inline uint32_t unit_at(py_object_t *fmt, bool uni, size_t i)
{
    return uni ? py_unicode_data(fmt)[i] : (unsigned char)py_str_data(fmt)[i];
}

static py_object_t *format_units(py_object_t *format, bool uni, py_object_t *args,
                                 bool *restart)
{
    size_t n = uni ? py_unicode_len(format) : py_str_len(format);
    bool is_tuple = py_tuple_check(args);
    size_t nargs = is_tuple ? py_tuple_size(args) : 1;
    size_t argidx = 0;
    /* Like CPython: anything with item access other than a tuple or a
       string is a mapping (so "a" % [] is just "a"). */
    py_object_t *mapping = NULL;
    if (!is_tuple && !py_str_check(args) && !py_unicode_check(args) &&
        (py_dict_check(args) || py_list_check(args)))
        mapping = args;
    sb_t b = {NULL, 0, 0, uni};
#define AT(k) unit_at(format, uni, (k))
    size_t i = 0;
    while (i < n) {
        if (AT(i) != '%') {
            size_t j = i;
            while (j < n && AT(j) != '%')
                j++;
            if (!sb_reserve(&b, j - i))
                return NULL;
            uint32_t *w = py_unicode_writable_data(b.buf) + b.len;
            for (size_t k = i; k < j; k++)
                *w++ = AT(k);
            b.len += j - i;
            i = j;
            continue;
        }
        i++;
        py_object_t *arg = NULL;
        if (i < n && AT(i) == '(') {
            if (!mapping)
                return py_err_format(py_exc_TypeError_type, "format requires a mapping");
            size_t depth = 1, k = ++i;
            while (k < n && depth) {
                if (AT(k) == '(')
                    depth++;
                else if (AT(k) == ')')
                    depth--;
                k++;
            }
            if (depth)
                return py_err_format(py_exc_ValueError_type, "incomplete format key");
            if (!py_dict_check(mapping))
                return py_err_format(py_exc_NotImplementedError_type,
                                     "%% with a non-dict mapping is not implemented yet");
            py_object_t *key = uni ? py_unicode_from_ucs4(py_unicode_data(format) + i, k - 1 - i)
                                   : py_str_from_bytes(py_str_data(format) + i, k - 1 - i);
            if (!key)
                return NULL;
            int found = py_dict_lookup(mapping, key, &arg);
            if (found < 0)
                return NULL;
            if (!found) {
                py_err_set_object(py_exc_KeyError_type, key);
                return NULL;
            }
            i = k;
            argidx = nargs;      /* no positional arguments after a key */
        }
        int flags = 0;
        for (; i < n; i++) {
            uint32_t u = AT(i);
            int fl = u == '-' ? F_LJUST : u == '+' ? F_SIGN : u == ' ' ? F_BLANK
                   : u == '#' ? F_ALT : u == '0' ? F_ZERO : 0;
            if (!fl)
                break;
            flags |= fl;
        }
        long width = -1, prec = -1;
        for (int part = 0; part < 2; part++) {
            long *target = part ? &prec : &width;
            if (part) {
                if (i >= n || AT(i) != '.')
                    break;
                i++;
                prec = 0;
            }
            if (i < n && AT(i) == '*') {
                i++;
                if (argidx >= nargs)
                    goto not_enough;
                py_object_t *w = is_tuple ? py_tuple_get_item(args, argidx) : args;
                argidx++;
                if (!py_int_check(w))
                    return py_err_format(py_exc_TypeError_type, "* wants int");
                *target = py_int_value(w);
                if (!part && *target < 0) {
                    flags |= F_LJUST;
                    *target = -*target;
                }
            } else {
                while (i < n && AT(i) >= '0' && AT(i) <= '9') {
                    if (*target < 0)
                        *target = 0;
                    if (*target > 100000000)
                        return py_err_format(py_exc_ValueError_type,
                                             part ? "prec too big" : "width too big");
                    *target = *target * 10 + (long)(AT(i++) - '0');
                }
            }
        }
        while (i < n && (AT(i) == 'h' || AT(i) == 'l' || AT(i) == 'L'))
            i++;
        if (i >= n)
            return py_err_format(py_exc_ValueError_type, "incomplete format");
        uint32_t c = AT(i++);
        if (c == '%') {
            if (!emit_padded(&b, flags & F_LJUST, width, 0, "", "%", 1))
                return NULL;
            continue;
        }
        if (!arg) {
            if (argidx >= nargs)
                goto not_enough;
            arg = is_tuple ? py_tuple_get_item(args, argidx) : args;
            argidx++;
        }
        bool ok;
        switch (c) {
        case 's': case 'r':
            ok = format_text(&b, arg, (char)c, flags, width, prec, restart);
            break;
        case 'i': case 'd': case 'u': case 'o': case 'x': case 'X':
            ok = format_integer(&b, arg, (char)c, flags, width, prec);
            break;
        case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
            ok = format_floating(&b, arg, (char)c, flags, width, prec);
            break;
        case 'c':
            ok = format_char(&b, arg, flags, width);
            break;
        default:
            return py_err_format(py_exc_ValueError_type,
                                 "unsupported format character '%c' (0x%x) at index %zu",
                                 (c >= 32 && c < 127) ? (char)c : '?', (unsigned)c, i - 1);
        }
        if (!ok)
            return NULL;
    }
#undef AT
    if (!mapping && argidx < nargs)
        return py_err_format(py_exc_TypeError_type,
                             "not all arguments converted during string formatting");
    if (uni)
        return b.len ? py_unicode_from_ucs4(py_unicode_data(b.buf), b.len)
                     : py_unicode_from_ucs4(NULL, 0);
    py_object_t *r = py_str_new_uninit(b.len);
    if (!r)
        return NULL;
    char *w = py_str_writable_data(r);
    for (size_t k = 0; k < b.len; k++)
        w[k] = (char)py_unicode_data(b.buf)[k];
    return r;
not_enough:
    return py_err_format(py_exc_TypeError_type, "not enough arguments for format string");
}

py_object_t *py_percent_format(py_object_t *format, py_object_t *args)
{
    bool restart = false;
    if (py_unicode_check(format))
        return format_units(format, true, args, &restart);
    if (!py_str_check(format))
        return py_err_bad_internal_call();
    py_object_t *r = format_units(format, false, args, &restart);
    if (r || !restart)
        return r;
    /* A unicode argument met %s: the result is unicode, computed again
       from the start with the format decoded as ASCII (CPython does the
       same, so side effects of str() on earlier arguments happen twice). */
    py_object_t *ufmt = ascii_to_unicode(format);
    return ufmt ? format_units(ufmt, true, args, &restart) : NULL;
}
