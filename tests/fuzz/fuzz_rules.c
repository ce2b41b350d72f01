/* Fuzz the payer rule parser, then run what parsed on a small claim. */
#include <stdint.h>
#include <string.h>

#include "clm_rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
run_on_claim(struct clm_rules *r)
{
	static const char *const cols[] = { "claim_id", "payer_id",
	    "filing_ind", "line_no", "dos_from", "proc", "mod1", "units",
	    "dx1" };
	static const char *const vals[] = { "C1", "P1", "MB", "1", "20250101",
	    "97110", "GP", "2", "M545" };
	struct clm_header *h = clm_header_new();
	struct clm_row *row = clm_row_new();
	struct clm_claim c;
	struct clm_findings f;

	for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++) {
		clm_header_add(h, cols[i]);
		clm_row_push(row, vals[i], strlen(vals[i]));
	}
	clm_claim_init(&c);
	clm_claim_append(&c, row);
	clm_findings_init(&f);
	clm_rules_bind(r, h);
	clm_rules_check(r, &c, h, 20261127, &f);
	clm_findings_free(&f);
	clm_claim_free(&c);
	clm_header_free(h);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct clm_rules *r = clm_rules_new();
	struct clm_error err;

	if (clm_rules_load_text(r, (const char *)data, size, "fuzz", &err) == 0)
		run_on_claim(r);
	clm_rules_free(r);
	return 0;
}
