#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clm.h"
#include "clm_x12in.h"
#include "clm_x12src.h"

struct x12src {
	struct clm_source s;
	struct clm_in *in;
	struct clm_x12in *x;
	int col[CLM_COL_COUNT];		/* header index -> canonical, -1 */
	int ended;			/* the reader reached the end */
	void (*done)(void *ctx, int ended);
	void *done_ctx;
};

static long
read_in(void *ctx, void *buf, size_t size, struct clm_error *err)
{
	return clm_in_read(ctx, buf, size, err);
}

/* n rows in c, reusing the ones it holds. */
static void
size_claim(struct clm_claim *c, size_t n)
{
	while (c->n > n)
		clm_row_free(c->rows[--c->n]);
	for (size_t i = 0; i < c->n; i++)
		clm_row_reset(c->rows[i]);
	while (c->n < n)
		clm_claim_append(c, clm_row_new());
}

static int
x12src_next(struct clm_source *s, struct clm_item *it, struct clm_error *err)
{
	struct x12src *xs = s->impl;
	struct clm_x12in_claim *xc;
	const struct clm_findings *src;
	size_t nrows;
	int rc = clm_x12in_next(xs->x, &xc, err);

	if (rc <= 0) {
		xs->ended |= rc == 0;
		size_claim(&it->c, 0);
		return rc;
	}
	nrows = clm_x12in_claim_rows(xc);
	size_claim(&it->c, nrows);
	it->c.file = s->name;
	for (size_t r = 0; r < nrows; r++) {
		struct clm_row *row = it->c.rows[r];

		for (size_t i = 0; i < s->h->ncols; i++) {
			size_t len = 0;
			const char *v = "";
			char num[32];

			if (xs->col[i] == CLM_COL_SRC_FILE) {
				v = clm_in_name(xs->in);
				len = strlen(v);
			} else if (xs->col[i] == CLM_COL_SRC_LINE) {
				len = (size_t)snprintf(num, sizeof(num), "%ld",
				    clm_x12in_claim_phys_line(xc, r));
				v = num;
			} else if (xs->col[i] >= 0)
				v = clm_x12in_claim_value(xc, r,
				    (enum clm_column)xs->col[i], &len);
			clm_row_push(row, v, len);
		}
		row->line = clm_x12in_claim_pos(xc);
	}
	src = clm_x12in_claim_findings(xc);
	for (size_t i = 0; i < src->n; i++)
		clm_finding_add_custom(&it->f, src->v[i].edit,
		    src->v[i].severity, src->v[i].line, src->v[i].field, "%s",
		    src->v[i].msg);
	return 1;
}

static struct clm_findings *
x12src_orphans(struct clm_source *s)
{
	return clm_x12in_orphans(((struct x12src *)s->impl)->x);
}

static void
x12src_close(struct clm_source *s)
{
	struct x12src *xs = s->impl;

	if (xs->done != NULL)
		xs->done(xs->done_ctx, xs->ended);
	clm_x12in_close(xs->x);
	clm_in_close(xs->in);
	clm_header_free(s->h);
	free(xs);
}

struct clm_source *
clm_x12src_open(struct clm_in *in, const char *name)
{
	struct x12src *xs = clm_xcalloc(1, sizeof(*xs));
	struct clm_header *h = clm_header_new();

	xs->in = in;
	xs->x = clm_x12in_open(read_in, in, clm_in_name(in));
	for (int col = 0; col < CLM_COL_COUNT; col++)
		if (clm_x12in_fills(col) || col == CLM_COL_STATUS ||
		    col == CLM_COL_EDITS) {
			xs->col[h->ncols] = clm_x12in_fills(col) ? col : -1;
			clm_header_add(h, clm_column_name(col));
		}
	/* each row's origin: the physical line of its LX (or CLM) */
	xs->col[h->ncols] = CLM_COL_SRC_FILE;
	clm_header_add(h, clm_column_name(CLM_COL_SRC_FILE));
	xs->col[h->ncols] = CLM_COL_SRC_LINE;
	clm_header_add(h, clm_column_name(CLM_COL_SRC_LINE));
	xs->s.sets_origin = 1;
	xs->s.next = x12src_next;
	xs->s.orphans = x12src_orphans;
	xs->s.close = x12src_close;
	xs->s.h = h;
	xs->s.name = name;
	xs->s.impl = xs;
	return &xs->s;
}

void
clm_x12src_follow(struct clm_source *s, clm_x12in_event_fn fn,
    void *fn_ctx, void (*done)(void *ctx, int ended), void *done_ctx)
{
	struct x12src *xs = s->impl;

	clm_x12in_on_event(xs->x, fn, fn_ctx);
	xs->done = done;
	xs->done_ctx = done_ctx;
}
