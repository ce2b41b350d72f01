/* clm_codecheck: the diagnosis checks (claim level, dx1..dx12). */
#include <stdio.h>
#include <string.h>

#include "clm_codecheck_attr.h"
#include "clm_codecheck_int.h"

#define NEXAMPLES 3

static const char *
dx_col(int i)
{
	return clm_column_name(CLM_COL_DX(i + 1));
}

static void
date_str(long date, char *buf, size_t size)
{
	clm_codes_date_display(date, buf, size);
}

/* " (ICD-10-CM FY2027)" for the release in force on date. */
static const char *
dx_release(const struct cc_claim *k, const char *code, long date, char *buf,
    size_t size)
{
	struct clm_code_info info;

	memset(&info, 0, sizeof(info));
	clm_codeset_lookup(k->cs, CLM_SYS_ICD10CM, code, date, &info);
	return clm_cc_release(&info, buf, size);
}

static void
read_dx(struct cc_claim *k, int i)
{
	const char *v = clm_row_get(k->r0, k->h, CLM_COL_DX(i + 1));
	char q[64];

	k->dxst[i] = CC_DX_EMPTY;
	if (v[0] == '\0')
		return;
	if (!clm_codes_dx_norm(v, k->dx[i])) {
		k->dxst[i] = CC_DX_BAD;
		clm_finding_add(k->f, CLM_EDIT_DX_FORMAT, 0, dx_col(i),
		    "%s %s is not shaped like an ICD-10-CM code (a letter, a "
		    "digit, a letter or digit, then up to four letters or "
		    "digits)", dx_col(i), clm_cc_quote(v, q, sizeof(q)));
		return;
	}
	clm_codes_dx_display(k->dx[i], k->shown[i], sizeof(k->shown[i]));
	k->dxst[i] = CC_DX_OK;
	for (int j = 0; j < i; j++) {
		if (k->dxst[j] == CC_DX_OK && strcmp(k->dx[j], k->dx[i]) == 0) {
			k->dxst[i] = CC_DX_DUP;
			clm_finding_add(k->f, CLM_EDIT_DX_DUP, 0, dx_col(i),
			    "%s %s repeats %s: list each diagnosis once (remove"
			    " %s and point the lines at %s)", dx_col(i),
			    k->shown[i], dx_col(j), dx_col(i), dx_col(j));
			return;
		}
	}
}

static void
join_examples(char ex[][CLM_CODES_DX_MAX], int n, char *buf, size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	for (int i = 0; i < n && used < size; i++) {
		char shown[16];

		clm_codes_dx_display(ex[i], shown, sizeof(shown));
		used += (size_t)snprintf(buf + used, size - used, "%s%s",
		    i > 0 ? ", " : "", shown);
	}
}

static void
join_chars(const char *chars, char *buf, size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; chars[i] != '\0' && used < size; i++)
		used += (size_t)snprintf(buf + used, size - used, "%s%c",
		    i > 0 ? ", " : "", chars[i]);
}

/* code padded with placeholder X to six characters. */
static void
stem6(const char *code, size_t len, char out[CLM_CODES_DX_MAX])
{
	memcpy(out, code, len);
	for (; len < 6; len++)
		out[len] = 'X';
	out[6] = '\0';
}

/* A header whose billable codes are its stem plus a 7th character. */
static int
report_needs_seventh(struct cc_claim *k, int i, long date, const char *rel)
{
	const char *code = k->dx[i];
	size_t len = strlen(code);
	char stem[CLM_CODES_DX_MAX], chars[40], list[128], ex[16], d[16];

	if (len > 6)
		return 0;
	stem6(code, len, stem);
	clm_cc_attr_seventh(k->cs, stem, date, chars, sizeof(chars));
	if (chars[0] == '\0')
		return 0;
	join_chars(chars, list, sizeof(list));
	snprintf(stem + 6, 2, "%c", chars[0]);
	clm_codes_dx_display(stem, ex, sizeof(ex));
	date_str(date, d, sizeof(d));
	clm_finding_add(k->f, CLM_EDIT_DX_7TH, 0, dx_col(i), "%s %s needs %sa"
	    " 7th character on %s%s: one of %s, e.g. %s", dx_col(i),
	    k->shown[i], len < 6 ? "the placeholder X and " : "", d, rel, list,
	    ex);
	return 1;
}

