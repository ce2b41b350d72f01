/*
 * clm_norm_date - dates in the forms exports use, written as CCYYMMDD.
 *
 * Accepted: CCYYMMDD, MMDDCCYY (8 digits; the two never collide because a
 * year 1800-2199 is no month), CCYY-MM-DD and CCYY/MM/DD, M/D/CCYY and
 * M-D-CCYY (US order), M/D/YY, D-Mon-CCYY, Mon D, CCYY (month names or
 * their first three letters), a spreadsheet serial number (5 digits), each
 * optionally followed by a time of day, which no 837P date here carries.
 * Two-digit years: a birth or other past date is the latest such date not
 * after today; a service date must fall between ten years before and one
 * year after today, else the year cannot be placed (DATE-INVALID).
 * Six-digit dates (MMDDYY or YYMMDD?) are never read.
 */
#include <string.h>
#include <strings.h>

#include "clm_date.h"
#include "clm_norm_int.h"

#define MAX_TOKENS 3

struct date_tokens {
	size_t n;
	const char *s[MAX_TOKENS];
	size_t len[MAX_TOKENS];
	int alpha[MAX_TOKENS];
	char sep[MAX_TOKENS];	/* first separator after token i */
};

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int
is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/*
 * The value of n digits; a run too long to be part of any date saturates
 * at NUM_MAX (no signed overflow, and never a valid year, month or day).
 */
#define NUM_MAX 999999999L

static long
num(const char *s, size_t n)
{
	long v = 0;

	for (size_t i = 0; i < n; i++) {
		v = v * 10 + (s[i] - '0');
		if (v > NUM_MAX)
			return NUM_MAX;
	}
	return v;
}

int
clm_norm_date_valid(long d)
{
	/* the one window (clm_date.h): later years are typing errors */
	return clm_date_valid(d);
}

static long
month_number(const char *s, size_t n)
{
	static const char *names[] = { "JANUARY", "FEBRUARY", "MARCH",
		"APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER",
		"OCTOBER", "NOVEMBER", "DECEMBER" };

	for (int m = 0; m < 12; m++) {
		size_t full = strlen(names[m]);

		if (n != 3 && n != full && !(m == 8 && n == 4))
			continue;
		if (n > full)
			continue;
		if (strncasecmp(s, names[m], n) == 0)
			return m + 1;
	}
	return 0;
}

/* Split into digit and letter runs; separators " /-.,"; 0 if malformed. */
static int
tokenize(const char *s, size_t n, struct date_tokens *t)
{
	size_t i = 0;

	memset(t, 0, sizeof(*t));
	while (i < n) {
		size_t b = i;
		int alpha = is_alpha((unsigned char)s[i]);

		if (!alpha && !is_digit((unsigned char)s[i]))
			return 0;
		while (i < n && (alpha ? is_alpha((unsigned char)s[i]) :
		    is_digit((unsigned char)s[i])))
			i++;
		if (t->n == MAX_TOKENS)
			return 0;
		t->s[t->n] = s + b;
		t->len[t->n] = i - b;
		t->alpha[t->n] = alpha;
		if (i < n)
			t->sep[t->n] = s[i];
		while (i < n && strchr(" /-.,", s[i]) != NULL)
			i++;
		t->n++;
	}
	return 1;
}

/* A time of day after the date: H:MM[:SS[.fff]][ AM|PM][Z]. */
static int
is_time(const char *s, size_t n)
{
	size_t i = 0, digits = 0, colons = 0;

	while (i < n && (is_digit((unsigned char)s[i]) || s[i] == ':' ||
	    s[i] == '.')) {
		colons += s[i] == ':';
		digits += is_digit((unsigned char)s[i]) != 0;
		i++;
	}
	if (colons == 0 || digits < 3)
		return 0;
	while (i < n && s[i] == ' ')
		i++;
	if (i + 2 <= n && strchr("AaPp", s[i]) != NULL &&
	    (s[i + 1] == 'M' || s[i + 1] == 'm'))
		i += 2;
	if (i < n && s[i] == 'Z')
		i++;
	return i == n;
}

/* Cut a trailing time of day; returns the date part's length. */
static size_t
strip_time(const char *s, size_t n)
{
	const char *colon = memchr(s, ':', n);
	size_t p;

	if (colon == NULL)
		return n;
	for (p = (size_t)(colon - s); p > 0; p--)
		if (s[p - 1] == ' ' || s[p - 1] == 'T')
			break;
	if (p <= 1 || !is_time(s + p, n - p))
		return 0;
	p--;
	while (p > 0 && s[p - 1] == ' ')
		p--;
	return p;
}

