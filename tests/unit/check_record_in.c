/* The record reader: a complete stream, a cut one, trailer misuse. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clm_record_in.h"
#include "helper_test.h"

#define HEAD "claim_id,line_no,proc\n"
#define ROWS "A1,1,97110\nA1,2,97140\n"
#define END CLM_RECORD_TRAILER "\n"

/* A pipe holding text (small: it fits the pipe buffer), writer closed. */
static struct clm_record_reader *
open_pipe(const char *text, int *rfd, struct clm_error *err)
{
	int fds[2];
	char path[32];
	struct clm_record_reader *r;

	ck_assert_int_eq(pipe(fds), 0);
	ck_assert_int_eq(write(fds[1], text, strlen(text)),
	    (ssize_t)strlen(text));
	close(fds[1]);
	snprintf(path, sizeof(path), "/dev/fd/%d", fds[0]);
	r = clm_record_reader_open(path, err);
	*rfd = fds[0];
	return r;
}

static struct clm_record_reader *
open_file(const char *dir, const char *text, struct clm_error *err)
{
	char path[4096];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/in.csv", dir);
	fp = fopen(path, "w");
	ck_assert_ptr_nonnull(fp);
	fputs(text, fp);
	fclose(fp);
	return clm_record_reader_open(path, err);
}

/* Read every row; the last return code, rows counted in *n. */
static int
drain(struct clm_record_reader *r, int *n, struct clm_error *err)
{
	struct clm_row *row = clm_row_new();
	int rc;

	*n = 0;
	while ((rc = clm_record_reader_next(r, row, err)) > 0)
		(*n)++;
	clm_row_free(row);
	return rc;
}

START_TEST(test_pipe_complete)
{
	struct clm_error err;
	int fd, n;
	struct clm_record_reader *r = open_pipe(HEAD ROWS END, &fd, &err);

	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(clm_record_reader_header(r)->ncols, 3);
	ck_assert_int_eq(drain(r, &n, &err), 0);
	ck_assert_int_eq(n, 2);
	clm_record_reader_close(r);
	close(fd);
}
END_TEST

START_TEST(test_pipe_cut)
{
	struct clm_error err;
	int fd, n;
	struct clm_record_reader *r = open_pipe(HEAD ROWS, &fd, &err);

	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(drain(r, &n, &err), -CLM_EFORMAT);
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(err.line, 3);
	ck_assert_ptr_nonnull(strstr(err.msg, "record stream cut"));
	clm_record_reader_close(r);
	close(fd);
}
END_TEST

START_TEST(test_pipe_cut_before_header)
{
	struct clm_error err;
	int fd;
	struct clm_record_reader *r = open_pipe("", &fd, &err);

	ck_assert_ptr_null(r);
	ck_assert_int_eq(err.code, CLM_EFORMAT);
	ck_assert_ptr_nonnull(strstr(err.msg, "record stream cut"));
	close(fd);
}
END_TEST

START_TEST(test_file_trailer_optional)
{
	char *dir = helper_tmpdir();
	struct clm_error err;
	int n;
	struct clm_record_reader *r = open_file(dir, HEAD ROWS, &err);

	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(drain(r, &n, &err), 0);
	ck_assert_int_eq(n, 2);
	clm_record_reader_close(r);
	r = open_file(dir, HEAD ROWS END, &err);
	ck_assert_int_eq(drain(r, &n, &err), 0);
	ck_assert_int_eq(n, 2);
	clm_record_reader_close(r);
	helper_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(test_trailer_misplaced)
{
	char *dir = helper_tmpdir();
	struct clm_error err;
	int n, fd;
	struct clm_record_reader *r;

	/* mid-file */
	r = open_file(dir, HEAD "A1,1,97110\n" END "A1,2,97140\n", &err);
	ck_assert_int_eq(drain(r, &n, &err), -CLM_EFORMAT);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(err.line, 4);
	ck_assert_ptr_nonnull(strstr(err.msg, "data after"));
	clm_record_reader_close(r);
	/* twice, on a pipe */
	r = open_pipe(HEAD ROWS END END, &fd, &err);
	ck_assert_int_eq(drain(r, &n, &err), -CLM_EFORMAT);
	ck_assert_int_eq(err.line, 5);
	ck_assert_ptr_nonnull(strstr(err.msg, "second end-of-records"));
	clm_record_reader_close(r);
	close(fd);
	/* in place of the header */
	r = open_file(dir, END, &err);
	ck_assert_ptr_null(r);
	ck_assert_int_eq(err.code, CLM_EFORMAT);
	helper_rmtree(dir);
	free(dir);
}
END_TEST

static Suite *
record_in_suite(void)
{
	Suite *s = suite_create("record_in");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_pipe_complete);
	tcase_add_test(tc, test_pipe_cut);
	tcase_add_test(tc, test_pipe_cut_before_header);
	tcase_add_test(tc, test_file_trailer_optional);
	tcase_add_test(tc, test_trailer_misplaced);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(record_in_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
