/* Escaping untrusted text for HTML and the SVG inside it. Every string that
 * came from a record, a policy or a manifest goes through these. */
#ifndef ASSAY_HTML_H
#define ASSAY_HTML_H

#include <stddef.h>

#include "util/buffer.h"

/* Appends s as text that is safe in element content and in a quoted
 * attribute value alike: & < > " ' become character references; control
 * characters other than tab and newline, and bytes that are not valid
 * UTF-8, become U+FFFD. NULL appends nothing. */
void assay_html_text(assay_buffer *b, const char *s);
void assay_html_text_n(assay_buffer *b, const char *s, size_t n);

/* Appends s as assay_html_text does, with a line-break opportunity (<wbr>)
 * after each underscore that more of the name follows: a snake_case name
 * from a policy or a plugin ("seed_funding") may then wrap in a narrow
 * column, in element content only. */
void assay_html_name(assay_buffer *b, const char *s);

#endif
