#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "clm_codes.h"

START_TEST(test_npi)
{
	/* 1234567893: the worked example of the CMS NPI check digit paper */
	ck_assert_int_eq(clm_codes_npi_check("1234567893"), CLM_NPI_OK);
	ck_assert_int_eq(clm_codes_npi_check_digit("123456789"), 3);
	ck_assert_int_eq(clm_codes_npi_check("1234567890"), CLM_NPI_BAD_CHECK);
	/* a swap of two neighbouring digits is caught */
	ck_assert_int_eq(clm_codes_npi_check("1234567983"), CLM_NPI_BAD_CHECK);
	ck_assert_int_eq(clm_codes_npi_check("1245319599"), CLM_NPI_OK);
	ck_assert_int_eq(clm_codes_npi_check("2000000002"), CLM_NPI_OK);
	ck_assert_int_eq(clm_codes_npi_check("123456789"), CLM_NPI_BAD_FORMAT);
	ck_assert_int_eq(clm_codes_npi_check("12345678931"),
	    CLM_NPI_BAD_FORMAT);
	ck_assert_int_eq(clm_codes_npi_check("123456789A"), CLM_NPI_BAD_FORMAT);
	ck_assert_int_eq(clm_codes_npi_check("3234567893"), CLM_NPI_BAD_FORMAT);
	ck_assert_int_eq(clm_codes_npi_check(""), CLM_NPI_BAD_FORMAT);
	ck_assert_int_eq(clm_codes_npi_check_digit("12345"), -1);
}
END_TEST

START_TEST(test_dx_shape)
{
	char out[CLM_CODES_DX_MAX], shown[16];

	ck_assert_int_eq(clm_codes_dx_norm("M54.50", out), 1);
	ck_assert_str_eq(out, "M5450");
	ck_assert_int_eq(clm_codes_dx_norm("s52.501a", out), 1);
	ck_assert_str_eq(out, "S52501A");
	ck_assert_int_eq(clm_codes_dx_norm("E11", out), 1);
	ck_assert_int_eq(clm_codes_dx_norm("C4A.0", out), 1);
	ck_assert_int_eq(clm_codes_dx_norm("Z3A00", out), 1);
	ck_assert_int_eq(clm_codes_dx_norm("E1", out), 0);
	ck_assert_int_eq(clm_codes_dx_norm("5M450", out), 0);
	ck_assert_int_eq(clm_codes_dx_norm("MM450", out), 0);
	ck_assert_int_eq(clm_codes_dx_norm("M54.5.0", out), 0);
	ck_assert_int_eq(clm_codes_dx_norm("M5.450", out), 0);
	ck_assert_int_eq(clm_codes_dx_norm("S52501AA", out), 0);
	ck_assert_int_eq(clm_codes_dx_norm("M54 50", out), 0);
	ck_assert_int_eq(clm_codes_dx_norm("", out), 0);
	clm_codes_dx_display("M5450", shown, sizeof(shown));
	ck_assert_str_eq(shown, "M54.50");
	clm_codes_dx_display("R69", shown, sizeof(shown));
	ck_assert_str_eq(shown, "R69");
	clm_codes_dx_display("M5450", shown, 5);	/* truncated */
	ck_assert_str_eq(shown, "M54.");
	clm_codes_dx_display("M5450", shown, 4);
	ck_assert_str_eq(shown, "M54");
	ck_assert(clm_codes_dx_is_external("W19XXXA"));
	ck_assert(clm_codes_dx_is_external("V4352XA"));
	ck_assert(clm_codes_dx_is_external("Y92009"));
	ck_assert(clm_codes_dx_is_external("X58XXXA"));
	ck_assert(!clm_codes_dx_is_external("S52501A"));
	ck_assert(!clm_codes_dx_is_external("Z23"));
}
END_TEST

START_TEST(test_proc_and_friends)
{
	ck_assert_int_eq(clm_codes_proc_kind("99213"), CLM_PROC_CPT);
	ck_assert_int_eq(clm_codes_proc_kind("0001F"), CLM_PROC_CPT);
	ck_assert_int_eq(clm_codes_proc_kind("0042T"), CLM_PROC_CPT);
	ck_assert_int_eq(clm_codes_proc_kind("0001U"), CLM_PROC_CPT);
	ck_assert_int_eq(clm_codes_proc_kind("0001A"), CLM_PROC_BAD);
	ck_assert_int_eq(clm_codes_proc_kind("J1100"), CLM_PROC_HCPCS);
	ck_assert_int_eq(clm_codes_proc_kind("G0008"), CLM_PROC_HCPCS);
	ck_assert_int_eq(clm_codes_proc_kind("W1234"), CLM_PROC_BAD);
	ck_assert_int_eq(clm_codes_proc_kind("J110"), CLM_PROC_BAD);
	ck_assert_int_eq(clm_codes_proc_kind("992133"), CLM_PROC_BAD);
	ck_assert_int_eq(clm_codes_proc_kind("j1100"), CLM_PROC_BAD);
	ck_assert(clm_codes_modifier_ok("25"));
	ck_assert(clm_codes_modifier_ok("GT"));
	ck_assert(!clm_codes_modifier_ok("G"));
	ck_assert(!clm_codes_modifier_ok("G-"));
	ck_assert(clm_codes_pos_ok("11"));
	ck_assert(!clm_codes_pos_ok("1"));
	ck_assert(!clm_codes_pos_ok("1A"));
	ck_assert(clm_codes_taxonomy_ok("207Q00000X"));
	ck_assert(!clm_codes_taxonomy_ok("207Q00000"));
	ck_assert(!clm_codes_taxonomy_ok("207Q000000"));
}
END_TEST

