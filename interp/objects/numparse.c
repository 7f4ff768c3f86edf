/* numparse.c -- numeric literals as CPython 2.7's parsenumber()
 * (Python/ast.c) reads them after the tokenizer has cut the token. */
#include "interp/objects/numparse.h"

#include <stdbool.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "interp/errors.h"
#include "interp/objects/complexobject.h"
#include "interp/objects/floatobject.h"
#include "interp/objects/intobject.h"
#include "interp/objects/longobject.h"
#include "interp/objects/stringobject.h"

static py_object_t *bad(const char *s, size_t n)
{
    return py_err_format(py_exc_ValueError_type,
                         "invalid numeric literal: '%.*s'",
                         (int)(n > 100 ? 100 : n), s);
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* True iff S[0..N) is a decimal float (or integer) literal body:
   digits [. digits] [e [+-] digits], at least one mantissa digit. */
static bool valid_float(const char *s, size_t n)
{
    size_t i = 0, mant = 0;
    while (i < n && is_digit(s[i]))
        i++, mant++;
    if (i < n && s[i] == '.') {
        i++;
        while (i < n && is_digit(s[i]))
            i++, mant++;
    }
    if (mant == 0)
        return false;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        size_t exp = 0;
        while (i < n && is_digit(s[i]))
            i++, exp++;
        if (exp == 0)
            return false;
    }
    return i == n;
}

/* strtod of S[0..N) (validated), without assuming a NUL after it. */
static bool parse_double(const char *s, size_t n, double *out)
{
    char local[128];
    if (n < sizeof local) {
        memcpy(local, s, n);
        local[n] = '\0';
        *out = strtod(local, NULL);
        return true;
    }
    /* Long literals: a GC-allocated copy (no malloc across safe points). */
    py_object_t *copy = py_str_from_bytes(s, n);
    if (!copy)
        return false;
    *out = strtod(py_str_data(copy), NULL);
    return true;
}

static int digit_of(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return 99;
}

py_object_t *py_number_from_literal(const char *s, size_t n)
{
    if (n == 0 || !s)
        return bad("", 0);
    char last = s[n - 1];
    if (last == 'j' || last == 'J') {
        double im;
        if (!valid_float(s, n - 1))
            return bad(s, n);
        if (!parse_double(s, n - 1, &im))
            return NULL;
        return py_complex_from_doubles(0.0, im);
    }
    bool is_long = last == 'l' || last == 'L';
    size_t len = is_long ? n - 1 : n;
    int base = 10;
    size_t start = 0;
    if (len >= 2 && s[0] == '0') {
        char c = (char)(s[1] | 0x20);
        if (c == 'x' || c == 'o' || c == 'b') {
            base = c == 'x' ? 16 : c == 'o' ? 8 : 2;
            start = 2;
            if (len == 2)
                return bad(s, n);
        }
    }
    if (base == 10) {
        /* Not a prefixed integer: float or decimal/old-octal integer. */
        bool is_float = false;
        for (size_t i = 0; i < len; i++) {
            if (s[i] == '.' || s[i] == 'e' || s[i] == 'E')
                is_float = true;
        }
        if (is_float) {
            double v;
            if (is_long || !valid_float(s, len))
                return bad(s, n);
            if (!parse_double(s, len, &v))
                return NULL;
            return py_float_from_double(v);
        }
        if (len > 1 && s[0] == '0')
            base = 8;
    }
    if (start == len)
        return bad(s, n);
    unsigned long acc = 0;
    bool overflow = false;
    for (size_t i = start; i < len; i++) {
        int d = digit_of(s[i]);
        if (d >= base)
            return bad(s, n);
        if (__builtin_mul_overflow(acc, (unsigned long)base, &acc) ||
            __builtin_add_overflow(acc, (unsigned long)d, &acc))
            overflow = true;
    }
    if (!is_long && !overflow && acc <= (unsigned long)LONG_MAX)
        return py_int_from_long((long)acc);
    if (!overflow)
        return py_long_from_ulong(acc);
    return py_long_from_string(s + start, len - start, base);
}
