#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clm_date.h"
#include "clm_rules.h"
#include "helper_test.h"

/* A claim from "col,col\nv,v\n..." text (claim_id and line_no included). */
static struct clm_header *hdr;

static struct clm_claim
make_claim(const char *csv)
{
	struct clm_csv *p = helper_csv_string(csv, ',');
	struct clm_row *row = clm_row_new();
	struct clm_claim c;
	struct clm_error err;

	hdr = clm_header_new();
	clm_claim_init(&c);
	ck_assert_int_eq(clm_csv_next(p, row, &err), 1);
	for (size_t i = 0; i < row->n; i++)
		clm_header_add(hdr, clm_row_value(row, i));
	while (clm_csv_next(p, row, &err) > 0) {
		clm_claim_append(&c, row);
		row = clm_row_new();
	}
	clm_row_free(row);
	clm_csv_close(p);
	return c;
}

static struct clm_rules *
rules_of(const char *text)
{
	struct clm_rules *r = clm_rules_new();
	struct clm_error err;

	clm_error_clear(&err);
	if (clm_rules_load_text(r, text, strlen(text), "t.rules", &err) < 0)
		ck_abort_msg("load: %s (line %ld)", err.msg, err.line);
	return r;
}

/* Run rules on a claim; returns the findings (caller frees). */
static struct clm_findings
run(const char *rules, const char *csv, long as_of)
{
	struct clm_rules *r = rules_of(rules);
	struct clm_claim c = make_claim(csv);
	struct clm_findings f;

	clm_findings_init(&f);
	clm_rules_bind(r, hdr);
	clm_rules_check(r, &c, hdr, as_of, &f);
	clm_claim_free(&c);
	clm_header_free(hdr);
	clm_rules_free(r);
	return f;
}

static const char *therapy =
    "# therapy\n"
    "rule gp\n"
    "  severity error\n"
    "  message needs GP\n"
    "  claim has filing_ind in MB\n"
    "  line has proc in 97110 97161-97168 G02*\n"
    "  line lacks mod in GP GO GN\n"
    "end\n";

START_TEST(test_line_has_lacks)
{
	struct clm_findings f = run(therapy,
	    "claim_id,filing_ind,line_no,proc,mod1,mod2\n"
	    "C,MB,1,97110,GP,\n"
	    "C,MB,2,97110,,59\n"
	    "C,MB,3,97163,,\n"
	    "C,MB,4,99213,,\n"
	    "C,MB,5,G0283,,\n", 20260101);

	ck_assert_uint_eq(f.n, 3);
	ck_assert_str_eq(f.v[0].edit, "RULE-gp");
	ck_assert_int_eq(f.v[0].line, 2);
	ck_assert_int_eq(f.v[1].line, 3);	/* range */
	ck_assert_int_eq(f.v[2].line, 5);	/* prefix */
	ck_assert_int_eq(f.v[0].severity, CLM_SEV_ERROR);
	ck_assert_str_eq(f.v[0].msg, "needs GP");
	clm_findings_free(&f);
}
END_TEST

START_TEST(test_claim_clause_gates)
{
	struct clm_findings f = run(therapy,
	    "claim_id,filing_ind,line_no,proc,mod1\n"
	    "C,CI,1,97110,\n", 20260101);

	ck_assert_uint_eq(f.n, 0);
	clm_findings_free(&f);
}
END_TEST

START_TEST(test_payer_and_claim_level)
{
	const char *rules =
	    "rule pa\n payer P1 P2\n severity warning\n message need auth\n"
	    " claim has proc in 70450\n claim has prior_auth empty\nend\n";
	struct clm_findings f = run(rules,
	    "claim_id,payer_id,prior_auth,line_no,proc\n"
	    "C,P2,,1,99213\nC,P2,,2,70450\n", 20260101);

	ck_assert_uint_eq(f.n, 1);
	ck_assert_int_eq(f.v[0].line, 0);	/* claim level */
	ck_assert_int_eq(f.v[0].severity, CLM_SEV_WARNING);
	clm_findings_free(&f);
	f = run(rules, "claim_id,payer_id,prior_auth,line_no,proc\n"
	    "C,P3,,1,70450\n", 20260101);
	ck_assert_uint_eq(f.n, 0);	/* other payer */
	clm_findings_free(&f);
	f = run(rules, "claim_id,payer_id,prior_auth,line_no,proc\n"
	    "C,P1,A1,1,70450\n", 20260101);
	ck_assert_uint_eq(f.n, 0);	/* has the number */
	clm_findings_free(&f);
}
END_TEST

START_TEST(test_comparisons_and_age)
{
	const char *rules =
	    "rule big\n severity info\n message big\n line has units > 4\n"
	    "end\n"
	    "rule tf\n edit TIMELY-FILING\n message old\n"
	    " line has dos_from age > 365\nend\n";
	struct clm_findings f = run(rules,
	    "claim_id,line_no,units,dos_from\n"
	    "C,1,4,20250101\nC,2,10,20250102\nC,3,1.5,2025XXXX\n",
	    20260102);

	ck_assert_uint_eq(f.n, 2);
	ck_assert_str_eq(f.v[0].edit, "RULE-big");
	ck_assert_int_eq(f.v[0].line, 2);	/* 10 > 4 numerically */
	ck_assert_str_eq(f.v[1].edit, "TIMELY-FILING");
	ck_assert_int_eq(f.v[1].severity, CLM_SEV_WARNING);
	ck_assert_int_eq(f.v[1].line, 1);	/* 366 days; line 2 is 365 */
	clm_findings_free(&f);
}
END_TEST

