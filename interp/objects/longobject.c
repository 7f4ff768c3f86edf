/* longobject.c -- the long type: construction, conversions to and from
 * text, doubles and marshal digits, comparison and hashing, with CPython
 * 2.7's semantics (Objects/longobject.c).  The arithmetic is in
 * longarith.c; the layout and magnitude kernels in longimpl.h.
 */
#include "interp/objects/longobject.h"

#include <math.h>
#include <string.h>

#include "interp/errors.h"
#include "interp/objects/abstract.h"
#include "interp/objects/boolobject.h"
#include "interp/objects/floatobject.h"
#include "interp/objects/intobject.h"
#include "interp/objects/longimpl.h"
#include "interp/objects/noneobject.h"
#include "interp/objects/stringobject.h"

/* ---- objects and views ----------------------------------------------- */

void py_long_view_of(py_object_t *o, py_long_view_t *v)
{
    if (py_long_check(o)) {
        const py_long_t *l = (const py_long_t *)o;
        v->neg = l->size < 0;
        v->n = (size_t)(l->size < 0 ? -l->size : l->size);
        v->d = l->d;
        return;
    }
    long x = py_int_value(o);
    unsigned long m = x < 0 ? 0UL - (unsigned long)x : (unsigned long)x;
    v->neg = x < 0;
    v->n = 0;
    while (m) {
        v->buf[v->n++] = (py_digit_t)(m & PY_LONG_MASK);
        m >>= PY_LONG_SHIFT;
    }
    v->d = v->buf;
}

py_long_t *py_long_alloc(size_t n)
{
    if (n > PY_LONG_MAX_DIGITS) {
        py_err_no_memory();
        return NULL;
    }
    return (py_long_t *)py_object_alloc(
        py_long_type, offsetof(py_long_t, d) + (n ? n : 1) * sizeof(py_digit_t));
}

py_object_t *py_long_finish(py_long_t *r, size_t n, bool neg)
{
    n = py_lmag_norm(r->d, n);
    r->size = neg ? -(int64_t)n : (int64_t)n;
    return (py_object_t *)r;
}

py_object_t *py_long_from_mag(const py_digit_t *d, size_t n, bool neg)
{
    n = py_lmag_norm(d, n);
    py_long_t *r = py_long_alloc(n);
    if (!r)
        return NULL;
    memcpy(r->d, d, n * sizeof(py_digit_t));
    return py_long_finish(r, n, neg);
}

/* ---- magnitude kernels ----------------------------------------------- */

int py_lmag_cmp(const py_digit_t *a, size_t na, const py_digit_t *b,
                size_t nb)
{
    if (na != nb)
        return na < nb ? -1 : 1;
    while (na-- > 0) {
        if (a[na] != b[na])
            return a[na] < b[na] ? -1 : 1;
    }
    return 0;
}

size_t py_lmag_add(const py_digit_t *a, size_t na, const py_digit_t *b,
                   size_t nb, py_digit_t *out)
{
    if (na < nb) {
        const py_digit_t *t = a; a = b; b = t;
        size_t tn = na; na = nb; nb = tn;
    }
    py_digit_t carry = 0;
    size_t i = 0;
    for (; i < nb; i++) {
        py_digit_t s = a[i] + b[i] + carry;
        out[i] = s & PY_LONG_MASK;
        carry = s >> PY_LONG_SHIFT;
    }
    for (; i < na; i++) {
        py_digit_t s = a[i] + carry;
        out[i] = s & PY_LONG_MASK;
        carry = s >> PY_LONG_SHIFT;
    }
    out[i] = carry;
    return py_lmag_norm(out, na + 1);
}

size_t py_lmag_sub(const py_digit_t *a, size_t na, const py_digit_t *b,
                   size_t nb, py_digit_t *out)
{
    py_digit_t borrow = 0;
    size_t i = 0;
    for (; i < nb; i++) {
        py_digit_t s = a[i] - b[i] - borrow;
        out[i] = s & PY_LONG_MASK;
        borrow = (s >> PY_LONG_SHIFT) & 1;   /* wrapped below zero */
    }
    for (; i < na; i++) {
        py_digit_t s = a[i] - borrow;
        out[i] = s & PY_LONG_MASK;
        borrow = (s >> PY_LONG_SHIFT) & 1;
    }
    return py_lmag_norm(out, na);
}

