#include <stdio.h>
#include <string.h>

#include "clm_codecheck_attr.h"

static const char seventh_chars[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

int
clm_cc_attr_children(const struct clm_codeset *cs, const char *header,
    long date, char out[][CLM_CODES_DX_MAX], int max)
{
	const char *keys[8];
	size_t n;

	if (max > 8)
		max = 8;
	n = clm_codeset_billable_below(cs, CLM_SYS_ICD10CM, header, date,
	    keys, (size_t)max);
	if (n > (size_t)max)
		n = (size_t)max;
	for (size_t i = 0; i < n; i++)
		snprintf(out[i], CLM_CODES_DX_MAX, "%s", keys[i]);
	return (int)n;
}

static int
valid_on(const struct clm_codeset *cs, const char *stem6, char c, long date)
{
	char code[CLM_CODES_DX_MAX];
	struct clm_code_info info;

	snprintf(code, sizeof(code), "%.6s%c", stem6, c);
	return clm_codeset_lookup(cs, CLM_SYS_ICD10CM, code, date, &info) ==
	    CLM_CODE_VALID;
}

static int
has_tabular(const struct clm_codeset *cs)
{
	struct clm_release rel;

	for (size_t i = 0; i < clm_codeset_release_count(cs); i++)
		if (clm_codeset_release(cs, i, &rel) &&
		    rel.kind == CLM_REL_TABULAR)
			return 1;
	return 0;
}

/*
 * The tabular's 7th characters (when the index has them) are kept only
 * where the code list of the date has stem + character as a billable code;
 * without tabular notes every character is tried against the code list.
 */
void
clm_cc_attr_seventh(const struct clm_codeset *cs, const char *stem6,
    long date, char *out, size_t size)
{
	struct clm_icd_7th info;
	const char *cand = seventh_chars;
	size_t n = 0;

	memset(&info, 0, sizeof(info));
	out[0] = '\0';
	if (clm_codeset_icd_7th(cs, stem6, date, &info) && info.chars != NULL
	    && info.chars[0] != '\0')
		cand = info.chars;
	else if (has_tabular(cs))
		return;		/* the notes say: no 7th character here */
	for (size_t i = 0; cand[i] != '\0' && n + 1 < size; i++)
		if (valid_on(cs, stem6, cand[i], date))
			out[n++] = cand[i];
	if (n == 0 && cand != seventh_chars) {
		for (size_t i = 0; seventh_chars[i] != '\0' && n + 1 < size;
		    i++)
			if (valid_on(cs, stem6, seventh_chars[i], date))
				out[n++] = seventh_chars[i];
	}
	out[n] = '\0';
}

unsigned
clm_cc_attr_flags(const struct clm_codeset *cs, const char *code, long date)
{
	return clm_codeset_icd_attr(cs, code, date, NULL);
}

int
clm_cc_attr_sex(unsigned flags)
{
	if (flags & CLM_ICD_SEX_FEMALE)
		return 'F';
	if (flags & CLM_ICD_SEX_MALE)
		return 'M';
	return 0;
}

struct clm_cc_age_range
clm_cc_attr_age(unsigned flags)
{
	/* Age groups as the Medicare Code Editor defines them. */
	static const struct {
		unsigned flag;
		struct clm_cc_age_range r;
	} groups[] = {
		{ CLM_ICD_AGE_NEWBORN, { CLM_CC_AGE_NEWBORN, 0, 0,
		    "newborn" } },
		{ CLM_ICD_AGE_PEDIATRIC, { CLM_CC_AGE_PEDIATRIC, 0, 17,
		    "pediatric" } },
		{ CLM_ICD_AGE_MATERNITY, { CLM_CC_AGE_MATERNITY, 12, 55,
		    "maternity" } },
		{ CLM_ICD_AGE_ADULT, { CLM_CC_AGE_ADULT, 15, 124, "adult" } },
	};
	struct clm_cc_age_range none = { CLM_CC_AGE_ANY, 0, 0, "" };

	for (size_t i = 0; i < sizeof(groups) / sizeof(groups[0]); i++)
		if (flags & groups[i].flag)
			return groups[i].r;
	return none;
}

/*
 * A manifestation code: on the MCE manifestation list, or carrying a
 * "code first" note with a title "in diseases classified elsewhere" (the
 * etiology/manifestation convention); a "code first" note alone only
 * states a preferred order.
 */
int
clm_cc_attr_manifestation(const struct clm_codeset *cs, const char *code,
    long date)
{
	struct clm_code_info info;
	unsigned fl = clm_codeset_icd_attr(cs, code, date, NULL);

	if (fl & CLM_ICD_MCE_MANIFEST)
		return 1;
	if (!(fl & CLM_ICD_CODE_FIRST))
		return 0;
	memset(&info, 0, sizeof(info));
	clm_codeset_lookup(cs, CLM_SYS_ICD10CM, code, date, &info);
	return info.desc != NULL &&
	    strstr(info.desc, "in diseases classified elsewhere") != NULL;
}

int
clm_cc_attr_excludes1(const struct clm_codeset *cs, const char *a,
    const char *b, long date, const char **at, const char **note)
{
	struct clm_excludes1 out;
	int found;

	memset(&out, 0, sizeof(out));
	found = clm_codeset_excludes1(cs, a, b, date, &out);
	if (at != NULL)
		*at = found && out.at != NULL ? out.at : "";
	if (note != NULL)
		*note = found && out.note != NULL ? out.note : "";
	return found;
}
