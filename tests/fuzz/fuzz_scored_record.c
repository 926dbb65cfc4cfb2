/* decide's input, fuzzed: input bytes as a file of scored records decided
 * under the shipped default policy. Refusing the input is fine (decide
 * prints why and returns non-zero); what it writes when it accepts must be
 * one JSON object a line, never a line made of a record's own text. */
#define _GNU_SOURCE /* memfd_create */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "decide/decide.h"
#include "decide/policy.h"

#include "json_lines.h"

static assay_policy *policy;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char err[1024];
    policy = assay_policy_load(ASSAY_FUZZ_POLICY, err, sizeof err);
    if (!policy) {
        fprintf(stderr, "fuzz: %s\n", err);
        abort();
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* A regular file, as decide reads a named input (a pipe would be
     * copied to a temporary file first). */
    int fd = memfd_create("scored", MFD_CLOEXEC);
    FILE *in = fd < 0 ? NULL : fdopen(fd, "w+b");
    char *out_text = NULL;
    size_t out_len = 0;
    FILE *out = open_memstream(&out_text, &out_len);
    if (!in || !out || fwrite(data, 1, size, in) != size || fflush(in))
        abort();
    rewind(in);
    assay_decide_input input = {"fuzz", in};
    assay_decide_report report = {0};
    int refused = assay_decide(policy, &input, 1, NULL, out, &report);
    assay_decide_report_free(&report);
    fclose(in);
    fclose(out);
    if (!refused)
        fuzz_json_lines(out_text, out_len);
    free(out_text);
    return 0;
}
