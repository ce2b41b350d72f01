/*
 * clm_edit_dates - the date edits on records (CCYYMMDD), one function
 * each, called by every tool that applies them (clm-scrub, clm-emit-837's
 * guard).  The validity window is clm_date's, the one for every tool.
 * Dates are patient data: messages name columns, never values.
 */
#ifndef CLM_EDIT_DATES_H
#define CLM_EDIT_DATES_H

#include "clm_finding.h"
#include "clm_record.h"

/* DATE-INVALID: every non-empty date column (onset, accident, birth,
 * payment, service dates) that is not a valid CCYYMMDD in the window. */
void clm_edit_dates_valid(const struct clm_claim *c,
    const struct clm_header *h, struct clm_findings *f);

/* DATE-RANGE: a line whose dos_to is before its dos_from (both valid). */
void clm_edit_date_range(const struct clm_claim *c,
    const struct clm_header *h, struct clm_findings *f);

/* The service line number of a row (its line_no), 0 when it has none. */
long clm_edit_line_no(const struct clm_row *row, const struct clm_header *h);

#endif
