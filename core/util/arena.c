#include "util/arena.h"

#include <stdalign.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A block holds a typical record's parse tree many times over. */
#define BLOCK_SIZE (64u << 10)
/* Blocks kept across a reset; the rest are freed, so one huge record does
 * not pin its memory for the whole run. */
#define KEEP_BLOCKS 4

struct assay_arena_block {
    assay_arena_block *next;
    size_t size, used;
    alignas(max_align_t) char data[];
};

void assay_arena_init(assay_arena *a)
{
    a->first = a->current = NULL;
}

void assay_arena_free(assay_arena *a)
{
    for (assay_arena_block *b = a->first, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    assay_arena_init(a);
}

static assay_arena_block *new_block(size_t n)
{
    size_t size = n > BLOCK_SIZE ? n : BLOCK_SIZE;
    assay_arena_block *b = malloc(sizeof *b + size);
    if (!b) {
        fputs("assay: out of memory\n", stderr);
        abort();
    }
    b->next = NULL;
    b->size = size;
    b->used = 0;
    return b;
}

void *assay_arena_alloc(assay_arena *a, size_t n)
{
    n = (n + alignof(max_align_t) - 1) & ~(alignof(max_align_t) - 1);
    assay_arena_block *b = a->current;
    if (b && b->size - b->used >= n) {
        void *p = b->data + b->used;
        b->used += n;
        return p;
    }
    /* The next kept block if it is big enough, else a new one after b. */
    if (b && b->next && b->next->size >= n) {
        b = b->next;
    } else {
        assay_arena_block *fresh = new_block(n);
        if (b) {
            fresh->next = b->next;
            b->next = fresh;
        } else {
            fresh->next = a->first;
            a->first = fresh;
        }
        b = fresh;
    }
    a->current = b;
    b->used = n;
    return b->data;
}

char *assay_arena_strdup(assay_arena *a, const char *s)
{
    if (!s)
        s = "";
    size_t n = strlen(s) + 1;
    return memcpy(assay_arena_alloc(a, n), s, n);
}

void assay_arena_reset(assay_arena *a)
{
    int kept = 0;
    for (assay_arena_block **link = &a->first; *link;) {
        assay_arena_block *b = *link;
        if (kept++ < KEEP_BLOCKS) {
            b->used = 0;
            link = &b->next;
        } else {
            *link = b->next;
            free(b);
        }
    }
    a->current = a->first;
}