static void
report_header(struct cc_claim *k, int i, long date,
    const struct clm_code_info *info)
{
	const char *code = k->dx[i];
	char ex[NEXAMPLES][CLM_CODES_DX_MAX], list[96], rel[64], d[16];
	char how[48];
	int n;

	clm_cc_release(info, rel, sizeof(rel));
	if (report_needs_seventh(k, i, date, rel))
		return;
	date_str(date, d, sizeof(d));
	n = clm_cc_attr_children(k->cs, code, date, ex, NEXAMPLES);
	join_examples(ex, n, list, sizeof(list));
	if (n > 0 && strlen(ex[0]) == strlen(code) + 1)
		snprintf(how, sizeof(how), "add the %zuth character",
		    strlen(code) + 1);
	else
		snprintf(how, sizeof(how), "use a billable code below it");
	clm_finding_add(k->f, CLM_EDIT_DX_HEADER, 0, dx_col(i), "%s %s is a "
	    "%s header on %s%s, not a billable code: %s%s%s", dx_col(i),
	    k->shown[i], strlen(code) == 3 ? "category" : "subcategory", d,
	    rel, how, n > 0 ? ", e.g. " : "", list);
}

/*
 * An unknown code of up to six characters whose stem (padded with the
 * placeholder X) takes a 7th character: "S62.90X" lacks only the 7th.
 * The message lists the valid completions.
 */
static int
report_missing_seventh(struct cc_claim *k, int i, long date)
{
	const char *code = k->dx[i];
	size_t len = strlen(code), used = 0;
	char stem[CLM_CODES_DX_MAX], full[CLM_CODES_DX_MAX], chars[40];
	char list[160], shown[16], rel[64], d[16];

	if (len < 4 || len > 6)
		return 0;
	stem6(code, len, stem);
	clm_cc_attr_seventh(k->cs, stem, date, chars, sizeof(chars));
	if (chars[0] == '\0')
		return 0;
	list[0] = '\0';
	for (size_t j = 0; chars[j] != '\0' && used < sizeof(list); j++) {
		snprintf(full, sizeof(full), "%.6s%c", stem, chars[j]);
		clm_codes_dx_display(full, shown, sizeof(shown));
		used += (size_t)snprintf(list + used, sizeof(list) - used,
		    "%s%s", j > 0 ? ", " : "", shown);
	}
	snprintf(full, sizeof(full), "%.6s%c", stem, chars[0]);
	date_str(date, d, sizeof(d));
	clm_finding_add(k->f, CLM_EDIT_DX_7TH, 0, dx_col(i), "%s %s lacks its "
	    "7th character%s on %s%s: use one of %s", dx_col(i), k->shown[i],
	    len < 6 ? " (and the placeholder X)" : "", d,
	    dx_release(k, full, date, rel, sizeof(rel)), list);
	return 1;
}

/* An unknown code that a placeholder X or another 7th character fixes. */
static int
report_bad_seventh(struct cc_claim *k, int i, long date)
{
	const char *code = k->dx[i];
	size_t len = strlen(code);
	char stem[CLM_CODES_DX_MAX], fix[CLM_CODES_DX_MAX], chars[40];
	char list[128], shown[16], rel[64], d[16];
	struct clm_code_info info;

	date_str(date, d, sizeof(d));
	if (len == 7) {
		stem6(code, 6, stem);
		clm_cc_attr_seventh(k->cs, stem, date, chars, sizeof(chars));
		if (chars[0] == '\0')
			return 0;
		join_chars(chars, list, sizeof(list));
		clm_codes_dx_display(stem, shown, sizeof(shown));
		clm_finding_add(k->f, CLM_EDIT_DX_7TH, 0, dx_col(i), "%s %s: "
		    "7th character %c is not valid for %s on %s%s: use one of"
		    " %s", dx_col(i), k->shown[i], code[6], shown, d,
		    dx_release(k, stem, date, rel, sizeof(rel)), list);
		return 1;
	}
	if (len < 4)
		return 0;
	stem6(code, len - 1, fix);
	fix[6] = code[len - 1];
	fix[7] = '\0';
	if (clm_codeset_lookup(k->cs, CLM_SYS_ICD10CM, fix, date, &info) !=
	    CLM_CODE_VALID)
		return 0;
	clm_codes_dx_display(fix, shown, sizeof(shown));
	clm_finding_add(k->f, CLM_EDIT_DX_7TH, 0, dx_col(i), "%s %s lacks the "
	    "placeholder X before its 7th character on %s%s: write %s",
	    dx_col(i), k->shown[i], d, clm_cc_release(&info, rel, sizeof(rel)),
	    shown);
	return 1;
}

