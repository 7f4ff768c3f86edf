/* floatobject.c -- the float type: construction, hashing, comparison and
 * the arithmetic whose rules are CPython 2.7's own (Objects/floatobject.c):
 * % and // take the sign of the divisor, ** has IEEE special cases plus
 * Python's errors.  Formatting is in floatrepr.c.
 */
#include "interp/objects/floatobject.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "interp/errors.h"
#include "interp/objects/abstract.h"
#include "interp/objects/intobject.h"
#include "interp/objects/longobject.h"
#include "interp/objects/noneobject.h"
#include "interp/objects/stringobject.h"
#include "interp/objects/tupleobject.h"

py_object_t *py_float_from_double(double v)
{
    py_float_t *o = (py_float_t *)py_object_alloc(py_float_type, sizeof(py_float_t));
    if (!o)
        return NULL;
    o->value = v;
    return (py_object_t *)o;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

/* True iff the N bytes at P start with WORD (lower case), any case. */
static bool starts_with_ci(const char *p, size_t n, const char *word)
{
    size_t k = strlen(word);
    if (n < k)
        return false;
    for (size_t i = 0; i < k; i++) {
        char c = p[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != word[i])
            return false;
    }
    return true;
}

static py_object_t *float_error(const char *what, const char *s, size_t n)
{
    char buf[201];
    size_t k = n < 200 ? n : 200;
    memcpy(buf, s, k);
    buf[k] = '\0';                 /* the message stops at a NUL, as CPython's */
    return py_err_format(py_exc_ValueError_type, "%s%s", what, buf);
}

size_t py_float_parse_prefix(const char *s, size_t n, double *out)
{
    size_t i = 0;
    bool neg = false;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        neg = s[i++] == '-';
    double v;
    size_t used;
    if (starts_with_ci(s + i, n - i, "infinity")) {
        v = INFINITY;
        used = i + 8;
    } else if (starts_with_ci(s + i, n - i, "inf")) {
        v = INFINITY;
        used = i + 3;
    } else if (starts_with_ci(s + i, n - i, "nan")) {
        v = NAN;
        used = i + 3;
    } else {
        size_t j = i, digits = 0;
        while (j < n && s[j] >= '0' && s[j] <= '9')
            j++, digits++;
        if (j < n && s[j] == '.') {
            j++;
            while (j < n && s[j] >= '0' && s[j] <= '9')
                j++, digits++;
        }
        if (digits == 0)
            return 0;
        if (j < n && (s[j] == 'e' || s[j] == 'E')) {
            size_t k = j + 1;
            if (k < n && (s[k] == '+' || s[k] == '-'))
                k++;
            size_t ed = 0;
            while (k < n && s[k] >= '0' && s[k] <= '9')
                k++, ed++;
            if (ed)
                j = k;          /* an incomplete exponent is left unread */
        }
        used = j;
        /* strtod needs a NUL: copy (GC-allocated when long). */
        char local[128];
        const char *text = local;
        size_t len = used - i;
        if (len < sizeof local) {
            memcpy(local, s + i, len);
            local[len] = '\0';
        } else {
            py_object_t *copy = py_str_from_bytes(s + i, len);
            if (!copy)
                return (size_t)-1;
            text = py_str_data(copy);
        }
        v = strtod(text, NULL);
    }
    *out = neg ? -v : v;
    return used;
}

py_object_t *py_float_from_string(const char *s, size_t n)
{
    while (n > 0 && is_space(*s))
        s++, n--;
    while (n > 0 && is_space(s[n - 1]))
        n--;
    double v;
    size_t used = py_float_parse_prefix(s, n, &v);
    if (used == (size_t)-1)
        return NULL;
    if (used == 0)
        return float_error("could not convert string to float: ", s, n);
    if (used != n)
        return float_error("invalid literal for float(): ", s, n);
    return py_float_from_double(v);
}

py_object_t *py_float_hex(double v)
{
    if (isnan(v))
        return py_str_from_cstr("nan");
    if (isinf(v))
        return py_str_from_cstr(v < 0 ? "-inf" : "inf");
    const char *sign = signbit(v) ? "-" : "";
    if (v == 0.0)
        return py_str_from_format("%s0x0.0p+0", sign);
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    uint64_t frac = bits & ((UINT64_C(1) << 52) - 1);
    int bexp = (int)((bits >> 52) & 0x7ff);
    /* Subnormals print with a leading 0 and the minimum exponent. */
    return py_str_from_format("%s0x%d.%013llxp%+d", sign, bexp ? 1 : 0,
                              (unsigned long long)frac, bexp ? bexp - 1023 : -1022);
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static py_object_t *bad_hex(void)
{
    py_err_set_string(py_exc_ValueError_type,
                      "invalid hexadecimal floating-point string");
    return NULL;
}

py_object_t *py_float_fromhex(const char *s, size_t n)
{
    while (n > 0 && is_space(*s))
        s++, n--;
    while (n > 0 && is_space(s[n - 1]))
        n--;
    size_t i = 0;
    bool neg = false;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        neg = s[i++] == '-';
    if (n - i == 3 && starts_with_ci(s + i, 3, "inf"))
        return py_float_from_double(neg ? -INFINITY : INFINITY);
    if (n - i == 8 && starts_with_ci(s + i, 8, "infinity"))
        return py_float_from_double(neg ? -INFINITY : INFINITY);
    if (n - i == 3 && starts_with_ci(s + i, 3, "nan"))
        return py_float_from_double(neg ? -NAN : NAN);
    if (n - i >= 2 && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X'))
        i += 2;
    /* Collect the hex digits (both sides of the point) as one integer. */
    size_t start = i, ndig = 0, nfrac = 0;
    bool point = false;
    for (; i < n; i++) {
        if (s[i] == '.' && !point) {
            point = true;
        } else if (hex_digit(s[i]) >= 0) {
            ndig++;
            nfrac += point;
        } else {
            break;
        }
    }
    if (ndig == 0)
        return bad_hex();
    size_t digits_end = i;
    long exp = 0;
    if (i < n && (s[i] == 'p' || s[i] == 'P')) {
        i++;
        bool eneg = false;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            eneg = s[i++] == '-';
        size_t ed = 0;
        for (; i < n && s[i] >= '0' && s[i] <= '9'; i++, ed++) {
            if (exp < 100000000)
                exp = exp * 10 + (s[i] - '0');
        }
        if (ed == 0)
            return bad_hex();
        if (eneg)
            exp = -exp;
    }
    if (i != n)
        return bad_hex();
    py_object_t *digits = py_str_new_uninit(ndig);
    if (!digits)
        return NULL;
    char *w = py_str_writable_data(digits);
    for (size_t k = start; k < digits_end; k++) {
        if (s[k] != '.')
            *w++ = s[k];
    }
    py_object_t *m = py_long_from_string(py_str_data(digits), ndig, 16);
    if (!m)
        return NULL;
    /* value = m * 2**shift, rounded once by the correctly rounded long
       conversions. */
    long shift = exp - 4 * (long)nfrac;
    double v = 0.0;
    if (py_long_sign(m) != 0) {
        long top = (long)py_long_bit_length(m) + shift;   /* 2**(top-1) <= value */
        if (top > 1025) {
            goto overflow;
        } else if (top < -1080) {
            v = 0.0;
        } else if (shift >= 0) {
            py_object_t *big = py_long_lshift(m, py_int_from_long(shift));
            if (!big)
                return NULL;
            v = py_long_as_double(big);
            if (v == -1.0 && py_err_occurred()) {
                py_err_clear();
                goto overflow;
            }
        } else {
            py_object_t *den = py_long_lshift(py_int_from_long(1), py_int_from_long(-shift));
            py_object_t *q = den ? py_long_truediv(m, den) : NULL;
            if (!q) {
                if (!py_err_matches(py_exc_OverflowError_type))
                    return NULL;
                py_err_clear();
                goto overflow;
            }
            v = py_float_value(q);
        }
    }
    return py_float_from_double(neg ? -v : v);
overflow:
    py_err_set_string(py_exc_OverflowError_type,
                      "hexadecimal value too large to represent as a float");
    return NULL;
}

int64_t py_float_hash_value(double v)
{
    if (isinf(v))
        return v < 0 ? -271828 : 314159;
    if (isnan(v))
        return 0;
    double intpart;
    double fractpart = modf(v, &intpart);
    int64_t x;
    if (fractpart == 0.0) {
        if (intpart > (double)(LONG_MAX / 2) || -intpart > (double)(LONG_MAX / 2)) {
            /* Hash as the long of the same value. */
            py_object_t *l = py_long_from_double(v);
            return l ? py_long_hash(l) : -1;
        }
        x = (int64_t)intpart;
    } else {
        /* Not an integer: only needs to mix the bits (CPython's formula,
           so that dict orders match). */
        int expo;
        v = frexp(v, &expo);
        v *= 2147483648.0;                /* 2**31 */
        long hipart = (long)v;            /* the top 32 bits */
        v = (v - (double)hipart) * 2147483648.0;
        x = (int64_t)((unsigned long)hipart + (unsigned long)(long)v +
                      ((unsigned long)(long)expo << 15));
    }
    return x == -1 ? -2 : x;
}

/* ---- arithmetic ------------------------------------------------------ */

py_object_t *py_float_div(double a, double b)
{
    if (b == 0.0) {
        py_err_set_string(py_exc_ZeroDivisionError_type, "float division by zero");
        return NULL;
    }
    return py_float_from_double(a / b);
}

py_object_t *py_float_mod(double a, double b)
{
    if (b == 0.0) {
        py_err_set_string(py_exc_ZeroDivisionError_type, "float modulo");
        return NULL;
    }
    double mod = fmod(a, b);
    if (mod != 0.0) {
        /* The remainder takes the divisor's sign. */
        if ((b < 0) != (mod < 0))
            mod += b;
    } else {
        mod = copysign(0.0, b);
    }
    return py_float_from_double(mod);
}

/* CPython 2.7's float_divmod: floor quotient and remainder. */
static bool float_divmod_values(double a, double b, double *qout, double *rout)
{
    if (b == 0.0) {
        py_err_set_string(py_exc_ZeroDivisionError_type, "float divmod()");
        return false;
    }
    double mod = fmod(a, b);
    /* fmod is exact, so a - mod is an exact multiple of b (up to
       rounding of the division below). */
    double div = (a - mod) / b;
    if (mod != 0.0) {
        if ((b < 0) != (mod < 0)) {
            mod += b;
            div -= 1.0;
        }
    } else {
        mod = copysign(0.0, b);
    }
    double floordiv;
    if (div != 0.0) {
        floordiv = floor(div);
        if (div - floordiv > 0.5)
            floordiv += 1.0;
    } else {
        floordiv = copysign(0.0, a / b);
    }
    *qout = floordiv;
    *rout = mod;
    return true;
}

py_object_t *py_float_floordiv(double a, double b)
{
    double q, r;
    if (!float_divmod_values(a, b, &q, &r))
        return NULL;
    return py_float_from_double(q);
}

py_object_t *py_float_divmod(double a, double b)
{
    double q, r;
    if (!float_divmod_values(a, b, &q, &r))
        return NULL;
    py_object_t *items[2];
    items[0] = py_float_from_double(q);
    items[1] = items[0] ? py_float_from_double(r) : NULL;
    return items[1] ? py_tuple_pack(2, items) : NULL;
}

static bool is_odd_integer(double x)
{
    return fmod(fabs(x), 2.0) == 1.0;
}

py_object_t *py_float_pow(double iv, double iw)
{
    /* The special cases, in CPython 2.7's order (C99 Annex F, with
       Python's errors where C would return inf or nan). */
    if (iw == 0.0)
        return py_float_from_double(1.0);
    if (isnan(iv))
        return py_float_from_double(iv);
    if (isnan(iw))
        return py_float_from_double(iv == 1.0 ? 1.0 : iw);
    if (isinf(iw)) {
        double av = fabs(iv);
        if (av == 1.0)
            return py_float_from_double(1.0);
        if ((iw > 0) == (av > 1.0))
            return py_float_from_double(fabs(iw));
        return py_float_from_double(0.0);
    }
    if (isinf(iv)) {
        bool odd = is_odd_integer(iw);
        if (iw > 0)
            return py_float_from_double(odd ? iv : fabs(iv));
        return py_float_from_double(odd ? copysign(0.0, iv) : 0.0);
    }
    if (iv == 0.0) {
        bool odd = is_odd_integer(iw);
        if (iw < 0.0) {
            py_err_set_string(py_exc_ZeroDivisionError_type,
                              "0.0 cannot be raised to a negative power");
            return NULL;
        }
        return py_float_from_double(odd ? iv : 0.0);
    }
    bool negate = false;
    if (iv < 0.0) {
        if (iw != floor(iw)) {
            py_err_set_string(py_exc_ValueError_type,
                              "negative number cannot be raised to a "
                              "fractional power");
            return NULL;
        }
        iv = -iv;
        negate = is_odd_integer(iw);
    }
    if (iv == 1.0)
        return py_float_from_double(negate ? -1.0 : 1.0);
    errno = 0;
    double ix = pow(iv, iw);
    if (negate)
        ix = -ix;
    /* As Py_ADJUST_ERANGE1: overflow is an error, underflow is not. */
    if (errno == 0 && isinf(ix))
        errno = ERANGE;
    else if (errno == ERANGE && ix == 0.0)
        errno = 0;
    if (errno) {
        bool range = errno == ERANGE;
        errno = 0;
        if (range)
            py_err_set_string(py_exc_OverflowError_type,
                              "(34, 'Numerical result out of range')");
        else
            py_err_set_string(py_exc_ValueError_type,
                              "(33, 'Numerical argument out of domain')");
        return NULL;
    }
    return py_float_from_double(ix);
}

/* ---- slots ----------------------------------------------------------- */

py_object_t *py_float_richcompare(py_object_t *a, py_object_t *b, int op)
{
    if (!py_float_check(a))
        return py_NotImplemented;
    double x = py_float_value(a);
    int c;
    if (py_float_check(b)) {
        double y = py_float_value(b);
        c = (isnan(x) || isnan(y)) ? 2 : (x > y) - (x < y);
    } else if (py_int_check(b) || py_long_check(b)) {
        c = py_long_compare_double(b, x);
        if (c != 2)
            c = -c;
    } else {
        return py_NotImplemented;
    }
    return py_cmp_result(c, op);
}

static int64_t float_hash(py_object_t *o)
{
    return py_float_hash_value(py_float_value(o));
}

static int float_nonzero(py_object_t *o)
{
    return py_float_value(o) != 0.0;
}

const py_type_spec_t py_float_spec = {
    .name = "float",
    .basicsize = sizeof(py_float_t),
    .flags = PY_TPFLAG_IMMUTABLE | PY_TPFLAG_BASETYPE,
    .base = &py_object_type,
    .repr = py_float_repr,
    .str = py_float_str,
    .hash = float_hash,
    .richcompare = py_float_richcompare,
    .nonzero = float_nonzero,
    .doc = "float(x) -> floating point number\n\n"
           "Convert a string or number to a floating point number, if "
           "possible.",
};