struct date_parse {
	enum clm_norm_kind kind;
	long today;
	long date;
	const char *reason;
};

static int
two_digit_year(struct date_parse *dp, long yy, long md)
{
	long lo = dp->today - 100000, hi = dp->today + 10000;

	if (dp->kind != CLM_NORM_DATE_SERVICE) {
		dp->date = (2000 + yy) * 10000 + md;
		if (dp->date > dp->today)
			dp->date -= 1000000;
		dp->reason = dp->kind == CLM_NORM_DATE_BIRTH ?
		    "date rewritten as CCYYMMDD; two-digit year expanded by "
		    "the birth-date rule (never in the future)" :
		    "date rewritten as CCYYMMDD; two-digit year expanded by "
		    "the past-date rule (never in the future)";
		return 1;
	}
	for (long c = 1900; c <= 2100; c += 100) {
		long d = (c + yy) * 10000 + md;

		if (d >= lo && d <= hi) {
			dp->date = d;
			dp->reason = "date rewritten as CCYYMMDD; two-digit year "
			    "expanded by the service-date rule";
			return 1;
		}
	}
	dp->reason = "two-digit year cannot be placed by the service-date "
	    "rule (ten years back to one year ahead)";
	return 0;
}

static int
ymd(struct date_parse *dp, long y, size_t ylen, long m, long d)
{
	if (m < 1 || m > 12 || d < 1 || d > 31) {
		dp->reason = "not a real calendar date";
		return 0;
	}
	if (ylen == 2)
		return two_digit_year(dp, y, m * 100 + d);
	if (ylen != 4) {
		dp->reason = "year is not 4 (or 2) digits";
		return 0;
	}
	dp->date = y * 10000 + m * 100 + d;
	dp->reason = "date rewritten as CCYYMMDD";
	return 1;
}

static int
eight_digits(struct date_parse *dp, const char *s)
{
	long a = num(s, 8);

	dp->reason = "date rewritten as CCYYMMDD";
	if (a / 10000 >= CLM_DATE_MIN_YEAR && a / 10000 <= CLM_DATE_MAX_YEAR) {
		dp->date = a;
		return 1;
	}
	dp->date = (a % 10000) * 10000 + a / 10000;
	return 1;
}

static int
serial(struct date_parse *dp, const char *s)
{
	dp->date = clm_date_from_days(clm_date_to_days(18991230) +
	    num(s, 5));
	dp->reason = "spreadsheet serial number rewritten as CCYYMMDD";
	return 1;
}

static int
three_tokens(struct date_parse *dp, const struct date_tokens *t)
{
	int numeric = !t->alpha[0] && !t->alpha[1] && !t->alpha[2];

	if (numeric && t->sep[0] != t->sep[1])
		return 0;
	if (numeric && t->len[0] == 4 && t->len[1] <= 2 && t->len[2] <= 2 &&
	    (t->sep[0] == '-' || t->sep[0] == '/'))
		return ymd(dp, num(t->s[0], 4), 4, num(t->s[1], t->len[1]),
		    num(t->s[2], t->len[2]));
	if (numeric && t->len[0] <= 2 && t->len[1] <= 2 &&
	    (t->sep[0] == '-' || t->sep[0] == '/'))
		return ymd(dp, num(t->s[2], t->len[2]), t->len[2],
		    num(t->s[0], t->len[0]), num(t->s[1], t->len[1]));
	if (!t->alpha[0] && t->alpha[1] && !t->alpha[2] && t->len[0] <= 2)
		return ymd(dp, num(t->s[2], t->len[2]), t->len[2],
		    month_number(t->s[1], t->len[1]), num(t->s[0], t->len[0]));
	if (t->alpha[0] && !t->alpha[1] && !t->alpha[2] && t->len[1] <= 2)
		return ymd(dp, num(t->s[2], t->len[2]), t->len[2],
		    month_number(t->s[0], t->len[0]), num(t->s[1], t->len[1]));
	return 0;
}

