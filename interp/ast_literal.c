/* ast_literal.c -- decoding string literals (see ast_literal.h).
 *
 * str literals: Python 2 escapes on bytes; non-ASCII text of a transcoded
 * source (PY_SRCENC_TABLE) is turned back into the declared encoding, so
 * a str literal holds the bytes the file held, as CPython does.
 * unicode literals: \u, \U, \x, octal and the simple escapes; raw ones
 * only \u and \U after an odd number of backslashes.  Non-ASCII text is
 * UTF-8 in a UTF-8 (or transcoded) source, else latin-1 bytes.  \N{...}
 * looks the name up in the Unicode 5.2 name table (interp/unicodename.h).
 *
 * Error positions: CPython 2.7 first rewrites every non-ASCII character
 * of a UTF-8 (or transcoded) source as a 10-byte "\UXXXXXXXX" escape, and
 * a backslash right before one as "\u005c" too, then runs the codec on
 * that text; the positions in its messages count that rewritten text, so
 * we add the same growth ("shift") to ours.
 *
 * Buffers come from the arena (GC memory): an STM abort in the middle
 * leaks nothing.
 */
#include "interp/ast_literal.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "interp/errors.h"
#include "interp/unicodename.h"
#include "interp/objects/stringobject.h"
#include "interp/objects/unicodeobject.h"

typedef struct {
    const char *body;    /* between the quotes */
    size_t len;
    bool unicode;
    bool raw;
} lit_t;

static void split(const py_strtok_t *t, bool unicode_literals, lit_t *out)
{
    const char *s = t->s, *e = t->s + t->n;
    out->unicode = unicode_literals;
    out->raw = false;
    if (*s == 'u' || *s == 'U') {
        out->unicode = true;
        s++;
    }
    if (*s == 'b' || *s == 'B') {
        out->unicode = false;
        s++;
    }
    if (*s == 'r' || *s == 'R') {
        out->raw = true;
        s++;
    }
    size_t q = 1;
    if (e - s >= 6 && s[1] == s[0] && s[2] == s[0])
        q = 3;
    out->body = s + q;
    out->len = (size_t)(e - s) - 2 * q;
}

static bool is_hex(int c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
           (c >= 'A' && c <= 'F');
}
static int hexval(int c)
{
    if (c <= '9') return c - '0';
    if (c >= 'a') return c - 'a' + 10;
    return c - 'A' + 10;
}

/* Decodes one UTF-8 sequence at *P (< E).  Returns the code point, or -1
   with *WHY set (CPython 2.7's messages). */
static int32_t utf8_next(const unsigned char **p, const unsigned char *e,
                         const char **why)
{
    const unsigned char *s = *p;
    unsigned c = s[0];
    int n;
    uint32_t cp;
    if (c < 0x80) { *p = s + 1; return (int32_t)c; }
    if (c < 0xC2 || c > 0xF4) { *why = "invalid start byte"; return -1; }
    if (c < 0xE0) { n = 1; cp = c & 0x1F; }
    else if (c < 0xF0) { n = 2; cp = c & 0x0F; }
    else { n = 3; cp = c & 0x07; }
    for (int i = 1; i <= n; i++) {
        if (s + i >= e) { *why = "unexpected end of data"; return -1; }
        if ((s[i] & 0xC0) != 0x80) {
            *why = "invalid continuation byte";
            return -1;
        }
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF))) {
        *why = "invalid continuation byte";
        return -1;
    }
    *p = s + n + 1;
    return (int32_t)cp;
}

/* "...codec can't decode..." for positions [START, END); BYTE is the byte
   at START (shown when the range is one byte long). */
static void decode_error_at(char *err, const char *codec, size_t start,
                            size_t end, unsigned char byte, const char *why)
{
    if (end - start == 1)
        snprintf(err, 200, "'%s' codec can't decode byte 0x%02x in "
                 "position %zu: %s", codec, byte, start, why);
    else
        snprintf(err, 200, "'%s' codec can't decode bytes in position "
                 "%zu-%zu: %s", codec, start, end - 1, why);
}

static void decode_error(char *err, const char *codec, size_t start,
                         size_t end, const char *body, const char *why)
{
    decode_error_at(err, codec, start, end, (unsigned char)body[start], why);
}

/* ---- str ------------------------------------------------------------ */

/* Appends the bytes of the UTF-8 text [S, E) re-encoded to SRC's table
   encoding. */
