#include <stdio.h>

#include "clm_cents.h"

int
clm_cents_parse(const char *s, size_t len, long long *out)
{
	long long v = 0;
	size_t i = 0;
	int neg = 0, digits = 0, places = -1;

	if (len > 0 && (s[0] == '-' || s[0] == '+')) {
		neg = s[0] == '-';
		i++;
	}
	for (; i < len; i++) {
		if (s[i] == '.' && places < 0) {
			places = 0;
			continue;
		}
		if (s[i] < '0' || s[i] > '9' || ++digits > 15)
			return -1;
		if (places >= 0 && ++places > 2)
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	if (digits == 0)
		return -1;
	for (places = places < 0 ? 0 : places; places < 2; places++)
		v *= 10;
	*out = neg ? -v : v;
	return 0;
}

void
clm_cents_format(long long cents, char *buf, size_t size)
{
	unsigned long long a = cents < 0 ? (unsigned long long)-cents :
	    (unsigned long long)cents;

	snprintf(buf, size, "%s%llu.%02llu", cents < 0 ? "-" : "", a / 100,
	    a % 100);
}
