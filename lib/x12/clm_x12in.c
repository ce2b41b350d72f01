/*
 * clm_x12in - the 837P reader: envelope checks and the loop state machine
 * (see clm_x12in.h).  Context (submitter, billing provider, subscriber,
 * patient) is kept per level with its findings and copied into each claim
 * when its CLM starts; trailer findings (SE, GE, IEA) go to the last claim
 * before them, which is still open when they arrive.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clm_x12in.h"
#include "clm_x12in_impl.h"

#define ARENA_MAX (4u << 20)	/* bytes of values per claim or level */
#define LINES_MAX 10000		/* service lines per claim (TR3: 50) */

static void
store_reset(struct clm_x12in_store *s)
{
	for (int i = 0; i < s->nset; i++)
		s->off[s->set[i]] = s->len[s->set[i]] = 0;
	s->nset = 0;
	if (s->buf == NULL) {
		memset(s->off, 0, sizeof(s->off));
		memset(s->len, 0, sizeof(s->len));
		s->cap = 4096;
		s->buf = clm_xmalloc(s->cap);
	}
	s->buf[0] = '\0';
	s->used = 1;		/* offset 0 is the empty string */
	s->full = 0;
}

/* Append a NUL-terminated copy; returns its offset, 0 when over ARENA_MAX. */
static uint32_t
store_add(struct clm_x12in_store *s, const char *p, size_t len)
{
	uint32_t off;

	if (len == 0)
		return 0;
	if (s->used + len + 1 > ARENA_MAX) {
		s->full = 1;
		return 0;
	}
	while (s->used + len + 1 > s->cap) {
		s->cap *= 2;
		s->buf = clm_xrealloc(s->buf, s->cap);
	}
	off = (uint32_t)s->used;
	memcpy(s->buf + off, p, len);
	s->buf[off + len] = '\0';
	s->used += len + 1;
	return off;
}

static void
store_set(struct clm_x12in_store *s, int col, const char *p, size_t len)
{
	if (s->off[col] == 0 && len > 0 && s->nset < CLM_COL_COUNT)
		s->set[s->nset++] = (unsigned char)col;
	s->off[col] = store_add(s, p, len);
	s->len[col] = s->off[col] ? (uint32_t)len : 0;
}

void
clm_x12in_level_reset(struct clm_x12in_level *lv)
{
	store_reset(&lv->v);
	clm_findings_clear(&lv->f);
	lv->seen = 0;
}

struct clm_x12in *
clm_x12in_open(clm_x12in_read_fn fn, void *ctx, const char *name)
{
	struct clm_x12in *x = clm_xcalloc(1, sizeof(*x));

	x->tok = clm_x12in_tok_open(fn, ctx, name);
	x->vc = clm_x12in_vcache_new();
	x->name = name;
	for (int i = 0; i < LV_COUNT; i++) {
		clm_findings_init(&x->lv[i].f);
		clm_x12in_level_reset(&x->lv[i]);
	}
	clm_findings_init(&x->claim.f);
	store_reset(&x->claim.v);
	clm_findings_init(&x->orphans);
	return x;
}

void
clm_x12in_close(struct clm_x12in *x)
{
	if (x == NULL)
		return;
	clm_x12in_tok_close(x->tok);
	for (int i = 0; i < LV_COUNT; i++) {
		free(x->lv[i].v.buf);
		clm_findings_free(&x->lv[i].f);
	}
	free(x->claim.v.buf);
	free(x->claim.lines);
	clm_findings_free(&x->claim.f);
	clm_findings_free(&x->orphans);
	free(x->vc);
	free(x);
}

struct clm_findings *
clm_x12in_orphans(struct clm_x12in *x)
{
	return &x->orphans;
}

int
clm_x12in_fills(enum clm_column col)
{
	return col != CLM_COL_STATUS && col != CLM_COL_EDITS &&
	    col != CLM_COL_SRC_FILE && col != CLM_COL_SRC_LINE &&
	    col != CLM_COL_SRC_COLUMNS;
}

size_t
clm_x12in_claim_rows(const struct clm_x12in_claim *c)
{
	return c->nlines > 0 ? c->nlines : 1;
}

const char *
clm_x12in_claim_value(const struct clm_x12in_claim *c, size_t r,
    enum clm_column col, size_t *len)
{
	uint32_t off = 0, n = 0;

	if (col >= CLM_COL_LINE_NO) {	/* line columns are contiguous */
		if (r < c->nlines && col <= CLM_COL_LINE_CTRL) {
			off = c->lines[r].off[col - CLM_COL_LINE_NO];
			n = c->lines[r].len[col - CLM_COL_LINE_NO];
		}
	} else {
		off = c->v.off[col];
		n = c->v.len[col];
	}
	if (len != NULL)
		*len = n;
	return c->v.buf + off;
}

long
clm_x12in_claim_pos(const struct clm_x12in_claim *c)
{
	return c->pos;
}

long
clm_x12in_claim_phys_line(const struct clm_x12in_claim *c, size_t row)
{
	return row < c->nlines ? c->lines[row].phys : c->phys;
}

