/* Loops for ever on the record whose "fault" is "hang". */
#define FAULT_NAME "fault_hang"
#define FAULT_TRIGGER "hang"
#include "fault_plugin.h"

static void fault_action(assay_ctx *ctx)
{
    (void)ctx;
    for (volatile int spin = 1; spin;)
        ;
}
