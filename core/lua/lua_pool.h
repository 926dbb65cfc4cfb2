/* Small blocks for one Lua state. A record's evaluation makes and drops
 * tens of small Lua objects (strings of reasons, proxies, tables), and
 * glibc's malloc, realloc and free cost several times what a free list
 * a size does. Blocks of up to ASSAY_LUA_POOL_MAX bytes come from lists
 * of freed blocks of their size class, or from 64 KiB chunks; larger ones
 * from malloc. Freed small blocks are kept for the state until it closes
 * (the sandbox's memory cap still counts only blocks in use). Under
 * AddressSanitizer every block is malloc's, so that it still sees each
 * use after free. */
#ifndef ASSAY_LUA_POOL_H
#define ASSAY_LUA_POOL_H

#include <stddef.h>

#define ASSAY_LUA_POOL_MAX 256
#define ASSAY_LUA_POOL_CLASSES (ASSAY_LUA_POOL_MAX / 16)

typedef struct assay_lua_pool_chunk assay_lua_pool_chunk;

typedef struct assay_lua_pool {
    void *free_blocks[ASSAY_LUA_POOL_CLASSES];
    assay_lua_pool_chunk *chunks;
    char *next, *limit; /* the unused part of the newest chunk */
} assay_lua_pool;

void assay_lua_pool_init(assay_lua_pool *pool);
/* Releases every chunk: after lua_close, which frees each block first. */
void assay_lua_pool_free(assay_lua_pool *pool);

/* A lua_Alloc's work: ptr's block of old bytes (0 when ptr is NULL)
 * resized to size bytes, or freed when size is 0 (then NULL). NULL when
 * out of memory, with ptr's block as it was. */
void *assay_lua_pool_realloc(assay_lua_pool *pool, void *ptr, size_t old,
                             size_t size);

#endif
