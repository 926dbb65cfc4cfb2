/* A program that embeds assay through <assay/assay.h>: loads one plugin
 * with a configuration file and evaluates one record given as an argument.
 * usage: embed PLUGIN.so CONFIG.json RECORD-JSON */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <assay/assay.h>

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    static char text[65536];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    return text;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: embed PLUGIN.so CONFIG.json RECORD-JSON\n");
        return 2;
    }
    char err[1024];
    const char *config = slurp(argv[2]);
    assay_engine *engine = assay_engine_new();
    if (!config || !engine) {
        fprintf(stderr, "embed: cannot read %s\n", argv[2]);
        return 2;
    }
    /* Configuration by name first, then the plugin that takes it. */
    if (assay_engine_set_plugin_config(engine, "cloud_readiness", config,
                                       argv[2], err, sizeof err) ||
        assay_engine_load_plugin(engine, argv[1], NULL, err, sizeof err)) {
        fprintf(stderr, "embed: %s\n", err);
        assay_engine_free(engine);
        return 2;
    }
    assay_worker *worker = assay_worker_new(engine, err, sizeof err);
    if (!worker) {
        fprintf(stderr, "embed: %s\n", err);
        assay_engine_free(engine);
        return 2;
    }
    size_t len;
    int is_error;
    const char *out = assay_worker_evaluate_line(
        worker, argv[3], strlen(argv[3]), 1, &len, &is_error);
    printf("%.*s\n", (int)len, out);
    assay_worker_free(worker);
    assay_engine_free(engine);
    return is_error;
}
