/* tokenizer.c -- Python 2.7 tokens from a prepared source text.
 *
 * Behaviour follows CPython 2.7's Parser/tokenizer.c: numbers (decimal,
 * 0x, 0o, 0b, old octal, L suffix, floats, exponents, imaginary), strings
 * with the prefixes b, r, u, br, ur in any case, triple quotes, explicit
 * (backslash) and implicit (brackets) line joining, comments and blank
 * lines, INDENT/DEDENT with tabs to multiples of 8 checked against tabs of
 * width 1 (the -t/-tt rule), and the same error kinds and positions.
 */
#include "interp/tokenizer.h"

#include <string.h>

#define TABSIZE 8
#define EOF_CHAR (-1)

static const char *const token_names[] = {
#define PY_TOKEN(name, text) #name,
#include "interp/token.def"
#undef PY_TOKEN
};

const char *py_token_name(py_token_type_t t)
{
    if ((unsigned)t >= PY_TOK_COUNT_)
        return "?";
    return token_names[t];
}

const char *py_tokerr_message(py_tokerr_t e)
{
    switch (e) {
    case PY_TOKERR_NONE:     return "no error";
    case PY_TOKERR_TOKEN:    return "invalid token";
    case PY_TOKERR_SYNTAX:   return "invalid syntax";
    case PY_TOKERR_EOLS:     return "EOL while scanning string literal";
    case PY_TOKERR_EOFS:
        return "EOF while scanning triple-quoted string literal";
    case PY_TOKERR_EOF:      return "unexpected EOF while parsing";
    case PY_TOKERR_LINECONT:
        return "unexpected character after line continuation character";
    case PY_TOKERR_DEDENT:
        return "unindent does not match any outer indentation level";
    case PY_TOKERR_TOODEEP:  return "too many levels of indentation";
    case PY_TOKERR_TABSPACE:
        return "inconsistent use of tabs and spaces in indentation";
    }
    return "unknown tokenizer error";
}

void py_tokenizer_init(py_tokenizer_t *tok, const char *text, size_t len)
{
    memset(tok, 0, sizeof(*tok));
    tok->text = text;
    tok->limit = text + len;
    tok->cur = text;
    tok->line_start = text;
    tok->tok_line = text;
    tok->lineno = 1;
    tok->atbol = true;
}

/* ---- character input ------------------------------------------------ */

static int nextc(py_tokenizer_t *tok)
{
    if (tok->cur >= tok->limit) {
        tok->hit_eof = true;
        return EOF_CHAR;
    }
    /* Like CPython's tok->buf, the error-text line moves on when the
       first character of a line is read between tokens -- not inside a
       multi-line string, and not before it is needed (an error at a
       NEWLINE shows the line that NEWLINE ends). */
    if (tok->cur == tok->line_start) {
        tok->read_lineno = tok->lineno;
        if (!tok->in_string)
            tok->tok_line = tok->cur;
    }
    /* A '\n' does not advance the line here: the caller calls new_line
       once it has decided the line really ended (CPython counts a line
       when it reads the next one). */
    return (unsigned char)*tok->cur++;
}

static void backup(py_tokenizer_t *tok, int c)
{
    if (c != EOF_CHAR)
        tok->cur--;
}

/* Called after consuming a '\n' that ends a physical line. */
static void new_line(py_tokenizer_t *tok)
{
    tok->line_start = tok->cur;
    tok->lineno++;
}

