/* stringobject.c -- str, CPython 2.7's byte string: construction, the
 * intern table, hash (CPython 2.7's algorithm with randomisation off, so
 * hash('abc') matches), repr (CPython 2.7's quote choice and escapes),
 * comparison and concatenation.
 *
 * Strings of length 0 and 1 are interned at creation, as CPython 2.7
 * does: marshal writes interned strings as 't', so the choice is visible
 * in the bytes of every .pyc-like dump.
 */
#include "interp/objects/stringobject.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "interp/errors.h"
#include "interp/objects/boolobject.h"
#include "interp/objects/noneobject.h"

typedef struct py_str {
    gc_header_t hdr;
    /* -1 until computed; an idempotent cache written with a relaxed
       atomic store by whichever thread computes it first (DESIGN §4). */
    int64_t hash;
    size_t len;
    /* 1 iff this object is the intern table's entry for its contents; set
       once under the table lock before the object is published through
       the table, never cleared. */
    uint32_t interned;
    char data[];                /* len bytes, then a NUL */
} py_str_t;

#define STR(o) ((py_str_t *)(o))

static py_object_t *str_repr_slot(py_object_t *o) { return py_str_repr(o); }
static py_object_t *str_str_slot(py_object_t *o) { return o; }
static int64_t str_hash_slot(py_object_t *o);
static py_object_t *str_richcompare(py_object_t *a, py_object_t *b, int op);
static int str_nonzero(py_object_t *o) { return STR(o)->len != 0; }

const py_type_spec_t py_str_spec = {
    .name = "str",
    .basicsize = sizeof(py_str_t),
    .flags = PY_TPFLAG_IMMUTABLE | PY_TPFLAG_BASETYPE | PY_TPFLAG_VARSIZE,
    .base = &py_basestring_type,
    .repr = str_repr_slot,
    .str = str_str_slot,
    .hash = str_hash_slot,
    .richcompare = str_richcompare,
    .nonzero = str_nonzero,
};

/* basestring: the abstract base of str and unicode (no instances). */
const py_type_spec_t py_basestring_spec = {
    .name = "basestring",
    .basicsize = sizeof(py_object_t),
    .flags = PY_TPFLAG_BASETYPE,
    .base = &py_object_type,
};

bool py_str_check(py_object_t *o) { return py_isinstance(o, py_str_type); }
bool py_str_check_exact(py_object_t *o) { return py_type_of(o) == py_str_type; }
const char *py_str_data(py_object_t *o) { return STR(o)->data; }
size_t py_str_len(py_object_t *o) { return STR(o)->len; }
char *py_str_writable_data(py_object_t *o) { return STR(o)->data; }
bool py_str_is_interned(py_object_t *o)
{
    return __atomic_load_n(&STR(o)->interned, __ATOMIC_ACQUIRE) != 0;
}

/* Allocates a str of N bytes, never shared (the interned one-char and
   empty strings are made through this too). */
static py_object_t *str_alloc(size_t n)
{
    if (n > (SIZE_MAX >> 2)) {
        py_err_set_string(py_exc_OverflowError_type, "string is too large");
        return NULL;
    }
    py_object_t *o = py_object_alloc(py_str_type, sizeof(py_str_t) + n + 1);
    if (!o)
        return NULL;
    STR(o)->hash = -1;
    STR(o)->len = n;
    return o;
}

static py_object_t *small_str(const char *s, size_t n);

py_object_t *py_str_new_uninit(size_t n)
{
    /* The empty string is always the shared interned one (CPython 2.7's
       nullstring); length 1 is a fresh, non-interned object here, as for
       CPython's PyString_FromStringAndSize(NULL, 1). */
    if (n == 0)
        return small_str("", 0);
    return str_alloc(n);
}

