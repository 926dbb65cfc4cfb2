#define _GNU_SOURCE /* mremap */
#include "util/page_array.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#if defined(__SANITIZE_ADDRESS__)
#define IN_HEAP 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define IN_HEAP 1
#endif
#endif

static void out_of_memory(void)
{
    fputs("assay: out of memory\n", stderr);
    abort();
}

void *assay_page_array_grow(void *items, size_t *cap, size_t count,
                            size_t size)
{
    if (count < *cap)
        return items;
    size_t n = *cap ? *cap * 2 : 1024;
    if (size && n > SIZE_MAX / size)
        out_of_memory();
#ifdef IN_HEAP
    void *p = realloc(items, n * size);
    if (!p)
        out_of_memory();
#else
    void *p;
    if (!items) {
        p = mmap(NULL, n * size, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    } else {
#ifdef MREMAP_MAYMOVE
        p = mremap(items, *cap * size, n * size, MREMAP_MAYMOVE);
#else
        p = mmap(NULL, n * size, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p != MAP_FAILED) {
            memcpy(p, items, *cap * size);
            munmap(items, *cap * size);
        }
#endif
    }
    if (p == MAP_FAILED)
        out_of_memory();
#endif
    *cap = n;
    return p;
}

void assay_page_array_free(void *items, size_t cap, size_t size)
{
#ifdef IN_HEAP
    (void)cap;
    (void)size;
    free(items);
#else
    if (items)
        munmap(items, cap * size);
#endif
}
