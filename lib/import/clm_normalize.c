/*
 * The normalize stage: the form of every canonical column of a claim
 * (clm_normalize.h).
 */
#include <stdlib.h>
#include <string.h>

#include "clm.h"
#include "clm_codes.h"
#include "clm_normalize.h"

/* What each canonical column holds: its NORM in lib/core/columns.def. */
static const enum clm_norm_kind column_kind[CLM_COL_COUNT] = {
#define CLM_COLUMN(e, n, l, k, ...) [CLM_COL_##e] = CLM_NORM_##k,
#include "columns.def"
#undef CLM_COLUMN
};

#define KNOWN_MAX 32

struct scratch {
	char *buf;
	size_t cap;
};

struct clm_normalize {
	struct clm_norm_ctx ctx;
	const struct clm_header *h;	/* the stream's, from start */
	struct scratch cell;		/* normalizer output, grown as needed */
	struct scratch claim;		/* a claim-level column's result */
	/* the header's columns to normalize, split by level (from start) */
	enum clm_column claim_cols[CLM_COL_COUNT], line_cols[CLM_COL_COUNT];
	size_t nclaim, nline;
	/* per column, the last value found already normal: exports repeat
	 * providers, payers, codes and dates row after row */
	struct known {
		unsigned char set, len;
		char v[KNOWN_MAX];
	} known[CLM_COL_COUNT];
};

/* An output buffer for a value of len bytes (values are bounded by the
 * CSV reader's field ceiling). */
static struct clm_norm_out
out_for(struct scratch *sc, size_t len)
{
	struct clm_norm_out o;

	if (sc->cap < len + CLM_NORM_SLACK) {
		sc->cap = len + CLM_NORM_SLACK + 256;
		free(sc->buf);
		sc->buf = clm_xmalloc(sc->cap);
	}
	o.buf = sc->buf;
	o.size = sc->cap;
	o.len = 0;
	o.edit = CLM_EDIT_COUNT;
	o.reason = NULL;
	return o;
}

static long
row_line(const struct clm_row *row, const struct clm_header *h)
{
	return strtol(clm_row_get(row, h, CLM_COL_LINE_NO), NULL, 10);
}

static int
quotable_or_empty(const char *v)
{
	return v[0] == '\0' || clm_codes_quotable(v);
}

/* One finding; codes may be quoted, patient data never. */
static void
report(struct clm_findings *f, enum clm_norm_kind k, long line,
    enum clm_column col, const char *before, const struct clm_norm_out *o,
    enum clm_norm_result r)
{
	const char *name = clm_column_name(col);

	/* a code kind's value is quoted only when code-shaped (its repair
	 * is made from it): a shifted row can put a birth date or a name in
	 * a code column */
	if (clm_norm_kind_is_phi(k) || !clm_codes_quotable(before))
		clm_finding_add(f, o->edit, line, name, "%s", o->reason);
	else if (r == CLM_NORM_REPAIRED)
		clm_finding_add(f, o->edit, line, name, "'%.40s' written as "
		    "'%.40s': %s", before, o->buf, o->reason);
	else
		clm_finding_add(f, o->edit, line, name, "'%.40s': %s", before,
		    o->reason);
}

/* clm_norm_value, skipped when v is the column's last value found normal
 * (the result depends only on the kind, the value and the fixed ctx). */
static enum clm_norm_result
norm_value(struct clm_normalize *nm, enum clm_column col, const char *v, size_t len,
    struct clm_norm_out *o)
{
	struct known *k = &nm->known[col];
	enum clm_norm_result r;

	if (k->set && len == k->len && memcmp(v, k->v, len) == 0)
		return CLM_NORM_UNCHANGED;
	r = clm_norm_value(column_kind[col], v, len, &nm->ctx, o);
	if (r == CLM_NORM_UNCHANGED && len < KNOWN_MAX) {
		memcpy(k->v, v, len);
		k->len = (unsigned char)len;
		k->set = 1;
	}
	return r;
}

/* Normalize value i of row; 1 when it was reported. */
static int
norm_cell(struct clm_normalize *nm, struct clm_row *row, enum clm_column col,
    size_t i, struct clm_findings *f, long line)
{
	const char *v = clm_row_value(row, i);
	size_t len = clm_row_value_len(row, i);
	struct clm_norm_out o = out_for(&nm->cell, len);
	enum clm_norm_result r = norm_value(nm, col, v, len, &o);

	if (r == CLM_NORM_UNCHANGED)
		return 0;
	if (f != NULL)
		report(f, column_kind[col], line, col, v, &o, r);
	if (r == CLM_NORM_REPAIRED)
		clm_row_set_value(row, i, o.buf, o.len);
	return 1;
}

