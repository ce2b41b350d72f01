/* Fuzz the code-set builder's ICD-10-CM tabular XML reader and the index
 * it writes. */
#include <stdint.h>

#include "fuzz_csb.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_csb_source("icd10cm-tabular", data, size, NULL, NULL,
	    "A000", 20260101);
}
