/* Recognising UTF-16, UTF-32 and CR-only line endings in refused lines. */
#include <string.h>

#include "util/line_encoding.h"
#include "test_support.h"

#define WIDE(lit) assay_line_wide_encoding(lit, sizeof lit - 1)
#define PIECES(lit) assay_line_cr_pieces(lit, sizeof lit - 1)

START_TEST(byte_order_marks_name_the_encoding)
{
    ck_assert_int_eq(WIDE("\xff\xfe{\0"), 16);
    ck_assert_int_eq(WIDE("\xfe\xff\0{"), 16);
    ck_assert_int_eq(WIDE("\xff\xfe\0\0{\0\0\0"), 32);
    ck_assert_int_eq(WIDE("\0\0\xfe\xff\0\0\0{"), 32);
}
END_TEST

START_TEST(nuls_between_the_characters_are_utf16_or_utf32)
{
    ck_assert_int_eq(WIDE("{\0\"\0i\0d\0\"\0"), 16);     /* LE, line 1 */
    ck_assert_int_eq(WIDE("\0{\0\"\0i\0d\0\"\0:"), 16);  /* BE, or LE after */
    ck_assert_int_eq(WIDE("\0"), 16);                    /* the last NUL */
    ck_assert_int_eq(WIDE("\0{\0\"\0a\0\"\0:\0\"\x4e\0\0\x4e\0\"\0}"),
                     16); /* BE with U+4E00 and U+004E */
    ck_assert_int_eq(WIDE("{\0\0\0\"\0\0\0i\0\0\0"), 32);
    ck_assert_int_eq(WIDE("\0\0\0{\0\0\0\"\0\0\0i"), 32);
}
END_TEST

START_TEST(a_stray_nul_in_utf8_text_is_no_encoding)
{
    ck_assert_int_eq(WIDE("{\"id\":\"N3\",\0\"x\":1}"), 0);
    ck_assert_int_eq(WIDE("{\"id\":\"N3\"}"), 0);
    ck_assert_int_eq(assay_line_wide_encoding("", 0), 0);
}
END_TEST

START_TEST(cr_pieces_count_the_records_a_cr_separates)
{
    ck_assert_uint_eq(PIECES("{\"id\":\"A\"}\r{\"id\":\"B\"}\r{\"id\":\"C\"}"), 3);
    ck_assert_uint_eq(PIECES("{\"id\":\"A\"}\r \r\t\r{\"id\":\"B\"}\r"), 2);
    ck_assert_uint_eq(PIECES("{\"id\":\r\"A\"}"), 2);
    ck_assert_uint_eq(PIECES("{\"id\":\"A\"}\r"), 1);
    ck_assert_uint_eq(PIECES("{\"id\":\"A\"}"), 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("line_encoding");
    TCase *tc = tcase_create("line_encoding");
    tcase_add_test(tc, byte_order_marks_name_the_encoding);
    tcase_add_test(tc, nuls_between_the_characters_are_utf16_or_utf32);
    tcase_add_test(tc, a_stray_nul_in_utf8_text_is_no_encoding);
    tcase_add_test(tc, cr_pieces_count_the_records_a_cr_separates);
    suite_add_tcase(s, tc);
    return ts_run(s);
}
