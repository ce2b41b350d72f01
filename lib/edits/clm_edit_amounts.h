/*
 * clm_edit_amounts - the amount edits, in exact cents (clm_money), one
 * function each: clm-scrub and clm-emit-837's guard call the same ones.
 */
#ifndef CLM_EDIT_AMOUNTS_H
#define CLM_EDIT_AMOUNTS_H

#include "clm_finding.h"
#include "clm_record.h"

/* TOTAL-MISMATCH: total_charge, when given, differs from the sum of the
 * line charges (not judged when a charge is not an amount). */
void clm_edit_total(const struct clm_claim *c, const struct clm_header *h,
    struct clm_findings *f);
/* The verdicts of UNITS-ZERO and CHARGE-ZERO on one value: a number of
 * units, or an amount, that is zero or negative. */
int clm_edit_units_zero(const char *units);
int clm_edit_charge_zero(const char *charge);
/* UNITS-ZERO and CHARGE-ZERO: a line bills no units or no money. */
void clm_edit_line_amounts(const struct clm_claim *c,
    const struct clm_header *h, struct clm_findings *f);

#endif
