/* ast_arena.h -- the memory the front end allocates AST nodes from.
 *
 * An arena is a chain of GC objects ("chunks") whose type has the flag
 * GC_TYPE_CONSERVATIVE: the collector scans every word of a chunk as a
 * possible pointer.  So
 *   - the Python objects an AST node refers to (identifiers, Num.n, Str.s)
 *     stay alive as long as the arena does, with no rooting by hand;
 *   - the arena itself stays alive as long as a C local (conservatively
 *     scanned stack) or a node pointer into any of its chunks is live, and
 *     is reclaimed by the collector afterwards: there is no free function;
 *   - an STM abort (the one longjmp, STYLE rule 5) in the middle of parsing
 *     or compiling leaks nothing: the abandoned arena is ordinary garbage.
 * Pointer-free byte buffers (source text, decoded lines) come from
 * py_arena_bytes: separate GC objects that are not scanned, kept alive by
 * the arena.
 *
 * Thread safety: an arena belongs to the thread that made it and must not
 * be stored in any object another thread can reach.  Its chunks are
 * written without STM barriers; that is correct because nobody else ever
 * sees them (DESIGN §4: barriers protect shared objects only).
 */
#ifndef PY_AST_ARENA_H
#define PY_AST_ARENA_H

#include <stddef.h>

typedef struct py_arena py_arena_t;

/* A new, empty arena.  NULL with MemoryError set on exhaustion.  MAY_GC. */
py_arena_t *py_arena_new(void);

/* SIZE bytes of zeroed memory, 8-byte aligned, scanned conservatively
   (store node and object pointers there freely).  NULL with MemoryError
   set on exhaustion.  MAY_GC. */
void *py_arena_alloc(py_arena_t *arena, size_t size);

/* SIZE bytes of zeroed memory that the collector never scans (store no
   pointers to GC objects there), alive as long as ARENA.  For text.  NULL
   with MemoryError set on exhaustion.  MAY_GC. */
void *py_arena_bytes(py_arena_t *arena, size_t size);

/* Bytes handed out by this arena so far (statistics, tests). */
size_t py_arena_used(const py_arena_t *arena);

#endif
