/*
 * clm-emit-837 checks: everything the 837P needs is present, fits its
 * element and stays inside the guide's limits, before anything is written.
 * Messages name columns and codes only, never patient data.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "clm_codes.h"
#include "clm_837p.h"
#include "clm_date.h"
#include "clm_money.h"
#include "clm_edit_address.h"
#include "clm_edit_amounts.h"
#include "clm_edit_dates.h"
#include "clm_edit_pointers.h"
#include "clm_edit_required.h"
#include "emit.h"

enum kind { DIGITS, ZIP, STATE, DATE, AMOUNT, QTY, CODE, TEXT, ALNUM };

struct rule {
	enum clm_column col;
	enum kind kind;
	int min, max;		/* length limits */
	const char *codes;	/* CODE: space-separated list */
};

#define FILING CLM_837P_FILING
#define SEQ CLM_837P_PAYER_SEQ
#define MSP_TYPES CLM_837P_MSP_TYPES
#define STATES CLM_837P_STATES

static const struct rule rules[] = {
	{ CLM_COL_CLAIM_ID, TEXT, 1, 38, NULL },
	{ CLM_COL_CLAIM_FREQ, CODE, 0, 0, CLM_837P_FREQ },
	{ CLM_COL_ORIG_REF, TEXT, 1, 50, NULL },
	{ CLM_COL_POS, DIGITS, 2, 2, NULL },
	{ CLM_COL_PRIOR_AUTH, TEXT, 1, 50, NULL },
	{ CLM_COL_REFERRAL_NO, TEXT, 1, 50, NULL },
	{ CLM_COL_PROV_SIGNATURE, CODE, 0, 0, CLM_837P_YN },
	{ CLM_COL_ACCEPT_ASSIGN, CODE, 0, 0, CLM_837P_ASSIGN },
	{ CLM_COL_BENEFITS_ASSIGN, CODE, 0, 0, CLM_837P_YNW },
	{ CLM_COL_RELEASE_INFO, CODE, 0, 0, CLM_837P_YI },
	{ CLM_COL_TOTAL_CHARGE, AMOUNT, 0, 0, NULL },
	{ CLM_COL_PATIENT_PAID, AMOUNT, 0, 0, NULL },
	{ CLM_COL_ONSET_DATE, DATE, 0, 0, NULL },
	{ CLM_COL_ACCIDENT_CAUSE, CODE, 0, 0, CLM_837P_ACCIDENT },
	{ CLM_COL_ACCIDENT_STATE, STATE, 0, 0, NULL },
	{ CLM_COL_ACCIDENT_DATE, DATE, 0, 0, NULL },
	{ CLM_COL_CLAIM_NOTE, TEXT, 1, 80, NULL },
	{ CLM_COL_BILL_NPI, DIGITS, 10, 10, NULL },
	{ CLM_COL_BILL_ENTITY, CODE, 0, 0, CLM_837P_ENTITY },
	{ CLM_COL_BILL_NAME, TEXT, 1, 60, NULL },
	{ CLM_COL_BILL_FIRST, TEXT, 1, 35, NULL },
	{ CLM_COL_BILL_TIN, DIGITS, 9, 9, NULL },
	{ CLM_COL_BILL_TIN_TYPE, CODE, 0, 0, CLM_837P_TIN_TYPE },
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
	{ CLM_COL_SUB_SEX, CODE, 0, 0, CLM_837P_SEX },
	{ CLM_COL_SUB_ADDR1, TEXT, 1, 55, NULL },
	{ CLM_COL_SUB_ADDR2, TEXT, 1, 55, NULL },
	{ CLM_COL_SUB_CITY, TEXT, 2, 30, NULL },
	{ CLM_COL_SUB_STATE, STATE, 0, 0, NULL },
	{ CLM_COL_SUB_ZIP, ZIP, 0, 0, NULL },
	{ CLM_COL_SUB_GROUP, TEXT, 1, 50, NULL },
	{ CLM_COL_SUB_GROUP_NAME, TEXT, 1, 60, NULL },
	{ CLM_COL_PAT_REL, CODE, 0, 0, CLM_837P_REL },
	{ CLM_COL_PAT_LAST, TEXT, 1, 60, NULL },
	{ CLM_COL_PAT_FIRST, TEXT, 1, 35, NULL },
	{ CLM_COL_PAT_MIDDLE, TEXT, 1, 25, NULL },
	{ CLM_COL_PAT_SUFFIX, TEXT, 1, 10, NULL },
	{ CLM_COL_PAT_DOB, DATE, 0, 0, NULL },
	{ CLM_COL_PAT_SEX, CODE, 0, 0, CLM_837P_SEX },
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
	{ CLM_COL_OTH_SUB_REL, CODE, 0, 0, CLM_837P_REL },
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
	{ CLM_COL_UNIT_TYPE, CODE, 0, 0, CLM_837P_UNIT_TYPE },
	{ CLM_COL_CHARGE, AMOUNT, 0, 0, NULL },
	{ CLM_COL_LINE_POS, DIGITS, 2, 2, NULL },
	{ CLM_COL_NDC, DIGITS, 11, 11, NULL },
	{ CLM_COL_NDC_QTY, QTY, 0, 0, NULL },
	{ CLM_COL_NDC_UNIT, CODE, 0, 0, CLM_837P_NDC_UNIT },
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
		return clm_money_cents(v) >= 0;
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

		if (v[0] == '\0' || r->kind == DATE || fits(r, v))
			continue;	/* dates: DATE-INVALID, clm_edit_dates */
		if ((r->col == CLM_COL_UNITS && clm_edit_units_zero(v)) ||
		    (r->col == CLM_COL_CHARGE && clm_edit_charge_zero(v)))
			continue;	/* UNITS-ZERO, CHARGE-ZERO say it */
		if (r->col >= CLM_COL_MOD1 && r->col <= CLM_COL_MOD4 &&
		    clm_findings_has(f, "LIMIT-MOD", line))
			continue;	/* "GP59": said once, as LIMIT-MOD */
		describe(r, want, sizeof(want));
		/* quoted only when code-shaped: a shifted row can put a
		 * birth date or a name in a code column */
		if (r->kind == CODE && clm_codes_quotable(v))
			clm_finding_add(f, CLM_EDIT_X12_FORMAT, line,
			    clm_column_name(r->col), "%s '%s' is not %s",
			    clm_column_name(r->col), v, want);
		else
			clm_finding_add(f, CLM_EDIT_X12_FORMAT, line,
			    clm_column_name(r->col), "%s is not %s (%zu "
			    "characters given)", clm_column_name(r->col),
			    want, strlen(v));
	}
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

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Diagnoses fill dx1 upward; more than 12 (dx13... columns) cannot fit. */
static int
check_dx(const struct emit_ctx *e, const struct clm_row *r,
    struct clm_findings *f)
{
	int last = 0;

