/* The fingerprint of a plugin set: what every scored record carries so
 * that assay decide can refuse to rank together records that different
 * plugins, rule versions or plugin configurations scored. It is the first
 * 8 bytes of a SHA-256, as 16 lower-case hex digits, over each loaded
 * plugin in load order: its kind, name, version, ABI version,
 * configuration and the SHA-256 of its file (the hash the run manifest
 * lists). Paths are not in it: the same files installed elsewhere give the
 * same fingerprint. The policy is not either: decide applies it later. */
#ifndef ASSAY_FINGERPRINT_H
#define ASSAY_FINGERPRINT_H

#include <stddef.h>

#include "engine/plugin_set.h"

#define ASSAY_FINGERPRINT_DIGITS 16

/* Writes set's fingerprint and a NUL to out (ASSAY_FINGERPRINT_DIGITS + 1
 * bytes). Returns 0, or non-zero with the reason in err when a plugin's
 * file cannot be read. */
int assay_plugin_set_fingerprint(const assay_plugin_set *set, char *out,
                                 char *err, size_t err_size);

#endif
