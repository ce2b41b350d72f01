/* The scrub stage: the edits that look at one claim at a time (clm_scrub.h). */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "clm_date.h"
#include "clm_edit_address.h"
#include "clm_edit_amounts.h"
#include "clm_edit_dates.h"
#include "clm_edit_required.h"
#include "clm_scrub.h"

long
clm_scrub_line_no(const struct clm_row *row, const struct clm_header *h)
{
	return strtol(clm_row_get(row, h, CLM_COL_LINE_NO), NULL, 10);
}

/*
 * Plain decimals ("100.00", "2") of at most 15 digits without strtod: the
 * digits as an integer are exact in a double, and so is the power of ten,
 * so one division rounds exactly as strtod does (Clinger's fast path).
 * 0 when s is not of that form.
 */
static int
plain_decimal(const char *s, double *out)
{
	static const double pow10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6,
		1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15 };
	uint64_t mant = 0;
	int digits = 0, frac = -1;

	for (; *s != '\0'; s++) {
		if (*s == '.' && frac < 0) {
			frac = 0;
			continue;
		}
		if (*s < '0' || *s > '9' || ++digits > 15)
			return 0;
		mant = mant * 10 + (uint64_t)(*s - '0');
		frac += frac >= 0;
	}
	if (digits == 0)
		return 0;
	*out = (double)mant / pow10[frac > 0 ? frac : 0];
	return 1;
}

int
clm_scrub_number(const char *s, double *out)
{
	char *end;

	*out = 0;
	if (*s == '\0')
		return 0;
	if (plain_decimal(s, out))
		return 1;
	errno = 0;
	*out = strtod(s, &end);
	if (*end != '\0' || errno != 0 || !isfinite(*out)) {
		*out = 0;
		return 0;
	}
	return 1;
}

static int
patient_is_subscriber(const struct clm_row *row, const struct clm_header *h)
{
	const char *rel = clm_row_get(row, h, CLM_COL_PAT_REL);

	return rel[0] == '\0' || strcmp(rel, "18") == 0;
}

/* Dates of service are patient data: messages name columns, not values. */
static void
check_line_dates(const struct clm_scrub_ctx *sc, const struct clm_row *row,
    const struct clm_header *h, long dob, struct clm_findings *f)
{
	long from = clm_date_parse(clm_row_get(row, h, CLM_COL_DOS_FROM));
	long to = clm_date_parse(clm_row_get(row, h, CLM_COL_DOS_TO));
	long line = clm_scrub_line_no(row, h);

	if (from > sc->as_of)
		clm_finding_add(f, CLM_EDIT_DATE_FUTURE, line, "dos_from",
		    "the date of service is after the as-of date %ld; services "
		    "are billed after they are given", sc->as_of);
	else if (to > sc->as_of)
		clm_finding_add(f, CLM_EDIT_DATE_FUTURE, line, "dos_to",
		    "the service end date is after the as-of date %ld",
		    sc->as_of);
	if (dob > 0 && from > 0 && dob > from)
		clm_finding_add(f, CLM_EDIT_DOB_AFTER_DOS, line, "dos_from",
		    "the patient's birth date is after the date of service");
}

static void
check_dates(const struct clm_scrub_ctx *sc, const struct clm_claim *c,
    const struct clm_header *h, struct clm_findings *f)
{
	const struct clm_row *r0 = c->rows[0];
	long dob = clm_date_parse(clm_row_get(r0, h,
	    patient_is_subscriber(r0, h) ? CLM_COL_SUB_DOB : CLM_COL_PAT_DOB));

	for (size_t i = 0; i < c->n; i++)
		check_line_dates(sc, c->rows[i], h, dob, f);
}

static int
same_line(const struct clm_row *a, const struct clm_row *b,
    const struct clm_header *h)
{
	static const enum clm_column cols[] = { CLM_COL_DOS_FROM,
	    CLM_COL_DOS_TO, CLM_COL_PROC, CLM_COL_MOD1, CLM_COL_MOD2,
	    CLM_COL_MOD3, CLM_COL_MOD4, CLM_COL_UNITS, CLM_COL_CHARGE,
	    CLM_COL_LINE_REND_NPI, CLM_COL_NDC };

	for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		if (strcmp(clm_row_get(a, h, cols[i]),
		    clm_row_get(b, h, cols[i])) != 0)
			return 0;
	return 1;
}

static void
check_dup_lines(const struct clm_claim *c, const struct clm_header *h,
    struct clm_findings *f)
{
	for (size_t i = 1; i < c->n; i++) {
		for (size_t j = 0; j < i; j++) {
			if (!same_line(c->rows[i], c->rows[j], h))
				continue;
			clm_finding_add(f, CLM_EDIT_DUP_LINE,
			    clm_scrub_line_no(c->rows[i], h), "proc", "line "
			    "repeats line %ld (%s, same dates, modifiers, "
			    "units and charge); remove it or add units to one "
			    "line", clm_scrub_line_no(c->rows[j], h),
			    clm_row_get(c->rows[i], h, CLM_COL_PROC));
			break;
		}
	}
}

void
clm_scrub_check_claim(const struct clm_scrub_ctx *sc, const struct clm_claim *c,
    const struct clm_header *h, struct clm_findings *f)
{
	if (c->n == 0)
		return;
	clm_edit_required(c, h, 0, f);
	clm_edit_dates_valid(c, h, f);
	clm_edit_date_range(c, h, f);
	check_dates(sc, c, h, f);
	clm_edit_line_amounts(c, h, f);
	clm_edit_total(c, h, f);
	clm_edit_pobox(c, h, f);
	check_dup_lines(c, h, f);
}

/* The stage: the edits on one claim, the payer rules, the cross edits. */
static int
stage_start(void *ctx, struct clm_header *h, struct clm_error *err)
{
	struct clm_scrub_ctx *sc = ctx;

	(void)err;
	sc->h = h;
	clm_rules_bind(sc->rules, h);
	return 0;
}

static int
stage_claim(void *ctx, const struct clm_next *next, struct clm_item *it,
    struct clm_error *err)
{
	struct clm_scrub_ctx *sc = ctx;

	clm_scrub_check_claim(sc, &it->c, sc->h, &it->f);
	if (it->c.n > 0)
		clm_rules_check(sc->rules, &it->c, sc->h, sc->as_of, &it->f);
	return clm_scrub_cross_claim(sc, next, it, err);
}

static int
stage_flush(void *ctx, const struct clm_next *next, struct clm_error *err)
{
	return clm_scrub_cross_flush(ctx, next, err);
}

struct clm_stage
clm_scrub_stage(struct clm_scrub_ctx *sc)
{
	struct clm_stage s = { "scrub", sc, stage_start, stage_claim,
	    stage_flush };

	return s;
}
