/* Top-level members of a JSON object's text, found without parsing. */
#include <string.h>

#include "util/json_members.h"
#include "test_support.h"

static assay_json_member m[8];

static size_t members_of(const char *text)
{
    return assay_json_members(text, strlen(text), m, 8);
}

static const char *value_of(size_t n, const char *key)
{
    static char out[256];
    const assay_json_member *v = assay_json_member_find(m, n, key);
    if (!v)
        return "(none)";
    memcpy(out, v->value, v->value_len);
    out[v->value_len] = '\0';
    return out;
}

START_TEST(members_and_their_values_as_written)
{
    size_t n = members_of("{\"id\":\"A\",\"line\":3,\"domains\":{\"ai\":0.5,"
                          "\"x\":1},\"findings\":[{\"reason\":\"a, \\\"b\\\""
                          " ]}\"}],\"flags\":[],\"ok\":true,\"v\":null}");
    ck_assert_uint_eq(n, 7);
    ck_assert_str_eq(value_of(n, "id"), "\"A\"");
    ck_assert_str_eq(value_of(n, "line"), "3");
    ck_assert_str_eq(value_of(n, "domains"), "{\"ai\":0.5,\"x\":1}");
    ck_assert_str_eq(value_of(n, "findings"),
                     "[{\"reason\":\"a, \\\"b\\\" ]}\"}]");
    ck_assert_str_eq(value_of(n, "flags"), "[]");
    ck_assert_str_eq(value_of(n, "ok"), "true");
    ck_assert_str_eq(value_of(n, "v"), "null");
    ck_assert_str_eq(value_of(n, "vetoes"), "(none)");
}
END_TEST

START_TEST(whitespace_between_tokens_is_not_part_of_a_value)
{
    size_t n = members_of(" { \"a\" : [ 1 , 2 ] ,\n\t\"b\":  -1.5e3  } ");
    ck_assert_uint_eq(n, 2);
    ck_assert_str_eq(value_of(n, "a"), "[ 1 , 2 ]");
    ck_assert_str_eq(value_of(n, "b"), "-1.5e3");
    ck_assert_uint_eq(members_of("{}"), 0);
    ck_assert_str_eq(value_of(members_of("{\"k\":\"\xc3\xa9\"}"), "k"),
                     "\"\xc3\xa9\"");
}
END_TEST

START_TEST(text_that_cannot_be_copied_as_it_is)
{
    const size_t no = (size_t)-1;
    ck_assert_uint_eq(members_of("[1]"), no);                /* not an object */
    ck_assert_uint_eq(members_of("{\"\\u0069d\":1}"), no);   /* escaped key */
    ck_assert_uint_eq(members_of("{\"a\":\"\xff\"}"), no);   /* not UTF-8 */
    ck_assert_uint_eq(members_of("{\"a\":\"x\ty\"}"), no);   /* control byte */
    ck_assert_uint_eq(members_of("{\"a\":1} x"), no);        /* trailing text */
    ck_assert_uint_eq(members_of("{\"a\":[1}"), no);         /* unbalanced */
    ck_assert_uint_eq(members_of("{\"a\":}"), no);           /* no value */
    ck_assert_uint_eq(members_of("{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,"
                                 "\"f\":6,\"g\":7,\"h\":8,\"i\":9}"),
                      no); /* more than max */
}
END_TEST

int main(void)
{
    Suite *s = suite_create("json_members");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, members_and_their_values_as_written);
    tcase_add_test(tc, whitespace_between_tokens_is_not_part_of_a_value);
    tcase_add_test(tc, text_that_cannot_be_copied_as_it_is);
    suite_add_tcase(s, tc);
    return ts_run(s);
}
