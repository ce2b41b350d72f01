/*
 * clm_norm_num - amounts, quantities and digits-only identifiers (NPI,
 * TIN, ZIP, phone).  Nothing is rounded, padded or invented: a value with
 * more precision than the form allows, or the wrong number of digits, is
 * an error finding and stays as it was.
 */
#include <string.h>

#include "clm_norm_int.h"

#define MAX_INT_DIGITS 10
#define MAX_QTY_DECIMALS 6

struct decimal {
	const char *ip;		/* integer digits, leading zeros dropped */
	size_t in;
	const char *fp;		/* fraction digits, trailing zeros dropped */
	size_t fn;
	int neg;
};

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* Integer digits, optionally grouped by commas in threes. */
static size_t
scan_integer(const char *s, size_t n, char *digits, size_t *nd)
{
	size_t i = 0, group = 0, ngroups = 0;

	*nd = 0;
	while (i < n) {
		if (is_digit((unsigned char)s[i])) {
			digits[(*nd)++] = s[i++];
			group++;
		} else if (s[i] == ',' && group > 0 &&
		    (ngroups > 0 ? group == 3 : group <= 3)) {
			ngroups++;
			group = 0;
			i++;
		} else {
			break;
		}
	}
	if (ngroups > 0 && group != 3)
		return (size_t)-1;
	return i;
}

/* Parse [-]digits[.digits] into d (digits copied into buf). */
static int
parse_decimal(const char *s, size_t n, char *buf, struct decimal *d)
{
	size_t i, nd, fstart;

	i = scan_integer(s, n, buf, &nd);
	if (i == (size_t)-1)
		return 0;
	fstart = nd;
	if (i < n && s[i] == '.') {
		for (i++; i < n && is_digit((unsigned char)s[i]); i++)
			buf[nd++] = s[i];
	}
	if (i != n || nd == 0)
		return 0;
	d->ip = buf;
	d->in = fstart;
	while (d->in > 0 && *d->ip == '0') {
		d->ip++;
		d->in--;
	}
	d->fp = buf + fstart;
	d->fn = nd - fstart;
	while (d->fn > 0 && d->fp[d->fn - 1] == '0')
		d->fn--;
	return 1;
}

/* Leading sign, '$', parentheses: strips them and sets *neg. */
static void
strip_money_marks(const char **s, size_t *n, int *neg)
{
	*neg = 0;
	if (*n >= 2 && (*s)[0] == '(' && (*s)[*n - 1] == ')') {
		*neg = 1;
		(*s)++;
		*n -= 2;
	}
	for (int pass = 0; pass < 2 && *n > 0; pass++) {
		if ((*s)[0] == '-') {
			*neg = 1;
			(*s)++;
			(*n)--;
		}
		if (*n > 0 && (*s)[0] == '$') {
			(*s)++;
			(*n)--;
			clm_norm_trim(s, n);
		}
	}
}

static size_t
write_decimal(char *o, const struct decimal *d, size_t places)
{
	size_t k = 0;

	if (d->in == 0)
		o[k++] = '0';
	memcpy(o + k, d->ip, d->in);
	k += d->in;
	if (places > 0 || d->fn > 0) {
		size_t f = places > d->fn ? places : d->fn;

		o[k++] = '.';
		for (size_t i = 0; i < f; i++)
			o[k++] = i < d->fn ? d->fp[i] : '0';
	}
	o[k] = '\0';
	return k;
}

static enum clm_norm_result
money_core(const char *s, size_t n, struct clm_norm_out *out)
{
	struct decimal d;
	char tmp[64];
	const char *v = s;
	size_t vn = n;
	int neg;

	strip_money_marks(&v, &vn, &neg);
	if (vn >= sizeof(tmp) || !parse_decimal(v, vn, tmp, &d))
		return clm_norm_error(out, s, n, CLM_EDIT_MONEY_FORM,
		    "not an amount (digits, optional $ and thousands commas, "
		    "at most two decimals)");
	if (d.fn > 2)
		return clm_norm_error(out, s, n, CLM_EDIT_MONEY_FORM,
		    "more than two decimals: rounding would change the amount");
	if (d.in > MAX_INT_DIGITS)
		return clm_norm_error(out, s, n, CLM_EDIT_MONEY_FORM,
		    "amount has more than 10 digits before the point");
	if (neg && (d.in > 0 || d.fn > 0))
		return clm_norm_error(out, s, n, CLM_EDIT_MONEY_NEGATIVE,
		    "amount is negative");
	out->len = write_decimal(out->buf, &d, 2);
	if (out->len != n || memcmp(out->buf, s, n) != 0)
		return clm_norm_repaired(out, CLM_EDIT_NORM_MONEY,
		    "amount rewritten with two decimals");
	return CLM_NORM_UNCHANGED;
}

