#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clm_cells.h"
#include "clm_codes.h"

#define MAX_PTRS 32

static int
is_list_sep(unsigned char c)
{
	return c == ',' || c == ';' || c == '|' || isspace(c);
}

static int
is_mod_sep(unsigned char c)
{
	return is_list_sep(c) || c == '-' || c == '/' || c == ':';
}

static void
keep(char items[][CLM_CELLS_TOKEN], int max, int n, const char *s,
    size_t len)
{
	if (n >= max)
		return;
	if (len >= CLM_CELLS_TOKEN)
		len = CLM_CELLS_TOKEN - 1;
	memcpy(items[n], s, len);
	items[n][len] = '\0';
}

static int
split(const char *cell, char items[][CLM_CELLS_TOKEN], int max,
    int (*sep)(unsigned char), int pairs)
{
	const unsigned char *p = (const unsigned char *)cell;
	int n = 0;

	while (*p != '\0') {
		const unsigned char *start;
		size_t len, k;
		int alnum = 1;

		while (*p != '\0' && sep(*p))
			p++;
		if (*p == '\0')
			break;
		for (start = p; *p != '\0' && !sep(*p); p++)
			alnum &= isalnum(*p) != 0;
		len = (size_t)(p - start);
		if (pairs && alnum && (len == 4 || len == 6 || len == 8)) {
			for (k = 0; k < len; k += 2)
				keep(items, max, n++, (const char *)start + k,
				    2);
			continue;
		}
		keep(items, max, n++, (const char *)start, len);
	}
	return n;
}

int
clm_cells_split_list(const char *cell, char items[][CLM_CELLS_TOKEN],
    int max)
{
	return split(cell, items, max, is_list_sep, 0);
}

int
clm_cells_split_mods(const char *cell, char items[][CLM_CELLS_TOKEN],
    int max)
{
	return split(cell, items, max, is_mod_sep, 1);
}

static int
is_ptr_sep(unsigned char c)
{
	return is_mod_sep(c) || c == '.';
}

static int
repeats(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (memchr(s + i + 1, s[i], len - i - 1) != NULL)
			return 1;
	return 0;
}

/* One token of a pointer cell into ptrs; returns the new count or -1. */
static int
ptr_token(const char *s, size_t len, int *ptrs, int n, int alone)
{
	size_t i;
	int all_letters = 1, all_small = 1;

	for (i = 0; i < len; i++) {
		int c = toupper((unsigned char)s[i]);

		all_letters &= c >= 'A' && c <= 'L';
		all_small &= c >= '1' && c <= '9';
	}
	/* "11" is not 1 and 1: a run with a repeated digit is a number */
	if (all_small && len > 1 && repeats(s, len))
		all_small = 0;
	if (all_letters || (all_small && (alone || len == 1))) {
		for (i = 0; i < len && n < MAX_PTRS; i++)
			ptrs[n++] = all_letters ?
			    toupper((unsigned char)s[i]) - 'A' + 1 : s[i] - '0';
		return n;
	}
	if (len == 2 && s[0] == '1' && s[1] >= '0' && s[1] <= '2' &&
	    n < MAX_PTRS) {
		ptrs[n++] = 10 + (s[1] - '0');
		return n;
	}
	return -1;
}

/* Number of tokens in a pointer cell. */
static int
ptr_tokens(const char *p)
{
	int n = 0, in = 0;

	for (; *p != '\0'; p++) {
		int sep = is_ptr_sep((unsigned char)*p);

		n += !sep && !in;
		in = !sep;
	}
	return n;
}

int
clm_cells_dx_ptr(const char *cell, char *out, size_t size)
{
	int ptrs[MAX_PTRS], n = 0;
	int alone = ptr_tokens(cell) == 1;
	const char *p = cell;
	size_t used = 0;

	while (*p != '\0') {
		const char *start;

		while (*p != '\0' && is_ptr_sep((unsigned char)*p))
			p++;
		if (*p == '\0')
			break;
		for (start = p; *p != '\0' && !is_ptr_sep((unsigned char)*p);)
			p++;
		n = ptr_token(start, (size_t)(p - start), ptrs, n, alone);
		if (n < 0)
			return -1;
	}
	if (size > 0)
		out[0] = '\0';
	for (int i = 0; i < n; i++) {
		int w = snprintf(out + used, size - used, "%s%d",
		    i > 0 ? ":" : "", ptrs[i]);

		if (w < 0 || (size_t)w >= size - used)
			return -1;
		used += (size_t)w;
	}
	return n;
}