/* ---- the intern table --------------------------------------------------
 * Open addressing (linear probing) over a GC-allocated array of str
 * pointers, scanned conservatively; the array pointer is a GC root.
 * Interned strings are immortal (CPython 2.7 makes them mortal; we keep
 * them, which costs little for identifiers and constants).
 *
 * Concurrency: a pthread mutex for now.  Nothing that may collect runs
 * while it is held (allocation happens before taking it), so a thread
 * waiting on it never blocks a collection's stop-the-world.
 *
 * STM: the table is shared raw state written outside the transactional
 * protocol, like an idempotent cache (DESIGN §4).  That is safe because
 * an entry is a complete, immutable str when it is inserted, and an abort
 * never frees the young objects of the aborted attempt (stm/ frees only
 * private copies; the attempt's id is never reused, so the string simply
 * becomes old).  An interned string made by an aborted transaction stays
 * interned, which no program can observe except through identity of
 * equal strings, the very property interning provides.  The `interned`
 * flag is monotonic (0 -> 1 once, under the lock).  A future young-only
 * collection must treat the table as a root, as it treats every global
 * root.  See docs/objects.md. */

static const gc_type_t intern_array_gc = {
    .name = "intern-table", .flags = GC_TYPE_CONSERVATIVE,
};
typedef struct {
    gc_header_t hdr;
    size_t cap;                 /* a power of two */
    py_object_t *slots[];
} intern_array_t;

static intern_array_t *intern_table;
static size_t intern_count;
static pthread_mutex_t intern_lock = PTHREAD_MUTEX_INITIALIZER;
static bool intern_root_added;

static py_object_t *intern_find(intern_array_t *t, const char *s, size_t n,
                                int64_t h, size_t *slot)
{
    size_t mask = t->cap - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        py_object_t *e = t->slots[i];
        if (!e) {
            *slot = i;
            return NULL;
        }
        if (STR(e)->len == n && STR(e)->hash == h &&
            memcmp(STR(e)->data, s, n) == 0)
            return e;
    }
}

static intern_array_t *intern_alloc(size_t cap)
{
    intern_array_t *t = gc_alloc(&intern_array_gc,
                                 sizeof(intern_array_t) + cap * sizeof(void *));
    if (t)
        t->cap = cap;
    return t;
}

/* Inserts CAND (a str whose hash is computed) unless an equal one is
   there; returns the table's entry, or NULL with MemoryError set. */
static py_object_t *intern_insert(py_object_t *cand)
{
    const char *s = STR(cand)->data;
    size_t n = STR(cand)->len;
    int64_t h = STR(cand)->hash;
    for (;;) {
        pthread_mutex_lock(&intern_lock);
        intern_array_t *t = intern_table;
        size_t slot;
        if (t) {
            py_object_t *e = intern_find(t, s, n, h, &slot);
            if (e) {
                pthread_mutex_unlock(&intern_lock);
                return e;
            }
            if ((intern_count + 1) * 3 < t->cap * 2) {
                __atomic_store_n(&STR(cand)->interned, 1, __ATOMIC_RELEASE);
                t->slots[slot] = cand;
                intern_count++;
                pthread_mutex_unlock(&intern_lock);
                return cand;
            }
        }
        /* Grow: allocate outside the lock (gc_alloc may stop the world),
           then rehash under it if nobody else grew the table meanwhile. */
        size_t want = t ? t->cap * 2 : 1024;
        pthread_mutex_unlock(&intern_lock);
        intern_array_t *nt = intern_alloc(want);
        if (!nt) {
            py_err_no_memory();
            return NULL;
        }
        pthread_mutex_lock(&intern_lock);
        if (intern_table == t) {
            for (size_t i = 0; t && i < t->cap; i++) {
                py_object_t *e = t->slots[i];
                if (!e)
                    continue;
                size_t j = (size_t)STR(e)->hash & (nt->cap - 1);
                while (nt->slots[j])
                    j = (j + 1) & (nt->cap - 1);
                nt->slots[j] = e;
            }
            intern_table = nt;
            if (!intern_root_added) {
                intern_root_added = true;
                gc_add_root((void **)&intern_table);
            }
        }
        pthread_mutex_unlock(&intern_lock);
    }
}

