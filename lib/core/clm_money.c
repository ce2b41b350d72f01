#include <ctype.h>
#include <string.h>

#include "clm_money.h"

long long
clm_money_cents(const char *s)
{
	long long v = 0;
	int frac = -1;

	if (*s == '\0' || strlen(s) > 15)
		return -1;
	for (; *s != '\0'; s++) {
		if (*s == '.' && frac < 0) {
			frac = 0;
			continue;
		}
		if (!isdigit((unsigned char)*s) || frac == 2)
			return -1;
		v = v * 10 + (*s - '0');
		if (frac >= 0)
			frac++;
	}
	if (frac == 0)
		return -1;		/* "12." */
	for (; frac < 2; frac = frac < 0 ? 1 : frac + 1)
		v *= 10;
	return v;
}

void
clm_money_format(long long cents, char *buf, size_t size)
{
	char tmp[32];
	size_t n = 0, i = 0;
	unsigned long long v = cents < 0 ? 0ULL - (unsigned long long)cents :
	    (unsigned long long)cents;

	/* digits backwards: two decimals, then the whole part */
	tmp[n++] = (char)('0' + v % 10);
	tmp[n++] = (char)('0' + v / 10 % 10);
	tmp[n++] = '.';
	v /= 100;
	do
		tmp[n++] = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	if (cents < 0)
		tmp[n++] = '-';
	while (n > 0 && i + 1 < size)
		buf[i++] = tmp[--n];
	buf[i] = '\0';
}

int
clm_money_parse(const char *s, long long *cents)
{
	long long v = clm_money_cents(s[0] == '-' ? s + 1 : s);

	if (v < 0)
		return 0;
	*cents = s[0] == '-' ? -v : v;
	return 1;
}

int
clm_money_parse_n(const char *s, size_t len, long long *cents)
{
	char buf[24];
	size_t i = 0, at = 0;
	long long v;
	int neg = 0;

	if (len > 0 && (s[0] == '-' || s[0] == '+')) {
		neg = s[0] == '-';
		i = 1;
	}
	if (i < len && s[i] == '.')
		buf[at++] = '0';
	if (len - i + at >= sizeof(buf))
		return 0;
	memcpy(buf + at, s + i, len - i);
	buf[at + len - i] = '\0';
	if ((v = clm_money_cents(buf)) < 0)
		return 0;
	*cents = neg ? -v : v;
	return 1;
}
