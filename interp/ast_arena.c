/* ast_arena.c -- bump allocation of AST nodes from conservatively scanned
 * GC chunks (see ast_arena.h for why).
 *
 * The arena object is a small conservative GC object holding the current
 * chunk; each chunk's first word links to the older one.  Reaching the
 * arena keeps every chunk alive.  A node pointer alone keeps only its own
 * chunk and the older ones, so callers hold the arena while using a tree.
 */
#include "interp/ast_arena.h"

#include <stdint.h>
#include <string.h>

#include "gc/gc.h"
#include "interp/errors.h"

/* Big enough that a typical module needs few chunks, small enough that a
   tiny `eval("1")` does not cost much. */
#define CHUNK_SIZE (32u * 1024u)
#define ALIGN 8u

typedef struct chunk {
    gc_header_t hdr;
    struct chunk *prev;      /* older chunk, or NULL */
    size_t size;             /* usable bytes in data[] */
    size_t used;
    /* 8-byte aligned payload follows */
    char data[];
} chunk_t;

/* A pointer-free blob hung on the arena by a cell in a chunk. */
typedef struct blob {
    gc_header_t hdr;
    char data[];
} blob_t;

struct py_arena {
    gc_header_t hdr;
    chunk_t *cur;
    size_t used;             /* statistics */
};

static const gc_type_t chunk_type = {
    .name = "ast-arena-chunk",
    .flags = GC_TYPE_CONSERVATIVE,
};
static const gc_type_t arena_type = {
    .name = "ast-arena",
    .flags = GC_TYPE_CONSERVATIVE,
};
static const gc_type_t blob_type = {
    .name = "ast-arena-bytes",
    .trace = NULL,
};

static chunk_t *chunk_new(chunk_t *prev, size_t size)
{
    chunk_t *c = gc_alloc(&chunk_type, sizeof(chunk_t) + size);
    if (c == NULL) {
        py_err_no_memory();
        return NULL;
    }
    c->prev = prev;
    c->size = size;
    c->used = 0;
    return c;
}

py_arena_t *py_arena_new(void)
{
    py_arena_t *a = gc_alloc(&arena_type, sizeof(py_arena_t));
    if (a == NULL) {
        py_err_no_memory();
        return NULL;
    }
    a->cur = chunk_new(NULL, CHUNK_SIZE);
    if (a->cur == NULL)
        return NULL;
    return a;
}

void *py_arena_alloc(py_arena_t *arena, size_t size)
{
    size_t need = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    if (need < size) {                       /* overflow */
        py_err_no_memory();
        return NULL;
    }
    chunk_t *c = arena->cur;
    if (c->size - c->used < need) {
        if (need > CHUNK_SIZE / 4) {
            /* A big array gets a chunk of its own, linked behind the
               current one so the current chunk keeps filling up. */
            chunk_t *big = chunk_new(c->prev, need);
            if (big == NULL)
                return NULL;
            c->prev = big;
            big->used = need;
            arena->used += need;
            return big->data;
        }
        c = chunk_new(c, CHUNK_SIZE);
        if (c == NULL)
            return NULL;
        arena->cur = c;
    }
    void *p = c->data + c->used;
    c->used += need;
    arena->used += need;
    return p;
}

void *py_arena_bytes(py_arena_t *arena, size_t size)
{
    void **cell = py_arena_alloc(arena, sizeof(void *));
    if (cell == NULL)
        return NULL;
    if (size > SIZE_MAX - sizeof(blob_t)) {
        py_err_no_memory();
        return NULL;
    }
    blob_t *b = gc_alloc(&blob_type, sizeof(blob_t) + size);
    if (b == NULL) {
        py_err_no_memory();
        return NULL;
    }
    *cell = b;
    arena->used += size;
    return b->data;
}

size_t py_arena_used(const py_arena_t *arena)
{
    return arena->used;
}
