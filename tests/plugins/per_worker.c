/* A plugin whose evaluate is not thread-safe: the host must init one
 * instance per worker and fini each of them. It counts both, and gives
 * every instance the same (NULL) pointer, as stateless plugins do. */
#include "assay/plugin.h"

static int inits, finis;

ASSAY_EXPORT int per_worker_inits(void);
ASSAY_EXPORT int per_worker_inits(void)
{
    return inits;
}

ASSAY_EXPORT int per_worker_finis(void);
ASSAY_EXPORT int per_worker_finis(void)
{
    return finis;
}

static const assay_rule rules[] = {
    {ASSAY_RULE_HEADER, "per_worker.rule", NULL, 1.0, "A rule"},
};

static int init(const assay_host *h, const char *config_json,
                void **instance, char *err, size_t err_size)
{
    (void)h;
    (void)config_json;
    (void)err;
    (void)err_size;
    *instance = NULL;
    inits++;
    return 0;
}

static int evaluate(void *instance, assay_ctx *ctx)
{
    (void)instance;
    (void)ctx;
    return 0;
}

static void fini(void *instance)
{
    (void)instance;
    finis++;
}

static const assay_plugin plugin = {
    ASSAY_PLUGIN_HEADER,
    .name = "per_worker",
    .version = "1.0.0",
    .domain = "cloud",
    .thread_model = ASSAY_THREAD_PER_WORKER,
    .rules = rules,
    .rule_count = 1,
    .init = init,
    .evaluate = evaluate,
    .fini = fini,
};

ASSAY_PLUGIN_DEFINE(plugin)
