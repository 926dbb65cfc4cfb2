/* A fork server (fork_server.h).
 *
 * Requests and replies are datagrams on a sequenced-packet socket pair, one
 * request at a time under a lock: a request is {op, slot, pid, nohang};
 * the reply is {result, status, errno}, with the requester's end of a new
 * child's socket attached (SCM_RIGHTS) to a spawn's reply. */
#define _GNU_SOURCE
#include "engine/fork_server.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

enum { OP_SPAWN, OP_WAIT };

typedef struct request {
    int op;
    int nohang;
    size_t slot;
    pid_t pid;
} request;

typedef struct reply {
    pid_t result;
    int status;
    int error;
} reply;

struct assay_fork_server {
    pid_t pid;
    int fd;
    pthread_mutex_t lock;
};

/* ---- the server ------------------------------------------------------- */

static int send_reply(int fd, const reply *r, int attach)
{
    struct iovec iov = {(void *)r, sizeof *r};
    union {
        char buf[CMSG_SPACE(sizeof(int))];
        struct cmsghdr align;
    } control;
    struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1};
    if (attach >= 0) {
        memset(&control, 0, sizeof control);
        msg.msg_control = control.buf;
        msg.msg_controllen = sizeof control.buf;
        struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
        c->cmsg_level = SOL_SOCKET;
        c->cmsg_type = SCM_RIGHTS;
        c->cmsg_len = CMSG_LEN(sizeof(int));
        memcpy(CMSG_DATA(c), &attach, sizeof attach);
    }
    ssize_t n;
    while ((n = sendmsg(fd, &msg, MSG_NOSIGNAL)) < 0 && errno == EINTR)
        ;
    return n == (ssize_t)sizeof *r ? 0 : 1;
}

static void become_child(int control, pid_t server,
                         assay_fork_server_child child, void *arg,
                         size_t slot, int fd)
{
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != server)
        _exit(0);
    close(control);
    child(arg, slot, fd);
    _exit(0);
}

static reply spawn(int control, pid_t *children, size_t slots,
                   assay_fork_server_child child, void *arg,
                   const request *q, int *parent_end)
{
    int sv[2];
    if (q->slot >= slots)
        return (reply){-1, 0, EINVAL};
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
        return (reply){-1, 0, errno};
    pid_t self = getpid();
    pid_t pid = fork();
    if (pid == 0) {
        close(sv[0]);
        become_child(control, self, child, arg, q->slot, sv[1]);
    }
    int e = errno;
    close(sv[1]);
    if (pid < 0) {
        close(sv[0]);
        return (reply){-1, 0, e};
    }
    children[q->slot] = pid;
    *parent_end = sv[0];
    return (reply){pid, 0, 0};
}

static reply wait_child(pid_t *children, size_t slots, const request *q)
{
    int status = 0;
    pid_t r;
    while ((r = waitpid(q->pid, &status, q->nohang ? WNOHANG : 0)) < 0 &&
           errno == EINTR)
        ;
    if (r < 0)
        return (reply){-1, 0, errno};
    if (r > 0)
        for (size_t i = 0; i < slots; i++)
            if (children[i] == r)
                children[i] = 0;
    return (reply){r, status, 0};
}

static void serve(int control, pid_t parent, assay_fork_server_child child,
                  void *arg, size_t slots)
{
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent)
        _exit(0);
    setpgid(0, 0);
    /* The host's handlers (its temporary files' clean-up) are not ours. */
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        signal(sigs[i], SIG_DFL);
    pid_t *children = calloc(slots ? slots : 1, sizeof *children);
    if (!children)
        _exit(1);
    for (;;) {
        request q;
        ssize_t n = recv(control, &q, sizeof q, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n != (ssize_t)sizeof q)
            break;
        int parent_end = -1;
        reply r = q.op == OP_SPAWN
                      ? spawn(control, children, slots, child, arg, &q,
                              &parent_end)
                      : wait_child(children, slots, &q);
        int failed = send_reply(control, &r, parent_end);
        if (parent_end >= 0)
            close(parent_end);
        if (failed)
            break;
    }
    for (size_t i = 0; i < slots; i++)
        if (children[i]) {
            kill(children[i], SIGKILL);
            waitpid(children[i], NULL, 0);
        }
    _exit(0);
}

/* ---- the requester ---------------------------------------------------- */

assay_fork_server *assay_fork_server_start(assay_fork_server_child child,
                                           void *arg, size_t slots)
{
    assay_fork_server *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0) {
        free(s);
        return NULL;
    }
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid == 0) {
        close(sv[0]);
        serve(sv[1], parent, child, arg, slots);
    }
    int e = errno;
    close(sv[1]);
    if (pid < 0) {
        close(sv[0]);
        free(s);
        errno = e;
        return NULL;
    }
    s->pid = pid;
    s->fd = sv[0];
    pthread_mutex_init(&s->lock, NULL);
    return s;
}

/* One request and its reply, with the attached descriptor in *fd when
 * fd is not NULL. */
static reply ask(assay_fork_server *s, const request *q, int *fd)
{
    reply r = {-1, 0, EPIPE};
    union {
        char buf[CMSG_SPACE(sizeof(int))];
        struct cmsghdr align;
    } control;
    struct iovec iov = {&r, sizeof r};
    struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1,
                         .msg_control = control.buf,
                         .msg_controllen = sizeof control.buf};
    memset(&control, 0, sizeof control);
    int answered = 0;
    pthread_mutex_lock(&s->lock);
    ssize_t n;
    while ((n = send(s->fd, q, sizeof *q, MSG_NOSIGNAL)) < 0 &&
           errno == EINTR)
        ;
    if (n == (ssize_t)sizeof *q) {
        while ((n = recvmsg(s->fd, &msg, MSG_CMSG_CLOEXEC)) < 0 &&
               errno == EINTR)
            ;
        answered = n == (ssize_t)sizeof r;
        if (!answered)
            r = (reply){-1, 0, EPIPE};
    }
    pthread_mutex_unlock(&s->lock);
    if (fd) {
        *fd = -1;
        for (struct cmsghdr *c = answered ? CMSG_FIRSTHDR(&msg) : NULL; c;
             c = CMSG_NXTHDR(&msg, c))
            if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS)
                memcpy(fd, CMSG_DATA(c), sizeof *fd);
    }
    return r;
}

pid_t assay_fork_server_spawn(assay_fork_server *s, size_t slot, int *fd)
{
    request q;
    memset(&q, 0, sizeof q); /* no uninitialised padding on the socket */
    q.op = OP_SPAWN;
    q.slot = slot;
    reply r = ask(s, &q, fd);
    if (r.result > 0 && *fd < 0) {
        kill(r.result, SIGKILL);
        assay_fork_server_wait(s, r.result, NULL, 0);
        r = (reply){-1, 0, EPROTO};
    }
    if (r.result < 0)
        errno = r.error;
    return r.result;
}

pid_t assay_fork_server_wait(assay_fork_server *s, pid_t pid, int *status,
                             int nohang)
{
    request q;
    memset(&q, 0, sizeof q);
    q.op = OP_WAIT;
    q.nohang = nohang;
    q.pid = pid;
    reply r = ask(s, &q, NULL);
    if (r.result < 0)
        errno = r.error;
    else if (status)
        *status = r.status;
    return r.result;
}

void assay_fork_server_stop(assay_fork_server *s)
{
    if (!s)
        return;
    close(s->fd);
    int status;
    while (waitpid(s->pid, &status, 0) < 0 && errno == EINTR)
        ;
    pthread_mutex_destroy(&s->lock);
    free(s);
}
