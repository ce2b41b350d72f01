/* The stage interface: a source, stages (one holding a window), a sink;
 * the X12 source yields claims with their findings and no global. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clm_io.h"
#include "clm_stage.h"
#include "clm_x12src.h"

/* A source of n one-row claims with ids C1..Cn. */
struct fake_src {
	struct clm_source s;
	int i, n;
};

static int
fake_next(struct clm_source *s, struct clm_item *it, struct clm_error *err)
{
	struct fake_src *fs = s->impl;
	char id[16];

	(void)err;
	if (fs->i == fs->n)
		return 0;
	clm_claim_clear(&it->c);
	clm_claim_append(&it->c, clm_row_new());
	snprintf(id, sizeof(id), "C%d", ++fs->i);
	clm_row_push(it->c.rows[0], id, strlen(id));
	return 1;
}

static void
fake_open(struct fake_src *fs, int n)
{
	memset(fs, 0, sizeof(*fs));
	fs->n = n;
	fs->s.next = fake_next;
	fs->s.h = clm_header_new();
	clm_header_add(fs->s.h, "claim_id");
	fs->s.name = "fake";
	fs->s.impl = fs;
}

/* Stage: one info finding per claim. */
static int
mark_claim(void *ctx, const struct clm_next *next, struct clm_item *it,
    struct clm_error *err)
{
	(void)next;
	(void)err;
	++*(int *)ctx;
	clm_finding_add(&it->f, CLM_EDIT_ROW_RAGGED, 0, "", "seen");
	return CLM_STAGE_PASS;
}

/* Stage: holds one claim, passes the one before (a window of 1). */
struct window {
	struct clm_item held;
	int have;
};

static int
window_claim(void *ctx, const struct clm_next *next, struct clm_item *it,
    struct clm_error *err)
{
	struct window *w = ctx;
	int rc = 0;

	if (w->have)
		rc = clm_stage_pass(next, &w->held, err);
	clm_item_swap(&w->held, it);
	w->have = 1;
	return rc < 0 ? rc : CLM_STAGE_HELD;
}

static int
window_flush(void *ctx, const struct clm_next *next, struct clm_error *err)
{
	struct window *w = ctx;

	if (!w->have)
		return 0;
	w->have = 0;
	return clm_stage_pass(next, &w->held, err);
}

struct sink_log {
	char ids[256];
	int findings;
};

static int
log_sink(void *ctx, const struct clm_header *h, struct clm_item *it,
    struct clm_error *err)
{
	struct sink_log *l = ctx;

	(void)err;
	strcat(l->ids, clm_claim_id(&it->c, h));
	strcat(l->ids, " ");
	l->findings += (int)it->f.n;
	return 0;
}

START_TEST(test_window_stage)
{
	struct fake_src fs;
	struct window w;
	struct sink_log log;
	int before = 0, after = 0;
	struct clm_stage st[3] = {
		{ "mark", &before, NULL, mark_claim, NULL },
		{ "window", &w, NULL, window_claim, window_flush },
		{ "mark2", &after, NULL, mark_claim, NULL },
	};
	struct clm_pipe p;
	struct clm_error err;

	memset(&w, 0, sizeof(w));
	clm_item_init(&w.held);
	memset(&log, 0, sizeof(log));
	fake_open(&fs, 3);
	clm_error_clear(&err);
	clm_pipe_init(&p, st, 3, log_sink, &log);
	ck_assert_int_eq(clm_pipe_start(&p, fs.s.h, &err), 0);
	ck_assert_int_eq(clm_pipe_run(&p, &fs.s, &err), 0);
	/* the window holds the last claim until the flush */
	ck_assert_str_eq(log.ids, "C1 C2 ");
	ck_assert_int_eq(after, 2);
	ck_assert_int_eq(clm_pipe_flush(&p, &err), 0);
	ck_assert_str_eq(log.ids, "C1 C2 C3 ");
	ck_assert_int_eq(before, 3);
	ck_assert_int_eq(after, 3);
	/* each claim kept its own findings through the window */
	ck_assert_int_eq(log.findings, 6);
	clm_item_free(&w.held);
	clm_header_free(fs.s.h);
}
END_TEST

/* Two X12 sources open at once: each claim comes with its own reader
 * findings (no state shared between sources). */
START_TEST(test_x12_source)
{
	const char *path = "testdata/parse-x12/0006-structural-errors/"
	    "errors.837";
	struct clm_error err;
	struct clm_in *a = clm_in_open(path, &err), *b = clm_in_open(path,
	    &err);
	struct clm_source *sa, *sb;
	struct clm_item ia, ib;
	int ra, rb, claims = 0;
	size_t nfind = 0;

	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	sa = clm_x12src_open(a, "a.837");
	sb = clm_x12src_open(b, "b.837");
	ck_assert_int_ge(sa->h->canon[CLM_COL_CLAIM_ID], 0);
	clm_item_init(&ia);
	clm_item_init(&ib);
	for (;;) {
		clm_findings_clear(&ia.f);
		clm_findings_clear(&ib.f);
		ra = sa->next(sa, &ia, &err);
		rb = sb->next(sb, &ib, &err);
		ck_assert_int_eq(ra, rb);
		if (ra <= 0)
			break;
		claims++;
		ck_assert_str_eq(clm_claim_id(&ia.c, sa->h),
		    clm_claim_id(&ib.c, sb->h));
		ck_assert_str_eq(ia.c.file, "a.837");
		ck_assert_uint_eq(ia.f.n, ib.f.n);
		nfind += ia.f.n;
	}
	ck_assert_int_eq(ra, 0);
	ck_assert_int_gt(claims, 0);
	ck_assert_uint_gt(nfind, 0);	/* the structural errors */
	clm_item_free(&ia);
	clm_item_free(&ib);
	clm_source_close(sa);
	clm_source_close(sb);
}
END_TEST

static Suite *
stage_suite(void)
{
	Suite *s = suite_create("stage");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_window_stage);
	tcase_add_test(tc, test_x12_source);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(stage_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
