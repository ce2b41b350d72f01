/* Fuzz clm-code-check's claim checks (and the code-shape functions they
 * use) over arbitrary records: without an index, then with a small one
 * built in memory (headers, 7th characters, dated codes, modifiers). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clm_codecheck.h"
#include "clm_codeset_build.h"
#include "clm_codes.h"
#include "clm_csv.h"
#include "fuzz_mem.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char icd[] =
    "M54\t0\tDorsalgia\nM54.5\t0\tLow back pain\n"
    "M54.50\t1\tLow back pain, unspecified\n"
    "M72.2\t1\tPlantar fibromatosis\t20151001\t20260930\n"
    "M72.2\t0\tPlantar fibromatosis\t20261001\n"
    "M72.20\t1\tUnspecified foot\t20261001\n"
    "S52.501\t0\tFracture\nS52.501A\t1\tInitial\nS52.501D\t1\tLater\n"
    "T78.40\t0\tAllergy\nT78.40XA\t1\tInitial\n"
    "W19.XXXA\t1\tFall\nO80\t1\tDelivery\nN40.0\t1\tBPH\n";
static const char mods[] = "25\t1\tE/M\nGP\t1\tPT\nGT\t1\tTele\t19990101\t20171231\n";
static const char hcpcs[] = "G0283\t1\tE-stim\nG0129\t1\tOld\t20000101\t20251231\n";
static const char pos[] = "11\t1\tOffice\n12\t1\tHome\n";

/* The in-memory index, built on the first call and kept. */
static struct clm_codeset *
test_index(void)
{
	static struct clm_codeset *cs;
	struct clm_csb *b;
	struct clm_error err;
	unsigned char *img = NULL;
	size_t len = 0;

	if (cs != NULL)
		return cs;
	b = clm_csb_new();
	if (clm_csb_add_mem(b, "icd10cm-list", icd, sizeof(icd) - 1, "icd",
	    20151001, 0, "ICD-10-CM test", &err) < 0 ||
	    clm_csb_add_mem(b, "modifier-list", mods, sizeof(mods) - 1, "mod",
	    19990101, 0, "modifiers", &err) < 0 ||
	    clm_csb_add_mem(b, "hcpcs-list", hcpcs, sizeof(hcpcs) - 1, "hcpcs",
	    20000101, 0, "HCPCS test", &err) < 0 ||
	    clm_csb_add_mem(b, "pos-list", pos, sizeof(pos) - 1, "pos",
	    19000101, 0, "POS", &err) < 0 ||
	    clm_csb_image(b, &img, &len, &err) < 0)
		__builtin_trap();
	cs = clm_codeset_open_mem(img, len, "fuzz", &err);
	free(img);
	clm_csb_free(b);
	if (cs == NULL)
		__builtin_trap();
	return cs;
}

static void
check_claims(struct clm_csv *csv, struct clm_header *h,
    const struct clm_codeset *cs)
{
	struct clm_cc_options opt = { cs, 1, 1, 20261127 };
	struct clm_cc *cc = clm_cc_new(&opt);
	struct clm_grouper g;
	struct clm_claim c;
	struct clm_findings f;
	struct clm_error err;

	clm_grouper_init(&g, clm_csv_source, csv, h, "fuzz");
	clm_claim_init(&c);
	clm_findings_init(&f);
	while (clm_grouper_next(&g, &c, &err) > 0) {
		clm_findings_clear(&f);
		clm_cc_check(cc, &c, h, &f);
		clm_claim_apply(&c, h, &f, 0);
	}
	clm_findings_free(&f);
	clm_claim_free(&c);
	clm_grouper_release(&g);
	clm_cc_free(cc);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* the first byte's low bit picks the index: none or the test one */
	const struct clm_codeset *cs = size > 0 && (data[0] & 1) ?
	    test_index() : NULL;
	struct fuzz_mem m = { data, size, 0, 0 };
	struct clm_csv *csv = clm_csv_open_fn(fuzz_mem_read, &m, "fuzz", ',');
	struct clm_header *h = clm_header_new();
	struct clm_row *row = clm_row_new();
	struct clm_error err;

	if (clm_csv_next(csv, row, &err) > 0) {
		for (size_t i = 0; i < row->n; i++)
			if (clm_header_find(h, clm_row_value(row, i)) < 0)
				clm_header_add(h, clm_row_value(row, i));
		clm_header_ensure(h, CLM_COL_STATUS);
		clm_header_ensure(h, CLM_COL_EDITS);
		check_claims(csv, h, cs);
	}
	clm_row_free(row);
	clm_header_free(h);
	clm_csv_close(csv);
	return 0;
}
