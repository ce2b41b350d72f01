/*
 * clm_date - calendar dates as CCYYMMDD longs (20261020), the form every
 * record column and code-set span uses.  Pure functions; no allocation.
 */
#ifndef CLM_DATE_H
#define CLM_DATE_H

/*
 * The one validity window for every date a claim carries (service, birth,
 * onset, payment): years CLM_DATE_MIN_YEAR to CLM_DATE_MAX_YEAR.  A later
 * year is a typing error, not a date of care.  Every tool judges dates
 * through clm_date_valid (or clm_date_parse), so they agree on 30000101.
 */
#define CLM_DATE_MIN_YEAR 1800
#define CLM_DATE_MAX_YEAR 2199

/* A real calendar date in the window. */
int clm_date_valid(long date);
/* Exactly eight digits forming a valid date, else 0. */
long clm_date_parse(const char *s);
/* Days since 1970-01-01 (negative before), and back. */
long clm_date_to_days(long date);
long clm_date_from_days(long days);
/* The day after / before; 0 when date is not valid. */
long clm_date_next(long date);
long clm_date_prev(long date);
/* b - a in days; *ok is 0 (and 0 returned) when either is not valid. */
long clm_date_diff(long a, long b, int *ok);
/*
 * Today: CLM_TODAY (CCYYMMDD) when set, so that runs and tests are
 * reproducible, else the local calendar date.  Returns 0 when CLM_TODAY is
 * set but not a valid date.
 */
long clm_date_today(void);

#endif
