/* ast_literal.h -- the values of string literal tokens (CPython 2.7's
 * ast.c parsestr/parsestrplus/decode_unicode, PyString_DecodeEscape,
 * PyUnicode_DecodeUnicodeEscape and PyUnicode_DecodeRawUnicodeEscape).
 */
#ifndef PY_AST_LITERAL_H
#define PY_AST_LITERAL_H

#include <stdbool.h>
#include <stddef.h>

#include "interp/object.h"
#include "interp/ast_arena.h"
#include "interp/source.h"

/* One STRING token's text, as the tokenizer returned it (prefix and quotes
   included). */
typedef struct py_strtok {
    const char *s;
    size_t n;
} py_strtok_t;

/* The value of the adjacent string literals TOKS[0..N-1] (implicitly
   concatenated): a str, or a unicode object if any of them is unicode (a
   `u` prefix, or no `b` prefix under UNICODE_LITERALS).  SRC gives the
   source encoding (str literals of a transcoded source are re-encoded to
   it).
   Errors: returns NULL with ValueError set ("invalid \x escape", as CPython
   2.7 raises it), MemoryError, or -- for a unicode decoding problem --
   NULL with *UNICODE_ERROR set to the text that CPython puts after
   "(unicode error) " in its SyntaxError (no exception set; the caller
   raises it at the literal's position).  UNICODE_ERROR must have room for
   200 bytes.  MAY_GC. */
py_object_t *py_ast_parse_strings(const py_strtok_t *toks, size_t n,
                                  bool unicode_literals,
                                  const py_source_t *src, py_arena_t *arena,
                                  char *unicode_error);

#endif
