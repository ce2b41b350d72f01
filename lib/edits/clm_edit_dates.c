#include <stdlib.h>

#include "clm_date.h"
#include "clm_edit_dates.h"

static const enum clm_column claim_dates[] = {
	CLM_COL_ONSET_DATE, CLM_COL_ACCIDENT_DATE, CLM_COL_SUB_DOB,
	CLM_COL_PAT_DOB, CLM_COL_OTH_PAID_DATE,
};
static const enum clm_column line_dates[] = {
	CLM_COL_DOS_FROM, CLM_COL_DOS_TO, CLM_COL_LINE_OTH_DATE,
};
#define N(a) (sizeof(a) / sizeof((a)[0]))

long
clm_edit_line_no(const struct clm_row *row, const struct clm_header *h)
{
	return strtol(clm_row_get(row, h, CLM_COL_LINE_NO), NULL, 10);
}

static void
check_date(const struct clm_row *row, const struct clm_header *h,
    enum clm_column col, long line, struct clm_findings *f)
{
	const char *v = clm_row_get(row, h, col);

	if (v[0] == '\0' || clm_date_parse(v) != 0)
		return;
	clm_finding_add(f, CLM_EDIT_DATE_INVALID, line, clm_column_name(col),
	    "%s is not a real date CCYYMMDD in the years %d-%d",
	    clm_column_name(col), CLM_DATE_MIN_YEAR, CLM_DATE_MAX_YEAR);
}

void
clm_edit_dates_valid(const struct clm_claim *c, const struct clm_header *h,
    struct clm_findings *f)
{
	if (c->n == 0)
		return;
	for (size_t i = 0; i < N(claim_dates); i++)
		check_date(c->rows[0], h, claim_dates[i], 0, f);
	for (size_t r = 0; r < c->n; r++) {
		long line = clm_edit_line_no(c->rows[r], h);

		for (size_t i = 0; i < N(line_dates); i++)
			check_date(c->rows[r], h, line_dates[i], line, f);
	}
}

void
clm_edit_date_range(const struct clm_claim *c, const struct clm_header *h,
    struct clm_findings *f)
{
	for (size_t r = 0; r < c->n; r++) {
		const struct clm_row *row = c->rows[r];
		long from = clm_date_parse(clm_row_get(row, h, CLM_COL_DOS_FROM));
		long to = clm_date_parse(clm_row_get(row, h, CLM_COL_DOS_TO));

		if (from > 0 && to > 0 && to < from)
			clm_finding_add(f, CLM_EDIT_DATE_RANGE,
			    clm_edit_line_no(row, h), "dos_to", "the service "
			    "end date (dos_to) is before the start date "
			    "(dos_from)");
	}
}
