#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "clm_history.h"
#include "helper_test.h"

static struct clm_claim
claim_of(struct clm_header *h, const char *const *lines, size_t n)
{
	struct clm_claim c;

	clm_claim_init(&c);
	for (size_t i = 0; i < n; i++) {
		struct clm_row *r = clm_row_new();
		const char *p = lines[i];

		for (size_t col = 0; col < h->ncols; col++) {
			const char *comma = strchr(p, ',');
			size_t len = comma ? (size_t)(comma - p) : strlen(p);

			clm_row_push(r, p, len);
			p += len + (comma != NULL);
		}
		clm_claim_append(&c, r);
	}
	return c;
}

static struct clm_header *
header(void)
{
	static const char *const cols[] = { "claim_id", "payer_id", "sub_id",
	    "sub_last", "sub_dob", "bill_npi", "line_no", "dos_from", "proc",
	    "units", "charge" };
	struct clm_header *h = clm_header_new();

	for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		clm_header_add(h, cols[i]);
	return h;
}

START_TEST(test_fingerprint)
{
	struct clm_header *h = header();
	const char *a[] = { "C1,P,M,X,19800101,1,1,20260101,97110,1,10.00",
	    "C1,P,M,X,19800101,1,2,20260101,97140,1,20.00" };
	const char *b[] = { "C9,P,M,X,19800101,1,1,20260101,97140,1,20.00",
	    "C9,P,M,X,19800101,1,2,20260101,97110,1,10.00" };
	const char *d[] = { "C1,P,M,X,19800101,1,1,20260101,97110,2,10.00",
	    "C1,P,M,X,19800101,1,2,20260101,97140,1,20.00" };
	const char *e[] = { "C1,Q,M,X,19800101,1,1,20260101,97110,1,10.00",
	    "C1,Q,M,X,19800101,1,2,20260101,97140,1,20.00" };
	struct clm_claim ca = claim_of(h, a, 2), cb = claim_of(h, b, 2);
	struct clm_claim cd = claim_of(h, d, 2), ce = claim_of(h, e, 2);

	/* claim id and line order do not matter; units and payer do */
	ck_assert(clm_history_claim_fp(&ca, h) == clm_history_claim_fp(&cb, h));
	ck_assert(clm_history_claim_fp(&ca, h) != clm_history_claim_fp(&cd, h));
	ck_assert(clm_history_claim_fp(&ca, h) != clm_history_claim_fp(&ce, h));
	clm_claim_free(&ca);
	clm_claim_free(&cb);
	clm_claim_free(&cd);
	clm_claim_free(&ce);
	clm_header_free(h);
}
END_TEST

START_TEST(test_append_and_load)
{
	char *dir = helper_tmpdir(), path[512];
	uint64_t fps[] = { 0x0123456789abcdefULL, 42, 0xffffffffffffffffULL };
	struct clm_error err;
	struct clm_history *hist;
	long date = 0;

	snprintf(path, sizeof(path), "%s/hist", dir);
	hist = clm_history_load(path, &err);	/* missing: empty */
	ck_assert_ptr_nonnull(hist);
	ck_assert_uint_eq(clm_history_count(hist), 0);
	clm_history_free(hist);
	ck_assert_int_eq(clm_history_append(path, fps, 2, 20261101, &err), 0);
	ck_assert_int_eq(clm_history_append(path, fps + 1, 2, 20261102, &err),
	    0);
	hist = clm_history_load(path, &err);
	ck_assert_uint_eq(clm_history_count(hist), 3);
	ck_assert(clm_history_contains(hist, 42, &date));
	ck_assert_int_eq(date, 20261101);	/* first date kept */
	ck_assert(clm_history_contains(hist, fps[2], &date));
	ck_assert_int_eq(date, 20261102);
	ck_assert(!clm_history_contains(hist, 43, NULL));
	clm_history_free(hist);
	helper_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(test_concurrent_appends)
{
	char *dir = helper_tmpdir(), path[512];
	struct clm_error err;
	struct clm_history *hist;

	snprintf(path, sizeof(path), "%s/hist", dir);
	for (int k = 0; k < 4; k++) {
		if (fork() == 0) {
			uint64_t fps[500];

			for (int i = 0; i < 500; i++)
				fps[i] = (uint64_t)k * 1000 + (uint64_t)i + 1;
			_exit(clm_history_append(path, fps, 500, 20261101,
			    &err) < 0);
		}
	}
	for (int k = 0; k < 4; k++) {
		int st;

		wait(&st);
		ck_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	}
	hist = clm_history_load(path, &err);	/* every line well formed */
	ck_assert_ptr_nonnull(hist);
	ck_assert_uint_eq(clm_history_count(hist), 2000);
	clm_history_free(hist);
	helper_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(test_bad_text)
{
	const char *text = "# comment\n0000000000000001 20260101\nzz\n";
	struct clm_error err;
	struct clm_history *empty = clm_history_load_text("", 0, "e", &err);

	ck_assert_ptr_nonnull(empty);
	ck_assert_uint_eq(clm_history_count(empty), 0);
	ck_assert(!clm_history_contains(empty, 1, NULL));
	clm_history_free(empty);

	ck_assert_ptr_null(clm_history_load_text(text, strlen(text), "h",
	    &err));
	ck_assert_int_eq(err.line, 3);
	ck_assert_str_eq(err.file, "h");
}
END_TEST

static void
write_text(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	ck_assert_ptr_nonnull(fp);
	fputs(text, fp);
	fclose(fp);
}

static long
file_size(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

/*
 * A write that fails half way (a file size limit, like a full disk: SIGXFSZ
 * ignored, so write returns EFBIG) is undone: the file is back to its old
 * lines, none torn, and the error says so (issue 14.6).
 */
static int
failed_append_child(const char *path)
{
	uint64_t fps[10] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
	struct rlimit rl = { 100, 100 };
	struct clm_error err;
	struct clm_history *hist;
	int ok;

	if (clm_history_append(path, fps, 2, 20261101, &err) < 0)
		return 2;
	signal(SIGXFSZ, SIG_IGN);
	if (setrlimit(RLIMIT_FSIZE, &rl) != 0)
		return 3;
	ok = clm_history_append(path, fps + 2, 8, 20261102, &err) < 0 &&
	    strstr(err.msg, "undone") != NULL && err.claim[0] == '\0';
	ok &= file_size(path) == 52;
	hist = clm_history_load(path, &err);
	ok &= hist != NULL && clm_history_count(hist) == 2;
	clm_history_free(hist);
	return ok ? 0 : 1;
}

START_TEST(test_failed_append_undone)
{
	char *dir = helper_tmpdir(), path[512];
	int status;
	pid_t pid;

	snprintf(path, sizeof(path), "%s/hist", dir);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0)
		_exit(failed_append_child(path));
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status));
	ck_assert_int_eq(WEXITSTATUS(status), 0);
	helper_rmtree(dir);
	free(dir);
}
END_TEST

