#include <check.h>
#include <stdlib.h>

#include "clm_date.h"

START_TEST(test_valid)
{
	ck_assert(clm_date_valid(20240229));
	ck_assert(!clm_date_valid(20230229));
	ck_assert(clm_date_valid(20000229));	/* divisible by 400 */
	ck_assert(!clm_date_valid(19000229));	/* by 100, not 400 */
	ck_assert(!clm_date_valid(20261301));
	ck_assert(!clm_date_valid(20261100));
	ck_assert(!clm_date_valid(17991231));
	ck_assert(!clm_date_valid(30000101));
}
END_TEST

START_TEST(test_parse)
{
	ck_assert_int_eq(clm_date_parse("20261020"), 20261020);
	ck_assert_int_eq(clm_date_parse("2026102"), 0);
	ck_assert_int_eq(clm_date_parse("202610201"), 0);
	ck_assert_int_eq(clm_date_parse("2026-10-"), 0);
	ck_assert_int_eq(clm_date_parse("20260230"), 0);
}
END_TEST

START_TEST(test_arithmetic)
{
	int ok;

	ck_assert_int_eq(clm_date_to_days(19700101), 0);
	ck_assert_int_eq(clm_date_from_days(clm_date_to_days(20261127)),
	    20261127);
	ck_assert_int_eq(clm_date_next(20240228), 20240229);
	ck_assert_int_eq(clm_date_next(20231231), 20240101);
	ck_assert_int_eq(clm_date_prev(20261001), 20260930);
	ck_assert_int_eq(clm_date_prev(20240301), 20240229);
	ck_assert_int_eq(clm_date_next(20230229), 0);
	ck_assert_int_eq(clm_date_diff(20250101, 20260101, &ok), 365);
	ck_assert(ok);
	ck_assert_int_eq(clm_date_diff(20240101, 20250101, &ok), 366);
	clm_date_diff(0, 20250101, &ok);
	ck_assert(!ok);
	/* Excel's day 45000 is 2023-03-15 (serials count from 1899-12-30) */
	ck_assert_int_eq(clm_date_from_days(clm_date_to_days(18991230) +
	    45000), 20230315);
}
END_TEST

START_TEST(test_today)
{
	setenv("CLM_TODAY", "20261127", 1);
	ck_assert_int_eq(clm_date_today(), 20261127);
	setenv("CLM_TODAY", "20261399", 1);
	ck_assert_int_eq(clm_date_today(), 0);
	unsetenv("CLM_TODAY");
	ck_assert(clm_date_valid(clm_date_today()));
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("date");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_valid);
	tcase_add_test(tc, test_parse);
	tcase_add_test(tc, test_arithmetic);
	tcase_add_test(tc, test_today);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
