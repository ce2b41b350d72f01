/*
 * clm-emit-837 checks: everything the 837P needs is present, fits its
 * element and stays inside the guide's limits, before anything is written.
 * Messages name columns and codes only, never patient data.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "clm_date.h"
#include "emit.h"

enum kind { DIGITS, ZIP, STATE, DATE, AMOUNT, QTY, CODE, TEXT, ALNUM };

struct rule {
	enum clm_column col;
	enum kind kind;
	int min, max;		/* length limits */
	const char *codes;	/* CODE: space-separated list */
};

#define FILING "11 12 13 14 15 16 17 AM BL CH CI DS FI HM LM MA MB MC OF " \
	"TV VA WC ZZ"
#define SEQ "P S T A B C D E F G H U"
/* SBR05 Medicare secondary payer types */
#define MSP_TYPES "12 13 14 15 16 41 42 43 47"
/* USPS states, DC, territories, military, Canadian provinces (N402) */
#define STATES "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME " \
	"MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD " \
	"TN TX UT VT VA WA WV WI WY DC AS FM GU MH MP PR PW VI AA AE AP AB " \
	"BC MB NB NL NS NT NU ON PE QC SK YT"

static const struct rule rules[] = {
	{ CLM_COL_CLAIM_ID, TEXT, 1, 38, NULL },
	{ CLM_COL_CLAIM_FREQ, CODE, 0, 0, "1 7 8" },
	{ CLM_COL_ORIG_REF, TEXT, 1, 50, NULL },
	{ CLM_COL_POS, DIGITS, 2, 2, NULL },
	{ CLM_COL_PRIOR_AUTH, TEXT, 1, 50, NULL },
	{ CLM_COL_REFERRAL_NO, TEXT, 1, 50, NULL },
	{ CLM_COL_PROV_SIGNATURE, CODE, 0, 0, "Y N" },
	{ CLM_COL_ACCEPT_ASSIGN, CODE, 0, 0, "A B C" },
	{ CLM_COL_BENEFITS_ASSIGN, CODE, 0, 0, "Y N W" },
	{ CLM_COL_RELEASE_INFO, CODE, 0, 0, "Y I" },
	{ CLM_COL_TOTAL_CHARGE, AMOUNT, 0, 0, NULL },
	{ CLM_COL_PATIENT_PAID, AMOUNT, 0, 0, NULL },
	{ CLM_COL_ONSET_DATE, DATE, 0, 0, NULL },
	{ CLM_COL_ACCIDENT_CAUSE, CODE, 0, 0, "AA EM OA" },
	{ CLM_COL_ACCIDENT_STATE, STATE, 0, 0, NULL },
	{ CLM_COL_ACCIDENT_DATE, DATE, 0, 0, NULL },
	{ CLM_COL_CLAIM_NOTE, TEXT, 1, 80, NULL },
	{ CLM_COL_BILL_NPI, DIGITS, 10, 10, NULL },
	{ CLM_COL_BILL_ENTITY, CODE, 0, 0, "1 2" },
	{ CLM_COL_BILL_NAME, TEXT, 1, 60, NULL },
	{ CLM_COL_BILL_FIRST, TEXT, 1, 35, NULL },
	{ CLM_COL_BILL_TIN, DIGITS, 9, 9, NULL },
	{ CLM_COL_BILL_TIN_TYPE, CODE, 0, 0, "EI SY" },
	{ CLM_COL_BILL_TAXONOMY, ALNUM, 10, 10, NULL },
	{ CLM_COL_BILL_ADDR1, TEXT, 1, 55, NULL },
	{ CLM_COL_BILL_ADDR2, TEXT, 1, 55, NULL },
	{ CLM_COL_BILL_CITY, TEXT, 2, 30, NULL },
	{ CLM_COL_BILL_STATE, STATE, 0, 0, NULL },
	{ CLM_COL_BILL_CONTACT, TEXT, 1, 60, NULL },
	{ CLM_COL_BILL_PHONE, DIGITS, 10, 10, NULL },
	{ CLM_COL_PAYTO_ADDR1, TEXT, 1, 55, NULL },
	{ CLM_COL_PAYTO_ADDR2, TEXT, 1, 55, NULL },
	{ CLM_COL_PAYTO_CITY, TEXT, 2, 30, NULL },
	{ CLM_COL_PAYTO_STATE, STATE, 0, 0, NULL },
	{ CLM_COL_PAYTO_ZIP, ZIP, 0, 0, NULL },
	{ CLM_COL_PAYER_ID, TEXT, 2, 80, NULL },
	{ CLM_COL_PAYER_NAME, TEXT, 1, 60, NULL },
	{ CLM_COL_PAYER_SEQ, CODE, 0, 0, SEQ },
	{ CLM_COL_FILING_IND, CODE, 0, 0, FILING },
	{ CLM_COL_INS_TYPE, CODE, 0, 0, MSP_TYPES },
	{ CLM_COL_SUB_ID, TEXT, 2, 80, NULL },
	{ CLM_COL_SUB_LAST, TEXT, 1, 60, NULL },
	{ CLM_COL_SUB_FIRST, TEXT, 1, 35, NULL },
	{ CLM_COL_SUB_MIDDLE, TEXT, 1, 25, NULL },
	{ CLM_COL_SUB_SUFFIX, TEXT, 1, 10, NULL },
	{ CLM_COL_SUB_DOB, DATE, 0, 0, NULL },
	{ CLM_COL_SUB_SEX, CODE, 0, 0, "F M U" },
	{ CLM_COL_SUB_ADDR1, TEXT, 1, 55, NULL },
	{ CLM_COL_SUB_ADDR2, TEXT, 1, 55, NULL },
	{ CLM_COL_SUB_CITY, TEXT, 2, 30, NULL },
	{ CLM_COL_SUB_STATE, STATE, 0, 0, NULL },
	{ CLM_COL_SUB_ZIP, ZIP, 0, 0, NULL },
	{ CLM_COL_SUB_GROUP, TEXT, 1, 50, NULL },
	{ CLM_COL_SUB_GROUP_NAME, TEXT, 1, 60, NULL },
	{ CLM_COL_PAT_REL, CODE, 0, 0, "18 01 19 20 21 39 40 53 G8" },
	{ CLM_COL_PAT_LAST, TEXT, 1, 60, NULL },
	{ CLM_COL_PAT_FIRST, TEXT, 1, 35, NULL },
	{ CLM_COL_PAT_MIDDLE, TEXT, 1, 25, NULL },
	{ CLM_COL_PAT_SUFFIX, TEXT, 1, 10, NULL },
	{ CLM_COL_PAT_DOB, DATE, 0, 0, NULL },
	{ CLM_COL_PAT_SEX, CODE, 0, 0, "F M U" },
	{ CLM_COL_PAT_ADDR1, TEXT, 1, 55, NULL },
	{ CLM_COL_PAT_ADDR2, TEXT, 1, 55, NULL },
	{ CLM_COL_PAT_CITY, TEXT, 2, 30, NULL },
	{ CLM_COL_PAT_STATE, STATE, 0, 0, NULL },
	{ CLM_COL_PAT_ZIP, ZIP, 0, 0, NULL },
	{ CLM_COL_REF_NPI, DIGITS, 10, 10, NULL },
	{ CLM_COL_REF_LAST, TEXT, 1, 60, NULL },
	{ CLM_COL_REF_FIRST, TEXT, 1, 35, NULL },
	{ CLM_COL_REND_NPI, DIGITS, 10, 10, NULL },
	{ CLM_COL_REND_LAST, TEXT, 1, 60, NULL },
	{ CLM_COL_REND_FIRST, TEXT, 1, 35, NULL },
	{ CLM_COL_REND_TAXONOMY, ALNUM, 10, 10, NULL },
	{ CLM_COL_FAC_NPI, DIGITS, 10, 10, NULL },
	{ CLM_COL_FAC_NAME, TEXT, 1, 60, NULL },
	{ CLM_COL_FAC_ADDR1, TEXT, 1, 55, NULL },
	{ CLM_COL_FAC_ADDR2, TEXT, 1, 55, NULL },
	{ CLM_COL_FAC_CITY, TEXT, 2, 30, NULL },
	{ CLM_COL_FAC_STATE, STATE, 0, 0, NULL },
	{ CLM_COL_OTH_PAYER_SEQ, CODE, 0, 0, SEQ },
	{ CLM_COL_OTH_PAYER_ID, TEXT, 2, 80, NULL },
	{ CLM_COL_OTH_PAYER_NAME, TEXT, 1, 60, NULL },
	{ CLM_COL_OTH_FILING_IND, CODE, 0, 0, FILING },
	{ CLM_COL_OTH_INS_TYPE, CODE, 0, 0, MSP_TYPES },
	{ CLM_COL_OTH_SUB_REL, CODE, 0, 0, "01 18 19 20 21 39 40 53 G8" },
	{ CLM_COL_OTH_SUB_ID, TEXT, 2, 80, NULL },
	{ CLM_COL_OTH_SUB_LAST, TEXT, 1, 60, NULL },
	{ CLM_COL_OTH_SUB_FIRST, TEXT, 1, 35, NULL },
	{ CLM_COL_OTH_PAID, AMOUNT, 0, 0, NULL },
	{ CLM_COL_OTH_PAID_DATE, DATE, 0, 0, NULL },
	/* line level */
	{ CLM_COL_DOS_FROM, DATE, 0, 0, NULL },
	{ CLM_COL_DOS_TO, DATE, 0, 0, NULL },
	{ CLM_COL_PROC, ALNUM, 5, 5, NULL },
	{ CLM_COL_MOD1, ALNUM, 2, 2, NULL },
	{ CLM_COL_MOD2, ALNUM, 2, 2, NULL },
	{ CLM_COL_MOD3, ALNUM, 2, 2, NULL },
	{ CLM_COL_MOD4, ALNUM, 2, 2, NULL },
	{ CLM_COL_UNITS, QTY, 0, 0, NULL },
	{ CLM_COL_UNIT_TYPE, CODE, 0, 0, "UN MJ" },
	{ CLM_COL_CHARGE, AMOUNT, 0, 0, NULL },
	{ CLM_COL_LINE_POS, DIGITS, 2, 2, NULL },
	{ CLM_COL_NDC, DIGITS, 11, 11, NULL },
	{ CLM_COL_NDC_QTY, QTY, 0, 0, NULL },
	{ CLM_COL_NDC_UNIT, CODE, 0, 0, "F2 GR ME ML UN" },
	{ CLM_COL_LINE_REND_NPI, DIGITS, 10, 10, NULL },
	{ CLM_COL_LINE_REND_LAST, TEXT, 1, 60, NULL },
	{ CLM_COL_LINE_REND_FIRST, TEXT, 1, 35, NULL },
	{ CLM_COL_LINE_OTH_PAID, AMOUNT, 0, 0, NULL },
	{ CLM_COL_LINE_OTH_UNITS, QTY, 0, 0, NULL },
	{ CLM_COL_LINE_OTH_DATE, DATE, 0, 0, NULL },
	{ CLM_COL_LINE_CTRL, TEXT, 1, 50, NULL },
};

