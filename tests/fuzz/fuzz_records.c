/*
 * Fuzz the shared record reader the way every record-reading tool runs it:
 * the runtime's (cmd/common/clm_tool.c, compiled in) header check, claim
 * grouping, ragged-row and conflict checks, the relocation of extra values,
 * clm_claim_apply and the record writer (to an uncommitted temporary, so
 * nothing is kept).  The first byte picks the variant: bit 0 strict, bit 1
 * CLAIM-CONFLICT checks, bit 2 the same bytes read again as a second input
 * (the header comparison), bit 3 a finding on every claim.  stdio's stderr
 * discards (the sanitizers still write to file descriptor 2).
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "../../cmd/common/clm_tool.c"
#include "fuzz_mem.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int flag_claims;

static int
fuzz_claim(struct clm_tool *t, struct clm_claim *c, struct clm_findings *f)
{
	(void)t;
	if (flag_claims && c->n > 0)
		clm_finding_add(f, CLM_EDIT_ROW_RAGGED, 1, "", "fuzz");
	return CLM_TOOL_WRITE;
}

static ssize_t
discard(void *c, const char *buf, size_t n)
{
	(void)c;
	(void)buf;
	return (ssize_t)n;
}

static char outdir[] = "/tmp/clm-fuzz-records.XXXXXX";

static void
cleanup(void)
{
	rmdir(outdir);
}

static void
setup(void)
{
	static int done;
	cookie_io_functions_t io = { NULL, discard, NULL, NULL };
	FILE *fp;

	if (done++)
		return;
	fp = fopencookie(NULL, "w", io);
	if (fp != NULL)
		stderr = fp;
	if (mkdtemp(outdir) == NULL)
		abort();
	atexit(cleanup);
}

static int
one_input(struct clm_tool *t, const uint8_t *data, size_t size)
{
	struct fuzz_mem m = { data, size, 3, 2039 };
	struct record_source *rs = clm_xcalloc(1, sizeof(*rs));
	struct clm_tool_source s;
	struct clm_error err;
	int rc;

	clm_error_clear(&err);
	rs->csv = clm_csv_open_fn(fuzz_mem_read, &m, "fuzz", ',');
	rs->h = clm_header_new();
	if (read_header(rs, "fuzz", &err) < 0) {
		close_record_source(rs);
		return -1;
	}
	memset(&s, 0, sizeof(s));
	s.next = record_next;
	s.src = rs;
	s.h = rs->h;
	s.close = close_record_source;
	s.name = "fuzz";
	rc = adopt_header(t, &s, "fuzz", &err);
	if (rc >= 0)
		rc = run_source(t, &s, "fuzz", &err);
	s.close(s.src);
	return rc;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct clm_tool_spec specs[2] = {
		{ .name = "fuzz", .claim = fuzz_claim },
		{ .name = "fuzz", .claim = fuzz_claim, .check_conflicts = 1 },
	};
	struct clm_tool t;
	struct clm_error err;
	char path[sizeof(outdir) + 16];

	if (size < 1)
		return 0;
	setup();
	memset(&t, 0, sizeof(t));
	t.spec = &specs[(data[0] >> 1) & 1];
	t.strict = data[0] & 1;
	flag_claims = (data[0] >> 3) & 1;
	snprintf(path, sizeof(path), "%s/out.csv", outdir);
	t.out = clm_out_open(path, &err);
	if (t.out == NULL)
		abort();
	if (one_input(&t, data + 1, size - 1) >= 0 && (data[0] & 4))
		one_input(&t, data + 1, size - 1);
	clm_out_close(t.out);	/* never committed: the temporary goes */
	clm_header_free(t.h);
	return 0;
}
