/* The rule tokenizer behind mentions(): words, separators, CJK. */
#include <string.h>

#include "lua/lua_text.h"
#include "test_support.h"

/* The words of text joined by "|". */
static const char *words_of(const char *text)
{
    static char out[512];
    assay_word w[32];
    size_t n = assay_text_words(text, strlen(text), w, 32);
    out[0] = '\0';
    for (size_t i = 0; i < n && i < 32; i++) {
        if (i)
            strcat(out, "|");
        strncat(out, text + w[i].start, w[i].len);
    }
    return out;
}

START_TEST(ascii_words_split_at_punctuation_and_spaces)
{
    ck_assert_str_eq(words_of("Car-sharing, for L2+ cars!"),
                     "Car|sharing|for|L2|cars");
    ck_assert_str_eq(words_of("driver's  cabin"), "driver|s|cabin");
    ck_assert_str_eq(words_of(""), "");
    ck_assert_str_eq(words_of(" ,.;"), "");
}
END_TEST

START_TEST(accented_letters_stay_inside_a_word)
{
    ck_assert_str_eq(words_of("Fußgängererkennung, München"),
                     "Fußgängererkennung|München");
    ck_assert_str_eq(words_of("«voiture» — autonome…"), "voiture|autonome");
}
END_TEST

START_TEST(each_cjk_character_is_a_word)
{
    ck_assert_str_eq(words_of("车联网，C-V2X模组"), "车|联|网|C|V2X|模|组");
}
END_TEST

START_TEST(bytes_that_are_not_utf8_separate_words)
{
    ck_assert_str_eq(words_of("car\xff" "care"), "car|care");
}
END_TEST

START_TEST(count_is_returned_even_past_max)
{
    assay_word w[2];
    ck_assert_uint_eq(assay_text_words("a b c d", 7, w, 2), 4);
    ck_assert_uint_eq(w[1].start, 2);
    ck_assert_uint_eq(w[1].len, 1);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("lua_text");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, ascii_words_split_at_punctuation_and_spaces);
    tcase_add_test(tc, accented_letters_stay_inside_a_word);
    tcase_add_test(tc, each_cjk_character_is_a_word);
    tcase_add_test(tc, bytes_that_are_not_utf8_separate_words);
    tcase_add_test(tc, count_is_returned_even_past_max);
    suite_add_tcase(s, tc);
    return ts_run(s);
}
