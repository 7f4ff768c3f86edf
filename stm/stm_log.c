/* stm_log.c -- the PYPYSTM event log (format: docs/stm-log.md, the
 * "STMGC-C7-PROF01" layout of the original pypy-stm so that its tools'
 * logic applies: two locations per record, write-write events). */
#include "stm/stm_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MARKER_MAX 128

bool stm_log_enabled;
static FILE *log_file;
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;

static size_t default_fmt(const stm_location_t *loc, char *buf, size_t size)
{
    int n = snprintf(buf, size, "%p+%llu", loc->code,
                     (unsigned long long)loc->offset);
    if (n < 0)
        return 0;
    return (size_t)n < size ? (size_t)n : size - 1;
}

void stm_set_location_formatter(size_t (*fmt)(const stm_location_t *loc,
                                              char *buf, size_t size))
{
    stm_g.loc_fmt = fmt;
}

void stm_log_open(const char *path)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        fprintf(stderr, "pypy-stm: cannot open PYPYSTM log '%s'\n", path);
        return;
    }
    fwrite("STMGC-C7-PROF01\n", 1, 16, f);
    log_file = f;
    stm_log_enabled = true;
}

void stm_log_close(void)
{
    pthread_mutex_lock(&log_lock);
    stm_log_enabled = false;
    if (log_file)
        fclose(log_file);
    log_file = NULL;
    pthread_mutex_unlock(&log_lock);
}

static size_t marker(const stm_location_t *loc, char *buf)
{
    if (!loc || !loc->code)
        return 0;
    size_t (*fmt)(const stm_location_t *, char *, size_t) =
        stm_g.loc_fmt ? stm_g.loc_fmt : default_fmt;
    size_t n = fmt(loc, buf, MARKER_MAX);
    return n > MARKER_MAX ? MARKER_MAX : n;
}

static void put_u32(unsigned char *p, uint32_t v)
{
    memcpy(p, &v, 4);     /* host order, as the format says */
}

void stm_log_event(const stm_context_t *ctx, uint32_t other, int event,
                   const stm_location_t *loc1, const stm_location_t *loc2)
{
    char m1[MARKER_MAX], m2[MARKER_MAX];
    size_t n1 = marker(loc1, m1), n2 = marker(loc2, m2);
    unsigned char rec[19];
    pthread_mutex_lock(&log_lock);
    if (!log_file) {
        pthread_mutex_unlock(&log_lock);
        return;
    }
    /* The time is read under the lock, so records never go back in
       time. */
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    put_u32(rec, (uint32_t)ts.tv_sec);
    put_u32(rec + 4, (uint32_t)ts.tv_nsec);
    put_u32(rec + 8, ctx ? ctx->number : 0);
    put_u32(rec + 12, other);
    rec[16] = (unsigned char)event;
    rec[17] = (unsigned char)n1;
    rec[18] = (unsigned char)n2;
    if (fwrite(rec, 1, sizeof rec, log_file) != sizeof rec ||
        fwrite(m1, 1, n1, log_file) != n1 ||
        fwrite(m2, 1, n2, log_file) != n2) {
        fprintf(stderr, "pypy-stm: PYPYSTM log write failed; logging "
                "stopped\n");
        fclose(log_file);
        log_file = NULL;
        stm_log_enabled = false;
    }
    pthread_mutex_unlock(&log_lock);
}