py_object_t *py_str_intern(py_object_t *str)
{
    if (py_str_is_interned(str))
        return str;
    if (!py_str_check_exact(str)) {
        /* CPython interns only exact strs; a subclass instance would make
           the table hold an object with extra state. */
        py_object_t *copy = str_alloc(STR(str)->len);
        if (!copy)
            return NULL;
        memcpy(STR(copy)->data, STR(str)->data, STR(str)->len);
        str = copy;
    }
    str_hash_slot(str);
    return intern_insert(str);
}

py_object_t *py_str_intern_bytes(const char *s, size_t n)
{
    int64_t h = py_str_hash_bytes(s, n);
    pthread_mutex_lock(&intern_lock);
    size_t slot;
    py_object_t *e = intern_table ? intern_find(intern_table, s, n, h, &slot)
                                  : NULL;
    pthread_mutex_unlock(&intern_lock);
    if (e)
        return e;
    py_object_t *o = str_alloc(n);
    if (!o)
        return NULL;
    if (n)
        memcpy(STR(o)->data, s, n);
    STR(o)->hash = h;
    return intern_insert(o);
}

/* ---- construction -------------------------------------------------------- */

/* The 256 one-byte strings and the empty one, interned: an idempotent
   cache (relaxed atomic loads and stores; a race makes the same interned
   object twice). */
static py_object_t *char_cache[257];
static bool char_cache_rooted;

static py_object_t *small_str(const char *s, size_t n)
{
    size_t idx = n ? (unsigned char)s[0] : 256;
    py_object_t *o = __atomic_load_n(&char_cache[idx], __ATOMIC_ACQUIRE);
    if (o)
        return o;
    o = py_str_intern_bytes(s, n);
    if (!o)
        return NULL;
    /* (The entries are interned, hence immortal already; the root range
       keeps the cache correct should interned strings ever become
       mortal.) */
    if (!__atomic_exchange_n(&char_cache_rooted, true, __ATOMIC_ACQ_REL))
        gc_add_root_range(char_cache, char_cache + 257);
    __atomic_store_n(&char_cache[idx], o, __ATOMIC_RELEASE);
    return o;
}

py_object_t *py_str_from_bytes(const char *s, size_t n)
{
    if (n <= 1)
        return small_str(s, n);
    py_object_t *o = py_str_new_uninit(n);
    if (o)
        memcpy(STR(o)->data, s, n);
    return o;
}

py_object_t *py_str_from_cstr(const char *s)
{
    return py_str_from_bytes(s, strlen(s));
}

py_object_t *py_str_from_vformat(const char *fmt, va_list ap)
{
    char buf[256];
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(buf, sizeof buf, fmt, ap2);
    va_end(ap2);
    if (n < 0) {
        py_err_set_string(py_exc_SystemError_type, "bad format string");
        return NULL;
    }
    if ((size_t)n < sizeof buf)
        return py_str_from_bytes(buf, (size_t)n);
    py_object_t *o = py_str_new_uninit((size_t)n);
    if (o)
        vsnprintf(STR(o)->data, (size_t)n + 1, fmt, ap);
    return o;
}

py_object_t *py_str_from_format(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    py_object_t *o = py_str_from_vformat(fmt, ap);
    va_end(ap);
    return o;
}

py_object_t *py_str_concat(py_object_t *a, py_object_t *b)
{
    size_t na = STR(a)->len, nb = STR(b)->len;
    if (nb == 0 && py_str_check_exact(a))
        return a;
    if (na == 0 && py_str_check_exact(b))
        return b;
    if (na > SIZE_MAX / 4 - nb) {
        py_err_set_string(py_exc_OverflowError_type,
                          "strings are too large to concat");
        return NULL;
    }
    if (na + nb <= 1) {
        char c = na ? STR(a)->data[0] : STR(b)->data[0];
        return py_str_from_bytes(&c, 1);
    }
    py_object_t *o = py_str_new_uninit(na + nb);
    if (!o)
        return NULL;
    memcpy(STR(o)->data, STR(a)->data, na);
    memcpy(STR(o)->data + na, STR(b)->data, nb);
    return o;
}