static bool is_digit(int c) { return c >= '0' && c <= '9'; }
static bool is_xdigit(int c)
{
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
static bool is_alpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
static bool is_alnum(int c) { return is_alpha(c) || is_digit(c); }

static py_token_type_t fail(py_tokenizer_t *tok, py_tokerr_t e)
{
    tok->error = e;
    tok->err_cur = tok->cur;
    tok->done = true;
    return PY_TOK_ERRORTOKEN;
}

/* End of the physical line holding P (after its '\n'), as CPython's
   tok->inp. */
static const char *line_end(const py_tokenizer_t *tok, const char *p)
{
    const char *e = memchr(p, '\n', (size_t)(tok->limit - p));
    return e ? e + 1 : tok->limit;
}

const char *py_tokenizer_error_text(const py_tokenizer_t *tok,
                                    const char *pos, size_t *len,
                                    int *offset)
{
    const char *start = tok->tok_line;
    if (pos < start)
        pos = start;
    const char *end = pos < tok->limit ? line_end(tok, pos) : tok->limit;
    /* If POS sits right after a '\n', CPython's buffer still ends there. */
    if (pos > start && pos[-1] == '\n' && end > pos)
        end = pos;
    *len = (size_t)(end - start);
    *offset = (int)(pos - start);
    return start;
}

/* ---- operators ------------------------------------------------------ */

static py_token_type_t one_char(int c)
{
    switch (c) {
    case '(': return PY_TOK_LPAR;
    case ')': return PY_TOK_RPAR;
    case '[': return PY_TOK_LSQB;
    case ']': return PY_TOK_RSQB;
    case ':': return PY_TOK_COLON;
    case ',': return PY_TOK_COMMA;
    case ';': return PY_TOK_SEMI;
    case '+': return PY_TOK_PLUS;
    case '-': return PY_TOK_MINUS;
    case '*': return PY_TOK_STAR;
    case '/': return PY_TOK_SLASH;
    case '|': return PY_TOK_VBAR;
    case '&': return PY_TOK_AMPER;
    case '<': return PY_TOK_LESS;
    case '>': return PY_TOK_GREATER;
    case '=': return PY_TOK_EQUAL;
    case '.': return PY_TOK_DOT;
    case '%': return PY_TOK_PERCENT;
    case '`': return PY_TOK_BACKQUOTE;
    case '{': return PY_TOK_LBRACE;
    case '}': return PY_TOK_RBRACE;
    case '^': return PY_TOK_CIRCUMFLEX;
    case '~': return PY_TOK_TILDE;
    case '@': return PY_TOK_AT;
    }
    return PY_TOK_OP;
}

static py_token_type_t two_chars(int c1, int c2)
{
    switch (c1) {
    case '=': if (c2 == '=') return PY_TOK_EQEQUAL; break;
    case '!': if (c2 == '=') return PY_TOK_NOTEQUAL; break;
    case '<':
        if (c2 == '>') return PY_TOK_NOTEQUAL;
        if (c2 == '=') return PY_TOK_LESSEQUAL;
        if (c2 == '<') return PY_TOK_LEFTSHIFT;
        break;
    case '>':
        if (c2 == '=') return PY_TOK_GREATEREQUAL;
        if (c2 == '>') return PY_TOK_RIGHTSHIFT;
        break;
    case '+': if (c2 == '=') return PY_TOK_PLUSEQUAL; break;
    case '-': if (c2 == '=') return PY_TOK_MINEQUAL; break;
    case '*':
        if (c2 == '*') return PY_TOK_DOUBLESTAR;
        if (c2 == '=') return PY_TOK_STAREQUAL;
        break;
    case '/':
        if (c2 == '/') return PY_TOK_DOUBLESLASH;
        if (c2 == '=') return PY_TOK_SLASHEQUAL;
        break;
    case '|': if (c2 == '=') return PY_TOK_VBAREQUAL; break;
    case '%': if (c2 == '=') return PY_TOK_PERCENTEQUAL; break;
    case '&': if (c2 == '=') return PY_TOK_AMPEREQUAL; break;
    case '^': if (c2 == '=') return PY_TOK_CIRCUMFLEXEQUAL; break;
    }
    return PY_TOK_OP;
}

static py_token_type_t three_chars(int c1, int c2, int c3)
{
    if (c3 != '=')
        return PY_TOK_OP;
    if (c1 == '<' && c2 == '<') return PY_TOK_LEFTSHIFTEQUAL;
    if (c1 == '>' && c2 == '>') return PY_TOK_RIGHTSHIFTEQUAL;
    if (c1 == '*' && c2 == '*') return PY_TOK_DOUBLESTAREQUAL;
    if (c1 == '/' && c2 == '/') return PY_TOK_DOUBLESLASHEQUAL;
    return PY_TOK_OP;
}

/* ---- indentation ---------------------------------------------------- */

static bool indent_error(py_tokenizer_t *tok)
{
    if (!tok->tab_error)
        return false;
    tok->cur = line_end(tok, tok->cur);
    fail(tok, PY_TOKERR_TABSPACE);
    return true;
}

/* At the beginning of a line: measures its indentation and queues INDENT
   or DEDENTs.  Returns false (and sets the error) on an indentation
   error. */
static bool read_indentation(py_tokenizer_t *tok, bool *blankline)
{
    int col = 0, altcol = 0;
    int c;
    bool blank = false;
    tok->atbol = false;
    for (;;) {
        c = nextc(tok);
        if (c == ' ') {
            col++;
            altcol++;
        } else if (c == '\t') {
            col = (col / TABSIZE + 1) * TABSIZE;
            altcol = altcol + 1;
        } else if (c == '\014') {
            col = altcol = 0;
        } else {
            break;
        }
    }
    backup(tok, c);
    if (c == '#' || c == '\n') {
        /* Lines holding only blanks and/or a comment do not count.  In
           interactive mode a totally empty line ends the statement. */
        blank = !(c == '\n' && col == 0 && tok->interactive);
    }
    *blankline = blank;
    if (blank || tok->level != 0)
        return true;
    int top = tok->indent;
    if (col == tok->indstack[top]) {
        if (altcol != tok->altindstack[top] && indent_error(tok))
            return false;
    } else if (col > tok->indstack[top]) {
        if (top + 1 >= PY_TOK_MAXINDENT) {
            tok->cur = line_end(tok, tok->cur);
            fail(tok, PY_TOKERR_TOODEEP);
            return false;
        }
        if (altcol <= tok->altindstack[top] && indent_error(tok))
            return false;
        tok->pendin++;
        tok->indent = ++top;
        tok->indstack[top] = col;
        tok->altindstack[top] = altcol;
    } else {
        while (top > 0 && col < tok->indstack[top]) {
            tok->pendin--;
            top--;
        }
        tok->indent = top;
        if (col != tok->indstack[top]) {
            tok->cur = line_end(tok, tok->cur);
            fail(tok, PY_TOKERR_DEDENT);
            return false;
        }
        if (altcol != tok->altindstack[top] && indent_error(tok))
            return false;
    }
    return true;
}

/* ---- numbers -------------------------------------------------------- */

/* Scans the rest of a number whose first character C was just read.
   Returns NUMBER or ERRORTOKEN (invalid token). */
static py_token_type_t scan_number(py_tokenizer_t *tok, int c)
{
    if (c == '0') {
        c = nextc(tok);
        if (c == '.')
            goto fraction;
        if (c == 'j' || c == 'J')
            goto imaginary;
        if (c == 'x' || c == 'X') {
            c = nextc(tok);
            if (!is_xdigit(c)) {
                backup(tok, c);
                return fail(tok, PY_TOKERR_TOKEN);
            }
            do c = nextc(tok); while (is_xdigit(c));
        } else if (c == 'o' || c == 'O') {
            c = nextc(tok);
            if (c < '0' || c >= '8') {
                backup(tok, c);
                return fail(tok, PY_TOKERR_TOKEN);
            }
            do c = nextc(tok); while (c >= '0' && c < '8');
        } else if (c == 'b' || c == 'B') {
            c = nextc(tok);
            if (c != '0' && c != '1') {
                backup(tok, c);
                return fail(tok, PY_TOKERR_TOKEN);
            }
            do c = nextc(tok); while (c == '0' || c == '1');
        } else {
            bool found_decimal = false;
            while (c >= '0' && c < '8')
                c = nextc(tok);
            if (is_digit(c)) {
                found_decimal = true;
                do c = nextc(tok); while (is_digit(c));
            }
            if (c == '.')
                goto fraction;
            else if (c == 'e' || c == 'E')
                goto exponent;
            else if (c == 'j' || c == 'J')
                goto imaginary;
            else if (found_decimal) {
                backup(tok, c);
                return fail(tok, PY_TOKERR_TOKEN);
            }
        }
        if (c == 'l' || c == 'L')
            c = nextc(tok);
        backup(tok, c);
        return PY_TOK_NUMBER;
    }
    /* decimal (or a fraction starting with '.', entered at `fraction`) */
    do c = nextc(tok); while (is_digit(c));
    if (c == 'l' || c == 'L') {
        c = nextc(tok);
        backup(tok, c);
        return PY_TOK_NUMBER;
    }
    if (c == '.') {
fraction:
        do c = nextc(tok); while (is_digit(c));
    }
    if (c == 'e' || c == 'E') {
exponent:;
        int e = c;
        c = nextc(tok);
        if (c == '+' || c == '-') {
            c = nextc(tok);
            if (!is_digit(c)) {
                backup(tok, c);
                return fail(tok, PY_TOKERR_TOKEN);
            }
        } else if (!is_digit(c)) {
            /* "1e" is the number 1 followed by the name e */
            backup(tok, c);
            backup(tok, e);
            return PY_TOK_NUMBER;
        }
        do c = nextc(tok); while (is_digit(c));
    }
    if (c == 'j' || c == 'J') {
imaginary:
        c = nextc(tok);
    }
    backup(tok, c);
    return PY_TOK_NUMBER;
}

/* ---- strings -------------------------------------------------------- */

/* Scans a string literal whose opening QUOTE was just read.  Multi-line
   (triple-quoted) strings advance the line counters. */
static py_token_type_t scan_string_(py_tokenizer_t *tok, int quote);

static py_token_type_t scan_string(py_tokenizer_t *tok, int quote)
{
    tok->in_string = true;
    py_token_type_t t = scan_string_(tok, quote);
    tok->in_string = false;
    return t;
}

static py_token_type_t scan_string_(py_tokenizer_t *tok, int quote)
{
    const char *after_open = tok->cur;
    bool triple = false;
    int tripcount = 0;
    for (;;) {
        int c = nextc(tok);
        if (c == '\n') {
            if (!triple) {
                backup(tok, c);
                return fail(tok, PY_TOKERR_EOLS);
            }
            tripcount = 0;
            new_line(tok);
        } else if (c == EOF_CHAR) {
            tok->cur = tok->limit;
            return fail(tok, triple ? PY_TOKERR_EOFS : PY_TOKERR_EOLS);
        } else if (c == quote) {
            tripcount++;
            if (tok->cur == after_open + 1) {
                c = nextc(tok);
                if (c == quote) {
                    triple = true;
                    tripcount = 0;
                    continue;
                }
                backup(tok, c);
            }
            if (!triple || tripcount == 3)
                return PY_TOK_STRING;
        } else if (c == '\\') {
            tripcount = 0;
            c = nextc(tok);
            if (c == EOF_CHAR) {
                tok->cur = tok->limit;
                return fail(tok, PY_TOKERR_EOLS);
            }
            if (c == '\n')
                new_line(tok);     /* continues even a '...' string */
        } else {
            tripcount = 0;
        }
    }
}

/* ---- the main loop -------------------------------------------------- */

/* At the end of the input CPython reads no new line, so error texts keep
   showing the last line: point tok_line at it. */
static void keep_last_line(py_tokenizer_t *tok)
{
    if (tok->line_start == tok->cur && tok->cur > tok->text) {
        const char *p = tok->cur - 1;
        while (p > tok->text && p[-1] != '\n')
            p--;
        tok->tok_line = p;
    }
}

static py_token_type_t get_token(py_tokenizer_t *tok, const char **start)
{
    int c;
    bool blankline;
nextline:
    *start = NULL;
    blankline = false;
    if (tok->atbol) {
        if (tok->cur >= tok->limit)
            keep_last_line(tok);        /* DEDENTs at the end */
        if (!read_indentation(tok, &blankline))
            return PY_TOK_ERRORTOKEN;
    }
    *start = tok->cur;
    if (tok->pendin != 0) {
        if (tok->pendin < 0) {
            tok->pendin++;
            return PY_TOK_DEDENT;
        }
        tok->pendin--;
        return PY_TOK_INDENT;
    }
again:
    do c = nextc(tok); while (c == ' ' || c == '\t' || c == '\014');
    *start = tok->cur - (c == EOF_CHAR ? 0 : 1);

    if (c == '#') {
        while (c != EOF_CHAR && c != '\n')
            c = nextc(tok);
        /* CPython 2.7 also looks here for "vim:" tab settings; it only
           warns, so they are ignored. */
    }

    if (c == EOF_CHAR) {
        /* CPython reads no new line at the end, so error texts keep
           showing the last line. */
        keep_last_line(tok);
        *start = tok->cur;
        return PY_TOK_ENDMARKER;
    }

    if (is_alpha(c) || c == '_') {
        switch (c) {
        case 'b': case 'B':
            c = nextc(tok);
            if (c == 'r' || c == 'R')
                c = nextc(tok);
            if (c == '"' || c == '\'')
                return scan_string(tok, c);
            break;
        case 'r': case 'R':
            c = nextc(tok);
            if (c == '"' || c == '\'')
                return scan_string(tok, c);
            break;
        case 'u': case 'U':
            c = nextc(tok);
            if (c == 'r' || c == 'R')
                c = nextc(tok);
            if (c == '"' || c == '\'')
                return scan_string(tok, c);
            break;
        }
        while (is_alnum(c) || c == '_')
            c = nextc(tok);
        backup(tok, c);
        return PY_TOK_NAME;
    }

    if (c == '\n') {
        new_line(tok);
        tok->atbol = true;
        if (blankline || tok->level > 0)
            goto nextline;
        return PY_TOK_NEWLINE;
    }

    if (c == '.') {
        c = nextc(tok);
        if (is_digit(c)) {
            /* ".5": a fraction; scan_number expects the first digit */
            tok->cur--;
            int d;
            do d = nextc(tok); while (is_digit(d));
            if (d == 'e' || d == 'E') {
                int e = d;
                d = nextc(tok);
                if (d == '+' || d == '-') {
                    d = nextc(tok);
                    if (!is_digit(d)) {
                        backup(tok, d);
                        return fail(tok, PY_TOKERR_TOKEN);
                    }
                } else if (!is_digit(d)) {
                    backup(tok, d);
                    backup(tok, e);
                    return PY_TOK_NUMBER;
                }
                do d = nextc(tok); while (is_digit(d));
            }
            if (d == 'j' || d == 'J')
                d = nextc(tok);
            backup(tok, d);
            return PY_TOK_NUMBER;
        }
        backup(tok, c);
        return PY_TOK_DOT;
    }

    if (is_digit(c))
        return scan_number(tok, c);

    if (c == '\'' || c == '"')
        return scan_string(tok, c);

    if (c == '\\') {
        c = nextc(tok);
        if (c != '\n') {
            tok->cur = line_end(tok, tok->cur - (c == EOF_CHAR ? 0 : 1));
            return fail(tok, PY_TOKERR_LINECONT);
        }
        new_line(tok);
        goto again;             /* 2.7 accepts a continuation at the end */
    }

    /* operators */
    {
        int c2 = nextc(tok);
        py_token_type_t t2 = two_chars(c, c2);
        if (t2 != PY_TOK_OP) {
            int c3 = nextc(tok);
            py_token_type_t t3 = three_chars(c, c2, c3);
            if (t3 != PY_TOK_OP)
                return t3;
            backup(tok, c3);
            return t2;
        }
        backup(tok, c2);
    }
    switch (c) {
    case '(': case '[': case '{':
        tok->level++;
        break;
    case ')': case ']': case '}':
        tok->level--;
        break;
    }
    py_token_type_t t = one_char(c);
    if (t == PY_TOK_OP) {
        /* CPython returns OP for an unknown character; the parser then
           reports "invalid syntax" there. */
        return PY_TOK_OP;
    }
    return t;
}

py_token_type_t py_tokenizer_next(py_tokenizer_t *tok, py_token_t *out)
{
    if (tok->done && tok->error != PY_TOKERR_NONE) {
        out->type = PY_TOK_ERRORTOKEN;
        out->start = out->end = tok->cur;
        out->lineno = tok->lineno;
        out->col_offset = 0;
        return PY_TOK_ERRORTOKEN;
    }
    const char *start = NULL;
    py_token_type_t t = get_token(tok, &start);
    if (start == NULL)
        start = tok->cur;
    out->type = t;
    out->start = start;
    out->end = tok->cur;
    /* CPython's position is the line the scan ended on; a token that
       started on an earlier line (a multi-line string) gets column -1. */
    if (t == PY_TOK_NEWLINE) {
        /* NEWLINE belongs to the line it ends */
        const char *ls = start;
        while (ls > tok->text && ls[-1] != '\n')
            ls--;
        out->lineno = tok->lineno - 1;
        out->col_offset = (int)(start - ls);
    } else {
        out->lineno = tok->lineno;
        out->col_offset = start >= tok->line_start
                              ? (int)(start - tok->line_start) : -1;
    }
    if (t == PY_TOK_ENDMARKER)
        tok->done = true;
    return t;
}

int py_tokenizer_error_lineno(const py_tokenizer_t *tok, const char *pos)
{
    (void)pos;
    return tok->read_lineno;    /* CPython's tok->lineno: lines read */
}
