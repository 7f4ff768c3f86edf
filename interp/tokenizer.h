/* tokenizer.h -- the Python 2.7 tokenizer (CPython's Parser/tokenizer.c
 * behaviour: the same tokens, the same INDENT/DEDENT rules with tabs, the
 * same error kinds and positions).
 *
 * It works on a whole source text already prepared by interp/source.h
 * (newlines normalised to '\n', ending with '\n' where CPython adds one,
 * encoding checked).  Tokens point into that text; nothing is allocated.
 */
#ifndef PY_TOKENIZER_H
#define PY_TOKENIZER_H

#include <stdbool.h>
#include <stddef.h>

typedef enum {
#define PY_TOKEN(name, text) PY_TOK_##name,
#include "interp/token.def"
#undef PY_TOKEN
    PY_TOK_COUNT_
} py_token_type_t;

/* Why the tokenizer stopped with PY_TOK_ERRORTOKEN (CPython's E_* codes
   that the tokenizer produces). */
typedef enum {
    PY_TOKERR_NONE = 0,
    PY_TOKERR_TOKEN,      /* "invalid token" (bad number) */
    PY_TOKERR_SYNTAX,     /* a character that starts no token */
    PY_TOKERR_EOLS,       /* "EOL while scanning string literal" */
    PY_TOKERR_EOFS,       /* "EOF while scanning triple-quoted string literal" */
    PY_TOKERR_EOF,        /* "unexpected EOF while parsing" */
    PY_TOKERR_LINECONT,   /* "unexpected character after line continuation
                             character" */
    PY_TOKERR_DEDENT,     /* "unindent does not match any outer
                             indentation level" */
    PY_TOKERR_TOODEEP,    /* "too many levels of indentation" */
    PY_TOKERR_TABSPACE,   /* "inconsistent use of tabs and spaces in
                             indentation" (TabError, only with tab_error) */
} py_tokerr_t;

/* CPython's limit on nested indentation levels. */
#define PY_TOK_MAXINDENT 100

typedef struct py_token {
    py_token_type_t type;
    const char *start;       /* text of the token, [start, end) */
    const char *end;
    /* CPython's node position: the line on which the token *ends* and the
       byte column of its start in that line, or -1 when it began on an
       earlier line (a multi-line string). */
    int lineno;
    int col_offset;
} py_token_t;

typedef struct py_tokenizer {
    const char *text;        /* whole source */
    const char *limit;       /* its end */
    const char *cur;         /* next byte to read */
    const char *line_start;  /* start of the line holding cur */
    const char *tok_line;    /* start of the line where the last token (or
                                the one being scanned) began */
    int lineno;              /* line of cur, 1-based */
    int read_lineno;         /* last line a character was read from (0
                                before any): CPython's tok->lineno */
    int level;               /* () [] {} nesting */
    bool atbol;              /* at the beginning of a logical line */
    bool tab_error;          /* -tt: inconsistent tabs raise TabError */
    bool interactive;        /* an empty line ends a compound statement */
    bool done;               /* ENDMARKER or error returned */
    bool in_string;          /* scanning a (multi-line) string */
    bool hit_eof;            /* tried to read past the end (CPython's
                                tok->done == E_EOF) */
    int indent;              /* top of indstack */
    int pendin;              /* pending INDENTs (>0) or DEDENTs (<0) */
    int indstack[PY_TOK_MAXINDENT];
    int altindstack[PY_TOK_MAXINDENT];
    py_tokerr_t error;       /* set with PY_TOK_ERRORTOKEN */
    const char *err_cur;     /* where the error was noticed */
} py_tokenizer_t;

/* Prepares TOK to read the LEN bytes at TEXT (which must stay alive).
   Never fails. */
void py_tokenizer_init(py_tokenizer_t *tok, const char *text, size_t len);

/* Reads the next token into *OUT and returns its type.  On an error it
   returns PY_TOK_ERRORTOKEN with tok->error set; every later call returns
   the same.  Pure C: raises no Python exception, never allocates.
   Thread-safe on distinct tokenizers. */
py_token_type_t py_tokenizer_next(py_tokenizer_t *tok, py_token_t *out);

/* The name of a token type ("NAME", "LPAR", ...). */
const char *py_token_name(py_token_type_t t);

/* The message of a tokenizer error (CPython's wording). */
const char *py_tokerr_message(py_tokerr_t e);

/* The text CPython puts in SyntaxError.text and the offset beside it for
   an error noticed at POS: the text runs from the start of the line where
   the current token began to the end of the line holding POS (newline
   included); *OFFSET is POS's distance from that start.  Returns the start
   and sets *LEN. */
const char *py_tokenizer_error_text(const py_tokenizer_t *tok,
                                    const char *pos, size_t *len,
                                    int *offset);

/* The line CPython reports for an error noticed now (POS, tok->cur or
   tok->err_cur, is accepted for symmetry): the last line the tokenizer
   has read a character from, 0 if none. */
int py_tokenizer_error_lineno(const py_tokenizer_t *tok, const char *pos);

#endif
