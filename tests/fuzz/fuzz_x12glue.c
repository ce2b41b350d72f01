/*
 * Fuzz the X12-to-record glue of clm-parse (cmd/parse/from_x12.c): the
 * 837P reader's claims turned into rows under the X12 header, the findings
 * queue keyed by CLM position (with a grouper reading one row ahead), the
 * orphan findings, and the cross-claim checks of parse_transform_x12.  The
 * tool's sources are compiled in (the fuzz build links lib/ only); the
 * runtime's functions they call are stubbed, and stdio's stderr discards
 * (the sanitizers still write to file descriptor 2).
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#include "../../cmd/parse/claim.c"
#include "../../cmd/parse/detect.c"
#include "../../cmd/parse/from_csv.c"
#include "../../cmd/parse/from_x12.c"
#include "../../cmd/parse/group.c"
#include "../../cmd/parse/idset.c"

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

static ssize_t
discard(void *c, const char *buf, size_t n)
{
	(void)c;
	(void)buf;
	return (ssize_t)n;
}

static void
quiet_stderr(void)
{
	static int done;
	cookie_io_functions_t io = { NULL, discard, NULL, NULL };
	FILE *fp;

	if (done++)
		return;
	fp = fopencookie(NULL, "w", io);
	if (fp != NULL)
		stderr = fp;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct clm_tool_spec spec = { .name = "fuzz" };
	char path[] = "/tmp/clm-fuzz-x12glue.XXXXXX";
	struct parse_ctx pc;
	struct clm_tool t;
	struct clm_tool_source s;
	struct clm_error err;
	struct clm_grouper g;
	struct clm_claim c;
	struct clm_findings f;
	struct clm_in *in;
	int fd;

	quiet_stderr();
	memset(&pc, 0, sizeof(pc));
	memset(&t, 0, sizeof(t));
	memset(&s, 0, sizeof(s));
	pc.map = clm_map_new();
	t.spec = &spec;
	t.ctx = &pc;
	t.verbose = size > 0 && (data[0] & 1);
	fd = mkstemp(path);
	if (fd < 0)
		abort();
	if (write(fd, data, size) != (ssize_t)size)
		abort();
	close(fd);
	in = clm_in_open(path, &err);
	if (in != NULL && parse_open_x12(&t, in, &s, &err) == 0) {
		clm_grouper_init(&g, s.next, s.src, s.h, "fuzz");
		clm_claim_init(&c);
		clm_findings_init(&f);
		while (clm_grouper_next(&g, &c, &err) > 0) {
			clm_findings_clear(&f);
			if (parse_x12_findings(&t, &c, &f) != 1)
				abort();	/* every claim here is X12 */
			parse_transform_x12(&pc, s.h, &c, &f);
			clm_claim_apply(&c, s.h, &f, 0);
		}
		clm_findings_free(&f);
		clm_claim_free(&c);
		clm_grouper_release(&g);
		s.close(s.src);
	}
	unlink(path);
	clm_map_free(pc.map);
	free(pc.flags);
	parse_idset_free(pc.ids);
	return 0;
}
