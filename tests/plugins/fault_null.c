/* Hands the host NULL for ctx, path, rule id and reason on the record
 * whose "fault" is "null". */
#define FAULT_NAME "fault_null"
#define FAULT_TRIGGER "null"
#include "fault_plugin.h"

static void fault_action(assay_ctx *ctx)
{
    double v;
    const char *s;
    host->has(NULL, "x");
    host->has(ctx, NULL);
    host->get_number(ctx, NULL, &v);
    host->get_number(NULL, "x", &v);
    host->get_number(ctx, "x", NULL);
    host->get_string(ctx, NULL, &s);
    host->finding(NULL, FAULT_NAME ".rule", 0.5, 1.0, "x");
    host->finding(ctx, FAULT_NAME ".rule", 0.5, 1.0, NULL);
    host->fail(ctx, FAULT_NAME ".rule", NULL);
    host->veto(ctx, NULL, NULL);
}
