/* pystate.c -- per-thread interpreter state (CPython 2.7's pystate.c,
 * reduced to what exists so far: the pending exception and recursion
 * depth). */
#include "interp/pystate.h"

#include <stdio.h>
#include <stdlib.h>

#include "interp/errors.h"

_Thread_local py_thread_state_t *py_tstate;
int py_recursion_limit = 1000;

int py_thread_state_attach(void)
{
    if (py_tstate)
        return 0;
    py_thread_state_t *ts = calloc(1, sizeof *ts);
    if (!ts)
        return -1;
    /* The exception fields point into the heap and live in malloc'd
       memory: the collector must see them. */
    gc_add_root_range(ts, ts + 1);
    py_tstate = ts;
    return 0;
}

void py_thread_state_detach(void)
{
    py_thread_state_t *ts = py_tstate;
    if (!ts)
        return;
    py_tstate = NULL;
    gc_remove_root_range(ts);
    free(ts);
}

py_thread_state_t *py_thread_state_get(void)
{
    if (__builtin_expect(py_tstate == NULL, 0) && py_thread_state_attach()) {
        fprintf(stderr, "pypy-stm: cannot allocate the thread state\n");
        abort();
    }
    return py_tstate;
}

int py_enter_recursive_call(const char *where)
{
    py_thread_state_t *ts = py_thread_state_get();
    if (++ts->recursion_depth > py_recursion_limit) {
        --ts->recursion_depth;
        py_err_format(py_exc_RuntimeError_type,
                      "maximum recursion depth exceeded%s", where ? where : "");
        return -1;
    }
    return 0;
}

void py_leave_recursive_call(void)
{
    py_thread_state_get()->recursion_depth--;
}
