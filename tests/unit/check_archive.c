/* The sent archive (clm_archive) and exact amounts (clm_money_parse_n, clm_money_format). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "clm_archive.h"
#include "clm_money.h"
#include "clm_history.h"
#include "helper_test.h"

static struct clm_header *
header(void)
{
	static const char *const cols[] = { "claim_id", "payer_id", "sub_id",
	    "line_no", "dos_from", "dos_to", "proc", "charge", "claim_note" };
	struct clm_header *h = clm_header_new();

	for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		clm_header_add(h, cols[i]);
	return h;
}

static void
add_row(struct clm_claim *c, const char *const *v, size_t n, long line)
{
	struct clm_row *r = clm_row_new();

	for (size_t i = 0; i < n; i++)
		clm_row_push(r, v[i], strlen(v[i]));
	r->line = line;
	clm_claim_append(c, r);
}

/* A claim of two lines; the note holds a comma, a quote and a newline. */
static void
make_claim(struct clm_claim *c, const char *id)
{
	const char *a[] = { id, "00431", "W1", "1", "20261020", "", "97110",
	    "150.00", "see \"chart\",\nline 2" };
	const char *b[] = { id, "00431", "W1", "2", "20261021", "20261022",
	    "97140", "75.5", "" };

	clm_claim_init(c);
	c->file = "in.csv";
	add_row(c, a, 9, 7);
	add_row(c, b, 9, 8);
}

static void
batch(struct clm_archive_batch *b, long sent, const char *isa13)
{
	memset(b, 0, sizeof(*b));
	b->sent = sent;
	snprintf(b->isa13, sizeof(b->isa13), "%s", isa13);
	snprintf(b->gs06, sizeof(b->gs06), "%ld", strtol(isa13, NULL, 10));
	snprintf(b->sender, sizeof(b->sender), "ZZ:A");
	snprintf(b->receiver, sizeof(b->receiver), "ZZ:B");
	snprintf(b->file, sizeof(b->file), "out.837");
}

static void
send(const char *path, struct clm_header *h, long sent, const char *isa13,
    const char *id)
{
	struct clm_error err;
	struct clm_archive_spool *sp = clm_archive_spool_new(&err);
	struct clm_archive_batch b;
	struct clm_claim c;

	ck_assert_ptr_nonnull(sp);
	make_claim(&c, id);
	ck_assert_int_eq(clm_archive_spool_claim(sp, &c, h, "0001", 9, 20,
	    &err), 0);
	ck_assert_uint_eq(clm_archive_spool_count(sp), 1);
	batch(&b, sent, isa13);
	ck_assert_int_eq(clm_archive_append(path, &b, h, sp, &err), 0);
	clm_archive_spool_free(sp);
	clm_claim_free(&c);
}

START_TEST(test_cents)
{
	long long v;
	char buf[32];

	ck_assert_int_eq(clm_money_parse_n("125", 3, &v), 1);
	ck_assert_int_eq(v, 12500);
	ck_assert_int_eq(clm_money_parse_n("125.5", 5, &v), 1);
	ck_assert_int_eq(v, 12550);
	ck_assert_int_eq(clm_money_parse_n("-9.00", 5, &v), 1);
	ck_assert_int_eq(v, -900);
	ck_assert_int_eq(clm_money_parse_n(".5", 2, &v), 1);
	ck_assert_int_eq(v, 50);
	ck_assert_int_eq(clm_money_parse_n("1.005", 5, &v), 0);
	ck_assert_int_eq(clm_money_parse_n("", 0, &v), 0);
	ck_assert_int_eq(clm_money_parse_n("-", 1, &v), 0);
	ck_assert_int_eq(clm_money_parse_n("1e3", 3, &v), 0);
	ck_assert_int_eq(clm_money_parse_n("1.2.3", 5, &v), 0);
	ck_assert_int_eq(clm_money_parse_n("1234567890123456", 16, &v), 0);
	clm_money_format(-5, buf, sizeof(buf));
	ck_assert_str_eq(buf, "-0.05");
	clm_money_format(12550, buf, sizeof(buf));
	ck_assert_str_eq(buf, "125.50");
}
END_TEST

