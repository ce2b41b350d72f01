#include <check.h>
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "clm_io.h"
#include "helper_test.h"

static int
count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	while ((e = readdir(d)) != NULL)
		n += e->d_name[0] != '.' || strlen(e->d_name) > 2;
	closedir(d);
	return n - (n > 0 ? 0 : 0);
}

START_TEST(test_atomic_commit_mode)
{
	char *dir = helper_tmpdir(), path[512];
	struct clm_error err;
	struct clm_out *out;
	struct stat st;
	char *got;

	snprintf(path, sizeof(path), "%s/out.csv", dir);
	out = clm_out_open(path, &err);
	ck_assert_ptr_nonnull(out);
	ck_assert_int_eq(clm_out_puts(out, "hello\n", &err), 0);
	ck_assert_int_ne(stat(path, &st), 0);	/* not there before commit */
	ck_assert_int_eq(clm_out_commit(out, &err), 0);
	clm_out_close(out);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	got = helper_slurp(path, NULL);
	ck_assert_str_eq(got, "hello\n");
	free(got);
	helper_rmtree(dir);
	free(dir);
}
END_TEST

/* clm_error_set fills every field: no claim or field left from before. */
START_TEST(test_error_set_clears_every_field)
{
	struct clm_error err;
	char buf[1024];

	memset(&err, 0x55, sizeof(err));	/* like stale stack bytes */
	ck_assert_int_eq(clm_error_set(&err, CLM_EIO, "out.837", 0,
	    "write failed: %s", "No space left on device"), -CLM_EIO);
	ck_assert_int_eq(err.code, CLM_EIO);
	ck_assert_str_eq(err.file, "out.837");
	ck_assert_int_eq(err.line, 0);
	ck_assert_str_eq(err.claim, "");
	ck_assert_str_eq(err.field, "");
	clm_error_format(&err, buf, sizeof(buf));
	ck_assert_str_eq(buf, "out.837: write failed: No space left on device");
}
END_TEST

/*
 * A file size limit (SIGXFSZ ignored: write fails with EFBIG) makes writes
 * fail: every later call still sets err in full, and nothing is committed.
 */
static int
write_failure_child(const char *path)
{
	struct rlimit rl = { 4096, 4096 };
	static char big[512 * 1024];
	struct clm_error err;
	struct clm_out *out;
	int ok = 1;

	signal(SIGXFSZ, SIG_IGN);
	if (setrlimit(RLIMIT_FSIZE, &rl) != 0)
		return 3;
	memset(big, 'x', sizeof(big));
	out = clm_out_open(path, &err);
	if (out == NULL)
		return 4;
	ok &= clm_out_write(out, big, sizeof(big), &err) < 0;
	memset(&err, 0x55, sizeof(err));
	ok &= clm_out_write(out, "more", 4, &err) < 0;
	ok &= err.code == CLM_EIO && err.claim[0] == '\0' &&
	    err.field[0] == '\0' && strstr(err.msg, "failed") != NULL;
	memset(&err, 0x55, sizeof(err));
	ok &= clm_out_prepare(out, &err) < 0 && err.claim[0] == '\0' &&
	    err.field[0] == '\0';
	ok &= clm_out_commit(out, &err) < 0;
	clm_out_close(out);
	ok &= access(path, F_OK) != 0;
	return ok ? 0 : 1;
}

START_TEST(test_write_failure_sets_error)
{
	char *dir = helper_tmpdir(), path[512];
	int status;
	pid_t pid;

	snprintf(path, sizeof(path), "%s/out.csv", dir);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0)
		_exit(write_failure_child(path));
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status));
	ck_assert_int_eq(WEXITSTATUS(status), 0);
	ck_assert_int_eq(count_entries(dir), 0);
	helper_rmtree(dir);
	free(dir);
}
END_TEST

/* clm_out_prepare: on disk in the temporary, the target untouched until
 * clm_out_commit renames it (the emitter records ISA13 in between). */
