/*
 * clm_norm_code - codes: ICD-10-CM, CPT/HCPCS with modifiers, NDC, place
 * of service, diagnosis pointers and generic upper-case codes.  Only the
 * form is repaired; whether a code exists is clm-code-check's question, so
 * a value that does not look like a code after the repair is left as it
 * was without a finding here.
 */
#include <ctype.h>
#include <string.h>

#include "clm_837p.h"
#include "clm_norm_int.h"

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int
is_upper_alnum(int c)
{
	return is_digit(c) || (c >= 'A' && c <= 'Z');
}

/* Upper-case s into o without spaces; returns the length. */
static size_t
upper_nospace(const char *s, size_t n, char *o)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ')
			o[k++] = (char)toupper((unsigned char)s[i]);
	o[k] = '\0';
	return k;
}

static enum clm_norm_result
compare_result(const char *s, size_t n, struct clm_norm_out *out,
    enum clm_edit e, const char *reason)
{
	if (out->len == n && memcmp(out->buf, s, n) == 0)
		return CLM_NORM_UNCHANGED;
	return clm_norm_repaired(out, e, reason);
}

enum clm_norm_result
clm_norm_code(const char *in, size_t len, struct clm_norm_out *out)
{
	const char *s = in;
	size_t n = len;
	enum clm_norm_result r;

	if (out->size < len + CLM_NORM_SLACK)
		return CLM_NORM_UNCHANGED;
	clm_norm_trim(&s, &n);
	out->len = upper_nospace(s, n, out->buf);
	r = compare_result(s, n, out, CLM_EDIT_NORM_CODE,
	    "code upper-cased, spaces removed");
	return clm_norm_finish(r, in, len, n, out);
}

/* ICD-10-CM: a letter, a digit, then 1-5 letters or digits. */
static int
icd10_form(const char *s, size_t n)
{
	if (n < 3 || n > 7 || !(s[0] >= 'A' && s[0] <= 'Z') ||
	    !is_digit((unsigned char)s[1]))
		return 0;
	for (size_t i = 2; i < n; i++)
		if (!is_upper_alnum((unsigned char)s[i]))
			return 0;
	return 1;
}

enum clm_norm_result
clm_norm_dx(const char *in, size_t len, struct clm_norm_out *out)
{
	const char *s = in;
	size_t n = len, k;
	char *dot;
	enum clm_norm_result r = CLM_NORM_UNCHANGED;

	if (out->size < len + CLM_NORM_SLACK)
		return CLM_NORM_UNCHANGED;
	clm_norm_trim(&s, &n);
	k = upper_nospace(s, n, out->buf);
	/* the dot belongs after the category (3 characters), nowhere else */
	dot = memchr(out->buf, '.', k);
	if (dot != NULL && dot - out->buf == 3 && k > 4) {
		memmove(dot, dot + 1, (size_t)(out->buf + k - dot));
		k--;
	}
	out->len = k;
	if (icd10_form(out->buf, k))
		r = compare_result(s, n, out, CLM_EDIT_NORM_CODE,
		    "diagnosis code upper-cased, dot and spaces removed");
	else
		clm_norm_put(out, s, n);
	return clm_norm_finish(r, in, len, n, out);
}

enum clm_norm_result
clm_norm_pos(const char *in, size_t len, struct clm_norm_out *out)
{
	const char *s = in;
	size_t n = len;
	enum clm_norm_result r = CLM_NORM_UNCHANGED;

	if (out->size < len + CLM_NORM_SLACK)
		return CLM_NORM_UNCHANGED;
	clm_norm_trim(&s, &n);
	clm_norm_put(out, s, n);
	if (n > 0 && (n != 2 || !is_digit((unsigned char)s[0]) ||
	    !is_digit((unsigned char)s[1])))
		r = clm_norm_error(out, in, len, CLM_EDIT_POS_FORM,
		    "place of service is 2 digits (a lost leading zero is "
		    "never filled in)");
	return clm_norm_finish(r, in, len, n, out);
}

/* One pointer token: 1-12 in digits, or a CMS-1500 letter A-L. */
static int
pointer_value(const char *s, size_t n)
{
	long v = 0;

	if (n == 1 && toupper((unsigned char)s[0]) >= 'A' &&
	    toupper((unsigned char)s[0]) <= 'L')
		return toupper((unsigned char)s[0]) - 'A' + 1;
	if (n == 0 || n > 3)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (!is_digit((unsigned char)s[i]))
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	return v >= 1 && v <= CLM_837P_MAX_DX ? (int)v : 0;
}

