/* The run of plain bytes inside a JSON string, skipped eight at a time:
 * the scanners of assay decide (decide/scored_record_scan.c,
 * util/json_members.c) spend most of their time in the reasons of
 * findings, long strings of plain ASCII. */
#ifndef ASSAY_JSON_STRING_RUN_H
#define ASSAY_JSON_STRING_RUN_H

#include <stdint.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* The first byte at or after p, before end, that is a quote, a backslash,
 * a control character or (when stop_high) a byte of 0x80 or more; end
 * when there is none. */
static inline const char *assay_json_string_run(const char *p,
                                                const char *end,
                                                int stop_high)
{
    const uint64_t ones = UINT64_C(0x0101010101010101);
    const uint64_t highs = UINT64_C(0x8080808080808080);
    const uint64_t high_mask = stop_high ? highs : 0;
#if defined(__SSE2__)
    /* Sixteen at a time where the target has SSE2 (every x86-64): a third
     * of the instructions of the word loop below, which does the rest. */
    const __m128i quote16 = _mm_set1_epi8('"'), backslash16 =
                                                   _mm_set1_epi8('\\');
    const __m128i control16 = _mm_set1_epi8(0x1f);
    while (end - p >= 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
        /* x <= 0x1f, unsigned, is max(x, 0x1f) == 0x1f. */
        __m128i hit = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(x, quote16),
                         _mm_cmpeq_epi8(x, backslash16)),
            _mm_cmpeq_epi8(_mm_max_epu8(x, control16), control16));
        unsigned mask = (unsigned)_mm_movemask_epi8(hit);
        if (stop_high)
            mask |= (unsigned)_mm_movemask_epi8(x);
        if (mask)
            return p + __builtin_ctz(mask);
        p += 16;
    }
#endif
    while (end - p >= 8) {
        uint64_t x;
        memcpy(&x, p, 8);
        uint64_t quote = x ^ (ones * '"'), backslash = x ^ (ones * '\\');
        /* A byte is zero, or below 0x20, where its high bit is set here;
         * a borrow can set bits above the first such byte but never below
         * it, so the lowest bit set is exactly the first byte to stop at
         * (little-endian: the lowest bits are the first byte). */
        uint64_t hit = (((quote - ones) & ~quote) |
                        ((backslash - ones) & ~backslash) |
                        ((x - ones * 0x20) & ~x) | (x & high_mask)) &
                       highs;
        if (hit) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
            return p + (__builtin_ctzll(hit) >> 3);
#else
            break;
#endif
        }
        p += 8;
    }
    for (; p < end; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '"' || c == '\\' || c < 0x20 || (stop_high && c >= 0x80))
            break;
    }
    return p;
}

#endif
