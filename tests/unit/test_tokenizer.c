/* test_tokenizer.c -- the tokenizer alone: token streams (types, texts,
 * positions), INDENT/DEDENT with tabs, line joining, every number and
 * string literal form, and the error kinds with their positions.  The
 * tokenizer needs no Python objects, so these tests need no runtime.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp/tokenizer.h"
#include "tests/unit/unit.h"

/* "TYPE:text TYPE:text ..." for SRC (operators and NAME/NUMBER/STRING
   show their text; NEWLINE, INDENT, DEDENT, ENDMARKER just the type), or
   ending in "ERR:<kind>@offset" on an error. */
static char *tokens(const char *src, bool tab_error)
{
    static char out[4096];
    py_tokenizer_t tok;
    py_tokenizer_init(&tok, src, strlen(src));
    tok.tab_error = tab_error;
    size_t n = 0;
    out[0] = '\0';
    for (int guard = 0; guard < 500; guard++) {
        py_token_t t;
        py_token_type_t type = py_tokenizer_next(&tok, &t);
        if (n)
            n += (size_t)snprintf(out + n, sizeof(out) - n, " ");
        if (type == PY_TOK_ERRORTOKEN) {
            size_t len;
            int off;
            py_tokenizer_error_text(&tok, tok.err_cur, &len, &off);
            snprintf(out + n, sizeof(out) - n, "ERR:%d@%d", (int)tok.error,
                     off);
            break;
        }
        switch (type) {
        case PY_TOK_NEWLINE: case PY_TOK_INDENT: case PY_TOK_DEDENT:
        case PY_TOK_ENDMARKER:
            n += (size_t)snprintf(out + n, sizeof(out) - n, "%s",
                                  py_token_name(type));
            break;
        default:
            n += (size_t)snprintf(out + n, sizeof(out) - n, "%s:%.*s",
                                  py_token_name(type),
                                  (int)(t.end - t.start), t.start);
        }
        if (type == PY_TOK_ENDMARKER)
            break;
    }
    return out;
}

#define TOKS(src, expected) CU_ASSERT_STRING_EQUAL(tokens(src, false), expected)

static void test_simple(void)
{
    TOKS("x = 1\n", "NAME:x EQUAL:= NUMBER:1 NEWLINE ENDMARKER");
    TOKS("a<>b != c <= d >>= e **= f //= g\n",
         "NAME:a NOTEQUAL:<> NAME:b NOTEQUAL:!= NAME:c LESSEQUAL:<= NAME:d "
         "RIGHTSHIFTEQUAL:>>= NAME:e DOUBLESTAREQUAL:**= NAME:f "
         "DOUBLESLASHEQUAL://= NAME:g NEWLINE ENDMARKER");
    TOKS("@d\n`x`\n", "AT:@ NAME:d NEWLINE BACKQUOTE:` NAME:x BACKQUOTE:` "
         "NEWLINE ENDMARKER");
    TOKS("x[...]\n", "NAME:x LSQB:[ DOT:. DOT:. DOT:. RSQB:] NEWLINE "
         "ENDMARKER");
}

static void test_numbers(void)
{
    TOKS("0x1fL 017 0o17 0b101 1L 1l 00 0\n",
         "NUMBER:0x1fL NUMBER:017 NUMBER:0o17 NUMBER:0b101 NUMBER:1L "
         "NUMBER:1l NUMBER:00 NUMBER:0 NEWLINE ENDMARKER");
    TOKS("1.5 .5 5. 1e5 1E-5 1.5e+3 3j 1.5J 0j 09.5 09j 0e0\n",
         "NUMBER:1.5 NUMBER:.5 NUMBER:5. NUMBER:1e5 NUMBER:1E-5 "
         "NUMBER:1.5e+3 NUMBER:3j NUMBER:1.5J NUMBER:0j NUMBER:09.5 "
         "NUMBER:09j NUMBER:0e0 NEWLINE ENDMARKER");
    /* "1e" is 1 followed by the name e; 1_000 is 1 then _000 */
    TOKS("1e 1_000\n", "NUMBER:1 NAME:e NUMBER:1 NAME:_000 NEWLINE ENDMARKER");
    TOKS("0x\n", "ERR:1@2");
    TOKS("09\n", "ERR:1@2");
    TOKS("1e+\n", "ERR:1@3");
    TOKS("0b2\n", "ERR:1@2");
    TOKS("0o8\n", "ERR:1@2");
}

static void test_strings(void)
{
    TOKS("'a' \"b\" u'c' U\"d\" r'e' R'f' b'g' B'h' ur'i' UR'j' br'k' "
         "bR'l'\n",
         "STRING:'a' STRING:\"b\" STRING:u'c' STRING:U\"d\" STRING:r'e' "
         "STRING:R'f' STRING:b'g' STRING:B'h' STRING:ur'i' STRING:UR'j' "
         "STRING:br'k' STRING:bR'l' NEWLINE ENDMARKER");
    /* no rb prefix in Python 2 */
    TOKS("rb'x'\n", "NAME:rb STRING:'x' NEWLINE ENDMARKER");
    TOKS("'''a\nb''' \"\"\"c\"\"\"\n",
         "STRING:'''a\nb''' STRING:\"\"\"c\"\"\" NEWLINE ENDMARKER");
    TOKS("'a\\'b' 'c\\\nd'\n", "STRING:'a\\'b' STRING:'c\\\nd' NEWLINE "
         "ENDMARKER");
    TOKS("'''a''''\n", "STRING:'''a''' ERR:3@8");
    TOKS("\"abc\n", "ERR:3@4");
    TOKS("'''abc\n", "ERR:4@7");
}

