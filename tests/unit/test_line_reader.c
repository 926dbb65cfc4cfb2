/* The line reader: line endings, the last line, NUL bytes, the length
 * limit, and lines longer than one read block. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/line_reader.h"
#include "test_support.h"

static FILE *in;
static assay_line_reader reader;
static const char *text;
static size_t len;

static void open_bytes(const char *bytes, size_t n, size_t max_line)
{
    in = fmemopen((void *)bytes, n, "rb");
    ck_assert_ptr_nonnull(in);
    assay_line_reader_init(&reader, in, max_line);
}

static void open_text(const char *s, size_t max_line)
{
    open_bytes(s, strlen(s), max_line);
}

static void teardown(void)
{
    assay_line_reader_free(&reader);
    if (in)
        fclose(in);
    in = NULL;
}

static assay_line_status next(void)
{
    return assay_line_reader_next(&reader, &text, &len);
}

static void expect_line(const char *want, size_t line)
{
    ck_assert_int_eq(next(), ASSAY_LINE_OK);
    ck_assert_uint_eq(len, strlen(want));
    ck_assert_int_eq(memcmp(text, want, len), 0);
    ck_assert_uint_eq(reader.line, line);
}

START_TEST(splits_lines_and_numbers_them_from_one)
{
    open_text("{\"id\":\"a\"}\n{\"id\":\"b\"}\n", 100);
    expect_line("{\"id\":\"a\"}", 1);
    expect_line("{\"id\":\"b\"}", 2);
    ck_assert_int_eq(next(), ASSAY_LINE_END);
    ck_assert_uint_eq(reader.consumed, 22);
}
END_TEST

START_TEST(drops_carriage_return_before_newline)
{
    open_text("ab\r\ncd\r\n", 100);
    expect_line("ab", 1);
    expect_line("cd", 2);
    ck_assert_int_eq(next(), ASSAY_LINE_END);
}
END_TEST

START_TEST(returns_last_line_without_newline)
{
    open_text("ab\ncd", 100);
    expect_line("ab", 1);
    expect_line("cd", 2);
    ck_assert_int_eq(next(), ASSAY_LINE_END);
    ck_assert_uint_eq(reader.consumed, 5);
}
END_TEST

START_TEST(returns_empty_lines_as_lines)
{
    open_text("\n\nx\n", 100);
    expect_line("", 1);
    expect_line("", 2);
    expect_line("x", 3);
    ck_assert_int_eq(next(), ASSAY_LINE_END);
}
END_TEST

START_TEST(empty_input_has_no_lines)
{
    open_text("", 100);
    ck_assert_int_eq(next(), ASSAY_LINE_END);
    ck_assert_uint_eq(reader.line, 0);
}
END_TEST

START_TEST(reports_line_with_nul_byte_whole)
{
    static const char bytes[] = "{\"id\":\"a\0b\"}\nok\n";
    open_bytes(bytes, sizeof bytes - 1, 100);
    ck_assert_int_eq(next(), ASSAY_LINE_NUL);
    ck_assert_uint_eq(len, 12);
    ck_assert_int_eq(memcmp(text, bytes, 12), 0);
    ck_assert_uint_eq(reader.line, 1);
    expect_line("ok", 2);
}
END_TEST

START_TEST(line_at_the_limit_is_read_with_or_without_cr)
{
    open_text("abcd\nabcd\r\nabcde\nz", 4);
    expect_line("abcd", 1);
    expect_line("abcd", 2);
    ck_assert_int_eq(next(), ASSAY_LINE_TOO_LONG);
    ck_assert_uint_eq(reader.line, 3);
    expect_line("z", 4);
}
END_TEST

/* n bytes: lines of `lengths` bytes of 'x' each ending in '\n'. */
static char *lines_of(const size_t *lengths, size_t count, size_t *n)
{
    size_t total = 0;
    for (size_t i = 0; i < count; i++)
        total += lengths[i] + 1;
    char *b = malloc(total);
    ck_assert_ptr_nonnull(b);
    char *p = b;
    for (size_t i = 0; i < count; i++) {
        memset(p, 'x', lengths[i]);
        p[lengths[i]] = '\n';
        p += lengths[i] + 1;
    }
    *n = total;
    return b;
}

START_TEST(line_longer_than_a_block_is_returned_whole)
{
    size_t lengths[] = {10, 3 * ASSAY_LINE_READER_BLOCK + 7, 10}, n;
    char *b = lines_of(lengths, 3, &n);
    open_bytes(b, n, 4 * ASSAY_LINE_READER_BLOCK);
    ck_assert_int_eq(next(), ASSAY_LINE_OK);
    ck_assert_int_eq(next(), ASSAY_LINE_OK);
    ck_assert_uint_eq(len, lengths[1]);
    ck_assert(text[0] == 'x' && text[len - 1] == 'x');
    ck_assert_int_eq(next(), ASSAY_LINE_OK);
    ck_assert_uint_eq(len, 10);
    ck_assert_int_eq(next(), ASSAY_LINE_END);
    ck_assert_uint_eq(reader.consumed, n);
    teardown();
    free(b);
}
END_TEST

START_TEST(line_over_the_limit_is_skipped_without_holding_it)
{
    size_t lengths[] = {5, 5 * ASSAY_LINE_READER_BLOCK, 6}, n;
    char *b = lines_of(lengths, 3, &n);
    open_bytes(b, n, 1000);
    expect_line("xxxxx", 1);
    ck_assert_int_eq(next(), ASSAY_LINE_TOO_LONG);
    ck_assert_uint_eq(reader.line, 2);
    expect_line("xxxxxx", 3);
    ck_assert_int_eq(next(), ASSAY_LINE_END);
    ck_assert_uint_le(reader.cap, 2 * ASSAY_LINE_READER_BLOCK);
    ck_assert_uint_eq(reader.consumed, n);
    teardown();
    free(b);
}
END_TEST

START_TEST(unterminated_last_line_over_the_limit_is_too_long)
{
    open_text("ok\nabcdefgh", 4);
    expect_line("ok", 1);
    ck_assert_int_eq(next(), ASSAY_LINE_TOO_LONG);
    ck_assert_uint_eq(reader.line, 2);
    ck_assert_int_eq(next(), ASSAY_LINE_END);
}
END_TEST

START_TEST(blank_means_only_spaces_tabs_and_cr)
{
    ck_assert_int_eq(assay_line_is_blank(" \t\r", 3), 1);
    ck_assert_int_eq(assay_line_is_blank("", 0), 1);
    ck_assert_int_eq(assay_line_is_blank(" {", 2), 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("line_reader");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, NULL, teardown);
    tcase_add_test(tc, splits_lines_and_numbers_them_from_one);
    tcase_add_test(tc, drops_carriage_return_before_newline);
    tcase_add_test(tc, returns_last_line_without_newline);
    tcase_add_test(tc, returns_empty_lines_as_lines);
    tcase_add_test(tc, empty_input_has_no_lines);
    tcase_add_test(tc, reports_line_with_nul_byte_whole);
    tcase_add_test(tc, line_at_the_limit_is_read_with_or_without_cr);
    tcase_add_test(tc, line_longer_than_a_block_is_returned_whole);
    tcase_add_test(tc, line_over_the_limit_is_skipped_without_holding_it);
    tcase_add_test(tc, unterminated_last_line_over_the_limit_is_too_long);
    tcase_add_test(tc, blank_means_only_spaces_tabs_and_cr);
    suite_add_tcase(s, tc);
    return ts_run(s);
}