START_TEST(test_regex_and_dx)
{
	const char *rules =
	    "rule id\n severity warning\n message id shape\n"
	    " claim lacks sub_id matches /^[A-Z]{3}\\d{9}$/\nend\n"
	    "rule z\n severity info\n message z code\n"
	    " claim has dx matches /^z/i\nend\n";
	struct clm_findings f = run(rules,
	    "claim_id,sub_id,dx1,dx2,line_no\nC,AB123,M545,Z0000,1\n",
	    20260101);

	ck_assert_uint_eq(f.n, 2);
	ck_assert_str_eq(f.v[0].edit, "RULE-id");
	ck_assert_str_eq(f.v[1].edit, "RULE-z");
	clm_findings_free(&f);
	f = run(rules, "claim_id,sub_id,dx1,line_no\nC,ABC123456789,M545,1\n",
	    20260101);
	ck_assert_uint_eq(f.n, 0);
	clm_findings_free(&f);
}
END_TEST

START_TEST(test_catastrophic_regex_is_bounded)
{
	const char *rules =
	    "rule evil\n severity warning\n message evil\n"
	    " claim has claim_note matches /^(a+)+$/\nend\n";
	char csv[512];
	struct clm_findings f;

	snprintf(csv, sizeof(csv), "claim_id,claim_note,line_no\nC,%s,1\n",
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab");
	f = run(rules, csv, 20260101);
	/* the match limit stops it: an error finding, not a hang */
	ck_assert_uint_eq(f.n, 1);
	ck_assert_str_eq(f.v[0].edit, "RULE-evil");
	ck_assert_int_eq(f.v[0].severity, CLM_SEV_ERROR);
	ck_assert_ptr_nonnull(strstr(f.v[0].msg, "match limit"));
	clm_findings_free(&f);
}
END_TEST

static void
expect_error(const char *text, long line, const char *needle)
{
	struct clm_rules *r = clm_rules_new();
	struct clm_error err;

	clm_error_clear(&err);
	ck_assert_int_lt(clm_rules_load_text(r, text, strlen(text), "bad.rules",
	    &err), 0);
	ck_assert_int_eq(err.line, line);
	ck_assert_str_eq(err.file, "bad.rules");
	if (strstr(err.msg, needle) == NULL)
		ck_abort_msg("'%s' lacks '%s'", err.msg, needle);
	ck_assert_uint_eq(clm_rules_count(r), 0);
	clm_rules_free(r);
}

START_TEST(test_errors)
{
	expect_error("rule a\n severity error\n message m\n"
	    " line has proc matches /(/\nend\n", 4, "rule a: bad pattern");
	expect_error("rule a\n severity bad\n", 2, "severity must be");
	expect_error("rule a\n severity error\n message m\nend\n", 4,
	    "no condition");
	expect_error("rule a\n message m\n line has proc = 1\n", 3,
	    "missing 'end'");
	expect_error("line has proc = 1\n", 1, "outside a rule");
	expect_error("rule a\n edit NO-SUCH\n", 2, "not in the catalogue");
	expect_error("rule a\n line is proc\n", 2, "has or lacks");
	expect_error("rule a\n line has proc like 1\n", 2, "unknown test");
	expect_error("rule a\n line has dos_from age in 1\n", 2,
	    "age needs a comparison");
	expect_error("rule a b\n", 1, "rule id");
	expect_error("rule a\n severity info\n message m\n line has proc "
	    "empty\nend\nrule a\n", 6, "already defined");
}
END_TEST

START_TEST(test_load_dir)
{
	char *dir = helper_tmpdir(), path[512];
	struct clm_rules *r = clm_rules_new();
	struct clm_error err;
	FILE *fp;

	snprintf(path, sizeof(path), "%s/a.rules", dir);
	fp = fopen(path, "w");
	fputs(therapy, fp);
	fclose(fp);
	snprintf(path, sizeof(path), "%s/b.rules.sample", dir);
	fp = fopen(path, "w");
	fputs("not rules\n", fp);
	fclose(fp);
	ck_assert_int_eq(clm_rules_load(r, dir, &err), 0);
	ck_assert_uint_eq(clm_rules_count(r), 1);
	ck_assert_int_lt(clm_rules_load(r, "/nonexistent/x", &err), 0);
	unlink(path);
	snprintf(path, sizeof(path), "%s/a.rules", dir);
	unlink(path);
	ck_assert_int_eq(clm_rules_load(r, dir, &err), 0);	/* empty dir */
	ck_assert_uint_eq(clm_rules_count(r), 1);
	clm_rules_free(r);
	helper_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(test_dates)
{
	int ok;

	ck_assert_int_eq(clm_date_parse("20240229"), 20240229);
	ck_assert_int_eq(clm_date_parse("20250229"), 0);
	ck_assert_int_eq(clm_date_parse("2025010"), 0);
	ck_assert_int_eq(clm_date_diff(20250101, 20260101, &ok),
	    365);
	ck_assert_int_eq(ok, 1);
	ck_assert_int_eq(clm_date_diff(20240101, 20250101, &ok),
	    366);
	clm_date_diff(0, 20250101, &ok);
	ck_assert_int_eq(ok, 0);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("rules");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_line_has_lacks);
	tcase_add_test(tc, test_claim_clause_gates);
	tcase_add_test(tc, test_payer_and_claim_level);
	tcase_add_test(tc, test_comparisons_and_age);
	tcase_add_test(tc, test_regex_and_dx);
	tcase_add_test(tc, test_catastrophic_regex_is_bounded);
	tcase_add_test(tc, test_errors);
	tcase_add_test(tc, test_load_dir);
	tcase_add_test(tc, test_dates);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
