/* longarith.c -- arithmetic on longs with CPython 2.7's semantics:
 * schoolbook and Karatsuba multiplication, Knuth's algorithm D for
 * division with floor rounding, correctly rounded true division, binary
 * powering, shifts and two's-complement bitwise operations.
 *
 * Results are built in freshly allocated (young) longs; scratch space is
 * GC-allocated too (DESIGN §4: no malloc'd memory across a safe point).
 */
#include <math.h>
#include <string.h>

#include "interp/errors.h"
#include "interp/objects/floatobject.h"
#include "interp/objects/intobject.h"
#include "interp/objects/longimpl.h"
#include "interp/objects/longobject.h"

/* Below this many digits (of the shorter operand) Karatsuba does not pay
   (measured: see docs/numbers.md). */
#ifndef KARATSUBA_CUTOFF
#define KARATSUBA_CUTOFF 48
#endif

static py_object_t *zero_long(void)
{
    py_long_t *r = py_long_alloc(0);
    return r ? py_long_finish(r, 0, false) : NULL;
}

/* ---- add, subtract --------------------------------------------------- */

static py_object_t *add_views(const py_long_view_t *a, const py_long_view_t *b,
                              bool negate_b)
{
    bool bneg = b->neg != negate_b;
    size_t big = a->n > b->n ? a->n : b->n;
    py_long_t *r = py_long_alloc(big + 1);
    if (!r)
        return NULL;
    if (a->neg == bneg) {
        size_t n = py_lmag_add(a->d, a->n, b->d, b->n, r->d);
        return py_long_finish(r, n, a->neg);
    }
    if (py_lmag_cmp(a->d, a->n, b->d, b->n) >= 0) {
        size_t n = py_lmag_sub(a->d, a->n, b->d, b->n, r->d);
        return py_long_finish(r, n, a->neg);
    }
    size_t n = py_lmag_sub(b->d, b->n, a->d, a->n, r->d);
    return py_long_finish(r, n, bneg);
}

py_object_t *py_long_add(py_object_t *a, py_object_t *b)
{
    py_long_view_t va, vb;
    py_long_view_of(a, &va);
    py_long_view_of(b, &vb);
    return add_views(&va, &vb, false);
}

py_object_t *py_long_sub(py_object_t *a, py_object_t *b)
{
    py_long_view_t va, vb;
    py_long_view_of(a, &va);
    py_long_view_of(b, &vb);
    return add_views(&va, &vb, true);
}

/* ---- multiply -------------------------------------------------------- */

/* OUT[0..na+nb) = A * B, every digit written (OUT must not alias). */
static void mul_school(const py_digit_t *a, size_t na, const py_digit_t *b,
                       size_t nb, py_digit_t *out)
{
    memset(out, 0, (na + nb) * sizeof(py_digit_t));
    for (size_t i = 0; i < na; i++) {
        uint64_t ai = a[i], carry = 0;
        if (ai == 0)
            continue;
        for (size_t j = 0; j < nb; j++) {
            carry += out[i + j] + ai * b[j];
            out[i + j] = (py_digit_t)(carry & PY_LONG_MASK);
            carry >>= PY_LONG_SHIFT;
        }
        out[i + nb] = (py_digit_t)carry;
        if ((i & 63) == 63 && nb > 256)
            gc_safepoint();
    }
}

/* OUT[0..nout) += X[0..nx); the sum must fit in NOUT digits. */
static void add_into(py_digit_t *out, size_t nout, const py_digit_t *x,
                     size_t nx)
{
    py_digit_t carry = 0;
    size_t i = 0;
    for (; i < nx; i++) {
        py_digit_t s = out[i] + x[i] + carry;
        out[i] = s & PY_LONG_MASK;
        carry = s >> PY_LONG_SHIFT;
    }
    for (; carry && i < nout; i++) {
        py_digit_t s = out[i] + carry;
        out[i] = s & PY_LONG_MASK;
        carry = s >> PY_LONG_SHIFT;
    }
}

/* OUT[0..na+nb) = A * B (every digit written, OUT not aliasing A or B).
   Returns 0, or -1 with MemoryError set (scratch space). */
