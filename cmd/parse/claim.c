/*
 * clm-parse: one claim's cells to the record form: line numbers when the
 * export has none, modifiers and diagnoses spread over mod1..mod4 and
 * dx1..dx12, pointers in their ':' form, the patient's columns feeding
 * the subscriber's when the patient is the subscriber.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "clm_cells.h"
#include "parse.h"

#define PTR_CELL 512

/* Non-zero when a diagnosis cell may hold more than one code. */
static int
has_separator(const char *v)
{
	static const unsigned char sep[256] = {
		[','] = 1, [';'] = 1, ['|'] = 1, [' '] = 1, ['\t'] = 1,
		['\n'] = 1, ['\r'] = 1, ['\v'] = 1, ['\f'] = 1,
	};

	for (; *v != '\0'; v++)
		if (sep[(unsigned char)*v])
			return 1;
	return 0;
}

/* How many of the columns first, first+1, ... the header has in a row. */
static int
columns_from(const struct clm_header *h, enum clm_column first, int max)
{
	int k = 0;

	while (k < max && h->canon[first + k] >= 0)
		k++;
	return k;
}

static void
spread_mods(const struct clm_header *h, struct clm_row *row, long line,
    struct clm_findings *f)
{
	char items[8][CLM_CELLS_TOKEN];
	int n = 0, split = 0;

	for (int k = 1; k <= 4; k++) {
		const char *v = clm_row_get(row, h, CLM_COL_MOD(k));

		split |= v[0] != '\0' && v[1] != '\0' && v[2] != '\0';
	}
	if (!split)
		return;
	for (int k = 1; k <= 4; k++)
		n += clm_cells_split_mods(clm_row_get(row, h, CLM_COL_MOD(k)),
		    items + (n < 8 ? n : 8), n < 8 ? 8 - n : 0);
	if (n > 4) {
		clm_finding_add(f, CLM_EDIT_PARSE_MOD_LIMIT, line, "mod1",
		    "the modifier cells hold %d modifiers; a line takes 4",
		    n);
		return;
	}
	if (n > columns_from(h, CLM_COL_MOD1, 4))
		return;		/* no room: the cells stay as they are */
	for (int k = 1; k <= 4; k++)
		clm_row_set(row, h, CLM_COL_MOD(k), k <= n ? items[k - 1] : "");
}

/* Already "N" or "N:N..." with 1-4 positions 1-12? */
static int
ptr_is_canonical(const char *v)
{
	int n = 0;

	if (strcmp(v, "12") == 0)	/* a lone "12" is pointers 1 and 2 */
		return 0;
	while (*v != '\0') {
		int x = 0, digits = 0;

		while (*v >= '0' && *v <= '9' && digits < 3) {
			x = x * 10 + (*v++ - '0');
			digits++;
		}
		if (x < 1 || x > 12 || digits == 0 || (digits > 1 && x < 10))
			return 0;
		n++;
		if (*v == ':')
			v++;
		else if (*v != '\0')
			return 0;
	}
	return n <= 4 && v[-1] != ':';
}

static void
fix_pointers(struct parse_ctx *pc, const struct clm_header *h,
    struct clm_row *row, long line, struct clm_findings *f)
{
	const char *v = clm_row_get(row, h, CLM_COL_DX_PTR);
	char cell[PTR_CELL], out[PTR_CELL];
	int n;

	if (pc->nptr_cols == 0 && (v[0] == '\0' || ptr_is_canonical(v)))
		return;
	snprintf(cell, sizeof(cell), "%s", v);
	for (int i = 0; i < pc->nptr_cols; i++) {
		const char *more = clm_row_value(row, (size_t)pc->ptr_cols[i]);
		size_t used = strlen(cell);

		if (more[0] != '\0')
			snprintf(cell + used, sizeof(cell) - used, "%s%s",
			    used > 0 ? "," : "", more);
	}
	n = clm_cells_dx_ptr(cell, out, sizeof(out));
	if (n < 0) {
		clm_finding_add(f, CLM_EDIT_PARSE_DXPTR, line, "dx_ptr",
		    "the diagnosis pointers cannot be read as positions 1-12 "
		    "or letters A-L");
		return;
	}
	if (n > 4)
		clm_finding_add(f, CLM_EDIT_PARSE_DXPTR_LIMIT, line, "dx_ptr",
		    "%d diagnosis pointers; a line takes 4", n);
	clm_row_set(row, h, CLM_COL_DX_PTR, out);
}

/* Diagnosis cells holding several codes spread over dx1..dx12. */
static void
spread_dx(const struct clm_header *h, struct clm_row *row, int report,
    struct clm_findings *f)
{
	char items[12][CLM_CELLS_TOKEN];
	int n = 0, split = 0;

	if (h->canon[CLM_COL_DX1] < 0)
		return;
	for (int k = 1; k <= 12; k++)
		split |= has_separator(clm_row_get(row, h, CLM_COL_DX(k)));
	if (!split)
		return;
	for (int k = 1; k <= 12; k++) {
		const char *v = clm_row_get(row, h, CLM_COL_DX(k));

		n += clm_cells_split_list(v, items + (n < 12 ? n : 12),
		    n < 12 ? 12 - n : 0);
	}
	if (n > columns_from(h, CLM_COL_DX1, 12)) {
		if (report)
			clm_finding_add(f, CLM_EDIT_PARSE_DX_LIMIT, 0, "dx1",
			    "the diagnosis cells hold %d codes; %s", n,
			    n > 12 ? "a claim takes 12" : "the export has "
			    "fewer dx columns");
		return;
	}
	for (int k = 1; k <= 12; k++)
		clm_row_set(row, h, CLM_COL_DX(k), k <= n ? items[k - 1] : "");
}

