#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "clm_record.h"
#include "helper_test.h"

START_TEST(test_column_lookup)
{
	ck_assert_int_eq(clm_column_lookup("claim_id"), CLM_COL_CLAIM_ID);
	ck_assert_int_eq(clm_column_lookup("dx12"), CLM_COL_DX(12));
	ck_assert_int_eq(clm_column_lookup("mod4"), CLM_COL_MOD(4));
	ck_assert_int_eq(clm_column_lookup("Claim_ID"), -1);
	ck_assert(clm_column_is_line(CLM_COL_PROC));
	ck_assert(!clm_column_is_line(CLM_COL_DX1));
}
END_TEST

START_TEST(test_header_ensure)
{
	struct clm_header *h = clm_header_new();

	ck_assert_uint_eq(clm_header_add(h, "x"), 0);
	ck_assert_uint_eq(clm_header_add(h, "proc"), 1);
	ck_assert_int_eq(h->canon[CLM_COL_PROC], 1);
	ck_assert_uint_eq(clm_header_ensure(h, CLM_COL_PROC), 1);
	ck_assert_uint_eq(clm_header_ensure(h, CLM_COL_STATUS), 2);
	ck_assert_int_eq(clm_header_find(h, "x"), 0);
	ck_assert_int_eq(clm_header_find(h, "nope"), -1);
	clm_header_free(h);
}
END_TEST

START_TEST(test_row_set_aliasing)
{
	struct clm_row *row = clm_row_new();

	clm_row_push(row, "97110GP", 7);
	/* Setting from a pointer into the row's own arena must survive the
	 * arena moving. */
	for (int i = 0; i < 100; i++)
		clm_row_set_value(row, 1, clm_row_value(row, 0) + 5, 2);
	ck_assert_str_eq(clm_row_value(row, 1), "GP");
	ck_assert_str_eq(clm_row_value(row, 7), "");
	clm_row_set_value(row, 3, "x", 1);
	ck_assert_uint_eq(row->n, 4);
	ck_assert_str_eq(clm_row_value(row, 2), "");
	clm_row_free(row);
}
END_TEST

START_TEST(test_row_copy)
{
	struct clm_row *src = clm_row_new(), *dst = clm_row_new();
	char big[600];

	memset(big, 'A', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	clm_row_push(dst, "old", 3);
	clm_row_push(src, "C1", 2);
	clm_row_push(src, "", 0);
	clm_row_push(src, "99213", 5);
	clm_row_set_value(src, 0, "CLAIM-LONGER", 12);	/* moved in the arena */
	clm_row_set_value(src, 3, big, strlen(big));	/* arena grows */
	src->line = 42;
	clm_row_copy(dst, src);
	ck_assert_uint_eq(dst->n, 4);
	ck_assert_int_eq(dst->line, 42);
	for (size_t i = 0; i < src->n; i++) {
		ck_assert_str_eq(clm_row_value(dst, i), clm_row_value(src, i));
		ck_assert_uint_eq(clm_row_value_len(dst, i),
		    clm_row_value_len(src, i));
	}
	clm_row_push(dst, "x", 1);	/* the copy is a working row */
	ck_assert_str_eq(clm_row_value(dst, 4), "x");
	ck_assert_str_eq(clm_row_value(dst, 3), big);
	clm_row_free(src);
	clm_row_free(dst);
}
END_TEST

static struct clm_claim
group_all(const char *text, size_t *nclaims, size_t sizes[8])
{
	struct clm_csv *csv = helper_csv_string(text, ',');
	struct clm_header *h = clm_header_new();
	struct clm_row *names = clm_row_new();
	struct clm_grouper g;
	struct clm_claim c;
	struct clm_error err;

	ck_assert_int_eq(clm_csv_next(csv, names, &err), 1);
	for (size_t i = 0; i < names->n; i++)
		clm_header_add(h, clm_row_value(names, i));
	clm_grouper_init(&g, clm_csv_source, csv, h, "t");
	clm_claim_init(&c);
	*nclaims = 0;
	while (clm_grouper_next(&g, &c, &err) > 0)
		sizes[(*nclaims)++] = c.n;
	clm_grouper_release(&g);
	clm_row_free(names);
	clm_header_free(h);
	clm_csv_close(csv);
	return c;
}

START_TEST(test_grouping)
{
	size_t n, sizes[8];
	struct clm_claim c = group_all("claim_id,line_no\nA,1\nA,2\nB,1\n"
	    "B,1\nB,2\nA,1\n", &n, sizes);

	/* B restarts at line 1: a new claim although the id repeats. */
	ck_assert_uint_eq(n, 4);
	ck_assert_uint_eq(sizes[0], 2);
	ck_assert_uint_eq(sizes[1], 1);
	ck_assert_uint_eq(sizes[2], 2);
	ck_assert_uint_eq(sizes[3], 1);
	clm_claim_free(&c);
}
END_TEST

START_TEST(test_grouping_without_line_no)
{
	size_t n, sizes[8];
	struct clm_claim c = group_all("claim_id,proc\nA,1\nA,2\nB,1\n", &n,
	    sizes);

	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(sizes[0], 2);
	clm_claim_free(&c);
}
END_TEST

static Suite *
record_suite(void)
{
	Suite *s = suite_create("record");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_column_lookup);
	tcase_add_test(tc, test_header_ensure);
	tcase_add_test(tc, test_row_set_aliasing);
	tcase_add_test(tc, test_row_copy);
	tcase_add_test(tc, test_grouping);
	tcase_add_test(tc, test_grouping_without_line_no);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(record_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
