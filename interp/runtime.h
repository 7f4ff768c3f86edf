/* runtime.h -- start-up of the object world. */
#ifndef PY_RUNTIME_H
#define PY_RUNTIME_H

/* Initialises the heap (gc_init, which registers the calling thread), the
   calling thread's state, every built-in type, the exception classes and
   the singletons (None, True, False, Ellipsis, NotImplemented, the empty
   tuple and str).  Idempotent and safe to call from several threads (the
   first call does the work, the others wait for it).  Only the first
   caller's thread is registered with the heap: another thread must call
   gc_thread_register() before touching objects (its thread state is then
   made on first use).  Returns 0, or -1 on failure (with a message on
   stderr: the heap could not be reserved, or start-up ran out of
   memory). */
int py_runtime_init(void);

#endif
