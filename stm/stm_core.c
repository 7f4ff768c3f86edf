/* stm_core.c -- slots, contexts, threads, roots: the frame the
 * transactions of stm_tx.c run in (docs/stm.md, "Contexts and slots"). */
#include "stm/stm_internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

stm_globals_t stm_g = {
    .lock = PTHREAD_MUTEX_INITIALIZER,
    .slot_free = PTHREAD_COND_INITIALIZER,
    .token_free = PTHREAD_COND_INITIALIZER,
    .commit_lock = PTHREAD_MUTEX_INITIALIZER,
    .act_lock = PTHREAD_MUTEX_INITIALIZER,
    .act_cond = PTHREAD_COND_INITIALIZER,
    .next_txid = 1,
    .next_number = 1,
    .inevitable_after = 4,
};

_Thread_local _stm_tls_t _stm_tls;
_stm_shared_t _stm_shared;

_Noreturn void stm_fatal(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("pypy-stm: fatal: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    abort();
}

void *stm_vec_push(stm_vec_t *v, size_t item_size)
{
    if (v->len == v->cap) {
        size_t ncap = v->cap ? v->cap * 2 : 16;
        void *n = realloc(v->items, ncap * item_size);
        if (!n)
            return NULL;
        v->items = n;
        v->cap = ncap;
    }
    void *item = (char *)v->items + v->len * item_size;
    memset(item, 0, item_size);
    v->len++;
    return item;
}

void *stm_vec_grow(stm_vec_t *v, size_t item_size, size_t n)
{
    if (v->len + n > v->cap) {
        size_t ncap = v->cap ? v->cap : 16;
        while (ncap < v->len + n)
            ncap *= 2;
        void *p = realloc(v->items, ncap * item_size);
        if (!p)
            return NULL;
        v->items = p;
        v->cap = ncap;
    }
    void *first = (char *)v->items + v->len * item_size;
    memset(first, 0, n * item_size);
    v->len += n;
    return first;
}

void stm_vec_free(stm_vec_t *v)
{
    free(v->items);
    v->items = NULL;
    v->len = v->cap = 0;
}

/* ---- roots and the resume hook ---------------------------------------- */

static void visit_actions(gc_visitor_t *v, const stm_vec_t *vec)
{
    const stm_action_t *a = vec->items;
    for (size_t i = 0; i < vec->len; i++)
        gc_visit(v, a[i].arg);
}

/* A location's code (the interpreter's code object) is kept after the
   transaction that set it (last and longest abort, doom, write-set
   entries) and formatted later: keep it alive.  gc_visit checks the
   pointer, so a code that is not a heap object is fine. */
static void visit_loc(gc_visitor_t *v, const stm_location_t *loc)
{
    gc_visit(v, loc->code);
}

/* Write sets (originals and copies: a copy taken over by an inevitable
   transaction is reachable only from here), private snapshots, the
   arguments of pending actions and the saved locations are roots.  Runs
   with the world stopped; g.lock is never held across a safe point, so
   taking it cannot deadlock. */
static void stm_roots(gc_visitor_t *v, void *arg)
{
    (void)arg;
    pthread_mutex_lock(&stm_g.lock);
    for (stm_context_t *c = stm_g.contexts; c; c = c->next) {
        const stm_wentry_t *e = c->wset.items;
        for (size_t i = 0; i < c->wset.len; i++) {
            gc_visit(v, e[i].obj);
            gc_visit(v, e[i].copy);
            visit_loc(v, &e[i].loc);
        }
        /* The current location lives in the thread-local state of the
           thread the context is current on (stopped or blocking now). */
        if (c->tls && c->tls->ctx == c)
            visit_loc(v, &c->tls->loc);
        visit_loc(v, &c->loc);
        visit_loc(v, &c->doomer_loc);
        visit_loc(v, &c->doom_loc);
        visit_loc(v, &c->last_self);
        visit_loc(v, &c->last_other);
        visit_loc(v, &c->longest_self);
        visit_loc(v, &c->longest_other);
        const stm_private_t *p = c->privates.items;
        for (size_t i = 0; i < c->privates.len; i++) {
            if (p[i].snap)
                gc_visit_range(v, p[i].snap, (char *)p[i].snap + p[i].size);
        }
        if (c->undo_bytes.len)
            gc_visit_range(v, c->undo_bytes.items,
                           (char *)c->undo_bytes.items + c->undo_bytes.len);
        visit_actions(v, &c->deferred);
        visit_actions(v, &c->on_abort);
    }
    pthread_mutex_unlock(&stm_g.lock);
}

/* Runs in a thread resuming from a park: a commit may have doomed it. */
static void stm_resume_hook(void)
{
    stm_context_t *ctx = _stm_tls.ctx;
    if (ctx && ctx->no_abort == 0)
        stm_check_doom(ctx);
}

/* ---- init --------------------------------------------------------------- */

static int default_slots(void)
{
    const char *env = getenv("PYPYSTM_SEGMENTS");
    long n;
    if (env && *env) {
        char *end;
        errno = 0;
        n = strtol(env, &end, 10);
        if (errno || *end || n < 1 || n > STM_MAX_SLOTS) {
            fprintf(stderr, "pypy-stm: PYPYSTM_SEGMENTS must be 1..%d, "
                    "ignoring '%s'\n", STM_MAX_SLOTS, env);
            n = -1;
        }
        if (n > 0)
            return (int)n;
    }
    n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 4)
        n = 4;
    if (n > STM_MAX_SLOTS)
        n = STM_MAX_SLOTS;
    return (int)n;
}

