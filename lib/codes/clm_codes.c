#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "clm_837p.h"
#include "clm_codes.h"
#include "clm_date.h"

static int
is_alnum_upper(int ch)
{
	return (ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z');
}

int
clm_codes_dx_norm(const char *code, char out[CLM_CODES_DX_MAX])
{
	size_t n = 0;

	out[0] = '\0';
	for (size_t i = 0; code[i] != '\0'; i++) {
		int ch = toupper((unsigned char)code[i]);

		if (ch == '.' && n == 3)
			continue;
		if (n + 1 >= CLM_CODES_DX_MAX || !is_alnum_upper(ch))
			return 0;
		out[n++] = (char)ch;
		out[n] = '\0';
	}
	if (n < 3 || !(out[0] >= 'A' && out[0] <= 'Z') ||
	    !(out[1] >= '0' && out[1] <= '9'))
		return 0;
	return 1;
}

/* Runs for every diagnosis of every claim: no snprintf. */
void
clm_codes_dx_display(const char *code, char *out, size_t size)
{
	size_t len = strlen(code), n = 0;

	if (size == 0)
		return;
	for (size_t i = 0; i < len && n + 1 < size; i++) {
		if (i == 3)
			out[n++] = '.';
		if (n + 1 < size)
			out[n++] = code[i];
	}
	out[n] = '\0';
}

int
clm_codes_dx_is_external(const char *code)
{
	int ch = toupper((unsigned char)code[0]);

	return ch == 'V' || ch == 'W' || ch == 'X' || ch == 'Y';
}

int
clm_codes_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

int
clm_codes_upper_alnum(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!is_alnum_upper((unsigned char)s[i]))
			return 0;
	return 1;
}

enum clm_codes_proc_kind
clm_codes_proc_kind(const char *code)
{
	if (strlen(code) != 5)
		return CLM_PROC_BAD;
	if (clm_codes_digits(code, 5))
		return CLM_PROC_CPT;
	if (clm_codes_digits(code, 4) && strchr("FTU", code[4]) != NULL)
		return CLM_PROC_CPT;
	if (code[0] >= 'A' && code[0] <= 'V' && clm_codes_digits(code + 1, 4))
		return CLM_PROC_HCPCS;
	return CLM_PROC_BAD;
}

int
clm_codes_modifier_ok(const char *mod)
{
	return strlen(mod) == 2 && is_alnum_upper((unsigned char)mod[0]) &&
	    is_alnum_upper((unsigned char)mod[1]);
}

int
clm_codes_pos_ok(const char *pos)
{
	return strlen(pos) == 2 && clm_codes_digits(pos, 2);
}

int
clm_codes_taxonomy_ok(const char *tax)
{
	if (strlen(tax) != 10 || tax[9] != 'X')
		return 0;
	for (size_t i = 0; i < 9; i++)
		if (!is_alnum_upper((unsigned char)tax[i]))
			return 0;
	return 1;
}

int
clm_codes_npi_check_digit(const char *first9)
{
	int sum = 24;	/* the Luhn sum of the card-issuer prefix 80840 */

	if (strlen(first9) < 9 || !clm_codes_digits(first9, 9))
		return -1;
	/* from the right of the nine digits, every other one is doubled */
	for (int i = 8, dbl = 1; i >= 0; i--, dbl = !dbl) {
		int d = first9[i] - '0';

		if (dbl)
			d = d * 2 > 9 ? d * 2 - 9 : d * 2;
		sum += d;
	}
	return (10 - sum % 10) % 10;
}

enum clm_codes_npi
clm_codes_npi_check(const char *npi)
{
	if (strlen(npi) != 10 || !clm_codes_digits(npi, 10) ||
	    (npi[0] != '1' && npi[0] != '2'))
		return CLM_NPI_BAD_FORMAT;
	if (clm_codes_npi_check_digit(npi) != npi[9] - '0')
		return CLM_NPI_BAD_CHECK;
	return CLM_NPI_OK;
}

int
clm_codes_dxptr_parse(const char *s, int *out, int max)
{
	int n = 0;

	while (*s != '\0') {
		int v = 0, digits = 0;

		while (*s >= '0' && *s <= '9' && digits < 3) {
			v = v * 10 + (*s++ - '0');
			digits++;
		}
		if (digits == 0 || (*s != ':' && *s != '\0'))
			return CLM_DXPTR_EFORM;
		if (*s == ':' && s[1] == '\0')
			return CLM_DXPTR_EFORM;		/* "1:" */
		if (v < 1 || v > CLM_837P_MAX_DX)
			return CLM_DXPTR_ERANGE;
		if (n >= max)
			return CLM_DXPTR_ECOUNT;
		out[n++] = v;
		if (*s == ':')
			s++;
	}
	return n;
}

/* CCYYMMDD for a real calendar date in the one window (clm_date), else
 * 0. */
static long
ymd(int y, int m, int d)
{
	long v = y * 10000L + m * 100L + d;

	if (y < CLM_DATE_MIN_YEAR || y > CLM_DATE_MAX_YEAR || m < 1 ||
	    m > 12 || d < 1 || d > 31)
		return 0;
	/* the month lengths are clm_date's; every month has 28 days */
	return d <= 28 || clm_date_valid(v) ? v : 0;
}