static const char *
get(const struct emit_ctx *e, const struct clm_row *r, enum clm_column col)
{
	return clm_row_get(r, e->h, col);
}

static long
line_of(const struct emit_ctx *e, const struct clm_row *r)
{
	return strtol(get(e, r, CLM_COL_LINE_NO), NULL, 10);
}

long long
emit_cents(const char *s)
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
emit_format_cents(long long cents, char *buf, size_t size)
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

static int
all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

/* Only A-Z and 0-9 (strspn with a set builds a table on every call). */
static int
upper_alnum(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' &&
		    s[i] <= '9')))
			return 0;
	return 1;
}

static int
real_date(const char *s)
{
	return clm_date_parse(s) != 0;
}

/* v is one of the space-separated words of list (words hold no space). */
static int
in_list(const char *v, const char *list)
{
	size_t n = strlen(v);

	if (n == 0)
		return 0;
	for (const char *p = list; *p != '\0';) {
		const char *q = p;

		while (*q != '\0' && *q != ' ')
			q++;
		if ((size_t)(q - p) == n && memcmp(p, v, n) == 0)
			return 1;
		p = *q == ' ' ? q + 1 : q;
	}
	return 0;
}

/* A two-letter code of STATES: a table built on first use (four claim
 * columns per claim walked the 70-word list). */
