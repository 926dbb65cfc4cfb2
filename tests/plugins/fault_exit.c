/* Calls exit(0) on the record whose "fault" is "exit". */
#define FAULT_NAME "fault_exit"
#define FAULT_TRIGGER "exit"
#include "fault_plugin.h"

static void fault_action(assay_ctx *ctx)
{
    (void)ctx;
    exit(0);
}
