/* The evaluation domains of a run: data, declared by the loaded plugins
 * (a compiled plugin's `domains` array and descriptor `domain`, a Lua rule
 * file's domain {...}). The core knows no domain by name; any number of
 * them may be declared. A rule belongs to one declared domain; a record
 * claims some in its domains field; the policy weighs them. */
#ifndef ASSAY_DOMAIN_H
#define ASSAY_DOMAIN_H

#include <stddef.h>

typedef struct assay_domain {
    char *name;        /* [a-z][a-z0-9_]* */
    char *label;       /* for people: "Water quality" */
    char *description; /* one line */
    char *source;      /* where it was first declared: "file:line" or file */
    int implicit;      /* declared only as a plugin's own domain, without
                          label: label = name; a full declaration later
                          replaces it */
    int declared;      /* 0: so far only named by a rule (source says
                          which); an error unless a plugin declares it */
    int judged;        /* some loaded rule belongs to it */
} assay_domain;

/* A list of declared domains, in order of declaration. */
typedef struct assay_domains {
    assay_domain *items;
    size_t count, cap;
} assay_domains;

void assay_domains_init(assay_domains *d);
void assay_domains_free(assay_domains *d);

/* Index of the domain called name, or -1. */
int assay_domains_find(const assay_domains *d, const char *name);

/* 1 when name is a valid domain name: [a-z][a-z0-9_]*, at most 64 bytes. */
int assay_domain_name_valid(const char *name);

/* Declares a domain (copying the strings; label and description may be
 * NULL for an implicit declaration). Declaring a name again with the same
 * label and description is fine and keeps the first; an implicit
 * declaration of a known name changes nothing; a full declaration replaces
 * an implicit one. Returns the index, or -1 with "where: ... and what to
 * do" in err when the name is invalid or declared with another label or
 * description. */
int assay_domains_declare(assay_domains *d, const char *name,
                          const char *label, const char *description,
                          const char *where, char *err, size_t err_size);

/* Notes that a rule (at `where`: "file:line: rule \"id\"") names domain
 * name before any plugin declared it; returns its index. A later
 * declaration completes it; assay_domains_undeclared reports it if none
 * does. */
int assay_domains_reference(assay_domains *d, const char *name,
                            const char *where);

/* The first domain only referenced, never declared, or NULL. */
const assay_domain *assay_domains_undeclared(const assay_domains *d);

/* Checks that declaring `decl` in d would succeed, without declaring it. */
int assay_domains_check(const assay_domains *d, const assay_domain *decl,
                        char *err, size_t err_size);

/* Writes "; did you mean \"x\"? (declared: a, b, c)" or " (no domain is
 * declared)" for an unknown name, looking in a and then b (either may be
 * NULL), for messages about an undeclared domain. */
void assay_domains_hint(const assay_domains *a, const assay_domains *b,
                        const char *name, char *out, size_t out_size);

#endif
