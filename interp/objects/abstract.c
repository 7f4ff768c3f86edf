/* abstract.c -- binary and unary operators on the built-in types, as
 * CPython 2.7's PyNumber_* and sequence helpers (Objects/abstract.c)
 * combined with each type's slots: numbers are coerced along
 * int < long < float < complex (bool is an int), str/unicode/tuple/list
 * get concatenation, repetition and indexing, dict indexing, sets the
 * | & - ^ operators, str/unicode the % formatting.  Types whose operators are
 * not written yet (user classes, subclasses of list and set) raise
 * NotImplementedError rather than a wrong TypeError.
 */
#include "interp/objects/abstract.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "interp/errors.h"
#include "interp/objects/boolobject.h"
#include "interp/objects/complexobject.h"
#include "interp/objects/dictobject.h"
#include "interp/objects/floatobject.h"
#include "interp/objects/intobject.h"
#include "interp/objects/listobject.h"
#include "interp/objects/longobject.h"
#include "interp/objects/noneobject.h"
#include "interp/objects/percentformat.h"
#include "interp/objects/setobject.h"
#include "interp/objects/stringobject.h"
#include "interp/objects/tupleobject.h"
#include "interp/objects/unicodeobject.h"

/* Numeric kinds in coercion order. */
typedef enum { K_INT, K_LONG, K_FLOAT, K_COMPLEX, K_OTHER } kind_t;

static kind_t kind_of(py_object_t *o)
{
    if (py_int_check(o))
        return K_INT;
    if (py_long_check(o))
        return K_LONG;
    if (py_float_check(o))
        return K_FLOAT;
    if (py_complex_check(o))
        return K_COMPLEX;
    return K_OTHER;
}

static const char *const binop_symbols[] = {
    [PY_BINOP_ADD] = "+",        [PY_BINOP_SUB] = "-",
    [PY_BINOP_MUL] = "*",        [PY_BINOP_DIV] = "/",
    [PY_BINOP_TRUEDIV] = "/",    [PY_BINOP_FLOORDIV] = "//",
    [PY_BINOP_MOD] = "%",        [PY_BINOP_POW] = "** or pow()",
    [PY_BINOP_LSHIFT] = "<<",    [PY_BINOP_RSHIFT] = ">>",
    [PY_BINOP_AND] = "&",        [PY_BINOP_XOR] = "^",
    [PY_BINOP_OR] = "|",         [PY_BINOP_SUBSCR] = "[]",
};

const char *py_binop_symbol(py_binop_t op)
{
    if ((unsigned)op >= sizeof binop_symbols / sizeof binop_symbols[0])
        return "?";
    return binop_symbols[op];
}

static const char *type_name(py_object_t *o)
{
    return py_type_of(o)->tp_name;
}

static py_object_t *unsupported(const char *sym, py_object_t *a, py_object_t *b)
{
    return py_err_format(py_exc_TypeError_type,
                         "unsupported operand type(s) for %s: '%.100s' and '%.100s'",
                         sym, type_name(a), type_name(b));
}

/* A double from an int, long or float (long may raise OverflowError). */
static bool as_double(py_object_t *o, kind_t k, double *out)
{
    if (k == K_FLOAT) {
        *out = py_float_value(o);
        return true;
    }
    if (k == K_INT) {
        *out = (double)py_int_value(o);
        return true;
    }
    double d = py_long_as_double(o);
    if (d == -1.0 && py_err_occurred())
        return false;
    *out = d;
    return true;
}

/* ---- numbers --------------------------------------------------------- */

static py_object_t *int_binop(py_binop_t op, py_object_t *ao, py_object_t *bo)
{
    long a = py_int_value(ao), b = py_int_value(bo);
    switch (op) {
    case PY_BINOP_ADD:      return py_int_add(a, b);
    case PY_BINOP_SUB:      return py_int_sub(a, b);
    case PY_BINOP_MUL:      return py_int_mul(a, b);
    case PY_BINOP_DIV:
    case PY_BINOP_FLOORDIV: return py_int_floordiv(a, b);
    case PY_BINOP_TRUEDIV:  return py_int_truediv(a, b);
    case PY_BINOP_MOD:      return py_int_mod(a, b);
    case PY_BINOP_POW:      return py_int_pow(a, b);
    case PY_BINOP_LSHIFT:   return py_int_lshift(a, b);
    case PY_BINOP_RSHIFT:   return py_int_rshift(a, b);
    default:
        break;
    }
    /* & | ^ of two bools is a bool (True & False is False). */
    long r = op == PY_BINOP_AND ? (a & b) : op == PY_BINOP_OR ? (a | b) : (a ^ b);
    if (py_bool_check(ao) && py_bool_check(bo))
        return py_bool_from_bool(r != 0);
    return py_int_from_long(r);
}