static int
is_state(const char *v)
{
	static unsigned char known[26 * 26];
	static int built;

	if (!built) {
		for (const char *p = STATES;; p += 3) {
			known[(p[0] - 'A') * 26 + (p[1] - 'A')] = 1;
			if (p[2] == '\0')
				break;
		}
		built = 1;
	}
	return v[0] >= 'A' && v[0] <= 'Z' && v[1] >= 'A' && v[1] <= 'Z' &&
	    v[2] == '\0' && known[(v[0] - 'A') * 26 + (v[1] - 'A')];
}

/* Quantity: a positive decimal, at most 15 characters. */
static int
good_qty(const char *v)
{
	size_t n = strlen(v), dots = 0, digits = 0;

	for (size_t i = 0; i < n; i++) {
		if (v[i] == '.')
			dots++;
		else if (isdigit((unsigned char)v[i]))
			digits++;
		else
			return 0;
	}
	return n <= 15 && dots <= 1 && digits > 0 && strtod(v, NULL) > 0;
}

static int
fits(const struct rule *r, const char *v)
{
	size_t n = strlen(v);

	switch (r->kind) {
	case DIGITS:
		return n >= (size_t)r->min && n <= (size_t)r->max &&
		    all_digits(v, n);
	case ALNUM:
		for (size_t i = 0; i < n; i++)
			if (!isupper((unsigned char)v[i]) &&
			    !isdigit((unsigned char)v[i]))
				return 0;
		return n >= (size_t)r->min && n <= (size_t)r->max;
	case ZIP:
		return (n == 5 || n == 9) && all_digits(v, n);
	case STATE:
		return n == 2 && is_state(v);
	case DATE:
		return real_date(v);
	case AMOUNT:
		return emit_cents(v) >= 0;
	case QTY:
		return good_qty(v);
	case CODE:
		return in_list(v, r->codes);
	case TEXT:
		return n >= (size_t)r->min && n <= (size_t)r->max;
	}
	return 0;
}

static void
describe(const struct rule *r, char *buf, size_t size)
{
	static const char *what[] = { "digits", "a 5 or 9 digit ZIP code",
		"a USPS state or Canadian province code",
		"a real date CCYYMMDD",
		"an amount with at most 2 decimals", "a positive quantity",
		"one of", "text", "upper-case letters and digits" };

	if (r->kind == CODE)
		snprintf(buf, size, "one of %s", r->codes);
	else if (r->kind == DIGITS || r->kind == ALNUM)
		snprintf(buf, size, "%d %s", r->max, what[r->kind]);
	else if (r->kind == TEXT)
		snprintf(buf, size, "%d to %d characters", r->min, r->max);
	else
		snprintf(buf, size, "%s", what[r->kind]);
}

/* Rules [0, first_line) are claim-level, the rest line-level. */
static size_t
first_line_rule(void)
{
	size_t i = 0;

	while (i < sizeof(rules) / sizeof(rules[0]) &&
	    !clm_column_is_line(rules[i].col))
		i++;
	return i;
}