long
clm_codes_date(const char *s)
{
	long v;
	int y, m, d;

	if (strlen(s) != 8 || !clm_codes_digits(s, 8))
		return 0;
	v = 0;
	for (int i = 0; i < 8; i++)
		v = v * 10 + (s[i] - '0');
	y = (int)(v / 10000);
	m = (int)(v / 100 % 100);
	d = (int)(v % 100);
	return ymd(y, m, d);
}

/* Up to max digits at *p into *out; returns how many were read. */
static int
read_num(const char **p, int max, int *out)
{
	int n = 0;

	*out = 0;
	while (n < max && **p >= '0' && **p <= '9') {
		*out = *out * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return n;
}

long
clm_codes_date_any(const char *s)
{
	const char *p = s;
	int a, b, c, na, nb, nc;
	char sep;
	long d = clm_codes_date(s);

	if (d > 0)
		return d;
	na = read_num(&p, 4, &a);
	sep = *p;
	if (na == 0 || (sep != '-' && sep != '/'))
		return 0;
	p++;
	nb = read_num(&p, 2, &b);
	if (*p++ != sep || nb == 0)
		return 0;
	nc = read_num(&p, 4, &c);
	if (*p != '\0')
		return 0;
	if (na == 4 && sep == '-' && nc >= 1 && nc <= 2)
		return ymd(a, b, c);
	if (na <= 2 && nc == 4)
		return ymd(c, a, b);
	return 0;
}

int
clm_codes_age(long birth, long date)
{
	long years;

	if (birth <= 0 || date < birth)
		return -1;
	years = date / 10000 - birth / 10000;
	if (date % 10000 < birth % 10000)
		years--;
	return (int)years;
}

void
clm_codes_date_display(long date, char *out, size_t size)
{
	snprintf(out, size, "%04ld-%02ld-%02ld", date / 10000 % 10000,
	    date / 100 % 100, date % 100);
}

/*
 * CCYYMMDD or MMDDCCYY once separators are dropped, MMDDYY, or three digit
 * groups shaped like a date (1/2/70, 03-02-1961, 1961.03.02): a birth date
 * must not be quoted.
 */
static int
looks_like_date(const char *v)
{
	char d[16], alt[9];
	size_t n = 0, seps = 0, groups = 0, len[4] = { 0 };
	int empty = 0;

	for (const char *p = v; *p != '\0'; p++) {
		if (strchr("/-. ", *p) != NULL) {
			empty |= p == v || strchr("/-. ", p[1]) != NULL ||
			    p[1] == '\0';
			seps++;
		} else if (isdigit((unsigned char)*p) && n + 1 < sizeof(d)) {
			if (p == v || strchr("/-. ", p[-1]) != NULL)
				groups++;
			if (groups <= 4)
				len[groups - 1]++;
			d[n++] = *p;
		} else
			return 0;
	}
	d[n] = '\0';
	if (groups == 3 && !empty)
		return (len[0] <= 2 && len[1] <= 2 &&
		    (len[2] == 2 || len[2] == 4)) ||
		    (len[0] == 4 && len[1] <= 2 && len[2] <= 2);
	if (n == 6 && seps > 0 && !empty)
		return 1;
	if (n == 6 && seps == 0) {	/* MMDDYY */
		int mm = (d[0] - '0') * 10 + (d[1] - '0');
		int dd = (d[2] - '0') * 10 + (d[3] - '0');

		return mm >= 1 && mm <= 12 && dd >= 1 && dd <= 31;
	}
	if (n != 8)
		return 0;
	snprintf(alt, sizeof(alt), "%.4s%.4s", d + 4, d);
	return clm_codes_date(d) > 0 || clm_codes_date(alt) > 0;
}

/* A hyphenated NDC (4-4-2, 5-3-2, 5-4-1, 5-4-2): code-shaped for all its
 * digits. */
static int
ndc_hyphenated(const char *v)
{
	static const char *forms[] = { "4-4-2", "5-3-2", "5-4-1", "5-4-2" };
	char shape[16];
	size_t k = 0, run = 0;

	for (const char *p = v;; p++) {
		if (isdigit((unsigned char)*p)) {
			run++;
			continue;
		}
		if ((*p != '-' && *p != '\0') || run == 0 || run > 9 ||
		    k + 3 > sizeof(shape))
			return 0;
		shape[k++] = (char)('0' + run);
		run = 0;
		if (*p == '\0')
			break;
		shape[k++] = '-';
	}
	shape[k] = '\0';
	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++)
		if (strcmp(shape, forms[i]) == 0)
			return 1;
	return 0;
}

int
clm_codes_quotable(const char *v)
{
	size_t n = strlen(v), digits = 0, letters = 0;
	int ok = n > 0 && n <= 16;

	for (size_t i = 0; ok && i < n; i++) {
		unsigned char ch = (unsigned char)v[i];

		digits += isdigit(ch) != 0;
		letters = isalpha(ch) ? letters + 1 : 0;
		ok = (isalnum(ch) || strchr(".:;,-/$()", ch) != NULL) &&
		    letters < 4;
	}
	return ok && (digits > 0 || n <= 2) &&
	    (digits <= 8 || ndc_hyphenated(v) || clm_codes_taxonomy_ok(v)) &&
	    !looks_like_date(v);
}

int
clm_codes_word_in(const char *list, const char *v, size_t n)
{
	if (n == 0)
		return 0;
	while (*list != '\0') {
		size_t l = strcspn(list, " ");

		if (l == n && memcmp(list, v, n) == 0)
			return 1;
		list += l;
		list += *list == ' ';
	}
	return 0;
}
