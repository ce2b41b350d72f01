#include <stdlib.h>
#include <time.h>

#include "clm_date.h"

static int
days_in_month(long y, long m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
	    31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

int
clm_date_valid(long date)
{
	long y = date / 10000, m = date / 100 % 100, d = date % 100;

	return y >= CLM_DATE_MIN_YEAR && y <= CLM_DATE_MAX_YEAR && m >= 1 && m <= 12 && d >= 1 &&
	    d <= days_in_month(y, m);
}

long
clm_date_parse(const char *s)
{
	long v = 0, y, m, d;

	for (int i = 0; i < 8; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	if (s[8] != '\0')
		return 0;
	/* the window and the month lengths of clm_date_valid, without its
	 * divisions for the common day 1-28 (parsed per value, per row) */
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	m = (s[4] - '0') * 10 + (s[5] - '0');
	d = (s[6] - '0') * 10 + (s[7] - '0');
	if (y < CLM_DATE_MIN_YEAR || y > CLM_DATE_MAX_YEAR || m < 1 || m > 12 ||
	    d < 1)
		return 0;
	return d <= 28 || d <= days_in_month(y, m) ? v : 0;
}

/* H. Hinnant's days-from-civil algorithm (proleptic Gregorian). */
long
clm_date_to_days(long date)
{
	long y = date / 10000, m = date / 100 % 100, d = date % 100;
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

long
clm_date_from_days(long z)
{
	long era, doe, yoe, y, doy, mp, d, m;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	return (y + (m <= 2)) * 10000 + m * 100 + d;
}

long
clm_date_next(long date)
{
	return clm_date_valid(date) ?
	    clm_date_from_days(clm_date_to_days(date) + 1) : 0;
}

long
clm_date_prev(long date)
{
	return clm_date_valid(date) ?
	    clm_date_from_days(clm_date_to_days(date) - 1) : 0;
}

long
clm_date_diff(long a, long b, int *ok)
{
	*ok = clm_date_valid(a) && clm_date_valid(b);
	return *ok ? clm_date_to_days(b) - clm_date_to_days(a) : 0;
}

long
clm_date_today(void)
{
	const char *env = getenv("CLM_TODAY");
	time_t now = time(NULL);
	struct tm tm;

	if (env != NULL && *env != '\0')
		return clm_date_parse(env);
	localtime_r(&now, &tm);
	return (tm.tm_year + 1900L) * 10000 + (tm.tm_mon + 1) * 100 +
	    tm.tm_mday;
}
