#include "util/atomic_file.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- temporary files to remove on a fatal signal ---------------------- */

#define MAX_PENDING 16

static char *volatile pending[MAX_PENDING];
static pthread_mutex_t pending_lock = PTHREAD_MUTEX_INITIALIZER;

static void remove_pending(int sig)
{
    for (int i = 0; i < MAX_PENDING; i++)
        if (pending[i])
            unlink(pending[i]);
    signal(sig, SIG_DFL);
    raise(sig);
}

static void watch(char *temp)
{
    static int handlers;
    pthread_mutex_lock(&pending_lock);
    if (!handlers) {
        static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
        for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
            struct sigaction sa, old;
            memset(&sa, 0, sizeof sa);
            sa.sa_handler = remove_pending;
            sigemptyset(&sa.sa_mask);
            /* A signal someone chose to ignore stays ignored. */
            if (sigaction(sigs[i], NULL, &old) == 0 &&
                old.sa_handler != SIG_IGN)
                sigaction(sigs[i], &sa, NULL);
        }
        handlers = 1;
    }
    for (int i = 0; i < MAX_PENDING; i++)
        if (!pending[i]) {
            pending[i] = temp;
            break;
        }
    pthread_mutex_unlock(&pending_lock);
}

static void unwatch(const char *temp)
{
    pthread_mutex_lock(&pending_lock);
    for (int i = 0; i < MAX_PENDING; i++)
        if (pending[i] == temp)
            pending[i] = NULL;
    pthread_mutex_unlock(&pending_lock);
}

/* ---- atomic files ----------------------------------------------------- */

int assay_atomic_begin(assay_atomic_file *a, const char *target, char *err,
                       size_t err_size)
{
    memset(a, 0, sizeof *a);
    struct stat st;
    int exists = stat(target, &st) == 0;
    if (exists && S_ISDIR(st.st_mode)) {
        snprintf(err, err_size, "it is a directory");
        return 1;
    }
    a->target = strdup(target);
    /* A symbolic link stays one: the file it names is replaced. */
    a->dest = exists ? realpath(target, NULL) : NULL;
    if (!a->dest && a->target)
        a->dest = strdup(target);
    if (!a->target || !a->dest) {
        snprintf(err, err_size, "out of memory");
        assay_atomic_abandon(a);
        return 1;
    }
    /* A device or a pipe (/dev/null, /dev/stdout, a FIFO) is no file to
     * replace: a rename would put a regular file in its place. It is
     * written where it is. */
    if (exists && !S_ISREG(st.st_mode)) {
        a->f = fopen(target, "wb");
        if (!a->f) {
            snprintf(err, err_size, "%s", strerror(errno));
            assay_atomic_abandon(a);
            return 1;
        }
        return 0;
    }
    const char *slash = strrchr(a->dest, '/');
    size_t dir_len = slash ? (size_t)(slash - a->dest) + 1 : 0;
    size_t n = strlen(a->dest) + 16;
    a->temp = malloc(n);
    if (!a->temp) {
        snprintf(err, err_size, "out of memory");
        assay_atomic_abandon(a);
        return 1;
    }
    snprintf(a->temp, n, "%.*s.%s.XXXXXX", (int)dir_len, a->dest,
             a->dest + dir_len);
    int fd = mkstemp(a->temp);
    if (fd < 0) {
        snprintf(err, err_size, "%s", strerror(errno));
        free(a->temp);
        a->temp = NULL;
        assay_atomic_abandon(a);
        return 1;
    }
    /* mkstemp makes 0600; an output gets what the umask allows, or the
     * mode of the file it replaces. */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, exists ? st.st_mode & 07777 : 0666 & ~mask);
    a->f = fdopen(fd, "wb");
    if (!a->f) {
        close(fd);
        snprintf(err, err_size, "%s", strerror(errno));
        assay_atomic_abandon(a);
        return 1;
    }
    watch(a->temp);
    return 0;
}

int assay_atomic_commit(assay_atomic_file *a, char *err, size_t err_size)
{
    int failed = fflush(a->f) != 0 || ferror(a->f);
    int saved = errno;
    failed |= fclose(a->f) != 0;
    a->f = NULL;
    if (!failed && a->temp)
        failed = rename(a->temp, a->dest) != 0;
    else
        errno = saved ? saved : EIO;
    if (failed) {
        snprintf(err, err_size, "cannot write %s: %s%s", a->target,
                 strerror(errno),
                 a->temp ? "; the previous file is left as it was" : "");
        assay_atomic_abandon(a);
        return 1;
    }
    unwatch(a->temp);
    free(a->temp);
    a->temp = NULL;
    assay_atomic_abandon(a);
    return 0;
}

void assay_atomic_abandon(assay_atomic_file *a)
{
    if (a->f)
        fclose(a->f);
    a->f = NULL;
    if (a->temp) {
        unwatch(a->temp);
        unlink(a->temp);
        free(a->temp);
    }
    a->temp = NULL;
    free(a->target);
    a->target = NULL;
    free(a->dest);
    a->dest = NULL;
}
