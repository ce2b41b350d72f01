/* Unit tests of the value normalizers (lib/import/clm_norm*.c). */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "clm_norm.h"

#define U CLM_NORM_UNCHANGED
#define R CLM_NORM_REPAIRED
#define E CLM_NORM_ERROR

struct norm_case {
	enum clm_norm_kind kind;
	const char *in;
	enum clm_norm_result want;
	const char *out;	/* the value afterwards */
	const char *edit;	/* finding id, NULL when unchanged */
};

static const struct clm_norm_ctx ctx = { 20261127, 0 };

static void
run_cases(const struct norm_case *tc, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char buf[256];
		struct clm_norm_out o = { buf, sizeof(buf), 0, 0, NULL };
		enum clm_norm_result r = clm_norm_value(tc[i].kind, tc[i].in,
		    strlen(tc[i].in), &ctx, &o);

		ck_assert_msg(r == tc[i].want, "'%s': result %d, want %d",
		    tc[i].in, r, tc[i].want);
		ck_assert_msg(strcmp(buf, tc[i].out) == 0, "'%s': got '%s', "
		    "want '%s'", tc[i].in, buf, tc[i].out);
		ck_assert_uint_eq(o.len, strlen(tc[i].out));
		if (tc[i].edit != NULL)
			ck_assert_msg(strcmp(clm_edit_info(o.edit)->id,
			    tc[i].edit) == 0, "'%s': edit %s, want %s",
			    tc[i].in, clm_edit_info(o.edit)->id, tc[i].edit);
	}
}

static const struct norm_case date_cases[] = {
	{ CLM_NORM_DATE_BIRTH, "07/04/1961", R, "19610704", "NORM-DATE" },
	{ CLM_NORM_DATE_BIRTH, "19610704", U, "19610704", NULL },
	{ CLM_NORM_DATE_BIRTH, "1961-07-04", R, "19610704", "NORM-DATE" },
	{ CLM_NORM_DATE_BIRTH, "7/4/61", R, "19610704", "NORM-DATE" },
	{ CLM_NORM_DATE_BIRTH, "7/4/25", R, "20250704", "NORM-DATE" },
	{ CLM_NORM_DATE_BIRTH, "12/31/26", R, "19261231", "NORM-DATE" },
	{ CLM_NORM_DATE_BIRTH, "04-Jul-1961", R, "19610704", "NORM-DATE" },
	{ CLM_NORM_DATE_BIRTH, "4 July 1961", R, "19610704", "NORM-DATE" },
	{ CLM_NORM_DATE_BIRTH, "Jul 4, 1961", R, "19610704", "NORM-DATE" },
	{ CLM_NORM_DATE_BIRTH, "07041961", R, "19610704", "NORM-DATE" },
	{ CLM_NORM_DATE_BIRTH, "22466", R, "19610704", "NORM-DATE" },
	{ CLM_NORM_DATE_BIRTH, "07/04/1961 00:00", R, "19610704",
	  "NORM-DATE" },
	{ CLM_NORM_DATE_BIRTH, "1961-07-04T00:00:00", R, "19610704",
	  "NORM-DATE" },
	{ CLM_NORM_DATE_BIRTH, " 19610704 ", R, "19610704", "NORM-SPACE" },
	{ CLM_NORM_DATE_SERVICE, "02/30/2026", E, "02/30/2026",
	  "DATE-INVALID" },
	{ CLM_NORM_DATE_SERVICE, "13/01/2026", E, "13/01/2026",
	  "DATE-INVALID" },
	{ CLM_NORM_DATE_SERVICE, "20260230", E, "20260230", "DATE-INVALID" },
	{ CLM_NORM_DATE_SERVICE, "02/29/2024", R, "20240229", "NORM-DATE" },
	{ CLM_NORM_DATE_SERVICE, "10/20/26", R, "20261020", "NORM-DATE" },
	{ CLM_NORM_DATE_SERVICE, "1/5/27", R, "20270105", "NORM-DATE" },
	{ CLM_NORM_DATE_SERVICE, "1/5/28", E, "1/5/28", "DATE-INVALID" },
	{ CLM_NORM_DATE_SERVICE, "1/5/61", E, "1/5/61", "DATE-INVALID" },
	{ CLM_NORM_DATE_SERVICE, "070461", E, "070461", "DATE-INVALID" },
	{ CLM_NORM_DATE_SERVICE, "04.07.1961", E, "04.07.1961",
	  "DATE-INVALID" },
	{ CLM_NORM_DATE_SERVICE, "soon", E, "soon", "DATE-INVALID" },
	{ CLM_NORM_DATE_SERVICE, "2026*10*20", E, "2026*10*20",
	  "X12-DELIMITER" },
	{ CLM_NORM_DATE_SERVICE, "", U, "", NULL },
	/* digit runs longer than a long: no signed overflow (issue 14.12) */
	{ CLM_NORM_DATE_SERVICE, "1/2/99999999999999999999", E,
	  "1/2/99999999999999999999", "DATE-INVALID" },
	{ CLM_NORM_DATE_BIRTH, "4 July 99999999999999999999", E,
	  "4 July 99999999999999999999", "DATE-INVALID" },
	{ CLM_NORM_DATE_BIRTH, "Jul 4, 99999999999999999999", E,
	  "Jul 4, 99999999999999999999", "DATE-INVALID" },
};