enum clm_norm_result
clm_norm_money(const char *in, size_t len, struct clm_norm_out *out)
{
	const char *s = in;
	size_t n = len;
	enum clm_norm_result r = CLM_NORM_UNCHANGED;

	if (out->size < len + CLM_NORM_SLACK)
		return CLM_NORM_UNCHANGED;
	clm_norm_trim(&s, &n);
	if (n == 0)
		clm_norm_put(out, "", 0);
	else
		r = money_core(s, n, out);
	return clm_norm_finish(r, in, len, n, out);
}

enum clm_norm_result
clm_norm_qty(const char *in, size_t len, struct clm_norm_out *out)
{
	const char *s = in;
	size_t n = len;
	struct decimal d;
	char tmp[64];
	enum clm_norm_result r = CLM_NORM_UNCHANGED;

	if (out->size < len + CLM_NORM_SLACK)
		return CLM_NORM_UNCHANGED;
	clm_norm_trim(&s, &n);
	if (n == 0) {
		clm_norm_put(out, "", 0);
	} else if (n >= sizeof(tmp) || !parse_decimal(s, n, tmp, &d)) {
		r = clm_norm_error(out, in, len, CLM_EDIT_UNITS_FORM,
		    "not a non-negative number (digits, optional decimals)");
	} else if (d.in > MAX_INT_DIGITS || d.fn > MAX_QTY_DECIMALS) {
		r = clm_norm_error(out, in, len, CLM_EDIT_UNITS_FORM,
		    "quantity has more than 10 digits before or 6 after the "
		    "point");
	} else {
		out->len = write_decimal(out->buf, &d, 0);
		if (out->len != n || memcmp(out->buf, s, n) != 0)
			r = clm_norm_repaired(out, CLM_EDIT_NORM_UNITS,
			    "quantity rewritten without padding zeros");
	}
	return clm_norm_finish(r, in, len, n, out);
}

/* --- digits-only identifiers ----------------------------------------- */

struct digits_rule {
	enum clm_edit error;
	size_t want, want2;	/* accepted digit counts (want2 0: none) */
	const char *count_reason;
};

static const struct digits_rule *
digits_rule(enum clm_norm_kind k)
{
	static const struct digits_rule npi = { CLM_EDIT_NPI_FORM, 10, 0,
		"an NPI has 10 digits" };
	static const struct digits_rule tin = { CLM_EDIT_TIN_FORM, 9, 0,
		"a tax id has 9 digits" };
	static const struct digits_rule zip = { CLM_EDIT_ZIP_FORM, 5, 9,
		"a ZIP code has 5 or 9 digits (a lost leading zero or a "
		"missing +4 is never filled in)" };
	static const struct digits_rule phone = { CLM_EDIT_PHONE_FORM, 10, 0,
		"a phone number has 10 digits (area code and number)" };

	return k == CLM_NORM_NPI ? &npi : k == CLM_NORM_TIN ? &tin :
	    k == CLM_NORM_ZIP ? &zip : &phone;
}

enum clm_norm_result
clm_norm_digits(const char *in, size_t len, enum clm_norm_kind k,
    struct clm_norm_out *out)
{
	const struct digits_rule *rule = digits_rule(k);
	const char *s = in;
	size_t n = len, nd = 0;
	enum clm_norm_result r = CLM_NORM_UNCHANGED;

	if (out->size < len + CLM_NORM_SLACK)
		return CLM_NORM_UNCHANGED;
	clm_norm_trim(&s, &n);
	for (size_t i = 0; i < n; i++) {
		if (is_digit((unsigned char)s[i]))
			out->buf[nd++] = s[i];
		else if (strchr(" -.()/+", s[i]) == NULL || s[i] == '\0')
			return clm_norm_error(out, in, len, rule->error,
			    "holds letters or characters other than digits "
			    "and punctuation");
	}
	out->buf[nd] = '\0';
	out->len = nd;
	/* +1 and 1- before a 10-digit US number are the country code */
	if (k == CLM_NORM_PHONE && nd == 11 && out->buf[0] == '1') {
		memmove(out->buf, out->buf + 1, 11);
		out->len = --nd;
	}
	if (n > 0 && nd != rule->want && nd != rule->want2)
		return clm_norm_error(out, in, len, rule->error,
		    rule->count_reason);
	if (nd != n)
		r = clm_norm_repaired(out, CLM_EDIT_NORM_DIGITS,
		    "punctuation removed, digits kept");
	return clm_norm_finish(r, in, len, n, out);
}
