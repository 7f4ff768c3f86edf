/* parser_internal.h -- state and helpers shared by parser.c (statements,
 * entry points) and parser_expr.c (expressions).  Not for other files.
 */
#ifndef PY_PARSER_INTERNAL_H
#define PY_PARSER_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "interp/ast.h"
#include "interp/parser.h"
#include "interp/source.h"
#include "interp/tokenizer.h"

/* CPython's parser stack (Parser/parser.h MAXSTACK).  The recursive
   functions that stand for a grammar nonterminal each count one level, so
   input fails where CPython's fails: ~100 nested brackets, ~1480 nested
   unary operators. */
#define PARSER_MAXSTACK 1500

typedef enum {
    KW_NONE = 0,
    KW_AND, KW_AS, KW_ASSERT, KW_BREAK, KW_CLASS, KW_CONTINUE, KW_DEF,
    KW_DEL, KW_ELIF, KW_ELSE, KW_EXCEPT, KW_EXEC, KW_FINALLY, KW_FOR,
    KW_FROM, KW_GLOBAL, KW_IF, KW_IMPORT, KW_IN, KW_IS, KW_LAMBDA, KW_NOT,
    KW_OR, KW_PASS, KW_PRINT, KW_RAISE, KW_RETURN, KW_TRY, KW_WHILE,
    KW_WITH, KW_YIELD,
} kw_t;

typedef struct parser {
    py_tokenizer_t tok;
    py_token_t t;              /* the lookahead token */
    kw_t kw;                   /* its keyword, or KW_NONE */
    py_arena_t *arena;
    py_source_t src;
    py_object_t *filename;     /* str */
    const char *filename_c;
    bool from_file;
    bool print_function;
    bool unicode_literals;
    bool saw_unicode_literals; /* found the import: parse again with it */
    bool failed;               /* an exception is set */
    bool started;              /* a token was read since the last
                                  ENDMARKER (parsetok.c's `started`) */
    bool dont_imply_dedent;    /* PY_CF_DONT_IMPLY_DEDENT */
    /* the first error found while building the tree (past_error) */
    py_type_t *deferred_type;
    py_object_t *deferred_value, *deferred_tb;
    int depth;                 /* nonterminal nesting, see MAXSTACK */
    py_parse_mode_t mode;
} parser_t;

/* A growable array in arena memory. */
typedef struct {
    size_t n, cap;
    void **items;
} vec_t;

int pvec_push(parser_t *p, vec_t *v, void *item);

/* Advances to the next token.  Returns false (exception set) on a
   tokenizer error. */
bool padvance(parser_t *p);
/* Raises the SyntaxError for an unexpected lookahead token (CPython's
   err_input for E_SYNTAX / E_EOF, with IndentationError for a misplaced
   INDENT/DEDENT; EXPECT_INDENT when an indented block was required).
   Returns NULL. */
void *psyntax_error(parser_t *p, bool expect_indent);
/* Records SyntaxError MSG for a construct starting at LINENO, the way
   CPython's ast.c reports it (offset None; text only for files), unless
   an earlier one is recorded.  Parsing goes on: CPython finds every
   grammar error of the input before building the tree, so a later
   grammar error wins; the recorded error is raised when the parse ends
   without one (see parse_once). */
void past_error(parser_t *p, int lineno, const char *msg);
/* The same for the exception now set (a literal's ValueError...): moves
   it into the record (or drops it if one is recorded already). */
void pdefer_exception(parser_t *p);
/* Raises MemoryError after printing CPython's parser stack message. */
void *pstack_overflow(parser_t *p);

bool pexpect(parser_t *p, py_token_type_t t);
/* True iff the lookahead is the operator T / the keyword K. */
static inline bool pis(const parser_t *p, py_token_type_t t)
{
    return p->t.type == t;
}
static inline bool piskw(const parser_t *p, kw_t k)
{
    return p->kw == k;
}
bool pexpect_kw(parser_t *p, kw_t k);
/* The lookahead NAME (not a keyword) as an interned str, advancing; NULL
   with the error set otherwise. */
py_object_t *pname(parser_t *p);

/* ---- expressions (parser_expr.c) ---- */
py_ast_expr_t *pe_test(parser_t *p);
py_ast_expr_t *pe_old_test(parser_t *p);
py_ast_expr_t *pe_or_test(parser_t *p);
py_ast_expr_t *pe_expr(parser_t *p);
/* testlist: test (',' test)* [','] -- a Tuple when there is a comma. */
py_ast_expr_t *pe_testlist(parser_t *p);
/* exprlist: expr (',' expr)* [','] */
py_ast_expr_t *pe_exprlist(parser_t *p);
/* 'yield' [testlist] (lookahead is 'yield') */
py_ast_expr_t *pe_yield(parser_t *p);
/* varargslist up to STOP (':' for lambda, ')' for def). */
py_ast_arguments_t *pe_varargslist(parser_t *p, py_token_type_t stop);
/* '(' [arglist] ')' as a Call of FUNC (lookahead is '('). */
py_ast_expr_t *pe_call(parser_t *p, py_ast_expr_t *func);
/* dotted_name as an interned str ("a.b.c"). */
py_object_t *pe_dotted_name(parser_t *p);

/* Sets the context of an assignment/deletion target (ast.c set_context).
   Returns false with SyntaxError set. */
bool pe_set_context(parser_t *p, py_ast_expr_t *e, py_ast_expr_context_t ctx,
                    int lineno);

/* Does token T start an expression? */
bool pe_starts_test(const parser_t *p);

#endif