struct clm_findings *
clm_x12in_claim_findings(struct clm_x12in_claim *c)
{
	return &c->f;
}

/* ---- findings ---------------------------------------------------------- */

/* Where a finding made now belongs. */
static struct clm_findings *
target(struct clm_x12in *x)
{
	if (x->open)
		return &x->claim.f;
	if (x->trailer)
		return &x->orphans;
	if (x->in_st)
		return &x->lv[clm_x12in_loop_level(x->loop)].f;
	if (x->in_gs)
		return &x->lv[LV_GS].f;
	return x->in_isa ? &x->lv[LV_ISA].f : &x->orphans;
}

static long
cur_line(const struct clm_x12in *x)
{
	if (!x->open || x->trailer || x->claim.nlines == 0 ||
	    x->loop < L_2400)
		return 0;
	return x->claim.line_no;
}

void
clm_x12in_find(struct clm_x12in *x, const struct clm_x12in_seg *s,
    enum clm_edit e, const char *field, const char *fmt, ...)
{
	char msg[400], where[96];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	x->nfind++;
	if (x->in_st && s != NULL)
		snprintf(where, sizeof(where), "segment %ld (%s) in loop %s",
		    x->st_seg, s->id[0] ? s->id : "?",
		    clm_x12in_loop_name(x->loop));
	else if (s != NULL)
		snprintf(where, sizeof(where), "segment %s at file segment %ld",
		    s->id[0] ? s->id : "?", s->pos);
	else if (x->trailer)
		snprintf(where, sizeof(where), "end of input");
	else
		snprintf(where, sizeof(where), "loop %s",
		    clm_x12in_loop_name(x->loop));
	clm_finding_add(target(x), e, cur_line(x), field ? field : "",
	    "%s: %s", where, msg);
	if (x->on_event != NULL) {
		struct clm_x12in_event ev = { CLM_X12IN_EV_PROBLEM, s, e,
			x->f_segid ? x->f_segid : s && s->id[0] ? s->id : "",
			x->in_st ? x->st_seg : 0,
			x->loop > L_HDR ? clm_x12in_loop_name(x->loop) : "",
			x->f_el, x->f_comp, x->f_code, 0 };

		x->on_event(x->event_ctx, &ev);
	}
	x->f_el = x->f_comp = 0;
	x->f_code = x->f_segid = NULL;
}

void
clm_x12in_event(struct clm_x12in *x, enum clm_x12in_ev kind,
    const struct clm_x12in_seg *s)
{
	struct clm_x12in_event ev = { kind, s, 0, s ? s->id : "", 0, "", 0,
		0, NULL, x->nst };

	if (x->on_event != NULL)
		x->on_event(x->event_ctx, &ev);
}

void
clm_x12in_on_event(struct clm_x12in *x, clm_x12in_event_fn fn, void *ctx)
{
	x->on_event = fn;
	x->event_ctx = ctx;
}

static void
copy_findings(struct clm_findings *dst, const struct clm_findings *src)
{
	for (size_t i = 0; i < src->n; i++)
		clm_finding_add_custom(dst, src->v[i].edit,
		    src->v[i].severity, src->v[i].line, src->v[i].field, "%s",
		    src->v[i].msg);
}

/* ---- values ------------------------------------------------------------ */

static struct clm_x12in_store *
value_store(struct clm_x12in *x)
{
	return x->open ? &x->claim.v : &x->lv[clm_x12in_loop_level(x->loop)].v;
}

void
clm_x12in_put(struct clm_x12in *x, enum clm_column col, const char *p,
    size_t len)
{
	struct clm_x12in_claim *c = &x->claim;

	if (!clm_column_is_line(col)) {
		store_set(value_store(x), (int)col, p, len);
		return;
	}
	if (!x->open || c->nlines == 0 || col > CLM_COL_LINE_CTRL)
		return;
	c->lines[c->nlines - 1].off[col - CLM_COL_LINE_NO] =
	    store_add(&c->v, p, len);
	c->lines[c->nlines - 1].len[col - CLM_COL_LINE_NO] =
	    c->lines[c->nlines - 1].off[col - CLM_COL_LINE_NO] ?
	    (uint32_t)len : 0;
}

const char *
clm_x12in_get(struct clm_x12in *x, enum clm_column col)
{
	struct clm_x12in_claim *c = &x->claim;

	if (!clm_column_is_line(col))
		return value_store(x)->buf + value_store(x)->off[col];
	if (!x->open || c->nlines == 0 || col > CLM_COL_LINE_CTRL)
		return "";
	return c->v.buf + c->lines[c->nlines - 1].off[col - CLM_COL_LINE_NO];
}

/*
 * Append "sep" and text to a value (multi-part columns: oth_adj).  Returns
 * -1 when the value would pass 4 KiB (more than the 837P's 5 CAS of 6
 * adjustments can make); the part is then not appended.
 */
