#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clm_journal.h"

static char dir[64];

static void
put(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	ck_assert_ptr_nonnull(fp);
	fputs(text, fp);
	fclose(fp);
}

static int
has(const char *path, const char *text)
{
	char buf[256];
	FILE *fp = fopen(path, "r");
	size_t n;

	if (fp == NULL)
		return 0;
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	fclose(fp);
	buf[n] = '\0';
	return strcmp(buf, text) == 0;
}

static void
setup(void)
{
	snprintf(dir, sizeof(dir), "/tmp/clm-journal-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void
teardown(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
}

START_TEST(test_commit_together)
{
	char a[128], b[128], j[128], in[128], done[128];
	struct clm_journal *jn;
	struct clm_error err;
	const char *sa, *sb;

	snprintf(a, sizeof(a), "%s/a", dir);
	snprintf(b, sizeof(b), "%s/b", dir);
	snprintf(j, sizeof(j), "%s/journal", dir);
	snprintf(in, sizeof(in), "%s/in", dir);
	snprintf(done, sizeof(done), "%s/done", dir);
	put(b, "old b");
	put(in, "export");
	clm_error_clear(&err);
	jn = clm_journal_new(j);
	sa = clm_journal_stage(jn, a);
	sb = clm_journal_stage_copy(jn, b, &err);
	ck_assert_ptr_nonnull(sb);
	ck_assert(has(sb, "old b"));		/* a copy to change */
	put(sa, "new a");
	put(sb, "new b");
	clm_journal_move(jn, in, done);
	ck_assert(access(a, F_OK) != 0);	/* nothing in place yet */
	ck_assert(has(b, "old b"));
	ck_assert_int_eq(clm_journal_commit(jn, NULL, &err), 0);
	ck_assert(has(a, "new a"));
	ck_assert(has(b, "new b"));
	ck_assert(has(done, "export"));
	ck_assert(access(in, F_OK) != 0);
	ck_assert(access(sa, F_OK) != 0);
	ck_assert(access(j, F_OK) != 0);	/* the journal is gone */
	clm_journal_free(jn);
}
END_TEST

START_TEST(test_abort)
{
	char a[128], j[128];
	struct clm_journal *jn;
	const char *sa;

	snprintf(a, sizeof(a), "%s/a", dir);
	snprintf(j, sizeof(j), "%s/journal", dir);
	put(a, "old a");
	jn = clm_journal_new(j);
	sa = clm_journal_stage(jn, a);
	put(sa, "half");
	clm_journal_abort(jn);
	ck_assert(access(sa, F_OK) != 0);
	ck_assert(has(a, "old a"));
	clm_journal_free(jn);
}
END_TEST

/* A run killed after its first rename: the next one finishes it. */
START_TEST(test_recover)
{
	char a[128], b[128], sa[160], sb[160], j[128], line[1024];
	struct clm_error err;
	int done;
	FILE *fp;

	snprintf(a, sizeof(a), "%s/a", dir);
	snprintf(b, sizeof(b), "%s/b", dir);
	snprintf(j, sizeof(j), "%s/journal", dir);
	clm_journal_staged_name(a, sa, sizeof(sa));
	clm_journal_staged_name(b, sb, sizeof(sb));
	ck_assert_str_eq(sa + strlen(dir), "/.a.clm-run");
	put(a, "new a");		/* renamed before the kill */
	put(sb, "new b");		/* still staged */
	put(b, "old b");
	fp = fopen(j, "w");
	snprintf(line, sizeof(line), "%s\t%s\n%s\t%s\n", sa, a, sb, b);
	fputs(line, fp);
	fclose(fp);
	clm_error_clear(&err);
	ck_assert_int_eq(clm_journal_recover(j, &done, &err), 0);
	ck_assert_int_eq(done, 1);
	ck_assert(has(a, "new a"));
	ck_assert(has(b, "new b"));
	ck_assert(access(j, F_OK) != 0);
	/* nothing to recover: done 0 */
	ck_assert_int_eq(clm_journal_recover(j, &done, &err), 0);
	ck_assert_int_eq(done, 0);
	/* a damaged journal is refused, never half applied */
	put(j, "no tab here\n");
	ck_assert_int_lt(clm_journal_recover(j, &done, &err), 0);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("journal");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_commit_together);
	tcase_add_test(tc, test_abort);
	tcase_add_test(tc, test_recover);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
