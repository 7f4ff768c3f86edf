/* complexobject.c -- the complex type with CPython 2.7's semantics
 * (Objects/complexobject.c): textbook products, Smith-style quotients,
 * integer powers by repeated squaring up to |n| = 100 and polar form
 * beyond, repr "(1+2j)" / "1j" / "(-0-1j)", and a hash under which
 * complex(x, 0) hashes like x.  The floating-point operations are done
 * in CPython's order so that results agree bit for bit.
 */
#include "interp/objects/complexobject.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "interp/errors.h"
#include "interp/objects/abstract.h"
#include "interp/objects/floatobject.h"
#include "interp/objects/intobject.h"
#include "interp/objects/longobject.h"
#include "interp/objects/noneobject.h"
#include "interp/objects/stringobject.h"
#include "interp/objects/tupleobject.h"

typedef struct {
    double re, im;
} cval_t;

py_object_t *py_complex_from_doubles(double re, double im)
{
    py_complex_t *o = (py_complex_t *)py_object_alloc(py_complex_type, sizeof(py_complex_t));
    if (!o)
        return NULL;
    o->real = re;
    o->imag = im;
    return (py_object_t *)o;
}

static bool blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

static py_object_t *malformed(void)
{
    py_err_set_string(py_exc_ValueError_type, "complex() arg is a malformed string");
    return NULL;
}

py_object_t *py_complex_from_string(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && blank(s[i]))
        i++;
    bool paren = i < n && s[i] == '(';
    if (paren) {
        i++;
        while (i < n && blank(s[i]))
            i++;
    }
    double re = 0.0, im = 0.0, x;
    size_t used = py_float_parse_prefix(s + i, n - i, &x);
    if (used == (size_t)-1)
        return NULL;
    if (used > 0) {
        i += used;
        if (i < n && (s[i] == '+' || s[i] == '-')) {
            /* x was the real part; the imaginary part follows. */
            re = x;
            double y;
            size_t u2 = py_float_parse_prefix(s + i, n - i, &y);
            if (u2 == (size_t)-1)
                return NULL;
            if (u2 > 0) {
                im = y;
                i += u2;
            } else {
                im = s[i] == '+' ? 1.0 : -1.0;
                i++;
            }
            if (i >= n || (s[i] != 'j' && s[i] != 'J'))
                return malformed();
            i++;
        } else if (i < n && (s[i] == 'j' || s[i] == 'J')) {
            im = x;
            i++;
        } else {
            re = x;
        }
    } else {
        /* "j", "+j", "-j" */
        if (i < n && (s[i] == '+' || s[i] == '-'))
            im = s[i++] == '-' ? -1.0 : 1.0;
        else
            im = 1.0;
        if (i >= n || (s[i] != 'j' && s[i] != 'J'))
            return malformed();
        i++;
    }
    while (i < n && blank(s[i]))
        i++;
    if (paren) {
        if (i >= n || s[i] != ')')
            return malformed();
        i++;
        while (i < n && blank(s[i]))
            i++;
    }
    if (i != n)
        return malformed();
    return py_complex_from_doubles(re, im);
}

static py_object_t *from_cval(cval_t c)
{
    return py_complex_from_doubles(c.re, c.im);
}

static cval_t c_prod(cval_t a, cval_t b)
{
    cval_t r = {a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re};
    return r;
}

/* A / B; sets *EDOM for a zero divisor. */
static cval_t c_quot(cval_t a, cval_t b, bool *edom)
{
    /* Divide by the larger component to avoid spurious overflow. */
    double abs_re = fabs(b.re), abs_im = fabs(b.im);
    cval_t r;
    if (abs_re >= abs_im) {
        if (abs_re == 0.0) {
            *edom = true;
            r.re = r.im = 0.0;
        } else {
            double ratio = b.im / b.re;
            double denom = b.re + b.im * ratio;
            r.re = (a.re + a.im * ratio) / denom;
            r.im = (a.im - a.re * ratio) / denom;
        }
    } else if (abs_im >= abs_re) {
        double ratio = b.re / b.im;
        double denom = b.re * ratio + b.im;
        r.re = (a.re * ratio + a.im) / denom;
        r.im = (a.im * ratio - a.re) / denom;
    } else {
        r.re = r.im = NAN;        /* a NaN component in B */
    }
    return r;
}

