#include "engine/batch.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine/engine.h"
#include "engine/id_set.h"
#include "engine/isolation.h"
#include "engine/output.h"
#include "engine/profile.h"
#include "util/line_encoding.h"
#include "util/progress.h"
#include "engine/record.h"

/* A batch closes at this many lines or bytes of text, whichever comes
 * first: large enough that locking is rare, small enough that the ring
 * stays a few MiB. */
#define BATCH_LINES 256
#define BATCH_BYTES (256u << 10)
/* Batches in the ring per worker: one being evaluated, one waiting, one
 * being written or read. */
#define SLOTS_PER_WORKER 3
#define MAX_WORKERS 1024

/* ---- the ring of batches ---------------------------------------------- */

typedef struct item {
    size_t line;
    assay_line_status status; /* OK, TOO_LONG or NUL */
    int cr_only;              /* TOO_LONG: its records are split by CR */
    size_t text_off, text_len;
    size_t out_off, out_len;
    size_t sum_off, sum_len;
    int is_error;
} item;

enum { SLOT_FREE, SLOT_FILLED, SLOT_DONE };

typedef struct slot {
    int state;
    assay_buffer text; /* the lines, each followed by a NUL */
    item *items;
    size_t count, cap;
    assay_buffer out;     /* output records, back to back */
    assay_buffer summary; /* the sink's summaries, back to back */
    unsigned long long consumed; /* input bytes read through this batch */
} slot;

typedef struct pipeline {
    pthread_mutex_t lock;
    pthread_cond_t changed; /* any slot's state, or a flag below */
    slot *slots;
    size_t nslots;
    size_t read_seq, work_seq, write_seq; /* next batch of each stage */
    int reader_done, stop;
    int read_errno;  /* the reader's errno after an I/O error, else 0 */
    size_t read_line; /* the last line read when it failed */

    assay_line_reader reader;
    const assay_batch_options *options;
    assay_worker **workers;
    assay_isolated **isolated; /* per worker; NULL: plugins run in-process */
    assay_fork_server *server; /* forks the isolated workers' processes */
    assay_id_set ids;          /* of the records written so far */
    assay_buffer duplicate;    /* the error record replacing a duplicate */
} pipeline;

static void slot_free(slot *s)
{
    assay_buffer_free(&s->text);
    assay_buffer_free(&s->out);
    assay_buffer_free(&s->summary);
    free(s->items);
}

static item *slot_add(slot *s)
{
    if (s->count == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : BATCH_LINES;
        item *p = realloc(s->items, cap * sizeof *p);
        if (!p) {
            fputs("assay: out of memory\n", stderr);
            abort();
        }
        s->items = p;
        s->cap = cap;
    }
    return &s->items[s->count++];
}

/* ---- reader ----------------------------------------------------------- */

/* Fills s with the next lines; returns 0 at the end of input (s may still
 * hold lines), 1 when more may follow, -1 on a read error. */
static int fill(pipeline *p, slot *s)
{
    s->count = 0;
    assay_buffer_reset(&s->text);
    while (s->count < BATCH_LINES && s->text.len < BATCH_BYTES) {
        const char *text = NULL;
        size_t len = 0;
        assay_line_status st = assay_line_reader_next(&p->reader, &text, &len);
        if (st == ASSAY_LINE_END)
            return 0;
        if (st == ASSAY_LINE_IO_ERROR)
            return -1;
        if (st == ASSAY_LINE_OK && assay_line_is_blank(text, len))
            continue;
        item *it = slot_add(s);
        it->line = p->reader.line + p->options->first_line - 1;
        it->status = st;
        it->cr_only = st == ASSAY_LINE_TOO_LONG && p->reader.skipped_cr;
        it->text_off = s->text.len;
        it->text_len = st == ASSAY_LINE_TOO_LONG ? 0 : len;
        if (it->text_len)
            assay_buffer_append(&s->text, text, it->text_len);
        assay_buffer_putc(&s->text, '\0');
        s->consumed = p->reader.consumed;
    }
    return 1;
}

