/* stm_stats.c -- per-context time accounting in the states of the user
 * guide's "Low-level statistics" table.  Every second of a context's life
 * is in exactly one state, so the seconds add up to its age; the run time
 * of an attempt is held aside until the attempt ends and then charged to
 * "run committed" or to the "run aborted" reason. */
#include "stm/stm_internal.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static double mono_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

#if defined(__x86_64__)
/* The accounting reads the clock 2 to 4 times per transaction; in virtual
   machines clock_gettime costs ~60 ns, the time-stamp counter ~10.  The
   counter is converted with a rate measured once against CLOCK_MONOTONIC
   (invariant TSC, as on every x86-64 Linux with the "tsc" clocksource). */
#include <x86intrin.h>

static double tsc_scale;      /* seconds per tick; 0 if unusable */
static _Atomic int tsc_state; /* 0: not calibrated, 1: ready */
static double tsc_base_s;
static uint64_t tsc_base;
static pthread_once_t tsc_once = PTHREAD_ONCE_INIT;

static void tsc_calibrate(void)
{
    double t0 = mono_now();
    uint64_t c0 = __rdtsc();
    double t1;
    do
        t1 = mono_now();
    while (t1 - t0 < 2e-3);
    uint64_t c1 = __rdtsc();
    if (c1 > c0) {
        tsc_base = c0;
        tsc_base_s = t0;
        tsc_scale = (t1 - t0) / (double)(c1 - c0);
    }
    atomic_store(&tsc_state, 1);
}

double stm_now(void)
{
    if (__builtin_expect(atomic_load(&tsc_state) == 0, 0))
        pthread_once(&tsc_once, tsc_calibrate);
    if (tsc_scale == 0)
        return mono_now();
    return tsc_base_s + (double)(int64_t)(__rdtsc() - tsc_base) * tsc_scale;
}
#else
double stm_now(void)
{
    return mono_now();
}
#endif

int stm_stat_enter(stm_context_t *ctx, int s)
{
    double now = stm_now();
    double dt = now - ctx->since;
    int old = ctx->state;
    if (old == STM_STAT_RUN_CURRENT)
        ctx->attempt_run += dt;
    else
        ctx->st.seconds[old] += dt;
    ctx->since = now;
    if (s != old && s != STM_STAT_RUN_CURRENT)
        ctx->st.count[s]++;
    ctx->state = s;
    return old;
}

void stm_stat_end_attempt(stm_context_t *ctx, int s)
{
    if (ctx->state == STM_STAT_RUN_CURRENT)
        stm_stat_enter(ctx, STM_STAT_OUTSIDE);
    ctx->st.seconds[s] += ctx->attempt_run;
    ctx->st.count[s]++;
    ctx->attempt_run = 0;
}

void stm_stats_add(stm_stats_t *into, const stm_stats_t *from)
{
    for (int i = 0; i < STM_STAT_N; i++) {
        into->count[i] += from->count[i];
        into->seconds[i] += from->seconds[i];
    }
    into->commits_readonly += from->commits_readonly;
    into->commits_writing += from->commits_writing;
    into->copies += from->copies;
    into->elapsed += from->elapsed;
}

void stm_get_stats(stm_context_t *ctx, stm_stats_t *out)
{
    if (!ctx)
        ctx = _stm_tls.ctx;
    if (!ctx) {
        memset(out, 0, sizeof *out);
        return;
    }
    *out = ctx->st;
    double now = stm_now();
    double dt = now - ctx->since;
    out->elapsed = now - ctx->created;
    double run = ctx->attempt_run;
    if (ctx->state == STM_STAT_RUN_CURRENT)
        run += dt;
    else
        out->seconds[ctx->state] += dt;
    out->seconds[STM_STAT_RUN_CURRENT] = run;
    out->count[STM_STAT_RUN_CURRENT] = ctx->in_tx ? 1 : 0;
}

void stm_get_total_stats(stm_stats_t *out)
{
    stm_stats_t one;
    pthread_mutex_lock(&stm_g.lock);
    *out = stm_g.totals;
    for (stm_context_t *c = stm_g.contexts; c; c = c->next) {
        stm_get_stats(c, &one);
        stm_stats_add(out, &one);
    }
    pthread_mutex_unlock(&stm_g.lock);
}

static const char *const stat_names[STM_STAT_N] = {
#define STM_STAT_NAME_(name, label) [STM_STAT_##name] = label,
    STM_STAT_LIST(STM_STAT_NAME_)
#undef STM_STAT_NAME_
};

const char *stm_stat_name(stm_stat_t s)
{
    return (unsigned)s < STM_STAT_N ? stat_names[s] : "?";
}

size_t stm_format_stats(const stm_stats_t *stats, char *buf, size_t size)
{
    size_t len = 0;
    for (int i = 0; i < STM_STAT_N; i++) {
        int n = snprintf(len < size ? buf + len : NULL,
                         len < size ? size - len : 0,
                         "    %-28s %9llu %9.3f s\n", stat_names[i],
                         (unsigned long long)stats->count[i],
                         stats->seconds[i]);
        if (n > 0)
            len += (size_t)n;
    }
    return len;
}
