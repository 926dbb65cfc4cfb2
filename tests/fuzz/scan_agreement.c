#include "scan_agreement.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "decide/scored_record_check.h"

static int differ(char *why, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int differ(char *why, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, size, fmt, ap);
    va_end(ap);
    return -1;
}

/* Whether the n names of the scan are the strings of list (an array) or,
 * when keys, its keys. */
static int same_names(const char *const *names, size_t n, const cJSON *list,
                      int keys)
{
    size_t i = 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, list)
    {
        const char *s = keys ? item->string : item->valuestring;
        if (i == n || !s || strcmp(s, names[i]) != 0)
            return 0;
        i++;
    }
    return i == n;
}

static int agree(const cJSON *root, const assay_scored_head *head,
                 const assay_scored_scan *scan, char *why, size_t size)
{
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(root, "id");
    const cJSON *domains = cJSON_GetObjectItemCaseSensitive(root, "domains");
    if (!head->ok)
        return differ(why, size, "accepted a record whose status is not ok");
    if (head->line != scan->line || head->part != scan->part)
        return differ(why, size, "line/part %llu/%llu, the check's %llu/%llu",
                      (unsigned long long)scan->line,
                      (unsigned long long)scan->part,
                      (unsigned long long)head->line,
                      (unsigned long long)head->part);
    if (strcmp(id->valuestring, scan->id) != 0)
        return differ(why, size, "id %s, the check's %s", scan->id,
                      id->valuestring);
    if (!head->fingerprint != !scan->fingerprint ||
        (head->fingerprint && strcmp(head->fingerprint, scan->fingerprint)))
        return differ(why, size, "a different fingerprint");
    if (!same_names(scan->domain, scan->domain_count, domains, 1))
        return differ(why, size, "different domains");
    size_t i = 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, domains)
    {
        /* Bit for bit: -0 and 0 are both scores, but not the same text. */
        if (memcmp(&item->valuedouble, &scan->score[i], sizeof(double)) != 0)
            return differ(why, size, "domain %s: %.17g, the check's %.17g",
                          item->string, scan->score[i], item->valuedouble);
        i++;
    }
    if (!same_names(scan->claimed, scan->claimed_count,
                    cJSON_GetObjectItemCaseSensitive(root, "claimed"), 0))
        return differ(why, size, "different claimed domains");
    if (!same_names(scan->request, scan->request_count,
                    cJSON_GetObjectItemCaseSensitive(root, "requests"), 0))
        return differ(why, size, "different requests");
    if ((size_t)cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(
            root, "vetoes")) != scan->veto_count ||
        (size_t)cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(
            root, "flags")) != scan->flag_count)
        return differ(why, size, "a different count of vetoes or flags");
    return 1;
}

int scan_agreement(const char *text, size_t len, assay_scored_scan *scan,
                   char *why, size_t why_size)
{
    if (!assay_scored_record_scan(text, len, scan))
        return 0;
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
    if (!cJSON_IsObject(root)) {
        cJSON_Delete(root);
        return differ(why, why_size, "accepted what cJSON does not parse "
                                     "as an object");
    }
    while (end < text + len && (*end == ' ' || *end == '\t' ||
                                *end == '\n' || *end == '\r'))
        end++;
    assay_scored_head head;
    char what[1024];
    int rc;
    if (end != text + len)
        rc = differ(why, why_size, "accepted text after the object");
    else if (cJSON_HasObjectItem(root, "decision"))
        rc = differ(why, why_size, "accepted a decision record");
    else if (assay_scored_record_check(root, text, len, &head, what,
                                       sizeof what))
        rc = differ(why, why_size, "accepted what the check refuses: %s",
                    what);
    else
        rc = agree(root, &head, scan, why, why_size);
    cJSON_Delete(root);
    return rc;
}
