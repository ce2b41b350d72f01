/*
 * clm-parse --from x12: rows out of an 837P through lib/x12/clm_x12in.  The
 * reader's findings of a claim wait in a short queue, keyed by the file
 * segment number of the claim's CLM (every row's line), until the runtime hands that
 * claim to parse_x12_findings (claim grouping reads one row ahead).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <time.h>

#include "clm_date.h"
#include "clm_x12ack.h"
#include "clm_x12in.h"
#include "parse.h"

#define QUEUE 4

struct queued {
	long pos;
	struct clm_findings f;
};

struct x12_source {
	struct clm_tool *t;
	struct clm_in *in;
	struct clm_x12in *x;
	struct clm_header *h;
	int col[CLM_COL_COUNT + 64];	/* header index -> canonical, -1 */
	struct clm_x12in_claim *c;
	size_t row;
	struct queued q[QUEUE];
	int nq;
	struct clm_x12ack *ack;		/* --ack */
	struct clm_out *ack_out;
	int ended;			/* the reader reached the end */
};

/* The open X12 source: the claim callback has no other way to it. */
static struct x12_source *current;

static long
read_in(void *ctx, void *buf, size_t size, struct clm_error *err)
{
	return clm_in_read(ctx, buf, size, err);
}

static int
ack_write(void *ctx, const void *buf, size_t len, struct clm_error *err)
{
	return clm_out_write(ctx, buf, len, err);
}

/* The 999 is committed only when the whole input was read. */
static void
close_ack(struct x12_source *xs)
{
	struct clm_error err;

	if (xs->ack == NULL)
		return;
	clm_error_clear(&err);
	if (xs->ended && (clm_x12ack_finish(xs->ack, &err) < 0 ||
	    clm_out_commit(xs->ack_out, &err) < 0)) {
		clm_tool_error(xs->t, &err);
		xs->t->failed = 1;
	} else if (!xs->ended) {
		clm_tool_warn(xs->t, "%s: the input was not read to its end; "
		    "no acknowledgment written", clm_in_name(xs->in));
	}
	clm_out_close(xs->ack_out);
	clm_x12ack_free(xs->ack);
	xs->ack = NULL;
}

static int
open_ack(struct x12_source *xs, struct clm_error *err)
{
	struct parse_ctx *pc = xs->t->ctx;
	char date[16], hhmm[8];
	const char *now = getenv("CLM_TIME");
	time_t tt = time(NULL);
	struct tm tm;

	if (pc->acked++)
		return clm_error_set(err, CLM_EUSAGE, clm_in_name(xs->in), 0,
		    "--ack acknowledges one X12 input; this is a second one");
	snprintf(date, sizeof(date), "%08ld", clm_date_today());
	localtime_r(&tt, &tm);
	strftime(hhmm, sizeof(hhmm), "%H%M", &tm);
	if (now != NULL && strlen(now) == 4 && strspn(now, "0123456789") == 4)
		memcpy(hhmm, now, 5);
	if ((xs->ack_out = clm_out_open(pc->ack, err)) == NULL)
		return -1;
	xs->ack = clm_x12ack_new(ack_write, xs->ack_out, date, hhmm);
	clm_x12in_on_event(xs->x, clm_x12ack_event, xs->ack);
	return 0;
}

static void
close_x12(void *p)
{
	struct x12_source *xs = p;

	close_ack(xs);
	clm_x12in_close(xs->x);
	clm_in_close(xs->in);
	clm_header_free(xs->h);
	for (int i = 0; i < QUEUE; i++)
		clm_findings_free(&xs->q[i].f);
	if (current == xs)
		current = NULL;
	free(xs);
}

/* Findings outside any claim: diagnostics; errors fail the run. */
static void
print_orphans(struct x12_source *xs)
{
	struct clm_findings *f = clm_x12in_orphans(xs->x);
	char buf[1024];

	for (size_t i = 0; i < f->n; i++) {
		if (f->v[i].severity == CLM_SEV_INFO && !xs->t->verbose)
			continue;
		clm_finding_format(buf, sizeof(buf),
		    clm_in_name(xs->in), 0, "", &f->v[i]);
		fprintf(stderr, "%s\n", buf);
		xs->t->nfind[f->v[i].severity]++;
		if (f->v[i].severity == CLM_SEV_ERROR)
			xs->t->failed = 1;
	}
	clm_findings_clear(f);
}

