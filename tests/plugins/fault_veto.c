/* Vetoes and flags under rule ids it never declared on the record whose
 * "fault" is "veto". */
#define FAULT_NAME "fault_veto"
#define FAULT_TRIGGER "veto"
#include "fault_plugin.h"

static void fault_action(assay_ctx *ctx)
{
    host->veto(ctx, "fault_veto.undeclared", "vetoed without a rule");
    host->flag(ctx, "fault_veto.other", "flagged without a rule");
}