START_TEST(test_append_and_load)
{
	char *dir = helper_tmpdir(), path[512];
	struct clm_header *h = header();
	struct clm_error err;
	struct clm_archive *a;
	const struct clm_archive_claim *c;
	const struct clm_archive_batch *b;
	struct clm_claim orig, rows;
	struct stat st;

	snprintf(path, sizeof(path), "%s/archive", dir);
	send(path, h, 20261127, "000000001", "C1");
	send(path, h, 20261128, "000000002", "C2");
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	a = clm_archive_load(path, &err);
	ck_assert_ptr_nonnull(a);
	ck_assert_uint_eq(clm_archive_nbatches(a), 2);
	ck_assert_uint_eq(clm_archive_nclaims(a), 2);
	c = clm_archive_claim(a, 1);
	b = clm_archive_batch(a, c->batch);
	ck_assert_str_eq(b->isa13, "000000002");
	ck_assert_str_eq(b->gs06, "2");
	ck_assert_int_eq(b->sent, 20261128);
	ck_assert_str_eq(c->clm01, "C2");
	ck_assert_str_eq(c->st02, "0001");
	ck_assert_int_eq(c->charge, 22550);
	ck_assert_int_eq(c->from, 20261020);
	ck_assert_int_eq(c->to, 20261022);
	ck_assert_int_eq(c->first_row, 7);
	ck_assert_int_eq(c->last_row, 8);
	ck_assert_str_eq(c->source, "in.csv");
	ck_assert_str_eq(c->payer_id, "00431");
	ck_assert_int_eq(c->seg_first, 9);
	ck_assert_int_eq(c->seg_last, 20);
	/* in memory: each record's line, line_no and line control number */
	ck_assert_uint_eq(c->nlines, 2);
	ck_assert_int_eq(c->lines[1].line, 8);
	ck_assert_int_eq(c->lines[1].line_no, 2);
	ck_assert_ptr_nonnull(c->lines[0].ctrl);
	ck_assert_int_ge(c->off, 0);
	/* the records come back from the file value for value, with their
	 * lines (a quoted newline in one of them) */
	ck_assert_int_eq(clm_archive_rows(a, 1, &rows, &err), 0);
	ck_assert_uint_eq(rows.n, 2);
	ck_assert_str_eq(clm_row_get(rows.rows[0], b->h,
	    CLM_COL_CLAIM_NOTE), "see \"chart\",\nline 2");
	ck_assert_str_eq(clm_row_get(rows.rows[1], b->h, CLM_COL_CHARGE),
	    "75.5");
	ck_assert_int_eq(rows.rows[1]->line, 8);
	clm_claim_free(&rows);
	ck_assert_int_eq(clm_archive_rows(a, 0, &rows, &err), 0);
	ck_assert_uint_eq(rows.n, 2);
	ck_assert_str_eq(clm_row_get(rows.rows[0], b->h, CLM_COL_CLAIM_ID),
	    "C1");
	clm_claim_free(&rows);
	/* the same fingerprint clm-scrub --history uses */
	make_claim(&orig, "C2");
	ck_assert(c->fp == clm_history_claim_fp(&orig, h));
	clm_claim_free(&orig);
	clm_archive_free(a);
	clm_header_free(h);
	helper_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(test_prune)
{
	char *dir = helper_tmpdir(), path[512];
	struct clm_header *h = header();
	struct clm_error err;
	struct clm_archive *a;
	size_t kept, removed;
	struct clm_claim rows;

	snprintf(path, sizeof(path), "%s/archive", dir);
	send(path, h, 20260101, "000000001", "C1");
	send(path, h, 20260601, "000000002", "C2");
	send(path, h, 20261201, "000000003", "C3");
	ck_assert_int_eq(clm_archive_prune(path, 20260601, &kept, &removed,
	    &err), 0);
	ck_assert_uint_eq(kept, 2);
	ck_assert_uint_eq(removed, 1);
	a = clm_archive_load(path, &err);
	ck_assert_ptr_nonnull(a);
	ck_assert_uint_eq(clm_archive_nclaims(a), 2);
	ck_assert_str_eq(clm_archive_claim(a, 0)->clm01, "C2");
	ck_assert_int_eq(clm_archive_rows(a, 0, &rows, &err), 0);
	ck_assert_str_eq(clm_row_get(rows.rows[0],
	    clm_archive_batch(a, 0)->h, CLM_COL_CLAIM_NOTE),
	    "see \"chart\",\nline 2");
	clm_claim_free(&rows);
	clm_archive_free(a);
	/* appends after a prune go to the new file */
	send(path, h, 20261202, "000000004", "C4");
	a = clm_archive_load(path, &err);
	ck_assert_uint_eq(clm_archive_nclaims(a), 3);
	clm_archive_free(a);
	clm_header_free(h);
	helper_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(test_concurrent_appends)
{
	char *dir = helper_tmpdir(), path[512];
	struct clm_header *h = header();
	struct clm_error err;
	struct clm_archive *a;
	pid_t kids[4];

	snprintf(path, sizeof(path), "%s/archive", dir);
	for (int k = 0; k < 4; k++) {
		kids[k] = fork();
		ck_assert_int_ge(kids[k], 0);
		if (kids[k] == 0) {
			for (int i = 0; i < 25; i++) {
				char id[32];

				snprintf(id, sizeof(id), "K%dN%d", k, i);
				send(path, h, 20261127, "000000001", id);
				if (k == 0 && i % 5 == 0)
					clm_archive_prune(path, 20000101,
					    NULL, NULL, &err);
			}
			_exit(0);
		}
	}
	for (int k = 0; k < 4; k++) {
		int status;

		waitpid(kids[k], &status, 0);
		ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	a = clm_archive_load(path, &err);
	ck_assert_ptr_nonnull(a);
	ck_assert_uint_eq(clm_archive_nclaims(a), 100);
	ck_assert_uint_eq(clm_archive_nbatches(a), 100);
	clm_archive_free(a);
	clm_header_free(h);
	helper_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(test_find)
{
	char *dir = helper_tmpdir(), path[512];
	struct clm_header *h = header();
	struct clm_error err;
	struct clm_archive *a;
	size_t n;

	snprintf(path, sizeof(path), "%s/archive", dir);
	send(path, h, 20261127, "000000001", "C1");
	send(path, h, 20261127, "000000002", "C2");
	send(path, h, 20261128, "000000003", "C1");	/* C1 resent */
	a = clm_archive_load(path, &err);
	ck_assert_ptr_nonnull(a);
	/* the same bill sent twice: the latest */
	ck_assert_int_eq(clm_archive_find(a, "C1", 1, 22550, 20261020,
	    20261022, &n), 2);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(clm_archive_find(a, "C2", 1, 22550, 0, 0, &n), 1);
	/* never by CLM01 alone: the charge and dates must agree */
	ck_assert_int_eq(clm_archive_find(a, "C2", 1, 22500, 0, 0, &n), -1);
	ck_assert_int_eq(clm_archive_find(a, "C2", 1, 22550, 20261021, 0,
	    &n), -1);
	ck_assert_int_eq(clm_archive_find(a, "C3", 0, 0, 0, 0, &n), -1);
	ck_assert_uint_eq(n, 0);
	clm_archive_free(a);
	clm_header_free(h);
	helper_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(test_find_ambiguous)
{
	static const char text[] =
	    "B,20261127,000000001,1,a,b,f\nH,claim_id\n"
	    "C,0001,C1,00000000000000aa,10.00,20261020,20261020,in,1-1,P\n"
	    "C,0001,C1,00000000000000bb,10.00,20261020,20261020,in,2-2,P\n";
	struct clm_error err;
	struct clm_archive *a = clm_archive_load_text(text, strlen(text),
	    "arch", &err);
	size_t n;

	ck_assert_ptr_nonnull(a);
	ck_assert_int_eq(clm_archive_find(a, "C1", 1, 1000, 20261020, 0, &n),
	    -2);
	ck_assert_uint_eq(n, 2);
	clm_archive_free(a);
}
END_TEST

START_TEST(test_bad_text)
{
	static const char *const bad[] = {
		"X,1\n",
		"C,0001,C1,ff,1.00,20261020,20261020,in,1-1,P\n",
		"B,2026,000000001,1,a,b,f\n",
		"B,20261127,000000001,1,a,b,f\nH,line_no\n",
		"B,20261127,000000001,1,a,b,f\nH,claim_id\n"
		    "C,0001,C1,zz,1.00,20261020,20261020,in,1-1,P\n",
		"B,20261127,000000001,1,a,b,f\nH,claim_id\nR,1,C1\n",
		"B,20261127,000000001,1,a,b,f\nH,claim_id\n"
		    "C,0001,C1,ff,1.00,20261020,20261020,in,1-1,P,9-3\n",
	};
	struct clm_error err;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct clm_archive *a = clm_archive_load_text(bad[i],
		    strlen(bad[i]), "arch", &err);

		ck_assert_msg(a == NULL, "case %zu loaded", i);
		ck_assert_str_eq(err.file, "arch");
	}
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("archive");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_cents);
	tcase_add_test(tc, test_append_and_load);
	tcase_add_test(tc, test_prune);
	tcase_add_test(tc, test_concurrent_appends);
	tcase_add_test(tc, test_find);
	tcase_add_test(tc, test_find_ambiguous);
	tcase_add_test(tc, test_bad_text);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
