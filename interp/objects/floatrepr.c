/* floatrepr.c -- double to text as CPython 2.7's PyOS_double_to_string
 * (Python/pystrtod.c): repr is the shortest string that reads back as the
 * same double (David Gay's mode 0), str is 12 significant digits, plus
 * the 'e', 'f', 'g' codes that %-formatting and format() need.
 *
 * Digits come from glibc's printf, which is exact (correctly rounded);
 * the shortest round-tripping digits are found by trying 1..17 digits and
 * reading each candidate back with strtod (also correctly rounded), then
 * laid out by CPython's rules.  See docs/numbers.md for why this matches
 * Gay's algorithm, including the power-of-two edge case.
 */
#include "interp/objects/floatobject.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp/objects/stringobject.h"

/* Digits of a finite non-zero double: significant digits without leading
   or trailing zeros (except the ones mandated by ALT padding), and the
   decimal point position: value = 0.DIGITS * 10**decpt. */
#define MAX_DIGITS 800
typedef struct {
    char d[MAX_DIGITS + 1];
    int n;
    int decpt;
} digits_t;

/* Parses printf's "%.*e" output of a positive number into D. */
static void parse_e(const char *s, digits_t *d)
{
    d->n = 0;
    for (; *s && *s != 'e'; s++) {
        if (*s >= '0' && *s <= '9' && d->n < MAX_DIGITS)
            d->d[d->n++] = *s;
    }
    int exp = *s == 'e' ? atoi(s + 1) : 0;
    d->decpt = exp + 1;
    d->d[d->n] = '\0';
}

/* P correctly rounded significant digits of positive finite V. */
static void digits_rounded(double v, int p, digits_t *d)
{
    char buf[MAX_DIGITS + 32];
    if (p > MAX_DIGITS)
        p = MAX_DIGITS;
    snprintf(buf, sizeof buf, "%.*e", p - 1, v);
    parse_e(buf, d);
}

/* Reads D back as a double. */
static double digits_value(const digits_t *d)
{
    char buf[MAX_DIGITS + 32];
    snprintf(buf, sizeof buf, ".%se%d", d->d, d->decpt);
    return strtod(buf, NULL);
}

/* Moves D to the adjacent number with the same number of digits: up
   (+1 in the last place) or down (-1), crossing decades properly. */
static void digits_step(digits_t *d, bool up)
{
    int i = d->n - 1;
    if (up) {
        while (i >= 0 && d->d[i] == '9')
            d->d[i--] = '0';
        if (i >= 0) {
            d->d[i]++;
        } else {            /* 99..9 -> 100..0 (one more decade) */
            d->d[0] = '1';
            d->decpt++;
        }
    } else {
        while (i >= 0 && d->d[i] == '0')
            d->d[i--] = '9';
        d->d[i]--;
        if (d->d[0] == '0') {   /* 10..0 -> 99..9 (one decade less) */
            memset(d->d, '9', (size_t)d->n);
            d->decpt--;
        }
    }
}

static void strip_zeros(digits_t *d)
{
    while (d->n > 1 && d->d[d->n - 1] == '0')
        d->n--;
    d->d[d->n] = '\0';
}

/* The P-digit candidate for V that reads back as V, if any: the correctly
   rounded one, or else its neighbour on the other side of V (V's rounding
   interval is lopsided at powers of two).  Every other P-digit number is
   farther from V than one of these two. */
static bool digits_try(double v, int p, digits_t *d)
{
    digits_rounded(v, p, d);
    double back = digits_value(d);
    if (back == v)
        return true;
    digits_t other = *d;
    digits_step(&other, back < v);
    if (digits_value(&other) != v)
        return false;
    *d = other;
    return true;
}

/* The shortest digits that read back as positive finite V, the closest
   to V among them (Gay's mode 0).  If some P-digit number reads back as
   V, so does one with P+1 digits (the same number with a 0 appended is a
   candidate, and the nearest one on that side is at least as close), so
   the shortest P is found by bisection over 1..17. */
static void digits_shortest(double v, digits_t *d)
{
    if (v < 9007199254740992.0 && v == trunc(v)) {
        /* An integer below 2**53: its own digits (trailing zeros
           stripped) are the shortest, since neighbouring doubles are at
           most 1 apart and any shorter decimal is at least 1 away. */
        char buf[24];
        int n = snprintf(buf, sizeof buf, "%.0f", v);
        memcpy(d->d, buf, (size_t)n + 1);
        d->n = n;
        d->decpt = n;
        strip_zeros(d);
        return;
    }
    int lo = 1, hi = 17;          /* 17 digits always read back */
    int best = 0;                 /* P of the digits held in *D */
    bool first = true;
    while (lo < hi) {
        /* Random doubles need 16 or 17 digits: probing 15 first settles
           them in two or three probes. */
        int mid = first ? 15 : (lo + hi) / 2;
        first = false;
        digits_t t;
        if (digits_try(v, mid, &t)) {
            hi = mid;
            *d = t;
            best = mid;
        } else {
            lo = mid + 1;
        }
    }
    if (best != lo)
        digits_try(v, lo, d);
    strip_zeros(d);
}

/* Bounded writer: counts everything, stores what fits. */
typedef struct {
    char *buf;
    size_t cap, len;
} out_t;

