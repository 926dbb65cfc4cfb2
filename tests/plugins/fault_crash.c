/* Dereferences NULL on the record whose "fault" is "crash". */
#define FAULT_NAME "fault_crash"
#define FAULT_TRIGGER "crash"
#include "fault_plugin.h"

static void fault_action(assay_ctx *ctx)
{
    (void)ctx;
    volatile int *nowhere = NULL;
    *nowhere = 1;
}
