/* Descriptors 0, 1 and 2 closed by whoever started assay (`<&-`, `>&-`,
 * `2>&-`). Left closed, the next file opened would take one: a temporary
 * file on 0 would be read as the input, an output file on 2 would receive
 * the messages. So each closed one is opened on /dev/null first thing, in
 * the direction that fails where it matters: stdin write-only (reading it
 * fails, never reads as empty input), stdout read-only (writing fails),
 * stderr writable (messages go nowhere, the exit status still tells). */
#include <fcntl.h>
#include <unistd.h>

#include "cli/cli.h"

static unsigned closed_fds; /* bit n: descriptor n was closed at start */

void assay_cli_guard_standard_fds(void)
{
    static const int modes[3] = {O_WRONLY, O_RDONLY, O_WRONLY};
    for (int fd = 0; fd < 3; fd++) {
        if (fcntl(fd, F_GETFD) != -1)
            continue;
        closed_fds |= 1u << fd;
        /* The lowest free descriptor: this one, as those below are open. */
        int got = open("/dev/null", modes[fd]);
        if (got >= 0 && got != fd) {
            dup2(got, fd);
            close(got);
        }
    }
}

int assay_cli_standard_fd_closed(int fd)
{
    return fd >= 0 && fd < 3 && (closed_fds >> fd) & 1;
}
