/* numformat.c -- the format mini-language for numbers (CPython 2.7's
 * stringlib/formatter.h): parse the spec, produce sign, prefix, digits
 * (grouped by thousands with ','), and the rest (fraction, exponent,
 * '%'), then pad with the fill character by the alignment.  The digits
 * come from py_long_format and py_float_format, as for repr and %.
 */
#include "interp/objects/numformat.h"

#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "interp/errors.h"
#include "interp/objects/complexobject.h"
#include "interp/objects/floatobject.h"
#include "interp/objects/intobject.h"
#include "interp/objects/longobject.h"
#include "interp/objects/stringobject.h"

typedef struct {
    char fill, align;      /* align: '<' '>' '=' '^', or 0 (default) */
    char sign;             /* '+', '-', ' ', or 0 */
    bool alt, comma;
    long width, prec;      /* -1 when absent */
    char type;             /* 0 when absent */
} spec_t;

static bool is_align(char c)
{
    return c == '<' || c == '>' || c == '=' || c == '^';
}

/* Parses S[0..N); false with ValueError set. */
static bool parse_spec(const char *s, size_t n, spec_t *sp)
{
    size_t i = 0;
    *sp = (spec_t){.fill = ' ', .width = -1, .prec = -1};
    bool fill_given = false;
    if (n >= 2 && is_align(s[1])) {
        sp->fill = s[0];
        sp->align = s[1];
        fill_given = true;
        i = 2;
    } else if (n >= 1 && is_align(s[0])) {
        sp->align = s[0];
        i = 1;
    }
    if (i < n && (s[i] == '+' || s[i] == '-' || s[i] == ' '))
        sp->sign = s[i++];
    if (i < n && s[i] == '#') {
        sp->alt = true;
        i++;
    }
    if (i < n && s[i] == '0') {
        /* '0' before the width: zero padding after the sign, unless a
           fill or alignment was given. */
        if (!fill_given)
            sp->fill = '0';
        if (!sp->align)
            sp->align = '=';
        i++;
    }
    for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
        if (sp->width < 0)
            sp->width = 0;
        if (sp->width > 100000000)
            goto too_big;
        sp->width = sp->width * 10 + (s[i] - '0');
    }
    if (i < n && s[i] == ',') {
        sp->comma = true;
        i++;
    }
    if (i < n && s[i] == '.') {
        i++;
        if (i >= n || s[i] < '0' || s[i] > '9') {
            py_err_set_string(py_exc_ValueError_type, "Format specifier missing precision");
            return false;
        }
        for (sp->prec = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
            if (sp->prec > 100000000)
                goto too_big;
            sp->prec = sp->prec * 10 + (s[i] - '0');
        }
    }
    if (n - i > 1) {
        py_err_set_string(py_exc_ValueError_type, "Invalid conversion specification");
        return false;
    }
    if (i < n)
        sp->type = s[i];
    /* PEP 378: ',' only with the decimal presentations. */
    if (sp->comma && sp->type && !strchr("defgEFG%", sp->type)) {
        py_err_format(py_exc_ValueError_type, "Cannot specify ',' with '%c'.", sp->type);
        return false;
    }
    return true;
too_big:
    py_err_set_string(py_exc_ValueError_type, "Too many decimal digits in format string");
    return false;
}

static py_object_t *unknown_code(char type, py_object_t *o)
{
    if (type > ' ' && type < 127)
        return py_err_format(py_exc_ValueError_type,
                             "Unknown format code '%c' for object of type '%.200s'",
                             type, py_type_of(o)->tp_name);
    return py_err_format(py_exc_ValueError_type,
                         "Unknown format code '\\x%x' for object of type '%.200s'",
                         (unsigned)(unsigned char)type, py_type_of(o)->tp_name);
}

/* Assembles SIGN PREFIX DIGITS REST padded to the spec's width: DIGITS
   are grouped by thousands with ',' (zero-extended when the fill is '0'
   with '=' alignment, as CPython), the rest goes after them. */