/* Read one date from a trimmed slice; 1 with dp->date set, else 0. */
static int
parse_date(struct date_parse *dp, const char *s, size_t n, int allow_serial)
{
	struct date_tokens t;
	int ok = 0;

	dp->reason = "not a date in a form that can be read without guessing";
	n = strip_time(s, n);
	if (n == 0 || !tokenize(s, n, &t))
		return 0;
	if (t.n == 1 && !t.alpha[0] && t.len[0] == 8)
		ok = eight_digits(dp, t.s[0]);
	else if (t.n == 1 && !t.alpha[0] && t.len[0] == 5 && allow_serial)
		ok = serial(dp, t.s[0]);
	else if (t.n == 3)
		ok = three_tokens(dp, &t);
	if (ok && !clm_norm_date_valid(dp->date)) {
		dp->reason = "not a real calendar date";
		ok = 0;
	}
	return ok;
}

static void
put_date(char *o, long d)
{
	for (int i = 7; i >= 0; i--) {
		o[i] = (char)('0' + d % 10);
		d /= 10;
	}
	o[8] = '\0';
}

enum clm_norm_result
clm_norm_date(const char *in, size_t len, enum clm_norm_kind k, long today,
    struct clm_norm_out *out)
{
	const char *s = in;
	size_t n = len;
	struct date_parse dp = { k, today, 0, NULL };
	enum clm_norm_result r = CLM_NORM_UNCHANGED;

	if (out->size < len + CLM_NORM_SLACK)
		return CLM_NORM_UNCHANGED;
	clm_norm_trim(&s, &n);
	if (n == 0) {
		clm_norm_put(out, "", 0);
	} else if (!parse_date(&dp, s, n, 1)) {
		r = clm_norm_error(out, in, len, CLM_EDIT_DATE_INVALID,
		    dp.reason);
	} else {
		put_date(out->buf, dp.date);
		out->len = 8;
		if (n != 8 || memcmp(s, out->buf, 8) != 0)
			r = clm_norm_repaired(out, CLM_EDIT_NORM_DATE,
			    dp.reason);
	}
	return clm_norm_finish(r, in, len, n, out);
}

/* Try reading s as two service dates split at [a, b). */
static int
split_at(const char *s, size_t n, size_t a, size_t b, long today,
    long d[2])
{
	struct date_parse p1 = { CLM_NORM_DATE_SERVICE, today, 0, NULL };
	struct date_parse p2 = p1;
	const char *l = s, *r = s + b;
	size_t ln = a, rn = n - b;

	clm_norm_trim(&l, &ln);
	clm_norm_trim(&r, &rn);
	if (ln == 0 || rn == 0 || !parse_date(&p1, l, ln, 0) ||
	    !parse_date(&p2, r, rn, 0))
		return 0;
	d[0] = p1.date;
	d[1] = p2.date;
	return 1;
}

/* Where a range may be split: '-', an en or em dash, " to ", " thru ". */
static size_t
range_separator(const char *s, size_t n, size_t i)
{
	static const char *words[] = { " to ", " thru ", " through ",
		"\xe2\x80\x93", "\xe2\x80\x94", "-" };

	for (size_t w = 0; w < sizeof(words) / sizeof(words[0]); w++) {
		size_t wl = strlen(words[w]);

		if (i + wl <= n && strncasecmp(s + i, words[w], wl) == 0)
			return wl;
	}
	return 0;
}

static int
find_range(const char *s, size_t n, long today, long d[2])
{
	int found = 0;

	for (size_t i = 1; i < n; i++) {
		size_t wl = range_separator(s, n, i);
		long t[2];

		if (wl > 0 && split_at(s, n, i, i + wl, today, t)) {
			d[0] = t[0];
			d[1] = t[1];
			found++;
		}
	}
	return found == 1;
}

enum clm_norm_result
clm_norm_date_range(const char *in, size_t len, long today,
    struct clm_norm_out *out, const char **to_out)
{
	const char *s = in;
	size_t n = len;
	long d[2];
	enum clm_norm_result r;

	*to_out = NULL;
	r = clm_norm_date(in, len, CLM_NORM_DATE_SERVICE, today, out);
	if (r != CLM_NORM_ERROR || out->size < len + CLM_NORM_SLACK)
		return r;
	clm_norm_trim(&s, &n);
	if (!find_range(s, n, today, d))
		return r;
	put_date(out->buf, d[0]);
	put_date(out->buf + 9, d[1]);
	out->len = 8;
	*to_out = out->buf + 9;
	return clm_norm_repaired(out, CLM_EDIT_NORM_DATE,
	    "date range split into dos_from and dos_to as CCYYMMDD");
}