int
clm_x12in_append(struct clm_x12in *x, enum clm_column col, const char *sep,
    const char *p, size_t len)
{
	char buf[4096];
	const char *old = clm_x12in_get(x, col);
	int n = snprintf(buf, sizeof(buf), "%s%s%.*s", old, *old ? sep : "",
	    (int)len, p);

	if (n <= 0 || (size_t)n >= sizeof(buf))
		return -1;
	clm_x12in_put(x, col, buf, (size_t)n);
	return 0;
}

/* ---- claims ------------------------------------------------------------ */

static void
claim_start(struct clm_x12in *x, const struct clm_x12in_seg *s)
{
	struct clm_x12in_claim *c = &x->claim;

	store_reset(&c->v);
	c->nlines = 0;
	c->line_no = 0;
	c->pos = s->pos;
	c->phys = s->line;
	c->seen = 0;
	c->checked = 0;
	c->ncarried = 0;
	clm_findings_clear(&c->f);
	for (int lv = 0; lv < LV_COUNT; lv++) {
		const struct clm_x12in_store *src = &x->lv[lv].v;

		for (int i = 0; i < src->nset; i++) {
			int col = src->set[i];

			if (src->off[col] != 0)
				store_set(&c->v, col, src->buf + src->off[col],
				    src->len[col]);
		}
		copy_findings(&c->f, &x->lv[lv].f);
	}
	x->open = 1;
}

int
clm_x12in_line_start(struct clm_x12in *x, const struct clm_x12in_seg *s,
    struct clm_error *err)
{
	struct clm_x12in_claim *c = &x->claim;

	if (c->nlines == LINES_MAX)
		return clm_error_set(err, CLM_ELIMIT, x->name, s->pos,
		    "segment %ld: more than %d service lines in one claim",
		    x->st_seg, LINES_MAX);
	if (c->nlines == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 16;
		c->lines = clm_xrealloc(c->lines, c->cap * sizeof(*c->lines));
	}
	memset(&c->lines[c->nlines], 0, sizeof(c->lines[0]));
	c->lines[c->nlines].pos = s->pos;
	c->lines[c->nlines].phys = s->line;
	c->nlines++;
	return 0;
}

/* Checks that need the whole claim, then hand it out. */
void
clm_x12in_claim_check_early(struct clm_x12in *x)
{
	int trailer = x->trailer;

	if (x->open && !x->claim.checked) {
		x->trailer = 0;		/* the claim's findings, not the SE's */
		clm_x12in_check_claim(x);
		x->claim.checked = 1;
		x->trailer = trailer;
	}
}

static void
claim_finish(struct clm_x12in *x)
{
	if (!x->claim.checked)
		clm_x12in_check_claim(x);
	x->open = 0;
	x->ready = 1;
}

/* ---- the main loop ----------------------------------------------------- */

static int
read_segment(struct clm_x12in *x, struct clm_error *err)
{
	if (x->pending) {
		x->pending = 0;
		return 1;
	}
	return clm_x12in_tok_next(x->tok, &x->seg, err);
}

/* Segments that end the open claim (they are handled after it is out). */
static int
ends_claim(const struct clm_x12in_seg *s)
{
	return CLM_X12IN_IS(s, "CLM") || CLM_X12IN_IS(s, "HL") ||
	    CLM_X12IN_IS(s, "ST") || CLM_X12IN_IS(s, "GS") ||
	    CLM_X12IN_IS(s, "ISA");
}

static int
at_end(struct clm_x12in *x, struct clm_x12in_claim **c)
{
	clm_x12in_env_eof(x);
	if (x->open) {
		claim_finish(x);
		*c = &x->claim;
		return 1;
	}
	return 0;
}

/* A claim or context whose values passed ARENA_MAX: an input error. */
static int
check_full(struct clm_x12in *x, struct clm_error *err)
{
	int full = x->claim.v.full;

	for (int i = 0; i < LV_COUNT; i++)
		full |= x->lv[i].v.full;
	if (!full)
		return 0;
	return clm_error_set(err, CLM_ELIMIT, x->name, 0, "segment %ld: "
	    "more than %u bytes of values in one claim", x->seg.pos,
	    ARENA_MAX);
}

int
clm_x12in_next(struct clm_x12in *x, struct clm_x12in_claim **c,
    struct clm_error *err)
{
	int rc;

	x->ready = 0;
	if (x->done)
		return 0;
	while ((rc = read_segment(x, err)) > 0) {
		if (x->open && ends_claim(&x->seg)) {
			x->pending = 1;
			clm_x12in_env_missing(x, &x->seg);
			claim_finish(x);
			*c = &x->claim;
			return 1;
		}
		if (CLM_X12IN_IS(&x->seg, "CLM") && x->in_st)
			claim_start(x, &x->seg);
		if ((rc = clm_x12in_segment(x, &x->seg, err)) < 0)
			return rc;
		if ((rc = check_full(x, err)) < 0)
			return rc;
	}
	if (rc < 0)
		return rc;
	x->done = 1;
	return at_end(x, c);
}
