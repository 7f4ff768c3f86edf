/* test_stm_toy.h -- toy transactional objects for the stm/ tests.
 *
 * The identity/view discipline of DESIGN §4 in miniature: toy_t is an
 * incomplete type (an identity: store it, compare it, pass it around);
 * only toy_R()/toy_W() turn it into a pointer to its fields (a view, maybe
 * a private copy), which is used at once and never stored. */
#ifndef TEST_STM_TOY_H
#define TEST_STM_TOY_H

#include "stm/stm.h"

typedef struct toy toy_t;            /* never defined: no visible fields */

typedef struct toy_fields {
    gc_header_t hdr;
    int64_t a, b;
    toy_t *p, *q;
} toy_fields_t;

static void toy_trace(void *obj, gc_visitor_t *v)
{
    const toy_fields_t *f = obj;
    gc_visit(v, f->p);
    gc_visit(v, f->q);
}

__attribute__((unused)) static const gc_type_t toy_type = {
    .name = "toy",
    .trace = toy_trace,
};

/* A new young toy, or NULL when the heap is exhausted.  MAY_GC, IN_TX. */
__attribute__((unused)) static toy_t *toy_new(void)
{
    return stm_allocate(&toy_type, sizeof(toy_fields_t));
}

/* The read view.  IN_TX. */
__attribute__((unused)) static const toy_fields_t *toy_R(toy_t *o)
{
    return stm_read(o);
}

/* The write view (NULL only on heap exhaustion).  MAY_ABORT, IN_TX. */
__attribute__((unused)) static toy_fields_t *toy_W(toy_t *o)
{
    return stm_write(o);
}

#endif
