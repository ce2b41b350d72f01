/* Fuzz the X12 tokenizer and the 837P reader over arbitrary bytes. */
#include <stdint.h>
#include <string.h>

#include "clm_x12in.h"
#include "fuzz_mem.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_mem m = { data, size, 5, 1021 };
	struct clm_x12in *x = clm_x12in_open(fuzz_mem_read, &m, "fuzz");
	struct clm_x12in_claim *c;
	struct clm_error err;
	size_t sum = 0;

	while (clm_x12in_next(x, &c, &err) > 0) {
		for (size_t r = 0; r < clm_x12in_claim_rows(c); r++)
			for (int col = 0; col < CLM_COL_COUNT; col++) {
				size_t len;
				const char *v = clm_x12in_claim_value(c, r,
				    (enum clm_column)col, &len);

				sum += len + (size_t)(len ? v[len - 1] : 0);
			}
		sum += clm_x12in_claim_findings(c)->n;
	}
	clm_x12in_close(x);
	return sum == (size_t)-1;
}
