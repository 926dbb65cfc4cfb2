#include "batch.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "buffer.h"
#include "engine.h"
#include "line_reader.h"
#include "output.h"

int assay_batch_run(assay_engine *engine, FILE *in, const char *in_name,
                    FILE *out, const assay_batch_options *options,
                    assay_batch_stats *stats)
{
    char err[1024];
    memset(stats, 0, sizeof *stats);
    assay_worker *worker = assay_worker_new(engine, err, sizeof err);
    if (!worker) {
        fprintf(stderr, "assay: %s\n", err);
        return 1;
    }
    worker->part = options->part;
    assay_line_reader reader;
    assay_line_reader_init(&reader, in, options->max_line);
    assay_buffer scratch;
    assay_buffer_init(&scratch);
    int rc = 0;
    for (;;) {
        const char *text = NULL;
        size_t len = 0;
        assay_line_status st = assay_line_reader_next(&reader, &text, &len);
        if (st == ASSAY_LINE_END)
            break;
        if (st == ASSAY_LINE_IO_ERROR) {
            fprintf(stderr, "assay: %s: read error after line %zu: %s\n",
                    in_name, reader.line, strerror(errno));
            rc = 1;
            break;
        }
        const char *record;
        size_t record_len;
        int is_error;
        size_t line = reader.line + options->first_line - 1;
        if (st == ASSAY_LINE_TOO_LONG) {
            char msg[256];
            snprintf(msg, sizeof msg,
                     "line %zu: longer than %zu bytes; split the record or "
                     "raise --max-line-bytes",
                     line, options->max_line);
            assay_buffer_reset(&scratch);
            assay_output_scored_error(&scratch, NULL, line, options->part,
                                      msg);
            record = scratch.data;
            record_len = scratch.len;
            is_error = 1;
        } else if (assay_line_is_blank(text, len)) {
            continue;
        } else {
            record = assay_worker_evaluate_line(worker, text, len, line,
                                                &record_len, &is_error);
        }
        fwrite(record, 1, record_len, out);
        fputc('\n', out);
        stats->records++;
        stats->error_records += (size_t)is_error;
    }
    if (fflush(out) != 0 || ferror(out)) {
        fprintf(stderr, "assay: cannot write output: %s\n", strerror(errno));
        rc = 1;
    }
    assay_buffer_free(&scratch);
    assay_line_reader_free(&reader);
    assay_worker_free(worker);
    return rc;
}
