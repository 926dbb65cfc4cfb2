/* Plugin instances: a per-worker plugin gets one init per worker and one
 * fini per init; a thread-safe plugin is initialised once. */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_support.h"

static void *dl;
static int (*inits)(void), (*finis)(void);
static char path[4096];

static void setup(void)
{
    snprintf(path, sizeof path, "%s/per_worker.so",
             getenv("ASSAY_TEST_PLUGIN_DIR"));
    /* Held open by the test too, so the counters outlive the engine. */
    dl = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    ck_assert_msg(dl != NULL, "%s", dlerror());
    void *a = dlsym(dl, "per_worker_inits"), *b = dlsym(dl, "per_worker_finis");
    ck_assert(a && b);
    memcpy(&inits, &a, sizeof inits);
    memcpy(&finis, &b, sizeof finis);
}

static void teardown(void)
{
    dlclose(dl);
}

START_TEST(per_worker_plugin_gets_an_instance_per_worker_and_each_is_finished)
{
    char err[512];
    assay_engine *e = assay_engine_new();
    ck_assert_int_eq(assay_engine_load_plugin(e, path, NULL, err, sizeof err),
                     0);
    ck_assert_int_eq(inits(), 1); /* at load, to check the configuration */
    assay_worker *w[3];
    for (int i = 0; i < 3; i++)
        w[i] = assay_worker_new(e, err, sizeof err);
    /* the first worker takes the instance made at load */
    ck_assert_int_eq(inits(), 3);
    for (int i = 0; i < 3; i++)
        assay_worker_free(w[i]);
    ck_assert_int_eq(finis(), 2);
    assay_engine_free(e);
    ck_assert_int_eq(finis(), 3);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("plugin_instances");
    TCase *tc = tcase_create("plugin_instances");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc,
        per_worker_plugin_gets_an_instance_per_worker_and_each_is_finished);
    suite_add_tcase(s, tc);
    return ts_run(s);
}
