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

/*
 * The 837P code lists, space-separated, used by clm-normalize (what a
 * repair may write) and clm-emit-837's guard (what an element may hold).
 */
#define CLM_837P_SEX "F M U"			/* DMG03 */
#define CLM_837P_REL "18 01 19 20 21 39 40 53 G8"	/* SBR02, PAT01 */
#define CLM_837P_FREQ "1 7 8"			/* CLM05-3 */
#define CLM_837P_YN "Y N"			/* CLM06 */
#define CLM_837P_YNW "Y N W"			/* CLM08 */
#define CLM_837P_YI "Y I"			/* CLM09 */
#define CLM_837P_ASSIGN "A B C"			/* CLM07 */
#define CLM_837P_PAYER_SEQ "P S T A B C D E F G H U"	/* SBR01 */
#define CLM_837P_UNIT_TYPE "UN MJ"		/* SV103 */
#define CLM_837P_NDC_UNIT "F2 GR ME ML UN"	/* CTP05-1 */
#define CLM_837P_TIN_TYPE "EI SY"		/* REF01 of 2010AA */
#define CLM_837P_ENTITY "1 2"			/* NM102 */
#define CLM_837P_ACCIDENT "AA EM OA"		/* CLM11-1 */
#define CLM_837P_FILING "11 12 13 14 15 16 17 AM BL CH CI DS FI HM LM MA " \
	"MB MC OF TV VA WC ZZ"			/* SBR09 */
#define CLM_837P_MSP_TYPES "12 13 14 15 16 41 42 43 47"	/* SBR05 */
/* N402: USPS states, DC, territories, military, Canadian provinces */
#define CLM_837P_STATES "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA " \
	"KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR " \
	"PA RI SC SD TN TX UT VT VA WA WV WI WY AS GU MP PR VI UM FM MH PW " \
	"AA AE AP AB BC MB NB NL NS NT NU ON PE QC SK YT"

/* The record format has one column per diagnosis and modifier the 837P
 * carries (lib/core/columns.def). */
_Static_assert(CLM_COL_DX12 - CLM_COL_DX1 + 1 == CLM_837P_MAX_DX,
    "columns.def: dx1..dx12");
_Static_assert(CLM_COL_MOD4 - CLM_COL_MOD1 + 1 == CLM_837P_MAX_MODS,
    "columns.def: mod1..mod4");

#endif
