/* assay diff: what a change of rules, policy or applications did to the
 * decisions. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/cli.h"
#include "decide/decision_diff.h"
#include "util/buffer.h"

enum {
    OPT_JSON = 256,
    OPT_RANKS,
    OPT_RULES_OLD,
    OPT_RULES_NEW,
    OPT_POLICY_OLD,
    OPT_POLICY_NEW
};

/* One version of the configuration to run. */
typedef struct diff_side {
    const char *rules, *policy;
} diff_side;

/* Runs `assay run [--rules R] [--policy P] RUN-OPTIONS INPUT... -o OUT
 * --quiet` with this same binary; 0 when it wrote every decision (exit 0
 * or 1: error records are decisions too). */
static int run_side(const diff_side *side, char **inputs, int input_count,
                    char **run_options, int run_option_count, const char *out)
{
    char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0)
        return assay_usage_error("diff: cannot find the assay binary: %m");
    self[n] = '\0';
    size_t cap = (size_t)input_count + (size_t)run_option_count + 11;
    char **argv = calloc(cap, sizeof *argv);
    if (!argv)
        return assay_usage_error("diff: out of memory");
    size_t k = 0;
    argv[k++] = self;
    argv[k++] = "run";
    argv[k++] = "--quiet";
    if (side->rules) {
        /* A version of the rules is the whole rule set, in place of the
         * shipped one: a directory of plugins and rules (its
         * subdirectories too, as with --plugin-dir) or one rule file. */
        struct stat st;
        int is_dir = stat(side->rules, &st) == 0 && S_ISDIR(st.st_mode);
        argv[k++] = "--no-default-plugins";
        argv[k++] = is_dir ? "--plugin-dir" : "--rules";
        argv[k++] = (char *)side->rules;
    }
    if (side->policy) {
        argv[k++] = "--policy";
        argv[k++] = (char *)side->policy;
    }
    for (int i = 0; i < run_option_count; i++)
        argv[k++] = run_options[i];
    argv[k++] = "-o";
    argv[k++] = (char *)out;
    for (int i = 0; i < input_count; i++)
        argv[k++] = inputs[i];
    argv[k] = NULL;
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        free(argv);
        return assay_usage_error("diff: cannot start assay run: %m");
    }
    if (pid == 0) {
        execv(self, argv);
        perror("assay: diff: exec");
        _exit(127);
    }
    free(argv);
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return assay_usage_error("diff: waiting for assay run: %m");
    if (WIFEXITED(status) &&
        (WEXITSTATUS(status) == 0 || WEXITSTATUS(status) == 1))
        return 0;
    return assay_usage_error(
        "diff: `assay run` with %s %s failed (its message is above)",
        side->rules ? "rules" : "policy",
        side->rules ? side->rules : side->policy);
}

static int write_output(const char *path, const assay_buffer *b)
{
    if (!path || strcmp(path, "-") == 0) {
        if (assay_buffer_write(b, stdout) != b->len ||
            fflush(stdout) != 0)
            return assay_usage_error("cannot write to stdout: %m");
        return 0;
    }
    assay_atomic_file a;
    FILE *f = assay_cli_create(&a, "", path);
    if (!f)
        return ASSAY_EXIT_USAGE;
    if (b->len)
        assay_buffer_write(b, f);
    return assay_cli_commit(&a) ? ASSAY_EXIT_USAGE : 0;
}

static int compare(const char *old_path, const char *new_path, int json,
                   int ranks, const char *output)
{
    assay_problems problems;
    assay_problems_init(&problems);
    assay_decision_diff d;
    assay_buffer out;
    assay_buffer_init(&out);
    int rc = ASSAY_EXIT_USAGE;
    if (assay_decision_diff_load(&d, old_path, new_path, &problems) == 0 &&
        (json ? assay_decision_diff_json(&d, &out, &problems)
              : assay_decision_diff_text(&d, ranks, &out, &problems)) == 0) {
        rc = write_output(output, &out);
        if (rc == 0)
            rc = d.decisions_changed || d.added || d.removed;
    }
    assay_problems_print(&problems, stderr);
    assay_problems_free(&problems);
    assay_decision_diff_free(&d);
    assay_buffer_free(&out);
    return rc;
}

