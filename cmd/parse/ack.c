/*
 * clm-parse --ack FILE: the 999 (005010X231A1) of the X12 input, built by
 * lib/x12/clm_x12ack from the reader's events and committed only when the
 * input was read to its end (no acknowledgment of a file half read).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clm_date.h"
#include "clm_x12ack.h"
#include "clm_x12src.h"
#include "parse.h"

struct parse_ack {
	struct clm_tool *t;
	struct clm_x12ack *ack;
	struct clm_out *out;
};

static int
ack_write(void *ctx, const void *buf, size_t len, struct clm_error *err)
{
	return clm_out_write(ctx, buf, len, err);
}

static void
ack_done(void *ctx, int ended)
{
	struct parse_ack *a = ctx;
	struct clm_error err;

	clm_error_clear(&err);
	if (ended && (clm_x12ack_finish(a->ack, &err) < 0 ||
	    clm_out_commit(a->out, &err) < 0)) {
		clm_tool_error(a->t, &err);
		a->t->failed = 1;
	} else if (!ended) {
		clm_tool_warn(a->t, "%s: the input was not read to its end; "
		    "no acknowledgment written", a->t->file);
	}
	clm_out_close(a->out);
	clm_x12ack_free(a->ack);
	free(a);
}

int
parse_ack_follow(struct clm_tool *t, struct clm_source *s,
    struct clm_error *err)
{
	struct parse_ctx *pc = t->ctx;
	struct parse_ack *a;
	char date[16], hhmm[8];
	const char *now = getenv("CLM_TIME");
	time_t tt = time(NULL);
	struct tm tm;

	if (pc->acked++)
		return clm_error_set(err, CLM_EUSAGE, t->file, 0,
		    "--ack acknowledges one X12 input; this is a second one");
	snprintf(date, sizeof(date), "%08ld", clm_date_today());
	localtime_r(&tt, &tm);
	strftime(hhmm, sizeof(hhmm), "%H%M", &tm);
	if (now != NULL && strlen(now) == 4 && strspn(now, "0123456789") == 4)
		memcpy(hhmm, now, 5);
	a = clm_xcalloc(1, sizeof(*a));
	a->t = t;
	if ((a->out = clm_out_open(pc->ack, err)) == NULL) {
		free(a);
		return -CLM_EIO;
	}
	a->ack = clm_x12ack_new(ack_write, a->out, date, hhmm);
	clm_x12src_follow(s, clm_x12ack_event, a->ack, ack_done, a);
	return 0;
}