static py_object_t *long_binop(py_binop_t op, py_object_t *a, py_object_t *b)
{
    switch (op) {
    case PY_BINOP_ADD:      return py_long_add(a, b);
    case PY_BINOP_SUB:      return py_long_sub(a, b);
    case PY_BINOP_MUL:      return py_long_mul(a, b);
    case PY_BINOP_DIV:
    case PY_BINOP_FLOORDIV: return py_long_floordiv(a, b);
    case PY_BINOP_TRUEDIV:  return py_long_truediv(a, b);
    case PY_BINOP_MOD:      return py_long_mod(a, b);
    case PY_BINOP_POW:      return py_long_pow(a, b);
    case PY_BINOP_LSHIFT:   return py_long_lshift(a, b);
    case PY_BINOP_RSHIFT:   return py_long_rshift(a, b);
    case PY_BINOP_AND:      return py_long_and(a, b);
    case PY_BINOP_OR:       return py_long_or(a, b);
    case PY_BINOP_XOR:      return py_long_xor(a, b);
    default:                return py_err_bad_internal_call();
    }
}

static py_object_t *float_binop(py_binop_t op, double a, double b)
{
    switch (op) {
    case PY_BINOP_ADD:      return py_float_from_double(a + b);
    case PY_BINOP_SUB:      return py_float_from_double(a - b);
    case PY_BINOP_MUL:      return py_float_from_double(a * b);
    case PY_BINOP_DIV:
    case PY_BINOP_TRUEDIV:  return py_float_div(a, b);
    case PY_BINOP_FLOORDIV: return py_float_floordiv(a, b);
    case PY_BINOP_MOD:      return py_float_mod(a, b);
    case PY_BINOP_POW:      return py_float_pow(a, b);
    default:                return py_err_bad_internal_call();
    }
}

static py_object_t *complex_binop(py_binop_t op, double ar, double ai,
                                  double br, double bi)
{
    switch (op) {
    case PY_BINOP_ADD:      return py_complex_add(ar, ai, br, bi);
    case PY_BINOP_SUB:      return py_complex_sub(ar, ai, br, bi);
    case PY_BINOP_MUL:      return py_complex_mul(ar, ai, br, bi);
    case PY_BINOP_DIV:
    case PY_BINOP_TRUEDIV:  return py_complex_div(ar, ai, br, bi);
    case PY_BINOP_FLOORDIV: return py_complex_floordiv(ar, ai, br, bi);
    case PY_BINOP_MOD:      return py_complex_mod(ar, ai, br, bi);
    case PY_BINOP_POW:      return py_complex_pow(ar, ai, br, bi);
    default:                return py_err_bad_internal_call();
    }
}

static bool as_complex(py_object_t *o, kind_t k, double *re, double *im)
{
    if (k == K_COMPLEX) {
        py_complex_value(o, re, im);
        return true;
    }
    *im = 0.0;
    return as_double(o, k, re);
}

static bool is_bit_op(py_binop_t op)
{
    return op == PY_BINOP_LSHIFT || op == PY_BINOP_RSHIFT ||
           op == PY_BINOP_AND || op == PY_BINOP_OR || op == PY_BINOP_XOR;
}

static py_object_t *number_binop(py_binop_t op, py_object_t *a, kind_t ka,
                                 py_object_t *b, kind_t kb)
{
    kind_t k = ka > kb ? ka : kb;
    if (k == K_INT)
        return int_binop(op, a, b);
    if (k == K_LONG)
        return long_binop(op, a, b);
    if (is_bit_op(op))
        return unsupported(py_binop_symbol(op), a, b);
    if (k == K_FLOAT) {
        double x, y;
        if (!as_double(a, ka, &x) || !as_double(b, kb, &y))
            return NULL;
        return float_binop(op, x, y);
    }
    double ar, ai, br, bi;
    if (!as_complex(a, ka, &ar, &ai) || !as_complex(b, kb, &br, &bi))
        return NULL;
    return complex_binop(op, ar, ai, br, bi);
}

/* ---- sequences ------------------------------------------------------- */

/* A repetition or index count from int or long O into *OUT (saturated to
   the C long range); false with OverflowError/IndexError (ERR) set when
   it does not fit. */