static int diff_main(int argc, char **argv)
{
    int json = 0, ranks = 0, c;
    const char *output = NULL;
    diff_side old_side = {0}, new_side = {0};
    /* What follows -- goes to both runs: cut it off before getopt, which
     * would mix it in with the inputs. */
    int dashes = 1;
    while (dashes < argc && strcmp(argv[dashes], "--") != 0)
        dashes++;
    char **run_options = argv + dashes + (dashes < argc);
    int run_option_count = argc - dashes - (dashes < argc);
    argc = dashes;
    assay_options opts;
    assay_options_begin(&opts, &assay_cmd_diff, argc, argv);
    while ((c = assay_options_next(&opts)) >= 0) {
        switch (c) {
        case OPT_JSON: json = 1; break;
        case OPT_RANKS: ranks = 1; break;
        case 'o': output = assay_cli_output(opts.arg); break;
        case OPT_RULES_OLD: old_side.rules = opts.arg; break;
        case OPT_RULES_NEW: new_side.rules = opts.arg; break;
        case OPT_POLICY_OLD: old_side.policy = opts.arg; break;
        case OPT_POLICY_NEW: new_side.policy = opts.arg; break;
        }
    }
    if (c == ASSAY_OPTIONS_STOP)
        return opts.status;
    int versions = old_side.rules || new_side.rules || old_side.policy ||
                   new_side.policy;
    if (!versions) {
        if (argc - opts.index != 2)
            return assay_usage_error("diff needs two decision files, OLD and "
                                     "NEW; see `assay diff --help`");
        return compare(argv[opts.index], argv[opts.index + 1], json, ranks, output);
    }
    if (!old_side.rules != !new_side.rules ||
        !old_side.policy != !new_side.policy)
        return assay_usage_error("diff: give --rules-old with --rules-new and "
                                 "--policy-old with --policy-new");
    int input_count = argc - opts.index;
    if (input_count == 0)
        return assay_usage_error("diff: name the input records to run both "
                                 "versions on; see `assay diff --help`");
    char dir[] = "/tmp/assay-diff-XXXXXX";
    if (!mkdtemp(dir))
        return assay_usage_error("diff: cannot make a temporary directory: %m");
    char old_out[sizeof dir + 32], new_out[sizeof dir + 32];
    snprintf(old_out, sizeof old_out, "%s/old.jsonl", dir);
    snprintf(new_out, sizeof new_out, "%s/new.jsonl", dir);
    int rc = run_side(&old_side, argv + opts.index, input_count, run_options,
                      run_option_count, old_out);
    if (rc == 0)
        rc = run_side(&new_side, argv + opts.index, input_count, run_options,
                      run_option_count, new_out);
    if (rc == 0)
        rc = compare(old_out, new_out, json, ranks, output);
    const char *names[] = {"old.jsonl", "old.jsonl.manifest.json",
                           "new.jsonl", "new.jsonl.manifest.json"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char path[sizeof dir + 40];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        unlink(path);
    }
    rmdir(dir);
    return rc;
}

static const assay_option diff_options[] = {
    {"json", OPT_JSON, NULL,
     "JSON Lines: one object per change, then a summary"},
    {"ranks", OPT_RANKS, NULL,
     "also list each applicant whose rank moved with the same decision "
     "(JSON always has them)"},
    {"output", 'o', "FILE", "write to FILE instead of stdout"},
    {"rules-old", OPT_RULES_OLD, "PATH",
     "the old rules, in place of the shipped ones: a directory of plugins "
     "and rule files (loaded with its subdirectories, as with "
     "--plugin-dir) or one rule file"},
    {"rules-new", OPT_RULES_NEW, "PATH", "the new rules, the same way"},
    {"policy-old", OPT_POLICY_OLD, "FILE", "the old policy"},
    {"policy-new", OPT_POLICY_NEW, "FILE", "the new policy"},
    {NULL, 0, NULL, NULL}};
static const assay_option *const diff_tables[] = {diff_options, NULL};
const assay_command assay_cmd_diff = {
    .name = "diff",
    .summary = "what changed between two decision files or rule versions",
    .synopsis = "[OPTIONS] OLD NEW\n"
                "[OPTIONS] (--rules-old P --rules-new P |\n"
                " --policy-old F --policy-new F) INPUT... [-- RUN-OPTIONS]",
    .description =
        "Compares two decision files (as `assay run -o` or `assay decide "
        "-o` write them) applicant by applicant, matched by id. For each "
        "applicant whose decision changed it says why: the findings, "
        "vetoes and flags that appeared, disappeared or changed score or "
        "weight, the domain scores that moved and whose seat it took or "
        "who took its seat. Then a summary: the moves between decisions, "
        "the seats that changed hands, the applicants added and removed "
        "and each tier's lowest seated score. Nothing is printed when the "
        "two decide the same.\n\n"
        "With --rules-old/--rules-new or --policy-old/--policy-new, assay "
        "diff first runs `assay run` twice over INPUT, once with each "
        "version (options after -- go to both runs), and compares those.",
    .options = diff_tables,
    .exit_status =
        "Exit status: 0 no decision changed (ranks or scores may have), 1 "
        "some decision changed or applicants were added or removed, 2 "
        "usage error or a file that cannot be read as decisions.",
    .main = diff_main};