py_digit_t py_lmag_muladd1(py_digit_t *a, size_t n, py_digit_t m,
                           py_digit_t c)
{
    uint64_t carry = c;
    for (size_t i = 0; i < n; i++) {
        carry += (uint64_t)a[i] * m;
        a[i] = (py_digit_t)(carry & PY_LONG_MASK);
        carry >>= PY_LONG_SHIFT;
    }
    return (py_digit_t)carry;
}

py_digit_t py_lmag_divrem1(const py_digit_t *a, size_t n, py_digit_t d,
                           py_digit_t *q)
{
    uint64_t rem = 0;
    while (n-- > 0) {
        rem = (rem << PY_LONG_SHIFT) | a[n];
        q[n] = (py_digit_t)(rem / d);
        rem %= d;
    }
    return (py_digit_t)rem;
}

uint64_t py_lmag_bits(const py_digit_t *d, size_t n)
{
    if (n == 0)
        return 0;
    return (uint64_t)(n - 1) * PY_LONG_SHIFT +
           (uint64_t)(32 - __builtin_clz(d[n - 1]));
}

/* ---- constructors ---------------------------------------------------- */

py_object_t *py_long_from_ulong(unsigned long v)
{
    py_long_t *r = py_long_alloc(3);
    if (!r)
        return NULL;
    size_t n = 0;
    while (v) {
        r->d[n++] = (py_digit_t)(v & PY_LONG_MASK);
        v >>= PY_LONG_SHIFT;
    }
    return py_long_finish(r, n, false);
}

py_object_t *py_long_from_int128(__int128 v)
{
    unsigned __int128 m = v < 0 ? 0 - (unsigned __int128)v : (unsigned __int128)v;
    py_long_t *r = py_long_alloc(5);
    if (!r)
        return NULL;
    size_t n = 0;
    while (m) {
        r->d[n++] = (py_digit_t)(m & PY_LONG_MASK);
        m >>= PY_LONG_SHIFT;
    }
    return py_long_finish(r, n, v < 0);
}

py_object_t *py_long_from_long(long v)
{
    unsigned long m = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
    py_object_t *r = py_long_from_ulong(m);
    if (r && v < 0)
        ((py_long_t *)r)->size = -((py_long_t *)r)->size;
    return r;
}

py_object_t *py_long_from_double(double d)
{
    if (isinf(d))
        return py_err_format(py_exc_OverflowError_type,
                             "cannot convert float infinity to integer");
    if (isnan(d))
        return py_err_format(py_exc_ValueError_type,
                             "cannot convert float NaN to integer");
    double t = trunc(d);
    if (fabs(t) < 9223372036854775808.0)
        return py_long_from_long((long)t);
    int e;
    double x = frexp(fabs(t), &e);        /* |t| = x * 2**e, e > 63 */
    size_t n = (size_t)(e - 1) / PY_LONG_SHIFT + 1;
    py_long_t *r = py_long_alloc(n);
    if (!r)
        return NULL;
    /* Peel the digits off the top; every step is exact. */
    x = ldexp(x, (e - 1) % PY_LONG_SHIFT + 1);
    for (size_t i = n; i-- > 0;) {
        py_digit_t dig = (py_digit_t)x;
        r->d[i] = dig;
        x = ldexp(x - dig, PY_LONG_SHIFT);
    }
    return py_long_finish(r, n, d < 0);
}

py_object_t *py_long_from_digits15(int negative, const uint16_t *digits,
                                   size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (digits[i] >= (1u << 15))
            return py_err_format(py_exc_ValueError_type,
                                 "bad marshal data (digit out of range in long)");
    }
    size_t nd = (n + 1) / 2;
    py_long_t *r = py_long_alloc(nd);
    if (!r)
        return NULL;
    for (size_t i = 0; i < nd; i++) {
        py_digit_t lo = digits[2 * i];
        py_digit_t hi = 2 * i + 1 < n ? digits[2 * i + 1] : 0;
        r->d[i] = lo | (hi << 15);
    }
    return py_long_finish(r, nd, negative != 0);
}

size_t py_long_to_digits15(py_object_t *o, int *negative, uint16_t *out,
                           size_t cap)
{
    py_long_view_t v;
    py_long_view_of(o, &v);
    *negative = v.neg;
    uint64_t bits = py_lmag_bits(v.d, v.n);
    size_t need = (size_t)((bits + 14) / 15);
    for (size_t i = 0; i < need && i < cap; i++) {
        py_digit_t dig = v.d[i / 2];
        out[i] = (uint16_t)((i & 1 ? dig >> 15 : dig) & 0x7fff);
    }
    return need;
}

