/*
 * clm_837p - the limits of the 837P (005010X222A1) a claim must fit, named
 * once: the X12 reader, the writer, clm-emit-837's guard, the code checks,
 * the normalizers and the header map use these, never bare numbers.
 */
#ifndef CLM_837P_H
#define CLM_837P_H

#include "clm_record.h"

#define CLM_837P_MAX_DX 12	/* diagnoses per claim: HI01 to HI12 */
#define CLM_837P_MAX_LINES 50	/* service lines per claim: 2400 repeat */
#define CLM_837P_MAX_MODS 4	/* modifiers per line: SV101-3 to -6 */
#define CLM_837P_MAX_PTRS 4	/* diagnosis pointers per line: SV107 */

/* The record format has one column per diagnosis and modifier the 837P
 * carries (lib/core/columns.def). */
_Static_assert(CLM_COL_DX12 - CLM_COL_DX1 + 1 == CLM_837P_MAX_DX,
    "columns.def: dx1..dx12");
_Static_assert(CLM_COL_MOD4 - CLM_COL_MOD1 + 1 == CLM_837P_MAX_MODS,
    "columns.def: mod1..mod4");

#endif
