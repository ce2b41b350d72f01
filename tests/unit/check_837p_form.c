/* clm_837p_form: each column's element format, from columns.def. */
#include <check.h>
#include <string.h>

#include "clm_837p_form.h"
#include "clm_codes.h"

START_TEST(test_forms_from_columns_def)
{
	ck_assert_int_eq(clm_837p_form(CLM_COL_BILL_NPI), CLM_837P_FORM_DIGITS);
	ck_assert_int_eq(clm_837p_form(CLM_COL_SUB_SEX), CLM_837P_FORM_CODE);
	ck_assert_int_eq(clm_837p_form(CLM_COL_DX1), CLM_837P_FORM_NONE);
	ck_assert_int_eq(clm_837p_form(CLM_COL_STATUS), CLM_837P_FORM_NONE);
	ck_assert_int_eq(clm_837p_form(CLM_COL_COUNT), CLM_837P_FORM_NONE);
	ck_assert_str_eq(clm_837p_element(CLM_COL_CLAIM_ID), "2300 CLM01");
	ck_assert_str_eq(clm_837p_element(CLM_COL_PROC), "2400 SV101-2 (HC)");
	ck_assert_str_eq(clm_837p_element(CLM_COL_STATUS), "");
	ck_assert_str_eq(clm_837p_element(CLM_COL_COUNT), "");
}
END_TEST

START_TEST(test_fits)
{
	static const struct { enum clm_column col; const char *v; int ok; } t[] = {
		{ CLM_COL_BILL_NPI, "1234567893", 1 },
		{ CLM_COL_BILL_NPI, "123456789", 0 },
		{ CLM_COL_BILL_NPI, "12345678X3", 0 },
		{ CLM_COL_PROC, "99213", 1 }, { CLM_COL_PROC, "9921a", 0 },
		{ CLM_COL_PROC, "992130", 0 },
		{ CLM_COL_SUB_ZIP, "62701", 1 }, { CLM_COL_SUB_ZIP, "627011234", 1 },
		{ CLM_COL_SUB_ZIP, "6270", 0 }, { CLM_COL_SUB_ZIP, "62701-1234", 0 },
		{ CLM_COL_SUB_STATE, "IL", 1 }, { CLM_COL_SUB_STATE, "ON", 1 },
		{ CLM_COL_SUB_STATE, "XX", 0 }, { CLM_COL_SUB_STATE, "il", 0 },
		{ CLM_COL_SUB_SEX, "F", 1 }, { CLM_COL_SUB_SEX, "X", 0 },
		{ CLM_COL_SUB_SEX, "F M", 0 },
		{ CLM_COL_FILING_IND, "MB", 1 }, { CLM_COL_FILING_IND, "M", 0 },
		{ CLM_COL_CHARGE, "125.50", 1 }, { CLM_COL_CHARGE, "1.255", 0 },
		{ CLM_COL_UNITS, "1.5", 1 }, { CLM_COL_UNITS, "0", 0 },
		{ CLM_COL_UNITS, "0.00", 0 }, { CLM_COL_UNITS, "1.2.3", 0 },
		{ CLM_COL_UNITS, "1234567890123456", 0 },
		{ CLM_COL_CLAIM_ID, "A1", 1 },
		{ CLM_COL_CLAIM_ID, "123456789012345678901234567890123456789", 0 },
		{ CLM_COL_DX1, "anything at all", 1 },
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		ck_assert_msg(clm_837p_form_fits(t[i].col, t[i].v) == t[i].ok,
		    "%s '%s'", clm_column_name(t[i].col), t[i].v);
}
END_TEST

START_TEST(test_describe)
{
	char buf[160];

	clm_837p_form_describe(CLM_COL_BILL_NPI, buf, sizeof(buf));
	ck_assert_str_eq(buf, "10 digits");
	clm_837p_form_describe(CLM_COL_SUB_SEX, buf, sizeof(buf));
	ck_assert_str_eq(buf, "one of F M U");
	clm_837p_form_describe(CLM_COL_CLAIM_ID, buf, sizeof(buf));
	ck_assert_str_eq(buf, "1 to 38 characters");
}
END_TEST

START_TEST(test_word_in)
{
	ck_assert(clm_codes_word_in("Y N W", "W", 1));
	ck_assert(clm_codes_word_in("Y N W", "Y", 1));
	ck_assert(!clm_codes_word_in("Y N W", "N W", 3));
	ck_assert(!clm_codes_word_in("YN", "Y", 1));
	ck_assert(!clm_codes_word_in("Y N", "", 0));
	ck_assert(clm_codes_digits("0123", 4));
	ck_assert(!clm_codes_digits("01a3", 4));
	ck_assert(clm_codes_upper_alnum("A1Z9", 4));
	ck_assert(!clm_codes_upper_alnum("A1z9", 4));
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("837p_form");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_forms_from_columns_def);
	tcase_add_test(tc, test_fits);
	tcase_add_test(tc, test_describe);
	tcase_add_test(tc, test_word_in);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
