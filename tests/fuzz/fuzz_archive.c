/* Fuzz the sent archive reader over arbitrary bytes. */
#include <stdint.h>
#include <string.h>

#include "clm_archive.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct clm_error err;
	struct clm_archive *a = clm_archive_load_text((const char *)data,
	    size, "fuzz", &err);
	size_t sum = 0;

	if (a == NULL)
		return 0;
	for (size_t i = 0; i < clm_archive_nclaims(a); i++) {
		const struct clm_archive_claim *c = clm_archive_claim(a, i);

		struct clm_claim rows;

		sum += c->nlines + strlen(c->clm01) + (size_t)c->charge;
		sum += clm_archive_batch(a, c->batch)->h->ncols;
		if (clm_archive_rows(a, i, &rows, &err) == 0) {
			sum += rows.n;
			clm_claim_free(&rows);
		}
	}
	clm_archive_free(a);
	return sum == (size_t)-1;
}
