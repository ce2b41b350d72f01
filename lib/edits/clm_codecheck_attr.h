/*
 * clm_codecheck_attr - the ICD-10-CM attributes clm_codecheck needs (billable
 * codes below a header, valid 7th characters, sex and age lists, manifestation
 * codes, Excludes1 pairs), asked of the code-set index.  A thin wrapper: the
 * data lives in the index (lib/codeset); nothing here holds a table.
 */
#ifndef CLM_CODECHECK_ATTR_H
#define CLM_CODECHECK_ATTR_H

#include <stddef.h>

#include "clm_codes.h"
#include "clm_codeset.h"

enum clm_cc_age_group {
	CLM_CC_AGE_ANY = 0,
	CLM_CC_AGE_NEWBORN,
	CLM_CC_AGE_PEDIATRIC,
	CLM_CC_AGE_MATERNITY,
	CLM_CC_AGE_ADULT
};

struct clm_cc_age_range {
	enum clm_cc_age_group group;
	int lo, hi;			/* years, inclusive */
	const char *name;		/* "maternity" */
};

/*
 * Up to max billable codes below a header on date (stored form), fewest
 * characters first.  Returns the count.
 */
int clm_cc_attr_children(const struct clm_codeset *cs, const char *header,
    long date, char out[][CLM_CODES_DX_MAX], int max);
/*
 * The 7th characters valid after a six-character stem (placeholders X
 * included) on date, as a string ("ABDGKPS"); "" when none.
 */
void clm_cc_attr_seventh(const struct clm_codeset *cs, const char *stem6,
    long date, char *out, size_t size);
/* The MCE and tabular flags of a code (enum clm_icd_flag bits). */
unsigned clm_cc_attr_flags(const struct clm_codeset *cs, const char *code,
    long date);
/* 'F' or 'M' for a sex-specific code (from its flags), else 0. */
int clm_cc_attr_sex(unsigned flags);
/* The age group a code is limited to (group CLM_CC_AGE_ANY: none). */
struct clm_cc_age_range clm_cc_attr_age(unsigned flags);
/* Non-zero for a manifestation code (never listed first). */
int clm_cc_attr_manifestation(const struct clm_codeset *cs,
    const char *code, long date);
/* Non-zero when a and b are in an Excludes1 relation; *at (the code
 * carrying the note) and *note (its text) when not NULL. */
int clm_cc_attr_excludes1(const struct clm_codeset *cs, const char *a,
    const char *b, long date, const char **at, const char **note);

#endif
