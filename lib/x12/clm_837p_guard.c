/*
 * clm_837p_guard: everything the 837P needs is present, fits its element
 * and stays inside the guide's limits, before anything is written (the
 * guard clm-emit-837 runs).  The shared edits are lib/edits' clm_edit_*,
 * element forms clm_837p_form (from columns.def); the 837P-only checks
 * (diagnosis and modifier shapes, CAS, ZIP+4, totals, zeros) are here.
 * Messages name columns and codes only, never patient data.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clm_codes.h"
#include "clm_837p.h"
#include "clm_837p_form.h"
#include "clm_date.h"
#include "clm_money.h"
#include "clm_edit_address.h"
#include "clm_edit_amounts.h"
#include "clm_edit_dates.h"
#include "clm_edit_pointers.h"
#include "clm_edit_required.h"
#include "clm_837p_out.h"

static const char *
get(const struct clm_837p_out *e, const struct clm_row *r, enum clm_column col)
{
	return clm_row_get(r, e->h, col);
}

static long
line_of(const struct clm_837p_out *e, const struct clm_row *r)
{
	return strtol(get(e, r, CLM_COL_LINE_NO), NULL, 10);
}

/* X12-FORMAT for each column of one level (columns.def's FORM). */
static void
check_formats(const struct clm_837p_out *e, const struct clm_row *row,
    int line_level, long line, struct clm_findings *f)
{
	for (int c = 0; c < CLM_COL_COUNT; c++) {
		enum clm_column col = (enum clm_column)c;
		enum clm_837p_form form = clm_837p_form(col);
		const char *v;
		char want[160];

		if (form == CLM_837P_FORM_NONE || form == CLM_837P_FORM_DATE ||
		    clm_column_is_line(col) != line_level)
			continue;	/* dates: DATE-INVALID, clm_edit_dates */
		v = get(e, row, col);
		if (v[0] == '\0' || clm_837p_form_fits(col, v))
			continue;
		if ((col == CLM_COL_UNITS && clm_edit_units_zero(v)) ||
		    (col == CLM_COL_CHARGE && clm_edit_charge_zero(v)))
			continue;	/* UNITS-ZERO, CHARGE-ZERO say it */
		if (col >= CLM_COL_MOD1 && col <= CLM_COL_MOD4 &&
		    clm_findings_has(f, "LIMIT-MOD", line))
			continue;	/* "GP59": said once, as LIMIT-MOD */
		clm_837p_form_describe(col, want, sizeof(want));
		/* quoted only when code-shaped: a shifted row can put a
		 * birth date or a name in a code column */
		if (form == CLM_837P_FORM_CODE && clm_codes_quotable(v))
			clm_finding_add(f, CLM_EDIT_X12_FORMAT, line,
			    clm_column_name(col), "%s '%s' is not %s",
			    clm_column_name(col), v, want);
		else
			clm_finding_add(f, CLM_EDIT_X12_FORMAT, line,
			    clm_column_name(col), "%s is not %s (%zu "
			    "characters given)", clm_column_name(col),
			    want, strlen(v));
	}
}

static int
any_set(const struct clm_837p_out *e, const struct clm_row *r,
    enum clm_column from, enum clm_column to)
{
	for (int c = (int)from; c <= (int)to; c++)
		if (get(e, r, (enum clm_column)c)[0] != '\0')
			return 1;
	return 0;
}

int
clm_837p_is_dependent(const struct clm_837p_out *e, const struct clm_row *r)
{
	const char *rel = get(e, r, CLM_COL_PAT_REL);

	return rel[0] != '\0' && strcmp(rel, "18") != 0;
}

int
clm_837p_line_has_cob(const struct clm_837p_out *e, const struct clm_row *r)
{
	return any_set(e, r, CLM_COL_LINE_OTH_PAID, CLM_COL_LINE_OTH_DATE);
}

int
clm_837p_needs_rendering(const struct clm_837p_out *e, const struct clm_row *r)
{
	const char *npi = get(e, r, CLM_COL_REND_NPI);

	return npi[0] != '\0' && strcmp(npi, get(e, r, CLM_COL_BILL_NPI)) != 0;
}

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Diagnoses fill dx1 upward; more than 12 (dx13... columns) cannot fit. */
static int
check_dx(const struct clm_837p_out *e, const struct clm_row *r,
    struct clm_findings *f)
{
	int last = 0;

