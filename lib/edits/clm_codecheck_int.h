/*
 * clm_codecheck_int - state shared by the clm_codecheck source files (the
 * claim driver, the diagnosis checks and the line and provider checks).
 * Not for use outside lib/edits/clm_codecheck*.c.
 */
#ifndef CLM_CODECHECK_INT_H
#define CLM_CODECHECK_INT_H

#include <stdint.h>

#include "clm_837p.h"
#include "clm_codecheck.h"
#include "clm_codes.h"

#define CLM_CC_NDX CLM_837P_MAX_DX
#define CLM_CC_CACHE 1024	/* entries of the valid-span cache, power of 2 */
#define CLM_CC_ATTR_CACHE 8192	/* code+date answers (192 KB), power of 2 */

/* A diagnosis known valid from..to (0 = open): a claim with a date in the
 * span needs no lookup.  Only valid answers are kept; the release named in
 * a message is always looked up afresh. */
struct cc_valid_span {
	char code[CLM_CODES_DX_MAX];
	long from, to;
};

/* A diagnosis's attribute flags and manifestation answer on a date. */
struct cc_attr_answer {
	char code[CLM_CODES_DX_MAX];	/* "" = empty slot */
	int32_t date;
	uint32_t flags;
	int32_t manifest;
};

/* An Excludes1 answer for a pair of codes on a date. */
struct cc_pair_answer {
	char a[CLM_CODES_DX_MAX], b[CLM_CODES_DX_MAX];
	long date;
	int excluded;
};

struct clm_cc {
	struct clm_cc_options opt;
	int has_icd, has_hcpcs, has_cpt, has_mod, has_pos, has_tax;
	int cpt_mods;			/* the index lists numeric modifiers */
	int one_tabular;		/* at most one tabular release */
	long *dates;			/* scratch: a claim's service dates */
	size_t dates_cap;
	struct cc_valid_span cache[CLM_CC_CACHE];
	struct cc_pair_answer pairs[CLM_CC_CACHE];
	struct cc_attr_answer attrs[CLM_CC_ATTR_CACHE];
	const struct clm_header *h;	/* the stage's stream, from start */
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
/* The release checked is a starter list (clm_release_is_starter). */
int clm_cc_from_starter(const struct clm_code_info *info);
/*
 * A malformed value for a message: "'M54-50'" when it looks like a mistyped
 * code (at most 16 code characters with a digit, or at most two), else a
 * neutral phrase: a name that slipped into a code column is never printed.
 */
const char *clm_cc_quote(const char *v, char *buf, size_t size);
long clm_cc_line_no(const struct cc_claim *k, const struct clm_row *r);
/* The state of a diagnosis on date, through the valid-span cache. */
/* clm_cc_attr_flags and clm_cc_attr_manifestation, remembered per code
 * and date (a practice bills few distinct diagnoses). */
unsigned clm_cc_dx_flags(struct clm_cc *cc, const char *code, long date);
int clm_cc_dx_manifestation(struct clm_cc *cc, const char *code, long date);
enum clm_code_state clm_cc_dx_state(struct clm_cc *cc, const char *code,
    long date, struct clm_code_info *info);
/* Excludes1 between a and b on date, through a cache of answers. */
int clm_cc_excludes1(struct clm_cc *cc, const char *a, const char *b,
    long date);
void clm_cc_check_dx(struct cc_claim *k);
void clm_cc_check_claim_codes(struct cc_claim *k);
void clm_cc_check_line(struct cc_claim *k, const struct clm_row *r);

#endif
