/*
 * clm_edit_pointers - the diagnosis-pointer edits on records, one
 * function for clm-code-check and clm-emit-837's guard, over the one
 * pointer parser (clm_codes_dxptr_parse).
 */
#ifndef CLM_EDIT_POINTERS_H
#define CLM_EDIT_POINTERS_H

#include "clm_finding.h"
#include "clm_record.h"

/*
 * One line's dx_ptr (r; the diagnoses are the claim's, on r0):
 * DXPTR-MISSING when empty, DXPTR-RANGE when not pointers joined by ':'
 * or when one points at an empty dxN, LIMIT-PTR when more than 4 or one
 * outside 1-12.  Returns the pointers read (n, into ptr[4]), or 0.
 */
int clm_edit_line_pointers(const struct clm_row *r0, const struct clm_row *r,
    const struct clm_header *h, long line, int ptr[4],
    struct clm_findings *f);

#endif