	for (int n = 1; n <= CLM_837P_MAX_DX; n++) {
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
		if ((len < 3 || len > 7 || !isupper((unsigned char)dx[0]) ||
		    !upper_alnum(dx, len)) && clm_codes_quotable(dx))
			clm_finding_add(f, CLM_EDIT_X12_FORMAT, 0,
			    clm_column_name(CLM_COL_DX(n)), "dx%d '%s' is "
			    "not an ICD-10-CM code without the dot", n, dx);
		else if (len < 3 || len > 7 || !isupper((unsigned char)dx[0]) ||
		    !upper_alnum(dx, len))
			clm_finding_add(f, CLM_EDIT_X12_FORMAT, 0,
			    clm_column_name(CLM_COL_DX(n)), "dx%d is not an "
			    "ICD-10-CM code without the dot (%zu characters "
			    "given)", n, len);
	}
	for (int i = 0; i < e->nextra_dx; i++)
		if (clm_row_value(r, (size_t)e->extra_dx[i])[0] != '\0') {
			clm_finding_add(f, CLM_EDIT_LIMIT_DX, 0,
			    e->h->names[e->extra_dx[i]], "the claim has more "
			    "than %d diagnoses; the 837P carries %d: split the "
			    "services into claims of at most %d diagnoses",
			    CLM_837P_MAX_DX, CLM_837P_MAX_DX, CLM_837P_MAX_DX);
			break;
		}
	return last;
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

