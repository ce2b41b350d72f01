#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clm_codecheck.h"
#include "helper_test.h"

/*
 * Run the checks on the first claim of a CSV text and return its findings
 * as "ID@line:field;..." (static buffer).
 */
static const char *
run(const struct clm_codeset *cs, int sex_edit, const char *text)
{
	static char out[4096];
	struct clm_cc_options opt = { cs, sex_edit, 1, 20261127 };
	struct clm_csv *csv = helper_csv_string(text, ',');
	struct clm_header *h = clm_header_new();
	struct clm_row *row = clm_row_new();
	struct clm_cc *cc = clm_cc_new(&opt);
	struct clm_grouper g;
	struct clm_claim c;
	struct clm_findings f;
	struct clm_error err;
	size_t used = 0;

	ck_assert_int_gt(clm_csv_next(csv, row, &err), 0);
	for (size_t i = 0; i < row->n; i++)
		clm_header_add(h, clm_row_value(row, i));
	clm_grouper_init(&g, clm_csv_source, csv, h, "t");
	clm_claim_init(&c);
	clm_findings_init(&f);
	ck_assert_int_gt(clm_grouper_next(&g, &c, &err), 0);
	clm_cc_check(cc, &c, h, &f);
	out[0] = '\0';
	for (size_t i = 0; i < f.n; i++)
		used += (size_t)snprintf(out + used, sizeof(out) - used,
		    "%s%s@%ld:%s", i ? ";" : "", f.v[i].edit, f.v[i].line,
		    f.v[i].field);
	clm_findings_free(&f);
	clm_claim_free(&c);
	clm_grouper_release(&g);
	clm_cc_free(cc);
	clm_row_free(row);
	clm_header_free(h);
	clm_csv_close(csv);
	return out;
}

#define HDR "claim_id,line_no,dos_from,proc,mod1,dx1,dx2,dx3,dx_ptr," \
    "bill_npi,rend_npi,line_rend_npi,pos,bill_taxonomy\n"

START_TEST(test_clean_without_index)
{
	ck_assert_str_eq(run(NULL, 1, HDR
	    "C1,1,20261020,99213,25,M54.50,R51.9,,1:2,1234567893,,,11,"
	    "207Q00000X\n"), "");
}
END_TEST

START_TEST(test_shapes_without_index)
{
	ck_assert_str_eq(run(NULL, 1, HDR
	    "C1,1,20261020,9921,2-,250.00,M5450,M54.50,3,1234567890,123,"
	    "2000000002,1,207Q\n"),
	    "DX-FORMAT@0:dx1;DX-DUP@0:dx3;NPI-CHECKDIGIT@0:bill_npi;"
	    "NPI-FORMAT@0:rend_npi;TAXONOMY-UNKNOWN@0:bill_taxonomy;"
	    "POS-UNKNOWN@0:pos;PROC-FORMAT@1:proc;MOD-UNKNOWN@1:mod1");
}
END_TEST

START_TEST(test_external_first)
{
	ck_assert_str_eq(run(NULL, 1, HDR
	    "C1,1,20261020,99213,,W19.XXXA,S52.501A,,1:2,,,,,\n"),
	    "DX-EXTERNAL-FIRST@0:dx1");
	/* second is fine */
	ck_assert_str_eq(run(NULL, 1, HDR
	    "C1,1,20261020,99213,,S52.501A,W19.XXXA,,1:2,,,,,\n"), "");
}
END_TEST

START_TEST(test_pointers)
{
	ck_assert_str_eq(run(NULL, 1, HDR
	    "C1,1,20261020,99213,,M5450,,,1:2,,,,,\n"
	    "C1,2,20261020,99213,,M5450,,,,,,,,\n"
	    "C1,3,20261020,99213,,M5450,,,1;2,,,,,\n"),
	    "DXPTR-RANGE@1:dx_ptr;DXPTR-MISSING@2:dx_ptr;"
	    "DXPTR-RANGE@3:dx_ptr");
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("codecheck");
	TCase *tc = tcase_create("no-index");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_clean_without_index);
	tcase_add_test(tc, test_shapes_without_index);
	tcase_add_test(tc, test_external_first);
	tcase_add_test(tc, test_pointers);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
