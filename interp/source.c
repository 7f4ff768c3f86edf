/* source.c -- BOM, PEP 263 encoding declarations and newline
 * normalisation for the tokenizer (see source.h; CPython 2.7's
 * Parser/tokenizer.c check_bom, check_coding_spec, get_normal_name,
 * translate_newlines).
 */
#include "interp/source.h"

#include <stdio.h>
#include <string.h>

#include "interp/errors.h"
#include "interp/objects/stringobject.h"

/* ---- single-byte tables --------------------------------------------- */

/* Code points of 0x80..0xFF; 0 where the codec has none.  Only the
   entries that differ from latin-1 are listed. */
typedef struct { uint8_t byte; uint16_t cp; } delta_t;

static const delta_t latin9_delta[] = {
    {0xA4, 0x20AC}, {0xA6, 0x0160}, {0xA8, 0x0161}, {0xB4, 0x017D},
    {0xB8, 0x017E}, {0xBC, 0x0152}, {0xBD, 0x0153}, {0xBE, 0x0178},
};
static const delta_t cp1252_delta[] = {
    {0x80, 0x20AC}, {0x81, 0}, {0x82, 0x201A}, {0x83, 0x0192},
    {0x84, 0x201E}, {0x85, 0x2026}, {0x86, 0x2020}, {0x87, 0x2021},
    {0x88, 0x02C6}, {0x89, 0x2030}, {0x8A, 0x0160}, {0x8B, 0x2039},
    {0x8C, 0x0152}, {0x8D, 0}, {0x8E, 0x017D}, {0x8F, 0}, {0x90, 0},
    {0x91, 0x2018}, {0x92, 0x2019}, {0x93, 0x201C}, {0x94, 0x201D},
    {0x95, 0x2022}, {0x96, 0x2013}, {0x97, 0x2014}, {0x98, 0x02DC},
    {0x99, 0x2122}, {0x9A, 0x0161}, {0x9B, 0x203A}, {0x9C, 0x0153},
    {0x9D, 0}, {0x9E, 0x017E}, {0x9F, 0x0178},
};

/* KOI8-R (RFC 1489): code points of 0x80..0xFF (all differ from
   latin-1; the mapping is the standard one, as Python's koi8_r codec). */
static const uint16_t koi8r_upper[128] = {
    0x2500, 0x2502, 0x250C, 0x2510, 0x2514, 0x2518, 0x251C, 0x2524,
    0x252C, 0x2534, 0x253C, 0x2580, 0x2584, 0x2588, 0x258C, 0x2590,
    0x2591, 0x2592, 0x2593, 0x2320, 0x25A0, 0x2219, 0x221A, 0x2248,
    0x2264, 0x2265, 0x00A0, 0x2321, 0x00B0, 0x00B2, 0x00B7, 0x00F7,
    0x2550, 0x2551, 0x2552, 0x0451, 0x2553, 0x2554, 0x2555, 0x2556,
    0x2557, 0x2558, 0x2559, 0x255A, 0x255B, 0x255C, 0x255D, 0x255E,
    0x255F, 0x2560, 0x2561, 0x0401, 0x2562, 0x2563, 0x2564, 0x2565,
    0x2566, 0x2567, 0x2568, 0x2569, 0x256A, 0x256B, 0x256C, 0x00A9,
    0x044E, 0x0430, 0x0431, 0x0446, 0x0434, 0x0435, 0x0444, 0x0433,
    0x0445, 0x0438, 0x0439, 0x043A, 0x043B, 0x043C, 0x043D, 0x043E,
    0x043F, 0x044F, 0x0440, 0x0441, 0x0442, 0x0443, 0x0436, 0x0432,
    0x044C, 0x044B, 0x0437, 0x0448, 0x044D, 0x0449, 0x0447, 0x044A,
    0x042E, 0x0410, 0x0411, 0x0426, 0x0414, 0x0415, 0x0424, 0x0413,
    0x0425, 0x0418, 0x0419, 0x041A, 0x041B, 0x041C, 0x041D, 0x041E,
    0x041F, 0x042F, 0x0420, 0x0421, 0x0422, 0x0423, 0x0416, 0x0412,
    0x042C, 0x042B, 0x0417, 0x0428, 0x042D, 0x0429, 0x0427, 0x042A,
};

/* Tables are built on first use; two threads building at once write the
   same values, so the race is benign, but keep it simple: build both
   eagerly under a once flag. */
static uint16_t latin9_table[256];
static uint16_t cp1252_table[256];
static uint16_t koi8r_table[256];

