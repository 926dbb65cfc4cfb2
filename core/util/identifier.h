/* The names people choose for domains, requests and tiers: lower-case
 * letters, digits and _, starting with a letter, at most 64 bytes. They
 * become JSON keys, CSV headers, HTML ids and file names without escaping
 * surprises. */
#ifndef ASSAY_IDENTIFIER_H
#define ASSAY_IDENTIFIER_H

#define ASSAY_IDENTIFIER_MAX 64

/* 1 when name matches [a-z][a-z0-9_]* and has at most 64 bytes. */
int assay_identifier_valid(const char *name);

#endif