static bool recode(const py_source_t *src, const char *s, const char *e,
                   char **out, char *err)
{
    const unsigned char *p = (const unsigned char *)s;
    while (p < (const unsigned char *)e) {
        const char *why = NULL;
        const unsigned char *at = p;
        int32_t cp = utf8_next(&p, (const unsigned char *)e, &why);
        if (cp < 0) {
            decode_error(err, "utf8", (size_t)(at - (const unsigned char *)s),
                         (size_t)(at - (const unsigned char *)s) + 1, s, why);
            return false;
        }
        int b = py_source_table_encode(src, (uint32_t)cp);
        if (b < 0) {
            snprintf(err, 200, "'charmap' codec can't encode character "
                     "u'\\u%04x': character maps to <undefined>", cp);
            return false;
        }
        *(*out)++ = (char)b;
    }
    return true;
}

/* Decodes a str literal body into OUT (room for len bytes); returns the
   end, or NULL with ValueError set or ERR filled. */
static char *decode_str(const lit_t *l, const py_source_t *src, char *out,
                        char *err, bool *uerr)
{
    const char *s = l->body, *e = l->body + l->len;
    bool need_recode = src->enc == PY_SRCENC_TABLE;
    if (l->raw || memchr(s, '\\', l->len) == NULL) {
        if (!need_recode) {
            memcpy(out, s, l->len);
            return out + l->len;
        }
        if (!recode(src, s, e, &out, err)) {
            *uerr = true;
            return NULL;
        }
        return out;
    }
    while (s < e) {
        unsigned char c = (unsigned char)*s;
        if (c != '\\') {
            if (need_recode && c >= 0x80) {
                const char *r = s;
                while (r < e && (unsigned char)*r >= 0x80)
                    r++;
                if (!recode(src, s, r, &out, err)) {
                    *uerr = true;
                    return NULL;
                }
                s = r;
                continue;
            }
            *out++ = (char)c;
            s++;
            continue;
        }
        s++;
        if (s >= e) {
            /* cannot happen for a token (the quote would be escaped),
               but keep the backslash like CPython's "\\" at the end */
            *out++ = '\\';
            break;
        }
        c = (unsigned char)*s++;
        switch (c) {
        case '\n': break;
        case '\\': *out++ = '\\'; break;
        case '\'': *out++ = '\''; break;
        case '"': *out++ = '"'; break;
        case 'b': *out++ = '\b'; break;
        case 'f': *out++ = '\014'; break;
        case 't': *out++ = '\t'; break;
        case 'n': *out++ = '\n'; break;
        case 'r': *out++ = '\r'; break;
        case 'v': *out++ = '\013'; break;
        case 'a': *out++ = '\007'; break;
        case '0': case '1': case '2': case '3':
        case '4': case '5': case '6': case '7': {
            unsigned v = c - '0';
            if (s < e && *s >= '0' && *s <= '7') {
                v = (v << 3) + (unsigned)(*s++ - '0');
                if (s < e && *s >= '0' && *s <= '7')
                    v = (v << 3) + (unsigned)(*s++ - '0');
            }
            *out++ = (char)(v & 0xFF);
            break;
        }
        case 'x':
            if (s + 1 < e && is_hex(s[0]) && is_hex(s[1])) {
                *out++ = (char)(hexval(s[0]) * 16 + hexval(s[1]));
                s += 2;
                break;
            }
            py_err_set_string(py_exc_ValueError_type, "invalid \\x escape");
            return NULL;
        default:
            *out++ = '\\';
            s--;        /* the character itself is copied next round */
            break;
        }
    }
    return out;
}

/* ---- unicode -------------------------------------------------------- */

/* Next character of a unicode literal body as literal text: a UTF-8
   sequence in a UTF-8 source, else one latin-1 byte. */
static int32_t text_char(const lit_t *l, const py_source_t *src,
                         const char **s, char *err)
{
    const unsigned char *p = (const unsigned char *)*s;
    const unsigned char *e = (const unsigned char *)l->body + l->len;
    if (*p < 0x80 || src->enc == PY_SRCENC_NONE ||
        src->enc == PY_SRCENC_LATIN1) {
        *s = (const char *)p + 1;
        return *p;
    }
    /* CPython decodes the whole run of non-ASCII bytes; positions in
       its message are relative to that run. */
    const unsigned char *run = p;
    while (run > (const unsigned char *)l->body && run[-1] >= 0x80)
        run--;
    const unsigned char *q = p;
    while (q < e && *q >= 0x80)
        q++;
    const char *why = NULL;
    int32_t cp = utf8_next(&p, q, &why);
    if (cp < 0) {
        size_t at = (size_t)((const unsigned char *)*s - run);
        size_t end = at + 1;
        if (strcmp(why, "unexpected end of data") == 0)
            end = (size_t)(q - run);
        decode_error(err, "utf8", at, end, (const char *)run, why);
        return -1;
    }
    *s = (const char *)p;
    return cp;
}

/* True when CPython 2.7 rewrites the non-ASCII text of a unicode literal
   as \U escapes before decoding (any source encoding but none/latin-1). */
