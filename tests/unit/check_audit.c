#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clm_audit.h"

static int
count_line(void *arg, const char *line)
{
	(void)line;
	(*(int *)arg)++;
	return 0;
}

/* Values with tabs, line ends and % come back as written. */
START_TEST(test_escape_roundtrip)
{
	struct clm_audit_line l;
	char buf[128];

	clm_audit_line_init(&l);
	clm_audit_field(&l, "cmd", "clm-run");
	clm_audit_field(&l, "cmd", "a\tb\nc%d");
	clm_audit_fieldf(&l, "claims", "%d", 42);
	ck_assert_ptr_null(strchr(l.buf, '\n'));
	ck_assert(clm_audit_get(l.buf, "cmd", 1, buf, sizeof(buf)));
	ck_assert_str_eq(buf, "a\tb\nc%d");
	ck_assert(clm_audit_get(l.buf, "claims", 0, buf, sizeof(buf)));
	ck_assert_str_eq(buf, "42");
	ck_assert(!clm_audit_get(l.buf, "cmd", 2, buf, sizeof(buf)));
	ck_assert(!clm_audit_get(l.buf, "claim", 0, buf, sizeof(buf)));
	clm_audit_line_free(&l);
}
END_TEST

/* Appended records read back; a torn last line is not a record. */
START_TEST(test_append_read)
{
	char path[] = "/tmp/clm-audit-XXXXXX", buf[160];
	struct clm_audit_line l;
	struct clm_error err;
	int fd = mkstemp(path), n = 0;
	FILE *fp;

	ck_assert_int_ge(fd, 0);
	close(fd);
	clm_error_clear(&err);
	clm_audit_line_init(&l);
	clm_audit_field(&l, "time", "2026-12-04T02:00:00Z");
	ck_assert_int_eq(clm_audit_file(&l, "in", path, &err), 0);
	ck_assert(clm_audit_get(l.buf, "in", 0, buf, sizeof(buf)));
	ck_assert(strncmp(buf, "0:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b"
	    "934ca495991b7852b855:/", 68) == 0);
	ck_assert_int_eq(clm_audit_append(path, &l, &err), 0);
	ck_assert_int_eq(clm_audit_append(path, &l, &err), 0);
	fp = fopen(path, "a");
	fputs("time=torn", fp);
	fclose(fp);
	ck_assert_int_eq(clm_audit_read(path, count_line, &n, &err), 0);
	ck_assert_int_eq(n, 2);
	unlink(path);
	n = 0;
	ck_assert_int_eq(clm_audit_read(path, count_line, &n, &err), 0);
	ck_assert_int_eq(n, 0);
	clm_audit_line_free(&l);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("audit");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_escape_roundtrip);
	tcase_add_test(tc, test_append_read);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