/* Value of character C as a digit (any base up to 36), or 99. */
static int digit_value(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return 99;
}

static bool is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

static py_object_t *bad_literal(const char *who, const char *s, size_t n,
                               int base)
{
    py_object_t *str = py_str_from_bytes(s, n > 200 ? 200 : n);
    py_object_t *rep = str ? py_str_repr(str) : NULL;
    if (!rep)
        return NULL;
    return py_err_format(py_exc_ValueError_type,
                         "invalid literal for %s() with base %d: %s", who, base,
                         py_str_data(rep));
}

/* Digits [p, end) in BASE (all already validated) into a new long. */
static py_object_t *long_from_digits(const char *p, const char *end,
                                     int base, bool neg)
{
    size_t nchars = (size_t)(end - p);
    /* Chars per 30-bit digit chunk: the largest c with base**c < 2**30. */
    int per = 1;
    py_digit_t chunk_mul = (py_digit_t)base;
    while ((uint64_t)chunk_mul * (uint64_t)base < PY_LONG_BASE) {
        chunk_mul *= (py_digit_t)base;
        per++;
    }
    /* log2(36) < 5.17: a safe upper bound on the digits needed. */
    double bits = (double)nchars * log2((double)base) + 1.0;
    size_t cap = (size_t)(bits / PY_LONG_SHIFT) + 2;
    py_long_t *r = py_long_alloc(cap);
    if (!r)
        return NULL;
    size_t n = 0;
    size_t done = 0;
    while (p < end) {
        py_digit_t val = 0, mul = 1;
        for (int k = 0; k < per && p < end; k++, p++) {
            val = val * (py_digit_t)base + (py_digit_t)digit_value((unsigned char)*p);
            mul *= (py_digit_t)base;
        }
        py_digit_t carry = py_lmag_muladd1(r->d, n, mul, val);
        if (carry)
            r->d[n++] = carry;
        if ((++done & 1023) == 0)
            gc_safepoint();
    }
    return py_long_finish(r, n, neg);
}

/* long(S, BASE) or, with INT_MODE, int(S, BASE) (no L suffix, result
   normalised to an int when it fits). */
static py_object_t *parse_integer(const char *s, size_t n, int base,
                                  bool int_mode)
{
    const char *who = int_mode ? "int" : "long";
    const char *p = s, *end = s + n;
    int given_base = base;
    if (base != 0 && (base < 2 || base > 36))
        return py_err_format(py_exc_ValueError_type,
                             "%s() base must be >= 2 and <= 36, or 0", who);
    if (int_mode && memchr(s, '\0', n))
        return py_err_format(py_exc_ValueError_type,
                             "null byte in argument for int()");
    while (p < end && is_space((unsigned char)*p))
        p++;
    while (end > p && is_space((unsigned char)end[-1]))
        end--;
    bool neg = false;
    if (p < end && (*p == '+' || *p == '-')) {
        neg = *p++ == '-';
        /* CPython 2.7 accepts blanks after the sign ("- 7"). */
        while (p < end && is_space((unsigned char)*p))
            p++;
    }
    if (end - p >= 2 && p[0] == '0') {
        char c = (char)(p[1] | 0x20);
        int pb = c == 'x' ? 16 : c == 'o' ? 8 : c == 'b' ? 2 : 0;
        if (pb && (base == 0 || base == pb)) {
            base = pb;
            p += 2;
        }
    }
    if (base == 0)
        base = (end - p >= 1 && p[0] == '0') ? 8 : 10;
    /* A trailing L is a suffix only where 'l' is not a digit (base < 22):
       long('3ml', 36) is 4701L.  int() takes no suffix. */
    if (!int_mode && base <= 21 && end > p && (end[-1] == 'l' || end[-1] == 'L'))
        end--;
    /* int() quotes the text from its first non-blank, long() all of it. */
    size_t skip = 0;
    while (int_mode && skip < n && is_space((unsigned char)s[skip]))
        skip++;
    if (p == end)
        return bad_literal(who, s + skip, n - skip, given_base ? given_base : 10);
    for (const char *q = p; q < end; q++) {
        if (digit_value((unsigned char)*q) >= base)
            return bad_literal(who, s + skip, n - skip, given_base ? given_base : 10);
    }
    py_object_t *r = long_from_digits(p, end, base, neg);
    return r && int_mode ? py_long_normalize_to_int(r) : r;
}