static bool rewrites(const py_source_t *src)
{
    return src->enc != PY_SRCENC_NONE && src->enc != PY_SRCENC_LATIN1;
}

/* The position of P in the text CPython's codec sees (see the file
   comment): a backslash pair consumed from the left, "\u005c" added when
   its second byte is non-ASCII, 10 bytes per non-ASCII character. */
static size_t cpos(const lit_t *l, const py_source_t *src, const char *p)
{
    const char *q = l->body, *e = l->body + l->len;
    if (!rewrites(src))
        return (size_t)(p - q);
    size_t pos = 0;
    while (q < p) {
        if (*q == '\\') {
            pos++;
            q++;
            if (q < e && (unsigned char)*q >= 0x80)
                pos += 5;
            if (q >= p)
                break;
        }
        unsigned char c = (unsigned char)*q;
        if (c < 0x80) {
            pos++;
            q++;
            continue;
        }
        /* one character: its lead byte and continuation bytes */
        q++;
        while (q < p && ((unsigned char)*q & 0xC0) == 0x80)
            q++;
        pos += 10;
    }
    return pos;
}

static uint32_t *decode_unicode(const lit_t *l, const py_source_t *src,
                                uint32_t *out, char *err)
{
    const char *s = l->body, *e = l->body + l->len;
    const char *codec = l->raw ? "rawunicodeescape" : "unicodeescape";
    while (s < e) {
        if (*s != '\\') {
            int32_t cp = text_char(l, src, &s, err);
            if (cp < 0)
                return NULL;
            *out++ = (uint32_t)cp;
            continue;
        }
        const char *st = s;     /* the escape's backslash */
        if (l->raw) {
            /* \u and \U count only after an odd number of backslashes */
            const char *b = s;
            while (b < e && *b == '\\')
                b++;
            size_t nb = (size_t)(b - s);
            if (nb % 2 == 0 || b >= e || (*b != 'u' && *b != 'U')) {
                for (size_t i = 0; i < nb; i++)
                    *out++ = '\\';
                s = b;
                continue;
            }
            for (size_t i = 0; i + 1 < nb; i++)
                *out++ = '\\';
            st = b - 1;
            int count = *b == 'u' ? 4 : 8;
            s = b + 1;
            uint32_t v = 0;
            for (int i = 0; i < count; i++) {
                if (s >= e || !is_hex(*s)) {
                    decode_error_at(err, codec, cpos(l, src, st),
                                    cpos(l, src, s), '\\',
                                    count == 4 ? "truncated \\uXXXX"
                                               : "truncated \\UXXXXXXXX");
                    return NULL;
                }
                v = v * 16 + (uint32_t)hexval(*s++);
            }
            if (v > 0x10FFFF) {
                decode_error_at(err, codec, cpos(l, src, st),
                                cpos(l, src, s), '\\',
                                "\\Uxxxxxxxx out of range");
                return NULL;
            }
            *out++ = v;
            continue;
        }
        s++;
        if (s >= e) {
            size_t at = cpos(l, src, st);
            decode_error_at(err, codec, at, at + 1, '\\',
                            "\\ at end of string");
            return NULL;
        }
        unsigned char c = (unsigned char)*s++;
        int count = 0;
        const char *msg = NULL;
        switch (c) {
        case '\n': continue;
        case '\\': *out++ = '\\'; continue;
        case '\'': *out++ = '\''; continue;
        case '"': *out++ = '"'; continue;
        case 'b': *out++ = '\b'; continue;
        case 'f': *out++ = '\014'; continue;
        case 't': *out++ = '\t'; continue;
        case 'n': *out++ = '\n'; continue;
        case 'r': *out++ = '\r'; continue;
        case 'v': *out++ = '\013'; continue;
        case 'a': *out++ = '\007'; continue;
        case '0': case '1': case '2': case '3':
        case '4': case '5': case '6': case '7': {
            uint32_t v = c - '0';
            if (s < e && *s >= '0' && *s <= '7') {
                v = (v << 3) + (uint32_t)(*s++ - '0');
                if (s < e && *s >= '0' && *s <= '7')
                    v = (v << 3) + (uint32_t)(*s++ - '0');
            }
            *out++ = v;
            continue;
        }
        case 'x': count = 2; msg = "truncated \\xXX escape"; break;
        case 'u': count = 4; msg = "truncated \\uXXXX escape"; break;
        case 'U': count = 8; msg = "truncated \\UXXXXXXXX escape"; break;
        case 'N':
            /* CPython scans to the '}' (or the end); a non-empty name
               that is not found is reported up to and including it */
            msg = "malformed \\N character escape";
            if (s < e && *s == '{') {
                const char *name = s + 1;
                while (s < e && *s != '}')
                    s++;
                if (s > name && s < e) {
                    uint32_t cp;
                    s++;
                    if (py_unicode_lookup_name(name, (size_t)(s - 1 - name),
                                               &cp)) {
                        *out++ = cp;
                        continue;
                    }
                    msg = "unknown Unicode character name";
                }
            }
            decode_error_at(err, codec, cpos(l, src, st), cpos(l, src, s),
                            '\\', msg);
            return NULL;
        default:
            /* an unknown escape keeps its backslash; the character is
               ordinary text (maybe non-ASCII) */
            *out++ = '\\';
            s--;
            continue;
        }
        uint32_t v = 0;
        for (int i = 0; i < count; i++) {
            if (s >= e || !is_hex(*s)) {
                decode_error_at(err, codec, cpos(l, src, st),
                                cpos(l, src, s), '\\', msg);
                return NULL;
            }
            v = v * 16 + (uint32_t)hexval(*s++);
        }
        if (v > 0x10FFFF) {
            decode_error_at(err, codec, cpos(l, src, st), cpos(l, src, s),
                            '\\', "illegal Unicode character");
            return NULL;
        }
        *out++ = v;
    }
    return out;
}

