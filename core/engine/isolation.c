/* Supervised plugin worker processes (isolation.h).
 *
 * The protocol, over a stream socket pair:
 *   request:  uint32 count, uint32 text bytes, count × {uint64 line,
 *             uint32 len}, then the texts back to back;
 *   response: per job, in order: uint32 len, uint8 is_error, uint8
 *             recycle, then len bytes of record.
 * The child reads a whole request before it answers, so neither side can
 * block the other on a full socket. It sends its answers a chunk at a
 * time (ANSWER_CHUNK bytes, and the request's last), so that the
 * supervisor wakes once for many records, not once a record. Which job
 * it is on, since when, and in which plugin is on a page it shares with
 * the supervisor: that is what the record time limit is measured from,
 * and what a fault is blamed on; answers it had not yet sent when it
 * died are evaluated again in a fresh child. */
#define _GNU_SOURCE
#include "engine/isolation.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "engine/engine.h"
#include "engine/fork_server.h"
#include "engine/output.h"
#include "engine/record.h"
#include "util/progress.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

/* A response longer than this is a broken child, not a record. */
#define MAX_RESPONSE (256u << 20)

/* The child sends its answers once they fill this many bytes. */
#define ANSWER_CHUNK (64u << 10)

/* The child reads its resident size at most this often (2 ms). */
#define MEMORY_CHECK_NS 2000000ull

/* What the child shares with its supervisor while it runs. A plugin
 * could write here too; the supervisor checks what it reads (see
 * running_job and deadline_of). */
typedef struct shared_page {
    volatile int plugin; /* index of the plugin being called, or -1 */
    _Atomic uint32_t job; /* index in the request of the job it is on */
    _Atomic uint64_t started_ns; /* when it started that job, monotonic */
} shared_page;

struct assay_isolated {
    assay_worker *w;
    assay_isolation_limits limits;
    assay_fork_server *server; /* forks the children */
    size_t slot;               /* this supervisor's slot in it */
    pid_t pid; /* 0: no child */
    int fd;
    shared_page *page;
    assay_buffer request;
    assay_buffer received; /* read from the child, not yet consumed */
    size_t consumed;
};

/* What went wrong with a child. */
typedef enum fault_kind {
    FAULT_NONE,
    FAULT_SIGNAL,  /* killed by a signal */
    FAULT_EXIT,    /* exited */
    FAULT_TIMEOUT, /* ran past the record time limit */
    FAULT_GARBLED, /* answered something that is not the protocol */
    FAULT_START    /* could not be started */
} fault_kind;

typedef struct fault {
    fault_kind kind;
    int code;   /* the signal, exit status or errno */
    int plugin; /* the plugin it was in, or -1 */
    size_t job; /* the job it hit, as an index into the request */
} fault;

/* What the supervisor knows of the request in flight. */
typedef struct flight {
    size_t n;        /* jobs in it */
    size_t answered; /* answers received */
    size_t on;       /* the job the child is on, as far as is known */
    double since;    /* when that job started */
} flight;

static atomic_ulong replacements;

unsigned long assay_isolated_replacements(void)
{
    return atomic_load(&replacements);
}

static double now(void)
{
    return (double)assay_now_ns() / 1e9;
}

/* ---- the child -------------------------------------------------------- */

