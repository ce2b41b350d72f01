/* Fuzz the code-set builder's ICD-10-CM order file reader and the index it writes. */
#include <stdint.h>
#include <stdlib.h>

#include "clm_codeset.h"
#include "clm_codeset_build.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct clm_csb *b = clm_csb_new();
	struct clm_error err;
	unsigned char *img;
	size_t len;

	if (clm_csb_add_mem(b, "icd10cm-order", (const char *)data, size, "fuzz",
	    20251001, 20260930, NULL, &err) == 0 &&
	    clm_csb_image(b, &img, &len, &err) == 0) {
		struct clm_codeset *cs = clm_codeset_open_mem(img, len, "fuzz",
		    &err);

		if (cs == NULL)
			abort();	/* the builder wrote a bad index */
		clm_codeset_lookup(cs, CLM_SYS_ICD10CM, "A000", 20260101, NULL);
		clm_codeset_close(cs);
		free(img);
	}
	clm_csb_free(b);
	return 0;
}
