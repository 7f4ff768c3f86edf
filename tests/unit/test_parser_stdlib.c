/* test_parser_stdlib.c -- the parser over CPython 2.7's whole standard
 * library (PYPYSTM_STDLIB from config.h).
 *
 *   parse_all   every .py file parses, except the known list below (files
 *               CPython 2.7 rejects too, and the ones needing what we lack:
 *               \N{...} names); no crash.
 *   vs_cpython  when $CPYTHON is set (make check sets it): our
 *               ast.dump(include_attributes=True) text equals CPython's,
 *               positions included, for every 8th file (every file with
 *               PARSER_STDLIB_FULL=1 in the environment).
 */
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "interp/ast.h"
#include "interp/errors.h"
#include "interp/objects/stringobject.h"
#include "interp/parser.h"
#include "interp/runtime.h"
#include "tests/unit/unit.h"

/* Files we do not parse, relative to the stdlib directory, and why. */
static const char *const known_failures[] = {
    /* CPython rejects these too */
    "lib2to3/tests/data/py3_test_grammar.py",
    "test/bad_coding.py", "test/bad_coding2.py", "test/bad_coding3.py",
    "test/badsyntax_future3.py", "test/badsyntax_future7.py",
    "test/badsyntax_future8.py", "test/badsyntax_future9.py",
    "test/badsyntax_nocaret.py",
    /* \N{name} escapes: no Unicode name database */
    "json/tests/test_unicode.py", "test/test_multibytecodec.py",
    "test/test_unicode.py", "test/test_source_encoding.py",
};

static char **files;
static size_t nfiles, capfiles;

static int collect(const char *path, const struct stat *st, int flag,
                   struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    size_t n = strlen(path);
    if (flag == FTW_F && n > 3 && strcmp(path + n - 3, ".py") == 0) {
        if (nfiles == capfiles) {
            capfiles = capfiles ? capfiles * 2 : 1024;
            files = realloc(files, capfiles * sizeof(*files));
        }
        files[nfiles++] = strdup(path);
    }
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool known(const char *path)
{
    size_t root = strlen(PYPYSTM_STDLIB) + 1;
    if (strlen(path) <= root)
        return false;
    for (size_t i = 0; i < sizeof(known_failures) / sizeof(known_failures[0]);
         i++)
        if (strcmp(path + root, known_failures[i]) == 0)
            return true;
    return false;
}

static int init(void)
{
    if (py_runtime_init() < 0)
        return -1;
    if (nftw(PYPYSTM_STDLIB, collect, 32, FTW_PHYS) != 0)
        return 0;               /* no stdlib: tests report it */
    qsort(files, nfiles, sizeof(*files), cmp_str);
    return 0;
}

/* Our dump (or "Error: ..." line) of PATH, malloc'd. */
static char *dump_file(const char *path, bool attrs, bool *ok)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    py_arena_t *arena = py_arena_new();
    py_ast_mod_t *m = arena ? py_parse_file(path, PY_PARSE_EXEC, NULL, arena)
                            : NULL;
    *ok = m != NULL;
    if (m != NULL) {
        if (py_ast_dump_ex(f, m, attrs) < 0) {
            fputs("<dump failed>", f);
            py_err_clear();
        }
    } else {
        py_type_t *type;
        py_object_t *value, *tb;
        py_err_fetch(&type, &value, &tb);
        fprintf(f, "Error: %s", value ? py_type_of(value)->tp_name : "?");
        py_err_clear();
    }
    fclose(f);
    return buf;
}

static void test_parse_all(void)
{
    CU_ASSERT(nfiles > 1000);
    size_t good = 0, bad = 0;
    double t0 = unit_now();
    for (size_t i = 0; i < nfiles; i++) {
        bool ok;
        free(dump_file(files[i], false, &ok));
        if (ok) {
            good++;
        } else if (!known(files[i])) {
            bad++;
            fprintf(stderr, "\n  unexpected failure: %s", files[i]);
        }
    }
    fprintf(stderr, "\n  [%zu files, %zu parsed, %zu unexpected failures, "
            "%.2f s]\n", nfiles, good, bad, unit_now() - t0);
    CU_ASSERT_EQUAL(bad, 0);
}

static const char cpython_script[] =
    "import ast, sys\n"
    "for f in sys.stdin.read().split('\\n'):\n"
    "    if not f: continue\n"
    "    try:\n"
    "        d = ast.dump(compile(open(f, 'rb').read(), f, 'exec',\n"
    "                             ast.PyCF_ONLY_AST), include_attributes=True)\n"
    "    except Exception as e:\n"
    "        d = 'Error'\n"
    "    sys.stdout.write('== %s\\n%s\\n' % (f, d))\n";

static void test_vs_cpython(void)
{
    const char *cpython = getenv("CPYTHON");
    if (cpython == NULL || cpython[0] == '\0' || nfiles == 0) {
        fprintf(stderr, "\n  [skipped: CPYTHON not set]\n");
        return;
    }
    bool full = getenv("PARSER_STDLIB_FULL") != NULL;
    size_t step = full ? 1 : 8;
    char list[] = "/tmp/parser_stdlib_list_XXXXXX";
    char script[] = "/tmp/parser_stdlib_py_XXXXXX";
    int lfd = mkstemp(list), sfd = mkstemp(script);
    CU_ASSERT(lfd >= 0 && sfd >= 0);
    if (lfd < 0 || sfd < 0)
        return;
    FILE *lf = fdopen(lfd, "w"), *sf = fdopen(sfd, "w");
    size_t chosen = 0;
    for (size_t i = 0; i < nfiles; i += step) {
        if (known(files[i]))
            continue;
        fprintf(lf, "%s\n", files[i]);
        chosen++;
    }
    fclose(lf);
    fputs(cpython_script, sf);
    fclose(sf);
    char cmd[4096];
    snprintf(cmd, sizeof(cmd), "'%s' '%s' < '%s'", cpython, script, list);
    FILE *p = popen(cmd, "r");
    CU_ASSERT_PTR_NOT_NULL(p);
    if (p == NULL)
        return;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    size_t same = 0, differ = 0;
    char *name = NULL;
    while ((n = getline(&line, &cap, p)) > 0) {
        if (line[n - 1] == '\n')
            line[--n] = '\0';
        if (strncmp(line, "== ", 3) == 0 && name == NULL) {
            name = strdup(line + 3);
            continue;
        }
        if (name == NULL)
            continue;
        bool ok;
        char *ours = dump_file(name, true, &ok);
        bool equal = ok ? strcmp(ours, line) == 0
                        : strcmp(line, "Error") == 0;
        if (equal) {
            same++;
        } else {
            differ++;
            size_t k = 0;
            while (ours[k] && ours[k] == line[k])
                k++;
            size_t from = k > 60 ? k - 60 : 0;
            fprintf(stderr, "\n  differs: %s\n    cpython: %.160s\n"
                    "    ours:    %.160s\n", name, line + from, ours + from);
        }
        free(ours);
        free(name);
        name = NULL;
    }
    free(line);
    int rc = pclose(p);
    remove(list);
    remove(script);
    fprintf(stderr, "\n  [%zu of %zu files identical to CPython, %zu differ]"
            "\n", same, chosen, differ);
    CU_ASSERT_EQUAL(rc, 0);
    CU_ASSERT_EQUAL(same, chosen);
    CU_ASSERT_EQUAL(differ, 0);
}

static CU_TestInfo tests[] = {
    {"parse_all", test_parse_all},
    {"vs_cpython", test_vs_cpython},
    CU_TEST_INFO_NULL,
};

UNIT_MAIN("parser_stdlib", tests, init, NULL)