START_TEST(test_dates)
{
	run_cases(date_cases, sizeof(date_cases) / sizeof(date_cases[0]));
}
END_TEST

START_TEST(test_date_range)
{
	static const char *ranges[] = { "10/20/2026-10/22/2026",
		"20261020-20261022", "2026-10-20 - 2026-10-22",
		"10/20/2026 to 10/22/2026" };
	char buf[64];

	for (size_t i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++) {
		struct clm_norm_out o = { buf, sizeof(buf), 0, 0, NULL };
		const char *to;

		ck_assert_int_eq(clm_norm_date_range(ranges[i],
		    strlen(ranges[i]), 20261127, &o, &to), R);
		ck_assert_str_eq(buf, "20261020");
		ck_assert_ptr_nonnull(to);
		ck_assert_str_eq(to, "20261022");
	}
	ck_assert(clm_norm_date_valid(20240229));
	ck_assert(!clm_norm_date_valid(20230229));
	ck_assert(!clm_norm_date_valid(17991231));
}
END_TEST

static const struct norm_case money_cases[] = {
	{ CLM_NORM_MONEY, "$1,250", R, "1250.00", "NORM-MONEY" },
	{ CLM_NORM_MONEY, "1250", R, "1250.00", "NORM-MONEY" },
	{ CLM_NORM_MONEY, "1,250.5", R, "1250.50", "NORM-MONEY" },
	{ CLM_NORM_MONEY, "1250.00", U, "1250.00", NULL },
	{ CLM_NORM_MONEY, "0", R, "0.00", "NORM-MONEY" },
	{ CLM_NORM_MONEY, ".5", R, "0.50", "NORM-MONEY" },
	{ CLM_NORM_MONEY, "$ 75.00", R, "75.00", "NORM-MONEY" },
	{ CLM_NORM_MONEY, "12.500", R, "12.50", "NORM-MONEY" },
	{ CLM_NORM_MONEY, "12.505", E, "12.505", "MONEY-FORM" },
	{ CLM_NORM_MONEY, "12,50", E, "12,50", "MONEY-FORM" },
	{ CLM_NORM_MONEY, "-5.00", E, "-5.00", "MONEY-NEGATIVE" },
	{ CLM_NORM_MONEY, "(5.00)", E, "(5.00)", "MONEY-NEGATIVE" },
	{ CLM_NORM_MONEY, "abc", E, "abc", "MONEY-FORM" },
	{ CLM_NORM_MONEY, "12345678901", E, "12345678901", "MONEY-FORM" },
	{ CLM_NORM_QTY, "2.50", R, "2.5", "NORM-UNITS" },
	{ CLM_NORM_QTY, "1.0", R, "1", "NORM-UNITS" },
	{ CLM_NORM_QTY, "01", R, "1", "NORM-UNITS" },
	{ CLM_NORM_QTY, ".5", R, "0.5", "NORM-UNITS" },
	{ CLM_NORM_QTY, "1.5", U, "1.5", NULL },
	{ CLM_NORM_QTY, "0", U, "0", NULL },
	{ CLM_NORM_QTY, "-1", E, "-1", "UNITS-FORM" },
	{ CLM_NORM_QTY, "two", E, "two", "UNITS-FORM" },
};

START_TEST(test_money_units)
{
	run_cases(money_cases, sizeof(money_cases) / sizeof(money_cases[0]));
}
END_TEST

