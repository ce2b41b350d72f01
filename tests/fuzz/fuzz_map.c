/* Fuzz the header-map file and practice-profile parsers and lookups. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clm_map.h"
#include "clm_profile.h"
#include "clm_record.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct clm_map *m = clm_map_new();
	struct clm_profile *p = clm_profile_new();
	struct clm_error err;
	enum clm_map_how how;
	const char *rename;
	char *header = malloc(size + 1);

	clm_map_load_text(m, (const char *)data, size, "fuzz", &err);
	clm_profile_load_text(p, m, (const char *)data, size, "fuzz", &err);
	clm_map_lookup(m, "Visit ID");
	clm_map_lookup(m, "");
	/* the input as a header: composition must not overrun */
	memcpy(header, data, size);
	header[size] = '\0';
	clm_map_resolve(m, header, &how, &rename);
	clm_profile_value(p, CLM_COL_FILING_IND, header);
	free(header);
	clm_profile_free(p);
	clm_map_free(m);
	return 0;
}
