/* Fuzz the trading-partner file parser (clm-emit-837 --partner). */
#include <stdint.h>

#include "clm_partner.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct clm_partner p;
	struct clm_error err;

	clm_partner_defaults(&p);
	clm_partner_load_text(&p, (const char *)data, size, "fuzz", &err);
	return 0;
}
