/* runtime.c -- start-up of the object world (the part of CPython's
 * Py_Initialize that exists so far). */
#include "interp/runtime.h"

#include <pthread.h>
#include <stdio.h>

#include "interp/errors.h"
#include "interp/objects/intobject.h"
#include "interp/objects/noneobject.h"
#include "interp/objects/tupleobject.h"
#include "interp/pystate.h"

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static int init_result = -1;

static void init(void)
{
    /* A test or tool may have set up the heap already. */
    if (!gc_heap_base && gc_init()) {
        fprintf(stderr, "pypy-stm: cannot reserve the heap\n");
        return;
    }
    if (py_thread_state_attach()) {
        fprintf(stderr, "pypy-stm: cannot allocate the thread state\n");
        return;
    }
    /* Order matters: types first (every allocation needs its type), the
       small ints before the exception classes and singletons that hold
       ints (True, False), the MemoryError instance last. */
    if (py_types_init() || py_int_init() || py_exceptions_init() ||
        py_singletons_init() || py_errors_init() || !py_tuple_new(0)) {
        fprintf(stderr, "pypy-stm: out of memory during start-up\n");
        return;
    }
    init_result = 0;
}

int py_runtime_init(void)
{
    pthread_once(&init_once, init);
    return init_result;
}
