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
    const char *slash = strrchr(target, '/');
    size_t dir_len = slash ? (size_t)(slash - target) + 1 : 0;
    size_t n = strlen(target) + 16;
    a->target = strdup(target);
    a->temp = malloc(n);
    if (!a->target || !a->temp) {
        snprintf(err, err_size, "out of memory");
        assay_atomic_abandon(a);
        return 1;
    }
    snprintf(a->temp, n, "%.*s.%s.XXXXXX", (int)dir_len, target,
             target + dir_len);
    struct stat st;
    if (stat(target, &st) == 0 && S_ISDIR(st.st_mode)) {
        snprintf(err, err_size, "it is a directory");
        free(a->temp);
        a->temp = NULL;
        assay_atomic_abandon(a);
        return 1;
    }
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
    fchmod(fd, stat(target, &st) == 0 ? st.st_mode & 07777 : 0666 & ~mask);
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
    if (!failed)
        failed = rename(a->temp, a->target) != 0;
    else
        errno = saved ? saved : EIO;
    if (failed) {
        snprintf(err, err_size,
                 "cannot write %s: %s; the previous file is left as it was",
                 a->target, strerror(errno));
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
}
