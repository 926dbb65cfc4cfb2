/* Crashes in fini, after a run that went well. */
#define FAULT_NAME "fault_fini"
#define FAULT_TRIGGER "never"
#define FAULT_FINI crash_in_fini()
static void crash_in_fini(void);
#include "fault_plugin.h"

static void crash_in_fini(void)
{
    volatile int *nowhere = NULL;
    *nowhere = 1;
}

static void fault_action(assay_ctx *ctx)
{
    (void)ctx;
}