static void
check_formats(const struct emit_ctx *e, const struct clm_row *row,
    int line_level, long line, struct clm_findings *f)
{
	static size_t split;
	size_t from, to;

	if (split == 0)
		split = first_line_rule();
	from = line_level ? split : 0;
	to = line_level ? sizeof(rules) / sizeof(rules[0]) : split;
	for (size_t i = from; i < to; i++) {
		const struct rule *r = &rules[i];
		const char *v = get(e, row, r->col);
		char want[160];

		if (v[0] == '\0' || fits(r, v))
			continue;
		if (r->col >= CLM_COL_MOD1 && r->col <= CLM_COL_MOD4 &&
		    clm_findings_has(f, "LIMIT-MOD", line))
			continue;	/* "GP59": said once, as LIMIT-MOD */
		describe(r, want, sizeof(want));
		if (r->kind == CODE)
			clm_finding_add(f, CLM_EDIT_X12_FORMAT, line,
			    clm_column_name(r->col), "%s '%.8s' is not %s",
			    clm_column_name(r->col), v, want);
		else
			clm_finding_add(f, CLM_EDIT_X12_FORMAT, line,
			    clm_column_name(r->col), "%s is not %s (%zu "
			    "characters given)", clm_column_name(r->col),
			    want, strlen(v));
	}
}

static void
missing(const struct emit_ctx *e, const struct clm_row *r, long line,
    enum clm_column col, const char *why, struct clm_findings *f)
{
	if (get(e, r, col)[0] != '\0')
		return;
	clm_finding_add(f, CLM_EDIT_REQUIRED_MISSING, line,
	    clm_column_name(col), "%s is empty; the 837P requires it%s%s",
	    clm_column_name(col), why[0] ? " " : "", why);
}

static int
any_set(const struct emit_ctx *e, const struct clm_row *r,
    enum clm_column from, enum clm_column to)
{
	for (int c = (int)from; c <= (int)to; c++)
		if (get(e, r, (enum clm_column)c)[0] != '\0')
			return 1;
	return 0;
}

int
emit_is_dependent(const struct emit_ctx *e, const struct clm_row *r)
{
	const char *rel = get(e, r, CLM_COL_PAT_REL);

	return rel[0] != '\0' && strcmp(rel, "18") != 0;
}

int
emit_line_has_cob(const struct emit_ctx *e, const struct clm_row *r)
{
	return any_set(e, r, CLM_COL_LINE_OTH_PAID, CLM_COL_LINE_OTH_DATE);
}

int
emit_needs_rendering(const struct emit_ctx *e, const struct clm_row *r)
{
	const char *npi = get(e, r, CLM_COL_REND_NPI);

	return npi[0] != '\0' && strcmp(npi, get(e, r, CLM_COL_BILL_NPI)) != 0;
}

static void
missing_list(const struct emit_ctx *e, const struct clm_row *r,
    const enum clm_column *cols, size_t n, const char *why,
    struct clm_findings *f)
{
	for (size_t i = 0; i < n; i++)
		missing(e, r, 0, cols[i], why, f);
}

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static void
check_required_claim(const struct emit_ctx *e, const struct clm_row *r,
    struct clm_findings *f)
{
	static const enum clm_column always[] = { CLM_COL_CLAIM_ID,
		CLM_COL_POS, CLM_COL_PROV_SIGNATURE, CLM_COL_ACCEPT_ASSIGN,
		CLM_COL_BENEFITS_ASSIGN, CLM_COL_RELEASE_INFO, CLM_COL_BILL_NPI,
		CLM_COL_BILL_NAME, CLM_COL_BILL_TIN, CLM_COL_BILL_ADDR1,
		CLM_COL_BILL_CITY, CLM_COL_BILL_STATE, CLM_COL_BILL_ZIP,
		CLM_COL_PAYER_ID, CLM_COL_PAYER_NAME, CLM_COL_PAYER_SEQ,
		CLM_COL_FILING_IND, CLM_COL_SUB_ID, CLM_COL_SUB_LAST,
		CLM_COL_DX1 };
	static const enum clm_column self[] = { CLM_COL_SUB_DOB,
		CLM_COL_SUB_SEX, CLM_COL_SUB_ADDR1, CLM_COL_SUB_CITY,
		CLM_COL_SUB_STATE, CLM_COL_SUB_ZIP };
	static const enum clm_column dep[] = { CLM_COL_PAT_LAST,
		CLM_COL_PAT_DOB, CLM_COL_PAT_SEX, CLM_COL_PAT_ADDR1,
		CLM_COL_PAT_CITY, CLM_COL_PAT_STATE, CLM_COL_PAT_ZIP };
	static const enum clm_column payto[] = { CLM_COL_PAYTO_ADDR1,
		CLM_COL_PAYTO_CITY, CLM_COL_PAYTO_STATE, CLM_COL_PAYTO_ZIP };
	static const enum clm_column fac[] = { CLM_COL_FAC_NAME,
		CLM_COL_FAC_ADDR1, CLM_COL_FAC_CITY, CLM_COL_FAC_STATE,
		CLM_COL_FAC_ZIP };
	static const enum clm_column refp[] = { CLM_COL_REF_NPI,
		CLM_COL_REF_LAST };
	static const enum clm_column cob[] = { CLM_COL_OTH_PAYER_SEQ,
		CLM_COL_OTH_PAYER_ID, CLM_COL_OTH_PAYER_NAME,
		CLM_COL_OTH_SUB_REL, CLM_COL_OTH_SUB_ID, CLM_COL_OTH_SUB_LAST };
	const char *freq = get(e, r, CLM_COL_CLAIM_FREQ);

