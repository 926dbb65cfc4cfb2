/* The record path, fuzzed: input bytes as a JSON Lines file, through the
 * batch run (line reader, the messages for lines that cannot be read,
 * duplicate ids, output) and each line through a worker holding every
 * shipped plugin and rule file (parsing, evaluating, the scored record).
 * Besides the sanitizers' checks, the contract: one output line for each
 * input line that is not blank, each a JSON object. The batch run's engine
 * holds one compiled plugin and no Lua rules, since making a worker's Lua
 * states for every run would leave the fuzzer a few runs a second (and an
 * engine without plugins is refused). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/batch.h"
#include "engine/engine.h"
#include "util/line_reader.h"

#include "json_lines.h"

/* Lines longer than this are refused, so the fuzzer reaches that path. */
#define FUZZ_MAX_LINE 512

static assay_engine *bare_engine, *engine;
static assay_worker *worker;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    assay_problems problems;
    assay_problems_init(&problems);
    char err[1024] = "";
    bare_engine = assay_engine_new();
    engine = assay_engine_new();
    if (!bare_engine || !engine ||
        assay_engine_load_plugin(bare_engine,
                                 ASSAY_FUZZ_PLUGIN_DIR
                                 "/connectivity/connectivity.so",
                                 NULL, err, sizeof err) ||
        assay_engine_scan_plugin_dir(engine, ASSAY_FUZZ_PLUGIN_DIR,
                                     &problems) ||
        !(worker = assay_worker_new(engine, err, sizeof err))) {
        assay_problems_print(&problems, stderr);
        fprintf(stderr, "fuzz: %s\n", err);
        abort();
    }
    assay_problems_free(&problems);
    return 0;
}

/* The output records the input should give: one for each line that is
 * too long or not blank, as util/line_reader.h cuts them. */
static size_t expected_records(const uint8_t *data, size_t size)
{
    size_t count = 0, start = 0;
    for (size_t i = 0; i <= size; i++) {
        if (i < size && data[i] != '\n')
            continue;
        size_t len = i - start;
        if (i == size && len == 0)
            break;
        if (len && data[start + len - 1] == '\r')
            len--;
        count += len > FUZZ_MAX_LINE ||
                 !assay_line_is_blank((const char *)data + start, len);
        start = i + 1;
    }
    return count;
}

/* One line through the full worker: one scored record, a JSON object. */
static void evaluate_lines(const uint8_t *data, size_t size)
{
    size_t start = 0, line = 0;
    assay_buffer out;
    assay_buffer_init(&out);
    for (size_t i = 0; i <= size; i++) {
        if (i < size && data[i] != '\n')
            continue;
        const char *text = (const char *)data + start;
        size_t len = i - start;
        start = i + 1;
        line++;
        if (memchr(text, '\0', len))
            continue; /* the batch run refuses these unread */
        assay_record rec;
        assay_buffer_reset(&out);
        assay_worker_evaluate(worker, text, len, line, &rec, &out);
        assay_record_free(&rec);
        cJSON *root = cJSON_ParseWithLength(out.data, out.len);
        if (!cJSON_IsObject(root) || memchr(out.data, '\n', out.len))
            abort(); /* not one JSON object on one line */
        cJSON_Delete(root);
    }
    assay_buffer_free(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0; /* fmemopen wants a size; empty input is tested */
    FILE *in = fmemopen((void *)data, size, "rb");
    char *out_text = NULL;
    size_t out_len = 0;
    FILE *out = open_memstream(&out_text, &out_len);
    if (!in || !out)
        abort();
    assay_batch_options options = ASSAY_BATCH_OPTIONS_INIT;
    options.workers = 1;
    options.max_line = FUZZ_MAX_LINE;
    assay_batch_stats stats;
    if (assay_batch_run(bare_engine, in, "fuzz", out, &options, &stats))
        abort();
    fclose(in);
    fclose(out);
    if (fuzz_json_lines(out_text, out_len) != expected_records(data, size))
        abort(); /* not one output record for each input line */
    free(out_text);
    evaluate_lines(data, size);
    return 0;
}
