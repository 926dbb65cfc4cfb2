/* The top-level members of a JSON object's text, found without parsing
 * it: where each key and value is, for copying values as they are
 * written. Meant for text a JSON parser has already accepted (assay
 * decide reads each scored record twice, parsing it only the first time).
 */
#ifndef ASSAY_JSON_MEMBERS_H
#define ASSAY_JSON_MEMBERS_H

#include <stddef.h>

typedef struct assay_json_member {
    const char *key; /* the key's bytes, without quotes */
    size_t key_len;
    const char *value; /* the value's text, as written */
    size_t value_len;
} assay_json_member;

/* Finds the members of the object text[0..len) into members (at most max).
 * Returns how many there are, or (size_t)-1 when the text cannot be
 * copied from as it is: not an object, a key with an escape (its bytes
 * are not its name), more than max members, or a byte that is not valid
 * UTF-8 or a control character (an output must be valid JSON and UTF-8
 * whatever the input held). */
size_t assay_json_members(const char *text, size_t len,
                          assay_json_member *members, size_t max);

/* The value of the first member named key, or NULL. */
const assay_json_member *assay_json_member_find(const assay_json_member *m,
                                                size_t n, const char *key);

#endif
