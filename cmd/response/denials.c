/*
 * clm-response --denials: rejections and denials per payer, per code
 * (CARC with group, RARC, 277CA status, 999/TA1 codes) and per clm edit id
 * that fired on those claims before they were sent, with dollars billed;
 * and the codes of denials on which no clm edit fired ("uncaught"), the
 * place to start writing a payer rule.  --denials-html: the same figures
 * as one self-contained page with two SVG bar charts (clm_html).
 */
#include <stdlib.h>
#include <string.h>

#include "clm_html.h"
#include "clm_money.h"
#include "clm_io.h"
#include "response.h"

struct agg {
	char kind[12];		/* payer, code, edit, uncaught */
	char payer[40];
	char key[64];
	unsigned long claims;
	long long billed;
};

struct aggs {
	struct agg *v;
	size_t n, cap;
};

static void
add(struct aggs *a, const char *kind, const char *payer, const char *key,
    long long billed)
{
	struct agg *g;

	for (size_t i = 0; i < a->n; i++) {
		g = &a->v[i];
		if (strcmp(g->kind, kind) == 0 && strcmp(g->payer, payer) == 0
		    && strcmp(g->key, key) == 0) {
			g->claims++;
			g->billed += billed;
			return;
		}
	}
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 64;
		a->v = clm_xrealloc(a->v, a->cap * sizeof(*a->v));
	}
	g = &a->v[a->n++];
	snprintf(g->kind, sizeof(g->kind), "%s", kind);
	snprintf(g->payer, sizeof(g->payer), "%s", payer);
	snprintf(g->key, sizeof(g->key), "%s", key);
	g->claims = 1;
	g->billed = billed;
}

/* Each ';'-separated piece of list (a copy, cut to 63 bytes) to fn. */
static void
each(const char *list, void (*fn)(void *, const char *), void *arg)
{
	char piece[64];

	while (*list != '\0') {
		size_t n = strcspn(list, ";");
		size_t m = n < sizeof(piece) - 1 ? n : sizeof(piece) - 1;

		memcpy(piece, list, m);
		piece[m] = '\0';
		if (m > 0)
			fn(arg, piece);
		list += n + (list[n] == ';');
	}
}

struct codes_arg {
	char set[1024];		/* codes of one claim, deduplicated */
};

static void
collect(void *p, const char *code)
{
	struct codes_arg *c = p;
	char key[72];

	if (strncmp(code, "CLP02:", 6) == 0)
		return;
	if (strncmp(code, "RARC:", 5) == 0)
		code += 5;
	snprintf(key, sizeof(key), ";%s;", code);
	if (strstr(c->set, key) != NULL ||
	    strlen(c->set) + strlen(key) >= sizeof(c->set))
		return;
	snprintf(c->set + strlen(c->set), sizeof(c->set) - strlen(c->set),
	    "%s", key + (c->set[0] != '\0'));
}

/* Edits that warned or held back; info repairs (NORM-*) flag nothing. */
static void
collect_edits(void *p, const char *edit)
{
	int e = clm_edit_lookup(edit);

	if (e >= 0 && clm_edit_info((enum clm_edit)e)->severity ==
	    CLM_SEV_INFO)
		return;
	collect(p, edit);
}

struct tally {
	struct aggs *a;
	const char *kind, *payer;
	long long billed;
};

static void
count(void *p, const char *key)
{
	struct tally *t = p;

	add(t->a, t->kind, t->payer, key, t->billed);
}

/* The CSV, written to *outp (opened here, committed by the caller). */
static int
write_csv(struct resp_ctx *x, const struct aggs *ap, struct clm_out **outp,
    struct clm_error *err)
{
	const struct aggs a = *ap;
	struct clm_out *out;
	int rc = 0;

