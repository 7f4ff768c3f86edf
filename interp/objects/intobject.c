/* intobject.c -- the int type: a C long with CPython 2.7's overflow to
 * long (Objects/intobject.c): every operation computes the exact result
 * and returns a long when it does not fit, so `sys.maxint + 1` is a long
 * while `-sys.maxint - 1` stays an int.
 */
#include "interp/objects/intobject.h"

#include <limits.h>
#include <string.h>

#include "interp/errors.h"
#include "interp/objects/abstract.h"
#include "interp/objects/floatobject.h"
#include "interp/objects/longobject.h"
#include "interp/objects/noneobject.h"
#include "interp/objects/stringobject.h"
#include "interp/objects/tupleobject.h"

/* The shared small ints, made by py_int_init; a GC root range.  Written
   once at start-up, read-only afterwards. */
static py_object_t *small_ints[PY_INT_SMALL_MAX - PY_INT_SMALL_MIN + 1];

py_object_t *py_int_new_of_type(py_type_t *type, long v)
{
    py_int_t *o = (py_int_t *)py_object_alloc(type, sizeof(py_int_t));
    if (!o)
        return NULL;
    o->value = v;
    return (py_object_t *)o;
}

py_object_t *py_int_from_long(long v)
{
    if (v >= PY_INT_SMALL_MIN && v <= PY_INT_SMALL_MAX) {
        py_object_t *o = small_ints[v - PY_INT_SMALL_MIN];
        if (o)
            return o;
    }
    return py_int_new_of_type(py_int_type, v);
}

int py_int_init(void)
{
    if (small_ints[0])
        return 0;
    gc_add_root_range(small_ints, small_ints + (sizeof small_ints / sizeof small_ints[0]));
    for (long v = PY_INT_SMALL_MIN; v <= PY_INT_SMALL_MAX; v++) {
        py_object_t *o = py_int_new_of_type(py_int_type, v);
        if (!o)
            return -1;
        small_ints[v - PY_INT_SMALL_MIN] = o;
    }
    return 0;
}

int py_int_format_decimal(long v, char *buf)
{
    char tmp[24];
    unsigned long m = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
    int n = 0;
    do {
        tmp[n++] = (char)('0' + m % 10);
        m /= 10;
    } while (m);
    int len = 0;
    if (v < 0)
        buf[len++] = '-';
    while (n > 0)
        buf[len++] = tmp[--n];
    buf[len] = '\0';
    return len;
}

/* ---- arithmetic ------------------------------------------------------ */

py_object_t *py_int_add(long a, long b)
{
    long r;
    if (__builtin_add_overflow(a, b, &r))
        return py_long_from_int128((__int128)a + b);
    return py_int_from_long(r);
}

py_object_t *py_int_sub(long a, long b)
{
    long r;
    if (__builtin_sub_overflow(a, b, &r))
        return py_long_from_int128((__int128)a - b);
    return py_int_from_long(r);
}

py_object_t *py_int_mul(long a, long b)
{
    long r;
    if (__builtin_mul_overflow(a, b, &r))
        return py_long_from_int128((__int128)a * b);
    return py_int_from_long(r);
}

static py_object_t *zero_division(void)
{
    py_err_set_string(py_exc_ZeroDivisionError_type,
                      "integer division or modulo by zero");
    return NULL;
}

/* Floor quotient and remainder; false for the one overflowing case
   (LONG_MIN / -1), which CPython 2.7 hands to long. */
static bool floor_divmod(long a, long b, long *q, long *r)
{
    if (b == -1 && a == LONG_MIN)
        return false;
    long qq = a / b, rr = a % b;
    if (rr && ((rr ^ b) < 0)) {
        rr += b;
        qq--;
    }
    *q = qq;
    *r = rr;
    return true;
}

py_object_t *py_int_floordiv(long a, long b)
{
    long q, r;
    if (b == 0)
        return zero_division();
    if (!floor_divmod(a, b, &q, &r))
        return py_long_from_int128(-(__int128)a);
    return py_int_from_long(q);
}

py_object_t *py_int_mod(long a, long b)
{
    long q, r;
    if (b == 0)
        return zero_division();
    if (!floor_divmod(a, b, &q, &r))
        return py_long_from_long(0);
    return py_int_from_long(r);
}

py_object_t *py_int_divmod(long a, long b)
{
    long q, r;
    py_object_t *qo, *ro;
    if (b == 0)
        return zero_division();
    if (!floor_divmod(a, b, &q, &r)) {
        qo = py_long_from_int128(-(__int128)a);
        ro = qo ? py_long_from_long(0) : NULL;
    } else {
        qo = py_int_from_long(q);
        ro = qo ? py_int_from_long(r) : NULL;
    }
    if (!ro)
        return NULL;
    py_object_t *items[2] = {qo, ro};
    return py_tuple_pack(2, items);
}

