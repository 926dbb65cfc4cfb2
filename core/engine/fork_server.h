/* A fork server: one process, forked while its caller still has a single
 * thread, that forks worker processes on request from any thread.
 *
 * A process forked from a multi-threaded one holds every lock that another
 * thread held at that instant (the allocator's under AddressSanitizer, a
 * library's), and deadlocks on the first one it takes. The server never
 * has a second thread, so its children cannot inherit a held lock. It
 * also holds the memory of its caller as it was when it started: children
 * see the engine and workers made before the batch threads began.
 *
 * The server and its children leave the terminal's process group (Ctrl-C
 * reaches the host alone, which decides what to do) and die with their
 * parent (PR_SET_PDEATHSIG). They end with _exit: no atexit handler, no
 * leak check and no stdio flush of the host's copied buffers runs in them. */
#ifndef ASSAY_FORK_SERVER_H
#define ASSAY_FORK_SERVER_H

#include <stddef.h>
#include <sys/types.h>

typedef struct assay_fork_server assay_fork_server;

/* What a child runs, in the server's copy of the caller's memory: arg and
 * the slot it was forked for, and its end of a stream socket whose other
 * end the requester got. It must not return (the server _exits it if it
 * does). */
typedef void (*assay_fork_server_child)(void *arg, size_t slot, int fd);

/* Forks the server, for `slots` slots (at most one child each). Call it
 * while this process has one thread. NULL with errno when it cannot. */
assay_fork_server *assay_fork_server_start(assay_fork_server_child child,
                                           void *arg, size_t slots);

/* Has the server fork the child of slot (whose previous child, if any,
 * must have been reaped); returns its pid with *fd this process's end of
 * its socket (close-on-exec), or -1 with errno. Thread-safe. */
pid_t assay_fork_server_spawn(assay_fork_server *s, size_t slot, int *fd);

/* waitpid(pid, status, nohang ? WNOHANG : 0) on a child of the server:
 * pid when it was reaped (with *status), 0 when it still runs (nohang),
 * -1 with errno. Thread-safe. */
pid_t assay_fork_server_wait(assay_fork_server *s, pid_t pid, int *status,
                             int nohang);

/* Kills and reaps the children still running, then the server. NULL is
 * ignored. */
void assay_fork_server_stop(assay_fork_server *s);

#endif