static int mul_mag(const py_digit_t *a, size_t na, const py_digit_t *b,
                   size_t nb, py_digit_t *out)
{
    if (na < nb) {
        const py_digit_t *t = a; a = b; b = t;
        size_t tn = na; na = nb; nb = tn;
    }
    if (nb < KARATSUBA_CUTOFF) {
        mul_school(a, na, b, nb, out);
        return 0;
    }
    if (2 * nb <= na) {
        /* Lopsided: multiply B by NB-digit slices of A. */
        py_long_t *tmp = py_long_alloc(2 * nb);
        if (!tmp)
            return -1;
        memset(out, 0, (na + nb) * sizeof(py_digit_t));
        for (size_t off = 0; off < na; off += nb) {
            size_t len = na - off < nb ? na - off : nb;
            if (mul_mag(a + off, len, b, nb, tmp->d))
                return -1;
            add_into(out + off, na + nb - off, tmp->d, len + nb);
        }
        return 0;
    }
    /* Karatsuba: a = a1*B**m + a0, b = b1*B**m + b0 (nb > m), then
       a*b = z2*B**2m + (z1 - z0 - z2)*B**m + z0 with z1 = (a0+a1)(b0+b1). */
    size_t m = na / 2;
    if (mul_mag(a, m, b, m, out) ||
        mul_mag(a + m, na - m, b + m, nb - m, out + 2 * m))
        return -1;
    size_t la = na - m + 1;                     /* na - m >= m */
    size_t lb = (nb - m > m ? nb - m : m) + 1;
    py_long_t *sa = py_long_alloc(la);
    py_long_t *sb = sa ? py_long_alloc(lb) : NULL;
    py_long_t *z1 = sb ? py_long_alloc(la + lb) : NULL;
    if (!z1)
        return -1;
    memset(sa->d, 0, la * sizeof(py_digit_t));
    memset(sb->d, 0, lb * sizeof(py_digit_t));
    py_lmag_add(a, m, a + m, na - m, sa->d);
    py_lmag_add(b, m, b + m, nb - m, sb->d);
    if (mul_mag(sa->d, la, sb->d, lb, z1->d))
        return -1;
    size_t n1 = py_lmag_norm(z1->d, la + lb);
    size_t n0 = py_lmag_norm(out, 2 * m);
    n1 = py_lmag_sub(z1->d, n1, out, n0, z1->d);
    size_t n2 = py_lmag_norm(out + 2 * m, na + nb - 2 * m);
    n1 = py_lmag_sub(z1->d, n1, out + 2 * m, n2, z1->d);
    add_into(out + m, na + nb - m, z1->d, n1);
    return 0;
}

static py_object_t *mul_views(const py_long_view_t *a, const py_long_view_t *b)
{
    if (a->n == 0 || b->n == 0)
        return zero_long();
    py_long_t *r = py_long_alloc(a->n + b->n);
    if (!r || mul_mag(a->d, a->n, b->d, b->n, r->d))
        return NULL;
    return py_long_finish(r, a->n + b->n, a->neg != b->neg);
}

py_object_t *py_long_mul(py_object_t *a, py_object_t *b)
{
    py_long_view_t va, vb;
    py_long_view_of(a, &va);
    py_long_view_of(b, &vb);
    return mul_views(&va, &vb);
}

/* ---- divide ---------------------------------------------------------- */

/* OUT[0..n+1) = A << S for 0 <= S < 30. */
static void shl_small(const py_digit_t *a, size_t n, unsigned s,
                      py_digit_t *out)
{
    py_digit_t carry = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t x = ((uint64_t)a[i] << s) | carry;
        out[i] = (py_digit_t)(x & PY_LONG_MASK);
        carry = (py_digit_t)(x >> PY_LONG_SHIFT);
    }
    out[n] = carry;
}

/* Truncating division of magnitudes (NB >= 2, NA >= NB, B normalised):
   Q gets NA-NB+1 digits, R gets NB digits.  Knuth vol. 2, 4.3.1, D. */
