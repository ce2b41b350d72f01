/* Fuzz the response reader (TA1, 999, 277CA, 835) over arbitrary bytes. */
#include <stdint.h>
#include <string.h>

#include "clm_resp.h"
#include "fuzz_mem.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_mem m = { data, size, 5, 1021 };
	struct clm_resp *r = clm_resp_open(fuzz_mem_read, &m, "fuzz");
	struct clm_resp_item *it;
	struct clm_error err;
	size_t sum = 0;

	while (clm_resp_next(r, &it, &err) > 0) {
		sum += strlen(it->codes) + strlen(it->clm01) + it->nlines;
		sum += (size_t)clm_resp_adj_sum(&it->adj, "");
		for (size_t i = 0; i < it->nlines; i++)
			sum += (size_t)clm_resp_adj_sum(&it->lines[i].adj,
			    "PR") + strlen(it->lines[i].adj.remarks);
	}
	clm_resp_close(r);
	return sum == (size_t)-1;
}
