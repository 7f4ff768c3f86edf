/* source.h -- turning raw source bytes into the text the tokenizer reads:
 * the UTF-8 BOM, PEP 263 encoding declarations, newline normalisation.
 *
 * CPython 2.7 behaviour (Parser/tokenizer.c): a declaration
 * `coding[:=]\s*([-\w.]+)` in a comment on line 1 or 2 names the encoding.
 * utf-8 and latin-1 (and their aliases) leave the bytes as they are; any
 * other supported encoding is transcoded to UTF-8 for the tokenizer, and
 * str literals are re-encoded back to it (interp/ast_literal.h).  With no
 * declaration a file must be ASCII ("Non-ASCII character ..."); a string
 * passed to compile() may hold any bytes (str literals keep them, unicode
 * literals read them as latin-1).
 */
#ifndef PY_SOURCE_H
#define PY_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "interp/object.h"
#include "interp/ast_arena.h"

/* How the bytes of the prepared text relate to the source encoding. */
typedef enum {
    PY_SRCENC_NONE = 0,   /* nothing declared: bytes as they are */
    PY_SRCENC_UTF8,       /* UTF-8 (declared, BOM, or a unicode source) */
    PY_SRCENC_LATIN1,     /* ISO-8859-1: bytes as they are */
    PY_SRCENC_TABLE,      /* a single-byte codec: text transcoded to UTF-8 */
} py_srcenc_kind_t;

typedef struct py_source {
    const char *text;         /* prepared text (arena memory) */
    size_t len;
    py_srcenc_kind_t enc;
    bool declared;            /* a declaration or BOM named the encoding
                                 (CPython's tok->encoding is set) */
    const char *enc_name;     /* CPython's name for messages, or NULL */
    const uint16_t *table;    /* PY_SRCENC_TABLE: byte -> code point
                                 (0 = undefined) */
} py_source_t;

/* Source flags (CPython's PyCF_* values, so compile()'s flags pass
   through). */
#define PY_CF_SOURCE_IS_UTF8     0x0100  /* text came from a unicode object */
#define PY_CF_DONT_IMPLY_DEDENT  0x0200  /* codeop: no DEDENTs at the end */
#define PY_CF_ONLY_AST           0x0400

/* Prepares the LEN bytes at SRC for the tokenizer into OUT: checks the BOM
   and the encoding declaration, transcodes if needed, turns "\r\n" and "\r"
   into "\n", and appends a final "\n" when ADD_NEWLINE and there is none.
   FROM_FILE selects the file rules (non-ASCII needs a declaration).
   FILENAME (a str or NULL) is for error messages.  Returns 0, or -1 with
   SyntaxError (or MemoryError) set.  MAY_GC. */
int py_source_prepare(py_source_t *out, const char *src, size_t len,
                      int cf_flags, bool from_file, bool add_newline,
                      py_object_t *filename, py_arena_t *arena);

/* Encodes code point CP in SRC's single-byte table; -1 if it has none. */
int py_source_table_encode(const py_source_t *src, uint32_t cp);

#endif