static int divrem_knuth(const py_digit_t *a, size_t na, const py_digit_t *b,
                        size_t nb, py_digit_t *q, py_digit_t *r)
{
    unsigned s = (unsigned)__builtin_clz(b[nb - 1]) - (32 - PY_LONG_SHIFT);
    py_long_t *vt = py_long_alloc(nb + 1);
    py_long_t *ut = vt ? py_long_alloc(na + 1) : NULL;
    if (!ut)
        return -1;
    py_digit_t *v = vt->d, *u = ut->d;
    shl_small(b, nb, s, v);
    shl_small(a, na, s, u);
    uint64_t vtop = v[nb - 1], vnext = v[nb - 2];
    for (size_t j = na - nb + 1; j-- > 0;) {
        uint64_t top = ((uint64_t)u[j + nb] << PY_LONG_SHIFT) | u[j + nb - 1];
        uint64_t qhat = top / vtop, rhat = top % vtop;
        while (qhat >= PY_LONG_BASE ||
               qhat * vnext > ((rhat << PY_LONG_SHIFT) | u[j + nb - 2])) {
            qhat--;
            rhat += vtop;
            if (rhat >= PY_LONG_BASE)
                break;
        }
        /* u[j..j+nb] -= qhat * v */
        int64_t borrow = 0;
        uint64_t carry = 0;
        for (size_t i = 0; i < nb; i++) {
            carry += qhat * v[i];
            int64_t t = (int64_t)u[i + j] - (int64_t)(carry & PY_LONG_MASK) + borrow;
            u[i + j] = (py_digit_t)(t & PY_LONG_MASK);
            borrow = t >> PY_LONG_SHIFT;
            carry >>= PY_LONG_SHIFT;
        }
        int64_t t = (int64_t)u[j + nb] - (int64_t)carry + borrow;
        u[j + nb] = (py_digit_t)(t & PY_LONG_MASK);
        if (t < 0) {
            /* qhat was one too big (rare): add v back. */
            qhat--;
            py_digit_t c = 0;
            for (size_t i = 0; i < nb; i++) {
                py_digit_t sum = u[i + j] + v[i] + c;
                u[i + j] = sum & PY_LONG_MASK;
                c = sum >> PY_LONG_SHIFT;
            }
            u[j + nb] = (u[j + nb] + c) & PY_LONG_MASK;
        }
        q[j] = (py_digit_t)qhat;
        if ((j & 63) == 0 && nb > 256)
            gc_safepoint();
    }
    /* The remainder is u[0..nb) >> s. */
    for (size_t i = 0; i < nb; i++) {
        py_digit_t hi = i + 1 < nb ? u[i + 1] : 0;
        r[i] = ((u[i] >> s) | (hi << (PY_LONG_SHIFT - s))) & PY_LONG_MASK;
    }
    return 0;
}

/* Floor division and modulo of views; Q or R may be NULL when not wanted.
   B must not be zero. */
static int divmod_views(const py_long_view_t *a, const py_long_view_t *b,
                        py_object_t **qout, py_object_t **rout)
{
    size_t nq = a->n >= b->n ? a->n - b->n + 1 : 0;
    py_long_t *q = py_long_alloc(nq + 2);     /* room for the floor's +1 */
    py_long_t *r = q ? py_long_alloc(b->n + 1) : NULL;
    if (!r)
        return -1;
    size_t rn;
    if (nq == 0) {
        memcpy(r->d, a->d, a->n * sizeof(py_digit_t));
        rn = a->n;
    } else if (b->n == 1) {
        r->d[0] = py_lmag_divrem1(a->d, a->n, b->d[0], q->d);
        rn = 1;
    } else {
        if (divrem_knuth(a->d, a->n, b->d, b->n, q->d, r->d))
            return -1;
        rn = b->n;
    }
    rn = py_lmag_norm(r->d, rn);
    nq = py_lmag_norm(q->d, nq);
    bool qneg = a->neg != b->neg;
    bool rneg = a->neg;
    if (qneg && rn > 0) {
        /* Floor: q = -(|q| + 1), r = |b| - |r| with b's sign. */
        static const py_digit_t one = 1;
        q->d[nq] = 0;
        nq = py_lmag_add(q->d, nq, &one, 1, q->d);
        rn = py_lmag_sub(b->d, b->n, r->d, rn, r->d);
        rneg = b->neg;
    }
    if (qout)
        *qout = py_long_finish(q, nq, qneg);
    if (rout)
        *rout = py_long_finish(r, rn, rneg);
    return 0;
}

static bool check_divisor(const py_long_view_t *b)
{
    if (b->n == 0) {
        py_err_set_string(py_exc_ZeroDivisionError_type,
                          "long division or modulo by zero");
        return false;
    }
    return true;
}

int py_long_divmod(py_object_t *a, py_object_t *b, py_object_t **q,
                   py_object_t **r)
{
    py_long_view_t va, vb;
    py_long_view_of(a, &va);
    py_long_view_of(b, &vb);
    if (!check_divisor(&vb))
        return -1;
    return divmod_views(&va, &vb, q, r);
}

py_object_t *py_long_floordiv(py_object_t *a, py_object_t *b)
{
    py_object_t *q;
    return py_long_divmod(a, b, &q, NULL) ? NULL : q;
}

py_object_t *py_long_mod(py_object_t *a, py_object_t *b)
{
    py_object_t *r;
    return py_long_divmod(a, b, NULL, &r) ? NULL : r;
}