static void test_indentation(void)
{
    TOKS("if x:\n    y\n    z\nw\n",
         "NAME:if NAME:x COLON:: NEWLINE INDENT NAME:y NEWLINE NAME:z "
         "NEWLINE DEDENT NAME:w NEWLINE ENDMARKER");
    /* a tab goes to the next multiple of 8: same level as 8 spaces */
    TOKS("if x:\n\ty\n        z\n",
         "NAME:if NAME:x COLON:: NEWLINE INDENT NAME:y NEWLINE NAME:z "
         "NEWLINE DEDENT ENDMARKER");
    /* ... which -tt calls inconsistent */
    CU_ASSERT_STRING_EQUAL(tokens("if x:\n\ty\n        z\n", true),
                           "NAME:if NAME:x COLON:: NEWLINE INDENT NAME:y "
                           "NEWLINE ERR:9@10");
    TOKS("if x:\n  y\n z\n",
         "NAME:if NAME:x COLON:: NEWLINE INDENT NAME:y NEWLINE ERR:7@3");
    /* blank and comment lines do not count; nor do lines inside () */
    TOKS("if x:\n\n  # c\n  y\n", "NAME:if NAME:x COLON:: NEWLINE INDENT "
         "NAME:y NEWLINE DEDENT ENDMARKER");
    TOKS("f(a,\n b)\n", "NAME:f LPAR:( NAME:a COMMA:, NAME:b RPAR:) NEWLINE "
         "ENDMARKER");
    /* explicit joining */
    TOKS("x = 1 + \\\n  2\n", "NAME:x EQUAL:= NUMBER:1 PLUS:+ NUMBER:2 "
         "NEWLINE ENDMARKER");
    TOKS("x = 1 \\ 2\n", "NAME:x EQUAL:= NUMBER:1 ERR:6@10");
    /* form feed resets the column */
    TOKS("if x:\n  \fy\n", "NAME:if NAME:x COLON:: NEWLINE NAME:y NEWLINE "
         "ENDMARKER");
}

static void test_too_deep(void)
{
    char src[40000];
    size_t n = 0;
    for (int i = 0; i < 101; i++) {
        for (int k = 0; k < i; k++)
            src[n++] = ' ';
        memcpy(src + n, "if 1:\n", 6);
        n += 6;
    }
    src[n] = '\0';
    const char *r = tokens(src, false);
    CU_ASSERT_PTR_NOT_NULL(strstr(r, "ERR:8@"));
}

static void test_positions(void)
{
    const char *src = "x = '''a\nb''' + y\n";
    py_tokenizer_t tok;
    py_token_t t;
    py_tokenizer_init(&tok, src, strlen(src));
    py_tokenizer_next(&tok, &t);
    CU_ASSERT_EQUAL(t.lineno, 1);
    CU_ASSERT_EQUAL(t.col_offset, 0);
    py_tokenizer_next(&tok, &t);
    py_tokenizer_next(&tok, &t);
    /* a multi-line string: CPython's position is its last line, col -1 */
    CU_ASSERT_EQUAL(t.type, PY_TOK_STRING);
    CU_ASSERT_EQUAL(t.lineno, 2);
    CU_ASSERT_EQUAL(t.col_offset, -1);
    py_tokenizer_next(&tok, &t);
    CU_ASSERT_EQUAL(t.type, PY_TOK_PLUS);
    CU_ASSERT_EQUAL(t.lineno, 2);
    CU_ASSERT_EQUAL(t.col_offset, 5);
}

/* Random bytes: the tokenizer always ends (ENDMARKER or an error). */
static void test_random(void)
{
    unsigned rnd = 1;
    char buf[300];
    for (int iter = 0; iter < 20000; iter++) {
        size_t n = 0;
        rnd = rnd * 1103515245u + 12345u;
        size_t len = (rnd >> 16) % sizeof(buf);
        for (; n < len; n++) {
            rnd = rnd * 1103515245u + 12345u;
            buf[n] = iter % 2 ? (char)(rnd >> 16)
                              : " \t\n\\'\"#()0x.eJL1ur\f"[(rnd >> 16) % 19];
        }
        py_tokenizer_t tok;
        py_tokenizer_init(&tok, buf, n);
        int steps = 0;
        py_token_t t;
        py_token_type_t type;
        do {
            type = py_tokenizer_next(&tok, &t);
            CU_ASSERT(t.start >= buf && t.end <= buf + n && t.start <= t.end);
        } while (type != PY_TOK_ENDMARKER && type != PY_TOK_ERRORTOKEN &&
                 ++steps < 100000);
        CU_ASSERT(steps < 100000);
    }
}

static CU_TestInfo tests[] = {
    {"simple", test_simple},
    {"numbers", test_numbers},
    {"strings", test_strings},
    {"indentation", test_indentation},
    {"too_deep", test_too_deep},
    {"positions", test_positions},
    {"random", test_random},
    CU_TEST_INFO_NULL,
};

UNIT_MAIN("tokenizer", tests, NULL, NULL)