/* ---- the concatenation ---------------------------------------------- */

py_object_t *py_ast_parse_strings(const py_strtok_t *toks, size_t n,
                                  bool unicode_literals,
                                  const py_source_t *src, py_arena_t *arena,
                                  char *unicode_error)
{
    size_t total = 0;
    bool any_unicode = false;
    unicode_error[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        lit_t l;
        split(&toks[i], unicode_literals, &l);
        total += l.len;
        any_unicode |= l.unicode;
    }
    if (!any_unicode) {
        /* decoded str never grows: recoding turns 2-3 UTF-8 bytes into 1 */
        char *buf = py_arena_bytes(arena, total + 1);
        if (buf == NULL)
            return NULL;
        char *p = buf;
        /* Which object CPython ends with decides whether marshal writes
           it interned ('t') or not ('s'): a part with no escape (or a
           raw one) of a source that needs no re-encoding comes from
           PyString_FromStringAndSize(s, n), whose 1-byte results are
           the interned shared ones (py_str_from_bytes); a part decoded
           through escapes or re-encoded is a fresh object
           (py_str_new_uninit).  Concatenation keeps the left operand if
           the right one is empty, the right one if the left is empty,
           else makes a fresh object. */
        bool shared = true;
        for (size_t i = 0; i < n; i++) {
            lit_t l;
            bool uerr = false;
            split(&toks[i], unicode_literals, &l);
            char *start = p;
            p = decode_str(&l, src, p, unicode_error, &uerr);
            if (p == NULL)
                return NULL;
            bool part_shared =
                src->enc != PY_SRCENC_TABLE &&
                (l.raw || memchr(l.body, '\\', l.len) == NULL);
            if (start == buf)
                shared = part_shared;           /* left empty: take right */
            else if (p != start)
                shared = false;                 /* both non-empty */
        }
        size_t len = (size_t)(p - buf);
        if (shared || len == 0)
            return py_str_from_bytes(buf, len);
        py_object_t *str = py_str_new_uninit(len);
        if (str == NULL)
            return NULL;
        memcpy(py_str_writable_data(str), buf, len);
        return str;
    }
    if (total > SIZE_MAX / sizeof(uint32_t) - 1) {
        py_err_no_memory();
        return NULL;
    }
    uint32_t *ubuf = py_arena_bytes(arena, (total + 1) * sizeof(uint32_t));
    char *sbuf = py_arena_bytes(arena, total + 1);
    if (ubuf == NULL || sbuf == NULL)
        return NULL;
    uint32_t *u = ubuf;
    for (size_t i = 0; i < n; i++) {
        lit_t l;
        split(&toks[i], unicode_literals, &l);
        if (l.unicode) {
            u = decode_unicode(&l, src, u, unicode_error);
            if (u == NULL)
                return NULL;
            continue;
        }
        /* a str part joins a unicode one through the default encoding
           (ASCII), as str + unicode does */
        bool uerr = false;
        char *end = decode_str(&l, src, sbuf, unicode_error, &uerr);
        if (end == NULL)
            return NULL;
        for (char *q = sbuf; q < end; q++) {
            unsigned char c = (unsigned char)*q;
            if (c >= 0x80) {
                snprintf(unicode_error, 200, "'ascii' codec can't decode "
                         "byte 0x%02x in position %zu: ordinal not in "
                         "range(128)", c, (size_t)(q - sbuf));
                return NULL;
            }
            *u++ = c;
        }
    }
    return py_unicode_from_ucs4(ubuf, (size_t)(u - ubuf));
}
