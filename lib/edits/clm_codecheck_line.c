/* clm_codecheck: procedures, modifiers, place of service, NPIs, taxonomy
 * and diagnosis pointers. */
#include <stdio.h>
#include <string.h>

#include "clm_edit_pointers.h"
#include "clm_codecheck_int.h"

static void
check_npi(struct cc_claim *k, long line, const char *v, enum clm_column col)
{
	char q[64];
	const char *name = clm_column_name(col);

	switch (clm_codes_npi_check(v)) {
	case CLM_NPI_BAD_FORMAT:
		clm_finding_add(k->f, CLM_EDIT_NPI_FORMAT, line, name, "%s %s "
		    "is not an NPI: ten digits starting with 1 or 2", name,
		    clm_cc_quote(v, q, sizeof(q)));
		break;
	case CLM_NPI_BAD_CHECK:
		clm_finding_add(k->f, CLM_EDIT_NPI_CHECKDIGIT, line, name, "%s %s"
		    " fails the NPI check digit (Luhn with prefix 80840; %.9s "
		    "calls for %d): a digit is mistyped", name, v, v,
		    clm_codes_npi_check_digit(v));
		break;
	default:
		break;
	}
}

static void
check_taxonomy(struct cc_claim *k, const char *v, enum clm_column col)
{
	char q[64];
	const char *name = clm_column_name(col);
	struct clm_code_info info;
	char rel[64];

	if (!clm_codes_taxonomy_ok(v)) {
		clm_finding_add(k->f, CLM_EDIT_TAXONOMY_UNKNOWN, 0, name, "%s "
		    "%s is not shaped like a NUCC taxonomy code (ten letters or"
		    " digits ending in X)", name, clm_cc_quote(v, q, sizeof(q)));
		return;
	}
	if (k->cs == NULL || !k->cc->has_tax)
		return;
	memset(&info, 0, sizeof(info));
	if (clm_codeset_lookup(k->cs, CLM_SYS_TAXONOMY, v,
	    k->ndates ? k->dates[0] : 0, &info) == CLM_CODE_VALID)
		return;
	clm_finding_add(k->f, CLM_EDIT_TAXONOMY_UNKNOWN, 0, name, "%s %s is "
	    "not in the NUCC taxonomy code set%s", name, v,
	    clm_cc_release(&info, rel, sizeof(rel)));
}

static void
check_pos(struct cc_claim *k, long line, const char *v, enum clm_column col,
    long date)
{
	char q[64];
	const char *name = clm_column_name(col);
	struct clm_code_info info;
	char rel[64];

	if (!clm_codes_pos_ok(v)) {
		clm_finding_add(k->f, CLM_EDIT_POS_UNKNOWN, line, name, "%s %s "
		    "is not a place of service code (two digits)", name,
		    clm_cc_quote(v, q, sizeof(q)));
		return;
	}
	if (k->cs == NULL || !k->cc->has_pos)
		return;
	memset(&info, 0, sizeof(info));
	if (clm_codeset_lookup(k->cs, CLM_SYS_POS, v, date, &info) ==
	    CLM_CODE_VALID)
		return;
	clm_finding_add(k->f, CLM_EDIT_POS_UNKNOWN, line, name, "%s %s is not"
	    " in the CMS place of service list%s", name, v,
	    clm_cc_release(&info, rel, sizeof(rel)));
}

static const enum clm_column claim_npis[] = {
	CLM_COL_BILL_NPI, CLM_COL_REF_NPI, CLM_COL_REND_NPI, CLM_COL_FAC_NPI
};

void
clm_cc_check_claim_codes(struct cc_claim *k)
{
	const char *v;

	for (size_t i = 0; i < sizeof(claim_npis) / sizeof(claim_npis[0]);
	    i++) {
		v = clm_row_get(k->r0, k->h, claim_npis[i]);
		if (v[0] != '\0')
			check_npi(k, 0, v, claim_npis[i]);
	}
	v = clm_row_get(k->r0, k->h, CLM_COL_BILL_TAXONOMY);
	if (v[0] != '\0')
		check_taxonomy(k, v, CLM_COL_BILL_TAXONOMY);
	v = clm_row_get(k->r0, k->h, CLM_COL_REND_TAXONOMY);
	if (v[0] != '\0')
		check_taxonomy(k, v, CLM_COL_REND_TAXONOMY);
	v = clm_row_get(k->r0, k->h, CLM_COL_POS);
	if (v[0] != '\0')
		check_pos(k, 0, v, CLM_COL_POS, k->ndates ? k->dates[0] : 0);
}

static void
report_proc(struct cc_claim *k, long line, const char *proc, long date,
    enum clm_code_state st, const struct clm_code_info *info)
{
	char rel[64], d[16], span[16];

	clm_codes_date_display(date, d, sizeof(d));
	clm_cc_release(info, rel, sizeof(rel));
	if (st == CLM_CODE_UNKNOWN && clm_cc_from_starter(info)) {
		clm_finding_add(k->f, CLM_EDIT_PROC_UNKNOWN, line, "proc", "proc"
		    " %s is not in the loaded index (starter set: %s): check the"
		    " code; the starter set holds common codes only, build the "
		    "official index with scripts/fetch-codesets", proc,
		    info->release);
	} else if (st == CLM_CODE_UNKNOWN) {
		clm_finding_add(k->f, CLM_EDIT_PROC_UNKNOWN, line, "proc", "proc"
		    " %s is not a code in any release%s%s%s: check the code",
		    proc, rel[0] ? " (checked " : "", rel[0] ? info->release :
		    "", rel[0] ? ")" : "");
	} else if (info->valid_from > date) {
		clm_codes_date_display(info->valid_from, span, sizeof(span));
		clm_finding_add(k->f, CLM_EDIT_PROC_NOT_EFFECTIVE, line, "proc",
		    "proc %s is not yet valid on %s%s: in force from %s", proc,
		    d, rel, span);
	} else {
		clm_codes_date_display(info->valid_to, span, sizeof(span));
		clm_finding_add(k->f, CLM_EDIT_PROC_NOT_EFFECTIVE, line, "proc",
		    "proc %s is no longer valid on %s%s: valid until %s", proc,
		    d, rel, info->valid_to > 0 ? span : "an earlier release");
	}
}

