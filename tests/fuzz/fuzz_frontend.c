/* fuzz_frontend.c -- fuzz target for tokenizer + parser + compiler and for
 * the marshal loader (libFuzzer entry point; see fuzz_frontend.h).
 *
 * Besides "no crash, no sanitizer report", it checks three contracts that a
 * crash-only fuzzer would miss: a failing entry point sets an exception,
 * a succeeding one leaves none set, and a compiled code object's marshal
 * form is a fixed point of loads+dumps (what CPython's marshal guarantees
 * for code objects: no dicts or sets inside, so no ordering freedom).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp/compile.h"
#include "interp/errors.h"
#include "interp/marshal.h"
#include "interp/parser.h"
#include "interp/runtime.h"
#include "interp/objects/stringobject.h"
#include "tests/fuzz/fuzz_frontend.h"

static void broken(const char *what)
{
    fprintf(stderr, "fuzz_frontend: contract broken: %s\n", what);
    abort();
}

/* RESULT is what an entry point returned: checks the error convention. */
static int check(const void *result, const char *who)
{
    if (result == NULL) {
        if (!py_err_occurred()) {
            fprintf(stderr, "fuzz_frontend: %s returned NULL\n", who);
            broken("NULL without an exception set");
        }
        py_err_clear();
        return 0;
    }
    if (py_err_occurred()) {
        fprintf(stderr, "fuzz_frontend: %s succeeded\n", who);
        broken("success with an exception left set");
    }
    return 1;
}

static void fuzz_marshal(const char *data, size_t n, int version)
{
    py_object_t *o = py_marshal_loads(data, n);
    if (!check(o, "py_marshal_loads"))
        return;
    check(py_marshal_dumps(o, version), "py_marshal_dumps");
}

static void fuzz_source(const char *data, size_t n, int mode, int flags)
{
    py_arena_t *arena = py_arena_new();
    if (!check(arena, "py_arena_new"))
        return;
    py_ast_mod_t *mod = py_parse_string(data, n, "<fuzz>", mode, &flags, arena);
    if (!check(mod, "py_parse_string"))
        return;
    py_object_t *filename = py_str_from_cstr("<fuzz>");
    if (!check(filename, "py_str_from_cstr"))
        return;
    py_object_t *code = py_compile_mod(arena, mod, filename, flags);
    if (!check(code, "py_compile_mod"))
        return;
    py_object_t *s1 = py_marshal_dumps(code, PY_MARSHAL_VERSION);
    if (!check(s1, "py_marshal_dumps(code)"))
        return;
    py_object_t *back = py_marshal_loads(py_str_data(s1), py_str_len(s1));
    if (!check(back, "py_marshal_loads(dumps(code))"))
        broken("the marshal form of a compiled code object does not load");
    py_object_t *s2 = py_marshal_dumps(back, PY_MARSHAL_VERSION);
    if (!check(s2, "py_marshal_dumps(loads(dumps(code)))"))
        return;
    if (py_str_len(s1) != py_str_len(s2)
        || memcmp(py_str_data(s1), py_str_data(s2), py_str_len(s1)) != 0)
        broken("dumps(loads(dumps(code))) != dumps(code)");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    if (!ready) {
        if (py_runtime_init() < 0) {
            fprintf(stderr, "fuzz_frontend: py_runtime_init failed\n");
            abort();
        }
        ready = 1;
    }
    if (size == 0)
        return 0;
    unsigned sel = data[0];
    const char *rest = (const char *)data + 1;
    size_t n = size - 1;
    if (sel & 1) {
        fuzz_marshal(rest, n, (int)((sel >> 1) % 3));
    } else {
        static const py_parse_mode_t modes[4] = {
            PY_PARSE_EXEC, PY_PARSE_EVAL, PY_PARSE_SINGLE, PY_PARSE_EXEC,
        };
        int flags = (sel & 8) ? PY_FUTURE_UNICODE_LITERALS : 0;
        fuzz_source(rest, n, modes[(sel >> 1) & 3], flags);
    }
    return 0;
}