static cval_t c_pow(cval_t a, cval_t b, bool *edom)
{
    cval_t r;
    if (b.re == 0.0 && b.im == 0.0) {
        r.re = 1.0;
        r.im = 0.0;
    } else if (a.re == 0.0 && a.im == 0.0) {
        if (b.im != 0.0 || b.re < 0.0)
            *edom = true;
        r.re = r.im = 0.0;
    } else {
        double vabs = hypot(a.re, a.im);
        double len = pow(vabs, b.re);
        double at = atan2(a.im, a.re);
        double phase = at * b.re;
        if (b.im != 0.0) {
            len /= exp(at * b.im);
            phase += b.im * log(vabs);
        }
        r.re = len * cos(phase);
        r.im = len * sin(phase);
    }
    return r;
}

/* X ** N for N >= 0 by right-to-left binary powering. */
static cval_t c_powu(cval_t x, long n)
{
    cval_t r = {1.0, 0.0}, p = x;
    for (long mask = 1; mask > 0 && n >= mask; mask <<= 1) {
        if (n & mask)
            r = c_prod(r, p);
        p = c_prod(p, p);
    }
    return r;
}

static cval_t c_powi(cval_t x, long n, bool *edom)
{
    if (n > 100 || n < -100) {
        cval_t e = {(double)n, 0.0};
        return c_pow(x, e, edom);
    }
    if (n > 0)
        return c_powu(x, n);
    cval_t one = {1.0, 0.0};
    return c_quot(one, c_powu(x, -n), edom);
}

py_object_t *py_complex_add(double ar, double ai, double br, double bi)
{
    return py_complex_from_doubles(ar + br, ai + bi);
}

py_object_t *py_complex_sub(double ar, double ai, double br, double bi)
{
    return py_complex_from_doubles(ar - br, ai - bi);
}

py_object_t *py_complex_mul(double ar, double ai, double br, double bi)
{
    cval_t a = {ar, ai}, b = {br, bi};
    return from_cval(c_prod(a, b));
}

py_object_t *py_complex_div(double ar, double ai, double br, double bi)
{
    cval_t a = {ar, ai}, b = {br, bi};
    bool edom = false;
    cval_t r = c_quot(a, b, &edom);
    if (edom) {
        py_err_set_string(py_exc_ZeroDivisionError_type,
                          "complex division by zero");
        return NULL;
    }
    return from_cval(r);
}

/* Python 2's (deprecated) floor division of complex numbers: the floor
   of the real part of the quotient, and the matching remainder. */
static bool c_divmod(cval_t a, cval_t b, const char *what, cval_t *div,
                     cval_t *mod)
{
    bool edom = false;
    cval_t q = c_quot(a, b, &edom);
    if (edom) {
        py_err_set_string(py_exc_ZeroDivisionError_type, what);
        return false;
    }
    q.re = floor(q.re);
    q.im = 0.0;
    cval_t bq = c_prod(b, q);
    mod->re = a.re - bq.re;
    mod->im = a.im - bq.im;
    *div = q;
    return true;
}

py_object_t *py_complex_floordiv(double ar, double ai, double br, double bi)
{
    cval_t a = {ar, ai}, b = {br, bi}, d, m;
    if (!c_divmod(a, b, "complex divmod()", &d, &m))
        return NULL;
    return from_cval(d);
}

py_object_t *py_complex_mod(double ar, double ai, double br, double bi)
{
    cval_t a = {ar, ai}, b = {br, bi}, d, m;
    if (!c_divmod(a, b, "complex remainder", &d, &m))
        return NULL;
    return from_cval(m);
}

py_object_t *py_complex_divmod(double ar, double ai, double br, double bi)
{
    cval_t a = {ar, ai}, b = {br, bi}, d, m;
    if (!c_divmod(a, b, "complex divmod()", &d, &m))
        return NULL;
    py_object_t *items[2];
    items[0] = from_cval(d);
    items[1] = items[0] ? from_cval(m) : NULL;
    return items[1] ? py_tuple_pack(2, items) : NULL;
}

py_object_t *py_complex_pow(double ar, double ai, double br, double bi)
{
    cval_t a = {ar, ai}, b = {br, bi}, r;
    bool edom = false;
    errno = 0;
    long n = (long)br;
    if (bi == 0.0 && br == (double)n && fabs(br) < 1e18)
        r = c_powi(a, n, &edom);
    else
        r = c_pow(a, b, &edom);
    /* As CPython's Py_ADJUST_ERANGE2: an infinite part is an overflow,
       any other range error is not an error. */
    int err = errno;
    errno = 0;
    if (isinf(r.re) || isinf(r.im)) {
        if (err == 0)
            err = ERANGE;
    } else if (err == ERANGE) {
        err = 0;
    }
    if (edom || err == EDOM) {
        py_err_set_string(py_exc_ZeroDivisionError_type,
                          "0.0 to a negative or complex power");
        return NULL;
    }
    if (err == ERANGE) {
        py_err_set_string(py_exc_OverflowError_type, "complex exponentiation");
        return NULL;
    }
    return from_cval(r);
}

