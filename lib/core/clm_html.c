/*
 * clm_html: self-contained HTML report pieces (see clm_html.h).
 */
#include <stdlib.h>
#include <string.h>

#include "clm_html.h"
#include "clm_money.h"

void
clm_html_text(FILE *fp, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '<')
			fputs("&lt;", fp);
		else if (*s == '>')
			fputs("&gt;", fp);
		else if (*s == '&')
			fputs("&amp;", fp);
		else if (*s == '"')
			fputs("&quot;", fp);
		else
			fputc(*s, fp);
	}
}

void
clm_html_begin(FILE *fp, const char *title)
{
	fputs("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
	    "<title>", fp);
	clm_html_text(fp, title);
	fputs("</title>\n<style>body{font-family:sans-serif;"
	    "margin:2em}table{border-collapse:collapse}td,th{border:1px solid "
	    "#999;padding:2px 8px}.n{text-align:right}</style></head><body>\n",
	    fp);
}

void
clm_html_end(FILE *fp)
{
	fputs("</body></html>\n", fp);
}

static int
by_cents(const void *a, const void *b)
{
	const struct clm_html_bar *x = a, *y = b;

	if (x->cents != y->cents)
		return x->cents < y->cents ? 1 : -1;
	if (x->claims != y->claims)
		return x->claims < y->claims ? 1 : -1;
	return strcmp(x->label, y->label);
}

void
clm_html_sort_bars(struct clm_html_bar *b, size_t n)
{
	if (n > 1)
		qsort(b, n, sizeof(*b), by_cents);
}

void
clm_html_bars(FILE *fp, const char *id, const struct clm_html_bar *b,
    size_t n, const char *empty)
{
	long long max = 1;
	char d[32];

	for (size_t i = 0; i < n; i++)
		if (b[i].cents > max)
			max = b[i].cents;
	fputs("<svg id=\"", fp);
	clm_html_text(fp, id);
	fprintf(fp, "\" class=\"chart\" width=\"800\" height=\"%zu\">\n",
	    24 * n + 8);
	for (size_t i = 0; i < n; i++) {
		long w = (long)(400.0 * (double)b[i].cents / (double)max) + 2;

		clm_money_format(b[i].cents, d, sizeof(d));
		fprintf(fp, "<text x=\"0\" y=\"%zu\" font-size=\"13\">", 24 * i
		    + 18);
		clm_html_text(fp, b[i].label);
		fprintf(fp, "</text><rect x=\"130\" y=\"%zu\" width=\"%ld\" "
		    "height=\"18\" fill=\"#c0392b\"/><text x=\"%ld\" y=\"%zu\" "
		    "font-size=\"12\">$%s (%ld)</text>\n", 24 * i + 4, w,
		    140 + w, 24 * i + 18, d, b[i].claims);
	}
	if (n == 0) {
		fputs("<text x=\"0\" y=\"18\" font-size=\"13\">", fp);
		clm_html_text(fp, empty);
		fputs("</text>\n", fp);
	}
	fputs("</svg>\n", fp);
}
