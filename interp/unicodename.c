/* unicodename.c -- Unicode character names (see unicodename.h).
 *
 * The generated table (unicodename_db.inc, see tools/gen_unicodenames.py
 * for its layout) stores each stored name as word numbers into a lexicon,
 * in code point order.  Two indexes are derived once at first use rather
 * than shipped as source: the lexicon word offsets and an open-addressing
 * hash from names to ordinals (about 100 kB of static memory, built in
 * well under a millisecond).  Hangul syllable and CJK unified ideograph
 * names are computed, as CPython's unicodedata does.
 */
#include "interp/unicodename.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "interp/unicodename_db.inc"

const char py_unicode_unidata_version[] = UNIDATA_VERSION;

#define NRUNS (sizeof(name_runs) / sizeof(name_runs[0]))
#define NCJK (sizeof(cjk_ranges) / sizeof(cjk_ranges[0]))
#define HASH_SIZE 32768u     /* power of two, > 1.5 * NAME_COUNT */

_Static_assert(HASH_SIZE > NAME_COUNT + NAME_COUNT / 2, "hash too full");
_Static_assert(NAME_COUNT < 65535, "ordinals are stored in uint16_t");
_Static_assert(NAME_MAXLEN + 1 <= PY_UNICODE_NAME_BUFSIZE, "bufsize");

/* built once by build_index, read-only afterwards */
static uint32_t lex_off[WORD_COUNT];
static uint16_t name_hash[HASH_SIZE];      /* ordinal + 1; 0 = empty */
static pthread_once_t index_once = PTHREAD_ONCE_INIT;

/* ---- Hangul syllables (Unicode 3.12, jamo short names) --------------- */

#define SBASE 0xAC00u
#define LCOUNT 19
#define VCOUNT 21
#define TCOUNT 28
#define SCOUNT (LCOUNT * VCOUNT * TCOUNT)

static const char *const jamo_l[LCOUNT] = {
    "G", "GG", "N", "D", "DD", "R", "M", "B", "BB", "S", "SS", "", "J",
    "JJ", "C", "K", "T", "P", "H"};
static const char *const jamo_v[VCOUNT] = {
    "A", "AE", "YA", "YAE", "EO", "E", "YEO", "YE", "O", "WA", "WAE", "OE",
    "YO", "U", "WEO", "WE", "WI", "YU", "EU", "YI", "I"};
static const char *const jamo_t[TCOUNT] = {
    "", "G", "GG", "GS", "N", "NJ", "NH", "D", "L", "LG", "LM", "LB", "LS",
    "LT", "LP", "LH", "M", "B", "BS", "S", "SS", "NG", "J", "C", "K", "T",
    "P", "H"};

/* CPython's find_syllable: the longest jamo of TABLE that prefixes
   S[0..N-1].  Returns its length (0 when none matches: *IDX stays -1). */
static size_t find_jamo(const char *s, size_t n, const char *const *table,
                        int count, int *idx)
{
    size_t best = 0;
    bool found = false;
    for (int i = 0; i < count; i++) {
        size_t len = strlen(table[i]);
        if ((found && len <= best) || len > n)
            continue;
        if (memcmp(s, table[i], len) == 0) {
            best = len;
            *idx = i;
            found = true;
        }
    }
    return best;
}

static bool is_unified_ideograph(uint32_t cp)
{
    for (size_t i = 0; i < NCJK; i++)
        if (cp >= cjk_ranges[i][0] && cp <= cjk_ranges[i][1])
            return true;
    return false;
}

/* ---- the stored names ------------------------------------------------- */

/* base-91 digit of phrasebook character C: 0x21..0x7E minus '"', '?',
   '\\' (see the generator) */
static unsigned digit(unsigned char c)
{
    unsigned d = c - 0x21u;
    if (c > '"') d--;
    if (c > '?') d--;
    if (c > '\\') d--;
    return d;
}

/* Reads one word number at *P and advances. */
static unsigned next_word(const char **p)
{
    const unsigned char *s = (const unsigned char *)*p;
    unsigned d = digit(s[0]);
    if (d < PB_ONE) {
        *p += 1;
        return d;
    }
    if (d < PB_ONE + PB_TWO) {
        *p += 2;
        return PB_ONE + (d - PB_ONE) * 91u + digit(s[1]);
    }
    *p += 3;
    return PB_ONE + PB_TWO * 91u + (d - PB_ONE - PB_TWO) * 91u * 91u +
           digit(s[1]) * 91u + digit(s[2]);
}

/* Writes the stored name of ORDINAL (NUL-terminated) into BUF (room for
   NAME_MAXLEN + 1); returns its length. */
static size_t decode_name(uint32_t ordinal, char *buf)
{
    const char *p = phrasebook + phrasebook_off[ordinal / OFF_STEP];
    for (uint32_t skip = ordinal % OFF_STEP; skip > 0; p++)
        if (*p == ' ')
            skip--;
    size_t len = 0;
    while (*p != ' ') {
        unsigned w = next_word(&p);
        const char *word = lexicon + lex_off[w];
        if (len > 0)
            buf[len++] = ' ';
        while (*word != ' ')
            buf[len++] = *word++;
    }
    buf[len] = '\0';
    return len;
}

/* FNV-1a over upper-case bytes */
static uint32_t name_hash_of(const char *s, size_t n)
{
    uint32_t h = 0x811C9DC5u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x01000193u;
    }
    return h;
}