static void
enqueue(struct x12_source *xs)
{
	struct clm_findings *src = clm_x12in_claim_findings(xs->c);
	struct queued *e;

	if (xs->nq == QUEUE) {	/* the oldest was never asked for */
		struct queued old = xs->q[0];

		memmove(xs->q, xs->q + 1, (QUEUE - 1) * sizeof(xs->q[0]));
		xs->q[QUEUE - 1] = old;
		xs->nq--;
	}
	e = &xs->q[xs->nq++];
	e->pos = clm_x12in_claim_pos(xs->c);
	clm_findings_clear(&e->f);
	for (size_t i = 0; i < src->n; i++)
		clm_finding_add_custom(&e->f, src->v[i].edit,
		    src->v[i].severity, src->v[i].line, src->v[i].field, "%s",
		    src->v[i].msg);
}

static int
next_x12_row(void *p, struct clm_row *row, struct clm_error *err)
{
	struct x12_source *xs = p;

	if (xs->c == NULL || xs->row == clm_x12in_claim_rows(xs->c)) {
		int rc = clm_x12in_next(xs->x, &xs->c, err);

		print_orphans(xs);
		if (rc == 0)
			xs->ended = 1;
		if (rc <= 0) {
			xs->c = NULL;
			return rc;
		}
		xs->row = 0;
		enqueue(xs);
	}
	clm_row_reset(row);
	for (size_t i = 0; i < xs->h->ncols; i++) {
		size_t len = 0;
		const char *v = "";

		if (xs->col[i] >= 0)
			v = clm_x12in_claim_value(xs->c, xs->row,
			    (enum clm_column)xs->col[i], &len);
		clm_row_push(row, v, len);
	}
	row->line = clm_x12in_claim_pos(xs->c);
	xs->row++;
	return 1;
}

int
parse_x12_findings(struct clm_tool *t, const struct clm_claim *c,
    struct clm_findings *f)
{
	struct x12_source *xs = current;
	long pos = c->n > 0 ? c->rows[0]->line : -1;

	(void)t;
	if (xs == NULL)
		return 0;
	for (int i = 0; i < xs->nq; i++) {
		const struct clm_findings *src = &xs->q[i].f;
		struct queued tmp[QUEUE];
		int drop = i + 1;

		if (xs->q[i].pos != pos)
			continue;
		for (size_t k = 0; k < src->n; k++)
			clm_finding_add_custom(f, src->v[k].edit,
			    src->v[k].severity, src->v[k].line,
			    src->v[k].field, "%s", src->v[k].msg);
		/* rotate it and everything older to the free end */
		memcpy(tmp, xs->q, (size_t)drop * sizeof(tmp[0]));
		memmove(xs->q, xs->q + drop,
		    (size_t)(QUEUE - drop) * sizeof(tmp[0]));
		memcpy(xs->q + QUEUE - drop, tmp, (size_t)drop * sizeof(tmp[0]));
		xs->nq -= drop;
		return 1;
	}
	return 1;	/* an X12 claim without queued findings */
}

static void
build_header(struct x12_source *xs)
{
	xs->h = clm_header_new();
	for (int col = 0; col < CLM_COL_COUNT; col++)
		if (clm_x12in_fills(col) || col == CLM_COL_STATUS ||
		    col == CLM_COL_EDITS) {
			xs->col[xs->h->ncols] = clm_x12in_fills(col) ? col : -1;
			clm_header_add(xs->h, clm_column_name(col));
		}
}

int
parse_open_x12(struct clm_tool *t, struct clm_in *in,
    struct clm_tool_source *s, struct clm_error *err)
{
	struct x12_source *xs = clm_xcalloc(1, sizeof(*xs));
	struct parse_ctx *pc = t->ctx;

	xs->t = t;
	xs->in = in;
	xs->x = clm_x12in_open(read_in, in, clm_in_name(in));
	for (int i = 0; i < QUEUE; i++)
		clm_findings_init(&xs->q[i].f);
	if (pc->ack != NULL && open_ack(xs, err) < 0) {
		clm_x12in_close(xs->x);
		clm_in_close(in);
		free(xs);
		return -err->code;
	}
	build_header(xs);
	current = xs;
	s->next = next_x12_row;
	s->src = xs;
	s->h = xs->h;
	s->name = clm_in_name(in);
	s->close = close_x12;
	return 0;
}