static void build(uint16_t *t, const delta_t *d, size_t n)
{
    for (int i = 0; i < 256; i++)
        t[i] = (uint16_t)i;
    for (size_t i = 0; i < n; i++)
        t[d[i].byte] = d[i].cp;
}

#include <pthread.h>
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;
static void build_tables(void)
{
    build(latin9_table, latin9_delta,
          sizeof(latin9_delta) / sizeof(latin9_delta[0]));
    build(cp1252_table, cp1252_delta,
          sizeof(cp1252_delta) / sizeof(cp1252_delta[0]));
    build(koi8r_table, NULL, 0);
    for (int i = 0; i < 128; i++)
        koi8r_table[128 + i] = koi8r_upper[i];
}

int py_source_table_encode(const py_source_t *src, uint32_t cp)
{
    if (src->table == NULL)
        return cp < 256 ? (int)cp : -1;
    if (cp == 0)
        return 0;
    for (int i = 0; i < 256; i++)
        if (src->table[i] == cp)
            return i;
    return -1;
}

/* ---- encoding names ------------------------------------------------- */

typedef enum { ENC_UNKNOWN, ENC_UTF8, ENC_LATIN1, ENC_ASCII, ENC_LATIN9,
               ENC_CP1252, ENC_KOI8R } enc_t;

static const struct { const char *name; enc_t enc; } aliases[] = {
    {"utf_8", ENC_UTF8}, {"u8", ENC_UTF8}, {"utf", ENC_UTF8},
    {"utf8", ENC_UTF8}, {"utf8_ucs2", ENC_UTF8}, {"utf8_ucs4", ENC_UTF8},
    {"latin_1", ENC_LATIN1}, {"iso8859_1", ENC_LATIN1},
    {"iso_8859_1", ENC_LATIN1}, {"8859", ENC_LATIN1}, {"cp819", ENC_LATIN1},
    {"csisolatin1", ENC_LATIN1}, {"ibm819", ENC_LATIN1},
    {"iso8859", ENC_LATIN1}, {"iso_8859_1_1987", ENC_LATIN1},
    {"iso_ir_100", ENC_LATIN1}, {"l1", ENC_LATIN1}, {"latin", ENC_LATIN1},
    {"latin1", ENC_LATIN1}, {"iso_latin_1", ENC_LATIN1},
    {"ascii", ENC_ASCII}, {"646", ENC_ASCII}, {"ansi_x3.4_1968", ENC_ASCII},
    {"ansi_x3_4_1968", ENC_ASCII}, {"ansi_x3.4_1986", ENC_ASCII},
    {"cp367", ENC_ASCII}, {"csascii", ENC_ASCII}, {"ibm367", ENC_ASCII},
    {"iso646_us", ENC_ASCII}, {"iso_646.irv_1991", ENC_ASCII},
    {"iso_ir_6", ENC_ASCII}, {"us", ENC_ASCII}, {"us_ascii", ENC_ASCII},
    {"iso8859_15", ENC_LATIN9}, {"iso_8859_15", ENC_LATIN9},
    {"l9", ENC_LATIN9}, {"latin9", ENC_LATIN9},
    {"cp1252", ENC_CP1252}, {"windows_1252", ENC_CP1252},
    {"koi8_r", ENC_KOI8R}, {"cskoi8r", ENC_KOI8R},
};

/* CPython's get_normal_name: the names the tokenizer itself knows. */
static const char *normal_name(const char *s, char *buf13)
{
    int i;
    for (i = 0; i < 12 && s[i]; i++) {
        char c = s[i];
        buf13[i] = c == '_' ? '-' : (c >= 'A' && c <= 'Z') ? c + 32 : c;
    }
    buf13[i] = '\0';
    if (strcmp(buf13, "utf-8") == 0 || strncmp(buf13, "utf-8-", 6) == 0)
        return "utf-8";
    if (strcmp(buf13, "latin-1") == 0 || strcmp(buf13, "iso-8859-1") == 0 ||
        strcmp(buf13, "iso-latin-1") == 0 ||
        strncmp(buf13, "latin-1-", 8) == 0 ||
        strncmp(buf13, "iso-8859-1-", 11) == 0 ||
        strncmp(buf13, "iso-latin-1-", 12) == 0)
        return "iso-8859-1";
    return s;
}

