#include "engine/id_set.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIRST_SLOTS 1024

void assay_id_set_init(assay_id_set *s)
{
    memset(s, 0, sizeof *s);
    assay_buffer_init(&s->keys);
}

void assay_id_set_free(assay_id_set *s)
{
    assay_buffer_free(&s->keys);
    free(s->slots);
    memset(s, 0, sizeof *s);
}

/* FNV-1a. */
static uint32_t hash_of(const char *text, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)text[i]) * 16777619u;
    return h;
}

static void *allocate(size_t count, size_t size)
{
    void *p = calloc(count, size);
    if (!p) {
        fputs("assay: out of memory\n", stderr);
        abort();
    }
    return p;
}

#define OFFSET_BITS 40
#define OFFSET_MASK ((UINT64_C(1) << OFFSET_BITS) - 1)
#define ENTRY_HEAD 16 /* line, length, hash */

static uint64_t tag_of(uint32_t hash)
{
    return (uint64_t)(hash >> 8) << OFFSET_BITS;
}

static uint32_t entry_u32(const assay_id_set *s, uint64_t at, size_t field)
{
    uint32_t v;
    memcpy(&v, s->keys.data + at + field, sizeof v);
    return v;
}

/* Linear probing: the slot holding the id, or the free slot it would take. */
static uint64_t *find(const assay_id_set *s, const char *text, size_t len,
                      uint32_t hash)
{
    size_t mask = s->slot_count - 1;
    uint64_t tag = tag_of(hash);
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        uint64_t *slot = &s->slots[i];
        if (!*slot)
            return slot;
        uint64_t at = *slot & OFFSET_MASK;
        if ((*slot & ~OFFSET_MASK) == tag && entry_u32(s, at, 8) == len &&
            memcmp(s->keys.data + at + ENTRY_HEAD, text, len) == 0)
            return slot;
    }
}

static void grow(assay_id_set *s)
{
    uint64_t *old = s->slots;
    size_t old_count = s->slot_count;
    s->slot_count = old_count ? old_count * 2 : FIRST_SLOTS;
    s->slots = allocate(s->slot_count, sizeof *s->slots);
    for (size_t i = 0; i < old_count; i++) {
        if (!old[i])
            continue;
        uint32_t hash = entry_u32(s, old[i] & OFFSET_MASK, 12);
        size_t mask = s->slot_count - 1, j = hash & mask;
        while (s->slots[j])
            j = (j + 1) & mask;
        s->slots[j] = old[i];
    }
    free(old);
}

size_t assay_id_set_add(assay_id_set *s, const char *text, size_t len,
                        size_t line)
{
    if ((s->count + 1) * 4 > s->slot_count * 3)
        grow(s);
    uint32_t hash = hash_of(text, len);
    uint64_t *slot = find(s, text, len, hash);
    if (*slot) {
        uint64_t first;
        memcpy(&first, s->keys.data + (*slot & OFFSET_MASK), sizeof first);
        return (size_t)first;
    }
    if (s->keys.len == 0)
        assay_buffer_putc(&s->keys, 0); /* offset 0 is no entry */
    uint64_t at = s->keys.len;
    /* A terabyte of ids; an id's length is bounded by the line's. */
    if (at + ENTRY_HEAD + len > OFFSET_MASK || len > UINT32_MAX) {
        fputs("assay: out of memory for the ids\n", stderr);
        abort();
    }
    uint64_t first = line;
    uint32_t len32 = (uint32_t)len;
    char head[ENTRY_HEAD];
    memcpy(head, &first, 8);
    memcpy(head + 8, &len32, 4);
    memcpy(head + 12, &hash, 4);
    assay_buffer_append(&s->keys, head, sizeof head);
    assay_buffer_append(&s->keys, text, len);
    *slot = at | tag_of(hash);
    s->count++;
    return 0;
}

int assay_output_record_id(const char *record, size_t len, const char **id,
                           size_t *id_len)
{
    static const char head[] = "{\"id\":\"";
    size_t head_len = sizeof head - 1;
    if (len < head_len || memcmp(record, head, head_len) != 0)
        return 0;
    for (size_t i = head_len; i < len; i++) {
        if (record[i] == '\\')
            i++;
        else if (record[i] == '"') {
            *id = record + head_len;
            *id_len = i - head_len;
            return 1;
        }
    }
    return 0;
}

void assay_duplicate_id_message(assay_buffer *msg, uint64_t line,
                                const char *id_text, size_t id_len,
                                int with_part, uint64_t first_part,
                                uint64_t first_line)
{
    assay_buffer_printf(msg, "line %llu: duplicate id \"",
                        (unsigned long long)line);
    assay_buffer_append(msg, id_text, id_len);
    assay_buffer_puts(msg, "\", first seen on ");
    if (with_part)
        assay_buffer_printf(msg, "part %llu ", (unsigned long long)first_part);
    assay_buffer_printf(msg, "line %llu; give each application its own id "
                             "(the first record is kept)",
                        (unsigned long long)first_line);
}
