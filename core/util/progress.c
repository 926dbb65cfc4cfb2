#include "util/progress.h"

#include <time.h>

/* Redraws closer together than this flicker and cost writes. */
#define REDRAW_SECONDS 0.25

double assay_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void assay_progress_start(assay_progress *p, FILE *tty,
                          unsigned long long total_bytes)
{
    p->tty = tty;
    p->start = p->last = assay_now();
    p->total_bytes = total_bytes;
    p->drawn = 0;
}

/* "m:ss", or "h:mm:ss" from an hour. */
static void clock_text(char *buf, size_t size, double seconds)
{
    unsigned long s = seconds > 0 ? (unsigned long)(seconds + 0.5) : 0;
    if (s >= 3600)
        snprintf(buf, size, "%lu:%02lu:%02lu", s / 3600, s / 60 % 60, s % 60);
    else
        snprintf(buf, size, "%lu:%02lu", s / 60, s % 60);
}

static void draw(assay_progress *p, double now, size_t records,
                 size_t errors, unsigned long long bytes_done)
{
    double elapsed = now - p->start;
    char spent[32], left[48] = "";
    clock_text(spent, sizeof spent, elapsed);
    if (p->total_bytes && bytes_done && bytes_done <= p->total_bytes) {
        char t[32];
        clock_text(t, sizeof t,
                   elapsed * (double)(p->total_bytes - bytes_done) /
                       (double)bytes_done);
        snprintf(left, sizeof left, ", %s left (%.0f%%)", t,
                 100.0 * (double)bytes_done / (double)p->total_bytes);
    }
    double rate = elapsed > 0 ? (double)records / elapsed : 0;
    /* \r and erase-to-end-of-line redraw the line in place. */
    fprintf(p->tty,
            "\rassay: %zu records, %.0f/s, %zu error%s, %s elapsed%s\033[K",
            records, rate, errors, errors == 1 ? "" : "s", spent, left);
    fflush(p->tty);
    p->drawn = 1;
    p->last = now;
}

void assay_progress_update(assay_progress *p, size_t records, size_t errors,
                           unsigned long long bytes_done)
{
    if (!p->tty)
        return;
    double now = assay_now();
    if (now - p->last >= REDRAW_SECONDS)
        draw(p, now, records, errors, bytes_done);
}

void assay_progress_finish(assay_progress *p, size_t records, size_t errors,
                           unsigned long long bytes_done)
{
    if (!p->tty)
        return;
    draw(p, assay_now(), records, errors, bytes_done);
    fputc('\n', p->tty);
    fflush(p->tty);
}

unsigned long long assay_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (unsigned long long)ts.tv_sec * 1000000000ull +
           (unsigned long long)ts.tv_nsec;
}