py_object_t *py_int_truediv(long a, long b)
{
    if (b == 0) {
        py_err_set_string(py_exc_ZeroDivisionError_type, "division by zero");
        return NULL;
    }
    const long lim = 1L << 53;
    if (a >= -lim && a <= lim && b >= -lim && b <= lim)
        return py_float_from_double((double)a / (double)b);
    /* Too wide for an exact double: long's correctly rounded division. */
    py_object_t *ao = py_int_from_long(a);
    py_object_t *bo = ao ? py_int_from_long(b) : NULL;
    return bo ? py_long_truediv(ao, bo) : NULL;
}

py_object_t *py_int_pow(long a, long b)
{
    if (b < 0)
        return py_float_pow((double)a, (double)b);
    /* Square-and-multiply with overflow checks; hand over to long on the
       first overflow. */
    long result = 1, base = a, e = b;
    bool overflow = false;
    while (e > 0) {
        if (e & 1) {
            if (__builtin_mul_overflow(result, base, &result)) {
                overflow = true;
                break;
            }
        }
        e >>= 1;
        if (e == 0)
            break;
        if (__builtin_mul_overflow(base, base, &base)) {
            overflow = true;
            break;
        }
    }
    if (!overflow)
        return py_int_from_long(result);
    py_object_t *ao = py_int_from_long(a);
    py_object_t *bo = ao ? py_int_from_long(b) : NULL;
    return bo ? py_long_pow(ao, bo) : NULL;
}

static py_object_t *negative_shift(void)
{
    py_err_set_string(py_exc_ValueError_type, "negative shift count");
    return NULL;
}

py_object_t *py_int_lshift(long a, long b)
{
    if (b < 0)
        return negative_shift();
    if (a == 0 || b == 0)
        return py_int_from_long(a);
    if (b < 64) {
        long c = (long)((unsigned long)a << b);
        if ((c >> b) == a)
            return py_int_from_long(c);
    }
    py_object_t *ao = py_int_from_long(a);
    py_object_t *bo = ao ? py_int_from_long(b) : NULL;
    return bo ? py_long_lshift(ao, bo) : NULL;
}

py_object_t *py_int_rshift(long a, long b)
{
    if (b < 0)
        return negative_shift();
    if (b >= 64)
        return py_int_from_long(a < 0 ? -1 : 0);
    return py_int_from_long(a >> b);
}

py_object_t *py_int_neg(long a)
{
    if (a == LONG_MIN)
        return py_long_from_int128(-(__int128)a);
    return py_int_from_long(-a);
}

py_object_t *py_int_abs(long a)
{
    return a < 0 ? py_int_neg(a) : py_int_from_long(a);
}

/* ---- slots ----------------------------------------------------------- */

py_object_t *py_int_richcompare(py_object_t *a, py_object_t *b, int op)
{
    if (!py_int_check(a))
        return py_NotImplemented;
    int c;
    if (py_int_check(b)) {
        long x = py_int_value(a), y = py_int_value(b);
        c = (x > y) - (x < y);
    } else if (py_long_check(b)) {
        c = py_long_compare(a, b);
    } else if (py_float_check(b)) {
        c = py_long_compare_double(a, py_float_value(b));
    } else {
        return py_NotImplemented;
    }
    return py_cmp_result(c, op);
}

static py_object_t *int_repr(py_object_t *o)
{
    char buf[24];
    int n = py_int_format_decimal(py_int_value(o), buf);
    return py_str_from_bytes(buf, (size_t)n);
}

static int64_t int_hash(py_object_t *o)
{
    return py_int_hash_value(py_int_value(o));
}

static int int_nonzero(py_object_t *o)
{
    return py_int_value(o) != 0;
}

const py_type_spec_t py_int_spec = {
    .name = "int",
    .basicsize = sizeof(py_int_t),
    .flags = PY_TPFLAG_IMMUTABLE | PY_TPFLAG_BASETYPE,
    .base = &py_object_type,
    .repr = int_repr,
    .str = int_repr,
    .hash = int_hash,
    .richcompare = py_int_richcompare,
    .nonzero = int_nonzero,
    .doc = "int(x=0) -> int or long\n"
           "int(x, base=10) -> int or long\n\n"
           "Convert a number or string to an integer, or return 0 if no "
           "arguments\nare given.",
};
