/* Fuzz the duplicate-history reader. */
#include <stdint.h>

#include "clm_history.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct clm_error err;
	struct clm_history *hist = clm_history_load_text((const char *)data,
	    size, "fuzz", &err);

	clm_history_contains(hist, 1, NULL);
	clm_history_free(hist);
	return 0;
}
