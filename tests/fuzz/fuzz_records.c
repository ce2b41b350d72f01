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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int flag_claims;

/* A stage that adds a finding to every claim when the variant asks. */
static int
fuzz_claim(void *ctx, const struct clm_next *next, struct clm_item *it,
    struct clm_error *err)
{
	(void)ctx;
	(void)next;
	(void)err;
	if (flag_claims && it->c.n > 0)
		clm_finding_add(&it->f, CLM_EDIT_ROW_RAGGED, 1, "", "fuzz");
	return CLM_STAGE_PASS;
}

static const struct clm_stage fuzz_stages[] = {
	{ "fuzz", NULL, NULL, fuzz_claim, NULL },
};

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

/* The bytes as a file: the runtime's own record source reads it (the
 * record reader, its header checks and end-of-records rule). */
static int
one_input(struct clm_tool *t, const uint8_t *data, size_t size)
{
	char in[sizeof(outdir) + 16];
	FILE *fp;
	struct clm_error err;
	int rc;

	snprintf(in, sizeof(in), "%s/in.csv", outdir);
	fp = fopen(in, "wb");
	if (fp == NULL || fwrite(data, 1, size, fp) != size || fclose(fp) != 0)
		abort();
	clm_error_clear(&err);
	t->file = "fuzz";
	rc = run_input(t, in, &err);
	unlink(in);
	return rc;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct clm_tool_spec specs[2] = {
		{ .name = "fuzz", .stages = fuzz_stages, .nstages = 1 },
		{ .name = "fuzz", .stages = fuzz_stages, .nstages = 1,
		    .check_conflicts = 1 },
	};
	struct clm_tool t;
	struct clm_error err;
	char path[sizeof(outdir) + 16];

	if (size < 1)
		return 0;
	setup();
	memset(&t, 0, sizeof(t));
	t.spec = &specs[(data[0] >> 1) & 1];
	t.stages = t.spec->stages;
	t.nstages = t.spec->nstages;
	t.strict = data[0] & 1;
	flag_claims = (data[0] >> 3) & 1;
	snprintf(path, sizeof(path), "%s/out.csv", outdir);
	t.out = clm_out_open(path, &err);
	if (t.out == NULL)
		abort();
	if (one_input(&t, data + 1, size - 1) >= 0 && (data[0] & 4))
		one_input(&t, data + 1, size - 1);
	if (t.h != NULL) {
		clm_error_clear(&err);
		(void)clm_pipe_flush(&t.pipe, &err);
	}
	clm_out_close(t.out);	/* never committed: the temporary goes */
	clm_header_free(t.h);
	return 0;
}