static py_object_t *assemble(const spec_t *sp, char sign, const char *prefix,
                             const char *digits, size_t nd, const char *rest,
                             size_t nr)
{
    size_t ns = sign ? 1 : 0, np = strlen(prefix);
    size_t k = nd;                 /* digits after zero-extension */
    bool group = sp->comma && nd > 0;   /* "nan", "inf": nothing to group */
    if (group) {
        long minw = 0;
        if (sp->fill == '0' && sp->align == '=' && sp->width > 0)
            minw = sp->width - (long)(ns + np + nr);
        /* The smallest k >= nd whose grouped length reaches minw. */
        while ((long)(k + (k ? (k - 1) / 3 : 0)) < minw)
            k++;
    }
    size_t ng = group ? k + (k ? (k - 1) / 3 : 0) : k;
    size_t body = ns + np + ng + nr;
    size_t pad = sp->width > 0 && (size_t)sp->width > body ? (size_t)sp->width - body : 0;
    char align = sp->align ? sp->align : '>';
    size_t left = align == '>' ? pad : align == '^' ? pad / 2 : 0;
    size_t mid = align == '=' ? pad : 0;
    size_t right = pad - left - mid;
    py_object_t *r = py_str_new_uninit(body + pad);
    if (!r)
        return NULL;
    char *w = py_str_writable_data(r);
    memset(w, sp->fill, left);
    w += left;
    if (sign)
        *w++ = sign;
    memcpy(w, prefix, np);
    w += np;
    memset(w, sp->fill, mid);
    w += mid;
    /* The digits, zero-extended to k, with a ',' before every group of
       three counted from the right. */
    for (size_t j = 0; j < k; j++) {
        size_t from_right = k - j;
        if (group && j > 0 && from_right % 3 == 0)
            *w++ = ',';
        *w++ = j < k - nd ? '0' : digits[j - (k - nd)];
    }
    memcpy(w, rest, nr);
    w += nr;
    memset(w, sp->fill, right);
    return r;
}

static char sign_char(const spec_t *sp, bool neg)
{
    if (neg)
        return '-';
    return sp->sign == '+' ? '+' : sp->sign == ' ' ? ' ' : 0;
}

static py_object_t *format_float_value(py_object_t *o, double x, spec_t sp)
{
    char type = sp.type;
    int flags = 0;
    int default_prec = 6;
    bool pct = false;
    if (type && !strchr("eEfFgGn%", type))
        return unknown_code(type, o);
    if (sp.alt)
        return py_err_format(py_exc_ValueError_type,
                             "Alternate form (#) not allowed in float format specifier");
    if (type == 0) {
        /* Like 'g', but str's 12 digits and a ".0" on integral values. */
        type = 'g';
        default_prec = 12;
        flags |= PY_FLOAT_ADD_DOT_0;
    } else if (type == 'n') {
        type = 'g';
    } else if (type == '%') {
        type = 'f';
        x *= 100;
        pct = true;
    }
    long prec = sp.prec < 0 ? default_prec : sp.prec;
    size_t cap = (size_t)prec + 400;
    py_object_t *tmp = py_str_new_uninit(cap + 1);
    if (!tmp)
        return NULL;
    char *text = py_str_writable_data(tmp);
    int len = py_float_format(x, type, (int)prec, flags, text, cap + 1);
    if (len < 0 || (size_t)len > cap)
        return py_err_bad_internal_call();
    if (pct)
        text[len++] = '%';
    bool neg = text[0] == '-';
    if (neg) {
        text++;
        len--;
    }
    size_t nd = 0;
    while (nd < (size_t)len && text[nd] >= '0' && text[nd] <= '9')
        nd++;
    return assemble(&sp, sign_char(&sp, neg), "", text, nd, text + nd, (size_t)len - nd);
}

static py_object_t *format_integer_value(py_object_t *o, spec_t sp)
{
    char type = sp.type ? sp.type : 'd';
    if (strchr("eEfFgG%", type)) {
        double x = py_long_as_double(o);
        if (x == -1.0 && py_err_occurred())
            return NULL;
        return format_float_value(o, x, sp);
    }
    if (!strchr("bcdoxXn", type))
        return unknown_code(type, o);
    if (sp.prec >= 0)
        return py_err_format(py_exc_ValueError_type,
                             "Precision not allowed in integer format specifier");
    if (type == 'c') {
        if (sp.sign)
            return py_err_format(py_exc_ValueError_type,
                                 "Sign not allowed with integer format specifier 'c'");
        if (sp.alt)
            return py_err_format(py_exc_ValueError_type,
                                 "Alternate form (#) not allowed with integer format "
                                 "specifier 'c'");
        long v;
        if (py_long_to_long(o, &v))
            return py_err_format(py_exc_OverflowError_type,
                                 "Python int too large to convert to C long");
        if (v < 0 || v > 255)
            return py_err_format(py_exc_OverflowError_type, "%%c arg not in range(0x100)");
        char ch = (char)v;
        return assemble(&sp, 0, "", "", 0, &ch, 1);
    }
    int base = type == 'b' ? 2 : type == 'o' ? 8 : (type == 'x' || type == 'X') ? 16 : 10;
    py_object_t *digits = py_long_format(o, base);
    if (!digits)
        return NULL;
    char *d = py_str_writable_data(digits);   /* a fresh str: ours to edit */
    bool neg = d[0] == '-';
    d += neg;
    size_t nd = strlen(d);
    if (type == 'X') {
        for (size_t j = 0; j < nd; j++) {
            if (d[j] >= 'a' && d[j] <= 'z')
                d[j] = (char)(d[j] - 'a' + 'A');
        }
    }
    const char *prefix = "";
    if (sp.alt) {
        prefix = type == 'b' ? "0b" : type == 'o' ? "0o" : type == 'x' ? "0x"
               : type == 'X' ? "0X" : "";
    }
    return assemble(&sp, sign_char(&sp, neg), prefix, d, nd, "", 0);
}