START_TEST(test_pointers)
{
	int p[4];

	ck_assert_int_eq(clm_codes_dxptr_parse("1", p, 4), 1);
	ck_assert_int_eq(clm_codes_dxptr_parse("2:1:12:4", p, 4), 4);
	ck_assert_int_eq(p[0], 2);
	ck_assert_int_eq(p[2], 12);
	ck_assert_int_eq(clm_codes_dxptr_parse("", p, 4), 0);
	ck_assert_int_eq(clm_codes_dxptr_parse("1:2:3:4:5", p, 4),
	    CLM_DXPTR_ECOUNT);
	ck_assert_int_eq(clm_codes_dxptr_parse("0", p, 4), CLM_DXPTR_ERANGE);
	ck_assert_int_eq(clm_codes_dxptr_parse("13", p, 4), CLM_DXPTR_ERANGE);
	ck_assert_int_eq(clm_codes_dxptr_parse("1234", p, 4), CLM_DXPTR_EFORM);
	ck_assert_int_eq(clm_codes_dxptr_parse("1,2", p, 4), -1);
	ck_assert_int_eq(clm_codes_dxptr_parse("1:", p, 4), -1);
	ck_assert_int_eq(clm_codes_dxptr_parse(":1", p, 4), -1);
	ck_assert_int_eq(clm_codes_dxptr_parse("A", p, 4), -1);
	ck_assert_int_eq(clm_codes_dxptr_parse("0001", p, 4), -1);
}
END_TEST

START_TEST(test_dates)
{
	char buf[16];

	ck_assert_int_eq(clm_codes_date("20261020"), 20261020);
	ck_assert_int_eq(clm_codes_date("20240229"), 20240229);
	ck_assert_int_eq(clm_codes_date("20250229"), 0);
	ck_assert_int_eq(clm_codes_date("19000229"), 0);
	ck_assert_int_eq(clm_codes_date("20001301"), 0);
	ck_assert_int_eq(clm_codes_date("2026-10-20"), 0);
	ck_assert_int_eq(clm_codes_date(""), 0);
	ck_assert_int_eq(clm_codes_date_any("20261020"), 20261020);
	ck_assert_int_eq(clm_codes_date_any("2026-10-20"), 20261020);
	ck_assert_int_eq(clm_codes_date_any("10/20/2026"), 20261020);
	ck_assert_int_eq(clm_codes_date_any("7/4/1961"), 19610704);
	ck_assert_int_eq(clm_codes_date_any("07-04-1961"), 19610704);
	ck_assert_int_eq(clm_codes_date_any("2/30/2026"), 0);
	ck_assert_int_eq(clm_codes_date_any("10/20/26"), 0);
	ck_assert_int_eq(clm_codes_date_any("2026/10/20"), 0);
	ck_assert_int_eq(clm_codes_date_any("10/20/2026x"), 0);
	ck_assert_int_eq(clm_codes_date_any("10-20/2026"), 0);
	ck_assert_int_eq(clm_codes_date_any(""), 0);
	ck_assert_int_eq(clm_codes_age(19800615, 20260614), 45);
	ck_assert_int_eq(clm_codes_age(19800615, 20260615), 46);
	ck_assert_int_eq(clm_codes_age(20261020, 20261020), 0);
	ck_assert_int_eq(clm_codes_age(20261021, 20261020), -1);
	ck_assert_int_eq(clm_codes_age(0, 20261020), -1);
	clm_codes_date_display(20261001, buf, sizeof(buf));
	ck_assert_str_eq(buf, "2026-10-01");
}
END_TEST

/* What a diagnostic may quote (issue 14.5): codes, never identifiers. */
START_TEST(test_quotable)
{
	static const char *yes[] = { "97110", "M54.50", "M5450", "GP", "G",
		"1:2", "1,2", "225100000X", "T36.0X1A", "$1,250", "(5.00)",
		"-5.00", "12345678", "1234-5678-90", "12345-6789-01", "11",
		"ABK:M5450", "2.0" };
	static const char *no[] = { "", "QUIXOTEZED", "SMITH", "Self",
		"Ann", "two", "03/02/1961", "1961-03-02", "19610302",
		"03021961", "030261", "1/2/70", "W987654321", "123456789",
		"2175550123", "217-555-0123", "77 QUINCE LANE", "77QUINCELANE",
		"12 Oak", "a@b.example", "12345678901234567" };

	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		ck_assert_msg(clm_codes_quotable(yes[i]), "'%s'", yes[i]);
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		ck_assert_msg(!clm_codes_quotable(no[i]), "%zu", i);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("codes");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_npi);
	tcase_add_test(tc, test_quotable);
	tcase_add_test(tc, test_dx_shape);
	tcase_add_test(tc, test_proc_and_friends);
	tcase_add_test(tc, test_pointers);
	tcase_add_test(tc, test_dates);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
