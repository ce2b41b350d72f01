/*
 * clm_html: the pieces of a self-contained HTML report (no script, no
 * network, no external font): the page head and end, escaped text and an
 * inline SVG bar chart of dollars.  Used by clm run's report.html and
 * clm-response's denial page.
 *
 * Ownership: nothing is kept; the strings and bars passed in stay the
 * caller's.  The functions only write to the caller's FILE (check ferror).
 */
#ifndef CLM_HTML_H
#define CLM_HTML_H

#include <stddef.h>
#include <stdio.h>

/* One bar: its label (code-shaped), dollars in cents and claim count. */
struct clm_html_bar {
	const char *label;
	long long cents;
	long claims;
};

/* s with <, >, & and " escaped. */
void clm_html_text(FILE *fp, const char *s);

/* The doctype, head (title escaped, the shared style) and <body>. */
void clm_html_begin(FILE *fp, const char *title);

/* </body></html>. */
void clm_html_end(FILE *fp);

/* Largest dollars first, then most claims, then label. */
void clm_html_sort_bars(struct clm_html_bar *b, size_t n);

/* <svg id=ID class="chart">: one horizontal bar per b[i] (in that order),
 * sized by dollars, labelled "$D (claims)"; empty is the text shown when n
 * is 0. */
void clm_html_bars(FILE *fp, const char *id, const struct clm_html_bar *b,
    size_t n, const char *empty);

#endif
