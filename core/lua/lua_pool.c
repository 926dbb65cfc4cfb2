#include "lua/lua_pool.h"

#include <stdlib.h>
#include <string.h>

#if defined(__SANITIZE_ADDRESS__)
#define POOL_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define POOL_UNDER_ASAN 1
#endif
#endif

#define CHUNK_BYTES (64u << 10)

struct assay_lua_pool_chunk {
    assay_lua_pool_chunk *next;
    /* Keeps the blocks after it 16-byte aligned. */
    _Alignas(16) char blocks[];
};

void assay_lua_pool_init(assay_lua_pool *pool)
{
    memset(pool, 0, sizeof *pool);
}

void assay_lua_pool_free(assay_lua_pool *pool)
{
    while (pool->chunks) {
        assay_lua_pool_chunk *next = pool->chunks->next;
        free(pool->chunks);
        pool->chunks = next;
    }
    memset(pool, 0, sizeof *pool);
}

#ifndef POOL_UNDER_ASAN

/* The class of a block of 1..ASSAY_LUA_POOL_MAX bytes: 16 bytes a step. */
static size_t class_of(size_t size)
{
    return (size - 1) / 16;
}

static void *take(assay_lua_pool *pool, size_t size)
{
    size_t c = class_of(size);
    void *block = pool->free_blocks[c];
    if (block) {
        memcpy(&pool->free_blocks[c], block, sizeof block);
        return block;
    }
    size_t bytes = (c + 1) * 16;
    if ((size_t)(pool->limit - pool->next) < bytes) {
        assay_lua_pool_chunk *chunk =
            malloc(sizeof *chunk + CHUNK_BYTES);
        if (!chunk)
            return NULL;
        chunk->next = pool->chunks;
        pool->chunks = chunk;
        pool->next = chunk->blocks;
        pool->limit = chunk->blocks + CHUNK_BYTES;
    }
    block = pool->next;
    pool->next += bytes;
    return block;
}

static void give_back(assay_lua_pool *pool, void *block, size_t size)
{
    size_t c = class_of(size);
    memcpy(block, &pool->free_blocks[c], sizeof block);
    pool->free_blocks[c] = block;
}

void *assay_lua_pool_realloc(assay_lua_pool *pool, void *ptr, size_t old,
                             size_t size)
{
    int old_small = ptr && old <= ASSAY_LUA_POOL_MAX;
    int new_small = size && size <= ASSAY_LUA_POOL_MAX;
    if (size == 0) {
        if (old_small)
            give_back(pool, ptr, old);
        else
            free(ptr);
        return NULL;
    }
    if (ptr && !old_small && !new_small)
        return realloc(ptr, size);
    if (old_small && new_small && class_of(old) == class_of(size))
        return ptr;
    void *block = new_small ? take(pool, size) : malloc(size);
    if (!block)
        return NULL;
    if (ptr) {
        memcpy(block, ptr, old < size ? old : size);
        if (old_small)
            give_back(pool, ptr, old);
        else
            free(ptr);
    }
    return block;
}

#else

void *assay_lua_pool_realloc(assay_lua_pool *pool, void *ptr, size_t old,
                             size_t size)
{
    (void)pool;
    (void)old;
    if (size == 0) {
        free(ptr);
        return NULL;
    }
    return realloc(ptr, size);
}

#endif
