#include <stdlib.h>
#include <string.h>

#include "clm.h"
#include "clm_stage.h"

void
clm_item_init(struct clm_item *it)
{
	clm_claim_init(&it->c);
	clm_findings_init(&it->f);
}

void
clm_item_free(struct clm_item *it)
{
	clm_claim_free(&it->c);
	clm_findings_free(&it->f);
}

void
clm_item_swap(struct clm_item *a, struct clm_item *b)
{
	struct clm_item t = *a;

	*a = *b;
	*b = t;
}

void
clm_pipe_init(struct clm_pipe *p, const struct clm_stage *stages,
    size_t nstages, clm_sink_fn sink, void *sink_ctx)
{
	memset(p, 0, sizeof(*p));
	p->stages = stages;
	p->nstages = nstages;
	p->sink = sink;
	p->sink_ctx = sink_ctx;
}

int
clm_pipe_start(struct clm_pipe *p, struct clm_header *h,
    struct clm_error *err)
{
	p->h = h;
	for (size_t i = 0; i < p->nstages; i++) {
		const struct clm_stage *s = &p->stages[i];
		int rc;

		if (s->start != NULL && (rc = s->start(s->ctx, h, err)) < 0)
			return rc;
	}
	return 0;
}

int
clm_stage_pass(const struct clm_next *next, struct clm_item *it,
    struct clm_error *err)
{
	struct clm_pipe *p = next->p;

	for (size_t i = next->at; i < p->nstages; i++) {
		const struct clm_stage *s = &p->stages[i];
		struct clm_next after = { p, i + 1 };
		int rc = s->claim(s->ctx, &after, it, err);

		if (rc < 0)
			return rc;
		if (rc == CLM_STAGE_HELD)
			return 0;
	}
	return p->sink != NULL ? p->sink(p->sink_ctx, p->h, it, err) : 0;
}

int
clm_pipe_push(struct clm_pipe *p, struct clm_item *it,
    struct clm_error *err)
{
	struct clm_next first = { p, 0 };

	return clm_stage_pass(&first, it, err);
}

int
clm_pipe_flush(struct clm_pipe *p, struct clm_error *err)
{
	int rc = 0;

	for (size_t i = 0; i < p->nstages; i++) {
		const struct clm_stage *s = &p->stages[i];
		struct clm_next after = { p, i + 1 };
		int r;

		if (s->flush != NULL && (r = s->flush(s->ctx, &after, err)) < 0
		    && rc == 0)
			rc = r;
	}
	return rc;
}

/* ---- a source over rows ---- */

struct row_source {
	struct clm_source s;
	struct clm_grouper g;
	clm_row_source_fn next;
	void *src;
	void (*close_rows)(void *src);
	const char *name;
};

static int
rows_next(struct clm_source *s, struct clm_item *it, struct clm_error *err)
{
	struct row_source *rs = s->impl;

	return clm_grouper_next(&rs->g, &it->c, err);
}

static void
rows_close(struct clm_source *s)
{
	struct row_source *rs = s->impl;

	clm_grouper_release(&rs->g);
	if (rs->close_rows != NULL)
		rs->close_rows(rs->src);
	free(rs);
}

struct clm_source *
clm_source_rows(clm_row_source_fn next, void *src,
    void (*close_rows)(void *src), struct clm_header *h, const char *name)
{
	struct row_source *rs = clm_xcalloc(1, sizeof(*rs));

	rs->next = next;
	rs->src = src;
	rs->close_rows = close_rows;
	rs->name = name;
	rs->s.next = rows_next;
	rs->s.close = rows_close;
	rs->s.h = h;
	rs->s.name = rs->name;
	rs->s.impl = rs;
	clm_grouper_init(&rs->g, next, src, h, name);
	return &rs->s;
}

void
clm_source_close(struct clm_source *s)
{
	if (s != NULL)
		s->close(s);
}

int
clm_pipe_run(struct clm_pipe *p, struct clm_source *s,
    struct clm_error *err)
{
	struct clm_item it;
	int rc;

	clm_item_init(&it);
	for (;;) {
		clm_findings_clear(&it.f);
		if ((rc = s->next(s, &it, err)) <= 0)
			break;
		if ((rc = clm_pipe_push(p, &it, err)) < 0)
			break;
	}
	clm_item_free(&it);
	return rc;
}
