/*
 * clm-run: the morning report.  Only claim ids, edit ids, codes, NPIs and
 * payer ids appear: never a name, a birth date, a member id or an address.
 */
#include <stdlib.h>
#include <string.h>

#include "clm_html.h"
#include "clm_money.h"
#include "run.h"

#define MAX_KEYS 512
#define MAX_HELD_ROWS 2000

struct bucket {
	char key[40];
	long claims;
	long long cents;
};

struct keyset {
	struct bucket v[MAX_KEYS + 1];	/* the last one: "other" */
	size_t n;
};

struct held_row {
	char id[40];
	char edits[200];
	long long cents;
};

struct run_tally {
	long claims, sent, held;
	long long cents, sent_cents, held_cents;
	struct keyset edits, npis, payers;
	struct held_row *rows;
	size_t nrows;
	long more_rows;
};

struct run_tally *
run_tally_new(void)
{
	struct run_tally *r = clm_xcalloc(1, sizeof(*r));

	r->rows = clm_xcalloc(MAX_HELD_ROWS, sizeof(*r->rows));
	return r;
}

void
run_tally_free(struct run_tally *r)
{
	if (r != NULL)
		free(r->rows);
	free(r);
}

/* Only code-shaped values are kept: letters, digits, '-', '.', '_'. */
static void
copy_code(char *dst, size_t size, const char *s)
{
	size_t n = 0;

	for (; *s != '\0' && n + 1 < size; s++)
		if ((*s >= '0' && *s <= '9') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= 'a' && *s <= 'z') || *s == '-' || *s == '.' ||
		    *s == '_')
			dst[n++] = *s;
	dst[n] = '\0';
	if (n == 0)
		snprintf(dst, size, "(none)");
}

static void
bump(struct keyset *ks, const char *key, long long cents)
{
	char k[40];
	size_t i;

	copy_code(k, sizeof(k), key);
	for (i = 0; i < ks->n; i++)
		if (strcmp(ks->v[i].key, k) == 0)
			break;
	if (i == ks->n) {
		if (ks->n < MAX_KEYS)
			snprintf(ks->v[ks->n++].key, sizeof(k), "%s", k);
		else {
			i = MAX_KEYS;
			snprintf(ks->v[i].key, sizeof(k), "(other)");
		}
	}
	ks->v[i].claims++;
	ks->v[i].cents += cents;
}

static long long
claim_cents(const struct clm_header *h, const struct clm_claim *c)
{
	long long total = 0, v;

	if (c->n == 0)
		return 0;
	if (clm_money_parse(clm_row_get(c->rows[0], h, CLM_COL_TOTAL_CHARGE),
	    &v) == 1)
		return v;
	for (size_t i = 0; i < c->n; i++)
		if (clm_money_parse(clm_row_get(c->rows[i], h, CLM_COL_CHARGE),
		    &v) == 1)
			total += v;
	return total;
}

/* The claim's edit ids (every row's), each once, ';'-separated. */
static void
claim_edits(const struct clm_header *h, const struct clm_claim *c,
    char *buf, size_t size)
{
	size_t n = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < c->n; i++) {
		const char *s = clm_row_get(c->rows[i], h, CLM_COL_EDITS);

		while (*s != '\0') {
			size_t len = strcspn(s, ";");
			char id[64];

			snprintf(id, sizeof(id), "%.*s", (int)len, s);
			if (strstr(buf, id) == NULL && n + len + 2 < size)
				n += (size_t)snprintf(buf + n, size - n,
				    "%s%s", n ? ";" : "", id);
			s += len + (s[len] == ';');
		}
	}
}

void
run_tally_claim(struct run_tally *r, const struct clm_header *h,
    const struct clm_claim *c, enum clm_status st)
{
	long long cents = claim_cents(h, c);
	char edits[200];

	r->claims++;
	r->cents += cents;
	if (st != CLM_STATUS_REJECT) {
		r->sent++;
		r->sent_cents += cents;
		return;
	}
	r->held++;
	r->held_cents += cents;
	claim_edits(h, c, edits, sizeof(edits));
	for (const char *s = edits; *s != '\0';) {
		size_t len = strcspn(s, ";");
		char id[64];

		int e;

		snprintf(id, sizeof(id), "%.*s", (int)len, s);
		e = clm_edit_lookup(id);
		/* the reasons: what holds a claim back, not the repairs */
		if (e < 0 || clm_edit_info((enum clm_edit)e)->severity !=
		    CLM_SEV_INFO)
			bump(&r->edits, id, cents);
		s += len + (s[len] == ';');
	}
	if (c->n > 0) {
		bump(&r->npis, clm_row_get(c->rows[0], h, CLM_COL_REND_NPI),
		    cents);
		bump(&r->payers, clm_row_get(c->rows[0], h, CLM_COL_PAYER_ID),
		    cents);
	}
	if (r->nrows < MAX_HELD_ROWS) {
		struct held_row *hr = &r->rows[r->nrows++];

		copy_code(hr->id, sizeof(hr->id), clm_claim_id(c, h));
		snprintf(hr->edits, sizeof(hr->edits), "%s", edits);
		hr->cents = cents;
	} else {
		r->more_rows++;
	}
}

