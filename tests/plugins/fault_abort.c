/* Calls abort() on the record whose "fault" is "abort". */
#define FAULT_NAME "fault_abort"
#define FAULT_TRIGGER "abort"
#include "fault_plugin.h"

static void fault_action(assay_ctx *ctx)
{
    (void)ctx;
    abort();
}
