/* Fuzz the header-map file parser and lookups. */
#include <stdint.h>

#include "clm_map.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct clm_map *m = clm_map_new();
	struct clm_error err;

	clm_map_load_text(m, (const char *)data, size, "fuzz", &err);
	clm_map_lookup(m, "Visit ID");
	clm_map_lookup(m, "");
	clm_map_free(m);
	return 0;
}