/* The codec registry's lookup (encodings.normalize_encoding + aliases). */
static enc_t lookup(const char *name)
{
    char buf[64];
    size_t n = strlen(name);
    if (n >= sizeof(buf))
        return ENC_UNKNOWN;
    for (size_t i = 0; i <= n; i++) {
        char c = name[i];
        if (c >= 'A' && c <= 'Z')
            c += 32;
        if (c == '-' || c == ' ')
            c = '_';
        buf[i] = c;
    }
    for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
        if (strcmp(aliases[i].name, buf) == 0)
            return aliases[i].enc;
    return ENC_UNKNOWN;
}

/* Looks for a coding spec in the line [S, E).  Copies it into SPEC (NUL
   terminated, truncated to CAP-1) and returns true if found. */
static bool coding_spec(const char *s, const char *e, char *spec, size_t cap)
{
    const char *p = s;
    while (p < e && (*p == ' ' || *p == '\t' || *p == '\014'))
        p++;
    if (p >= e || *p != '#')
        return false;
    for (; p + 6 <= e; p++) {
        if (memcmp(p, "coding", 6) != 0)
            continue;
        const char *t = p + 6;
        if (t >= e || (*t != ':' && *t != '='))
            continue;
        do t++; while (t < e && (*t == ' ' || *t == '\t'));
        const char *b = t;
        while (t < e && ((*t >= 'a' && *t <= 'z') || (*t >= 'A' && *t <= 'Z') ||
                         (*t >= '0' && *t <= '9') || *t == '-' || *t == '_' ||
                         *t == '.'))
            t++;
        if (t > b) {
            size_t n = (size_t)(t - b);
            if (n >= cap)
                n = cap - 1;
            memcpy(spec, b, n);
            spec[n] = '\0';
            return true;
        }
    }
    return false;
}

static int syntax_error(const char *msg, py_object_t *filename, int lineno,
                        int offset, const char *text)
{
    py_err_syntax(py_exc_SyntaxError_type, msg, filename, lineno, offset,
                  text);
    return -1;
}

/* ---- the whole preparation ------------------------------------------ */

