/*
 * clm_837p_form - what each column's 837P element may hold, from its FORM,
 * MIN, MAX and CODES in lib/core/columns.def: the one home of the
 * X12-FORMAT rule (clm-emit-837's guard calls it before writing) and of the
 * column-to-element map.  No state, nothing allocated.
 */
#ifndef CLM_837P_FORM_H
#define CLM_837P_FORM_H

#include <stddef.h>

#include "clm_record.h"

enum clm_837p_form {
	CLM_837P_FORM_NONE,	/* no element format of its own */
	CLM_837P_FORM_TEXT,	/* MIN..MAX characters */
	CLM_837P_FORM_DIGITS,	/* MIN..MAX digits */
	CLM_837P_FORM_ALNUM,	/* MIN..MAX upper-case letters and digits */
	CLM_837P_FORM_ZIP,	/* 5 or 9 digits */
	CLM_837P_FORM_STATE,	/* a code of CLM_837P_STATES */
	CLM_837P_FORM_DATE,	/* a real CCYYMMDD (DATE-INVALID says it) */
	CLM_837P_FORM_AMOUNT,	/* at most 2 decimals */
	CLM_837P_FORM_QTY,	/* a positive decimal, at most 15 characters */
	CLM_837P_FORM_CODE	/* one of CODES */
};

enum clm_837p_form clm_837p_form(enum clm_column col);
/* The 837P loop and element col is written to ("2300 CLM01"), or "". */
const char *clm_837p_element(enum clm_column col);
/* Non-zero when the non-empty value v fits col's element. */
int clm_837p_form_fits(enum clm_column col, const char *v);
/* What col's element holds, for a message ("10 digits", "one of Y N"). */
void clm_837p_form_describe(enum clm_column col, char *buf, size_t size);

#endif
