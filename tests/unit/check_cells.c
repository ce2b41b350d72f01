#include <check.h>
#include <string.h>

#include "clm_cells.h"

static const char *
ptr(const char *cell)
{
	static char out[64];

	if (clm_cells_dx_ptr(cell, out, sizeof(out)) < 0)
		return "(bad)";
	return out;
}

START_TEST(test_pointers)
{
	ck_assert_str_eq(ptr("1,2"), "1:2");
	ck_assert_str_eq(ptr("1:2"), "1:2");
	ck_assert_str_eq(ptr("1 2"), "1:2");
	ck_assert_str_eq(ptr("12"), "1:2");
	ck_assert_str_eq(ptr("123"), "1:2:3");
	ck_assert_str_eq(ptr("A,B"), "1:2");
	ck_assert_str_eq(ptr("ab"), "1:2");
	ck_assert_str_eq(ptr("L"), "12");
	ck_assert_str_eq(ptr("10"), "10");
	ck_assert_str_eq(ptr("11"), "11");
	ck_assert_str_eq(ptr("1,12"), "1:12");
	ck_assert_str_eq(ptr("2-1-4"), "2:1:4");
	ck_assert_str_eq(ptr(""), "");
	ck_assert_str_eq(ptr("M"), "(bad)");
	ck_assert_str_eq(ptr("0"), "(bad)");
	ck_assert_str_eq(ptr("1,13"), "(bad)");
	ck_assert_str_eq(ptr("1x"), "(bad)");
	ck_assert_int_eq(clm_cells_dx_ptr("1 2 3 4 5", (char[64]){ 0 }, 64),
	    5);
}
END_TEST

START_TEST(test_modifiers)
{
	char items[4][CLM_CELLS_TOKEN];

	ck_assert_int_eq(clm_cells_split_mods("GP 59", items, 4), 2);
	ck_assert_str_eq(items[0], "GP");
	ck_assert_str_eq(items[1], "59");
	ck_assert_int_eq(clm_cells_split_mods("GP,59", items, 4), 2);
	ck_assert_int_eq(clm_cells_split_mods("GP-59", items, 4), 2);
	ck_assert_str_eq(items[1], "59");
	ck_assert_int_eq(clm_cells_split_mods("GP59KX", items, 4), 3);
	ck_assert_str_eq(items[2], "KX");
	ck_assert_int_eq(clm_cells_split_mods(" GP ", items, 4), 1);
	ck_assert_int_eq(clm_cells_split_mods("GP 59 KX 25 76", items, 4), 5);
	ck_assert_str_eq(items[3], "25");	/* only max are kept */
	ck_assert_int_eq(clm_cells_split_mods("", items, 4), 0);
}
END_TEST

START_TEST(test_lists)
{
	char items[3][CLM_CELLS_TOKEN];
	char longcell[200];

	ck_assert_int_eq(clm_cells_split_list("M54.50, M62.81;R26.2", items,
	    3), 3);
	ck_assert_str_eq(items[0], "M54.50");
	ck_assert_str_eq(items[2], "R26.2");
	ck_assert_int_eq(clm_cells_split_list("A|B C", items, 3), 3);
	memset(longcell, 'x', sizeof(longcell) - 1);
	longcell[sizeof(longcell) - 1] = 0;
	ck_assert_int_eq(clm_cells_split_list(longcell, items, 3), 1);
	ck_assert_uint_eq(strlen(items[0]), CLM_CELLS_TOKEN - 1);
}
END_TEST

static const char *
letters(const char *canon)
{
	static char out[64];

	if (clm_cells_dx_ptr_letters(canon, out, sizeof(out)) < 0)
		return "(bad)";
	return out;
}

static const char *
guard(const char *v)
{
	static char out[64];

	if (clm_cells_guard(v, out, sizeof(out)) < 0)
		return "(small)";
	return out;
}

START_TEST(test_spreadsheet_safe)
{
	size_t start = 0;

	/* pointers as letters, read back as the same pointers */
	ck_assert_str_eq(letters("1:2"), "A B");
	ck_assert_str_eq(letters("12"), "L");
	ck_assert_str_eq(letters("1:10:12"), "A J L");
	ck_assert_str_eq(ptr(letters("2:4:1")), "2:4:1");
	ck_assert_str_eq(letters("13"), "(bad)");
	/* what a spreadsheet would change is guarded, the rest is not */
	ck_assert_str_eq(guard("00951"), "=\"00951\"");
	ck_assert_str_eq(guard("000123456789"), "=\"000123456789\"");
	ck_assert_str_eq(guard("123456789012"), "=\"123456789012\"");
	ck_assert_str_eq(guard("1E5"), "=\"1E5\"");
	ck_assert_str_eq(guard("1:2"), "=\"1:2\"");
	ck_assert_str_eq(guard("1-2"), "=\"1-2\"");
	ck_assert_str_eq(guard("951"), "951");
	ck_assert_str_eq(guard("0"), "0");
	ck_assert_str_eq(guard("1234567893"), "1234567893");
	ck_assert_str_eq(guard("20261020"), "20261020");
	ck_assert_str_eq(guard("2026-10-20"), "2026-10-20");
	ck_assert_str_eq(guard("150.00"), "150.00");
	ck_assert_str_eq(guard("M54.50"), "M54.50");
	ck_assert_str_eq(guard("E11"), "E11");
	ck_assert_str_eq(guard(""), "");
	/* and read back */
	ck_assert_int_eq(clm_cells_unguard("=\"00951\"", 8, &start), 5);
	ck_assert_int_eq((int)start, 2);
	ck_assert_int_eq(clm_cells_unguard("00951", 5, &start), -1);
	ck_assert_int_eq(clm_cells_unguard("=\"a\"b\"", 7, &start), -1);
	ck_assert_int_eq(clm_cells_unguard("=1+2", 4, &start), -1);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("cells");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_pointers);
	tcase_add_test(tc, test_modifiers);
	tcase_add_test(tc, test_lists);
	tcase_add_test(tc, test_spreadsheet_safe);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