	for (int n = 1; n <= CLM_837P_MAX_DX; n++) {
		const char *dx = get(e, r, CLM_COL_DX(n));
		size_t len = strlen(dx);

		if (len == 0)
			continue;
		/* dx1 itself is reported as required */
		for (int gap = last + 1 > 1 ? last + 1 : 2; gap < n; gap++)
			clm_finding_add(f, CLM_EDIT_REQUIRED_MISSING, 0,
			    clm_column_name(CLM_COL_DX(gap)), "dx%d is empty "
			    "but dx%d is given: diagnoses fill dx1 upward "
			    "without gaps", gap, n);
		last = n;
		if ((len < 3 || len > 7 || !isupper((unsigned char)dx[0]) ||
		    !clm_codes_upper_alnum(dx, len)) && clm_codes_quotable(dx))
			clm_finding_add(f, CLM_EDIT_X12_FORMAT, 0,
			    clm_column_name(CLM_COL_DX(n)), "dx%d '%s' is "
			    "not an ICD-10-CM code without the dot", n, dx);
		else if (len < 3 || len > 7 || !isupper((unsigned char)dx[0]) ||
		    !clm_codes_upper_alnum(dx, len))
			clm_finding_add(f, CLM_EDIT_X12_FORMAT, 0,
			    clm_column_name(CLM_COL_DX(n)), "dx%d is not an "
			    "ICD-10-CM code without the dot (%zu characters "
			    "given)", n, len);
	}
	for (int i = 0; i < e->nextra_dx; i++)
		if (clm_row_value(r, (size_t)e->extra_dx[i])[0] != '\0') {
			clm_finding_add(f, CLM_EDIT_LIMIT_DX, 0,
			    e->h->names[e->extra_dx[i]], "the claim has more "
			    "than %d diagnoses; the 837P carries %d: split the "
			    "services into claims of at most %d diagnoses",
			    CLM_837P_MAX_DX, CLM_837P_MAX_DX, CLM_837P_MAX_DX);
			break;
		}
	return last;
}

static void
check_modifiers(const struct clm_837p_out *e, const struct clm_row *r,
    long line, struct clm_findings *f)
{
	for (int i = 0; i < e->nextra_mod; i++)
		if (clm_row_value(r, (size_t)e->extra_mod[i])[0] != '\0') {
			clm_finding_add(f, CLM_EDIT_LIMIT_MOD, line,
			    e->h->names[e->extra_mod[i]], "more than 4 "
			    "modifiers; the 837P carries 4 per line (SV101-3 "
			    "to SV101-6)");
			return;
		}
	for (int n = 1; n <= 4; n++) {
		const char *m = get(e, r, CLM_COL_MOD(n));
		size_t len = strlen(m);

		if (len > 2 && len % 2 == 0 && clm_codes_upper_alnum(m, len) &&
		    clm_codes_quotable(m))
			clm_finding_add(f, CLM_EDIT_LIMIT_MOD, line,
			    clm_column_name(CLM_COL_MOD(n)), "mod%d holds "
			    "several modifiers ('%s'); one per column, at "
			    "most 4", n, m);
		else if (len > 2 && len % 2 == 0 && clm_codes_upper_alnum(m, len))
			clm_finding_add(f, CLM_EDIT_LIMIT_MOD, line,
			    clm_column_name(CLM_COL_MOD(n)), "mod%d holds "
			    "several modifiers (%zu characters); one per "
			    "column, at most 4", n, len);
	}
}

static void
check_line(const struct clm_837p_out *e, const struct clm_row *r0,
    const struct clm_row *r, struct clm_findings *f)
{
	long line = line_of(e, r);
	int ptr[4];

	check_modifiers(e, r, line, f);
	check_formats(e, r, 1, line, f);
	clm_edit_line_pointers(r0, r, e->h, line, ptr, f);
}

/* "CO-45-12.00;PR-1-20.00" into parts; -1 when unreadable or over the
 * CAS limits (5 groups, 6 adjustments each). */