int stm_init(void)
{
    if (stm_g.initialised)
        return 0;
    if (!gc_heap_base || gc_heap_end <= gc_heap_base) {
        fprintf(stderr, "pypy-stm: stm_init called before gc_init\n");
        return -1;
    }
    stm_g.nslots = default_slots();
    _Static_assert(GC_ALIGN == 16, "R computes marker addresses as addr >> 3");
    stm_g.marker_bytes = (size_t)(gc_heap_end - gc_heap_base) / GC_ALIGN *
                         sizeof(stm_marker_t);
    for (int i = 0; i < stm_g.nslots; i++) {
        void *m = mmap(NULL, stm_g.marker_bytes, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (m == MAP_FAILED) {
            fprintf(stderr, "pypy-stm: cannot reserve %zu bytes of read "
                    "markers: %s\n", stm_g.marker_bytes, strerror(errno));
            return -1;
        }
        stm_g.slots[i].index = i;
        stm_g.slots[i].markers = m;
    }
    gc_add_root_callback(stm_roots, NULL);
    gc_set_resume_hook(stm_resume_hook);
    stm_g.commit_version = 2;
    const char *cv = getenv("PYPYSTM_COMMIT");
    if (cv && *cv) {
        if (strcmp(cv, "1") != 0 && strcmp(cv, "2") != 0)
            fprintf(stderr, "pypy-stm: PYPYSTM_COMMIT must be 1 or 2, "
                    "ignoring '%s'\n", cv);
        else
            stm_g.commit_version = cv[0] - '0';
    }
    const char *ra = getenv("PYPYSTM_RANDOM_ABORT");
    if (ra && *ra) {
        char *end;
        unsigned long n = strtoul(ra, &end, 10);
        if (*end || n > 1000000000ul)
            fprintf(stderr, "pypy-stm: PYPYSTM_RANDOM_ABORT must be a "
                    "number, ignoring '%s'\n", ra);
        else
            stm_set_random_abort((unsigned)n);
    }
    const char *log = getenv("PYPYSTM");
    if (log && *log)
        stm_log_open(log);
    stm_g.initialised = true;
    return 0;
}

void stm_shutdown(void)
{
    stm_log_close();
}

int stm_slot_count(void)
{
    return stm_g.nslots;
}

/* ---- slots -------------------------------------------------------------- */

/* Publishes whether a slot's holder is the current context of its OS
   thread.  A version-2 committer that sees 0 skips the slot's
   acknowledgement: switching out publishes the context's read markers
   (release), and switching in is fenced before the context's next loads,
   which must see the tags stored before the committer looked (see
   wait_acks in stm_commit2.c). */
static void set_current(stm_slot_t *s, int v)
{
    if (atomic_load_explicit(&s->current, memory_order_relaxed) == v)
        return;
    atomic_store_explicit(&s->current, v, memory_order_release);
    if (v)
        atomic_thread_fence(memory_order_seq_cst);
}

/* Makes the thread-local fast-path state describe CTX (or nothing). */
void stm_load_tls(stm_context_t *ctx)
{
    stm_context_t *old = _stm_tls.ctx;
    if (old && old != ctx && old->slot)
        set_current(old->slot, 0);
    _stm_tls.ctx = ctx;
    if (ctx)
        ctx->tls = &_stm_tls;
    if (ctx && ctx->slot) {
        stm_slot_t *s = ctx->slot;
        set_current(s, 1);
        _stm_tls.rm_shifted = (uintptr_t)s->markers -
                              ((uintptr_t)gc_heap_base >> 3);
        _stm_tls.own_tag = (uintptr_t)(s->index + 1) << STM_COPY_OWNER_SHIFT;
        _stm_tls.read_version = s->read_version;
    } else {
        _stm_tls.rm_shifted = 0;
        _stm_tls.own_tag = 0;
        _stm_tls.read_version = 0;
    }
    _stm_tls.txid = (ctx && ctx->in_tx) ? ctx->txid : 0;
    if (ctx)
        _stm_tls.loc = ctx->loc;
    if (gc_self)
        gc_set_txid(_stm_tls.txid);
    if (ctx)
        stm_ack_force(ctx);
}

/* Under g.lock.  A free slot exists only while nobody waits (a released
   slot goes to the oldest waiter), so taking one never overtakes. */
static bool take_free_slot(stm_context_t *ctx)
{
    if (stm_g.slot_wait_head)
        return false;
    for (int i = 0; i < stm_g.nslots; i++) {
        if (!stm_g.slots[i].ctx) {
            __atomic_store_n(&stm_g.slots[i].ctx, ctx, __ATOMIC_RELEASE);
            __atomic_store_n(&stm_g.slots[i].thread, ctx->thread,
                             __ATOMIC_RELAXED);
            ctx->slot = &stm_g.slots[i];
            return true;
        }
    }
    return false;
}

/* Gets CTX a slot; with WAIT, waits in a gc blocking section ("wait free
   segment").  Returns false only without WAIT when none is free. */
bool stm_acquire_slot(stm_context_t *ctx, bool wait)
{
    pthread_mutex_lock(&stm_g.lock);
    bool ok = take_free_slot(ctx);
    pthread_mutex_unlock(&stm_g.lock);
    if (ok || !wait)
        goto done;
    int prev = stm_stat_enter(ctx, STM_STAT_WAIT_FREE_SEGMENT);
    stm_log(ctx, 0, STM_EV_WAIT_FREE_SEGMENT, NULL, NULL);
    gc_enter_blocking();
    pthread_mutex_lock(&stm_g.lock);
    if (!take_free_slot(ctx)) {
        /* Queue up: stm_release_slot hands its slot to the oldest waiter
           directly (a thread looping on blocking_begin/end cannot take
           its slot back before us). */
        ctx->wait_next = NULL;
        ctx->waiting_slot = true;
        if (stm_g.slot_wait_tail)
            stm_g.slot_wait_tail->wait_next = ctx;
        else
            stm_g.slot_wait_head = ctx;
        stm_g.slot_wait_tail = ctx;
        while (ctx->waiting_slot)
            pthread_cond_wait(&stm_g.slot_free, &stm_g.lock);
    }
    pthread_mutex_unlock(&stm_g.lock);
    ctx->no_abort++;       /* outside a transaction: nothing to abort */
    gc_leave_blocking();
    ctx->no_abort--;
    stm_log(ctx, 0, STM_EV_WAIT_DONE, NULL, NULL);
    stm_stat_enter(ctx, prev);
    ok = true;
done:
    if (ok && _stm_tls.ctx == ctx)
        stm_load_tls(ctx);
    return ok;
}

void stm_release_slot(stm_context_t *ctx)
{
    if (!ctx->slot)
        return;
    pthread_mutex_lock(&stm_g.lock);
    stm_slot_t *slot = ctx->slot;
    set_current(slot, 0);
    __atomic_store_n(&slot->ctx, NULL, __ATOMIC_RELEASE);
    ctx->slot = NULL;
    stm_context_t *w = stm_g.slot_wait_head;
    if (w) {
        /* FIFO hand-off to the oldest waiter. */
        stm_g.slot_wait_head = w->wait_next;
        if (!stm_g.slot_wait_head)
            stm_g.slot_wait_tail = NULL;
        w->wait_next = NULL;
        w->waiting_slot = false;
        __atomic_store_n(&slot->ctx, w, __ATOMIC_RELEASE);
        __atomic_store_n(&slot->thread, w->thread, __ATOMIC_RELAXED);
        w->slot = slot;
        pthread_cond_broadcast(&stm_g.slot_free);
    }
    pthread_mutex_unlock(&stm_g.lock);
    if (_stm_tls.ctx == ctx)
        stm_load_tls(ctx);
}

/* ---- contexts ----------------------------------------------------------- */

static stm_context_t *new_context(void)
{
    stm_context_t *ctx = calloc(1, sizeof *ctx);
    if (!ctx)
        return NULL;
    ctx->thread = pthread_self();
    ctx->length = 10000;
    ctx->created = ctx->since = stm_now();
    ctx->state = STM_STAT_OUTSIDE;
    ctx->st.count[STM_STAT_OUTSIDE] = 1;
    pthread_mutex_lock(&stm_g.lock);
    ctx->number = stm_g.next_number++;
    ctx->next = stm_g.contexts;
    if (ctx->next)
        ctx->next->prev = ctx;
    stm_g.contexts = ctx;
    pthread_mutex_unlock(&stm_g.lock);
    return ctx;
}

static void free_context(stm_context_t *ctx)
{
    stm_clear_doom(ctx);   /* a stale doom still counted as pending */
    stm_stats_t st;
    stm_get_stats(ctx, &st);
    pthread_mutex_lock(&stm_g.lock);
    if (ctx->prev)
        ctx->prev->next = ctx->next;
    else
        stm_g.contexts = ctx->next;
    if (ctx->next)
        ctx->next->prev = ctx->prev;
    stm_stats_add(&stm_g.totals, &st);
    pthread_mutex_unlock(&stm_g.lock);
    stm_private_t *p = ctx->privates.items;
    for (size_t i = 0; i < ctx->privates.len; i++)
        free(p[i].snap);
    stm_vec_free(&ctx->wset);
    stm_vec_free(&ctx->deferred);
    stm_vec_free(&ctx->on_abort);
    stm_vec_free(&ctx->privates);
    stm_vec_free(&ctx->undo);
    stm_vec_free(&ctx->undo_bytes);
#if STM_VERIFY
    stm_vec_free(&ctx->vreads);
#endif
    free(ctx);
}

stm_context_t *stm_context_create(void)
{
    stm_context_t *ctx = new_context();
    if (!ctx)
        return NULL;
    if (!stm_acquire_slot(ctx, false)) {
        free_context(ctx);
        return NULL;
    }
    return ctx;
}

void stm_context_switch(stm_context_t *ctx)
{
    stm_context_t *old = _stm_tls.ctx;
    if (old) {
        old->loc = _stm_tls.loc;
        old->tls = NULL;       /* its location root is old->loc now */
    }
    stm_load_tls(ctx);
    if (ctx)
        stm_check_doom(ctx);
}

void stm_context_destroy(stm_context_t *ctx)
{
    if (ctx->in_tx)
        stm_fatal("stm_context_destroy: context %u is inside a transaction "
                  "(its private copies would be left installed)",
                  ctx->number);
    if (_stm_tls.ctx == ctx)
        stm_load_tls(NULL);
    stm_release_slot(ctx);
    free_context(ctx);
}

/* A thread that exits while attached (no stm_thread_detach) would keep its
   slot, and maybe the copies of an open transaction, forever: abort the
   transaction and detach.  gc/'s own exit destructor may have run first
   and unregistered the thread: register again for the clean-up (gc/'s
   destructor then runs once more and unregisters). */
static void detach_at_exit(void *arg)
{
    stm_context_t *ctx = arg;
    bool reg_again = false;
    if (!gc_self) {
        if (gc_thread_register() != 0)
            return;      /* cannot touch the heap: leave it */
        reg_again = true;
    }
    _stm_tls.ctx = NULL;
    stm_load_tls(ctx);
    if (ctx->in_tx) {
        ctx->atomic = 0;
        ctx->no_abort++;
        stm_abort_undo(ctx, STM_ABORT_OTHER);
        ctx->no_abort = 0;
    }
    ctx->atomic = 0;
    bool reg = ctx->registered_gc;
    stm_thread_detach();
    if (reg_again && !reg)
        gc_thread_unregister();
}

static pthread_once_t exit_key_once = PTHREAD_ONCE_INIT;

static void make_exit_key(void)
{
    stm_g.exit_key_ok =
        pthread_key_create(&stm_g.exit_key, detach_at_exit) == 0;
}

stm_context_t *stm_thread_attach(void)
{
    bool reg = false;
    if (!gc_self) {
        if (gc_thread_register() != 0)
            return NULL;
        reg = true;
    }
    stm_context_t *ctx = new_context();
    if (!ctx) {
        if (reg)
            gc_thread_unregister();
        return NULL;
    }
    ctx->registered_gc = reg;
    stm_load_tls(ctx);
    stm_acquire_slot(ctx, true);
    pthread_once(&exit_key_once, make_exit_key);
    if (stm_g.exit_key_ok)
        pthread_setspecific(stm_g.exit_key, ctx);
    return ctx;
}

/* PYPYSTM_STATS=1: each detaching thread prints its statistics table to
   stderr (the user guide's "Low-level statistics"). */
static void print_stats(stm_context_t *ctx)
{
    const char *env = getenv("PYPYSTM_STATS");
    if (!env || !*env || strcmp(env, "0") == 0)
        return;
    stm_stats_t st;
    stm_get_stats(ctx, &st);
    char buf[2048];
    size_t n = stm_format_stats(&st, buf, sizeof buf);
    if (n >= sizeof buf)
        n = sizeof buf - 1;
    buf[n] = 0;
    fprintf(stderr, "      thread %u:\n%s", ctx->number, buf);
}

void stm_thread_detach(void)
{
    stm_context_t *ctx = _stm_tls.ctx;
    if (!ctx)
        return;
    if (ctx->in_tx)
        stm_fatal("stm_thread_detach inside a transaction (commit or abort "
                  "it first)");
    if (stm_g.exit_key_ok)
        pthread_setspecific(stm_g.exit_key, NULL);
    print_stats(ctx);
    bool reg = ctx->registered_gc;
    stm_context_destroy(ctx);
    if (reg)
        gc_thread_unregister();
}

uint32_t stm_context_number(const stm_context_t *ctx)
{
    return ctx->number;
}

int stm_context_slot(const stm_context_t *ctx)
{
    return ctx->slot ? ctx->slot->index : -1;
}

bool stm_context_in_transaction(const stm_context_t *ctx)
{
    return ctx->in_tx != 0;
}

bool stm_context_doomed(const stm_context_t *ctx)
{
    return ctx->in_tx && stm_doom_reason((stm_context_t *)ctx) != 0;
}

/* ---- blocking ----------------------------------------------------------- */

int stm_blocking_begin(void)
{
    stm_context_t *ctx = _stm_tls.ctx;
    if (!ctx)
        stm_fatal("stm_blocking_begin: the calling thread has no context");
    if (ctx->in_tx)
        stm_fatal("stm_blocking_begin inside a transaction (commit it "
                  "first: the slot cannot be given up while the "
                  "transaction's copies are installed)");
    if (ctx->atomic > 0)
        return -1;
    stm_release_slot(ctx);
    gc_enter_blocking();
    return 0;
}

void stm_blocking_end(void)
{
    stm_context_t *ctx = _stm_tls.ctx;
    ctx->no_abort++;
    gc_leave_blocking();
    ctx->no_abort--;
    stm_acquire_slot(ctx, true);
}
