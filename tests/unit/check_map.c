#include <check.h>
#include <stdio.h>
#include <string.h>

#include "clm_map.h"
#include "clm_profile.h"
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

	ck_assert_int_eq(clm_map_load_text(m, "a = Claim ID\n", 13, "t.map",
	    &err),
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

/* Role words with field words, abbreviations spelled out (issue 11.2). */
START_TEST(test_composed)
{
	ck_assert_int_eq(lookup("Clinic"), CLM_COL_BILL_NAME);
	ck_assert_int_eq(lookup("Clinic NPI"), CLM_COL_BILL_NPI);
	ck_assert_int_eq(lookup("Clinic Address"), CLM_COL_BILL_ADDR1);
	ck_assert_int_eq(lookup("Clinic City"), CLM_COL_BILL_CITY);
	ck_assert_int_eq(lookup("Clinic Tax ID"), CLM_COL_BILL_TIN);
	ck_assert_int_eq(lookup("Group Zip"), CLM_COL_BILL_ZIP);
	ck_assert_int_eq(lookup("Rendering Last"), CLM_COL_REND_LAST);
	ck_assert_int_eq(lookup("Rendering First"), CLM_COL_REND_FIRST);
	ck_assert_int_eq(lookup("Prov NPI"), CLM_COL_REND_NPI);
	ck_assert_int_eq(lookup("Therapist Last"), CLM_COL_REND_LAST);
	ck_assert_int_eq(lookup("Client Last"), CLM_COL_PAT_LAST);
	ck_assert_int_eq(lookup("Client DOB"), CLM_COL_PAT_DOB);
	ck_assert_int_eq(lookup("Pt Sex"), CLM_COL_PAT_SEX);
	ck_assert_int_eq(lookup("Insured Last"), CLM_COL_SUB_LAST);
	ck_assert_int_eq(lookup("Ins Member ID"), CLM_COL_SUB_ID);
	ck_assert_int_eq(lookup("Payer ID"), CLM_COL_PAYER_ID);
	ck_assert_int_eq(lookup("Ref Prov NPI"), CLM_COL_REF_NPI);
	ck_assert_int_eq(lookup("Location Zip"), CLM_COL_FAC_ZIP);
	ck_assert_int_eq(lookup("Svc Date"), CLM_COL_DOS_FROM);
	ck_assert_int_eq(lookup("Place of Svc"), CLM_COL_POS);
	ck_assert_int_eq(lookup("Claim #"), CLM_COL_CLAIM_ID);
	ck_assert_int_eq(lookup("Patient Account #"), CLM_COL_CLAIM_ID);
	ck_assert_int_eq(lookup("Line Amt"), CLM_COL_CHARGE);
	ck_assert_int_eq(lookup("Svc From"), CLM_COL_DOS_FROM);
	ck_assert_int_eq(lookup("Svc To"), CLM_COL_DOS_TO);
	ck_assert_int_eq(lookup("Total Chg"), CLM_COL_TOTAL_CHARGE);
	ck_assert_int_eq(lookup("Client Address 2"), CLM_COL_PAT_ADDR2);
	ck_assert_int_eq(lookup("Ins Name"), CLM_COL_PAYER_NAME);
	/* "Ins Type" holds MB/CI/BL: the filing indicator, not ins_type */
	ck_assert_int_eq(lookup("Ins Type"), CLM_COL_FILING_IND);
	ck_assert_int_eq(lookup("ins_type"), CLM_COL_INS_TYPE);
	ck_assert_int_eq(lookup("MSP Type"), CLM_COL_INS_TYPE);
	/* role or field alone that names nothing stays unmapped */
	ck_assert_int_eq(lookup("Client ID"), -1);
	ck_assert_int_eq(lookup("Rendering"), -1);
	ck_assert_int_eq(lookup("Clinic Charges Report"), -1);
}
END_TEST

START_TEST(test_ignore_rename)
{
	const char *text = "Patient Account # = -\nRoom = Room Number\n";
	struct clm_map *m = clm_map_new();
	struct clm_error err;
	enum clm_map_how how;
	const char *rename;

	clm_error_clear(&err);
	ck_assert_int_eq(clm_map_load_text(m, text, strlen(text), "t.map",
	    &err), 0);
	ck_assert_int_eq(clm_map_resolve(m, "Patient Account #", &how,
	    &rename), CLM_MAP_IGNORE);
	ck_assert_int_eq(clm_map_resolve(m, "room", &how, &rename),
	    CLM_MAP_RENAME);
	ck_assert_str_eq(rename, "Room Number");
	ck_assert_int_eq(clm_map_lookup(m, "Room"), -1);
	ck_assert_int_lt(clm_map_load_text(m, "x = a,b\n", 8, "t.map", &err),
	    0);
	clm_map_free(m);
}
END_TEST

#define LOAD(t) clm_profile_load_text(p, m, t, strlen(t), "p.ini", &err)

START_TEST(test_profile)
{
	const char *text = "# a profile\nClaim # = claim_id\n[defaults]\n"
	    "prov_signature = Y\n; comment\n[values]\n"
	    "filing_ind: Commercial = CI\n[columns]\nTicket = -\n";
	struct clm_map *m = clm_map_new();
	struct clm_profile *p = clm_profile_new();
	struct clm_error err;

	clm_error_clear(&err);
	ck_assert_int_eq(clm_profile_load_text(p, m, text, strlen(text),
	    "p.ini", &err), 0);
	ck_assert_int_eq(clm_map_lookup(m, "claim #"), CLM_COL_CLAIM_ID);
	ck_assert_uint_eq(clm_profile_ndefaults(p), 1);
	ck_assert_str_eq(clm_profile_default(p, CLM_COL_PROV_SIGNATURE)->value,
	    "Y");
	ck_assert_int_eq(clm_profile_default(p, CLM_COL_PROV_SIGNATURE)->line,
	    4);
	ck_assert_ptr_null(clm_profile_default(p, CLM_COL_ACCEPT_ASSIGN));
	ck_assert_str_eq(clm_profile_value(p, CLM_COL_FILING_IND,
	    " commercial "), "CI");
	ck_assert_ptr_null(clm_profile_value(p, CLM_COL_FILING_IND, "MB"));
	ck_assert_int_eq(clm_profile_has_values(p, CLM_COL_PAT_REL), 0);
	/* errors name the line */
	ck_assert_int_lt(LOAD("[bogus]\n"), 0);
	ck_assert_int_eq(err.line, 1);
	ck_assert_int_lt(LOAD("[defaults]\nx = 1\n"), 0);
	ck_assert_int_eq(err.line, 2);
	ck_assert_int_lt(LOAD("[defaults]\nclaim_id = 1\n"), 0);
	ck_assert_int_lt(LOAD("[defaults]\npos = 11\npos = 12\n"), 0);
	ck_assert_int_eq(err.line, 3);
	ck_assert_int_lt(LOAD("[values]\nfiling_ind Commercial = CI\n"),
	    0);
	clm_profile_free(p);
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
	tcase_add_test(tc, test_composed);
	tcase_add_test(tc, test_ignore_rename);
	tcase_add_test(tc, test_profile);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