py_object_t *py_long_from_string(const char *s, size_t n, int base)
{
    return parse_integer(s, n, base, false);
}

py_object_t *py_int_from_string(const char *s, size_t n, int base)
{
    return parse_integer(s, n, base, true);
}

/* ---- queries --------------------------------------------------------- */

int py_long_sign(py_object_t *o)
{
    if (!py_long_check(o)) {
        long x = py_int_value(o);
        return (x > 0) - (x < 0);
    }
    int64_t s = ((const py_long_t *)o)->size;
    return (s > 0) - (s < 0);
}

uint64_t py_long_bit_length(py_object_t *o)
{
    py_long_view_t v;
    py_long_view_of(o, &v);
    return py_lmag_bits(v.d, v.n);
}

int py_long_to_long(py_object_t *o, long *out)
{
    py_long_view_t v;
    py_long_view_of(o, &v);
    if (v.n > 3)
        return -1;
    uint64_t m = 0;
    for (size_t i = v.n; i-- > 0;) {
        if (m >> (64 - PY_LONG_SHIFT))
            return -1;
        m = (m << PY_LONG_SHIFT) | v.d[i];
    }
    if (v.neg) {
        if (m > (uint64_t)1 << 63)
            return -1;
        *out = (long)(0 - m);
    } else {
        if (m >= (uint64_t)1 << 63)
            return -1;
        *out = (long)m;
    }
    return 0;
}

/* Bits [lo, lo+64) of magnitude V (lo may be anything >= 0). */
static uint64_t mag_bits_at(const py_long_view_t *v, uint64_t lo)
{
    uint64_t r = 0;
    size_t i = (size_t)(lo / PY_LONG_SHIFT);
    unsigned sh = (unsigned)(lo % PY_LONG_SHIFT);
    int got = -(int)sh;
    for (; i < v->n && got < 64; i++, got += PY_LONG_SHIFT) {
        uint64_t dig = v->d[i];
        if (got < 0)
            r |= dig >> (unsigned)-got;
        else
            r |= dig << (unsigned)got;
    }
    return r;
}

/* True iff any of the low K bits of magnitude V is set. */
static bool mag_low_bits_set(const py_long_view_t *v, uint64_t k)
{
    size_t full = (size_t)(k / PY_LONG_SHIFT);
    for (size_t i = 0; i < full && i < v->n; i++) {
        if (v->d[i])
            return true;
    }
    unsigned rest = (unsigned)(k % PY_LONG_SHIFT);
    return rest && full < v->n && (v->d[full] & ((1u << rest) - 1));
}

double py_long_as_double(py_object_t *o)
{
    py_long_view_t v;
    py_long_view_of(o, &v);
    uint64_t nbits = py_lmag_bits(v.d, v.n);
    double r;
    if (nbits <= 63) {
        r = (double)mag_bits_at(&v, 0);   /* one rounding: correct */
    } else {
        /* Keep 55 bits with the lowest one sticky: the conversion of that
           integer to double then rounds exactly as the full value would
           (half to even), and ldexp is exact. */
        uint64_t shift = nbits - 55;
        uint64_t top = mag_bits_at(&v, shift) & (((uint64_t)1 << 55) - 1);
        if (mag_low_bits_set(&v, shift))
            top |= 1;
        if (shift > 2000) {
            r = HUGE_VAL;
        } else {
            r = ldexp((double)top, (int)shift);
        }
        if (isinf(r)) {
            py_err_format(py_exc_OverflowError_type,
                          "long int too large to convert to float");
            return -1.0;
        }
    }
    return v.neg ? -r : r;
}

int py_long_compare(py_object_t *a, py_object_t *b)
{
    py_long_view_t va, vb;
    py_long_view_of(a, &va);
    py_long_view_of(b, &vb);
    if (va.n == 0 && vb.n == 0)
        return 0;
    if (va.neg != vb.neg)
        return va.neg ? -1 : 1;
    int c = py_lmag_cmp(va.d, va.n, vb.d, vb.n);
    return va.neg ? -c : c;
}