/* Appends one formatted part of a complex (sign, thousands-grouped
   integer digits, the rest) to W; returns the new end. */
static char *put_part(char *w, char sign, const char *text, size_t len, bool comma)
{
    if (sign)
        *w++ = sign;
    size_t nd = 0;
    while (nd < len && text[nd] >= '0' && text[nd] <= '9')
        nd++;
    for (size_t j = 0; j < nd; j++) {
        if (comma && j > 0 && (nd - j) % 3 == 0)
            *w++ = ',';
        *w++ = text[j];
    }
    memcpy(w, text + nd, len - nd);
    return w + (len - nd);
}

/* format(complex, spec) as CPython 2.7's format_complex_internal: both
   parts formatted alike, the imaginary one always signed; no type means
   str()-like (12 digits, parentheses unless the real part is +0). */
static py_object_t *format_complex_value(py_object_t *o, spec_t sp)
{
    char type = sp.type;
    if (type && !strchr("eEfFgGn", type))
        return unknown_code(type, o);
    if (sp.alt)
        return py_err_format(py_exc_ValueError_type,
                             "Alternate form (#) not allowed in complex format specifier");
    if (sp.fill == '0')
        return py_err_format(py_exc_ValueError_type,
                             "Zero padding is not allowed in complex format specifier");
    if (sp.align == '=')
        return py_err_format(py_exc_ValueError_type,
                             "'=' alignment flag is not allowed in complex format specifier");
    double re, im;
    py_complex_value(o, &re, &im);
    int default_prec = 6;
    bool skip_re = false, parens = false;
    if (type == 0) {
        type = 'g';
        default_prec = 12;
        if (re == 0.0 && !signbit(re))
            skip_re = true;
        else
            parens = true;
    } else if (type == 'n') {
        type = 'g';
    }
    long prec = sp.prec < 0 ? default_prec : sp.prec;
    size_t cap = (size_t)prec + 400;
    py_object_t *rb = py_str_new_uninit(cap + 1);
    py_object_t *ib = rb ? py_str_new_uninit(cap + 1) : NULL;
    py_object_t *out = ib ? py_str_new_uninit(4 * cap + 16) : NULL;
    if (!out)
        return NULL;
    char *rt = py_str_writable_data(rb), *it = py_str_writable_data(ib);
    int rlen = py_float_format(re, type, (int)prec, 0, rt, cap + 1);
    int ilen = py_float_format(im, type, (int)prec, 0, it, cap + 1);
    if (rlen < 0 || ilen < 0 || (size_t)rlen > cap || (size_t)ilen > cap)
        return py_err_bad_internal_call();
    bool rneg = rt[0] == '-', ineg = it[0] == '-';
    char *w0 = py_str_writable_data(out), *w = w0;
    if (parens)
        *w++ = '(';
    if (!skip_re)
        w = put_part(w, sign_char(&sp, rneg), rt + rneg, (size_t)(rlen - rneg), sp.comma);
    char isign = skip_re ? sign_char(&sp, ineg) : (ineg ? '-' : '+');
    w = put_part(w, isign, it + ineg, (size_t)(ilen - ineg), sp.comma);
    *w++ = 'j';
    if (parens)
        *w++ = ')';
    spec_t whole = sp;
    whole.comma = false;
    return assemble(&whole, 0, "", "", 0, w0, (size_t)(w - w0));
}

py_object_t *py_number_format_spec(py_object_t *o, const char *spec, size_t n)
{
    if (n == 0)
        return py_object_str(o);
    spec_t sp;
    if (!parse_spec(spec, n, &sp))
        return NULL;
    if (py_int_check(o) || py_long_check(o))
        return format_integer_value(o, sp);
    if (py_float_check(o))
        return format_float_value(o, py_float_value(o), sp);
    if (py_complex_check(o))
        return format_complex_value(o, sp);
    return py_err_bad_internal_call();
}
