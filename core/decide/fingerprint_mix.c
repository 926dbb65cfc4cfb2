#include "decide/fingerprint_mix.h"

#include <stdio.h>
#include <string.h>

static void describe(char *out, size_t size, const char *fingerprint)
{
    if (*fingerprint)
        snprintf(out, size, "fingerprint %s", fingerprint);
    else
        snprintf(out, size, "no fingerprint (an older assay score wrote "
                            "it)");
}

int assay_fingerprint_mix_add(assay_fingerprint_mix *m,
                              const char *fingerprint, const char *file,
                              size_t line, char *err, size_t err_size)
{
    const char *it = fingerprint ? fingerprint : "";
    if (!m->seen) {
        m->seen = 1;
        snprintf(m->first, sizeof m->first, "%s", it);
        m->file = file;
        m->line = line;
        return 0;
    }
    if (strcmp(m->first, it) == 0)
        return 0;
    char a[96], b[96];
    describe(a, sizeof a, m->first);
    describe(b, sizeof b, it);
    snprintf(err, err_size,
             "the scored records were made by different plugins or rules: "
             "%s first at %s:%zu, %s first at %s:%zu; score every shard "
             "with the same plugins, rule files and plugin configuration",
             a, m->file, m->line, b, file, line);
    return 1;
}
