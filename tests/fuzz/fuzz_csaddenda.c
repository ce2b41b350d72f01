/* Fuzz the ICD-10-CM order addenda reader, applied to a fixed base. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clm_codeset.h"
#include "clm_codeset_build.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char base[] =
    "00001 A000    1 Cholera                                                      Cholera\r\n"
    "00002 M722    1 Plantar fascial fibromatosis                                 Plantar\r\n";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct clm_csb *b = clm_csb_new();
	struct clm_error err;
	unsigned char *img;
	size_t len;

	if (clm_csb_add_mem(b, "icd10cm-order", base, strlen(base), "base",
	    20251001, 20260930, NULL, &err) != 0)
		abort();
	if (clm_csb_add_mem(b, "icd10cm-addenda", (const char *)data, size,
	    "fuzz", 20261001, 20270930, NULL, &err) == 0 &&
	    clm_csb_image(b, &img, &len, &err) == 0) {
		struct clm_codeset *cs = clm_codeset_open_mem(img, len, "fuzz",
		    &err);

		if (cs == NULL)
			abort();
		clm_codeset_lookup(cs, CLM_SYS_ICD10CM, "M722", 20261001, NULL);
		clm_codeset_close(cs);
		free(img);
	}
	clm_csb_free(b);
	return 0;
}