/* OUT = A << K (any K), returns the normalised length; OUT has room for
   na + K/30 + 1 digits. */
static size_t shl_mag(const py_digit_t *a, size_t na, uint64_t k,
                      py_digit_t *out)
{
    size_t ws = (size_t)(k / PY_LONG_SHIFT);
    memset(out, 0, ws * sizeof(py_digit_t));
    shl_small(a, na, (unsigned)(k % PY_LONG_SHIFT), out + ws);
    return py_lmag_norm(out, na + ws + 1);
}

py_object_t *py_long_truediv(py_object_t *a, py_object_t *b)
{
    py_long_view_t va, vb;
    py_long_view_of(a, &va);
    py_long_view_of(b, &vb);
    if (vb.n == 0) {
        py_err_set_string(py_exc_ZeroDivisionError_type, "division by zero");
        return NULL;
    }
    bool neg = va.neg != vb.neg;
    if (va.n == 0)
        return py_float_from_double(neg ? -0.0 : 0.0);
    int64_t abits = (int64_t)py_lmag_bits(va.d, va.n);
    int64_t bbits = (int64_t)py_lmag_bits(vb.d, vb.n);
    if (abits <= 53 && bbits <= 53) {
        /* Both exact as doubles: one correctly rounded division. */
        double x = py_long_as_double(a), y = py_long_as_double(b);
        return py_float_from_double(x / y);
    }
    int64_t diff = abits - bbits;     /* the quotient has diff or diff+1 bits */
    if (diff > 1025)
        goto overflow;
    if (diff < -1080)
        return py_float_from_double(neg ? -0.0 : 0.0);
    /* x = floor(a / (b * 2**shift)) has 55 or 56 bits; a sticky bit
       records a non-zero remainder. */
    int64_t shift = diff - 55;
    const py_digit_t *nd = va.d, *dd = vb.d;
    size_t nn = va.n, dn = vb.n;
    py_long_t *tmp = NULL;
    if (shift < 0) {
        tmp = py_long_alloc(va.n + (size_t)(-shift) / PY_LONG_SHIFT + 2);
        if (!tmp)
            return NULL;
        nn = shl_mag(va.d, va.n, (uint64_t)-shift, tmp->d);
        nd = tmp->d;
    } else if (shift > 0) {
        tmp = py_long_alloc(vb.n + (size_t)shift / PY_LONG_SHIFT + 2);
        if (!tmp)
            return NULL;
        dn = shl_mag(vb.d, vb.n, (uint64_t)shift, tmp->d);
        dd = tmp->d;
    }
    py_long_view_t vn = {.neg = false, .n = nn, .d = nd};
    py_long_view_t vd = {.neg = false, .n = dn, .d = dd};
    py_object_t *q, *r;
    if (divmod_views(&vn, &vd, &q, &r))
        return NULL;
    long xl;
    if (py_long_to_long(q, &xl))
        return py_err_bad_internal_call();
    uint64_t x = (uint64_t)xl;
    if (py_long_sign(r) != 0)
        x |= 1;
    int xbits = 64 - __builtin_clzll(x);
    int64_t e = xbits + shift;            /* 2**(e-1) <= |a/b| < 2**e */
    if (e > 1024)
        goto overflow;
    /* Precision available at this exponent: 53, less for subnormals. */
    int64_t p = e + 1074 < 53 ? e + 1074 : 53;
    if (p < 0)
        return py_float_from_double(neg ? -0.0 : 0.0);
    int drop = xbits - (int)p;            /* >= 2: the sticky bit is below */
    uint64_t rem = x & (((uint64_t)1 << drop) - 1);
    uint64_t half = (uint64_t)1 << (drop - 1);
    x >>= drop;
    if (rem > half || (rem == half && (x & 1)))
        x++;
    double result = ldexp((double)x, (int)(shift + drop));
    if (isinf(result))
        goto overflow;
    return py_float_from_double(neg ? -result : result);
overflow:
    py_err_set_string(py_exc_OverflowError_type,
                      "integer division result too large for a float");
    return NULL;
}

/* ---- powers ---------------------------------------------------------- */

