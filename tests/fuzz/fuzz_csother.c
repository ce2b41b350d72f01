/*
 * Fuzz the builder's other readers: the first byte picks the kind (MUE,
 * PTP, MCE, NUCC taxonomy, POS XML, a hand-written list, a manifest-free
 * CPT list), the rest is the source; then the index is written and read.
 */
#include <stdint.h>
#include <stdlib.h>

#include "clm_codeset.h"
#include "clm_codeset_build.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const kinds[] = { "mue", "ptp", "mce", "taxonomy",
		"pos", "icd10cm-list", "cpt-list", "hcpcs-list" };
	struct clm_csb *b;
	struct clm_error err;
	unsigned char *img;
	size_t len;

	if (size == 0)
		return 0;
	b = clm_csb_new();
	if (clm_csb_add_mem(b, kinds[data[0] % 8], (const char *)data + 1,
	    size - 1, "fuzz", 20200101, 0, NULL, &err) == 0 &&
	    clm_csb_image(b, &img, &len, &err) == 0) {
		struct clm_codeset *cs = clm_codeset_open_mem(img, len, "fuzz",
		    &err);
		struct clm_mue m;
		struct clm_ptp p;

		if (cs == NULL)
			abort();
		clm_codeset_mue(cs, "97110", 20261127, &m);
		clm_codeset_ptp(cs, "97140", "97530", 20261127, &p);
		clm_codeset_icd_attr(cs, "O80", 20261127, NULL);
		clm_codeset_lookup(cs, CLM_SYS_POS, "11", 20261127, NULL);
		clm_codeset_close(cs);
		free(img);
	}
	clm_csb_free(b);
	return 0;
}
