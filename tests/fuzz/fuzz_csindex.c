/* Fuzz the index loader: any bytes, then every kind of lookup. */
#include <stdint.h>

#include "clm_codeset.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct clm_error err;
	struct clm_codeset *cs = clm_codeset_open_mem(data, size, "fuzz", &err);
	struct clm_code_info ci;
	struct clm_icd_7th sv;
	struct clm_excludes1 ex;
	struct clm_release r;
	struct clm_ptp p;
	struct clm_mue m;
	const char *kids[4];

	if (cs == NULL)
		return 0;
	clm_codeset_verify(cs, &err);
	for (int sys = CLM_SYS_ICD10CM; sys <= CLM_SYS_TAXONOMY; sys++) {
		clm_codeset_lookup(cs, (enum clm_code_system)sys, "M545",
		    20261127, &ci);
		clm_codeset_billable_below(cs, (enum clm_code_system)sys, "M",
		    20261127, kids, 4);
		clm_codeset_has(cs, (enum clm_code_system)sys);
	}
	if (clm_codeset_icd_7th(cs, "S52501A", 20261127, &sv))
		clm_codeset_icd_7th_desc(cs, &sv, 'A');
	clm_codeset_excludes1(cs, "F329", "F331", 20261127, &ex);
	clm_codeset_icd_attr(cs, "F0280", 20261127, NULL);
	clm_codeset_ptp(cs, "97140", "97530", 20261127, &p);
	clm_codeset_mue(cs, "97110", 20261127, &m);
	clm_codeset_hcpcs_action(cs, "G0283", 20261127, NULL);
	for (size_t i = 0; clm_codeset_release(cs, i, &r); i++)
		;
	clm_codeset_close(cs);
	return 0;
}
