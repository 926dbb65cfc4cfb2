/* assay explain: one application's result, for a human. The input is
 * evaluated and decided exactly as `assay run` does it (decisions rank the
 * whole input, so the whole file is the batch); the breakdown is drawn
 * from the record itself, so what is explained is what a run writes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "engine/batch.h"
#include "cli/cli.h"
#include "decide/decide.h"
#include "engine/engine.h"
#include "decide/policy.h"
#include "util/temp_file.h"

/* ---- finding the record ----------------------------------------------- */

static char *read_all(FILE *f, size_t *len)
{
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (n + 1 == cap) {
            char *grown = realloc(buf, cap * 2);
            if (!grown) {
                free(buf);
                return NULL;
            }
            buf = grown;
            cap *= 2;
        }
    }
    if (buf)
        buf[n] = '\0';
    *len = n;
    return buf;
}

/* The JSON text (malloc'd) and line of the record to explain, or NULL
 * after printing why. */
static char *pick_record(const char *text, size_t len, const char *name,
                         const char *id, size_t *line)
{
    if (!id) {
        const char *end = NULL;
        cJSON *whole = cJSON_ParseWithLengthOpts(text, len, &end, 0);
        while (end && end < text + len &&
               (*end == ' ' || *end == '\t' || *end == '\r' || *end == '\n'))
            end++;
        if (cJSON_IsObject(whole) && end == text + len) {
            char *one = cJSON_PrintUnformatted(whole);
            cJSON_Delete(whole);
            *line = 1;
            return one;
        }
        cJSON_Delete(whole);
    }
    size_t records = 0, n = 1;
    char *found = NULL;
    for (const char *p = text; p < text + len; n++) {
        const char *end = memchr(p, '\n', (size_t)(text + len - p));
        size_t l = end ? (size_t)(end - p) : (size_t)(text + len - p);
        int blank = 1;
        for (size_t i = 0; i < l; i++)
            blank &= p[i] == ' ' || p[i] == '\t' || p[i] == '\r';
        if (!blank) {
            records++;
            cJSON *rec = cJSON_ParseWithLength(p, l);
            const cJSON *rid = cJSON_GetObjectItemCaseSensitive(rec, "id");
            int match = !id || (cJSON_IsString(rid) &&
                                strcmp(rid->valuestring, id) == 0);
            cJSON_Delete(rec);
            if (match && !found) {
                found = malloc(l + 1);
                if (found) {
                    memcpy(found, p, l);
                    found[l] = '\0';
                }
                *line = n;
                if (id)
                    return found;
            }
        }
        if (!end)
            break;
        p = end + 1;
    }
    if (id) {
        assay_usage_error("%s: no record with id \"%s\"", name, id);
        return NULL;
    }
    if (records != 1) {
        free(found);
        assay_usage_error("%s holds %zu records; choose one with --id", name,
                          records);
        return NULL;
    }
    return found;
}

/* ---- the breakdown ---------------------------------------------------- */

/* A string field for printing; "" when absent, so printf never sees NULL. */
static const char *str(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : "";
}

static void print_marks(const cJSON *out, const char *key, const char *title)
{
    const cJSON *marks = cJSON_GetObjectItemCaseSensitive(out, key);
    if (cJSON_GetArraySize(marks) == 0)
        return;
    printf("\n%s:\n", title);
    const cJSON *m;
    cJSON_ArrayForEach(m, marks)
    {
        printf("  %s (%s): %s\n", str(m, "rule"), str(m, "plugin"),
               str(m, "reason"));
    }
}

/* Whether the decision record's "counted" list holds domain name. */
static int counted(const cJSON *out, const char *name)
{
    const cJSON *d;
    cJSON_ArrayForEach(d, cJSON_GetObjectItemCaseSensitive(out, "counted"))
    {
        if (cJSON_IsString(d) && strcmp(d->valuestring, name) == 0)
            return 1;
    }
    return 0;
}

/* How the strategy the record names made its score, in words. */
static const char *strategy_words(const char *strategy, int *with_weights)
{
    static const struct {
        const char *name, *words;
        int with_weights;
    } known[] = {
        {"weighted_mean", "weighted mean of the domain scores", 1},
        {"min", "lowest of the domain scores", 0},
        {"max", "highest of the domain scores", 0},
        {"topsis", "TOPSIS closeness within the batch, from the domain "
                   "scores", 1},
        {"function", "the policy's strategy function of the domain scores",
         0}};
    for (size_t i = 0; i < sizeof known / sizeof *known; i++)
        if (strcmp(strategy, known[i].name) == 0) {
            *with_weights = known[i].with_weights;
            return known[i].words;
        }
    *with_weights = 0;
    return strategy;
}

/* "score:    S (how: d1 (weight w1), d2 ...)", all read from the record:
 * which domains counted and how is the policy's, not explain's, to say.
 * A weighted strategy lists the record's "weights" (for TOPSIS every
 * criterion, a domain that did not count taking the batch's worst). */