static int
is_self(const char *rel)
{
	static const char *const words[] = { "", "self", "18", "s",
		"insured", "patient is insured", "same" };

	while (isspace((unsigned char)*rel))
		rel++;
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcasecmp(rel, words[i]) == 0)
			return 1;
	return 0;
}

/* The patient is the subscriber: empty sub_* cells take the pat_* ones. */
static int
has_patient_columns(const struct clm_header *h)
{
	for (size_t i = 0; i < parse_npat_sub; i++)
		if (h->canon[parse_pat_sub[i].pat] >= 0)
			return 1;
	return 0;
}

static void
fill_subscriber(const struct clm_header *h, struct clm_row *row)
{
	if (!is_self(clm_row_get(row, h, CLM_COL_PAT_REL)))
		return;
	for (size_t i = 0; i < parse_npat_sub; i++) {
		const char *pat = clm_row_get(row, h, parse_pat_sub[i].pat);

		if (h->canon[parse_pat_sub[i].sub] < 0 || pat[0] == '\0' ||
		    clm_row_get(row, h, parse_pat_sub[i].sub)[0] != '\0')
			continue;
		clm_row_set_value(row, (size_t)h->canon[parse_pat_sub[i].sub],
		    pat, strlen(pat));
	}
}

/* Flags of a claim from a source that does not group (X12): reuse only. */
static unsigned char
ungrouped_flags(struct parse_ctx *pc, const char *id)
{
	int rc;

	if (pc->ids == NULL)
		pc->ids = parse_idset_new();
	rc = parse_idset_add(pc->ids, parse_id_hash(id, strlen(id)));
	if (rc < 0 && pc->ids_full_noted == 0)
		pc->ids_full_noted = 1;
	return rc > 0 ? PARSE_REUSED : 0;
}

static void
claim_findings(struct parse_ctx *pc, const struct clm_header *h,
    const struct clm_claim *c, struct clm_findings *f)
{
	unsigned char flags = pc->grouped ? parse_flags_pop(pc) :
	    ungrouped_flags(pc, clm_claim_id(c, h));

	if (clm_claim_id(c, h)[0] == '\0')
		clm_finding_add(f, CLM_EDIT_PARSE_CLAIM_ID_EMPTY, 0, "claim_id",
		    "the row has no claim id");
	else if (flags & PARSE_SPLIT)
		clm_finding_add(f, CLM_EDIT_PARSE_CLAIM_SPLIT, 0, "claim_id",
		    "more rows of this claim came after it was written; sort "
		    "the export by claim or run with --sort");
	else if (flags & PARSE_REUSED)
		clm_finding_add(f, CLM_EDIT_CLAIM_ID_REUSED, 0, "claim_id",
		    "an earlier, separate claim in this input has the same "
		    "claim id");
}

/* ROW-RAGGED counted in the export's own columns (none added). */
static void
ragged_rows(const struct parse_ctx *pc, const struct clm_header *h,
    const struct clm_claim *c, struct clm_findings *f)
{
	for (size_t i = 0; pc->src_cols > 0 && i < c->n; i++) {
		const struct clm_row *r = c->rows[i];
		size_t raw = r->n > pc->row_cols ? r->n - pc->moved : r->n;
		long line = pc->assign_line_no ? (long)i + 1 :
		    strtol(clm_row_get(r, h, CLM_COL_LINE_NO), NULL, 10);

		if (r->n == pc->row_cols)
			continue;
		clm_finding_add(f, CLM_EDIT_ROW_RAGGED, line, "", "input line "
		    "%ld has %zu values where the header has %zu columns",
		    r->line, raw, pc->src_cols);
	}
}

/* Value i of two rows equal?  (Direct access: this runs for every row.) */
static void
number_lines(const struct clm_header *h, struct clm_claim *c)
{
	for (size_t i = 0; i < c->n; i++) {
		char num[24];

		snprintf(num, sizeof(num), "%zu", i + 1);
		clm_row_set(c->rows[i], h, CLM_COL_LINE_NO, num);
	}
}

void
parse_transform_x12(struct parse_ctx *pc, const struct clm_header *h,
    struct clm_claim *c, struct clm_findings *f)
{
	/* X12 values are already split into their elements: only the checks
	 * that look across claims apply. */
	clm_claim_check_conflicts(c, h, f);
	claim_findings(pc, h, c, f);
}

void
parse_transform(struct parse_ctx *pc, const struct clm_header *h,
    struct clm_claim *c, struct clm_findings *f)
{
	int patient = has_patient_columns(h);

	ragged_rows(pc, h, c, f);	/* before anything pads a row */
	if (pc->assign_line_no)
		number_lines(h, c);
	clm_claim_check_conflicts(c, h, f);
	claim_findings(pc, h, c, f);
	parse_profile_apply(pc, h, c, f);
	for (size_t i = 0; i < c->n; i++) {
		struct clm_row *row = c->rows[i];
		long line = strtol(clm_row_get(row, h, CLM_COL_LINE_NO), NULL,
		    10);

		if (h->canon[CLM_COL_MOD1] >= 0)
			spread_mods(h, row, line, f);
		if (h->canon[CLM_COL_DX_PTR] >= 0)
			fix_pointers(pc, h, row, line, f);
		spread_dx(h, row, i == 0, f);
		if (patient)
			fill_subscriber(h, row);
	}
}
