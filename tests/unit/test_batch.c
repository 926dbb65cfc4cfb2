/* The batch run's sink: summaries made on the workers reach the writer in
 * input order, and the sink can stop the run. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/batch.h"
#include "test_support.h"

#define LINES 3000

static char *input;
static size_t input_len;
static assay_worker *worker; /* only to hold the engine */

/* LINES records; every 100th line is broken JSON. */
static void setup(void)
{
    worker = ts_worker_for_plugin("plugins/ai/ai.so");
    FILE *f = open_memstream(&input, &input_len);
    for (int i = 1; i <= LINES; i++) {
        if (i % 100 == 0)
            fprintf(f, "{\"id\":\n");
        else
            fprintf(f, "{\"id\":\"R-%d\",\"ai\":{\"edge_deploy\":%s}}\n", i,
                    i % 2 ? "true" : "false");
    }
    fclose(f);
}

static void teardown(void)
{
    ts_worker_done(worker);
    free(input);
}

typedef struct seen {
    assay_buffer log;
    size_t records, stop_at;
} seen;

/* Keeps the id and the number of findings, e.g. "R-7/1", or "!" for an
 * error record. */
static void summarize(void *arg, const assay_batch_item *item,
                      assay_buffer *summary)
{
    (void)arg;
    if (item->is_error) {
        ck_assert_ptr_null(item->result);
        assay_buffer_putc(summary, '!');
        return;
    }
    assay_buffer_printf(summary, "%s/%zu", item->id,
                        item->result->finding_count);
}

static int record(void *arg, size_t line, int is_error, const char *output,
                  size_t output_len, const char *summary, size_t summary_len)
{
    seen *s = arg;
    ck_assert_uint_eq(line, s->records + 1);
    char *text = strndup(output, output_len);
    ck_assert_int_eq(is_error, strstr(text, "\"status\":\"error\"") != NULL);
    free(text);
    assay_buffer_printf(&s->log, "%zu:%.*s ", line, (int)summary_len,
                        summary);
    s->records++;
    return s->stop_at && line == s->stop_at;
}

static void run(unsigned workers, seen *s, assay_batch_stats *stats,
                char **out, size_t *out_len)
{
    FILE *in = fmemopen(input, input_len, "rb");
    FILE *o = open_memstream(out, out_len);
    assay_batch_sink sink = {summarize, record, s};
    assay_batch_options options = ASSAY_BATCH_OPTIONS_INIT;
    options.workers = workers;
    options.sink = &sink;
    ck_assert_int_eq(
        assay_batch_run(worker->engine, in, "input", o, &options, stats), 0);
    fclose(in);
    fclose(o);
}

START_TEST(summaries_reach_the_sink_in_input_order_for_any_workers)
{
    seen one = {0}, four = {0};
    assay_buffer_init(&one.log);
    assay_buffer_init(&four.log);
    assay_batch_stats stats;
    char *out1, *out4;
    size_t len1, len4;
    run(1, &one, &stats, &out1, &len1);
    ck_assert_uint_eq(stats.records, LINES);
    ck_assert_uint_eq(stats.error_records, LINES / 100);
    run(4, &four, &stats, &out4, &len4);
    ck_assert_uint_eq(stats.workers, 4);
    ck_assert_str_eq(assay_buffer_cstr(&four.log),
                     assay_buffer_cstr(&one.log));
    ck_assert(len1 == len4 && memcmp(out1, out4, len1) == 0);
    ck_assert(strncmp(assay_buffer_cstr(&one.log),
                      "1:R-1/1 2:R-2/1 3:R-3/1 ", 24) == 0);
    ck_assert_ptr_nonnull(
        strstr(one.log.data, " 99:R-99/1 100:! 101:R-101/1 "));
    assay_buffer_free(&one.log);
    assay_buffer_free(&four.log);
    free(out1);
    free(out4);
}
END_TEST

START_TEST(sink_stops_the_run_after_its_record)
{
    seen s = {0};
    s.stop_at = 1234;
    assay_buffer_init(&s.log);
    assay_batch_stats stats;
    char *out;
    size_t len;
    run(3, &s, &stats, &out, &len);
    ck_assert_int_eq(stats.stopped, 1);
    ck_assert_uint_eq(stats.records, 1234);
    size_t lines = 0;
    for (size_t i = 0; i < len; i++)
        lines += out[i] == '\n';
    ck_assert_uint_eq(lines, 1234);
    ck_assert_ptr_nonnull(strstr(out, "{\"id\":\"R-1234\",\"line\":1234,"));
    assay_buffer_free(&s.log);
    free(out);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("batch");
    TCase *tc = tcase_create("sink");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, summaries_reach_the_sink_in_input_order_for_any_workers);
    tcase_add_test(tc, sink_stops_the_run_after_its_record);
    suite_add_tcase(s, tc);
    return ts_run(s);
}
