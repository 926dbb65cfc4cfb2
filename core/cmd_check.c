/* assay check: validates configuration before a run. */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"
#include "policy.h"

static const char check_help[] =
    "usage: assay check --policy FILE\n"
    "\n"
    "Loads the policy FILE and reports the first mistake in it as\n"
    "FILE:LINE: what is wrong and what to do, or a one-line description.\n"
    "\n"
    "  -p, --policy FILE      the policy to check\n"
    "  -h, --help             show this help\n"
    "\n"
    "Exit status: 0 valid, 2 not valid or usage error.\n";

int assay_check_policy(const char *path)
{
    assay_policy *p = assay_cli_load_policy(path);
    if (!p)
        return ASSAY_EXIT_USAGE;
    printf("%s: ok: strategy %s, %zu tiers (", p->path,
           assay_strategy_name(p->strategy), p->tier_count);
    for (size_t t = 0; t < p->tier_count; t++)
        printf("%s%s %zu", t ? ", " : "", p->tiers[t].name,
               p->tiers[t].capacity);
    printf("), waitlist %zu\n", p->waitlist);
    assay_policy_free(p);
    return ASSAY_EXIT_OK;
}

int assay_cmd_check(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"policy", required_argument, NULL, 'p'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *policy = NULL;
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":p:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'p':
            policy = optarg;
            break;
        case 'h':
            fputs(check_help, stdout);
            return ASSAY_EXIT_OK;
        case ':':
            return assay_usage_error("option %s needs a value; see `assay "
                                     "check --help`",
                                     argv[optind - 1]);
        default:
            return assay_usage_error("unknown option %s; see `assay check "
                                     "--help`",
                                     argv[optind - 1]);
        }
    }
    if (!policy || optind < argc)
        return assay_usage_error("check needs --policy FILE; see `assay "
                                 "check --help`");
    return assay_check_policy(policy);
}
