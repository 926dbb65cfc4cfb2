/* Declared inputs: which field paths are accepted, and when a field counts
 * as present (the host skips a rule none of whose fields is). */
#include <check.h>

#include "engine/inputs.h"
#include "test_support.h"

static const char record[] =
    "{\"id\":\"A\",\"team\":{\"size\":5,\"phd\":null},\"tech\":[\"5G\",null],"
    "\"name\":\"x\",\"1\":{\"a\":true},\"empty\":{}}";

/* 1 if path finds a node in the record above. */
static int present(const char *path)
{
    cJSON *root = cJSON_Parse(record);
    assay_field_path fp;
    ck_assert_int_eq(assay_field_path_init(&fp, path), 0);
    int found = assay_field_path_find(&fp, root) != NULL;
    assay_field_path_free(&fp);
    cJSON_Delete(root);
    return found;
}

START_TEST(paths_are_dotted_steps_of_one_byte_or_more)
{
    ck_assert(assay_input_path_valid("team.size", 9));
    ck_assert(assay_input_path_valid("tech.1", 6));
    ck_assert(assay_input_path_valid("a", 1));
    ck_assert(!assay_input_path_valid("", 0));
    ck_assert(!assay_input_path_valid(".a", 2));
    ck_assert(!assay_input_path_valid("a.", 2));
    ck_assert(!assay_input_path_valid("a..b", 4));
    ck_assert(!assay_input_path_valid("a\0b", 3));
    assay_field_path fp;
    ck_assert_int_ne(assay_field_path_init(&fp, "a..b"), 0);
}
END_TEST

START_TEST(a_field_is_present_unless_missing_or_null)
{
    ck_assert(present("team.size"));
    ck_assert(present("team"));
    ck_assert(present("empty"));
    ck_assert(!present("team.phd"));      /* null */
    ck_assert(!present("team.years"));    /* missing */
    ck_assert(!present("name.first"));    /* through a string */
    ck_assert(!present("team.size.unit")); /* through a number */
    ck_assert(!present("nothing.at.all"));
}
END_TEST

START_TEST(a_number_step_indexes_an_array_from_1_or_names_a_member)
{
    ck_assert(present("tech.1"));
    ck_assert(!present("tech.2")); /* null */
    ck_assert(!present("tech.3"));
    ck_assert(!present("tech.0"));
    ck_assert(!present("tech.first"));
    ck_assert(present("1.a"));
}
END_TEST

START_TEST(type_names_round_trip)
{
    ck_assert_str_eq(assay_input_type_name(ASSAY_INPUT_NUMBER), "number");
    ck_assert_int_eq(assay_input_type_of("boolean"), ASSAY_INPUT_BOOLEAN);
    ck_assert_int_eq(assay_input_type_of("any"), ASSAY_INPUT_ANY);
    ck_assert_int_eq(assay_input_type_of("integer"), -1);
    ck_assert_ptr_null(assay_input_type_name((assay_input_type)99));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("inputs");
    TCase *tc = tcase_create("inputs");
    tcase_add_test(tc, paths_are_dotted_steps_of_one_byte_or_more);
    tcase_add_test(tc, a_field_is_present_unless_missing_or_null);
    tcase_add_test(tc, a_number_step_indexes_an_array_from_1_or_names_a_member);
    tcase_add_test(tc, type_names_round_trip);
    suite_add_tcase(s, tc);
    return ts_run(s);
}
