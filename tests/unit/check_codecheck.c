#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clm_codecheck.h"
#include "clm_codeset_build.h"
#include "clm_codecheck_int.h"
#include "helper_test.h"

/*
 * Run the checks on the first claim of a CSV text and return its findings
 * as "ID@line:field;..." (static buffer).
 */
static int with_messages;

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
		    "%s%s@%ld:%s%s%s", i ? ";" : "", f.v[i].edit, f.v[i].line,
		    f.v[i].field, with_messages ? " " : "",
		    with_messages ? f.v[i].msg : "");
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
	    "C1,1,20261020,99213,,W19.XXXA,S52.501A,,2:1,,,,,\n"),
	    "DX-EXTERNAL-FIRST@0:dx1");
	/* the line's primary pointer too */
	ck_assert_str_eq(run(NULL, 1, HDR
	    "C1,1,20261020,99213,,W19.XXXA,S52.501A,,1:2,,,,,\n"),
	    "DX-EXTERNAL-FIRST@0:dx1;DXPTR-EXTERNAL@1:dx_ptr");
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

/* A small index from hand-written lists (no ../shared needed). */
static struct clm_codeset *
small_index(int numeric_modifiers)
{
	static const char icd[] =
	    "M54.5\t0\tLow back pain\n"
	    "M54.50\t1\tLow back pain, unspecified\n"
	    "M54.59\t1\tOther low back pain\n"
	    "M72.2\t1\tPlantar fibromatosis\t20151001\t20260930\n"
	    "M72.2\t0\tPlantar fibromatosis\t20261001\n"
	    "M72.20\t1\tUnspecified foot\t20261001\n"
	    "T78.40\t0\tAllergy\nT78.40XA\t1\tInitial\n"
	    "T78.40XD\t1\tSubsequent\n";
	static const char mods_alpha[] = "GP\t1\tPT plan\n";
	static const char mods_all[] = "GP\t1\tPT plan\n25\t1\tE/M\n";
	const char *mods = numeric_modifiers ? mods_all : mods_alpha;
	struct clm_csb *b = clm_csb_new();
	struct clm_error err;
	struct clm_codeset *cs;
	unsigned char *img;
	size_t len;

	ck_assert_int_eq(clm_csb_add_mem(b, "icd10cm-list", icd,
	    sizeof(icd) - 1, "icd", 20151001, 0, "ICD-10-CM test", &err), 0);
	ck_assert_int_eq(clm_csb_add_mem(b, "modifier-list", mods,
	    strlen(mods), "mod", 19990101, 0, "modifiers", &err), 0);
	ck_assert_int_eq(clm_csb_image(b, &img, &len, &err), 0);
	cs = clm_codeset_open_mem(img, len, "test", &err);
	ck_assert_ptr_nonnull(cs);
	free(img);
	clm_csb_free(b);
	return cs;
}

START_TEST(test_header_names_codes_below)
{
	struct clm_codeset *cs = small_index(0);

	with_messages = 1;
	ck_assert_str_eq(run(cs, 1, HDR
	    "C1,1,20261020,97110,,M54.5,,,1,,,,,\n"),
	    "DX-HEADER@0:dx1 dx1 M54.5 is a subcategory header on 2026-10-20 "
	    "(ICD-10-CM test), not a billable code: add the 5th character, "
	    "e.g. M54.50, M54.59");
	clm_codeset_close(cs);
}
END_TEST

