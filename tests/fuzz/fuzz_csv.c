/* Fuzz the CSV row reader and claim grouping over arbitrary bytes. */
#include <stdint.h>
#include <string.h>

#include "clm_csv.h"
#include "clm_record.h"
#include "fuzz_mem.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_mem m = { data, size, 7, 4093 };
	struct clm_csv *csv = clm_csv_open_fn(fuzz_mem_read, &m, "fuzz",
	    size > 0 && data[0] == '\t' ? '\t' : ',');
	struct clm_header *h = clm_header_new();
	struct clm_row *row = clm_row_new();
	struct clm_grouper g;
	struct clm_claim c;
	struct clm_error err;

	if (clm_csv_next(csv, row, &err) > 0)
		for (size_t i = 0; i < row->n; i++)
			clm_header_add(h, clm_row_value(row, i));
	clm_grouper_init(&g, clm_csv_source, csv, h, "fuzz");
	clm_claim_init(&c);
	while (clm_grouper_next(&g, &c, &err) > 0)
		;
	clm_claim_free(&c);
	clm_grouper_release(&g);
	clm_row_free(row);
	clm_header_free(h);
	clm_csv_close(csv);
	return 0;
}