static const struct norm_case text_cases[] = {
	{ CLM_NORM_NAME, "M\xc3\xbcller", R, "MULLER", "NORM-CHARSET" },
	{ CLM_NORM_NAME, "Pe\xc3\xb1" "a", R, "PENA", "NORM-CHARSET" },
	{ CLM_NORM_NAME, "Stra\xc3\x9f" "e", R, "STRASSE", "NORM-CHARSET" },
	{ CLM_NORM_NAME, "O\xe2\x80\x99" "Brien", R, "O'BRIEN",
	  "NORM-CHARSET" },
	{ CLM_NORM_NAME, "\xc5\x81\xc3\xb3" "d\xc5\xba", R, "LODZ",
	  "NORM-CHARSET" },
	{ CLM_NORM_NAME, "  Jane   Doe ", R, "JANE DOE", "NORM-CASE" },
	{ CLM_NORM_NAME, "JANE  DOE", R, "JANE DOE", "NORM-SPACE" },
	{ CLM_NORM_NAME, "JANE DOE", U, "JANE DOE", NULL },
	{ CLM_NORM_NAME, "Suite #200", R, "SUITE #200", "NORM-CASE" },
	{ CLM_NORM_NAME, "\xe7\x8e\x8b", E, "\xe7\x8e\x8b", "X12-CHARSET" },
	{ CLM_NORM_NAME, "Doe \xf0\x9f\x98\x80", E, "Doe \xf0\x9f\x98\x80",
	  "X12-CHARSET" },
	{ CLM_NORM_NAME, "Doe\xff", E, "Doe\xff", "X12-CHARSET" },
	{ CLM_NORM_NAME, "Doe~Jane", E, "Doe~Jane", "X12-DELIMITER" },
	{ CLM_NORM_NAME, "A > B", E, "A > B", "X12-DELIMITER" },
	{ CLM_NORM_NAME, "12 Oak\nApt 4", E, "12 Oak\nApt 4",
	  "X12-DELIMITER" },
	{ CLM_NORM_NAME, "DOE\r\n", R, "DOE", "NORM-SPACE" },
	{ CLM_NORM_NOTE, "Caf\xc3\xa9 visit", R, "Cafe visit",
	  "NORM-CHARSET" },
	{ CLM_NORM_ID, "W 123 456", R, "W123456", "NORM-SPACE" },
	{ CLM_NORM_ASIS, "PA-1234", U, "PA-1234", NULL },
	{ CLM_NORM_ASIS, "PA\xc3\xa9", E, "PA\xc3\xa9", "X12-CHARSET" },
};

START_TEST(test_text)
{
	char buf[64];
	struct clm_norm_out o = { buf, sizeof(buf), 0, 0, NULL };
	struct clm_norm_ctx keep = { 20261127, 1 };

	run_cases(text_cases, sizeof(text_cases) / sizeof(text_cases[0]));
	ck_assert_int_eq(clm_norm_value(CLM_NORM_NAME, "M\xc3\xbcller", 7,
	    &keep, &o), R);
	ck_assert_str_eq(buf, "Muller");
}
END_TEST