START_TEST(test_sync_then_commit)
{
	char *dir = helper_tmpdir(), path[512];
	struct clm_error err;
	struct clm_out *out;
	char *got;

	snprintf(path, sizeof(path), "%s/out.csv", dir);
	out = clm_out_open(path, &err);
	ck_assert_ptr_nonnull(out);
	ck_assert_int_eq(clm_out_puts(out, "hello\n", &err), 0);
	ck_assert_int_eq(clm_out_prepare(out, &err), 0);
	ck_assert_int_ne(access(path, F_OK), 0);
	ck_assert_int_eq(count_entries(dir), 1);	/* the temporary */
	ck_assert_int_eq(clm_out_prepare(out, &err), 0);	/* idempotent */
	ck_assert_int_eq(clm_out_commit(out, &err), 0);
	clm_out_close(out);
	got = helper_slurp(path, NULL);
	ck_assert_str_eq(got, "hello\n");
	free(got);
	helper_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(test_abort_leaves_nothing)
{
	char *dir = helper_tmpdir(), path[512];
	struct clm_error err;
	struct clm_out *out;

	snprintf(path, sizeof(path), "%s/out.csv", dir);
	out = clm_out_open(path, &err);
	clm_out_puts(out, "partial", &err);
	clm_out_close(out);
	ck_assert_int_eq(count_entries(dir), 0);
	helper_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(test_gzip_round_trip)
{
	char *dir = helper_tmpdir(), path[512], buf[64];
	struct clm_error err;
	struct clm_out *out;
	struct clm_in *in;
	long n;

	snprintf(path, sizeof(path), "%s/out.csv.gz", dir);
	out = clm_out_open(path, &err);
	clm_out_puts(out, "a,b\n1,2\n", &err);
	ck_assert_int_eq(clm_out_commit(out, &err), 0);
	clm_out_close(out);
	in = clm_in_open(path, &err);
	ck_assert_ptr_nonnull(in);
	n = clm_in_read(in, buf, sizeof(buf), &err);
	ck_assert_int_eq(n, 8);
	ck_assert(memcmp(buf, "a,b\n1,2\n", 8) == 0);
	clm_in_close(in);
	helper_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(test_peek_then_read)
{
	char *dir = helper_tmpdir(), path[512], buf[64];
	struct clm_error err;
	struct clm_out *out;
	struct clm_in *in;
	const void *peek;

	snprintf(path, sizeof(path), "%s/in.gz", dir);
	out = clm_out_open(path, &err);
	clm_out_puts(out, "ISA*00*rest", &err);
	clm_out_commit(out, &err);
	clm_out_close(out);
	in = clm_in_open(path, &err);
	ck_assert_int_eq(clm_in_peek(in, &peek, 3, &err), 3);
	ck_assert(memcmp(peek, "ISA", 3) == 0);
	ck_assert_int_eq(clm_in_peek(in, &peek, 100, &err), 11);
	ck_assert_int_eq(clm_in_read(in, buf, 4, &err), 4);
	ck_assert(memcmp(buf, "ISA*", 4) == 0);
	ck_assert_int_eq(clm_in_read(in, buf, sizeof(buf), &err), 7);
	ck_assert_int_eq(clm_in_read(in, buf, sizeof(buf), &err), 0);
	clm_in_close(in);
	helper_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(test_open_missing)
{
	struct clm_error err;

	clm_error_clear(&err);
	ck_assert_ptr_null(clm_in_open("/nonexistent/x.csv", &err));
	ck_assert_int_eq(err.code, CLM_EIO);
	ck_assert_str_eq(err.file, "/nonexistent/x.csv");
	ck_assert_ptr_null(clm_out_open("/nonexistent/dir/x.csv", &err));
}
END_TEST

static void
write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

/* A FIFO (like /dev/null: not a regular file) is written in place. */
START_TEST(test_fifo_written_in_place)
{
	char *dir = helper_tmpdir(), path[512], buf[64] = "";
	struct clm_error err;
	struct stat st;
	FILE *rd;
	pid_t pid;
	int status;

	snprintf(path, sizeof(path), "%s/pipe", dir);
	ck_assert_int_eq(mkfifo(path, 0600), 0);
	pid = fork();
	if (pid == 0) {
		struct clm_out *out = clm_out_open(path, &err);

		_exit(out == NULL || clm_out_puts(out, "claims\n", &err) ||
		    clm_out_commit(out, &err));
	}
	rd = fopen(path, "r");
	ck_assert_ptr_nonnull(rd);
	ck_assert_ptr_nonnull(fgets(buf, sizeof(buf), rd));
	fclose(rd);
	ck_assert_str_eq(buf, "claims\n");
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_int_eq(status, 0);
	ck_assert_int_eq(lstat(path, &st), 0);
	ck_assert(S_ISFIFO(st.st_mode));	/* never renamed over */
	ck_assert_int_eq(count_entries(dir), 1);	/* no temporary left */
	helper_rmtree(dir);
	free(dir);
}
END_TEST

/* A symlink stays a symlink; its target is replaced atomically. */
START_TEST(test_symlink_target_replaced)
{
	char *dir = helper_tmpdir(), link[512], target[512];
	struct clm_error err;
	struct clm_out *out;
	struct stat st;
	char *got;

	snprintf(target, sizeof(target), "%s/real.csv", dir);
	snprintf(link, sizeof(link), "%s/link.csv", dir);
	write_text(target, "old\n");
	ck_assert_int_eq(symlink("real.csv", link), 0);
	out = clm_out_open(link, &err);
	ck_assert_ptr_nonnull(out);
	ck_assert_int_eq(clm_out_puts(out, "new\n", &err), 0);
	ck_assert_int_eq(clm_out_commit(out, &err), 0);
	clm_out_close(out);
	ck_assert_int_eq(lstat(link, &st), 0);
	ck_assert(S_ISLNK(st.st_mode));
	got = helper_slurp(target, NULL);
	ck_assert_str_eq(got, "new\n");
	free(got);
	ck_assert_int_eq(count_entries(dir), 2);
	helper_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(test_dangling_symlink_and_dir_refused)
{
	char *dir = helper_tmpdir(), link[512];
	struct clm_error err;

	snprintf(link, sizeof(link), "%s/dangling", dir);
	ck_assert_int_eq(symlink("nowhere/x.csv", link), 0);
	ck_assert_ptr_null(clm_out_open(link, &err));
	ck_assert_ptr_nonnull(strstr(err.msg, "symbolic link"));
	ck_assert_ptr_null(clm_out_open(dir, &err));
	ck_assert_ptr_nonnull(strstr(err.msg, "directory"));
	ck_assert_int_eq(count_entries(dir), 1);
	helper_rmtree(dir);
	free(dir);
}
END_TEST

	static unsigned stale_seen;

static void
count_stale(const char *target, unsigned n)
{
	(void)target;
	stale_seen += n;
}

START_TEST(test_stale_temporary_removed_live_kept)
{
	char *dir = helper_tmpdir(), path[512], stale[512], live[512];
	char other[512], mine[512];
	struct clm_error err;
	struct clm_out *out;
	struct stat st;
	int lfd, ofd;

	snprintf(path, sizeof(path), "%s/out.csv", dir);
	snprintf(stale, sizeof(stale), "%s/.out.csv.clm.Ab12Cd", dir);
	snprintf(live, sizeof(live), "%s/.out.csv.clm.Zz99Yy", dir);
	snprintf(other, sizeof(other), "%s/.other.csv.clm.Ab12Cd", dir);
	snprintf(mine, sizeof(mine), "%s/.out.csv.backup", dir);
	close(open(mine, O_CREAT | O_WRONLY, 0600));
	close(open(stale, O_CREAT | O_WRONLY, 0600));
	close(open(other, O_CREAT | O_WRONLY, 0600));
	lfd = open(live, O_CREAT | O_WRONLY, 0600);
	ck_assert_int_eq(flock(lfd, LOCK_EX), 0);	/* a running writer */
	ofd = open(other, O_RDONLY);
	stale_seen = 0;
	clm_io_on_stale(count_stale);
	out = clm_out_open(path, &err);
	ck_assert_ptr_nonnull(out);
	ck_assert_uint_eq(stale_seen, 1);
	ck_assert_int_ne(stat(stale, &st), 0);		/* gone */
	ck_assert_int_eq(stat(live, &st), 0);		/* locked: kept */
	ck_assert_int_eq(stat(other, &st), 0);		/* not our target */
	ck_assert_int_eq(stat(mine, &st), 0);		/* not our pattern */
	ck_assert_int_eq(clm_out_commit(out, &err), 0);
	clm_out_close(out);
	clm_io_on_stale(NULL);
	close(lfd);
	close(ofd);
	helper_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(test_signal_cleanup_registry)
{
	char *dir = helper_tmpdir(), path[512];
	struct clm_error err;
	struct clm_out *a, *b;

	snprintf(path, sizeof(path), "%s/a.csv", dir);
	a = clm_out_open(path, &err);
	snprintf(path, sizeof(path), "%s/b.csv", dir);
	b = clm_out_open(path, &err);
	ck_assert_int_eq(count_entries(dir), 2);
	clm_io_remove_temps();
	ck_assert_int_eq(count_entries(dir), 0);
	clm_out_close(a);
	clm_out_close(b);
	helper_rmtree(dir);
	free(dir);
}
END_TEST

/* A main output that fails at prepare commits nothing of the set. */
START_TEST(test_commit_all_or_none)
{
	char *dir = helper_tmpdir(), main_path[512], rep_path[512];
	struct clm_error err;
	struct clm_out *v[2];
	struct rlimit rl, old;
	char big[8192];
	char *got;
	FILE *fp;

	snprintf(main_path, sizeof(main_path), "%s/out.csv", dir);
	snprintf(rep_path, sizeof(rep_path), "%s/report.csv", dir);
	fp = fopen(rep_path, "w");
	fputs("old\n", fp);
	fclose(fp);
	signal(SIGXFSZ, SIG_IGN);
	ck_assert_int_eq(getrlimit(RLIMIT_FSIZE, &old), 0);
	rl = old;
	rl.rlim_cur = 4096;
	ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &rl), 0);
	memset(big, 'x', sizeof(big));
	v[0] = clm_out_open(main_path, &err);
	v[1] = clm_out_open(rep_path, &err);
	ck_assert_int_eq(clm_out_write(v[0], big, sizeof(big), &err), 0);
	clm_out_puts(v[1], "new\n", &err);
	ck_assert_int_lt(clm_out_commit_all(v, 2, &err), 0);
	setrlimit(RLIMIT_FSIZE, &old);	/* also when the suite runs unforked */
	clm_out_close(v[0]);
	clm_out_close(v[1]);
	got = helper_slurp(rep_path, NULL);
	ck_assert_str_eq(got, "old\n");
	free(got);
	ck_assert_int_eq(count_entries(dir), 1);
	helper_rmtree(dir);
	free(dir);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("io");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_atomic_commit_mode);
	tcase_add_test(tc, test_abort_leaves_nothing);
	tcase_add_test(tc, test_error_set_clears_every_field);
	tcase_add_test(tc, test_write_failure_sets_error);
	tcase_add_test(tc, test_sync_then_commit);
	tcase_add_test(tc, test_gzip_round_trip);
	tcase_add_test(tc, test_peek_then_read);
	tcase_add_test(tc, test_open_missing);
	tcase_add_test(tc, test_fifo_written_in_place);
	tcase_add_test(tc, test_symlink_target_replaced);
	tcase_add_test(tc, test_dangling_symlink_and_dir_refused);
	tcase_add_test(tc, test_stale_temporary_removed_live_kept);
	tcase_add_test(tc, test_signal_cleanup_registry);
	tcase_add_test(tc, test_commit_all_or_none);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
