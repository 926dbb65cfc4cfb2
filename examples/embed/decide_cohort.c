/* decide_cohort: a program that embeds libassay. It scores the applications
 * of a JSON Lines file with the plugins of a directory, decides them
 * together under a policy, and prints one line an application:
 *
 *     ID <TAB> DECISION <TAB> RANK <TAB> SCORE <TAB> WHY
 *
 * (SCORE "-" when no rule applied to the application; an error record
 * reads "line N <TAB> error <TAB> - <TAB> - <TAB> ERROR".)
 *
 * The plugins' log lines come to log_line, which prints them on stderr.
 * Exit status: 0 every application decided, 1 some were error records,
 * 2 the plugins, the policy or the file could not be used.
 *
 * usage: decide_cohort APPLICATIONS.jsonl [POLICY [PLUGIN_DIR]]
 * (the defaults, the installed assay's default policy and plugins, are
 * compiled in by CMakeLists.txt or the Makefile) */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <assay/assay.h>

#ifndef PLUGIN_DIR
#error "define PLUGIN_DIR, the directory of the plugins to load"
#endif
#ifndef POLICY
#error "define POLICY, the policy file to decide under"
#endif

static void log_line(void *user, const char *plugin, size_t line,
                     assay_log_level level, const char *message)
{
    (void)user;
    static const char *const levels[] = {"debug", "info", "warning",
                                         "error"};
    fprintf(stderr, "decide_cohort: %s (line %zu): %s: %s\n", plugin, line,
            levels[level], message);
}

/* Appends len bytes and a newline to the growing text *buf. */
static int append(char **buf, size_t *len, size_t *cap, const char *s,
                  size_t n)
{
    if (*len + n + 1 > *cap) {
        size_t want = (*len + n + 1) * 2;
        char *grown = realloc(*buf, want);
        if (!grown)
            return 1;
        *buf = grown;
        *cap = want;
    }
    memcpy(*buf + *len, s, n);
    *len += n;
    (*buf)[(*len)++] = '\n';
    return 0;
}

/* Scores every line of in into *scored (scored records, one a line). */
static int score_all(assay_worker *worker, FILE *in, char **scored,
                     size_t *scored_len)
{
    char *line = NULL;
    size_t line_cap = 0, cap = 0, number = 0;
    ssize_t n;
    int failed = 0;
    while (!failed && (n = getline(&line, &line_cap, in)) >= 0) {
        number++;
        size_t out_len;
        int is_error;
        const char *out = assay_worker_evaluate_line(
            worker, line, (size_t)n, number, &out_len, &is_error);
        failed = append(scored, scored_len, &cap, out, out_len);
    }
    free(line);
    return failed || ferror(in);
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 4) {
        fprintf(stderr, "usage: decide_cohort APPLICATIONS.jsonl "
                        "[POLICY [PLUGIN_DIR]]\n");
        return 2;
    }
    const char *policy_path = argc > 2 ? argv[2] : POLICY;
    const char *plugin_dir = argc > 3 ? argv[3] : PLUGIN_DIR;
    char err[4096];
    int status = 2;
    char *scored = NULL;
    size_t scored_len = 0;
    assay_worker *worker = NULL;
    assay_policy *policy = NULL;
    assay_decisions *decisions = NULL;
    FILE *in = NULL;

    /* Scoring: an engine with the plugins (logs first, so that what their
     * init logs comes to log_line too), and one worker. */
    assay_engine *engine = assay_engine_new();
    if (!engine) {
        fprintf(stderr, "decide_cohort: out of memory\n");
        return 2;
    }
    assay_engine_set_log(engine, log_line, NULL);
    if (assay_engine_load_plugin_dir(engine, plugin_dir, err, sizeof err) ||
        !(worker = assay_worker_new(engine, err, sizeof err)) ||
        !(policy = assay_policy_load(policy_path, err, sizeof err))) {
        fprintf(stderr, "decide_cohort: %s\n", err);
        goto done;
    }
    if (!(in = fopen(argv[1], "r"))) {
        perror(argv[1]);
        goto done;
    }
    if (score_all(worker, in, &scored, &scored_len)) {
        fprintf(stderr, "decide_cohort: cannot read %s\n", argv[1]);
        goto done;
    }

    /* Deciding: the whole batch at once, since seats go in rank order. */
    decisions = assay_decide_text(policy, scored, scored_len, argv[1], err,
                                  sizeof err);
    if (!decisions) {
        fprintf(stderr, "decide_cohort: %s\n", err);
        goto done;
    }
    status = 0;
    for (size_t i = 0; i < assay_decisions_count(decisions); i++) {
        const assay_decision *d = assay_decisions_at(decisions, i);
        if (strcmp(d->decision, "error") == 0) {
            printf("line %zu\terror\t-\t-\t%s\n", d->line, d->why);
            status = 1;
        } else if (isnan(d->score)) {
            printf("%s\t%s\t%zu\t-\t%s\n", d->id, d->decision, d->rank,
                   d->why);
        } else {
            printf("%s\t%s\t%zu\t%.4f\t%s\n", d->id, d->decision, d->rank,
                   d->score, d->why);
        }
    }

done:
    if (in)
        fclose(in);
    assay_decisions_free(decisions);
    free(scored);
    assay_policy_free(policy);
    assay_worker_free(worker);
    assay_engine_free(engine);
    return status;
}
