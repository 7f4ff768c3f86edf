/* bench_compile_inproc.c -- compile many files in one process, for
 * tests/bench/bench_compile.sh (make bench-compile).
 *
 *   bench_compile_inproc [-r REPEAT] FILE...      (or "-" : paths on stdin)
 *
 * Reads every file into memory first, then times (CLOCK_MONOTONIC) parsing
 * and compiling each one to a code object -- no file I/O inside the timed
 * part, no output written, as the CPython side (cpython_compile_all.py)
 * does with compile().  With REPEAT > 1 the fastest round is reported.
 * Prints "inproc: FILES files, FAILED rejected, LINES lines, SECONDS s". */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "interp/compile.h"
#include "interp/errors.h"
#include "interp/parser.h"
#include "interp/runtime.h"
#include "interp/objects/stringobject.h"

typedef struct {
    char *path;
    char *text;
    size_t len;
} source_t;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0, got;
    char *buf = malloc(cap);
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *bigger = realloc(buf, cap * 2);
            if (!bigger) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = bigger;
            cap *= 2;
        }
    }
    fclose(f);
    *len = n;
    return buf;
}

/* 1 if the source compiled, 0 if it was rejected (exception cleared). */
static int compile_one(const source_t *s)
{
    py_arena_t *arena = py_arena_new();
    int flags = 0;
    py_ast_mod_t *mod = arena ? py_parse_string(s->text, s->len, s->path,
                                                PY_PARSE_EXEC, &flags, arena)
                              : NULL;
    py_object_t *filename = mod ? py_str_from_cstr(s->path) : NULL;
    py_object_t *code = filename ? py_compile_mod(arena, mod, filename, flags)
                                 : NULL;
    if (!code) {
        py_err_clear();
        return 0;
    }
    return 1;
}

int main(int argc, char **argv)
{
    int repeat = 1, first = 1;
    if (argc > 2 && !strcmp(argv[1], "-r")) {
        repeat = atoi(argv[2]);
        if (repeat < 1)
            repeat = 1;
        first = 3;
    }
    size_t cap = 256, n = 0;
    source_t *src = malloc(cap * sizeof *src);
    char line[4096];
    for (int i = first; i < argc && src; i++) {
        int from_stdin = !strcmp(argv[i], "-");
        while (src) {
            const char *p;
            if (from_stdin) {
                if (!fgets(line, sizeof line, stdin))
                    break;
                line[strcspn(line, "\n")] = 0;
                if (!line[0])
                    continue;
                p = line;
            } else {
                p = argv[i];
            }
            if (n == cap) {
                source_t *bigger = realloc(src, 2 * cap * sizeof *src);
                if (!bigger) {
                    free(src);
                    src = NULL;
                    break;
                }
                src = bigger;
                cap *= 2;
            }
            src[n].path = strdup(p);
            src[n].text = read_all(p, &src[n].len);
            if (!src[n].path || !src[n].text) {
                fprintf(stderr, "bench_compile_inproc: cannot read %s\n", p);
                return 2;
            }
            n++;
            if (!from_stdin)
                break;
        }
    }
    if (!src) {
        fprintf(stderr, "bench_compile_inproc: out of memory\n");
        return 2;
    }
    if (n == 0) {
        fprintf(stderr, "usage: %s [-r REPEAT] FILE... | -\n", argv[0]);
        return 2;
    }
    if (py_runtime_init() < 0)
        return 2;
    long lines = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < src[i].len; j++)
            lines += src[i].text[j] == '\n';
    double best = -1;
    long rejected = 0;
    for (int r = 0; r < repeat; r++) {
        rejected = 0;
        double t0 = now();
        for (size_t i = 0; i < n; i++)
            rejected += !compile_one(&src[i]);
        double t = now() - t0;
        if (best < 0 || t < best)
            best = t;
    }
    printf("inproc: %zu files, %ld rejected, %ld lines, %.3f s\n",
           n, rejected, lines, best);
    return 0;
}