static void
check_proc(struct cc_claim *k, long line, const char *proc, long date)
{
	char q[64];
	enum clm_codes_proc_kind kind = clm_codes_proc_kind(proc);
	enum clm_code_system sys = kind == CLM_PROC_CPT ? CLM_SYS_CPT :
	    CLM_SYS_HCPCS;
	struct clm_code_info info;
	enum clm_code_state st;

	if (kind == CLM_PROC_BAD) {
		clm_finding_add(k->f, CLM_EDIT_PROC_FORMAT, line, "proc", "proc"
		    " %s is neither a CPT code (five digits, or four digits and"
		    " F, T or U) nor a HCPCS Level II code (a letter A-V and "
		    "four digits)", clm_cc_quote(proc, q, sizeof(q)));
		return;
	}
	if (k->cs == NULL || date == 0 || (kind == CLM_PROC_CPT ?
	    !k->cc->has_cpt : !k->cc->has_hcpcs))
		return;
	memset(&info, 0, sizeof(info));
	st = clm_codeset_lookup(k->cs, sys, proc, date, &info);
	if (st != CLM_CODE_VALID && st != CLM_CODE_HEADER)
		report_proc(k, line, proc, date, st, &info);
}

static void
check_modifier(struct cc_claim *k, long line, const char *mod, int n,
    long date)
{
	char q[64];
	const char *name = clm_column_name(CLM_COL_MOD(n));
	struct clm_code_info info;
	enum clm_code_state st;
	char rel[64], d[16], span[16];
	int numeric = mod[0] >= '0' && mod[0] <= '9';

	if (!clm_codes_modifier_ok(mod)) {
		clm_finding_add(k->f, CLM_EDIT_MOD_UNKNOWN, line, name, "%s %s "
		    "is not a modifier (two letters or digits)", name,
		    clm_cc_quote(mod, q, sizeof(q)));
		return;
	}
	if (k->cs == NULL || date == 0 || !k->cc->has_mod ||
	    (numeric && !k->cc->cpt_mods))
		return;
	memset(&info, 0, sizeof(info));
	st = clm_codeset_lookup(k->cs, CLM_SYS_MODIFIER, mod, date, &info);
	if (st == CLM_CODE_VALID)
		return;
	clm_codes_date_display(date, d, sizeof(d));
	clm_cc_release(&info, rel, sizeof(rel));
	if (st == CLM_CODE_NOT_EFFECTIVE && info.valid_to > 0 &&
	    info.valid_to < date) {
		clm_codes_date_display(info.valid_to, span, sizeof(span));
		clm_finding_add(k->f, CLM_EDIT_MOD_UNKNOWN, line, name, "%s %s "
		    "is no longer valid on %s%s: it ended %s", name, mod, d,
		    rel, span);
	} else if (st == CLM_CODE_NOT_EFFECTIVE) {
		clm_finding_add(k->f, CLM_EDIT_MOD_UNKNOWN, line, name, "%s %s "
		    "is not valid on %s%s", name, mod, d, rel);
	} else {
		clm_finding_add(k->f, CLM_EDIT_MOD_UNKNOWN, line, name, "%s %s "
		    "is not a modifier in any list%s", name, mod, rel);
	}
}

/* The pointer edits are clm_edit_pointers' (shared with clm-emit-837);
 * the external-cause one needs the code set. */
static void
check_pointers(struct cc_claim *k, long line, const struct clm_row *r)
{
	int ptr[4];
	int n = clm_edit_line_pointers(k->r0, r, k->h, line, ptr, k->f);

	if (n > 0 && k->dxst[ptr[0] - 1] == CC_DX_OK &&
	    clm_codes_dx_is_external(k->dx[ptr[0] - 1]))
		clm_finding_add(k->f, CLM_EDIT_DXPTR_EXTERNAL, line, "dx_ptr",
		    "the line's first pointer names dx%d %s, an external-cause"
		    " code, which is never a primary diagnosis: point first at"
		    " the injury or condition", ptr[0], k->shown[ptr[0] - 1]);
}

void
clm_cc_check_line(struct cc_claim *k, const struct clm_row *r)
{
	long line = clm_cc_line_no(k, r);
	long date = clm_codes_date_any(clm_row_get(r, k->h, CLM_COL_DOS_FROM));
	const char *v;

	if (date == 0)
		date = k->ndates ? k->dates[0] : 0;
	v = clm_row_get(r, k->h, CLM_COL_PROC);
	if (v[0] != '\0')
		check_proc(k, line, v, date);
	for (int m = 1; m <= 4; m++) {
		v = clm_row_get(r, k->h, CLM_COL_MOD(m));
		if (v[0] != '\0')
			check_modifier(k, line, v, m, date);
	}
	v = clm_row_get(r, k->h, CLM_COL_LINE_POS);
	if (v[0] != '\0')
		check_pos(k, line, v, CLM_COL_LINE_POS, date);
	v = clm_row_get(r, k->h, CLM_COL_LINE_REND_NPI);
	if (v[0] != '\0')
		check_npi(k, line, v, CLM_COL_LINE_REND_NPI);
	check_pointers(k, line, r);
}
