/* The policy loader, fuzzed: input bytes as the text of a policy file
 * (Lua, run in the sandbox, then checked). A policy that does not load is
 * fine; the loader must never crash, leak or hang on one. */
#define _GNU_SOURCE /* memfd_create */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "decide/policy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int fd = memfd_create("policy.lua", MFD_CLOEXEC);
    if (fd < 0 || write(fd, data, size) != (ssize_t)size)
        abort();
    char path[64], err[1024];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    assay_policy *p = assay_policy_load(path, err, sizeof err);
    assay_policy_free(p);
    close(fd);
    return 0;
}
