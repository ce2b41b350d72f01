#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clm_html.h"

/* clm_html_text(s) as written, a string the caller frees. */
static char *
capture_text(const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(fp);
	clm_html_text(fp, s);
	fclose(fp);
	return buf;
}

START_TEST(test_text)
{
	char *t = capture_text("a<b>&\"c'");

	ck_assert_str_eq(t, "a&lt;b&gt;&amp;&quot;c'");
	free(t);
}
END_TEST

START_TEST(test_sort)
{
	struct clm_html_bar b[] = {
		{ "B", 100, 1 }, { "A", 500, 1 }, { "C", 100, 3 }, { "D", 100, 1 },
	};

	clm_html_sort_bars(b, 4);
	ck_assert_str_eq(b[0].label, "A");
	ck_assert_str_eq(b[1].label, "C");	/* same dollars, more claims */
	ck_assert_str_eq(b[2].label, "B");	/* then by label */
	ck_assert_str_eq(b[3].label, "D");
}
END_TEST

START_TEST(test_bars)
{
	struct clm_html_bar b[] = { { "CO-16", 20000, 2 }, { "<x>", 5000, 1 } };
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(fp);
	clm_html_bars(fp, "by-reason", b, 2, "none");
	fclose(fp);
	ck_assert_ptr_nonnull(strstr(buf, "<svg id=\"by-reason\" class=\"chart\""
	    " width=\"800\" height=\"56\">\n"));
	/* the largest is 402 wide, a quarter of it 102 */
	ck_assert_ptr_nonnull(strstr(buf, ">CO-16</text><rect x=\"130\" y=\"4\" "
	    "width=\"402\""));
	ck_assert_ptr_nonnull(strstr(buf, "$200.00 (2)"));
	ck_assert_ptr_nonnull(strstr(buf, ">&lt;x&gt;</text><rect x=\"130\" "
	    "y=\"28\" width=\"102\""));
	ck_assert_ptr_null(strstr(buf, ">none<"));
	free(buf);
	buf = NULL;
	fp = open_memstream(&buf, &len);
	clm_html_bars(fp, "e", b, 0, "none");
	fclose(fp);
	ck_assert_ptr_nonnull(strstr(buf, ">none</text>"));
	ck_assert_ptr_null(strstr(buf, "<rect"));
	free(buf);
}
END_TEST

START_TEST(test_page)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	clm_html_begin(fp, "a&b");
	clm_html_end(fp);
	fclose(fp);
	ck_assert_ptr_nonnull(strstr(buf, "<!DOCTYPE html>\n"));
	ck_assert_ptr_nonnull(strstr(buf, "<title>a&amp;b</title>"));
	ck_assert_ptr_null(strstr(buf, "<script"));
	ck_assert_ptr_null(strstr(buf, "http"));
	ck_assert_int_eq(strcmp(buf + len - 15, "</body></html>\n"), 0);
	free(buf);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("html");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_text);
	tcase_add_test(tc, test_sort);
	tcase_add_test(tc, test_bars);
	tcase_add_test(tc, test_page);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