static int read_exact(int fd, void *buf, size_t n)
{
    char *p = buf;
    while (n) {
        ssize_t r = read(fd, p, n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return 1;
        p += r;
        n -= (size_t)r;
    }
    return 0;
}

static int write_exact(int fd, const void *buf, size_t n)
{
    const char *p = buf;
    while (n) {
        ssize_t r = send(fd, p, n, MSG_NOSIGNAL);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return 1;
        p += r;
        n -= (size_t)r;
    }
    return 0;
}

/* Resident bytes of this process, from /proc/self/statm; 0 if unknown. */
static size_t resident_bytes(int statm)
{
    char text[128];
    ssize_t n = statm < 0 ? -1 : pread(statm, text, sizeof text - 1, 0);
    if (n <= 0)
        return 0;
    text[n] = '\0';
    unsigned long long size = 0, resident = 0;
    if (sscanf(text, "%llu %llu", &size, &resident) != 2)
        return 0;
    return (size_t)(resident * (unsigned long long)sysconf(_SC_PAGESIZE));
}

/* Caps the address space at what the child has now plus the limit, so one
 * huge allocation fails instead of taking the machine. Not under
 * AddressSanitizer, whose shadow memory makes address space meaningless;
 * the resident-size check after each record holds there too. */
static void cap_address_space(int statm, size_t limit)
{
#ifndef UNDER_ASAN
    char text[128];
    unsigned long long pages = 0;
    ssize_t n = pread(statm, text, sizeof text - 1, 0);
    if (n <= 0)
        return;
    text[n] = '\0';
    if (sscanf(text, "%llu", &pages) != 1)
        return;
    /* Room above the limit, so that the resident-size check, not a failed
     * allocation, is what usually replaces a growing child. */
    rlim_t cap = (rlim_t)(pages * (unsigned long long)sysconf(_SC_PAGESIZE)) +
                 (rlim_t)limit * 2 + ((rlim_t)256 << 20);
    struct rlimit rl = {cap, cap};
    setrlimit(RLIMIT_AS, &rl);
#else
    (void)statm;
    (void)limit;
#endif
}

/* exit() in a plugin ends the child here, first of the exit handlers: no
 * handler of the host (a sanitizer's leak check of the heap it copied)
 * runs and no copied stdio buffer is flushed, and the status is kept. */
static void exit_now(int status, void *arg)
{
    (void)arg;
    _exit(status);
}

/* What every child that runs plugin code does first. A plugin's crash
 * ends it by its own signal, which the supervisor reports, whatever
 * handler the host installed (a sanitizer's turns SIGSEGV into a report
 * and an abort); its exit() ends it at once. */
static void enter_child(void)
{
    static const int crashes[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT,
                                  SIGTRAP, SIGSYS};
    for (size_t i = 0; i < sizeof crashes / sizeof crashes[0]; i++)
        signal(crashes[i], SIG_DFL);
    on_exit(exit_now, NULL);
}

static void child_main(assay_isolated *iso, int fd)
{
    enter_child();
    /* Plugins read no input and write no records: fd 0 is empty, fd 1 is
     * the log. */
    int null = open("/dev/null", O_RDWR);
    if (null >= 0) {
        dup2(null, STDIN_FILENO);
        if (iso->limits.output_fd > STDERR_FILENO)
            dup2(null, iso->limits.output_fd);
        close(null);
    }
    dup2(STDERR_FILENO, STDOUT_FILENO);
    assay_worker *w = iso->w;
    w->plugin_at = &iso->page->plugin;
    int statm = open("/proc/self/statm", O_RDONLY);
    if (iso->limits.memory)
        cap_address_space(statm, iso->limits.memory);
    size_t base = resident_bytes(statm);
    unsigned long long checked = 0; /* when statm was last read */
    assay_buffer text, out, answer;
    assay_buffer_init(&text);
    assay_buffer_init(&out);
    assay_buffer_init(&answer);
    for (;;) {
        uint32_t head[2];
        if (read_exact(fd, head, sizeof head))
            _exit(0);
        size_t count = head[0], bytes = head[1];
        uint32_t *meta = malloc(count * 12 + 1);
        assay_buffer_reset(&text);
        assay_buffer_reserve(&text, bytes + 1);
        if (!meta || read_exact(fd, meta, count * 12) ||
            read_exact(fd, text.data, bytes))
            _exit(0);
        size_t off = 0;
        assay_buffer_reset(&answer);
        for (size_t i = 0; i < count; i++) {
            uint64_t line;
            uint32_t len;
            memcpy(&line, (char *)meta + i * 12, 8);
            memcpy(&len, (char *)meta + i * 12 + 8, 4);
            atomic_store_explicit(&iso->page->job, (uint32_t)i,
                                  memory_order_relaxed);
            unsigned long long started = assay_now_ns();
            atomic_store_explicit(&iso->page->started_ns, started,
                                  memory_order_release);
            assay_buffer_reset(&out);
            assay_record rec;
            int is_error = assay_worker_evaluate(w, text.data + off, len,
                                                 (size_t)line, &rec, &out);
            assay_record_free(&rec);
            off += len;
            w->plugin_at[0] = -1;
            /* Reading statm costs a quarter of a fast record's time, so
             * it is read at most every MEMORY_CHECK_NS; the cap on the
             * address space stops a faster runaway. */
            int recycle = 0;
            if (iso->limits.memory && started - checked >= MEMORY_CHECK_NS) {
                checked = started;
                recycle = resident_bytes(statm) > base + iso->limits.memory;
            }
            unsigned char reply[6];
            uint32_t n = (uint32_t)out.len;
            memcpy(reply, &n, 4);
            reply[4] = (unsigned char)is_error;
            reply[5] = (unsigned char)recycle;
            assay_buffer_append(&answer, (const char *)reply, sizeof reply);
            assay_buffer_append(&answer, out.data, out.len);
            if (answer.len >= ANSWER_CHUNK || i + 1 == count || recycle) {
                if (write_exact(fd, answer.data, answer.len))
                    _exit(0);
                assay_buffer_reset(&answer);
            }
            if (recycle)
                _exit(0);
        }
        free(meta);
    }
}

/* ---- the supervisor --------------------------------------------------- */

assay_isolated *assay_isolated_new(assay_worker *w,
                                   const assay_isolation_limits *limits)
{
    assay_isolated *iso = calloc(1, sizeof *iso);
    if (!iso)
        return NULL;
    iso->page = mmap(NULL, sizeof *iso->page, PROT_READ | PROT_WRITE,
                     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (iso->page == MAP_FAILED) {
        free(iso);
        return NULL;
    }
    iso->w = w;
    iso->limits = *limits;
    iso->fd = -1;
    assay_buffer_init(&iso->request);
    assay_buffer_init(&iso->received);
    return iso;
}

static void child_entry(void *arg, size_t slot, int fd)
{
    child_main(((assay_isolated **)arg)[slot], fd);
}

assay_fork_server *assay_isolated_start(assay_isolated **isos, size_t n)
{
    assay_fork_server *server =
        assay_fork_server_start(child_entry, isos, n);
    for (size_t i = 0; server && i < n; i++)
        if (isos[i]) {
            isos[i]->server = server;
            isos[i]->slot = i;
        }
    return server;
}

static int spawn(assay_isolated *iso)
{
    if (!iso->server)
        return ENOTCONN;
    iso->page->plugin = -1;
    atomic_store(&iso->page->job, 0);
    int fd;
    pid_t pid = assay_fork_server_spawn(iso->server, iso->slot, &fd);
    if (pid < 0)
        return errno;
    iso->pid = pid;
    iso->fd = fd;
    assay_buffer_reset(&iso->received);
    iso->consumed = 0;
    return 0;
}

/* Reaps the child, waiting at most `grace` seconds for it to end by itself
 * before killing it; fills f from how it ended unless f is already set. */
static void reap(assay_isolated *iso, double grace, fault *f)
{
    if (!iso->pid)
        return;
    close(iso->fd);
    iso->fd = -1;
    int status = 0;
    double until = now() + grace;
    pid_t r;
    while ((r = assay_fork_server_wait(iso->server, iso->pid, &status, 1)) ==
               0 &&
           now() < until)
        usleep(1000);
    int killed = r == 0;
    if (killed) {
        kill(iso->pid, SIGKILL);
        r = assay_fork_server_wait(iso->server, iso->pid, &status, 0);
    }
    if (f && f->kind == FAULT_NONE) {
        if (killed || r < 0) {
            f->kind = FAULT_GARBLED;
        } else if (WIFSIGNALED(status)) {
            f->kind = FAULT_SIGNAL;
            f->code = WTERMSIG(status);
        } else {
            f->kind = FAULT_EXIT;
            f->code = WEXITSTATUS(status);
        }
    }
    iso->pid = 0;
}

void assay_isolated_free(assay_isolated *iso)
{
    if (!iso)
        return;
    if (iso->pid) {
        kill(iso->pid, SIGKILL);
        reap(iso, 0, NULL);
    }
    munmap(iso->page, sizeof *iso->page);
    assay_buffer_free(&iso->request);
    assay_buffer_free(&iso->received);
    free(iso);
}

static int send_jobs(assay_isolated *iso, const assay_isolated_job *jobs,
                     size_t n)
{
    assay_buffer *b = &iso->request;
    assay_buffer_reset(b);
    size_t bytes = 0;
    for (size_t i = 0; i < n; i++)
        bytes += jobs[i].len;
    uint32_t head[2] = {(uint32_t)n, (uint32_t)bytes};
    assay_buffer_append(b, (const char *)head, sizeof head);
    for (size_t i = 0; i < n; i++) {
        uint64_t line = jobs[i].line;
        uint32_t len = (uint32_t)jobs[i].len;
        assay_buffer_append(b, (const char *)&line, 8);
        assay_buffer_append(b, (const char *)&len, 4);
    }
    for (size_t i = 0; i < n; i++)
        assay_buffer_append(b, jobs[i].text, jobs[i].len);
    return write_exact(iso->fd, b->data, b->len);
}

/* The job the child is on: what the page says, where that is a job of
 * the request without an answer, else the first such job. */
static size_t running_job(const assay_isolated *iso, const flight *fl)
{
    size_t j = atomic_load_explicit(&iso->page->job, memory_order_acquire);
    return j >= fl->answered && j < fl->n ? j : fl->answered;
}

/* Brings fl->on and fl->since up to date from the page. The start time is
 * taken only when the job moves on, and kept between the previous start
 * and now, so that a plugin writing to the page can postpone its time
 * limit at most once a job. */
static void observe(const assay_isolated *iso, flight *fl)
{
    size_t j = running_job(iso, fl);
    if (j <= fl->on)
        return;
    double t = now();
    double started =
        (double)atomic_load_explicit(&iso->page->started_ns,
                                     memory_order_acquire) / 1e9;
    fl->on = j;
    fl->since = started < fl->since ? fl->since : started > t ? t : started;
}

/* Makes at least `need` unconsumed bytes available while the job the
 * child is on keeps within the record time limit; 0 when they are, else
 * the fault (timeout, or the child went away). */
static fault_kind fill(assay_isolated *iso, size_t need, flight *fl)
{
    assay_buffer *r = &iso->received;
    while (r->len - iso->consumed < need) {
        if (iso->consumed && iso->consumed == r->len) {
            assay_buffer_reset(r);
            iso->consumed = 0;
        }
        observe(iso, fl);
        double left = fl->since + iso->limits.record_seconds - now();
        if (left <= 0)
            return FAULT_TIMEOUT;
        struct pollfd pfd = {iso->fd, POLLIN, 0};
        int ms = left > 1e6 ? 1000000000 : (int)(left * 1000) + 1;
        int p = poll(&pfd, 1, ms);
        if (p < 0 && errno == EINTR)
            continue;
        if (p == 0)
            continue; /* the loop tests the time limit */
        assay_buffer_reserve(r, 65536);
        ssize_t got = read(iso->fd, r->data + r->len, 65536);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return FAULT_EXIT; /* reap says how */
        r->len += (size_t)got;
    }
    return FAULT_NONE;
}

/* Receives the answer to job into out; 0, or 1 when the child asks to be
 * replaced after it, or -1 with the fault in f. */
static int receive(assay_isolated *iso, assay_isolated_job *job,
                   assay_buffer *out, flight *fl, fault *f)
{
    fault_kind k = fill(iso, 6, fl);
    const unsigned char *head =
        (const unsigned char *)iso->received.data + iso->consumed;
    uint32_t len = 0;
    if (k == FAULT_NONE) {
        memcpy(&len, head, 4);
        if (len > MAX_RESPONSE || head[4] > 1 || head[5] > 1)
            k = FAULT_GARBLED;
    }
    if (k == FAULT_NONE)
        k = fill(iso, 6 + (size_t)len, fl);
    if (k != FAULT_NONE) {
        *f = (fault){k == FAULT_EXIT ? FAULT_NONE : k, 0, iso->page->plugin,
                     fl->on};
        return -1;
    }
    head = (const unsigned char *)iso->received.data + iso->consumed;
    job->is_error = head[4];
    int recycle = head[5];
    job->out_off = out->len;
    assay_buffer_append(out, (const char *)head + 6, len);
    job->out_len = len;
    iso->consumed += 6 + (size_t)len;
    fl->answered++;
    return recycle;
}

/* Runs jobs in the current child (starting one if none runs) until one
 * faults; returns how many were answered, with the fault in f. f->job is
 * the job it hit, which may come after the last answered one: the child
 * had not sent the answers between. */
static size_t run_some(assay_isolated *iso, assay_isolated_job *jobs,
                       size_t n, assay_buffer *out, fault *f)
{
    *f = (fault){FAULT_NONE, 0, -1, 0};
    if (!iso->pid) {
        int e = spawn(iso);
        if (e) {
            *f = (fault){FAULT_START, e, -1, 0};
            return 0;
        }
    }
    /* The child is between requests: nothing else writes the page. */
    atomic_store(&iso->page->job, 0);
    flight fl = {n, 0, 0, now()};
    if (send_jobs(iso, jobs, n)) {
        f->plugin = iso->page->plugin;
        reap(iso, iso->limits.record_seconds, f);
        return 0;
    }
    for (size_t j = 0; j < n; j++) {
        int r = receive(iso, &jobs[j], out, &fl, f);
        if (r < 0) {
            if (f->kind == FAULT_TIMEOUT)
                kill(iso->pid, SIGKILL);
            reap(iso, iso->limits.record_seconds, f);
            /* Dead now, so the page is final; a timeout is the job whose
             * time ran out. */
            if (f->kind != FAULT_TIMEOUT)
                f->job = running_job(iso, &fl);
            f->plugin = iso->page->plugin;
            return j;
        }
        if (r == 1) {
            fprintf(stderr,
                    "assay: line %zu: a plugin worker process grew by more "
                    "than --worker-memory %zu bytes; replaced by a fresh "
                    "one\n",
                    jobs[j].line, iso->limits.memory);
            reap(iso, iso->limits.record_seconds, NULL);
            atomic_fetch_add(&replacements, 1);
            return j + 1;
        }
    }
    return n;
}

/* "crashed (signal 11, SIGSEGV: Segmentation fault)" */
static void describe_signal(int sig, char *buf, size_t size)
{
    const char *abbrev = sigabbrev_np(sig);
    snprintf(buf, size, "crashed (signal %d, SIG%s: %s)", sig,
             abbrev ? abbrev : "?", strsignal(sig));
}

/* Instances whose fini ran in a child: kept reachable, not leaked. */
static void **kept;
static size_t kept_count, kept_cap;

void assay_isolated_fini(const char *name, void (*fini)(void *),
                         void *instance)
{
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        enter_child();
        fini(instance);
        _exit(0);
    }
    int status = 0;
    if (pid < 0) {
        fprintf(stderr, "assay: plugin \"%s\": cannot start a process for "
                        "its fini (%s); fini not run\n",
                name, strerror(errno));
    } else {
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
            ;
        char how[200];
        if (WIFSIGNALED(status))
            describe_signal(WTERMSIG(status), how, sizeof how);
        else
            snprintf(how, sizeof how, "exited with status %d",
                     WEXITSTATUS(status));
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
            fprintf(stderr,
                    "assay: plugin \"%s\" %s in fini, after every record was "
                    "evaluated; the results are complete and kept; fix the "
                    "plugin's fini, or debug it with --in-process\n",
                    name, how);
    }
    if (kept_count == kept_cap) {
        size_t cap = kept_cap ? kept_cap * 2 : 16;
        void **p = realloc(kept, cap * sizeof *p);
        if (!p)
            return;
        kept = p;
        kept_cap = cap;
    }
    kept[kept_count++] = instance;
}

/* "plugin \"name\" crashed (signal 11, SIGSEGV: Segmentation fault)". */
static void describe(const assay_isolated *iso, const fault *f, char *buf,
                     size_t size)
{
    const assay_plugin_set *set = &iso->w->engine->plugins;
    char who[300];
    if (f->plugin >= 0 && (size_t)f->plugin < set->count)
        snprintf(who, sizeof who, "plugin \"%s\"",
                 set->items[f->plugin]->name);
    else
        snprintf(who, sizeof who, "the plugin worker process");
    switch (f->kind) {
    case FAULT_SIGNAL: {
        char how[96];
        describe_signal(f->code, how, sizeof how);
        snprintf(buf, size, "%s %s", who, how);
        break;
    }
    case FAULT_EXIT:
        snprintf(buf, size, "%s exited with status %d", who, f->code);
        break;
    case FAULT_TIMEOUT:
        snprintf(buf, size,
                 "%s ran longer than --record-timeout %g seconds and was "
                 "killed",
                 who, iso->limits.record_seconds);
        break;
    case FAULT_GARBLED:
        snprintf(buf, size, "%s broke the worker protocol (it wrote to the "
                            "host's socket or closed it)", who);
        break;
    case FAULT_START:
        snprintf(buf, size, "cannot start a plugin worker process: %s",
                 strerror(f->code));
        break;
    case FAULT_NONE:
        snprintf(buf, size, "%s failed", who);
        break;
    }
}

/* The error record of a job the fault `first` hit, after the retry's
 * fault `again`. */
static void fault_record(assay_isolated *iso, assay_isolated_job *job,
                         const fault *first, const fault *again,
                         assay_buffer *out)
{
    char a[400], b[400], msg[1024];
    describe(iso, first, a, sizeof a);
    describe(iso, again, b, sizeof b);
    if (strcmp(a, b) == 0)
        snprintf(msg, sizeof msg,
                 "line %zu: %s on this record, and again when retried in a "
                 "fresh worker process; fix the plugin, or debug it with "
                 "--in-process",
                 job->line, a);
    else
        snprintf(msg, sizeof msg,
                 "line %zu: %s on this record; retried in a fresh worker "
                 "process, %s",
                 job->line, a, b);
    assay_record rec;
    char err[256];
    assay_record_parse(&rec, job->text, job->len, job->line, err, sizeof err);
    job->out_off = out->len;
    assay_output_scored_error(out, rec.id, job->line, iso->limits.part, msg);
    assay_record_free(&rec);
    job->out_len = out->len - job->out_off;
    job->is_error = 1;
}

void assay_isolated_run(assay_isolated *iso, assay_isolated_job *jobs,
                        size_t n, assay_buffer *out)
{
    size_t i = 0;
    /* A fault that hit jobs[blamed] after answers the child had not sent:
     * those jobs run again first, then it has its retry. */
    size_t blamed = SIZE_MAX;
    fault first, again, f;
    while (i < n) {
        if (i != blamed) {
            size_t limit = blamed == SIZE_MAX ? n - i : blamed - i;
            size_t answered = run_some(iso, jobs + i, limit, out, &f);
            i += answered;
            if (f.kind == FAULT_NONE)
                continue;
            atomic_fetch_add(&replacements, 1);
            first = f;
            if (f.kind != FAULT_START && f.job > answered) {
                blamed = i + (f.job - answered);
                continue;
            }
        }
        blamed = SIZE_MAX;
        /* The fault may not be the record's own (memory another record
         * took, a state the plugin got into): one more try, alone. */
        if (first.kind != FAULT_START &&
            run_some(iso, jobs + i, 1, out, &again) == 1) {
            char a[400];
            describe(iso, &first, a, sizeof a);
            fprintf(stderr,
                    "assay: line %zu: %s; retried in a fresh worker process, "
                    "it succeeded\n",
                    jobs[i].line, a);
        } else {
            if (first.kind == FAULT_START)
                again = first;
            else
                atomic_fetch_add(&replacements, 1);
            fault_record(iso, &jobs[i], &first, &again, out);
        }
        i++;
    }
}
