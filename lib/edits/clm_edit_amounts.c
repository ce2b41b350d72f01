#include <stdlib.h>
#include <string.h>

#include "clm_edit_amounts.h"
#include "clm_edit_dates.h"
#include "clm_money.h"

/* CLM02 holds 10 digits before the point (more is X12-FORMAT's). */
#define MAX_SUM 99999999999LL

void
clm_edit_total(const struct clm_claim *c, const struct clm_header *h,
    struct clm_findings *f)
{
	long long sum = 0, total, v;
	char a[32], b[32];

	if (c->n == 0 || !clm_money_parse(clm_row_get(c->rows[0], h,
	    CLM_COL_TOTAL_CHARGE), &total))
		return;
	for (size_t i = 0; i < c->n; i++) {
		if (!clm_money_parse(clm_row_get(c->rows[i], h,
		    CLM_COL_CHARGE), &v))
			return;		/* not an amount: said elsewhere */
		sum += v;
		if (sum > MAX_SUM || sum < -MAX_SUM)
			return;
	}
	if (total == sum)
		return;
	clm_money_format(total, a, sizeof(a));
	clm_money_format(sum, b, sizeof(b));
	clm_finding_add(f, CLM_EDIT_TOTAL_MISMATCH, 0, "total_charge",
	    "total_charge %s differs from the sum of the line charges %s", a,
	    b);
}

/* Units are a quantity (1.5 units exist): a decimal number. */
static int
quantity(const char *s, double *out)
{
	char *end;
	int nonzero = 0, plain = 1, digits = 0;

	if (*s == '\0')
		return 0;
	/* the usual "2" or "1.5": zero or not without strtod */
	for (const char *p = s; *p != '\0' && plain; p++) {
		if (*p >= '1' && *p <= '9')
			nonzero = 1;
		else if (*p != '0' && *p != '.')
			plain = 0;
		digits += *p != '.';
	}
	if (plain && digits > 0 && strchr(s, '.') == strrchr(s, '.')) {
		*out = nonzero;
		return 1;
	}
	*out = strtod(s, &end);
	return *end == '\0';
}

int
clm_edit_units_zero(const char *units)
{
	double q;

	return quantity(units, &q) && q <= 0;
}

int
clm_edit_charge_zero(const char *charge)
{
	long long cents;

	return clm_money_parse(charge, &cents) && cents <= 0;
}

void
clm_edit_line_amounts(const struct clm_claim *c, const struct clm_header *h,
    struct clm_findings *f)
{
	for (size_t i = 0; i < c->n; i++) {
		const char *u = clm_row_get(c->rows[i], h, CLM_COL_UNITS);
		const char *ch = clm_row_get(c->rows[i], h, CLM_COL_CHARGE);
		long line = clm_edit_line_no(c->rows[i], h);

		if (clm_edit_units_zero(u))
			clm_finding_add(f, CLM_EDIT_UNITS_ZERO, line, "units",
			    "units are %.12s; a service line bills at least a "
			    "part of one unit", u);
		if (clm_edit_charge_zero(ch))
			clm_finding_add(f, CLM_EDIT_CHARGE_ZERO, line, "charge",
			    "line charge is %.16s; the 837P needs a positive "
			    "charge (0.01 where the payer wants a nominal one)",
			    ch);
	}
}