py_object_t *py_long_pow(py_object_t *a, py_object_t *b)
{
    if (py_long_sign(b) < 0) {
        double x = py_long_as_double(a);
        if (x == -1.0 && py_err_occurred())
            return NULL;
        double y = py_long_as_double(b);
        if (y == -1.0 && py_err_occurred())
            return NULL;
        return py_float_pow(x, y);
    }
    py_long_view_t va;
    py_long_view_of(a, &va);
    if (py_long_sign(b) == 0)
        return py_long_from_long(1);
    if (va.n == 0)
        return zero_long();
    long e;
    bool exp_fits = py_long_to_long(b, &e) == 0;
    if (va.n == 1 && va.d[0] == 1) {
        /* (+-1) ** e: parity only, whatever the size of e. */
        py_long_view_t vb;
        py_long_view_of(b, &vb);
        return py_long_from_long(va.neg && (vb.d[0] & 1) ? -1 : 1);
    }
    uint64_t abits = py_lmag_bits(va.d, va.n);
    if (!exp_fits ||
        (double)(abits - 1) * (double)e > (double)PY_LONG_MAX_DIGITS * PY_LONG_SHIFT)
        return py_err_no_memory();
    /* Left-to-right binary powering. */
    py_object_t *r = a;
    int top = 63 - __builtin_clzl((unsigned long)e);
    for (int i = top - 1; i >= 0; i--) {
        r = py_long_mul(r, r);
        if (r && ((unsigned long)e >> i) & 1)
            r = py_long_mul(r, a);
        if (!r)
            return NULL;
    }
    if (r == a)   /* e == 1: still a fresh long, as CPython */
        r = py_long_add(a, py_int_from_long(0));
    return r;
}

py_object_t *py_long_pow_mod(py_object_t *a, py_object_t *b,
                             py_object_t *m)
{
    if (py_long_sign(b) < 0) {
        py_err_set_string(py_exc_TypeError_type,
                          "pow() 2nd argument cannot be negative when 3rd "
                          "argument specified");
        return NULL;
    }
    if (py_long_sign(m) == 0) {
        py_err_set_string(py_exc_ValueError_type,
                          "pow() 3rd argument cannot be 0");
        return NULL;
    }
    py_object_t *base = py_long_mod(a, m);
    py_object_t *r = base ? py_long_mod(py_int_from_long(1), m) : NULL;
    if (!r)
        return NULL;
    py_long_view_t vb;
    py_long_view_of(b, &vb);
    for (size_t i = vb.n; i-- > 0;) {
        for (int bit = PY_LONG_SHIFT - 1; bit >= 0; bit--) {
            r = py_long_mul(r, r);
            r = r ? py_long_mod(r, m) : NULL;
            if (r && (vb.d[i] >> bit) & 1) {
                r = py_long_mul(r, base);
                r = r ? py_long_mod(r, m) : NULL;
            }
            if (!r)
                return NULL;
        }
    }
    return r;
}

/* ---- shifts ---------------------------------------------------------- */

/* The shift count B (int or long) as a non-negative count: ValueError
   for negatives, OverflowError (as CPython 2.7) when it does not fit a C
   long. */
static int shift_count(py_object_t *b, uint64_t *out)
{
    long k;
    if (py_long_to_long(b, &k)) {
        py_err_set_string(py_exc_OverflowError_type,
                          "long int too large to convert to int");
        return -1;
    }
    if (k < 0) {
        py_err_set_string(py_exc_ValueError_type, "negative shift count");
        return -1;
    }
    *out = (uint64_t)k;
    return 0;
}

py_object_t *py_long_lshift(py_object_t *a, py_object_t *b)
{
    uint64_t k;
    if (shift_count(b, &k))
        return NULL;
    py_long_view_t va;
    py_long_view_of(a, &va);
    if (va.n == 0)
        return zero_long();
    if (k / PY_LONG_SHIFT > PY_LONG_MAX_DIGITS)
        return py_err_no_memory();
    py_long_t *r = py_long_alloc(va.n + (size_t)(k / PY_LONG_SHIFT) + 1);
    if (!r)
        return NULL;
    size_t n = shl_mag(va.d, va.n, k, r->d);
    return py_long_finish(r, n, va.neg);
}

/* OUT = A >> K (K < bits(A)); returns the normalised length. */
static size_t shr_mag(const py_digit_t *a, size_t na, uint64_t k,
                      py_digit_t *out)
{
    size_t ws = (size_t)(k / PY_LONG_SHIFT);
    unsigned s = (unsigned)(k % PY_LONG_SHIFT);
    size_t n = na - ws;
    for (size_t i = 0; i < n; i++) {
        py_digit_t hi = i + ws + 1 < na ? a[i + ws + 1] : 0;
        out[i] = ((a[i + ws] >> s) | (hi << (PY_LONG_SHIFT - s))) & PY_LONG_MASK;
    }
    return py_lmag_norm(out, n);
}