/* ---- hash, comparison ----------------------------------------------------- */

int64_t py_str_hash_bytes(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    const unsigned char *p = (const unsigned char *)s;
    /* Unsigned arithmetic: CPython's signed long overflow wraps the same
       way on every platform it runs on. */
    uint64_t x = (uint64_t)p[0] << 7;
    for (size_t i = 0; i < n; i++)
        x = (1000003 * x) ^ p[i];
    x ^= (uint64_t)n;
    int64_t h = (int64_t)x;
    return h == -1 ? -2 : h;
}

static int64_t str_hash_slot(py_object_t *o)
{
    int64_t h = __atomic_load_n(&STR(o)->hash, __ATOMIC_RELAXED);
    if (h != -1)
        return h;
    h = py_str_hash_bytes(STR(o)->data, STR(o)->len);
    __atomic_store_n(&STR(o)->hash, h, __ATOMIC_RELAXED);
    return h;
}

int py_str_equal(py_object_t *a, py_object_t *b)
{
    if (a == b)
        return 1;
    return STR(a)->len == STR(b)->len &&
           memcmp(STR(a)->data, STR(b)->data, STR(a)->len) == 0;
}

static py_object_t *str_richcompare(py_object_t *a, py_object_t *b, int op)
{
    if (!py_str_check(a) || !py_str_check(b))
        return py_NotImplemented;
    if (op == PY_EQ || op == PY_NE) {
        int eq = py_str_equal(a, b);
        return py_bool_from_bool(op == PY_EQ ? eq : !eq);
    }
    size_t na = STR(a)->len, nb = STR(b)->len;
    int c = memcmp(STR(a)->data, STR(b)->data, na < nb ? na : nb);
    if (c == 0)
        c = na < nb ? -1 : na > nb ? 1 : 0;
    switch (op) {
    case PY_LT: return py_bool_from_bool(c < 0);
    case PY_LE: return py_bool_from_bool(c <= 0);
    case PY_GT: return py_bool_from_bool(c > 0);
    default:    return py_bool_from_bool(c >= 0);
    }
}

/* ---- repr ------------------------------------------------------------------ */

py_object_t *py_str_repr(py_object_t *o)
{
    const unsigned char *s = (const unsigned char *)STR(o)->data;
    size_t n = STR(o)->len;
    /* Single quotes unless the string has ' and no " (CPython 2.7). */
    char quote = '\'';
    if (memchr(s, '\'', n) && !memchr(s, '"', n))
        quote = '"';
    size_t out = 2;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = s[i];
        if (c == quote || c == '\\' || c == '\t' || c == '\n' || c == '\r')
            out += 2;
        else if (c < ' ' || c >= 0x7f)
            out += 4;
        else
            out += 1;
    }
    py_object_t *r = py_str_new_uninit(out);
    if (!r)
        return NULL;
    char *d = STR(r)->data;
    *d++ = quote;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = s[i];
        if (c == quote || c == '\\') { *d++ = '\\'; *d++ = (char)c; }
        else if (c == '\t') { *d++ = '\\'; *d++ = 't'; }
        else if (c == '\n') { *d++ = '\\'; *d++ = 'n'; }
        else if (c == '\r') { *d++ = '\\'; *d++ = 'r'; }
        else if (c < ' ' || c >= 0x7f) {
            static const char hex[] = "0123456789abcdef";
            *d++ = '\\'; *d++ = 'x';
            *d++ = hex[c >> 4]; *d++ = hex[c & 15];
        } else
            *d++ = (char)c;
    }
    *d++ = quote;
    return r;
}