/* Compares C long X with finite or infinite double D exactly. */
static int compare_long_double(long x, double d)
{
    if (isnan(d))
        return 2;
    if (x > -(1L << 53) && x < (1L << 53)) {
        double dx = (double)x;      /* exact */
        return (dx > d) - (dx < d);
    }
    /* |x| >= 2**53: D can equal X only if it is an integer in range. */
    if (d >= 9223372036854775808.0)
        return -1;
    if (d < -9223372036854775808.0)
        return 1;
    double t = floor(d);
    long y = (long)t;
    if (x != y)
        return x < y ? -1 : 1;
    return t < d ? -1 : 0;
}

int py_long_compare_double(py_object_t *a, double d)
{
    long x;
    if (py_long_to_long(a, &x) == 0)
        return compare_long_double(x, d);
    if (isnan(d))
        return 2;
    int sign = py_long_sign(a);
    if (isinf(d))
        return d > 0 ? -1 : 1;
    /* |a| >= 2**63 here; a double below that in magnitude, or of the
       other sign, is decided by the sign alone. */
    if (fabs(d) < 9223372036854775808.0 || (d < 0) != (sign < 0))
        return sign;
    /* d is an integer (it is >= 2**63 > 2**53): compare exactly. */
    int e;
    frexp(d, &e);
    uint64_t abits = py_long_bit_length(a);
    if (abits != (uint64_t)e)
        return (abits > (uint64_t)e) ? sign : -sign;
    /* Same bit length e >= 64: |d| = M * 2**(e-53) with M a 53-bit
       integer; compare |a|'s top 53 bits with M, then its lower bits
       with zero.  No allocation, so the comparison cannot fail. */
    uint64_t m = (uint64_t)ldexp(frexp(fabs(d), &e), 53);
    py_long_view_t v;
    py_long_view_of(a, &v);
    uint64_t shift = (uint64_t)e - 53;
    uint64_t top = mag_bits_at(&v, shift) & ((UINT64_C(1) << 53) - 1);
    int c = top != m ? (top > m ? 1 : -1) : mag_low_bits_set(&v, shift) ? 1 : 0;
    return sign < 0 ? -c : c;
}

int64_t py_long_hash(py_object_t *o)
{
    py_long_view_t v;
    py_long_view_of(o, &v);
    /* |v| mod 2**64-1 in ones' complement: multiplying by 2**30 is a
       rotation, and a carry out of bit 63 wraps round (2**64 == 1).  The
       sum is never 0 for a non-zero value, so the representative is in
       [1, 2**64-1], as CPython 2.7's. */
    uint64_t x = 0;
    for (size_t i = v.n; i-- > 0;) {
        x = (x << PY_LONG_SHIFT) | (x >> (64 - PY_LONG_SHIFT));
        uint64_t s = x + v.d[i];
        if (s < x)
            s++;
        x = s;
    }
    if (v.neg)
        x = 0 - x;
    int64_t h = (int64_t)x;
    return h == -1 ? -2 : h;
}

/* ---- text ------------------------------------------------------------ */

static const char digit_chars[] = "0123456789abcdefghijklmnopqrstuvwxyz";

/* Writes the text of V in BASE to a new str, with PREFIX_LEN bytes of
   room before the digits and SUFFIX ('L' or 0) after; the caller fills
   nothing: the sign goes first. */