static void *reader_main(void *arg)
{
    pipeline *p = arg;
    int more = 1;
    while (more) {
        pthread_mutex_lock(&p->lock);
        slot *s = &p->slots[p->read_seq % p->nslots];
        while (!p->stop && s->state != SLOT_FREE)
            pthread_cond_wait(&p->changed, &p->lock);
        int stop = p->stop;
        pthread_mutex_unlock(&p->lock);
        if (stop)
            break;
        more = fill(p, s);
        int failed = more < 0;
        int saved = errno;
        pthread_mutex_lock(&p->lock);
        if (failed) {
            p->read_errno = saved ? saved : EIO;
            p->read_line = p->reader.line;
        }
        if (s->count) {
            s->state = SLOT_FILLED;
            p->read_seq++;
        }
        pthread_cond_broadcast(&p->changed);
        pthread_mutex_unlock(&p->lock);
        if (failed)
            break;
    }
    pthread_mutex_lock(&p->lock);
    p->reader_done = 1;
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

/* ---- workers ---------------------------------------------------------- */

/* What one worker thread holds: its worker, and when plugins are isolated
 * its supervisor with the jobs and output of the batch at hand. */
typedef struct worker_arg {
    pipeline *p;
    assay_worker *w;
    assay_isolated *iso;
    assay_isolated_job *jobs;
    size_t job_cap;
    assay_buffer iso_out;
} worker_arg;

/* Evaluates item it; job is its answer from a worker process, or NULL to
 * evaluate it here. */
static void evaluate_item(pipeline *p, worker_arg *wa, slot *s, item *it,
                          const assay_isolated_job *job)
{
    assay_worker *w = wa->w;
    const char *text = s->text.data + it->text_off;
    const assay_batch_sink *sink = p->options->sink;
    it->out_off = s->out.len;
    it->sum_off = s->summary.len;
    assay_batch_item view = {it->line, 1, NULL, NULL, NULL};
    assay_record rec = {.line = it->line};
    if (it->status == ASSAY_LINE_TOO_LONG) {
        char msg[256];
        if (it->cr_only)
            snprintf(msg, sizeof msg,
                     "line %zu: longer than %zu bytes, and its records end "
                     "with CR only (old Mac line endings); " ASSAY_CR_ADVICE,
                     it->line, p->options->max_line);
        else
            snprintf(msg, sizeof msg,
                     "line %zu: longer than %zu bytes; split the record or "
                     "raise --max-line-bytes",
                     it->line, p->options->max_line);
        assay_output_scored_error(&s->out, NULL, it->line, p->options->part,
                                  msg);
    } else if (it->status == ASSAY_LINE_NUL) {
        char msg[256];
        size_t col = (size_t)((const char *)memchr(text, '\0', it->text_len) -
                              text) + 1;
        int wide = assay_line_wide_encoding(text, it->text_len);
        if (wide)
            snprintf(msg, sizeof msg,
                     "line %zu: the file is UTF-%d text (NUL bytes between "
                     "the characters), and assay reads UTF-8; convert it with "
                     "iconv -f UTF-%d -t UTF-8 <FILE >FILE.jsonl",
                     it->line, wide, wide);
        else
            snprintf(msg, sizeof msg,
                     "line %zu: NUL byte at column %zu; JSON text cannot hold "
                     "one, remove it",
                     it->line, col);
        assay_output_scored_error(&s->out, NULL, it->line, p->options->part,
                                  msg);
    } else if (job) {
        assay_buffer_append(&s->out, wa->iso_out.data + job->out_off,
                            job->out_len);
        view.is_error = job->is_error;
    } else {
        view.is_error = assay_worker_evaluate(w, text, it->text_len, it->line,
                                              &rec, &s->out);
        view.id = rec.id;
        view.root = rec.root;
        view.result = view.is_error ? NULL : &w->result;
    }
    it->is_error = view.is_error;
    if (sink && sink->summarize)
        sink->summarize(sink->arg, &view, &s->summary);
    assay_record_free(&rec);
    it->out_len = s->out.len - it->out_off;
    assay_buffer_putc(&s->out, '\n');
    it->sum_len = s->summary.len - it->sum_off;
}

/* Hands the batch's parsable lines to the worker process in one go;
 * returns the jobs, one per ASSAY_LINE_OK item, in order. */
static assay_isolated_job *run_isolated(worker_arg *wa, slot *s)
{
    size_t n = 0;
    if (wa->job_cap < s->count) {
        free(wa->jobs);
        wa->jobs = malloc(s->count * sizeof *wa->jobs);
        if (!wa->jobs) {
            fputs("assay: out of memory\n", stderr);
            abort();
        }
        wa->job_cap = s->count;
    }
    for (size_t i = 0; i < s->count; i++) {
        const item *it = &s->items[i];
        if (it->status == ASSAY_LINE_OK)
            wa->jobs[n++] = (assay_isolated_job){
                s->text.data + it->text_off, it->text_len, it->line, 0, 0, 0};
    }
    assay_buffer_reset(&wa->iso_out);
    assay_isolated_run(wa->iso, wa->jobs, n, &wa->iso_out);
    return wa->jobs;
}

static void *worker_main(void *arg)
{
    worker_arg *wa = arg;
    pipeline *p = wa->p;
    for (;;) {
        pthread_mutex_lock(&p->lock);
        while (!p->stop && p->work_seq == p->read_seq && !p->reader_done)
            pthread_cond_wait(&p->changed, &p->lock);
        if (p->stop || p->work_seq == p->read_seq) {
            pthread_mutex_unlock(&p->lock);
            return NULL;
        }
        slot *s = &p->slots[p->work_seq++ % p->nslots];
        pthread_mutex_unlock(&p->lock);

        assay_buffer_reset(&s->out);
        assay_buffer_reset(&s->summary);
        const assay_isolated_job *job = wa->iso ? run_isolated(wa, s) : NULL;
        for (size_t i = 0; i < s->count; i++) {
            int ok = s->items[i].status == ASSAY_LINE_OK;
            evaluate_item(p, wa, s, &s->items[i], ok ? job : NULL);
            if (job && ok) /* no arithmetic on NULL in process */
                job++;
        }

        pthread_mutex_lock(&p->lock);
        s->state = SLOT_DONE;
        pthread_cond_broadcast(&p->changed);
        pthread_mutex_unlock(&p->lock);
    }
}

/* ---- writer (the calling thread) -------------------------------------- */

/* When item it is an evaluated record whose id an earlier record has,
 * writes the error record that replaces it to p->duplicate and returns 1.
 * Error records are neither checked nor kept.
 * Run on the writing thread, in input order, so that the first of any two
 * is the same for every number of workers. */
static int refuse_duplicate(pipeline *p, const slot *s, const item *it)
{
    const char *id;
    size_t id_len;
    if (!assay_output_record_id(s->out.data + it->out_off, it->out_len, &id,
                                &id_len))
        return 0;
    /* An error record has no claim on its id (as in decide): a later valid
     * record with it is the application of that name. */
    if (it->is_error)
        return 0;
    size_t first = assay_id_set_add(&p->ids, id, id_len, it->line);
    if (!first)
        return 0;
    assay_buffer_reset(&p->duplicate);
    assay_buffer msg;
    assay_buffer_init(&msg);
    assay_duplicate_id_message(&msg, it->line, id, id_len, 0, 0, first);
    assay_output_scored_error(&p->duplicate, NULL, it->line,
                              p->options->part, assay_buffer_cstr(&msg));
    assay_buffer_free(&msg);
    return 1;
}

/* Writes one finished batch, or its records up to the one that stops the
 * run; returns 1 when the run must stop after it. Records are stored back
 * to back with their newlines, so the batch is written in one piece, cut
 * only where a duplicate's error record replaces it. */
static int write_batch(pipeline *p, slot *s, FILE *out,
                       assay_batch_stats *stats, size_t *stop_line)
{
    const assay_batch_sink *sink = p->options->sink;
    size_t written = 0; /* s->out up to here is written */
    for (size_t i = 0; i < s->count; i++) {
        const item *it = &s->items[i];
        int duplicate = refuse_duplicate(p, s, it);
        int is_error = it->is_error || duplicate;
        const char *text = duplicate ? p->duplicate.data
                                     : s->out.data + it->out_off;
        size_t text_len = duplicate ? p->duplicate.len : it->out_len;
        stats->records++;
        stats->error_records += (size_t)is_error;
        if (duplicate && out) {
            fwrite(s->out.data + written, 1, it->out_off - written, out);
            fwrite(text, 1, text_len, out);
            written = it->out_off + it->out_len;
        }
        int stop = sink && sink->record &&
                   sink->record(sink->arg, it->line, is_error, text,
                                text_len, s->summary.data + it->sum_off,
                                it->sum_len);
        if (stop ||
            (is_error && stats->error_records > p->options->max_errors)) {
            *stop_line = it->line;
            if (out)
                fwrite(s->out.data + written, 1,
                       it->out_off + it->out_len + 1 - written, out);
            return 1;
        }
    }
    if (out)
        fwrite(s->out.data + written, 1, s->out.len - written, out);
    return 0;
}

static unsigned long long input_size(FILE *in)
{
    struct stat st;
    if (fstat(fileno(in), &st) == 0 && S_ISREG(st.st_mode))
        return (unsigned long long)st.st_size;
    return 0;
}

static void write_all(pipeline *p, FILE *out, assay_batch_stats *stats,
                      size_t *stop_line)
{
    assay_progress progress;
    assay_progress_start(&progress, p->options->progress ? stderr : NULL,
                         input_size(p->reader.in));
    unsigned long long consumed = 0;
    for (;;) {
        pthread_mutex_lock(&p->lock);
        slot *s = &p->slots[p->write_seq % p->nslots];
        while (s->state != SLOT_DONE &&
               !(p->reader_done && p->write_seq == p->read_seq))
            pthread_cond_wait(&p->changed, &p->lock);
        int finished = s->state != SLOT_DONE;
        pthread_mutex_unlock(&p->lock);
        if (finished)
            break;
        int stop = write_batch(p, s, out, stats, stop_line);
        consumed = s->consumed;
        pthread_mutex_lock(&p->lock);
        s->state = SLOT_FREE;
        p->write_seq++;
        if (stop)
            p->stop = 1;
        pthread_cond_broadcast(&p->changed);
        pthread_mutex_unlock(&p->lock);
        if (stop)
            break;
        assay_progress_update(&progress, stats->records,
                              stats->error_records, consumed);
    }
    assay_progress_finish(&progress, stats->records, stats->error_records,
                          consumed);
}

/* ---- the run ---------------------------------------------------------- */

unsigned assay_online_processors(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > MAX_WORKERS ? MAX_WORKERS : (unsigned)n;
}

/* Lua rules are sandboxed already; only compiled plugins need a process
 * of their own. */
static int has_compiled_plugin(const assay_engine *engine)
{
    for (size_t i = 0; i < engine->plugins.count; i++)
        if (engine->plugins.items[i]->kind == ASSAY_KIND_COMPILED)
            return 1;
    return 0;
}

static int start(pipeline *p, assay_engine *engine, unsigned n,
                 int output_fd)
{
    char err[1024];
    p->nslots = (size_t)n * SLOTS_PER_WORKER + 2;
    p->slots = calloc(p->nslots, sizeof *p->slots);
    p->workers = calloc(n, sizeof *p->workers);
    p->isolated = calloc(n, sizeof *p->isolated);
    if (!p->slots || !p->workers || !p->isolated) {
        fputs("assay: out of memory\n", stderr);
        return 1;
    }
    /* Workers are made here, one after another: making a plugin instance
     * need not be thread-safe. */
    for (unsigned i = 0; i < n; i++) {
        p->workers[i] = assay_worker_new(engine, err, sizeof err);
        if (!p->workers[i]) {
            fprintf(stderr, "assay: %s\n", err);
            return 1;
        }
        p->workers[i]->part = p->options->part;
        if (p->options->clock) {
            assay_profile_clock *c = p->options->clock;
            p->workers[i]->plugin_ns =
                calloc(c->plugin_count ? c->plugin_count : 1,
                       sizeof *p->workers[i]->plugin_ns);
            p->workers[i]->rule_ns = calloc(c->rule_count ? c->rule_count : 1,
                                            sizeof *p->workers[i]->rule_ns);
            if (!p->workers[i]->plugin_ns || !p->workers[i]->rule_ns) {
                fputs("assay: out of memory\n", stderr);
                return 1;
            }
        }
        if (p->options->isolate && has_compiled_plugin(engine)) {
            assay_isolation_limits limits = {p->options->record_timeout,
                                             p->options->worker_memory,
                                             p->options->part, output_fd};
            p->isolated[i] = assay_isolated_new(p->workers[i], &limits);
            if (!p->isolated[i]) {
                fputs("assay: out of memory\n", stderr);
                return 1;
            }
        }
    }
    /* Before any thread starts: see engine/fork_server.h. */
    if (p->isolated[0]) {
        for (size_t i = 0; i < engine->plugins.count; i++)
            if (engine->plugins.items[i]->kind == ASSAY_KIND_COMPILED)
                engine->plugins.items[i]->fini_apart = 1;
        p->server = assay_isolated_start(p->isolated, n);
        if (!p->server) {
            fprintf(stderr,
                    "assay: cannot start the plugin worker processes: %s; "
                    "run with --in-process\n",
                    strerror(errno));
            return 1;
        }
    }
    return 0;
}

static void finish(pipeline *p, unsigned n)
{
    for (size_t i = 0; p->slots && i < p->nslots; i++)
        slot_free(&p->slots[i]);
    free(p->slots);
    for (unsigned i = 0; p->isolated && i < n; i++)
        assay_isolated_free(p->isolated[i]);
    free(p->isolated);
    assay_fork_server_stop(p->server);
    assay_id_set_free(&p->ids);
    assay_buffer_free(&p->duplicate);
    for (unsigned i = 0; p->workers && i < n; i++) {
        if (p->options->clock && p->workers[i])
            assay_profile_clock_add(p->options->clock, p->workers[i]->plugin_ns,
                                    p->workers[i]->rule_ns);
        assay_worker_free(p->workers[i]);
    }
    free(p->workers);
}

int assay_batch_run(assay_engine *engine, FILE *in, const char *in_name,
                    FILE *out, const assay_batch_options *options,
                    assay_batch_stats *stats)
{
    memset(stats, 0, sizeof *stats);
    double t0 = assay_now();
    unsigned n = options->workers ? options->workers
                                  : assay_online_processors();
    if (n > MAX_WORKERS)
        n = MAX_WORKERS;
    pipeline p;
    memset(&p, 0, sizeof p);
    p.options = options;
    assay_id_set_init(&p.ids);
    assay_buffer_init(&p.duplicate);
    int rc = start(&p, engine, n, out ? fileno(out) : -1);
    if (rc) {
        finish(&p, n);
        return rc;
    }
    stats->workers = n;
    assay_line_reader_init(&p.reader, in, options->max_line);
    pthread_mutex_init(&p.lock, NULL);
    pthread_cond_init(&p.changed, NULL);

    pthread_t reader, *threads = calloc(n, sizeof *threads);
    worker_arg *args = calloc(n, sizeof *args);
    if (!threads || !args) {
        fputs("assay: out of memory\n", stderr);
        abort();
    }
    unsigned started = 0;
    int reader_started = pthread_create(&reader, NULL, reader_main, &p) == 0;
    for (unsigned i = 0; reader_started && i < n; i++) {
        args[i] = (worker_arg){&p, p.workers[i], p.isolated[i], NULL, 0,
                               {0}};
        assay_buffer_init(&args[i].iso_out);
        if (pthread_create(&threads[i], NULL, worker_main, &args[i]) != 0)
            break;
        started++;
    }
    size_t stop_line = 0;
    if (reader_started && started == n) {
        write_all(&p, out, stats, &stop_line);
    } else {
        fprintf(stderr, "assay: cannot start %u worker threads; try a "
                        "smaller -j\n", n);
        rc = 1;
    }
    pthread_mutex_lock(&p.lock);
    p.stop = 1;
    pthread_cond_broadcast(&p.changed);
    pthread_mutex_unlock(&p.lock);
    for (unsigned i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    if (reader_started)
        pthread_join(reader, NULL);

    if (stop_line) {
        stats->stopped = 1;
        if (stats->error_records > options->max_errors)
            fprintf(stderr,
                    "assay: %s: stopped after line %zu: %zu error records, "
                    "more than --max-errors %zu\n",
                    in_name, stop_line, stats->error_records,
                    options->max_errors);
    } else if (p.read_errno) {
        fprintf(stderr, "assay: %s: read error after line %zu: %s\n",
                in_name, p.read_line, strerror(p.read_errno));
        rc = 1;
    }
    if (out && (fflush(out) != 0 || ferror(out))) {
        fprintf(stderr, "assay: cannot write output: %s\n", strerror(errno));
        rc = 1;
    }
    for (unsigned i = 0; i < started; i++) {
        free(args[i].jobs);
        assay_buffer_free(&args[i].iso_out);
    }
    free(threads);
    free(args);
    pthread_cond_destroy(&p.changed);
    pthread_mutex_destroy(&p.lock);
    assay_line_reader_free(&p.reader);
    finish(&p, n);
    stats->seconds = assay_now() - t0;
    return rc;
}
