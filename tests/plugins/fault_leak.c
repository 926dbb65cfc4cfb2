/* Leaks 64 KiB, touched, on every record. */
#define FAULT_NAME "fault_leak"
#define FAULT_TRIGGER "never"
#define FAULT_EVERY_CALL leak()
static void leak(void);
#include "fault_plugin.h"

/* Volatile, so the compiler cannot drop the allocation. */
static char *volatile last;

static void leak(void)
{
    last = malloc(64 << 10);
    if (last)
        memset(last, 1, 64 << 10);
}

static void fault_action(assay_ctx *ctx)
{
    (void)ctx;
}