int
clm_837p_parse_adj(const char *s, struct clm_837p_adj *out, int max)
{
	int n = 0;

	while (*s != '\0') {
		size_t len = strcspn(s, ";");
		char item[64], *a, *b;
		long long c;

		if (len == 0 || len >= sizeof(item) || n == max)
			return -1;
		memcpy(item, s, len);
		item[len] = '\0';
		s += len + (s[len] == ';');
		a = strchr(item, '-');
		b = a ? strchr(a + 1, '-') : NULL;
		if (a == NULL || b == NULL)
			return -1;
		*a++ = '\0';
		*b++ = '\0';
		c = clm_money_cents(b[0] == '-' ? b + 1 : b);
		if (!clm_codes_word_in("CO CR OA PI PR", item, strlen(item)) || strlen(a) < 1 ||
		    strlen(a) > 5 || strspn(a, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "0123456789") != strlen(a) || c < 0)
			return -1;
		memcpy(out[n].group, item, 3);
		memcpy(out[n].reason, a, strlen(a) + 1);
		clm_money_format(c, out[n].amount + (b[0] == '-'),
		    sizeof(out[n].amount) - 1);
		if (b[0] == '-')
			out[n].amount[0] = '-';
		n++;
	}
	return clm_837p_adj_groups(out, n) <= 5 ? n : -1;
}

/* Groups in order of first appearance; -1 when one has more than 6. */
int
clm_837p_adj_groups(const struct clm_837p_adj *a, int n)
{
	int groups = 0;

	for (int i = 0; i < n; i++) {
		int seen = 0, same = 0;

		for (int j = 0; j < n; j++) {
			if (strcmp(a[j].group, a[i].group) != 0)
				continue;
			seen |= j < i;
			same++;
		}
		if (same > 6)
			return 99;
		groups += !seen;
	}
	return groups;
}

static void
check_adj(const struct clm_837p_out *e, const struct clm_row *r, long line,
    enum clm_column col, struct clm_findings *f)
{
	struct clm_837p_adj adj[CLM_837P_MAX_ADJ];

	if (get(e, r, col)[0] == '\0' ||
	    clm_837p_parse_adj(get(e, r, col), adj, CLM_837P_MAX_ADJ) >= 0)
		return;
	clm_finding_add(f, CLM_EDIT_X12_FORMAT, line, clm_column_name(col),
	    "%s is not GROUP-REASON-AMOUNT items joined by ';' (groups CO "
	    "CR OA PI PR, at most 5 groups of 6)", clm_column_name(col));
}

static void
check_address(const struct clm_837p_out *e, const struct clm_row *r,
    struct clm_findings *f)
{
	const char *zip = get(e, r, CLM_COL_BILL_ZIP);
	const char *fzip = get(e, r, CLM_COL_FAC_ZIP);

	if (zip[0] != '\0' && (strlen(zip) != 9 || !clm_codes_digits(zip, 9)))
		clm_finding_add(f, CLM_EDIT_ADDR_ZIP9, 0, "bill_zip",
		    "bill_zip must be the 9-digit ZIP+4 (%zu characters "
		    "given); look up the +4, never pad it", strlen(zip));
	if (fzip[0] != '\0' && (strlen(fzip) != 9 || !clm_codes_digits(fzip, 9)))
		clm_finding_add(f, CLM_EDIT_ADDR_ZIP9, 0, "fac_zip",
		    "fac_zip must be the 9-digit ZIP+4 (%zu characters "
		    "given); look up the +4, never pad it", strlen(fzip));
}

static void
check_totals(const struct clm_837p_out *e, const struct clm_claim *c,
    struct clm_findings *f)
{
	long long sum = 0;

	for (size_t i = 0; i < c->n; i++) {
		long long v = clm_money_cents(get(e, c->rows[i], CLM_COL_CHARGE));

		if (v < 0)
			return;		/* reported as X12-FORMAT */
		sum += v;
	}
	if (sum > 99999999999LL) {
		clm_finding_add(f, CLM_EDIT_X12_FORMAT, 0, "charge",
		    "the line charges add up to more than CLM02 can hold");
		return;
	}
	clm_edit_total(c, e->h, f);
}

