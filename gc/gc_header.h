/* gc_header.h -- the header every GC object starts with (DESIGN §3-§4).
 *
 * Included by gc/, stm/ and interp/ alike; it is the only layout the three
 * share.  gc/ reads `type` (to size and trace) and the copy pointer packed
 * in `stm_copy` (a private copy is traced with its original); stm/ owns
 * `stm_copy` and the transaction id in `meta`; gc/ owns the GC_FLAG_* bits.
 */
#ifndef GC_HEADER_H
#define GC_HEADER_H

#include <stdint.h>
#include <stddef.h>

struct gc_type;

typedef struct gc_header {
    /* The object's type: a gc_type_t (interp/'s py_type_t starts with one).
       Never NULL for an allocated object. */
    const struct gc_type *type;
    /* 0, or a private copy owned by one running transaction: the copy's
       address in bits 0..47 and stm/'s tag bits (owner slot, committing
       flag) in bits 48..63.  Read it with gc_copy_ptr(); only stm/ writes
       it. */
    uintptr_t stm_copy;
    /* Bits 0..55: id of the transaction attempt that allocated the object
       (GC_META_TXID); bits 56..63: flags.  Ids never wrap. */
    uint64_t meta;
} gc_header_t;

/* Every object starts 16-byte aligned; sizes are rounded up to 16. */
#define GC_ALIGN 16

#define GC_META_TXID_BITS 56
#define GC_META_TXID_MASK ((UINT64_C(1) << GC_META_TXID_BITS) - 1)
#define GC_META_FLAG(n)   (UINT64_C(1) << (GC_META_TXID_BITS + (n)))
/* Flag bits (bits 56..63).  0..3 belong to gc/, 4..7 to stm/ and interp/. */
#define GC_FLAG_FINALIZED   GC_META_FLAG(0) /* finalizer already ran once */
#define GC_FLAG_IS_COPY     GC_META_FLAG(1) /* a private copy, not an identity */
#define GC_FLAG_IMMUTABLE   GC_META_FLAG(4) /* never written after creation */

#define GC_COPY_PTR_MASK (((uintptr_t)1 << 48) - 1)

/* The private copy packed in h->stm_copy, or NULL. */
static inline void *gc_copy_ptr(uintptr_t stm_copy)
{
    return (void *)(stm_copy & GC_COPY_PTR_MASK);
}

static inline uint64_t gc_meta_txid(const gc_header_t *h)
{
    return h->meta & GC_META_TXID_MASK;
}

#endif