	missing_list(e, r, always, NELEM(always), "", f);
	if (emit_is_dependent(e, r))
		missing_list(e, r, dep, NELEM(dep), "(loop 2010CA, the "
		    "patient is not the subscriber)", f);
	else
		missing_list(e, r, self, NELEM(self), "(loop 2010BA, the "
		    "subscriber is the patient)", f);
	if (any_set(e, r, CLM_COL_PAYTO_ADDR1, CLM_COL_PAYTO_ZIP))
		missing_list(e, r, payto, NELEM(payto), "(pay-to address, "
		    "loop 2010AB)", f);
	if (any_set(e, r, CLM_COL_FAC_NPI, CLM_COL_FAC_ZIP))
		missing_list(e, r, fac, NELEM(fac), "(service facility, "
		    "loop 2310C)", f);
	if (any_set(e, r, CLM_COL_REF_NPI, CLM_COL_REF_FIRST))
		missing_list(e, r, refp, NELEM(refp), "(referring provider, "
		    "loop 2310A)", f);
	if (emit_needs_rendering(e, r))
		missing(e, r, 0, CLM_COL_REND_LAST, "(rendering provider, "
		    "loop 2310B)", f);
	if (any_set(e, r, CLM_COL_OTH_PAYER_SEQ, CLM_COL_OTH_PAID_DATE))
		missing_list(e, r, cob, NELEM(cob), "(other payer, loops "
		    "2320/2330)", f);
	if (strcmp(freq, "7") == 0 || strcmp(freq, "8") == 0)
		missing(e, r, 0, CLM_COL_ORIG_REF, "(REF*F8: a replacement or "
		    "void names the payer's claim number)", f);
	if (strcmp(get(e, r, CLM_COL_ACCIDENT_CAUSE), "AA") == 0)
		missing(e, r, 0, CLM_COL_ACCIDENT_STATE, "(auto accident)", f);
	if (e->partner.submitter_phone[0] == '\0' &&
	    e->partner.submitter_email[0] == '\0')
		missing(e, r, 0, CLM_COL_BILL_PHONE, "(loop 1000A PER: the "
		    "partner file names no submitter phone or email)", f);
}

/* Diagnoses fill dx1 upward; more than 12 (dx13... columns) cannot fit. */
static int
check_dx(const struct emit_ctx *e, const struct clm_row *r,
    struct clm_findings *f)
{
	int last = 0;

	for (int n = 1; n <= 12; n++) {
		const char *dx = get(e, r, CLM_COL_DX(n));
		size_t len = strlen(dx);

		if (len == 0)
			continue;
		/* dx1 itself is reported as required */
		for (int gap = last + 1 > 1 ? last + 1 : 2; gap < n; gap++)
			clm_finding_add(f, CLM_EDIT_REQUIRED_MISSING, 0,
			    clm_column_name(CLM_COL_DX(gap)), "dx%d is empty "
			    "but dx%d is given: diagnoses fill dx1 upward "
			    "without gaps", gap, n);
		last = n;
		if (len < 3 || len > 7 || !isupper((unsigned char)dx[0]) ||
		    !upper_alnum(dx, len))
			clm_finding_add(f, CLM_EDIT_X12_FORMAT, 0,
			    clm_column_name(CLM_COL_DX(n)), "dx%d '%.16s' is "
			    "not an ICD-10-CM code without the dot", n, dx);
	}
	for (int i = 0; i < e->nextra_dx; i++)
		if (clm_row_value(r, (size_t)e->extra_dx[i])[0] != '\0') {
			clm_finding_add(f, CLM_EDIT_LIMIT_DX, 0,
			    e->h->names[e->extra_dx[i]], "the claim has more "
			    "than 12 diagnoses; the 837P carries 12: split the "
			    "services into claims of at most 12 diagnoses");
			break;
		}
	return last;
}

static void
check_pointers(const struct emit_ctx *e, const struct clm_row *r, long line,
    int ndx, struct clm_findings *f)
{
	const char *p = get(e, r, CLM_COL_DX_PTR);
	int count = 0;

	while (*p != '\0') {
		char *end;
		long v = strtol(p, &end, 10);

		if (end == p || (*end != ':' && *end != '\0') ||
		    !isdigit((unsigned char)*p)) {
			clm_finding_add(f, CLM_EDIT_X12_FORMAT, line, "dx_ptr",
			    "dx_ptr is not positions 1-12 joined by ':'");
			return;
		}
		count++;
		if (v < 1 || v > 12)
			clm_finding_add(f, CLM_EDIT_LIMIT_PTR, line, "dx_ptr",
			    "diagnosis pointer %ld is outside 1-12", v);
		else if (v > ndx || get(e, r, CLM_COL_DX(v))[0] == '\0')
			clm_finding_add(f, CLM_EDIT_REQUIRED_MISSING, line,
			    clm_column_name(CLM_COL_DX(v)), "dx_ptr points to "
			    "diagnosis %ld but dx%ld is empty", v, v);
		p = *end ? end + 1 : end;
		if (*end == ':' && *p == '\0')
			count = 99;	/* trailing ':' */
	}
	if (count > 4 && count != 99)
		clm_finding_add(f, CLM_EDIT_LIMIT_PTR, line, "dx_ptr",
		    "%d diagnosis pointers; a line carries at most 4", count);
	else if (count == 99)
		clm_finding_add(f, CLM_EDIT_X12_FORMAT, line, "dx_ptr",
		    "dx_ptr ends with ':'");
}