/* A line whose rendering provider differs from the claim's gets 2420A. */
int
clm_837p_line_needs_rendering(const struct clm_837p_out *e, const struct clm_row *r)
{
	const char *npi = get(e, r, CLM_COL_LINE_REND_NPI);
	const char *claim = get(e, r, CLM_COL_REND_NPI);

	if (claim[0] == '\0')
		claim = get(e, r, CLM_COL_BILL_NPI);
	return npi[0] != '\0' && strcmp(npi, claim) != 0;
}

/* DTP*439 goes with an auto or other accident (CLM11-1 AA or OA). */
int
clm_837p_needs_accident_date(const struct clm_837p_out *e, const struct clm_row *r)
{
	const char *cause = get(e, r, CLM_COL_ACCIDENT_CAUSE);

	return strcmp(cause, "AA") == 0 || strcmp(cause, "OA") == 0;
}

/* 951 where the partner file lists 00951: it would reach another payer. */
static void
check_payer_zeros(const struct clm_837p_out *e, const struct clm_row *r,
    struct clm_findings *f)
{
	static const enum clm_column cols[] = { CLM_COL_PAYER_ID,
	    CLM_COL_OTH_PAYER_ID };
	char listed[64];

	for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++) {
		const char *v = get(e, r, cols[i]);

		if (clm_partner_payer_zeros(&e->partner, v, listed,
		    sizeof(listed)))
			clm_finding_add(f, CLM_EDIT_PAYER_ID_ZEROS, 0,
			    clm_column_name(cols[i]), "%s %s is not in the "
			    "partner file's payer_ids, but %s is: leading zeros "
			    "were lost (a spreadsheet?); write %s",
			    clm_column_name(cols[i]), v, listed, listed);
	}
}

void
clm_837p_guard_claim(struct clm_837p_out *e, const struct clm_claim *c,
    struct clm_findings *f)
{
	const struct clm_row *r = c->rows[0];

	/* the one 837P required-fields table, as clm-scrub checks it */
	clm_edit_required(c, e->h, e->partner.submitter_phone[0] == '\0' &&
	    e->partner.submitter_email[0] == '\0' ? CLM_REQ_OUT_NO_CONTACT : 0,
	    f);
	check_formats(e, r, 0, 0, f);
	check_adj(e, r, 0, CLM_COL_OTH_ADJ, f);
	if (strlen(get(e, r, CLM_COL_CLAIM_ID)) > 20)
		clm_finding_add(f, CLM_EDIT_CLAIM_ID_LENGTH, 0, "claim_id",
		    "claim_id has %zu characters; receivers keep 20 (CLM01) "
		    "and answers would not match the claim",
		    strlen(get(e, r, CLM_COL_CLAIM_ID)));
	check_dx(e, r, f);
	clm_edit_pobox(c, e->h, f);
	clm_edit_dates_valid(c, e->h, f);
	clm_edit_date_range(c, e->h, f);
	check_payer_zeros(e, r, f);
	clm_edit_line_amounts(c, e->h, f);
	check_address(e, r, f);
	for (size_t i = 0; i < c->n; i++) {
		check_line(e, r, c->rows[i], f);
		check_adj(e, c->rows[i], line_of(e, c->rows[i]),
		    CLM_COL_LINE_OTH_ADJ, f);
	}
	check_totals(e, c, f);
	if (c->n > CLM_837P_MAX_LINES && e->partner.long_claims ==
	    CLM_PARTNER_REJECT)
		clm_finding_add(f, CLM_EDIT_LIMIT_LINES, 0, "line_no",
		    "%zu service lines; an 837P claim holds at most %d and the "
		    "partner file says long_claims = reject", c->n,
		    CLM_837P_MAX_LINES);
	else if (c->n > CLM_837P_MAX_LINES)
		clm_finding_add(f, CLM_EDIT_LINES_SPLIT, 0, "line_no",
		    "%zu service lines: written as %zu claims of at most %d "
		    "lines with the same header", c->n,
		    (c->n + CLM_837P_MAX_LINES - 1) / CLM_837P_MAX_LINES,
		    CLM_837P_MAX_LINES);
}
