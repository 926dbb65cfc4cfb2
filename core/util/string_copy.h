/* Copies of C strings for the tables that own their text (plugins,
 * domains, rules, configurations). */
#ifndef ASSAY_STRING_COPY_H
#define ASSAY_STRING_COPY_H

/* strdup that aborts when memory runs out, as assay_buffer does. */
char *assay_strdup(const char *s);

#endif