static const struct norm_case code_cases[] = {
	{ CLM_NORM_DX, "m54.50", R, "M5450", "NORM-CODE" },
	{ CLM_NORM_DX, "M54.5", R, "M545", "NORM-CODE" },
	{ CLM_NORM_DX, "F32 .9", R, "F329", "NORM-CODE" },
	{ CLM_NORM_DX, "M5450", U, "M5450", NULL },
	{ CLM_NORM_DX, "M5.450", U, "M5.450", NULL },
	{ CLM_NORM_NDC, "12345-6789-01", R, "12345678901", "NORM-NDC" },
	{ CLM_NORM_NDC, "1234-5678-90", R, "01234567890", "NORM-NDC" },
	{ CLM_NORM_NDC, "12345-678-90", R, "12345067890", "NORM-NDC" },
	{ CLM_NORM_NDC, "12345-6789-0", R, "12345678900", "NORM-NDC" },
	{ CLM_NORM_NDC, "12345678901", U, "12345678901", NULL },
	{ CLM_NORM_NDC, "1234567890", E, "1234567890", "NDC-FORM" },
	{ CLM_NORM_NDC, "1234-567-89", E, "1234-567-89", "NDC-FORM" },
	{ CLM_NORM_NPI, "1234567893", U, "1234567893", NULL },
	{ CLM_NORM_NPI, "1234-567-893", R, "1234567893", "NORM-DIGITS" },
	{ CLM_NORM_NPI, "123456789", E, "123456789", "NPI-FORM" },
	{ CLM_NORM_NPI, "1.23457E+09", E, "1.23457E+09", "NPI-FORM" },
	{ CLM_NORM_TIN, "37-1234567", R, "371234567", "NORM-DIGITS" },
	{ CLM_NORM_ZIP, "62704-1234", R, "627041234", "NORM-DIGITS" },
	{ CLM_NORM_ZIP, "62704", U, "62704", NULL },
	{ CLM_NORM_ZIP, "2134", E, "2134", "ZIP-FORM" },
	{ CLM_NORM_PHONE, "(217) 555-0101", R, "2175550101", "NORM-DIGITS" },
	{ CLM_NORM_PHONE, "+1 217 555 0101", R, "2175550101",
	  "NORM-DIGITS" },
	{ CLM_NORM_PHONE, "555-0101", E, "555-0101", "PHONE-FORM" },
	{ CLM_NORM_POS, "11", U, "11", NULL },
	{ CLM_NORM_POS, "3", E, "3", "POS-FORM" },
	{ CLM_NORM_DXPTR, "1,2", R, "1:2", "NORM-DXPTR" },
	{ CLM_NORM_DXPTR, "A B", R, "1:2", "NORM-DXPTR" },
	{ CLM_NORM_DXPTR, "1:2", U, "1:2", NULL },
	{ CLM_NORM_DXPTR, "12", U, "12", NULL },
	{ CLM_NORM_DXPTR, "1,2,3,4,5", E, "1,2,3,4,5", "DXPTR-FORM" },
	{ CLM_NORM_DXPTR, "13", E, "13", "DXPTR-FORM" },
	{ CLM_NORM_SEX, "Female", R, "F", "NORM-SEX" },
	{ CLM_NORM_SEX, "f", R, "F", "NORM-SEX" },
	{ CLM_NORM_SEX, "M", U, "M", NULL },
	{ CLM_NORM_SEX, "W", E, "W", "SEX-INVALID" },
	{ CLM_NORM_REL, "Self", R, "18", "NORM-REL" },
	{ CLM_NORM_REL, "spouse", R, "01", "NORM-REL" },
	{ CLM_NORM_REL, "Child", R, "19", "NORM-REL" },
	{ CLM_NORM_REL, "Other", R, "G8", "NORM-REL" },
	{ CLM_NORM_REL, "1", E, "1", "REL-INVALID" },
	{ CLM_NORM_STATE, "Illinois", R, "IL", "NORM-STATE" },
	{ CLM_NORM_STATE, "new  york", R, "NY", "NORM-STATE" },
	{ CLM_NORM_STATE, "il", R, "IL", "NORM-STATE" },
	{ CLM_NORM_STATE, "XX", E, "XX", "STATE-INVALID" },
	{ CLM_NORM_FREQ, "Replacement", R, "7", "NORM-FREQ" },
	{ CLM_NORM_FREQ, "void", R, "8", "NORM-FREQ" },
	{ CLM_NORM_FREQ, "2", E, "2", "FREQ-INVALID" },
	{ CLM_NORM_YN, "Yes", R, "Y", "NORM-FLAG" },
	{ CLM_NORM_YI, "No", E, "No", "FLAG-INVALID" },
	{ CLM_NORM_ASSIGN, "yes", R, "A", "NORM-FLAG" },
	{ CLM_NORM_UNIT_TYPE, "minutes", R, "MJ", "NORM-CODE" },
	{ CLM_NORM_PAYER_SEQ, "Z", E, "Z", "CODE-INVALID" },
	/* "Commercial" is CI, never upper-cased into a non-code (issue 11) */
	{ CLM_NORM_FILING, "Commercial", R, "CI", "NORM-CODE" },
	{ CLM_NORM_FILING, "mb", R, "MB", "NORM-CODE" },
	{ CLM_NORM_FILING, "BL", U, "BL", NULL },
	{ CLM_NORM_FILING, "Sample Gold Plan", E, "Sample Gold Plan",
	    "CODE-INVALID" },
	{ CLM_NORM_CODE, "225100000x", R, "225100000X", "NORM-CODE" },
};

START_TEST(test_codes)
{
	run_cases(code_cases, sizeof(code_cases) / sizeof(code_cases[0]));
}
END_TEST