	if ((out = *outp = clm_out_open(x->denials_path, err)) == NULL)
		rc = -CLM_EIO;
	if (rc == 0)
		rc = clm_out_puts(out, "kind,payer_id,key,claims,billed,words\n",
		    err);
	for (size_t i = 0; rc == 0 && i < a.n; i++) {
		char amt[32], line[256];
		const struct agg *g = &a.v[i];

		clm_money_format(g->billed, amt, sizeof(amt));
		snprintf(line, sizeof(line), "%lu,%s,", g->claims, amt);
		rc = clm_record_write_field(out, g->kind, strlen(g->kind),
		    err);
		if (rc == 0)
			rc = clm_out_puts(out, ",", err);
		if (rc == 0)
			rc = clm_record_write_field(out, g->payer,
			    strlen(g->payer), err);
		if (rc == 0)
			rc = clm_out_puts(out, ",", err);
		if (rc == 0)
			rc = clm_record_write_field(out, g->key,
			    strlen(g->key), err);
		if (rc == 0)
			rc = clm_out_puts(out, ",", err);
		if (rc == 0)
			rc = clm_out_puts(out, line, err);
		if (rc == 0) {
			const char *w = strcmp(g->kind, "code") == 0 ||
			    strcmp(g->kind, "uncaught") == 0 ?
			    resp_words(x, g->key) :
			    strcmp(g->kind, "plb") == 0 ?
			    clm_resp_plb_words(g->key) : "";

			rc = clm_record_write_field(out, w, strlen(w), err);
		}
		if (rc == 0)
			rc = clm_out_puts(out, "\n", err);
	}
	return rc;
}

/* kind's aggregates summed by key (by payer id when by_payer), as bars,
 * largest first; the labels point into a. */
static struct clm_html_bar *
bars_of(const struct aggs *a, const char *kind, int by_payer, size_t *n)
{
	struct clm_html_bar *b = clm_xcalloc(a->n + 1, sizeof(*b));
	size_t m = 0;

	for (size_t i = 0; i < a->n; i++) {
		const struct agg *g = &a->v[i];
		const char *label = by_payer ? g->payer : g->key;
		size_t j;

		if (strcmp(g->kind, kind) != 0)
			continue;
		for (j = 0; j < m; j++)
			if (strcmp(b[j].label, label) == 0)
				break;
		if (j == m)
			b[m++].label = label;
		b[j].cents += g->billed;
		b[j].claims += (long)g->claims;
	}
	clm_html_sort_bars(b, m);
	*n = m;
	return b;
}

static void
html_chart(FILE *fp, const struct aggs *a, const char *kind, int by_payer,
    const char *id, const char *title)
{
	size_t n;
	struct clm_html_bar *b = bars_of(a, kind, by_payer, &n);

	fprintf(fp, "<h2>%s</h2>\n", title);
	clm_html_bars(fp, id, b, n < 25 ? n : 25, "nothing denied");
	free(b);
}

/* One table of kind's aggregates: payer id, key, claims, dollars[, words]. */
static void
html_table(FILE *fp, const struct resp_ctx *x, const struct aggs *a,
    const char *kind, const char *title, const char *keyhead)
{
	int words = strcmp(kind, "payer") != 0 && strcmp(kind, "edit") != 0;
	size_t rows = 0;
	char amt[32];

	fprintf(fp, "<h2>%s</h2>\n<table id=\"%s\">\n<tr><th>payer id</th>"
	    "<th>%s</th><th>claims</th><th>dollars</th>%s</tr>\n", title, kind,
	    keyhead, words ? "<th>words</th>" : "");
	for (size_t i = 0; i < a->n; i++) {
		const struct agg *g = &a->v[i];

		if (strcmp(g->kind, kind) != 0)
			continue;
		rows++;
		clm_money_format(g->billed, amt, sizeof(amt));
		fprintf(fp, "<tr class=\"%s\"><td>", kind);
		clm_html_text(fp, g->payer);
		fputs("</td><td>", fp);
		clm_html_text(fp, g->key);
		fprintf(fp, "</td><td class=n>%lu</td><td class=n>$%s</td>",
		    g->claims, amt);
		if (words) {
			fputs("<td>", fp);
			clm_html_text(fp, strcmp(kind, "plb") == 0 ?
			    clm_resp_plb_words(g->key) : resp_words(x, g->key));
			fputs("</td>", fp);
		}
		fputs("</tr>\n", fp);
	}
	if (rows == 0)
		fprintf(fp, "<tr><td colspan=%d>(none)</td></tr>\n",
		    words ? 5 : 4);
	fputs("</table>\n", fp);
}

/* The same figures as the CSV, as one self-contained page, written to
 * *outp (opened here, committed by the caller). */