py_object_t *py_long_rshift(py_object_t *a, py_object_t *b)
{
    uint64_t k;
    if (shift_count(b, &k))
        return NULL;
    py_long_view_t va;
    py_long_view_of(a, &va);
    if (k >= py_lmag_bits(va.d, va.n))
        return py_long_from_long(va.neg ? -1 : 0);
    py_long_t *r = py_long_alloc(va.n + 1);
    if (!r)
        return NULL;
    if (!va.neg)
        return py_long_finish(r, shr_mag(va.d, va.n, k, r->d), false);
    /* Floor for negatives: -a >> k == -(((|a| - 1) >> k) + 1). */
    static const py_digit_t one = 1;
    size_t n = py_lmag_sub(va.d, va.n, &one, 1, r->d);
    n = n ? shr_mag(r->d, n, k, r->d) : 0;
    r->d[n] = 0;
    n = py_lmag_add(r->d, n, &one, 1, r->d);
    return py_long_finish(r, n, true);
}

/* ---- bitwise --------------------------------------------------------- */

typedef enum { BIT_AND, BIT_OR, BIT_XOR } bitop_t;

static py_object_t *bitwise(py_object_t *a, py_object_t *b, bitop_t op)
{
    py_long_view_t va, vb;
    py_long_view_of(a, &va);
    py_long_view_of(b, &vb);
    /* A negative x is ~(|x| - 1) in two's complement: work on |x| - 1 and
       complement digit by digit; the infinite sign bits follow from the
       operation on the signs. */
    static const py_digit_t one = 1;
    size_t n = va.n > vb.n ? va.n : vb.n;
    py_long_t *ta = py_long_alloc(va.n + 1);
    py_long_t *tb = ta ? py_long_alloc(vb.n + 1) : NULL;
    py_long_t *r = tb ? py_long_alloc(n + 1) : NULL;
    if (!r)
        return NULL;
    size_t na = va.neg ? py_lmag_sub(va.d, va.n, &one, 1, ta->d) : va.n;
    size_t nb = vb.neg ? py_lmag_sub(vb.d, vb.n, &one, 1, tb->d) : vb.n;
    const py_digit_t *da = va.neg ? ta->d : va.d;
    const py_digit_t *db = vb.neg ? tb->d : vb.d;
    bool rneg;
    switch (op) {
    case BIT_AND: rneg = va.neg && vb.neg; break;
    case BIT_OR:  rneg = va.neg || vb.neg; break;
    default:      rneg = va.neg != vb.neg; break;
    }
    py_digit_t ma = va.neg ? PY_LONG_MASK : 0;
    py_digit_t mb = vb.neg ? PY_LONG_MASK : 0;
    py_digit_t mr = rneg ? PY_LONG_MASK : 0;
    for (size_t i = 0; i < n; i++) {
        py_digit_t x = (i < na ? da[i] : 0) ^ ma;
        py_digit_t y = (i < nb ? db[i] : 0) ^ mb;
        py_digit_t z = op == BIT_AND ? (x & y) : op == BIT_OR ? (x | y) : (x ^ y);
        r->d[i] = z ^ mr;
    }
    n = py_lmag_norm(r->d, n);
    if (rneg) {
        r->d[n] = 0;
        n = py_lmag_add(r->d, n, &one, 1, r->d);
    }
    return py_long_finish(r, n, rneg);
}

py_object_t *py_long_and(py_object_t *a, py_object_t *b)
{
    return bitwise(a, b, BIT_AND);
}

py_object_t *py_long_or(py_object_t *a, py_object_t *b)
{
    return bitwise(a, b, BIT_OR);
}

py_object_t *py_long_xor(py_object_t *a, py_object_t *b)
{
    return bitwise(a, b, BIT_XOR);
}

/* ---- unary ----------------------------------------------------------- */

py_object_t *py_long_neg(py_object_t *a)
{
    py_long_view_t va;
    py_long_view_of(a, &va);
    return py_long_from_mag(va.d, va.n, !va.neg);
}

py_object_t *py_long_abs(py_object_t *a)
{
    py_long_view_t va;
    py_long_view_of(a, &va);
    return py_long_from_mag(va.d, va.n, false);
}

py_object_t *py_long_invert(py_object_t *a)
{
    /* ~a == -(a + 1) */
    py_object_t *t = py_long_add(a, py_int_from_long(1));
    return t ? py_long_neg(t) : NULL;
}
