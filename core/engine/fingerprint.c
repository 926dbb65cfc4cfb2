#define _GNU_SOURCE /* dladdr */
#include "engine/fingerprint.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>

#include "util/buffer.h"
#include "util/sha256.h"

/* Where p's file is: a compiled plugin named without a slash was found by
 * dlopen's search, so ask the loader which file that was. */
static const char *file_of(const assay_loaded_plugin *p)
{
    Dl_info info;
    if (p->kind == ASSAY_KIND_COMPILED && !strchr(p->path, '/') &&
        p->descriptor && dladdr(p->descriptor, &info) && info.dli_fname)
        return info.dli_fname;
    return p->path;
}

int assay_plugin_set_fingerprint(const assay_plugin_set *set, char *out,
                                 char *err, size_t err_size)
{
    /* One line a plugin, its free-form parts as JSON strings so that no
     * name or configuration can run into the next field. */
    assay_buffer text;
    assay_buffer_init(&text);
    assay_buffer_puts(&text, "assay plugin set 1\n");
    int rc = 0;
    for (size_t i = 0; i < set->count; i++) {
        const assay_loaded_plugin *p = set->items[i];
        char hex[65];
        if (assay_sha256_file(file_of(p), hex, err, err_size)) {
            rc = 1;
            break;
        }
        assay_buffer_puts(&text, p->kind == ASSAY_KIND_LUA ? "lua "
                                                           : "compiled ");
        assay_json_string(&text, p->name);
        assay_buffer_putc(&text, ' ');
        assay_json_string(&text, p->version);
        assay_buffer_printf(&text, " %u %s ", (unsigned)p->abi_version, hex);
        assay_json_string(&text, p->config_json);
        assay_buffer_putc(&text, '\n');
    }
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int md_len = 0;
    if (!rc && !EVP_Digest(text.data, text.len, md, &md_len, EVP_sha256(),
                           NULL)) {
        snprintf(err, err_size, "cannot compute a SHA-256");
        rc = 1;
    }
    for (int i = 0; !rc && i < ASSAY_FINGERPRINT_DIGITS / 2; i++)
        snprintf(out + 2 * i, 3, "%02x", md[i]);
    assay_buffer_free(&text);
    return rc;
}
