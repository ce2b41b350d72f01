#include <check.h>
#include <stdio.h>
#include <string.h>

#include "clm_map.h"
#include "clm_record.h"
#include "helper_test.h"

static int
lookup(const char *header)
{
	struct clm_map *m = clm_map_new();
	int col = clm_map_lookup(m, header);

	clm_map_free(m);
	return col;
}

START_TEST(test_synonyms)
{
	static const struct {
		const char *header;
		enum clm_column col;
	} cases[] = {
		{ "Visit ID", CLM_COL_CLAIM_ID }, { "Encounter #", CLM_COL_CLAIM_ID },
		{ "Claim No", CLM_COL_CLAIM_ID }, { "DOS", CLM_COL_DOS_FROM },
		{ "Date of Service", CLM_COL_DOS_FROM },
		{ "Service Date", CLM_COL_DOS_FROM }, { "CPT", CLM_COL_PROC },
		{ "CPT/HCPCS", CLM_COL_PROC }, { "Procedure Code", CLM_COL_PROC },
		{ "Diagnosis 1", CLM_COL_DX1 }, { "ICD-10 1", CLM_COL_DX1 },
		{ "ICD-10 12", CLM_COL_DX12 }, { "Dx1", CLM_COL_DX1 },
		{ "Dx A", CLM_COL_DX1 }, { "Dx L", CLM_COL_DX12 },
		{ "Mod 1", CLM_COL_MOD1 }, { "Modifier 4", CLM_COL_MOD4 },
		{ "Patient DOB", CLM_COL_PAT_DOB },
		{ "Date of Birth", CLM_COL_PAT_DOB }, { "Units", CLM_COL_UNITS },
		{ "Qty", CLM_COL_UNITS }, { "Charge", CLM_COL_CHARGE },
		{ "Amount", CLM_COL_CHARGE }, { "Rendering NPI", CLM_COL_REND_NPI },
		{ "Provider NPI", CLM_COL_REND_NPI },
		{ "Member ID", CLM_COL_SUB_ID }, { "Subscriber ID", CLM_COL_SUB_ID },
		{ "Policy #", CLM_COL_SUB_ID }, { "Insured ID", CLM_COL_SUB_ID },
		{ "Patient Last Name", CLM_COL_PAT_LAST },
		{ "Payer ID", CLM_COL_PAYER_ID },
		{ "Primary Insurance", CLM_COL_PAYER_NAME },
		{ "Rendering Provider NPI", CLM_COL_REND_NPI },
		{ "Billing Provider NPI", CLM_COL_BILL_NPI },
		{ "Tax ID", CLM_COL_BILL_TIN }, { "Place of Service", CLM_COL_POS },
		{ "Diagnosis Pointer", CLM_COL_DX_PTR },
		{ "Pointer 3", CLM_COL_DX_PTR }, { "dx_ptr", CLM_COL_DX_PTR },
		{ "CLAIM_ID", CLM_COL_CLAIM_ID },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		ck_assert_msg(lookup(cases[i].header) == (int)cases[i].col,
		    "%s -> %d", cases[i].header, lookup(cases[i].header));
	ck_assert_int_eq(lookup("Favorite Color"), -1);
	ck_assert_int_eq(lookup("ICD-10 13"), -1);
	ck_assert_int_eq(lookup("Mod 5"), -1);
	ck_assert_int_eq(lookup("Dx M"), -1);
	ck_assert_int_eq(lookup(""), -1);
}
END_TEST

/* Every canonical column is reachable by its own name. */
START_TEST(test_canonical_names)
{
	for (int col = 0; col < CLM_COL_COUNT; col++)
		ck_assert_int_eq(lookup(clm_column_name(col)), col);
}
END_TEST

START_TEST(test_map_file_rules)
{
	const char *text = "# a comment\n"
	    "Encounter # = referral_no   # wins over the synonym\n"
	    "\n  Svc = proc\n";
	struct clm_map *m = clm_map_new();
	struct clm_error err;
	enum clm_map_how how;

	ck_assert_int_eq(clm_map_load_text(m, text, strlen(text), "t.map",
	    &err), 0);
	ck_assert_int_eq(clm_map_lookup_how(m, "encounter", &how),
	    CLM_COL_REFERRAL_NO);
	ck_assert_int_eq(how, CLM_MAP_FILE);
	ck_assert_int_eq(clm_map_lookup(m, "SVC"), CLM_COL_PROC);
	ck_assert_int_eq(clm_map_lookup_how(m, "Visit ID", &how),
	    CLM_COL_CLAIM_ID);
	ck_assert_int_eq(how, CLM_MAP_SYNONYM);
	ck_assert_int_eq(clm_map_lookup_how(m, "pos", &how), CLM_COL_POS);
	ck_assert_int_eq(how, CLM_MAP_CANONICAL);
	clm_map_free(m);
}
END_TEST

START_TEST(test_map_file_errors)
{
	struct clm_map *m = clm_map_new();
	struct clm_error err;

	ck_assert_int_eq(clm_map_load_text(m, "a = b\n", 6, "t.map", &err),
	    -CLM_EFORMAT);
	ck_assert_int_eq(err.line, 1);
	ck_assert_int_eq(clm_map_load_text(m, "\nno equals\n", 11, "t.map",
	    &err), -CLM_EFORMAT);
	ck_assert_int_eq(err.line, 2);
	ck_assert_int_eq(clm_map_load_text(m, " = proc\n", 8, "t.map", &err),
	    -CLM_EFORMAT);
	ck_assert_int_eq(clm_map_load_text(m, "x\0 = proc\n", 10, "t.map",
	    &err), -CLM_EFORMAT);
	clm_map_free(m);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("map");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_synonyms);
	tcase_add_test(tc, test_canonical_names);
	tcase_add_test(tc, test_map_file_rules);
	tcase_add_test(tc, test_map_file_errors);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