static void print_score(const cJSON *out)
{
    const cJSON *score = cJSON_GetObjectItemCaseSensitive(out, "score");
    if (!cJSON_IsNumber(score)) {
        printf("score:    none (no rule applied)\n");
        return;
    }
    int with_weights;
    const char *how = strategy_words(str(out, "strategy"), &with_weights);
    printf("score:    %.4g (%s:", score->valuedouble, how);
    const char *sep = " ";
    const cJSON *d;
    cJSON_ArrayForEach(d, cJSON_GetObjectItemCaseSensitive(
                              out, with_weights ? "weights" : "counted"))
    {
        const char *name = with_weights ? d->string : d->valuestring;
        if (!name)
            continue;
        printf("%s%s", sep, name);
        if (with_weights && cJSON_IsNumber(d))
            printf(" (weight %.4g%s)", d->valuedouble,
                   counted(out, name) ? "" : ", as the batch's worst");
        sep = ", ";
    }
    printf(")\n");
}

static void print_text(const cJSON *out, const assay_domains *declared)
{
    printf("%s (line %d)\n", str(out, "id"),
           cJSON_GetObjectItemCaseSensitive(out, "line")->valueint);
    const cJSON *rank = cJSON_GetObjectItemCaseSensitive(out, "rank");
    printf("decision: %s\n", str(out, "decision"));
    if (cJSON_IsNumber(rank))
        printf("rank:     %d\n", rank->valueint);
    const cJSON *findings = cJSON_GetObjectItemCaseSensitive(out, "findings");
    const cJSON *domains = cJSON_GetObjectItemCaseSensitive(out, "domains");
    int scored = cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(out, "score"));
    int topsis = strcmp(str(out, "strategy"), "topsis") == 0;
    print_score(out);
    if (str(out, "why")[0])
        printf("why:      %s\n", str(out, "why"));
    const cJSON *why_not = cJSON_GetObjectItemCaseSensitive(out, "why_not");
    const cJSON *w;
    cJSON_ArrayForEach(w, why_not)
    {
        printf("why not %s: %s\n", str(w, "tier"), str(w, "reason"));
    }

    for (size_t d = 0; d < declared->count; d++) {
        const char *name = declared->items[d].name;
        const cJSON *ds = cJSON_GetObjectItemCaseSensitive(domains, name);
        int any = 0;
        const cJSON *f;
        cJSON_ArrayForEach(f, findings)
        {
            any |= strcmp(str(f, "domain"), name) == 0;
        }
        if (!any)
            continue;
        printf("\n%s", name);
        if (cJSON_IsNumber(ds))
            printf("  %.4g%s", ds->valuedouble,
                   !scored || counted(out, name) ? ""
                   : topsis ? "  (not counted: the overall score takes the "
                              "batch's worst)"
                            : "  (not in the overall score)");
        printf("\n");
        cJSON_ArrayForEach(f, findings)
        {
            if (strcmp(str(f, "domain"), name) != 0)
                continue;
            if (str(f, "error")[0])
                printf("  error         %s (%s): %s\n", str(f, "rule"),
                       str(f, "plugin"), str(f, "error"));
            else
                printf("  %-6.4g x %-4g %s (%s): %s\n",
                       cJSON_GetObjectItemCaseSensitive(f, "score")
                           ->valuedouble,
                       cJSON_GetObjectItemCaseSensitive(f, "weight")
                           ->valuedouble,
                       str(f, "rule"), str(f, "plugin"), str(f, "reason"));
        }
    }
    print_marks(out, "vetoes", "vetoes");
    print_marks(out, "flags", "flags");
}

/* The record `assay run` writes for input line `line` of text (len bytes,
 * JSON Lines), malloc'd; NULL after printing why. */
static char *run_line(assay_engine *engine, assay_policy *policy,
                      const char *name, const char *text, size_t len,
                      size_t line)
{
    assay_batch_options opts = ASSAY_BATCH_OPTIONS_INIT;
    opts.workers = 1;
    assay_batch_stats stats;
    assay_decide_report report = {0};
    char *found = NULL, *buf = NULL;
    size_t cap = 0;
    FILE *scored = assay_temp_file(), *decided = assay_temp_file(),
         *in = assay_temp_file();
    if (!in || !scored || !decided) {
        assay_usage_error("cannot create a temporary file in %s: %m; set "
                          "TMPDIR to a writable directory",
                          assay_temp_dir());
        goto done;
    }
    fwrite(text, 1, len, in);
    rewind(in);
    if (assay_batch_run(engine, in, name, scored, &opts, &stats))
        goto done;
    rewind(scored);
    assay_decide_input input = {name, scored};
    if (assay_decide(policy, &input, 1, NULL, decided, &report))
        goto done;
    rewind(decided);
    ssize_t n;
    while (!found && (n = getline(&buf, &cap, decided)) > 0) {
        cJSON *rec = cJSON_ParseWithLength(buf, (size_t)n);
        const cJSON *l = cJSON_GetObjectItemCaseSensitive(rec, "line");
        if (cJSON_IsNumber(l) && (size_t)l->valuedouble == line) {
            buf[n - 1] = '\0';
            found = buf;
            buf = NULL;
        }
        cJSON_Delete(rec);
    }
    if (!found)
        assay_usage_error("%s: line %zu gave no record", name, line);
done:
    free(buf);
    assay_decide_report_free(&report);
    if (in)
        fclose(in);
    if (scored)
        fclose(scored);
    if (decided)
        fclose(decided);
    return found;
}