/*
 * A claim-level column: normalized once for the claim (findings at line
 * 0); rows holding the same raw value take the same result, a row with a
 * different value (CLAIM-CONFLICT upstream) is normalized on its own.
 */
static void
norm_claim_column(struct clm_normalize *nm, struct clm_claim *c,
    const struct clm_header *h, enum clm_column col, struct clm_findings *f)
{
	size_t i = (size_t)h->canon[col];
	const char *first = clm_row_value(c->rows[0], i);
	size_t len = clm_row_value_len(c->rows[0], i);
	struct clm_norm_out o = out_for(&nm->claim, len);
	enum clm_norm_result r = norm_value(nm, col, first, len, &o);

	if (r != CLM_NORM_UNCHANGED)
		report(f, column_kind[col], 0, col, first, &o, r);
	for (size_t k = 1; k < c->n; k++) {
		if (clm_row_value_len(c->rows[k], i) != len ||
		    memcmp(clm_row_value(c->rows[k], i), first, len) != 0)
			norm_cell(nm, c->rows[k], col, i, f, 0);
		else if (r == CLM_NORM_REPAIRED)
			clm_row_set_value(c->rows[k], i, o.buf, o.len);
	}
	if (r == CLM_NORM_REPAIRED)
		clm_row_set_value(c->rows[0], i, o.buf, o.len);
}

/* Can the tool write column col of row without clobbering the extra
 * values of a ragged row? */
static void
norm_proc(struct clm_row *row, const struct clm_header *h,
    struct clm_findings *f, long line)
{
	struct clm_norm_procmod pm;
	enum clm_norm_result r;
	enum clm_column col;

	memset(&pm, 0, sizeof(pm));
	pm.proc = clm_row_get(row, h, CLM_COL_PROC);
	for (int m = 0; m < 4; m++)
		pm.mod[m] = clm_row_get(row, h, CLM_COL_MOD(m + 1));
	r = clm_norm_proc_mods(&pm);
	if (r == CLM_NORM_UNCHANGED)
		return;
	col = pm.field == 0 ? CLM_COL_PROC : CLM_COL_MOD(pm.field);
	if (quotable_or_empty(pm.proc) && quotable_or_empty(pm.mod[0]) &&
	    quotable_or_empty(pm.mod[1]) && quotable_or_empty(pm.mod[2]) &&
	    quotable_or_empty(pm.mod[3]))
		clm_finding_add(f, pm.edit, line, clm_column_name(col),
		    "%s (proc '%s', modifiers '%s' '%s' '%s' '%s')",
		    pm.reason, pm.proc, pm.mod[0], pm.mod[1],
		    pm.mod[2], pm.mod[3]);
	else
		clm_finding_add(f, pm.edit, line, clm_column_name(col),
		    "%s (values that do not look like codes, not shown)",
		    pm.reason);
	if (r != CLM_NORM_REPAIRED)
		return;
	clm_row_set(row, h, CLM_COL_PROC, pm.proc_buf);
	for (int m = 0; m < 4; m++)
		clm_row_set(row, h, CLM_COL_MOD(m + 1), pm.mod_buf[m]);
}

/* dos_from may hold a range: its end goes to dos_to when that is empty or
 * the same date. */
static void
norm_dos(struct clm_normalize *nm, struct clm_row *row, const struct clm_header *h,
    struct clm_findings *f, long line)
{
	size_t fi = (size_t)h->canon[CLM_COL_DOS_FROM];
	size_t ti = (size_t)h->canon[CLM_COL_DOS_TO];
	const char *v, *to;
	size_t len;
	struct clm_norm_out o;

	norm_cell(nm, row, CLM_COL_DOS_TO, ti, f, line);
	v = clm_row_value(row, fi);	/* after: setting dos_to may move it */
	len = clm_row_value_len(row, fi);
	o = out_for(&nm->cell, len);
	if (clm_norm_value(CLM_NORM_DATE_SERVICE, v, len, &nm->ctx, &o) !=
	    CLM_NORM_ERROR || o.edit != CLM_EDIT_DATE_INVALID ||
	    clm_norm_date_range(v, len, nm->ctx.today, &o, &to) !=
	    CLM_NORM_REPAIRED || to == NULL) {
		norm_cell(nm, row, CLM_COL_DOS_FROM, fi, f, line);
		return;
	}
	if (clm_row_value_len(row, ti) > 0 &&
	    strcmp(clm_row_value(row, ti), to) != 0) {
		clm_finding_add(f, CLM_EDIT_DATE_RANGE_CONFLICT, line,
		    "dos_from", "holds a date range whose end "
		    "differs from dos_to");
		return;
	}
	clm_finding_add(f, o.edit, line, "dos_from", "%s", o.reason);
	clm_row_set_value(row, ti, to, 8);
	clm_row_set_value(row, fi, o.buf, 8);
}