py_object_t *py_complex_abs(double re, double im)
{
    /* hypot handles the infinities (an infinite part gives inf even next
       to a NaN, as C99 says). */
    if (isinf(re) || isinf(im))
        return py_float_from_double(INFINITY);
    if (isnan(re) || isnan(im))
        return py_float_from_double(NAN);
    double r = hypot(re, im);
    if (isinf(r)) {
        py_err_set_string(py_exc_OverflowError_type, "absolute value too large");
        return NULL;
    }
    return py_float_from_double(r);
}

/* ---- text, hash, comparison ------------------------------------------ */

static py_object_t *complex_format(py_object_t *o, char code, int prec)
{
    double re, im;
    py_complex_value(o, &re, &im);
    char rbuf[64], ibuf[64], out[140];
    int n;
    if (re == 0.0 && !signbit(re)) {
        /* A +0 real part is left out, parentheses too. */
        py_float_format(im, code, prec, 0, ibuf, sizeof ibuf);
        n = snprintf(out, sizeof out, "%sj", ibuf);
    } else {
        py_float_format(re, code, prec, 0, rbuf, sizeof rbuf);
        py_float_format(im, code, prec, PY_FLOAT_SIGN, ibuf, sizeof ibuf);
        n = snprintf(out, sizeof out, "(%s%sj)", rbuf, ibuf);
    }
    return py_str_from_bytes(out, (size_t)n);
}

py_object_t *py_complex_repr(py_object_t *o)
{
    return complex_format(o, 'r', 0);
}

py_object_t *py_complex_str(py_object_t *o)
{
    return complex_format(o, 'g', 12);
}

static int64_t complex_hash(py_object_t *o)
{
    double re, im;
    py_complex_value(o, &re, &im);
    int64_t hr = py_float_hash_value(re);
    if (hr == -1 && py_err_occurred())
        return -1;
    int64_t hi = py_float_hash_value(im);
    if (hi == -1 && py_err_occurred())
        return -1;
    /* complex(x, 0) hashes like x: hash(0.0) is 0. */
    int64_t h = (int64_t)((uint64_t)hr + UINT64_C(1000003) * (uint64_t)hi);
    return h == -1 ? -2 : h;
}

static int complex_nonzero(py_object_t *o)
{
    double re, im;
    py_complex_value(o, &re, &im);
    return re != 0.0 || im != 0.0;
}

py_object_t *py_complex_richcompare(py_object_t *a, py_object_t *b, int op)
{
    if (!py_complex_check(a))
        return py_NotImplemented;
    bool number = py_int_check(b) || py_long_check(b) || py_float_check(b) ||
                  py_complex_check(b);
    if (op != PY_EQ && op != PY_NE) {
        if (!number)
            return py_NotImplemented;
        py_err_set_string(py_exc_TypeError_type,
                          "no ordering relation is defined for complex numbers");
        return NULL;
    }
    double re, im;
    py_complex_value(a, &re, &im);
    bool equal;
    if (py_complex_check(b)) {
        double br, bi;
        py_complex_value(b, &br, &bi);
        equal = re == br && im == bi;
    } else if (py_float_check(b)) {
        equal = im == 0.0 && re == py_float_value(b);
    } else if (number) {
        /* Exact against ints and longs (no rounding of big values). */
        equal = im == 0.0 && py_long_compare_double(b, re) == 0;
    } else {
        return py_NotImplemented;
    }
    return py_bool_from_bool(op == PY_EQ ? equal : !equal);
}

const py_type_spec_t py_complex_spec = {
    .name = "complex",
    .basicsize = sizeof(py_complex_t),
    .flags = PY_TPFLAG_IMMUTABLE | PY_TPFLAG_BASETYPE,
    .base = &py_object_type,
    .repr = py_complex_repr,
    .str = py_complex_str,
    .hash = complex_hash,
    .richcompare = py_complex_richcompare,
    .nonzero = complex_nonzero,
    .doc = "complex(real[, imag]) -> complex number\n\n"
           "Create a complex number from a real part and an optional "
           "imaginary part.\nThis is equivalent to (real + imag*1j) where "
           "imag defaults to 0.",
};
