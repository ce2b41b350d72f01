/*
 * Fuzz the whole clm-parse CSV path: detection, the decoder (UTF-8 check,
 * Windows-1252), header mapping, claim grouping (window, stream and
 * external sort, chosen by the first byte; the first pass over the file
 * for inputs of odd size) and the cell transforms.  The
 * tool's sources are compiled in, as the fuzz build links lib/ only; the
 * runtime's one function they call is stubbed below.
 */
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#include "../../cmd/parse/claim.c"
#include "../../cmd/parse/detect.c"
#include "../../cmd/parse/from_csv.c"
#include "../../cmd/parse/group.c"
#include "../../cmd/parse/idset.c"
#include "../../cmd/parse/starts.c"
#include "../../cmd/parse/profile.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

void
clm_tool_warn(const struct clm_tool *t, const char *fmt, ...)
{
	(void)t;
	(void)fmt;
}

void
clm_tool_error(struct clm_tool *t, const struct clm_error *err)
{
	(void)err;
	t->failed = 1;
}

static void
run(struct clm_tool *t, const char *path, int ahead)
{
	struct parse_rows s;
	struct clm_error err;
	struct clm_in *in = clm_in_open(path, &err);
	struct clm_grouper g;
	struct clm_claim c;
	struct clm_findings f;
	const void *peek;
	enum parse_format fmt;
	long n;

	if (in == NULL)
		return;
	n = clm_in_peek(in, &peek, 4096, &err);
	fmt = n < 0 ? PARSE_X12 : parse_detect(peek, (size_t)n);
	if (fmt == PARSE_X12) {
		clm_in_close(in);
		return;
	}
	/* parse_open_csv owns in from here, also when it fails */
	if (parse_open_csv(t, in, fmt == PARSE_TSV ? '\t' : ',', ahead, &s,
	    &err) < 0)
		return;
	clm_grouper_init(&g, s.next, s.src, s.h, "fuzz");
	clm_claim_init(&c);
	clm_findings_init(&f);
	while (clm_grouper_next(&g, &c, &err) > 0) {
		clm_findings_clear(&f);
		parse_transform(t->ctx, s.h, &c, &f);
	}
	clm_findings_free(&f);
	clm_claim_free(&c);
	clm_grouper_release(&g);
	s.close(s.src);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct clm_tool_spec spec = { .name = "fuzz" };
	struct parse_ctx pc;
	struct clm_tool t;
	char path[] = "/tmp/clm-fuzz-parse.XXXXXX";
	int fd;

	if (size < 1)
		return 0;
	memset(&pc, 0, sizeof(pc));
	memset(&t, 0, sizeof(t));
	pc.map = clm_map_new();
	pc.profile = clm_profile_new();
	pc.window = 16 + (size_t)(data[0] & 0x7f) * 8;
	pc.sort = data[0] >> 7;
	pc.grouped = 1;
	t.spec = &spec;
	t.ctx = &pc;
	t.quiet = 1;
	fd = mkstemp(path);
	if (fd < 0)
		abort();
	if (write(fd, data + 1, size - 1) != (ssize_t)(size - 1))
		abort();
	close(fd);
	/* odd sizes: read ahead as a regular file is, so that a long input
	 * takes the first pass over the file (claim starts, sorted runs) */
	run(&t, path, (int)(size & 1) && !pc.sort);
	unlink(path);
	clm_map_free(pc.map);
	clm_profile_free(pc.profile);
	free(pc.flags);
	return 0;
}
