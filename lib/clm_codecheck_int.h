/*
 * clm_codecheck_int - state shared by the clm_codecheck source files (the
 * claim driver, the diagnosis checks and the line and provider checks).
 * Not for use outside lib/clm_codecheck*.c.
 */
#ifndef CLM_CODECHECK_INT_H
#define CLM_CODECHECK_INT_H

#include "clm_codecheck.h"
#include "clm_codes.h"

#define CLM_CC_NDX 12

struct clm_cc {
	struct clm_cc_options opt;
	int has_icd, has_hcpcs, has_cpt, has_mod, has_pos, has_tax;
	int cpt_mods;			/* the index lists numeric modifiers */
	long *dates;			/* scratch: a claim's service dates */
	size_t dates_cap;
};

enum cc_dx_state {
	CC_DX_EMPTY = 0,
	CC_DX_OK,			/* well formed, checked */
	CC_DX_BAD,			/* not shaped like a code */
	CC_DX_DUP			/* repeats an earlier column */
};

/* One claim being checked. */
struct cc_claim {
	struct clm_cc *cc;
	const struct clm_codeset *cs;
	const struct clm_claim *c;
	const struct clm_header *h;
	struct clm_findings *f;
	const struct clm_row *r0;	/* claim-level values */
	const long *dates;		/* distinct service dates, ascending */
	size_t ndates;
	long dob;			/* patient birth date, 0 unknown */
	int sex;			/* 'F', 'M' or 0 */
	char dx[CLM_CC_NDX][CLM_CODES_DX_MAX];	/* stored form */
	char shown[CLM_CC_NDX][16];	/* display form, with the dot */
	enum cc_dx_state dxst[CLM_CC_NDX];
};

/* " (ICD-10-CM FY2027)" or "" into buf. */
const char *clm_cc_release(const struct clm_code_info *info, char *buf,
    size_t size);
long clm_cc_line_no(const struct cc_claim *k, const struct clm_row *r);
void clm_cc_check_dx(struct cc_claim *k);
void clm_cc_check_claim_codes(struct cc_claim *k);
void clm_cc_check_line(struct cc_claim *k, const struct clm_row *r);

#endif