enum clm_norm_result
clm_norm_dxptr(const char *in, size_t len, struct clm_norm_out *out)
{
	const char *s = in;
	size_t n = len, i = 0, k = 0;
	int count = 0;
	enum clm_norm_result r = CLM_NORM_UNCHANGED;

	if (out->size < len + CLM_NORM_SLACK)
		return CLM_NORM_UNCHANGED;
	clm_norm_trim(&s, &n);
	while (i < n) {
		size_t b = i;
		int v;

		if (isalpha((unsigned char)s[i]))
			i++;	/* letters are one pointer each: "AB" */
		else
			while (i < n && is_digit((unsigned char)s[i]))
				i++;
		v = pointer_value(s + b, i - b);
		if (v == 0 || ++count > CLM_837P_MAX_PTRS)
			return clm_norm_error(out, in, len,
			    CLM_EDIT_DXPTR_FORM, "diagnosis pointers are 1 to "
			    "4 positions 1-12 (or letters A-L)");
		if (k > 0)
			out->buf[k++] = ':';
		if (v >= 10)
			out->buf[k++] = '1';
		out->buf[k++] = (char)('0' + v % 10);
		while (i < n && strchr(",;: /", s[i]) != NULL && s[i] != 0)
			i++;
	}
	out->len = k;
	out->buf[k] = '\0';
	r = compare_result(s, n, out, CLM_EDIT_NORM_DXPTR,
	    "diagnosis pointers written as positions joined by ':'");
	return clm_norm_finish(r, in, len, n, out);
}

/* --- NDC ------------------------------------------------------------- */

/* The 10-digit layouts and where each gets its leading zero (FDA labeler-
 * product-package 4-4-2, 5-3-2, 5-4-1 to the HIPAA 5-4-2). */
static int
ndc_segments(const char *s, size_t n, const char *seg[3], size_t sl[3])
{
	size_t nseg = 0, i = 0;

	while (i <= n && nseg < 3) {
		size_t b = i;

		while (i < n && is_digit((unsigned char)s[i]))
			i++;
		seg[nseg] = s + b;
		sl[nseg++] = i - b;
		if (i == n)
			return (int)nseg;
		if (s[i] != '-' && s[i] != ' ')
			return 0;
		i++;
	}
	return 0;
}

enum clm_norm_result
clm_norm_ndc(const char *in, size_t len, struct clm_norm_out *out)
{
	static const size_t want[3] = { 5, 4, 2 };
	const char *s = in, *seg[3];
	size_t n = len, sl[3], k = 0;
	int nseg;
	enum clm_norm_result r;

	if (out->size < len + CLM_NORM_SLACK)
		return CLM_NORM_UNCHANGED;
	clm_norm_trim(&s, &n);
	if (n == 0) {
		clm_norm_put(out, "", 0);
		return clm_norm_finish(CLM_NORM_UNCHANGED, in, len, n, out);
	}
	nseg = ndc_segments(s, n, seg, sl);
	if (nseg == 1 && sl[0] == 10)
		return clm_norm_error(out, in, len, CLM_EDIT_NDC_FORM,
		    "10-digit NDC without hyphens: which segment needs the "
		    "leading zero cannot be known");
	if (nseg == 1 && sl[0] == 11) {
		clm_norm_put(out, s, n);
		return clm_norm_finish(CLM_NORM_UNCHANGED, in, len, n, out);
	}
	if (nseg != 3 || sl[0] + sl[1] + sl[2] < 10)
		return clm_norm_error(out, in, len, CLM_EDIT_NDC_FORM,
		    "NDC is not 11 digits or a hyphenated 5-4-2, 4-4-2, "
		    "5-3-2 or 5-4-1 form");
	for (int i = 0; i < 3; i++) {
		if (sl[i] != want[i] && sl[i] + 1 != want[i])
			return clm_norm_error(out, in, len, CLM_EDIT_NDC_FORM,
			    "NDC is not 11 digits or a hyphenated 5-4-2, "
			    "4-4-2, 5-3-2 or 5-4-1 form");
		if (sl[i] + 1 == want[i])
			out->buf[k++] = '0';
		memcpy(out->buf + k, seg[i], sl[i]);
		k += sl[i];
	}
	out->len = k;
	out->buf[k] = '\0';
	if (k != 11)
		return clm_norm_error(out, in, len, CLM_EDIT_NDC_FORM,
		    "NDC has more than one short segment");
	r = clm_norm_repaired(out, CLM_EDIT_NORM_NDC, sl[0] + sl[1] + sl[2] ==
	    11 ? "NDC written as 11 digits (hyphens removed)" : "NDC written "
	    "as 11 digits (5-4-2: a leading zero added to the short segment)");
	return clm_norm_finish(r, in, len, n, out);
}