static void put(out_t *o, char c)
{
    if (o->len + 1 < o->cap)
        o->buf[o->len] = c;
    o->len++;
}

static void puts_(out_t *o, const char *s)
{
    while (*s)
        put(o, *s++);
}

static int finish(out_t *o)
{
    if (o->cap)
        o->buf[o->len < o->cap ? o->len : o->cap - 1] = '\0';
    return (int)o->len;
}

/* Lays out D as CPython's format_float_short does for 'r' and 'g'. */
static void layout(out_t *o, const digits_t *d, bool use_exp, int min_digits,
                   int flags)
{
    bool alt = flags & PY_FLOAT_ALT;
    int n = d->n;
    if (!use_exp) {
        int decpt = d->decpt;
        int total = n > min_digits ? n : min_digits;
        if (decpt <= 0) {
            put(o, '0');
            put(o, '.');
            for (int i = decpt; i < 0; i++)
                put(o, '0');
            for (int i = 0; i < total; i++)
                put(o, i < n ? d->d[i] : '0');
            return;
        }
        for (int i = 0; i < decpt; i++)
            put(o, i < n ? d->d[i] : '0');
        if (total > decpt) {
            put(o, '.');
            for (int i = decpt; i < total; i++)
                put(o, i < n ? d->d[i] : '0');
        } else if (alt) {
            put(o, '.');
        } else if (flags & PY_FLOAT_ADD_DOT_0) {
            put(o, '.');
            put(o, '0');
        }
        return;
    }
    int total = n > min_digits ? n : min_digits;
    put(o, d->d[0]);
    if (total > 1 || alt)
        put(o, '.');
    for (int i = 1; i < total; i++)
        put(o, i < n ? d->d[i] : '0');
    int exp = d->decpt - 1;
    char ebuf[16];
    snprintf(ebuf, sizeof ebuf, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
    puts_(o, ebuf);
}

int py_float_format(double v, char code, int prec, int flags, char *buf,
                    size_t cap)
{
    out_t o = {.buf = buf, .cap = cap, .len = 0};
    bool upper = code == 'E' || code == 'F' || code == 'G';
    char lc = upper ? (char)(code + ('a' - 'A')) : code;
    if (lc != 'r' && lc != 'e' && lc != 'f' && lc != 'g')
        return -1;
    if (prec < 0)
        prec = lc == 'r' ? 0 : 6;
    if (isnan(v) || isinf(v)) {
        if (isinf(v) && v < 0)
            put(&o, '-');
        else if (flags & PY_FLOAT_SIGN)
            put(&o, '+');
        puts_(&o, isnan(v) ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf"));
        return finish(&o);
    }
    if (signbit(v))
        put(&o, '-');
    else if (flags & PY_FLOAT_SIGN)
        put(&o, '+');
    double a = fabs(v);
    if (lc == 'e' || lc == 'f') {
        char fmt[8];
        snprintf(fmt, sizeof fmt, "%%%s.*%c", (flags & PY_FLOAT_ALT) ? "#" : "", code);
        size_t room = o.len < o.cap ? o.cap - o.len : 0;
        int n = snprintf(room ? buf + o.len : NULL, room, fmt, prec, a);
        o.len += (size_t)n;
        return finish(&o);
    }
    digits_t d;
    bool use_exp;
    int min_digits = 0;
    if (a == 0.0) {
        d.d[0] = '0';
        d.d[1] = '\0';
        d.n = 1;
        d.decpt = 1;
    } else if (lc == 'r') {
        digits_shortest(a, &d);
    } else {
        digits_rounded(a, prec ? prec : 1, &d);
        strip_zeros(&d);
    }
    if (lc == 'r') {
        use_exp = d.decpt <= -4 || d.decpt > 16;
    } else {
        if (prec == 0)
            prec = 1;
        int limit = (flags & PY_FLOAT_ADD_DOT_0) ? prec - 1 : prec;
        use_exp = d.decpt <= -4 || d.decpt > limit;
        if (flags & PY_FLOAT_ALT)
            min_digits = prec;
    }
    layout(&o, &d, use_exp, min_digits, flags);
    int len = finish(&o);
    if (upper) {
        for (size_t i = 0; i < o.len && i + 1 < o.cap; i++) {
            if (buf[i] == 'e')
                buf[i] = 'E';
        }
    }
    return len;
}

int py_float_repr_buf(double v, char *buf)
{
    return py_float_format(v, 'r', 0, PY_FLOAT_ADD_DOT_0, buf, PY_FLOAT_BUFSIZE);
}

int py_float_str_buf(double v, char *buf)
{
    return py_float_format(v, 'g', 12, PY_FLOAT_ADD_DOT_0, buf, PY_FLOAT_BUFSIZE);
}

py_object_t *py_float_repr(py_object_t *o)
{
    char buf[PY_FLOAT_BUFSIZE];
    int n = py_float_repr_buf(py_float_value(o), buf);
    return py_str_from_bytes(buf, (size_t)n);
}

py_object_t *py_float_str(py_object_t *o)
{
    char buf[PY_FLOAT_BUFSIZE];
    int n = py_float_str_buf(py_float_value(o), buf);
    return py_str_from_bytes(buf, (size_t)n);
}