static void
check_modifiers(const struct emit_ctx *e, const struct clm_row *r,
    long line, struct clm_findings *f)
{
	for (int i = 0; i < e->nextra_mod; i++)
		if (clm_row_value(r, (size_t)e->extra_mod[i])[0] != '\0') {
			clm_finding_add(f, CLM_EDIT_LIMIT_MOD, line,
			    e->h->names[e->extra_mod[i]], "more than 4 "
			    "modifiers; the 837P carries 4 per line (SV101-3 "
			    "to SV101-6)");
			return;
		}
	for (int n = 1; n <= 4; n++) {
		const char *m = get(e, r, CLM_COL_MOD(n));
		size_t len = strlen(m);

		if (len > 2 && len % 2 == 0 && upper_alnum(m, len)) {
			clm_finding_add(f, CLM_EDIT_LIMIT_MOD, line,
			    clm_column_name(CLM_COL_MOD(n)), "mod%d holds "
			    "several modifiers ('%.12s'); one per column, at "
			    "most 4", n, m);
		}
	}
}

static void
check_line(const struct emit_ctx *e, const struct clm_row *r, int ndx,
    int claim_cob, struct clm_findings *f)
{
	static const enum clm_column req[] = { CLM_COL_DOS_FROM, CLM_COL_PROC,
		CLM_COL_CHARGE, CLM_COL_UNITS, CLM_COL_DX_PTR };
	static const enum clm_column cob[] = { CLM_COL_LINE_OTH_PAID,
		CLM_COL_LINE_OTH_UNITS, CLM_COL_LINE_OTH_DATE };
	long line = line_of(e, r);

	for (size_t i = 0; i < NELEM(req); i++)
		missing(e, r, line, req[i], "", f);
	check_modifiers(e, r, line, f);
	check_formats(e, r, 1, line, f);
	check_pointers(e, r, line, ndx, f);
	if (any_set(e, r, CLM_COL_NDC, CLM_COL_NDC_UNIT)) {
		missing(e, r, line, CLM_COL_NDC, "(drug, loop 2410)", f);
		missing(e, r, line, CLM_COL_NDC_QTY, "(drug, loop 2410)", f);
		missing(e, r, line, CLM_COL_NDC_UNIT, "(drug, loop 2410)", f);
	}
	if (emit_line_has_cob(e, r)) {
		for (size_t i = 0; i < NELEM(cob); i++)
			missing(e, r, line, cob[i], "(other payer's line "
			    "adjudication, loop 2430)", f);
		if (!claim_cob)
			missing(e, r, 0, CLM_COL_OTH_PAYER_ID, "(loop 2430 "
			    "names the other payer of loop 2330B)", f);
	}
	if (get(e, r, CLM_COL_DOS_TO)[0] != '\0' &&
	    strcmp(get(e, r, CLM_COL_DOS_TO), get(e, r, CLM_COL_DOS_FROM)) < 0)
		clm_finding_add(f, CLM_EDIT_X12_FORMAT, line, "dos_to",
		    "dos_to is before dos_from");
}

/* "CO-45-12.00;PR-1-20.00" into parts; -1 when unreadable or over the
 * CAS limits (5 groups, 6 adjustments each). */
int
emit_parse_adj(const char *s, struct emit_adj *out, int max)
{
	int n = 0;

	while (*s != '\0') {
		size_t len = strcspn(s, ";");
		char item[64], *a, *b;
		long long c;

		if (len == 0 || len >= sizeof(item) || n == max)
			return -1;
		memcpy(item, s, len);
		item[len] = '\0';
		s += len + (s[len] == ';');
		a = strchr(item, '-');
		b = a ? strchr(a + 1, '-') : NULL;
		if (a == NULL || b == NULL)
			return -1;
		*a++ = '\0';
		*b++ = '\0';
		c = emit_cents(b[0] == '-' ? b + 1 : b);
		if (!in_list(item, "CO CR OA PI PR") || strlen(a) < 1 ||
		    strlen(a) > 5 || strspn(a, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "0123456789") != strlen(a) || c < 0)
			return -1;
		memcpy(out[n].group, item, 3);
		memcpy(out[n].reason, a, strlen(a) + 1);
		emit_format_cents(c, out[n].amount + (b[0] == '-'),
		    sizeof(out[n].amount) - 1);
		if (b[0] == '-')
			out[n].amount[0] = '-';
		n++;
	}
	return emit_adj_groups(out, n) <= 5 ? n : -1;
}

/* Groups in order of first appearance; -1 when one has more than 6. */
int
emit_adj_groups(const struct emit_adj *a, int n)
{
	int groups = 0;

	for (int i = 0; i < n; i++) {
		int seen = 0, same = 0;

		for (int j = 0; j < n; j++) {
			if (strcmp(a[j].group, a[i].group) != 0)
				continue;
			seen |= j < i;
			same++;
		}
		if (same > 6)
			return 99;
		groups += !seen;
	}
	return groups;
}

static void
check_adj(const struct emit_ctx *e, const struct clm_row *r, long line,
    enum clm_column col, struct clm_findings *f)
{
	struct emit_adj adj[EMIT_MAX_ADJ];