int
clm_cells_dx_ptr_letters(const char *canon, char *out, size_t size)
{
	size_t used = 0;
	int n = 0;

	if (size == 0)
		return -1;
	out[0] = '\0';
	for (const char *p = canon; *p != '\0'; n++) {
		char *end;
		long v = strtol(p, &end, 10);

		if (end == p || !isdigit((unsigned char)*p) || v < 1 ||
		    v > 12 || (*end != ':' && *end != '\0') ||
		    used + 3 > size)
			return -1;
		used += (size_t)snprintf(out + used, size - used, "%s%c",
		    used > 0 ? " " : "", (char)('A' + v - 1));
		p = *end == ':' ? end + 1 : end;
	}
	return n;
}

int
clm_cells_needs_guard(const char *v)
{
	size_t n = strlen(v), digits = 0, seps = 0, e = 0;

	if (n == 0)
		return 0;
	if (clm_codes_digits(v, n))	/* 00951; 12+ digits lose precision */
		return v[0] == '0' ? n > 1 : n >= 12;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)v[i];

		if (isdigit(c))
			digits++;
		else if (c == '-' || c == '/' || c == ':')
			seps++;
		else if ((c == 'E' || c == 'e') && i > 0 && i + 1 < n)
			e++;
		else
			return 0;
	}
	/* 1:2 (a time), 1-2 and 1/2 (dates), 1E5 (a number); a date
	 * already written CCYY-MM-DD or MM/DD/CCYY is left alone */
	if (e == 1 && seps == 0)
		return 1;
	return e == 0 && seps > 0 && digits > 0 && digits < 8;
}

int
clm_cells_guard(const char *v, char *out, size_t size)
{
	if (!clm_cells_needs_guard(v))
		return snprintf(out, size, "%s", v) < (int)size ? 0 : -1;
	return snprintf(out, size, "=\"%s\"", v) < (int)size ? 1 : -1;
}

int
clm_cells_unguard(const char *v, size_t len, size_t *start)
{
	if (len < 3 || v[0] != '=' || v[1] != '"' || v[len - 1] != '"')
		return -1;
	for (size_t i = 2; i + 1 < len; i++)
		if (v[i] == '"')
			return -1;
	*start = 2;
	return (int)(len - 3);
}

/* Append s to buf at *used with % | = escaped; 0 or -1 when full. */
static int
put_escaped(char *buf, size_t size, size_t *used, const char *s)
{
	for (; *s != '\0'; s++) {
		int w = (*s == '%' || *s == '|' || *s == '=') ?
		    snprintf(buf + *used, size - *used, "%%%02X",
		    (unsigned char)*s) :
		    snprintf(buf + *used, size - *used, "%c", *s);

		if (w < 0 || (size_t)w >= size - *used)
			return -1;
		*used += (size_t)w;
	}
	return 0;
}

int
clm_cells_srccols_add(char *buf, size_t size, const char *column,
    const char *header)
{
	size_t used = strlen(buf), start = used;

	if (used + 2 >= size)
		return -1;
	if (used > 0)
		buf[used++] = '|';
	buf[used] = '\0';
	if (put_escaped(buf, size, &used, column) < 0 || used + 2 >= size)
		goto full;
	buf[used++] = '=';
	buf[used] = '\0';
	if (put_escaped(buf, size, &used, header) < 0)
		goto full;
	return 0;
full:
	buf[start] = '\0';
	return -1;
}

/* Unescape [p, end) into out; 0, or -1 when it does not fit. */
static int
get_escaped(const char *p, const char *end, char *out, size_t size)
{
	size_t n = 0;

	for (; p < end; p++) {
		char c = *p;

		if (c == '%' && end - p >= 3 && isxdigit((unsigned char)p[1]) &&
		    isxdigit((unsigned char)p[2])) {
			char hex[3] = { p[1], p[2], '\0' };

			c = (char)strtol(hex, NULL, 16);
			p += 2;
		}
		if (n + 1 >= size)
			return -1;
		out[n++] = c;
	}
	out[n] = '\0';
	return 0;
}

int
clm_cells_srccols_find(const char *value, const char *column, char *header,
    size_t size)
{
	char name[512];

	for (const char *p = value; *p != '\0';) {
		const char *end = strchr(p, '|'), *eq;

		if (end == NULL)
			end = p + strlen(p);
		eq = memchr(p, '=', (size_t)(end - p));
		if (eq != NULL && get_escaped(p, eq, name, sizeof(name)) == 0 &&
		    strcmp(name, column) == 0)
			return get_escaped(eq + 1, end, header, size) == 0;
		p = *end == '|' ? end + 1 : end;
	}
	return 0;
}
