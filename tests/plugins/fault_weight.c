/* Reports a finite but absurd weight, 1.7e308, on the record whose
 * "fault" is "weight". */
#define FAULT_NAME "fault_weight"
#define FAULT_TRIGGER "weight"
#include "fault_plugin.h"

static void fault_action(assay_ctx *ctx)
{
    host->finding(ctx, FAULT_NAME ".rule", 0.9, 1.7e308, "huge weight");
}