void
run_tally_counts(const struct run_tally *r, long *claims, long *sent,
    long *held, long long *cents, long long *held_cents)
{
	*claims = r->claims;
	*sent = r->sent;
	*held = r->held;
	*cents = r->cents;
	*held_cents = r->held_cents;
}

static int
by_cents(const void *a, const void *b)
{
	const struct bucket *x = a, *y = b;

	if (x->cents != y->cents)
		return x->cents < y->cents ? 1 : -1;
	if (x->claims != y->claims)
		return x->claims < y->claims ? 1 : -1;
	return strcmp(x->key, y->key);
}

/* The buckets, largest dollars first (a sorted copy). */
static size_t
sorted(const struct keyset *ks, struct bucket *out)
{
	size_t n = ks->n;

	memcpy(out, ks->v, n * sizeof(*out));
	if (ks->v[MAX_KEYS].claims > 0)
		out[n++] = ks->v[MAX_KEYS];
	qsort(out, n, sizeof(*out), by_cents);
	return n;
}

static const char *
dollars(long long cents, char *buf, size_t size)
{
	clm_money_format(cents, buf, size);
	return buf;
}

static void
summary_table(FILE *fp, const char *title, const struct keyset *ks,
    size_t top)
{
	struct bucket *b = clm_xcalloc(MAX_KEYS + 1, sizeof(*b));
	size_t n = sorted(ks, b);
	char d[32];

	fprintf(fp, "\n%s\n", title);
	if (n == 0)
		fputs("  (none)\n", fp);
	for (size_t i = 0; i < n && i < top; i++)
		fprintf(fp, "  %-16s %8ld claims  $%12s\n", b[i].key,
		    b[i].claims, dollars(b[i].cents, d, sizeof(d)));
	if (n > top)
		fprintf(fp, "  ... %zu more in report.html\n", n - top);
	free(b);
}

void
run_write_summary(const struct run_tally *r, FILE *fp, const char *outdir,
    const char *when)
{
	char a[32], b[32], c[32];

	fprintf(fp, "clm run %s\n\n", when);
	fprintf(fp, "  read      %8ld claims  $%12s\n", r->claims,
	    dollars(r->cents, a, sizeof(a)));
	fprintf(fp, "  sent      %8ld claims  $%12s\n", r->sent,
	    dollars(r->sent_cents, b, sizeof(b)));
	fprintf(fp, "  held back %8ld claims  $%12s\n", r->held,
	    dollars(r->held_cents, c, sizeof(c)));
	summary_table(fp, "Held back by edit (a claim counts under each of its "
	    "edits):", &r->edits, 10);
	summary_table(fp, "Held back by rendering provider NPI:", &r->npis, 10);
	summary_table(fp, "Held back by payer id:", &r->payers, 10);
	fputs("\nNext steps:\n", fp);
	if (r->held > 0)
		fprintf(fp, "  1. Open %s/rejects.csv in a spreadsheet; each "
		    "row's 'edits' column names\n     its reasons "
		    "(docs/edits.md, %s/findings.csv has every message).\n"
		    "  2. Fix the claims and run them again:\n"
		    "     clm run [the same options] --out DIR "
		    "%s/rejects.csv\n", outdir, outdir, outdir);
	else
		fputs("  Nothing held back.\n", fp);
	if (r->sent > 0)
		fprintf(fp, "  Send %s/batch.837 to the clearinghouse.\n",
		    outdir);
	fprintf(fp, "  The whole picture: %s/report.html\n", outdir);
}

/* Horizontal bars, one per bucket (at most top), sized by dollars. */
static void
svg_bars(FILE *fp, const char *id, const struct keyset *ks, size_t top)
{
	struct bucket *b = clm_xcalloc(MAX_KEYS + 1, sizeof(*b));
	struct clm_html_bar *bars = clm_xcalloc(MAX_KEYS + 1, sizeof(*bars));
	size_t n = sorted(ks, b);

	if (n > top)
		n = top;
	for (size_t i = 0; i < n; i++) {
		bars[i].label = b[i].key;
		bars[i].cents = b[i].cents;
		bars[i].claims = b[i].claims;
	}
	clm_html_bars(fp, id, bars, n, "nothing held back");
	free(bars);
	free(b);
}