	if (get(e, r, col)[0] == '\0' ||
	    emit_parse_adj(get(e, r, col), adj, EMIT_MAX_ADJ) >= 0)
		return;
	clm_finding_add(f, CLM_EDIT_X12_FORMAT, line, clm_column_name(col),
	    "%s is not GROUP-REASON-AMOUNT items joined by ';' (groups CO "
	    "CR OA PI PR, at most 5 groups of 6)", clm_column_name(col));
}

/* Upper-case words of an address, punctuation dropped. */
static size_t
address_words(const char *p, char w[][24], size_t max)
{
	size_t n = 0;

	while (n < max) {
		size_t len = 0;

		while (*p != '\0' && !isalnum((unsigned char)*p))
			p++;
		if (*p == '\0')
			break;
		while (isalnum((unsigned char)*p)) {
			if (len < 23)
				w[n][len++] = (char)toupper((unsigned char)*p);
			p++;
		}
		w[n++][len] = '\0';
	}
	return n;
}

/* "PO BOX 12", "P.O. Box 12", "POB 12", "Lock Box 9", "PMB 7", "Box 3",
 * "POBOX12": a box phrase followed by its number. */
static int
is_pobox(const char *addr)
{
	static const char *const pats[] = { "POBOX", "POSTOFFICEBOX", "POBX",
		"POB", "LOCKBOX", "PMB", "BOX", NULL };
	char w[16][24];
	size_t n = address_words(addr, w, 16);

	for (size_t i = 0; i < n; i++) {
		char joined[80];
		size_t jl = 0;

		for (size_t j = i; j < n && j < i + 3; j++) {
			size_t wl = strlen(w[j]);

			memcpy(joined + jl, w[j], wl + 1);
			jl += wl;
			for (int k = 0; pats[k] != NULL; k++) {
				size_t len = strlen(pats[k]);
				const char *rest = joined + len;

				if (strncmp(joined, pats[k], len) != 0)
					continue;
				if (*rest != '\0' && all_digits(rest,
				    strlen(rest)))
					return 1;
				if (*rest == '\0' && j + 1 < n &&
				    isdigit((unsigned char)w[j + 1][0]))
					return 1;
			}
		}
	}
	return 0;
}

static void
check_address(const struct emit_ctx *e, const struct clm_row *r,
    struct clm_findings *f)
{
	const char *zip = get(e, r, CLM_COL_BILL_ZIP);
	const char *fzip = get(e, r, CLM_COL_FAC_ZIP);

	if (is_pobox(get(e, r, CLM_COL_BILL_ADDR1)) ||
	    is_pobox(get(e, r, CLM_COL_BILL_ADDR2)))
		clm_finding_add(f, CLM_EDIT_ADDR_POBOX, 0, "bill_addr1",
		    "the billing provider address (loop 2010AA) is a PO box "
		    "or lock box; give the street address there and the box "
		    "as the pay-to address (payto_*)");
	if (zip[0] != '\0' && (strlen(zip) != 9 || !all_digits(zip, 9)))
		clm_finding_add(f, CLM_EDIT_ADDR_ZIP9, 0, "bill_zip",
		    "bill_zip must be the 9-digit ZIP+4 (%zu characters "
		    "given); look up the +4, never pad it", strlen(zip));
	if (fzip[0] != '\0' && (strlen(fzip) != 9 || !all_digits(fzip, 9)))
		clm_finding_add(f, CLM_EDIT_ADDR_ZIP9, 0, "fac_zip",
		    "fac_zip must be the 9-digit ZIP+4 (%zu characters "
		    "given); look up the +4, never pad it", strlen(fzip));
}

static void
check_totals(const struct emit_ctx *e, const struct clm_claim *c,
    struct clm_findings *f)
{
	const char *given = get(e, c->rows[0], CLM_COL_TOTAL_CHARGE);
	long long sum = 0, g = emit_cents(given);
	char a[32], b[32];

	for (size_t i = 0; i < c->n; i++) {
		long long v = emit_cents(get(e, c->rows[i], CLM_COL_CHARGE));

		if (v < 0)
			return;		/* reported as X12-FORMAT */
		sum += v;
	}
	if (sum > 99999999999LL) {
		clm_finding_add(f, CLM_EDIT_X12_FORMAT, 0, "charge",
		    "the line charges add up to more than CLM02 can hold");
		return;
	}
	if (given[0] == '\0' || g < 0 || g == sum)
		return;
	emit_format_cents(g, a, sizeof(a));
	emit_format_cents(sum, b, sizeof(b));
	clm_finding_add(f, CLM_EDIT_TOTAL_MISMATCH, 0, "total_charge",
	    "total_charge %s differs from the sum of the line charges %s",
	    a, b);
}

static void
check_line_rendering(const struct emit_ctx *e, const struct clm_row *r,
    struct clm_findings *f)
{
	if (emit_line_needs_rendering(e, r))
		missing(e, r, line_of(e, r), CLM_COL_LINE_REND_LAST,
		    "(the line's own rendering provider, loop 2420A)", f);
}

/* A line whose rendering provider differs from the claim's gets 2420A. */
int
emit_line_needs_rendering(const struct emit_ctx *e, const struct clm_row *r)
{
	const char *npi = get(e, r, CLM_COL_LINE_REND_NPI);
	const char *claim = get(e, r, CLM_COL_REND_NPI);

	if (claim[0] == '\0')
		claim = get(e, r, CLM_COL_BILL_NPI);
	return npi[0] != '\0' && strcmp(npi, claim) != 0;
}