		if (len > 2 && len % 2 == 0 && upper_alnum(m, len) &&
		    clm_codes_quotable(m))
			clm_finding_add(f, CLM_EDIT_LIMIT_MOD, line,
			    clm_column_name(CLM_COL_MOD(n)), "mod%d holds "
			    "several modifiers ('%s'); one per column, at "
			    "most 4", n, m);
		else if (len > 2 && len % 2 == 0 && upper_alnum(m, len))
			clm_finding_add(f, CLM_EDIT_LIMIT_MOD, line,
			    clm_column_name(CLM_COL_MOD(n)), "mod%d holds "
			    "several modifiers (%zu characters); one per "
			    "column, at most 4", n, len);
	}
}

static void
check_line(const struct emit_ctx *e, const struct clm_row *r0,
    const struct clm_row *r, struct clm_findings *f)
{
	long line = line_of(e, r);
	int ptr[4];

	check_modifiers(e, r, line, f);
	check_formats(e, r, 1, line, f);
	clm_edit_line_pointers(r0, r, e->h, line, ptr, f);
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
		c = clm_money_cents(b[0] == '-' ? b + 1 : b);
		if (!in_list(item, "CO CR OA PI PR") || strlen(a) < 1 ||
		    strlen(a) > 5 || strspn(a, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "0123456789") != strlen(a) || c < 0)
			return -1;
		memcpy(out[n].group, item, 3);
		memcpy(out[n].reason, a, strlen(a) + 1);
		clm_money_format(c, out[n].amount + (b[0] == '-'),
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

static void
check_address(const struct emit_ctx *e, const struct clm_row *r,
    struct clm_findings *f)
{
	const char *zip = get(e, r, CLM_COL_BILL_ZIP);
	const char *fzip = get(e, r, CLM_COL_FAC_ZIP);

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
	long long sum = 0;

	for (size_t i = 0; i < c->n; i++) {
		long long v = clm_money_cents(get(e, c->rows[i], CLM_COL_CHARGE));

		if (v < 0)
			return;		/* reported as X12-FORMAT */
		sum += v;
	}
	if (sum > 99999999999LL) {
		clm_finding_add(f, CLM_EDIT_X12_FORMAT, 0, "charge",
		    "the line charges add up to more than CLM02 can hold");
		return;
	}
	clm_edit_total(c, e->h, f);
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

	/* the one 837P required-fields table, as clm-scrub checks it */
	clm_edit_required(c, e->h, e->partner.submitter_phone[0] == '\0' &&
	    e->partner.submitter_email[0] == '\0' ? CLM_REQ_OUT_NO_CONTACT : 0,
	    f);
	check_formats(e, r, 0, 0, f);
	check_adj(e, r, 0, CLM_COL_OTH_ADJ, f);
	if (strlen(get(e, r, CLM_COL_CLAIM_ID)) > 20)
		clm_finding_add(f, CLM_EDIT_CLAIM_ID_LENGTH, 0, "claim_id",
		    "claim_id has %zu characters; receivers keep 20 (CLM01) "
		    "and answers would not match the claim",
		    strlen(get(e, r, CLM_COL_CLAIM_ID)));
	check_dx(e, r, f);
	clm_edit_pobox(c, e->h, f);
	clm_edit_dates_valid(c, e->h, f);
	clm_edit_date_range(c, e->h, f);
	check_payer_zeros(e, r, f);
	clm_edit_line_amounts(c, e->h, f);
	check_address(e, r, f);
	for (size_t i = 0; i < c->n; i++) {
		check_line(e, r, c->rows[i], f);
		check_adj(e, c->rows[i], line_of(e, c->rows[i]),
		    CLM_COL_LINE_OTH_ADJ, f);
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