static bool index_value(py_object_t *o, long *out, py_type_t *err)
{
    if (py_int_check(o)) {
        *out = py_int_value(o);
        return true;
    }
    if (py_long_to_long(o, out) == 0)
        return true;
    py_err_set_string(err, "cannot fit 'long' into an index-sized integer");
    return false;
}

/* str -> unicode by ASCII decoding (Python 2's implicit coercion). */
static py_object_t *str_to_unicode(py_object_t *s)
{
    const unsigned char *p = (const unsigned char *)py_str_data(s);
    size_t n = py_str_len(s);
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

static py_object_t *seq_concat(py_object_t *a, py_object_t *b)
{
    if (py_str_check(a) && py_str_check(b))
        return py_str_concat(a, b);
    if ((py_unicode_check(a) || py_str_check(a)) &&
        (py_unicode_check(b) || py_str_check(b))) {
        py_object_t *ua = py_unicode_check(a) ? a : str_to_unicode(a);
        py_object_t *ub = ua && py_unicode_check(b) ? b : ua ? str_to_unicode(b) : NULL;
        return ub ? py_unicode_concat(ua, ub) : NULL;
    }
    if (py_tuple_check(a) && py_tuple_check(b)) {
        size_t na = py_tuple_size(a), nb = py_tuple_size(b);
        if (nb == 0 && py_tuple_check_exact(a))
            return a;
        if (na == 0 && py_tuple_check_exact(b))
            return b;
        py_object_t *t = py_tuple_new(na + nb);
        if (!t)
            return NULL;
        for (size_t i = 0; i < na; i++)
            py_tuple_init_item(t, i, py_tuple_get_item(a, i));
        for (size_t i = 0; i < nb; i++)
            py_tuple_init_item(t, na + i, py_tuple_get_item(b, i));
        return t;
    }
    if (py_str_check(a))
        return py_err_format(py_exc_TypeError_type,
                             "cannot concatenate 'str' and '%.100s' objects",
                             type_name(b));
    if (py_unicode_check(a))
        return py_err_format(py_exc_TypeError_type,
                             "coercing to Unicode: need string or buffer, "
                             "%.100s found", type_name(b));
    return py_err_format(py_exc_TypeError_type,
                         "can only concatenate tuple (not \"%.100s\") to tuple",
                         type_name(b));
}

/* Largest repetition result we try to allocate (bytes or items): beyond
   any heap we reserve, so MemoryError without asking the allocator. */
#define MAX_SEQ_BYTES ((size_t)1 << 46)

static py_object_t *seq_repeat(py_object_t *seq, py_object_t *count)
{
    if (!py_int_check(count) && !py_long_check(count))
        return py_err_format(py_exc_TypeError_type,
                             "can't multiply sequence by non-int of type '%.100s'",
                             type_name(count));
    long c;
    if (!index_value(count, &c, py_exc_OverflowError_type))
        return NULL;
    size_t k = c < 0 ? 0 : (size_t)c;
    if (py_str_check(seq)) {
        size_t n = py_str_len(seq);
        if (n && k > (size_t)INT64_MAX / n)
            return py_err_format(py_exc_OverflowError_type,
                                 "repeated string is too long");
        if (n * k > MAX_SEQ_BYTES)
            return py_err_no_memory();
        if (k == 1 && py_str_check_exact(seq))
            return seq;
        py_object_t *r = py_str_new_uninit(n * k);
        if (!r)
            return NULL;
        char *w = py_str_writable_data(r);
        const char *s = py_str_data(seq);
        for (size_t i = 0; i < k; i++)
            memcpy(w + i * n, s, n);
        return r;
    }
    if (py_unicode_check(seq)) {
        size_t n = py_unicode_len(seq);
        if (n && k > (size_t)INT64_MAX / n / sizeof(uint32_t))
            return py_err_format(py_exc_OverflowError_type,
                                 "repeated string is too long");
        if (n * k * sizeof(uint32_t) > MAX_SEQ_BYTES)
            return py_err_no_memory();
        py_object_t *r = py_unicode_new_uninit(n * k);
        if (!r)
            return NULL;
        uint32_t *w = py_unicode_writable_data(r);
        const uint32_t *s = py_unicode_data(seq);
        for (size_t i = 0; i < k; i++)
            memcpy(w + i * n, s, n * sizeof(uint32_t));
        return r;
    }
    /* tuple */
    size_t n = py_tuple_size(seq);
    if (n && k > MAX_SEQ_BYTES / sizeof(void *) / n)
        return py_err_no_memory();
    if ((k == 1 || n == 0) && py_tuple_check_exact(seq))
        return seq;
    py_object_t *r = py_tuple_new(n * k);
    if (!r)
        return NULL;
    for (size_t i = 0; i < k; i++) {
        for (size_t j = 0; j < n; j++)
            py_tuple_init_item(r, i * n + j, py_tuple_get_item(seq, j));
    }
    return r;
}

static py_object_t *seq_subscr(py_object_t *seq, py_object_t *index)
{
    bool is_str = py_str_check(seq), is_uni = py_unicode_check(seq);
    if (!py_int_check(index) && !py_long_check(index)) {
        if (is_uni)
            return py_err_format(py_exc_TypeError_type,
                                 "string indices must be integers");
        return py_err_format(py_exc_TypeError_type,
                             "%s indices must be integers, not %.100s",
                             is_str ? "string" : "tuple", type_name(index));
    }
    long i;
    if (!index_value(index, &i, py_exc_IndexError_type))
        return NULL;
    size_t n = is_str ? py_str_len(seq) : is_uni ? py_unicode_len(seq)
                                                 : py_tuple_size(seq);
    if (i < 0)
        i += (long)n;
    if (i < 0 || (size_t)i >= n)
        return py_err_format(py_exc_IndexError_type, "%s index out of range",
                             is_str || is_uni ? "string" : "tuple");
    if (is_str)
        return py_str_from_bytes(py_str_data(seq) + i, 1);
    if (is_uni)
        return py_unicode_from_ucs4(py_unicode_data(seq) + i, 1);
    return py_tuple_get_item(seq, (size_t)i);
}

static bool is_seq(py_object_t *o)
{
    return py_str_check(o) || py_unicode_check(o) || py_tuple_check(o);
}

/* Operands whose operators this file does not implement yet: subclasses
   of list and set (their reflected operators and user overrides need
   the eval loop). */
static bool not_written(py_object_t *o)
{
    return (py_list_check(o) && !py_list_check_exact(o)) ||
           (py_anyset_check(o) && !py_set_check_exact(o) &&
            !py_frozenset_check_exact(o));
}

static py_object_t *not_implemented(const char *sym, py_object_t *a, py_object_t *b)
{
    return py_err_format(py_exc_NotImplementedError_type,
                         "operator %s on '%.100s' and '%.100s' is not "
                         "implemented yet", sym, type_name(a), type_name(b));
}

/* ---- lists and sets --------------------------------------------------- */

static py_object_t *list_concat(py_object_t *a, py_object_t *b)
{
    if (!py_list_check(b))
        return py_err_format(py_exc_TypeError_type,
                             "can only concatenate list (not \"%.100s\") to list",
                             type_name(b));
    size_t na = py_list_size(a), nb = py_list_size(b);
    py_object_t *r = py_list_new(na + nb);
    if (!r)
        return NULL;
    for (size_t i = 0; i < na + nb; i++) {
        py_object_t *item = i < na ? py_list_get_item(a, i) : py_list_get_item(b, i - na);
        if (!item || py_list_set_item(r, i, item))
            return NULL;
    }
    return r;
}

static py_object_t *list_repeat(py_object_t *l, py_object_t *count)
{
    if (!py_int_check(count) && !py_long_check(count))
        return py_err_format(py_exc_TypeError_type,
                             "can't multiply sequence by non-int of type '%.100s'",
                             type_name(count));
    long c;
    if (!index_value(count, &c, py_exc_OverflowError_type))
        return NULL;
    size_t k = c < 0 ? 0 : (size_t)c, n = py_list_size(l);
    if (n && k > MAX_SEQ_BYTES / sizeof(void *) / n)
        return py_err_no_memory();
    py_object_t *r = py_list_new(n * k);
    if (!r)
        return NULL;
    for (size_t j = 0; j < n; j++) {
        py_object_t *item = py_list_get_item(l, j);
        if (!item)
            return NULL;
        for (size_t i = 0; i < k; i++) {
            if (py_list_set_item(r, i * n + j, item))
                return NULL;
        }
    }
    return r;
}

static py_object_t *list_subscr(py_object_t *l, py_object_t *index)
{
    if (!py_int_check(index) && !py_long_check(index))
        return py_err_format(py_exc_TypeError_type,
                             "list indices must be integers, not %.100s",
                             type_name(index));
    long i;
    if (!index_value(index, &i, py_exc_IndexError_type))
        return NULL;
    size_t n = py_list_size(l);
    if (i < 0)
        i += (long)n;
    if (i < 0 || (size_t)i >= n)
        return py_err_format(py_exc_IndexError_type, "list index out of range");
    return py_list_get_item(l, (size_t)i);
}

/* A | B, A & B, A - B, A ^ B of two sets; the result has A's kind (set
   or frozenset).  Intersection walks the smaller operand, as CPython. */
static py_object_t *set_binop(py_binop_t op, py_object_t *a, py_object_t *b)
{
    bool frozen = py_frozenset_check(a);
    py_object_t *r = frozen ? py_frozenset_new() : py_set_new();
    if (!r)
        return NULL;
    py_object_t *key;
    size_t pos;
    switch (op) {
    case PY_BINOP_OR:
        for (int side = 0; side < 2; side++) {
            py_object_t *src = side ? b : a;
            for (pos = 0; py_set_next(src, &pos, &key);) {
                if (py_set_add(r, key))
                    return NULL;
            }
        }
        return r;
    case PY_BINOP_AND: {
        py_object_t *small = a, *big = b;
        if (py_set_size(a) > py_set_size(b)) {
            small = b;
            big = a;
        }
        for (pos = 0; py_set_next(small, &pos, &key);) {
            int in = py_set_contains(big, key);
            if (in < 0 || (in && py_set_add(r, key)))
                return NULL;
        }
        return r;
    }
    case PY_BINOP_SUB:
    case PY_BINOP_XOR:
        for (int side = 0; side < (op == PY_BINOP_XOR ? 2 : 1); side++) {
            py_object_t *src = side ? b : a, *other = side ? a : b;
            for (pos = 0; py_set_next(src, &pos, &key);) {
                int in = py_set_contains(other, key);
                if (in < 0 || (!in && py_set_add(r, key)))
                    return NULL;
            }
        }
        return r;
    default:
        return unsupported(py_binop_symbol(op), a, b);
    }
}

/* ---- entry points ---------------------------------------------------- */

py_object_t *py_binary_op(py_binop_t op, py_object_t *a, py_object_t *b)
{
    if ((unsigned)op > PY_BINOP_SUBSCR)
        return py_err_bad_internal_call();
    if (op == PY_BINOP_SUBSCR) {
        if (is_seq(a))
            return seq_subscr(a, b);
        if (py_list_check_exact(a))
            return list_subscr(a, b);
        if (py_type_of(a) == py_dict_type) {
            py_object_t *v;
            int found = py_dict_lookup(a, b, &v);
            if (found < 0)
                return NULL;
            if (!found) {
                py_err_set_object(py_exc_KeyError_type, b);
                return NULL;
            }
            return v;
        }
        if (not_written(a))
            return not_implemented("[]", a, b);
        if (py_anyset_check(a))
            return py_err_format(py_exc_TypeError_type,
                                 "'%.100s' object does not support indexing",
                                 type_name(a));
        return py_err_format(py_exc_TypeError_type,
                             "'%.100s' object has no attribute '__getitem__'",
                             type_name(a));
    }
    /* Fast paths: exact ints, exact floats. */
    py_type_t *ta = py_type_of(a), *tb = py_type_of(b);
    if (ta == py_int_type && tb == py_int_type)
        return int_binop(op, a, b);
    if (ta == py_float_type && tb == py_float_type && !is_bit_op(op))
        return float_binop(op, py_float_value(a), py_float_value(b));
    kind_t ka = kind_of(a), kb = kind_of(b);
    if (ka != K_OTHER && kb != K_OTHER)
        return number_binop(op, a, ka, b, kb);
    if (op == PY_BINOP_ADD && is_seq(a))
        return seq_concat(a, b);
    if (op == PY_BINOP_ADD && py_list_check_exact(a))
        return list_concat(a, b);
    if (op == PY_BINOP_MUL) {
        /* As PyNumber_Multiply: a sequence on either side repeats, and
           the other operand must be an integer. */
        if (is_seq(a))
            return seq_repeat(a, b);
        if (py_list_check_exact(a))
            return list_repeat(a, b);
        if (is_seq(b))
            return seq_repeat(b, a);
        if (py_list_check_exact(b))
            return list_repeat(b, a);
    }
    if (op == PY_BINOP_MOD && (py_str_check(a) || py_unicode_check(a)))
        return py_percent_format(a, b);
    if (py_anyset_check(a) && py_anyset_check(b) && !not_written(a) && !not_written(b) &&
        (op == PY_BINOP_OR || op == PY_BINOP_AND || op == PY_BINOP_SUB ||
         op == PY_BINOP_XOR))
        return set_binop(op, a, b);
    if (not_written(a) || not_written(b))
        return not_implemented(py_binop_symbol(op), a, b);
    return unsupported(py_binop_symbol(op), a, b);
}

static py_object_t *bad_unary(const char *sym, py_object_t *a)
{
    return py_err_format(py_exc_TypeError_type,
                         "bad operand type for %s: '%.100s'", sym, type_name(a));
}

py_object_t *py_unary_op(py_unop_t op, py_object_t *a)
{
    if (op == PY_UNOP_NOT) {
        int t = py_object_is_true(a);
        return t < 0 ? NULL : py_bool_from_bool(!t);
    }
    kind_t k = kind_of(a);
    switch (op) {
    case PY_UNOP_NEG:
        switch (k) {
        case K_INT:     return py_int_neg(py_int_value(a));
        case K_LONG:    return py_long_neg(a);
        case K_FLOAT:   return py_float_from_double(-py_float_value(a));
        case K_COMPLEX: {
            double re, im;
            py_complex_value(a, &re, &im);
            return py_complex_from_doubles(-re, -im);
        }
        default:        return bad_unary("unary -", a);
        }
    case PY_UNOP_POS:
        /* +x is x for the exact types; subtypes (bool) give the base. */
        switch (k) {
        case K_INT:
            return py_int_check_exact(a) ? a : py_int_from_long(py_int_value(a));
        case K_LONG:
            return py_type_of(a) == py_long_type ? a
                                                 : py_long_add(a, py_int_from_long(0));
        case K_FLOAT:
            return py_type_of(a) == py_float_type ? a
                                                  : py_float_from_double(py_float_value(a));
        case K_COMPLEX: {
            if (py_type_of(a) == py_complex_type)
                return a;
            double re, im;
            py_complex_value(a, &re, &im);
            return py_complex_from_doubles(re, im);
        }
        default:
            return bad_unary("unary +", a);
        }
    case PY_UNOP_INVERT:
        if (k == K_INT)
            return py_int_from_long(~py_int_value(a));
        if (k == K_LONG)
            return py_long_invert(a);
        return bad_unary("unary ~", a);
    default:
        return py_err_bad_internal_call();
    }
}

py_object_t *py_number_abs(py_object_t *a)
{
    switch (kind_of(a)) {
    case K_INT:   return py_int_abs(py_int_value(a));
    case K_LONG:  return py_long_abs(a);
    case K_FLOAT: return py_float_from_double(fabs(py_float_value(a)));
    case K_COMPLEX: {
        double re, im;
        py_complex_value(a, &re, &im);
        return py_complex_abs(re, im);
    }
    default:
        return bad_unary("abs()", a);
    }
}

py_object_t *py_number_divmod(py_object_t *a, py_object_t *b)
{
    kind_t ka = kind_of(a), kb = kind_of(b);
    if (ka == K_OTHER || kb == K_OTHER)
        return unsupported("divmod()", a, b);
    kind_t k = ka > kb ? ka : kb;
    if (k == K_INT)
        return py_int_divmod(py_int_value(a), py_int_value(b));
    if (k == K_LONG) {
        py_object_t *items[2];
        if (py_long_divmod(a, b, &items[0], &items[1]))
            return NULL;
        return py_tuple_pack(2, items);
    }
    if (k == K_FLOAT) {
        double x, y;
        if (!as_double(a, ka, &x) || !as_double(b, kb, &y))
            return NULL;
        return py_float_divmod(x, y);
    }
    double ar, ai, br, bi;
    if (!as_complex(a, ka, &ar, &ai) || !as_complex(b, kb, &br, &bi))
        return NULL;
    return py_complex_divmod(ar, ai, br, bi);
}

py_object_t *py_number_power(py_object_t *a, py_object_t *b, py_object_t *m)
{
    if (!m || m == py_None)
        return py_binary_op(PY_BINOP_POW, a, b);
    kind_t ka = kind_of(a), kb = kind_of(b), km = kind_of(m);
    if (ka == K_OTHER || kb == K_OTHER || km == K_OTHER)
        return py_err_format(py_exc_TypeError_type,
                             "unsupported operand type(s) for pow(): "
                             "'%.100s', '%.100s', '%.100s'",
                             type_name(a), type_name(b), type_name(m));
    if (ka == K_COMPLEX || kb == K_COMPLEX || km == K_COMPLEX)
        return py_err_format(py_exc_ValueError_type, "complex modulo");
    if (ka == K_FLOAT || kb == K_FLOAT || km == K_FLOAT)
        return py_err_format(py_exc_TypeError_type,
                             "pow() 3rd argument not allowed unless all "
                             "arguments are integers");
    py_object_t *r = py_long_pow_mod(a, b, m);
    /* Three ints give an int (the result is smaller than |m|). */
    if (r && ka == K_INT && kb == K_INT && km == K_INT)
        r = py_long_normalize_to_int(r);
    return r;
}

/* ---- conversions ----------------------------------------------------- */

/* The ASCII text of str or unicode O in a str (NULL and *NOT_TEXT when O
   is neither), for the string forms of int(), long(), float(). */
static py_object_t *ascii_text(py_object_t *o, bool *not_text)
{
    *not_text = false;
    if (py_str_check(o))
        return o;
    if (!py_unicode_check(o)) {
        *not_text = true;
        return NULL;
    }
    size_t n = py_unicode_len(o);
    const uint32_t *u = py_unicode_data(o);
    py_object_t *s = py_str_new_uninit(n);
    if (!s)
        return NULL;
    char *w = py_str_writable_data(s);
    for (size_t i = 0; i < n; i++) {
        if (u[i] >= 128)
            return py_err_format(py_exc_NotImplementedError_type,
                                 "non-ASCII digits in a unicode number are "
                                 "not supported yet");
        w[i] = (char)u[i];
    }
    return s;
}

static py_object_t *not_a_number(const char *who, py_object_t *o)
{
    return py_err_format(py_exc_TypeError_type,
                         "%s() argument must be a string or a number, not '%.200s'",
                         who, type_name(o));
}

py_object_t *py_number_int(py_object_t *o)
{
    switch (kind_of(o)) {
    case K_INT:
        return py_int_check_exact(o) ? o : py_int_from_long(py_int_value(o));
    case K_LONG:
        return py_long_normalize_to_int(o);
    case K_FLOAT: {
        double d = py_float_value(o);
        if (d > -9.2e18 && d < 9.2e18)
            return py_int_from_long((long)d);
        py_object_t *l = py_long_from_double(d);
        return l ? py_long_normalize_to_int(l) : NULL;
    }
    case K_COMPLEX:
        return py_err_format(py_exc_TypeError_type, "can't convert complex to int");
    default:
        break;
    }
    bool not_text;
    py_object_t *s = ascii_text(o, &not_text);
    if (not_text)
        return not_a_number("int", o);
    return s ? py_int_from_string(py_str_data(s), py_str_len(s), 10) : NULL;
}

py_object_t *py_number_long(py_object_t *o)
{
    switch (kind_of(o)) {
    case K_INT:
        return py_long_from_long(py_int_value(o));
    case K_LONG:
        return py_type_of(o) == py_long_type ? o : py_long_add(o, py_int_from_long(0));
    case K_FLOAT:
        return py_long_from_double(py_float_value(o));
    case K_COMPLEX:
        return py_err_format(py_exc_TypeError_type, "can't convert complex to long");
    default:
        break;
    }
    bool not_text;
    py_object_t *s = ascii_text(o, &not_text);
    if (not_text)
        return not_a_number("long", o);
    return s ? py_long_from_string(py_str_data(s), py_str_len(s), 10) : NULL;
}

py_object_t *py_number_float(py_object_t *o)
{
    kind_t k = kind_of(o);
    if (k == K_FLOAT && py_type_of(o) == py_float_type)
        return o;
    if (k == K_INT || k == K_LONG || k == K_FLOAT) {
        double d;
        return as_double(o, k, &d) ? py_float_from_double(d) : NULL;
    }
    if (k == K_COMPLEX)
        return py_err_format(py_exc_TypeError_type, "can't convert complex to float");
    bool not_text;
    py_object_t *s = ascii_text(o, &not_text);
    if (not_text)
        return py_err_format(py_exc_TypeError_type,
                             "float() argument must be a string or a number");
    return s ? py_float_from_string(py_str_data(s), py_str_len(s)) : NULL;
}

/* ---- hex, oct, bin, round --------------------------------------------- */

/* PREFIX + digits of |O| in BASE + SUFFIX, with '-' first for negatives. */
static py_object_t *based_text(py_object_t *o, int base, const char *prefix,
                               bool suffix_l)
{
    py_object_t *digits = py_long_format(o, base);
    if (!digits)
        return NULL;
    const char *d = py_str_data(digits);
    bool neg = d[0] == '-';
    d += neg;
    /* oct(0) is "0", not "00". */
    if (base == 8 && d[0] == '0')
        prefix = "";
    return py_str_from_format("%s%s%s%s", neg ? "-" : "", prefix, d,
                              suffix_l ? "L" : "");
}

py_object_t *py_number_hex(py_object_t *o)
{
    kind_t k = kind_of(o);
    if (k != K_INT && k != K_LONG)
        return py_err_format(py_exc_TypeError_type,
                             "hex() argument can't be converted to hex");
    return based_text(o, 16, "0x", k == K_LONG);
}

py_object_t *py_number_oct(py_object_t *o)
{
    kind_t k = kind_of(o);
    if (k != K_INT && k != K_LONG)
        return py_err_format(py_exc_TypeError_type,
                             "oct() argument can't be converted to oct");
    return based_text(o, 8, "0", k == K_LONG);
}

py_object_t *py_number_bin(py_object_t *o)
{
    kind_t k = kind_of(o);
    if (k != K_INT && k != K_LONG)
        return py_err_format(py_exc_TypeError_type,
                             "'%.200s' object cannot be interpreted as an index",
                             type_name(o));
    return based_text(o, 2, "0b", false);
}

/* 10 ** N as a long (N >= 0). */
static py_object_t *pow10_long(long n)
{
    return py_long_pow(py_int_from_long(10), py_int_from_long(n));
}

static py_object_t *round_double(double x, long nd)
{
    /* Beyond these, rounding changes nothing / gives zero (CPython's
       NDIGITS_MAX and NDIGITS_MIN). */
    if (!isfinite(x) || x == 0.0 || nd > 323)
        return py_float_from_double(x);
    if (nd < -308)
        return py_float_from_double(0.0 * x);
    /* |x| = M * 2**E exactly, M a 53-bit integer.  Work with the exact
       rational |x| * 10**nd = num / den, round it half away from zero to
       an integer q, and read q * 10**-nd back correctly rounded: the
       same result as CPython's round-trip through decimal strings. */
    int e;
    double m = frexp(fabs(x), &e);
    long M = (long)ldexp(m, 53);
    long E = e - 53;
    py_object_t *num = py_long_from_long(M), *den = py_long_from_long(1);
    if (!num || !den)
        return NULL;
    py_object_t *shift = py_int_from_long(E >= 0 ? E : -E);
    if (E >= 0)
        num = py_long_lshift(num, shift);
    else
        den = py_long_lshift(den, shift);
    py_object_t *p10 = num && den ? pow10_long(nd >= 0 ? nd : -nd) : NULL;
    if (!p10)
        return NULL;
    if (nd >= 0)
        num = py_long_mul(num, p10);
    else
        den = py_long_mul(den, p10);
    if (!num || !den)
        return NULL;
    /* q = floor((2 num + den) / (2 den)) */
    py_object_t *two = py_int_from_long(2);
    py_object_t *n2 = py_long_mul(num, two);
    n2 = n2 ? py_long_add(n2, den) : NULL;
    py_object_t *d2 = n2 ? py_long_mul(den, two) : NULL;
    py_object_t *q = d2 ? py_long_floordiv(n2, d2) : NULL;
    if (!q)
        return NULL;
    double r;
    if (nd >= 0) {
        py_object_t *f = py_long_truediv(q, p10);
        if (!f)
            goto overflow;
        r = py_float_value(f);
    } else {
        py_object_t *v = py_long_mul(q, p10);
        if (!v)
            return NULL;
        r = py_long_as_double(v);
        if (r == -1.0 && py_err_occurred())
            goto overflow;
    }
    return py_float_from_double(copysign(r, x));
overflow:
    if (py_err_matches(py_exc_OverflowError_type)) {
        py_err_clear();
        py_err_set_string(py_exc_OverflowError_type,
                          "rounded value too large to represent");
    }
    return NULL;
}

py_object_t *py_number_round(py_object_t *x, long ndigits)
{
    kind_t k = kind_of(x);
    double d;
    if (k == K_COMPLEX)
        return py_err_format(py_exc_TypeError_type, "can't convert complex to float");
    if (k != K_INT && k != K_LONG && k != K_FLOAT)
        return py_err_format(py_exc_TypeError_type, "a float is required");
    if (!as_double(x, k, &d))
        return NULL;
    return round_double(d, ndigits);
}