static void
svg_status(FILE *fp, const struct run_tally *r)
{
	long total = r->claims > 0 ? r->claims : 1;
	long ws = (long)(600.0 * (double)r->sent / (double)total);

	fputs("<svg id=\"status\" class=\"chart\""
	    " width=\"800\" height=\"60\">\n", fp);
	fprintf(fp, "<rect x=\"0\" y=\"0\" width=\"%ld\" height=\"30\" "
	    "fill=\"#27ae60\"/><rect x=\"%ld\" y=\"0\" width=\"%ld\" "
	    "height=\"30\" fill=\"#c0392b\"/>\n", ws, ws, r->claims > 0 ?
	    600 - ws : 0);
	fprintf(fp, "<text x=\"0\" y=\"50\" font-size=\"13\">sent %ld, held "
	    "back %ld</text>\n</svg>\n", r->sent, r->held);
}

static void
svg_trend(FILE *fp, const long (*trend)[3], size_t n)
{
	long max = 1;

	for (size_t i = 0; i < n; i++)
		if (trend[i][0] > max)
			max = trend[i][0];
	fprintf(fp, "<svg id=\"trend\" class=\"chart\""
	    " width=\"800\" height=\"140\">\n");
	for (size_t i = 0; i < n; i++) {
		long x = (long)(i * (600 / (n > 0 ? n : 1)));
		long hs = (long)(120.0 * (double)trend[i][1] / (double)max);
		long hh = (long)(120.0 * (double)trend[i][2] / (double)max);
		long w = (long)(600 / (n > 0 ? n : 1)) - 4;

		if (w < 2)
			w = 2;
		fprintf(fp, "<rect x=\"%ld\" y=\"%ld\" width=\"%ld\" height="
		    "\"%ld\" fill=\"#27ae60\"/><rect x=\"%ld\" y=\"%ld\" "
		    "width=\"%ld\" height=\"%ld\" fill=\"#c0392b\"/>\n", x,
		    130 - hs - hh, w, hs, x, 130 - hh, w, hh);
	}
	fputs("</svg>\n", fp);
}

void
run_write_html(const struct run_tally *r, FILE *fp, const char *when,
    const long (*trend)[3], size_t ntrend)
{
	char a[32], b[32], c[32];

	clm_html_begin(fp, "clm run");
	fputs("<h1>clm run ", fp);
	clm_html_text(fp, when);
	fputs("</h1>\n<table>\n", fp);
	fprintf(fp, "<tr><th></th><th>claims</th><th>dollars</th></tr>\n"
	    "<tr><td>read</td><td class=n>%ld</td><td class=n>$%s</td></tr>\n"
	    "<tr><td>sent</td><td class=n>%ld</td><td class=n>$%s</td></tr>\n"
	    "<tr><td>held back</td><td class=n>%ld</td><td class=n>$%s</td>"
	    "</tr>\n</table>\n", r->claims, dollars(r->cents, a, sizeof(a)),
	    r->sent, dollars(r->sent_cents, b, sizeof(b)), r->held,
	    dollars(r->held_cents, c, sizeof(c)));
	fputs("<h2>Claims by status</h2>\n", fp);
	svg_status(fp, r);
	fputs("<h2>Held-back dollars by edit</h2>\n", fp);
	svg_bars(fp, "by-edit", &r->edits, 15);
	fputs("<h2>Held-back dollars by rendering provider NPI</h2>\n", fp);
	svg_bars(fp, "by-npi", &r->npis, 15);
	fputs("<h2>Held-back dollars by payer id</h2>\n", fp);
	svg_bars(fp, "by-payer", &r->payers, 15);
	fputs("<h2>Earlier runs (sent and held back, from the audit log)</h2>\n",
	    fp);
	svg_trend(fp, trend, ntrend);
	fputs("<h2>Held claims</h2>\n<table>\n<tr><th>claim</th><th>dollars"
	    "</th><th>edits</th></tr>\n", fp);
	for (size_t i = 0; i < r->nrows; i++) {
		fputs("<tr><td>", fp);
		clm_html_text(fp, r->rows[i].id);
		fprintf(fp, "</td><td class=n>$%s</td><td>", dollars(
		    r->rows[i].cents, a, sizeof(a)));
		clm_html_text(fp, r->rows[i].edits);
		fputs("</td></tr>\n", fp);
	}
	fputs("</table>\n", fp);
	if (r->more_rows > 0)
		fprintf(fp, "<p>... and %ld more held claims: see rejects.csv"
		    "</p>\n", r->more_rows);
	clm_html_end(fp);
}