int py_source_prepare(py_source_t *out, const char *src, size_t len,
                      int cf_flags, bool from_file, bool add_newline,
                      py_object_t *filename, py_arena_t *arena)
{
    char spec[128];
    char msg[600];
    char nbuf[13];
    bool bom = false;
    bool have_spec = false;
    int spec_line = 0;
    memset(out, 0, sizeof(*out));
    pthread_once(&tables_once, build_tables);

    if (len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0) {
        bom = true;
        src += 3;
        len -= 3;
    }
    /* The declaration: line 1, else line 2 if line 1 holds nothing but
       blanks or a comment.  A string is read only in lines that end with
       a newline (CPython's decode_str; exec input has one added first). */
    {
        const char *p = src, *end = src + len;
        for (int line = 1; line <= 2 && p < end; line++) {
            const char *e = p;
            while (e < end && *e != '\n' && *e != '\r')
                e++;
            if (e == end && !from_file && !add_newline)
                break;
            if (coding_spec(p, e, spec, sizeof(spec))) {
                have_spec = true;
                spec_line = line;
                break;
            }
            const char *q = p;
            while (q < e && (*q == ' ' || *q == '\t' || *q == '\014'))
                q++;
            if (q < e && *q != '#')
                break;          /* code on line 1: no declaration after */
            if (e < end && *e == '\r' && e + 1 < end && e[1] == '\n')
                e++;
            p = e + 1;
        }
    }
    (void)spec_line;

    enc_t enc = ENC_UNKNOWN;
    const char *cpy_name = NULL;
    if (cf_flags & PY_CF_SOURCE_IS_UTF8) {
        if (have_spec)
            return syntax_error("encoding declaration in Unicode string",
                                filename, 0, -1, NULL);
        enc = ENC_UTF8;
        cpy_name = "utf-8";
    } else if (have_spec) {
        cpy_name = normal_name(spec, nbuf);
        if (strcmp(cpy_name, "utf-8") == 0)
            enc = ENC_UTF8;
        else if (strcmp(cpy_name, "iso-8859-1") == 0)
            enc = ENC_LATIN1;
        else
            enc = lookup(spec);
        if (bom && strcmp(cpy_name, "utf-8") != 0) {
            /* CPython compares the tokenizer's own name: even "utf8"
               fails here */
            snprintf(msg, sizeof(msg), "encoding problem: %s with BOM",
                     cpy_name);
            return syntax_error(msg, filename, 0, 0, NULL);
        }
        if (enc == ENC_UNKNOWN) {
            if (from_file)
                snprintf(msg, sizeof(msg), "encoding problem: %s", spec);
            else
                snprintf(msg, sizeof(msg), "unknown encoding: %s", spec);
            return syntax_error(msg, filename, 0, 0, NULL);
        }
    } else if (bom) {
        enc = ENC_UTF8;
        cpy_name = "utf-8";
    }

    /* Non-ASCII bytes: an error in an undeclared file or an ASCII one. */
    if ((enc == ENC_UNKNOWN && from_file) || enc == ENC_ASCII) {
        int line = 1;
        size_t line_pos = 0;
        for (size_t i = 0; i < len; i++) {
            unsigned char c = (unsigned char)src[i];
            if (c == '\n') {
                line++;
                line_pos = i + 1;
            }
            if (c < 0x80)
                continue;
            if (enc == ENC_ASCII) {
                snprintf(msg, sizeof(msg),
                         "'ascii' codec can't decode byte 0x%02x in "
                         "position %zu: ordinal not in range(128)", c,
                         from_file ? i - line_pos : i + (bom ? 3 : 0));
                return syntax_error(msg, filename, from_file ? line : 0,
                                    from_file ? -1 : 0, NULL);
            }
            snprintf(msg, sizeof(msg),
                     "Non-ASCII character '\\x%02x' in file %s on line %d, "
                     "but no encoding declared; see "
                     "http://python.org/dev/peps/pep-0263/ for details", c,
                     filename ? py_str_data(filename) : "<string>", line);
            return syntax_error(msg, filename, line, -1, NULL);
        }
    }

    const uint16_t *table = NULL;
    if (enc == ENC_LATIN9)
        table = latin9_table;
    else if (enc == ENC_CP1252)
        table = cp1252_table;
    else if (enc == ENC_KOI8R)
        table = koi8r_table;

    /* Worst case: every byte becomes 3 UTF-8 bytes, plus "\n\0". */
    size_t cap = table ? len * 3 + 2 : len + 2;
    if (table && len > (SIZE_MAX - 2) / 3) {
        py_err_no_memory();
        return -1;
    }
    char *buf = py_arena_bytes(arena, cap);
    if (buf == NULL)
        return -1;
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)src[i];
        if (c == '\0' && from_file) {
            /* CPython reads a file line by line as C strings: a NUL ends
               the line's text and its newline is lost with it, so the
               next line is glued on (tokenizer.c tok_nextc) */
            while (i + 1 < len && src[i + 1] != '\n' && src[i + 1] != '\r')
                i++;
            if (i + 1 < len && src[i + 1] == '\r' && i + 2 < len &&
                src[i + 2] == '\n')
                i++;
            i++;
            continue;
        }
        if (c == '\r') {
            buf[n++] = '\n';
            if (i + 1 < len && src[i + 1] == '\n')
                i++;
            continue;
        }
        if (table && c >= 0x80) {
            uint32_t cp = table[c];
            if (cp == 0) {
                snprintf(msg, sizeof(msg),
                         "'charmap' codec can't decode byte 0x%02x in "
                         "position %zu: character maps to <undefined>", c, i);
                return syntax_error(msg, filename, 0, 0, NULL);
            }
            if (cp < 0x800) {
                buf[n++] = (char)(0xC0 | (cp >> 6));
                buf[n++] = (char)(0x80 | (cp & 0x3F));
            } else {
                buf[n++] = (char)(0xE0 | (cp >> 12));
                buf[n++] = (char)(0x80 | ((cp >> 6) & 0x3F));
                buf[n++] = (char)(0x80 | (cp & 0x3F));
            }
            continue;
        }
        buf[n++] = (char)c;
    }
    if (add_newline && (n == 0 || buf[n - 1] != '\n'))
        buf[n++] = '\n';
    buf[n] = '\0';

    out->text = buf;
    out->len = n;
    out->declared = have_spec || bom;
    out->enc_name = cpy_name;
    out->table = table;
    switch (enc) {
    case ENC_UNKNOWN: out->enc = PY_SRCENC_NONE; break;
    case ENC_UTF8:    out->enc = PY_SRCENC_UTF8; break;
    case ENC_LATIN1:  out->enc = PY_SRCENC_LATIN1; break;
    case ENC_ASCII:   out->enc = PY_SRCENC_LATIN1; break; /* all ASCII */
    case ENC_LATIN9:
    case ENC_CP1252:
    case ENC_KOI8R:   out->enc = PY_SRCENC_TABLE; break;
    }
    return 0;
}