static int
write_html(struct resp_ctx *x, const struct aggs *a, struct clm_out **outp,
    struct clm_error *err)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	struct clm_out *out;
	int rc;

	if (fp == NULL)
		return clm_error_set(err, CLM_EIO, x->denials_html_path, 0,
		    "cannot build the denial page");
	clm_html_begin(fp, "clm-response denials");
	fputs("<h1>Rejections and denials</h1>\n<p>Dollars are the billed "
	    "amounts of the rejected, denied and partly paid claims; a claim "
	    "counts under each of its codes and edits.</p>\n", fp);
	html_chart(fp, a, "code", 0, "by-reason",
	    "Denied dollars by reason code");
	html_chart(fp, a, "payer", 1, "by-payer", "Denied dollars by payer id");
	html_table(fp, x, a, "payer", "By payer and status", "status");
	html_table(fp, x, a, "code", "By reason code (CARC, RARC, 277CA, "
	    "999/TA1)", "code");
	html_table(fp, x, a, "edit", "By clm edit that had flagged the claim "
	    "before it was sent", "edit");
	html_table(fp, x, a, "uncaught", "Reasons no clm edit caught (where to "
	    "start a payer rule, docs/rules.md)", "code");
	html_table(fp, x, a, "plb", "835 provider-level adjustments (PLB; "
	    "claims = how many)", "reason");
	clm_html_end(fp);
	if (ferror(fp)) {
		fclose(fp);
		free(buf);
		return clm_error_set(err, CLM_EIO, x->denials_html_path, 0,
		    "cannot build the denial page");
	}
	fclose(fp);
	if ((out = *outp = clm_out_open(x->denials_html_path, err)) == NULL) {
		free(buf);
		return -CLM_EIO;
	}
	rc = clm_out_write(out, buf, len, err);
	free(buf);
	return rc;
}

int
resp_write_denials(struct resp_ctx *x, struct clm_error *err)
{
	struct aggs a = { NULL, 0, 0 };
	struct clm_out *outs[2] = { NULL, NULL };
	int rc = 0;

	for (size_t k = 0; k < x->nkept; k++) {
		const struct resp_kept *r = &x->kept[k];
		const struct clm_archive_claim *c =
		    clm_archive_claim(x->archive, (size_t)r->claim);
		const struct clm_header *h =
		    clm_archive_batch(x->archive, c->batch)->h;
		const char *payer = r->payer_id[0] ? r->payer_id :
		    c->payer_id;
		struct codes_arg codes, edits;
		struct clm_claim rows;
		struct tally tally;

		if (r->is_line)
			continue;
		codes.set[0] = edits.set[0] = '\0';
		each(r->codes, collect, &codes);
		for (size_t j = k + 1; j < x->nkept &&
		    x->kept[j].is_line && x->kept[j].claim == r->claim; j++)
			each(x->kept[j].codes, collect, &codes);
		/* the edit ids on its records, read back from the archive */
		if ((rc = clm_archive_rows(x->archive, (size_t)r->claim,
		    &rows, err)) < 0)
			break;
		for (size_t i = 0; i < rows.n; i++)
			each(clm_row_get(rows.rows[i], h, CLM_COL_EDITS),
			    collect_edits, &edits);
		clm_claim_free(&rows);
		add(&a, "payer", payer, r->status, c->charge);
		tally.a = &a;
		tally.payer = payer;
		tally.billed = c->charge;
		tally.kind = "code";
		each(codes.set, count, &tally);
		if (edits.set[0] == '\0') {
			tally.kind = "uncaught";
			each(codes.set, count, &tally);
		}
		tally.kind = "edit";
		each(edits.set, count, &tally);
	}
	/* the 835 provider-level adjustments: claims = how many, billed =
	 * their amount (positive: withheld from the payments) */
	for (size_t k = 0; rc == 0 && k < x->nplb; k++)
		for (int j = 0; j < x->plb[k].plb_n; j++)
			add(&a, "plb", x->plb[k].payer_id,
			    x->plb[k].plb_code[j], x->plb[k].plb_cents[j]);
	if (rc == 0 && x->denials_path != NULL)
		rc = write_csv(x, &a, &outs[0], err);
	if (rc == 0 && x->denials_html_path != NULL)
		rc = write_html(x, &a, &outs[1], err);
	/* the CSV and the page: committed by the runtime with the run's other
	 * outputs, all or none */
	x->den_out[0] = outs[0];
	x->den_out[1] = outs[1];
	free(a.v);
	return rc;
}
