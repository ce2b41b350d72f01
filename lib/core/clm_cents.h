/*
 * clm_cents - money as integer cents: the amounts of records and of X12
 * responses ("125", "125.5", "-9.00") read and written exactly, so that
 * sums and comparisons never go through floating point.
 */
#ifndef CLM_CENTS_H
#define CLM_CENTS_H

#include <stddef.h>

/* Decimal with at most 2 places and an optional sign: 0 with *out set,
 * -1 when unreadable (empty, a letter, 3 places, more than 15 digits). */
int clm_cents_parse(const char *s, size_t len, long long *out);
/* "-12.50": always two places. */
void clm_cents_format(long long cents, char *buf, size_t size);

#endif
