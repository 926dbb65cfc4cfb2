#include "util/line_encoding.h"

#include <string.h>

int assay_line_wide_encoding(const char *text, size_t len)
{
    const unsigned char *u = (const unsigned char *)text;
    if (len >= 4 && ((u[0] == 0xFF && u[1] == 0xFE && !u[2] && !u[3]) ||
                     (!u[0] && !u[1] && u[2] == 0xFE && u[3] == 0xFF)))
        return 32;
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) ||
                     (u[0] == 0xFE && u[1] == 0xFF)))
        return 16;
    if (len == 0)
        return 0;
    size_t nul[2] = {0, 0};
    for (size_t i = 0; i < len; i++)
        nul[i & 1] += !u[i];
    size_t most = nul[0] > nul[1] ? nul[0] : nul[1];
    size_t least = nul[0] > nul[1] ? nul[1] : nul[0];
    /* UTF-32: three NULs in four bytes, on both parities. */
    if ((nul[0] + nul[1]) * 3 >= len * 2 && least * 2 >= most)
        return 32;
    /* UTF-16: most of one parity's bytes NUL (the high bytes of ASCII
     * characters), few of the other (the low bytes of characters such as
     * U+4E00). */
    if (most * 4 >= len && least * 4 <= most)
        return 16;
    return 0;
}

size_t assay_line_cr_pieces(const char *text, size_t len)
{
    size_t pieces = 0;
    int blank = 1;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || text[i] == '\r') {
            pieces += !blank;
            blank = 1;
        } else if (text[i] != ' ' && text[i] != '\t') {
            blank = 0;
        }
    }
    return memchr(text, '\r', len) ? pieces : 0;
}