/* The nearest existing ancestor of an unknown code, as a hint: itself
 * when billable, else the billable codes below it. */
static void
nearest_known(struct cc_claim *k, int i, long date, char *buf, size_t size)
{
	const char *code = k->dx[i];
	char prefix[CLM_CODES_DX_MAX], shown[16], list[96];
	char ex[NEXAMPLES][CLM_CODES_DX_MAX];
	struct clm_code_info info;

	buf[0] = '\0';
	for (size_t plen = strlen(code) - 1; plen >= 3; plen--) {
		enum clm_code_state st;
		int n;

		memcpy(prefix, code, plen);
		prefix[plen] = '\0';
		st = clm_codeset_lookup(k->cs, CLM_SYS_ICD10CM, prefix, date,
		    &info);
		clm_codes_dx_display(prefix, shown, sizeof(shown));
		if (st == CLM_CODE_VALID) {
			snprintf(buf, size, "; %s is a billable code", shown);
			return;
		}
		if (st != CLM_CODE_HEADER)
			continue;
		n = clm_cc_attr_children(k->cs, prefix, date, ex, NEXAMPLES);
		join_examples(ex, n, list, sizeof(list));
		snprintf(buf, size, "; codes under %s include %s", shown, list);
		return;
	}
}

static void
report_unknown(struct cc_claim *k, int i, long date,
    const struct clm_code_info *info)
{
	char rel[64], hint[160];

	if (report_missing_seventh(k, i, date) ||
	    report_bad_seventh(k, i, date))
		return;
	clm_cc_release(info, rel, sizeof(rel));
	nearest_known(k, i, date, hint, sizeof(hint));
	if (clm_cc_from_starter(info)) {
		clm_finding_add(k->f, CLM_EDIT_DX_UNKNOWN, 0, dx_col(i), "%s %s "
		    "is not in the loaded index (starter set: %s): check the "
		    "code; the starter set holds common codes only, build the "
		    "official index with scripts/fetch-codesets%s", dx_col(i),
		    k->shown[i], info->release, hint);
		return;
	}
	clm_finding_add(k->f, CLM_EDIT_DX_UNKNOWN, 0, dx_col(i), "%s %s is not"
	    " an ICD-10-CM code in any release%s%s%s: check the code%s",
	    dx_col(i), k->shown[i], rel[0] ? " (checked " : "",
	    rel[0] ? info->release : "", rel[0] ? ")" : "", hint);
}

/*
 * Codes in force on date under the nearest ancestor of a deleted code
 * that has any (for a 7-character code, those with the same 7th
 * character): neighbours to choose from, not necessarily its successor.
 */
static void
successors(struct cc_claim *k, int i, long date, char *buf, size_t size)
{
	const char *code = k->dx[i];
	size_t len = strlen(code);
	char ex[8][CLM_CODES_DX_MAX], keep[NEXAMPLES][CLM_CODES_DX_MAX];
	char prefix[CLM_CODES_DX_MAX];

	buf[0] = '\0';
	for (size_t plen = len - 1; plen >= 3; plen--) {
		int n, m = 0;

		memcpy(prefix, code, plen);
		prefix[plen] = '\0';
		n = clm_cc_attr_children(k->cs, prefix, date, ex, 8);
		for (int j = 0; j < n && m < NEXAMPLES; j++)
			if (len < 7 || (strlen(ex[j]) == 7 &&
			    ex[j][6] == code[6]))
				memcpy(keep[m++], ex[j], CLM_CODES_DX_MAX);
		if (m > 0) {
			char shown[16], list[96];

			clm_codes_dx_display(prefix, shown, sizeof(shown));
			join_examples(keep, m, list, sizeof(list));
			snprintf(buf, size, ", e.g. under %s: %s", shown,
			    list);
			return;
		}
	}
}