static void build_index(void)
{
    uint32_t w = 0, off = 0;
    for (const char *p = lexicon; *p != '\0'; p++, off++) {
        if (off == 0 || p[-1] == ' ')
            lex_off[w++] = off;
    }
    char buf[NAME_MAXLEN + 1];
    for (uint32_t ord = 0; ord < NAME_COUNT; ord++) {
        size_t len = decode_name(ord, buf);
        uint32_t h = name_hash_of(buf, len) & (HASH_SIZE - 1);
        while (name_hash[h] != 0)
            h = (h + 1) & (HASH_SIZE - 1);
        name_hash[h] = (uint16_t)(ord + 1);
    }
}

static uint32_t ordinal_cp(uint32_t ord)
{
    size_t lo = 0, hi = NRUNS;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (name_runs[mid][2] <= ord)
            lo = mid;
        else
            hi = mid;
    }
    return name_runs[lo][0] + (ord - name_runs[lo][2]);
}

/* the ordinal of CP's stored name, or -1 */
static int32_t cp_ordinal(uint32_t cp)
{
    size_t lo = 0, hi = NRUNS;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (cp < name_runs[mid][0])
            hi = mid;
        else if (cp >= name_runs[mid][0] + name_runs[mid][1])
            lo = mid + 1;
        else
            return (int32_t)(name_runs[mid][2] + (cp - name_runs[mid][0]));
    }
    return -1;
}

/* ---- the API ---------------------------------------------------------- */

static int lookup_hangul(const char *s, size_t n, uint32_t *cp_out)
{
    int l = -1, v = -1, t = -1;
    size_t len = find_jamo(s, n, jamo_l, LCOUNT, &l);
    s += len, n -= len;
    len = find_jamo(s, n, jamo_v, VCOUNT, &v);
    s += len, n -= len;
    len = find_jamo(s, n, jamo_t, TCOUNT, &t);
    n -= len;
    if (l < 0 || v < 0 || t < 0 || n != 0)
        return 0;
    *cp_out = SBASE + ((uint32_t)l * VCOUNT + (uint32_t)v) * TCOUNT +
              (uint32_t)t;
    return 1;
}

static int lookup_cjk(const char *s, size_t n, uint32_t *cp_out)
{
    if (n != 4 && n != 5)
        return 0;
    uint32_t v = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9')
            v = v * 16 + (uint32_t)(c - '0');
        else if (c >= 'A' && c <= 'F')
            v = v * 16 + (uint32_t)(c - 'A' + 10);
        else
            return 0;
    }
    if (!is_unified_ideograph(v))
        return 0;
    *cp_out = v;
    return 1;
}

int py_unicode_lookup_name(const char *name, size_t n, uint32_t *cp_out)
{
    static const char hangul[] = "HANGUL SYLLABLE ";
    static const char cjk[] = "CJK UNIFIED IDEOGRAPH-";
    /* the algorithmic prefixes are compared case-sensitively, as CPython
       2.7's _getcode does with strncmp */
    if (n >= sizeof(hangul) - 1 &&
        memcmp(name, hangul, sizeof(hangul) - 1) == 0)
        return lookup_hangul(name + sizeof(hangul) - 1,
                             n - (sizeof(hangul) - 1), cp_out);
    if (n >= sizeof(cjk) - 1 && memcmp(name, cjk, sizeof(cjk) - 1) == 0)
        return lookup_cjk(name + sizeof(cjk) - 1, n - (sizeof(cjk) - 1),
                          cp_out);
    if (n == 0 || n > NAME_MAXLEN)
        return 0;
    char upper[NAME_MAXLEN + 1], buf[NAME_MAXLEN + 1];
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        upper[i] = (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
    }
    pthread_once(&index_once, build_index);
    uint32_t h = name_hash_of(upper, n) & (HASH_SIZE - 1);
    for (; name_hash[h] != 0; h = (h + 1) & (HASH_SIZE - 1)) {
        uint32_t ord = name_hash[h] - 1u;
        if (decode_name(ord, buf) == n && memcmp(buf, upper, n) == 0) {
            *cp_out = ordinal_cp(ord);
            return 1;
        }
    }
    return 0;
}

int py_unicode_name_of(uint32_t cp, char *buf, size_t cap)
{
    char tmp[PY_UNICODE_NAME_BUFSIZE];
    int len;
    if (cp >= SBASE && cp < SBASE + SCOUNT) {
        uint32_t s = cp - SBASE;
        len = snprintf(tmp, sizeof(tmp), "HANGUL SYLLABLE %s%s%s",
                       jamo_l[s / (VCOUNT * TCOUNT)],
                       jamo_v[(s % (VCOUNT * TCOUNT)) / TCOUNT],
                       jamo_t[s % TCOUNT]);
    } else if (is_unified_ideograph(cp)) {
        len = snprintf(tmp, sizeof(tmp), "CJK UNIFIED IDEOGRAPH-%X",
                       (unsigned)cp);
    } else {
        int32_t ord = cp_ordinal(cp);
        if (ord < 0)
            return 0;
        pthread_once(&index_once, build_index);
        len = (int)decode_name((uint32_t)ord, tmp);
    }
    if ((size_t)len + 1 > cap)
        return -1;
    memcpy(buf, tmp, (size_t)len + 1);
    return len;
}