struct proc_case {
	const char *in[5];
	enum clm_norm_result want;
	const char *out[5];
	const char *edit;
};

static const struct proc_case proc_cases[] = {
	{ { "97110-GP", "", "", "", "" }, R, { "97110", "GP", "", "", "" },
	  "NORM-MOD" },
	{ { "97110GP", "59", "", "", "" }, R, { "97110", "GP", "59", "", "" },
	  "NORM-MOD" },
	{ { "97110 gp", "GP", "", "", "" }, R, { "97110", "GP", "", "", "" },
	  "NORM-MOD" },
	{ { "97110", "", "gp", "", "" }, R, { "97110", "GP", "", "", "" },
	  "NORM-MOD" },
	{ { "97110", "GP,59", "", "", "" }, R, { "97110", "GP", "59", "", "" },
	  "NORM-MOD" },
	{ { "j3490", "jw", "", "", "" }, R, { "J3490", "JW", "", "", "" },
	  "NORM-CODE" },
	{ { "97110", "GP", "", "", "" }, U, { "97110", "GP", "", "", "" },
	  NULL },
	{ { "97110-GP-59", "KX", "XE", "25", "" }, E,
	  { "97110-GP-59", "KX", "XE", "25", "" }, "MOD-TOO-MANY" },
	{ { "97110:GP", "", "", "", "" }, E, { "97110:GP", "", "", "", "" },
	  "X12-DELIMITER" },
	{ { "9711", "G", "", "", "" }, U, { "9711", "G", "", "", "" }, NULL },
};

START_TEST(test_proc_mods)
{
	for (size_t i = 0; i < sizeof(proc_cases) / sizeof(proc_cases[0]);
	    i++) {
		const struct proc_case *pc = &proc_cases[i];
		struct clm_norm_procmod pm;
		enum clm_norm_result r;

		memset(&pm, 0, sizeof(pm));
		pm.proc = pc->in[0];
		for (int m = 0; m < 4; m++)
			pm.mod[m] = pc->in[m + 1];
		r = clm_norm_proc_mods(&pm);
		ck_assert_msg(r == pc->want, "case %zu: result %d", i, r);
		ck_assert_str_eq(pm.proc, pc->out[0]);
		for (int m = 0; m < 4; m++)
			ck_assert_str_eq(pm.mod[m], pc->out[m + 1]);
		if (pc->edit != NULL)
			ck_assert_str_eq(clm_edit_info(pm.edit)->id, pc->edit);
	}
}
END_TEST

/* Every repaired value is unchanged when normalized again. */
static void
check_idempotent(const struct norm_case *tc, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char b1[256], b2[256];
		struct clm_norm_out o1 = { b1, sizeof(b1), 0, 0, NULL };
		struct clm_norm_out o2 = { b2, sizeof(b2), 0, 0, NULL };

		if (clm_norm_value(tc[i].kind, tc[i].in, strlen(tc[i].in),
		    &ctx, &o1) != R)
			continue;
		ck_assert_msg(clm_norm_value(tc[i].kind, b1, o1.len, &ctx,
		    &o2) == U, "'%s' -> '%s' changes again", tc[i].in, b1);
	}
}

START_TEST(test_idempotent)
{
	check_idempotent(date_cases, sizeof(date_cases) /
	    sizeof(date_cases[0]));
	check_idempotent(money_cases, sizeof(money_cases) /
	    sizeof(money_cases[0]));
	check_idempotent(text_cases, sizeof(text_cases) /
	    sizeof(text_cases[0]));
	check_idempotent(code_cases, sizeof(code_cases) /
	    sizeof(code_cases[0]));
}
END_TEST

START_TEST(test_small_buffer)
{
	char buf[4] = "xyz";
	struct clm_norm_out o = { buf, sizeof(buf), 0, 0, NULL };

	ck_assert_int_eq(clm_norm_value(CLM_NORM_MONEY, "1", 1, &ctx, &o), U);
	ck_assert_str_eq(buf, "xyz");
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("norm");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_dates);
	tcase_add_test(tc, test_date_range);
	tcase_add_test(tc, test_money_units);
	tcase_add_test(tc, test_text);
	tcase_add_test(tc, test_codes);
	tcase_add_test(tc, test_proc_mods);
	tcase_add_test(tc, test_idempotent);
	tcase_add_test(tc, test_small_buffer);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