static void
report_not_effective(struct cc_claim *k, int i, long date,
    const struct clm_code_info *info)
{
	char rel[64], d[16], span[16];

	date_str(date, d, sizeof(d));
	clm_cc_release(info, rel, sizeof(rel));
	if (info->valid_from > date) {
		date_str(info->valid_from, span, sizeof(span));
		clm_finding_add(k->f, CLM_EDIT_DX_NOT_EFFECTIVE, 0, dx_col(i),
		    "%s %s is not yet valid on %s%s: in force from %s",
		    dx_col(i), k->shown[i], d, rel, span);
	} else if (info->valid_to > 0) {
		char list[160];

		date_str(info->valid_to, span, sizeof(span));
		successors(k, i, date, list, sizeof(list));
		clm_finding_add(k->f, CLM_EDIT_DX_NOT_EFFECTIVE, 0, dx_col(i),
		    "%s %s is no longer valid on %s%s: valid until %s; choose "
		    "a code in force on that date%s",
		    dx_col(i), k->shown[i], d, rel, span, list);
	} else {
		clm_finding_add(k->f, CLM_EDIT_DX_NOT_EFFECTIVE, 0, dx_col(i),
		    "%s %s is not valid on %s%s", dx_col(i), k->shown[i], d,
		    rel);
	}
}

/* Existence, header and effective dates on each service date, each
 * problem reported once with the first date it occurs on. */
static void
check_dx_dates(struct cc_claim *k, int i)
{
	int seen_header = 0, seen_ne = 0;

	for (size_t d = 0; d < k->ndates; d++) {
		struct clm_code_info info;
		enum clm_code_state st;

		st = clm_cc_dx_state(k->cc, k->dx[i], k->dates[d], &info);
		if (st == CLM_CODE_UNKNOWN) {
			report_unknown(k, i, k->dates[d], &info);
			return;
		}
		if (st == CLM_CODE_HEADER && !seen_header++)
			report_header(k, i, k->dates[d], &info);
		if (st == CLM_CODE_NOT_EFFECTIVE && !seen_ne++)
			report_not_effective(k, i, k->dates[d], &info);
	}
}

static void
check_dx_sex(struct cc_claim *k, int i, unsigned flags)
{
	int want;
	char rel[64];

	if (!k->cc->opt.sex_edit || k->sex == 0 || k->ndates == 0)
		return;
	want = clm_cc_attr_sex(flags);
	if (want == 0 || want == k->sex)
		return;
	clm_finding_add(k->f, CLM_EDIT_DX_SEX, 0, dx_col(i), "%s %s is a %s "
	    "diagnosis and does not match the patient's sex%s: check the code"
	    " and the patient's sex", dx_col(i), k->shown[i],
	    want == 'F' ? "female-only" : "male-only",
	    dx_release(k, k->dx[i], k->dates[0], rel, sizeof(rel)));
}

/* The age group comes from the (single) MCE release; the age is taken on
 * each service date, the first date outside the range is reported. */
static void
check_dx_age(struct cc_claim *k, int i, unsigned flags)
{
	struct clm_cc_age_range r;
	char rel[64], d[16], range[32];

	if (!k->cc->opt.age_edit || k->dob == 0 || k->ndates == 0)
		return;
	r = clm_cc_attr_age(flags);
	if (r.group == CLM_CC_AGE_ANY)
		return;
	for (size_t n = 0; n < k->ndates; n++) {
		int age = clm_codes_age(k->dob, k->dates[n]);

		if (age < 0 || (age >= r.lo && age <= r.hi))
			continue;
		date_str(k->dates[n], d, sizeof(d));
		if (r.hi == 0)
			snprintf(range, sizeof(range), "(under one year)");
		else
			snprintf(range, sizeof(range), "%d-%d", r.lo, r.hi);
		clm_finding_add(k->f, CLM_EDIT_DX_AGE, 0, dx_col(i), "%s %s is "
		    "%s %s diagnosis; the patient's age on %s is outside the "
		    "%s age range %s%s", dx_col(i), k->shown[i],
		    r.name[0] == 'a' ? "an" : "a", r.name, d, r.name, range,
		    dx_release(k, k->dx[i], k->dates[n], rel, sizeof(rel)));
		return;
	}
}

