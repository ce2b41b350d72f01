/*
 * clm_codecheck - every code on a claim against the code set in force on
 * its date of service: diagnoses (shape, existence, header, 7th character,
 * effective dates, sex, age, manifestation and external-cause order,
 * Excludes1, duplicates), procedures, modifiers, place of service, NPIs,
 * taxonomies and diagnosis pointers.  Findings go into a clm_findings; the
 * checker never prints.
 *
 * The checker borrows the code-set index (may be NULL: only the checks that
 * need no index run) and owns scratch space reused from claim to claim.
 */
#ifndef CLM_CODECHECK_H
#define CLM_CODECHECK_H

#include "clm_codeset.h"
#include "clm_finding.h"
#include "clm_record.h"
#include "clm_stage.h"

struct clm_cc_options {
	const struct clm_codeset *cs;	/* borrowed; NULL = shape checks only */
	int sex_edit;			/* DX-SEX on */
	int age_edit;			/* DX-AGE on */
	long today;			/* CCYYMMDD for a claim with no date */
};

struct clm_cc;

struct clm_cc *clm_cc_new(const struct clm_cc_options *opt);
void clm_cc_free(struct clm_cc *cc);
/* Check one claim (rows under h); findings are appended to f. */
void clm_cc_check(struct clm_cc *cc, const struct clm_claim *c,
    const struct clm_header *h, struct clm_findings *f);
/* The code-check stage: clm_cc_check on every claim (cc borrowed). */
struct clm_stage clm_cc_stage(struct clm_cc *cc);

#endif
