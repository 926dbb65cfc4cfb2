/* Scores are formatted without printf on the hot path; the text must be
 * exactly what "%.4f" of the score rounded to 4 decimals gives, trailing
 * zeros trimmed, for every value. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buffer.h"
#include "test_support.h"

/* The reference: the formatting the fast path replaced. */
static void reference(char *out, size_t size, double v)
{
    int n = snprintf(out, size, "%.4f", assay_round_score(v));
    while (n > 1 && out[n - 1] == '0')
        n--;
    if (out[n - 1] == '.')
        n--;
    out[n] = '\0';
    if (strcmp(out, "-0") == 0)
        strcpy(out, "0");
}

static void check(double v)
{
    char want[512];
    reference(want, sizeof want, v);
    assay_buffer b;
    assay_buffer_init(&b);
    assay_json_score(&b, v);
    ck_assert_msg(strcmp(assay_buffer_cstr(&b), want) == 0,
                  "%.17g: got %s, want %s", v, assay_buffer_cstr(&b), want);
    assay_buffer_free(&b);
}

START_TEST(matches_printf_on_every_ten_thousandth_and_halfway)
{
    for (int k = -20000; k <= 20000; k++) {
        check(k / 10000.0);
        check((k + 0.5) / 10000.0);
    }
}
END_TEST

START_TEST(matches_printf_on_random_values_of_every_magnitude)
{
    srand(7);
    for (int i = 0; i < 200000; i++) {
        double mantissa = (double)rand() / RAND_MAX * 2 - 1;
        check(mantissa * pow(10, i % 20 - 4));
    }
}
END_TEST

START_TEST(matches_printf_beyond_the_fast_path)
{
    check(1e15);
    check(-123456789012345.67);
    check(1e300);
    check(-1e300);
}
END_TEST

START_TEST(writes_whole_numbers)
{
    assay_buffer b;
    assay_buffer_init(&b);
    assay_json_uint(&b, 0);
    assay_buffer_putc(&b, ' ');
    assay_json_uint(&b, 1234567890123ull);
    ck_assert_str_eq(assay_buffer_cstr(&b), "0 1234567890123");
    assay_buffer_free(&b);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("score_format");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, matches_printf_on_every_ten_thousandth_and_halfway);
    tcase_add_test(tc, matches_printf_on_random_values_of_every_magnitude);
    tcase_add_test(tc, matches_printf_beyond_the_fast_path);
    tcase_add_test(tc, writes_whole_numbers);
    suite_add_tcase(s, tc);
    return ts_run(s);
}