static py_object_t *format_view(const py_long_view_t *v, int base,
                                char suffix)
{
    if (v->n == 0) {
        return suffix ? py_str_from_bytes("0L", 2) : py_str_from_bytes("0", 1);
    }
    size_t sfx = suffix ? 1 : 0;
    if ((base & (base - 1)) == 0) {
        int bb = __builtin_ctz((unsigned)base);
        uint64_t bits = py_lmag_bits(v->d, v->n);
        size_t nd = (size_t)((bits + (uint64_t)bb - 1) / (uint64_t)bb);
        size_t len = nd + v->neg + sfx;
        py_object_t *s = py_str_new_uninit(len);
        if (!s)
            return NULL;
        char *w = py_str_writable_data(s);
        if (v->neg)
            *w++ = '-';
        for (size_t i = 0; i < nd; i++) {
            uint64_t chunk = mag_bits_at(v, (uint64_t)(nd - 1 - i) * (uint64_t)bb);
            w[i] = digit_chars[chunk & ((uint64_t)base - 1)];
        }
        if (suffix)
            w[nd] = suffix;
        return s;
    }
    /* Other bases: divide by the largest power of BASE below 2**30 again
       and again (quadratic, fine for the sizes programs print). */
    int per = 1;
    py_digit_t chunk_div = (py_digit_t)base;
    while ((uint64_t)chunk_div * (uint64_t)base < PY_LONG_BASE) {
        chunk_div *= (py_digit_t)base;
        per++;
    }
    py_long_t *work = py_long_alloc(v->n);
    /* Chunks: at most one per (log2(chunk_div) >= 15) bits, plus one. */
    size_t maxchunks = v->n * 2 + 1;
    py_long_t *chunks = work ? py_long_alloc(maxchunks) : NULL;
    if (!chunks)
        return NULL;
    memcpy(work->d, v->d, v->n * sizeof(py_digit_t));
    size_t n = v->n, nc = 0;
    while (n > 0) {
        if (base == 10) {
            /* The common case, with a constant divisor the compiler turns
               into a multiplication (twice as fast). */
            uint64_t rem = 0;
            for (size_t i = n; i-- > 0;) {
                rem = (rem << PY_LONG_SHIFT) | work->d[i];
                work->d[i] = (py_digit_t)(rem / 1000000000u);
                rem %= 1000000000u;
            }
            chunks->d[nc++] = (py_digit_t)rem;
        } else {
            chunks->d[nc++] = py_lmag_divrem1(work->d, n, chunk_div, work->d);
        }
        n = py_lmag_norm(work->d, n);
        if ((nc & 255) == 0)
            gc_safepoint();
    }
    /* The top chunk without leading zeros, the others padded to PER. */
    py_digit_t top = chunks->d[nc - 1];
    size_t toplen = 0;
    for (py_digit_t t = top; t; t /= (py_digit_t)base)
        toplen++;
    size_t len = v->neg + toplen + (nc - 1) * (size_t)per + sfx;
    py_object_t *s = py_str_new_uninit(len);
    if (!s)
        return NULL;
    char *w = py_str_writable_data(s);
    if (v->neg)
        *w++ = '-';
    for (size_t k = toplen; k-- > 0; top /= (py_digit_t)base)
        w[k] = digit_chars[top % (py_digit_t)base];
    w += toplen;
    for (size_t c = nc - 1; c-- > 0;) {
        py_digit_t val = chunks->d[c];
        for (int k = per; k-- > 0; val /= (py_digit_t)base)
            w[k] = digit_chars[val % (py_digit_t)base];
        w += per;
    }
    if (suffix)
        *w = suffix;
    return s;
}

py_object_t *py_long_format(py_object_t *o, int base)
{
    if (base < 2 || base > 36)
        return py_err_bad_internal_call();
    py_long_view_t v;
    py_long_view_of(o, &v);
    return format_view(&v, base, 0);
}

py_object_t *py_long_repr(py_object_t *o)
{
    py_long_view_t v;
    py_long_view_of(o, &v);
    return format_view(&v, 10, 'L');
}

py_object_t *py_long_str(py_object_t *o)
{
    return py_long_format(o, 10);
}

py_object_t *py_long_normalize_to_int(py_object_t *o)
{
    long x;
    if (py_long_to_long(o, &x) == 0)
        return py_int_from_long(x);
    return o;
}

/* ---- slots ----------------------------------------------------------- */

py_object_t *py_long_richcompare(py_object_t *a, py_object_t *b, int op)
{
    int c;
    if (!(py_long_check(a) || py_int_check(a)))
        return py_NotImplemented;
    if (py_long_check(b) || py_int_check(b))
        c = py_long_compare(a, b);
    else if (py_float_check(b))
        c = py_long_compare_double(a, py_float_value(b));
    else
        return py_NotImplemented;
    return py_cmp_result(c, op);
}

static int64_t long_hash(py_object_t *o)
{
    return py_long_hash(o);
}

static int long_nonzero(py_object_t *o)
{
    return ((const py_long_t *)o)->size != 0;
}

const py_type_spec_t py_long_spec = {
    .name = "long",
    .basicsize = sizeof(py_long_t),
    .flags = PY_TPFLAG_IMMUTABLE | PY_TPFLAG_BASETYPE | PY_TPFLAG_VARSIZE,
    .base = &py_object_type,
    .repr = py_long_repr,
    .str = py_long_str,
    .hash = long_hash,
    .richcompare = py_long_richcompare,
    .nonzero = long_nonzero,
    .doc = "long(x=0) -> long\n"
           "long(x, base=10) -> long\n\n"
           "Convert a number or string to a long integer, if possible.",
};
