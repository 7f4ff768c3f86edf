/* main.c -- the pypy-stm command line.
 *
 * Running programs needs the eval loop, which is not built yet: for now the
 * binary reports its version, offers the front end's developer options,
 * and refuses to run code with a clear message and exit status 2.
 *
 *   --dis FILE            compile FILE as a module without running it and
 *                         print every code object the way CPython 2.7's
 *                         dis.dis prints it (see docs/frontend-compiler.md)
 *   --compile FILE OUT    compile FILE and write marshal.dumps(code, 2)
 *                         to OUT (a .pyc body without the 8-byte header)
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "interp/ast_arena.h"
#include "interp/compile.h"
#include "interp/dis.h"
#include "interp/errors.h"
#include "interp/marshal.h"
#include "interp/objects/stringobject.h"
#include "interp/parser.h"
#include "interp/runtime.h"

#define PYPYSTM_VERSION "0.1.0"

static void usage(FILE *f)
{
    fprintf(f, "usage: pypy-stm [--version] [--help] [file | -c cmd | -m mod] [arg] ...\n"
               "       pypy-stm --dis FILE          (print CPython-style dis of FILE)\n"
               "       pypy-stm --compile FILE OUT  (write marshal'd code of FILE)\n");
}

/* Parses and compiles the file at PATH as a module: the code object, or
   NULL with the exception set. */
static py_object_t *compile_file(const char *path)
{
    py_arena_t *arena = py_arena_new();
    if (!arena)
        return NULL;
    int flags = 0;
    py_ast_mod_t *mod = py_parse_file(path, PY_PARSE_EXEC, &flags, arena);
    if (!mod)
        return NULL;
    py_object_t *filename = py_str_from_cstr(path);
    if (!filename)
        return NULL;
    return py_compile_mod(arena, mod, filename, flags & PY_FUTURE_MASK);
}

static int run_dis(const char *path)
{
    py_object_t *co = compile_file(path);
    if (!co || py_dis_recursive(stdout, co) < 0) {
        fflush(stdout);
        py_err_print();
        return 1;
    }
    return fflush(stdout) == 0 ? 0 : 1;
}

static int run_compile(const char *path, const char *outpath)
{
    py_object_t *co = compile_file(path);
    py_object_t *data = co ? py_marshal_dumps(co, 2) : NULL;
    if (!data) {
        py_err_print();
        return 1;
    }
    FILE *f = fopen(outpath, "wb");
    if (!f) {
        perror(outpath);
        return 1;
    }
    size_t n = py_str_len(data);
    if (fwrite(py_str_data(data), 1, n, f) != n || fclose(f) != 0) {
        perror(outpath);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--version") || !strcmp(argv[i], "-V")) {
            fprintf(stderr, "Python 2.7.18 (pypy-stm %s)\n", PYPYSTM_VERSION);
            return 0;
        }
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            return 0;
        }
        if (!strcmp(argv[i], "--dis") || !strcmp(argv[i], "--compile")) {
            bool dis = argv[i][2] == 'd';
            if (argc - i < (dis ? 2 : 3)) {
                usage(stderr);
                return 2;
            }
            if (py_runtime_init() < 0)
                return 1;
            return dis ? run_dis(argv[i + 1])
                       : run_compile(argv[i + 1], argv[i + 2]);
        }
    }
    fprintf(stderr, "pypy-stm: running Python code is not implemented yet "
                    "(the eval loop has not been built)\n");
    usage(stderr);
    return 2;
}