/* Sex and age edits share one attribute lookup (first service date). */
static void
check_patient(struct cc_claim *k, int i)
{
	unsigned flags;

	if (k->ndates == 0 || ((!k->cc->opt.sex_edit || k->sex == 0) &&
	    (!k->cc->opt.age_edit || k->dob == 0)))
		return;
	flags = clm_cc_dx_flags(k->cc, k->dx[i], k->dates[0]);
	if (flags == 0)
		return;
	check_dx_sex(k, i, flags);
	check_dx_age(k, i, flags);
}

static void
check_first_dx(struct cc_claim *k)
{
	char rel[64];

	if (k->dxst[0] != CC_DX_OK)
		return;
	if (clm_codes_dx_is_external(k->dx[0])) {
		clm_finding_add(k->f, CLM_EDIT_DX_EXTERNAL_FIRST, 0, "dx1",
		    "dx1 %s is an external-cause code (V00-Y99), which is never"
		    " the first diagnosis: list the injury or condition first "
		    "and %s after it", k->shown[0], k->shown[0]);
		return;
	}
	if (k->cs == NULL || k->ndates == 0 ||
	    !clm_cc_dx_manifestation(k->cc, k->dx[0], k->dates[0]))
		return;
	clm_finding_add(k->f, CLM_EDIT_DX_MANIFESTATION_FIRST, 0, "dx1", "dx1 "
	    "%s is a manifestation code, which is never the first diagnosis%s:"
	    " list the underlying disease first (\"code first\"), then %s",
	    k->shown[0], dx_release(k, k->dx[0], k->dates[0], rel,
	    sizeof(rel)), k->shown[0]);
}

static void
report_excludes1(struct cc_claim *k, int i, int j)
{
	const char *at, *note;
	char rel[64], shown[16];

	clm_cc_attr_excludes1(k->cs, k->dx[i], k->dx[j], k->dates[0], &at,
	    &note);
	clm_codes_dx_display(at, shown, sizeof(shown));
	clm_finding_add(k->f, CLM_EDIT_DX_EXCLUDES1, 0, dx_col(j), "%s %s and "
	    "%s %s are in an Excludes1 relation%s%s%s%s%.120s%s: they are not "
	    "coded together; keep the one that fits", dx_col(i), k->shown[i],
	    dx_col(j), k->shown[j], dx_release(k, k->dx[j], k->dates[0], rel,
	    sizeof(rel)), at[0] ? " (note at " : "", at[0] ? shown : "",
	    at[0] ? ": " : "", at[0] ? note : "", at[0] ? ")" : "");
}

static void
check_excludes1(struct cc_claim *k)
{
	if (k->ndates == 0)
		return;
	for (int i = 0; i < CLM_CC_NDX; i++) {
		for (int j = i + 1; k->dxst[i] == CC_DX_OK && j < CLM_CC_NDX;
		    j++) {
			if (k->dxst[j] != CC_DX_OK ||
			    !clm_cc_excludes1(k->cc, k->dx[i], k->dx[j],
			    k->dates[0]))
				continue;
			report_excludes1(k, i, j);
		}
	}
}

void
clm_cc_check_dx(struct cc_claim *k)
{
	int lookups = k->cs != NULL && k->cc->has_icd;

	for (int i = 0; i < CLM_CC_NDX; i++) {
		read_dx(k, i);
		if (k->dxst[i] == CC_DX_OK && lookups) {
			check_dx_dates(k, i);
			check_patient(k, i);
		}
		if (i == 0)
			check_first_dx(k);
	}
	if (lookups)
		check_excludes1(k);
}
