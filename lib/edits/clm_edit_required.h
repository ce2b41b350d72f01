/*
 * clm_edit_required - the required-fields policy of the 837P
 * (005010X222A1), declared once as a table: each row names a column, the
 * loop and element it fills, and when it is required.  clm-scrub checks
 * it and clm-emit-837's guard asserts it through clm_edit_required, so a
 * claim clm-scrub passes clean is never held back by clm-emit-837 for a
 * missing field.  Pure functions over borrowed rows.
 */
#ifndef CLM_EDIT_REQUIRED_H
#define CLM_EDIT_REQUIRED_H

#include <stddef.h>

#include "clm_finding.h"
#include "clm_record.h"

enum clm_req_when {
	CLM_REQ_ALWAYS,		/* every claim */
	CLM_REQ_SELF,		/* the patient is the subscriber (2010BA) */
	CLM_REQ_DEPENDENT,	/* the patient is not the subscriber */
	CLM_REQ_PAYTO,		/* any payto_* given (2010AB) */
	CLM_REQ_FACILITY,	/* any fac_* given (2310C) */
	CLM_REQ_REFERRING,	/* any ref_* given (2310A) */
	CLM_REQ_RENDERING,	/* rend_npi differs from bill_npi (2310B) */
	CLM_REQ_COB,		/* any oth_* given (2320/2330) */
	CLM_REQ_REPLACEMENT,	/* claim_freq 7 or 8 */
	CLM_REQ_AUTO_ACCIDENT,	/* accident_cause AA */
	CLM_REQ_ACCIDENT,	/* accident_cause AA or OA */
	CLM_REQ_MSP,		/* Medicare Part B, not primary: SBR05 */
	CLM_REQ_OTH_MSP,	/* the same for the other payer (2320) */
	CLM_REQ_NO_CONTACT,	/* the output names no submitter contact */
	CLM_REQ_LINE,		/* every service line */
	CLM_REQ_LINE_DRUG,	/* a line with any ndc* given (2410) */
	CLM_REQ_LINE_COB,	/* a line with any line_oth_* given (2430) */
	CLM_REQ_LINE_COB_PAYER,	/* such a line on a claim without oth_payer_id */
	CLM_REQ_LINE_RENDERING	/* line_rend_npi differs from the claim's */
};

struct clm_required {
	enum clm_column col;
	const char *loop;	/* "2010AA" */
	const char *element;	/* "NM109" */
	enum clm_req_when when;
};

/* The 837P table, in the order findings are reported. */
extern const struct clm_required clm_required_837p[];
extern const size_t clm_required_837p_n;

/* What the output itself adds to the policy (clm-emit-837's partner). */
#define CLM_REQ_OUT_NO_CONTACT 1	/* no submitter phone or email */

/* REQUIRED-MISSING: one finding per required column that is empty (a line
 * column the header lacks is named once, at line 0).  out: CLM_REQ_OUT_*
 * flags (0 for clm-scrub, which does not know the output's partner). */
void clm_edit_required(const struct clm_claim *c, const struct clm_header *h,
    unsigned out, struct clm_findings *f);

#endif