START_TEST(test_each_service_date)
{
	struct clm_codeset *cs = small_index(0);

	with_messages = 1;
	/* valid on the 30th, a header from the 1st: once, with the 1st */
	ck_assert_str_eq(run(cs, 1, HDR
	    "C1,1,20260930,97110,,M72.2,,,1,,,,,\n"
	    "C1,2,20261001,97110,,M72.2,,,1,,,,,\n"
	    "C1,3,20261002,97110,,M72.2,,,1,,,,,\n"),
	    "DX-HEADER@0:dx1 dx1 M72.2 is a subcategory header on 2026-10-01 "
	    "(ICD-10-CM test), not a billable code: add the 5th character, "
	    "e.g. M72.20");
	with_messages = 0;
	ck_assert_str_eq(run(cs, 1, HDR
	    "C1,1,20260930,97110,,M72.2,,,1,,,,,\n"), "");
	/* no readable date: checked as of today (20261127 here) */
	ck_assert_str_eq(run(cs, 1, HDR "C1,1,,97110,,M72.2,,,1,,,,,\n"),
	    "DX-HEADER@0:dx1");
	clm_codeset_close(cs);
}
END_TEST

START_TEST(test_placeholder)
{
	struct clm_codeset *cs = small_index(0);

	ck_assert_str_eq(run(cs, 1, HDR
	    "C1,1,20261020,97110,,T78.40A,T78.40,T78.40XQ,1:2:3,,,,,\n"),
	    "DX-7TH@0:dx1;DX-7TH@0:dx2;DX-7TH@0:dx3");
	clm_codeset_close(cs);
}
END_TEST

START_TEST(test_numeric_modifiers)
{
	struct clm_codeset *alpha = small_index(0), *all = small_index(1);

	/* without CPT modifiers in the index, 26 is taken on trust */
	ck_assert_str_eq(run(alpha, 1, HDR
	    "C1,1,20261020,97110,26,M54.50,,,1,,,,,\n"), "");
	ck_assert_str_eq(run(alpha, 1, HDR
	    "C1,1,20261020,97110,GX,M54.50,,,1,,,,,\n"), "MOD-UNKNOWN@1:mod1");
	ck_assert_str_eq(run(all, 1, HDR
	    "C1,1,20261020,97110,26,M54.50,,,1,,,,,\n"), "MOD-UNKNOWN@1:mod1");
	ck_assert_str_eq(run(all, 1, HDR
	    "C1,1,20261020,97110,25,M54.50,,,1,,,,,\n"), "");
	clm_codeset_close(alpha);
	clm_codeset_close(all);
}
END_TEST

START_TEST(test_no_phi_in_messages)
{
	char buf[96];

	ck_assert_str_eq(clm_cc_quote("M54-50", buf, sizeof(buf)), "'M54-50'");
	ck_assert_str_eq(clm_cc_quote("G", buf, sizeof(buf)), "'G'");
	ck_assert_str_eq(clm_cc_quote("12345678", buf, sizeof(buf)),
	    "'12345678'");
	/* nine digits or more: a member id, a phone number (issue 14.5) */
	ck_assert_ptr_null(strchr(clm_cc_quote("123456789", buf,
	    sizeof(buf)), '\''));
	/* names and birth dates that slipped into a code column */
	ck_assert_ptr_null(strchr(clm_cc_quote("SMITH", buf, sizeof(buf)),
	    '\''));
	ck_assert_ptr_null(strchr(clm_cc_quote("19700101", buf, sizeof(buf)),
	    '\''));
	ck_assert_ptr_null(strchr(clm_cc_quote("01/02/1970", buf,
	    sizeof(buf)), '\''));
	ck_assert_ptr_null(strchr(clm_cc_quote("1970-01-02", buf,
	    sizeof(buf)), '\''));
	ck_assert_ptr_null(strchr(clm_cc_quote("1/2/70", buf, sizeof(buf)),
	    '\''));
	ck_assert_ptr_null(strchr(clm_cc_quote("12 MAIN ST", buf,
	    sizeof(buf)), '\''));
	ck_assert_str_eq(clm_cc_quote("1:2:13", buf, sizeof(buf)), "'1:2:13'");
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
	tcase_add_test(tc, test_no_phi_in_messages);
	suite_add_tcase(s, tc);
	tc = tcase_create("index");
	tcase_add_test(tc, test_header_names_codes_below);
	tcase_add_test(tc, test_each_service_date);
	tcase_add_test(tc, test_placeholder);
	tcase_add_test(tc, test_numeric_modifiers);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
