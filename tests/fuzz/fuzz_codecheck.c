/* Fuzz clm-code-check's claim checks (and the code-shape functions they
 * use) over arbitrary records, without an index. */
#include <stdint.h>
#include <string.h>

#include "clm_codecheck.h"
#include "clm_codes.h"
#include "clm_csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct mem {
	const uint8_t *p;
	size_t left;
};

static long
mem_read(void *ctx, void *buf, size_t size, struct clm_error *err)
{
	struct mem *m = ctx;
	size_t n = size < m->left ? size : m->left;

	(void)err;
	memcpy(buf, m->p, n);
	m->p += n;
	m->left -= n;
	return (long)n;
}

static void
check_claims(struct clm_csv *csv, struct clm_header *h)
{
	struct clm_cc_options opt = { NULL, 1, 1, 20261127 };
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
	struct mem m = { data, size };
	struct clm_csv *csv = clm_csv_open_fn(mem_read, &m, "fuzz", ',');
	struct clm_header *h = clm_header_new();
	struct clm_row *row = clm_row_new();
	struct clm_error err;

	if (clm_csv_next(csv, row, &err) > 0) {
		for (size_t i = 0; i < row->n; i++)
			if (clm_header_find(h, clm_row_value(row, i)) < 0)
				clm_header_add(h, clm_row_value(row, i));
		clm_header_ensure(h, CLM_COL_STATUS);
		clm_header_ensure(h, CLM_COL_EDITS);
		check_claims(csv, h);
	}
	clm_row_free(row);
	clm_header_free(h);
	clm_csv_close(csv);
	return 0;
}
