/* Output files replaced only when complete. A file is written under a
 * temporary name beside its target (".NAME.XXXXXX" in the same directory,
 * so the rename cannot cross file systems) and renamed over the target on
 * commit: an interrupted or failed run leaves the previous file as it was.
 * Making the temporary file up front also checks that the target's
 * directory is writable before any work is done. A target that is a
 * symbolic link stays one (the file it names is replaced); a device or a
 * pipe (/dev/null, a FIFO) is written in place, as nothing can replace it
 * atomically. SIGINT, SIGTERM and
 * SIGHUP remove the temporary files of uncommitted outputs; SIGKILL cannot
 * be caught, so it leaves them behind (the target is untouched either
 * way). */
#ifndef ASSAY_ATOMIC_FILE_H
#define ASSAY_ATOMIC_FILE_H

#include <stdio.h>

typedef struct assay_atomic_file {
    char *target; /* as the caller named it */
    char *dest;   /* what is replaced: target, or the file its link names */
    char *temp;   /* NULL once committed or abandoned, or for a device or
                     pipe, written in place */
    FILE *f;    /* open on temp */
} assay_atomic_file;

/* Creates the temporary file for target. Returns 0, or non-zero with the
 * reason ("No such file or directory") in err, for the caller to say what
 * target is. */
int assay_atomic_begin(assay_atomic_file *a, const char *target, char *err,
                       size_t err_size);
/* Flushes and closes the temporary file, then renames it over the target.
 * Returns 0, or non-zero with the reason in err (a full disk, say) after
 * removing the temporary file: the target keeps its previous contents. */
int assay_atomic_commit(assay_atomic_file *a, char *err, size_t err_size);
/* Closes and removes the temporary file, if any; the target is untouched.
 * Safe on a zeroed, committed or abandoned file. */
void assay_atomic_abandon(assay_atomic_file *a);

#endif