/* DTP*439 goes with an auto or other accident (CLM11-1 AA or OA). */
int
emit_needs_accident_date(const struct emit_ctx *e, const struct clm_row *r)
{
	const char *cause = get(e, r, CLM_COL_ACCIDENT_CAUSE);

	return strcmp(cause, "AA") == 0 || strcmp(cause, "OA") == 0;
}

/* SBR05 (Medicare secondary payer type) is required when Medicare Part B
 * is not the primary payer. */
static void
check_medicare_secondary(const struct emit_ctx *e, const struct clm_row *r,
    struct clm_findings *f)
{
	static const struct {
		enum clm_column seq, ind, type;
		const char *loop;
	} payers[] = {
		{ CLM_COL_PAYER_SEQ, CLM_COL_FILING_IND, CLM_COL_INS_TYPE,
		    "2000B" },
		{ CLM_COL_OTH_PAYER_SEQ, CLM_COL_OTH_FILING_IND,
		    CLM_COL_OTH_INS_TYPE, "2320" },
	};

	for (size_t i = 0; i < NELEM(payers); i++) {
		const char *seq = get(e, r, payers[i].seq);

		if (strcmp(get(e, r, payers[i].ind), "MB") != 0 ||
		    seq[0] == '\0' || strcmp(seq, "P") == 0 ||
		    get(e, r, payers[i].type)[0] != '\0')
			continue;
		clm_finding_add(f, CLM_EDIT_REQUIRED_MISSING, 0,
		    clm_column_name(payers[i].type), "%s is empty; Medicare "
		    "Part B is not the primary payer here, so the 837P needs "
		    "the Medicare secondary payer type (loop %s SBR05)",
		    clm_column_name(payers[i].type), payers[i].loop);
	}
}

/* 951 where the partner file lists 00951: it would reach another payer. */
static void
check_payer_zeros(const struct emit_ctx *e, const struct clm_row *r,
    struct clm_findings *f)
{
	static const enum clm_column cols[] = { CLM_COL_PAYER_ID,
	    CLM_COL_OTH_PAYER_ID };
	char listed[64];

	for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++) {
		const char *v = get(e, r, cols[i]);

		if (clm_partner_payer_zeros(&e->partner, v, listed,
		    sizeof(listed)))
			clm_finding_add(f, CLM_EDIT_PAYER_ID_ZEROS, 0,
			    clm_column_name(cols[i]), "%s %s is not in the "
			    "partner file's payer_ids, but %s is: leading zeros "
			    "were lost (a spreadsheet?); write %s",
			    clm_column_name(cols[i]), v, listed, listed);
	}
}

void
emit_check_claim(struct emit_ctx *e, const struct clm_claim *c,
    struct clm_findings *f)
{
	const struct clm_row *r = c->rows[0];
	int ndx, cob;

	check_required_claim(e, r, f);
	check_formats(e, r, 0, 0, f);
	check_adj(e, r, 0, CLM_COL_OTH_ADJ, f);
	if (strlen(get(e, r, CLM_COL_CLAIM_ID)) > 20)
		clm_finding_add(f, CLM_EDIT_CLAIM_ID_LENGTH, 0, "claim_id",
		    "claim_id has %zu characters; receivers keep 20 (CLM01) "
		    "and answers would not match the claim",
		    strlen(get(e, r, CLM_COL_CLAIM_ID)));
	check_medicare_secondary(e, r, f);
	check_payer_zeros(e, r, f);
	if (emit_needs_accident_date(e, r) &&
	    get(e, r, CLM_COL_ACCIDENT_DATE)[0] == '\0')
		clm_finding_add(f, CLM_EDIT_REQUIRED_MISSING, 0,
		    "accident_date", "accident_date is empty; the 837P "
		    "requires it when accident_cause is %s (loop 2300 "
		    "DTP*439)", get(e, r, CLM_COL_ACCIDENT_CAUSE));
	ndx = check_dx(e, r, f);
	check_address(e, r, f);
	cob = get(e, r, CLM_COL_OTH_PAYER_ID)[0] != '\0';
	for (size_t i = 0; i < c->n; i++) {
		check_line(e, c->rows[i], ndx, cob, f);
		check_adj(e, c->rows[i], line_of(e, c->rows[i]),
		    CLM_COL_LINE_OTH_ADJ, f);
		check_line_rendering(e, c->rows[i], f);
	}
	check_totals(e, c, f);
	if (c->n > EMIT_MAX_LINES && e->partner.long_claims ==
	    CLM_PARTNER_REJECT)
		clm_finding_add(f, CLM_EDIT_LIMIT_LINES, 0, "line_no",
		    "%zu service lines; an 837P claim holds at most %d and the "
		    "partner file says long_claims = reject", c->n,
		    EMIT_MAX_LINES);
	else if (c->n > EMIT_MAX_LINES)
		clm_finding_add(f, CLM_EDIT_LINES_SPLIT, 0, "line_no",
		    "%zu service lines: written as %zu claims of at most %d "
		    "lines with the same header", c->n,
		    (c->n + EMIT_MAX_LINES - 1) / EMIT_MAX_LINES,
		    EMIT_MAX_LINES);
}
