#include "util/output_file.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int assay_output_file_open(assay_output_file *o, const char *path, char *err,
                           size_t err_size)
{
    memset(o, 0, sizeof *o);
    if (!path || strcmp(path, "-") == 0) {
        o->file = stdout;
        return 0;
    }
    size_t n = strlen(path);
    o->path = malloc(n + 1);
    o->temp = malloc(n + 16);
    if (!o->path || !o->temp) {
        snprintf(err, err_size, "out of memory");
        assay_output_file_abort(o);
        return 1;
    }
    memcpy(o->path, path, n + 1);
    snprintf(o->temp, n + 16, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(o->temp);
    if (fd < 0 || !(o->file = fdopen(fd, "wb"))) {
        snprintf(err, err_size, "cannot create %s: %s", path,
                 strerror(errno));
        if (fd >= 0)
            close(fd);
        free(o->temp);
        o->temp = NULL;
        assay_output_file_abort(o);
        return 1;
    }
    return 0;
}

int assay_output_file_commit(assay_output_file *o, char *err,
                             size_t err_size)
{
    if (!o->path) {
        int rc = fflush(o->file) != 0 || ferror(o->file);
        if (rc)
            snprintf(err, err_size, "cannot write to stdout: %s",
                     strerror(errno));
        return rc;
    }
    int failed = ferror(o->file);
    failed |= fclose(o->file) != 0;
    o->file = NULL;
    if (!failed && rename(o->temp, o->path) != 0)
        failed = 1;
    if (failed) {
        snprintf(err, err_size, "cannot write %s: %s", o->path,
                 strerror(errno));
        assay_output_file_abort(o);
        return 1;
    }
    free(o->temp);
    free(o->path);
    memset(o, 0, sizeof *o);
    return 0;
}

void assay_output_file_abort(assay_output_file *o)
{
    if (o->file && o->file != stdout)
        fclose(o->file);
    if (o->temp)
        unlink(o->temp);
    free(o->temp);
    free(o->path);
    memset(o, 0, sizeof *o);
}