enum { OPT_ID = 256, OPT_JSON, OPT_POLICY };

static int explain_main(int argc, char **argv)
{
    assay_plugin_options plugins = {0};
    const char *id = NULL, *policy_path = NULL;
    assay_policy *policy = NULL;
    char *result = NULL;
    int json = 0, rc = ASSAY_EXIT_USAGE;
    assay_engine *engine = NULL;
    char *text = NULL, *record = NULL;
    cJSON *out = NULL;

    assay_options opts;
    assay_options_begin(&opts, &assay_cmd_explain, argc, argv);
    int c;
    while ((c = assay_options_next(&opts)) >= 0) {
        switch (c) {
        case OPT_ID:
            id = opts.arg;
            break;
        case OPT_JSON:
            json = 1;
            break;
        case OPT_POLICY:
            policy_path = opts.arg;
            break;
        default:
            assay_plugin_options_parse(&plugins, c, opts.arg);
        }
    }
    if (c == ASSAY_OPTIONS_STOP) {
        rc = opts.status;
        goto done;
    }
    if (argc - opts.index != 1) {
        assay_usage_error("explain takes one file (a record, or JSON Lines "
                          "with --id); see `assay explain --help`");
        goto done;
    }
    const char *name = argv[opts.index];
    FILE *in = strcmp(name, "-") == 0 ? stdin : fopen(name, "rb");
    if (!in) {
        assay_usage_error("cannot open %s: %m", name);
        goto done;
    }
    size_t len, line = 0;
    text = read_all(in, &len);
    if (in != stdin)
        fclose(in);
    if (!text) {
        assay_usage_error("cannot read %s", name);
        goto done;
    }
    record = pick_record(text, len, name, id, &line);
    if (!record)
        goto done;
    cJSON *whole = id ? NULL : cJSON_ParseWithLength(text, len);
    int multi_line = cJSON_IsObject(whole); /* a record file */
    cJSON_Delete(whole);
    policy = assay_cli_load_policy(policy_path);
    if (!policy)
        goto done;
    engine = assay_engine_new();
    if (!engine || assay_cli_use_policy_fields(policy, engine) ||
        assay_plugin_options_load(&plugins, engine) ||
        assay_cli_check_policy_domains(policy, engine))
        goto done;
    /* JSON Lines input (with --id, or one record a line) is decided whole,
     * as assay run decides it; a record file spanning lines is a batch of
     * its one record. */
    result = run_line(engine, policy, name, id || !multi_line ? text : record,
                      id || !multi_line ? len : strlen(record), line);
    if (!result)
        goto done;
    out = cJSON_Parse(result);
    const char *status = str(out, "status");
    int is_error = strcmp(status, "ok") != 0;
    if (json) {
        printf("%s\n", result);
    } else if (is_error) {
        printf("line %zu: not evaluated: %s\n", line, str(out, "error"));
    } else {
        print_text(out, &engine->plugins.domains);
    }
    rc = is_error ? ASSAY_EXIT_RECORDS : ASSAY_EXIT_OK;
done:
    cJSON_Delete(out);
    free(text);
    free(record);
    free(result);
    assay_policy_free(policy);
    assay_engine_free(engine);
    assay_plugin_options_free(&plugins);
    return rc;
}

static const assay_option explain_options[] = {
    {"id", OPT_ID, "ID", "the record with this id"},
    {"json", OPT_JSON, NULL, "the output record `assay run` writes, as JSON"},
    {"policy", OPT_POLICY, "FILE",
     "the decision policy (default: the shipped one)"},
    {NULL, 0, NULL, NULL}};
static const assay_option *const explain_tables[] = {
    explain_options, assay_plugin_option_table, NULL};
const assay_command assay_cmd_explain = {
    .name = "explain",
    .summary = "show how one application was scored and decided",
    .synopsis = "[OPTIONS] [--id ID] FILE",
    .description =
        "Evaluates one application and shows each domain, each finding "
        "with its score, weight and reason, errors, vetoes and flags, and "
        "the resulting score and decision. FILE is a record file (one JSON "
        "object, which may span lines) or, with --id, JSON Lines input "
        "holding the record with that id; - reads stdin.",
    .options = explain_tables,
    .exit_status =
        "Exit status: 0 explained, 1 the record is an error record, 2 "
        "usage or configuration error, or no such record.",
    .main = explain_main};
