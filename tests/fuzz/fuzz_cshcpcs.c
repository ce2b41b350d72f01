/* Fuzz the code-set builder's HCPCS Level II fixed-width file reader and
 * the index it writes. */
#include <stdint.h>

#include "fuzz_csb.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_csb_source("hcpcs", data, size, NULL, NULL, "A000",
	    20260101);
}
