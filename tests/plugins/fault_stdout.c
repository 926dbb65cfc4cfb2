/* Writes garbage to stdout on every record. */
#define FAULT_NAME "fault_stdout"
#define FAULT_TRIGGER "never"
#define FAULT_EVERY_CALL (fputs("garbage from a plugin\n", stdout), fflush(stdout))
#include "fault_plugin.h"

static void fault_action(assay_ctx *ctx)
{
    (void)ctx;
}