#define L1 "0000000000000001 20261101\n"
#define L2 "0000000000000002 20261101\n"

/* A torn last line: the reader says so (file, line), an append refuses
 * to glue onto it, clm_history_repair cuts it and nothing else. */
START_TEST(test_torn_last_line)
{
	char *dir = helper_tmpdir(), path[512];
	uint64_t fp = 3;
	struct clm_error err;
	struct clm_history *hist;
	long line;
	int action;

	snprintf(path, sizeof(path), "%s/hist", dir);
	write_text(path, L1 L2 "3f2a9c0d");
	ck_assert_ptr_null(clm_history_load(path, &err));
	ck_assert_int_eq(err.line, 3);
	ck_assert_str_eq(err.file, path);
	ck_assert_ptr_nonnull(strstr(err.msg, "torn"));
	ck_assert_ptr_nonnull(strstr(err.msg, "--history-repair"));
	ck_assert_int_lt(clm_history_append(path, &fp, 1, 20261102, &err), 0);
	ck_assert_int_eq(file_size(path), 60);	/* nothing glued on */
	ck_assert_int_eq(clm_history_repair(path, &line, &action, &err), 0);
	ck_assert_int_eq(action, CLM_HISTORY_REPAIR_CUT);
	ck_assert_int_eq(line, 3);
	ck_assert_int_eq(file_size(path), 52);
	ck_assert_int_eq(clm_history_repair(path, &line, &action, &err), 0);
	ck_assert_int_eq(action, CLM_HISTORY_REPAIR_NONE);
	ck_assert_int_eq(clm_history_append(path, &fp, 1, 20261102, &err), 0);
	hist = clm_history_load(path, &err);
	ck_assert_ptr_nonnull(hist);
	ck_assert_uint_eq(clm_history_count(hist), 3);
	clm_history_free(hist);

	/* a whole last line without its LF gets it */
	write_text(path, L1 "0000000000000002 20261101");
	ck_assert_int_eq(clm_history_repair(path, &line, &action, &err), 0);
	ck_assert_int_eq(action, CLM_HISTORY_REPAIR_COMPLETED);
	ck_assert_int_eq(line, 2);
	ck_assert_int_eq(file_size(path), 52);

	/* damage before the last line is not repaired */
	write_text(path, L1 "zz\n" L2 "3f2a");
	ck_assert_int_lt(clm_history_repair(path, &line, &action, &err), 0);
	ck_assert_int_eq(err.line, 2);
	ck_assert_int_eq(action, CLM_HISTORY_REPAIR_NONE);
	ck_assert_int_eq(file_size(path), 59);
	helper_rmtree(dir);
	free(dir);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("history");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_fingerprint);
	tcase_add_test(tc, test_append_and_load);
	tcase_add_test(tc, test_concurrent_appends);
	tcase_add_test(tc, test_bad_text);
	tcase_add_test(tc, test_failed_append_undone);
	tcase_add_test(tc, test_torn_last_line);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
