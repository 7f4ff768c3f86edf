/* pystate.h -- the per-thread interpreter state (CPython's PyThreadState).
 *
 * Thread-private (DESIGN §4, "State outside the heap"): the pending
 * exception and the recursion depth belong to one OS thread and are never
 * shared, so they are plain fields, not transactional heap objects.  When
 * transactions arrive, stm/ snapshots this struct at transaction start and
 * restores it on abort (it holds object pointers, so it is also registered
 * as a GC root range).
 */
#ifndef PY_PYSTATE_H
#define PY_PYSTATE_H

#include "interp/object.h"

typedef struct py_thread_state {
    /* The pending exception: exc_type is NULL when none is set; otherwise
       exc_value is an instance of exc_type (always normalised, unlike
       CPython 2.7's lazy pair) and exc_tb is NULL until tracebacks exist. */
    py_type_t *exc_type;
    py_object_t *exc_value;
    py_object_t *exc_tb;
    /* Depth of nested C recursion guarded by py_enter_recursive_call. */
    int recursion_depth;
} py_thread_state_t;

/* The calling thread's state (NULL before py_thread_state_attach). */
extern _Thread_local py_thread_state_t *py_tstate;

/* Recursion limit shared by all threads (sys.setrecursionlimit). */
extern int py_recursion_limit;

/* Creates the calling thread's state and registers it as a GC root.
   Idempotent.  Returns 0, or -1 if out of (malloc) memory, with no
   exception set (there is no state to set it in).  Thread-private. */
int py_thread_state_attach(void);

/* Drops the calling thread's state (at thread exit).  Thread-private. */
void py_thread_state_detach(void);

/* The calling thread's state, attaching it on first use; aborts the
   process with a message if even that fails (no way to report an error
   without a state). */
py_thread_state_t *py_thread_state_get(void);

/* Guards C recursion (repr of nested containers, marshal, compares):
   returns 0, or -1 with RuntimeError "maximum recursion depth exceeded%s"
   (WHERE appended, e.g. " while getting the repr of a list") set.  Pair
   every 0 with py_leave_recursive_call(). */
int py_enter_recursive_call(const char *where);
void py_leave_recursive_call(void);

#endif
