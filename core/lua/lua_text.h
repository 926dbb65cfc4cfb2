/* Text matching for rules: mentions(text, terms), by whole words.
 *
 * The tokenizer: a word is a run of ASCII letters and digits and non-ASCII
 * letters (any UTF-8 character from U+0080 that is not a CJK ideograph,
 * kana or hangul syllable); each CJK ideograph, kana or hangul syllable is
 * a word by itself, since those scripts are written without spaces.
 * Everything else (spaces, punctuation, hyphens, apostrophes, bytes that
 * are not UTF-8) separates words. ASCII letters compare without case;
 * other characters compare as they are. A term is tokenized the same way
 * and matches where its words stand one after another in the text, so
 * "car" matches "a car," and "Car-sharing" but not "care" or "scar", and
 * "electric vehicle" matches "Electric  vehicle" but not "electric
 * vehicles" (another word: a rule lists the forms it accepts). */
#ifndef ASSAY_LUA_TEXT_H
#define ASSAY_LUA_TEXT_H

#include <stddef.h>

#include <lua.h>

/* One word of a text: where it starts and its length, in bytes. */
typedef struct assay_word {
    size_t start, len;
} assay_word;

/* Splits text[0..len) into words as above, into words (at most max);
 * returns how many there are (which may exceed max). */
size_t assay_text_words(const char *text, size_t len, assay_word *words,
                        size_t max);

/* mentions(text, terms): the first term of the list that text mentions,
 * or nil; nil too when text is nil. The Lua rule helper. */
int assay_lua_mentions(lua_State *L);

#endif
