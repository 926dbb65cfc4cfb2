/* The small-block pool behind every Lua state's allocator. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lua/lua_pool.h"
#include "test_support.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

START_TEST(blocks_are_aligned_distinct_and_hold_their_bytes)
{
    assay_lua_pool pool;
    assay_lua_pool_init(&pool);
    unsigned char *blocks[600];
    for (size_t i = 0; i < 600; i++) {
        size_t size = 1 + i % 300; /* small and large */
        blocks[i] = assay_lua_pool_realloc(&pool, NULL, 0, size);
        ck_assert_ptr_nonnull(blocks[i]);
        ck_assert_uint_eq((uintptr_t)blocks[i] % 16, 0);
        memset(blocks[i], (int)(i & 0xff), size);
    }
    for (size_t i = 0; i < 600; i++) {
        size_t size = 1 + i % 300;
        for (size_t k = 0; k < size; k++)
            ck_assert_uint_eq(blocks[i][k], i & 0xff);
        ck_assert_ptr_null(assay_lua_pool_realloc(&pool, blocks[i], size, 0));
    }
    assay_lua_pool_free(&pool);
}
END_TEST

START_TEST(resizing_keeps_the_contents_across_classes_and_malloc)
{
    assay_lua_pool pool;
    assay_lua_pool_init(&pool);
    static const size_t sizes[] = {5, 16, 17, 200, 256, 257, 5000, 300, 40, 3};
    char *p = NULL;
    size_t old = 0;
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        size_t size = sizes[i];
        p = assay_lua_pool_realloc(&pool, p, old, size);
        ck_assert_ptr_nonnull(p);
        size_t kept = old < size ? old : size;
        for (size_t k = 0; k < kept; k++)
            ck_assert_int_eq(p[k], (char)('a' + k % 26));
        for (size_t k = 0; k < size; k++)
            p[k] = (char)('a' + k % 26);
        old = size;
    }
    assay_lua_pool_realloc(&pool, p, old, 0);
    assay_lua_pool_free(&pool);
}
END_TEST

START_TEST(a_freed_block_is_reused_and_its_class_resizes_in_place)
{
#ifndef UNDER_ASAN
    assay_lua_pool pool;
    assay_lua_pool_init(&pool);
    void *a = assay_lua_pool_realloc(&pool, NULL, 0, 40);
    ck_assert_ptr_eq(assay_lua_pool_realloc(&pool, a, 40, 48), a);
    assay_lua_pool_realloc(&pool, a, 48, 0);
    ck_assert_ptr_eq(assay_lua_pool_realloc(&pool, NULL, 0, 33), a);
    void *b = assay_lua_pool_realloc(&pool, NULL, 0, 33);
    ck_assert_ptr_ne(a, b);
    assay_lua_pool_free(&pool);
#endif
}
END_TEST

int main(void)
{
    Suite *s = suite_create("lua_pool");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, blocks_are_aligned_distinct_and_hold_their_bytes);
    tcase_add_test(tc, resizing_keeps_the_contents_across_classes_and_malloc);
    tcase_add_test(tc, a_freed_block_is_reused_and_its_class_resizes_in_place);
    suite_add_tcase(s, tc);
    return ts_run(s);
}
