/*
 * Fuzz the X12-to-record glue (lib/x12/clm_x12src.c, the source clm-parse
 * and clm-code-check read an 837 through): the 837P reader's claims turned
 * into rows under the X12 header with their src_file/src_line, the claim's
 * findings, the orphan findings outside any claim, and clm_claim_apply on
 * the result.  The first byte's bit 0 also follows the reader with a 999
 * being built (clm-parse --ack).
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "clm_stage.h"
#include "clm_x12ack.h"
#include "clm_x12src.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
ack_discard(void *ctx, const void *buf, size_t len, struct clm_error *err)
{
	(void)ctx;
	(void)buf;
	(void)len;
	(void)err;
	return 0;
}

static void
ack_done(void *ctx, int ended)
{
	struct clm_error err;

	clm_error_clear(&err);
	if (ended)
		(void)clm_x12ack_finish(ctx, &err);
	clm_x12ack_free(ctx);
}

static void
read_all(struct clm_source *s)
{
	struct clm_item it;
	struct clm_error err;
	struct clm_findings *orph;

	clm_item_init(&it);
	clm_error_clear(&err);
	for (;;) {
		int rc;

		clm_findings_clear(&it.f);
		rc = s->next(s, &it, &err);
		if ((orph = s->orphans(s)) != NULL)
			clm_findings_clear(orph);
		if (rc <= 0)
			break;
		clm_claim_apply(&it.c, s->h, &it.f, 0);
	}
	clm_item_free(&it);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[] = "/tmp/clm-fuzz-x12glue.XXXXXX";
	struct clm_error err;
	struct clm_source *s;
	struct clm_in *in;
	int fd;

	if (size < 1)
		return 0;
	fd = mkstemp(path);
	if (fd < 0)
		abort();
	if (write(fd, data + 1, size - 1) != (ssize_t)(size - 1))
		abort();
	close(fd);
	clm_error_clear(&err);
	in = clm_in_open(path, &err);
	if (in != NULL) {
		s = clm_x12src_open(in, "fuzz");
		if (data[0] & 1) {
			struct clm_x12ack *a = clm_x12ack_new(ack_discard, NULL,
			    "20261127", "1200");

			clm_x12src_follow(s, clm_x12ack_event, a, ack_done, a);
		}
		read_all(s);
		clm_source_close(s);
	}
	unlink(path);
	return 0;
}