static int
special_column(enum clm_column col)
{
	return col == CLM_COL_PROC || (col >= CLM_COL_MOD1 &&
	    col <= CLM_COL_MOD4) || col == CLM_COL_DOS_FROM ||
	    col == CLM_COL_DOS_TO;
}

static void
norm_line(struct clm_normalize *nm, struct clm_row *row, const struct clm_header *h,
    struct clm_findings *f)
{
	long line;

	/* line_no first: findings name the line */
	if (h->canon[CLM_COL_LINE_NO] >= 0)
		norm_cell(nm, row, CLM_COL_LINE_NO,
		    (size_t)h->canon[CLM_COL_LINE_NO], f, 0);
	line = row_line(row, h);
	for (size_t k = 0; k < nm->nline; k++)
		norm_cell(nm, row, nm->line_cols[k],
		    (size_t)h->canon[nm->line_cols[k]], f, line);
	if (h->canon[CLM_COL_MOD1] >= 0)
		norm_proc(row, h, f, line);
	if (h->canon[CLM_COL_DOS_FROM] >= 0)
		norm_dos(nm, row, h, f, line);
	else if (h->canon[CLM_COL_DOS_TO] >= 0)
		norm_cell(nm, row, CLM_COL_DOS_TO,
		    (size_t)h->canon[CLM_COL_DOS_TO], f, line);
}

static int
norm_claim(void *ctx, const struct clm_next *next, struct clm_item *it,
    struct clm_error *err)
{
	struct clm_normalize *nm = ctx;
	struct clm_claim *c = &it->c;

	(void)next;
	(void)err;
	for (size_t k = 0; k < nm->nclaim; k++)
		norm_claim_column(nm, c, nm->h, nm->claim_cols[k], &it->f);
	for (size_t r = 0; r < c->n; r++)
		norm_line(nm, c->rows[r], nm->h, &it->f);
	return CLM_STAGE_PASS;
}

/* The header's columns to normalize, in canonical order; the line-level
 * ones without those norm_line handles itself. */
static void
plan_columns(struct clm_normalize *nm, const struct clm_header *h)
{
	nm->nclaim = nm->nline = 0;
	for (int col = 0; col < CLM_COL_COUNT; col++) {
		if (h->canon[col] < 0 || column_kind[col] == CLM_NORM_NONE)
			continue;
		if (!clm_column_is_line(col))
			nm->claim_cols[nm->nclaim++] = col;
		else if (!special_column(col) && col != CLM_COL_LINE_NO)
			nm->line_cols[nm->nline++] = col;
	}
}

/* Columns a repair may need to write: the modifiers beside proc, dos_to
 * beside dos_from.  Appended when absent. */
static int
norm_start(void *ctx, struct clm_header *h, struct clm_error *err)
{
	int any = h->canon[CLM_COL_PROC] >= 0;

	(void)err;
	for (int m = 1; m <= 4; m++)
		any |= h->canon[CLM_COL_MOD(m)] >= 0;
	for (int m = 1; any && m <= 4; m++)
		clm_header_ensure(h, CLM_COL_MOD(m));
	if (h->canon[CLM_COL_DOS_FROM] >= 0)
		clm_header_ensure(h, CLM_COL_DOS_TO);
	plan_columns(ctx, h);
	((struct clm_normalize *)ctx)->h = h;
	return 0;
}

struct clm_normalize *
clm_normalize_new(long today, int keep_case)
{
	struct clm_normalize *nm = clm_xcalloc(1, sizeof(*nm));

	nm->ctx.today = today;
	nm->ctx.keep_case = keep_case;
	return nm;
}

void
clm_normalize_free(struct clm_normalize *nm)
{
	if (nm == NULL)
		return;
	free(nm->cell.buf);
	free(nm->claim.buf);
	free(nm);
}

void
clm_normalize_keep_case(struct clm_normalize *nm, int on)
{
	nm->ctx.keep_case = on;
}

struct clm_stage
clm_normalize_stage(struct clm_normalize *nm)
{
	struct clm_stage s = { "normalize", nm, norm_start, norm_claim, NULL };

	return s;
}
