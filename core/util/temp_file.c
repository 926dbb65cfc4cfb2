#include "util/temp_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

const char *assay_temp_dir(void)
{
    const char *dir = getenv("TMPDIR");
    return dir && dir[0] ? dir : "/tmp";
}

FILE *assay_temp_file(void)
{
    char path[4096];
    int n = snprintf(path, sizeof path, "%s/assay.XXXXXX", assay_temp_dir());
    if (n < 0 || (size_t)n >= sizeof path) {
        errno = ENAMETOOLONG;
        return NULL;
    }
    int fd = mkstemp(path);
    if (fd < 0)
        return NULL;
    unlink(path);
    FILE *f = NULL;
    if (fcntl(fd, F_SETFD, FD_CLOEXEC) == 0)
        f = fdopen(fd, "w+b");
    if (!f) {
        int saved = errno;
        close(fd);
        errno = saved;
    }
    return f;
}
