#include "lua/lua_text.h"

#include <lauxlib.h>

#include "lua/sandbox.h"
#include "util/buffer.h"

enum { SEPARATOR, LETTER, ALONE };

/* The code point of the valid UTF-8 sequence of k bytes at s. */
static unsigned long code_point(const unsigned char *s, size_t k)
{
    static const unsigned char lead_mask[] = {0, 0x7F, 0x1F, 0x0F, 0x07};
    unsigned long c = s[0] & lead_mask[k];
    for (size_t i = 1; i < k; i++)
        c = (c << 6) | (s[i] & 0x3F);
    return c;
}

static int class_of(unsigned long c)
{
    if (c < 0x80)
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                       (c >= 'A' && c <= 'Z')
                   ? LETTER
                   : SEPARATOR;
    /* Latin-1 punctuation, general punctuation, CJK punctuation and
     * fullwidth forms separate words. */
    if (c <= 0xBF || (c >= 0x2000 && c <= 0x206F) ||
        (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF))
        return SEPARATOR;
    /* CJK radicals and ideographs, kana, hangul syllables. */
    if ((c >= 0x2E80 && c <= 0x2FFF) || (c >= 0x3040 && c <= 0x9FFF) ||
        (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0xF900 && c <= 0xFAFF) ||
        (c >= 0x20000 && c <= 0x3FFFF))
        return ALONE;
    return LETTER;
}

size_t assay_text_words(const char *text, size_t len, assay_word *words,
                        size_t max)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t count = 0, i = 0;
    long open = -1; /* start of the word being read */
    while (i <= len) {
        size_t k;
        int cls;
        if (i < len && s[i] < 0x80) { /* most text: no decoding */
            k = 1;
            cls = class_of(s[i]);
        } else {
            k = i < len ? assay_utf8_sequence_length(s + i, len - i) : 0;
            cls = k ? class_of(code_point(s + i, k)) : SEPARATOR;
        }
        if (open >= 0 && cls != LETTER) {
            if (count < max)
                words[count] = (assay_word){(size_t)open, i - (size_t)open};
            count++;
            open = -1;
        }
        if (cls == LETTER && open < 0)
            open = (long)i;
        if (cls == ALONE) {
            if (count < max)
                words[count] = (assay_word){i, k};
            count++;
        }
        i += k ? k : 1;
    }
    return count;
}

static int same_word(const char *a, size_t la, const char *b, size_t lb)
{
    if (la != lb)
        return 0;
    for (size_t i = 0; i < la; i++) {
        unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
        if (x >= 'A' && x <= 'Z')
            x = (unsigned char)(x + 32);
        if (y >= 'A' && y <= 'Z')
            y = (unsigned char)(y + 32);
        if (x != y)
            return 0;
    }
    return 1;
}

/* 1 when the n term words stand one after another in the text's words. */
static int follows(const char *text, const assay_word *tw, size_t tn,
                   const char *term, const assay_word *w, size_t n)
{
    if (n == 0 || n > tn)
        return 0;
    for (size_t i = 0; i + n <= tn; i++) {
        size_t k = 0;
        while (k < n && same_word(text + tw[i + k].start, tw[i + k].len,
                                  term + w[k].start, w[k].len))
            k++;
        if (k == n)
            return 1;
    }
    return 0;
}

/* The words of text: in local (room for local_max words) when they fit,
 * else in a Lua userdata left on the stack (so the memory cap holds);
 * *pushed says which. NULL when there are none. A term is a few words and
 * a description a few dozen, so the common call allocates nothing. */
static assay_word *split(lua_State *L, const char *text, size_t len,
                         size_t *n, assay_word *local, size_t local_max,
                         int *pushed)
{
    *pushed = 0;
    if (len > 1024)
        assay_sandbox_charge(L, (long)(len / 16), "mentions");
    *n = assay_text_words(text, len, local, local_max);
    if (*n == 0)
        return NULL;
    if (*n <= local_max)
        return local;
    assay_word *w = lua_newuserdatauv(L, *n * sizeof *w, 0);
    assay_text_words(text, len, w, *n);
    *pushed = 1;
    return w;
}

int assay_lua_mentions(lua_State *L)
{
    if (lua_isnoneornil(L, 1)) {
        lua_pushnil(L);
        return 1;
    }
    size_t len;
    const char *text = luaL_checklstring(L, 1, &len);
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_Integer n = luaL_len(L, 2);
    int base = lua_gettop(L), text_pushed, term_pushed;
    size_t tn;
    assay_word text_words[128], term_words[16];
    assay_word *tw = split(L, text, len, &tn, text_words, 128, &text_pushed);
    for (lua_Integer i = 1; i <= n; i++) {
        if (i % 64 == 0) /* a __len can claim any length */
            assay_sandbox_charge(L, 256, "mentions");
        lua_geti(L, 2, i);
        size_t term_len;
        const char *term = lua_tolstring(L, -1, &term_len);
        if (!term)
            return luaL_error(L, "mentions: terms[%d] must be a string",
                              (int)i);
        size_t wn;
        assay_word *w =
            split(L, term, term_len, &wn, term_words, 16, &term_pushed);
        if (tn > 256)
            assay_sandbox_charge(L, (long)(tn / 4), "mentions");
        if (follows(text, tw, tn, term, w, wn)) {
            lua_geti(L, 2, i);
            return 1;
        }
        lua_settop(L, base + text_pushed);
    }
    lua_pushnil(L);
    return 1;
}
